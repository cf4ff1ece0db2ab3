import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';

let ctx: TestContext;
let w: PeopleWorld;
let s1: string;
let s2: string;
let staffAKeyId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
  const reg = async (overrides: Record<string, unknown>) =>
    (await ctx.app.inject({ method: 'POST', url: '/seekers', payload: seekerBody(overrides), headers: bearer(w.keys.staffA) })).json().id as string;
  s1 = await reg({ name: '黄明' });
  s2 = await reg({ name: '林红' });
  await read(w.keys.staffA, s1, 'referral');
  await read(w.keys.staffA, s1, 'counselling');
  await read(w.keys.admin, s2, 'placement follow-up');
  const [k] = await ctx.resources.database.sql`select actor_key_id from audit_log where actor_role = 'staff' limit 1`;
  staffAKeyId = k!.actor_key_id;
});
afterAll(() => ctx.close());

function read(key: string, id: string, reason: string) {
  return ctx.app.inject({ url: `/seekers/${id}?reason=${encodeURIComponent(reason)}`, headers: bearer(key) });
}
// Reads of personal data; writes, consent records and the rest are in the same log (audit-chain.test.ts).
const list = (query: string, key = w.keys.admin) => ctx.app.inject({ url: `/audit-log${query ? `${query}&` : '?'}action=read_personal_data`, headers: bearer(key) });

describe('the audit log', () => {
  it('lists personal-data reads newest first with who, whom, which fields and why', async () => {
    const res = await list('');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(body.items.map((i: { reason: string }) => i.reason)).toEqual(['placement follow-up', 'counselling', 'referral']);
    expect(body.items[0]).toMatchObject({ actorRole: 'admin', action: 'read_personal_data', subjectType: 'seeker', subjectId: s2, fields: expect.arrayContaining(['name', 'phone']) });
    expect(res.body).not.toContain('黄明');
    expect(res.body).not.toContain('林红');
  });

  it('filters by subject, by actor key and by time', async () => {
    expect((await list(`?subjectId=${s1}`)).json().total).toBe(2);
    expect((await list(`?actorKeyId=${staffAKeyId}`)).json().items.every((i: { actorKeyId: string }) => i.actorKeyId === staffAKeyId)).toBe(true);
    expect((await list(`?actorKeyId=${staffAKeyId}`)).json().total).toBe(2);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await list(`?from=${encodeURIComponent(future)}`)).json().total).toBe(0);
    expect((await list(`?from=${encodeURIComponent(past)}&to=${encodeURIComponent(future)}`)).json().total).toBe(3);
    expect((await list(`?to=${encodeURIComponent(past)}`)).json().total).toBe(0);
  });

  it('paginates', async () => {
    const p1 = (await list('?pageSize=2')).json();
    const p2 = (await list('?pageSize=2&page=2')).json();
    expect([p1.items.length, p2.items.length, p1.total]).toEqual([2, 1, 3]);
    expect(p1.items.map((i: { id: number }) => i.id)).not.toContain(p2.items[0].id);
  });

  it('staff can read it too; a malformed filter is a 400 naming the field; from after to is a 422', async () => {
    expect((await list('', w.keys.staffB)).statusCode).toBe(200);
    const bad = await list('?subjectId=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toMatch(/subjectId$/);
    expect((await list('?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).statusCode).toBe(422);
  });

  it('the masked list adds nothing to it; a write adds a write row (not a read)', async () => {
    await ctx.app.inject({ url: '/seekers', headers: bearer(w.keys.staffA) });
    await ctx.app.inject({ method: 'PATCH', url: `/seekers/${s1}`, payload: { education: 'bachelor' }, headers: bearer(w.keys.staffA) });
    expect((await list('')).json().total).toBe(3);
    const writes = (await ctx.app.inject({ url: `/audit-log?subjectId=${s1}&action=write.update`, headers: bearer(w.keys.admin) })).json();
    expect(writes.items[0]).toMatchObject({ actorRole: 'staff', subjectType: 'seekers', fields: ['education'] });
  });
});
