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
const call = (key: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { ...(key ? bearer(key) : {}), ...headers } });

async function register(overrides: Record<string, unknown> = {}, key = w.keys.staffA) {
  const res = await call(key, 'POST', '/seekers', seekerBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const outboxFor = async (seekerId: string) =>
  sql()`select job_name, payload from outbox where job_name = 'search.sync-seeker' and payload->>'seekerId' = ${seekerId}`;
// Reads only: writes are audited too since issue 21 (tests/integration/audit-chain.test.ts).
const auditFor = async (seekerId: string) => sql()`select * from audit_log where subject_id = ${seekerId} and action = 'read_personal_data' order by id`;

describe('registering a job seeker', () => {
  it('stores the national ID only as a keyed hash and last 4, takes birth date and sex from it, and answers masked', async () => {
    const nationalId = makeNationalId({ birth: '1978-03-09', sex: 'female' });
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId, name: '欧阳娜娜' }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ maskedName: '欧阳**', ageBand: '45-54', officeId: w.officeAId, status: 'active', version: 1 });
    for (const secret of [nationalId, '欧阳娜娜', '13800138000', '1978-03-09', '天河路', '汉族']) expect(res.body).not.toContain(secret);

    const [row] = await sql()`select * from seekers where id = ${body.id}`;
    expect(row!.national_id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(nationalId);
    expect(row!.national_id_last4).toBe(nationalId.slice(-4));
    expect(row!.birth_date).toBe('1978-03-09');
    expect(row!.sex).toBe('female');
    expect(row!.office_id).toBe(w.officeAId);
  });

  it('writes a search.sync-seeker outbox row in the same transaction', async () => {
    const { id } = await register();
    const rows = await outboxFor(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({ seekerId: id });
  });

  it('when the national ID check character is wrong, returns 422 naming body.nationalId (in Chinese on request) and stores nothing', async () => {
    const good = makeNationalId();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await sql()`select count(*)::int as n from seekers`;
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: bad }), { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('INVALID_FIELD');
    expect(body.details).toEqual([{ field: 'body.nationalId', message: expect.stringMatching(/check character/) }]);
    expect(body.message).toContain('校验码');
    expect((await sql()`select count(*)::int as n from seekers`)[0]!.n).toBe(before[0]!.n);
  });

  it('when the national ID is malformed, says why in English by default', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: '4401061985' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toMatch(/body\.nationalId: must be 17 digits/);
  });

  it('when the birth date disagrees with the national ID, returns 422 naming body.birthDate', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ birth: '1990-01-02' }), birthDate: '1990-01-03' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.birthDate');
  });

  it('when the sex disagrees with the national ID, returns 422 naming body.sex', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ sex: 'male' }), sex: 'female' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.sex');
  });

  it('accepts a birth date and sex that agree with the national ID', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ birth: '1990-01-02', sex: 'female' }), birthDate: '1990-01-02', sex: 'female' }));
    expect(res.statusCode).toBe(201);
  });

  it('when the person is under 16, refuses the registration', async () => {
    const birth = `${new Date().getUTCFullYear() - 15}-01-01`;
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ birth }) }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.nationalId');
  });

  it('when the same national ID is registered again (any case or spacing), returns 409 DUPLICATE_SEEKER, with the existing id only within the office scope', async () => {
    const nationalId = makeNationalId();
    const first = await register({ nationalId });
    const again = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: ` ${nationalId.toLowerCase()} `, name: '另一个名字' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DUPLICATE_SEEKER', details: { seekerId: first.id } });
    const elsewhere = await call(w.keys.staffB, 'POST', '/seekers', seekerBody({ nationalId, name: '另一个名字' }));
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().code).toBe('DUPLICATE_SEEKER');
    expect(elsewhere.body).not.toContain(first.id);
    const hashRows = await sql()`select count(*)::int as n from seekers where national_id_last4 = ${nationalId.slice(-4)} and name = '另一个名字'`;
    expect(hashRows[0]!.n).toBe(0);
  });

  it('when a consent answer is missing, returns 400 naming it (consent is never assumed)', async () => {
    const { consentContactViaReferral: _omit, ...body } = seekerBody();
    const res = await call(w.keys.staffA, 'POST', '/seekers', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.consentContactViaReferral');
  });

  it('when the unemployment start date is in the future, returns 422 naming body.unemployedSince', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ unemployedSince: '2099-01-01' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.unemployedSince');
  });

  it('when the same national ID is registered twice at once, exactly one wins and the other gets 409', async () => {
    const nationalId = makeNationalId();
    const results = await Promise.all([0, 1, 2].map(() => call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId }))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const winner = results.find((r) => r.statusCode === 201)!.json().id;
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().details).toEqual({ seekerId: winner });
    expect(await sql()`select id from seekers where national_id_last4 = ${nationalId.slice(-4)} and birth_date = '1985-06-15' and id = ${winner}`).toHaveLength(1);
  });

  it('when the phone number is invalid, returns 422 naming body.phone', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ phone: '12345' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.phone');
  });

  it('stores a phone number without separators or +86', async () => {
    const { id } = await register({ phone: '+86 139-0013-9000' });
    expect((await sql()`select phone from seekers where id = ${id}`)[0]!.phone).toBe('13900139000');
  });

  it('when a priority group is unknown, returns 400 naming the field', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ priorityGroups: ['rich'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toMatch(/^body\.priorityGroups/);
  });

  it('when the district code is unknown, returns 422 naming body.districtCode', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ districtCode: '999999' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.districtCode');
  });

  it('when an admin key (no office) omits officeId, returns 422 naming body.officeId', async () => {
    const res = await call(w.keys.admin, 'POST', '/seekers', seekerBody());
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.officeId');
  });

  it('staff may register for an office below their own but not for a sibling office', async () => {
    expect((await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ officeId: w.officeA1Id }))).statusCode).toBe(201);
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ officeId: w.officeBId }));
    expect(res.statusCode).toBe(403);
  });
});

