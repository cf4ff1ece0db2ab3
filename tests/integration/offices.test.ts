import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, WHO, type World } from '../helpers/records.js';

let ctx: TestContext;
let w: World;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

describe('offices and districts', () => {
  it('lists the seeded office tree in path order, city first', async () => {
    const res = await ctx.app.inject({ url: '/offices?pageSize=100', headers: w.as.employerOwn });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(18);
    expect(body.items[0]).toMatchObject({ code: '440100', level: 'city', parentId: null, path: '440100' });
    const shipai = body.items.find((o: { code: string }) => o.code === '440106001');
    expect(shipai).toMatchObject({ level: 'street', parentId: w.offices.tianhe, path: '440100/440106/440106001' });
  });

  it('filters offices by level and parent', async () => {
    const res = await ctx.app.inject({ url: `/offices?parentId=${w.offices.tianhe}`, headers: w.as.staff });
    expect(res.json().items.map((o: { code: string }) => o.code)).toEqual(['440106001', '440106002', '440106003']);
    const lvl = await ctx.app.inject({ url: '/offices?level=district&pageSize=100', headers: w.as.staff });
    expect(lvl.json().total).toBe(11);
  });

  it('an admin creates a street office under a district; its path extends the parent path', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/offices',
      headers: w.as.admin,
      payload: { code: '440106004', nameZh: '猎德街公共就业服务站', nameEn: 'Liede Station', level: 'street', parentId: w.offices.tianhe, districtCode: '440106' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().path).toBe('440100/440106/440106004');
    const rows = await ctx.resources.database.sql`select path, parent_id from offices where code = '440106004'`;
    expect(rows[0]).toEqual({ path: '440100/440106/440106004', parent_id: w.offices.tianhe });
  });

  it('refuses a duplicate office code with 409 and an unknown parent or district with 422 naming the field', async () => {
    const dup = await ctx.app.inject({ method: 'POST', url: '/offices', headers: w.as.admin, payload: { code: '440106', nameZh: 'x', nameEn: 'x', level: 'district', parentId: w.offices.city } });
    expect(dup.statusCode).toBe(409);
    const parent = await ctx.app.inject({
      method: 'POST',
      url: '/offices',
      headers: w.as.admin,
      payload: { code: 'X1', nameZh: 'x', nameEn: 'x', level: 'street', parentId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().details[0].field).toBe('body.parentId');
    const district = await ctx.app.inject({
      method: 'POST',
      url: '/offices',
      headers: w.as.admin,
      payload: { code: 'X2', nameZh: 'x', nameEn: 'x', level: 'street', parentId: w.offices.tianhe, districtCode: '999999' },
    });
    expect(district.statusCode).toBe(422);
    expect(district.json().details[0].field).toBe('body.districtCode');
    const level = await ctx.app.inject({ method: 'POST', url: '/offices', headers: w.as.admin, payload: { code: 'X3', nameZh: 'x', nameEn: 'x', level: 'city', parentId: w.offices.tianhe } });
    expect(level.statusCode).toBe(422);
    expect(level.json().details[0].field).toBe('body.level');
    expect((await ctx.resources.database.sql`select count(*)::int as n from offices where code like 'X%'`)[0]!.n).toBe(0);
  });

  it('renames an office (admin) and keeps its place in the tree', async () => {
    const res = await ctx.app.inject({ method: 'PATCH', url: `/offices/${w.offices.shipai}`, headers: w.as.admin, payload: { nameEn: 'Shipai Station' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameEn: 'Shipai Station', path: '440100/440106/440106001' });
  });

  it('creates, reads and updates a district; unknown district is 404; malformed code is 400', async () => {
    const created = await ctx.app.inject({ method: 'POST', url: '/districts', headers: w.as.admin, payload: { code: '440106099', nameZh: '测试街道', nameEn: 'Test', parentCode: '440106' } });
    expect(created.statusCode, created.body).toBe(201);
    const upd = await ctx.app.inject({ method: 'PATCH', url: '/districts/440106099', headers: w.as.admin, payload: { lat: 23.1, lon: 113.3 } });
    expect(upd.json()).toMatchObject({ lat: 23.1, lon: 113.3 });
    const got = await ctx.app.inject({ url: '/districts/440106099', headers: w.as.organiser });
    expect(got.json()).toMatchObject({ code: '440106099', parentCode: '440106', lat: 23.1 });
    expect((await ctx.app.inject({ url: '/districts/123456', headers: w.as.staff })).statusCode).toBe(404);
    const bad = await ctx.app.inject({ url: '/districts/abc', headers: w.as.staff });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('params.code');
    const list = await ctx.app.inject({ url: '/districts?parentCode=440100&pageSize=100', headers: w.as.staff });
    expect(list.json().total).toBe(11);
  });
});

describe('role matrix: offices and districts', () => {
  const read = { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 200 };
  const write = { none: 401, admin: 'ok', staff: 403, organiser: 403, employerOwn: 403, employerOther: 403 };
  let n = 0;
  const cases: Array<{ route: string; expect: Record<string, number | string>; req: () => { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object } }> = [
    { route: 'GET /offices', expect: read, req: () => ({ method: 'GET', url: '/offices' }) },
    { route: 'GET /offices/:id', expect: read, req: () => ({ method: 'GET', url: `/offices/${w.offices.tianhe}` }) },
    {
      route: 'POST /offices',
      expect: write,
      req: () => ({ method: 'POST', url: '/offices', payload: { code: `M${++n}`, nameZh: 'x', nameEn: 'x', level: 'community', parentId: w.offices.shipai } }),
    },
    { route: 'PATCH /offices/:id', expect: write, req: () => ({ method: 'PATCH', url: `/offices/${w.offices.haizhu}`, payload: { nameEn: 'Haizhu PES Centre' } }) },
    { route: 'GET /districts', expect: read, req: () => ({ method: 'GET', url: '/districts' }) },
    { route: 'GET /districts/:code', expect: read, req: () => ({ method: 'GET', url: '/districts/440106' }) },
    { route: 'POST /districts', expect: write, req: () => ({ method: 'POST', url: '/districts', payload: { code: `44010690${++n % 10}${n}`, nameZh: 'x', nameEn: 'x' } }) },
    { route: 'PATCH /districts/:code', expect: write, req: () => ({ method: 'PATCH', url: '/districts/440105', payload: { nameEn: 'Haizhu' } }) },
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
