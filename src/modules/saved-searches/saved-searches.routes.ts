import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { and, count, desc, eq } from 'drizzle-orm';
import { enqueue } from '../../jobs/enqueue.js';
import { AppError, notFound } from '../../lib/errors.js';
import { errorResponses, IdParams, iso, Nullable, offsetOf, Page, PageQuery } from '../../lib/http.js';
import { seekers } from '../seekers/seekers.table.js';
import { savedSearches, searchAlerts } from './saved-searches.table.js';
import { checkSavedQuery, stillShowable } from './saved-searches.service.js';
import type { Principal } from '../auth/index.js';

const SavedSearch = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('vacancies'), Type.Literal('seekers')]),
  name: Type.String(),
  seekerId: Nullable(Type.String()),
  employerId: Nullable(Type.String()),
  query: Type.Record(Type.String(), Type.Unknown()),
  channel: Type.String(),
  active: Type.Boolean(),
  lastRunAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
const toDto = (r: typeof savedSearches.$inferSelect) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  seekerId: r.seekerId,
  employerId: r.employerId,
  query: r.query as Record<string, unknown>,
  channel: r.channel,
  active: r.active,
  lastRunAt: iso(r.lastRunAt),
  createdAt: r.createdAt.toISOString(),
});

/**
 * Saved searches and alerts: staff save a query for a job seeker (new vacancies), an employer
 * saves one for candidates (new consenting profiles). The alerts job records each new item once.
 */
const savedSearchesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const roles = app.authorize(['admin', 'staff', 'employer'], { verifiedEmployer: true });

  /** Employers see and change only their own saved searches. */
  async function load(id: string, principal: Principal) {
    const [row] = await db.select().from(savedSearches).where(eq(savedSearches.id, id));
    if (!row || (principal.role === 'employer' && row.employerId !== principal.employerId)) throw notFound('Saved search', '保存的搜索');
    return row;
  }

  app.post(
    '/saved-searches',
    {
      preHandler: roles,
      schema: {
        tags: ['search'],
        summary: 'Save a search: staff for a job seeker (kind vacancies), an employer for candidates (kind seekers)',
        security: [{ apiKey: [] }],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            kind: Type.Union([Type.Literal('vacancies'), Type.Literal('seekers')]),
            seekerId: Type.Optional(Type.String({ format: 'uuid' })),
            query: Type.Record(Type.String(), Type.Unknown()),
            channel: Type.Optional(Type.Union([Type.Literal('sms'), Type.Literal('email')])),
          },
          { additionalProperties: false },
        ),
        response: { 201: SavedSearch, ...errorResponses },
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const { kind, seekerId } = req.body;
      const fieldError = (field: string, en: string, zh: string) =>
        new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);
      if (p.role === 'employer' && kind !== 'seekers') throw fieldError('body.kind', 'employers save candidate searches (seekers)', '用人单位只能保存求职者搜索');
      if (p.role !== 'employer' && kind === 'vacancies' && !seekerId) throw fieldError('body.seekerId', 'is required for a job seeker’s vacancy search', '为求职者保存岗位搜索时必填');
      if (p.role !== 'employer' && kind === 'seekers') throw fieldError('body.kind', 'staff save vacancy searches for job seekers', '工作人员为求职者保存岗位搜索');
      checkSavedQuery(kind, req.body.query);
      if (seekerId) {
        const [s] = await db.select({ id: seekers.id }).from(seekers).where(eq(seekers.id, seekerId));
        if (!s) throw fieldError('body.seekerId', 'unknown job seeker', '求职者不存在');
      }
      const [row] = await db
        .insert(savedSearches)
        .values({
          name: req.body.name,
          kind,
          seekerId: seekerId ?? null,
          employerId: p.role === 'employer' ? p.employerId : null,
          createdByKeyId: p.keyId,
          query: req.body.query,
          channel: req.body.channel ?? 'sms',
        })
        .returning();
      return reply.status(201).send(toDto(row!));
    },
  );

  app.get(
    '/saved-searches',
    {
      preHandler: roles,
      schema: {
        tags: ['search'],
        summary: 'List saved searches (employers: their own)',
        security: [{ apiKey: [] }],
        querystring: Type.Object({ ...PageQuery, seekerId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }),
        response: { 200: Page(SavedSearch), ...errorResponses },
      },
    },
    async (req) => {
      const p = req.principal!;
      const where = and(
        p.role === 'employer' ? eq(savedSearches.employerId, p.employerId!) : undefined,
        req.query.seekerId ? eq(savedSearches.seekerId, req.query.seekerId) : undefined,
      );
      const [{ total }] = (await db.select({ total: count() }).from(savedSearches).where(where)) as [{ total: number }];
      const rows = await db.select().from(savedSearches).where(where).orderBy(desc(savedSearches.createdAt)).limit(req.query.pageSize).offset(offsetOf(req.query));
      return { items: rows.map(toDto), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.get(
    '/saved-searches/:id/alerts',
    {
      preHandler: roles,
      schema: {
        tags: ['search'],
        summary: 'Items found for a saved search (each once)',
        security: [{ apiKey: [] }],
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ itemId: Type.String(), title: Type.String(), createdAt: Type.String(), sentAt: Nullable(Type.String()) })) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const saved = await load(req.params.id, req.principal!);
      let rows = await db.select().from(searchAlerts).where(eq(searchAlerts.savedSearchId, req.params.id)).orderBy(desc(searchAlerts.createdAt)).limit(200);
      if (saved.kind === 'seekers') {
        // Checked at read time, so a withdrawal hides the person at once (the outbox job then
        // deletes the rows; issue 15 finding, tests/integration/saved-search-alerts-consent.test.ts).
        const showable = await stillShowable(db, rows.map((r) => r.itemId));
        rows = rows.filter((r) => showable.has(r.itemId));
      }
      return { items: rows.map((r) => ({ itemId: r.itemId, title: r.title, createdAt: r.createdAt.toISOString(), sentAt: iso(r.sentAt) })) };
    },
  );

  app.delete(
    '/saved-searches/:id',
    {
      preHandler: roles,
      schema: { tags: ['search'], summary: 'Delete a saved search', security: [{ apiKey: [] }], params: IdParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (req, reply) => {
      await load(req.params.id, req.principal!);
      await db.delete(savedSearches).where(eq(savedSearches.id, req.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/saved-searches/run',
    {
      preHandler: app.authorize(['admin']),
      schema: { tags: ['admin'], summary: 'Run the alerts job now (it also runs on a schedule)', security: [{ apiKey: [] }], response: { 202: Type.Object({ queued: Type.Boolean() }), ...errorResponses } },
    },
    async (_req, reply) => {
      await db.transaction((tx) => enqueue(tx, 'search.run-alerts', {}));
      return reply.status(202).send({ queued: true });
    },
  );
};

export default savedSearchesRoutes;
