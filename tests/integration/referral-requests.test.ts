import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';

/** Issue 19: a recruiter asks for a referral of a candidate; staff decide. Also the candidate pool count. */
let ctx: TestContext;
let w: PeopleWorld;
let cand: string[];
let noConsent: string;
let outsider: string;

const COMPONENTS = { occupation: 1, skills: 0.5, wage: 1, education: 1, experience: 1, distance: 1, availability: 1, freshness: 1 };
const call = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

async function register(overrides: Record<string, unknown> = {}) {
  const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
  cand = [await register(), await register(), await register()];
  noConsent = await register({ consentContactViaReferral: false });
  outsider = await register();
  const sql = ctx.resources.database.sql;
  // A vacancy list written by seeker-side runs only: stored matches, no vacancy run yet.
  for (const [i, s] of [...cand, noConsent].entries()) {
    await sql`insert into matches (direction, vacancy_id, seeker_id, score, components, reasons, vacancy_version, seeker_version)
      values ('vacancy', ${w.vacancy1Id}, ${s}, ${90 - i * 10}, ${JSON.stringify(COMPONENTS)}::jsonb, '[]'::jsonb, 1, 1)`;
  }
});
afterAll(() => ctx?.close());

describe('the candidates page count', () => {
  it('the candidate pool is never 0 above listed candidates (was 候选池: 0 above three people)', async () => {
    const res = await call(w.keys.employer1, 'GET', `/vacancies/${w.vacancy1Id}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(4);
    expect(body.candidatePool).toBe(body.total);
    const staff = await call(w.keys.staffA, 'GET', `/vacancies/${w.vacancy1Id}/candidates`);
    expect(staff.json().candidatePool).toBeGreaterThanOrEqual(staff.json().total);
  });
});

describe('POST /vacancies/:id/referral-requests', () => {
  it('a candidate gives 201 {id, status: requested}; asking again answers the same request', async () => {
    const res = await call(w.keys.employer1, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: cand[0], note: '经验匹配' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), status: 'requested' });
    const again = await call(w.keys.employer1, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: cand[0] });
    expect(again.json()).toEqual(res.json());
    const [row] = await ctx.resources.database.sql`select * from referral_requests where id = ${res.json().id}`;
    expect(row).toMatchObject({ status: 'requested', note: '经验匹配', office_id: w.officeAId });
  });

  it('no oracle: a person without contact consent answers like anyone else; a non-candidate like an unknown id', async () => {
    const a = await call(w.keys.employer1, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: noConsent });
    expect(a.statusCode).toBe(201);
    expect(Object.keys(a.json()).sort()).toEqual(['id', 'status']);
    const notListed = await call(w.keys.employer1, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: outsider });
    const unknown = await call(w.keys.employer1, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: crypto.randomUUID() });
    expect(notListed.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(notListed.json())).toEqual(strip(unknown.json()));
  });

  it("another employer's vacancy is 404; a public welfare post is 403 STAFF_REFERRAL_ONLY; staff cannot ask", async () => {
    expect((await call(w.keys.employer2, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: cand[1] })).statusCode).toBe(404);
    const welfare = await call(w.keys.employer1, 'POST', `/vacancies/${w.welfareVacancyId}/referral-requests`, { seekerId: cand[1] });
    expect(welfare.statusCode).toBe(403);
    expect(welfare.json().code).toBe('STAFF_REFERRAL_ONLY');
    expect((await call(w.keys.staffA, 'POST', `/vacancies/${w.vacancy1Id}/referral-requests`, { seekerId: cand[1] })).statusCode).toBe(403);
  });
});

describe('staff decide', () => {
  it('lists requests of the office tree with title, employer and a masked name; another district sees none', async () => {
    const a = await call(w.keys.staffA, 'GET', '/referral-requests?status=requested');
    expect(a.statusCode, a.body).toBe(200);
    const item = a.json().items.find((i: { seekerId: string }) => i.seekerId === cand[0]);
    expect(item).toMatchObject({ vacancyTitle: '电工', employerName: '广州示例电器有限公司', seekerMaskedName: '张**', status: 'requested' });
    expect(a.body).not.toContain('13800138000');
    const city = await call(w.keys.staffCity, 'GET', '/referral-requests');
    expect(city.json().total).toBe(a.json().total);
    const b = await call(w.keys.staffB, 'GET', '/referral-requests');
    expect(b.json().total).toBe(0);
  });

  it('refer creates the referral in the same transaction; deciding twice is 409; another district 403', async () => {
    const [req] = await ctx.resources.database.sql`select id from referral_requests where seeker_id = ${cand[0]}`;
    expect((await call(w.keys.staffB, 'POST', `/referral-requests/${req!.id}/decision`, { decision: 'refer' })).statusCode).toBe(403);
    const res = await call(w.keys.staffA, 'POST', `/referral-requests/${req!.id}/decision`, { decision: 'refer' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'referred', referralId: expect.any(String) });
    const [ref] = await ctx.resources.database.sql`select * from referrals where id = ${res.json().referralId}`;
    expect(ref).toMatchObject({ seeker_id: cand[0], vacancy_id: w.vacancy1Id });
    const again = await call(w.keys.staffA, 'POST', `/referral-requests/${req!.id}/decision`, { decision: 'decline', reason: 'x' });
    expect(again.statusCode).toBe(409);
  });

  it('a refer the referral service refuses (no contact consent) leaves the request undecided; decline needs a reason', async () => {
    const [req] = await ctx.resources.database.sql`select id from referral_requests where seeker_id = ${noConsent}`;
    const res = await call(w.keys.staffA, 'POST', `/referral-requests/${req!.id}/decision`, { decision: 'refer' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NO_REFERRAL_CONSENT');
    const [row] = await ctx.resources.database.sql`select status, referral_id from referral_requests where id = ${req!.id}`;
    expect(row).toEqual({ status: 'requested', referral_id: null });
    const noReason = await call(w.keys.staffA, 'POST', `/referral-requests/${req!.id}/decision`, { decision: 'decline' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().details[0].field).toBe('body.reason');
    const declined = await call(w.keys.staffA, 'POST', `/referral-requests/${req!.id}/decision`, { decision: 'decline', reason: '本人未同意提供联系方式' });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: '本人未同意提供联系方式', referralId: null });
  });
});

describe("the recruiter's view of its requests", () => {
  it('shows each request by alias with its status and the reason given; another employer gets 404', async () => {
    const res = await call(w.keys.employer1, 'GET', `/vacancies/${w.vacancy1Id}/referral-requests`);
    expect(res.statusCode, res.body).toBe(200);
    const statuses = res.json().items.map((i: { status: string }) => i.status).sort();
    expect(statuses).toEqual(['declined', 'referred']);
    expect(res.json().items.find((i: { status: string }) => i.status === 'declined').decisionReason).toBe('本人未同意提供联系方式');
    expect(res.body).not.toMatch(/seekerId|张/);
    expect((await call(w.keys.employer2, 'GET', `/vacancies/${w.vacancy1Id}/referral-requests`)).statusCode).toBe(404);
  });
});
