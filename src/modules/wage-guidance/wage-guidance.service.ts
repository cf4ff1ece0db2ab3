import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enqueue } from '../../jobs/enqueue.js';
import { AppError } from '../../lib/errors.js';
import { CITY, type Source, type System } from './wage-guidance.compile.js';
import { currentPeriodStart, periodBounds, type PeriodKind } from './periods.js';

export { compileWageGuidance } from './wage-guidance.compile.js';

import { INDUSTRY_LABELS } from '../employers/index.js';
import { ISCO_MAJOR_GROUPS } from '../../vocabulary/index.js';

/** ISCO-08 major groups in Chinese (the taxonomy file carries English labels only), from the vocabulary. */
export const ISCO_MAJOR_ZH: Record<string, string> = Object.fromEntries(ISCO_MAJOR_GROUPS.map((g) => [g.value, g.zh]));

export interface CellRow {
  periodKind: PeriodKind;
  periodStart: string;
  regionCode: string;
  system: System;
  level: number;
  code: string;
  labelZh: string | null;
  labelEn: string | null;
  source: Source;
  suppressed: boolean;
  suppressionReasons: string[];
  observations: number | null;
  records: number | null;
  employers: number | null;
  p10: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  mean: number | null;
}

interface RawCell {
  period_kind: PeriodKind;
  period_start: string;
  region_code: string;
  system: System;
  level: number;
  code: string;
  label_zh: string | null;
  label_en: string | null;
  source: Source;
  suppressed: boolean;
  suppression_reasons: string[];
  observations: string | number;
  records: number;
  employers: number;
  p10: string;
  p25: string;
  p50: string;
  p75: string;
  p90: string;
  mean: string;
}

const money = (v: string | number) => Math.round(Number(v) * 100) / 100;

/**
 * Public view of a cell: a suppressed cell says why, and shows no figures at all (not even the
 * counts, which together with a parent could reveal one employer's wages).
 */
function toCell(r: RawCell): CellRow {
  const label = r.system === 'industry' ? INDUSTRY_LABELS[r.code] : undefined;
  const hide = r.suppressed;
  return {
    periodKind: r.period_kind,
    periodStart: String(r.period_start),
    regionCode: r.region_code,
    system: r.system,
    level: r.level,
    code: r.code,
    labelZh: label?.zh ?? r.label_zh ?? (r.system === 'isco' && r.level === 1 ? (ISCO_MAJOR_ZH[r.code] ?? null) : null),
    labelEn: label?.en ?? r.label_en,
    source: r.source,
    suppressed: r.suppressed,
    suppressionReasons: r.suppression_reasons ?? [],
    observations: hide ? null : Number(r.observations),
    records: hide ? null : r.records,
    employers: hide ? null : r.employers,
    p10: hide ? null : money(r.p10),
    p25: hide ? null : money(r.p25),
    p50: hide ? null : money(r.p50),
    p75: hide ? null : money(r.p75),
    p90: hide ? null : money(r.p90),
    mean: hide ? null : money(r.mean),
  };
}

const CELL_COLUMNS = sql`w.period_kind, to_char(w.period_start, 'YYYY-MM-DD') as period_start, w.region_code, w.system, w.level, w.code,
  o.label_zh, o.label_en, w.source, w.suppressed, w.suppression_reasons, w.observations, w.records, w.employers,
  w.p10, w.p25, w.p50, w.p75, w.p90, w.mean`;
const LABEL_JOIN = sql`left join occupations o on o.system::text = w.system and o.code = w.code`;

export interface CellQuery {
  system: System;
  code?: string;
  level?: number;
  region?: string;
  periodKind: PeriodKind;
  periodStart?: string;
  source?: Source;
}

/** The latest compiled period of a kind for a region, or null when none has been compiled. */
export async function latestPeriod(db: DbOrTx, periodKind: PeriodKind, region: string): Promise<string | null> {
  const rows = (await db.execute(sql`select to_char(max(period_start), 'YYYY-MM-DD') as p from wage_guidance
    where period_kind = ${periodKind} and region_code = ${region}`)) as unknown as { p: string | null }[];
  return rows[0]?.p ?? null;
}

export async function listCells(db: DbOrTx, q: CellQuery): Promise<{ periodKind: PeriodKind; periodStart: string | null; region: string; items: CellRow[] }> {
  const region = q.region || CITY;
  if (q.periodStart) periodBounds(q.periodKind, q.periodStart, 'query.periodStart');
  const periodStart = q.periodStart ?? (await latestPeriod(db, q.periodKind, region));
  if (!periodStart) return { periodKind: q.periodKind, periodStart: null, region, items: [] };
  const rows = (await db.execute(sql`select ${CELL_COLUMNS} from wage_guidance w ${LABEL_JOIN}
    where w.period_kind = ${q.periodKind} and w.period_start = ${periodStart}::date and w.region_code = ${region}
      and w.system = ${q.system}
      ${q.code ? sql`and w.code = ${q.code}` : sql``}
      ${q.level ? sql`and w.level = ${q.level}` : sql``}
      ${q.source ? sql`and w.source = ${q.source}` : sql``}
    order by w.level, w.code, w.source`)) as unknown as RawCell[];
  return { periodKind: q.periodKind, periodStart, region, items: rows.map(toCell) };
}

