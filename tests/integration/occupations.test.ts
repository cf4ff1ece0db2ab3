import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../seeds/reference.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let employerKey: string;
const sql = () => ctx.resources.database.sql;

beforeAll(async () => {
  ctx = await startTestApp();
  await seedReference(ctx.resources.database.db);
  employerKey = await ctx.keyFor('employer', { employerId: '00000000-0000-4000-8000-000000000001' });
});
afterAll(() => ctx.close());

describe('reference seed', () => {
  it('loads the three taxonomies, the demo city districts and its office tree', async () => {
    const counts = await sql()`select system, count(*)::int as n from occupations group by system order by system`;
    expect(counts).toEqual([
      { system: 'isco', n: 619 },
      { system: 'esco', n: 3007 },
      { system: 'cn2022', n: 2176 },
    ]);
    expect((await sql()`select count(*)::int as n from districts`)[0]!.n).toBe(18);
    expect((await sql()`select count(*)::int as n from offices`)[0]!.n).toBe(18);
    const street = await sql()`select path from offices where code = '440106001'`;
    expect(street[0]!.path).toBe('440100/440106/440106001');
  });

  it('is idempotent: running it again changes no ids and adds no rows', async () => {
    const before = await sql()`select id, code from offices order by code`;
    const counts = await seedReference(ctx.resources.database.db);
    expect(counts).toEqual({ occupations: 5802, districts: 18, offices: 18 });
    expect(await sql()`select id, code from offices order by code`).toEqual(before);
    expect((await sql()`select count(*)::int as n from occupations`)[0]!.n).toBe(5802);
  });
});

