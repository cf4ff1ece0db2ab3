import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/keys.js';
import { buildWorld, type World } from '../helpers/records.js';
import { registeredRoutes, routeShape } from '../helpers/route-list.js';
import { sampleValue, type JsonSchema } from '../helpers/sample-value.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';
import { createPerson } from '../helpers/sessions.js';
import { createSession } from '../../src/modules/accounts/sessions.js';
import { sessions } from '../../src/modules/accounts/accounts.table.js';
import { eq } from 'drizzle-orm';

/**
 * Every route × {no key, admin, staff, organiser, employer} (issue 10). The table below is the
 * access each route declares (its `app.authorize([...])` preHandler, or none). The walk fails
 * when the app has a route the table does not classify, when the table lists a route the app
 * does not have, and when any answer disagrees with the table: so a new route must be
 * classified here, and a route left unprotected by mistake shows up as a 2xx/4xx without a key.
 */
/** 'person': a signed-in person's own routes (sessions only; API keys get 403 PERSON_ONLY). */
type Access = 'public' | 'person' | Role[];

const A: Role[] = ['admin'];
const AS: Role[] = ['admin', 'staff'];
const ASE: Role[] = ['admin', 'staff', 'employer'];
const ASO: Role[] = ['admin', 'staff', 'organiser'];
const ALL: Role[] = ['admin', 'staff', 'organiser', 'employer'];

