import type postgres from 'postgres';
import type { SeekerDoc, VacancyDoc } from './documents.js';
import type { Hit, IndexName, SearchEngine, SearchResult, SeekerQuery, Suggestion, SuggestQuery, VacancyQuery } from './engine.js';
import type { CachedDoc } from './doc-cache.js';
import { highlight, queryTerms } from './query-text.js';
import { ensureTermForms, findTerms, termLookup, TIER, type RankedTerm, type TermKind, type TermSource } from './terms.js';
import { normalize } from './text/index.js';
import { EDUCATION } from '../vocabulary/index.js';
import { educationRank } from './documents.js';
import { VacancyMemory } from './memory-sync.js';
import type { MemoryRankedTerm } from './memory-index.js';

type Sql = postgres.Sql | postgres.TransactionSql;
type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** Results beyond this many from one employer are moved after the others (first-page diversity). */
const PER_EMPLOYER = 3;
/** Candidates ranked beyond the requested page, so demoted same-employer hits have others to yield to. */
const CANDIDATE_SLACK = 100;
/** Totals above this are reported as this number (as before, and as Meilisearch's maxTotalHits). */
const MAX_TOTAL = 10_000;
/** Terms read per statement at most. */
const BATCH_TERMS = 40;

/** The in-process index behind an engine (for tests and the benchmark: load state, size). */
export const memoryOf = new WeakMap<SearchEngine, VacancyMemory>();

const occupationLabels = new Map<string, string | null>();

/** Title, employer and occupation terms of vacancy documents; occupation labels come from the taxonomy. */
export async function ensureVacancyTerms(sql: Sql, docs: VacancyDoc[]) {
  const units = [...new Set(docs.map((d) => d.iscoUnit).filter((u): u is string => !!u && !occupationLabels.has(u)))];
  if (units.length) {
    const rows = await sql`select code, label_zh from occupations where system = 'isco' and code = any(${units})`.catch(() => []);
    const found = new Map(rows.map((r) => [r.code as string, (r.label_zh as string | null) ?? null]));
    for (const u of units) occupationLabels.set(u, found.get(u) ?? null);
  }
  const terms: TermSource[] = [];
  for (const d of docs) {
    const key = normalize(d.title);
    if (key) terms.push({ kind: 't', key, label: d.title });
    if (d.employerName) terms.push({ kind: 'e', key: d.employerId, label: d.employerName });
    const occ = d.iscoUnit ? occupationLabels.get(d.iscoUnit) : null;
    if (d.iscoUnit && occ) terms.push({ kind: 'o', key: d.iscoUnit, label: occ });
  }
  await ensureTermForms(sql, terms);
}

interface Helpers {
  live(index: IndexName): Fragment;
  vacancyFilters(q: VacancyQuery): Fragment[];
  seekerFilters(q: SeekerQuery, opts?: { district?: boolean; education?: boolean }): Fragment[];
  and(parts: Fragment[]): Fragment;
}

/** The engine's storage and full-text path, which the term path wraps. */
export type BaseEngine = Omit<SearchEngine, 'searchVacancies' | 'searchSeekers' | 'suggest'> & FullText;

interface FullText {
  fullTextVacancies(q: VacancyQuery): Promise<SearchResult<VacancyDoc>>;
  fullTextSeekers(q: SeekerQuery): Promise<SearchResult<SeekerDoc>>;
}

/** Moves an employer's 4th and later candidates after the others (stable otherwise). */
function diversify<T extends { employerId: string | number }>(rows: T[]): T[] {
  const seen = new Map<string | number, number>();
  const first: T[] = [];
  const later: T[] = [];
  for (const r of rows) {
    const n = (seen.get(r.employerId) ?? 0) + 1;
    seen.set(r.employerId, n);
    (n > PER_EMPLOYER ? later : first).push(r);
  }
  return [...first, ...later];
}

