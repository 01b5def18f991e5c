// Store URLs (postgres://user:password@host:port/db?sslmode=…) as the options and the CLI take them,
// without loading the PostgreSQL driver: the embedded SQLite default never needs it.

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

/** The URL as it may be printed: the password replaced. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
