import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, eventually, type TestContext } from '../helpers/test-app.js';
import { buildWorld, type World } from '../helpers/records.js';
import { compileReport, compileScheduled } from '../../src/modules/supply-demand/supply-demand.service.js';
import { SCHEDULES } from '../../workers/schedules.js';
import { prng } from '../../src/lib/prng.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;

// Report week 2026-W20: Monday 2026-05-11 00:00 to Monday 2026-05-18 00:00 Asia/Shanghai.
const W = { isoYear: 2026, isoWeek: 20 };
const START = new Date('2026-05-10T16:00:00Z');
const END = new Date('2026-05-17T16:00:00Z');
const DAY = 86400_000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const at = (base: Date, days: number) => new Date(base.getTime() + days * DAY);
// Edge cases live in Liwan (440103) so the random city data does not blur them.
const EDGE = '440103';

async function vacancy(v: { published: Date | null; status?: string; expires?: Date | null; closed?: Date | null; headcount?: number; isco?: string | null; edu?: string; district?: string | null; employer?: string; updated?: Date }) {
  const id = randomUUID();
  await sql()`insert into vacancies (id, employer_id, office_id, title, headcount, isco_unit, education_min, district_code, status, published_at, expires_at, closed_at, updated_at)
    values (${id}, ${v.employer ?? w.employers.own}, ${w.offices.tianhe}, '岗位', ${v.headcount ?? 1}, ${v.isco === undefined ? '7411' : v.isco}, ${v.edu ?? 'senior_secondary'},
      ${v.district === undefined ? EDGE : v.district}, ${v.status ?? 'published'}, ${iso(v.published)}, ${iso(v.expires)}, ${iso(v.closed)}, ${iso(v.updated ?? new Date())})`;
  return id;
}

async function seeker(s: { registered: Date; status?: string; birth?: string; sex?: string; edu?: string; district?: string | null; groups?: string[]; isco?: string | null; updated?: Date }) {
  const id = randomUUID();
  await sql()`insert into seekers (id, office_id, registration_kind, name, national_id_hash, national_id_last4, birth_date, sex, education, district_code, priority_groups, desired_occupations, status, registered_at, updated_at)
    values (${id}, ${w.offices.tianhe}, 'job_seeking', '测试', ${'h' + id}, '0000', ${s.birth ?? '1995-06-01'}, ${s.sex ?? 'female'}, ${s.edu ?? 'senior_secondary'},
      ${s.district === undefined ? EDGE : s.district}, ${`{${(s.groups ?? []).join(',')}}`}::text[], ${JSON.stringify(s.isco === null ? [] : [{ system: 'isco', code: s.isco ?? '7411' }])}::jsonb,
      ${s.status ?? 'active'}, ${iso(s.registered)}, ${iso(s.updated ?? new Date())})`;
  return id;
}

async function placement(seekerId: string, vacancyId: string | null, start: string) {
  await sql()`insert into placements (seeker_id, vacancy_id, employer_id, office_id, contract_start, monthly_wage) values (${seekerId}, ${vacancyId}, ${w.employers.own}, ${w.offices.tianhe}, ${start}, 5000)`;
}

async function referral(seekerId: string, vacancyId: string, created: Date, outcome = 'pending', outcomeAt: Date | null = null) {
  await sql()`insert into referrals (seeker_id, vacancy_id, office_id, outcome, outcome_at, created_at) values (${seekerId}, ${vacancyId}, ${w.offices.tianhe}, ${outcome}, ${iso(outcomeAt)}, ${iso(created)})`;
}

const compile = (regionCode: string | null = null) => compileReport(sql(), { ...W, regionCode });
const getJson = (region?: string, who = w.as.staff) =>
  ctx.app.inject({ method: 'GET', url: `/reports/supply-demand/2026/20${region ? `?region=${region}` : ''}`, headers: who });
type Row = { key: string; figures: Record<string, any> };
const rowOf = (body: any, dim: string, key: string): Row | undefined => (body.tables[dim] as Row[]).find((r) => r.key === key);

