import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { IsoDateTime, Nullable, Page, PageQuery, Uuid, errorResponses } from '../../lib/http.js';
import { listAuditLog } from './audit.service.js';

const AuditEntry = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer({ description: 'position in the hash chain' }),
  at: IsoDateTime,
  actorKeyId: Nullable(Uuid),
  actorPersonId: Nullable(Uuid),
  actorName: Type.String(),
  actorRole: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  fields: Type.Array(Type.String()),
  reason: Type.String(),
  requestId: Nullable(Type.String()),
});

const AuditQuery = Type.Object(
  {
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
    order: PageQuery.order,
    subjectId: Type.Optional(Uuid),
    actorKeyId: Type.Optional(Uuid),
    action: Type.Optional(Type.String({ maxLength: 60 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
  },
  { additionalProperties: false },
);

/** Who read whose personal data, when and why (DESIGN.md invariant 2). Newest first. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/audit-log',
    {
      preHandler: app.authorize(['admin', 'staff']),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (personal-data reads, writes, consent, erasure, exports, key changes), newest first (order=asc: oldest first)',
        security: [{ apiKey: [] }],
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry), ...errorResponses },
      },
    },
    async (req) => listAuditLog(db, req.query),
  );
};

export default auditRoutes;
