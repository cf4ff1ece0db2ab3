import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, errorResponses } from '../../lib/http.js';
import type { Principal } from '../auth/index.js';
import { Type } from '@sinclair/typebox';
import { maskName, seekerAlias } from '../../lib/masking.js';
import { offsetOf } from '../../lib/http.js';
import { listPlacements } from './referrals.repository.js';
import {
  CreatePlacementBody,
  CreateReferralBody,
  DecisionBody,
  EmployerReferralRequest,
  ListPlacementsQuery,
  PlacementListItem,
  ReferralRequest,
  ReferralRequestBody,
  ReferralRequestCreated,
  ReferralRequestListItem,
  ReferralRequestsQuery,
  EmployerReferral,
  EmployerReferralsQuery,
  ListReferralsQuery,
  OutcomeBody,
  OutcomeResponse,
  Placement,
  Referral,
  ReferralListItem,
  ReferralCounts,
  Stats,
  StatsQuery,
} from './referrals.schemas.js';
import * as service from './referrals.service.js';
import * as requests from './referral-requests.service.js';

/** 职业介绍 and 就业登记: referrals, their outcomes, placements and the counts built on them. */
const referralsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const staff = app.authorize(['admin', 'staff']);
  const common = { tags: ['referrals'], security: [{ apiKey: [] }] };
  // authorize() ran first, so the principal is there.
  const who = (req: { principal: Principal | null }) => req.principal!;

  app.post(
    '/referrals',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Refer an active, consenting job seeker to a published vacancy (releases name and phone to that employer)',
        body: CreateReferralBody,
        response: { 201: Referral, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(service.toReferralDto(await service.createReferral(db, who(req), req.body))),
  );

  app.get(
    '/referrals',
    {
      preHandler: staff,
      schema: { ...common, summary: 'List referrals with vacancy, employer and the person’s masked name (no contact data)', querystring: ListReferralsQuery, response: { 200: Page(ReferralListItem), ...errorResponses } },
    },
    async (req) => service.listReferrals(db, req.query),
  );

  // Registered before /referrals/:id so "stats" is never taken for an id.
  app.get(
    '/referrals/stats',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Referrals and placements per office in a date range (this office and those below it)',
        querystring: StatsQuery,
        response: { 200: Stats, ...errorResponses },
      },
    },
    async (req) => service.officeStats(db, req.query),
  );

  app.get(
    '/referrals/:id',
    { preHandler: staff, schema: { ...common, summary: 'Read a referral', params: IdParams, response: { 200: Referral, ...errorResponses } } },
    async (req) => service.toReferralDto(await service.getReferral(db, req.params.id)),
  );

  app.post(
    '/referrals/:id/outcome',
    {
      preHandler: app.authorize(['admin', 'staff', 'employer']),
      schema: {
        ...common,
        summary:
          'Record an outcome (pending → interviewed|declined|no_show|rejected|hired; interviewed → hired|rejected|declined|no_show). ' +
          'hired needs contractStart, contractMonths and monthlyWage and creates the placement. Employers: own vacancies; interviewed, hired, rejected, no_show.',
        params: IdParams,
        body: OutcomeBody,
        response: { 200: OutcomeResponse, ...errorResponses },
      },
    },
    async (req) => {
      const { referral, placement } = await service.recordOutcome(db, who(req), req.params.id, req.body);
      return { referral: service.toReferralDto(referral), placement: placement ? service.toPlacementDto(placement) : null };
    },
  );

  app.post(
    '/placements',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Record a placement (就业登记) without a referral; marks the job seeker placed',
        body: CreatePlacementBody,
        response: { 201: Placement, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(service.toPlacementDto(await service.createPlacement(db, who(req), req.body))),
  );

  app.get(
    '/seekers/:id/referral-counts',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'How many referrals a job seeker had, and declined (for the "one free training, three referrals" rule)',
        params: IdParams,
        response: { 200: ReferralCounts, ...errorResponses },
      },
    },
    async (req) => service.referralCounts(db, req.params.id),
  );

  app.get(
    '/employer/referrals',
    {
      preHandler: app.authorize(['employer']),
      schema: {
        ...common,
        summary: "Referrals to this employer's vacancies with the contact (name, phone) each referral released; every release is audited",
        querystring: EmployerReferralsQuery,
        response: { 200: Page(EmployerReferral), ...errorResponses },
      },
    },
    async (req) => service.listReferralsForEmployer(db, { principal: who(req), requestId: String(req.id) }, req.query),
  );

  app.get(
    '/placements',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Placements (就业登记), newest contract first; officeId includes the offices below it; people masked',
        querystring: ListPlacementsQuery,
        response: { 200: Page(PlacementListItem), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await listPlacements(db, { ...q, limit: q.pageSize, offset: offsetOf(q) });
      return {
        items: rows.map((p) => ({
          id: p.id,
          seekerId: p.seekerId,
          seekerAlias: seekerAlias(p.seekerId),
          seekerMaskedName: maskName(p.seekerName),
          employerName: p.employerName,
          vacancyTitle: p.vacancyTitle,
          officeName: p.officeName,
          contractStart: String(p.contractStart),
          contractMonths: p.contractMonths,
          monthlyWage: p.monthlyWage,
          referralId: p.referralId,
          createdAt: p.createdAt.toISOString(),
        })),
        page: q.page,
        pageSize: q.pageSize,
        total,
      };
    },
  );

  // Referral requests (issue 19): the recruiter asks, office staff decide.
  app.get(
    '/vacancies/:id/referral-requests',
    {
      preHandler: app.authorize(['employer'], { verifiedEmployer: true }),
      schema: {
        ...common,
        summary: "The recruiter's referral requests for its own vacancy: status and the office's reason (people by alias)",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(EmployerReferralRequest) }), ...errorResponses },
      },
    },
    async (req) => requests.listRequestsForEmployer(db, { principal: who(req), requestId: String(req.id) }, req.params.id),
  );

  app.post(
    '/vacancies/:id/referral-requests',
    {
      preHandler: app.authorize(['employer'], { verifiedEmployer: true }),
      schema: {
        ...common,
        summary: "Ask the office to refer one of this vacancy's candidates (own vacancy, verified employer); 404 when the person is not in the candidate list; a repeat answers the first request",
        params: IdParams,
        body: ReferralRequestBody,
        response: { 201: ReferralRequestCreated, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { row } = await requests.requestReferral(db, { principal: who(req), requestId: String(req.id) }, req.params.id, req.body);
      // The same answer whether the request is new or repeated, and whatever it became since.
      return reply.status(201).send({ id: row.id, status: 'requested' as const });
    },
  );

  app.get(
    '/referral-requests',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Referral requests from recruiters for vacancies in your office tree (admins: all), newest first; people masked',
        querystring: ReferralRequestsQuery,
        response: { 200: Page(ReferralRequestListItem), ...errorResponses },
      },
    },
    async (req) => requests.listReferralRequests(db, { principal: who(req), requestId: String(req.id) }, req.query),
  );

  app.post(
    '/referral-requests/:id/decision',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Decide a referral request: refer (creates the referral, same checks as POST /referrals, one transaction) or decline (reason required)',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ReferralRequest, ...errorResponses },
      },
    },
    async (req) => requests.decideReferralRequest(db, { principal: who(req), requestId: String(req.id) }, req.params.id, req.body),
  );
};

export default referralsRoutes;
