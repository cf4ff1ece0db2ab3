import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, startTestApp, type TestContext } from '../../helpers/test-app.js';
import { makeNationalId, seedPeopleWorld, seekerBody, type PeopleWorld } from '../../helpers/fixtures-people.js';
import { vacancies } from '../../../src/modules/vacancies/vacancies.table.js';
import { recomputeSeeker, recomputeVacancies, recomputeVacancy, refreshSeekerFeatures, rematchAll } from '../../../src/modules/matching/matching.service.js';
import { withIndexScans } from '../../../src/db/index-scans.js';
import { seekerAlias } from '../../../src/lib/masking.js';
import { fairnessAudit } from '../../../src/modules/matching/matching.read.js';

let ctx: TestContext;
let w: PeopleWorld;

beforeAll(async () => {
  // Groups of 4 in the fairness test: the smallest flaggable group is lowered to 4 (default 30).
  ctx = await startTestApp({ env: { PES_FAIRNESS_MIN_GROUP: '4' } });
  w = await seedPeopleWorld(ctx);
});
afterAll(() => ctx.close());

const sql = () => ctx.resources.database.sql;
const call = (key: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  ctx.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: key ? bearer(key) : {} });

const TIANHE = { lat: 23.125, lon: 113.361 };

async function vacancy(over: Partial<typeof vacancies.$inferInsert> = {}): Promise<string> {
  const [v] = await ctx.resources.database.db
    .insert(vacancies)
    .values({
      employerId: w.employer1Id, officeId: w.officeAId, title: '电焊工', status: 'published', publishedAt: new Date(),
      occupationSystem: 'isco', occupationCode: '7212', iscoUnit: '7212', skills: ['电焊', '气割', '识图', '安全生产', '叉车'],
      wageMin: 5500, wageMax: 6500, wageMonthlyMin: 5500, wageMonthlyMax: 6500, educationMin: 'junior_secondary', experienceMinYears: 1,
      districtCode: w.districtA, ...TIANHE, ...over,
    })
    .returning({ id: vacancies.id });
  return v!.id;
}

