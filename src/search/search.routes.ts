import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../lib/errors.js';
import { errorResponses } from '../lib/http.js';
import type { VacancyDoc } from './documents.js';
import type { SearchResult, SeekerFacet, VacancyFacet } from './engine.js';
import { SeekerSearchQuery, SeekerSearchResponse, VacancyCompleteQuery, VacancyCompleteResponse, VacancySearchQuery, VacancySearchResponse } from './search.schemas.js';
import { checkDrift, reindex } from './sync.js';

const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 50) : undefined);

const VACANCY_FACETS: VacancyFacet[] = ['districtCode', 'contractType', 'educationMin', 'publicWelfare', 'iscoMajor'];
const SEEKER_FACETS: SeekerFacet[] = ['districtCode', 'education', 'availability'];

function facetList<T extends string>(raw: string | undefined, allowed: T[]): T[] | undefined {
  const asked = list(raw);
  if (!asked) return undefined;
  const bad = asked.find((f) => !allowed.includes(f as T));
  if (bad) {
    throw new AppError(400, 'VALIDATION_FAILED', { en: `query.facets: unknown facet "${bad}"`, zh: `query.facets：未知的分面 "${bad}"` }, [
      { field: 'query.facets', message: `unknown facet "${bad}" (allowed: ${allowed.join(', ')})` },
    ]);
  }
  return asked as T[];
}

/**
 * Text no engine can take: NUL (Postgres rejects it in text), lone UTF-16 surrogates (not
 * encodable as UTF-8) and other control characters. Refused as a 400 naming the field, before the
 * engine, so bad input never turns into 503 SEARCH_UNAVAILABLE.
 */
function checkText(query: Record<string, unknown>) {
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') continue;
    // eslint-disable-next-line no-control-regex
    const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value) || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
    if (bad) {
      throw new AppError(400, 'VALIDATION_FAILED', { en: `query.${name}: contains characters that are not text`, zh: `query.${name}：包含非文本字符` }, [
        { field: `query.${name}`, message: 'must not contain control characters, NUL or unpaired surrogates' },
      ]);
    }
  }
}

/** Engine unavailable: a clear 503 for public search instead of a masked 500. */
function unavailable(err: unknown): never {
  if (err instanceof AppError) throw err;
  // The cause goes to the log, not to the client (it may name tables or hosts).
  throw new AppError(503, 'SEARCH_UNAVAILABLE', {
    en: 'Search is temporarily unavailable, please try again shortly',
    zh: '搜索暂时不可用，请稍后再试',
  }, { retryAfterSeconds: 5, reason: err instanceof Error ? err.name : 'unknown' });
}

/**
 * A page whose documents arrive already serialised (the in-process path, doc-cache.ts: only
 * PublicVacancy's fields) is sent as those bytes joined, in VacancySearchResponse's shape, instead
 * of parsing and serialising 25 KB again per request (docs/adr/0163). The small parts go through
 * JSON.stringify; a test checks the body equals what reply.serialize gives.
 */
