import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { makeNationalId, seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';

let ctx: TestContext;
let w: PeopleWorld;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
});
afterAll(() => ctx.close());

const sql = () => ctx.resources.database.sql;
const call = (key: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: key ? bearer(key) : {} });

async function register(overrides: Record<string, unknown> = {}) {
  const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function refer(seekerId: string, vacancyId = w.vacancy1Id, key = w.keys.staffA) {
  const res = await call(key, 'POST', '/referrals', { seekerId, vacancyId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const hireTerms = { contractStart: '2026-12-01', contractMonths: 12, monthlyWage: 6500 };

describe('the referral flow through hire', () => {
  it('refers, interviews and hires: the hire creates the placement and marks the seeker placed in one go', async () => {
    const seekerId = await register({ name: '王芳', phone: '13612345678' });
    const created = await call(w.keys.staffA, 'POST', '/referrals', { seekerId, vacancyId: w.vacancy1Id, note: '推荐面试' });
    expect(created.statusCode).toBe(201);
    const referral = created.json();
    expect(referral).toMatchObject({ seekerId, vacancyId: w.vacancy1Id, officeId: w.officeAId, outcome: 'pending', outcomeAt: null });
    expect((await sql()`select outcome, office_id from referrals where id = ${referral.id}`)[0]).toEqual({ outcome: 'pending', office_id: w.officeAId });

    // The staff list names the vacancy, the employer and the person (masked), without a request per row, and no contact data.
    const list = await call(w.keys.staffA, 'GET', `/referrals?seekerId=${seekerId}`);
    expect(list.statusCode, list.body).toBe(200);
    const [vacancy] = await sql()`select v.title, e.name from vacancies v join employers e on e.id = v.employer_id where v.id = ${w.vacancy1Id}`;
    expect(list.json().items).toEqual([expect.objectContaining({ id: referral.id, vacancyTitle: vacancy!.title, employerName: vacancy!.name, seekerMaskedName: '王**', seekerAlias: expect.any(String) })]);
    expect(list.body).not.toContain('王芳');
    expect(list.body).not.toContain('13612345678');

    const interviewed = await call(w.keys.employer1, 'POST', `/referrals/${referral.id}/outcome`, { outcome: 'interviewed', outcomeAt: new Date().toISOString() });
    expect(interviewed.statusCode).toBe(200);
    expect(interviewed.json()).toMatchObject({ referral: { outcome: 'interviewed' }, placement: null });

    const outboxBefore = (await sql()`select count(*)::int as n from outbox where job_name = 'search.sync-seeker' and payload->>'seekerId' = ${seekerId}`)[0]!.n;
    const hired = await call(w.keys.staffA, 'POST', `/referrals/${referral.id}/outcome`, { outcome: 'hired', ...hireTerms });
    expect(hired.statusCode).toBe(200);
    const { placement } = hired.json();
    expect(placement).toMatchObject({ referralId: referral.id, seekerId, vacancyId: w.vacancy1Id, employerId: w.employer1Id, officeId: w.officeAId, ...hireTerms });

    expect((await sql()`select outcome, outcome_at is not null as dated from referrals where id = ${referral.id}`)[0]).toEqual({ outcome: 'hired', dated: true });
    const placements = await sql()`select * from placements where referral_id = ${referral.id}`;
    expect(placements).toHaveLength(1);
    expect(Number(placements[0]!.monthly_wage)).toBe(6500);
    expect((await sql()`select status, version from seekers where id = ${seekerId}`)[0]).toEqual({ status: 'placed', version: 2 });
    expect((await sql()`select count(*)::int as n from outbox where job_name = 'search.sync-seeker' and payload->>'seekerId' = ${seekerId}`)[0]!.n).toBe(outboxBefore + 1);
  });

  it('when a hire lacks the monthly wage, returns 400 naming body.monthlyWage: no placement, referral and seeker unchanged', async () => {
    const seekerId = await register();
    const id = await refer(seekerId);
    const res = await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'hired', contractStart: '2026-12-01', contractMonths: 12 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ field: 'body.monthlyWage', message: 'is required when outcome is hired' }]);
    expect((await sql()`select outcome, outcome_at from referrals where id = ${id}`)[0]).toEqual({ outcome: 'pending', outcome_at: null });
    expect(await sql()`select id from placements where referral_id = ${id}`).toHaveLength(0);
    expect((await sql()`select status, version from seekers where id = ${seekerId}`)[0]).toEqual({ status: 'active', version: 1 });
  });

  it('when the placement insert fails inside the hire, the outcome change rolls back too', async () => {
    const seekerId = await register();
    const id = await refer(seekerId);
    // A placement already pointing at this referral makes the hire's insert violate the unique key.
    await sql()`insert into placements (referral_id, seeker_id, employer_id, office_id, contract_start, monthly_wage)
      values (${id}, ${seekerId}, ${w.employer1Id}, ${w.officeAId}, '2026-01-01', 1)`;
    const res = await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'hired', ...hireTerms });
    expect(res.statusCode).toBe(500);
    expect((await sql()`select outcome from referrals where id = ${id}`)[0]!.outcome).toBe('pending');
    expect((await sql()`select status, version from seekers where id = ${seekerId}`)[0]).toEqual({ status: 'active', version: 1 });
    await sql()`delete from placements where referral_id = ${id}`;
  });

  it('two hires of the same referral at once create one placement; the other is refused', async () => {
    const seekerId = await register();
    const id = await refer(seekerId);
    const results = await Promise.all([0, 1].map(() => call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'hired', ...hireTerms })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await sql()`select id from placements where referral_id = ${id}`).toHaveLength(1);
    expect((await sql()`select version from seekers where id = ${seekerId}`)[0]!.version).toBe(2);
  });

  it('placement terms on a non-hire outcome are refused', async () => {
    const id = await refer(await register());
    const res = await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'rejected', monthlyWage: 5000 });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.monthlyWage');
  });

  it('an outcome dated in the future is refused with 422 naming body.outcomeAt', async () => {
    const id = await refer(await register());
    const res = await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'interviewed', outcomeAt: '2099-01-01T00:00:00Z' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.outcomeAt');
  });
});