describe('updating a job seeker', () => {
  it('updates, bumps the version and writes an outbox row each time', async () => {
    const { id } = await register();
    const res = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { education: 'bachelor', skills: ['焊工'], version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ education: 'bachelor', skills: ['焊工'], version: 2 });
    const [row] = await sql()`select education, version from seekers where id = ${id}`;
    expect(row).toEqual({ education: 'bachelor', version: 2 });
    expect(await outboxFor(id)).toHaveLength(2);
  });

  it('when the version is stale, returns 409 VERSION_CONFLICT and changes nothing', async () => {
    const { id } = await register();
    await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { experienceYears: 6 });
    const res = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { experienceYears: 9, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    expect((await sql()`select experience_years, version from seekers where id = ${id}`)[0]).toEqual({ experience_years: 6, version: 2 });
  });

  it('refuses a birth date change without a corrected national ID, and accepts it with one', async () => {
    const { id } = await register({ nationalId: makeNationalId({ birth: '1980-01-01' }) });
    const refused = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { birthDate: '1981-01-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details[0].field).toBe('body.birthDate');
    const corrected = makeNationalId({ birth: '1981-01-01' });
    const ok = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { nationalId: corrected, birthDate: '1981-01-01' });
    expect(ok.statusCode).toBe(200);
    expect((await sql()`select birth_date, national_id_last4 from seekers where id = ${id}`)[0]).toEqual({ birth_date: '1981-01-01', national_id_last4: corrected.slice(-4) });
  });

  it("when a corrected national ID is someone else's, returns 409 and nothing is half-written", async () => {
    const taken = makeNationalId();
    const other = await register({ nationalId: taken });
    const { id } = await register();
    const res = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { nationalId: taken, education: 'master' });
    expect(res.statusCode).toBe(409);
    expect(res.json().details).toEqual({ seekerId: other.id });
    expect((await sql()`select education, version from seekers where id = ${id}`)[0]).toEqual({ education: 'vocational', version: 1 });
    expect(await outboxFor(id)).toHaveLength(1);
  });

  it('when the seeker does not exist, returns 404', async () => {
    const res = await call(w.keys.staffA, 'PATCH', '/seekers/00000000-0000-4000-8000-000000000000', { education: 'none' });
    expect(res.statusCode).toBe(404);
  });
});

