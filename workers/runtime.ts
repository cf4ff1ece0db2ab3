import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import { Redis } from 'ioredis';
import type { Config } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { JOBS, QUEUES, type JobName, type QueueName } from '../src/jobs/contract.js';
import { bullConnection, closeQueues, createQueues } from '../src/jobs/queues.js';
import { startOutboxRelay, type OutboxRelay } from '../src/jobs/relay.js';
import type { SearchEngine } from '../src/search/engine.js';
import { createHandlers } from './registry.js';
import { runJobHandler, type JobHandler } from '../src/jobs/handler.js';

export interface WorkerRuntime {
  workers: Worker[];
  relay: OutboxRelay;
  close(): Promise<void>;
}

/**
 * A job's lock is renewed every half lock duration; a job that blocks the event loop longer
 * than that loses its lock and runs twice. Queues whose jobs are short (one search document) or
 * yield often (imports validate 100 rows at a time) get a short lock, so a killed worker's job
 * is taken over within ~5 s; reports and the nightly rematch keep 10 s.
 */
const LONG_LOCK = { lockDuration: 10_000, stalledInterval: 5_000 };
const LOCKS: Partial<Record<QueueName, { lockDuration: number; stalledInterval: number }>> = {
  imports: { lockDuration: 4_000, stalledInterval: 1_500 },
  'search-sync': { lockDuration: 4_000, stalledInterval: 1_500 },
};

/** Starts one BullMQ Worker per queue plus the outbox relay. Used by workers/main.ts and tests. */
export async function startWorkerRuntime(opts: {
  config: Config;
  database: Database;
  search: SearchEngine;
  logger: Logger;
  concurrency?: number;
}): Promise<WorkerRuntime> {
  const { config, logger } = opts;
  const deps = { config: opts.config, database: opts.database, search: opts.search, logger: opts.logger };
  const handlers = createHandlers(deps) as unknown as Record<JobName, JobHandler<JobName>>;

  const workers = QUEUES.map((queue) => {
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const log = logger.child({ queue, job: job.name, jobId: job.id });
        const spec = JOBS[job.name as JobName];
        if (!spec) throw new UnrecoverableError(`unknown job name ${job.name}`);
        if (!Value.Check(spec.payload, job.data)) {
          throw new UnrecoverableError(`invalid payload for ${job.name}`);
        }
        const started = Date.now();
        log.info('job started');
        const attempt = { attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 };
        const result = await runJobHandler(handlers[job.name as JobName], { ...deps, logger: log }, job.data, attempt);
        log.info({ ms: Date.now() - started }, 'job completed');
        return result;
      },
      {
        connection: bullConnection(config.redisUrl),
        prefix: config.queuePrefix,
        concurrency: opts.concurrency ?? 4,
        // A worker killed mid-job loses its lock and another worker takes the job over (handlers
        // are idempotent), so a crash delays work by seconds, not minutes.
        ...(LOCKS[queue] ?? LONG_LOCK),
      },
    );
    worker.on('failed', (job, err) =>
      logger.error({ queue, job: job?.name, jobId: job?.id, err: err.message, attempts: job?.attemptsMade }, 'job failed'),
    );
    worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker connection error'));
    return worker;
  });

  // The relay's queues fail fast while Redis is down (no offline queue), so rows stay in the outbox.
  const relayRedis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  relayRedis.on('error', () => {});
  const relayQueues = createQueues(relayRedis, config.queuePrefix);
  for (const q of Object.values(relayQueues)) q.on('error', () => {});
  const relay = await startOutboxRelay({
    database: opts.database,
    queues: relayQueues,
    pollMs: config.outboxPollMs,
    logger,
  });

  return {
    workers,
    relay,
    async close() {
      await relay.stop();
      // Worker.close() waits for active jobs to finish; if Redis is gone it could wait forever.
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timedOut = await Promise.race([graceful.then(() => false), sleep(10_000).then(() => true)]);
      if (timedOut) await Promise.all(workers.map((w) => w.close(true).catch(() => {})));
      await closeQueues(relayQueues).catch(() => {});
      relayRedis.disconnect();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