export async function trend(
  db: DbOrTx,
  q: { system: System; code: string; source: Source; periodKind: PeriodKind; region?: string },
): Promise<{ system: System; code: string; source: Source; periodKind: PeriodKind; region: string; points: CellRow[] }> {
  const region = q.region || CITY;
  const rows = (await db.execute(sql`select ${CELL_COLUMNS} from wage_guidance w ${LABEL_JOIN}
    where w.system = ${q.system} and w.code = ${q.code} and w.source = ${q.source} and w.period_kind = ${q.periodKind} and w.region_code = ${region}
    order by w.period_start`)) as unknown as RawCell[];
  return { ...q, region, points: rows.map(toCell) };
}

export async function listRuns(db: DbOrTx, limit = 50) {
  const rows = (await db.execute(sql`select id, period_kind, to_char(period_start, 'YYYY-MM-DD') as period_start, to_char(period_end, 'YYYY-MM-DD') as period_end,
      region_code, window_from, window_to, vacancies, positions, placements, cells, suppressed_cells, duration_ms, trigger, created_at
    from wage_guidance_runs order by created_at desc limit ${limit}`)) as unknown as Record<string, unknown>[];
  return rows.map((r) => ({
    id: String(r.id),
    periodKind: String(r.period_kind),
    periodStart: String(r.period_start),
    periodEnd: String(r.period_end),
    regionCode: String(r.region_code),
    windowFrom: new Date(r.window_from as string).toISOString(),
    windowTo: new Date(r.window_to as string).toISOString(),
    vacancies: Number(r.vacancies),
    positions: Number(r.positions),
    placements: Number(r.placements),
    cells: Number(r.cells),
    suppressedCells: Number(r.suppressed_cells),
    durationMs: Number(r.duration_ms),
    trigger: String(r.trigger),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}

/** Validates and enqueues a compilation through the outbox (in the caller's transaction). */
export async function requestRun(db: DbOrTx, input: { periodKind: PeriodKind; periodStart?: string; regionCode?: string }) {
  const periodStart = input.periodStart ?? currentPeriodStart(input.periodKind);
  periodBounds(input.periodKind, periodStart, 'body.periodStart');
  const region = input.regionCode && input.regionCode !== CITY ? input.regionCode : undefined;
  if (region) {
    const rows = (await db.execute(sql`select 1 from districts where code = ${region}`)) as unknown as unknown[];
    if (rows.length === 0) {
      throw new AppError(422, 'INVALID_FIELD', { en: 'body.regionCode: unknown district', zh: 'body.regionCode：未知的行政区划' }, [
        { field: 'body.regionCode', message: 'unknown district' },
      ]);
    }
  }
  const payload = { periodKind: input.periodKind, periodStart, ...(region ? { regionCode: region } : {}) };
  await enqueue(db, 'wage-guidance.compile', payload);
  return payload;
}

/**
 * "Typical pay for this occupation: P25–P75": the latest published (not suppressed) offered
 * cell for the ISCO unit group, else its minor group. Among periods starting on the same day a
 * longer one (more data) wins.
 */
export async function typicalPay(
  db: DbOrTx,
  opts: { iscoUnit: string; regionCode?: string | null },
): Promise<{ p25: number; p75: number; periodStart: string; periodKind: PeriodKind; code: string; level: number } | null> {
  if (!/^\d{4}$/.test(opts.iscoUnit)) return null;
  const region = opts.regionCode || CITY;
  for (const code of [opts.iscoUnit, opts.iscoUnit.slice(0, 3)]) {
    const rows = (await db.execute(sql`select p25, p75, to_char(period_start, 'YYYY-MM-DD') as period_start, period_kind, code, level
      from wage_guidance
      where system = 'isco' and code = ${code} and source = 'offered' and region_code = ${region} and not suppressed
      order by period_start desc, case period_kind when 'year' then 0 when 'quarter' then 1 else 2 end
      limit 1`)) as unknown as { p25: string; p75: string; period_start: string; period_kind: PeriodKind; code: string; level: number }[];
    const r = rows[0];
    if (r) return { p25: money(r.p25), p75: money(r.p75), periodStart: r.period_start, periodKind: r.period_kind, code: r.code, level: r.level };
  }
  return null;
}
