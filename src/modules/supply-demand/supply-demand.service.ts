import type postgres from 'postgres';
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { enqueue } from '../../jobs/enqueue.js';
import * as repo from './supply-demand.repository.js';
import { buildRows, type ReportRow } from './supply-demand.figures.js';
import {
  AGE_BANDS,
  AGE_LABELS,
  DIMENSION_NAMES,
  EDUCATION_LABELS,
  EDUCATION_ORDER,
  FAIR_KIND_LABELS,
  INDUSTRY_LABELS,
  OUTCOME_LABELS,
  OUTCOMES,
  PRIORITY_LABELS,
  SEX_LABELS,
  TOTAL,
  UNKNOWN,
  type Dimension,
  type Label,
} from './supply-demand.labels.js';
import { REPORT_CSS, renderCsv, renderHtml, type LabelledRow } from './supply-demand.render.js';
import { supplyDemandReports, supplyDemandRows } from './supply-demand.table.js';
import { iscoZh } from './isco-zh.js';
import { isoWeekOf, lastCompletedWeek, shiftWeek, weekWindow, weeksInIsoYear, yearAgo, type IsoWeek } from '../../vocabulary/index.js';

export const CITY = 'city';
export { REPORT_CSS };

export interface CompileResult {
  reportId: string;
  isoYear: number;
  isoWeek: number;
  regionCode: string;
  rows: number;
  ms: number;
}

const lbl = (zh: string | null | undefined, en: string | null | undefined, fallback: string): Label => ({ zh: zh || en || fallback, en: en || zh || fallback });

/** Row labels and order within each dimension. */
async function labelRows(sql: repo.Sql, rows: ReportRow[]): Promise<LabelledRow[]> {
  const isco = await repo.iscoLabels(sql);
  const districts = await repo.districtLabels(sql);
  const labelOf = (d: Dimension, k: string): Label => {
    if (k === 'unknown') return UNKNOWN;
    switch (d) {
      case 'total':
        return TOTAL;
      case 'isco_major':
      case 'isco_submajor':
      case 'shortage':
      case 'surplus': {
        const o = isco.get(k);
        // Chinese pages never show an English occupation name: the table's Chinese label, else ours.
        return { zh: iscoZh(k, o?.labelZh), en: o?.labelEn || o?.labelZh || k };
      }
      case 'industry':
        return INDUSTRY_LABELS[k] ?? { zh: k, en: k };
      case 'district': {
        const o = districts.get(k);
        return lbl(o?.labelZh, o?.labelEn, k);
      }
      case 'education':
        return EDUCATION_LABELS[k] ?? { zh: k, en: k };
      case 'age_band':
        return AGE_LABELS[k] ?? { zh: k, en: k };
      case 'sex':
        return SEX_LABELS[k] ?? { zh: k, en: k };
      case 'priority_group':
        return PRIORITY_LABELS[k] ?? { zh: k, en: k };
      case 'fairs':
        return FAIR_KIND_LABELS[k] ?? { zh: k, en: k };
      case 'referrals':
        return OUTCOME_LABELS[k] ?? { zh: k, en: k };
    }
  };
  const orderOf = (d: Dimension, k: string): string => {
    const idx = (list: readonly string[]) => String(list.indexOf(k) < 0 ? 999 : list.indexOf(k)).padStart(4, '0');
    if (k === 'unknown') return '~';
    if (d === 'education') return idx(EDUCATION_ORDER);
    if (d === 'age_band') return idx(AGE_BANDS);
    if (d === 'priority_group') return idx(Object.keys(PRIORITY_LABELS));
    if (d === 'fairs') return idx(Object.keys(FAIR_KIND_LABELS));
    if (d === 'referrals') return idx(['created', ...OUTCOMES]);
    if (d === 'shortage' || d === 'surplus') return String((rows.find((r) => r.dimension === d && r.key === k)?.figures as { rank?: number }).rank ?? 0).padStart(4, '0');
    return k;
  };
  const out: LabelledRow[] = [];
  for (const d of DIMENSION_NAMES) {
    const mine = rows.filter((r) => r.dimension === d).sort((a, b) => (orderOf(d, a.key) < orderOf(d, b.key) ? -1 : 1));
    mine.forEach((r, i) => out.push({ ...r, position: i + 1, label: labelOf(d, r.key) }));
  }
  return out;
}

