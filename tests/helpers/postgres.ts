// A real PostgreSQL for the tests: Debian's server (package postgresql, installed by
// scripts/setup.mjs) runs a throwaway cluster made by initdb in a temporary directory, listening on
// a free loopback port only, as the postgres user (the server refuses to run as root), and is
// stopped — the directory removed — at the end. Durability as in production: fsync and
// synchronous_commit stay on.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The newest installed server's bin directory, or undefined. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresMissing(): string | undefined {
  if (!postgresBin()) return 'PostgreSQL server binaries are not installed (Debian package postgresql; scripts/setup.mjs installs it)';
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) return 'there is no postgres user to run the server as';
  return undefined;
}

export interface PostgresCluster {
  port: number;
  /** A URL of database `db` (the superuser, trust authentication on loopback). */
  url(db: string): string;
  /** Creates database `name` unless it exists; answers its URL. */
  createDatabase(name: string): Promise<string>;
  /** Kills the server with SIGKILL (a crash), then starts it again on the same directory and port. */
  crashAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const asPostgres = (bin: string, args: string[]) => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] as const : [bin, args] as const);

async function waitReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      // Fields after the command's closing parenthesis: state, ppid, …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** `tls`: the server's certificate and key (PEM files); the cluster then takes TLS connections only. */
export async function startPostgres(options: { tls?: { cert: string; key: string } } = {}): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(postgresMissing());
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-pg-'));
  const data = join(dir, 'data');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  if (process.getuid?.() === 0) chownSync(dir, uid, gid);
  const [initCmd, initArgs] = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(initCmd, [...initArgs], { stdio: 'pipe' });
  const tlsArgs: string[] = [];
  if (options.tls) {
    // The server reads its key only when the postgres user owns it and nobody else may read it.
    copyFileSync(options.tls.cert, join(dir, 'server.crt'));
    copyFileSync(options.tls.key, join(dir, 'server.key'));
    chmodSync(join(dir, 'server.key'), 0o600);
    // TLS or nothing over TCP; the local socket stays open for set-up.
    writeFileSync(join(dir, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n');
    for (const f of ['server.crt', 'server.key', 'pg_hba.conf']) if (process.getuid?.() === 0) chownSync(join(dir, f), uid, gid);
    tlsArgs.push('-c', 'ssl=on', '-c', `ssl_cert_file=${join(dir, 'server.crt')}`, '-c', `ssl_key_file=${join(dir, 'server.key')}`, '-c', `hba_file=${join(dir, 'pg_hba.conf')}`);
  }
  const port = await freePort();
  const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  /** How this helper itself connects: over TLS, unverified, when the cluster takes only TLS. */
  const adminUrl = (db: string) => url(db) + (options.tls ? '?sslmode=no-verify' : '');
  let server: ChildProcess;
  let output = '';
  const start = async () => {
    const [cmd, args] = asPostgres(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'max_connections=200', '-c', 'shared_buffers=64MB', ...tlsArgs]);
    output = '';
    server = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
    server.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
    await waitReady(adminUrl('postgres'), server, () => output.slice(-2000));
  };
  /** The postmaster's own pid (the child may be runuser): from postmaster.pid. */
  const postmasterPid = () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stopped = async (signal: NodeJS.Signals) => {
    let pid: number;
    try {
      pid = postmasterPid();
    } catch {
      return;
    }
    // A crash takes the backends with it (as the machine losing power would): the postmaster's
    // children by their parent pid, then the postmaster.
    const victims = signal === 'SIGKILL' ? [...childrenOf(pid), pid] : [pid];
    for (const v of victims) {
      try {
        process.kill(v, signal);
      } catch {
        /* already gone */
      }
    }
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        process.kill(pid, 0);
      } catch {
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
  };
  await start();
  const admin = new pg.Pool({ connectionString: adminUrl('postgres'), max: 2 });
  admin.on('error', () => undefined);
  return {
    port,
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
      return url(name);
    },
    async crashAndRestart() {
      // SIGKILL of the postmaster: its children notice and exit; the restart replays the WAL.
      await stopped('SIGKILL');
      await start();
    },
    async stop() {
      await admin.end().catch(() => undefined);
      await stopped('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
