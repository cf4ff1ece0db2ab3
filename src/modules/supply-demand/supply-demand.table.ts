import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

/**
 * 人力资源市场供求状况 weekly report: one row per ISO week and region ('city' or a district
 * code), replaced in one transaction when recompiled. The figures live in
 * supply_demand_rows; the rendered HTML (zh, en) and CSV tables are kept beside them so
 * what was published can be served again exactly.
 */
export const supplyDemandReports = pgTable(
  'supply_demand_reports',
  {
    id: id(),
    isoYear: integer('iso_year').notNull(),
    isoWeek: integer('iso_week').notNull(),
    /** 'city' for the whole city, otherwise a GB/T 2260 district code. */
    regionCode: text('region_code').notNull(),
    weekStart: timestamp('week_start', { withTimezone: true }).notNull(),
    weekEnd: timestamp('week_end', { withTimezone: true }).notNull(),
    /** Headline figures, comparisons, 12-week trend, fairs and referrals. */
    summary: jsonb('summary').notNull(),
    htmlZh: text('html_zh').notNull(),
    htmlEn: text('html_en').notNull(),
    /** dimension → CSV text (with BOM). */
    csv: jsonb('csv').notNull(),
    compileMs: integer('compile_ms').notNull(),
    compiledAt: timestamp('compiled_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('supply_demand_reports_week_region_uq').on(t.isoYear, t.isoWeek, t.regionCode),
    index('supply_demand_reports_region_idx').on(t.regionCode, t.isoYear, t.isoWeek),
  ],
);

/** One table row of a report: a dimension (isco_major, district, ...) and a key within it. */
export const supplyDemandRows = pgTable(
  'supply_demand_rows',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => supplyDemandReports.id, { onDelete: 'cascade' }),
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    /** {current, previous, yearAgo: counts and derived figures; change: {vsPrevious, vsYearAgo}}. */
    figures: jsonb('figures').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.dimension, t.key] })],
);
