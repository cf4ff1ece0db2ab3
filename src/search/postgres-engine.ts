import type postgres from 'postgres';
import { withIndexScans } from '../db/index-scans.js';
import { EDUCATION } from '../vocabulary/index.js';
import { educationRank, contentHash, type SeekerDoc, type VacancyDoc } from './documents.js';
import type { IndexName, SearchEngine, SearchResult, SeekerQuery, VacancyQuery } from './engine.js';
import { highlight, queryTerms, toTsQuery, type QueryTerms } from './query-text.js';
import { normalize, pinyinOf, searchTokens, segment } from './text/index.js';
import { ensureTermForms } from './terms.js';
import { ensureVacancyTerms, withTermSearch, type BaseEngine } from './term-search.js';

const MAX_BODY_TOKENS = 400;
/** Results beyond this many from one employer are moved after the others (first-page diversity). */
const PER_EMPLOYER = 3;

/** Candidates ranked beyond the requested page, so demoted same-employer hits have others to yield to. */
const CANDIDATE_SLACK = 100;
/** Counting stops here (totals above it are reported as this number). */
export const MAX_TOTAL = 10_000;

/** Trigram similarity only for queries long enough to have trigrams worth comparing. */
const isFuzzy = (terms: QueryTerms) => terms.normalized.length >= 3;

type Fragment = postgres.PendingQuery<postgres.Row[]>;

const TABLE: Record<IndexName, string> = { vacancies: 'search_vacancy_docs', seekers: 'search_seeker_docs' };

const clean = (tokens: Iterable<string>, max = Infinity) => [...new Set([...tokens].filter((t) => t && t.trim()))].slice(0, max);

/** Tokens for one vacancy: title (weight A), employer (B), body (C). */
function vacancyTokens(d: VacancyDoc) {
  return {
    a: clean([...searchTokens(d.title), ...(d.iscoUnit ? [`isco${d.iscoUnit}`] : [])]),
    b: clean(searchTokens(d.employerName)),
    c: clean(segment(`${d.description} ${d.requirements} ${d.skills.join(' ')}`), MAX_BODY_TOKENS),
    searchText: `${normalize(d.title)} ${pinyinOf(d.title)} ${normalize(d.employerName)}`,
  };
}

function seekerTokens(d: SeekerDoc) {
  return {
    a: clean(d.skills.flatMap((s) => searchTokens(s))),
    c: clean(segment(d.profileText), MAX_BODY_TOKENS),
    searchText: normalize(`${d.skills.join(' ')} ${d.profileText.slice(0, 200)}`),
  };
}

/**
 * Default engine: documents live in Postgres beside the records. Full text is a tsvector over
 * pre-segmented (jieba) tokens with pinyin and synonyms; pg_trgm similarity gives typo
 * tolerance; the last typed term matches as a prefix (search-as-you-type).
 */
