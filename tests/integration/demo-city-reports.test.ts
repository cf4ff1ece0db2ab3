import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../seeds/reference.js';
import { seedDemo } from '../../seeds/demo/index.js';
import { CATALOGUE } from '../../seeds/city/catalogue.js';
import { CITY_DISTRICTS } from '../../seeds/city/draw.js';
import { compileReport } from '../../src/modules/supply-demand/supply-demand.service.js';
import { compileQuarter, quarterPeriod, type QuarterReport } from '../../src/modules/supply-demand/supply-demand.quarterly.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import ExcelJS from 'exceljs';
import { compileWageGuidance } from '../../src/modules/wage-guidance/wage-guidance.compile.js';
import { weightedType7 } from '../../src/modules/wage-guidance/percentile.js';
import { DISCLAIMER, priceTable } from '../../src/modules/wage-guidance/price-table.js';

/**
 * The demo city looks like a PES, and the quarterly analysis can be recomputed from the
 * records (DESIGN.md invariant 4): every figure below is derived again here, in plain code,
 * from rows read straight from the tables, and compared with the report.
 */
let ctx: TestContext;
const now = new Date('2026-12-05T04:00:00Z');
let report: QuarterReport;

beforeAll(async () => {
  ctx = await startTestApp();
  const { db, sql } = ctx.resources.database;
  await seedReference(db);
  await seedDemo(db, { now, hashKey: ctx.config.hashKey, employers: 100, vacancies: 2500, seekers: 4000, weeks: 60 });
  report = await compileQuarter(sql, 2026, 3, now);
}, 180_000);
afterAll(() => ctx?.close());

type Row = Record<string, unknown>;

/** Vacancies and seekers valid in [start, end), by the definitions printed on the page, in JS. */
async function recordsOf(start: Date, end: Date) {
  const { sql } = ctx.resources.database;
  const vs = (await sql`select v.*, e.industry, e.ownership from vacancies v join employers e on e.id = v.employer_id`) as unknown as Row[];
  const ss = (await sql`select s.*, (select max(contract_start)::text from placements p where p.seeker_id = s.id) as last_start from seekers s`) as unknown as Row[];
  const t = (x: unknown) => (x == null ? null : new Date(x as string).getTime());
  const vEnd = (v: Row) => {
    const c = t(v.closed_at);
    const e = t(v.expires_at);
    const m = c !== null && e !== null ? Math.min(c, e) : c ?? e;
    if (m !== null) return m;
    return ['closed', 'filled', 'expired'].includes(v.status as string) ? t(v.updated_at) : null;
  };
  const vacancies = vs.filter((v) => ['published', 'closed', 'filled', 'expired'].includes(v.status as string) && v.published_at && t(v.published_at)! < end.getTime() && (vEnd(v) === null || vEnd(v)! > start.getTime()));
  const sEnd = (s: Row) => (s.status === 'active' ? null : s.status === 'placed' && s.last_start ? new Date(`${s.last_start}T00:00:00+08:00`).getTime() : t(s.updated_at));
  const seekers = ss.filter((s) => t(s.registered_at)! < end.getTime() && (sEnd(s) === null || sEnd(s)! > start.getTime()));
  return { vacancies, seekers };
}

