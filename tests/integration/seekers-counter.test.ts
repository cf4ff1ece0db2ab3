import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { makeNationalId, seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';
import { occupations } from '../../src/modules/occupations/occupations.table.js';

/** Issue 19, the counter: lookup, record, registration fields and priority-group eligibility. */
let ctx: TestContext;
let w: PeopleWorld;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
  await ctx.resources.database.db.insert(occupations).values({ system: 'cn2022', code: '6-31-01-03', labelZh: '电工', level: 4 }).onConflictDoNothing();
});
afterAll(() => ctx?.close());

const sql = () => ctx.resources.database.sql;
const call = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { ...bearer(key), ...headers } });

/** A date `months` months before today (UTC calendar), as YYYY-MM-DD. */
function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}
const yearsAgo = (years: number) => `${new Date().getUTCFullYear() - years}-01-15`;

async function register(overrides: Record<string, unknown> = {}, key = w.keys.staffA) {
  const res = await call(key, 'POST', '/seekers', seekerBody(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

describe('priority-group eligibility on registration and edit', () => {
  it('a 25-year-old is refused as 4050 with 422 PRIORITY_GROUP_NOT_ELIGIBLE naming body.priorityGroups[0], in Chinese on request, and nothing is stored', async () => {
    const nationalId = makeNationalId({ birth: yearsAgo(25), sex: 'male' });
    const before = await sql()`select count(*)::int as n from seekers`;
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId, priorityGroups: ['age_4050'] }), { 'accept-language': 'zh-CN' });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe('PRIORITY_GROUP_NOT_ELIGIBLE');
    expect(body.message).toContain('4050');
    expect(body.message).toMatch(/周岁/);
    expect(body.details).toEqual([expect.objectContaining({ field: 'body.priorityGroups[0]', message: expect.stringContaining('50') })]);
    expect(body.details[0].zh).toContain('50');
    const after = await sql()`select count(*)::int as n from seekers`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('a woman of 45 is accepted as 4050; a man of 45 is not; the index names the refused group', async () => {
    await register({ nationalId: makeNationalId({ birth: yearsAgo(45), sex: 'female' }), priorityGroups: ['age_4050'] });
    const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ birth: yearsAgo(45), sex: 'male' }), priorityGroups: ['graduate_unemployed', 'age_4050'], priorityDocuments: ['graduation_certificate'] }));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.map((d: { field: string }) => d.field)).toEqual(['body.priorityGroups[1]']);
  });

  it('disability and 低保 need the certificate seen; long-term unemployed needs 12 months since unemployedSince', async () => {
    let res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ priorityGroups: ['disabled', 'minimum_living_allowance'] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details.map((d: { field: string }) => d.field)).toEqual(['body.priorityGroups[0]', 'body.priorityGroups[1]']);
    await register({ priorityGroups: ['disabled', 'minimum_living_allowance'], priorityDocuments: ['disability_certificate', 'minimum_living_allowance_certificate'], consentSensitive: true });

    res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ priorityGroups: ['long_term_unemployed'], unemployedSince: monthsAgo(3) }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].message).toMatch(/fewer than 12/);
    await register({ priorityGroups: ['long_term_unemployed'], unemployedSince: monthsAgo(14) });
  });

  it('PATCH adding 4050 to a 30-year-old is refused; removing the certificate a group rests on is refused', async () => {
    const young = await register({ nationalId: makeNationalId({ birth: yearsAgo(30), sex: 'female' }) });
    let res = await call(w.keys.staffA, 'PATCH', `/seekers/${young.id}`, { priorityGroups: ['age_4050'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('PRIORITY_GROUP_NOT_ELIGIBLE');

    const disabled = await register({ priorityGroups: ['disabled'], priorityDocuments: ['disability_certificate'], consentSensitive: true });
    res = await call(w.keys.staffA, 'PATCH', `/seekers/${disabled.id}`, { priorityDocuments: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.priorityGroups[0]');
    res = await call(w.keys.staffA, 'PATCH', `/seekers/${disabled.id}`, { priorityDocuments: [], priorityGroups: [] });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('POST /seekers/eligibility answers every group with reasons for the form, storing nothing', async () => {
    const res = await call(w.keys.staffA, 'POST', '/seekers/eligibility', { nationalId: makeNationalId({ birth: yearsAgo(25), sex: 'male' }), priorityDocuments: ['disability_certificate'] });
    expect(res.statusCode, res.body).toBe(200);
    const groups = res.json().groups as { value: string; eligible: boolean; reasons: { zh: string; en: string }[] }[];
    expect(groups.map((g) => g.value)).toContain('veteran');
    expect(groups.find((g) => g.value === 'age_4050')).toMatchObject({ eligible: false, reasons: [expect.objectContaining({ zh: expect.stringContaining('50') })] });
    expect(groups.find((g) => g.value === 'disabled')!.eligible).toBe(true);
    expect(groups.find((g) => g.value === 'long_term_unemployed')!.eligible).toBe(false);
    const none = await call(w.keys.staffA, 'POST', '/seekers/eligibility', { priorityGroups: ['age_4050'] });
    expect(none.json().groups[0]).toMatchObject({ value: 'age_4050', eligible: false });
    const bad = await call(w.keys.staffA, 'POST', '/seekers/eligibility', { nationalId: '12345' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].field).toBe('body.nationalId');
  });
});

describe('registration fields: desired occupation, available from, unemployed since', () => {
  it('are stored, returned, and editable; an unknown occupation code is a 422 naming the field', async () => {
    const { id } = await register({ desiredOccupation: '6-31-01-03', availableFrom: '2026-12-20', unemployedSince: monthsAgo(2) });
    const [row] = await sql()`select desired_occupation, available_from::text, unemployed_since::text from seekers where id = ${id}`;
    expect(row).toMatchObject({ desired_occupation: '6-31-01-03', available_from: '2026-12-20' });
    const list = await call(w.keys.staffA, 'GET', `/seekers?pageSize=100`);
    expect(list.json().items.find((s: { id: string }) => s.id === id)).toMatchObject({ desiredOccupation: '6-31-01-03', availableFrom: '2026-12-20' });
    const res = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { desiredOccupation: '9-99-99-99' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.desiredOccupation');
    const ok = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { availableFrom: null, desiredOccupation: null });
    expect(ok.json()).toMatchObject({ availableFrom: null, desiredOccupation: null });
  });
});

describe('GET /seekers/lookup', () => {
  let id: string;
  let nationalId: string;
  beforeAll(async () => {
    nationalId = makeNationalId({ birth: '1979-04-02', sex: 'female' });
    ({ id } = await register({ name: '司马小芳', nationalId, phone: '139 1234 5678' }, w.keys.staffA));
    await register({ name: '司马小', nationalId: makeNationalId() }, w.keys.staffA);
  });

  it('finds a person by full national ID, full phone (any spacing, +86), exact name and name prefix, masked numbers only', async () => {
    for (const q of [nationalId.toLowerCase(), '+86 139-1234-5678', '司马小芳']) {
      const res = await call(w.keys.staffA, 'GET', `/seekers/lookup?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items[0]).toMatchObject({ id, name: '司马小芳', maskedNationalId: `**************${nationalId.slice(-4)}`, maskedPhone: '139****5678', birthYear: 1979, officeId: w.officeAId, status: 'active', priorityGroups: [] });
      expect(res.body).not.toContain(nationalId);
      expect(res.body).not.toContain('13912345678');
    }
    const prefix = await call(w.keys.staffA, 'GET', `/seekers/lookup?q=${encodeURIComponent('司马小')}`);
    // The exact name first, then the prefix matches.
    expect(prefix.json().items.map((i: { name: string }) => i.name)).toEqual(['司马小', '司马小芳']);
    expect(prefix.json().items[0].officeName).toBe('天河区就业服务中心');
  });

  it('finds a Chinese name by its pinyin or pinyin initials', async () => {
    for (const q of ['simaxiaofang', 'SiMaXiao', 'smxf']) {
      const res = await call(w.keys.staffA, 'GET', `/seekers/lookup?q=${q}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((i: { id: string }) => i.id)).toContain(id);
    }
    const other = await call(w.keys.staffB, 'GET', `/seekers/lookup?q=smxf`);
    expect(other.json().items).toEqual([]);
  });

  it('a city office finds people of the offices below it; another district does not', async () => {
    const city = await call(w.keys.staffCity, 'GET', `/seekers/lookup?q=${encodeURIComponent('司马小芳')}`);
    expect(city.json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    const other = await call(w.keys.staffB, 'GET', `/seekers/lookup?q=${nationalId}`);
    expect(other.statusCode).toBe(200);
    expect(other.json().items).toEqual([]);
  });

  it('part of a number is refused (no enumeration by digits), and a bad ID check character names query.q', async () => {
    for (const q of ['1391234', nationalId.slice(0, 17) + (nationalId[17] === '1' ? '2' : '1')]) {
      const res = await call(w.keys.staffA, 'GET', `/seekers/lookup?q=${q}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().details[0].field).toBe('query.q');
    }
    const res = await call(w.keys.organiser, 'GET', `/seekers/lookup?q=x`);
    expect(res.statusCode).toBe(403);
  });

  it('is audited with the kind of key and the ids shown, never the text typed', async () => {
    await call(w.keys.staffA, 'GET', `/seekers/lookup?q=${nationalId}`);
    const [row] = await sql()`select * from audit_log where action = 'seeker.lookup' order by id desc limit 1`;
    expect(row!.details).toMatchObject({ key: 'national_id', shown: 1, seekerIds: [id] });
    expect(JSON.stringify(row)).not.toContain(nationalId);
    const rows = await sql()`select * from audit_log where action = 'seeker.lookup'`;
    for (const r of rows) expect(JSON.stringify(r)).not.toMatch(/司马|13912345678/);
  });
});

describe('GET /seekers/:id/record', () => {
  it('gives profile, consents, referrals with title and employer, placements, matches and history; the read is audited', async () => {
    const { id } = await register({ name: '钱多多' });
    const ref = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: id, vacancyId: w.vacancy1Id });
    expect(ref.statusCode, ref.body).toBe(201);
    const res = await call(w.keys.staffA, 'GET', `/seekers/${id}/record`);
    expect(res.statusCode, res.body).toBe(200);
    const rec = res.json();
    expect(rec.profile).toMatchObject({ id, name: '钱多多' });
    expect(rec.consents.current).toMatchObject({ recruiter_search: true });
    expect(rec.referrals).toEqual([expect.objectContaining({ vacancyId: w.vacancy1Id, vacancyTitle: '电工', employerName: '广州示例电器有限公司', status: 'pending' })]);
    expect(rec.placements).toEqual([]);
    expect(Array.isArray(rec.topMatches)).toBe(true);
    expect(rec.history.length).toBeGreaterThan(0);
    expect(rec.history[0]).toEqual({ at: expect.stringMatching(/T/), action: expect.any(String), actorName: expect.any(String) });
    const audit = await sql()`select reason from audit_log where action = 'read_personal_data' and subject_id = ${id}`;
    expect(audit.map((a) => a.reason)).toContain('record page (求职者档案)');
  });

  it('staff of another district get 403; an unknown id 404', async () => {
    const { id } = await register();
    expect((await call(w.keys.staffB, 'GET', `/seekers/${id}/record`)).statusCode).toBe(403);
    expect((await call(w.keys.staffA, 'GET', `/seekers/${crypto.randomUUID()}/record`)).statusCode).toBe(404);
  });
});
