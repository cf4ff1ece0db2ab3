import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createDatabase, type Database } from '../../src/db/client.js';
import { creditCodeProblem } from '../../src/lib/validators.js';
import { seedDemoCity } from '../../seeds/reference.js';
import { seedDemo } from '../../seeds/demo/index.js';
import { createTestDatabase } from '../helpers/test-db.js';

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
const now = new Date('2026-03-18T04:00:00Z');
const hashKey = 'test-hash-key-0123456789';

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = createDatabase(testDb.url, { max: 2 });
  await seedDemoCity(database.db);
});
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe('seedDemo', () => {
  it('creates a realistic city in under 60 s, and a second run changes nothing', async () => {
    const started = Date.now();
    // The size of the city that the original test asserted; `npm run dev` uses the larger defaults.
    const counts = await seedDemo(database.db, { now, hashKey, employers: 60, vacancies: 1500, seekers: 2000, weeks: 14 });
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(60_000);
    expect(counts).toMatchObject({ skipped: false, employers: 60, seekers: 2000 });
    expect(counts.vacancies).toBeGreaterThanOrEqual(1400);
    expect(counts.fairs).toBeGreaterThanOrEqual(20);
    expect(counts.referrals).toBeGreaterThan(1000);
    expect(counts.placements).toBeGreaterThan(100);

    const again = await seedDemo(database.db, { now, hashKey, employers: 60, vacancies: 1500, seekers: 2000, weeks: 14 });
    expect(again.skipped).toBe(true);
    const [{ n }] = (await database.sql`select count(*)::int as n from vacancies`) as unknown as [{ n: number }];
    expect(n).toBe(counts.vacancies);

    // A counter's "推荐请求" list is not empty: open requests for consenting, registered people,
    // on open vacancies, decided by the vacancy's office, never for a pair already referred.
    const requests = await database.sql`select r.status, s.consent_searchable, s.status as seeker_status, v.status as vacancy_status,
        r.office_id = v.office_id as vacancy_office, r.employer_id = v.employer_id as employer,
        exists (select 1 from referrals f where f.seeker_id = r.seeker_id and f.vacancy_id = r.vacancy_id) as referred
      from referral_requests r join seekers s on s.id = r.seeker_id join vacancies v on v.id = r.vacancy_id`;
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) {
      expect(r).toEqual({ status: 'requested', consent_searchable: true, seeker_status: 'active', vacancy_status: 'published', vacancy_office: true, employer: true, referred: false });
    }
  }, 90_000);

  it('employers have valid credit codes; seekers carry only a keyed hash of the national ID', async () => {
    const codes = await database.sql`select credit_code from employers`;
    expect(codes.every((r) => creditCodeProblem(r.credit_code) === null)).toBe(true);
    const seekers = await database.sql`select national_id_hash, national_id_last4, birth_date, sex from seekers limit 50`;
    for (const s of seekers) expect(s.national_id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(createHmac('sha256', hashKey).update('x').digest('hex')).toHaveLength(64);
  });

  it('vacancies are mostly published over the past 14 weeks, with some closed/expired and public welfare posts', async () => {
    const byStatus = Object.fromEntries((await database.sql`select status, count(*)::int as n from vacancies group by status`).map((r) => [r.status, r.n]));
    // Vacancies close (filled, withdrawn) or expire after 30–60 days, so about a third of 14 weeks' postings are open.
    expect(byStatus.published).toBeGreaterThan(300);
    expect((byStatus.closed ?? 0) + (byStatus.expired ?? 0) + (byStatus.filled ?? 0)).toBeGreaterThan(0);
    const [span] = await database.sql`select min(published_at) as lo, max(published_at) as hi from vacancies where published_at is not null`;
    expect(now.getTime() - new Date(span!.lo).getTime()).toBeLessThanOrEqual(14 * 7 * 86400_000 + 1000);
    expect(now.getTime() - new Date(span!.lo).getTime()).toBeGreaterThan(10 * 7 * 86400_000);
    const [pw] = await database.sql`select count(*)::int as n from vacancies where public_welfare`;
    expect(pw!.n).toBeGreaterThan(10);
    const [wage] = await database.sql`select count(*)::int as n from vacancies where wage_min > wage_max`;
    expect(wage!.n).toBe(0);
    const kinds = (await database.sql`select distinct kind from fairs`).map((r) => r.kind).sort();
    expect(kinds).toEqual(['city_theme_monthly', 'county_weekly', 'special_campaign', 'weekly_saturday']);
  });

  it('writes outbox rows for every published vacancy and every consenting seeker', async () => {
    const [v] = await database.sql`select
      (select count(*)::int from vacancies where status = 'published') as published,
      (select count(*)::int from outbox o join vacancies v on v.id = (o.payload->>'vacancyId')::uuid where o.job_name = 'search.sync-vacancy' and v.status = 'published') as queued`;
    expect(v!.queued).toBe(v!.published);
    const [s] = await database.sql`select
      (select count(*)::int from seekers where consent_searchable) as consenting,
      (select count(*)::int from outbox where job_name = 'search.sync-seeker') as queued`;
    expect(s!.queued).toBe(s!.consenting);
  });
});