describe('the demo city', () => {
  it('has the occupational mix of a PES: group 6 and 4 lead, the 2022 Q4 top ten are the biggest occupations', async () => {
    const { sql } = ctx.resources.database;
    const byMajor = await sql`select left(occupation_code, 1) as g, sum(headcount)::int as n from vacancies where occupation_system = 'cn2022' group by 1 order by 2 desc`;
    expect(byMajor.map((r) => r.g).slice(0, 2).sort()).toEqual(['4', '6']);
    const it = await sql`select count(*)::int as n from vacancies where occupation_code like '2-02-10%'`;
    const [{ n: total }] = (await sql`select count(*)::int as n from vacancies`) as unknown as [{ n: number }];
    expect(it[0]!.n / total).toBeLessThan(0.05);
    const top = await sql`select occupation_code, count(*)::int as n from vacancies group by 1 order by 2 desc limit 12`;
    expect(top.map((r) => r.occupation_code)).toContain('4-01-02-01');
  });

  it('every vacancy says how to apply, lies inside its district, and its employer is in an industry that hires it', async () => {
    const { sql } = ctx.resources.database;
    const rows = await sql`select v.how_to_apply, v.lat, v.lon, v.district_code, v.occupation_code, e.industry from vacancies v join employers e on e.id = v.employer_id`;
    const byCode = new Map(CATALOGUE.map((c) => [c.cn, c]));
    for (const r of rows) {
      expect(r.how_to_apply.length).toBeGreaterThan(10);
      const d = CITY_DISTRICTS.find((x) => x.code === r.district_code)!;
      const dy = r.lat - d.lat;
      const dx = (r.lon - d.lon) * Math.cos((d.lat * Math.PI) / 180);
      expect(Math.sqrt(dx * dx + dy * dy)).toBeLessThanOrEqual(d.r + 1e-6);
      expect(byCode.get(r.occupation_code)!.ind).toContain(r.industry);
    }
    const names = await sql`select name from employers`;
    expect(names.filter((r) => /北京|上海|杭州|海淀/.test(r.name))).toHaveLength(0);
  });

  it('seekers are coherent: skills come from the wished occupation, graduates hold a degree, everyone has a category', async () => {
    const { sql } = ctx.resources.database;
    const rows = await sql`select skills, education::text, seeker_category, desired_occupations from seekers`;
    const byCode = new Map(CATALOGUE.map((c) => [c.cn, c]));
    for (const r of rows) {
      const cn = (r.desired_occupations as { system: string; code: string }[]).find((o) => o.system === 'cn2022')!.code;
      for (const s of r.skills) expect(byCode.get(cn)!.skills).toContain(s);
      expect(r.seeker_category).toBeTruthy();
      if (r.seeker_category === 'new_youth_graduate') expect(['associate', 'bachelor', 'master', 'doctorate']).toContain(r.education);
    }
    const python = await sql`select count(*)::int as n from seekers where education in ('primary', 'junior_secondary') and 'Python' = any(skills)`;
    expect(python[0]!.n).toBe(0);
  });

  it('demand is seasonal: March (春风行动) has more postings than February, and the stock does not pile up', async () => {
    const { sql } = ctx.resources.database;
    const m = Object.fromEntries((await sql`select to_char(published_at at time zone 'Asia/Shanghai', 'MM') as m, count(*)::int as n from vacancies where published_at >= '2026-01-01' group by 1`).map((r) => [r.m, r.n]));
    expect(m['03']).toBeGreaterThan(m['02'] * 1.5);
    const q2 = await compileQuarter(ctx.resources.database.sql, 2026, 2, now);
    expect(report.headline.demand / q2.headline.demand).toBeGreaterThan(0.7);
    expect(report.headline.demand / q2.headline.demand).toBeLessThan(1.4);
  });
});

