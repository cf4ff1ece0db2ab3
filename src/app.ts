import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import type { Logger } from 'pino';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Queues } from './jobs/queues.js';
import type { SearchEngine } from './search/engine.js';
import errorsPlugin, { frameworkError } from './plugins/errors.js';
import securityPlugin from './plugins/security.js';
import authPlugin from './plugins/auth.js';
import inputGuardPlugin from './plugins/input-guard.js';
import docsPlugin from './plugins/docs.js';
import queueDashboardPlugin from './plugins/queue-dashboard.js';
import metricsPlugin from './plugins/metrics.js';
import healthRoutes from './modules/health/health.routes.js';
import systemRoutes from './modules/system/system.routes.js';
import authRoutes from './modules/auth/auth.routes.js';
import { accountsRoutes } from './modules/accounts/index.js';
import { createNotifier, createSmtpNotifier, type Notifier } from './lib/notifier.js';
import { moduleRoutes } from './modules/routes.js';
import { auditContextPlugin } from './modules/audit/index.js';
import kioskRoutes from './web/kiosk.routes.js';
import workbenchRoutes from './web/workbench.routes.js';

export interface AppDeps {
  config: Config;
  database: Database;
  /** For readiness and rate limits; created with enableOfflineQueue: false so it fails fast. */
  redis: Redis;
  search: SearchEngine;
  /** BullMQ queues, for the dashboard only: producers enqueue through the outbox. */
  queues: Queues;
  /** E-mail / SMS (invitations, password resets); default: SMTP when PES_SMTP_URL is set, else the log. */
  notifier?: Notifier;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    notifier: Notifier;
  }
}

export interface BuildOptions {
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: Logger;
}

/** Builds the HTTP app from its dependencies. Never listens: server.ts does, tests inject. */
export async function buildApp(deps: AppDeps, opts: BuildOptions = {}) {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: deps.config.bodyLimit,
    // Behind a reverse proxy (docs/deployment.md): the client IP for rate limits comes from X-Forwarded-For.
    trustProxy: deps.config.trustProxy,
    // One log line a request (written in onResponse below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Request ids are always ours: a client's X-Request-Id is logged beside it (clientRequestId)
    // but never becomes the id that audit rows and error bodies carry.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    frameworkErrors: frameworkError,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  const smtp = deps.config.smtpUrl ? createSmtpNotifier(deps.config.smtpUrl, deps.config.mailFrom) : undefined;
  app.decorate('notifier', deps.notifier ?? createNotifier({ logger: app.log as unknown as Logger, smtp }));
  if (smtp) app.addHook('onClose', async () => smtp.close());

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    // The path only: query strings carry names, phone and ID numbers typed into searches.
    const client = req.headers['x-request-id'];
    req.log.info(
      {
        method: req.method,
        path: req.url.split('?')[0]!.slice(0, 300),
        route: req.routeOptions.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(typeof client === 'string' ? { clientRequestId: client.replace(/[^\w.:-]/g, '').slice(0, 64) } : {}),
      },
      'request',
    );
  });

  await app.register(auditContextPlugin);
  await app.register(errorsPlugin);
  await app.register(securityPlugin, { publicRateLimit: deps.config.publicRateLimit });
  await app.register(authPlugin);
  await app.register(inputGuardPlugin);
  await app.register(docsPlugin);
  // Before the routes: it instruments app.deps.search, which they take at registration.
  await app.register(metricsPlugin);
  await app.register(queueDashboardPlugin);
  await app.register(healthRoutes);
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(accountsRoutes);
  for (const routes of moduleRoutes) await app.register(routes);
  await app.register(kioskRoutes);
  await app.register(workbenchRoutes);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
