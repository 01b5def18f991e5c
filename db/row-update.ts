// The partial-row UPDATE that the service row stores (reception visits, billing checkouts) share:
// set only the fields a patch names (a boolean as SQLite's 0/1), the state when given, and
// updated_at always. Patches name different field sets, so each distinct statement is prepared once
// and cached. The table and key column come from the caller, never from input.
import type Database from 'better-sqlite3';

/** SQLite has no boolean: a flag is 0/1. */
const sqlValue = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v);

export function createRowUpdate<Patch extends object, State extends string>(
  sqlite: Database.Database,
  table: string,
  keyColumn: string,
  columns: Record<keyof Patch, string>,
): (id: string, patch: Patch, state: State | undefined, now: number) => void {
  const statements = new Map<string, Database.Statement>();
  return (id, patch, state, now) => {
    const cols: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(patch)) if (v !== undefined) cols[columns[key as keyof Patch]] = sqlValue(v);
    if (state) cols.state = state;
    const sql = `UPDATE ${table} SET ${['updated_at', ...Object.keys(cols)].map((c) => `${c} = @${c}`).join(', ')} WHERE ${keyColumn} = @${keyColumn}`;
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, stmt = sqlite.prepare(sql));
    stmt.run({ ...cols, updated_at: now, [keyColumn]: id });
  };
}