export function createPostgresEngine(sql: postgres.Sql, opts: { termIndex?: boolean; memoryIndex?: boolean; memoryMaxDocs?: number; docCacheBytes?: number } = {}): SearchEngine {
  const live = (index: IndexName) =>
    sql`(select generation from search_generations where index_name = ${index} and state = 'live')`;
  const writable = (index: IndexName) =>
    sql`(select generation from search_generations where index_name = ${index} and state in ('live', 'building'))`;

  async function insertVacancies(tx: postgres.Sql | postgres.TransactionSql, gens: postgres.PendingQuery<postgres.Row[]>, docs: VacancyDoc[], onConflict: 'update' | 'nothing') {
    if (docs.length === 0) return;
    await ensureVacancyTerms(tx, docs);
    const rows = docs.map((d) => {
      const t = vacancyTokens(d);
      return {
        id: d.id,
        doc: d,
        hash: contentHash(d),
        a: t.a,
        b: t.b,
        c: t.c,
        search_text: t.searchText,
        title_key: normalize(d.title),
        employer_id: d.employerId,
        district_code: d.districtCode,
        isco_unit: d.iscoUnit,
        wage_min: d.wageMin,
        wage_max: d.wageMax,
        education_rank: educationRank(d.educationMin),
        contract_type: d.contractType,
        fair_id: d.fairId,
        public_welfare: d.publicWelfare,
        published_at: d.publishedAt,
        expires_at: d.expiresAt,
        lat: d.lat,
        lon: d.lon,
      };
    });
    await tx`
      insert into search_vacancy_docs (generation, id, doc, content_hash, tsv, title_tsv, search_text, title_key, employer_id, district_code, isco_unit,
        wage_min, wage_max, education_rank, contract_type, fair_id, public_welfare, published_at, expires_at, lat, lon)
      select g.generation, r.id, r.doc, r.hash,
        setweight(array_to_tsvector(r.a), 'A') || setweight(array_to_tsvector(r.b), 'B') || setweight(array_to_tsvector(r.c), 'C'),
        setweight(array_to_tsvector(r.a), 'A') || setweight(array_to_tsvector(r.b), 'B'),
        r.search_text, r.title_key, r.employer_id, r.district_code, r.isco_unit, r.wage_min, r.wage_max, r.education_rank, r.contract_type,
        r.fair_id, r.public_welfare, r.published_at, r.expires_at, r.lat, r.lon
      from ${gens} as g(generation)
      cross join jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as r(id uuid, doc jsonb, hash text, a text[], b text[], c text[],
        search_text text, title_key text, employer_id uuid, district_code text, isco_unit text, wage_min numeric, wage_max numeric,
        education_rank smallint, contract_type text, fair_id uuid, public_welfare boolean, published_at timestamptz,
        expires_at timestamptz, lat double precision, lon double precision)
      ${
        onConflict === 'update'
          ? tx`on conflict (generation, id) do update set doc = excluded.doc, content_hash = excluded.content_hash, tsv = excluded.tsv,
        title_tsv = excluded.title_tsv, search_text = excluded.search_text, title_key = excluded.title_key, employer_id = excluded.employer_id, district_code = excluded.district_code,
        isco_unit = excluded.isco_unit, wage_min = excluded.wage_min, wage_max = excluded.wage_max,
        education_rank = excluded.education_rank, contract_type = excluded.contract_type, fair_id = excluded.fair_id,
        public_welfare = excluded.public_welfare, published_at = excluded.published_at, expires_at = excluded.expires_at,
        lat = excluded.lat, lon = excluded.lon`
          : tx`on conflict (generation, id) do nothing`
      }`;
  }

  async function insertSeekers(tx: postgres.Sql | postgres.TransactionSql, gens: postgres.PendingQuery<postgres.Row[]>, docs: SeekerDoc[], onConflict: 'update' | 'nothing') {
    if (docs.length === 0) return;
    await ensureTermForms(tx, docs.flatMap((d) => d.skills.map((skill) => ({ kind: 's' as const, key: normalize(skill), label: skill }))).filter((t) => t.key));
    const rows = docs.map((d) => {
      const t = seekerTokens(d);
      return {
        id: d.id,
        doc: d,
        hash: contentHash(d),
        a: t.a,
        c: t.c,
        search_text: t.searchText,
        skill_keys: [...new Set(d.skills.map((x) => normalize(x)).filter(Boolean))],
        consent_searchable: d.consentSearchable,
        district_code: d.districtCode,
        education_rank: educationRank(d.education),
        experience_years: d.experienceYears,
        desired_wage_min: d.desiredWageMin,
        availability: d.availability,
        isco_units: d.iscoUnits,
        updated_at: d.updatedAt,
      };
    });
    await tx`
      insert into search_seeker_docs (generation, id, doc, content_hash, tsv, search_text, skill_keys, consent_searchable, district_code,
        education_rank, experience_years, desired_wage_min, availability, isco_units, updated_at)
      select g.generation, r.id, r.doc, r.hash,
        setweight(array_to_tsvector(r.a), 'A') || setweight(array_to_tsvector(r.c), 'C'),
        r.search_text, r.skill_keys, r.consent_searchable, r.district_code, r.education_rank, r.experience_years, r.desired_wage_min,
        r.availability, r.isco_units, r.updated_at
      from ${gens} as g(generation)
      cross join jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as r(id uuid, doc jsonb, hash text, a text[], c text[],
        search_text text, skill_keys text[], consent_searchable boolean, district_code text, education_rank smallint, experience_years integer,
        desired_wage_min numeric, availability text, isco_units text[], updated_at timestamptz)
      ${
        onConflict === 'update'
          ? tx`on conflict (generation, id) do update set doc = excluded.doc, content_hash = excluded.content_hash, tsv = excluded.tsv,
        search_text = excluded.search_text, skill_keys = excluded.skill_keys, consent_searchable = excluded.consent_searchable, district_code = excluded.district_code,
        education_rank = excluded.education_rank, experience_years = excluded.experience_years,
        desired_wage_min = excluded.desired_wage_min, availability = excluded.availability, isco_units = excluded.isco_units,
        updated_at = excluded.updated_at`
          : tx`on conflict (generation, id) do nothing`
      }`;
  }

  /** The text condition and score for a query, or none for an empty query. */
  function textMatch(terms: QueryTerms | null, rankOn: postgres.PendingQuery<postgres.Row[]> = sql`tsv`) {
    if (!terms) return { where: sql`true`, score: sql`0` };
    const tsq = toTsQuery(terms);
    const fuzzy = isFuzzy(terms);
    return {
      // <% is word similarity: the query against the most similar stretch of the title text.
      where: fuzzy ? sql`(tsv @@ ${tsq}::tsquery or ${terms.normalized} <% search_text)` : sql`tsv @@ ${tsq}::tsquery`,
      score: fuzzy
        ? sql`(ts_rank(${rankOn}, ${tsq}::tsquery) + word_similarity(${terms.normalized}, search_text))`
        : sql`ts_rank(${rankOn}, ${tsq}::tsquery)`,
    };
  }

  /** (generation, id) of the vacancy documents matching the words, from the GIN indexes only. */
  function textHits(terms: QueryTerms) {
    const tsq = toTsQuery(terms);
    const words = sql`select generation, id from search_vacancy_docs where tsv @@ ${tsq}::tsquery`;
    return isFuzzy(terms)
      ? sql`${words} union select generation, id from search_vacancy_docs where ${terms.normalized} <% search_text`
      : words;
  }

  const and = (parts: postgres.PendingQuery<postgres.Row[]>[]) =>
    parts.reduce((acc, p) => sql`${acc} and ${p}`, sql`true`);

  /** The structured filters of a vacancy query (no text, no geo), on the document columns. */
  function vacancyFilters(q: VacancyQuery) {
    const conds: Fragment[] = [];
    if (q.districtCodes?.length) conds.push(sql`district_code = any(${q.districtCodes})`);
    if (q.occupationGroup) conds.push(sql`isco_unit like ${q.occupationGroup.replace(/[^0-9]/g, '') + '%'}`);
    if (q.wageMin !== undefined) conds.push(sql`(wage_max >= ${q.wageMin} or (wage_max is null and wage_min is null))`);
    if (q.education) conds.push(sql`education_rank <= ${educationRank(q.education)}`);
    if (q.contractTypes?.length) conds.push(sql`contract_type = any(${q.contractTypes})`);
    if (q.fairId) conds.push(sql`fair_id = ${q.fairId}`);
    if (q.publicWelfare !== undefined) conds.push(sql`public_welfare = ${q.publicWelfare}`);
    if (q.postedSince) conds.push(sql`published_at >= ${q.postedSince}`);
    return conds;
  }

  /**
   * The structured filters of a seeker query other than consent, on unqualified columns that the
   * documents and the skill postings both carry (the postings copy them, docs/adr/0162), so the
   * same conditions run inside an index-only scan of either. `district: false` / `education: false`
   * leave them out for a caller that walks one district and education level at a time.
   */
  function seekerFilters(q: SeekerQuery, opts: { district?: boolean; education?: boolean } = {}) {
    const conds: Fragment[] = [];
    if (q.districtCodes?.length && opts.district !== false) conds.push(sql`district_code = any(${q.districtCodes})`);
    if (q.education && opts.education !== false) conds.push(sql`education_rank >= ${educationRank(q.education)}`);
    if (q.experienceMin !== undefined) conds.push(sql`experience_years >= ${q.experienceMin}`);
    if (q.offerMax !== undefined) conds.push(sql`(desired_wage_min is null or desired_wage_min <= ${q.offerMax})`);
    if (q.availability?.length) conds.push(sql`availability = any(${q.availability})`);
    if (q.occupationGroup) {
      const g = q.occupationGroup.replace(/[^0-9]/g, '');
      conds.push(sql`exists (select 1 from unnest(isco_units) u where u like ${g + '%'})`);
    }
    return conds;
  }

  const base: BaseEngine = {
    name: 'postgres' as const,
    async health() {
      await sql`select 1 from search_generations limit 1`;
    },
    async setup() {
      // Tables and the first generations are created by migrations.
    },
    async upsertVacancies(docs) {
      await insertVacancies(sql, writable('vacancies'), docs, 'update');
    },
    async deleteVacancies(ids) {
      if (ids.length) await sql`delete from search_vacancy_docs where id = any(${ids}::uuid[])`;
    },
    async upsertSeekers(docs) {
      await insertSeekers(sql, writable('seekers'), docs, 'update');
    },
    async deleteSeekers(ids) {
      if (ids.length) await sql`delete from search_seeker_docs where id = any(${ids}::uuid[])`;
    },

    async fullTextVacancies(q: VacancyQuery): Promise<SearchResult<VacancyDoc>> {
      const started = performance.now();
      const terms = queryTerms(q.q);
      // Rank on the title vector (small); match on the full one (title, employer, body).
      const text = textMatch(terms, sql`title_tsv`);
      // The text match runs on the GIN indexes alone, as a set of (generation, id): the tsvector is
      // TOASTed, and testing it row by row de-TOASTs every candidate document (at 100,000 documents
      // a broad word took ~10x longer). The planner's estimate for OR-ed synonyms is so broad that
      // it would choose a sequential scan, so sequential scans are disabled for this statement (withIndexScans).
      const hits = terms ? textHits(terms) : null;
      const conds = [sql`generation = ${live('vacancies')}`, sql`(expires_at is null or expires_at > now())`];
      if (q.districtCodes?.length) conds.push(sql`district_code = any(${q.districtCodes})`);
      if (q.occupationGroup) conds.push(sql`isco_unit like ${q.occupationGroup.replace(/[^0-9]/g, '') + '%'}`);
      if (q.wageMin !== undefined) conds.push(sql`(wage_max >= ${q.wageMin} or (wage_max is null and wage_min is null))`);
      if (q.education) conds.push(sql`education_rank <= ${educationRank(q.education)}`);
      if (q.contractTypes?.length) conds.push(sql`contract_type = any(${q.contractTypes})`);
      if (q.fairId) conds.push(sql`fair_id = ${q.fairId}`);
      if (q.publicWelfare !== undefined) conds.push(sql`public_welfare = ${q.publicWelfare}`);
      if (q.postedSince) conds.push(sql`published_at >= ${q.postedSince}`);
      let distance = sql`null::double precision`;
      if (q.near) {
        const { lat, lon, radiusKm } = q.near;
        const dLat = radiusKm / 111;
        const dLon = radiusKm / (111 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
        distance = sql`(6371 * 2 * asin(sqrt(power(sin(radians(lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(lat)) * power(sin(radians(lon - ${lon}) / 2), 2))))`;
        conds.push(sql`lat between ${lat - dLat} and ${lat + dLat} and lon between ${lon - dLon} and ${lon + dLon}`);
        conds.push(sql`${distance} <= ${radiusKm}`);
      }
      const where = and(conds);
      const orderOn = (table?: string) => {
        const c = (name: string) => (table ? sql`${sql(table)}.${sql(name)}` : sql(name));
        return q.sort === 'newest'
          ? sql`${c('published_at')} desc`
          : q.sort === 'wage'
            ? sql`${c('wage_max')} desc nulls last, ${c('published_at')} desc`
            : q.near && !terms
              ? sql`${c('distance')} asc nulls last, ${c('published_at')} desc`
              : sql`${c('score')} desc, ${c('published_at')} desc`;
      };
      const order = orderOn();
      // Rank only a bounded window of the best candidates (enough for the requested page plus
      // slack for the per-employer demotion), so a broad query does not sort the whole index.
      const offset = (q.page - 1) * q.pageSize;
      const window = offset + q.pageSize + CANDIDATE_SLACK;
      // Like Meilisearch's estimatedTotalHits, the total is capped (exact below the cap).
      // One statement, one pass over the matching documents: the page, the facet counts and the
      // total are all derived from the same materialised set. (Separate statements each re-ran the
      // text match — six scans for a kiosk query with four facets.) Documents are read (and
      // de-TOASTed) for the page only.
      // Facet name → the column of the matched set it counts (education as its rank: no document read).
      const facetColumn: Record<string, postgres.PendingQuery<postgres.Row[]>> = {
        districtCode: sql`district_code`,
        contractType: sql`contract_type`,
        educationMin: sql`education_rank`,
        publicWelfare: sql`public_welfare`,
        iscoMajor: sql`left(isco_unit, 1)`,
      };
      const facetSql = q.facets?.length
        ? sql`(select json_object_agg(facet, counts) from (
            select facet, json_object_agg(value, n) as counts from (
              ${q.facets.map((f) => sql`select ${f}::text as facet, ${facetColumn[f]!}::text as value, count(*)::int as n from matched group by 2`).reduce((acc, part) => sql`${acc} union all ${part}`)}
            ) f where value is not null group by facet) x)`
        : sql`null::json`;
      const statement = (db: postgres.Sql | postgres.TransactionSql) => db`
        with ${hits ? db`hits as materialized (${hits}),` : db``} matched as materialized (
          select id, employer_id, published_at, wage_max, district_code, contract_type, education_rank, isco_unit, public_welfare,
            ${text.score} as score, ${distance} as distance
          from search_vacancy_docs ${hits ? db`join hits using (generation, id)` : db``} where ${where}
        ), candidates as (
          select * from matched order by ${order}, id limit ${window}
        ), ranked as (
          select *, row_number() over (partition by employer_id order by ${order}, id) as employer_rank from candidates
        ), page as (
          select id, distance, employer_rank, score, published_at, wage_max from ranked
          order by (employer_rank > ${PER_EMPLOYER}), ${order}, id
          limit ${q.pageSize} offset ${offset}
        )
        select
          (select coalesce(json_agg(json_build_object('doc', d.doc, 'distance', page.distance)
             order by (page.employer_rank > ${PER_EMPLOYER}), ${orderOn('page')}, page.id), '[]'::json)
           from page join search_vacancy_docs d on d.id = page.id and d.generation = ${live('vacancies')}) as hits,
          (select least(count(*), ${MAX_TOTAL})::int from matched) as total,
          ${facetSql} as facets`;
      const [result] = hits ? await withIndexScans(sql, statement) : await statement(sql);
      const rows = result!.hits as { doc: VacancyDoc; distance: number | null }[];
      const total = result!.total as number;
      const facets: Record<string, Record<string, number>> = {};
      for (const [facet, counts] of Object.entries((result!.facets ?? {}) as Record<string, Record<string, number>>)) {
        // The education facet is counted on the stored rank; report the education code, as the other engine does.
        facets[facet] = facet === 'educationMin' ? Object.fromEntries(Object.entries(counts).map(([rank, n]) => [EDUCATION[Number(rank)] ?? rank, n])) : counts;
      }
      return {
        hits: rows.map((r) => ({
          doc: r.doc,
          highlight: { title: highlight(r.doc.title, terms) },
          ...(r.distance !== null ? { distanceKm: Math.round(Number(r.distance) * 10) / 10 } : {}),
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
        facets,
        tookMs: Math.round(performance.now() - started),
      };
    },

    async fullTextSeekers(q: SeekerQuery): Promise<SearchResult<SeekerDoc>> {
      const started = performance.now();
      const terms = queryTerms(q.q);
      const text = textMatch(terms);
      const conds = [sql`generation = ${live('seekers')}`, text.where];
      if (q.consentedOnly) conds.push(sql`consent_searchable`);
      if (q.districtCodes?.length) conds.push(sql`district_code = any(${q.districtCodes})`);
      if (q.education) conds.push(sql`education_rank >= ${educationRank(q.education)}`);
      if (q.experienceMin !== undefined) conds.push(sql`experience_years >= ${q.experienceMin}`);
      if (q.offerMax !== undefined) conds.push(sql`(desired_wage_min is null or desired_wage_min <= ${q.offerMax})`);
      if (q.availability?.length) conds.push(sql`availability = any(${q.availability})`);
      if (q.occupationGroup) {
        const g = q.occupationGroup.replace(/[^0-9]/g, '');
        conds.push(sql`exists (select 1 from unnest(isco_units) u where u like ${g + '%'})`);
      }
      const where = and(conds);
      const rows = await sql`
        select doc, ${text.score} as score from search_seeker_docs where ${where}
        order by score desc, updated_at desc, id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`;
      const facets: Record<string, Record<string, number>> = {};
      if (q.facets?.length) {
        const column = { districtCode: sql`district_code`, education: sql`(doc->>'education')`, availability: sql`availability` };
        const parts = q.facets.map((f) => sql`select ${f}::text as facet, ${column[f]}::text as value, count(*)::int as n from search_seeker_docs where ${where} group by 2`);
        for (const r of await sql`${parts.reduce((acc, p) => sql`${acc} union all ${p}`)}`) {
          if (r.value !== null) (facets[r.facet] ??= {})[r.value] = r.n;
        }
      }
      return {
        hits: rows.map((r) => ({ doc: r.doc as SeekerDoc })),
        // A short page (an empty first page included) says the total without counting: a second
        // pass over the text match, 10–50 ms at 1,000,000 seekers for a typo that reaches no skill.
        total:
          rows.length < q.pageSize && (rows.length > 0 || q.page === 1)
            ? (q.page - 1) * q.pageSize + rows.length
            : ((await sql`select count(*)::int as n from (select 1 from search_seeker_docs where ${where} limit ${MAX_TOTAL}) t`) as unknown as [{ n: number }])[0].n,
        page: q.page,
        pageSize: q.pageSize,
        facets,
        tookMs: Math.round(performance.now() - started),
      };
    },

    async documentHashes(index) {
      const rows = await sql`select id, content_hash from ${sql(TABLE[index])} where generation = ${live(index)}`;
      return new Map(rows.map((r) => [r.id as string, r.content_hash as string]));
    },

    async rebuild(index, batches) {
      const generation = `${index}_${Date.now()}`;
      await sql`insert into search_generations (generation, index_name, state) values (${generation}, ${index}, 'building')`;
      let count = 0;
      try {
        const only = sql`(select ${generation}::text)`;
        for await (const batch of batches) {
          // do nothing on conflict: a sync job that ran meanwhile wrote a fresher document.
          if (index === 'vacancies') await insertVacancies(sql, only, batch as VacancyDoc[], 'nothing');
          else await insertSeekers(sql, only, batch as SeekerDoc[], 'nothing');
          count += batch.length;
        }
        await sql.begin(async (tx) => {
          const old = await tx`update search_generations set state = 'retired' where index_name = ${index} and state = 'live' returning generation`;
          await tx`update search_generations set state = 'live' where generation = ${generation}`;
          for (const o of old) {
            await tx`delete from ${tx(TABLE[index])} where generation = ${o.generation}`;
            await tx`delete from search_terms where generation = ${o.generation}`;
            await tx`delete from search_generations where generation = ${o.generation}`;
          }
        });
      } catch (err) {
        await sql`delete from ${sql(TABLE[index])} where generation = ${generation}`;
        await sql`delete from search_terms where generation = ${generation}`;
        await sql`delete from search_generations where generation = ${generation}`;
        throw err;
      }
      return { count };
    },
    async close() {},
  };
  // Without the term index: the full-text path alone (the engine as it was before issue 16; a benchmark baseline).
  if (opts.termIndex === false) {
    const { fullTextVacancies, fullTextSeekers, ...rest } = base;
    return { ...rest, searchVacancies: fullTextVacancies, searchSeekers: fullTextSeekers, suggest: async () => [] };
  }
  return withTermSearch(sql, base, { live, vacancyFilters, seekerFilters, and }, { memory: opts.memoryIndex, memoryMaxDocs: opts.memoryMaxDocs, docCacheBytes: opts.docCacheBytes });
}
