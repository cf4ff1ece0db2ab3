import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createApiKey, type Role } from '../../src/modules/auth/keys.js';
import { openResources, type Resources } from '../../src/runtime.js';
import { startWorkerRuntime, type WorkerRuntime } from '../../workers/runtime.js';
import { createTestDatabase } from './test-db.js';
import type { JobDeps } from '../../src/jobs/handler.js';

export interface TestContext {
  app: App;
  config: Config;
  resources: Resources;
  adminKey: string;
  /** Creates a key for a role (employer keys need an employerId, staff/organiser an officeId). */
  keyFor(role: Role, extra?: { employerId?: string; officeId?: string }): Promise<string>;
  startWorkers(): Promise<WorkerRuntime>;
  close(): Promise<void>;
}

/**
 * An app on its own database copy and queue prefix. Pass `redisUrl` to use a private Redis
 * (tests that stop Redis), and `configure` to add test-only routes before the app is ready.
 */
export async function startTestApp(
  opts: { redisUrl?: string; env?: Record<string, string>; configure?: (app: App) => void; logger?: Logger } = {},
): Promise<TestContext> {
  const testDb = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    REDIS_URL: opts.redisUrl ?? process.env.REDIS_URL,
    PES_QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    PES_OUTBOX_POLL_MS: '100',
    PES_HASH_KEY: 'test-hash-key-0123456789',
    ...opts.env,
  });
  const resources = openResources(config);
  const logger = opts.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await buildApp({ config, ...resources }, { logger });
  opts.configure?.(app);
  await app.ready();
  const { key: adminKey } = await createApiKey(resources.database.db, config.hashKey, { name: 'test admin', role: 'admin' });
  const runtimes: WorkerRuntime[] = [];

  return {
    app,
    config,
    resources,
    adminKey,
    async keyFor(role, extra = {}) {
      const { key } = await createApiKey(resources.database.db, config.hashKey, { name: `test ${role}`, role, ...extra });
      return key;
    },
    async startWorkers() {
      const rt = await startWorkerRuntime({ config, database: resources.database, search: resources.search, logger });
      runtimes.push(rt);
      return rt;
    },
    async close() {
      for (const rt of runtimes) await rt.close().catch(() => {});
      await app.close();
      await resources.close();
      await testDb.drop();
    },
  };
}

/** The job contract's deps for this app (to run a module's job handler directly), and a first attempt of one. */
export const jobDeps = (ctx: TestContext): JobDeps => ({ config: ctx.config, database: ctx.resources.database, search: ctx.resources.search, logger: pino({ level: 'silent' }) });
export const firstAttempt = { attemptsMade: 0, attempts: 1 };

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Polls until `check` returns a truthy value or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, stepMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}