describe('quarterly analysis: every figure recomputed from the records', () => {
  it('headline valid counts (上期结转 + 本期新增) and the ratio', async () => {
    const p = quarterPeriod(2026, 3);
    const { vacancies, seekers } = await recordsOf(p.start, p.end);
    const carried = vacancies.filter((v) => new Date(v.published_at as string) < p.start).reduce((a, v) => a + (v.headcount as number), 0);
    const all = vacancies.reduce((a, v) => a + (v.headcount as number), 0);
    expect(report.headline.demand).toBe(all);
    expect(report.headline.demandCarried).toBe(carried);
    expect(report.headline.demandNew).toBe(all - carried);
    expect(report.headline.supply).toBe(seekers.length);
    expect(report.headline.supplyCarried).toBe(seekers.filter((s) => new Date(s.registered_at as string) < p.start).length);
    expect(report.headline.ratio).toBe(Math.round((all / seekers.length) * 100) / 100);
    expect(report.previous).not.toBeNull();
    expect(report.change.ratioQoQ).toBe(Math.round((report.headline.ratio! - report.previous!.ratio!) * 100) / 100);
    // Sixty weeks of history: no records a year earlier, so no 同比.
    expect(report.yearAgo).toBeNull();
    expect(report.change.ratioYoY).toBeNull();
  });

  it('breakdowns by industry, ownership, major group, category, sex, education and skill grade', async () => {
    const p = quarterPeriod(2026, 3);
    const { vacancies, seekers } = await recordsOf(p.start, p.end);
    const sum = (xs: Row[], f: (x: Row) => boolean) => xs.filter(f).reduce((a, v) => a + (v.headcount as number), 0);
    for (const r of report.tables.industry) expect(r.demand).toBe(sum(vacancies, (v) => v.industry === r.key));
    for (const r of report.tables.ownership) expect(r.demand).toBe(sum(vacancies, (v) => (v.ownership ?? 'unknown') === r.key));
    const secondary = sum(vacancies, (v) => 'BCDE'.includes(v.industry as string));
    expect(report.tables.sector.find((r) => r.key === 'secondary')!.demand).toBe(secondary);
    const cnOf = (s: Row) => (s.desired_occupations as { system: string; code: string }[]).find((o) => o.system === 'cn2022')?.code ?? null;
    for (const r of report.tables.occupation_major) {
      const d = sum(vacancies, (v) => (v.occupation_code as string)[0] === r.key);
      const s = seekers.filter((x) => cnOf(x)?.[0] === r.key).length;
      expect([r.key, r.demand, r.supply]).toEqual([r.key, d, s]);
      if (s > 0) expect(r.ratio).toBe(Math.round((d / s) * 100) / 100);
    }
    const cat = (k: string) => seekers.filter((s) => s.seeker_category === k).length;
    const youth = report.tables.category.find((r) => r.key === 'new_youth')!;
    expect(youth.supply).toBe(cat('new_youth_graduate') + cat('new_youth_other'));
    expect(report.tables.category.find((r) => r.key === 'new_youth_graduate')!.supply).toBe(cat('new_youth_graduate'));
    expect(report.tables.category.find((r) => r.key === 'nonlocal')!.supply).toBe(cat('nonlocal'));
    for (const r of report.tables.sex) expect(r.supply).toBe(seekers.filter((s) => s.sex === r.key).length);
    expect(report.sexNoRequirementShare).toBe(100);
    for (const r of report.tables.education) {
      expect(r.demand).toBe(sum(vacancies, (v) => v.education_min === r.key));
      expect(r.supply).toBe(seekers.filter((s) => s.education === r.key).length);
    }
    for (const r of report.tables.skill_grade) {
      expect(r.demand).toBe(sum(vacancies, (v) => (v.skill_grade_required ?? 'none') === r.key));
      expect(r.supply).toBe(seekers.filter((s) => (s.skill_grade ?? 'none') === r.key).length);
      if (r.key !== 'none' && r.supply! > 0) expect(r.ratio).toBe(Math.round((r.demand! / r.supply!) * 100) / 100);
    }
    const shares = report.tables.industry.reduce((a, r) => a + (r.demandShare ?? 0), 0);
    expect(Math.abs(shares - 100)).toBeLessThan(0.6);
  });

  it('shortage and surplus rankings at 职业小类 level, in the 最缺工 columns', async () => {
    const p = quarterPeriod(2026, 3);
    const { vacancies, seekers } = await recordsOf(p.start, p.end);
    expect(report.shortage.length).toBe(10);
    expect(report.surplus.length).toBeGreaterThan(0);
    for (const r of [...report.shortage, ...report.surplus]) {
      expect(r.code).toMatch(/^\d-\d{2}-\d{2}$/);
      expect(r.name.zh).toMatch(/[\u4e00-\u9fff]/);
      const d = vacancies.filter((v) => (v.occupation_code as string).startsWith(r.code)).reduce((a, v) => a + (v.headcount as number), 0);
      const s = seekers.filter((x) => (x.desired_occupations as { system: string; code: string }[]).find((o) => o.system === 'cn2022')?.code.startsWith(r.code)).length;
      expect([r.code, r.demand, r.supply, r.gap]).toEqual([r.code, d, s, d - s]);
      expect(r.typicalDistrict?.zh).toMatch(/区$/);
    }
    const gaps = report.shortage.map((r) => r.gap);
    expect([...gaps].sort((a, b) => b - a)).toEqual(gaps);
    expect(report.shortage.some((r) => r.previousRank !== null)).toBe(true);
  });

  it('monthly figures: 有效/新增求人倍率, 就业率 and 充足率 from their counts', async () => {
    const { sql } = ctx.resources.database;
    const sep = report.months.find((m) => m.key === '2026-09')!;
    const start = new Date('2026-09-01T00:00:00+08:00');
    const end = new Date('2026-10-01T00:00:00+08:00');
    const { vacancies, seekers } = await recordsOf(start, end);
    expect(sep.activeDemand).toBe(vacancies.reduce((a, v) => a + (v.headcount as number), 0));
    expect(sep.activeSupply).toBe(seekers.length);
    const newSupply = seekers.filter((s) => new Date(s.registered_at as string) >= start).length;
    expect(sep.newSupply).toBe(newSupply);
    const [{ n }] = (await sql`select count(*)::int as n from placements where contract_start >= '2026-09-01' and contract_start < '2026-10-01'`) as unknown as [{ n: number }];
    expect(sep.placements).toBe(n);
    expect(sep.placementRate).toBe(Math.round((n / newSupply) * 1000) / 10);
    expect(sep.fillRate).toBe(Math.round((n / sep.newDemand) * 1000) / 10);
  });
});

