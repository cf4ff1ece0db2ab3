import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueJob } from '../../src/modules/vacancies/vacancies.jobs.js';
import { firstAttempt, jobDeps, startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, WHO, type World } from '../helpers/records.js';

let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

type Headers = Record<string, string>;
// Each draft differs in its description, so publishing several is not a duplicate posting.
let draftSeq = 0;
const draft = (extra: Record<string, unknown> = {}) => ({
  employerId: w.employers.own,
  title: '数控车床操作工',
  description: `负责数控车床的操作与日常保养，两班倒，包吃住。（${++draftSeq}号机）`,
  requirements: '男女不限，有相关经验优先。',
  wageMin: 6000,
  wageMax: 8000,
  headcount: 5,
  districtCode: '440106',
  ...extra,
});

async function create(headers: Headers = w.as.staff, extra: Record<string, unknown> = {}) {
  const res = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers, payload: draft(extra) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; [k: string]: unknown };
}
const setStatus = (id: string, status: string, headers: Headers = w.as.staff, reason?: string) =>
  ctx.app.inject({ method: 'POST', url: `/vacancies/${id}/status`, headers, payload: { status, ...(reason ? { reason } : {}) } });
const review = (id: string, decision: string, reason?: string, headers: Headers = w.as.staff) =>
  ctx.app.inject({ method: 'POST', url: `/vacancies/${id}/review`, headers, payload: { decision, ...(reason !== undefined ? { reason } : {}) } });
const row = async (id: string) => (await sql()`select * from vacancies where id = ${id}`)[0]!;
const syncJobs = async (id: string) =>
  (await sql()`select count(*)::int as n from outbox where job_name = 'search.sync-vacancy' and payload->>'vacancyId' = ${id}`)[0]!.n as number;

