import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, IsoDateTime, offsetOf, Page, PageQuery, Uuid } from '../../lib/http.js';
import { DEFINITIONS, DIMENSION_NAMES } from './supply-demand.labels.js';
import * as service from './supply-demand.service.js';
import { invalid } from '../../lib/errors.js';
import { compileQuarter, QUARTER_TABLES, quarterPeriod, type QuarterTable } from './supply-demand.quarterly.js';
import { QUARTER_DEFINITIONS, quarterCsv, renderQuarterHtml, renderRankingHtml } from './supply-demand.quarterly-render.js';

const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Week = Type.Integer({ minimum: 1, maximum: 53 });
const Region = Type.String({ pattern: '^(city|[0-9]{6})$', description: "'city' (default) or a 6-digit district code" });
const WeekParams = Type.Object({ year: Year, week: Week });
const RegionQuery = Type.Object({ region: Type.Optional(Region) }, { additionalProperties: false });
const Figures = Type.Record(Type.String(), Type.Any());
const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

const ReportSummary = Type.Object({
  id: Uuid,
  isoYear: Type.Integer(),
  isoWeek: Type.Integer(),
  regionCode: Type.String(),
  weekStart: IsoDateTime,
  weekEnd: IsoDateTime,
  compiledAt: IsoDateTime,
  compileMs: Type.Integer(),
  headline: Figures,
});

const TableRow = Type.Object({ key: Type.String(), position: Type.Integer(), label: Bilingual, figures: Figures });

const Report = Type.Object({
  ...ReportSummary.properties,
  region: Type.Object({ code: Type.String(), label: Bilingual }),
  weeks: Figures,
  definitions: Type.Array(Type.Object({ term: Bilingual, text: Bilingual })),
  trend: Type.Array(Type.Object({ isoYear: Type.Integer(), isoWeek: Type.Integer(), activeDemand: Type.Integer(), activeSupply: Type.Integer() })),
  tables: Type.Record(Type.String(), Type.Array(TableRow)),
  links: Type.Object({ html: Bilingual, csv: Type.Record(Type.String(), Type.String()) }),
});

const RunBody = Type.Object(
  { isoYear: Year, isoWeek: Week, regionCode: Type.Optional(Region) },
  { additionalProperties: false },
);
const RunAccepted = Type.Object({ isoYear: Type.Integer(), isoWeek: Type.Integer(), regionCode: Type.String(), status: Type.Literal('queued') });

const regionOf = (q: { region?: string }) => q.region ?? service.CITY;
const qs = (region: string) => (region === service.CITY ? '' : `?region=${region}`);

/** The fields a stored report shows in the list and at the top of its own page. */
function reportHeader(r: {
  id: string;
  isoYear: number;
  isoWeek: number;
  regionCode: string;
  weekStart: Date;
  weekEnd: Date;
  compiledAt: Date;
  compileMs: number;
  summary: unknown;
}) {
  return {
    id: r.id,
    isoYear: r.isoYear,
    isoWeek: r.isoWeek,
    regionCode: r.regionCode,
    weekStart: r.weekStart.toISOString(),
    weekEnd: r.weekEnd.toISOString(),
    compiledAt: r.compiledAt.toISOString(),
    compileMs: r.compileMs,
    headline: ((r.summary as { total?: { current?: Record<string, unknown> } }).total?.current ?? {}) as Record<string, unknown>,
  };
}

const supplyDemandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, sql } = app.deps.database;
  // Sex and priority-group statistics: PES staff only, even though every figure is an aggregate.
  const readers = app.authorize(['admin', 'staff']);
  const security = [{ apiKey: [] }];
  const tags = ['reports'];

  // No data in it; public so a browser's <link> loads it without credentials.
  app.get('/reports/supply-demand/report.css', { schema: { tags, summary: 'Print stylesheet of the HTML report', hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(service.REPORT_CSS),
  );

  app.get(
    '/reports/supply-demand',
    {
      preHandler: readers,
      schema: {
        tags,
        security,
        summary: 'List compiled weekly supply-demand reports',
        querystring: Type.Object({ ...PageQuery, region: Type.Optional(Region), year: Type.Optional(Year) }, { additionalProperties: false }),
        response: { 200: Page(ReportSummary), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listReports(db, { regionCode: q.region, isoYear: q.year, limit: q.pageSize, offset: offsetOf(q), order: q.order });
      return {
        items: rows.map(reportHeader),
        page: q.page,
        pageSize: q.pageSize,
        total,
      };
    },
  );

  app.post(
    '/reports/supply-demand/runs',
    {
      preHandler: readers,
      schema: {
        tags,
        security,
        summary: 'Compile (or recompile) the report for a past week; runs as a job',
        body: RunBody,
        response: { 202: RunAccepted, ...errorResponses },
      },
    },
    async (req, reply) => {
      const out = await db.transaction((tx) => service.requestRun(tx, sql, req.body));
      return reply.status(202).send(out);
    },
  );

  app.get(
    '/reports/supply-demand/:year/:week',
    {
      preHandler: readers,
      schema: { tags, security, summary: 'One weekly report as JSON (every table)', params: WeekParams, querystring: RegionQuery, response: { 200: Report, ...errorResponses } },
    },
    async (req) => {
      const region = regionOf(req.query);
      const r = await service.getReport(db, req.params.year, req.params.week, region);
      const rows = await service.getReportRows(db, r.id);
      const summary = r.summary as { region: { code: string; label: { zh: string; en: string } }; weeks: Record<string, unknown>; total: { current: Record<string, unknown> }; trend: never[] };
      const tables: Record<string, { key: string; position: number; label: { zh: string; en: string }; figures: Record<string, unknown> }[]> = {};
      for (const d of DIMENSION_NAMES) tables[d] = [];
      for (const row of rows) tables[row.dimension]?.push({ key: row.key, position: row.position, label: { zh: row.labelZh, en: row.labelEn }, figures: row.figures as Record<string, unknown> });
      const base = `/reports/supply-demand/${r.isoYear}/${r.isoWeek}`;
      return {
        ...reportHeader(r),
        region: summary.region,
        weeks: summary.weeks,
        definitions: DEFINITIONS,
        trend: summary.trend,
        tables,
        links: {
          html: { zh: `${base}/report.html?lang=zh${qs(region).replace('?', '&')}`, en: `${base}/report.html?lang=en${qs(region).replace('?', '&')}` },
          csv: Object.fromEntries(DIMENSION_NAMES.map((d) => [d, `${base}/${d}.csv${qs(region)}`])),
        },
      };
    },
  );

  app.get(
    '/reports/supply-demand/:year/:week/report.html',
    {
      preHandler: readers,
      schema: {
        tags,
        security,
        summary: 'The printable HTML report (zh or en) with SVG charts',
        params: WeekParams,
        querystring: Type.Object({ region: Type.Optional(Region), lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' }) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const r = await service.getReport(db, req.params.year, req.params.week, regionOf(req.query));
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').send(req.query.lang === 'en' ? r.htmlEn : r.htmlZh);
    },
  );

  app.get(
    '/reports/supply-demand/:year/:week/:table',
    {
      preHandler: readers,
      schema: {
        tags,
        security,
        summary: 'One table of a report as CSV (UTF-8 with BOM)',
        params: Type.Object({ year: Year, week: Week, table: Type.String({ pattern: `^(${DIMENSION_NAMES.join('|')})\\.csv$`, description: '<dimension>.csv' }) }),
        querystring: RegionQuery,
      },
    },
    async (req, reply) => {
      const region = regionOf(req.query);
      const r = await service.getReport(db, req.params.year, req.params.week, region);
      const dimension = req.params.table.replace(/\.csv$/, '');
      const name = `supply-demand-${r.isoYear}-W${String(r.isoWeek).padStart(2, '0')}-${region}-${dimension}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-cache')
        .send(service.csvOf(r, dimension));
    },
  );
};

/** The quarterly analysis and the 最缺工-format rankings, computed from the records on request. */
const quarterlyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sql } = app.deps.database;
  const readers = app.authorize(['admin', 'staff']);
  const security = [{ apiKey: [] }];
  const tags = ['reports'];
  const QuarterParams = Type.Object({ year: Year, quarter: Type.Integer({ minimum: 1, maximum: 4 }) });
  const LangQuery = Type.Object({ lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' }) }, { additionalProperties: false });
  const TABLES = [...QUARTER_TABLES, 'shortage', 'surplus', 'monthly'] as const;
  // A compiled quarter is kept for ten minutes: the page, its CSV tables and the JSON come from one compilation.
  const cache = new Map<string, { at: number; report: Promise<Awaited<ReturnType<typeof compileQuarter>>> }>();
  const compile = async (year: number, quarter: number) => {
    if (quarterPeriod(year, quarter).end.getTime() > Date.now()) throw invalid('quarter', 'the quarter has not ended yet', '该季度尚未结束');
    const key = `${year}Q${quarter}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < 10 * 60_000) return hit.report;
    const report = compileQuarter(sql, year, quarter);
    cache.set(key, { at: Date.now(), report });
    report.catch(() => cache.delete(key));
    if (cache.size > 16) cache.delete(cache.keys().next().value!);
    return report;
  };

  app.get(
    '/reports/supply-demand/quarterly/:year/:quarter',
    {
      preHandler: readers,
      schema: {
        tags, security, summary: 'Quarterly analysis (MOHRSS breakdowns, shortage and surplus rankings, monthly figures) as JSON', params: QuarterParams,
        response: {
          200: Type.Object({
            year: Type.Integer(), quarter: Type.Integer(), period: Type.Object({ start: IsoDateTime, end: IsoDateTime }), compiledAt: IsoDateTime,
            headline: Figures, previous: Type.Union([Figures, Type.Null()]), yearAgo: Type.Union([Figures, Type.Null()]), change: Figures,
            tables: Type.Record(Type.String(), Type.Array(Figures)), sexNoRequirementShare: Type.Union([Type.Number(), Type.Null()]),
            shortage: Type.Array(Figures), surplus: Type.Array(Figures), months: Type.Array(Figures),
            definitions: Type.Array(Type.Object({ term: Bilingual, text: Bilingual })),
            links: Type.Object({ html: Bilingual, ranking: Bilingual, csv: Type.Record(Type.String(), Type.String()) }),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = await compile(req.params.year, req.params.quarter);
      const base = `/reports/supply-demand/quarterly/${r.year}/${r.quarter}`;
      return {
        ...r,
        definitions: QUARTER_DEFINITIONS,
        links: {
          html: { zh: `${base}/report.html?lang=zh`, en: `${base}/report.html?lang=en` },
          ranking: { zh: `${base}/ranking.html?lang=zh`, en: `${base}/ranking.html?lang=en` },
          csv: Object.fromEntries(TABLES.map((t) => [t, `${base}/${t}.csv`])),
        },
      };
    },
  );

  for (const page of ['report', 'ranking'] as const) {
    app.get(
      `/reports/supply-demand/quarterly/:year/:quarter/${page}.html`,
      { preHandler: readers, schema: { tags, security, summary: page === 'report' ? 'The printable quarterly analysis (zh or en)' : 'Shortage and surplus rankings in the 最缺工 format (zh or en)', params: QuarterParams, querystring: LangQuery } },
      async (req, reply) => {
        const r = await compile(req.params.year, req.params.quarter);
        const html = (page === 'report' ? renderQuarterHtml : renderRankingHtml)(r, req.query.lang ?? 'zh');
        return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-cache').send(html);
      },
    );
  }

  app.get(
    '/reports/supply-demand/quarterly/:year/:quarter/:table',
    {
      preHandler: readers,
      schema: {
        tags, security, summary: 'One quarterly table as CSV (UTF-8 with BOM)',
        params: Type.Object({ year: Year, quarter: Type.Integer({ minimum: 1, maximum: 4 }), table: Type.String({ pattern: `^(${TABLES.join('|')})\\.csv$`, description: '<table>.csv' }) }),
      },
    },
    async (req, reply) => {
      const r = await compile(req.params.year, req.params.quarter);
      const table = req.params.table.replace(/\.csv$/, '') as QuarterTable | 'shortage' | 'surplus' | 'monthly';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="supply-demand-${r.year}Q${r.quarter}-${table}.csv"`)
        .header('cache-control', 'private, no-cache')
        .send(quarterCsv(r, table));
    },
  );
};

const allSupplyDemandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(quarterlyRoutes);
  await app.register(supplyDemandRoutes);
};

export default allSupplyDemandRoutes;