function preserialised(result: SearchResult<VacancyDoc>): Buffer {
  const parts: Buffer[] = [];
  let head = '{"items":[';
  for (const h of result.hits) {
    parts.push(Buffer.from(`${head}{"vacancy":`), h.json!, Buffer.from(`,"highlight":${JSON.stringify(h.highlight ?? {})}}`));
    head = ',';
  }
  parts.push(
    Buffer.from(`],"total":${Math.trunc(result.total)},"page":${Math.trunc(result.page)},"pageSize":${Math.trunc(result.pageSize)},"facets":${JSON.stringify(result.facets)},"tookMs":${Math.trunc(result.tookMs)}}`),
  );
  return Buffer.concat(parts);
}

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { search, database } = app.deps;
  // The result cache hands back the same object for a repeated query, so its serialised body is
  // kept beside it (a WeakMap: it goes when the cache drops the result). Serialising twenty
  // documents on every request was most of the API's garbage under kiosk load, and the GC pauses
  // it caused set the p99 (BENCHMARKS.md, kiosk search).
  const serialised = new WeakMap<object, string | Buffer>();

  app.get(
    '/public/vacancies/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search published vacancies (public, no key): text, pinyin, filters, facets, geo, sort',
        querystring: VacancySearchQuery,
        response: { 200: VacancySearchResponse, ...errorResponses },
      },
    },
    async (req, reply) => {
      const q = req.query;
      checkText(q);
      if ((q.lat === undefined) !== (q.lon === undefined)) {
        throw new AppError(400, 'VALIDATION_FAILED', { en: 'query.lat and query.lon must be given together', zh: 'query.lat 与 query.lon 须同时提供' }, [
          { field: q.lat === undefined ? 'query.lat' : 'query.lon', message: 'lat and lon must be given together' },
        ]);
      }
      const facets = facetList(q.facets, VACANCY_FACETS);
      const result = await search
        .searchVacancies({
          q: q.q,
          districtCodes: list(q.district),
          occupationGroup: q.occupationGroup,
          wageMin: q.wageMin,
          education: q.education,
          contractTypes: list(q.contractType),
          fairId: q.fairId,
          publicWelfare: q.publicWelfare,
          postedSince: q.postedSince,
          near: q.lat !== undefined && q.lon !== undefined ? { lat: q.lat, lon: q.lon, radiusKm: q.radiusKm ?? 10 } : undefined,
          sort: q.sort,
          page: q.page,
          pageSize: q.pageSize,
          facets,
        })
        .catch(unavailable);
      let body = serialised.get(result);
      if (body === undefined && result.hits.length && result.hits.every((h) => h.json && h.distanceKm === undefined)) {
        body = preserialised(result);
        serialised.set(result, body);
      }
      if (body === undefined) {
        // reply.serialize uses the route's response schema: only documented fields go out.
        body = String(reply.serialize({
          items: result.hits.map((h) => ({ vacancy: h.doc, highlight: h.highlight ?? {}, ...(h.distanceKm !== undefined ? { distanceKm: h.distanceKm } : {}) })),
          total: result.total,
          page: result.page,
          pageSize: result.pageSize,
          facets: result.facets,
          tookMs: result.tookMs,
        }));
        serialised.set(result, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/public/vacancies/complete',
    {
      schema: {
        tags: ['search'],
        summary: 'Autocomplete for the kiosk keyboard (public, no key): titles, occupations and employers from characters, pinyin or initials, homophones included',
        querystring: VacancyCompleteQuery,
        response: { 200: VacancyCompleteResponse, ...errorResponses },
      },
    },
    async (req) => {
      const started = performance.now();
      const q = req.query;
      checkText(q);
      const names = list(q.kinds);
      const kindOf = { title: 't', occupation: 'o', employer: 'e' } as const;
      const bad = names?.find((k) => !(k in kindOf));
      if (bad) {
        throw new AppError(400, 'VALIDATION_FAILED', { en: `query.kinds: unknown kind "${bad}"`, zh: `query.kinds：未知的类型 "${bad}"` }, [
          { field: 'query.kinds', message: `unknown kind "${bad}" (allowed: title, occupation, employer)` },
        ]);
      }
      const suggestions = await search
        .suggest({ q: q.q, limit: q.limit, kinds: names?.map((k) => kindOf[k as keyof typeof kindOf]) })
        .catch(unavailable);
      return { q: q.q, suggestions, tookMs: Math.round(performance.now() - started) };
    },
  );

  app.get(
    '/seekers/search',
    {
      preHandler: app.authorize(['admin', 'staff', 'employer'], { verifiedEmployer: true }),
      schema: {
        tags: ['search'],
        summary: 'Search job-seeker profiles (masked). Employers see only profiles whose owner consented; staff see all active ones.',
        security: [{ apiKey: [] }],
        querystring: SeekerSearchQuery,
        response: { 200: SeekerSearchResponse, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      checkText(q);
      const result = await search
        .searchSeekers({
          q: q.q,
          consentedOnly: req.principal!.role === 'employer',
          districtCodes: list(q.district),
          education: q.education,
          experienceMin: q.experienceMin,
          offerMax: q.offer,
          availability: list(q.availability),
          occupationGroup: q.occupationGroup,
          page: q.page,
          pageSize: q.pageSize,
          facets: facetList(q.facets, SEEKER_FACETS),
        })
        .catch(unavailable);
      return { items: result.hits.map((h) => h.doc), total: result.total, page: result.page, pageSize: result.pageSize, facets: result.facets, tookMs: result.tookMs };
    },
  );

  const IndexParam = Type.Object({ index: Type.Union([Type.Literal('vacancies'), Type.Literal('seekers')]) });

  app.post(
    '/admin/search/:index/reindex',
    {
      preHandler: app.authorize(['admin']),
      schema: {
        tags: ['admin'],
        summary: 'Rebuild a search index from Postgres beside the live one and swap it in (zero downtime)',
        security: [{ apiKey: [] }],
        params: IndexParam,
        response: { 200: Type.Object({ count: Type.Integer(), resynced: Type.Integer() }), ...errorResponses },
      },
    },
    async (req) => reindex(database.sql, search, req.params.index),
  );

  app.get(
    '/admin/search/:index/drift',
    {
      preHandler: app.authorize(['admin']),
      schema: {
        tags: ['admin'],
        summary: 'Compare the index with the database (ids and content hashes)',
        security: [{ apiKey: [] }],
        params: IndexParam,
        response: {
          200: Type.Object({
            index: Type.String(),
            expected: Type.Integer(),
            indexed: Type.Integer(),
            missing: Type.Array(Type.String()),
            extra: Type.Array(Type.String()),
            stale: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => checkDrift(database.sql, search, req.params.index),
  );
};

export default searchRoutes;
