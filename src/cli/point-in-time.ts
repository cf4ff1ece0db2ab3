import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { dbName, pgTool, run } from './backup-restore.js';

/**
 * Point-in-time recovery with Postgres's own tools (docs/adr/0215-point-in-time-recovery.md):
 * a base backup (pg_basebackup, tar, WAL streamed into it) plus the WAL archive the server's
 * `archive_command` fills, replayed up to a chosen moment. A dump (npm run backup) loses
 * everything since it was taken; this loses at most the WAL segment not yet archived
 * (`archive_timeout` bounds it, 60 s in the settings below).
 */

const execFileP = promisify(execFile);

/** The server settings WAL archiving needs; `walDir` is the archive (in production: off the machine). */
export function archiveSettings(walDir: string): Record<string, string> {
  const dir = path.resolve(walDir);
  return {
    wal_level: 'replica',
    archive_mode: 'on',
    // Never overwrite a segment already archived (a second server pointed at the same folder
    // must not destroy the first one's history).
    archive_command: `test ! -f ${dir}/%f && cp %p ${dir}/%f`,
    archive_timeout: '60',
  };
}

export interface BaseBackupManifest {
  dir: string;
  database: string;
  takenAt: string;
  /** WAL position where the backup starts: replay needs every archived segment from here. */
  startLsn: string;
  ms: number;
  bytes: number;
}

/** Takes a base backup of the whole server into `<dir>/base-<time>/` (base.tar.gz, pg_wal.tar.gz, manifest.json). */
export async function baseBackup(databaseUrl: string, dir: string, now = new Date()): Promise<BaseBackupManifest> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'pes-base-backup' } });
  let startLsn: string;
  try {
    const [{ archive_mode }] = (await sql`select current_setting('archive_mode') as archive_mode`) as unknown as [{ archive_mode: string }];
    // Without an archive, a base backup restores only to its own end: no point in time after it.
    if (archive_mode !== 'on' && archive_mode !== 'always') {
      throw new Error('WAL archiving is off on this server (archive_mode): set archive_mode = on and an archive_command first (npm run pitr -- settings --wal <dir>)');
    }
    [{ lsn: startLsn }] = (await sql`select pg_current_wal_lsn()::text as lsn`) as unknown as [{ lsn: string }];
  } finally {
    await sql.end({ timeout: 5 });
  }
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const target = path.resolve(dir, `base-${stamp}`);
  await mkdir(path.dirname(target), { recursive: true });
  const started = Date.now();
  await run(pgTool('pg_basebackup'), ['--dbname', databaseUrl, '--pgdata', target, '--format=tar', '--gzip', '--wal-method=stream', '--checkpoint=fast', '--label', `pes ${stamp}`]);
  const bytes = readdirSync(target).reduce((n, f) => n + statSync(path.join(target, f)).size, 0);
  const manifest: BaseBackupManifest = { dir: target, database: dbName(databaseUrl), takenAt: now.toISOString(), startLsn, ms: Date.now() - started, bytes };
  await writeFile(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** A moment as Postgres reads it in recovery_target_time (UTC, milliseconds). */
function pgTimestamp(at: Date): string {
  return `${at.toISOString().replace('T', ' ').replace('Z', '')}+00`;
}

/**
 * Prepares a new data directory that, once started, replays the archive up to `targetTime`
 * and opens for writes (promote). Refuses a target before the backup ended and a non-empty
 * directory, so an existing server is never overwritten.
 */
export async function prepareRecovery(opts: { base: string; wal: string; targetTime: Date; data: string }): Promise<{ data: string; target: string }> {
  const base = path.resolve(opts.base);
  const manifestPath = path.join(base, 'manifest.json');
  if (!existsSync(path.join(base, 'base.tar.gz'))) throw new Error(`--base ${base}: no base.tar.gz (a folder written by npm run pitr -- base-backup)`);
  if (Number.isNaN(opts.targetTime.getTime())) throw new Error('--target-time: not a date-time (e.g. 2026-12-05T10:15:00+08:00)');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(await readFile(manifestPath, 'utf8')) as BaseBackupManifest;
    if (opts.targetTime.getTime() < Date.parse(m.takenAt)) throw new Error(`--target-time is before the base backup (${m.takenAt}): use an older base backup`);
  }
  if (!existsSync(opts.wal)) throw new Error(`--wal ${opts.wal}: no such folder (the WAL archive)`);
  const data = path.resolve(opts.data);
  if (existsSync(data) && readdirSync(data).length) throw new Error(`--data ${data} is not empty: recovery writes a new data directory`);
  await mkdir(path.join(data, 'pg_wal'), { recursive: true });
  await run('tar', ['-xzf', path.join(base, 'base.tar.gz'), '-C', data]);
  if (existsSync(path.join(base, 'pg_wal.tar.gz'))) await run('tar', ['-xzf', path.join(base, 'pg_wal.tar.gz'), '-C', path.join(data, 'pg_wal')]);
  const target = pgTimestamp(opts.targetTime);
  const wal = path.resolve(opts.wal);
  await appendFile(
    path.join(data, 'postgresql.auto.conf'),
    [
      '',
      `# point-in-time recovery written by npm run pitr (${new Date().toISOString()})`,
      `restore_command = 'cp ${wal}/%f "%p"'`,
      `recovery_target_time = '${target}'`,
      `recovery_target_action = 'promote'`,
      '',
    ].join('\n'),
  );
  await writeFile(path.join(data, 'recovery.signal'), '');
  // Postgres runs as its own user and insists on a private data directory.
  if (process.getuid?.() === 0) await run('chown', ['-R', 'postgres:postgres', data]);
  await run('chmod', ['700', data]);
  return { data, target };
}

/** Starts a prepared directory on `port` and waits until recovery has ended and the server accepts writes. */
export async function startRecovered(data: string, port: number, opts: { socketDir?: string; timeoutMs?: number; user?: string } = {}): Promise<string> {
  const sockets = opts.socketDir ?? '/tmp';
  const [cmd, args] = asPostgres(pgTool('pg_ctl'), ['-D', data, '-l', path.join(data, 'recovery.log'), '-w', '-t', '120', '-o', `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1`, 'start']);
  await execFileP(cmd, args);
  // The cluster's bootstrap superuser (Debian: postgres) checks that recovery has ended.
  const url = `postgres://${encodeURIComponent(opts.user ?? 'postgres')}@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  for (;;) {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [{ r }] = (await sql`select pg_is_in_recovery() as r`) as unknown as [{ r: boolean }];
      if (!r) return url;
    } catch {
      /* still starting */
    } finally {
      await sql.end({ timeout: 1 });
    }
    if (Date.now() > deadline) throw new Error(`recovery did not finish within ${(opts.timeoutMs ?? 300_000) / 1000} s: see ${path.join(data, 'recovery.log')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function stopServer(data: string): Promise<void> {
  const [cmd, args] = asPostgres(pgTool('pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  await execFileP(cmd, args);
}

/** Postgres refuses to run as root: as root the server tools run as the `postgres` user. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}