async function seeker(over: Record<string, unknown> = {}): Promise<string> {
  const res = await call(w.keys.staffA, 'POST', '/seekers', seekerBody({
    skills: ['电焊', '气割', '识图', '安全生产'], desiredOccupations: [{ system: 'isco', code: '7212' }], desiredWageMin: 6000,
    education: 'senior_secondary', experienceYears: 5, lat: 23.125, lon: 113.361 + 8 / 102.3, ...over,
  }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const stored = async (vacancyId: string) =>
  (await sql()`select seeker_id, score from matches where direction = 'vacancy' and vacancy_id = ${vacancyId} order by score desc, seeker_id`).map((r) => ({ id: r.seeker_id as string, score: r.score as number }));

/** What the worker does for these records (without waiting for the outbox): features, the vacancy's list, each person's list. */
async function compute(vacancyId: string, seekerIds: string[]) {
  await refreshSeekerFeatures(sql(), seekerIds);
  const result = await recomputeVacancy(sql(), vacancyId, { force: true });
  for (const id of seekerIds) await recomputeSeeker(sql(), id, { force: true });
  return result;
}

const PERSONAL = (s: { name?: string; phone?: string; nationalId?: string; address?: string; ethnicity?: string }) =>
  [s.name, s.phone, s.nationalId, s.address, s.ethnicity, 'birthDate', 'birth_date', '"sex"', 'male', 'female', 'hukou', 'priority', 'age_4050', 'nationalId', 'phone']
    .filter((x): x is string => !!x);

describe('scoring and candidate generation', () => {
  it('stores each candidate with score components and zh/en reasons, best first', async () => {
    const v = await vacancy();
    const welder = await seeker({ name: '李强' });
    const nearby = await seeker({ name: '陈明', desiredOccupations: [{ system: 'isco', code: '7214' }], skills: ['电焊'], desiredWageMin: 7000 });
    const result = await compute(v, [welder, nearby]);
    expect(result).toMatchObject({ status: 'computed', candidates: 2, stored: 2 });

    const res = await call(w.keys.staffA, 'GET', `/vacancies/${v}/candidates?limit=10`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((i: { seekerId: string }) => i.seekerId)).toEqual([welder, nearby]);
    const top = body.items[0];
    expect(top.rank).toBe(1);
    expect(top.components).toMatchObject({ occupation: 1, skills: 0.8, wage: 1, education: 1, experience: 1 });
    const en = top.reasons.map((r: { en: string }) => r.en);
    expect(en).toContain('has 4 of 5 required skills: 电焊, 气割, 识图, 安全生产');
    expect(en).toContain('offer 6,500 ≥ expected 6,000');
    expect(en.some((r: string) => r === '5–10 km away')).toBe(true);
    expect(top.reasons.every((r: { zh: string }) => r.zh)).toBe(true);
    expect(body.items[1].components.occupation).toBe(0.7);

    const rows = await sql()`select seeker_id, score, components, reasons from matches where direction = 'vacancy' and vacancy_id = ${v} order by score desc`;
    expect(rows.map((r) => r.seeker_id)).toEqual([welder, nearby]);
    expect(rows[0]!.score).toBe(top.score);
    expect(Object.keys(rows[0]!.components).sort()).toEqual(['availability', 'distance', 'education', 'experience', 'freshness', 'occupation', 'skills', 'wage']);
  });

  it('scores only seekers the candidate rules admit: related occupation, shared skill or same district and major group', async () => {
    const v = await vacancy({ occupationCode: '7223', iscoUnit: '7223', skills: ['数控车床'], districtCode: w.districtB, lat: null, lon: null });
    const sameUnit = await seeker({ desiredOccupations: [{ system: 'isco', code: '7223' }], skills: ['数控车床'], districtCode: w.districtA });
    const sameSubMajor = await seeker({ desiredOccupations: [{ system: 'isco', code: '7231' }], skills: [], districtCode: w.districtA });
    const sharedSkill = await seeker({ desiredOccupations: [{ system: 'isco', code: '9329' }], skills: ['数控车床'], districtCode: w.districtA });
    const sameDistrictMajor = await seeker({ desiredOccupations: [{ system: 'isco', code: '7126' }], skills: [], districtCode: w.districtB });
    const unrelated = await seeker({ desiredOccupations: [{ system: 'isco', code: '5120' }], skills: ['烹饪'], districtCode: w.districtB });
    const sameMajorOtherDistrict = await seeker({ desiredOccupations: [{ system: 'isco', code: '7411' }], skills: ['电工'], districtCode: w.districtA });
    const res = await compute(v, [sameUnit, sameSubMajor, sharedSkill, sameDistrictMajor, unrelated, sameMajorOtherDistrict]);
    const ids = (await stored(v)).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([sameUnit, sameSubMajor, sharedSkill, sameDistrictMajor]));
    expect(ids).not.toContain(unrelated);
    expect(ids).not.toContain(sameMajorOtherDistrict);
    const [run] = await sql()`select candidates from match_runs where subject = 'vacancy' and subject_id = ${v}`;
    // Nobody outside the rules was even scored: the run saw exactly the admitted candidates.
    expect(run!.candidates).toBe(res.candidates);
    expect((await sql()`select count(*)::int as n from matches where direction = 'vacancy' and vacancy_id = ${v}`)[0]!.n).toBe(res.candidates);
    expect(ids[0]).toBe(sameUnit);
  });
});

describe('protected attributes never influence a score', () => {
  it('two profiles that differ only in name, sex, birth date, ethnicity, hukou, phone, address and priority status get identical scores and ranks', async () => {
    const v = await vacancy({ occupationCode: '7233', iscoUnit: '7233', skills: ['液压', '钳工'] });
    const others = [
      await seeker({ desiredOccupations: [{ system: 'isco', code: '7233' }], skills: ['液压'], experienceYears: 1 }),
      await seeker({ desiredOccupations: [{ system: 'isco', code: '7232' }], skills: ['液压', '钳工'], experienceYears: 9 }),
    ];
    const common = { desiredOccupations: [{ system: 'isco', code: '7233' }], skills: ['液压', '钳工', '焊接'], experienceYears: 4, desiredWageMin: 5800 };
    const twinA = await seeker({ ...common, name: '王建国', nationalId: makeNationalId({ birth: '1968-03-02', sex: 'male' }), phone: '13900001111', ethnicity: '汉族', hukouType: 'urban_local', address: '天河路1号', priorityGroups: ['age_4050'] });
    const twinB = await seeker({ ...common, name: '阿依古丽', nationalId: makeNationalId({ birth: '1999-11-20', sex: 'female', region: '650102' }), phone: '13700002222', ethnicity: '维吾尔族', hukouType: 'rural_nonlocal', address: '石牌街2号', priorityGroups: [] });
    await compute(v, [...others, twinA, twinB]);

    const list = await stored(v);
    const a = list.findIndex((r) => r.id === twinA);
    const b = list.findIndex((r) => r.id === twinB);
    expect(list[a]!.score).toBe(list[b]!.score);
    expect(Math.abs(a - b)).toBe(1); // tied: adjacent, nobody between them
    const rows = await sql()`select seeker_id, components, reasons from matches where direction = 'vacancy' and vacancy_id = ${v} and seeker_id in (${twinA}, ${twinB})`;
    expect(rows[0]!.components).toEqual(rows[1]!.components);
    expect(rows[0]!.reasons).toEqual(rows[1]!.reasons);

    // Their own lists of vacancies: same vacancies, same scores, same order.
    const mine = async (id: string) => (await sql()`select vacancy_id, score from matches where direction = 'seeker' and seeker_id = ${id} order by score desc, vacancy_id`).map((r) => [r.vacancy_id, r.score]);
    expect((await mine(twinA)).length).toBeGreaterThan(0);
    expect(await mine(twinA)).toEqual(await mine(twinB));
  });
});

describe('public welfare posts (公益性岗位)', () => {
  it('are proposed only to people in a priority group, and nobody else sees a priority effect', async () => {
    const v = await vacancy({ title: '社区保洁（公益性岗位）', occupationCode: '9112', iscoUnit: '9112', skills: ['保洁'], publicWelfare: true });
    const priority = await seeker({ desiredOccupations: [{ system: 'isco', code: '9112' }], skills: ['保洁'], priorityGroups: ['long_term_unemployed'], unemployedSince: '2024-01-01' });
    const regular = await seeker({ desiredOccupations: [{ system: 'isco', code: '9112' }], skills: ['保洁'], priorityGroups: [] });
    await compute(v, [priority, regular]);
    expect((await stored(v)).map((r) => r.id)).toEqual([priority]);

    const seekerList = async (id: string) => (await sql()`select vacancy_id from matches where direction = 'seeker' and seeker_id = ${id}`).map((r) => r.vacancy_id);
    expect(await seekerList(priority)).toContain(v);
    expect(await seekerList(regular)).not.toContain(v);

    const pair = await call(w.keys.staffA, 'GET', `/matches/${v}/${regular}`);
    expect(pair.statusCode).toBe(404);
    expect(pair.json().code).toBe('NOT_A_CANDIDATE');

    // On an ordinary post the same two people score the same.
    const ordinary = await vacancy({ title: '保洁员', occupationCode: '9112', iscoUnit: '9112', skills: ['保洁'] });
    await compute(ordinary, [priority, regular]);
    const scores = await stored(ordinary);
    expect(scores.find((r) => r.id === priority)!.score).toBe(scores.find((r) => r.id === regular)!.score);
  });
});

describe('recompute', () => {
  it('reruns end in the same rows; a rerun for a version already computed is skipped', async () => {
    const v = await vacancy({ occupationCode: '7115', iscoUnit: '7115', skills: ['木工'] });
    const s1 = await seeker({ desiredOccupations: [{ system: 'isco', code: '7115' }], skills: ['木工'] });
    const s2 = await seeker({ desiredOccupations: [{ system: 'isco', code: '7115' }], skills: [] });
    const now = new Date();
    for (const id of [s1, s2]) await recomputeSeeker(sql(), id, { force: true, now });
    await recomputeVacancy(sql(), v, { force: true, now });
    const snapshot = async () => sql()`select direction, seeker_id, score, components, reasons, computed_at from matches where vacancy_id = ${v} order by direction, seeker_id`;
    const first = await snapshot();
    expect(await recomputeVacancy(sql(), v, { force: true, now })).toMatchObject({ status: 'computed' });
    expect(await snapshot()).toEqual(first);
    expect(await recomputeVacancy(sql(), v)).toEqual({ status: 'up-to-date' });
    expect(await snapshot()).toEqual(first);
  });

  it('follows vacancy and profile changes through the outbox and the worker', async () => {
    const workers = await ctx.startWorkers();
    const v = await vacancy({ occupationCode: '7132', iscoUnit: '7132', skills: ['喷漆'] });
    // A registration through the API reaches the matcher via seekerChanged → outbox → worker.
    const painter = await seeker({ desiredOccupations: [{ system: 'isco', code: '7132' }], skills: ['喷漆'] });
    await eventually(async () => (await sql()`select 1 from match_seeker_features where seeker_id = ${painter} and active`).length > 0);
    // The vacancy was inserted directly: a PATCH through the API enqueues its job.
    const patched = await call(w.keys.staffA, 'PATCH', `/vacancies/${v}`, { skills: ['喷漆', '打磨'] });
    expect(patched.statusCode, patched.body).toBe(200);
    const row = await eventually(async () => {
      const [m] = await sql()`select m.reasons from matches m join match_runs r on r.subject = 'vacancy' and r.subject_id = m.vacancy_id
        join vacancies v on v.id = m.vacancy_id and v.version = r.version
        where m.direction = 'vacancy' and m.vacancy_id = ${v} and m.seeker_id = ${painter}`;
      return m;
    });
    expect(JSON.stringify(row.reasons)).toContain('has 1 of 2 required skills: 喷漆');

    // The person now wants to cook: they leave the painter vacancy's list.
    const moved = await call(w.keys.staffA, 'PATCH', `/seekers/${painter}`, { desiredOccupations: [{ system: 'isco', code: '5120' }], skills: ['烹饪'] });
    expect(moved.statusCode, moved.body).toBe(200);
    await eventually(async () => (await sql()`select 1 from matches where direction = 'vacancy' and vacancy_id = ${v} and seeker_id = ${painter}`).length === 0);
    const res = await call(w.keys.staffA, 'GET', `/vacancies/${v}/candidates`);
    expect(res.json().items.map((i: { seekerId: string }) => i.seekerId)).not.toContain(painter);
    // Later tests drive the matcher directly; a worker racing them would make their figures timing-dependent.
    await workers.close();
  });

  it('the nightly rematch refreshes features and every open vacancy; a closed vacancy keeps no candidates', async () => {
    const v = await vacancy({ occupationCode: '7124', iscoUnit: '7124', skills: ['保温'] });
    const s = await seeker({ desiredOccupations: [{ system: 'isco', code: '7124' }], skills: ['保温'] });
    const closed = await vacancy({ occupationCode: '7124', iscoUnit: '7124', skills: ['保温'] });
    await compute(closed, [s]);
    await sql()`update vacancies set status = 'closed', version = version + 1 where id = ${closed}`;
    const result = await rematchAll(sql(), { batch: 3 });
    expect(result.vacancies).toBeGreaterThan(0);
    expect((await stored(v)).map((r) => r.id)).toContain(s);
    expect(await stored(closed)).toEqual([]);
  });
});

describe('nightly batches', () => {
  it('write the same lists as one job per vacancy, and patch the lists of seekers already computed', async () => {
    const now = new Date();
    const vs = [await vacancy({ occupationCode: '7316', iscoUnit: '7316', skills: ['雕刻'] }), await vacancy({ occupationCode: '7316', iscoUnit: '7316', skills: ['雕刻', '描金'], wageMax: 9000, wageMonthlyMax: 9000 })];
    const people = [
      await seeker({ desiredOccupations: [{ system: 'isco', code: '7316' }], skills: ['雕刻', '描金'] }),
      await seeker({ desiredOccupations: [{ system: 'isco', code: '7316' }], skills: ['雕刻'], experienceYears: 0 }),
      await seeker({ desiredOccupations: [{ system: 'isco', code: '7318' }], skills: ['描金'] }),
    ];
    await refreshSeekerFeatures(sql(), people);
    const lists = async () => sql()`select direction, vacancy_id, seeker_id, score, components, reasons, vacancy_version, seeker_version, computed_at
      from matches where vacancy_id in ${sql()(vs)} order by direction, vacancy_id, seeker_id`;
    // Twice, so the first vacancy's skill rarity already counts the second one, as the batch does.
    for (const v of [...vs, ...vs]) await recomputeVacancy(sql(), v, { force: true, now });
    const oneByOne = await lists();
    const mine = (rows: typeof oneByOne) => rows.filter((r) => r.direction === 'vacancy' && people.includes(r.seeker_id));
    expect(mine(oneByOne)).toHaveLength(6);

    await sql()`delete from matches where vacancy_id in ${sql()(vs)}`;
    // A seeker with a list of their own gets both vacancies patched in by the batch.
    await recomputeSeeker(sql(), people[0]!, { force: true, now });
    await sql()`delete from matches where direction = 'vacancy' and vacancy_id in ${sql()(vs)}`;
    await sql()`delete from matches where direction = 'seeker' and vacancy_id in ${sql()(vs)}`;
    const result = await recomputeVacancies(sql(), vs, { now });
    expect(result).toMatchObject({ computed: 2, stale: 0 });
    const batched = await lists();
    expect(batched.filter((r) => r.direction === 'vacancy')).toEqual(oneByOne.filter((r) => r.direction === 'vacancy'));
    // Only the person who has a list of their own is patched; the others' lists are left to their own jobs.
    const patched = batched.filter((r) => r.direction === 'seeker' && people.includes(r.seeker_id));
    expect(patched.map((r) => [r.vacancy_id, r.seeker_id]).sort()).toEqual(vs.map((v) => [v, people[0]]).sort());
  });

  it('candidate lookups never plan a sequential scan of the seekers, even where one looks cheaper', async () => {
    const plan = async (tx: Parameters<Parameters<typeof withIndexScans>[1]>[0]) =>
      (await tx`explain select seeker_id from match_seeker_features where active and skill_keys && ${['txt:nobody-has-this']}::text[] limit 300`).map((r) => r['QUERY PLAN']).join('\n');
    // The few rows of a test database make a scan the natural plan, as a rare key does at 1M rows.
    expect(await plan(sql())).toContain('Seq Scan');
    const guarded = await withIndexScans(sql(), plan);
    expect(guarded).not.toContain('Seq Scan');
    expect(guarded).toContain('msf_skill_keys_gin');
  });
});

describe('who sees what', () => {
  let v: string;
  let visible: string;
  let hidden: string;
  const people = {
    visible: { name: '赵晓燕', phone: '13512345678', nationalId: makeNationalId({ birth: '1978-02-03', sex: 'female' }), address: '天河北路88号', ethnicity: '壮族' },
    hidden: { name: '钱多多', phone: '13698765432', nationalId: makeNationalId({ birth: '1975-07-08', sex: 'male' }), address: '体育西路3号', ethnicity: '汉族' },
  };
  beforeAll(async () => {
    v = await vacancy({ title: '建筑施工技术员', occupationCode: '3112', iscoUnit: '3112', skills: ['施工图识读'] });
    visible = await seeker({ ...people.visible, desiredOccupations: [{ system: 'isco', code: '3112' }], skills: ['施工图识读'], priorityGroups: ['age_4050'], consentSearchable: true });
    hidden = await seeker({ ...people.hidden, desiredOccupations: [{ system: 'isco', code: '3112' }], skills: ['施工图识读'], consentSearchable: false });
    await compute(v, [visible, hidden]);
  });

  it('an employer sees masked, consenting candidates of its own vacancy with scores and reasons, and no personal data', async () => {
    const res = await call(w.keys.employer1, 'GET', `/vacancies/${v}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { seekerId: string }) => i.seekerId)).toEqual([visible]);
    // No name-derived text for an employer: an alias of the id it already has.
    expect(items[0].profile).toEqual({ maskedName: seekerAlias(visible), skills: ['施工图识读'], experienceYears: 5, education: 'senior_secondary', districtCode: w.districtA });
    for (const bad of PERSONAL(people.visible)) expect(res.body).not.toContain(bad);
    expect(res.body).not.toContain(people.visible.nationalId.slice(-4));
  });

  it('staff see every active candidate, still masked', async () => {
    const res = await call(w.keys.staffB, 'GET', `/vacancies/${v}/candidates`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { seekerId: string }) => i.seekerId).sort()).toEqual([visible, hidden].sort());
    for (const bad of [...PERSONAL(people.visible), ...PERSONAL(people.hidden)]) expect(res.body).not.toContain(bad);
  });

  it("another employer's vacancy is not found, for candidates and for a pair", async () => {
    expect((await call(w.keys.employer2, 'GET', `/vacancies/${v}/candidates`)).statusCode).toBe(404);
    expect((await call(w.keys.employer2, 'GET', `/matches/${v}/${visible}`)).statusCode).toBe(404);
  });

  it('the pair breakdown gives components, weights, reasons and the stored rank, masked for the employer', async () => {
    const res = await call(w.keys.employer1, 'GET', `/matches/${v}/${visible}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ vacancyId: v, seekerId: visible, rank: expect.any(Number), profile: { maskedName: seekerAlias(visible) } });
    expect(body.weights.occupation + body.weights.skills).toBeCloseTo(0.6);
    const stored1 = (await stored(v)).find((r) => r.id === visible)!;
    expect(body.score).toBe(stored1.score);
    for (const bad of PERSONAL(people.visible)) expect(res.body).not.toContain(bad);
    // A person who did not consent to be found is not shown to an employer.
    expect((await call(w.keys.employer1, 'GET', `/matches/${v}/${hidden}`)).statusCode).toBe(404);
  });

  it('a seeker’s best vacancies are for staff only', async () => {
    const res = await call(w.keys.staffA, 'GET', `/seekers/${visible}/matches`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ rank: 1, vacancyId: expect.any(String), title: expect.any(String), reasons: expect.any(Array) });
    expect(res.json().items.map((i: { vacancyId: string }) => i.vacancyId)).toContain(v);
    expect((await call(w.keys.employer1, 'GET', `/seekers/${visible}/matches`)).statusCode).toBe(403);
    expect((await call(w.keys.organiser, 'GET', `/seekers/${visible}/matches`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/seekers/${visible}/matches`)).statusCode).toBe(401);
    expect((await call(w.keys.organiser, 'GET', `/vacancies/${v}/candidates`)).statusCode).toBe(403);
  });

  it('staff refer a matched candidate: a referral is created once; an unmatched person or an employer is refused', async () => {
    const res = await call(w.keys.staffA, 'POST', `/vacancies/${v}/candidates/${visible}/refer`, { note: '匹配推荐' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ seekerId: visible, vacancyId: v, officeId: w.officeAId, outcome: 'pending', note: '匹配推荐' });
    const rows = await sql()`select seeker_id, vacancy_id, note from referrals where seeker_id = ${visible} and vacancy_id = ${v}`;
    expect(rows).toHaveLength(1);

    const again = await call(w.keys.staffA, 'POST', `/vacancies/${v}/candidates/${visible}/refer`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE_REFERRAL');

    const stranger = await seeker({ desiredOccupations: [{ system: 'isco', code: '2411' }], skills: ['会计'] });
    const notMatched = await call(w.keys.staffA, 'POST', `/vacancies/${v}/candidates/${stranger}/refer`, {});
    expect(notMatched.statusCode).toBe(404);
    expect(notMatched.json().code).toBe('MATCH_NOT_FOUND');
    expect(await sql()`select 1 from referrals where seeker_id = ${stranger}`).toHaveLength(0);

    expect((await call(w.keys.employer1, 'POST', `/vacancies/${v}/candidates/${hidden}/refer`, {})).statusCode).toBe(403);
  });
});

describe('fairness audit', () => {
  it('reports matched / referred / hired shares by sex and age band against the pool and flags a ratio below four fifths', async () => {
    const weekStart = '2026-01-05';
    const v = await vacancy({ title: '行政文员', occupationCode: '4110', iscoUnit: '4110', skills: ['办公软件', '档案管理', '公文写作'], publishedAt: new Date('2026-01-06T02:00:00Z') });
    const clerk = (sex: 'male' | 'female', strong: boolean) =>
      seeker({
        nationalId: makeNationalId({ birth: '1990-05-05', sex }),
        desiredOccupations: [{ system: 'isco', code: '4110' }],
        skills: strong ? ['办公软件', '档案管理', '公文写作'] : [],
      });
    const men = [await clerk('male', true), await clerk('male', true), await clerk('male', true), await clerk('male', true)];
    const women = [await clerk('female', false), await clerk('female', false), await clerk('female', false), await clerk('female', false)];
    await compute(v, [...men, ...women]);
    const r1 = await call(w.keys.staffA, 'POST', `/vacancies/${v}/candidates/${men[0]}/refer`, {});
    expect(r1.statusCode, r1.body).toBe(201);
    expect((await call(w.keys.staffA, 'POST', `/vacancies/${v}/candidates/${women[0]}/refer`, {})).statusCode).toBe(201);
    const hired = await call(w.keys.employer1, 'POST', `/referrals/${r1.json().id}/outcome`, { outcome: 'hired', contractStart: '2026-02-01', contractMonths: 12, monthlyWage: 6000 });
    expect(hired.statusCode, hired.body).toBe(200);

    const res = await call(w.keys.staffA, 'GET', `/matching/fairness-audit?weekStart=${weekStart}&topN=4`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ vacancies: 1, topN: 4, pool: 8 });
    const sex = body.dimensions.find((d: { dimension: string }) => d.dimension === 'sex').groups;
    const male = sex.find((g: { group: string }) => g.group === 'male');
    const female = sex.find((g: { group: string }) => g.group === 'female');
    expect(male).toMatchObject({ pool: 4, poolShare: 0.5, matched: { count: 4, share: 1, rate: 1, impactRatio: 1, flagged: false }, referred: { count: 1, rate: 0.25, impactRatio: 1 }, hired: { count: 1, share: 1 } });
    expect(female).toMatchObject({ pool: 4, poolShare: 0.5, matched: { count: 0, share: 0, rate: 0, impactRatio: 0, flagged: true }, referred: { count: 1, impactRatio: 1, flagged: false }, hired: { count: 0, impactRatio: 0, flagged: true } });
    expect(body.flags).toEqual(expect.arrayContaining([{ dimension: 'sex', group: 'female', stage: 'matched', impactRatio: 0 }]));
    expect(body.minGroup).toBe(4);
    expect(body.explanation.zh).toContain('五分之四规则');
    expect(body.explanation.zh).not.toContain('四分之五');
    expect(body.explanation.zh).toContain('少于 4 人');
    // With the default minimum group (30), the same figures are shown but nothing is flagged:
    // one or two people in a group of 4 swing the ratio across 0.8 by chance.
    const strict = await fairnessAudit(ctx.resources.database.sql, { weekStart, topN: 4 }, 30);
    const strictFemale = strict.dimensions[0]!.groups.find((g) => g.group === 'female')!;
    expect(strictFemale.matched).toMatchObject({ impactRatio: 0, enoughPeople: false, flagged: false });
    expect(strict.flags).toEqual([]);
    const age = body.dimensions.find((d: { dimension: string }) => d.dimension === 'ageBand').groups;
    expect(age).toEqual([expect.objectContaining({ group: '35-44', pool: 8, poolShare: 1 })]);
    // Aggregates only.
    for (const id of [...men, ...women]) expect(res.body).not.toContain(id);
  });

  it('is for staff and admins only', async () => {
    expect((await call(w.keys.admin, 'GET', '/matching/fairness-audit')).statusCode).toBe(200);
    expect((await call(w.keys.employer1, 'GET', '/matching/fairness-audit')).statusCode).toBe(403);
    expect((await call(w.keys.organiser, 'GET', '/matching/fairness-audit')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/matching/fairness-audit')).statusCode).toBe(401);
    expect((await call(w.keys.staffA, 'GET', '/matching/fairness-audit?topN=0')).statusCode).toBe(400);
  });
});

