import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, creditCode, WHO, type World } from '../helpers/records.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

const body = (extra: Record<string, unknown> = {}) => ({
  name: '广州白云食品有限公司',
  creditCode: creditCode('440111'),
  industry: 'C',
  sizeBand: 'small',
  districtCode: '440111',
  contactName: '李女士',
  contactPhone: '020-87654321',
  ...extra,
});

describe('employers', () => {
  it('staff register an employer for their own office by default; contact data is stored and shown to staff', async () => {
    const payload = body();
    const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.staff, payload });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ name: payload.name, creditCode: payload.creditCode, officeId: w.offices.tianhe, contactName: '李女士', verified: false });
    const rows = await sql()`select credit_code, office_id, contact_phone from employers where id = ${e.id}`;
    expect(rows[0]).toEqual({ credit_code: payload.creditCode, office_id: w.offices.tianhe, contact_phone: '020-87654321' });
  });

  it('normalises a lower-case credit code to upper case', async () => {
    const code = creditCode();
    const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.admin, payload: body({ creditCode: code.toLowerCase(), officeId: w.offices.city }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().creditCode).toBe(code);
  });

  it('when the credit code check character is wrong, returns 422 naming body.creditCode with a bilingual message', async () => {
    const good = creditCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.staff, payload: body({ creditCode: bad }) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDIT_CODE', details: [{ field: 'body.creditCode' }] });
    expect(res.json().message).toMatch(/body\.creditCode/);
    const zh = await ctx.app.inject({ method: 'POST', url: '/employers', headers: { ...w.as.staff, 'accept-language': 'zh-CN' }, payload: body({ creditCode: bad }) });
    expect(zh.json().message).toContain('统一社会信用代码');
    expect((await sql()`select count(*)::int as n from employers where credit_code = ${bad}`)[0]!.n).toBe(0);
  });

  it('when the credit code is already registered, returns 409', async () => {
    const payload = body();
    expect((await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.staff, payload })).statusCode).toBe(201);
    const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.staff, payload: { ...payload, name: 'another' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DUPLICATE_CREDIT_CODE');
  });

  it('when two requests register the same credit code at once, one wins and the other gets 409, never a 500', async () => {
    const payload = body({ officeId: w.offices.tianhe });
    const results = await Promise.all([1, 2, 3].map(() => ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.admin, payload })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect((await sql()`select count(*)::int as n from employers where credit_code = ${payload.creditCode}`)[0]!.n).toBe(1);
  });

  it('rejects an industry outside GB/T 4754 sections A–T, an unknown district and a bad phone with 422 naming the field', async () => {
    for (const [extra, field] of [
      [{ industry: 'Z' }, 'body.industry'],
      [{ districtCode: '999999' }, 'body.districtCode'],
      [{ contactPhone: '12345' }, 'body.contactPhone'],
      [{ officeId: '00000000-0000-4000-8000-000000000000' }, 'body.officeId'],
      [{ officeId: null }, 'body.officeId'],
    ] as const) {
      const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.admin, payload: body({ officeId: w.offices.tianhe, ...extra }) });
      expect(res.statusCode, JSON.stringify(extra)).toBe(422);
      expect(res.json().details[0].field).toBe(field);
    }
  });

  it('rejects a missing name with 400 naming body.name', async () => {
    const { name: _n, ...rest } = body();
    const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.as.staff, payload: rest });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.name');
  });

  it('staff of Haizhu read Tianhe employers but cannot register or edit one for Tianhe', async () => {
    expect((await ctx.app.inject({ url: `/employers/${w.employers.own}`, headers: w.staffHaizhu })).statusCode).toBe(200);
    const create = await ctx.app.inject({ method: 'POST', url: '/employers', headers: w.staffHaizhu, payload: body({ officeId: w.offices.tianhe }) });
    expect(create.statusCode).toBe(403);
    const edit = await ctx.app.inject({ method: 'PATCH', url: `/employers/${w.employers.own}`, headers: w.staffHaizhu, payload: { address: 'x' } });
    expect(edit.statusCode).toBe(403);
    const rows = await sql()`select address from employers where id = ${w.employers.own}`;
    expect(rows[0]!.address).toBeNull();
  });

  it('city staff may write for a district office below them', async () => {
    const cityStaff = { authorization: `Bearer ${await ctx.keyFor('staff', { officeId: w.offices.city })}` };
    const res = await ctx.app.inject({ method: 'POST', url: '/employers', headers: cityStaff, payload: body({ officeId: w.offices.haizhu }) });
    expect(res.statusCode).toBe(201);
  });

  it('updates an employer and refuses a credit code taken by another employer', async () => {
    const res = await ctx.app.inject({ method: 'PATCH', url: `/employers/${w.employers.own}`, headers: w.as.organiser, payload: { address: '天河路 1 号' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ address: '天河路 1 号', verified: true });
    // Verification is office staff's (issue 15/17): an organiser may not set or clear it.
    const verify = await ctx.app.inject({ method: 'PATCH', url: `/employers/${w.employers.own}`, headers: w.as.organiser, payload: { verified: false } });
    expect(verify.statusCode).toBe(403);
    const other = (await sql()`select credit_code from employers where id = ${w.employers.other}`)[0]!.credit_code;
    const dup = await ctx.app.inject({ method: 'PATCH', url: `/employers/${w.employers.own}`, headers: w.as.staff, payload: { creditCode: other } });
    expect(dup.statusCode).toBe(409);
  });

  it('an employer key sees only itself: the list has one item and another employer is 404', async () => {
    const list = await ctx.app.inject({ url: '/employers', headers: w.as.employerOwn });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: w.employers.own }] });
    expect((await ctx.app.inject({ url: `/employers/${w.employers.other}`, headers: w.as.employerOwn })).statusCode).toBe(404);
  });

  it('lists employers with a name filter, paginated', async () => {
    const res = await ctx.app.inject({ url: `/employers?q=${encodeURIComponent('天河')}&pageSize=1&sort=name&order=asc`, headers: w.as.staff });
    expect(res.json()).toMatchObject({ total: 2, pageSize: 1, page: 1 });
    expect(res.json().items).toHaveLength(1);
  });

  it('has no public employer endpoint', async () => {
    expect((await ctx.app.inject({ url: `/employers/${w.employers.own}` })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: '/employers' })).statusCode).toBe(401);
  });
});

