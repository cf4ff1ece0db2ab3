import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { creditCode } from '../helpers/records.js';
import { makeNationalId, seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';
import { createLogger } from '../../src/lib/logger.js';
import { fairs, fairBooths } from '../../src/modules/fairs/fairs.table.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { recomputeVacancy, refreshSeekerFeatures } from '../../src/modules/matching/matching.service.js';
import { runImport } from '../../src/modules/imports/imports.service.js';
import { loadSeekerDocs } from '../../src/search/documents.js';

/**
 * The trust issue's attacker suite: one test per finding class, each written against the
 * landed service first (where it failed), then fixed. The attacker holds an employer key,
 * organiser keys of two offices and staff keys of three.
 */

let ctx: TestContext;
let w: PeopleWorld;
const logLines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  ctx = await startTestApp({ logger: createLogger({ logLevel: 'info' }, 'api', sink) });
  w = await seedPeopleWorld(ctx);
});
afterAll(() => ctx?.close());

const sql = () => ctx.resources.database.sql;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (key: string | null, method: Method, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: { ...(key ? bearer(key) : {}), ...headers } });

const TIANHE = { lat: 23.125, lon: 113.361 };

async function seeker(over: Record<string, unknown> = {}): Promise<string> {
  const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({
    skills: ['电焊', '气割', '识图', '安全生产'], desiredOccupations: [{ system: 'isco', code: '7212' }], desiredWageMin: 6000,
    education: 'senior_secondary', experienceYears: 5, lat: TIANHE.lat, lon: TIANHE.lon + 8 / 102.3, nationalId: makeNationalId(), ...over,
  }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function welderVacancy(over: Partial<typeof vacancies.$inferInsert> = {}): Promise<string> {
  const [v] = await ctx.resources.database.db
    .insert(vacancies)
    .values({
      employerId: w.employer1Id, officeId: w.officeAId, title: '电焊工', status: 'published', publishedAt: new Date(),
      occupationSystem: 'isco', occupationCode: '7212', iscoUnit: '7212', skills: ['电焊', '气割', '识图', '安全生产'],
      wageMin: 5500, wageMax: 6500, wageMonthlyMin: 5500, wageMonthlyMax: 6500, educationMin: 'junior_secondary', experienceMinYears: 1,
      districtCode: w.districtA, ...TIANHE, ...over,
    })
    .returning({ id: vacancies.id });
  return v!.id;
}

async function match(vacancyId: string, seekerIds: string[]) {
  await refreshSeekerFeatures(sql(), seekerIds);
  await recomputeVacancy(sql(), vacancyId, { force: true });
}

/** What an employer sees of one pair and of the candidate list, with the volatile parts removed. */
async function employerView(vacancyId: string, seekerId: string) {
  const pair = await call(w.keys.employer1, 'GET', `/matches/${vacancyId}/${seekerId}`);
  const list = await call(w.keys.employer1, 'GET', `/vacancies/${vacancyId}/candidates?limit=50`);
  const strip = (b: Record<string, unknown>) => {
    const { computedAt: _c, ...rest } = b;
    return rest;
  };
  return { pair: { status: pair.statusCode, body: strip(pair.json()) }, list: { status: list.statusCode, body: strip(list.json()) } };
}

describe('home location by trilateration (finding 1)', () => {
  it('an employer cannot score a pair the system did not propose, so moving its own draft tells it nothing', async () => {
    const s = await seeker();
    const draft = w.draftVacancyId;
    const answers = new Set<string>();
    for (const lon of [113.3, 113.35, 113.4]) {
      const patch = await call(w.keys.employer1, 'PATCH', `/vacancies/${draft}`, { lat: 23.12, lon, districtCode: w.districtA });
      expect(patch.statusCode, patch.body).toBe(200);
      const res = await call(w.keys.employer1, 'GET', `/matches/${draft}/${s}`);
      answers.add(`${res.statusCode} ${res.json().code}`);
    }
    expect([...answers]).toEqual(['404 NOT_FOUND']);
  });

  it('the distance an employer sees is a band: no decimals, and no change when the person moves 100 m', async () => {
    const v = await welderVacancy();
    const s = await seeker();
    await match(v, [s]);
    const before = await employerView(v, s);
    expect(before.pair.status, JSON.stringify(before.pair.body)).toBe(200);
    const pair = before.pair.body as { components: Record<string, number>; reasons: { component: string; en: string; zh: string }[] };
    expect([0, 0.2, 0.3, 0.5, 0.8, 1]).toContain(pair.components.distance);
    const distanceReason = pair.reasons.find((r) => r.component === 'distance')!;
    expect(distanceReason.en).not.toMatch(/\d\.\d/);
    expect(distanceReason.en).toMatch(/km/);

    await sql()`update seekers set lon = lon + ${0.1 / 102.3} where id = ${s}`;
    await match(v, [s]);
    expect(await employerView(v, s)).toEqual(before);
  });

  it('an employer reading a pair is written to the audit log', async () => {
    const v = await welderVacancy();
    const s = await seeker();
    await match(v, [s]);
    expect((await call(w.keys.employer1, 'GET', `/matches/${v}/${s}`)).statusCode).toBe(200);
    const rows = await sql()`select action, actor_role from audit_log where subject_id = ${s} and action = 'read_match'`;
    expect(rows.length).toBe(1);
    expect(rows[0]!.actor_role).toBe('employer');
  });
});

describe('priority-group oracle (finding 3)', () => {
  it('an employer cannot mark its own vacancy as a public welfare post (403 naming the field)', async () => {
    const res = await call(w.keys.employer1, 'PATCH', `/vacancies/${w.draftVacancyId}`, { publicWelfare: true });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.body).toContain('publicWelfare');
    const create = await call(w.keys.employer1, 'POST', '/vacancies', { title: '保洁员', publicWelfare: true });
    expect(create.statusCode, create.body).toBe(403);
  });

  it('on a public welfare post, the employer gets the same answer whether or not the person is in a priority group', async () => {
    const plain = await seeker({ priorityGroups: [] });
    const disabled = await seeker({ priorityGroups: ['disabled'], priorityDocuments: ['disability_certificate'] });
    const a = await call(w.keys.employer1, 'GET', `/matches/${w.welfareVacancyId}/${plain}`);
    const b = await call(w.keys.employer1, 'GET', `/matches/${w.welfareVacancyId}/${disabled}`);
    expect({ status: a.statusCode, code: a.json().code }).toEqual({ status: b.statusCode, code: b.json().code });
  });

  property_employerViewIgnoresProtectedAttributes();
});

/** Property: what an employer sees does not move when only protected attributes change. */
function property_employerViewIgnoresProtectedAttributes() {
  it('property: an employer-visible pair and candidate list do not change when only protected attributes change', async () => {
    const v = await welderVacancy();
    const s = await seeker();
    await match(v, [s]);
    const base = await employerView(v, s);
    expect(base.pair.status).toBe(200);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.constantFrom('阿卜杜拉·买买提', '王芳', '欧阳娜娜', 'John Smith', '李'),
          phone: fc.constantFrom('13912345678', '020-12345678'),
          ethnicity: fc.constantFrom('汉族', '维吾尔族', '回族', '壮族'),
          hukou: fc.constantFrom('urban_local', 'rural_local', 'urban_nonlocal', 'rural_nonlocal'),
          groups: fc.subarray(['age_4050', 'disabled', 'minimum_living_allowance', 'long_term_unemployed', 'zero_employment_household'] as const),
          birth: fc.constantFrom('1960-03-01', '1975-07-07', '1999-12-31'),
          sex: fc.constantFrom('male', 'female'),
        }),
        async (p) => {
          await sql()`update seekers set name = ${p.name}, phone = ${p.phone}, ethnicity = ${p.ethnicity}, hukou_type = ${p.hukou},
            priority_groups = ${p.groups as unknown as string[]}, birth_date = ${p.birth}, sex = ${p.sex} where id = ${s}`;
          await match(v, [s]);
          expect(await employerView(v, s)).toEqual(base);
        },
      ),
      { numRuns: 12 },
    );
  });
}