const EXPECTED: Record<string, Access> = {
  // health, API docs, static pages (they render no data: the pages call the API with a key)
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /docs': 'public',
  'GET /docs/': 'public',
  'GET /docs/*': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  'GET /app': 'public',
  'GET /app*': 'public',
  'GET /kiosk': 'public',
  'GET /kiosk*': 'public',
  // kiosk and public reads
  'GET /public/vacancies/search': 'public',
  'GET /public/vacancies/complete': 'public',
  'GET /public/vacancies/:id': 'public',
  'GET /public/vacancies/:id/qr.svg': 'public',
  'GET /public/kiosk/home': 'public',
  'GET /vocabulary': 'public',
  'GET /public/kiosk/vacancies/:id/typical-pay': 'public',
  'GET /v/:id': 'public',
  // vacancy change feed for partner systems (issue 23)
  'GET /public/feed/vacancies': 'public',
  'GET /fairs': 'public',
  'GET /fairs/:id': 'public',
  'GET /fairs/:id/booths': 'public',
  'GET /fairs/:id/stats': 'public',
  'GET /occupations': 'public',
  'GET /occupations/:system/:code': 'public',
  // published wage guidance (工资指导价位) and report styles
  'GET /wage-guidance': 'public',
  'GET /wage-guidance/trend': 'public',
  'GET /wage-guidance.csv': 'public',
  'GET /wage-guidance/report.html': 'public',
  'GET /wage-guidance/report.css': 'public',
  'GET /wage-guidance/price-table.css': 'public',
  'GET /wage-guidance/price-table.html': 'public',
  'GET /wage-guidance/price-table.csv': 'public',
  'GET /wage-guidance/price-table.xlsx': 'public',
  'GET /reports/supply-demand/report.css': 'public',
  // accounts and sessions (issue 17): signing in is public; these answer for the person signed in
  'POST /auth/sign-in': 'public',
  'POST /auth/password-reset': 'public',
  'POST /auth/links/accept': 'public',
  'POST /public/employer-registrations': 'public',
  'GET /me': ALL,
  'POST /auth/second-factor': 'person',
  'POST /auth/password': 'person',
  'POST /auth/totp/enrol': 'person',
  'POST /auth/totp/confirm': 'person',
  'POST /auth/recovery-codes': 'person',
  'DELETE /auth/totp': 'person',
  'POST /auth/sign-out': 'person',
  'POST /auth/sign-out-everywhere': 'person',
  'POST /admin/accounts': A,
  'GET /admin/accounts': A,
  'PATCH /admin/accounts/:id': A,
  'POST /admin/accounts/:id/unlock': A,
  'POST /admin/accounts/:id/second-factor-reset': A,
  'POST /admin/accounts/:id/sessions/end': A,
  'GET /employer-registrations': AS,
  'POST /employers/:id/verification': AS,
  // administration
  'POST /admin/pings': A,
  // Prometheus metrics (issue 23): an admin key, or the PES_METRICS_TOKEN bearer token
  'GET /metrics': A,
  'GET /admin/pings/:id': A,
  'POST /admin/api-keys': A,
  'GET /admin/api-keys': A,
  'DELETE /admin/api-keys/:id': A,
  'POST /admin/search/:index/reindex': A,
  'GET /admin/search/:index/drift': A,
  'POST /admin/saved-searches/run': A,
  'POST /offices': A,
  'PATCH /offices/:id': A,
  'POST /districts': A,
  'PATCH /districts/:code': A,
  'GET /offices': ALL,
  'GET /offices/:id': ALL,
  'GET /districts': ALL,
  'GET /districts/:code': ALL,
  'GET /audit-log': AS,
  // personal data rights (issue 21)
  'GET /seekers/:id/consents': AS,
  'POST /seekers/:id/consents': AS,
  'POST /seekers/:id/erasure': AS,
  'GET /seekers/:id/export': AS,
  'GET /seekers/:id/export.html': AS,
  'GET /admin/retention-runs': A,
  'POST /admin/retention/run': A,
  // employers, fairs, imports
  'GET /employers': ALL,
  'GET /employers/:id': ALL,
  'POST /employers': ASO,
  'PATCH /employers/:id': ASO,
  'POST /fairs': ASO,
  'PATCH /fairs/:id': ASO,
  'DELETE /fairs/:id': ASO,
  'POST /fairs/:id/status': ASO,
  'GET /fairs/:id/screening-stats': ASO,
  'POST /fairs/:id/booths': ASO,
  'PATCH /fairs/:id/booths/:boothId': ASO,
  'DELETE /fairs/:id/booths/:boothId': ASO,
  'POST /fairs/:fairId/imports': ASO,
  'GET /imports/template.csv': ASO,
  'GET /imports/template.json': ASO,
  'GET /imports/template.xlsx': ASO,
  // list exports (issue 19): every role reaches the route; each list then admits its own roles
  'GET /exports/:file': ALL,
  'GET /imports/:id': ASO,
  'GET /imports/:id/errors.csv': ASO,
  // vacancies and screening
  'GET /vacancies': ALL,
  'POST /vacancies': ALL,
  'GET /vacancies/:id': ALL,
  'PATCH /vacancies/:id': ALL,
  'POST /vacancies/:id/status': ALL,
  'POST /screening/check': ALL,
  'GET /screening/legal-bases': 'public',
  'POST /occupations/code-title': ALL,
  'GET /vacancies/review-queue': AS,
  'POST /vacancies/:id/review': AS,
  // job seekers (personal data): PES staff only
  'POST /seekers': AS,
  'GET /seekers': AS,
  'GET /seekers/:id': AS,
  'PATCH /seekers/:id': AS,
  'POST /seekers/:id/status': AS,
  'GET /seekers/:id/referral-counts': AS,
  'GET /seekers/:id/matches': AS,
  'GET /seekers/search': ASE,
  // the counter (issue 19)
  'GET /seekers/lookup': AS,
  'POST /seekers/eligibility': AS,
  'GET /seekers/:id/record': AS,
  // referrals and placements
  'POST /referrals': AS,
  'GET /referrals': AS,
  'GET /referrals/stats': AS,
  'GET /referrals/:id': AS,
  'POST /referrals/:id/outcome': ASE,
  'POST /placements': AS,
  'GET /employer/referrals': ['employer'],
  // referral requests (issue 19)
  'POST /vacancies/:id/referral-requests': ['employer'],
  'GET /vacancies/:id/referral-requests': ['employer'],
  'GET /placements': AS,
  'GET /referral-requests': AS,
  'POST /referral-requests/:id/decision': AS,
  // matching
  'GET /vacancies/:id/candidates': ASE,
  'GET /matches/:vacancyId/:seekerId': ASE,
  'POST /vacancies/:id/candidates/:seekerId/refer': AS,
  'GET /matching/fairness-audit': AS,
  // saved searches
  'POST /saved-searches': ASE,
  'GET /saved-searches': ASE,
  'GET /saved-searches/:id/alerts': ASE,
  'DELETE /saved-searches/:id': ASE,
  // reports
  'GET /reports/supply-demand': AS,
  'POST /reports/supply-demand/runs': AS,
  'GET /reports/supply-demand/:year/:week': AS,
  'GET /reports/supply-demand/:year/:week/report.html': AS,
  'GET /reports/supply-demand/:year/:week/:table': AS,
  'GET /reports/supply-demand/quarterly/:year/:quarter': AS,
  'GET /reports/supply-demand/quarterly/:year/:quarter/report.html': AS,
  'GET /reports/supply-demand/quarterly/:year/:quarter/ranking.html': AS,
  'GET /reports/supply-demand/quarterly/:year/:quarter/:table': AS,
  'POST /wage-guidance/runs': AS,
  'GET /wage-guidance/runs': AS,
};
/** bull-board's own routes (about 40, from the library): the dashboard scope admits admins only. */
const PREFIX_RULES: [string, Access][] = [['/admin/queues', A]];

