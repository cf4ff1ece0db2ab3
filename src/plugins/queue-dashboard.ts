import fp from 'fastify-plugin';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { AppError } from '../lib/errors.js';
import { sendError } from './errors.js';

const BASE = '/admin/queues';

/**
 * bull-board for admins at /admin/queues. A browser cannot send a Bearer header to the
 * dashboard's own requests, so the admin key is accepted as the password of HTTP Basic auth.
 */
export default fp(
  async (app) => {
    const serverAdapter = new FastifyAdapter();
    createBullBoard({
      queues: Object.values(app.deps.queues).map((q) => new BullMQAdapter(q)),
      serverAdapter,
    });
    serverAdapter.setBasePath(BASE);

    await app.register(
      async (scope) => {
        const admit = app.authorize(['admin']);
        scope.addHook('onRequest', async (req, reply) => {
          try {
            await admit.call(scope, req, reply);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            if (err.statusCode === 401) reply.header('www-authenticate', 'Basic realm="queues", charset="UTF-8"');
            // Answered here: bull-board's own error handler would send {error: INTERNAL_SERVER_ERROR} for a 401.
            return sendError(req, reply, err.statusCode, err.code, err.text);
          }
        });
        await scope.register(serverAdapter.registerPlugin(), { prefix: BASE });
      },
    );
  },
  { name: 'queue-dashboard', dependencies: ['auth'] },
);
