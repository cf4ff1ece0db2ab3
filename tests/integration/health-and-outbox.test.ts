import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';
import { startPrivateRedis } from '../helpers/redis-server.js';

// These tests stop Redis, so they use a private Redis server, not the suite's shared one.
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let ctx: TestContext;

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await startTestApp({ redisUrl: redis.url });
});
afterAll(async () => {
  await ctx.close();
  await redis.stop();
});

describe('health', () => {
  it('live answers 200', async () => {
    const res = await ctx.app.inject({ url: '/health/live' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('ready is 200 while everything answers, 503 naming redis while Redis is stopped, and 200 again after', async () => {
    await eventually(async () => (await ctx.app.inject({ url: '/health/ready' })).statusCode === 200);
    const ok = await ctx.app.inject({ url: '/health/ready' });
    expect(ok.json()).toMatchObject({ status: 'ready', checks: { postgres: 'ok', redis: 'ok', search: 'ok' } });

    await redis.stop();
    const down = await eventually(async () => {
      const r = await ctx.app.inject({ url: '/health/ready' });
      return r.statusCode === 503 ? r : null;
    });
    expect(down.json()).toMatchObject({ status: 'not_ready', failing: ['redis'], checks: { postgres: 'ok', redis: 'down' } });
    expect(down.json().message).toContain('redis');

    await redis.start();
    await eventually(async () => (await ctx.app.inject({ url: '/health/ready' })).statusCode === 200, 15_000);
  });
});

describe('outbox relay', () => {
  it('a job written while Redis is down is enqueued once Redis is back, and runs exactly once', async () => {
    const { sql } = ctx.resources.database;
    const workers = await ctx.startWorkers();
    await redis.stop();

    // The write still succeeds: the job waits in the outbox, in the same transaction.
    const res = await ctx.app.inject({ method: 'POST', url: '/admin/pings', headers: bearer(ctx.adminKey), payload: { note: 'while down' } });
    expect(res.statusCode).toBe(202);
    const pingId = res.json().id;
    await workers.relay.drain();
    const pending = await sql`select dispatched_at from outbox where payload->>'pingId' = ${pingId}`;
    expect(pending).toHaveLength(1);
    expect(pending[0]!.dispatched_at).toBeNull();

    await redis.start();
    const ping = await eventually(async () => {
      const r = (await ctx.app.inject({ url: `/admin/pings/${pingId}`, headers: bearer(ctx.adminKey) })).json();
      return r.processedAt ? r : null;
    }, 20_000);
    expect(ping.runs).toBe(1);

    // Relaying the same row again (as after a crash before commit) must not create a second job.
    await sql`update outbox set dispatched_at = null where payload->>'pingId' = ${pingId}`;
    await workers.relay.drain();
    const rows = await sql`select job_id, dispatched_at from outbox where payload->>'pingId' = ${pingId}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dispatched_at).not.toBeNull();
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('system', { connection, prefix: ctx.config.queuePrefix });
    const counts = await queue.getJobCounts('completed', 'waiting', 'active', 'delayed', 'failed');
    expect(counts).toMatchObject({ completed: 1, waiting: 0, active: 0, delayed: 0, failed: 0 });
    await queue.close();
    connection.disconnect();
    const after = (await ctx.app.inject({ url: `/admin/pings/${pingId}`, headers: bearer(ctx.adminKey) })).json();
    expect(after.runs).toBe(1);
  });
});