describe('import hijack across offices (finding 2)', () => {
  it("an organiser's import cannot overwrite a vacancy of another office; the row is reported and nothing changes", async () => {
    // A Yuexiu (office B) organiser runs a fair; employer 1 is registered in Tianhe (office A).
    const start = new Date(Date.now() + 7 * 86400_000);
    const [fair] = await ctx.resources.database.db
      .insert(fairs)
      .values({ name: '越秀区招聘会', kind: 'county_weekly', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '越秀区人才市场', officeId: w.officeBId, districtCode: w.districtB })
      .returning({ id: fairs.id });
    await sql()`update vacancies set external_ref = 'TH-0001' where id = ${w.vacancy1Id}`;
    const before = (await sql()`select title, office_id, fair_id, headcount, version from vacancies where id = ${w.vacancy1Id}`)[0];
    const code = creditCode();
    await sql()`update employers set credit_code = ${code} where id = ${w.employer1Id}`;
    const organiserB = await ctx.keyFor('organiser', { officeId: w.officeBId });
    const csv = `外部编号,岗位名称,统一社会信用代码,招聘人数\nTH-0001,被改写的岗位,${code},99\n`;
    const up = await ctx.app.inject({ method: 'POST', url: `/fairs/${fair!.id}/imports`, headers: { ...bearer(organiserB), 'content-type': 'text/csv' }, payload: csv });
    expect(up.statusCode, up.body).toBe(202);
    const view = await runImport(ctx.resources.database.db, up.json().importId);
    expect(view.failed).toBe(1);
    expect(view.updated + view.inserted).toBe(0);
    expect(view.errors[0]!.message).toMatch(/another office|其他机构/);
    const after = (await sql()`select title, office_id, fair_id, headcount, version from vacancies where id = ${w.vacancy1Id}`)[0];
    expect(after).toEqual(before);
  });

  it("an import's status and row errors are not readable by another office", async () => {
    const start = new Date(Date.now() + 7 * 86400_000);
    const [fair] = await ctx.resources.database.db
      .insert(fairs)
      .values({ name: '天河区招聘会', kind: 'county_weekly', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: w.officeAId, districtCode: w.districtA })
      .returning({ id: fairs.id });
    const up = await ctx.app.inject({ method: 'POST', url: `/fairs/${fair!.id}/imports`, headers: { ...bearer(w.keys.organiser), 'content-type': 'text/csv' }, payload: '岗位名称\n电工\n' });
    expect(up.statusCode, up.body).toBe(202);
    const id = up.json().importId;
    expect((await call(w.keys.staffB, 'GET', `/imports/${id}`)).statusCode).toBe(404);
    expect((await call(w.keys.staffB, 'GET', `/imports/${id}/errors.csv`)).statusCode).toBe(404);
    expect((await call(w.keys.organiser, 'GET', `/imports/${id}`)).statusCode).toBe(200);
  });
});

