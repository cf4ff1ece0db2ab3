import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';

/**
 * Every route of the seekers, referrals and audit areas × every kind of caller. Each request is
 * built fresh per role (its own seeker or referral) so a success for one role cannot turn
 * into a 409 for the next.
 */
let ctx: TestContext;
let w: PeopleWorld;

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
});
afterAll(() => ctx.close());

type Who = 'none' | 'admin' | 'staff' | 'organiser' | 'employer';
const WHO: Who[] = ['none', 'admin', 'staff', 'organiser', 'employer'];
interface Req {
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  payload?: object;
}

const keyOf = (who: Who) =>
  ({ none: null, admin: w.keys.admin, staff: w.keys.staffA, organiser: w.keys.organiser, employer: w.keys.employer1 })[who];

async function newSeeker(): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/seekers', payload: seekerBody(), headers: bearer(w.keys.staffA) });
  return res.json().id;
}
async function newReferral(): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/referrals', payload: { seekerId: await newSeeker(), vacancyId: w.vacancy1Id }, headers: bearer(w.keys.staffA) });
  return res.json().id;
}

const ROUTES: { name: string; build: () => Promise<Req>; expect: Record<Who, number> }[] = [
  { name: 'POST /seekers', build: async () => ({ method: 'POST', url: '/seekers', payload: seekerBody({ officeId: w.officeAId }) }), expect: { none: 401, admin: 201, staff: 201, organiser: 403, employer: 403 } },
  { name: 'GET /seekers', build: async () => ({ method: 'GET', url: '/seekers' }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /seekers/:id', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}?reason=referral` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'PATCH /seekers/:id', build: async () => ({ method: 'PATCH', url: `/seekers/${await newSeeker()}`, payload: { experienceYears: 7 } }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'POST /seekers/:id/status', build: async () => ({ method: 'POST', url: `/seekers/${await newSeeker()}/status`, payload: { status: 'inactive' } }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /seekers/:id/referral-counts', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}/referral-counts` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /seekers/:id/matches', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}/matches` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'POST /referrals', build: async () => ({ method: 'POST', url: '/referrals', payload: { seekerId: await newSeeker(), vacancyId: w.vacancy1Id, officeId: w.officeAId } }), expect: { none: 401, admin: 201, staff: 201, organiser: 403, employer: 403 } },
  { name: 'GET /referrals', build: async () => ({ method: 'GET', url: '/referrals' }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /referrals/stats', build: async () => ({ method: 'GET', url: `/referrals/stats?officeId=${w.officeAId}` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /referrals/:id', build: async () => ({ method: 'GET', url: `/referrals/${await newReferral()}` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'POST /referrals/:id/outcome', build: async () => ({ method: 'POST', url: `/referrals/${await newReferral()}/outcome`, payload: { outcome: 'interviewed' } }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 200 } },
  { name: 'POST /placements', build: async () => ({ method: 'POST', url: '/placements', payload: { seekerId: await newSeeker(), employerId: w.employer1Id, contractStart: '2026-11-01', monthlyWage: 5000 } }), expect: { none: 401, admin: 201, staff: 201, organiser: 403, employer: 403 } },
  { name: 'GET /employer/referrals', build: async () => ({ method: 'GET', url: '/employer/referrals' }), expect: { none: 401, admin: 403, staff: 403, organiser: 403, employer: 200 } },
  // Personal data rights (src/modules/privacy): staff act for the person; employers never reach them.
  { name: 'GET /seekers/:id/consents', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}/consents` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'POST /seekers/:id/consents', build: async () => ({ method: 'POST', url: `/seekers/${await newSeeker()}/consents`, payload: { purpose: 'automated_matching', granted: false, channel: 'person_kiosk' } }), expect: { none: 401, admin: 201, staff: 201, organiser: 403, employer: 403 } },
  { name: 'POST /seekers/:id/erasure', build: async () => ({ method: 'POST', url: `/seekers/${await newSeeker()}/erasure`, payload: { reason: '本人申请' } }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /seekers/:id/export', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}/export?reason=copy` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /seekers/:id/export.html', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}/export.html?reason=copy` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  // The counter (issue 19)
  { name: 'GET /seekers/lookup', build: async () => ({ method: 'GET', url: `/seekers/lookup?q=${encodeURIComponent('张伟')}` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'POST /seekers/eligibility', build: async () => ({ method: 'POST', url: '/seekers/eligibility', payload: { priorityGroups: ['age_4050'], birthDate: '1970-01-01', sex: 'male' } }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /seekers/:id/record', build: async () => ({ method: 'GET', url: `/seekers/${await newSeeker()}/record` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /placements', build: async () => ({ method: 'GET', url: `/placements?officeId=${w.officeAId}` }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
  { name: 'GET /audit-log', build: async () => ({ method: 'GET', url: '/audit-log' }), expect: { none: 401, admin: 200, staff: 200, organiser: 403, employer: 403 } },
];

describe('role matrix', () => {
  for (const route of ROUTES) {
    for (const who of WHO) {
      it(`${route.name} as ${who} → ${route.expect[who]}`, async () => {
        const req = await route.build();
        const key = keyOf(who);
        const res = await ctx.app.inject({ ...req, headers: key ? bearer(key) : {} });
        expect(res.statusCode, res.body).toBe(route.expect[who]);
        if (res.statusCode >= 400) expect(res.json().code).toBe({ 401: 'UNAUTHORIZED', 403: 'FORBIDDEN' }[res.statusCode as 401 | 403]);
      });
    }
  }

  // Routes under these prefixes that belong to other areas (recruiter search is the search module's).
  const OTHER_AREAS = new Set(['GET /seekers/search']);

  it('every route of these areas is in the matrix and documented with a response schema', async () => {
    const spec = (await ctx.app.inject({ url: '/docs/json' })).json();
    const mine = Object.entries(spec.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)
      .filter(([p]) => /^\/(seekers|referrals|placements|employer\/referrals|audit-log)/.test(p))
      .flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ name: `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`, op })))
      .filter((r) => !OTHER_AREAS.has(r.name));
    expect(mine.map((r) => r.name).sort()).toEqual(ROUTES.map((r) => r.name).sort());
    for (const { name, op } of mine) {
      expect(Object.keys(op.responses).some((c) => c.startsWith('2')), name).toBe(true);
    }
  });
});
