import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import postgres from 'postgres';
import { createDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';

/** Shared pieces of the benchmark scripts: a fresh database, an API child process, RSS, tables. */
export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run benchmarks with \`npm run bench\`, which starts Postgres and Redis`);
  return v;
}

export function withDb(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function freshDatabase(name: string): Promise<string> {
  const base = requireEnv('DATABASE_URL');
  const admin = postgres(withDb(base, 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDb(base, name);
  const db = createDatabase(url, { max: 1 });
  await runMigrations(db);
  await db.close();
  return url;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the API as deployed — compiled JavaScript from dist/ (`npm run build`, run here first) —
 * with the given env and waits for /health/live.
 */
export async function startApi(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string; stop(): Promise<void> }> {
  execFileSync('bash', ['scripts/build.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const port = await freePort();
  const proc = spawn(process.execPath, ['dist/src/server.js'], {
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=160', NODE_ENV: 'production', PES_HASH_KEY: 'bench-hash-key-0123456789', LOG_LEVEL: 'warn', PES_MIGRATE_ON_START: 'false', PES_PUBLIC_RATE_LIMIT: '10000000', PES_PUBLIC_BASE_URL: 'http://127.0.0.1', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/health/live`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    proc,
    url,
    stop: () => new Promise((resolve) => (proc.once('exit', () => resolve()), proc.kill('SIGTERM'))),
  };
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) => `| ${r.map((c, i) => String(c).padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(fmt)].join('\n');
}