describe('booths and fairs do not widen write access', () => {
  it("a booth for employer X at an organiser's fair does not grant write access to X's vacancies elsewhere", async () => {
    const start = new Date(Date.now() + 7 * 86400_000);
    const [fair] = await ctx.resources.database.db
      .insert(fairs)
      .values({ name: '天河区周六招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: w.officeAId, districtCode: w.districtA })
      .returning({ id: fairs.id });
    await ctx.resources.database.db.insert(fairBooths).values({ fairId: fair!.id, employerId: w.employer2Id, boothNo: 'B01' });
    // vacancy2 belongs to employer 2 and to office B; the Tianhe organiser must not edit it.
    const res = await call(w.keys.organiser, 'PATCH', `/vacancies/${w.vacancy2Id}`, { headcount: 42 });
    expect(res.statusCode, res.body).toBe(403);
    const [{ headcount }] = await sql()`select headcount from vacancies where id = ${w.vacancy2Id}`;
    expect(headcount).not.toBe(42);
  });

  it('an employer cannot attach its vacancy to a fair where it has no booth', async () => {
    const start = new Date(Date.now() + 7 * 86400_000);
    const [fair] = await ctx.resources.database.db
      .insert(fairs)
      .values({ name: '越秀区周六招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '越秀区人才市场', officeId: w.officeBId, districtCode: w.districtB })
      .returning({ id: fairs.id });
    const res = await call(w.keys.employer1, 'PATCH', `/vacancies/${w.draftVacancyId}`, { fairId: fair!.id });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.body).toContain('fairId');
    const create = await call(w.keys.employer1, 'POST', '/vacancies', { title: '仓管员', fairId: fair!.id });
    expect(create.statusCode, create.body).toBe(403);
    const [{ office_id }] = await sql()`select office_id from vacancies where id = ${w.draftVacancyId}`;
    expect(office_id).toBe(w.officeAId);
  });
});

describe('personal data stays out of logs', () => {
  it('a database error while saving a seeker is logged without the statement parameters', async () => {
    // Make the next insert fail inside Postgres (a constraint the service does not know about).
    await sql()`alter table seekers add constraint attacker_test_no_zhao check (name <> '赵测试')`;
    try {
      const phone = '13987654321';
      const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ name: '赵测试', phone, address: '广州市天河区秘密路88号' }));
      expect(res.statusCode).toBe(500);
      const text = logLines.join('');
      expect(text).toContain('unhandled error');
      for (const secret of ['赵测试', phone, '秘密路88号']) expect(text).not.toContain(secret);
    } finally {
      await sql()`alter table seekers drop constraint attacker_test_no_zhao`;
    }
  });

  it('query strings (names, phones, ID numbers) are not written to the request log', async () => {
    await call(w.keys.staffA, 'GET', `/seekers?q=${encodeURIComponent('王秘密')}&phone=13911112222`);
    const text = logLines.join('');
    expect(text).not.toContain('13911112222');
    expect(text).not.toContain(encodeURIComponent('王秘密'));
  });
});

