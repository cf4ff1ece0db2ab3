/**
 * "Typical pay for this occupation: P25–P75" (issue 8) on the phone page a QR code opens (/v/:id)
 * and in the kiosk's detail view (GET /public/kiosk/vacancies/:id/typical-pay): shown only from a
 * published wage guidance cell, never from a withheld one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWageGuidance } from '../../src/modules/wage-guidance/wage-guidance.compile.js';
import { buildWorld, creditCode, type World } from '../helpers/records.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;

type Row = Record<string, any>;
let ids: Record<'unit' | 'minorFallback' | 'withheld' | 'noGuidance' | 'cn2022' | 'closed', string>;
let unitCell: Row;
let minorCell: Row;

async function employer(): Promise<string> {
  const [row] = await sql()`insert into employers (name, credit_code, industry, size_band, district_code, office_id)
    values (${'工资单位' + randomUUID().slice(0, 8)}, ${creditCode()}, 'C', 'small', '440106', ${w.offices.tianhe}) returning id`;
  return row!.id as string;
}

async function vacancy(v: { employerId: string; isco?: string; cn?: string; min: number; max: number; publishedAt: Date; status?: string }): Promise<string> {
  const system = v.cn ? 'cn2022' : 'isco';
  const [row] = await sql()`insert into vacancies (employer_id, office_id, title, occupation_system, occupation_code, isco_unit, headcount,
      wage_min, wage_max, wage_unit, wage_monthly_min, wage_monthly_max, district_code, status, published_at, expires_at)
    values (${v.employerId}, ${w.offices.tianhe}, '电工', ${system}, ${v.cn ?? v.isco!}, ${v.isco ?? null}, 1,
      ${v.min}, ${v.max}, 'month', ${v.min}, ${v.max}, '440106', ${v.status ?? 'published'}, ${v.publishedAt.toISOString()}, ${new Date(Date.now() + 30 * 86400_000).toISOString()})
    returning id`;
  return row!.id as string;
}

const cell = async (code: string) =>
  (await sql()`select * from wage_guidance where period_kind = 'month' and period_start = '2025-10-01' and region_code = 'all'
    and system = 'isco' and code = ${code} and source = 'offered'`)[0]!;
const money = (v: unknown) => Math.round(Number(v) * 100) / 100;
/** As the page prints it: the API's cents-rounded figure, to the yuan. */
const shown = (v: unknown) => Math.round(money(v)).toLocaleString('en');

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
  const emps = [await employer(), await employer(), await employer()];
  // October 2025, compiled: 7411 has 36 offers from 3 employers (published); 7412 has 4
  // (withheld, so its minor group 741 with 40 is used); 9111 and its minor group 911 have 5
  // (withheld both). Closed vacancies count for wage guidance but are shown nowhere.
  const october = new Date('2025-10-15T04:00:00Z');
  for (let i = 0; i < 36; i++) await vacancy({ employerId: emps[i % 3]!, isco: '7411', min: 5000 + i * 100, max: 6000 + i * 100, publishedAt: october, status: 'closed' });
  for (let i = 0; i < 4; i++) await vacancy({ employerId: emps[i % 3]!, isco: '7412', min: 9000, max: 9000, publishedAt: october, status: 'closed' });
  for (let i = 0; i < 5; i++) await vacancy({ employerId: emps[i % 3]!, isco: '9111', min: 3000 + i * 10, max: 3500, publishedAt: october, status: 'closed' });
  await compileWageGuidance(ctx.resources.database.db, { periodKind: 'month', periodStart: '2025-10-01' });
  unitCell = await cell('7411');
  minorCell = await cell('741');
  expect(unitCell).toMatchObject({ suppressed: false });
  expect(await cell('7412')).toMatchObject({ suppressed: true });
  expect(minorCell).toMatchObject({ suppressed: false });
  expect(await cell('9111')).toMatchObject({ suppressed: true });
  expect(await cell('911')).toMatchObject({ suppressed: true });

  const now = new Date();
  ids = {
    unit: await vacancy({ employerId: emps[0]!, isco: '7411', min: 6500, max: 7500, publishedAt: now }),
    minorFallback: await vacancy({ employerId: emps[0]!, isco: '7412', min: 6500, max: 7500, publishedAt: now }),
    withheld: await vacancy({ employerId: emps[0]!, isco: '9111', min: 3200, max: 3600, publishedAt: now }),
    noGuidance: await vacancy({ employerId: emps[0]!, isco: '2211', min: 20000, max: 30000, publishedAt: now }),
    cn2022: await vacancy({ employerId: emps[0]!, cn: '6-29-01-02', min: 6000, max: 7000, publishedAt: now }),
    closed: await vacancy({ employerId: emps[0]!, isco: '7411', min: 6000, max: 7000, publishedAt: now, status: 'closed' }),
  };
});
afterAll(() => ctx.close());

describe('the phone page /v/:id', () => {
  const page = (id: string) => ctx.app.inject({ url: `/v/${id}` });

  it('shows the unit group’s P25–P75 when its cell is published', async () => {
    const res = await page(ids.unit);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('本职业常见工资');
    expect(res.body).toContain('Typical pay for this occupation');
    expect(res.body).toContain(`${shown(unitCell.p25)}–${shown(unitCell.p75)} 元/月 CNY/month (P25–P75)`);
  });

  it('falls back to the minor group when the unit group is withheld', async () => {
    const res = await page(ids.minorFallback);
    expect(res.body).toContain(`${shown(minorCell.p25)}–${shown(minorCell.p75)} 元/月 CNY/month (P25–P75)`);
  });

  it('shows nothing when the cells are withheld, when no guidance exists, or without an ISCO unit group', async () => {
    for (const id of [ids.withheld, ids.noGuidance, ids.cn2022]) {
      const res = await page(id);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('电工');
      expect(res.body).not.toContain('本职业常见工资');
      expect(res.body).not.toContain('Typical pay');
    }
  });
});

describe('GET /public/kiosk/vacancies/:id/typical-pay', () => {
  const get = (id: string) => ctx.app.inject({ url: `/public/kiosk/vacancies/${id}/typical-pay` });

  it('gives the published unit-group cell', async () => {
    const res = await get(ids.unit);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      typicalPay: { p25: money(unitCell.p25), p75: money(unitCell.p75), periodKind: 'month', periodStart: '2025-10-01', occupationCode: '7411', level: 4 },
    });
  });

  it('gives the minor group when the unit group is withheld', async () => {
    const res = await get(ids.minorFallback);
    expect(res.json()).toEqual({
      typicalPay: { p25: money(minorCell.p25), p75: money(minorCell.p75), periodKind: 'month', periodStart: '2025-10-01', occupationCode: '741', level: 3 },
    });
  });

  it('gives null when the cells are withheld, when no guidance exists, or without an ISCO unit group', async () => {
    for (const id of [ids.withheld, ids.noGuidance, ids.cn2022]) {
      const res = await get(id);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ typicalPay: null });
    }
  });

  it('answers 404 for a closed, unknown or malformed vacancy id', async () => {
    for (const id of [ids.closed, randomUUID(), 'not-a-uuid']) {
      const res = await get(id);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
  });
});
