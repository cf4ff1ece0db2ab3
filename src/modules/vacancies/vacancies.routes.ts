import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, iso, IsoDateTime, Nullable, offsetOf, Page, PageQuery, Uuid } from '../../lib/http.js';
import { lit } from '../../lib/http.js';
import { CONTRACT_TYPES, EDUCATION, VacancyFields, WAGE_UNITS } from './vacancy-input.js';
import { VACANCY_SORTS, type PublicVacancyRow, type VacancyRow } from './vacancies.repository.js';
import * as service from './vacancies.service.js';
import { VACANCY_STATUSES } from './vacancy-status.js';
import { FindingSchema } from '../screening/index.js';

const Status = lit(VACANCY_STATUSES);
const Outcome = lit(['pass', 'review', 'block'] as const);
// The finding shape (with the basis and its scope, for the reviewer) is owned by the screening module.
const Finding = FindingSchema;
const Justification = Type.Object({ ruleId: Type.Optional(Type.String()), category: Type.Optional(Type.String()), basisCode: Type.String() });

/** The content fields every vacancy shape shares. */
const Content = {
  title: Type.String(),
  description: Type.String(),
  requirements: Type.String(),
  howToApply: Type.String(),
  occupationSystem: Nullable(lit(['isco', 'esco', 'cn2022'] as const)),
  occupationCode: Nullable(Type.String()),
  iscoUnit: Nullable(Type.String()),
  skills: Type.Array(Type.String()),
  headcount: Type.Integer(),
  wageMin: Nullable(Type.Number()),
  wageMax: Nullable(Type.Number()),
  wageUnit: lit(WAGE_UNITS),
  wageMonthlyMin: Nullable(Type.Number()),
  wageMonthlyMax: Nullable(Type.Number()),
  educationMin: lit(EDUCATION),
  experienceMinYears: Type.Integer(),
  contractType: lit(CONTRACT_TYPES),
  districtCode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  publicWelfare: Type.Boolean(),
  publishedAt: Nullable(IsoDateTime),
  expiresAt: Nullable(IsoDateTime),
};