/**
 * The as-you-type read path of the Postgres engine (docs/adr/0160). A query with words is
 * answered from the term index: the matching terms are ranked (exact, then start, inside,
 * synonym or occupation, homophone, employer; within a tier by how many documents carry the
 * term), and documents are read term by term, newest first, until the page is full. An empty
 * query reads the newest documents from the published-at index and stops at the page. Anything
 * else (geo, facets, sorting a text query by wage or date, several words, no matching term) goes
 * to the full-text path.
 */
export function withTermSearch(sql: postgres.Sql, engine: BaseEngine, h: Helpers, opts: { memory?: boolean; memoryMaxDocs?: number; docCacheBytes?: number } = {}): SearchEngine {
  const { live, and } = h;
  // The in-process index (docs/adr/0161): terms and postings in memory, documents from Postgres.
  const memory = opts.memory === false ? null : new VacancyMemory(sql, live('vacancies'), opts.memoryMaxDocs, opts.docCacheBytes);

  /** The as-you-type answer from memory, or null when memory cannot answer (not loaded, no term, behind and cannot catch up). */
  async function memoryVacancies(q: VacancyQuery, text: string, started: number): Promise<SearchResult<VacancyDoc> | null> {
    if (!memory) return null;
    if (!memory.ready) {
      void memory.warm().catch(() => {});
      return null;
    }
    const offset = (q.page - 1) * q.pageSize;
    const needed = offset + q.pageSize + CANDIDATE_SLACK;
    const lookup = text ? termLookup(q.q) : null;
    if (text && !lookup) return null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const index = memory.index;
      if (!memory.ready || !index) return null;
      const applied = memory.applied;
      const now = Date.now();
      let picked: number[];
      let terms: MemoryRankedTerm[] = [];
      if (lookup) {
        terms = index.findTerms(lookup, ['t', 'e', 'o']);
        if (!terms.length) {
          // No term here: only trust that if memory is current (else the write may be a new title).
          const version = await memory.clock();
          if (version > applied) {
            if (memory.reloading) return null;
            await memory.sync(version).catch(() => {});
            continue;
          }
          return null;
        }
        picked = index.candidates(terms, needed, now);
      } else picked = index.newest(needed, now);
      // Demotion on ordinals and employer numbers; only the page's ids are spelt out.
      const ordered = diversify(picked.map((o) => ({ o, employerId: index.employerTermOf(o) })));
      const page = ordered.slice(offset, offset + q.pageSize).map((c) => index.idOf(c.o));
      // Documents sent before come from this process's cache; only the others are read (with the
      // clock). With none to read, the clock alone, shared with concurrent requests.
      const docs = new Map<string, CachedDoc>();
      const missing: string[] = [];
      for (const id of page) {
        const hit = memory.docs.get(id);
        if (hit) docs.set(id, hit);
        else missing.push(id);
      }
      let version: number;
      if (missing.length) {
        const read = await memory.readDocs(missing);
        version = read.version;
        for (const [id, doc] of read.docs) docs.set(id, doc);
      } else version = await memory.clock();
      if (version > applied) {
        // Behind a write committed before this query: apply the log and answer again (during a
        // full reload, SQL answers instead of waiting for it).
        if (memory.reloading) return null;
        await memory.sync(version).catch(() => {});
        continue;
      }
      let total: number;
      if (picked.length < needed) total = picked.length;
      else if (!lookup) total = index.aliveCount;
      else {
        // Title, occupation and employer terms overlap (one vacancy carries all three): the largest sum.
        const sum = (kind: TermKind) => terms.filter((t) => t.kind === kind).reduce((n, t) => n + t.count, 0);
        total = Math.max(sum('t'), sum('o'), sum('e'));
      }
      return servedResult(q, page, docs, total, started);
    }
    return null;
  }

  async function cappedCount(from: Fragment): Promise<number> {
    const [r] = await sql`select count(*)::int as n from (select 1 ${from} limit ${MAX_TOTAL}) t`;
    return r!.n as number;
  }

  async function vacancyDocs(ids: string[]): Promise<Map<string, VacancyDoc>> {
    if (!ids.length) return new Map();
    const rows = await sql`select id, doc from search_vacancy_docs where generation = ${live('vacancies')} and id = any(${ids}::uuid[])`;
    return new Map(rows.map((r) => [r.id as string, r.doc as VacancyDoc]));
  }

  function vacancyResult(q: VacancyQuery, pageIds: string[], docs: Map<string, VacancyDoc>, total: number, started: number): SearchResult<VacancyDoc> {
    const terms = queryTerms(q.q);
    const page = pageIds.map((id) => docs.get(id)).filter((d): d is VacancyDoc => !!d);
    return {
      hits: page.map((doc) => ({ doc, highlight: { title: highlight(doc.title, terms) } })),
      total: Math.min(total, MAX_TOTAL),
      page: q.page,
      pageSize: q.pageSize,
      facets: {},
      tookMs: Math.round(performance.now() - started),
    };
  }

  /** Hits carrying their serialised documents: the route sends those bytes as they are. */
  function servedResult(q: VacancyQuery, pageIds: string[], docs: Map<string, CachedDoc>, total: number, started: number): SearchResult<VacancyDoc> {
    const terms = queryTerms(q.q);
    const hits: Hit<VacancyDoc>[] = [];
    for (const id of pageIds) {
      const d = docs.get(id);
      if (!d) continue;
      let parsed: VacancyDoc | undefined;
      hits.push({
        json: d.json,
        highlight: { title: highlight(d.title, terms) },
        // Parsed only if some caller reads it (the search route does not).
        get doc() {
          return (parsed ??= JSON.parse(d.json.toString('utf8')) as VacancyDoc);
        },
      });
    }
    return { hits, total: Math.min(total, MAX_TOTAL), page: q.page, pageSize: q.pageSize, facets: {}, tookMs: Math.round(performance.now() - started) };
  }

  /** The newest vacancies passing the filters: an index walk that stops at the page. */
  async function browseVacancies(q: VacancyQuery, started: number) {
    const filters = h.vacancyFilters(q);
    const where = and([sql`generation = ${live('vacancies')}`, sql`(expires_at is null or expires_at > now())`, ...filters]);
    const needed = (q.page - 1) * q.pageSize + q.pageSize + CANDIDATE_SLACK;
    const rows = await sql`select id, employer_id from search_vacancy_docs where ${where} order by published_at desc, id limit ${needed}`;
    const ordered = diversify(rows.map((r) => ({ id: r.id as string, employerId: r.employer_id as string })));
    const offset = (q.page - 1) * q.pageSize;
    const pageIds = ordered.slice(offset, offset + q.pageSize).map((c) => c.id);
    const docs = await vacancyDocs(pageIds);
    let total: number;
    if (rows.length < needed) total = rows.length;
    else if (filters.length === 0) {
      const [r] = await sql`select coalesce(sum(doc_count), 0)::int as n from search_terms where generation = ${live('vacancies')} and kind = 'e'`;
      total = r!.n as number;
    } else total = await cappedCount(sql`from search_vacancy_docs where ${where}`);
    return vacancyResult(q, pageIds, docs, total, started);
  }

  async function termVacancies(q: VacancyQuery, terms: RankedTerm[], started: number) {
    const filters = h.vacancyFilters(q);
    const conds = and([sql`generation = ${live('vacancies')}`, sql`(expires_at is null or expires_at > now())`, ...filters]);
    const needed = (q.page - 1) * q.pageSize + q.pageSize + CANDIDATE_SLACK;
    const out: { id: string; employerId: string }[] = [];
    const seen = new Set<string>();
    let i = 0;
    while (out.length < needed && i < terms.length) {
      const want = needed - out.length;
      const batch: { term: RankedTerm; ord: number }[] = [];
      let cover = 0;
      while (i < terms.length && batch.length < BATCH_TERMS && cover < want * 2) {
        batch.push({ term: terms[i]!, ord: i });
        cover += terms[i]!.count;
        i++;
      }
      const branch = (kind: TermKind, match: Fragment) => {
        const part = batch.filter((b) => b.term.kind === kind);
        if (!part.length) return null;
        return sql`select k.ord, d.id, d.employer_id, d.published_at
          from unnest(${part.map((b) => b.term.key)}::text[], ${part.map((b) => b.ord)}::int[]) as k(key, ord)
          cross join lateral (select id, employer_id, published_at from search_vacancy_docs
            where ${match} and ${conds} order by published_at desc limit ${want}) d`;
      };
      const parts = [branch('t', sql`title_key = k.key`), branch('e', sql`employer_id = k.key::uuid`), branch('o', sql`isco_unit = k.key`)].filter(
        (p): p is Fragment => p !== null,
      );
      const union = parts.reduce((acc, p) => sql`${acc} union all ${p}`);
      const rows = await sql`select ord, id, employer_id from (${union}) x order by ord, published_at desc, id limit ${want + seen.size}`;
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push({ id: r.id as string, employerId: r.employer_id as string });
      }
    }
    const ordered = diversify(out);
    const offset = (q.page - 1) * q.pageSize;
    const pageIds = ordered.slice(offset, offset + q.pageSize).map((c) => c.id);
    const docs = await vacancyDocs(pageIds);
    let total: number;
    if (out.length < needed) total = out.length;
    else if (filters.length === 0) {
      // Title, occupation and employer terms overlap (one vacancy carries all three): the largest sum.
      const sum = (kind: TermKind) => terms.filter((t) => t.kind === kind).reduce((n, t) => n + t.count, 0);
      total = Math.max(sum('t'), sum('o'), sum('e'));
    }
    else {
      const keys = (kind: TermKind) => terms.filter((t) => t.kind === kind).map((t) => t.key);
      total = await cappedCount(sql`from search_vacancy_docs where ${conds} and (title_key = any(${keys('t')}::text[])
        or employer_id = any(${keys('e')}::uuid[]) or isco_unit = any(${keys('o')}::text[]))`);
    }
    return vacancyResult(q, pageIds, docs, total, started);
  }

  function seekerResult(q: SeekerQuery, docs: SeekerDoc[], total: number, started: number): SearchResult<SeekerDoc> {
    return { hits: docs.map((doc) => ({ doc })), total: Math.min(total, MAX_TOTAL), page: q.page, pageSize: q.pageSize, facets: {}, tookMs: Math.round(performance.now() - started) };
  }

  /**
   * The newest seekers passing the filters (docs/adr/0162). The ids come from an index-only walk
   * of an index that carries the filter columns (by district when one is set), so a filter that
   * passes few seekers skips index entries, not documents; only the page's documents are read.
   */
  async function browseSeekers(q: SeekerQuery, started: number): Promise<SearchResult<SeekerDoc>> {
    const where = and([sql`generation = ${live('seekers')}`, ...(q.consentedOnly ? [sql`consent_searchable`] : []), ...h.seekerFilters(q)]);
    const offset = (q.page - 1) * q.pageSize;
    const rows = await sql`select d.doc from (select id, updated_at from search_seeker_docs where ${where}
        order by updated_at desc, id limit ${q.pageSize} offset ${offset}) x
      join search_seeker_docs d on d.generation = ${live('seekers')} and d.id = x.id
      order by x.updated_at desc, x.id`;
    const total = rows.length < q.pageSize ? offset + rows.length : await cappedCount(sql`from search_seeker_docs where ${where}`);
    return seekerResult(q, rows.map((r) => r.doc as SeekerDoc), total, started);
  }

  /**
   * Seekers with the matched skills, in term order, newest first within a term, each seeker once
   * (at its best term). Postings carry the filter columns (docs/adr/0162): each term's newest
   * postings that pass the filters come from one index-only range scan, per district when
   * districts are set ((generation, key, district_code, updated_at) index), and nothing is joined
   * to the documents until the page. A term contributes at most `needed` postings (its first
   * `needed` are distinct seekers that all rank before its next one), so one statement over all
   * the terms is exact. Unfiltered, the terms' counts say which few terms fill the page, so those
   * go first and the rest only if seekers with several of them leave the page short.
   */
  async function termSeekers(q: SeekerQuery, terms: RankedTerm[], started: number): Promise<SearchResult<SeekerDoc>> {
    const filters = h.seekerFilters(q);
    // Each lateral walks one (skill, district, education level) range of an index newest first,
    // so district and education cost no skipped entries. Levels are enumerated when either is set:
    // from the asked level up, or all of them under a district (docs/adr/0162).
    const districts = q.districtCodes?.length ? [...new Set(q.districtCodes)] : [null];
    const fromRank = q.education ? educationRank(q.education) : 0;
    const ranks = q.education || q.districtCodes?.length ? EDUCATION.map((_, r) => r).filter((r) => r >= fromRank) : [null];
    const rest = and([...(q.consentedOnly ? [sql`consent_searchable`] : []), ...h.seekerFilters(q, { district: false, education: false })]);
    const offset = (q.page - 1) * q.pageSize;
    const needed = offset + q.pageSize;
    const countOf = (t: RankedTerm) => (q.consentedOnly ? t.consentCount : t.count);
    const out: string[] = [];
    const seen = new Set<string>();
    const docs = new Map<string, SeekerDoc>();
    let i = 0;
    while (out.length < needed && i < terms.length) {
      const batch: { key: string; ord: number }[] = [];
      if (i > 0) {
        // The first terms left the page short (filters, or seekers with several of the skills):
        // every remaining term at once, so there are never more than two rounds.
        for (; i < terms.length; i++) batch.push({ key: terms[i]!.key, ord: i });
      } else {
        // First the best terms whose postings would fill the page twice over (with filters, if
        // one in twenty passes them; a prefix like `s` matches a hundred skills, most not needed).
        const target = needed * (filters.length ? 40 : 2);
        for (let cover = 0; i < terms.length && batch.length < BATCH_TERMS && cover < target; i++) {
          batch.push({ key: terms[i]!.key, ord: i });
          cover += countOf(terms[i]!);
        }
      }
      const ranges = batch.flatMap((b) => districts.flatMap((district) => ranks.map((rank) => ({ ...b, district, rank }))));
      // The page's documents come in the same statement: rows from the page's start on (counted
      // in this statement; exact in the first round, the usual one) carry their document.
      const from = offset - out.length;
      const rows = await sql`
        with hits as (
          select id, row_number() over (order by min(ord), max(updated_at) desc, id) as n from (
            select k.ord, p.id, p.updated_at
            from unnest(${ranges.map((b) => b.key)}::text[], ${ranges.map((b) => b.ord)}::int[], ${ranges.map((b) => b.district)}::text[],
              ${ranges.map((b) => b.rank)}::smallint[]) as k(key, ord, district, rank)
            cross join lateral (
              select id, updated_at from search_seeker_postings
              where generation = ${live('seekers')} and key = k.key
                ${districts[0] !== null ? sql`and district_code = k.district` : sql``} ${ranks[0] !== null ? sql`and education_rank = k.rank` : sql``}
                and ${rest}
              order by updated_at desc limit ${needed}) p
          ) x
          group by id order by n limit ${needed}
        )
        select h.id, d.doc from hits h
        left join search_seeker_docs d on h.n > ${from} and d.generation = ${live('seekers')} and d.id = h.id
        order by h.n`;
      for (const r of rows) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        out.push(r.id as string);
        if (r.doc) docs.set(r.id as string, r.doc as SeekerDoc);
      }
    }
    const pageIds = out.slice(offset, offset + q.pageSize);
    const missing = pageIds.filter((id) => !docs.has(id));
    if (missing.length) {
      for (const r of await sql`select id, doc from search_seeker_docs where generation = ${live('seekers')} and id = any(${missing}::uuid[])`) docs.set(r.id as string, r.doc as SeekerDoc);
    }
    let total: number;
    if (out.length < needed) total = out.length;
    else if (filters.length === 0) total = terms.reduce((n, t) => n + countOf(t), 0);
    else {
      // Postings that pass the filters (a seeker counts once per matched skill, as the unfiltered
      // total sums the terms' counts), capped: index-only, and it stops at MAX_TOTAL.
      total = await cappedCount(sql`from search_seeker_postings where generation = ${live('seekers')} and key = any(${terms.map((t) => t.key)}::text[])
        and ${and([...(q.consentedOnly ? [sql`consent_searchable`] : []), ...filters])}`);
    }
    return seekerResult(q, pageIds.map((id) => docs.get(id)).filter((d): d is SeekerDoc => !!d), total, started);
  }

  const { fullTextVacancies, fullTextSeekers, ...rest } = engine;
  const out: SearchEngine = {
    ...rest,
    // Readiness waits for this process's first load of the in-process index (a cold process
    // answers through SQL meanwhile, correctly but slower); a failed load does not make it unready.
    async health() {
      await rest.health();
      await memory?.warm().catch(() => {});
    },
    async close() {
      await memory?.stop();
      await rest.close();
    },
    async searchVacancies(q) {
      const started = performance.now();
      const text = normalize(q.q ?? '');
      const plain = !q.near && !q.facets?.length;
      if (plain && (q.sort === undefined || q.sort === 'relevance' || (!text && q.sort === 'newest')) && h.vacancyFilters(q).length === 0) {
        const fromMemory = await memoryVacancies(q, text, started);
        if (fromMemory) return fromMemory;
      }
      if (plain && !text && (q.sort === undefined || q.sort === 'relevance' || q.sort === 'newest')) return browseVacancies(q, started);
      const lookup = plain && (q.sort === undefined || q.sort === 'relevance') ? termLookup(q.q) : null;
      if (lookup) {
        const terms = await findTerms(sql, live('vacancies'), lookup, ['t', 'e', 'o']);
        if (terms.length) return termVacancies(q, terms, started);
      }
      return fullTextVacancies(q);
    },
    async searchSeekers(q) {
      const started = performance.now();
      const text = normalize(q.q ?? '');
      const plain = !q.facets?.length;
      if (plain && !text) return browseSeekers(q, started);
      const lookup = plain ? termLookup(q.q) : null;
      if (lookup) {
        const terms = await findTerms(sql, live('seekers'), lookup, ['s'], { consentedOnly: q.consentedOnly });
        if (terms.length) return termSeekers(q, terms, started);
      }
      return fullTextSeekers(q);
    },
    async suggest(q: SuggestQuery): Promise<Suggestion[]> {
      const lookup = termLookup(q.q);
      if (!lookup) return [];
      let terms: { kind: TermKind; label: string; count: number; tier: number }[] | null = null;
      if (memory) {
        if (!memory.ready) void memory.warm().catch(() => {});
        else {
          // The clock first: a write committed before this request is applied before answering.
          const version = await memory.clock();
          if (version > memory.applied && !memory.reloading) await memory.sync(version).catch(() => {});
          if (memory.ready && memory.applied >= version) terms = memory.index!.findTerms(lookup, q.kinds ?? ['t', 'o', 'e']);
        }
      }
      terms ??= await findTerms(sql, live('vacancies'), lookup, q.kinds ?? ['t', 'o', 'e']);
      const out: Suggestion[] = [];
      const labels = new Set<string>();
      for (const t of terms) {
        const kind = t.kind === 't' ? 'title' : t.kind === 'o' ? 'occupation' : 'employer';
        const id = `${kind}|${normalize(t.label)}`;
        if (labels.has(id)) continue;
        labels.add(id);
        out.push({ text: t.label, kind, count: t.count, match: t.tier === TIER.exact ? 'exact' : t.tier === TIER.homophone || t.tier === TIER.employerHomophone ? 'homophone' : t.tier === TIER.related ? 'related' : 'prefix' });
        if (out.length >= q.limit) break;
      }
      return out;
    },
  };
  if (memory) {
    memoryOf.set(out, memory);
    // Read by the metrics plugin at scrape time (it survives the result cache's spread).
    Object.assign(out, { docCacheStats: () => ({ hits: memory.docs.hits, misses: memory.docs.misses, entries: memory.docs.size, bytes: memory.docs.usedBytes }) });
  }
  return out;
}
