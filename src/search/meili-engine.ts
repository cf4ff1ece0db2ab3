import { Meilisearch, type Index, type Settings } from 'meilisearch';
import { generateTenantToken } from 'meilisearch/token';
import { contentHash, educationRank, type SeekerDoc, type VacancyDoc } from './documents.js';
import type { IndexName, SearchEngine, SearchResult, SeekerQuery, Suggestion, SuggestQuery, VacancyQuery } from './engine.js';
import { highlight, queryTerms } from './query-text.js';
import { hasHan, normalize, pinyinInitials, pinyinOf, synonymMap, toSimplified } from './text/index.js';

/**
 * Production engine, written against the official client's documented API (no Meilisearch
 * server can run on the build machines; its contract tests run when MEILI_URL is set).
 * Meilisearch segments Chinese itself; we fold Traditional → Simplified and add pinyin fields.
 */
const PER_EMPLOYER = 3;
const KIOSK_KEY_NAME = 'pes-public-search';

/** Filter values are always quoted and escaped: a hostile value cannot change the expression. */
export function quote(v: string | number | boolean): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('filter number must be finite');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
const inList = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`;
/**
 * Deletes go through the documented delete-by-filter route (POST /indexes/{uid}/documents/delete):
 * the 1.15.2 OpenAPI document lists no POST …/documents/delete-batch, which deleteDocuments(ids) uses.
 */
const idFilter = (ids: string[]) => inList('id', ids);

const prefixes = (code: string | null) => (code ? [1, 2, 3, 4].filter((n) => code.length >= n).map((n) => code.slice(0, n)) : []);
const ts = (iso: string | null) => (iso ? Math.floor(new Date(iso).getTime() / 1000) : null);

function toMeiliVacancy(d: VacancyDoc) {
  return {
    ...d,
    title: toSimplified(d.title),
    titlePinyin: pinyinOf(d.title),
    titleInitials: pinyinInitials(d.title),
    employerPinyin: pinyinOf(d.employerName),
    employerInitials: pinyinInitials(d.employerName),
    iscoPrefixes: prefixes(d.iscoUnit),
    educationRank: educationRank(d.educationMin),
    publishedAtTs: ts(d.publishedAt),
    expiresAtTs: ts(d.expiresAt) ?? 4102444800,
    contentHash: contentHash(d),
    ...(d.lat !== null && d.lon !== null ? { _geo: { lat: d.lat, lng: d.lon } } : {}),
  };
}

function fromMeiliVacancy(h: Record<string, unknown>): VacancyDoc {
  const { titlePinyin, titleInitials, employerPinyin, employerInitials, iscoPrefixes, educationRank: _e, publishedAtTs, expiresAtTs, contentHash: _h, _geo, _geoDistance, _formatted, ...doc } = h;
  void titlePinyin, titleInitials, employerPinyin, employerInitials, iscoPrefixes, _e, publishedAtTs, expiresAtTs, _h, _geo, _geoDistance, _formatted;
  return doc as unknown as VacancyDoc;
}

function toMeiliSeeker(d: SeekerDoc) {
  return { ...d, educationRank: educationRank(d.education), iscoPrefixes: [...new Set(d.iscoUnits.flatMap(prefixes))], contentHash: contentHash(d) };
}

const VACANCY_SETTINGS: Settings = {
  searchableAttributes: ['title', 'titlePinyin', 'titleInitials', 'employerName', 'employerPinyin', 'employerInitials', 'skills', 'description', 'requirements'],
  filterableAttributes: ['id', 'districtCode', 'iscoPrefixes', 'wageMax', 'wageStated', 'educationRank', 'contractType', 'fairId', 'publicWelfare', 'publishedAtTs', 'expiresAtTs', 'employerId', '_geo'],
  sortableAttributes: ['publishedAtTs', 'wageMax', '_geo'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'publishedAtTs:desc'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 10_000 },
  displayedAttributes: ['*'],
};

const SEEKER_SETTINGS: Settings = {
  searchableAttributes: ['skills', 'profileText'],
  filterableAttributes: ['id', 'consentSearchable', 'districtCode', 'educationRank', 'experienceYears', 'desiredWageMin', 'availability', 'iscoPrefixes'],
  sortableAttributes: ['updatedAt'],
  faceting: { maxValuesPerFacet: 200 },
};

export function createMeiliEngine(url: string, apiKey?: string, opts: { indexPrefix?: string } = {}): SearchEngine & { tenantToken(expiresInSeconds?: number): Promise<string> } {
  const client = new Meilisearch({ host: url, apiKey, timeout: 5000 });
  const uid = (index: IndexName) => `${opts.indexPrefix ?? ''}${index}`;
  const idx = (index: IndexName): Index<Record<string, unknown>> => client.index(uid(index));

  async function applySettings(name: string, index: IndexName) {
    const settings = { ...(index === 'vacancies' ? VACANCY_SETTINGS : SEEKER_SETTINGS), synonyms: synonymMap() };
    await client.createIndex(name, { primaryKey: 'id' }).waitTask().catch(() => {});
    const task = await client.index(name).updateSettings(settings).waitTask();
    if (task.status === 'failed') throw new Error(`meilisearch settings for ${name} failed: ${task.error?.message}`);
  }

  async function write(index: IndexName, op: () => ReturnType<Index['addDocuments']>) {
    const task = await op().waitTask({ timeout: 30_000 });
    if (task.status === 'failed') throw new Error(`meilisearch ${uid(index)} task ${task.uid} failed: ${task.error?.message}`);
  }

  return {
    name: 'meilisearch',
    async health() {
      const res = await client.health();
      if (res.status !== 'available') throw new Error(`meilisearch status ${res.status}`);
    },
    async setup() {
      await applySettings(uid('vacancies'), 'vacancies');
      await applySettings(uid('seekers'), 'seekers');
    },
    async upsertVacancies(docs) {
      if (docs.length) await write('vacancies', () => idx('vacancies').addDocuments(docs.map(toMeiliVacancy)));
    },
    async deleteVacancies(ids) {
      if (ids.length) await write('vacancies', () => idx('vacancies').deleteDocuments({ filter: idFilter(ids) }));
    },
    async upsertSeekers(docs) {
      if (docs.length) await write('seekers', () => idx('seekers').addDocuments(docs.map(toMeiliSeeker)));
    },
    async deleteSeekers(ids) {
      if (ids.length) await write('seekers', () => idx('seekers').deleteDocuments({ filter: idFilter(ids) }));
    },

    async searchVacancies(q: VacancyQuery): Promise<SearchResult<VacancyDoc>> {
      const started = performance.now();
      const filter = [`expiresAtTs > ${Math.floor(Date.now() / 1000)}`];
      if (q.districtCodes?.length) filter.push(inList('districtCode', q.districtCodes));
      if (q.occupationGroup) filter.push(`iscoPrefixes = ${quote(q.occupationGroup)}`);
      if (q.wageMin !== undefined) filter.push(`(wageMax >= ${quote(q.wageMin)} OR wageStated = false)`);
      if (q.education) filter.push(`educationRank <= ${educationRank(q.education)}`);
      if (q.contractTypes?.length) filter.push(inList('contractType', q.contractTypes));
      if (q.fairId) filter.push(`fairId = ${quote(q.fairId)}`);
      if (q.publicWelfare !== undefined) filter.push(`publicWelfare = ${quote(q.publicWelfare)}`);
      if (q.postedSince) filter.push(`publishedAtTs >= ${quote(ts(q.postedSince)!)}`);
      if (q.near) filter.push(`_geoRadius(${quote(q.near.lat)}, ${quote(q.near.lon)}, ${quote(Math.round(q.near.radiusKm * 1000))})`);
      const sort =
        q.sort === 'newest' ? ['publishedAtTs:desc'] : q.sort === 'wage' ? ['wageMax:desc'] : q.near && !q.q ? [`_geoPoint(${q.near.lat}, ${q.near.lon}):asc`] : undefined;
      // First-page diversity: fetch a wider window and move an employer's 4th+ hit after the others.
      const window = q.page === 1 ? q.pageSize + 30 : q.pageSize;
      const params = {
        filter,
        sort,
        facets: q.facets?.map((f) => (f === 'iscoMajor' ? 'iscoPrefixes' : f === 'educationMin' ? 'educationRank' : f)),
        offset: q.page === 1 ? 0 : (q.page - 1) * q.pageSize,
        limit: window,
      };
      let res = await idx('vacancies').search(q.q ? toSimplified(q.q) : '', params);
      // A homophone typo (数剧分析 for 数据分析) finds nothing by its characters: the same sound
      // finds it through the titlePinyin field, ranked after (it only runs when nothing matched).
      const sound = q.q && hasHan(q.q) ? pinyinOf(q.q) : '';
      if (res.hits.length === 0 && sound) res = await idx('vacancies').search(sound, params);
      let hits = res.hits as Record<string, unknown>[];
      if (q.page === 1) {
        const seen = new Map<string, number>();
        const first: typeof hits = [];
        const later: typeof hits = [];
        for (const h of hits) {
          const n = (seen.get(h.employerId as string) ?? 0) + 1;
          seen.set(h.employerId as string, n);
          (n > PER_EMPLOYER ? later : first).push(h);
        }
        hits = [...first, ...later].slice(0, q.pageSize);
      }
      const terms = queryTerms(q.q);
      const facets: Record<string, Record<string, number>> = {};
      for (const [k, v] of Object.entries(res.facetDistribution ?? {})) {
        if (k === 'iscoPrefixes') facets.iscoMajor = Object.fromEntries(Object.entries(v).filter(([c]) => c.length === 1));
        else facets[k] = v;
      }
      return {
        hits: hits.map((h) => {
          const doc = fromMeiliVacancy(h);
          return {
            doc,
            highlight: { title: highlight(doc.title, terms) },
            ...(typeof h._geoDistance === 'number' ? { distanceKm: Math.round(h._geoDistance / 100) / 10 } : {}),
          };
        }),
        total: res.estimatedTotalHits ?? hits.length,
        page: q.page,
        pageSize: q.pageSize,
        facets,
        tookMs: Math.round(performance.now() - started),
      };
    },

    async searchSeekers(q: SeekerQuery): Promise<SearchResult<SeekerDoc>> {
      const started = performance.now();
      const filter: string[] = [];
      if (q.consentedOnly) filter.push('consentSearchable = true');
      if (q.districtCodes?.length) filter.push(inList('districtCode', q.districtCodes));
      if (q.education) filter.push(`educationRank >= ${educationRank(q.education)}`);
      if (q.experienceMin !== undefined) filter.push(`experienceYears >= ${quote(q.experienceMin)}`);
      if (q.offerMax !== undefined) filter.push(`(desiredWageMin <= ${quote(q.offerMax)} OR desiredWageMin IS NULL)`);
      if (q.availability?.length) filter.push(inList('availability', q.availability));
      if (q.occupationGroup) filter.push(`iscoPrefixes = ${quote(q.occupationGroup)}`);
      const res = await idx('seekers').search(q.q ? toSimplified(q.q) : '', {
        filter,
        facets: q.facets?.map((f) => (f === 'education' ? 'educationRank' : f)),
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      });
      return {
        hits: res.hits.map((h) => {
          const { educationRank: _e, iscoPrefixes: _p, contentHash: _c, ...doc } = h as Record<string, unknown>;
          void _e, _p, _c;
          return { doc: doc as unknown as SeekerDoc };
        }),
        total: res.estimatedTotalHits ?? res.hits.length,
        page: q.page,
        pageSize: q.pageSize,
        facets: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
        tookMs: Math.round(performance.now() - started),
      };
    },

    async suggest(q: SuggestQuery): Promise<Suggestion[]> {
      const typed = normalize(q.q);
      if (!typed) return [];
      const kinds = q.kinds ?? ['t', 'o', 'e'];
      const ask = (text: string) =>
        idx('vacancies').search(text, {
          filter: [`expiresAtTs > ${Math.floor(Date.now() / 1000)}`],
          attributesToRetrieve: ['title', 'employerName', 'titlePinyin', 'titleInitials', 'employerPinyin', 'employerInitials'],
          attributesToSearchOn: ['title', 'titlePinyin', 'titleInitials', 'employerName', 'employerPinyin', 'employerInitials'],
          limit: 100,
        });
      let res = await ask(toSimplified(typed));
      let homophone = false;
      if (res.hits.length === 0 && hasHan(typed)) {
        res = await ask(pinyinOf(typed));
        homophone = true;
      }
      // Meilisearch has no term list: distinct titles and employers among the first hits, most frequent first.
      const counts = new Map<string, Suggestion>();
      const starts = (h: Record<string, unknown>, fields: string[]) => fields.some((f) => typeof h[f] === 'string' && normalize(h[f] as string).includes(typed));
      for (const h of res.hits as Record<string, unknown>[]) {
        const candidates: [Suggestion['kind'], string, boolean][] = [
          ['title', String(h.title ?? ''), kinds.includes('t') && (homophone || starts(h, ['title', 'titlePinyin', 'titleInitials']))],
          ['employer', String(h.employerName ?? ''), kinds.includes('e') && starts(h, ['employerName', 'employerPinyin', 'employerInitials'])],
        ];
        for (const [kind, text, ok] of candidates) {
          if (!ok || !text) continue;
          const id = `${kind}|${text}`;
          const s = counts.get(id) ?? { text, kind, count: 0, match: homophone ? 'homophone' : normalize(text) === typed ? 'exact' : 'prefix' };
          s.count++;
          counts.set(id, s);
        }
      }
      const rank = (s: Suggestion) => (s.match === 'exact' ? 0 : s.kind === 'title' ? 1 : 2);
      return [...counts.values()].sort((a, b) => rank(a) - rank(b) || b.count - a.count).slice(0, q.limit);
    },

    async documentHashes(index) {
      const out = new Map<string, string>();
      for (let offset = 0; ; offset += 1000) {
        const page = await idx(index).getDocuments({ fields: ['id', 'contentHash'], offset, limit: 1000 });
        for (const d of page.results) out.set(d.id as string, d.contentHash as string);
        if (page.results.length < 1000) return out;
      }
    },

    async rebuild(index, batches) {
      const tmp = `${uid(index)}_rebuild_${Date.now()}`;
      await applySettings(tmp, index);
      let count = 0;
      for await (const batch of batches) {
        const docs = index === 'vacancies' ? (batch as VacancyDoc[]).map(toMeiliVacancy) : (batch as SeekerDoc[]).map(toMeiliSeeker);
        const task = await client.index(tmp).addDocuments(docs).waitTask({ timeout: 120_000 });
        if (task.status === 'failed') throw new Error(`rebuild batch failed: ${task.error?.message}`);
        count += docs.length;
      }
      // Atomic swap: searches move to the new index in one step; the old one is then dropped.
      await client.swapIndexes([{ indexes: [uid(index), tmp], rename: false }]).waitTask();
      await client.deleteIndex(tmp).waitTask();
      return { count };
    },

    /**
     * A short-lived token for browsers and kiosks: signed with the search-only key, it can
     * search the vacancies index only, and only unexpired documents (the index holds published
     * vacancies only).
     */
    async tenantToken(expiresInSeconds = 3600) {
      const keys = await client.getKeys({ limit: 100 });
      let key = keys.results.find((k) => k.name === KIOSK_KEY_NAME);
      key ??= await client.createKey({ name: KIOSK_KEY_NAME, description: 'public vacancy search', actions: ['search'], indexes: [uid('vacancies')], expiresAt: null });
      return generateTenantToken({
        apiKey: key.key,
        apiKeyUid: key.uid,
        searchRules: { [uid('vacancies')]: { filter: `expiresAtTs > ${Math.floor(Date.now() / 1000)}` } },
        expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
      });
    },
    async close() {},
  };
}