describe('creating and editing vacancies', () => {
  it('an employer creates a draft for itself; derived fields, screening and a search-sync job are stored with it', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/vacancies',
      headers: w.as.employerOwn,
      payload: { title: '包装工', wageMin: 300, wageMax: 350, wageUnit: 'day', requirements: '男女不限' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({ employerId: w.employers.own, officeId: w.offices.tianhe, status: 'draft', version: 1, wageMonthlyMin: 6525, wageMonthlyMax: 7612.5, screeningOutcome: 'pass' });
    const r = await row(v.id);
    expect(r).toMatchObject({ status: 'draft', wage_monthly_min: '6525', employer_id: w.employers.own, version: 1 });
    expect(await syncJobs(v.id)).toBe(1);
  });

  it('codes the title once (codeVacancy) to both a 2022 code and an ISCO-08 unit group, keeps a given code, and leaves an unknown title uncoded', async () => {
    const auto = await create(w.as.staff, { title: '电工' });
    expect(auto).toMatchObject({ occupationSystem: 'cn2022', occupationCode: '6-31-01-03', iscoUnit: '7411' });
    const given = await create(w.as.staff, { title: '电工', occupationSystem: 'cn2022', occupationCode: '6-31-01-03' });
    expect(given).toMatchObject({ occupationSystem: 'cn2022', occupationCode: '6-31-01-03', iscoUnit: '7411' });
    const isco = await create(w.as.staff, { title: 'electrician', occupationSystem: 'isco', occupationCode: '7411' });
    expect(isco).toMatchObject({ occupationSystem: 'isco', occupationCode: '7411', iscoUnit: '7411' });
    const unknown = await create(w.as.staff, { title: 'xyzzy' });
    expect(unknown).toMatchObject({ occupationCode: null, iscoUnit: null });
  });

  it('issue 18: titles a fair spreadsheet brings (客服专员, 普工, 保洁) get both codes; 普工 takes a small group', async () => {
    for (const [title, code, unit] of [['客服专员', '4-07-02-03', '4222'], ['普工', '6-99-00', '9329'], ['保洁', '4-09-08-01', '9112'], ['社区公益岗（保洁）', '4-09-08-01', '9112']] as const) {
      const v = await create(w.as.staff, { title });
      expect(v, title).toMatchObject({ occupationSystem: 'cn2022', occupationCode: code, iscoUnit: unit });
    }
    const v = await create(w.as.staff, { title: '某某岗' });
    expect(v).toMatchObject({ occupationCode: null, iscoUnit: null });
    const res = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { title: '叉车司机' } });
    expect(res.json()).toMatchObject({ occupationSystem: 'cn2022', occupationCode: '6-30-05-01', iscoUnit: '8344' });
  });

  it('every edit bumps the version, recomputes derived fields and enqueues a search sync in the same transaction', async () => {
    const v = await create();
    const res = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { wageMin: 30, wageMax: 40, wageUnit: 'hour' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, wageMonthlyMin: 5220, wageMonthlyMax: 6960 });
    await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { headcount: 2 } });
    expect(await row(v.id)).toMatchObject({ version: 3, headcount: 2, wage_unit: 'hour' });
    expect(await syncJobs(v.id)).toBe(3);
  });

  it('refuses cross-field problems, unknown employer, fair and district with 422 naming the field, and writes nothing', async () => {
    const before = (await sql()`select count(*)::int as n from vacancies`)[0]!.n;
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [extra, field] of [
      [{ wageMin: 9000, wageMax: 8000 }, 'body.wageMax'],
      [{ employerId: unknown }, 'body.employerId'],
      [{ fairId: unknown }, 'body.fairId'],
      [{ districtCode: '999999' }, 'body.districtCode'],
      [{ occupationCode: '7411' }, 'body.occupationSystem'],
      [{ expiresAt: '2001-01-01T00:00:00.000Z' }, 'body.expiresAt'],
    ] as const) {
      const res = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.admin, payload: draft(extra) });
      expect(res.statusCode, JSON.stringify(extra)).toBe(422);
      expect(res.json().details[0].field).toBe(field);
    }
    const missing = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.staff, payload: draft({ employerId: undefined }) });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().details[0].field).toBe('body.employerId');
    const malformed = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.staff, payload: draft({ headcount: 0 }) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details[0].field).toBe('body.headcount');
    const extraField = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.staff, payload: draft({ sex: 'male' }) });
    expect(extraField.statusCode).toBe(400);
    expect(extraField.json().details[0].field).toBe('body.sex');
    expect((await sql()`select count(*)::int as n from vacancies`)[0]!.n).toBe(before);
  });

  it('an employer cannot create a vacancy for another employer', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.employerOwn, payload: draft({ employerId: w.employers.other }) });
    expect(res.statusCode).toBe(403);
  });

  it('filled and expired vacancies cannot be edited', async () => {
    const v = await create();
    await setStatus(v.id, 'published');
    await setStatus(v.id, 'filled');
    const res = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { headcount: 9 } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VACANCY_NOT_EDITABLE');
  });
});

