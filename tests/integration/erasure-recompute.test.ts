import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { seedReference } from '../../seeds/reference.js';
import { seedDemo } from '../../seeds/demo/index.js';
import { compileReport } from '../../src/modules/supply-demand/supply-demand.service.js';
import { lastCompletedWeek, shiftWeek } from '../../src/vocabulary/index.js';
import { compileWageGuidance } from '../../src/modules/wage-guidance/wage-guidance.compile.js';
import { anonymiseSeeker } from '../../src/modules/privacy/privacy.service.js';
import { prng } from '../../src/lib/prng.js';
import { openTestDatabase } from '../helpers/test-db.js';

/**
 * Invariant 4 after erasure: every weekly supply-demand figure and every wage-guidance cell
 * recomputed after a tenth of the demo city was anonymised equals the one computed before.
 */
let testDb: Awaited<ReturnType<typeof openTestDatabase>>;
let database: Database;
const now = new Date();

beforeAll(async () => {
  testDb = await openTestDatabase();
  database = testDb.database;
  await seedReference(database.db);
  await seedDemo(database.db, { now, hashKey: 'test-hash-key-0123456789' });
}, 240_000);
afterAll(async () => {
  await testDb?.close();
});

async function supplyDemandFigures(weeks: { isoYear: number; isoWeek: number }[]) {
  const out: Record<string, unknown> = {};
  for (const w of weeks) {
    for (const region of [null, '440106']) {
      await compileReport(database.sql, { ...w, regionCode: region }, now);
      const rows = await database.sql`
        select r.dimension, r.key, r.figures from supply_demand_rows r join supply_demand_reports p on p.id = r.report_id
        where p.iso_year = ${w.isoYear} and p.iso_week = ${w.isoWeek} and p.region_code = ${region ?? 'city'} order by r.dimension, r.key`;
      const [summary] = await database.sql`select summary from supply_demand_reports where iso_year = ${w.isoYear} and iso_week = ${w.isoWeek} and region_code = ${region ?? 'city'}`;
      out[`${w.isoYear}-${w.isoWeek}-${region ?? 'city'}`] = { rows: rows.map((r) => [r.dimension, r.key, r.figures]), summary: summary?.summary };
    }
  }
  return out;
}

async function wageFigures(months: string[]) {
  const out: Record<string, unknown> = {};
  for (const m of months) {
    await compileWageGuidance(database.db, { periodKind: 'month', periodStart: m });
    const cells = await database.sql`select system, level, code, source, observations, records, employers, p10, p25, p50, p75, p90 from wage_guidance where period_kind = 'month' and period_start = ${m} and region_code = 'all' order by system, level, code, source`;
    out[m] = cells;
  }
  return out;
}

describe('erasure keeps every report recomputable (invariant 4)', () => {
  it('weekly supply-demand figures and wage guidance are the same before and after anonymising 10 % of the seekers', async () => {
    const last = lastCompletedWeek(now);
    const weeks = [last, shiftWeek(last, 4), shiftWeek(last, 12), shiftWeek(last, 30)];
    const m = (k: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1)).toISOString().slice(0, 10);
    const months = [m(1), m(3)];
    const before = { sd: await supplyDemandFigures(weeks), wg: await wageFigures(months) };
    expect(Object.values(before.sd).some((x) => (x as { rows: unknown[] }).rows.length > 0)).toBe(true);

    const ids = (await database.sql`select id, status from seekers order by id`).map((r) => ({ id: r.id as string, status: r.status as string }));
    const rnd = prng(21);
    const chosen = ids.filter(() => rnd.next() < 0.1);
    expect(new Set(chosen.map((c) => c.status)).size).toBeGreaterThan(1);
    for (const c of chosen) await anonymiseSeeker(database.db, null, c.id, { reason: 'test', cause: 'request' }, now);
    const [{ n }] = (await database.sql`select count(*)::int as n from seekers where anonymised_at is not null and phone is null and address is null`) as unknown as [{ n: number }];
    expect(n).toBe(chosen.length);

    const after = { sd: await supplyDemandFigures(weeks), wg: await wageFigures(months) };
    expect(after.wg).toEqual(before.wg);
    for (const k of Object.keys(before.sd)) expect([k, after.sd[k]]).toEqual([k, before.sd[k]]);
  }, 300_000);
});
