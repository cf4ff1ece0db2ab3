import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMonthly, type WageUnit } from '../../src/lib/wages.js';
import { compileWageGuidance } from '../../src/modules/wage-guidance/wage-guidance.compile.js';
import { compileCurrentPeriods } from '../../src/modules/wage-guidance/wage-guidance.jobs.js';
import { weightedType7 } from '../../src/modules/wage-guidance/percentile.js';
import { typicalPay } from '../../src/modules/wage-guidance/wage-guidance.service.js';
import { prng } from '../../src/lib/prng.js';
import { creditCode, buildWorld, type World } from '../helpers/records.js';
import { eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;
const db = () => ctx.resources.database.db;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

async function employer(industry = 'C', district = '440106'): Promise<string> {
  const [row] = await sql()`insert into employers (name, credit_code, industry, size_band, district_code, office_id)
    values (${'测试单位' + randomUUID().slice(0, 8)}, ${creditCode()}, ${industry}, 'small', ${district}, ${w.offices.tianhe}) returning id`;
  return row!.id as string;
}
const employers = (n: number, industry = 'C') => Promise.all(Array.from({ length: n }, () => employer(industry)));

interface VacancySpec {
  employerId: string;
  isco?: string | null;
  cn?: string | null;
  min: number | null;
  max: number | null;
  unit?: WageUnit;
  headcount?: number;
  publishedAt: string;
  district?: string;
  status?: string;
}

/** Inserts a vacancy as the records module stores it: the stated wage plus its monthly normalisation (toMonthly). */
async function vacancy(v: VacancySpec): Promise<string> {
  const unit = v.unit ?? 'month';
  const system = v.cn ? 'cn2022' : v.isco ? 'isco' : null;
  const code = v.cn ?? v.isco ?? null;
  const iscoUnit = v.isco && v.isco.length === 4 ? v.isco : null;
  const [row] = await sql()`insert into vacancies (employer_id, office_id, title, occupation_system, occupation_code, isco_unit, headcount,
      wage_min, wage_max, wage_unit, wage_monthly_min, wage_monthly_max, district_code, status, published_at)
    values (${v.employerId}, ${w.offices.tianhe}, '岗位', ${system}, ${code}, ${iscoUnit}, ${v.headcount ?? 1},
      ${v.min}, ${v.max}, ${unit}, ${toMonthly(v.min, unit)}, ${toMonthly(v.max, unit)}, ${v.district ?? '440106'}, ${v.status ?? 'published'}, ${v.publishedAt})
    returning id`;
  return row!.id as string;
}

let seekerId: string | null = null;
async function placement(p: { employerId: string; vacancyId?: string | null; wage: number; start: string }) {
  if (!seekerId) {
    const [s] = await sql()`insert into seekers (office_id, registration_kind, name, national_id_hash, national_id_last4, birth_date, sex)
      values (${w.offices.tianhe}, 'job_seeking', '测试', ${randomUUID()}, '1234', '1990-01-01', 'female') returning id`;
    seekerId = s!.id as string;
  }
  await sql()`insert into placements (seeker_id, vacancy_id, employer_id, office_id, contract_start, monthly_wage)
    values (${seekerId}, ${p.vacancyId ?? null}, ${p.employerId}, ${w.offices.tianhe}, ${p.start}, ${p.wage})`;
}

/** `n` observations of one unit group spread round-robin over employers (headcount 1 each). */
async function cellOf(isco: string, n: number, emps: string[], month: string, wage = (i: number) => 4000 + i * 100) {
  for (let i = 0; i < n; i++) await vacancy({ employerId: emps[i % emps.length]!, isco, min: wage(i), max: wage(i), publishedAt: `${month}-10T04:00:00Z` });
}

type Row = Record<string, any>;
const cells = async (periodStart: string, extra = sql()``) =>
  (await sql()`select * from wage_guidance where period_kind = 'month' and period_start = ${periodStart} ${extra} order by system, code, source`) as unknown as Row[];
const cell = async (periodStart: string, system: string, code: string, source = 'offered') =>
  (await sql()`select * from wage_guidance where period_kind = 'month' and period_start = ${periodStart} and region_code = 'all'
    and system = ${system} and code = ${code} and source = ${source}`)[0] as Row | undefined;
const num = (v: unknown) => Number(v);
const pct = (r: Row) => [num(r.p10), num(r.p25), num(r.p50), num(r.p75), num(r.p90)];
const expected = (items: { value: number; weight: number }[]) => [0.1, 0.25, 0.5, 0.75, 0.9].map((p) => weightedType7(items, p)!);

describe('percentiles', () => {
  it('match an independent JS type-7 computation with headcount weights, ties and weight > 1, at every level and source', async () => {
    const r = prng(7);
    const emps = await employers(5, 'F');
    const offered: { value: number; weight: number; isco: string; lo: number; hi: number }[] = [];
    for (let i = 0; i < 60; i++) {
      const isco = i % 3 === 0 ? '5131' : '5120';
      const lo = 3000 + r.int(0, 12) * 250; // few distinct values → many ties
      const hi = lo + r.int(0, 4) * 500;
      const weight = r.int(1, 6);
      offered.push({ value: (lo + hi) / 2, weight, isco, lo, hi });
      await vacancy({ employerId: emps[i % 5]!, isco, min: lo, max: hi, headcount: weight, publishedAt: '2025-01-15T02:00:00Z' });
    }
    const res = await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-01-01' });
    expect(res).toMatchObject({ vacancies: 60, positions: offered.reduce((s, o) => s + o.weight, 0), placements: 0 });

    for (const [system, code, pick] of [
      ['isco', '5120', (o: (typeof offered)[number]) => o.isco === '5120'],
      ['isco', '5131', (o: (typeof offered)[number]) => o.isco === '5131'],
      ['isco', '512', (o: (typeof offered)[number]) => o.isco === '5120'],
      ['isco', '51', () => true],
      ['isco', '5', () => true],
      ['industry', 'F', () => true],
    ] as const) {
      const mine = offered.filter(pick);
      for (const [source, value] of [
        ['offered', (o: (typeof offered)[number]) => o.value],
        ['offered_min', (o: (typeof offered)[number]) => o.lo],
        ['offered_max', (o: (typeof offered)[number]) => o.hi],
      ] as const) {
        const row = await cell('2025-01-01', system, code, source);
        expect(row, `${system} ${code} ${source}`).toBeDefined();
        const items = mine.map((o) => ({ value: value(o), weight: o.weight }));
        const want = expected(items);
        pct(row!).forEach((got, i) => expect(got, `${system} ${code} ${source} #${i}`).toBeCloseTo(want[i]!, 6));
        const n = items.reduce((s, o) => s + o.weight, 0);
        expect(num(row!.observations)).toBe(n);
        expect(row!.records).toBe(mine.length);
        // the mean is stored rounded to cents
        expect(num(row!.mean)).toBeCloseTo(items.reduce((s, o) => s + o.value * o.weight, 0) / n, 1);
      }
    }
  });

  it('agree with plain percentile_cont over the rows expanded by headcount', async () => {
    const [check] = await sql()`select percentile_cont(array[0.1, 0.25, 0.5, 0.75, 0.9]) within group (order by (v.wage_monthly_min + v.wage_monthly_max) / 2) as p
      from vacancies v cross join generate_series(1, v.headcount)
      where v.published_at >= '2025-01-01T00:00:00+08:00' and v.published_at < '2025-02-01T00:00:00+08:00' and v.isco_unit = '5120'`;
    const row = await cell('2025-01-01', 'isco', '5120');
    pct(row!).forEach((got, i) => expect(got).toBeCloseTo((check!.p as number[])[i]!, 6));
  });

  it('compiles actual wages from placements with contract_start in the period, one observation each', async () => {
    const emps = await employers(4, 'H');
    const wages: number[] = [];
    for (let i = 0; i < 40; i++) {
      const v = await vacancy({ employerId: emps[i % 4]!, isco: '5131', min: 4000, max: 5000, publishedAt: '2024-12-20T02:00:00Z' });
      const wage = 3800 + (i % 7) * 300;
      wages.push(wage);
      await placement({ employerId: emps[i % 4]!, vacancyId: v, wage, start: '2025-02-03' });
    }
    await placement({ employerId: emps[0]!, wage: 99999, start: '2025-03-01' }); // next period: not counted
    const res = await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-02-01' });
    expect(res).toMatchObject({ placements: 40, vacancies: 0 });
    const row = await cell('2025-02-01', 'isco', '5131', 'actual');
    const want = expected(wages.map((value) => ({ value, weight: 1 })));
    pct(row!).forEach((got, i) => expect(got).toBeCloseTo(want[i]!, 6));
    expect(row).toMatchObject({ records: 40, employers: 4, suppressed: false });
    expect(await cell('2025-02-01', 'isco', '5131', 'offered')).toBeUndefined();
  });

  it('normalises hour, day, year and month wages to the same monthly figures', async () => {
    const emps = await employers(3);
    const specs: [string, WageUnit, number, number][] = [
      ['7411', 'hour', 25, 35],
      ['7412', 'day', 200, 280],
      ['7413', 'year', 52200, 73080],
      ['7421', 'month', 4350, 6090],
    ];
    for (const [isco, unit, lo, hi] of specs) {
      for (let i = 0; i < 3; i++) await vacancy({ employerId: emps[i]!, isco, min: lo + i, max: hi, unit, publishedAt: '2025-03-05T02:00:00Z' });
    }
    await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-03-01' });
    const rows = await Promise.all(specs.map(([isco]) => cell('2025-03-01', 'isco', isco, 'offered_max')));
    const figures = rows.map((r) => pct(r!));
    expect(figures[0]).toEqual([6090, 6090, 6090, 6090, 6090]);
    for (const f of figures) expect(f).toEqual(figures[0]);
  });
});

describe('small-cell suppression', () => {
  const month = '2025-04';
  let emps: string[];
  beforeAll(async () => {
    emps = await employers(6);
    await cellOf('8111', 29, emps.slice(0, 3), month); // 29 observations
    await cellOf('8112', 30, emps.slice(0, 3), month); // 30 observations
    await cellOf('8121', 30, emps.slice(0, 2), month); // 2 employers, 15 each
    await cellOf('8122', 30, emps.slice(0, 3), month); // 3 employers
    // employer share: 50 of 100 is allowed, 51 of 100 is not
    for (const [isco, top] of [['8131', 50], ['8132', 51]] as const) {
      await vacancy({ employerId: emps[3]!, isco, min: 5000, max: 6000, headcount: top, publishedAt: `${month}-10T04:00:00Z` });
      await vacancy({ employerId: emps[4]!, isco, min: 5500, max: 6500, headcount: 25, publishedAt: `${month}-10T04:00:00Z` });
      await vacancy({ employerId: emps[5]!, isco, min: 6000, max: 7000, headcount: 100 - top - 25, publishedAt: `${month}-10T04:00:00Z` });
    }
    await compileWageGuidance(db(), { periodKind: 'month', periodStart: `${month}-01` });
  });

  it('withholds a cell with 29 observations and publishes one with 30', async () => {
    expect(await cell(`${month}-01`, 'isco', '8111')).toMatchObject({ suppressed: true, suppression_reasons: ['min_observations'] });
    expect(await cell(`${month}-01`, 'isco', '8112')).toMatchObject({ suppressed: false, suppression_reasons: [] });
  });

  it('withholds a cell with 2 employers and publishes one with 3', async () => {
    expect(await cell(`${month}-01`, 'isco', '8121')).toMatchObject({ suppressed: true, suppression_reasons: ['min_employers'], employers: 2 });
    expect(await cell(`${month}-01`, 'isco', '8122')).toMatchObject({ suppressed: false, employers: 3 });
  });

  it('publishes a cell where one employer has 50% and withholds one where it has 51%', async () => {
    const fifty = await cell(`${month}-01`, 'isco', '8131');
    const fiftyOne = await cell(`${month}-01`, 'isco', '8132');
    expect(fifty).toMatchObject({ suppressed: false, suppression_reasons: [] });
    expect(num(fifty!.top_employer_share)).toBe(0.5);
    expect(fiftyOne).toMatchObject({ suppressed: true, suppression_reasons: ['dominant_employer'] });
    expect(num(fiftyOne!.top_employer_share)).toBe(0.51);
  });

  it('counts a suppressed child in its parent group', async () => {
    const parent = await cell(`${month}-01`, 'isco', '811');
    expect(parent).toMatchObject({ suppressed: false });
    expect(num(parent!.observations)).toBe(59);
    const wages = [...Array.from({ length: 29 }, (_, i) => 4000 + i * 100), ...Array.from({ length: 30 }, (_, i) => 4000 + i * 100)];
    const want = expected(wages.map((value) => ({ value, weight: 1 })));
    pct(parent!).forEach((got, i) => expect(got).toBeCloseTo(want[i]!, 6));
  });

  it('the API shows a suppressed cell with its reason and no figures, and a published one in full', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/wage-guidance?system=isco&code=8111&periodKind=month&periodStart=${month}-01&source=offered` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ code: '8111', level: 4, suppressed: true, suppressionReasons: ['min_observations'], observations: null, employers: null, p10: null, p50: null, p90: null, mean: null }),
    ]);
    const ok = await ctx.app.inject({ method: 'GET', url: `/wage-guidance?system=isco&code=811&periodKind=month&periodStart=${month}-01&source=offered` });
    expect(ok.json().items[0]).toMatchObject({ code: '811', level: 3, suppressed: false, observations: 59, employers: 3 });
    expect(ok.json().items[0].p50).toBeGreaterThan(0);
  });

  it('typicalPay gives the unit group’s P25–P75, and falls back to the minor group when the unit is withheld', async () => {
    const unit = await cell(`${month}-01`, 'isco', '8112');
    expect(await typicalPay(db(), { iscoUnit: '8112' })).toMatchObject({ p25: num(unit!.p25), p75: num(unit!.p75), periodStart: `${month}-01`, code: '8112' });
    const minor = await cell(`${month}-01`, 'isco', '811');
    expect(await typicalPay(db(), { iscoUnit: '8111' })).toMatchObject({ p25: num(minor!.p25), p75: num(minor!.p75), code: '811', level: 3 });
    expect(await typicalPay(db(), { iscoUnit: '9999' })).toBeNull();
    expect(await typicalPay(db(), { iscoUnit: '8112', regionCode: '440105' })).toBeNull();
  });
});

describe('classifications and regions', () => {
  it('compiles cn2022 codes at all four levels and keeps regions apart', async () => {
    const emps = await employers(3, 'E');
    for (let i = 0; i < 30; i++) await vacancy({ employerId: emps[i % 3]!, cn: '6-29-01-02', min: 6000 + i * 10, max: 8000, publishedAt: '2025-05-06T02:00:00Z' });
    for (let i = 0; i < 30; i++) await vacancy({ employerId: emps[i % 3]!, cn: '6-29-02', min: 9000, max: 9000, publishedAt: '2025-05-06T02:00:00Z', district: '440105' });
    await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-05-01' });
    await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-05-01', regionCode: '440105' });
    const city = await sql()`select code, level, observations::int from wage_guidance where period_start = '2025-05-01' and region_code = 'all' and system = 'cn2022' and source = 'offered' order by level`;
    expect(city).toEqual([
      { code: '6', level: 1, observations: 60 },
      { code: '6-29', level: 2, observations: 60 },
      { code: '6-29-01', level: 3, observations: 30 },
      { code: '6-29-02', level: 3, observations: 30 },
      { code: '6-29-01-02', level: 4, observations: 30 },
    ]);
    const haizhu = await ctx.app.inject({ method: 'GET', url: '/wage-guidance?system=cn2022&code=6-29&region=440105&periodStart=2025-05-01&source=offered' });
    expect(haizhu.statusCode, haizhu.body).toBe(200);
    expect(haizhu.json()).toMatchObject({ region: '440105', items: [{ code: '6-29', observations: 30, p50: 9000 }] });
    const industry = await ctx.app.inject({ method: 'GET', url: '/wage-guidance?system=industry&code=E&periodStart=2025-05-01&source=offered' });
    expect(industry.json().items[0]).toMatchObject({ code: 'E', labelZh: '建筑业', observations: 60 });
  });
});

describe('reruns', () => {
  it('replace the period’s cells in one transaction: same figures, no duplicates, a second run recorded', async () => {
    const emps = await employers(3);
    await cellOf('4110', 45, emps, '2025-06');
    const first = await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-06-01' });
    const before = await cells('2025-06-01');
    const second = await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-06-01' });
    const after = await cells('2025-06-01');
    expect(second.runId).not.toBe(first.runId);
    const strip = (rows: Row[]) => rows.map(({ id, run_id, created_at, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    expect(after.length).toBe(second.cells);
    expect(new Set(after.map((r) => r.run_id))).toEqual(new Set([second.runId]));
    // Every new cell and the run row were written by the same transaction.
    const xmins = await sql()`select distinct xmin::text as x from wage_guidance where period_start = '2025-06-01'
      union select xmin::text from wage_guidance_runs where id = ${second.runId}`;
    expect(xmins.length).toBe(1);
    const runs = await sql()`select id, vacancies, positions, cells, window_from, window_to from wage_guidance_runs where period_start = '2025-06-01' order by created_at`;
    expect(runs.map((r) => r.id)).toEqual([first.runId, second.runId]);
    expect(runs[1]).toMatchObject({ vacancies: 45, cells: second.cells });
    expect(new Date(runs[1]!.window_from as string).toISOString()).toBe('2025-05-31T16:00:00.000Z');
    expect(new Date(runs[1]!.window_to as string).toISOString()).toBe('2025-06-30T16:00:00.000Z');
  });

  it('count a vacancy in the Asia/Shanghai month it was published in', async () => {
    const emps = await employers(3);
    // 2025-07-31T17:00Z is 1 August 01:00 in Guangzhou
    await vacancy({ employerId: emps[0]!, isco: '9112', min: 3000, max: 3000, publishedAt: '2025-07-31T17:00:00Z' });
    const july = await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-07-01' });
    const august = await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-08-01' });
    expect([july.vacancies, august.vacancies]).toEqual([0, 1]);
  });
});

describe('POST /wage-guidance/runs', () => {
  it('without a key → 401, as an employer → 403, and nothing is enqueued', async () => {
    const before = (await sql()`select count(*)::int as n from outbox where job_name = 'wage-guidance.compile'`)[0]!.n;
    const none = await ctx.app.inject({ method: 'POST', url: '/wage-guidance/runs', payload: { periodKind: 'month', periodStart: '2025-09-01' } });
    expect(none.statusCode).toBe(401);
    const emp = await ctx.app.inject({ method: 'POST', url: '/wage-guidance/runs', headers: w.as.employerOwn, payload: { periodKind: 'month', periodStart: '2025-09-01' } });
    expect(emp.statusCode).toBe(403);
    expect(emp.json().code).toBe('FORBIDDEN');
    expect((await sql()`select count(*)::int as n from outbox where job_name = 'wage-guidance.compile'`)[0]!.n).toBe(before);
  });

  it('refuses a period start that is not the first day of the period, naming the field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/wage-guidance/runs', headers: w.as.staff, payload: { periodKind: 'quarter', periodStart: '2025-02-01' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.periodStart');
    const day = await ctx.app.inject({ method: 'POST', url: '/wage-guidance/runs', headers: w.as.staff, payload: { periodKind: 'month', periodStart: '2025-02-15' } });
    expect(day.statusCode).toBe(422);
  });

  it('as staff → 202, enqueued through the outbox, and the worker compiles the period', async () => {
    const emps = await employers(3, 'G');
    await cellOf('8322', 31, emps, '2025-09');
    const res = await ctx.app.inject({ method: 'POST', url: '/wage-guidance/runs', headers: w.as.staff, payload: { periodKind: 'month', periodStart: '2025-09-01' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ job: 'wage-guidance.compile', periodKind: 'month', periodStart: '2025-09-01', regionCode: 'all' });
    const [row] = await sql()`select queue, payload from outbox where job_name = 'wage-guidance.compile' order by id desc limit 1`;
    expect(row).toMatchObject({ queue: 'reports', payload: { periodKind: 'month', periodStart: '2025-09-01' } });
    await ctx.startWorkers();
    const run = await eventually(async () => (await sql()`select * from wage_guidance_runs where period_start = '2025-09-01'`)[0], 15_000);
    expect(run).toMatchObject({ vacancies: 31, region_code: 'all', trigger: 'job' });
    const compiled = await cell('2025-09-01', 'isco', '8322');
    expect(compiled).toMatchObject({ suppressed: false, employers: 3 });
    expect(num(compiled!.observations)).toBe(31);
    const runs = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/runs', headers: w.as.staff });
    expect(runs.json().items[0]).toMatchObject({ periodStart: '2025-09-01', vacancies: 31 });
  });

  it('the nightly job compiles the current month and quarter for the city and every district', async () => {
    const result = await compileCurrentPeriods(db(), new Date('2025-11-20T20:00:00Z')); // 21 Nov in Guangzhou
    const districts = (await sql()`select count(*)::int as n from districts where parent_code is not null`)[0]!.n as number;
    expect(result.runs).toBe(2 * (districts + 1));
    const runs = await sql()`select period_kind, to_char(period_start, 'YYYY-MM-DD') as p, count(*)::int as n from wage_guidance_runs
      where trigger = 'schedule' group by 1, 2 order by 1`;
    expect(runs).toEqual([
      { period_kind: 'month', p: '2025-11-01', n: districts + 1 },
      { period_kind: 'quarter', p: '2025-10-01', n: districts + 1 },
    ]);
  });
});

describe('outputs', () => {
  beforeAll(async () => {
    const emps = await employers(3, 'C');
    await cellOf('7212', 40, emps, '2025-10', (i) => 6000 + i * 50);
    await cellOf('9329', 35, emps, '2025-10', (i) => 4500 + i * 20);
    await cellOf('9333', 5, emps, '2025-10');
    await cellOf('7212', 30, emps, '2025-11', (i) => 6500 + i * 50);
    await sql()`update occupations set label_en = ${'=HYPERLINK("http://evil","x")'} where system = 'isco' and code = '7212'`;
    await sql()`update occupations set label_en = ${'<script>alert(1)</script> & "Workers"'} where system = 'isco' and code = '7'`;
    await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-10-01' });
    await compileWageGuidance(db(), { periodKind: 'month', periodStart: '2025-11-01' });
  });

  it('the trend lists one occupation over the compiled periods in order', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/trend?system=isco&code=7212&source=offered&periodKind=month' });
    expect(res.statusCode, res.body).toBe(200);
    const points = res.json().points as Row[];
    expect(points.map((p) => p.periodStart)).toEqual(['2025-10-01', '2025-11-01']);
    expect(points[1]!.p50).toBeGreaterThan(points[0]!.p50);
  });

  it('without periodStart, the list shows the latest compiled period', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/wage-guidance?code=7212&source=offered' });
    expect(res.json()).toMatchObject({ periodStart: '2025-11-01', items: [{ code: '7212' }] });
  });

  it('rejects an unknown system and a malformed period start with 400/422 naming the field', async () => {
    const bad = await ctx.app.inject({ method: 'GET', url: '/wage-guidance?system=soc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('query.system');
    const mid = await ctx.app.inject({ method: 'GET', url: '/wage-guidance?periodStart=2025-10-15' });
    expect(mid.statusCode).toBe(422);
  });

  it('the CSV has a BOM, a header, neutralised formulas and no figures for withheld cells', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/wage-guidance.csv?system=isco&periodStart=2025-10-01&source=offered' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('period_kind,period_start,region,system,level,code,label_zh,label_en,source,suppressed,suppression_reasons,observations,employers,p10,p25,p50,p75,p90,mean');
    const hostile = lines.find((l) => l.includes(',7212,'))!;
    expect(hostile).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(lines.some((l) => /(^|,)=/.test(l))).toBe(false);
    const withheld = lines.find((l) => l.includes(',9333,'))!.split(',');
    expect(withheld.slice(9, 11)).toEqual(['true', 'min_observations']);
    expect(withheld.slice(11)).toEqual(['', '', '', '', '', '', '', '']);
  });

  it('the HTML report (en) escapes a hostile occupation label and draws a server-side SVG box plot, with no inline script or style', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/report.html?lang=en&periodKind=month&periodStart=2025-10-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body).not.toContain('<script');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Workers&quot;');
    expect(res.body).toContain('<svg');
    expect(res.body).not.toMatch(/\sstyle=/);
    expect(res.body).not.toContain('<style');
    expect(res.body).toContain('<link rel="stylesheet" href="/wage-guidance/report.css">');
    expect(res.body).toContain('Wage guidance');
    const css = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/report.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('the HTML report (zh) is in Chinese with the major groups in a table', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/report.html?lang=zh&periodKind=month&periodStart=2025-10-01' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('工资指导价位');
    expect(res.body).toContain('简单劳动职业');
    expect(res.body).toMatch(/<td>9<\/td>/);
  });

  it('the HTML report for a period with no data says so', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/report.html?lang=en&periodKind=year&periodStart=2019-01-01' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('No wage guidance has been compiled');
  });
});