describe('occupations', () => {
  it('searches by code prefix within a system, paginated', async () => {
    const res = await ctx.app.inject({ url: '/occupations?q=741&system=isco' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((o: { code: string }) => o.code)).toEqual(['741', '7411', '7412', '7413']);
  });

  it('searches labels in Chinese and English', async () => {
    const zh = await ctx.app.inject({ url: `/occupations?q=${encodeURIComponent('电工')}&system=cn2022` });
    expect(zh.json().total).toBeGreaterThan(0);
    expect(zh.json().items.every((o: { labelZh: string }) => o.labelZh.includes('电工'))).toBe(true);
    const en = await ctx.app.inject({ url: '/occupations?q=electrician&pageSize=5' });
    expect(en.json().items.length).toBeGreaterThan(0);
    expect(en.json().pageSize).toBe(5);
  });

  it('reads an occupation with its parent chain and children; an ESCO occupation chains into ISCO', async () => {
    const unit = await ctx.app.inject({ url: '/occupations/isco/7411' });
    expect(unit.statusCode).toBe(200);
    expect(unit.json().parents.map((p: { code: string }) => p.code)).toEqual(['741', '74', '7']);
    expect(unit.json().children.length).toBeGreaterThan(0);
    expect(unit.json().children.every((c: { system: string; parentCode: string }) => c.system === 'esco' && c.parentCode === '7411')).toBe(true);
    const esco = unit.json().children[0];
    const leaf = await ctx.app.inject({ url: `/occupations/esco/${esco.code}` });
    expect(leaf.json().parents.map((p: { system: string; code: string }) => `${p.system}:${p.code}`)).toEqual(['isco:7411', 'isco:741', 'isco:74', 'isco:7']);
    const cn = await ctx.app.inject({ url: '/occupations/cn2022/6-31-01-03' });
    expect(cn.json().parents.map((p: { code: string }) => p.code)).toEqual(['6-31-01', '6-31', '6']);
  });

  it('an unknown occupation is 404 and an unknown system is 400', async () => {
    expect((await ctx.app.inject({ url: '/occupations/isco/9999' })).statusCode).toBe(404);
    const bad = await ctx.app.inject({ url: '/occupations/soc/1234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toMatch(/^params\.system/);
  });

  it('codes a free-text title into ranked candidates for any key, and needs a key', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/occupations/code-title', headers: bearer(employerKey), payload: { title: '电工', k: 2 } });
    expect(res.statusCode).toBe(200);
    const { candidates, coding } = res.json();
    expect(coding).toMatchObject({ status: 'coded', cn2022: { code: '6-31-01-03', name: '电工' }, isco: { code: '7411', nameZh: '建筑电工' } });
    expect(candidates[0]).toMatchObject({ system: 'cn2022', code: '6-31-01-03' });
    // A Chinese title gets Chinese ISCO names (the English one stays in labelEn).
    expect(candidates[1]).toMatchObject({ system: 'isco', code: '7411', label: '建筑电工', labelEn: 'Building and related electricians' });
    expect((await ctx.app.inject({ method: 'POST', url: '/occupations/code-title', payload: { title: '电工' } })).statusCode).toBe(401);
    const empty = await ctx.app.inject({ method: 'POST', url: '/occupations/code-title', headers: bearer(ctx.adminKey), payload: { title: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0].field).toBe('body.title');
  });
});

describe('issue 18: crosswalk, Chinese ISCO names, label search, abstention', () => {
  it('every ISCO-08 group has a Chinese name and every 2022 detailed occupation an ISCO-08 unit group', async () => {
    const [isco] = await sql()`select count(*)::int as n, count(label_zh)::int as zh from occupations where system = 'isco'`;
    expect(isco).toEqual({ n: 619, zh: 619 });
    const [cn] = await sql()`select count(*)::int as n, count(o.isco_unit)::int as mapped, count(i.code)::int as valid
      from occupations o left join occupations i on i.system = 'isco' and i.code = o.isco_unit and i.level = 4
      where o.system = 'cn2022' and o.level = 4`;
    expect(cn).toEqual({ n: 1639, mapped: 1639, valid: 1639 });
  });

  it('label search ranks exact matches and what the coder reads first: 护工 → 护理员, not 环境保护工程技术人员', async () => {
    const res = await ctx.app.inject({ url: `/occupations?q=${encodeURIComponent('护工')}` });
    const items = res.json().items as Array<{ system: string; code: string; labelZh: string }>;
    expect(items[0]!.labelZh).toMatch(/护理员/);
    expect(items.findIndex((o) => o.labelZh === '环境保护工程技术人员')).toBeGreaterThan(1);
    const exact = await ctx.app.inject({ url: `/occupations?q=${encodeURIComponent('电工')}&system=cn2022` });
    expect(exact.json().items[0]).toMatchObject({ code: '6-31-01-03', labelZh: '电工' });
    const prefix = await ctx.app.inject({ url: `/occupations?q=${encodeURIComponent('保洁')}&system=cn2022` });
    expect(prefix.json().items[0]).toMatchObject({ code: '4-09-08-01', labelZh: '保洁员' });
  });

  it('a title the coder does not know is not answered against its head noun: it abstains with candidates to choose from', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/occupations/code-title', headers: bearer(employerKey), payload: { title: '某某岗' } });
    expect(res.json().coding).toMatchObject({ status: 'abstained', cn2022: null, isco: null, reason: { zh: expect.stringContaining('请选择') } });
    for (const [title, name] of [['视觉设计师', '视觉传达设计人员'], ['服务顾问', '客户服务管理员'], ['技术总监', '其他工程技术人员'], ['叉车司机', '起重装卸机械操作工']] as const) {
      const r = await ctx.app.inject({ method: 'POST', url: '/occupations/code-title', headers: bearer(employerKey), payload: { title } });
      expect(r.json().coding.cn2022.name, title).toBe(name);
    }
  });
});

describe('role matrix: occupations', () => {
  const cases = [
    { route: 'GET /occupations', req: { method: 'GET' as const, url: '/occupations' }, anon: 200, keyed: 200 },
    { route: 'GET /occupations/:system/:code', req: { method: 'GET' as const, url: '/occupations/isco/7411' }, anon: 200, keyed: 200 },
    { route: 'POST /occupations/code-title', req: { method: 'POST' as const, url: '/occupations/code-title', payload: { title: '厨师' } }, anon: 401, keyed: 200 },
  ];
  for (const c of cases) {
    for (const role of ['none', 'admin', 'staff', 'organiser', 'employer'] as const) {
      const want = role === 'none' ? c.anon : c.keyed;
      it(`${c.route} as ${role} → ${want}`, async () => {
        const headers =
          role === 'none'
            ? {}
            : role === 'employer'
              ? bearer(employerKey)
              : role === 'admin'
                ? bearer(ctx.adminKey)
                : bearer(await ctx.keyFor(role));
        expect((await ctx.app.inject({ ...c.req, headers })).statusCode).toBe(want);
      });
    }
  }
});
