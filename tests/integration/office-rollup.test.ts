import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';

/** Issue 19: selecting an office includes the offices below it; the review queue shows only what the caller may decide. */
let ctx: TestContext;
let w: PeopleWorld;
let seekerA1: string;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
  // A person registered at the street office below district A, referred to a vacancy of district A.
  const res = await ctx.app.inject({ method: 'POST', url: '/seekers', headers: bearer(w.keys.staffA), payload: seekerBody({ officeId: w.officeA1Id }) });
  expect(res.statusCode, res.body).toBe(201);
  seekerA1 = res.json().id;
  const ref = await ctx.app.inject({ method: 'POST', url: '/referrals', headers: bearer(w.keys.staffA), payload: { seekerId: seekerA1, vacancyId: w.vacancy1Id, officeId: w.officeA1Id } });
  expect(ref.statusCode, ref.body).toBe(201);
});
afterAll(() => ctx?.close());

const get = async (key: string, url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: bearer(key) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('office hierarchy roll-up', () => {
  it('a city office sees the seekers of the offices below it (was 0)', async () => {
    const city = await get(w.keys.staffCity, `/seekers?officeId=${w.cityOfficeId}&pageSize=100`);
    expect(city.total).toBeGreaterThan(0);
    expect(city.items.map((s: { id: string }) => s.id)).toContain(seekerA1);
    const district = await get(w.keys.staffA, `/seekers?officeId=${w.officeAId}&pageSize=100`);
    expect(district.items.map((s: { id: string }) => s.id)).toContain(seekerA1);
    const other = await get(w.keys.staffB, `/seekers?officeId=${w.officeBId}&pageSize=100`);
    expect(other.items.map((s: { id: string }) => s.id)).not.toContain(seekerA1);
  });

  it('vacancies, referrals and employers filtered by the city include those of its districts', async () => {
    const v = await get(w.keys.staffCity, `/vacancies?officeId=${w.cityOfficeId}&pageSize=100`);
    expect(v.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([w.vacancy1Id, w.vacancy2Id]));
    const vA = await get(w.keys.staffCity, `/vacancies?officeId=${w.officeAId}&pageSize=100`);
    expect(vA.items.map((x: { id: string }) => x.id)).not.toContain(w.vacancy2Id);
    const r = await get(w.keys.staffCity, `/referrals?officeId=${w.cityOfficeId}`);
    expect(r.items.map((x: { seekerId: string }) => x.seekerId)).toContain(seekerA1);
    const e = await get(w.keys.staffCity, `/employers?officeId=${w.cityOfficeId}&pageSize=100`);
    expect(e.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([w.employer1Id, w.employer2Id]));
  });

  it('referral statistics for the city count the street office referral', async () => {
    const s = await get(w.keys.staffCity, `/referrals/stats?officeId=${w.cityOfficeId}`);
    expect(s.totals.referrals).toBeGreaterThanOrEqual(1);
  });
});

describe('review queue', () => {
  it('district staff see only items of their office tree; admins see all', async () => {
    const sql = ctx.resources.database.sql;
    await sql`update vacancies set status = 'pending_review' where id in (${w.vacancy1bId}, ${w.vacancy2Id})`;
    const a = await get(w.keys.staffA, '/vacancies/review-queue?pageSize=100');
    expect(a.items.map((x: { id: string }) => x.id)).toEqual([w.vacancy1bId]);
    expect(a.total).toBe(1);
    // Each item shown can be decided by the caller (no 403 on acting).
    const act = await ctx.app.inject({ method: 'POST', url: `/vacancies/${w.vacancy1bId}/review`, headers: bearer(w.keys.staffA), payload: { decision: 'approve' } });
    expect(act.statusCode, act.body).toBe(200);
    const b = await get(w.keys.staffB, '/vacancies/review-queue?pageSize=100');
    expect(b.items.map((x: { id: string }) => x.id)).toEqual([w.vacancy2Id]);
    const city = await get(w.keys.staffCity, '/vacancies/review-queue?pageSize=100');
    expect(city.items.map((x: { id: string }) => x.id)).toEqual([w.vacancy2Id]);
    const admin = await get(w.keys.admin, '/vacancies/review-queue?pageSize=100');
    expect(admin.items.map((x: { id: string }) => x.id)).toContain(w.vacancy2Id);
  });
});
