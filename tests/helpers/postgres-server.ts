import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDatabase } from '../../src/db/client.js';
import { runMigrations } from '../../src/db/migrate.js';
import { freePort } from './redis-server.js';

const run = promisify(execFile);

/** Debian keeps server binaries in /usr/lib/postgresql/<major>/bin; the newest wins (as in scripts/services.sh). */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(a) - Number(b)) : [];
  if (!majors.length) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (set PG_BIN)');
  return join(base, majors.at(-1)!, 'bin');
}

/** Postgres refuses to run as root, so as root the binaries run as the `postgres` user. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

export interface PrivatePostgres {
  /** postgres://pes@127.0.0.1:<port>/pes, migrated. The port stays the same across restarts. */
  url: string;
  port: number;
  /** pg_ctl stop -m fast: open connections are closed, new ones are refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Root of its temp folder (data/, run/ for sockets). */
  root: string;
  /** Stops the server and deletes its data directory. */
  destroy(): Promise<void>;
}

/**
 * A Postgres of its own for a test that stops and restarts it (the suite's shared server must
 * stay up for the other files). Data lives in a temp folder; fsync is off as in test runs.
 */
export async function startPrivatePostgres(opts: { settings?: Record<string, string> } = {}): Promise<PrivatePostgres> {
  const bin = pgBin();
  await removeOrphans(bin);
  const root = mkdtempSync(join(tmpdir(), 'pes-pg-'));
  writeFileSync(join(root, 'owner.pid'), String(process.pid));
  const data = join(root, 'data');
  const sockets = join(root, 'run');
  mkdirSync(data);
  mkdirSync(sockets);
  chmodSync(root, 0o755);
  if (process.getuid?.() === 0) {
    // getpwnam is not in node; the postgres user owns its own home directory.
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(data, Number(stdout.trim()), Number(gid.trim()));
    chownSync(sockets, Number(stdout.trim()), Number(gid.trim()));
  }
  chmodSync(data, 0o700);
  await run(...asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'pes', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']));
  // Extra server settings (e.g. WAL archiving) go into postgresql.conf, so a base backup carries them.
  const extra = Object.entries(opts.settings ?? {}).map(([k, v]) => `${k} = '${v.replace(/'/g, "''")}'`);
  if (extra.length) appendFileSync(join(data, 'postgresql.conf'), `\n${extra.join('\n')}\n`);
  const port = await freePort();
  const log = join(sockets, 'postgres.log');

  const pgCtl = (args: string[]) => run(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args]));
  const start = async () => {
    await pgCtl([
      '-l', log, '-w', '-t', '30',
      '-o', `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100 -c shared_buffers=32MB`,
      'start',
    ]);
  };
  const stop = async () => {
    await pgCtl(['-m', 'fast', '-w', '-t', '30', 'stop']);
  };

  await start();
  await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'pes', 'pes']);
  const url = `postgres://pes@127.0.0.1:${port}/pes`;
  const database = createDatabase(url, { max: 1 });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }

  return {
    url,
    port,
    root,
    start,
    stop,
    async destroy() {
      await stop().catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Servers left by a test process that died before its afterAll (killed, timed out) are stopped and removed. */
async function removeOrphans(bin: string) {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith('pes-pg-'))) {
    const root = join(tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(readFileSync(join(root, 'owner.pid'), 'utf8'));
      process.kill(owner, 0);
      continue; // its test is still running
    } catch {
      /* no owner file, or the owner is gone */
    }
    if (!owner) continue; // made by something else, or still being set up
    if (existsSync(join(root, 'data', 'postmaster.pid'))) {
      await run(...asPostgres(join(bin, 'pg_ctl'), ['-D', join(root, 'data'), '-m', 'immediate', '-w', 'stop'])).catch(() => {});
    }
    rmSync(root, { recursive: true, force: true });
  }
}