const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
  // ── edge cases (Liwan) ──
  ids.closedMidWeek = await vacancy({ published: at(START, -10), status: 'closed', closed: at(START, 3), headcount: 3 });
  ids.expiredAtStart = await vacancy({ published: at(START, -40), status: 'expired', expires: START, headcount: 5 });
  ids.newThisWeek = await vacancy({ published: at(START, 1), expires: at(START, 30), headcount: 2, edu: 'none' });
  ids.republished = await vacancy({ published: at(START, 2), expires: at(START, 32), headcount: 4, isco: '2512' });
  ids.draft = await vacancy({ published: null, status: 'draft', headcount: 50 });
  ids.publishedAfter = await vacancy({ published: END, headcount: 7 });
  ids.yearAgo = await vacancy({ published: at(START, -364 + 1), status: 'expired', expires: at(START, -364 + 20), headcount: 6 });
  ids.s1 = await seeker({ registered: at(START, 0.5), sex: 'female', birth: '2003-01-01', groups: ['disabled', 'veteran'] }); // new, 23 → 16-24
  ids.s2 = await seeker({ registered: at(START, -30), sex: 'male', birth: '1980-05-20', edu: 'bachelor', isco: '2512' }); // active, 45+
  ids.s3 = await seeker({ registered: at(START, -60), status: 'placed' }); // placed before the week
  await placement(ids.s3, ids.closedMidWeek, '2026-05-01');
  ids.s4 = await seeker({ registered: at(START, -20), status: 'placed', birth: '1990-01-01', groups: ['age_4050'] }); // placed during the week
  await placement(ids.s4, ids.closedMidWeek, '2026-05-13');
  ids.s5 = await seeker({ registered: at(START, -364 + 2) , status: 'inactive', updated: at(START, -300) }); // year ago only
  await referral(ids.s1, ids.newThisWeek, at(START, 2), 'hired', at(START, 4));
  await referral(ids.s2, ids.newThisWeek, at(START, 3));
  await referral(ids.s2, ids.republished, at(START, -3), 'rejected', at(START, 1));
  const [fair] = await sql()`insert into fairs (name, kind, starts_at, ends_at, venue, district_code, office_id, status, attendance)
    values ('荔湾区周六招聘会', 'weekly_saturday', ${iso(at(START, 5.1))}, ${iso(at(START, 5.3))}, '荔湾', ${EDGE}, ${w.offices.tianhe}, 'closed', 800) returning id`;
  await sql()`insert into fair_booths (fair_id, employer_id, booth_no, intentions_reached) values (${fair!.id}, ${w.employers.own}, 'A1', 12), (${fair!.id}, ${w.employers.other}, 'A2', 3)`;
  await sql()`update vacancies set fair_id = ${fair!.id} where id = ${ids.newThisWeek}`;
  await sql()`insert into fairs (name, kind, starts_at, ends_at, venue, district_code, office_id, status) values ('取消', 'weekly_saturday', ${iso(at(START, 5.1))}, ${iso(at(START, 5.3))}, '荔湾', ${EDGE}, ${w.offices.tianhe}, 'cancelled')`;

  // ── random city-wide data for the recomputation (other districts) ──
  const r = prng(7);
  const districts = ['440104', '440105', '440106', '440111', null];
  const iscos = ['2512', '2411', '5223', '7411', '8322', '9112', '3313', null];
  const edus = ['none', 'junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor'];
  const statuses = ['published', 'published', 'closed', 'filled', 'expired'];
  const pickR = <T,>(a: T[]) => a[Math.floor(r.next() * a.length)]!;
  const vids: string[] = [];
  for (let i = 0; i < 160; i++) {
    const base = r.next() < 0.2 ? at(START, -364) : START;
    const published = at(base, -21 + r.next() * 30);
    const status = pickR(statuses);
    const expires = r.next() < 0.8 ? at(published, 3 + r.next() * 30) : null;
    const closed = status === 'closed' || status === 'filled' ? (r.next() < 0.7 ? at(published, r.next() * 20) : null) : null;
    vids.push(await vacancy({ published, status, expires, closed, headcount: 1 + Math.floor(r.next() * 15), isco: pickR(iscos), edu: pickR(edus), district: pickR(districts), employer: r.next() < 0.5 ? w.employers.own : w.employers.other, updated: at(published, 25) }));
  }
  const groups = ['age_4050', 'disabled', 'long_term_unemployed', 'graduate_unemployed'];
  for (let i = 0; i < 260; i++) {
    const base = r.next() < 0.2 ? at(START, -364) : START;
    const registered = at(base, -40 + r.next() * 48);
    const status = pickR(['active', 'active', 'active', 'placed', 'inactive']);
    const id = await seeker({
      registered,
      status,
      birth: `${1965 + Math.floor(r.next() * 45)}-0${1 + Math.floor(r.next() * 9)}-1${Math.floor(r.next() * 9)}`,
      sex: r.next() < 0.5 ? 'female' : 'male',
      edu: pickR(edus),
      district: pickR(districts),
      groups: r.next() < 0.3 ? [pickR(groups)] : [],
      isco: pickR(iscos),
      updated: at(registered, 5 + r.next() * 30),
    });
    if (status === 'placed' && r.next() < 0.8) {
      const d = at(registered, 1 + r.next() * 20);
      const local = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      await placement(id, r.next() < 0.9 ? pickR(vids) : null, local);
    }
  }
});
afterAll(() => ctx.close());

