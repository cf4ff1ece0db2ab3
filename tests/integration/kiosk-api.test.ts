import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import errorsPlugin from '../../src/plugins/errors.js';
import securityPlugin from '../../src/plugins/security.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';
import { baseRecords, insertEmployer, insertVacancy } from '../helpers/fixtures-search.js';

let ctx: TestContext;
let ids: { electrician: string; hostile: string; closed: string; expired: string; negotiable: string; fairJob: string };
let fairId: string;

const jsonLd = (html: string) => {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD block');
  return JSON.parse(m[1]!) as Record<string, any>;
};

beforeAll(async () => {
  ctx = await startTestApp();
  const { sql } = ctx.resources.database;
  const url = ctx.config.databaseUrl;
  const { officeId } = await baseRecords(sql);
  const employer = await insertEmployer(sql, officeId, '广州电力安装有限公司');
  const evil = await insertEmployer(sql, officeId, '<img src=x onerror=alert(1)>公司');
  const [fair] = await sql`insert into fairs (name, kind, starts_at, ends_at, venue, district_code, office_id, status)
    values ('天河区周六招聘会', 'weekly_saturday', now() + interval '1 day', now() + interval '1 day 4 hours', '天河人才市场', '440106', ${officeId}, 'planned')
    returning id`;
  fairId = fair!.id as string;
  await sql`insert into fair_booths (fair_id, employer_id, booth_no) values (${fairId}, ${employer}, 'A12')`;
  ids = {
    electrician: await insertVacancy(url, { title: '电工', employerId: employer, officeId, description: '负责厂区配电维护。', wageMonthlyMin: 6000, wageMonthlyMax: 8000, iscoUnit: '7411' }),
    hostile: await insertVacancy(url, {
      title: '<script>alert("t")</script>保安',
      employerId: evil,
      officeId,
      description: 'Night shifts </script><script>alert(1)</script> & "quotes"',
      iscoUnit: '5414',
    }),
    closed: await insertVacancy(url, { title: '已关闭岗位', employerId: employer, officeId, status: 'closed' }),
    expired: await insertVacancy(url, { title: '过期岗位', employerId: employer, officeId, expiresAt: new Date(Date.now() - 86400_000) }),
    negotiable: await insertVacancy(url, { title: '司机', employerId: employer, officeId, contractType: 'part_time', districtCode: '440104', iscoUnit: '8322' }),
    fairJob: await insertVacancy(url, { title: '装配工', employerId: employer, officeId, fairId, iscoUnit: '8219', wageMonthlyMin: 5000, wageMonthlyMax: 5000 }),
  };
});

afterAll(async () => {
  await ctx?.close();
});

