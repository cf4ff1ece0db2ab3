import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliEngine } from '../../src/search/meili-engine.js';
import type { SeekerDoc } from '../../src/search/documents.js';
import { E, vacancyDoc as doc } from '../helpers/fixtures-search.js';
import { meiliOpenApiDocumentExists, startMeiliOpenApiServer, type MeiliOpenApiServer } from '../helpers/meili-openapi-server.js';

/**
 * The Meilisearch adapter against Meilisearch's own API description. The server here is NOT A
 * LIVE ENGINE: it validates every request (method, path, query, JSON body) against
 * ../shared/meilisearch/open-api-1.15.2.json and answers in the documented response shapes, with
 * search reduced to a substring filter. Ranking, typo tolerance and Chinese segmentation are
 * Meilisearch's and are covered by the live contract suite (search-contract.test.ts), which runs
 * when MEILI_URL is set and is reported as skipped otherwise.
 */
describe.skipIf(!meiliOpenApiDocumentExists())('Meilisearch adapter vs the OpenAPI 1.15.2 document (a validating test server, not a live engine)', () => {
  let server: MeiliOpenApiServer;
  let engine: ReturnType<typeof createMeiliEngine>;
  const electrician = doc({ title: '电工', employerId: E('1'), employerName: '广州天河电气工程有限公司', iscoUnit: '7411', lat: 23.1, lon: 113.3 });
  const cleaner = doc({ title: '保洁员', employerId: E('2'), publicWelfare: true });
  const seeker: SeekerDoc = {
    id: '00000000-0000-4000-8000-0000000000aa', maskedName: '张*', skills: ['电工'], iscoUnits: ['7411'], desiredOccupations: [], experienceYears: 2,
    education: 'vocational', districtCode: '440106', desiredWageMin: 6000, availability: 'immediate', profileText: '2年电工经验', consentSearchable: true, updatedAt: '2026-11-01T00:00:00.000Z',
  };

  beforeAll(async () => {
    server = await startMeiliOpenApiServer();
    engine = createMeiliEngine(server.url, 'test-master-key', { indexPrefix: 'pes_' });
  });
  afterAll(() => server?.close());

  it('health, setup (index creation and settings) and document writes are documented requests', async () => {
    await engine.health();
    await engine.setup();
    await engine.upsertVacancies([electrician, cleaner]);
    await engine.upsertSeekers([seeker]);
    expect(server.violations).toEqual([]);
    expect(server.requests.some((r) => r.startsWith('PATCH /indexes/pes_vacancies/settings'))).toBe(true);
  });

  it('vacancy documents carry the pinyin and initials of title and employer, so kiosk pinyin search works on both engines', () => {
    const stored = server.indexes.get('pes_vacancies')!.get(electrician.id)!;
    expect(stored).toMatchObject({ titlePinyin: 'diangong', titleInitials: 'dg', employerPinyin: 'guangzhoutianhedianqigongchengyouxiangongsi', employerInitials: 'gzthdqgcyxgs' });
  });

  it('searches with every filter, sort, facets and geo send documented bodies and read the documented answer', async () => {
    const res = await engine.searchVacancies({
      q: 'dg', districtCodes: ['440106'], occupationGroup: '74', wageMin: 3000, education: 'bachelor', contractTypes: ['full_time'], publicWelfare: false,
      postedSince: '2026-01-01', facets: ['districtCode', 'iscoMajor', 'educationMin'], sort: 'wage', page: 1, pageSize: 10,
    });
    expect(res.hits.map((h) => h.doc.id)).toEqual([electrician.id]);
    expect(res.hits[0]!.doc).not.toHaveProperty('titlePinyin');
    await engine.searchVacancies({ near: { lat: 23.1, lon: 113.3, radiusKm: 5 }, page: 2, pageSize: 5 });
    await engine.searchSeekers({ q: '电工', consentedOnly: true, districtCodes: ['440106'], education: 'vocational', experienceMin: 1, offerMax: 7000, availability: ['immediate'], occupationGroup: '7', facets: ['education'], page: 1, pageSize: 10 });
    expect(server.violations).toEqual([]);
  });

  it('a homophone typo retries by sound: 电宫 finds 电工 through titlePinyin', async () => {
    expect((await engine.searchVacancies({ q: '电宫', page: 1, pageSize: 10 })).hits.map((h) => h.doc.id)).toEqual([electrician.id]);
    expect(server.violations).toEqual([]);
  });

  it('autocomplete asks for the title and employer fields only, and suggests from pinyin and initials', async () => {
    expect(await engine.suggest({ q: 'baoj', limit: 5 })).toEqual([{ text: '保洁员', kind: 'title', count: 1, match: 'prefix' }]);
    expect((await engine.suggest({ q: 'gzth', limit: 5, kinds: ['e'] })).map((s) => s.text)).toEqual(['广州天河电气工程有限公司']);
    expect(server.violations).toEqual([]);
  });

  it('drift hashes, delete and a rebuild with an index swap are documented requests', async () => {
    const hashes = await engine.documentHashes('vacancies');
    expect([...hashes.keys()].sort()).toEqual([electrician.id, cleaner.id].sort());
    await engine.deleteVacancies([cleaner.id]);
    await engine.rebuild('vacancies', (async function* () { yield [electrician]; })());
    expect([...(await engine.documentHashes('vacancies')).keys()]).toEqual([electrician.id]);
    expect(server.violations).toEqual([]);
  });

  it('the validating server does refuse what the document does not allow (it can fail)', async () => {
    const before = server.violations.length;
    const bad = await fetch(`${server.url}/indexes/pes_vacancies/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'x', limit: 'ten' }) });
    expect(bad.status).toBe(400);
    const unknownParam = await fetch(`${server.url}/indexes/pes_vacancies/documents?colour=red`);
    expect(unknownParam.status).toBe(400);
    const unknownPath = await fetch(`${server.url}/indexes/pes_vacancies/everything`, { method: 'POST', body: '{}' });
    expect(unknownPath.status).toBe(400);
    expect(server.violations.length).toBe(before + 3);
    server.violations.splice(before);
  });
});
