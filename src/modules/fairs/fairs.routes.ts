import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, IsoDateTime, Nullable, offsetOf, Page, PageQuery, Uuid } from '../../lib/http.js';
import { lit } from '../../lib/http.js';
import { FAIR_KIND_VALUES } from '../../vocabulary/index.js';
import { fairScreeningStats } from '../vacancies/index.js';
import { BOOTH_SORTS, type BoothView, type FairRow } from './fairs.repository.js';
import * as service from './fairs.service.js';

const KINDS = FAIR_KIND_VALUES;
const STATUSES = ['planned', 'open', 'closed', 'cancelled'] as const;
const Kind = lit(KINDS);
const Status = lit(STATUSES);

/** Public shape: what a kiosk or a poster shows. No contact data exists on fairs. */
const Fair = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Kind,
  campaign: Nullable(Type.String()),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venue: Type.String(),
  districtCode: Nullable(Type.String()),
  officeId: Uuid,
  status: Status,
  attendance: Nullable(Type.Integer()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/** Booth with the employer's public fields only. */
const Booth = Type.Object({
  id: Uuid,
  fairId: Uuid,
  employerId: Uuid,
  boothNo: Type.String(),
  intentionsReached: Nullable(Type.Integer()),
  employer: Type.Object({ name: Type.String(), industry: Type.String(), sizeBand: Type.String() }),
  createdAt: IsoDateTime,
});

const Stats = Type.Object({
  fairId: Uuid,
  status: Status,
  employers: Type.Integer(),
  booths: Type.Integer(),
  vacancies: Type.Integer({ description: 'all vacancies linked to the fair, any status' }),
  publishedVacancies: Type.Integer(),
  positions: Type.Integer({ description: 'sum of headcount of published vacancies' }),
  attendance: Nullable(Type.Integer()),
  intentions: Type.Integer({ description: 'sum of intentions reached over booths' }),
});

const ScreeningStats = Type.Object({
  fairId: Uuid,
  vacancies: Type.Integer(),
  byOutcome: Type.Object({ pass: Type.Integer(), review: Type.Integer(), block: Type.Integer(), unscreened: Type.Integer() }),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  openFindingsByCategory: Type.Record(Type.String(), Type.Integer()),
  justifiedFindingsByCategory: Type.Record(Type.String(), Type.Integer()),
});

const fairDto = (r: FairRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  campaign: r.campaign,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  venue: r.venue,
  districtCode: r.districtCode,
  officeId: r.officeId,
  status: r.status,
  attendance: r.attendance,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const boothDto = (b: BoothView) => ({
  id: b.id,
  fairId: b.fairId,
  employerId: b.employerId,
  boothNo: b.boothNo,
  intentionsReached: b.intentionsReached,
  employer: { name: b.employerName, industry: b.employerIndustry, sizeBand: b.employerSizeBand },
  createdAt: b.createdAt.toISOString(),
});

const FairFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Kind,
  campaign: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venue: Type.String({ minLength: 1, maxLength: 300 }),
  districtCode: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 12 }))),
  officeId: Type.Optional(Nullable(Uuid)),
  attendance: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 }))),
};

const BoothParams = Type.Object({ id: Uuid, boothId: Uuid });
const MAX_BOOTH_PAGE = 500;

const fairsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const writers = app.authorize(['admin', 'staff', 'organiser']);
  const security = [{ apiKey: [] }];

  // ── public reads ────────────────────────────────────────────────────────────────────────
  app.get(
    '/fairs',
    {
      schema: {
        tags: ['fairs'],
        summary: 'List job fairs (public)',
        querystring: Type.Object(
          {
            ...PageQuery,
            status: Type.Optional(Status),
            kind: Type.Optional(Kind),
            districtCode: Type.Optional(Type.String({ minLength: 2, maxLength: 12 })),
            officeId: Type.Optional(Uuid),
            from: Type.Optional(IsoDateTime),
            to: Type.Optional(IsoDateTime),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Fair), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listFairs(db, {
        ...q,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return { items: rows.map(fairDto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/fairs/:id',
    { schema: { tags: ['fairs'], summary: 'Read one fair (public)', params: IdParams, response: { 200: Fair, ...errorResponses } } },
    async (req) => fairDto(await service.getFair(db, req.params.id)),
  );

  app.get(
    '/fairs/:id/booths',
    {
      schema: {
        tags: ['fairs'],
        summary: 'Booths of a fair with employer names (public; no contact data)',
        params: IdParams,
        querystring: Type.Object(
          {
            page: PageQuery.page,
            // The kiosk shows a fair's whole floor plan in one call, so the default is the maximum.
            pageSize: Type.Integer({ minimum: 1, maximum: MAX_BOOTH_PAGE, default: MAX_BOOTH_PAGE }),
            order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }),
            sort: Type.Union(BOOTH_SORTS.map((s) => Type.Literal(s)), { default: 'boothNo' }),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of a booth number or employer name' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Booth), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listBooths(db, req.params.id, { ...q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: rows.map(boothDto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/fairs/:id/stats',
    {
      schema: {
        tags: ['fairs'],
        summary: 'Fair statistics: employers, booths, vacancies, positions, attendance, intentions (public)',
        params: IdParams,
        response: { 200: Stats, ...errorResponses },
      },
    },
    async (req) => service.fairStats(db, req.params.id),
  );

  app.get(
    '/fairs/:id/screening-stats',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Screening of the fair’s vacancies: counts by outcome, status and finding category',
        security,
        params: IdParams,
        response: { 200: ScreeningStats, ...errorResponses },
      },
    },
    async (req) => {
      await service.getFair(db, req.params.id);
      return fairScreeningStats(db, req.params.id);
    },
  );

  // ── writes (organiser, staff, admin; office scope) ─────────────────────────────────────
  app.post(
    '/fairs',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Schedule a fair (status planned)',
        security,
        body: Type.Object(FairFields, { additionalProperties: false }),
        response: { 201: Fair, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(fairDto(await service.createFair(db, req.principal!, req.body))),
  );

  app.patch(
    '/fairs/:id',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Update a fair (details, attendance); status changes go through /status',
        security,
        params: IdParams,
        body: Type.Partial(Type.Object(FairFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Fair, ...errorResponses },
      },
    },
    async (req) => fairDto(await service.updateFair(db, req.principal!, req.params.id, req.body)),
  );

  app.post(
    '/fairs/:id/status',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Change status: planned→open→closed; planned|open→cancelled (409 INVALID_TRANSITION otherwise)',
        security,
        params: IdParams,
        body: Type.Object({ status: Status }, { additionalProperties: false }),
        response: { 200: Fair, ...errorResponses },
      },
    },
    async (req) => fairDto(await service.transitionFair(db, req.principal!, req.params.id, req.body.status)),
  );

  app.delete(
    '/fairs/:id',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Delete a planned fair without vacancies (otherwise 409: cancel it)',
        security,
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteFair(db, req.principal!, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/fairs/:id/booths',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Give an employer a booth (booth number unique per fair; one booth per employer)',
        security,
        params: IdParams,
        body: Type.Object({ employerId: Uuid, boothNo: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
        response: { 201: Booth, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(boothDto(await service.addBooth(db, req.principal!, req.params.id, req.body))),
  );

  app.patch(
    '/fairs/:id/booths/:boothId',
    {
      preHandler: writers,
      schema: {
        tags: ['fairs'],
        summary: 'Change a booth number or record intentions reached (达成意向)',
        security,
        params: BoothParams,
        body: Type.Object(
          {
            boothNo: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
            intentionsReached: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Booth, ...errorResponses },
      },
    },
    async (req) => boothDto(await service.updateBooth(db, req.principal!, req.params.id, req.params.boothId, req.body)),
  );

  app.delete(
    '/fairs/:id/booths/:boothId',
    {
      preHandler: writers,
      schema: { tags: ['fairs'], summary: 'Remove a booth', security, params: BoothParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await service.removeBooth(db, req.principal!, req.params.id, req.params.boothId);
      return reply.status(204).send(null);
    },
  );
};

export default fairsRoutes;