describe('outcome transitions', () => {
  it.each([
    ['hired', 'rejected'],
    ['declined', 'interviewed'],
    ['rejected', 'hired'],
    ['no_show', 'interviewed'],
  ])('a referral that is %s cannot become %s (409, unchanged)', async (first, second) => {
    const id = await refer(await register());
    const extra = first === 'hired' ? hireTerms : {};
    expect((await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: first, ...extra })).statusCode).toBe(200);
    const extra2 = second === 'hired' ? hireTerms : {};
    const res = await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: second, ...extra2 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: first, to: second } });
    expect((await sql()`select outcome from referrals where id = ${id}`)[0]!.outcome).toBe(first);
  });

  it('interviewed may still become declined', async () => {
    const id = await refer(await register());
    await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'interviewed' });
    expect((await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'declined' })).statusCode).toBe(200);
  });

  it('pending is not an outcome anyone records (400)', async () => {
    const id = await refer(await register());
    expect((await call(w.keys.staffA, 'POST', `/referrals/${id}/outcome`, { outcome: 'pending' })).statusCode).toBe(400);
  });
});

describe('who may refer whom to what', () => {
  it('a draft vacancy is refused with 409 VACANCY_NOT_OPEN', async () => {
    const res = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: await register(), vacancyId: w.draftVacancyId });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VACANCY_NOT_OPEN');
  });

  it('an inactive or placed seeker is refused with 409 SEEKER_NOT_ACTIVE', async () => {
    const seekerId = await register();
    await call(w.keys.staffA, 'POST', `/seekers/${seekerId}/status`, { status: 'inactive' });
    const res = await call(w.keys.staffA, 'POST', '/referrals', { seekerId, vacancyId: w.vacancy1Id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SEEKER_NOT_ACTIVE');
  });

  it('a seeker who has not agreed to release contact through referrals is refused with 409 NO_REFERRAL_CONSENT', async () => {
    const res = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: await register({ consentContactViaReferral: false }), vacancyId: w.vacancy1Id });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NO_REFERRAL_CONSENT');
  });

  it('the same seeker and vacancy twice gives 409 DUPLICATE_REFERRAL with the first referral id', async () => {
    const seekerId = await register();
    const first = await refer(seekerId);
    const res = await call(w.keys.staffB, 'POST', '/referrals', { seekerId, vacancyId: w.vacancy1Id });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DUPLICATE_REFERRAL', details: { referralId: first } });
    expect((await sql()`select count(*)::int as n from referrals where seeker_id = ${seekerId}`)[0]!.n).toBe(1);
  });

  it('a public welfare post takes only people in a priority group', async () => {
    const plain = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: await register(), vacancyId: w.welfareVacancyId });
    expect(plain.statusCode).toBe(409);
    expect(plain.json().code).toBe('PUBLIC_WELFARE_PRIORITY_ONLY');
    const priority = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: await register({ priorityGroups: ['age_4050'], nationalId: makeNationalId({ birth: '1970-01-01', sex: 'male' }) }), vacancyId: w.welfareVacancyId });
    expect(priority.statusCode).toBe(201);
  });

  it('unknown seeker or vacancy gives 422 naming the field', async () => {
    const missing = '00000000-0000-4000-8000-000000000009';
    const a = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: missing, vacancyId: w.vacancy1Id });
    expect([a.statusCode, a.json().details[0].field]).toEqual([422, 'body.seekerId']);
    const b = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: await register(), vacancyId: missing });
    expect([b.statusCode, b.json().details[0].field]).toEqual([422, 'body.vacancyId']);
  });

  it('staff of another district may refer a city seeker (counted for their office) but not record outcomes on referrals of another office', async () => {
    const seekerId = await register();
    const id = await refer(seekerId, w.vacancy2Id, w.keys.staffB);
    expect((await sql()`select office_id from referrals where id = ${id}`)[0]!.office_id).toBe(w.officeBId);
    const other = await refer(await register());
    const res = await call(w.keys.staffB, 'POST', `/referrals/${other}/outcome`, { outcome: 'interviewed' });
    expect(res.statusCode).toBe(403);
    expect((await sql()`select outcome from referrals where id = ${other}`)[0]!.outcome).toBe('pending');
  });
});

