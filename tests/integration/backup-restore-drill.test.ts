import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../../src/cli/backup-restore.js';
import { withDatabase } from '../helpers/global-setup.js';
import { makeNationalId, seekerBody } from '../helpers/fixtures-people.js';
import { buildWorld, type World } from '../helpers/records.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * The restore drill (issue 21): writes under load, a backup taken in the middle of them, the
 * database destroyed, a restore, then counts, the audit chain and search drift must agree
 * with what the backup recorded. Every write that returned 2xx before the backup started
 * must be back (RPO = the time since the backup).
 */
let ctx: TestContext;
let w: World;
let dir: string;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
  dir = await mkdtemp(path.join(tmpdir(), 'pes-drill-'));
});
afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

const birth = (i: number) => `19${70 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;

describe('backup and restore drill', () => {
  it('restores a database destroyed after a backup taken under write load: counts, audit chain and search agree', async () => {
    let stop = false;
    let n = 0;
    const committed: { id: string; at: number }[] = [];
    const writer = async (lane: number) => {
      while (!stop) {
        const i = n++;
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/seekers',
          headers: w.as.staff,
          payload: seekerBody({ name: `压测${lane}号${i}`, nationalId: makeNationalId({ birth: birth(i), sex: i % 2 ? 'male' : 'female' }), consentSearchable: i % 3 === 0 }),
        });
        if (res.statusCode === 201) {
          committed.push({ id: res.json().id, at: Date.now() });
          // A second write on the same record: a consent withdrawal half the time.
          await ctx.app.inject({ method: 'PATCH', url: `/seekers/${res.json().id}`, headers: w.as.staff, payload: i % 2 ? { experienceYears: 3 } : { consentSearchable: false } });
        }
      }
    };
    const lanes = [0, 1, 2, 3].map(writer);
    // Load first: at least 10 registrations (the machine may be slow), then the backup while writes go on.
    for (let t = Date.now(); committed.length < 10 && Date.now() - t < 60_000; ) await new Promise((r) => setTimeout(r, 100));
    const backupStarted = Date.now();
    const manifest = await backup(ctx.config.databaseUrl, dir);
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(lanes);
    expect(manifest.counts.seekers).toBeGreaterThanOrEqual(10);
    expect(manifest.counts.audit_log).toBeGreaterThan(manifest.counts.seekers);
    const totalWritten = committed.length;
    expect(totalWritten).toBeGreaterThan(manifest.counts.seekers - 1);

    // Destroy the database.
    const name = new URL(ctx.config.databaseUrl).pathname.slice(1);
    const admin = postgres(withDatabase(ctx.config.databaseUrl, 'postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database ${name} with (force)`);
    await admin.end();

    const report = await restore(ctx.config, manifest.file);
    expect(report.countsMatchManifest).toBe(true);
    expect(report.audit.ok, JSON.stringify(report.audit.problems)).toBe(true);
    expect(report.auditHeadMatchesManifest).toBe(true);
    for (const d of report.drift) expect({ index: d.index, missing: d.missing.length, extra: d.extra.length, stale: d.stale.length }).toEqual({ index: d.index, missing: 0, extra: 0, stale: 0 });

    const sql = postgres(ctx.config.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const ids = committed.filter((c) => c.at < backupStarted).map((c) => c.id);
      const [{ n: back }] = (await sql`select count(*)::int as n from seekers where id = any(${ids}::uuid[])`) as unknown as [{ n: number }];
      expect(back).toBe(ids.length);
      // The consent history and the write audit came back with the records.
      const [{ c }] = (await sql`select count(*)::int as c from seeker_consents`) as unknown as [{ c: number }];
      expect(c).toBe(manifest.counts.seeker_consents);
      // A new write after the restore joins the same chain.
      await sql`insert into audit_log (actor_name, actor_role, action, subject_type, subject_id, fields, reason) values ('drill', 'admin', 'drill.after-restore', 'system', 'drill', '{}', 'restore drill')`;
    } finally {
      await sql.end();
    }
    console.log(`drill: ${totalWritten} registrations under load, backup ${manifest.dumpMs} ms (${manifest.counts.seekers} seekers), restore RTO ${report.timings.rtoMs} ms`, report.timings);
  }, 240_000);
});
