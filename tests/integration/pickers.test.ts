import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../helpers/records.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/** Issue 19: districts, offices and employers are chosen by name; a vacancy's district may be given by name. */
let ctx: TestContext;
let w: World;
beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx?.close());

const call = (headers: Record<string, string>, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('pickers', () => {
  it('GET /districts?q= finds 天河区 by part of its name, with zh, en and parent', async () => {
    const res = await call(w.as.staff, 'GET', `/districts?q=${encodeURIComponent('天河')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ code: '440106', zh: '天河区', parent: '440100' });
  });

  it('GET /offices?q= finds offices by name with parent, level and the names along the path', async () => {
    const res = await call(w.as.employerOwn, 'GET', `/offices?q=${encodeURIComponent('石牌')}`);
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((o: { id: string }) => o.id === w.offices.shipai);
    expect(item).toMatchObject({ level: 'street', parent: w.offices.tianhe });
    expect(item.pathNames.zh).toHaveLength(3);
    expect(item.pathNames.zh[2]).toBe(item.zh);
    const code = await call(w.as.staff, 'GET', `/offices?q=440106`);
    expect(code.json().items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([w.offices.tianhe, w.offices.shipai]));
  });

  it('GET /employers?q= searches by part of the name', async () => {
    const res = await call(w.as.staff, 'GET', `/employers?q=${encodeURIComponent('精密')}`);
    expect(res.json().items.map((e: { id: string }) => e.id)).toEqual([w.employers.own]);
  });
});

describe('a vacancy district given by name', () => {
  it('天河区 (and 天河) are stored as 440106 on create and PATCH', async () => {
    const res = await call(w.as.employerOwn, 'POST', '/vacancies', { title: '电工', description: '维修配电设备', districtCode: '天河区' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().districtCode).toBe('440106');
    const patched = await call(w.as.employerOwn, 'PATCH', `/vacancies/${res.json().id}`, { districtCode: '海珠' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().districtCode).toBe('440105');
  });

  it('an unknown or ambiguous name is 422 naming body.districtCode with close names', async () => {
    const res = await call(w.as.employerOwn, 'POST', '/vacancies', { title: '电工', districtCode: '天河新区' }, );
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.details[0].field).toBe('body.districtCode');
    expect(body.details[0].suggestions.map((s: { code: string }) => s.code)).toContain('440106');
    const zh = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: { ...w.as.employerOwn, 'accept-language': 'zh-CN' }, payload: { title: '电工', districtCode: '不存在区' } });
    expect(zh.statusCode).toBe(422);
    expect(zh.json().message).toContain('未知的区县');
  });
});

describe('vacancy form fields', () => {
  it('expiry date and pay unit are accepted by POST and PATCH', async () => {
    const expires = new Date(Date.now() + 20 * 86400_000).toISOString();
    const res = await call(w.as.employerOwn, 'POST', '/vacancies', { title: '小时工', wageMin: 25, wageMax: 30, wageUnit: 'hour', expiresAt: expires });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ wageUnit: 'hour', expiresAt: expires });
    const patched = await call(w.as.employerOwn, 'PATCH', `/vacancies/${res.json().id}`, { wageUnit: 'day', wageMin: 200, wageMax: 240, expiresAt: null });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ wageUnit: 'day', expiresAt: null });
  });
});