describe('kiosk page', () => {
  it('serves HTML with a strict CSP and no inline script or style', async () => {
    const res = await ctx.app.inject({ url: '/kiosk' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    // every script has a src; no <style> blocks, no style= or on*= attributes
    const scripts = [...res.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toMatch(/\bsrc="\/kiosk\//);
    expect(res.body).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it('serves its assets with the right types', async () => {
    const js = await ctx.app.inject({ url: '/kiosk/kiosk.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const css = await ctx.app.inject({ url: '/kiosk/kiosk.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    expect((await ctx.app.inject({ url: '/kiosk/../app.ts' })).statusCode).toBe(404);
  });

  it('sends the standard security headers', async () => {
    const res = await ctx.app.inject({ url: '/kiosk' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const api = await ctx.app.inject({ url: '/health/live' });
    expect(api.headers['content-security-policy']).toBeDefined();
  });
});

describe('GET /v/:id', () => {
  it('renders a published vacancy with JobPosting JSON-LD', async () => {
    const res = await ctx.app.inject({ url: `/v/${ids.electrician}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<meta name="viewport"');
    expect(res.body).toContain('<h1>电工</h1>');
    const ld = jsonLd(res.body);
    expect(ld['@type']).toBe('JobPosting');
    expect(ld.title).toBe('电工');
    expect(ld.description).toContain('负责厂区配电维护');
    expect(new Date(ld.datePosted).getTime()).not.toBeNaN();
    expect(new Date(ld.validThrough).getTime()).toBeGreaterThan(Date.now());
    expect(ld.employmentType).toBe('FULL_TIME');
    expect(ld.hiringOrganization).toEqual({ '@type': 'Organization', name: '广州电力安装有限公司' });
    expect(ld.jobLocation.address.addressRegion).toBe('天河区');
    expect(ld.baseSalary).toEqual({
      '@type': 'MonetaryAmount',
      currency: 'CNY',
      value: { '@type': 'QuantitativeValue', minValue: 6000, maxValue: 8000, unitText: 'MONTH' },
    });
    // public fields only
    expect(res.body).not.toContain('13800138000');
    expect(res.body).not.toContain('王经理');
  });

  it('leaves out baseSalary when no pay is stated and says Negotiable', async () => {
    const res = await ctx.app.inject({ url: `/v/${ids.negotiable}` });
    expect(res.statusCode).toBe(200);
    const ld = jsonLd(res.body);
    expect(ld.baseSalary).toBeUndefined();
    expect(ld.employmentType).toBe('PART_TIME');
    expect(res.body).toContain('面议 Negotiable');
  });

  it('escapes markup in every field, and </script> inside the JSON-LD', async () => {
    const res = await ctx.app.inject({ url: `/v/${ids.hostile}` });
    expect(res.statusCode).toBe(200);
    // exactly one <script>: the JSON-LD block itself
    expect(res.body.match(/<script/gi)).toHaveLength(1);
    expect(res.body.match(/<\/script>/gi)).toHaveLength(1);
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;保安');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;公司');
    const ld = jsonLd(res.body);
    expect(ld.title).toBe('<script>alert("t")</script>保安');
    expect(ld.description).toContain('</script><script>alert(1)</script> & "quotes"');
    expect(ld.hiringOrganization.name).toBe('<img src=x onerror=alert(1)>公司');
  });

  it.each([
    ['closed', () => ids.closed],
    ['expired', () => ids.expired],
    ['unknown', () => '00000000-0000-4000-8000-000000000000'],
    ['malformed', () => 'not-a-uuid'],
  ])('when the vacancy is %s, returns a bilingual 404 page', async (_what, id) => {
    const res = await ctx.app.inject({ url: `/v/${id()}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('该岗位已关闭或不存在');
    expect(res.body).toContain('This vacancy is closed or does not exist');
    expect(res.body).not.toContain('application/ld+json');
  });
});

describe('GET /public/vacancies/:id/qr.svg', () => {
  it('returns an SVG QR code', async () => {
    const res = await ctx.app.inject({ url: `/public/vacancies/${ids.electrician}/qr.svg` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain('<path');
  });

  it('when the vacancy is closed, returns 404 with the error shape', async () => {
    const res = await ctx.app.inject({ url: `/public/vacancies/${ids.closed}/qr.svg` });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });
});

describe('GET /public/kiosk/home', () => {
  it('returns occupation groups 1–9, popular titles, districts and this week\'s fairs with counts of open vacancies', async () => {
    const res = await ctx.app.inject({ url: '/public/kiosk/home' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.occupationGroups.map((g: { code: string }) => g.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const g of body.occupationGroups) {
      expect(g).toEqual({ code: expect.any(String), nameZh: expect.any(String), nameEn: expect.any(String), count: expect.any(Number) });
    }
    const group = (code: string) => body.occupationGroups.find((g: { code: string }) => g.code === code).count;
    expect(group('7')).toBe(1); // electrician only
    expect(group('8')).toBe(2); // driver + assembler
    expect(group('5')).toBe(1);
    expect(group('1')).toBe(0);
    const titles = body.popularTitles.map((t: { title: string }) => t.title);
    expect(titles).toContain('电工');
    expect(titles).not.toContain('已关闭岗位');
    expect(titles).not.toContain('过期岗位');
    expect(body.districts).toEqual(
      expect.arrayContaining([
        { code: '440106', nameZh: '天河区', nameEn: 'Tianhe', count: 3 },
        { code: '440104', nameZh: '越秀区', nameEn: 'Yuexiu', count: 1 },
      ]),
    );
    expect(body.fairs).toEqual([
      expect.objectContaining({ id: fairId, name: '天河区周六招聘会', venue: '天河人才市场', districtNameZh: '天河区', vacancyCount: 1 }),
    ]);
    expect(body.total).toBe(4);
  });

  it('with fairId, counts only that fair\'s vacancies', async () => {
    const res = await ctx.app.inject({ url: `/public/kiosk/home?fairId=${fairId}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().popularTitles).toEqual([{ title: '装配工', count: 1 }]);
  });

  it('when fairId is not a uuid, returns 400 naming the field', async () => {
    const res = await ctx.app.inject({ url: '/public/kiosk/home?fairId=x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('query.fairId');
  });
});

describe('third-party UIs keep working under the CSP', () => {
  it('/docs loads with its own policy', async () => {
    const page = await ctx.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="swagger-ui">');
    expect(String(page.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
    const init = await ctx.app.inject({ url: '/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    expect((await ctx.app.inject({ url: '/docs/json' })).statusCode).toBe(200);
  });

  it('/admin/queues loads for an admin with its own policy', async () => {
    const auth = `Basic ${Buffer.from(`admin:${ctx.adminKey}`).toString('base64')}`;
    const res = await ctx.app.inject({ url: '/admin/queues', headers: { authorization: auth } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(String(res.headers['content-security-policy'])).toContain('https://fonts.googleapis.com');
  });
});

describe('rate limit on public routes', () => {
  async function smallApp(limit: number) {
    const app = Fastify({ genReqId: () => 'req-1' });
    await app.register(errorsPlugin);
    await app.register(securityPlugin, { publicRateLimit: limit });
    app.get('/public/ping', async () => ({ ok: true }));
    app.get('/v/:id', async () => 'page');
    app.get('/private/ping', async () => ({ ok: true }));
    await app.ready();
    return app;
  }

  it('after N requests from one IP, returns 429 with the error shape; other routes are not limited', async () => {
    const app = await smallApp(3);
    try {
      for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/public/ping' })).statusCode).toBe(200);
      const limited = await app.inject({ url: '/public/ping' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/Too many requests/), requestId: 'req-1' });
      expect(limited.headers['retry-after']).toBeDefined();
      const zh = await app.inject({ url: '/v/x', headers: { 'accept-language': 'zh-CN' } });
      expect(zh.statusCode).toBe(429);
      expect(zh.json().message).toMatch(/请求过于频繁/);
      for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/private/ping' })).statusCode).toBe(200);
      // another client has its own budget
      expect((await app.inject({ url: '/public/ping', remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('the full app limits public routes at the configured rate', async () => {
    const res = await ctx.app.inject({ url: '/public/kiosk/home' });
    expect(res.headers['x-ratelimit-limit']).toBe(String(ctx.config.publicRateLimit));
    const priv = await ctx.app.inject({ url: '/health/live' });
    expect(priv.headers['x-ratelimit-limit']).toBeUndefined();
  });
});
