import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import type { Config } from '../config.js';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { enqueue } from '../jobs/enqueue.js';
import { verifyAuditChain, type ChainReport } from '../modules/audit/index.js';
import { createSearchEngine } from '../search/index.js';
import { checkDrift, reindex, type DriftReport } from '../search/sync.js';

/**
 * Backups with Postgres's own tools (docs/adr/0214-backup-restore.md). pg_dump runs on a
 * snapshot exported by a transaction that also counts the tables and reads the audit head,
 * so the manifest describes exactly what the dump holds; restore checks against it.
 */

/** The tables counted in a manifest and compared after a restore. */
export const COUNTED_TABLES = ['offices', 'employers', 'fairs', 'vacancies', 'seekers', 'seeker_consents', 'referrals', 'placements', 'saved_searches', 'search_alerts', 'matches', 'audit_log', 'outbox', 'wage_guidance', 'supply_demand_reports'] as const;

export interface Manifest {
  file: string;
  database: string;
  takenAt: string;
  counts: Record<string, number>;
  audit: { lastSeq: number | null; headHash: string | null };
  dumpMs: number;
  bytes: number;
}

/** pg_dump/pg_restore of the server's major version (Debian keeps them in /usr/lib/postgresql/N/bin). */
export function pgTool(name: 'pg_dump' | 'pg_restore' | 'pg_basebackup' | 'pg_ctl'): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', name))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin', name);
  }
  return name;
}

export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited ${code}: ${err.trim().slice(0, 2000)}`))));
  });
}

export const dbName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
};

async function countsIn(tx: postgres.TransactionSql | postgres.Sql): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COUNTED_TABLES) {
    const [r] = await tx`select count(*)::bigint as n from ${tx(t)}`;
    out[t] = Number(r!.n);
  }
  return out;
}

/** Takes a custom-format dump into `dir` with a manifest beside it. */
export async function backup(databaseUrl: string, dir: string, now = new Date()): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const file = path.resolve(dir, `pes-${dbName(databaseUrl)}-${stamp}.dump`);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'pes-backup' } });
  const started = Date.now();
  try {
    let manifest!: Manifest;
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [{ snapshot }] = (await tx`select pg_export_snapshot() as snapshot`) as unknown as [{ snapshot: string }];
      const counts = await countsIn(tx);
      const [head] = await tx`select seq::bigint as seq, hash from audit_log order by seq desc limit 1`;
      // pg_dump reads the same snapshot while this transaction stays open.
      await run(pgTool('pg_dump'), ['--format=custom', '--compress=6', `--snapshot=${snapshot}`, `--file=${file}`, '--no-owner', databaseUrl]);
      manifest = {
        file,
        database: dbName(databaseUrl),
        takenAt: now.toISOString(),
        counts,
        audit: { lastSeq: head ? Number(head.seq) : null, headHash: head ? (head.hash as string) : null },
        dumpMs: Date.now() - started,
        bytes: statSync(file).size,
      };
    });
    await writeFile(`${file}.json`, JSON.stringify(manifest, null, 2));
    return manifest;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface RestoreReport {
  file: string;
  database: string;
  timings: Record<string, number>;
  counts: Record<string, number>;
  countsMatchManifest: boolean | null;
  audit: ChainReport;
  auditHeadMatchesManifest: boolean | null;
  drift: DriftReport[];
  requeuedOutboxRows: number;
}

/**
 * Restores a dump into the configured database (created when missing; an existing one is
 * replaced only with `replace`), then brings the services back (`afterRestore`).
 */
export async function restore(config: Config, file: string, opts: { replace?: boolean; log?: (m: string) => void } = {}): Promise<RestoreReport> {
  const log = opts.log ?? (() => {});
  const t0 = Date.now();
  const name = dbName(config.databaseUrl);
  const manifest: Manifest | null = existsSync(`${file}.json`) ? JSON.parse(await readFile(`${file}.json`, 'utf8')) : null;

  const admin = postgres(withDb(config.databaseUrl, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
    if (exists && !opts.replace) throw new Error(`database ${name} exists: pass --replace to drop it and restore over it`);
    if (exists) await admin.unsafe(`drop database ${JSON.stringify(name)} with (force)`);
    await admin.unsafe(`create database ${JSON.stringify(name)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  log(`created database ${name}`);
  const t = Date.now();
  await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--jobs=2', `--dbname=${config.databaseUrl}`, file]);
  const pgRestoreMs = Date.now() - t;
  log(`pg_restore done in ${pgRestoreMs} ms`);
  return afterRestore(config, { file, manifest, startedAt: t0, timings: { pgRestoreMs }, log });
}

/**
 * What follows any restore, from a dump or a point-in-time recovery: applies newer migrations,
 * rebuilds the search indexes from Postgres, re-delivers recent outbox rows (jobs are
 * idempotent with deterministic ids, so a job Redis still holds is not duplicated), schedules a
 * full rematch, then verifies counts (against a dump's manifest), the audit chain and drift.
 */
export async function afterRestore(
  config: Config,
  opts: { file: string; manifest?: Manifest | null; startedAt?: number; timings?: Record<string, number>; log?: (m: string) => void },
): Promise<RestoreReport> {
  const log = opts.log ?? (() => {});
  const t0 = opts.startedAt ?? Date.now();
  const manifest = opts.manifest ?? null;
  const timings: Record<string, number> = { ...opts.timings };
  const lap = (name: string, since: number) => (timings[name] = Date.now() - since);
  const database = createDatabase(config.databaseUrl, { max: 3, appName: 'pes-restore' });
  const engine = createSearchEngine(config, database.sql);
  try {
    let t = Date.now();
    await runMigrations(database);
    lap('migrateMs', t);
    t = Date.now();
    await engine.setup();
    for (const index of ['vacancies', 'seekers'] as const) {
      const r = await reindex(database.sql, engine, index);
      log(`reindexed ${index}: ${r.count} documents`);
    }
    lap('reindexMs', t);
    t = Date.now();
    // Jobs dispatched shortly before the backup may not have run (Redis may be as lost as the
    // database): deliver them again. Nightly jobs (rematch, reports) catch up everything else.
    const requeued = await database.sql`update outbox set dispatched_at = null, attempts = 0 where created_at > (select coalesce(max(created_at), now()) from outbox) - interval '1 hour' and dispatched_at is not null`;
    await enqueue(database.db, 'matching.rematch-all', {});
    lap('requeueMs', t);
    timings.rtoMs = Date.now() - t0;

    t = Date.now();
    const counts = await countsIn(database.sql);
    const audit = await verifyAuditChain(config.databaseUrl);
    const drift = [await checkDrift(database.sql, engine, 'vacancies'), await checkDrift(database.sql, engine, 'seekers')];
    lap('verifyMs', t);
    // The restore itself adds outbox rows; every other table must match the dump exactly.
    const compared = manifest ? COUNTED_TABLES.filter((k) => k !== 'outbox').every((k) => manifest.counts[k] === counts[k]) : null;
    return {
      file: opts.file,
      database: dbName(config.databaseUrl),
      timings,
      counts,
      countsMatchManifest: compared,
      audit,
      auditHeadMatchesManifest: manifest ? manifest.audit.headHash === audit.headHash && manifest.audit.lastSeq === audit.lastSeq : null,
      drift,
      requeuedOutboxRows: requeued.count,
    };
  } finally {
    await engine.close();
    await database.close();
  }
}