describe('office scope', () => {
  it('staff of district B cannot update a district A seeker (403, unchanged, no outbox row) but can read it', async () => {
    const { id } = await register();
    const res = await call(w.keys.staffB, 'PATCH', `/seekers/${id}`, { education: 'none' });
    expect(res.statusCode).toBe(403);
    expect((await sql()`select education, version from seekers where id = ${id}`)[0]).toEqual({ education: 'vocational', version: 1 });
    expect(await outboxFor(id)).toHaveLength(1);
    expect((await call(w.keys.staffB, 'POST', `/seekers/${id}/status`, { status: 'inactive' })).statusCode).toBe(403);
    const read = await call(w.keys.staffB, 'GET', `/seekers/${id}?reason=counselling`);
    expect(read.statusCode).toBe(200);
    expect(read.json().name).toBe('张伟');
  });

  it('staff of the city office can update a seeker of a district below it', async () => {
    const { id } = await register();
    expect((await call(w.keys.staffCity, 'PATCH', `/seekers/${id}`, { education: 'associate' })).statusCode).toBe(200);
  });

  it('moving a seeker to another office needs write rights for both', async () => {
    const { id } = await register();
    expect((await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { officeId: w.officeBId })).statusCode).toBe(403);
    expect((await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { officeId: w.officeA1Id })).statusCode).toBe(200);
    expect((await sql()`select office_id from seekers where id = ${id}`)[0]!.office_id).toBe(w.officeA1Id);
  });
});

describe('status changes', () => {
  it('moves active → inactive → active, bumping the version and writing outbox rows; the same status again changes nothing', async () => {
    const { id } = await register();
    const off = await call(w.keys.staffA, 'POST', `/seekers/${id}/status`, { status: 'inactive' });
    expect(off.json()).toMatchObject({ status: 'inactive', version: 2 });
    const again = await call(w.keys.staffA, 'POST', `/seekers/${id}/status`, { status: 'inactive' });
    expect(again.json()).toMatchObject({ status: 'inactive', version: 2 });
    const on = await call(w.keys.staffA, 'POST', `/seekers/${id}/status`, { status: 'active', version: 2 });
    expect(on.json()).toMatchObject({ status: 'active', version: 3 });
    expect((await sql()`select status, version from seekers where id = ${id}`)[0]).toEqual({ status: 'active', version: 3 });
    expect(await outboxFor(id)).toHaveLength(3);
  });

  it('when the status is unknown, returns 400 naming body.status', async () => {
    const { id } = await register();
    const res = await call(w.keys.staffA, 'POST', `/seekers/${id}/status`, { status: 'retired' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.status');
  });
});

describe('reading personal data', () => {
  it('returns the personal data and writes one audit row with who, what and why', async () => {
    const nationalId = makeNationalId({ birth: '1970-02-03', sex: 'male' });
    const { id } = await register({ nationalId, priorityGroups: ['age_4050'] });
    const res = await call(w.keys.staffA, 'GET', `/seekers/${id}?reason=referral`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, name: '张伟', phone: '13800138000', birthDate: '1970-02-03', sex: 'male', nationalIdLast4: nationalId.slice(-4), priorityGroups: ['age_4050'] });
    expect(res.body).not.toContain(nationalId);
    const audit = await auditFor(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'test staff', actor_role: 'staff', action: 'read_personal_data', subject_type: 'seeker', reason: 'referral', request_id: res.headers['x-request-id'] });
    expect(audit[0]!.fields).toEqual(expect.arrayContaining(['name', 'phone', 'birthDate', 'address', 'ethnicity', 'priorityGroups']));
  });

  it('writes a row for every read', async () => {
    const { id } = await register();
    await call(w.keys.staffA, 'GET', `/seekers/${id}?reason=referral`);
    await call(w.keys.admin, 'GET', `/seekers/${id}?reason=counselling`);
    const audit = await auditFor(id);
    expect(audit.map((a) => [a.actor_role, a.reason])).toEqual([['staff', 'referral'], ['admin', 'counselling']]);
  });

  it('when no reason is given, returns 400 naming query.reason and writes no audit row', async () => {
    const { id } = await register();
    for (const url of [`/seekers/${id}`, `/seekers/${id}?reason=`, `/seekers/${id}?reason=%20%20%20`]) {
      const res = await call(w.keys.staffA, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().details[0].field).toMatch(/^query(string)?\.reason$/);
    }
    expect(await auditFor(id)).toHaveLength(0);
  });

  it('when the seeker does not exist, returns 404 and writes no audit row', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    expect((await call(w.keys.staffA, 'GET', `/seekers/${missing}?reason=referral`)).statusCode).toBe(404);
    expect(await auditFor(missing)).toHaveLength(0);
  });
});