describe("the employer's view", () => {
  it('lists only referrals to its own vacancies, releasing name and phone and nothing else personal; every release is audited', async () => {
    const nationalId = makeNationalId({ birth: '1983-07-08', sex: 'female' });
    const seekerId = await register({ name: '陈静', phone: '13922223333', nationalId, ethnicity: '回族', address: '天河区珠江新城某小区8栋', priorityGroups: ['long_term_unemployed'], unemployedSince: '2024-01-01' });
    const mine = await refer(seekerId, w.vacancy1Id);
    const theirs = await refer(await register({ name: '赵强' }), w.vacancy2Id);

    const auditBefore = (await sql()`select count(*)::int as n from audit_log where subject_id = ${seekerId}`)[0]!.n;
    const res = await call(w.keys.employer1, 'GET', `/employer/referrals?vacancyId=${w.vacancy1Id}`);
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { id: string }) => i.id === mine);
    expect(item).toEqual({
      id: mine,
      vacancyId: w.vacancy1Id,
      vacancyTitle: '电工',
      outcome: 'pending',
      outcomeAt: null,
      createdAt: expect.any(String),
      seeker: { maskedName: '陈**', contact: { name: '陈静', phone: '13922223333' } },
    });
    for (const secret of [nationalId, nationalId.slice(-4), '1983-07-08', '1983', '回族', '珠江新城', 'long_term_unemployed', 'female', seekerId]) {
      expect(res.body).not.toContain(secret);
    }
    const audit = await sql()`select * from audit_log where subject_id = ${seekerId} order by id`;
    expect(audit.length).toBe(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ actor_role: 'employer', fields: ['name', 'phone'], reason: expect.stringContaining(mine), request_id: res.headers['x-request-id'] });

    // Every listing is a new release, so it is audited again.
    const all = (await call(w.keys.employer1, 'GET', '/employer/referrals?pageSize=100')).json();
    expect(all.items.map((i: { id: string }) => i.id)).not.toContain(theirs);
    expect((await sql()`select count(*)::int as n from audit_log where subject_id = ${seekerId}`)[0]!.n).toBe(auditBefore + 2);
    const other = (await call(w.keys.employer2, 'GET', '/employer/referrals?pageSize=100')).json();
    expect(other.items.map((i: { id: string }) => i.id)).toContain(theirs);
    expect(other.items.map((i: { id: string }) => i.id)).not.toContain(mine);
    expect(new Set(other.items.map((i: { vacancyId: string }) => i.vacancyId))).toEqual(new Set([w.vacancy2Id]));
  });

  it('withholds the contact (and writes no audit row) once the referral is rejected or the person withdrew consent', async () => {
    const rejectedSeeker = await register({ name: '刘洋' });
    const rejected = await refer(rejectedSeeker, w.vacancy1bId);
    await call(w.keys.employer1, 'POST', `/referrals/${rejected}/outcome`, { outcome: 'rejected' });
    const withdrawnSeeker = await register({ name: '孙丽' });
    const withdrawn = await refer(withdrawnSeeker, w.vacancy1bId);
    await call(w.keys.staffA, 'PATCH', `/seekers/${withdrawnSeeker}`, { consentContactViaReferral: false });

    const res = await call(w.keys.employer1, 'GET', `/employer/referrals?vacancyId=${w.vacancy1bId}`);
    const byId = new Map(res.json().items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get(rejected)).toMatchObject({ outcome: 'rejected', seeker: { maskedName: '刘**', contact: null } });
    expect(byId.get(withdrawn)).toMatchObject({ outcome: 'pending', seeker: { maskedName: '孙**', contact: null } });
    expect(res.body).not.toContain('刘洋');
    expect(res.body).not.toContain('孙丽');
    expect(await sql()`select id from audit_log where subject_id in (${rejectedSeeker}, ${withdrawnSeeker}) and actor_role = 'employer'`).toHaveLength(0);
  });

  it('an employer records interviewed and hired for its own referral, but not declined, and not for another employer', async () => {
    const seekerId = await register();
    const id = await refer(seekerId);
    expect((await call(w.keys.employer2, 'POST', `/referrals/${id}/outcome`, { outcome: 'interviewed' })).statusCode).toBe(404);
    expect((await call(w.keys.employer1, 'POST', `/referrals/${id}/outcome`, { outcome: 'declined' })).statusCode).toBe(403);
    expect((await sql()`select outcome from referrals where id = ${id}`)[0]!.outcome).toBe('pending');
    expect((await call(w.keys.employer1, 'POST', `/referrals/${id}/outcome`, { outcome: 'interviewed' })).statusCode).toBe(200);
    const hired = await call(w.keys.employer1, 'POST', `/referrals/${id}/outcome`, { outcome: 'hired', ...hireTerms });
    expect(hired.statusCode).toBe(200);
    expect((await sql()`select status from seekers where id = ${seekerId}`)[0]!.status).toBe('placed');
  });
});