/** Path parameter values that pass each route's schema; everything else is a fresh UUID. */
const PARAM_SAMPLES: Record<string, string> = {
  code: '440106',
  system: 'isco',
  index: 'vacancies',
  year: '2026',
  week: '10',
  table: 'total.csv',
  queueName: 'search-sync',
  queueStatus: 'completed',
  jobId: '1',
  schedulerId: 'walk',
  file: 'vacancies.csv',
};

type Who = 'none' | Role;
const WHO: Who[] = ['none', 'admin', 'staff', 'organiser', 'employer'];

let ctx: TestContext;
let w: World;
let keys: Record<Who, Record<string, string>>;
/** A person per role; each request gets a fresh session (a walked sign-out must not end the next request's). */
let people: Record<Exclude<Who, 'none'>, string>;
async function sessionHeaders(who: Who): Promise<Record<string, string>> {
  if (who === 'none') return {};
  const db = ctx.resources.database.db;
  const { token, session } = await createSession(db, ctx.config, people[who]);
  // The second factor was given (the sign-in flow itself is tested in accounts.test.ts).
  await db.update(sessions).set({ secondFactorAt: new Date() }).where(eq(sessions.id, session.id));
  return { cookie: `pes_session=${token}`, 'x-csrf-token': session.csrfToken };
}
let openapi: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>> };

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_PUBLIC_RATE_LIMIT: '100000', PES_AUTH_FAILURES_PER_IP: '100000' } });
  w = await buildWorld(ctx);
  keys = { none: {}, admin: w.as.admin, staff: w.as.staff, organiser: w.as.organiser, employer: w.as.employerOwn };
  people = {
    admin: (await createPerson(ctx, 'admin')).accountId,
    staff: (await createPerson(ctx, 'staff', { officeId: w.offices.tianhe })).accountId,
    organiser: (await createPerson(ctx, 'organiser', { officeId: w.offices.tianhe })).accountId,
    employer: (await createPerson(ctx, 'employer', { employerId: w.employers.own })).accountId,
  };
  openapi = (await ctx.app.inject({ url: '/docs/json' })).json();
}, 60_000);
afterAll(() => ctx?.close());

function expectedAccess(method: string, url: string): Access | undefined {
  const shape = routeShape(url);
  for (const [key, access] of Object.entries(EXPECTED)) {
    const [m, u] = key.split(' ');
    if (m === method && routeShape(u!) === shape) return access;
  }
  return PREFIX_RULES.find(([prefix]) => url === prefix || url.startsWith(`${prefix}/`))?.[1];
}

/** The documented operation for a route, if it is in the OpenAPI document. */
function operation(method: string, url: string) {
  const shape = routeShape(url);
  for (const [path, ops] of Object.entries(openapi.paths)) {
    if (routeShape(path.replace(/\{([^}]+)\}/g, ':$1')) === shape) return ops[method.toLowerCase()];
  }
  return undefined;
}

/** A request that passes the route's validation, so the answer is about who is asking. */
function sampleRequest(method: string, url: string): InjectOptions & { url: string; headers?: Record<string, string> } {
  const path = url
    .replace(/:([^/|]+)(\|:[^/]+)*/g, (_, name: string) => encodeURIComponent(PARAM_SAMPLES[name] ?? crypto.randomUUID()))
    .replace(/\/?\*$/, '/walk.txt');
  const op = operation(method, url);
  const query = new URLSearchParams();
  for (const p of op?.parameters ?? []) {
    if (p.in === 'query' && p.required && p.schema.default === undefined) query.set(p.name, String(sampleValue(p.schema, p.name)));
  }
  const qs = query.size ? `?${query}` : '';
  const m = method as InjectOptions['method'];
  if (method === 'GET' || method === 'DELETE') return { method: m, url: path + qs };
  if (url.endsWith('/imports')) return { method: m, url: path + qs, headers: { 'content-type': 'text/csv' }, payload: '外部编号,岗位名称\nW-1,电工' };
  const schema = op?.requestBody?.content['application/json']?.schema;
  return { method: m, url: path + qs, payload: schema ? (sampleValue(schema) as object) : {} };
}

