import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import { errorResponses, IsoDate, IsoDateTime, Nullable, Uuid } from '../../lib/http.js';
import { lit } from '../../lib/http.js';
import { SOURCES, SYSTEMS } from './wage-guidance.compile.js';
import { PERIOD_KINDS } from './periods.js';
import { reportHtml, REPORT_CSS, toCsv } from './wage-guidance.render.js';
import * as service from './wage-guidance.service.js';
import { PRICE_TABLE_CSS, priceTable, priceTableCsv, priceTableHtml, priceTableXlsx } from './price-table.js';

const PeriodKind = lit(PERIOD_KINDS);
const System = lit(SYSTEMS);
const Source = lit(SOURCES);
const Region = Type.String({ minLength: 2, maxLength: 12, pattern: '^(all|\\d{6,12})$', description: "'all' (default) for the whole city, or a district code" });
const PeriodStart = Type.String({ format: 'date', description: 'first day of the period (YYYY-MM-01); default: the latest compiled' });
const Money = Nullable(Type.Number());

const Cell = Type.Object({
  periodKind: PeriodKind,
  periodStart: IsoDate,
  regionCode: Type.String(),
  system: System,
  level: Type.Integer(),
  code: Type.String(),
  labelZh: Nullable(Type.String()),
  labelEn: Nullable(Type.String()),
  source: Source,
  suppressed: Type.Boolean(),
  suppressionReasons: Type.Array(Type.String(), { description: 'min_observations | min_employers | dominant_employer' }),
  observations: Nullable(Type.Integer({ description: 'positions (headcount) for offered sources, placements for actual; null when suppressed' })),
  records: Nullable(Type.Integer()),
  employers: Nullable(Type.Integer()),
  p10: Money,
  p25: Money,
  p50: Money,
  p75: Money,
  p90: Money,
  mean: Money,
});

const CellsQuery = Type.Object(
  {
    system: Type.Optional({ ...System, default: 'isco' }),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'a code at any level (ISCO 1–4 digits, cn2022 6-18-02-04, industry A–T)' })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    region: Type.Optional(Region),
    periodKind: Type.Optional({ ...PeriodKind, default: 'month' }),
    periodStart: Type.Optional(PeriodStart),
    source: Type.Optional(Source),
  },
  { additionalProperties: false },
);

const Cells = Type.Object({
  periodKind: PeriodKind,
  periodStart: Nullable(IsoDate),
  region: Type.String(),
  items: Type.Array(Cell),
});

