import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/modules/audit/audit.table.js';
import { creditCode, buildWorld, type World } from '../helpers/records.js';
import { sessionCookie, signedIn } from '../helpers/sessions.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let w: World;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
}, 60_000);
afterAll(() => ctx?.close());

const registration = (over: Record<string, unknown> = {}) => ({
  name: '广州自助登记科技有限公司',
  creditCode: creditCode(),
  industry: 'I',
  sizeBand: 'small',
  districtCode: '440106',
  contactName: '赵经理',
  contactPhone: '13700137000',
  username: `hr-${Math.random().toString(36).slice(2, 8)}`,
  password: 'Hire-Well-2026',
  ...over,
});

async function signInRecruiter(username: string, password: string) {
  const res = await ctx.app.inject({ method: 'POST', url: '/auth/sign-in', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().stage).toBe('active');
  return { cookie: sessionCookie(res.headers['set-cookie']), 'x-csrf-token': res.json().csrfToken as string };
}

describe('employer self-registration → verification → publish', () => {
  it('a company names its district (天河区) instead of typing a code; an unknown name is refused with close names', async () => {
    const reg = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ districtCode: '天河区' }) });
    expect(reg.statusCode, reg.body).toBe(201);
    const [row] = await ctx.resources.database.sql`select district_code from employers where id = ${reg.json().employerId}`;
    expect(row!.district_code).toBe('440106');
    const bad = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ districtCode: '天河新区' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].field).toBe('body.districtCode');
  });

  it('a company registers with its credit code and a contact; until staff verify it, its recruiter drafts but cannot publish or see candidates', async () => {
    const body = registration();
    const reg = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: body });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().verificationStatus).toBe('pending');
    const employerId = reg.json().employerId as string;

    const rec = await signInRecruiter(body.username, body.password);
    const me = (await ctx.app.inject({ url: '/me', headers: rec })).json();
    expect(me.employer).toMatchObject({ id: employerId, verified: false });
    expect(me.permissions).toContain('vacancies.write');
    expect(me.permissions).not.toContain('vacancies.publish');
    expect(me.permissions).not.toContain('candidates.read');

    const draft = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: rec, payload: { title: '软件测试工程师', districtCode: '440106', wageMin: 8000, wageMax: 12000 } });
    expect(draft.statusCode, draft.body).toBe(201);
    const vid = draft.json().id as string;
    const pub = await ctx.app.inject({ method: 'POST', url: `/vacancies/${vid}/status`, headers: rec, payload: { status: 'published' } });
    expect(pub.statusCode).toBe(403);
    expect(pub.json().code).toBe('EMPLOYER_NOT_VERIFIED');
    const cands = await ctx.app.inject({ url: `/vacancies/${vid}/candidates`, headers: rec });
    expect(cands.statusCode).toBe(403);
    expect(cands.json().code).toBe('EMPLOYER_NOT_VERIFIED');
    expect((await ctx.app.inject({ url: '/seekers/search?q=电工', headers: rec })).json().code).toBe('EMPLOYER_NOT_VERIFIED');

    // Staff see it in the queue and verify it.
    const staff = await signedIn(ctx, 'staff', { officeId: w.offices.tianhe });
    const queue = await ctx.app.inject({ url: '/employer-registrations?status=pending', headers: staff.headers });
    expect(queue.statusCode, queue.body).toBe(200);
    const item = queue.json().items.find((e: { id: string }) => e.id === employerId);
    expect(item).toMatchObject({ selfRegistered: true, verificationStatus: 'pending', officeId: w.offices.tianhe });
    const v = await ctx.app.inject({ method: 'POST', url: `/employers/${employerId}/verification`, headers: staff.headers, payload: { decision: 'verify' } });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ verified: true, verificationStatus: 'verified' });

    const pub2 = await ctx.app.inject({ method: 'POST', url: `/vacancies/${vid}/status`, headers: rec, payload: { status: 'published' } });
    expect(pub2.statusCode, pub2.body).toBe(200);
    expect(['published', 'pending_review']).toContain(pub2.json().status);
    expect((await ctx.app.inject({ url: `/vacancies/${vid}/candidates`, headers: rec })).statusCode).toBe(200);

    const rows = await ctx.resources.database.db.select().from(auditLog).where(eq(auditLog.subjectId, employerId));
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['employer_registered', 'employer_verified']));
    expect(rows.find((r) => r.action === 'employer_verified')!.actorPersonId).toBe(staff.accountId);
  });

  it('staff reject with a reason the recruiter sees; a rejection without a reason is refused (422 naming the field)', async () => {
    const body = registration({ contactPhone: null, contactEmail: 'hr@example.cn' });
    const reg = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: body });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().employerId as string;
    const staff = await signedIn(ctx, 'staff', { officeId: w.offices.tianhe });
    const noReason = await ctx.app.inject({ method: 'POST', url: `/employers/${id}/verification`, headers: staff.headers, payload: { decision: 'reject' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().details[0].field).toBe('body.reason');
    const rej = await ctx.app.inject({ method: 'POST', url: `/employers/${id}/verification`, headers: staff.headers, payload: { decision: 'reject', reason: '营业执照名称与信用代码不符' } });
    expect(rej.statusCode, rej.body).toBe(200);
    expect(rej.json()).toMatchObject({ verified: false, verificationStatus: 'rejected', rejectionReason: '营业执照名称与信用代码不符' });
    const rec = await signInRecruiter(body.username, body.password);
    expect((await ctx.app.inject({ url: '/me', headers: rec })).json().employer.rejectionReason).toBe('营业执照名称与信用代码不符');
  });

  it('registration checks: a bad credit code, no contact, a weak password, a duplicate company', async () => {
    const bad = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ creditCode: '91440106MA59XXXX1X' }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].field).toBe('body.creditCode');
    const noContact = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ contactPhone: undefined }) });
    expect(noContact.statusCode).toBe(422);
    expect(noContact.json().details[0].field).toBe('body.contactPhone');
    const weak = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ password: 'password' }) });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().details[0].field).toBe('body.password');
    const code = creditCode();
    expect((await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ creditCode: code }) })).statusCode).toBe(201);
    const dup = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration({ creditCode: code }) });
    expect(dup.statusCode).toBe(409);
    // Nothing half-written: the refused registrations left no account behind.
    const n = await ctx.resources.database.sql`select count(*)::int as n from accounts a join employers e on e.id = a.employer_id where e.credit_code = ${code}`;
    expect(n[0]!.n).toBe(1);
    const weakLeft = await ctx.resources.database.sql`select count(*)::int as n from employers where name = '广州自助登记科技有限公司' and id not in (select employer_id from accounts where employer_id is not null)`;
    expect(weakLeft[0]!.n).toBe(0);
  });

  it('an organiser cannot mark an employer verified (create or update); staff can, and an unverified employer key cannot publish', async () => {
    const org = bearer(await ctx.keyFor('organiser', { officeId: w.offices.tianhe }));
    const create = await ctx.app.inject({
      method: 'POST', url: '/employers', headers: org,
      payload: { name: '组织者登记单位', creditCode: creditCode(), industry: 'C', sizeBand: 'small', officeId: w.offices.tianhe, verified: true },
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().details[0].field).toBe('body.verified');
    const ok = await ctx.app.inject({ method: 'POST', url: '/employers', headers: org, payload: { name: '组织者登记单位', creditCode: creditCode(), industry: 'C', sizeBand: 'small', officeId: w.offices.tianhe } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().verified).toBe(false);
    const id = ok.json().id as string;
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/employers/${id}`, headers: org, payload: { verified: true } });
    expect(patch.statusCode).toBe(403);
    const verifyRoute = await ctx.app.inject({ method: 'POST', url: `/employers/${id}/verification`, headers: org, payload: { decision: 'verify' } });
    expect(verifyRoute.statusCode).toBe(403);
    const ekey = bearer(await ctx.keyFor('employer', { employerId: id }));
    const v = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: ekey, payload: { title: '装配工', districtCode: '440106' } });
    expect(v.statusCode, v.body).toBe(201);
    expect((await ctx.app.inject({ method: 'POST', url: `/vacancies/${v.json().id}/status`, headers: ekey, payload: { status: 'published' } })).json().code).toBe('EMPLOYER_NOT_VERIFIED');
    const staffPatch = await ctx.app.inject({ method: 'PATCH', url: `/employers/${id}`, headers: w.as.staff, payload: { verified: true } });
    expect(staffPatch.statusCode, staffPatch.body).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: `/vacancies/${v.json().id}/status`, headers: ekey, payload: { status: 'published' } })).statusCode).toBe(200);
  });

  it('staff of another district cannot decide on a Tianhe registration', async () => {
    const reg = await ctx.app.inject({ method: 'POST', url: '/public/employer-registrations', payload: registration() });
    const res = await ctx.app.inject({ method: 'POST', url: `/employers/${reg.json().employerId}/verification`, headers: w.staffHaizhu, payload: { decision: 'verify' } });
    expect(res.statusCode).toBe(403);
  });
});
