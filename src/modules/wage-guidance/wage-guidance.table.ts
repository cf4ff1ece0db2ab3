import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

/**
 * One compilation of wage guidance (工资指导价位) for a period and region. Kept as history:
 * every run records the input window and what it counted, so a published figure can be traced
 * back to the records it came from (invariant 4).
 */
export const wageGuidanceRuns = pgTable(
  'wage_guidance_runs',
  {
    id: id(),
    periodKind: text('period_kind').notNull(),
    periodStart: date('period_start').notNull(),
    /** Exclusive end of the period (first day of the next one). */
    periodEnd: date('period_end').notNull(),
    /** 'all' for the whole city, else a district code (GB/T 2260). */
    regionCode: text('region_code').notNull(),
    /** Input window: vacancies with published_at and placements with contract_start in [from, to), Asia/Shanghai days. */
    windowFrom: timestamp('window_from', { withTimezone: true }).notNull(),
    windowTo: timestamp('window_to', { withTimezone: true }).notNull(),
    vacancies: integer('vacancies').notNull(),
    positions: bigint('positions', { mode: 'number' }).notNull(),
    placements: integer('placements').notNull(),
    cells: integer('cells').notNull(),
    suppressedCells: integer('suppressed_cells').notNull(),
    durationMs: integer('duration_ms').notNull(),
    trigger: text('trigger').notNull().default('job'),
    createdAt: createdAt(),
  },
  (t) => [index('wage_guidance_runs_period_idx').on(t.periodKind, t.periodStart, t.regionCode, t.createdAt)],
);

/**
 * One published cell: period × region × classification (isco | cn2022 | industry) × code (any
 * level) × source (offered | offered_min | offered_max | actual). Percentiles are Hyndman–Fan
 * type 7 with headcount as a frequency weight. Suppressed cells keep their figures here (so
 * they can be audited and recomputed) but are never shown: the API, CSV and HTML withhold them.
 */
export const wageGuidance = pgTable(
  'wage_guidance',
  {
    id: id(),
    runId: uuid('run_id')
      .notNull()
      .references(() => wageGuidanceRuns.id),
    periodKind: text('period_kind').notNull(),
    periodStart: date('period_start').notNull(),
    regionCode: text('region_code').notNull(),
    system: text('system').notNull(),
    level: integer('level').notNull(),
    code: text('code').notNull(),
    source: text('source').notNull(),
    /** Weighted count: positions (headcount) for offered sources, placements for actual. */
    observations: bigint('observations', { mode: 'number' }).notNull(),
    /** Distinct records (vacancies or placements) behind the observations. */
    records: integer('records').notNull(),
    employers: integer('employers').notNull(),
    /** Largest single employer's share of the observations, 0..1. */
    topEmployerShare: numeric('top_employer_share', { mode: 'number' }).notNull(),
    p10: numeric('p10', { mode: 'number' }).notNull(),
    p25: numeric('p25', { mode: 'number' }).notNull(),
    p50: numeric('p50', { mode: 'number' }).notNull(),
    p75: numeric('p75', { mode: 'number' }).notNull(),
    p90: numeric('p90', { mode: 'number' }).notNull(),
    mean: numeric('mean', { mode: 'number' }).notNull(),
    suppressed: boolean('suppressed').notNull(),
    /** Which thresholds failed: min_observations, min_employers, dominant_employer. */
    suppressionReasons: text('suppression_reasons').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('wage_guidance_cell_uq').on(t.periodKind, t.periodStart, t.regionCode, t.system, t.code, t.source),
    index('wage_guidance_lookup_idx').on(t.system, t.code, t.source, t.regionCode, t.periodKind),
  ],
);