/**
 * Compiles one week's report for the city or one district and replaces the stored one, in a
 * single repeatable-read transaction: every query sees the same snapshot, and readers see
 * either the old report or the new one, never a mix. An advisory lock serialises two runs of
 * the same week and region.
 */
export async function compileReport(
  sql: postgres.Sql,
  input: { isoYear: number; isoWeek: number; regionCode?: string | null },
  now = new Date(),
  /** Filled with milliseconds per step (benchmarks). */
  timings: Record<string, number> = {},
): Promise<CompileResult> {
  const started = Date.now();
  const regionCode = input.regionCode || CITY;
  const region = regionCode === CITY ? null : regionCode;
  const w0 = weekWindow(input.isoYear, input.isoWeek);
  if (w0.end.getTime() > now.getTime()) throw new RangeError(`week ${input.isoYear}-W${input.isoWeek} has not ended yet`);
  const ww = [w0, shiftWeek(w0, 1), yearAgo(w0)].map((w) => weekWindow(w.isoYear, w.isoWeek));
  const trendWeeks = Array.from({ length: 12 }, (_, i) => shiftWeek(w0, 11 - i)).map((w) => weekWindow(w.isoYear, w.isoWeek));

  return (await sql.begin('isolation level repeatable read', async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtext(${`supply-demand:${w0.isoYear}:${w0.isoWeek}:${regionCode}`}))`;
    // Big one-off aggregations: JIT compilation costs more than it saves, and hashing every
    // grouping set in memory beats sorting a million rows once per set.
    await tx`set local jit = off`;
    await tx`set local work_mem = '256MB'`;
    if (region && !(await repo.districtExists(tx, region))) throw new RangeError(`unknown district ${region}`);
    const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      const out = await f();
      timings[name] = Date.now() - t;
      return out;
    };
    const parts = [
      ...(await timed('demand', () => repo.demandByDimension(tx, ww, region))),
      ...(await timed('supplyScan', async () => (await repo.prepareSupply(tx, ww, trendWeeks, region), []))),
      ...(await timed('supply', () => repo.supplyByDimension(tx))),
      ...(await timed('priority', () => repo.supplyByPriorityGroup(tx))),
      ...(await timed('placements', () => repo.placementsByDimension(tx, ww, region))),
      ...(await timed('fairs', () => repo.fairFigures(tx, ww, region))),
      ...(await timed('referrals', () => repo.referralFigures(tx, ww, region))),
    ];
    // Every table has its total row and every referral outcome a row, even when nothing happened.
    const zero = [{}, {}, {}];
    parts.push({ dimension: 'total', key: 'all', counts: zero });
    parts.push({ dimension: 'fairs', key: 'all', counts: [0, 1, 2].map(() => ({ fairs: 0, employers: 0, vacancies: 0, positions: 0, attendance: 0, intentions: 0 })) });
    for (const k of ['created', ...OUTCOMES]) parts.push({ dimension: 'referrals', key: k, counts: [0, 1, 2].map(() => ({ made: 0, recorded: 0 })) });
    const { rows } = buildRows(reorderZeros(parts));
    // A comparison needs records for the week compared with: before the first record there is
    // nothing to compare, and the page shows "—" rather than a change against zero.
    const [first] = await tx`select least((select min(published_at) from vacancies where published_at is not null), (select min(registered_at) from seekers)) as t`;
    const firstRecord = first?.t ? new Date(first.t as string) : null;
    const covered = (w: { start: Date }) => firstRecord !== null && firstRecord.getTime() <= w.start.getTime();
    dropComparisons(rows, { vsPrevious: !covered(ww[1]!), vsYearAgo: !covered(ww[2]!) });
    const trend = await timed('trend', () => repo.activeTrend(tx, trendWeeks, region));
    const labelled = await labelRows(tx, rows);
    const districts = await repo.districtLabels(tx);
    const regionLabel: Label = region ? lbl(districts.get(region)?.labelZh, districts.get(region)?.labelEn, region) : { zh: '全市', en: 'Whole city' };
    const compiledAt = new Date();
    const renderInput = { isoYear: w0.isoYear, isoWeek: w0.isoWeek, region: { code: regionCode, label: regionLabel }, weekStart: w0.start, weekEnd: w0.end, compiledAt, rows: labelled, trend };
    const csv = Object.fromEntries(DIMENSION_NAMES.map((d) => [d, renderCsv(d, labelled)]));
    const total = labelled.find((r) => r.dimension === 'total')!;
    const summary = {
      region: { code: regionCode, label: regionLabel },
      weeks: { current: ww[0], previous: ww[1], yearAgo: ww[2] },
      total: total.figures,
      trend,
    };
    const ms = Date.now() - started;
    const [report] = await tx`
      insert into supply_demand_reports (iso_year, iso_week, region_code, week_start, week_end, summary, html_zh, html_en, csv, compile_ms, compiled_at)
      values (${w0.isoYear}, ${w0.isoWeek}, ${regionCode}, ${w0.start.toISOString()}::text::timestamptz, ${w0.end.toISOString()}::text::timestamptz, ${JSON.stringify(summary)}::text::jsonb, ${renderHtml(renderInput, 'zh')}, ${renderHtml(renderInput, 'en')}, ${JSON.stringify(csv)}::text::jsonb, ${ms}, ${compiledAt.toISOString()}::text::timestamptz)
      on conflict (iso_year, iso_week, region_code) do update set
        week_start = excluded.week_start, week_end = excluded.week_end, summary = excluded.summary, html_zh = excluded.html_zh,
        html_en = excluded.html_en, csv = excluded.csv, compile_ms = excluded.compile_ms, compiled_at = excluded.compiled_at
      returning id`;
    const reportId = report!.id as string;
    await tx`delete from supply_demand_rows where report_id = ${reportId}`;
    const values = labelled.map((r) => ({ report_id: reportId, dimension: r.dimension, key: r.key, position: r.position, label_zh: r.label.zh, label_en: r.label.en, figures: r.figures }));
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500);
      await tx`insert into supply_demand_rows (report_id, dimension, key, position, label_zh, label_en, figures)
        select * from jsonb_to_recordset(${JSON.stringify(chunk)}::text::jsonb) as x(report_id uuid, dimension text, key text, position int, label_zh text, label_en text, figures jsonb)`;
    }
    return { reportId, isoYear: w0.isoYear, isoWeek: w0.isoWeek, regionCode, rows: labelled.length, ms: Date.now() - started };
  })) as CompileResult;
}

/** Nulls every change (and the compared period's figures) where the compared week has no records. */
export function dropComparisons(rows: ReportRow[], drop: { vsPrevious: boolean; vsYearAgo: boolean }) {
  for (const r of rows) {
    const f = r.figures as { previous?: Record<string, unknown>; yearAgo?: Record<string, unknown>; change?: { vsPrevious: Record<string, unknown>; vsYearAgo: Record<string, unknown> } };
    if (!f.change) continue;
    for (const [key, period] of [['vsPrevious', 'previous'], ['vsYearAgo', 'yearAgo']] as const) {
      if (!drop[key]) continue;
      for (const k of Object.keys(f.change[key])) f.change[key][k] = null;
      if (f[period]) for (const k of Object.keys(f[period]!)) f[period]![k] = null;
    }
  }
}

/** Zero placeholders go first so real counts (merged later with Object.assign) win. */
function reorderZeros(parts: repo.KeyedCounts[]): repo.KeyedCounts[] {
  const zeros = parts.filter((p) => p.counts.every((c) => Object.values(c).every((v) => v === 0)));
  return [...zeros, ...parts.filter((p) => !zeros.includes(p))];
}

/** The scheduled run: the week just ended, for the city now; districts fan out as their own jobs. */
export async function compileScheduled(sql: postgres.Sql, db: DbOrTx, now = new Date()) {
  const week = lastCompletedWeek(now);
  const city = await compileReport(sql, { ...week, regionCode: null }, now);
  const districts = await repo.reportDistricts(sql);
  await db.transaction(async (tx) => {
    for (const code of districts) await enqueue(tx, 'supply-demand.compile', { ...week, regionCode: code });
  });
  return { city, districts: districts.length };
}

// ── reads ────────────────────────────────────────────────────────────────────────────────

export function validateWeek(isoYear: number, isoWeek: number, now = new Date()): IsoWeek {
  if (isoWeek > weeksInIsoYear(isoYear)) throw invalid('isoWeek', `ISO year ${isoYear} has ${weeksInIsoYear(isoYear)} weeks`, `${isoYear} 年只有 ${weeksInIsoYear(isoYear)} 周`);
  const w = weekWindow(isoYear, isoWeek);
  if (w.end.getTime() > now.getTime()) {
    const cur = isoWeekOf(now);
    throw invalid('isoWeek', `week has not ended yet (current week ${cur.isoYear}-W${cur.isoWeek})`, '该周尚未结束');
  }
  return { isoYear, isoWeek };
}

export async function validateRegion(sql: postgres.Sql, regionCode: string | undefined | null): Promise<string> {
  if (!regionCode || regionCode === CITY) return CITY;
  if (!(await repo.districtExists(sql, regionCode))) throw invalid('regionCode', `unknown district ${regionCode}`, `区域代码 ${regionCode} 不存在`);
  return regionCode;
}

export async function requestRun(db: DbOrTx, sql: postgres.Sql, body: { isoYear: number; isoWeek: number; regionCode?: string }) {
  validateWeek(body.isoYear, body.isoWeek);
  const regionCode = await validateRegion(sql, body.regionCode);
  await enqueue(db, 'supply-demand.compile', { isoYear: body.isoYear, isoWeek: body.isoWeek, ...(regionCode === CITY ? {} : { regionCode }) });
  return { isoYear: body.isoYear, isoWeek: body.isoWeek, regionCode, status: 'queued' as const };
}

export type ReportRecord = typeof supplyDemandReports.$inferSelect;

export async function listReports(db: DbOrTx, q: { regionCode?: string; isoYear?: number; limit: number; offset: number; order: 'asc' | 'desc' }) {
  const where: SQL[] = [];
  if (q.regionCode) where.push(eq(supplyDemandReports.regionCode, q.regionCode));
  if (q.isoYear) where.push(eq(supplyDemandReports.isoYear, q.isoYear));
  const cond = where.length ? and(...where) : undefined;
  const dir = q.order === 'asc' ? asc : desc;
  const rows = await db
    .select({
      id: supplyDemandReports.id,
      isoYear: supplyDemandReports.isoYear,
      isoWeek: supplyDemandReports.isoWeek,
      regionCode: supplyDemandReports.regionCode,
      weekStart: supplyDemandReports.weekStart,
      weekEnd: supplyDemandReports.weekEnd,
      compiledAt: supplyDemandReports.compiledAt,
      compileMs: supplyDemandReports.compileMs,
      summary: supplyDemandReports.summary,
    })
    .from(supplyDemandReports)
    .where(cond)
    .orderBy(dir(supplyDemandReports.isoYear), dir(supplyDemandReports.isoWeek), asc(supplyDemandReports.regionCode))
    .limit(q.limit)
    .offset(q.offset);
  const [{ total }] = (await db.select({ total: count() }).from(supplyDemandReports).where(cond)) as [{ total: number }];
  return { rows, total };
}

export async function getReport(db: DbOrTx, isoYear: number, isoWeek: number, regionCode: string) {
  const [report] = await db
    .select()
    .from(supplyDemandReports)
    .where(and(eq(supplyDemandReports.isoYear, isoYear), eq(supplyDemandReports.isoWeek, isoWeek), eq(supplyDemandReports.regionCode, regionCode)));
  if (!report) throw notFound(`Supply-demand report ${isoYear}-W${isoWeek} (${regionCode})`, `${isoYear} 年第 ${isoWeek} 周供求报告（${regionCode}）`);
  return report;
}

export async function getReportRows(db: DbOrTx, reportId: string) {
  return db
    .select()
    .from(supplyDemandRows)
    .where(eq(supplyDemandRows.reportId, reportId))
    .orderBy(asc(supplyDemandRows.dimension), asc(supplyDemandRows.position));
}

export function csvOf(report: ReportRecord, dimension: string): string {
  const csv = (report.csv as Record<string, string>)[dimension];
  if (csv === undefined) throw new AppError(404, 'NOT_FOUND', { en: `No table ${dimension}`, zh: `没有表 ${dimension}` });
  return csv;
}
