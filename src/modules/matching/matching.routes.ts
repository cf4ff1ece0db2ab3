import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../lib/http.js';
import type { Principal } from '../auth/index.js';
import { Referral } from '../referrals/index.js';
import { createReferral, toReferralDto } from '../referrals/index.js';
import * as read from './matching.read.js';
import { recordAccess } from '../audit/index.js';
import {
  CandidatesQuery,
  CandidatesResponse,
  FairnessQuery,
  FairnessResponse,
  LimitQuery,
  PairParams,
  PairResponse,
  ReferBody,
  ReferParams,
  SeekerMatchesResponse,
} from './matching.schemas.js';

/** Ranked, explained matches (computed by the matching worker) and the fairness audit. */
const matchingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, sql } = app.deps.database;
  // Candidates are for verified employers only (issue 17: `verified` is enforced).
  const staffOrEmployer = app.authorize(['admin', 'staff', 'employer'], { verifiedEmployer: true });
  const staff = app.authorize(['admin', 'staff']);
  const common = { tags: ['matching'], security: [{ apiKey: [] }] };
  const who = (req: { principal: Principal | null }) => req.principal!;

  app.get(
    '/vacancies/:id/candidates',
    {
      preHandler: staffOrEmployer,
      schema: {
        ...common,
        summary: 'Best job seekers for a vacancy, with score components and reasons (masked profiles; an employer sees only its own vacancies and consenting people)',
        params: IdParams,
        querystring: CandidatesQuery,
        response: { 200: CandidatesResponse, ...errorResponses },
      },
    },
    async (req) => {
      const result = await read.candidatesForVacancy(sql, who(req), req.params.id, req.query);
      // What an employer learns about people is on record: which list, which page.
      if (who(req).role === 'employer') {
        await recordAccess(db, { principal: who(req), requestId: req.id }, 'read_candidates', { type: 'vacancy', id: req.params.id }, ['score', 'components', 'reasons', 'profile'], `candidates offset ${req.query.offset ?? 0} limit ${req.query.limit}`);
      }
      return result;
    },
  );

  app.get(
    '/seekers/:id/matches',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Best open vacancies for a job seeker, with reasons',
        params: IdParams,
        querystring: LimitQuery,
        response: { 200: SeekerMatchesResponse, ...errorResponses },
      },
    },
    async (req) => read.seekerMatches(sql, req.params.id, req.query),
  );

  app.get(
    '/matches/:vacancyId/:seekerId',
    {
      preHandler: staffOrEmployer,
      schema: {
        ...common,
        summary: 'Score breakdown for one vacancy and one job seeker, computed now (masked profile)',
        params: PairParams,
        response: { 200: PairResponse, ...errorResponses },
      },
    },
    async (req) => {
      const result = await read.pairBreakdown(sql, who(req), req.params.vacancyId, req.params.seekerId);
      if (who(req).role === 'employer') {
        await recordAccess(db, { principal: who(req), requestId: req.id }, 'read_match', { type: 'seeker', id: req.params.seekerId }, ['score', 'components', 'reasons', 'profile'], `vacancy ${req.params.vacancyId}`);
      }
      return result;
    },
  );

  app.post(
    '/vacancies/:id/candidates/:seekerId/refer',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Refer a matched job seeker to the vacancy (creates a referral through the referrals service)',
        params: ReferParams,
        body: ReferBody,
        response: { 201: Referral, ...errorResponses },
      },
    },
    async (req, reply) => {
      await read.assertMatched(sql, req.params.id, req.params.seekerId);
      const referral = await createReferral(db, who(req), { vacancyId: req.params.id, seekerId: req.params.seekerId, ...req.body });
      return reply.status(201).send(toReferralDto(referral));
    },
  );

  app.get(
    '/matching/fairness-audit',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Share of matched / referred / hired seekers by sex and age band against the candidate pool, four-fifths rule flagged (aggregates only)',
        querystring: FairnessQuery,
        response: { 200: FairnessResponse, ...errorResponses },
      },
    },
    async (req) => read.fairnessAudit(sql, req.query, app.deps.config.fairnessMinGroup),
  );
};

export default matchingRoutes;
