import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import { enqueue } from '../../jobs/enqueue.js';
import { notFound } from '../../lib/errors.js';
import { systemPings } from './system.table.js';

const Ping = Type.Object({
  id: Type.String({ format: 'uuid' }),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  processedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  runs: Type.Integer(),
});

const toDto = (row: typeof systemPings.$inferSelect) => ({
  id: row.id,
  note: row.note,
  createdAt: row.createdAt.toISOString(),
  processedAt: row.processedAt?.toISOString() ?? null,
  runs: row.runs,
});

/** A ping travels request → outbox → relay → BullMQ → worker, proving the job path. */
const systemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;

  app.post(
    '/admin/pings',
    {
      preHandler: app.authorize(['admin']),
      schema: {
        tags: ['admin'],
        summary: 'Start a system.ping job (end-to-end check of the job path)',
        security: [{ apiKey: [] }],
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 202: Ping, '4xx': { $ref: 'ErrorResponse#' } },
      },
    },
    async (req, reply) => {
      const row = await db.transaction(async (tx) => {
        const [ping] = await tx.insert(systemPings).values({ note: req.body.note ?? null }).returning();
        await enqueue(tx, 'system.ping', { pingId: ping!.id });
        return ping!;
      });
      return reply.status(202).send(toDto(row));
    },
  );

  app.get(
    '/admin/pings/:id',
    {
      preHandler: app.authorize(['admin']),
      schema: {
        tags: ['admin'],
        summary: 'Read a ping: processedAt is set once a worker handled it',
        security: [{ apiKey: [] }],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Ping, '4xx': { $ref: 'ErrorResponse#' } },
      },
    },
    async (req) => {
      const [row] = await db.select().from(systemPings).where(eq(systemPings.id, req.params.id));
      if (!row) throw notFound('Ping', '该 ping');
      return toDto(row);
    },
  );
};

export default systemRoutes;
