import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../helpers/records.js';
import { registeredRoutes, routeShape } from '../helpers/route-list.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Property-based hostile input on EVERY write route (issue 10), found from the app's route table,
 * so a write route added later is fuzzed without being listed here. Bodies are random and
 * boundary values for the fields the route's own schema declares (read from the OpenAPI
 * document); DELETE routes get hostile ids. A request must never answer 5xx, a refusal has the
 * error shape, and a refused request leaves every table as it was (no partial rows).
 * hostile-input.test.ts keeps the deeper per-endpoint runs and the CSV import.
 */
const WRITE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** Write routes not fuzzed here, each with the reason. */
const EXEMPT: Record<string, string> = {
  '/admin/queues': "bull-board's own routes (a library; admin only, tested by the route walk)",
  '/fairs/:/imports': 'file uploads: the random-CSV property in hostile-input.test.ts',
};
/** Tables whose row counts must not change when a request is refused (audit_log may record the attempt). */
const TABLES = ['employers', 'vacancies', 'seekers', 'fairs', 'fair_booths', 'referrals', 'placements', 'saved_searches', 'outbox', 'offices', 'districts', 'api_keys', 'wage_guidance_runs', 'supply_demand_reports', 'system_pings'];

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', "'; drop table vacancies; --", '<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")', '\u0000', '\uFFFF', '男女不限', '11010519491231002X', '2026-02-30', '9999-12-31T23:59:59Z', 'NaN', '-0', '1e309', '../../etc/passwd'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 63), Number.MAX_SAFE_INTEGER, 1e308),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const hostileId = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('0', '-1', "1' or '1'='1", '%00', '00000000-0000-0000-0000-000000000000', 'a'.repeat(300)));

let ctx: TestContext;
let w: World;
let openapi: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> };
/** Real ids for path parameters, by route shape prefix, so requests reach the handlers. */
let params: Record<string, string>;

async function snapshot(): Promise<Record<string, number>> {
  const [row] = await ctx.resources.database.sql.unsafe(`select ${TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`);
  return row as Record<string, number>;
}

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_PUBLIC_RATE_LIMIT: '1000000' } });
  w = await buildWorld(ctx);
  const post = async (url: string, payload: object, headers = w.as.admin) => {
    const res = await ctx.app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json().id as string;
  };
  const fair = await post('/fairs', { name: '周六招聘会', kind: 'weekly_saturday', startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T05:00:00Z', venue: '天河人才市场', districtCode: '440106', officeId: w.offices.tianhe });
  const vacancy = await post('/vacancies', { employerId: w.employers.own, title: '电工', description: '维修配电设备，持证上岗。' });
  await post(`/vacancies/${vacancy}/status`, { status: 'published' });
  const seeker = await post('/seekers', { registrationKind: 'job_seeking', name: '张三', nationalId: '11010519491231002X', consentSearchable: true, consentContactViaReferral: true }, w.as.staff);
  const booth = await post(`/fairs/${fair}/booths`, { employerId: w.employers.own, boothNo: 'A01' });
  const referral = await post('/referrals', { seekerId: seeker, vacancyId: vacancy }, w.as.staff);
  params = { fair, vacancy, seeker, booth, referral, office: w.offices.tianhe };
  openapi = (await ctx.app.inject({ url: '/docs/json' })).json();
}, 60_000);
afterAll(() => ctx?.close());

/** The path with real ids where the route's resource is known; other parameters get a fresh UUID. */
function pathFor(url: string): string {
  const ids: Record<string, string> = {
    '/fairs/:': params.fair!,
    '/fairs/:/booths/:': params.booth!,
    '/vacancies/:': params.vacancy!,
    '/vacancies/:/candidates/:': params.seeker!,
    '/seekers/:': params.seeker!,
    '/referrals/:': params.referral!,
    '/referral-requests/:': params.referral!,
    '/offices/:': params.office!,
    '/districts/:': '440106',
    '/admin/search/:': 'vacancies',
  };
  let built = '';
  for (const part of url.split('/').slice(1)) {
    const shape = `${routeShape(built)}/${part.startsWith(':') ? ':' : part}`;
    built += `/${part.startsWith(':') ? (ids[shape] ?? crypto.randomUUID()) : part}`;
  }
  return built;
}

function bodyFields(method: string, url: string): string[] {
  const shape = routeShape(url);
  for (const [path, ops] of Object.entries(openapi.paths)) {
    if (routeShape(path.replace(/\{([^}]+)\}/g, ':$1')) !== shape) continue;
    return Object.keys(ops[method.toLowerCase()]?.requestBody?.content['application/json']?.schema.properties ?? {});
  }
  return [];
}

