import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../helpers/records.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Property-based hostile input (issue 10): random and boundary values on every write endpoint
 * never produce a 5xx, and a refused request leaves no row behind.
 */
let ctx: TestContext;
let w: World;
let ids: { vacancy: string; fair: string; seeker: string };

const FIELDS: Record<string, string[]> = {
  employers: ['name', 'creditCode', 'industry', 'sizeBand', 'districtCode', 'address', 'contactName', 'contactPhone', 'officeId', 'verified'],
  vacancies: ['employerId', 'fairId', 'title', 'description', 'requirements', 'howToApply', 'occupationSystem', 'occupationCode', 'skills', 'headcount', 'wageMin', 'wageMax', 'wageUnit', 'educationMin', 'experienceMinYears', 'contractType', 'districtCode', 'lat', 'lon', 'publicWelfare', 'expiresAt', 'justifications', 'sex'],
  seekers: ['registrationKind', 'name', 'nationalId', 'phone', 'birthDate', 'sex', 'ethnicity', 'hukouType', 'address', 'districtCode', 'education', 'experienceYears', 'skills', 'desiredOccupations', 'desiredWageMin', 'availability', 'profileText', 'priorityGroups', 'consentSearchable', 'consentContactViaReferral', 'officeId'],
  fairs: ['name', 'kind', 'campaign', 'startsAt', 'endsAt', 'venue', 'districtCode', 'officeId', 'attendance'],
  referrals: ['seekerId', 'vacancyId', 'note'],
  placements: ['seekerId', 'vacancyId', 'employerId', 'contractStart', 'contractMonths', 'monthlyWage'],
};

/** Values people and attackers type: boundaries, wrong types, injection strings, huge and odd numbers. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', "'; drop table vacancies; --", '<script>alert(1)</script>', '=cmd|calc', '\u0000', '男女不限', '11010519491231002X', '91350100M000100Y43', '2026-02-30', '2026-11-23T08:00:00Z', 'NaN', '-1', '1e309'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const bodyFor = (fields: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...fields), nasty, { maxKeys: fields.length }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );

async function count(table: string): Promise<number> {
  const [r] = await ctx.resources.database.sql.unsafe(`select count(*)::int as n from ${table}`);
  return r!.n as number;
}

beforeAll(async () => {
  ctx = await startTestApp();
  w = await buildWorld(ctx);
  const fair = await ctx.app.inject({
    method: 'POST',
    url: '/fairs',
    headers: w.as.admin,
    payload: { name: '周六招聘会', kind: 'weekly_saturday', startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T05:00:00Z', venue: '天河人才市场', districtCode: '440106', officeId: w.offices.tianhe },
  });
  const vacancy = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.admin, payload: { employerId: w.employers.own, title: '电工', description: '维修配电设备，持证上岗。' } });
  const seeker = await ctx.app.inject({
    method: 'POST',
    url: '/seekers',
    headers: w.as.staff,
    payload: { registrationKind: 'job_seeking', name: '张三', nationalId: '11010519491231002X', consentSearchable: true, consentContactViaReferral: true },
  });
  ids = { fair: fair.json().id, vacancy: vacancy.json().id, seeker: seeker.json().id };
  expect(Object.values(ids).every(Boolean), JSON.stringify([fair.body, vacancy.body, seeker.body])).toBe(true);
});
afterAll(() => ctx.close());

const endpoints: { method: 'POST' | 'PATCH'; name: string; url: () => string; fields: string[]; table: string; creates: boolean }[] = [
  { method: 'POST', name: 'POST /employers', url: () => `/employers`, fields: FIELDS.employers!, table: 'employers', creates: true },
  { method: 'PATCH', name: 'PATCH /employers/:id', url: () => `/employers/${w.employers.own}`, fields: FIELDS.employers!, table: 'employers', creates: false },
  { method: 'POST', name: 'POST /vacancies', url: () => `/vacancies`, fields: FIELDS.vacancies!, table: 'vacancies', creates: true },
  { method: 'PATCH', name: 'PATCH /vacancies/:id', url: () => `/vacancies/${ids.vacancy}`, fields: FIELDS.vacancies!, table: 'vacancies', creates: false },
  { method: 'POST', name: 'POST /vacancies/:id/status', url: () => `/vacancies/${ids.vacancy}/status`, fields: ['status', 'reason'], table: 'vacancies', creates: false },
  { method: 'POST', name: 'POST /seekers', url: () => `/seekers`, fields: FIELDS.seekers!, table: 'seekers', creates: true },
  { method: 'PATCH', name: 'PATCH /seekers/:id', url: () => `/seekers/${ids.seeker}`, fields: FIELDS.seekers!, table: 'seekers', creates: false },
  { method: 'POST', name: 'POST /fairs', url: () => `/fairs`, fields: FIELDS.fairs!, table: 'fairs', creates: true },
  { method: 'POST', name: 'POST /fairs/:id/booths', url: () => `/fairs/${ids.fair}/booths`, fields: ['employerId', 'boothNo'], table: 'fair_booths', creates: true },
  { method: 'POST', name: 'POST /referrals', url: () => `/referrals`, fields: FIELDS.referrals!, table: 'referrals', creates: true },
  { method: 'POST', name: 'POST /placements', url: () => `/placements`, fields: FIELDS.placements!, table: 'placements', creates: true },
  { method: 'POST', name: 'POST /screening/check', url: () => `/screening/check`, fields: FIELDS.vacancies!, table: 'vacancies', creates: false },
  { method: 'POST', name: 'POST /saved-searches', url: () => `/saved-searches`, fields: ['name', 'kind', 'seekerId', 'query', 'channel'], table: 'saved_searches', creates: true },
  { method: 'POST', name: 'POST /occupations/code-title', url: () => `/occupations/code-title`, fields: ['title', 'k'], table: 'occupations', creates: false },
];

describe('random and boundary input on write endpoints', () => {
  it.each(endpoints.map((e) => [e.name, e] as const))(
    '%s never answers 5xx, and a refused request writes nothing',
    async (_name, e) => {
      await fc.assert(
        fc.asyncProperty(bodyFor(e.fields), async (body) => {
          const before = await count(e.table);
          const res = await ctx.app.inject({ method: e.method, url: e.url(), headers: w.as.admin, payload: body as object });
          expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 300)} for ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
          const json = res.json();
          if (res.statusCode >= 400) {
            expect(json).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
            if (e.creates) expect(await count(e.table)).toBe(before);
          }
        }),
        { numRuns: 60, seed: 20261123 },
      );
    },
    60_000,
  );

  it('a random CSV upload is accepted for import (202) or refused with a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (csv) => {
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/fairs/${ids.fair}/imports?allowCreateEmployers=true`,
          headers: { ...w.as.admin, 'content-type': 'text/csv' },
          payload: `岗位名称,统一社会信用代码,单位名称\n${csv}`,
        });
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  }, 60_000);
});