describe('definitions (district report, edge cases)', () => {
  let body: any;
  beforeAll(async () => {
    await compile(EDGE);
    const res = await getJson(EDGE);
    expect(res.statusCode, res.body).toBe(200);
    body = res.json();
  });

  it('counts a vacancy closed mid-week as active but not new, and one published in the week as both', () => {
    const t = body.tables.total[0].figures.current;
    // active: closedMidWeek 3 + newThisWeek 2 + republished 4 = 9 positions in 3 vacancies
    expect(t.activeVacancies).toBe(3);
    expect(t.activeDemand).toBe(9);
    expect(t.newVacancies).toBe(2);
    expect(t.newDemand).toBe(6);
  });

  it('leaves out a vacancy that expired exactly when the week started, a draft, and one published after the week', () => {
    const t = body.tables.total[0].figures.current;
    expect(t.activeDemand).not.toBeGreaterThan(9);
    expect(body.weeks.current).toMatchObject({ isoYear: 2026, isoWeek: 20, start: START.toISOString(), end: END.toISOString() });
  });

  it('counts a re-published vacancy as new in the week of its latest publication', () => {
    expect(rowOf(body, 'isco_submajor', '25')!.figures.current).toMatchObject({ newDemand: 4, activeDemand: 4 });
  });

  it('counts seekers registered in the week as new, and ends a placed registration at the contract start', () => {
    const t = body.tables.total[0].figures.current;
    // s1 new; s2 active; s3 placed before the week (not active); s4 placed during it (active); s5 inactive long ago
    expect(t.newSupply).toBe(1);
    expect(t.activeSupply).toBe(3);
    expect(t.placements).toBe(1);
    expect(t.newRatio).toBe(6);
    expect(t.activeRatio).toBe(3);
    expect(t.placementRate).toBe(100);
    expect(t.fillRate).toBe(16.7);
  });

  it('shows no ratio for the "no requirement" education row, and splits age, sex and priority groups on the supply side only', () => {
    const none = rowOf(body, 'education', 'none')!.figures.current;
    expect(none.activeDemand).toBe(2);
    expect(none.activeRatio).toBeNull();
    expect(rowOf(body, 'age_band', '16-24')!.figures.current).toMatchObject({ newSupply: 1, activeSupply: 1, activeDemand: null });
    expect(rowOf(body, 'age_band', '45+')!.figures.current.activeSupply).toBe(1);
    expect(rowOf(body, 'sex', 'male')!.figures.current.activeSupply).toBe(1);
    expect(rowOf(body, 'priority_group', 'any')!.figures.current).toMatchObject({ activeSupply: 2, placements: 1 });
    expect(rowOf(body, 'priority_group', 'disabled')!.figures.current.newSupply).toBe(1);
    expect(rowOf(body, 'priority_group', 'age_4050')!.figures.current.placements).toBe(1);
    expect(rowOf(body, 'industry', 'C')!.figures.current).toMatchObject({ activeDemand: 9, activeSupply: null });
  });

  it('reports fairs held in the week (cancelled ones excluded) and referrals with their outcomes', () => {
    expect(rowOf(body, 'fairs', 'all')!.figures.current).toEqual({ fairs: 1, employers: 2, vacancies: 1, positions: 2, attendance: 800, intentions: 15 });
    expect(rowOf(body, 'referrals', 'created')!.figures.current).toEqual({ made: 2, recorded: 2 });
    expect(rowOf(body, 'referrals', 'hired')!.figures.current).toEqual({ made: 1, recorded: 1 });
    expect(rowOf(body, 'referrals', 'rejected')!.figures.current).toEqual({ made: 0, recorded: 1 });
  });

  it('compares with the same ISO week a year earlier: absolute change for counts and ratios', () => {
    const t = body.tables.total[0].figures;
    expect(body.weeks.yearAgo).toMatchObject({ isoYear: 2025, isoWeek: 20 });
    expect(t.yearAgo.activeDemand).toBe(6);
    expect(t.yearAgo.activeSupply).toBe(1);
    expect(t.yearAgo.activeRatio).toBe(6);
    expect(t.change.vsYearAgo.activeDemand).toBe(3);
    expect(t.change.vsYearAgo.activeRatio).toBe(-3);
    expect(t.change.vsPrevious.activeDemand).toBe(t.current.activeDemand - t.previous.activeDemand);
  });

  it('writes the definitions into the report in Chinese and English', () => {
    expect(body.definitions.length).toBeGreaterThan(5);
    expect(body.definitions.map((d: any) => d.term.zh)).toContain('有效供给');
  });
});

