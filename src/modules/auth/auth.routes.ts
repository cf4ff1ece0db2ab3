import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { desc, eq } from 'drizzle-orm';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { auditActorOf, recordAuditEvent } from '../audit/index.js';
import { employers } from '../employers/employers.table.js';
import { offices } from '../offices/offices.table.js';
import { apiKeys } from './auth.table.js';
import { createApiKey, ROLES } from './keys.js';

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const KeyInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  keyPrefix: Type.String(),
  employerId: Type.Union([Type.String(), Type.Null()]),
  officeId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const toInfo = (r: typeof apiKeys.$inferSelect) => ({
  id: r.id,
  name: r.name,
  role: r.role,
  keyPrefix: r.keyPrefix,
  employerId: r.employerId,
  officeId: r.officeId,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  expiresAt: r.expiresAt?.toISOString() ?? null,
});

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const adminOnly = { preHandler: app.authorize(['admin']) };

  app.post(
    '/admin/api-keys',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Create an API key for a machine integration (the clear key is returned once; people sign in instead)',
        security: [{ apiKey: [] }],
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            role: RoleSchema,
            employerId: Type.Optional(Type.String({ format: 'uuid' })),
            officeId: Type.Optional(Type.String({ format: 'uuid' })),
            expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'the key stops working then; omit for a key that lasts until revoked' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), key: Type.String() }), '4xx': { $ref: 'ErrorResponse#' } },
      },
    },
    async (req, reply) => {
      const { role, employerId } = req.body;
      if (role === 'employer' && !employerId) {
        throw new AppError(400, 'VALIDATION_FAILED', {
          en: 'body.employerId is required for an employer key',
          zh: 'body.employerId：用人单位密钥必须绑定一个用人单位',
        }, [{ field: 'body.employerId', message: 'is required for role employer' }]);
      }
      // A key bound to a record that does not exist would act for nobody (or for whoever gets that id later).
      if (employerId) {
        const [e] = await db.select({ id: employers.id }).from(employers).where(eq(employers.id, employerId));
        if (!e) throw invalid('body.employerId', 'unknown employer', '用人单位不存在');
      }
      if (req.body.officeId) {
        const [o] = await db.select({ id: offices.id }).from(offices).where(eq(offices.id, req.body.officeId));
        if (!o) throw invalid('body.officeId', 'unknown office', '服务机构不存在');
      }
      const expiresAt = req.body.expiresAt ? new Date(req.body.expiresAt) : null;
      if (expiresAt && expiresAt <= new Date()) throw invalid('body.expiresAt', 'must be in the future', '须为将来的时间');
      const created = await db.transaction(async (tx) => {
        const k = await createApiKey(tx, app.deps.config.hashKey, { ...req.body, expiresAt });
        await recordAuditEvent(tx, auditActorOf(req.principal!, req.id), 'api_key_created', { type: 'api_key', id: k.id }, { fields: [`role:${role}`] });
        return k;
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/admin/api-keys',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'List API keys (never the keys themselves)',
        security: [{ apiKey: [] }],
        response: { 200: Type.Object({ items: Type.Array(KeyInfo) }), '4xx': { $ref: 'ErrorResponse#' } },
      },
    },
    async () => ({ items: (await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt))).map(toInfo) }),
  );

  app.delete(
    '/admin/api-keys/:id',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key',
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: KeyInfo, '4xx': { $ref: 'ErrorResponse#' } },
      },
    },
    async (req) => {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(eq(apiKeys.id, req.params.id))
        .returning();
      if (!row) throw notFound('API key', 'API 密钥');
      await recordAuditEvent(db, auditActorOf(req.principal!, req.id), 'api_key_revoked', { type: 'api_key', id: row.id });
      return toInfo(row);
    },
  );
};

export default authRoutes;