describe('the masked list', () => {
  it('shows masked rows only, filters by status, district, education and priority group; a priority-group list stays in the office scope and is audited', async () => {
    const nationalId = makeNationalId({ birth: '1972-05-05' });
    const target = await register({ nationalId, name: '李四', districtCode: w.districtB, education: 'senior_secondary', priorityGroups: ['disabled'], priorityDocuments: ['disability_certificate'], phone: '13711112222', address: '越秀区中山路1号', ethnicity: '壮族' });
    const auditBefore = (await sql()`select count(*)::int as n from audit_log`)[0]!.n;
    const query = `/seekers?districtCode=${w.districtB}&education=senior_secondary&priorityGroup=disabled&status=active`;
    expect((await call(w.keys.staffB, 'GET', query)).json().total).toBe(0);
    const res = await call(w.keys.staffA, 'GET', query);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: target.id, maskedName: '李**', ageBand: '45-54' });
    for (const secret of ['李四', '13711112222', '越秀区中山路', '壮族', '1972-05-05', nationalId, nationalId.slice(-4), 'disabled']) {
      expect(res.body).not.toContain(secret);
    }
    for (const key of ['name', 'phone', 'address', 'birthDate', 'ethnicity', 'priorityGroups', 'nationalIdLast4', 'sex']) {
      expect(body.items[0]).not.toHaveProperty(key);
    }
    expect((await sql()`select count(*)::int as n from audit_log where action = 'list_by_sensitive_attribute'`)[0]!.n).toBe(2);
    expect((await sql()`select count(*)::int as n from audit_log`)[0]!.n).toBe(auditBefore + 2);
    const plain = await call(w.keys.staffA, 'GET', `/seekers?districtCode=${w.districtB}`);
    expect(plain.statusCode).toBe(200);
    expect((await sql()`select count(*)::int as n from audit_log`)[0]!.n).toBe(auditBefore + 2);
  });

  it('paginates newest first by registration time, and oldest first on request', async () => {
    const page1 = (await call(w.keys.staffA, 'GET', '/seekers?pageSize=2')).json();
    const page2 = (await call(w.keys.staffA, 'GET', '/seekers?pageSize=2&page=2')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(3);
    expect(page1.items[0].registeredAt >= page1.items[1].registeredAt).toBe(true);
    expect(page1.items[1].registeredAt >= page2.items[0].registeredAt).toBe(true);
    const asc = (await call(w.keys.staffA, 'GET', '/seekers?pageSize=2&order=asc')).json();
    expect(asc.items[0].registeredAt <= asc.items[1].registeredAt).toBe(true);
  });

  it('when pageSize is above the limit, returns 400 naming query.pageSize', async () => {
    const res = await call(w.keys.staffA, 'GET', '/seekers?pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toMatch(/^query(string)?\.pageSize$/);
  });
});
