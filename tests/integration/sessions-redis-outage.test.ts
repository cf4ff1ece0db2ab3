import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../helpers/redis-server.js';
import { buildWorld, type World } from '../helpers/records.js';
import { createPerson, signedIn, signInPerson } from '../helpers/sessions.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let ctx: TestContext;
let w: World;

beforeAll(async () => {
  redis = await startPrivateRedis();
  ctx = await startTestApp({ redisUrl: redis.url });
  w = await buildWorld(ctx);
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await redis?.stop();
});

describe('sessions and a Redis outage', () => {
  it('a session signed in before Redis stops keeps working, and people can still sign in and write while it is down', async () => {
    const org = await signedIn(ctx, 'organiser', { officeId: w.offices.tianhe });
    const staffPerson = await createPerson(ctx, 'staff', { officeId: w.offices.tianhe });
    await redis.stop();
    expect((await ctx.app.inject({ url: '/health/ready' })).statusCode).toBe(503);
    const me = await ctx.app.inject({ url: '/me', headers: org.headers });
    expect(me.statusCode, me.body).toBe(200);
    const draft = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: org.headers, payload: { title: '停机期间的岗位', employerId: w.employers.own } });
    expect(draft.statusCode, draft.body).toBe(201);
    const staff = await signInPerson(ctx, staffPerson);
    expect((await ctx.app.inject({ url: '/seekers', headers: staff.headers })).statusCode).toBe(200);
  });
});
