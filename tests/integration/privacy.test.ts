import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';
import { makeNationalId, seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { recomputeSeeker, recomputeVacancy } from '../../src/modules/matching/matching.service.js';
import { runSavedSearchAlerts } from '../../src/modules/saved-searches/saved-searches.service.js';
import { createLogNotifier } from '../../src/lib/notifier.js';
import { applyRetention } from '../../src/modules/privacy/privacy.service.js';
import { generaliseBirthDate } from '../../src/modules/privacy/birth-date.js';
import { ageBand } from '../../src/lib/masking.js';

let ctx: TestContext;
let w: PeopleWorld;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
  await ctx.startWorkers();
});
afterAll(() => ctx.close());

const sql = () => ctx.resources.database.sql;
const call = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: bearer(key) });

async function weldingVacancy(): Promise<string> {
  const [v] = await ctx.resources.database.db
    .insert(vacancies)
    .values({
      employerId: w.employer1Id, officeId: w.officeAId, title: '电焊工', status: 'published', publishedAt: new Date(),
      occupationSystem: 'isco', occupationCode: '7212', iscoUnit: '7212', skills: ['电焊', '气割', '识图'],
      wageMin: 5500, wageMax: 6500, wageMonthlyMin: 5500, wageMonthlyMax: 6500, districtCode: w.districtA, lat: 23.125, lon: 113.361,
    })
    .returning({ id: vacancies.id });
  return v!.id;
}

