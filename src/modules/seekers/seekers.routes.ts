import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, errorResponses } from '../../lib/http.js';
import type { Principal } from '../auth/index.js';
import {
  CreateSeekerBody,
  EligibilityBody,
  EligibilityResponse,
  ListSeekersQuery,
  LookupQuery,
  LookupResponse,
  RecordQuery,
  RecordResponse,
  ReadReasonQuery,
  SeekerDetail,
  SeekerSummary,
  StatusBody,
  UpdateSeekerBody,
} from './seekers.schemas.js';
import * as service from './seekers.service.js';
import { checkEligibility, lookupSeekers } from './seekers.lookup.js';
import { DEFAULT_RECORD_REASON, seekerRecord } from './seekers.record.js';

/**
 * 求职登记. Staff and admins only: employers never reach a seeker record here. Writes and lists
 * answer with the masked summary; personal data comes only from GET /seekers/:id, which
 * needs a reason and writes an audit row.
 */
const seekersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const staff = app.authorize(['admin', 'staff']);
  const common = { tags: ['seekers'], security: [{ apiKey: [] }] };
  // authorize() ran first, so the principal is there.
  const actorOf = (req: { principal: Principal | null; id: string }): service.SeekerActor => ({
    principal: req.principal!,
    hashKey: app.deps.config.hashKey,
    requestId: String(req.id),
    maxAge: app.deps.config.bounds.seekerMaxAge,
  });

  app.post(
    '/seekers',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Register a job seeker (求职登记/失业登记); 409 DUPLICATE_SEEKER when the national ID is already registered',
        body: CreateSeekerBody,
        response: { 201: SeekerSummary, ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await service.registerSeeker(db, actorOf(req), req.body);
      return reply.status(201).send(service.toSummary(row));
    },
  );

  app.get(
    '/seekers',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'List job seekers, masked (no name, phone, ID, address, birth date, ethnicity); not audited',
        querystring: ListSeekersQuery,
        response: { 200: Page(SeekerSummary), ...errorResponses },
      },
    },
    async (req) => service.listMaskedSeekers(db, req.query, { principal: req.principal!, requestId: req.id }),
  );

  app.get(
    '/seekers/:id',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: "Read a job seeker's personal data; the reason is written to the audit log",
        params: IdParams,
        querystring: ReadReasonQuery,
        response: { 200: SeekerDetail, ...errorResponses },
      },
    },
    async (req) => service.toDetail(await service.readSeekerPersonalData(db, actorOf(req), req.params.id, req.query.reason)),
  );

  app.patch(
    '/seekers/:id',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: "Update a job seeker (own office and below); birth date and sex change only with a corrected national ID",
        params: IdParams,
        body: UpdateSeekerBody,
        response: { 200: SeekerSummary, ...errorResponses },
      },
    },
    async (req) => service.toSummary(await service.updateSeekerRecord(db, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/seekers/:id/status',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Change a job seeker status (active, placed, inactive)',
        params: IdParams,
        body: StatusBody,
        response: { 200: SeekerSummary, ...errorResponses },
      },
    },
    async (req) =>
      service.toSummary(await service.changeSeekerStatus(db, actorOf(req), req.params.id, req.body.status, req.body.version)),
  );

  // The counter (issue 19): find a person, open their record, check priority groups while typing.
  app.get(
    '/seekers/lookup',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Find a person by name (exact or prefix), full phone number or full national ID, in your office tree; audited (the kind of key, never the text)',
        querystring: LookupQuery,
        response: { 200: LookupResponse, ...errorResponses },
      },
    },
    async (req) => lookupSeekers(db, { ...actorOf(req) }, req.query.q, req.query.limit),
  );

  app.post(
    '/seekers/eligibility',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Check priority groups (就业困难人员) against age, documents, status and unemployment duration, with reasons; stores nothing',
        body: EligibilityBody,
        response: { 200: EligibilityResponse, ...errorResponses },
      },
    },
    async (req) => {
      const { groups } = await checkEligibility(db, actorOf(req), req.body);
      return { groups: groups.map(({ value, eligible, reasons }) => ({ value, eligible, reasons })) };
    },
  );

  app.get(
    '/seekers/:id/record',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: "One person's record: profile, consents, referrals, placements, top matches, history (own office tree; audited like GET /seekers/:id)",
        params: IdParams,
        querystring: RecordQuery,
        response: { 200: RecordResponse, ...errorResponses },
      },
    },
    async (req) => seekerRecord(db, app.deps.database.sql, actorOf(req), req.params.id, req.query.reason ?? DEFAULT_RECORD_REASON),
  );
};

export default seekersRoutes;