describe('placements without a referral', () => {
  it('records the placement and marks the seeker placed', async () => {
    const seekerId = await register();
    const res = await call(w.keys.staffA, 'POST', '/placements', { seekerId, employerId: w.employer2Id, vacancyId: w.vacancy2Id, contractStart: '2026-11-01', monthlyWage: 4800 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ referralId: null, seekerId, employerId: w.employer2Id, officeId: w.officeAId, contractMonths: null, monthlyWage: 4800 });
    expect((await sql()`select status, version from seekers where id = ${seekerId}`)[0]).toEqual({ status: 'placed', version: 2 });
    expect(await sql()`select id from outbox where job_name = 'search.sync-seeker' and payload->>'seekerId' = ${seekerId}`).toHaveLength(2);
  });

  it("refuses a vacancy of another employer (422) and a seeker outside the key's office (403), writing nothing", async () => {
    const seekerId = await register();
    const wrong = await call(w.keys.staffA, 'POST', '/placements', { seekerId, employerId: w.employer1Id, vacancyId: w.vacancy2Id, contractStart: '2026-11-01', monthlyWage: 4800 });
    expect([wrong.statusCode, wrong.json().details[0].field]).toEqual([422, 'body.vacancyId']);
    const scope = await call(w.keys.staffB, 'POST', '/placements', { seekerId, employerId: w.employer1Id, contractStart: '2026-11-01', monthlyWage: 4800 });
    expect(scope.statusCode).toBe(403);
    expect(await sql()`select id from placements where seeker_id = ${seekerId}`).toHaveLength(0);
    expect((await sql()`select status from seekers where id = ${seekerId}`)[0]!.status).toBe('active');
  });

  it('a missing wage is a 400 naming body.monthlyWage', async () => {
    const res = await call(w.keys.staffA, 'POST', '/placements', { seekerId: await register(), employerId: w.employer1Id, contractStart: '2026-11-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.monthlyWage');
  });
});

describe('counters', () => {
  it('counts the referrals a seeker had and declined, by outcome', async () => {
    const seekerId = await register();
    const a = await refer(seekerId, w.vacancy1Id);
    const b = await refer(seekerId, w.vacancy1bId);
    await refer(seekerId, w.vacancy2Id);
    await call(w.keys.staffA, 'POST', `/referrals/${a}/outcome`, { outcome: 'declined' });
    await call(w.keys.staffA, 'POST', `/referrals/${b}/outcome`, { outcome: 'no_show' });
    const res = await call(w.keys.staffB, 'GET', `/seekers/${seekerId}/referral-counts`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ seekerId, total: 3, declined: 1, byOutcome: { pending: 1, interviewed: 0, hired: 0, rejected: 0, declined: 1, no_show: 1 } });
    expect((await call(w.keys.staffA, 'GET', '/seekers/00000000-0000-4000-8000-000000000000/referral-counts')).statusCode).toBe(404);
  });

  it('counts referrals and placements per office in a date range, for an office and those below it', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await call(w.keys.staffA, 'GET', `/referrals/stats?officeId=${w.officeAId}&from=${today}&to=${today}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { officeId: string }) => i.officeId).sort()).toEqual([w.officeAId, w.officeA1Id].sort());
    const [dbCounts] = await sql()`select
      (select count(*)::int from referrals where office_id = ${w.officeAId}) as referrals,
      (select count(*)::int from referrals where office_id = ${w.officeAId} and outcome = 'hired') as hired,
      (select count(*)::int from placements where office_id = ${w.officeAId} and contract_start = ${today}) as placements`;
    const a = body.items.find((i: { officeId: string }) => i.officeId === w.officeAId);
    expect(a).toMatchObject(dbCounts!);
    expect(a.referrals).toBeGreaterThan(0);
    const later = (await call(w.keys.staffA, 'GET', `/referrals/stats?officeId=${w.officeAId}&from=2099-01-01&to=2099-01-31`)).json();
    expect(later.totals).toEqual({ referrals: 0, hired: 0, placements: 0 });
    const placementsInDec = (await call(w.keys.admin, 'GET', '/referrals/stats?from=2026-12-01&to=2026-12-31')).json();
    const [p] = await sql()`select count(*)::int as n from placements where contract_start between '2026-12-01' and '2026-12-31'`;
    expect(placementsInDec.totals.placements).toBe(p!.n);
    expect((await call(w.keys.staffA, 'GET', '/referrals/stats?from=2026-02-01&to=2026-01-01')).statusCode).toBe(422);
  });

  it('lists referrals by seeker with ids only', async () => {
    const seekerId = await register({ name: '周杰' });
    const id = await refer(seekerId);
    const res = await call(w.keys.staffB, 'GET', `/referrals?seekerId=${seekerId}`);
    expect(res.json()).toMatchObject({ total: 1, items: [{ id, seekerId }] });
    expect(res.body).not.toContain('周杰');
    expect((await call(w.keys.staffB, 'GET', `/referrals/${id}`)).json().id).toBe(id);
  });
});