describe('published pages', () => {
  it('the quarterly page is Chinese, in local time, defines its rates, and shows — for the missing 同比', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand/quarterly/2026/3/report.html?lang=zh', headers: bearer(ctx.adminKey) });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('求人倍率');
    expect(res.body).toContain('上期结转');
    expect(res.body).toContain('北京时间');
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(res.body).toContain('取值 0 以上、无上限');
    const csv = await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand/quarterly/2026/3/shortage.csv', headers: bearer(ctx.adminKey) });
    expect(csv.body).toContain('occupation_code');
    const bad = await ctx.app.inject({ method: 'GET', url: '/reports/supply-demand/quarterly/2099/1', headers: bearer(ctx.adminKey) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].field).toBe('quarter');
  });

  it('the weekly report: Chinese occupation names, local time, and no 比去年同期 without year-ago data', async () => {
    const { sql } = ctx.resources.database;
    await compileReport(sql, { isoYear: 2026, isoWeek: 48 }, now);
    const [r] = await sql`select html_zh, csv, summary from supply_demand_reports where iso_year = 2026 and iso_week = 48 and region_code = 'city'`;
    expect(r!.html_zh).not.toMatch(/Software developers|Managers|Security guards/);
    expect(r!.html_zh).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const csv = (r!.csv as Record<string, string>).isco_major!;
    const labelZh = csv.split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[1]!);
    for (const l of labelZh) expect(l).toMatch(/[\u4e00-\u9fff]/);
    // The history starts on 2025-10-11: week 2025-W42 has no previous week and no year-ago week to compare with.
    await compileReport(sql, { isoYear: 2025, isoWeek: 42 }, now);
    const [first] = await sql`select html_zh, summary from supply_demand_reports where iso_year = 2025 and iso_week = 42 and region_code = 'city'`;
    const total = (first!.summary as { total: { change: { vsYearAgo: Record<string, unknown>; vsPrevious: Record<string, unknown> } } }).total;
    expect(Object.values(total.change.vsYearAgo).every((v) => v === null)).toBe(true);
    expect(Object.values(total.change.vsPrevious).every((v) => v === null)).toBe(true);
    expect(first!.html_zh).not.toMatch(/[+-]\d[\d,]*<\/td><td>[+-]\d/);
    const w48 = (r!.summary as { total: { change: { vsYearAgo: Record<string, unknown> } } }).total;
    expect(w48.change.vsYearAgo.activeDemand).not.toBeNull();
  });
});