async function register(over: Record<string, unknown> = {}): Promise<string> {
  const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({
    skills: ['电焊', '气割', '识图'], desiredOccupations: [{ system: 'isco', code: '7212' }], desiredWageMin: 5000, profileText: '电焊工，八年经验',
    consentSearchable: true, consentContactViaReferral: true, lat: 23.13, lon: 113.36, ...over,
  }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('consent as records', () => {
  it('registration answers become records with purpose, time, notice version and who recorded them; changes add to the history', async () => {
    const id = await register({ consentChannel: 'person_kiosk', noticeVersion: '2026-12' });
    let res = await call(w.keys.staffA, 'GET', `/seekers/${id}/consents`);
    expect(res.statusCode).toBe(200);
    expect(res.json().current).toEqual({ recruiter_search: true, contact_release: true, sensitive_categories: false, automated_matching: true });
    expect(res.json().history).toHaveLength(3);
    expect(res.json().history[0]).toMatchObject({ noticeVersion: '2026-12', channel: 'person_kiosk', actorName: 'test staff', granted: true });

    res = await call(w.keys.staffA, 'POST', `/seekers/${id}/consents`, { purpose: 'recruiter_search', granted: false, channel: 'staff_counter' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().current.recruiter_search).toBe(false);
    expect(res.json().history).toHaveLength(4);
    expect(res.json().history[0]).toMatchObject({ purpose: 'recruiter_search', granted: false, channel: 'staff_counter' });
    // The profile PATCH path records consent too.
    await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { consentSearchable: true, consentChannel: 'person_online' });
    const hist = (await call(w.keys.staffA, 'GET', `/seekers/${id}/consents`)).json().history;
    expect(hist).toHaveLength(5);
    expect(hist[0]).toMatchObject({ purpose: 'recruiter_search', granted: true, channel: 'person_online' });
    const audit = await sql()`select action, actor_name from audit_log where subject_id = ${id} and action like 'consent.%' order by seq`;
    expect(audit.map((a) => a.action)).toEqual(['consent.grant', 'consent.grant', 'consent.grant', 'consent.withdraw', 'consent.grant']);
  });

  it('rejects an unknown purpose or channel naming the field', async () => {
    const id = await register();
    const res = await call(w.keys.staffA, 'POST', `/seekers/${id}/consents`, { purpose: 'marketing', granted: true, channel: 'staff_counter' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toMatch(/purpose/);
  });
});

describe('sensitive categories', () => {
  it('are refused without their own consent on a job-seeking registration, stored with it, and removed when it is withdrawn', async () => {
    let res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ registrationKind: 'job_seeking', priorityGroups: ['disabled'] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.priorityGroups');
    const [{ n }] = await sql()`select count(*)::int as n from seekers where name = '张伟' and registration_kind = 'job_seeking'`;
    expect(n).toBe(0);

    const id = await register({ registrationKind: 'job_seeking', priorityGroups: ['disabled', 'minimum_living_allowance'], priorityDocuments: ['disability_certificate', 'minimum_living_allowance_certificate'], consentSensitive: true });
    let detail = (await call(w.keys.staffA, 'GET', `/seekers/${id}?reason=check`)).json();
    expect(detail).toMatchObject({ priorityGroups: ['disabled', 'minimum_living_allowance'], consentSensitive: true, sensitiveBasis: 'consent' });

    res = await call(w.keys.staffA, 'POST', `/seekers/${id}/consents`, { purpose: 'sensitive_categories', granted: false, channel: 'person_kiosk' });
    expect(res.statusCode).toBe(201);
    detail = (await call(w.keys.staffA, 'GET', `/seekers/${id}?reason=check`)).json();
    expect(detail).toMatchObject({ priorityGroups: [], consentSensitive: false, sensitiveBasis: null });
  });

  it('are held under the public-service basis for an unemployment registration (就业困难人员认定), and that basis is recorded', async () => {
    const id = await register({ registrationKind: 'unemployment', priorityGroups: ['long_term_unemployed'], unemployedSince: '2024-01-01' });
    const detail = (await call(w.keys.staffA, 'GET', `/seekers/${id}?reason=check`)).json();
    expect(detail).toMatchObject({ priorityGroups: ['long_term_unemployed'], sensitiveBasis: 'public_service' });
    const res = await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { registrationKind: 'job_seeking' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details[0].field).toBe('body.priorityGroups');
  });
});

describe('withdrawal takes effect everywhere within 5 s', () => {
  it('search, candidate lists, delivered alerts, matches and contact release all drop the person', async () => {
    const vacancyId = await weldingVacancy();
    const saved = await call(w.keys.employer1, 'POST', '/saved-searches', { name: '焊工', kind: 'seekers', query: { q: '电焊' } });
    expect(saved.statusCode, saved.body).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    const id = await register({ name: '周焊工' });
    const other = await register({ name: '吴焊工', nationalId: makeNationalId({ birth: '1990-01-01' }) });
    // Everything the person is in before: index, matches, an alert, a referral with contact released.
    await eventually(async () => (await call(w.keys.employer1, 'GET', '/seekers/search?q=电焊')).json().items?.some((i: { id: string }) => i.id === id));
    await recomputeVacancy(sql(), vacancyId, { force: true });
    await recomputeSeeker(sql(), id, { force: true });
    const cands = async () => (await call(w.keys.employer1, 'GET', `/vacancies/${vacancyId}/candidates`)).json().items.map((i: { seekerId: string }) => i.seekerId) as string[];
    expect(await cands()).toContain(id);
    const notifier = createLogNotifier(pino({ level: 'silent' }));
    await runSavedSearchAlerts({ db: ctx.resources.database.db, search: ctx.resources.search, notifier, logger: pino({ level: 'silent' }) });
    const alerts = async () => (await call(w.keys.employer1, 'GET', `/saved-searches/${saved.json().id}/alerts`)).json().items.map((a: { itemId: string }) => a.itemId) as string[];
    expect(await alerts()).toContain(id);
    const ref = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: id, vacancyId });
    expect(ref.statusCode, ref.body).toBe(201);
    const contact = async () => (await call(w.keys.employer1, 'GET', '/employer/referrals')).json().items.find((r: { seekerId?: string; id: string }) => r.id === ref.json().id);
    expect(JSON.stringify(await contact())).toContain('周焊工');
    expect((await sql()`select count(*)::int as n from matches where seeker_id = ${id}`)[0]!.n).toBeGreaterThan(0);

    const started = Date.now();
    for (const purpose of ['recruiter_search', 'contact_release', 'automated_matching']) {
      const res = await call(w.keys.staffA, 'POST', `/seekers/${id}/consents`, { purpose, granted: false, channel: 'person_kiosk' });
      expect(res.statusCode).toBe(201);
    }
    await eventually(async () => {
      const found = (await call(w.keys.employer1, 'GET', '/seekers/search?q=电焊')).json().items.some((i: { id: string }) => i.id === id);
      const listed = (await cands()).includes(id);
      const alerted = (await alerts()).includes(id);
      const [{ n: m }] = await sql()`select count(*)::int as n from matches where seeker_id = ${id}`;
      const [{ n: a }] = await sql()`select count(*)::int as n from search_alerts where item_id = ${id}`;
      const released = JSON.stringify(await contact()).includes('周焊工');
      return !found && !listed && !alerted && m === 0 && a === 0 && !released;
    }, 5_000);
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(5_000);
    console.log(`withdrawal reached search, candidate lists, alerts, matches and contact release in ${ms} ms`);
    // The other person is untouched.
    expect(await alerts()).toContain(other);
  });
});

describe('automated matching opt-out (PIPL art. 24)', () => {
  it('an opted-out person is not ranked for any vacancy, has no suggestions, and staff still find them in search', async () => {
    const vacancyId = await weldingVacancy();
    const id = await register({ name: '郑师傅', consentAutomatedMatching: false });
    await recomputeSeeker(sql(), id, { force: true });
    await recomputeVacancy(sql(), vacancyId, { force: true });
    const staffList = (await call(w.keys.staffA, 'GET', `/vacancies/${vacancyId}/candidates`)).json().items.map((i: { seekerId: string }) => i.seekerId);
    expect(staffList).not.toContain(id);
    expect((await call(w.keys.staffA, 'GET', `/seekers/${id}/matches`)).json().items).toEqual([]);
    await eventually(async () => (await call(w.keys.staffA, 'GET', '/seekers/search?q=电焊')).json().items?.some((i: { id: string }) => i.id === id));
    // Opting back in ranks the person again; the reasons are visible.
    await call(w.keys.staffA, 'POST', `/seekers/${id}/consents`, { purpose: 'automated_matching', granted: true, channel: 'person_kiosk' });
    await recomputeSeeker(sql(), id, { force: true });
    const items = (await call(w.keys.staffA, 'GET', `/seekers/${id}/matches`)).json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0].reasons.length).toBeGreaterThan(0);
  });
});