/** Staff/employer shape (authenticated): includes office, screening and review internals. */
const Vacancy = Type.Object({
  id: Uuid,
  employerId: Uuid,
  fairId: Nullable(Uuid),
  officeId: Uuid,
  ...Content,
  status: Status,
  closedAt: Nullable(IsoDateTime),
  screeningOutcome: Nullable(Outcome),
  screeningFindings: Type.Array(Finding),
  justifications: Type.Array(Justification),
  reviewNote: Nullable(Type.String()),
  reviewedBy: Nullable(Uuid),
  reviewedAt: Nullable(IsoDateTime),
  source: Type.String(),
  externalRef: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/** Public shape (no key): content plus the employer's name, industry and size. No contact, office or screening data. */
const PublicVacancy = Type.Object({
  id: Uuid,
  ...Content,
  employer: Type.Object({ name: Type.String(), industry: Type.String(), sizeBand: Type.String() }),
  fair: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
});

const ScreeningResult = Type.Object({
  outcome: Outcome,
  wouldBe: lit(['blocked', 'published', 'pending_review'] as const),
  counts: Type.Object({
    total: Type.Integer(),
    open: Type.Integer(),
    justified: Type.Integer(),
    bySeverity: Type.Record(Type.String(), Type.Integer()),
    byCategory: Type.Record(Type.String(), Type.Integer()),
  }),
  findings: Type.Array(Finding),
});

const content = (v: VacancyRow) => ({
  title: v.title,
  description: v.description,
  requirements: v.requirements,
  howToApply: v.howToApply,
  occupationSystem: v.occupationSystem,
  occupationCode: v.occupationCode,
  iscoUnit: v.iscoUnit,
  skills: v.skills,
  headcount: v.headcount,
  wageMin: v.wageMin,
  wageMax: v.wageMax,
  wageUnit: v.wageUnit,
  wageMonthlyMin: v.wageMonthlyMin,
  wageMonthlyMax: v.wageMonthlyMax,
  educationMin: v.educationMin,
  experienceMinYears: v.experienceMinYears,
  contractType: v.contractType,
  districtCode: v.districtCode,
  lat: v.lat,
  lon: v.lon,
  publicWelfare: v.publicWelfare,
  publishedAt: iso(v.publishedAt),
  expiresAt: iso(v.expiresAt),
});

export const vacancyDto = (v: VacancyRow) => ({
  id: v.id,
  employerId: v.employerId,
  fairId: v.fairId,
  officeId: v.officeId,
  ...content(v),
  status: v.status,
  closedAt: iso(v.closedAt),
  screeningOutcome: v.screeningOutcome,
  screeningFindings: v.screeningFindings as never[],
  justifications: v.justifications as never[],
  reviewNote: v.reviewNote,
  reviewedBy: v.reviewedBy,
  reviewedAt: iso(v.reviewedAt),
  source: v.source,
  externalRef: v.externalRef,
  version: v.version,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

const publicDto = (r: PublicVacancyRow) => ({
  id: r.v.id,
  ...content(r.v),
  employer: { name: r.employerName, industry: r.employerIndustry, sizeBand: r.employerSizeBand },
  fair: r.v.fairId && r.fairName ? { id: r.v.fairId, name: r.fairName } : null,
});

const CreateBody = Type.Composite(
  [Type.Object({ employerId: Type.Optional(Uuid), fairId: Type.Optional(Nullable(Uuid)) }), VacancyFields],
  { additionalProperties: false },
);
const PatchBody = Type.Composite([Type.Object({ fairId: Type.Optional(Nullable(Uuid)) }), Type.Partial(VacancyFields)], {
  additionalProperties: false,
  minProperties: 1,
});

const vacanciesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  // Configuration every write is checked against, passed down (never set as a module global).
  const writeOptions = { bounds: app.deps.config.bounds, minimumMonthlyWage: app.deps.config.minimumMonthlyWage };
  const all = app.authorize(['admin', 'staff', 'organiser', 'employer']);
  const reviewers = app.authorize(['admin', 'staff']);
  const security = [{ apiKey: [] }];
  const tags = ['vacancies'];

  app.get(
    '/vacancies',
    {
      preHandler: all,
      schema: {
        tags,
        summary: 'List vacancies (city-wide for staff/organisers/admins; an employer key sees only its own)',
        security,
        querystring: Type.Object(
          {
            ...PageQuery,
            status: Type.Optional(Status),
            employerId: Type.Optional(Uuid),
            fairId: Type.Optional(Uuid),
            districtCode: Type.Optional(Type.String({ minLength: 2, maxLength: 12 })),
            officeId: Type.Optional(Type.String({ format: 'uuid', description: 'this office and the offices below it' })),
            publicWelfare: Type.Optional(Type.Boolean()),
            sort: Type.Optional(lit(VACANCY_SORTS)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Vacancy), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listVacanciesFor(db, req.principal!, {
        ...q,
        sort: q.sort ?? 'createdAt',
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return { items: rows.map(vacancyDto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  // Registered before /vacancies/:id; Fastify prefers the static segment anyway.
  app.get(
    '/vacancies/review-queue',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Vacancies held for staff review that the caller may decide (own office and below; admins: all), oldest first (order=desc: newest first)',
        security,
        querystring: Type.Object(
          { page: PageQuery.page, pageSize: PageQuery.pageSize, order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' }) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Vacancy), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.reviewQueue(db, req.principal!, { limit: q.pageSize, offset: offsetOf(q), order: q.order });
      return { items: rows.map(vacancyDto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/vacancies/:id',
    { preHandler: all, schema: { tags, summary: 'Read one vacancy (an employer key: only its own)', security, params: IdParams, response: { 200: Vacancy, ...errorResponses } } },
    async (req) => vacancyDto(await service.getVacancyFor(db, req.principal!, req.params.id)),
  );

  app.post(
    '/vacancies',
    {
      preHandler: all,
      schema: {
        tags,
        summary: 'Create a draft vacancy (an employer key: for itself; organisers: their office or employers at their fairs)',
        description:
          'Without an occupation code the title is auto-coded: the best ISCO-08 unit group is stored when the coder’s confidence is at least 0.6.',
        security,
        body: CreateBody,
        response: { 201: Vacancy, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(vacancyDto(await service.createVacancy(db, req.principal!, req.body, writeOptions))),
  );

  app.patch(
    '/vacancies/:id',
    {
      preHandler: all,
      schema: {
        tags,
        summary: 'Edit a vacancy; live vacancies are re-screened (block → 422, review → pending_review)',
        security,
        params: IdParams,
        body: PatchBody,
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (req) => vacancyDto(await service.updateVacancy(db, req.principal!, req.params.id, req.body, writeOptions)),
  );

  app.post(
    '/vacancies/:id/status',
    {
      preHandler: all,
      schema: {
        tags,
        summary: 'Change status (409 INVALID_TRANSITION when not allowed). → published runs the screening gate: block → 422 SCREENING_BLOCKED, review → pending_review',
        security,
        params: IdParams,
        body: Type.Object({ status: Status, reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (req) => {
      // Only a verified employer's recruiters publish (issue 17); drafts stay open to everyone.
      if (req.body.status === 'published') await app.assertVerifiedEmployer(req.principal!);
      return vacancyDto(await service.transitionVacancy(db, req.principal!, req.params.id, req.body.status, { reason: req.body.reason, minimumMonthlyWage: writeOptions.minimumMonthlyWage }));
    },
  );

  app.post(
    '/vacancies/:id/review',
    {
      preHandler: reviewers,
      schema: {
        tags,
        summary: 'Staff review of a pending vacancy: approve → published, reject → rejected (reason required)',
        security,
        params: IdParams,
        body: Type.Object(
          { decision: lit(['approve', 'reject'] as const), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Vacancy, ...errorResponses },
      },
    },
    async (req) => vacancyDto(await service.reviewVacancy(db, req.principal!, req.params.id, req.body.decision, req.body.reason)),
  );

  app.post(
    '/screening/check',
    {
      preHandler: all,
      schema: {
        tags: ['screening'],
        summary: 'Screen a vacancy body for discriminatory or unlawful content without saving it',
        security,
        body: VacancyFields,
        response: { 200: ScreeningResult, ...errorResponses },
      },
    },
    async (req) => {
      const r = service.checkVacancy(req.body, writeOptions);
      return { outcome: r.summary.outcome, wouldBe: r.wouldBe, counts: r.summary.counts, findings: r.findings };
    },
  );

  app.get(
    '/public/vacancies/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'A published, unexpired vacancy, public fields only (no key); otherwise 404',
        params: IdParams,
        response: { 200: PublicVacancy, ...errorResponses },
      },
    },
    async (req) => publicDto(await service.getPublicVacancy(db, req.params.id)),
  );
};

export default vacanciesRoutes;