describe('wage price table (工资价位表)', () => {
  it('publishes dozens of 2022 occupations across the major groups, offered and actual side by side', async () => {
    const { db } = ctx.resources.database;
    await compileWageGuidance(db, { periodKind: 'year', periodStart: '2025-01-01', trigger: 'test' });
    await compileWageGuidance(db, { periodKind: 'quarter', periodStart: '2026-07-01', trigger: 'test' });
    const year = await priceTable(db, 'year', '2025-01-01');
    const quarter = await priceTable(db, 'quarter', '2026-07-01');
    // The test city is half the demo's size; the demo's own figures are in the issue note.
    expect(quarter.rows.length).toBeGreaterThanOrEqual(15);
    // Half-size test city: a quarter publishes the largest groups (4 and 6 every time; group 2
    // reaches the publication threshold only at the demo's size, see docs/demo-city.md).
    expect(Object.keys(quarter.majorGroups).sort()).toEqual(expect.arrayContaining(['4', '6']));
    expect(Object.keys(year.majorGroups).length).toBeGreaterThanOrEqual(2);
    // Offered and actual side by side in every row; at the test city's size no occupation reaches
    // the 30 placements that publish actual pay, so `actual` is null here (the demo publishes some).
    expect(quarter.rows.every((r) => 'offered' in r && 'actual' in r && r.offered)).toBe(true);
    for (const r of quarter.rows) {
      expect(r.code).toMatch(/^\d-\d{2}-\d{2}-\d{2}$/);
      for (const x of [r.offered, r.actual]) if (x) expect(x.p10! <= x.p25! && x.p25! <= x.p50! && x.p50! <= x.p75! && x.p75! <= x.p90!).toBe(true);
    }
    expect(year.periodEnd).toBe('2026-01-01');
  });

  it('grade rows recompute from the placements of the period', async () => {
    const { db, sql } = ctx.resources.database;
    const t = await priceTable(db, 'quarter', '2026-07-01');
    const staff = t.management.find((g) => g.key === 'staff')!;
    const wages = (await sql`select monthly_wage::float8 as w from placements where management_grade = 'staff' and contract_start >= '2026-07-01' and contract_start < '2026-10-01'`).map((r) => ({ value: r.w as number, weight: 1 }));
    expect(staff.actual!.observations).toBe(wages.length);
    expect(staff.actual!.p50).toBe(Math.round(weightedType7(wages, 0.5)! * 100) / 100);
  });

  it('A4 page, CSV and .xlsx all carry the statement that it is not a government wage standard', async () => {
    const html = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.html?periodKind=quarter&periodStart=2026-07-01&lang=zh' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('不是政府制定的工资标准');
    expect(html.body).toContain('低位数');
    const en = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.html?periodKind=quarter&periodStart=2026-07-01&lang=en' });
    expect(en.body).toContain('not a government wage standard');
    const csv = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.csv?periodKind=quarter&periodStart=2026-07-01' });
    expect(csv.body).toContain(DISCLAIMER.zh);
    const xlsx = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.xlsx?periodKind=quarter&periodStart=2026-07-01' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['职业', '管理岗位等级', '技术等级']);
    for (const ws of wb.worksheets) expect(String(ws.getCell('A2').value)).toBe(DISCLAIMER.zh);
    const bad = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.html?periodKind=quarter&periodStart=2026-08-01' });
    expect(bad.statusCode).toBe(422);
  });

  it('opened without a period, the price table shows the latest compiled one; a period with no prices says so', async () => {
    const { sql } = ctx.resources.database;
    const [{ p }] = (await sql`select max(period_start)::text as p from wage_guidance_runs where period_kind = 'quarter'`) as unknown as [{ p: string }];
    const latest = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.html?periodKind=quarter' });
    expect(latest.statusCode, latest.body).toBe(200);
    const [y, m] = p.split('-').map(Number);
    expect(latest.body).toContain(`${y}年第${['一', '二', '三', '四'][Math.floor((m! - 1) / 3)]}季度`);
    expect(latest.body).not.toContain('尚未编制');
    const empty = await ctx.app.inject({ method: 'GET', url: '/wage-guidance/price-table.html?periodKind=year&periodStart=2000-01-01&lang=zh' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('本期尚未编制分职业的工资价位');
  });
});
