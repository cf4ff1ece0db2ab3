import { escapeHtml, htmlDocument } from '../lib/html.js';
import { CONTRACT_TYPES, EDUCATION_LEVELS, ISCO_MAJOR_GROUPS as VOCAB_ISCO_MAJOR_GROUPS, type Term } from '../vocabulary/index.js';
import { kioskHomeRows } from './kiosk.queries.js';
import { typicalPay } from '../modules/wage-guidance/index.js';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import fastifyStatic from '@fastify/static';
import { isPageAsset } from '../lib/http.js';
import { Type } from '@sinclair/typebox';
import QRCode from 'qrcode';
import type postgres from 'postgres';
import { notFound } from '../lib/errors.js';
import { errorResponses, Nullable, Uuid } from '../lib/http.js';
import { loadVacancyDocs, type VacancyDoc } from '../search/documents.js';

const ASSETS = fileURLToPath(new URL('./kiosk/', import.meta.url));
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ISCO-08 major groups from the vocabulary: the kiosk's occupation tiles (armed forces, group 0, are not advertised here). */
export const ISCO_MAJOR_GROUPS: { code: string; nameZh: string; nameEn: string }[] = VOCAB_ISCO_MAJOR_GROUPS.filter((g) => g.value !== '0').map(
  (g) => ({ code: g.value, nameZh: g.zh, nameEn: g.en }),
);

const KioskHome = Type.Object({
  occupationGroups: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String(), count: Type.Integer() })),
  popularTitles: Type.Array(Type.Object({ title: Type.String(), count: Type.Integer() })),
  districts: Type.Array(
    Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Nullable(Type.String()), count: Type.Integer() }),
  ),
  fairs: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      startsAt: Type.String({ format: 'date-time' }),
      endsAt: Type.String({ format: 'date-time' }),
      venue: Type.String(),
      districtNameZh: Nullable(Type.String()),
      districtNameEn: Nullable(Type.String()),
      status: Type.String(),
      vacancyCount: Type.Integer(),
    }),
  ),
  total: Type.Integer({ description: 'open vacancies counted (in the fair when fairId is given)' }),
});

const iso = (v: unknown) => new Date(v as string).toISOString();

const KioskTypicalPay = Type.Object({
  typicalPay: Nullable(
    Type.Object(
      {
        p25: Type.Number({ description: 'lower quartile of offered monthly pay, CNY' }),
        p75: Type.Number({ description: 'upper quartile of offered monthly pay, CNY' }),
        periodKind: Type.String(),
        periodStart: Type.String({ format: 'date' }),
        occupationCode: Type.String({ description: 'ISCO-08 code of the published cell (the unit group, or its minor group when the unit is withheld)' }),
        level: Type.Integer(),
      },
      { description: 'published wage guidance for the occupation; null when no published cell covers it' },
    ),
  ),
});

/** Tile data straight from the records: published, unexpired vacancies only; no personal data exists here. */
async function kioskHome(sql: postgres.Sql, fairId?: string) {
  const { groups, titles, districts, fairs, total } = await kioskHomeRows(sql, fairId);
  const byGroup = new Map(groups.map((g) => [g.key, g.n]));
  return {
    occupationGroups: ISCO_MAJOR_GROUPS.map((g) => ({ ...g, count: byGroup.get(g.code) ?? 0 })),
    popularTitles: titles.map((t) => ({ title: t.key, count: t.n })),
    districts: districts.map((d) => ({ code: d.code, nameZh: d.name_zh, nameEn: d.name_en, count: d.n })),
    fairs: fairs.map((f) => ({
      id: f.id,
      name: f.name,
      startsAt: iso(f.starts_at),
      endsAt: iso(f.ends_at),
      venue: f.venue,
      districtNameZh: f.name_zh,
      districtNameEn: f.name_en,
      status: f.status,
      vacancyCount: f.n,
    })),
    total,
  };
}

// ── /v/:id: the page a phone opens from the QR code ───────────────────────────────────────────