describe('the publish gate', () => {
  it('when the employer already has the same posting live, a second copy goes to review as a duplicate', async () => {
    const extra = { title: '仓库理货员', description: '负责仓库货物的清点与上架。' };
    const first = await create(w.as.staff, extra);
    expect((await setStatus(first.id, 'published')).json().status).toBe('published');
    const second = await create(w.as.staff, extra);
    const res = await setStatus(second.id, 'published');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('pending_review');
    const findings = (await row(second.id)).screening_findings as { ruleId: string }[];
    expect(findings.map((f) => f.ruleId)).toContain('other.duplicate');
  });

  it('a clean vacancy (男女不限) is published with published_at now and expires_at now + 30 days', async () => {
    const v = await create();
    const t0 = Date.now();
    const res = await setStatus(v.id, 'published');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'published', screeningOutcome: 'pass' });
    const r = await row(v.id);
    expect(r.status).toBe('published');
    expect(Math.abs(new Date(r.published_at).getTime() - t0)).toBeLessThan(10_000);
    expect(Math.abs(new Date(r.expires_at).getTime() - (t0 + 30 * 86400_000))).toBeLessThan(10_000);
  });

  it('keeps an expiry the vacancy names itself', async () => {
    const expiresAt = new Date(Date.now() + 7 * 86400_000).toISOString();
    const v = await create(w.as.staff, { expiresAt });
    await setStatus(v.id, 'published');
    expect(new Date((await row(v.id)).expires_at).toISOString()).toBe(expiresAt);
  });

  it('a blocking finding (限女性) refuses publication with 422 SCREENING_BLOCKED listing the findings; the vacancy stays draft', async () => {
    const v = await create(w.as.employerOwn, { title: '前台接待', requirements: '限女性，形象好' });
    const res = await setStatus(v.id, 'published', w.as.employerOwn);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('SCREENING_BLOCKED');
    expect(body.details).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'sex.restriction', severity: 'block', status: 'open', field: 'requirements' })]));
    const r = await row(v.id);
    expect(r).toMatchObject({ status: 'draft', published_at: null, screening_outcome: 'block' });
  });

  it('a finding that needs review (年龄35岁以下) sends the vacancy to pending_review; staff approve it and it is published', async () => {
    const v = await create(w.as.employerOwn, { title: '普工', requirements: '年龄35岁以下' });
    const res = await setStatus(v.id, 'published', w.as.employerOwn);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending_review', screeningOutcome: 'review', publishedAt: null });
    const queue = await ctx.app.inject({ url: '/vacancies/review-queue', headers: w.as.staff });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(v.id);
    const approved = await review(v.id, 'approve', '岗位为夜班搬运，已与单位沟通');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', reviewNote: '岗位为夜班搬运，已与单位沟通' });
    const r = await row(v.id);
    expect(r.status).toBe('published');
    expect(r.reviewed_by).toEqual(expect.any(String));
    expect(r.reviewed_at).not.toBeNull();
    expect(r.published_at).not.toBeNull();
    const again = await review(v.id, 'approve', 'x');
    expect(again.statusCode).toBe(409);
  });

  it('staff reject a pending vacancy with a reason; without a reason the rejection is refused; rejected goes back to draft', async () => {
    const v = await create(w.as.employerOwn, { title: '普工', requirements: '身高165以上' });
    expect((await setStatus(v.id, 'published', w.as.employerOwn)).json().status).toBe('pending_review');
    const noReason = await review(v.id, 'reject');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().details[0].field).toBe('body.reason');
    const rejected = await review(v.id, 'reject', '身高要求与岗位无关');
    expect(rejected.json()).toMatchObject({ status: 'rejected', reviewNote: '身高要求与岗位无关' });
    expect((await row(v.id)).status).toBe('rejected');
    expect((await setStatus(v.id, 'published', w.as.employerOwn)).statusCode).toBe(409);
    expect((await setStatus(v.id, 'draft', w.as.employerOwn)).json().status).toBe('draft');
  });

  it('after approval, an edit that adds no new finding keeps the vacancy published; a new finding sends it back to review', async () => {
    const v = await create(w.as.employerOwn, { title: '普工', requirements: '年龄35岁以下' });
    await setStatus(v.id, 'published', w.as.employerOwn);
    await review(v.id, 'approve', '夜班搬运');
    const edit = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.employerOwn, payload: { headcount: 8 } });
    expect(edit.json()).toMatchObject({ status: 'published', headcount: 8 });
    const worse = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.employerOwn, payload: { requirements: '年龄35岁以下，身高165以上' } });
    expect(worse.json().status).toBe('pending_review');
    expect((await row(v.id)).status).toBe('pending_review');
  });

  it('an employer or organiser cannot approve their own pending vacancy', async () => {
    const v = await create(w.as.employerOwn, { title: '普工', requirements: '年龄35岁以下' });
    await setStatus(v.id, 'published', w.as.employerOwn);
    expect((await setStatus(v.id, 'published', w.as.employerOwn)).statusCode).toBe(403);
    expect((await review(v.id, 'approve', 'ok', w.as.organiser)).statusCode).toBe(403);
    expect((await row(v.id)).status).toBe('pending_review');
  });

  it('a justified exception (限男性 for underground mining under the female-protection basis) goes to staff review, never straight to published; the reviewer sees the basis and its scope', async () => {
    const v = await create(w.as.organiser, {
      title: '矿井下采掘工',
      requirements: '限男性',
      occupationSystem: 'cn2022',
      occupationCode: '6-16-01-05',
      justifications: [{ category: 'sex', basisCode: 'CN-FEMALE-PROTECT' }],
    });
    const res = await setStatus(v.id, 'published', w.as.organiser);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending_review', screeningOutcome: 'review' });
    expect(res.json().screeningFindings).toEqual([
      expect.objectContaining({ ruleId: 'sex.restriction', status: 'justified', basis: expect.objectContaining({ code: 'CN-FEMALE-PROTECT', scope: { zh: expect.stringContaining('矿山井下'), en: expect.any(String) } }) }),
    ]);
    expect((await row(v.id)).screening_findings).toEqual([expect.objectContaining({ status: 'justified' })]);
    const queue = await ctx.app.inject({ url: '/vacancies/review-queue', headers: w.as.staff });
    const item = (queue.json().items as Array<{ id: string; screeningFindings: Array<{ basis?: { scope?: unknown } }> }>).find((x) => x.id === v.id)!;
    expect(item.screeningFindings[0]!.basis!.scope).toMatchObject({ zh: expect.stringContaining('矿山井下') });
    const pub = await ctx.app.inject({ url: `/public/vacancies/${v.id}` });
    expect(pub.statusCode).toBe(404);
  });

  it('issue 18: "限女性，年龄35岁以下，已婚已育优先" justified with CN-FEMALE-PROTECT, CN-RETIREMENT-AGE and CN-ARMY is refused, not published', async () => {
    const v = await create(w.as.employerOwn, {
      title: '行政文员',
      requirements: '限女性，年龄35岁以下，已婚已育优先',
      justifications: [
        { category: 'sex', basisCode: 'CN-FEMALE-PROTECT' },
        { category: 'age', basisCode: 'CN-RETIREMENT-AGE' },
        { category: 'marital_childbearing', basisCode: 'CN-ARMY' },
      ],
    });
    const res = await setStatus(v.id, 'published', w.as.employerOwn);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SCREENING_BLOCKED');
    expect((await row(v.id)).status).toBe('draft');
    expect((await ctx.app.inject({ url: `/public/vacancies/${v.id}` })).statusCode).toBe(404);
    const zh = await ctx.app.inject({ method: 'POST', url: '/screening/check', headers: { ...w.as.employerOwn, 'accept-language': 'zh' }, payload: { title: '行政文员', requirements: '限男性', justifications: [{ category: 'sex', basisCode: 'CN-HEALTH-FOOD' }] } });
    const refusal = (zh.json().findings as Array<{ ruleId: string; message: { zh: string } }>).find((f) => f.ruleId === 'justification.not_applicable')!;
    expect(refusal.message.zh).toContain('性别');
    expect(refusal.message.zh).not.toContain('sex');
  });

  it('a justification added to a published, reviewed vacancy sends it back to review', async () => {
    const v = await create(w.as.staff, { title: '大客车司机', requirements: '年龄21-50岁，持A1驾照', occupationSystem: 'cn2022', occupationCode: '4-02-02-01' });
    await setStatus(v.id, 'published');
    expect((await row(v.id)).status).toBe('pending_review');
    expect((await review(v.id, 'approve', 'ok')).statusCode).toBe(200);
    const res = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { justifications: [{ category: 'age', basisCode: 'CN-LICENSE-DRIVER' }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending_review', screeningOutcome: 'review' });
  });

  it('GET /screening/legal-bases lists every basis with its scope in zh and en, filterable by category', async () => {
    const all = await ctx.app.inject({ url: '/screening/legal-bases' });
    expect(all.statusCode).toBe(200);
    const items = all.json().items as Array<{ code: string; scope: { zh: string; en: string }; categoryNames: Array<{ zh: string }>; occupations: unknown }>;
    expect(items.length).toBeGreaterThanOrEqual(13);
    for (const b of items) expect(b.scope.zh.length * b.scope.en.length).toBeGreaterThan(0);
    const sex = await ctx.app.inject({ url: '/screening/legal-bases?category=sex' });
    expect((sex.json().items as Array<{ code: string }>).map((b) => b.code).sort()).toEqual(['CN-ARMY', 'CN-FEMALE-PROTECT']);
    expect((await ctx.app.inject({ url: '/screening/legal-bases?category=nope' })).statusCode).toBe(400);
  });

  it('editing a published vacancy re-screens it: a blocking edit is refused, an edit needing review takes it back to review', async () => {
    const v = await create();
    await setStatus(v.id, 'published');
    const blocked = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { requirements: '本地户口' } });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().code).toBe('SCREENING_BLOCKED');
    expect(await row(v.id)).toMatchObject({ status: 'published', requirements: '男女不限，有相关经验优先。', version: 2 });
    const held = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.as.staff, payload: { requirements: '年龄35岁以下' } });
    expect(held.json()).toMatchObject({ status: 'pending_review', version: 3 });
  });

  it('POST /screening/check screens a body without saving anything', async () => {
    const before = (await sql()`select count(*)::int as n from vacancies`)[0]!.n;
    const res = await ctx.app.inject({ method: 'POST', url: '/screening/check', headers: w.as.employerOwn, payload: { title: '普工', requirements: '乙肝携带者勿扰' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'block', wouldBe: 'blocked', findings: [expect.objectContaining({ category: 'health_disease' })] });
    const ok = await ctx.app.inject({ method: 'POST', url: '/screening/check', headers: w.as.organiser, payload: { title: '普工', requirements: '男女不限' } });
    expect(ok.json()).toMatchObject({ outcome: 'pass', wouldBe: 'published', findings: [] });
    const bad = await ctx.app.inject({ method: 'POST', url: '/screening/check', headers: w.as.organiser, payload: { requirements: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('body.title');
    expect((await sql()`select count(*)::int as n from vacancies`)[0]!.n).toBe(before);
  });
});

describe('status transitions', () => {
  it('refuses moves the table does not allow with 409 INVALID_TRANSITION naming from and to', async () => {
    const v = await create();
    for (const to of ['filled', 'expired', 'rejected']) {
      const res = await setStatus(v.id, to);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'draft', to } });
    }
    await setStatus(v.id, 'published');
    const back = await setStatus(v.id, 'draft');
    expect(back.json().details).toMatchObject({ from: 'published', to: 'draft', allowed: ['closed', 'filled', 'expired'] });
    await setStatus(v.id, 'filled');
    expect((await setStatus(v.id, 'published')).statusCode).toBe(409);
    expect((await row(v.id)).status).toBe('filled');
  });

  it('closes a published vacancy (closed_at set) and re-publishes it with a fresh published_at', async () => {
    const v = await create();
    await setStatus(v.id, 'published');
    const firstPublished = (await row(v.id)).published_at;
    const closed = await setStatus(v.id, 'closed');
    expect(closed.json().status).toBe('closed');
    expect((await row(v.id)).closed_at).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    const again = await setStatus(v.id, 'published');
    expect(again.json().status).toBe('published');
    const r = await row(v.id);
    expect(r.closed_at).toBeNull();
    expect(new Date(r.published_at).getTime()).toBeGreaterThan(new Date(firstPublished).getTime());
  });

  it('a draft can be closed; a draft can be sent to review voluntarily', async () => {
    const a = await create();
    expect((await setStatus(a.id, 'closed')).json().status).toBe('closed');
    const b = await create();
    expect((await setStatus(b.id, 'pending_review')).json().status).toBe('pending_review');
  });

  it('only staff expire a vacancy by hand', async () => {
    const v = await create(w.as.employerOwn);
    await setStatus(v.id, 'published', w.as.employerOwn);
    expect((await setStatus(v.id, 'expired', w.as.employerOwn)).statusCode).toBe(403);
    expect((await setStatus(v.id, 'expired', w.as.staff)).json().status).toBe('expired');
  });
});