const Run = Type.Object({
  id: Uuid,
  periodKind: Type.String(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  regionCode: Type.String(),
  windowFrom: IsoDateTime,
  windowTo: IsoDateTime,
  vacancies: Type.Integer(),
  positions: Type.Integer(),
  placements: Type.Integer(),
  cells: Type.Integer(),
  suppressedCells: Type.Integer(),
  durationMs: Type.Integer(),
  trigger: Type.String(),
  createdAt: IsoDateTime,
});

type CellsQueryT = { system?: (typeof SYSTEMS)[number]; code?: string; level?: number; region?: string; periodKind?: (typeof PERIOD_KINDS)[number]; periodStart?: string; source?: (typeof SOURCES)[number] };
const cellQuery = (q: CellsQueryT): service.CellQuery => ({
  system: q.system ?? 'isco',
  code: q.code,
  level: q.level,
  region: q.region,
  periodKind: q.periodKind ?? 'month',
  periodStart: q.periodStart,
  source: q.source,
});

/**
 * Wage guidance (工资指导价位): published statistics, so reads need no key; suppressed cells
 * carry no figures. Compilation is requested by staff and runs in the worker.
 */
const wageGuidanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const staff = app.authorize(['admin', 'staff']);
  const security = [{ apiKey: [] }];

  app.get(
    '/wage-guidance',
    {
      schema: {
        tags: ['wage-guidance'],
        summary: 'Wage percentiles (P10–P90) per occupation or industry for a period and region (public)',
        querystring: CellsQuery,
        response: { 200: Cells, ...errorResponses },
      },
    },
    async (req) => service.listCells(db, cellQuery(req.query)),
  );

  app.get(
    '/wage-guidance/trend',
    {
      schema: {
        tags: ['wage-guidance'],
        summary: 'One occupation or industry over all compiled periods (public)',
        querystring: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 20 }),
            system: Type.Optional({ ...System, default: 'isco' }),
            source: Type.Optional({ ...Source, default: 'offered' }),
            periodKind: Type.Optional({ ...PeriodKind, default: 'month' }),
            region: Type.Optional(Region),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ system: System, code: Type.String(), source: Source, periodKind: PeriodKind, region: Type.String(), points: Type.Array(Cell) }),
          ...errorResponses,
        },
      },
    },
    async (req) =>
      service.trend(db, {
        code: req.query.code,
        system: req.query.system ?? 'isco',
        source: req.query.source ?? 'offered',
        periodKind: req.query.periodKind ?? 'month',
        region: req.query.region,
      }),
  );

  app.get(
    '/wage-guidance.csv',
    {
      schema: {
        tags: ['wage-guidance'],
        summary: 'Same as GET /wage-guidance, as CSV (UTF-8 with BOM; suppressed cells without figures)',
        querystring: CellsQuery,
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const q = cellQuery(req.query);
      const result = await service.listCells(db, q);
      const name = `wage-guidance-${q.system}-${result.periodKind}-${result.periodStart ?? 'none'}-${result.region}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`)
        .send(toCsv(result.items));
    },
  );

  app.get(
    '/wage-guidance/report.html',
    {
      schema: {
        tags: ['wage-guidance'],
        summary: 'Printable report: box plot and table of offered wages per ISCO major group (public; zh or en)',
        querystring: Type.Object(
          {
            lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' })),
            periodKind: Type.Optional({ ...PeriodKind, default: 'month' }),
            periodStart: Type.Optional(PeriodStart),
            region: Type.Optional(Region),
            source: Type.Optional({ ...Source, default: 'offered' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.String(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? 'zh';
      const result = await service.listCells(db, {
        system: 'isco',
        level: 1,
        region: req.query.region,
        periodKind: req.query.periodKind ?? 'month',
        periodStart: req.query.periodStart,
        source: req.query.source ?? 'offered',
      });
      let regionLabel: string | null = null;
      if (result.region !== 'all') {
        const rows = (await db.execute(sql`select name_zh, name_en from districts where code = ${result.region}`)) as unknown as { name_zh: string; name_en: string }[];
        regionLabel = rows[0] ? (lang === 'zh' ? rows[0].name_zh : rows[0].name_en) : result.region;
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(reportHtml({ lang, periodKind: result.periodKind, periodStart: result.periodStart, regionLabel, cells: result.items }));
    },
  );

  app.get(
    '/wage-guidance/report.css',
    { schema: { hide: true } },
    async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(REPORT_CSS),
  );

  app.post(
    '/wage-guidance/runs',
    {
      preHandler: staff,
      schema: {
        tags: ['wage-guidance'],
        summary: 'Compile wage guidance for a period and region now (staff, admin); runs in the worker',
        security,
        body: Type.Object(
          {
            periodKind: PeriodKind,
            periodStart: Type.Optional(Type.String({ format: 'date', description: 'first day of the period; default: the current one' })),
            regionCode: Type.Optional(Region),
          },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({
            job: Type.Literal('wage-guidance.compile'),
            periodKind: PeriodKind,
            periodStart: IsoDate,
            regionCode: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const payload = await db.transaction((tx) => service.requestRun(tx, req.body));
      return reply.status(202).send({ job: 'wage-guidance.compile' as const, periodKind: payload.periodKind, periodStart: payload.periodStart, regionCode: payload.regionCode ?? 'all' });
    },
  );

  app.get(
    '/wage-guidance/runs',
    {
      preHandler: staff,
      schema: {
        tags: ['wage-guidance'],
        summary: 'Recent compilations with their input window and counts (staff, admin)',
        security,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Run) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await service.listRuns(db, req.query.limit ?? 50) }),
  );
};

/**
 * 工资价位表: P10–P90 per 2022 detailed occupation, offered and actual side by side, and actual
 * pay by management and skill grade; annual or quarterly. Public like the report: published
 * cells only, with the statement that it is not a government wage standard.
 */
const priceTableRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const Query = Type.Object(
    {
      periodKind: Type.Union([Type.Literal('year'), Type.Literal('quarter')], { default: 'year' }),
      periodStart: Type.Optional(Type.String({ format: 'date', description: 'first day of the year or quarter; default: the latest compiled' })),
      lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' })),
    },
    { additionalProperties: false },
  );
  const tags = ['wage-guidance'];
  app.get('/wage-guidance/price-table.css', { schema: { tags, hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PRICE_TABLE_CSS),
  );
  app.get('/wage-guidance/price-table.html', { schema: { tags, summary: 'Wage price table, printable on A4 (zh or en)', querystring: Query, response: { 200: Type.String(), ...errorResponses } } }, async (req, reply) => {
    const t = await priceTable(db, req.query.periodKind ?? 'year', req.query.periodStart);
    return reply.type('text/html; charset=utf-8').send(priceTableHtml(t, req.query.lang ?? 'zh'));
  });
  app.get('/wage-guidance/price-table.csv', { schema: { tags, summary: 'Wage price table as CSV (UTF-8 with BOM; the disclaimer in the first lines)', querystring: Query } }, async (req, reply) => {
    const t = await priceTable(db, req.query.periodKind ?? 'year', req.query.periodStart);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="wage-prices-${t.periodKind}-${t.periodStart}.csv"`).send(priceTableCsv(t));
  });
  app.get('/wage-guidance/price-table.xlsx', { schema: { tags, summary: 'Wage price table as an Excel workbook (occupations, management grades, skill grades; the disclaimer on every sheet)', querystring: Query } }, async (req, reply) => {
    const t = await priceTable(db, req.query.periodKind ?? 'year', req.query.periodStart);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="wage-prices-${t.periodKind}-${t.periodStart}.xlsx"`)
      .send(await priceTableXlsx(t));
  });
};

const allWageGuidanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(priceTableRoutes);
  await app.register(wageGuidanceRoutes);
};

export default allWageGuidanceRoutes;