const writeRoutes = () =>
  registeredRoutes(ctx.app).filter(
    (r) => WRITE.has(r.method) && !Object.keys(EXEMPT).some((p) => routeShape(r.url) === p || r.url.startsWith(`${p}/`)),
  );

describe('hostile input on every write route', () => {
  it('finds the write routes from the route table (so new ones are covered)', () => {
    const routes = writeRoutes();
    console.log(`fuzzing ${routes.length} write routes: ${routes.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('random and boundary bodies and ids never produce a 5xx, and a refused request writes nothing', async () => {
    const problems: string[] = [];
    let sent = 0;
    for (const { method, url } of writeRoutes()) {
      const fields = bodyFields(method, url);
      const request =
        method === 'DELETE'
          ? hostileId.map((id) => ({ url: pathFor(url).replace(/[^/]+$/, encodeURIComponent(id)), payload: undefined }))
          : fc
              .oneof(
                { weight: 4, arbitrary: fields.length ? fc.dictionary(fc.constantFrom(...fields), nasty, { maxKeys: fields.length }) : fc.constant({}) },
                { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
              )
              .map((body) => ({ url: pathFor(url), payload: body as object }));
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const before = await snapshot();
          const res = await ctx.app.inject({ method: method as 'POST', url: r.url, headers: w.as.admin, payload: r.payload });
          sent++;
          const label = `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)} for ${JSON.stringify(r.payload ?? r.url).slice(0, 200)}`;
          if (res.statusCode >= 500) return void problems.push(label);
          if (res.statusCode >= 400) {
            const json = res.json();
            if (typeof json.code !== 'string' || typeof json.message !== 'string' || typeof json.requestId !== 'string') problems.push(`${label} (error shape)`);
            const after = await snapshot();
            const changed = TABLES.filter((t) => after[t] !== before[t]);
            if (changed.length) problems.push(`${label} (refused, yet rows changed in ${changed.join(', ')})`);
          }
        }),
        { numRuns: 20, seed: 20261124 },
      );
    }
    console.log(`hostile write requests sent: ${sent}`);
    expect(problems.slice(0, 10)).toEqual([]);
  }, 300_000);
});

/** The values that used to reach Postgres or the search engine as 5xx/503 (trust issue). */
const HOSTILE_QUERY_VALUES = ['%00', 'a%00b', '%ED%A0%80', '%F0%9F%98%80', '1e309', '-1e309', 'Infinity', 'NaN', '99999999999999999999', '-99999999999999999999', '0000-01-01', '0000-01-01T00:00:00Z', '9999-12-31', '', '%27%20or%201%3D1'];
const HOSTILE_PATH_VALUES = ['%00', 'a%00b', '%ED%A0%80', '99999999999999999999', '1e309', '0000-01-01', '..%2F..%2Fetc'];

function queryFields(method: string, url: string): string[] {
  const shape = routeShape(url);
  for (const [path, ops] of Object.entries(openapi.paths)) {
    if (routeShape(path.replace(/\{([^}]+)\}/g, ':$1')) !== shape) continue;
    const op = ops[method.toLowerCase()] as { parameters?: { in: string; name: string }[] } | undefined;
    return (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  }
  return [];
}

describe('hostile query strings and path parameters on every route, public ones included', () => {
  it('NUL, surrogates, Infinity-like numbers, huge integers and year-0 dates never produce a 5xx or 503', async () => {
    const problems: string[] = [];
    let sent = 0;
    const routes = registeredRoutes(ctx.app).filter((r) => r.method !== 'OPTIONS' && !Object.keys(EXEMPT).some((p) => routeShape(r.url) === p || r.url.startsWith(`${p}/`)));
    for (const { method, url } of routes) {
      const base = pathFor(url);
      const attempts: string[] = [];
      for (const field of queryFields(method, url)) for (const v of HOSTILE_QUERY_VALUES) attempts.push(`${base}?${encodeURIComponent(field)}=${v}`);
      if (url.includes(':')) {
        for (const v of HOSTILE_PATH_VALUES) attempts.push(url.split('/').map((part) => (part.startsWith(':') ? v : part)).join('/'));
      }
      for (const target of attempts) {
        for (const headers of [w.as.admin, {}]) {
          const res = await ctx.app.inject({ method: method as 'GET', url: target, headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
          sent++;
          if (res.statusCode >= 500) problems.push(`${method} ${target} → ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
      }
    }
    console.log(`hostile query/path walk: ${sent} requests over ${routes.length} routes`);
    expect(problems).toEqual([]);
  }, 300_000);
});