describe('one masking function and one scrubber for what an employer sees', () => {
  it('names are masked to a fixed shape and free text loses contact details, addresses, health and welfare status', async () => {
    const id = await seeker({
      name: '阿卜杜拉·买买提',
      profileText: '住址：广州市天河区体育西路123号501室，微信 wxid_abc123，邮箱 abd@example.com，QQ 12345678。有抑郁症，享受低保。' +
        '拼音 abudula，旧身份证 440106850615123。会电焊和气割，持证上岗，能吃苦。',
    });
    const [doc] = await loadSeekerDocs(sql(), [id]);
    expect(doc!.maskedName).toMatch(/^#[0-9A-F]{6}$/);
    const text = doc!.profileText;
    for (const leak of ['体育西路', '123号', 'wxid_abc123', 'abd@example.com', '12345678', '抑郁', '低保', 'abudula', '440106850615123']) {
      expect(text, leak).not.toContain(leak);
    }
    expect(text).toContain('电焊');
  });
});

describe('staff reads by sensitive attribute and ID probes are audited', () => {
  it('listing seekers by priority group writes an audit row naming the filter', async () => {
    const res = await call(w.keys.staffB, 'GET', '/seekers?priorityGroup=disabled');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sql()`select action, reason from audit_log where action = 'list_by_sensitive_attribute' order by id desc limit 1`;
    expect(rows[0]?.reason).toContain('disabled');
  });

  it("a duplicate national ID from another office is a 409 without the other person's id, and is audited", async () => {
    const nationalId = makeNationalId();
    const first = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId }));
    expect(first.statusCode, first.body).toBe(201);
    const probe = await call(w.keys.staffB, 'POST', '/seekers', seekerBody({ nationalId, officeId: w.officeBId }));
    expect(probe.statusCode, probe.body).toBe(409);
    expect(probe.body).not.toContain(first.json().id);
    const rows = await sql()`select actor_role from audit_log where action = 'duplicate_national_id' and subject_id = ${first.json().id}`;
    expect(rows.length).toBe(1);
  });
});

