import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { enqueue } from '../../jobs/enqueue.js';
import { IdParams, errorResponses } from '../../lib/http.js';
import type { Principal } from '../auth/index.js';
import { ReadReasonQuery } from '../seekers/index.js';
import { changeConsent, consentState } from './consent.js';
import { ConsentBody, ConsentStateDto, ErasureDto, ReasonBody, RetentionRunDto, SeekerExportDto } from './privacy.schemas.js';
import { anonymiseSeeker, exportSeekerData, listRetentionRuns } from './privacy.service.js';
import { renderSeekerExportHtml } from './privacy.render.js';

const stateDto = (s: Awaited<ReturnType<typeof consentState>>) => ({ ...s, history: s.history.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString() })) });

/**
 * A person's rights over their data (docs/privacy.md): consent records, erasure, a copy of
 * their data. Staff act for the person (at the counter, or recording what the person chose
 * at a kiosk or page: `channel`). Every action here is audited.
 */
const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const staff = app.authorize(['admin', 'staff']);
  const common = { tags: ['privacy'], security: [{ apiKey: [] }] };
  const actorOf = (req: { principal: Principal | null; id: string }) => ({ principal: req.principal!, requestId: String(req.id) });

  app.get(
    '/seekers/:id/consents',
    { preHandler: staff, schema: { ...common, summary: 'Current consent per purpose and the full history of consent records', params: IdParams, response: { 200: ConsentStateDto, ...errorResponses } } },
    async (req) => stateDto(await consentState(db, req.params.id)),
  );

  app.post(
    '/seekers/:id/consents',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Give or withdraw one consent (recruiter search, contact release, sensitive categories, automated matching); a withdrawal reaches every surface within seconds',
        params: IdParams,
        body: ConsentBody,
        response: { 201: ConsentStateDto, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(stateDto(await changeConsent(db, actorOf(req), req.params.id, req.body))),
  );

  app.post(
    '/seekers/:id/erasure',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: 'Erase a person’s identifying data (PIPL art. 47); statistics facts stay so reports can be recomputed; repeating it changes nothing',
        params: IdParams,
        body: ReasonBody,
        response: { 200: ErasureDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await anonymiseSeeker(db, actorOf(req), req.params.id, { reason: req.body.reason.trim(), cause: 'request' });
      return { ...r, anonymisedAt: r.anonymisedAt.toISOString() };
    },
  );

  app.get(
    '/seekers/:id/export',
    {
      preHandler: staff,
      schema: { ...common, summary: 'A person’s copy of their data with its processing history, as JSON (PIPL art. 45); audited', params: IdParams, querystring: ReadReasonQuery, response: { 200: SeekerExportDto, ...errorResponses } },
    },
    async (req) => exportSeekerData(db, actorOf(req), req.params.id, req.query.reason, 'json'),
  );

  app.get(
    '/seekers/:id/export.html',
    {
      preHandler: staff,
      schema: { ...common, summary: 'The same copy as a printable Chinese page (个人信息副本); audited', params: IdParams, querystring: ReadReasonQuery, produces: ['text/html'], response: { 200: Type.String(), ...errorResponses } },
    },
    async (req, reply) => {
      const data = await exportSeekerData(db, actorOf(req), req.params.id, req.query.reason, 'html');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderSeekerExportHtml(data));
    },
  );

  app.get(
    '/admin/retention-runs',
    {
      preHandler: app.authorize(['admin']),
      schema: { tags: ['admin'], security: [{ apiKey: [] }], summary: 'What the retention job did, newest first', response: { 200: Type.Object({ items: Type.Array(RetentionRunDto) }), ...errorResponses } },
    },
    async () => ({ items: await listRetentionRuns(db) }),
  );

  app.post(
    '/admin/retention/run',
    {
      preHandler: app.authorize(['admin']),
      schema: { tags: ['admin'], security: [{ apiKey: [] }], summary: 'Run the retention job now (it also runs daily at 04:00)', response: { 202: Type.Object({ queued: Type.Boolean() }), ...errorResponses } },
    },
    async (_req, reply) => {
      await db.transaction((tx) => enqueue(tx, 'privacy.apply-retention', {}));
      return reply.status(202).send({ queued: true });
    },
  );
};

export default privacyRoutes;