describe('erasure', () => {
  it('removes identifying data, keeps statistics facts, leaves every index, is audited, and running it again changes nothing', async () => {
    const id = await register({ name: '冯小姐', nationalId: makeNationalId({ birth: '1988-05-17', sex: 'female' }), phone: '13712345678', address: '天河路1号', priorityGroups: ['long_term_unemployed'], unemployedSince: '2024-01-01' });
    await eventually(async () => (await call(w.keys.staffA, 'GET', '/seekers/search?q=电焊')).json().items?.some((i: { id: string }) => i.id === id));
    const before = (await sql()`select * from seekers where id = ${id}`)[0]!;
    let res = await call(w.keys.staffA, 'POST', `/seekers/${id}/erasure`, { reason: '本人申请删除' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().alreadyAnonymised).toBe(false);
    const after = (await sql()`select * from seekers where id = ${id}`)[0]!;
    expect(after).toMatchObject({ name: '（已匿名）', phone: null, national_id_last4: '', address: null, profile_text: '', ethnicity: null, lat: null, lon: null, skills: [] });
    expect(after.national_id_hash).not.toBe(before.national_id_hash);
    expect(String(after.birth_date)).not.toBe(String(before.birth_date));
    expect(ageBand(String(after.birth_date).slice(0, 10))).toBe(ageBand(String(before.birth_date).slice(0, 10)));
    expect(after).toMatchObject({ district_code: before.district_code, education: before.education, sex: before.sex, priority_groups: before.priority_groups, status: 'inactive' });
    await eventually(async () => !(await call(w.keys.staffA, 'GET', '/seekers/search?q=电焊')).json().items.some((i: { id: string }) => i.id === id), 5_000);
    const audits = await sql()`select action from audit_log where subject_id = ${id} and action = 'seeker.anonymise'`;
    expect(audits).toHaveLength(1);

    const seqBefore = (await sql()`select max(seq)::int as s from audit_log`)[0]!.s;
    res = await call(w.keys.staffA, 'POST', `/seekers/${id}/erasure`, { reason: '再次申请' });
    expect(res.json().alreadyAnonymised).toBe(true);
    expect((await sql()`select * from seekers where id = ${id}`)[0]).toEqual(after);
    expect((await sql()`select max(seq)::int as s from audit_log`)[0]!.s).toBe(seqBefore);
    // The record is closed to further edits.
    expect((await call(w.keys.staffA, 'PATCH', `/seekers/${id}`, { name: '恢复' })).statusCode).toBe(409);
  });

  it('the generalised birth date gives the same weekly age band as the real one over the whole period', () => {
    const sundays = (from: Date, to: Date) => {
      const out: Date[] = [];
      for (let t = from.getTime(); t <= to.getTime(); t += 86_400_000) if (new Date(t).getUTCDay() === 0) out.push(new Date(t));
      return out;
    };
    const cases: [string, string, string][] = [['1988-05-17', '2024-01-03', '2026-11-30'], ['2000-06-10', '2024-02-01', '2026-11-30'], ['1981-12-30', '2025-06-01', '2026-11-30'], ['1992-02-29', '2016-01-01', '2026-11-30']];
    for (const [birth, reg, now] of cases) {
      const g = generaliseBirthDate(birth, new Date(reg), new Date(now));
      for (const d of sundays(new Date(reg), new Date(now))) expect([birth, g, d.toISOString().slice(0, 10), ageBand(g, d)]).toEqual([birth, g, d.toISOString().slice(0, 10), ageBand(birth, d)]);
    }
  });
});

describe('retention', () => {
  it('anonymises seekers with no change for 24 months, keeps audit at least 6 months, reports what it did, and a second run does nothing', async () => {
    const old = await register({ name: '旧记录', nationalId: makeNationalId({ birth: '1975-03-03' }) });
    const recent = await register({ name: '新记录', nationalId: makeNationalId({ birth: '1976-03-03' }) });
    await sql()`update seekers set updated_at = now() - interval '25 months', status = 'inactive' where id = ${old}`;
    const first = await applyRetention(ctx.resources.database.db, { seekerInactiveMonths: 24, auditMonths: 6 });
    expect(first.anonymisedSeekers).toBeGreaterThanOrEqual(1);
    expect(first.sampleSeekerIds).toContain(old);
    const rows = await sql()`select id, anonymised_at from seekers where id in (${old}, ${recent})`;
    expect(rows.find((r) => r.id === old)!.anonymised_at).not.toBeNull();
    expect(rows.find((r) => r.id === recent)!.anonymised_at).toBeNull();
    const second = await applyRetention(ctx.resources.database.db, { seekerInactiveMonths: 24, auditMonths: 6 });
    expect(second.anonymisedSeekers).toBe(0);
    const runs = (await call(w.keys.admin, 'GET', '/admin/retention-runs')).json().items;
    expect(runs[0]).toMatchObject({ anonymisedSeekers: 0, rules: { seekerInactiveMonths: 24, auditMonths: 6, closedVacancies: 'kept' } });
    expect(runs[1].anonymisedSeekers).toBe(first.anonymisedSeekers);
    // The scheduled job exists and the queue runs it.
    const { SCHEDULES } = await import('../../workers/schedules.js');
    expect(SCHEDULES.find((s) => s.name === 'privacy.apply-retention')).toBeTruthy();
    expect((await call(w.keys.admin, 'POST', '/admin/retention/run')).statusCode).toBe(202);
    await eventually(async () => (await call(w.keys.admin, 'GET', '/admin/retention-runs')).json().items.length === 3, 10_000);
  });
});

describe('a person’s copy of their data', () => {
  it('staff produce it as JSON and as a printable zh page, with consent and processing history; both are audited', async () => {
    const id = await register({ name: '韩先生' });
    await call(w.keys.staffA, 'GET', `/seekers/${id}?reason=counselling`);
    let res = await call(w.keys.staffA, 'GET', `/seekers/${id}/export?reason=本人申请副本`);
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json();
    expect(data.seeker).toMatchObject({ id, name: '韩先生', phone: '13800138000' });
    expect(data.consents.history.length).toBe(3);
    expect(data.processingHistory.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['write.insert', 'consent.grant', 'read_personal_data', 'export_personal_data']));
    res = await call(w.keys.staffA, 'GET', `/seekers/${id}/export.html?reason=打印副本`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('个人信息副本');
    expect(res.body).toContain('韩先生');
    expect(res.body).toContain('北京时间');
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const audits = await sql()`select reason from audit_log where subject_id = ${id} and action = 'export_personal_data' order by seq`;
    expect(audits.map((a) => a.reason)).toEqual(['本人申请副本', '打印副本']);
    expect((await call(w.keys.employer1, 'GET', `/seekers/${id}/export?reason=x1`)).statusCode).toBe(403);
  });
});