describe('idempotent reruns', () => {
  it('a rerun replaces the stored report: one report per week and region, the same rows', async () => {
    const a = await compile(EDGE);
    const before = await sql()`select dimension, key, figures from supply_demand_rows where report_id = ${a.reportId} order by 1, 2`;
    const b = await compile(EDGE);
    expect(b.reportId).toBe(a.reportId);
    const reports = await sql()`select count(*)::int as n from supply_demand_reports where iso_year = 2026 and iso_week = 20 and region_code = ${EDGE}`;
    expect(reports[0]!.n).toBe(1);
    const after = await sql()`select dimension, key, figures from supply_demand_rows where report_id = ${b.reportId} order by 1, 2`;
    expect(after).toEqual(before);
  });
});

/** Plain JS over the raw rows: the rules as written in the definitions. */
describe('independent recomputation', () => {
  it('every figure of the city report matches a recomputation from the raw records', async () => {
    await compile(null);
    const res = await getJson();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // Timestamps parsed here, whatever the driver returns.
    const d = (x: unknown) => (x === null || x === undefined ? null : new Date(x as string));
    const vs = (await sql()`select v.*, e.industry from vacancies v join employers e on e.id = v.employer_id`).map((v: any) => ({ ...v, published_at: d(v.published_at), expires_at: d(v.expires_at), closed_at: d(v.closed_at), updated_at: d(v.updated_at) }));
    const ss = (await sql()`select * from seekers`).map((s: any) => ({ ...s, registered_at: d(s.registered_at), updated_at: d(s.updated_at) }));
    const ps = await sql()`select p.*, v.isco_unit from placements p left join vacancies v on v.id = p.vacancy_id`;
    const lastStart = new Map<string, string>();
    for (const p of ps) {
      const d = p.contract_start instanceof Date ? p.contract_start.toISOString().slice(0, 10) : String(p.contract_start);
      if (!lastStart.has(p.seeker_id) || lastStart.get(p.seeker_id)! < d) lastStart.set(p.seeker_id, d);
    }
    const periods = [
      { s: START, e: END, first: '2026-05-11', last: '2026-05-17' },
      { s: at(START, -7), e: at(END, -7), first: '2026-05-04', last: '2026-05-10' },
      { s: new Date('2025-05-11T16:00:00Z'), e: new Date('2025-05-18T16:00:00Z'), first: '2025-05-12', last: '2025-05-18' },
    ];
    const vEnd = (v: any): Date | null => {
      const ends = [v.closed_at, v.expires_at].filter(Boolean).map((d: Date) => d.getTime());
      const least = ends.length ? new Date(Math.min(...ends)) : null;
      return v.status === 'published' ? least : (least ?? v.updated_at);
    };
    const sEnd = (s: any): Date | null => {
      if (s.status === 'active') return null;
      if (s.status === 'placed' && lastStart.has(s.id)) return new Date(`${lastStart.get(s.id)}T00:00:00+08:00`);
      return s.updated_at;
    };
    const pubV = vs.filter((v: any) => v.published_at && ['published', 'closed', 'filled', 'expired'].includes(v.status));
    const age = (birth: string, day: string) => {
      const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
    };
    const band = (a: number) => (a < 16 ? 'under_16' : a < 25 ? '16-24' : a < 35 ? '25-34' : a < 45 ? '35-44' : '45+');
    const birthStr = (b: any) => (b instanceof Date ? b.toISOString().slice(0, 10) : String(b));
    const seekerIsco = (s: any) => (s.desired_occupations?.[0]?.system === 'isco' ? s.desired_occupations[0].code : null);
    const dims: Record<string, { v?: (v: any) => string; s?: (s: any, p: number) => string; p?: (pl: any, s: any, p: number) => string }> = {
      total: { v: () => 'all', s: () => 'all', p: () => 'all' },
      isco_major: { v: (v) => v.isco_unit?.slice(0, 1) ?? 'unknown', s: (s) => seekerIsco(s)?.slice(0, 1) ?? 'unknown', p: (pl) => pl.isco_unit?.slice(0, 1) ?? 'unknown' },
      isco_submajor: { v: (v) => v.isco_unit?.slice(0, 2) ?? 'unknown', s: (s) => seekerIsco(s)?.slice(0, 2) ?? 'unknown', p: (pl) => pl.isco_unit?.slice(0, 2) ?? 'unknown' },
      district: { v: (v) => v.district_code?.slice(0, 6) ?? 'unknown', s: (s) => s.district_code?.slice(0, 6) ?? 'unknown', p: (_pl, s) => s.district_code?.slice(0, 6) ?? 'unknown' },
      education: { v: (v) => v.education_min, s: (s) => s.education, p: (_pl, s) => s.education },
      industry: { v: (v) => v.industry, p: () => 'C' },
      sex: { s: (s) => s.sex, p: (_pl, s) => s.sex },
      age_band: { s: (s, p) => band(age(birthStr(s.birth_date), periods[p]!.last)), p: (_pl, s, p) => band(age(birthStr(s.birth_date), periods[p]!.last)) },
    };
    const seekerById = new Map(ss.map((s: any) => [s.id, s]));
    let compared = 0;
    for (const [dim, fn] of Object.entries(dims)) {
      const expected = new Map<string, any[]>();
      const get = (k: string, p: number) => {
        if (!expected.has(k)) expected.set(k, [0, 1, 2].map(() => ({ newVacancies: 0, newDemand: 0, activeVacancies: 0, activeDemand: 0, newSupply: 0, activeSupply: 0, placements: 0 })));
        return expected.get(k)![p];
      };
      periods.forEach((per, p) => {
        if (fn.v)
          for (const v of pubV) {
            const end = vEnd(v);
            const isNew = v.published_at >= per.s && v.published_at < per.e;
            const active = v.published_at < per.e && (end === null || end > per.s);
            if (!isNew && !active) continue;
            const e = get(fn.v(v), p);
            if (isNew) {
              e.newVacancies++;
              e.newDemand += v.headcount;
            }
            if (active) {
              e.activeVacancies++;
              e.activeDemand += v.headcount;
            }
          }
        if (fn.s)
          for (const s of ss) {
            const end = sEnd(s);
            const isNew = s.registered_at >= per.s && s.registered_at < per.e;
            const active = s.registered_at < per.e && (end === null || end > per.s);
            if (isNew) get(fn.s(s, p), p).newSupply++;
            if (active) get(fn.s(s, p), p).activeSupply++;
          }
        for (const pl of ps) {
          const d = pl.contract_start instanceof Date ? pl.contract_start.toISOString().slice(0, 10) : String(pl.contract_start);
          if (d >= per.first && d <= per.last) get(fn.p!(pl, seekerById.get(pl.seeker_id), p), p).placements++;
        }
      });
      for (const [key, exp] of expected) {
        const row = rowOf(body, dim, key);
        expect(row, `${dim}/${key}`).toBeDefined();
        (['current', 'previous', 'yearAgo'] as const).forEach((period, p) => {
          const got = row!.figures[period];
          const e = exp[p];
          for (const f of ['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand'] as const) if (fn.v) expect(got[f], `${dim}/${key}/${period}/${f}`).toBe(e[f]);
          for (const f of ['newSupply', 'activeSupply'] as const) if (fn.s) expect(got[f], `${dim}/${key}/${period}/${f}`).toBe(e[f]);
          expect(got.placements, `${dim}/${key}/${period}/placements`).toBe(e.placements);
          const ratioOk = !(dim === 'education' && key === 'none') && key !== 'unknown';
          if (fn.v && fn.s) {
            const ar = ratioOk && e.activeSupply > 0 ? Math.round((e.activeDemand / e.activeSupply) * 100) / 100 : null;
            expect(got.activeRatio, `${dim}/${key}/${period}/activeRatio`).toBe(ar);
            const nr = ratioOk && e.newSupply > 0 ? Math.round((e.newDemand / e.newSupply) * 100) / 100 : null;
            expect(got.newRatio, `${dim}/${key}/${period}/newRatio`).toBe(nr);
          }
          if (fn.s) expect(got.placementRate).toBe(e.newSupply > 0 ? Math.round((e.placements / e.newSupply) * 1000) / 10 : null);
          if (fn.v) expect(got.fillRate).toBe(e.newDemand > 0 ? Math.round((e.placements / e.newDemand) * 1000) / 10 : null);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(60);
    // The 12-week trend ends with this week's active figures.
    expect(body.trend).toHaveLength(12);
    expect(body.trend[11]).toEqual({ isoYear: 2026, isoWeek: 20, activeDemand: rowOf(body, 'total', 'all')!.figures.current.activeDemand, activeSupply: rowOf(body, 'total', 'all')!.figures.current.activeSupply });
    expect(body.trend[10]).toMatchObject({ isoWeek: 19, activeDemand: rowOf(body, 'total', 'all')!.figures.previous.activeDemand, activeSupply: rowOf(body, 'total', 'all')!.figures.previous.activeSupply });
    const total = rowOf(body, 'total', 'all')!.figures.current;
    expect(total.activeDemand).toBeGreaterThan(100);
    expect(total.activeSupply).toBeGreaterThan(50);
  });
});

describe('outputs', () => {
  beforeAll(async () => {
    await sql()`update occupations set label_en = '=HYPERLINK("http://evil")', label_zh = '<script>alert(1)</script>' where system = 'isco' and code = '7'`;
    await compile(EDGE);
  });

  it('lists reports and serves one as JSON with links to every table', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand?region=' + EDGE, headers: w.as.staff });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ isoYear: 2026, isoWeek: 20, regionCode: EDGE });
    const one = (await getJson(EDGE)).json();
    expect(one.links.csv.isco_major).toBe(`/reports/supply-demand/2026/20/isco_major.csv?region=${EDGE}`);
  });

  it('serves a CSV with a BOM and neutralises a label that starts a formula', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/reports/supply-demand/2026/20/isco_major.csv?region=${EDGE}`, headers: w.as.staff });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).not.toMatch(/,=HYPERLINK/);
    const stored = await sql()`select csv->>'isco_major' as c from supply_demand_reports where region_code = ${EDGE}`;
    expect(stored[0]!.c).toBe(res.body);
  });

  it('refuses an unknown table (400) and returns 404 for a week never compiled', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand/2026/20/nope.csv', headers: w.as.staff })).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand/2020/5', headers: w.as.staff })).statusCode).toBe(404);
  });

  it('renders the HTML report in zh and en with SVG charts, escaping a hostile label', async () => {
    for (const lang of ['zh', 'en']) {
      const res = await ctx.app.inject({ method: 'GET', url: `/reports/supply-demand/2026/20/report.html?lang=${lang}&region=${EDGE}`, headers: w.as.staff });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<svg');
      expect(res.body).not.toContain('<script');
      expect(res.body).not.toMatch(/<style/);
      expect(res.body).toContain('/reports/supply-demand/report.css');
      expect(res.body).toContain(lang === 'zh' ? '有效求人倍率' : 'Active ratio');
    }
    const zh = await ctx.app.inject({ method: 'GET', url: `/reports/supply-demand/2026/20/report.html?region=${EDGE}`, headers: w.as.staff });
    expect(zh.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const css = await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand/report.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@page');
  });
});

describe('roles', () => {
  it('refuses callers without a key (401) and employers and organisers (403); staff and admin read', async () => {
    const url = `/reports/supply-demand/2026/20?region=${EDGE}`;
    expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url, headers: w.as.employerOwn })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url, headers: w.as.organiser })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/reports/supply-demand/2026/20/sex.csv?region=${EDGE}`, headers: w.as.organiser })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/reports/supply-demand/2026/20/report.html?region=${EDGE}`, headers: w.as.employerOwn })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'POST', url: '/reports/supply-demand/runs', headers: w.as.organiser, payload: W })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url, headers: w.as.admin })).statusCode).toBe(200);
  });
});

describe('schedule', () => {
  it('runs Mondays at 02:00 Shanghai time; the run compiles the week just ended for the city and queues one compile per district', async () => {
    const entry = SCHEDULES.find((x) => x.name === 'supply-demand.compile-scheduled');
    expect(entry).toMatchObject({ queue: 'reports', pattern: '0 2 * * 1', tz: 'Asia/Shanghai' });
    await sql()`delete from supply_demand_reports where region_code = 'city'`;
    const out = await compileScheduled(sql(), ctx.resources.database.db, new Date('2026-05-17T18:00:00Z'));
    expect(out.city).toMatchObject({ isoYear: 2026, isoWeek: 20, regionCode: 'city' });
    const jobs = await sql()`select payload from outbox where job_name = 'supply-demand.compile' and payload->>'isoWeek' = '20'`;
    expect(jobs.map((j: any) => j.payload.regionCode).sort()).toEqual(expect.arrayContaining(['440103', '440104', '440105', '440106']));
    expect(jobs.length).toBe(out.districts);
    expect((await sql()`select count(*)::int as n from supply_demand_reports where region_code = 'city' and iso_week = 20`)[0]!.n).toBe(1);
  });
});

describe('runs through the outbox', () => {
  it('refuses a week that has not ended and an unknown district, naming the field', async () => {
    const future = await ctx.app.inject({ method: 'POST', url: '/reports/supply-demand/runs', headers: w.as.staff, payload: { isoYear: 2099, isoWeek: 10 } });
    expect(future.statusCode).toBe(422);
    expect(future.json().details[0].field).toBe('isoWeek');
    const region = await ctx.app.inject({ method: 'POST', url: '/reports/supply-demand/runs', headers: w.as.staff, payload: { ...W, regionCode: '999999' } });
    expect(region.statusCode).toBe(422);
    expect(region.json().details[0].field).toBe('regionCode');
  });

  it('a staff request queues a compile job that the worker runs, storing the report', async () => {
    await sql()`delete from supply_demand_reports where region_code = '440105'`;
    const res = await ctx.app.inject({ method: 'POST', url: '/reports/supply-demand/runs', headers: w.as.staff, payload: { ...W, regionCode: '440105' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ isoYear: 2026, isoWeek: 20, regionCode: '440105', status: 'queued' });
    const outbox = await sql()`select job_name, payload from outbox where job_name = 'supply-demand.compile' order by id desc limit 1`;
    expect(outbox[0]).toMatchObject({ job_name: 'supply-demand.compile', payload: { isoYear: 2026, isoWeek: 20, regionCode: '440105' } });
    await ctx.startWorkers();
    const row = await eventually(async () => (await sql()`select id, summary from supply_demand_reports where region_code = '440105' and iso_year = 2026 and iso_week = 20`)[0], 20_000);
    expect((row.summary as any).region.code).toBe('440105');
    const rows = await sql()`select count(*)::int as n from supply_demand_rows where report_id = ${row.id}`;
    expect(rows[0]!.n).toBeGreaterThan(5);
  });
});
