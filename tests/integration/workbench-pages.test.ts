import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, creditCode, type World } from '../helpers/records.js';
import { recomputeVacancy, refreshSeekerFeatures } from '../../src/modules/matching/matching.service.js';
import { validNationalId } from '../e2e/workbench-helpers.js';

const ASSETS = fileURLToPath(new URL('../../src/web/app/', import.meta.url));
/** Every browser module under src/web/app (main.js, lib/, views/), relative to it. */
const jsFiles = () => (readdirSync(ASSETS, { recursive: true }) as string[]).filter((x) => x.endsWith('.js')).map((x) => x.replace(/\\/g, '/'));
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx?.close());

describe('GET /app', () => {
  it('serves the workbench shell with the strict CSP and no inline script, style or event attribute', async () => {
    const res = await ctx.app.inject({ url: '/app' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = res.body;
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\/app\//);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('loads every asset the shell and modules reference', async () => {
    const modules = jsFiles().map((f) => [`/app/${f}`, /javascript/] as const);
    expect(modules.length).toBeGreaterThan(8);
    for (const [path, type] of [...modules, ['/app/app.css', /text\/css/]] as const) {
      const res = await ctx.app.inject({ url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(type);
      expect(res.headers['content-security-policy']).toBeDefined();
    }
    expect((await ctx.app.inject({ url: '/app/nope.js' })).statusCode).toBe(404);
    // Notes kept beside the modules are not served.
    expect((await ctx.app.inject({ url: '/app/README.md' })).statusCode).toBe(404);
  });

  it('serves every module each module imports (no build step: the browser loads them as written)', async () => {
    for (const f of jsFiles()) {
      const src = readFileSync(`${ASSETS}${f}`, 'utf8');
      for (const [, rel] of src.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const url = new URL(rel!, `http://x/app/${f}`).pathname;
        expect((await ctx.app.inject({ url })).statusCode, `${f} imports ${rel}`).toBe(200);
      }
    }
    expect((await ctx.app.inject({ url: '/app' })).body).toContain('src="/app/main.js"');
  });

  it('keeps no copy of the server vocabulary: every list the pages use is in GET /vocabulary, no enum labels in i18n.js', async () => {
    const lists = (await ctx.app.inject({ url: '/vocabulary' })).json().lists as Record<string, { value: string; zh: string; en: string }[]>;
    const used = new Set<string>();
    for (const f of jsFiles()) for (const [, name] of readFileSync(`${ASSETS}${f}`, 'utf8').matchAll(/(?:vocabOptions|vlabel|terms)\('([A-Za-z]+)'/g)) used.add(name!);
    expect(used.size).toBeGreaterThanOrEqual(8);
    for (const name of used) expect(lists[name], name).toBeDefined();
    const i18n = readFileSync(`${ASSETS}lib/i18n.js`, 'utf8');
    expect(i18n).not.toMatch(/\b(ed|ct|kind|oc|ss)_[a-z_]+: \[/);
    expect(i18n).not.toMatch(/\bst_(draft|published|filled|expired|pending_review): \[/);
  });

  it('needs no key and is not rate limited like the public kiosk', async () => {
    const res = await ctx.app.inject({ url: '/app' });
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('never writes API data as HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write in the scripts', () => {
    for (const f of jsFiles()) {
      const src = readFileSync(`${ASSETS}${f}`, 'utf8');
      expect(src, f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
  });
});

/** The lists the workbench pages through: every one takes page/limit and order (or is ranked), bounded. */
describe('lists behind the workbench pages', () => {
  let w: World;
  let fairId: string;
  let vacancyId: string;
  const seekerIds: string[] = [];
  const get = (who: Record<string, string>, url: string) => ctx.app.inject({ method: 'GET', url, headers: who });

  beforeAll(async () => {
    w = await buildWorld(ctx);
    const sql = ctx.resources.database.sql;
    const start = new Date(Date.now() + 3 * 86400_000);
    const fair = await ctx.app.inject({
      method: 'POST', url: '/fairs', headers: w.as.organiser,
      payload: { name: '分页测试招聘会', kind: 'county_weekly', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), venue: '区人才市场' },
    });
    expect(fair.statusCode, fair.body).toBe(201);
    fairId = fair.json().id;
    const [{ office_id: officeId }] = await sql`select office_id from employers where id = ${w.employers.own}`;
    for (const [no, name, intentions] of [['A03', '丙公司', 5], ['A01', '甲公司', 1], ['A02', '乙公司', 9]] as const) {
      const [e] = await sql`insert into employers (name, credit_code, industry, size_band, office_id) values (${name}, ${creditCode()}, 'C', 'small', ${officeId}) returning id`;
      await sql`insert into fair_booths (fair_id, employer_id, booth_no, intentions_reached) values (${fairId}, ${e!.id}, ${no}, ${intentions})`;
    }
    const v = await ctx.app.inject({
      method: 'POST', url: '/vacancies', headers: w.as.employerOwn,
      payload: { title: '电焊工', occupationSystem: 'isco', occupationCode: '7212', skills: ['电焊'], wageMin: 6000, wageMax: 7000, districtCode: '440106' },
    });
    vacancyId = v.json().id;
    expect((await ctx.app.inject({ method: 'POST', url: `/vacancies/${vacancyId}/status`, headers: w.as.employerOwn, payload: { status: 'published' } })).statusCode).toBe(200);
    for (const [i, years] of [3, 8, 1].entries()) {
      const s = await ctx.app.inject({
        method: 'POST', url: '/seekers', headers: w.as.staff,
        payload: {
          registrationKind: 'job_seeking', name: `测试${i}`, nationalId: validNationalId('440106', '19850101', `10${i}`), education: 'junior_secondary',
          experienceYears: years, skills: ['电焊'], desiredOccupations: [{ system: 'isco', code: '7212' }], desiredWageMin: 5000, districtCode: '440106',
          availability: 'immediate', consentSearchable: true, consentContactViaReferral: false,
        },
      });
      expect(s.statusCode, s.body).toBe(201);
      seekerIds.push(s.json().id);
    }
    await refreshSeekerFeatures(sql, seekerIds);
    await recomputeVacancy(sql, vacancyId, { force: true });
  }, 60_000);

  it('pages, sorts and filters the booths of a fair; without page parameters it returns the whole floor plan', async () => {
    const all = (await get({}, `/fairs/${fairId}/booths`)).json();
    expect(all.items.map((b: { boothNo: string }) => b.boothNo)).toEqual(['A01', 'A02', 'A03']);
    expect(all).toMatchObject({ page: 1, pageSize: 500, total: 3 });
    const p2 = (await get({}, `/fairs/${fairId}/booths?pageSize=2&page=2`)).json();
    expect(p2.items.map((b: { boothNo: string }) => b.boothNo)).toEqual(['A03']);
    expect(p2.total).toBe(3);
    const byIntentions = (await get({}, `/fairs/${fairId}/booths?sort=intentions&order=desc`)).json();
    expect(byIntentions.items.map((b: { intentionsReached: number }) => b.intentionsReached)).toEqual([9, 5, 1]);
    const found = (await get({}, `/fairs/${fairId}/booths?q=${encodeURIComponent('乙')}`)).json();
    expect(found).toMatchObject({ total: 1, items: [{ boothNo: 'A02', employer: { name: '乙公司' } }] });
    // a literal % is searched for, not a wildcard
    expect((await get({}, `/fairs/${fairId}/booths?q=%25`)).json().total).toBe(0);
  });

  it('refuses a page size above the maximum, naming the parameter', async () => {
    for (const url of [`/fairs/${fairId}/booths?pageSize=501`, `/vacancies/${vacancyId}/candidates?limit=101`, `/vacancies/${vacancyId}/candidates?offset=-1`, '/audit-log?order=up', '/vacancies/review-queue?order=sideways']) {
      const res = await get(w.as.staff, url);
      expect(res.statusCode, url).toBe(400);
      const field = res.json().details[0].field as string;
      expect(url).toContain(field.replace(/^query\./, ''));
    }
  });

  it('slices the ranked candidates: ranks count from the best match, total says how many there are', async () => {
    const whole = (await get(w.as.staff, `/vacancies/${vacancyId}/candidates?limit=10`)).json();
    expect(whole.total).toBe(3);
    expect(whole.items.map((c: { rank: number }) => c.rank)).toEqual([1, 2, 3]);
    const second = (await get(w.as.staff, `/vacancies/${vacancyId}/candidates?limit=1&offset=1`)).json();
    expect(second.total).toBe(3);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({ rank: 2, seekerId: whole.items[1].seekerId, score: whole.items[1].score });
    const best = whole.items[0].score as number;
    const above = (await get(w.as.staff, `/vacancies/${vacancyId}/candidates?minScore=${best}`)).json();
    expect(above.items.every((c: { score: number }) => c.score >= best)).toBe(true);
    expect(above.total).toBe(above.items.length);
    const matches = (await get(w.as.staff, `/seekers/${seekerIds[0]}/matches?limit=5&offset=0`)).json();
    expect(typeof matches.total).toBe('number');
  });

  it('reads the audit log oldest first on request', async () => {
    for (const id of seekerIds) expect((await get(w.as.staff, `/seekers/${id}?reason=${encodeURIComponent('推荐前核对')}`)).statusCode).toBe(200);
    const desc = (await get(w.as.staff, '/audit-log?pageSize=100')).json().items.map((x: { id: number }) => x.id);
    const asc = (await get(w.as.staff, '/audit-log?pageSize=100&order=asc')).json().items.map((x: { id: number }) => x.id);
    expect(desc.length).toBeGreaterThanOrEqual(3);
    expect(asc).toEqual([...desc].reverse());
  });

  it('orders the review queue oldest first by default and newest first on request', async () => {
    const ids: string[] = [];
    for (const title of ['前台接待', '收银员']) {
      const v = await ctx.app.inject({ method: 'POST', url: '/vacancies', headers: w.as.employerOwn, payload: { title, requirements: '年龄18-25岁', districtCode: '440106' } });
      const held = await ctx.app.inject({ method: 'POST', url: `/vacancies/${v.json().id}/status`, headers: w.as.employerOwn, payload: { status: 'published' } });
      expect(held.json().status).toBe('pending_review');
      ids.push(v.json().id);
    }
    const oldest = (await get(w.as.staff, '/vacancies/review-queue')).json().items.map((x: { id: string }) => x.id);
    const newest = (await get(w.as.staff, '/vacancies/review-queue?order=desc')).json().items.map((x: { id: string }) => x.id);
    expect(oldest.filter((id: string) => ids.includes(id))).toEqual(ids);
    expect(newest.filter((id: string) => ids.includes(id))).toEqual([...ids].reverse());
  });
});