describe('expiry job', () => {
  it('vacancies.expire-due expires published vacancies past expires_at, once, announcing each to search', async () => {
    const due = await create();
    const fresh = await create();
    await setStatus(due.id, 'published');
    await setStatus(fresh.id, 'published');
    await sql()`update vacancies set expires_at = now() - interval '1 minute' where id = ${due.id}`;
    const syncBefore = await syncJobs(due.id);
    const first = await expireDueJob(jobDeps(ctx), {}, firstAttempt);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect((await row(due.id)).status).toBe('expired');
    expect((await row(fresh.id)).status).toBe('published');
    expect(await syncJobs(due.id)).toBe(syncBefore + 1);
    const second = await expireDueJob(jobDeps(ctx), {}, firstAttempt);
    expect(second.expired).toBe(0);
    expect(await syncJobs(due.id)).toBe(syncBefore + 1);
    expect((await ctx.app.inject({ url: `/public/vacancies/${due.id}` })).statusCode).toBe(404);
    const republished = await setStatus(due.id, 'published');
    expect(republished.json().status).toBe('published');
    expect(new Date((await row(due.id)).expires_at).getTime()).toBeGreaterThan(Date.now());
  });
});

describe('reading vacancies', () => {
  it('the public read shows a published vacancy without office, screening or employer contact data', async () => {
    const v = await create();
    expect((await ctx.app.inject({ url: `/public/vacancies/${v.id}` })).statusCode).toBe(404);
    await setStatus(v.id, 'published');
    const res = await ctx.app.inject({ url: `/public/vacancies/${v.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: v.id, title: '数控车床操作工', employer: { name: '广州天河精密制造有限公司', industry: 'C' } });
    for (const key of ['officeId', 'screeningFindings', 'screeningOutcome', 'reviewNote', 'reviewedBy', 'justifications', 'employerId', 'version', 'status']) {
      expect(body).not.toHaveProperty(key);
    }
    expect(res.body).not.toContain('13800138000');
    expect(res.body).not.toContain('王经理');
    expect(res.body).not.toContain(w.offices.tianhe);
  });

  it('an employer lists only its own vacancies, and another employer’s vacancy is 404 to it', async () => {
    const other = await create(w.as.staff, { employerId: w.employers.other });
    const list = await ctx.app.inject({ url: '/vacancies?pageSize=100', headers: w.as.employerOwn });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.every((v: { employerId: string }) => v.employerId === w.employers.own)).toBe(true);
    const filtered = await ctx.app.inject({ url: `/vacancies?employerId=${w.employers.other}`, headers: w.as.employerOwn });
    expect(filtered.json().total).toBe(0);
    expect((await ctx.app.inject({ url: `/vacancies/${other.id}`, headers: w.as.employerOwn })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: `/vacancies/${other.id}`, headers: w.as.employerOther })).statusCode).toBe(200);
  });

  it('filters by status, employer, fair, district and public welfare, and sorts by monthly wage', async () => {
    const fair = (
      await ctx.app.inject({
        method: 'POST',
        url: '/fairs',
        headers: w.as.organiser,
        payload: { name: '公益性岗位专场', kind: 'special_campaign', startsAt: '2027-03-01T01:00:00Z', endsAt: '2027-03-01T05:00:00Z', venue: '天河' },
      })
    ).json();
    const low = await create(w.as.staff, { fairId: fair.id, publicWelfare: true, wageMin: 3000, wageMax: 3500, districtCode: '440105' });
    const high = await create(w.as.staff, { fairId: fair.id, publicWelfare: true, wageMin: 4000, wageMax: 9000, districtCode: '440105' });
    const res = await ctx.app.inject({ url: `/vacancies?fairId=${fair.id}&publicWelfare=true&districtCode=440105&sort=wageMonthlyMax&order=desc`, headers: w.as.staff });
    expect(res.json()).toMatchObject({ total: 2, items: [{ id: high.id }, { id: low.id }] });
    const asc = await ctx.app.inject({ url: `/vacancies?fairId=${fair.id}&sort=wageMonthlyMax&order=asc&status=draft&employerId=${w.employers.own}`, headers: w.as.organiser });
    expect(asc.json().items.map((v: { id: string }) => v.id)).toEqual([low.id, high.id]);
    const bad = await ctx.app.inject({ url: '/vacancies?sort=salary', headers: w.as.staff });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toMatch(/^query\.sort/);
  });
});

describe('office scope', () => {
  it('staff of another district read a Tianhe vacancy but cannot create, edit or publish one', async () => {
    const v = await create();
    expect((await ctx.app.inject({ url: `/vacancies/${v.id}`, headers: w.staffHaizhu })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.staffHaizhu, payload: draft() })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${v.id}`, headers: w.staffHaizhu, payload: { headcount: 1 } })).statusCode).toBe(403);
    expect((await setStatus(v.id, 'published', w.staffHaizhu)).statusCode).toBe(403);
    expect(await row(v.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('an organiser of another district writes for a Tianhe employer only through its own fair (a booth does not widen access)', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.organiserHaizhu, payload: draft({ employerId: w.employers.other }) })).statusCode).toBe(403);
    const fair = (
      await ctx.app.inject({
        method: 'POST',
        url: '/fairs',
        headers: w.organiserHaizhu,
        payload: { name: '海珠区周六招聘会', kind: 'weekly_saturday', startsAt: '2027-03-06T01:00:00Z', endsAt: '2027-03-06T04:00:00Z', venue: '海珠区人力资源市场' },
      })
    ).json();
    await ctx.app.inject({ method: 'POST', url: `/fairs/${fair.id}/booths`, headers: w.organiserHaizhu, payload: { employerId: w.employers.other, boothNo: 'H01' } });
    const res = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.organiserHaizhu, payload: draft({ employerId: w.employers.other }) });
    expect(res.statusCode, res.body).toBe(403);
    const atFair = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.organiserHaizhu, payload: draft({ employerId: w.employers.other, fairId: fair.id }) });
    expect(atFair.statusCode, atFair.body).toBe(201);
    expect(atFair.json().officeId).toBe(w.offices.haizhu);
  });
});

