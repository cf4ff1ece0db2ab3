import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReference } from '../../seeds/reference.js';
import { seedDemo } from '../../seeds/demo/index.js';
import { reindex } from '../../src/search/sync.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * DESIGN.md invariant 2 over the demo city: every public and employer-facing response is
 * scanned for job seekers' personal data. The only exception is the contact (name, phone) that
 * a referral released to that one employer.
 */
let ctx: TestContext;
let people: { id: string; name: string; phone: string | null; address: string | null; birth_date: string }[];

beforeAll(async () => {
  ctx = await startTestApp();
  const { db, sql } = ctx.resources.database;
  await seedReference(db);
  await seedDemo(db, { now: new Date(), hashKey: ctx.config.hashKey });
  await reindex(sql, ctx.resources.search, 'vacancies');
  await reindex(sql, ctx.resources.search, 'seekers');
  people = (await sql`select id, name, phone, address, birth_date::text from seekers`) as unknown as typeof people;
}, 120_000);
afterAll(() => ctx.close());

/** Personal data of seekers (optionally except some), found in a response body. */
function leaks(body: string, except: Set<string> = new Set()) {
  const found: string[] = [];
  // Synthetic names repeat: another person called like a released one is not a leak.
  const releasedNames = new Set(people.filter((p) => except.has(p.id)).map((p) => p.name));
  for (const p of people) {
    if (except.has(p.id)) continue;
    if (releasedNames.has(p.name)) continue;
    // Two-character names (王伟) also occur inside ordinary words; three or more are specific.
    if (p.name.length >= 3 && body.includes(p.name)) found.push(`name ${p.name}`);
    if (p.phone && body.includes(p.phone)) found.push(`phone ${p.phone}`);
    if (p.address && body.includes(p.address)) found.push(`address ${p.address}`);
  }
  for (const m of body.matchAll(/\b\d{17}[\dX]\b/g)) found.push(`national ID ${m[0]}`);
  return found;
}

describe('personal data in public and employer responses of the demo data', () => {
  it('the scanner does find personal data where it is allowed (staff reading a profile, audited)', async () => {
    const person = people.find((p) => p.name.length >= 3 && p.phone)!;
    const { sql } = ctx.resources.database;
    const [office] = await sql`select office_id from seekers where id = ${person.id}`;
    const staff = bearer(await ctx.keyFor('staff', { officeId: office!.office_id }));
    const res = await ctx.app.inject({ url: `/seekers/${person.id}?reason=counselling`, headers: staff });
    expect(res.statusCode).toBe(200);
    expect(leaks(res.body)).toEqual(expect.arrayContaining([`name ${person.name}`, `phone ${person.phone}`]));
  });

  it('public endpoints carry none', async () => {
    const { sql } = ctx.resources.database;
    const vacancyIds = (await sql`select id from vacancies where status = 'published' limit 5`).map((r) => r.id as string);
    const fairIds = (await sql`select id from fairs limit 3`).map((r) => r.id as string);
    const urls = [
      '/public/vacancies/search?pageSize=50&facets=districtCode,contractType,educationMin,publicWelfare,iscoMajor',
      '/public/vacancies/search?q=java&pageSize=50',
      '/public/vacancies/search?q=%E6%99%AE%E5%B7%A5&pageSize=50',
      '/public/kiosk/home',
      '/fairs',
      '/occupations?q=%E7%94%B5%E5%B7%A5',
      ...vacancyIds.flatMap((id) => [`/public/vacancies/${id}`, `/v/${id}`]),
      ...fairIds.flatMap((id) => [`/fairs/${id}`, `/fairs/${id}/booths`, `/fairs/${id}/stats`]),
    ];
    for (const url of urls) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(leaks(res.body), url).toEqual([]);
    }
  });

  it('an employer sees no personal data except the contacts its own referrals released', async () => {
    const { sql } = ctx.resources.database;
    // Verified employers: an unverified one sees no candidates at all (403, issue 17).
    const employers = (await sql`select distinct v.employer_id as id from referrals r join vacancies v on v.id = r.vacancy_id join employers e on e.id = v.employer_id where e.verified limit 5`).map((r) => r.id as string);
    expect(employers.length).toBeGreaterThan(0);
    for (const employerId of employers) {
      const key = bearer(await ctx.keyFor('employer', { employerId }));
      const released = new Set(
        (await sql`select r.seeker_id from referrals r join vacancies v on v.id = r.vacancy_id where v.employer_id = ${employerId}`).map((r) => r.seeker_id as string),
      );
      // Public welfare posts answer 403 STAFF_REFERRAL_ONLY for every candidate list (issue 15), checked below.
      const own = (await sql`select id from vacancies where employer_id = ${employerId} and not public_welfare order by id limit 3`).map((r) => r.id as string);
      const welfare = (await sql`select id from vacancies where employer_id = ${employerId} and public_welfare order by id limit 1`).map((r) => r.id as string);
      for (const id of welfare) {
        const res = await ctx.app.inject({ url: `/vacancies/${id}/candidates?limit=50`, headers: key });
        expect(res.statusCode, id).toBe(403);
        expect(res.json().code).toBe('STAFF_REFERRAL_ONLY');
        expect(leaks(res.body)).toEqual([]);
      }
      const urls = ['/vacancies?pageSize=100', '/seekers/search?pageSize=50', ...own.map((id) => `/vacancies/${id}/candidates?limit=50`), '/seekers/search?q=%E7%BB%8F%E9%AA%8C&pageSize=50', `/employers/${employerId}`, ...own.map((id) => `/vacancies/${id}`)];
      for (const url of urls) {
        const res = await ctx.app.inject({ url, headers: key });
        expect(res.statusCode, url).toBe(200);
        expect(leaks(res.body), `${url} as employer ${employerId}`).toEqual([]);
      }
      const referrals = await ctx.app.inject({ url: '/employer/referrals?pageSize=100', headers: key });
      expect(referrals.statusCode).toBe(200);
      expect(leaks(referrals.body, released), 'employer referrals').toEqual([]);
    }
  });
});
