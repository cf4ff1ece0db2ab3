import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp({
    configure: (app) => {
      app.get('/test/boom', async () => {
        throw new Error('database password is hunter2');
      });
    },
  });
});
afterAll(() => ctx.close());

describe('error model', () => {
  it('when a route does not exist, returns 404 {code, message, requestId}', async () => {
    const res = await ctx.app.inject({ url: '/nope' });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toEqual({ code: 'ROUTE_NOT_FOUND', message: expect.stringContaining('/nope'), requestId: expect.any(String) });
    expect(res.headers['x-request-id']).toBe(body.requestId);
  });

  it('when the body fails validation, returns 400 naming the field', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(ctx.adminKey), payload: { role: 'wizard' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^body\./) })]));
  });

  it('when an unknown field is sent, names that field', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: bearer(ctx.adminKey),
      payload: { name: 'x', role: 'staff', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toContainEqual({ field: 'body.colour', message: 'is not an allowed field' });
  });

  it('when the client prefers Chinese, the message is Chinese', async () => {
    const res = await ctx.app.inject({ url: '/nope', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(res.json().message).toContain('接口');
  });

  it('when JSON is malformed, returns 400 MALFORMED_JSON', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/pings',
      headers: { ...bearer(ctx.adminKey), 'content-type': 'application/json' },
      payload: '{"note": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
  });

  it('when the body is larger than the limit, returns 413', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/pings',
      headers: { ...bearer(ctx.adminKey), 'content-type': 'application/json' },
      payload: JSON.stringify({ note: 'x'.repeat(ctx.config.bodyLimit + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when a handler throws, returns a masked 500 that does not leak the cause', async () => {
    const res = await ctx.app.inject({ url: '/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL_ERROR', message: expect.stringContaining('requestId'), requestId: expect.any(String) });
    expect(res.body).not.toContain('hunter2');
  });
});

describe('authentication and roles', () => {
  it('when no key is given, returns 401', async () => {
    const res = await ctx.app.inject({ url: '/admin/api-keys' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
  });

  it('checks the key before reading the body: no key and an invalid body is 401, not a 400 that describes the schema', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/seekers', payload: { nonsense: true } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
    const staff = await ctx.keyFor('staff');
    const forbidden = await ctx.app.inject({ method: 'POST', url: '/admin/api-keys', headers: bearer(staff), payload: { role: 'wizard' } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('when the key is wrong, returns 401', async () => {
    const res = await ctx.app.inject({ url: '/admin/api-keys', headers: bearer('pes_not-a-real-key') });
    expect(res.statusCode).toBe(401);
  });

  it('when the role may not, returns 403', async () => {
    const staff = await ctx.keyFor('staff');
    const res = await ctx.app.inject({ url: '/admin/api-keys', headers: bearer(staff) });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('an admin creates a key that works and is stored only as a hash; a revoked key stops working', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: bearer(ctx.adminKey),
      payload: { name: 'second admin', role: 'admin' },
    });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    const stored = await ctx.resources.database.sql`select key_hash from api_keys where id = ${id}`;
    expect(stored[0]!.key_hash).not.toContain(key);
    expect((await ctx.app.inject({ url: '/admin/api-keys', headers: bearer(key) })).statusCode).toBe(200);
    const listed = await ctx.app.inject({ url: '/admin/api-keys', headers: { 'x-api-key': key } });
    expect(listed.body).not.toContain(key);
    await ctx.app.inject({ method: 'DELETE', url: `/admin/api-keys/${id}`, headers: bearer(ctx.adminKey) });
    expect((await ctx.app.inject({ url: '/admin/api-keys', headers: bearer(key) })).statusCode).toBe(401);
  });

  it('an employer key must be bound to an employer', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/admin/api-keys',
      headers: bearer(ctx.adminKey),
      payload: { name: 'acme', role: 'employer' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.employerId');
  });
});

describe('queue dashboard and docs', () => {
  it('the queue dashboard asks for credentials and admits an admin key via Basic auth', async () => {
    const anon = await ctx.app.inject({ url: '/admin/queues' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Basic/);
    const basic = Buffer.from(`admin:${ctx.adminKey}`).toString('base64');
    const ok = await ctx.app.inject({ url: '/admin/queues', headers: { authorization: `Basic ${basic}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<html');
  });

  it('serves OpenAPI generated from the route schemas at /docs', async () => {
    const spec = (await ctx.app.inject({ url: '/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/health/ready'].get.responses['503']).toBeDefined();
    expect(spec.paths['/admin/api-keys'].post.requestBody).toBeDefined();
    expect(Object.keys(spec.paths).some((p: string) => p.startsWith('/admin/queues'))).toBe(false);
    expect((await ctx.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