/** JSON for a <script> data block: no `</script>`, `<!--` or line separators can end or confuse it. */
export const jsonForScript = (v: unknown) =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const EMPLOYMENT_TYPE: Record<string, string> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  temporary: 'TEMPORARY',
  internship: 'INTERN',
  flexible: 'OTHER',
};
// The vacancy page shows both languages side by side: "全职 Full-time".
const bilingual = (list: readonly Term[]): Record<string, string> => Object.fromEntries(list.map((t) => [t.value, `${t.zh} ${t.en}`]));
const CONTRACT_LABEL = bilingual(CONTRACT_TYPES);
const EDUCATION_LABEL = bilingual(EDUCATION_LEVELS);

export function jobPosting(v: VacancyDoc, publicBaseUrl: string) {
  return {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: v.title,
    description: [v.description, v.requirements, v.howToApply].filter(Boolean).join('\n\n') || v.title,
    identifier: { '@type': 'PropertyValue', name: v.employerName, value: v.id },
    datePosted: v.publishedAt,
    ...(v.expiresAt ? { validThrough: v.expiresAt } : {}),
    employmentType: EMPLOYMENT_TYPE[v.contractType] ?? 'OTHER',
    hiringOrganization: { '@type': 'Organization', name: v.employerName },
    jobLocation: {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressRegion: v.districtNameZh ?? v.districtNameEn ?? '',
        addressCountry: 'CN',
      },
    },
    ...(v.wageStated
      ? {
          baseSalary: {
            '@type': 'MonetaryAmount',
            currency: 'CNY',
            value: {
              '@type': 'QuantitativeValue',
              ...(v.wageMin !== null ? { minValue: v.wageMin } : {}),
              ...(v.wageMax !== null ? { maxValue: v.wageMax } : {}),
              unitText: 'MONTH',
            },
          },
        }
      : {}),
    totalJobOpenings: v.headcount,
    url: `${publicBaseUrl}/v/${v.id}`,
  };
}

const fmtDate = (s: string | null) => (s ? s.slice(0, 10) : '');

function wageText(v: VacancyDoc): string {
  if (!v.wageStated) return '面议 Negotiable';
  const n = (x: number) => x.toLocaleString('en-US');
  const range = v.wageMin !== null && v.wageMax !== null && v.wageMin !== v.wageMax
    ? `${n(v.wageMin)}–${n(v.wageMax)}`
    : n((v.wageMin ?? v.wageMax)!);
  return `${range} 元/月 CNY/month`;
}

function page(opts: { title: string; body: string; head?: string }): string {
  return htmlDocument({ lang: 'zh', stylesheet: '/kiosk/vacancy-page.css', ...opts });
}

type TypicalPay = { p25: number; p75: number } | null;

function vacancyPage(v: VacancyDoc, publicBaseUrl: string, typical: TypicalPay = null): string {
  const row = (zh: string, en: string, value: string) =>
    value ? `<div class="row"><dt>${zh} <span lang="en">${en}</span></dt><dd>${escapeHtml(value)}</dd></div>` : '';
  const section = (zh: string, en: string, text: string) =>
    text ? `<section><h2>${zh} <span lang="en">${en}</span></h2><p class="text">${escapeHtml(text)}</p></section>` : '';
  const district = [v.districtNameZh, v.districtNameEn].filter(Boolean).join(' ');
  const fair = v.fairName ? `${v.fairName}${v.boothNo ? ` · 展位 Booth ${v.boothNo}` : ''}` : '';
  return page({
    title: `${v.title} · ${v.employerName}`,
    head: `<script type="application/ld+json">${jsonForScript(jobPosting(v, publicBaseUrl))}</script>`,
    body: `<main>
<header><p class="brand">公共就业服务 <span lang="en">Public Employment Service</span></p>
<h1>${escapeHtml(v.title)}</h1>
<p class="employer">${escapeHtml(v.employerName)}</p></header>
<dl>
${row('工资', 'Pay', wageText(v))}
${typical ? row('本职业常见工资', 'Typical pay for this occupation', `${Math.round(typical.p25).toLocaleString('en')}–${Math.round(typical.p75).toLocaleString('en')} 元/月 CNY/month (P25–P75)`) : ''}
${row('地区', 'District', district)}
${row('用工形式', 'Contract', CONTRACT_LABEL[v.contractType] ?? v.contractType)}
${row('学历要求', 'Education', EDUCATION_LABEL[v.educationMin] ?? v.educationMin)}
${row('招聘人数', 'Openings', String(v.headcount))}
${row('招聘会', 'Job fair', fair)}
${row('发布日期', 'Posted', fmtDate(v.publishedAt))}
${row('截止日期', 'Valid until', fmtDate(v.expiresAt))}
${v.publicWelfare ? row('岗位类型', 'Post type', '公益性岗位 Public welfare post') : ''}
</dl>
${section('岗位描述', 'Description', v.description)}
${section('任职要求', 'Requirements', v.requirements)}
${section('应聘方式', 'How to apply', v.howToApply)}
<footer><p>信息由公共就业服务机构发布，求职免费。<span lang="en">Published by the public employment service. Job seekers never pay a fee.</span></p></footer>
</main>`,
  });
}

