import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterRestore } from '../../src/cli/backup-restore.js';
import { archiveSettings, baseBackup, prepareRecovery, startRecovered, stopServer } from '../../src/cli/point-in-time.js';
import { loadConfig } from '../../src/config.js';
import { makeNationalId, seekerBody } from '../helpers/fixtures-people.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/postgres-server.js';
import { freePort } from '../helpers/redis-server.js';
import { buildWorld, type World } from '../helpers/records.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Point-in-time recovery drill (issue 21): a server with WAL archiving, a base backup, writes
 * through the API before and after a chosen moment, then a new server recovered to that
 * moment. Every registration committed before it is back, none after it, the audit chain
 * verifies and the search index is rebuilt without drift.
 */
let pg: PrivatePostgres;
let ctx: TestContext;
let w: World;
const work = mkdtempSync(path.join(tmpdir(), 'pes-pitr-'));
const wal = path.join(work, 'wal');
const recovered = path.join(work, 'recovered');
let recoveredUp = false;

beforeAll(async () => {
  execFileSync('mkdir', ['-p', wal]);
  chmodSync(work, 0o755); // the server's user must reach the archive and the recovered data
  // The server (running as postgres) writes the archive.
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(wal, uid, gid);
  }
  pg = await startPrivatePostgres({ settings: archiveSettings(wal) });
  ctx = await startTestApp({ env: { DATABASE_URL: pg.url } });
  w = await buildWorld(ctx);
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (recoveredUp) await stopServer(recovered).catch(() => {});
  await pg?.destroy();
  rmSync(work, { recursive: true, force: true });
});

async function register(i: number): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/seekers',
    headers: w.as.staff,
    payload: seekerBody({ name: `时点${i}`, nationalId: makeNationalId({ birth: `1985-0${1 + (i % 9)}-1${i % 10}`, sex: i % 2 ? 'male' : 'female' }), consentSearchable: true }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('point-in-time recovery', () => {
  it('recovers a new server to a chosen moment: writes before it are back, writes after it are not, audit chain and search agree', async () => {
    const sql = ctx.resources.database.sql;
    const base = await baseBackup(pg.url, path.join(work, 'base'));
    expect(base.bytes).toBeGreaterThan(0);

    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push(await register(i));
    await new Promise((r) => setTimeout(r, 300));
    const [{ t }] = (await sql`select clock_timestamp()::text as t`) as unknown as [{ t: string }];
    const at = new Date(t);
    await new Promise((r) => setTimeout(r, 300));
    const after: string[] = [];
    for (let i = 5; i < 8; i++) after.push(await register(i));
    // Close the current WAL segment and wait until the archive has it (archive_timeout does this in production).
    const [{ segment }] = (await sql`select pg_walfile_name(pg_switch_wal()) as segment`) as unknown as [{ segment: string }];
    for (let t = Date.now(); ; ) {
      const [{ last, failed }] = (await sql`select coalesce(last_archived_wal, '') as last, failed_count::int as failed from pg_stat_archiver`) as unknown as [{ last: string; failed: number }];
      if (last >= segment) break;
      if (Date.now() - t > 30_000) throw new Error(`segment ${segment} not archived (last ${last}, ${failed} failed attempts)`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // A target before the base backup, and an occupied data directory, are refused.
    await expect(prepareRecovery({ base: base.dir, wal, targetTime: new Date(Date.parse(base.takenAt) - 60_000), data: path.join(work, 'x') })).rejects.toThrow(/before the base backup/);
    await expect(prepareRecovery({ base: base.dir, wal, targetTime: at, data: work })).rejects.toThrow(/not empty/);

    await prepareRecovery({ base: base.dir, wal, targetTime: at, data: recovered });
    const port = await freePort();
    await startRecovered(recovered, port, { socketDir: path.join(pg.root, 'run'), user: 'pes', timeoutMs: 120_000 });
    recoveredUp = true;
    const url = `postgres://pes@127.0.0.1:${port}/pes`;

    const report = await afterRestore(loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: url, PES_HASH_KEY: 'test-hash-key-0123456789' }), { file: 'pitr' });
    expect(report.audit.ok, JSON.stringify(report.audit)).toBe(true);
    expect(report.drift.every((d) => d.missing.length + d.extra.length + d.stale.length === 0)).toBe(true);

    const back = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const ids = new Set((await back`select id from seekers`).map((r) => r.id as string));
      for (const id of before) expect(ids.has(id), `registered before the target: ${id}`).toBe(true);
      for (const id of after) expect(ids.has(id), `registered after the target: ${id}`).toBe(false);
      // Writable again (promoted), and the audit trail of the recovered registrations is there.
      const [{ n }] = (await back`select count(*)::int as n from audit_log where subject_id = any(${before})`) as unknown as [{ n: number }];
      expect(n).toBeGreaterThanOrEqual(before.length);
      await back`select pg_is_in_recovery()`.then(([r]) => expect(r!.pg_is_in_recovery).toBe(false));
    } finally {
      await back.end();
    }
  }, 240_000);
});