describe('role matrix: vacancies', () => {
  type Req = { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object };
  type Case = { route: string; expect: Record<string, number | 'ok'>; req: () => Promise<Req> | Req };
  const ownDraft = async () => (await create(w.as.admin)).id;
  const ownPending = async () => {
    const v = await create(w.as.admin, { requirements: '年龄35岁以下' });
    await setStatus(v.id, 'pending_review', w.as.admin);
    return v.id;
  };
  const writeOwn = { none: 401, admin: 'ok', staff: 'ok', organiser: 'ok', employerOwn: 'ok', employerOther: 404 } as const;
  const cases: Case[] = [
    { route: 'GET /vacancies', expect: { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 200 }, req: () => ({ method: 'GET', url: '/vacancies' }) },
    { route: 'GET /vacancies/review-queue', expect: { none: 401, admin: 200, staff: 200, organiser: 403, employerOwn: 403, employerOther: 403 }, req: () => ({ method: 'GET', url: '/vacancies/review-queue' }) },
    {
      route: 'GET /vacancies/:id',
      expect: { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 404 },
      req: async () => ({ method: 'GET', url: `/vacancies/${await ownDraft()}` }),
    },
    {
      route: 'POST /vacancies (for the own employer)',
      expect: { none: 401, admin: 'ok', staff: 'ok', organiser: 'ok', employerOwn: 'ok', employerOther: 403 },
      req: () => ({ method: 'POST', url: '/vacancies', payload: draft() }),
    },
    { route: 'PATCH /vacancies/:id', expect: writeOwn, req: async () => ({ method: 'PATCH', url: `/vacancies/${await ownDraft()}`, payload: { headcount: 3 } }) },
    { route: 'POST /vacancies/:id/status', expect: writeOwn, req: async () => ({ method: 'POST', url: `/vacancies/${await ownDraft()}/status`, payload: { status: 'published' } }) },
    {
      route: 'POST /vacancies/:id/review',
      expect: { none: 401, admin: 'ok', staff: 'ok', organiser: 403, employerOwn: 403, employerOther: 403 },
      req: async () => ({ method: 'POST', url: `/vacancies/${await ownPending()}/review`, payload: { decision: 'approve', reason: 'ok' } }),
    },
    {
      route: 'POST /screening/check',
      expect: { none: 401, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 200 },
      req: () => ({ method: 'POST', url: '/screening/check', payload: { title: '普工' } }),
    },
    {
      route: 'GET /public/vacancies/:id',
      expect: { none: 200, admin: 200, staff: 200, organiser: 200, employerOwn: 200, employerOther: 200 },
      req: async () => {
        const id = await ownDraft();
        await setStatus(id, 'published', w.as.admin);
        return { method: 'GET', url: `/public/vacancies/${id}` };
      },
    },
  ];
  for (const c of cases) {
    for (const who of WHO) {
      it(`${c.route} as ${who} → ${c.expect[who]}`, async () => {
        const res = await ctx.app.inject({ ...(await c.req()), headers: w.as[who] });
        const want = c.expect[who];
        if (want === 'ok') expect(res.statusCode, res.body).toBeLessThan(300);
        else expect(res.statusCode, res.body).toBe(want);
      });
    }
  }
});