const NOT_FOUND_PAGE = page({
  title: '岗位不存在 · Vacancy not found',
  body: `<main class="not-found">
<h1>该岗位已关闭或不存在</h1>
<p lang="en">This vacancy is closed or does not exist.</p>
<p>请到公共就业服务机构或自助终端查询其他岗位。<span lang="en">Please search other vacancies at a public employment service office or kiosk.</span></p>
</main>`,
});

async function publishedVacancy(sql: postgres.Sql, id: string): Promise<VacancyDoc | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  const [doc] = await loadVacancyDocs(sql, [id]);
  return doc;
}

/** The kiosk web app, the public vacancy page behind its QR codes, and the kiosk's tile data. */
const kioskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { sql } = app.deps.database;
  const publicBaseUrl = app.deps.config.publicBaseUrl.replace(/\/+$/, '');

  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/kiosk/',
    // Only what a page loads: notes and sources kept beside the assets (README.md) are not public.
    allowedPath: isPageAsset,
    index: false,
    // Kiosks reload often; a short cache keeps a busy hall's traffic down without pinning old code.
    maxAge: '5m',
  });

  // The shell is revalidated on every load; with the assets' 5-minute cache a deployment reaches every kiosk quickly.
  app.get('/kiosk', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false }),
  );

  app.get(
    '/public/kiosk/home',
    {
      schema: {
        tags: ['kiosk'],
        summary: 'Kiosk home tiles: occupation groups, popular titles and districts with open-vacancy counts, this week\'s fairs (public)',
        querystring: Type.Object({ fairId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: KioskHome, ...errorResponses },
      },
    },
    async (req) => kioskHome(sql, req.query.fairId),
  );

  app.get(
    '/public/vacancies/:id/qr.svg',
    {
      schema: {
        tags: ['kiosk'],
        summary: 'QR code (SVG) linking to the public page of a published vacancy',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      },
    },
    async (req, reply) => {
      const v = await publishedVacancy(sql, req.params.id);
      if (!v) throw notFound('Vacancy', '岗位');
      const svg = await QRCode.toString(`${publicBaseUrl}/v/${v.id}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'public, max-age=300').send(svg);
    },
  );

  app.get(
    '/public/kiosk/vacancies/:id/typical-pay',
    {
      schema: {
        tags: ['kiosk'],
        summary: "Typical pay (P25–P75 of offered pay) for a published vacancy's occupation, from published wage guidance only (public)",
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: KioskTypicalPay, ...errorResponses },
      },
    },
    async (req) => {
      const v = await publishedVacancy(sql, req.params.id);
      if (!v) throw notFound('Vacancy', '岗位');
      const typical = v.iscoUnit ? await typicalPay(app.deps.database.db, { iscoUnit: v.iscoUnit }) : null;
      return {
        typicalPay: typical && { p25: typical.p25, p75: typical.p75, periodKind: typical.periodKind, periodStart: typical.periodStart, occupationCode: typical.code, level: typical.level },
      };
    },
  );

  app.get(
    '/v/:id',
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 64 }) }) } },
    async (req, reply) => {
      const v = await publishedVacancy(sql, req.params.id);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      if (!v) return reply.status(404).send(NOT_FOUND_PAGE);
      // Published wage guidance for the occupation, when a cell is big enough to be published.
      const typical = v.iscoUnit ? await typicalPay(app.deps.database.db, { iscoUnit: v.iscoUnit }).catch(() => null) : null;
      return reply.send(vacancyPage(v, publicBaseUrl, typical));
    },
  );
};

export default kioskRoutes;
