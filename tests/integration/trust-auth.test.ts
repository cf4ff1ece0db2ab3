import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, creditCode, type World } from '../helpers/records.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Issue 15 (trust) findings in the authentication layer, written against the API-key surface
 * that existed when they were found, so each failed on the code of that time.
 */
let ctx: TestContext;
let w: World;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
}, 60_000);
afterAll(() => ctx?.close());

const basic = () => ({ authorization: `Basic ${Buffer.from(`admin:${ctx.adminKey}`).toString('base64')}` });

describe('issue 15: authentication findings', () => {
  it('HTTP Basic is refused outside the queue dashboard (401), and still works on it', async () => {
    for (const url of ['/admin/api-keys', '/seekers', '/audit-log']) {
      expect((await ctx.app.inject({ url, headers: basic() })).statusCode, url).toBe(401);
    }
    expect((await ctx.app.inject({ url: '/admin/queues/api/queues', headers: basic() })).statusCode).toBe(200);
  });

  it('a cross-site POST to /admin/* with cached Basic credentials is refused', async () => {
    const evil = { ...basic(), origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' };
    const ping = await ctx.app.inject({ method: 'POST', url: '/admin/pings', headers: evil, payload: '{}' });
    expect(ping.statusCode).toBeGreaterThanOrEqual(401);
    expect(ping.statusCode).toBeLessThan(404);
    const key = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: evil, payload: JSON.stringify({ name: 'planted', role: 'admin' }) });
    expect([401, 403]).toContain(key.statusCode);
    const dash = await ctx.app.inject({ method: 'PUT', url: '/admin/queues/api/queues/search-sync/pause', headers: evil });
    expect(dash.statusCode).toBe(403);
  });

  it('API keys cannot be created for an employer or office that does not exist (422 naming the field)', async () => {
    const ghost = '6f1c1d9e-1111-4222-8333-944455556666';
    const e = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(ctx.adminKey), payload: { name: 'ghost', role: 'employer', employerId: ghost } });
    expect(e.statusCode).toBe(422);
    expect(e.json().details[0].field).toBe('body.employerId');
    const o = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(ctx.adminKey), payload: { name: 'ghost', role: 'organiser', officeId: ghost } });
    expect(o.statusCode).toBe(422);
    expect(o.json().details[0].field).toBe('body.officeId');
  });

  it('an organiser cannot mark an employer verified; staff can', async () => {
    const made = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.organiser, payload: { name: '待审核单位', creditCode: creditCode(), industry: 'C', sizeBand: 'small', officeId: w.offices.tianhe } });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const org = await ctx.app.inject({ method: 'PATCH', url: `/employers/${id}`, headers: w.as.organiser, payload: { verified: true } });
    expect(org.statusCode).toBe(403);
    expect((await ctx.app.inject({ url: `/employers/${id}`, headers: w.as.staff })).json().verified).toBe(false);
    expect((await ctx.app.inject({ method: 'PATCH', url: `/employers/${id}`, headers: w.as.staff, payload: { verified: true } })).statusCode).toBe(200);
  });

  it('failed authentications are audited and rate-limited per client address', async () => {
    // The default limit is 30 failures per 15 minutes per address.
    const codes: number[] = [];
    for (let i = 0; i < 35; i++) codes.push((await ctx.app.inject({ url: '/seekers', headers: bearer(`pes_guess_${i}`) })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30).every((c) => c === 429)).toBe(true);
    const audit = await ctx.app.inject({ url: '/audit-log?action=auth_failed&pageSize=50', headers: bearer(ctx.adminKey), remoteAddress: '10.9.9.9' });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json().total).toBeGreaterThanOrEqual(5);
  });
});