describe('role matrix: employers', () => {
  const cases: Array<{ route: string; expect: Record<string, number | 'ok'>; req: () => { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object } }> = [
    { route: 'GET /employers', expect: { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 200 }, req: () => ({ method: 'GET', url: '/employers' }) },
    {
      route: 'GET /employers/:id (own)',
      expect: { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 404 },
      req: () => ({ method: 'GET', url: `/employers/${w.employers.own}` }),
    },
    {
      route: 'POST /employers',
      expect: { none: 401, admin: 'ok', staff: 'ok', organiser: 'ok', employerOwn: 403, employerOther: 403 },
      req: () => ({ method: 'POST', url: '/employers', payload: body({ officeId: w.offices.tianhe }) }),
    },
    {
      route: 'PATCH /employers/:id',
      expect: { none: 401, admin: 'ok', staff: 'ok', organiser: 'ok', employerOwn: 403, employerOther: 403 },
      req: () => ({ method: 'PATCH', url: `/employers/${w.employers.other}`, payload: { sizeBand: 'large' } }),
    },
  ];
  for (const c of cases) {
    for (const who of WHO) {
      it(`${c.route} as ${who} → ${c.expect[who]}`, async () => {
        const res = await ctx.app.inject({ ...c.req(), headers: w.as[who] });
        const want = c.expect[who];
        if (want === 'ok') expect(res.statusCode, res.body).toBeLessThan(300);
        else expect(res.statusCode, res.body).toBe(want);
      });
    }
  }
});