describe('every route × every role', () => {
  it('the table classifies every registered route, and lists no route the app lacks', () => {
    const routes = registeredRoutes(ctx.app);
    expect(routes.length).toBeGreaterThan(100);
    const unclassified = routes.filter((r) => expectedAccess(r.method, r.url) === undefined).map((r) => `${r.method} ${r.url}`);
    expect(unclassified, 'classify these routes in EXPECTED').toEqual([]);
    const shapes = new Set(routes.map((r) => `${r.method} ${routeShape(r.url)}`));
    const stale = Object.keys(EXPECTED).filter((k) => {
      const [m, u] = k.split(' ');
      return !shapes.has(`${m} ${routeShape(u!)}`);
    });
    expect(stale, 'these EXPECTED routes are not registered').toEqual([]);
  });

  for (const mode of ['key', 'session'] as const) {
    it(`no credential → 401 on protected routes; a role not allowed → 403; allowed roles and public routes pass the gate, never 5xx (${mode}s)`, async () => {
      const problems: string[] = [];
      let walked = 0;
      for (const { method, url } of registeredRoutes(ctx.app)) {
        const access = expectedAccess(method, url)!;
        for (const who of WHO) {
          const req = sampleRequest(method, url);
          const cred = mode === 'key' ? keys[who] : await sessionHeaders(who);
          const res = await ctx.app.inject({ ...req, headers: { ...req.headers, ...cred } });
          walked++;
          const body = res.body.slice(0, 160);
          const roleDenied = res.statusCode === 403 && /Role \w+ may not do this/.test(res.body);
          const personOnly = res.statusCode === 403 && res.json().code === 'PERSON_ONLY';
          const label = `${method} ${req.url} as ${who} (${mode}): ${res.statusCode} ${body}`;
          // A wildcard (static folder, a plugin's catch-all) asked for a file it does not have: nothing is served.
          const noSuchPage = url.endsWith('*') && res.statusCode === 404 && res.json().code === 'ROUTE_NOT_FOUND';
          // Signing in with the walk's sample user name and password is rightly refused.
          const signInRefused = res.statusCode === 401 && res.json().code === 'BAD_CREDENTIALS';
          if (res.statusCode >= 500) problems.push(`${label} (5xx)`);
          else if (noSuchPage) continue;
          else if (access === 'public') {
            if ((res.statusCode === 401 && !signInRefused) || roleDenied) problems.push(`${label} (public route refused)`);
          } else if (who === 'none') {
            if (res.statusCode !== 401) problems.push(`${label} (expected 401)`);
            else if (res.json().code !== 'UNAUTHORIZED') problems.push(`${label} (expected code UNAUTHORIZED)`);
          } else if (access === 'person') {
            if (mode === 'key' && !personOnly) problems.push(`${label} (expected 403 PERSON_ONLY for a key)`);
            if (mode === 'session' && (res.statusCode === 401 || roleDenied || personOnly)) problems.push(`${label} (a person refused their own route)`);
          } else if (!access.includes(who)) {
            if (!roleDenied) problems.push(`${label} (expected 403 for ${who})`);
          } else if (res.statusCode === 401 || roleDenied) {
            problems.push(`${label} (allowed role refused)`);
          }
        }
      }
      console.log(`route walk (${mode}s): ${walked} requests over ${walked / WHO.length} routes`);
      expect(walked).toBeGreaterThan(500);
      expect(problems).toEqual([]);
    }, 180_000);
  }

  it('the OpenAPI document marks exactly the protected routes as needing a key', () => {
    const wrong: string[] = [];
    for (const { method, url } of registeredRoutes(ctx.app)) {
      const op = operation(method, url);
      if (!op) continue; // hidden from the docs (pages, the queue dashboard)
      const access = expectedAccess(method, url)!;
      const documented = (op.security ?? []).length > 0;
      if (documented !== (access !== 'public')) wrong.push(`${method} ${url}: ${access === 'public' ? 'public, documented as needing a key' : 'needs a key, documented as public'}`);
    }
    expect(wrong).toEqual([]);
  });
});
