import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const CHECK_TIMEOUT_MS = 1500;

const Status = Type.Union([Type.Literal('ok'), Type.Literal('down')]);
const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Object({ postgres: Status, redis: Status, search: Status }),
  failing: Type.Array(Type.String()),
  code: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
});

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health/live',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: Postgres, Redis and the search engine answer',
        response: { 200: ReadyResponse, 503: ReadyResponse },
      },
    },
    async (req, reply) => {
      const { database, redis, search } = app.deps;
      const probes = {
        postgres: () => database.sql`select 1`,
        redis: () => redis.ping(),
        search: () => search.health(),
      };
      const entries = await Promise.all(
        Object.entries(probes).map(async ([name, probe]) => {
          try {
            await withTimeout(Promise.resolve(probe()), CHECK_TIMEOUT_MS);
            return [name, 'ok'] as const;
          } catch (err) {
            req.log.warn({ check: name, err: (err as Error).message }, 'readiness check failed');
            return [name, 'down'] as const;
          }
        }),
      );
      const checks = Object.fromEntries(entries) as { postgres: 'ok' | 'down'; redis: 'ok' | 'down'; search: 'ok' | 'down' };
      const failing = entries.filter(([, s]) => s === 'down').map(([n]) => n);
      if (failing.length === 0) return { status: 'ready' as const, checks, failing };
      return reply.status(503).send({
        status: 'not_ready' as const,
        checks,
        failing,
        code: 'NOT_READY',
        message: `Unavailable: ${failing.join(', ')} / 不可用：${failing.join('、')}`,
        requestId: String(req.id),
      });
    },
  );
};

export default healthRoutes;