describe('bad input is a 4xx naming the field, never a 5xx', () => {
  const cases: [string, Method, string, unknown?][] = [
    ['NUL in a query string', 'GET', '/public/vacancies/search?q=%00abc'],
    ['NUL in a body', 'POST', '/screening/check', { title: 'a\u0000b' }],
    ['an unpaired surrogate in a body', 'POST', '/screening/check', { title: 'a\ud800b' }],
    ['pageSize=1e309', 'GET', '/public/vacancies/search?pageSize=1e309'],
    ['a huge page number', 'GET', '/public/vacancies/search?page=99999999999999999999'],
    ['a huge page number (staff list)', 'GET', '/vacancies?page=99999999999999999999'],
    ['a year-0 date', 'GET', '/audit-log?from=0000-01-01T00:00:00Z'],
  ];
  for (const [name, method, url, body] of cases) {
    it(`${name} → 400`, async () => {
      const res = await call(w.keys.admin, method, url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().details?.[0]?.field ?? res.json().message).toBeTruthy();
    });
  }
});

describe('plausibility bounds', () => {
  it('refuses an expiry in the year 9999, a fair from 1900 to 9999, a wage of ten million an hour and a placement wage of 0.0001', async () => {
    const plausible = (res: { statusCode: number; body: string }, field: string) => {
      expect([400, 422], res.body).toContain(res.statusCode);
      expect(res.body).toContain(field);
    };
    plausible(await call(w.keys.employer1, 'PATCH', `/vacancies/${w.draftVacancyId}`, { expiresAt: '9999-12-31T00:00:00.000Z' }), 'expiresAt');
    const far = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString();
    plausible(await call(w.keys.employer1, 'PATCH', `/vacancies/${w.draftVacancyId}`, { expiresAt: far }), 'expiresAt');
    const wage = await call(w.keys.employer1, 'PATCH', `/vacancies/${w.draftVacancyId}`, { wageMin: 10_000_000, wageMax: 10_000_000, wageUnit: 'hour' });
    expect(wage.statusCode, wage.body).toBe(422);
    expect(wage.body).toContain('wage');
    const fair = await call(w.keys.organiser, 'POST', '/fairs', {
      name: '永远的招聘会', kind: 'special_campaign', startsAt: '1901-01-01T00:00:00.000Z', endsAt: '1901-01-02T00:00:00.000Z', venue: '某地', districtCode: w.districtA,
    });
    plausible(fair, 'startsAt');
    const fair2 = await call(w.keys.organiser, 'POST', '/fairs', {
      name: '很长的招聘会', kind: 'special_campaign', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 400 * 86_400_000).toISOString(), venue: '某地', districtCode: w.districtA,
    });
    plausible(fair2, 'endsAt');
    const birth = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ birth: '1910-01-01' }) }));
    plausible(birth, 'nationalId');
    const ancient = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({ nationalId: makeNationalId({ birth: '1850-01-01' }) }));
    expect([400, 422]).toContain(ancient.statusCode);
    const s = await seeker();
    const ref = await call(w.keys.staffA, 'POST', '/referrals', { seekerId: s, vacancyId: w.vacancy1Id });
    expect(ref.statusCode, ref.body).toBe(201);
    const hired = await call(w.keys.staffA, 'POST', `/referrals/${ref.json().id}/outcome`, { outcome: 'hired', monthlyWage: 0.0001, contractStart: '2027-01-04' });
    plausible(hired, 'monthlyWage');
  });
});

describe('request ids', () => {
  it("a client's X-Request-Id is never used as the request id or written to the audit log", async () => {
    const s = await seeker();
    const res = await call(w.keys.staffA, 'GET', `/seekers/${s}?reason=referral`, undefined, { 'x-request-id': 'forged-id-123' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).not.toBe('forged-id-123');
    const rows = await sql()`select request_id from audit_log where subject_id = ${s} and request_id = 'forged-id-123'`;
    expect(rows.length).toBe(0);
  });
});

describe('static files', () => {
  it('README files next to the pages are not served', async () => {
    expect((await call(null, 'GET', '/kiosk/README.md')).statusCode).toBe(404);
    expect((await call(null, 'GET', '/app/README.md')).statusCode).toBe(404);
  });
});
