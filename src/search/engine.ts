import type { SeekerDoc, VacancyDoc } from './documents.js';

/**
 * The search port. Indexing and queries go through this interface, so the Meilisearch
 * adapter (production) and the Postgres adapter (default) are interchangeable; one contract
 * test suite runs against each reachable engine.
 */
export type IndexName = 'vacancies' | 'seekers';

export interface VacancyQuery {
  q?: string;
  districtCodes?: string[];
  /** ISCO-08 group prefix (1–4 digits): "7" all craft workers, "7212" welders. */
  occupationGroup?: string;
  /** Only postings whose top of range reaches this monthly amount; postings with no stated pay are kept (and marked). */
  wageMin?: number;
  /** The searcher's education: postings requiring at most this. */
  education?: string;
  contractTypes?: string[];
  fairId?: string;
  publicWelfare?: boolean;
  postedSince?: string;
  near?: { lat: number; lon: number; radiusKm: number };
  sort?: 'relevance' | 'newest' | 'wage';
  page: number;
  pageSize: number;
  /** Facet fields to count (on the filtered result, as Meilisearch does). */
  facets?: VacancyFacet[];
}
export type VacancyFacet = 'districtCode' | 'contractType' | 'educationMin' | 'publicWelfare' | 'iscoMajor';

export interface Hit<D> {
  doc: D;
  /** Title (or name) with matches wrapped in <mark>, the rest HTML-escaped. */
  highlight?: { title?: string };
  distanceKm?: number;
  /**
   * The document already serialised with only PublicVacancy's fields (doc-cache.ts). When every
   * hit has it, the search route sends these bytes instead of serialising the documents again.
   */
  json?: Buffer;
}

export interface SearchResult<D> {
  hits: Hit<D>[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, Record<string, number>>;
  tookMs: number;
}

export interface SeekerQuery {
  q?: string;
  /** true for employers: only profiles whose owner consented. Staff pass false. */
  consentedOnly: boolean;
  districtCodes?: string[];
  /** Minimum education the seeker holds. */
  education?: string;
  experienceMin?: number;
  /** The offer: seekers whose desired minimum is at most this. */
  offerMax?: number;
  availability?: string[];
  occupationGroup?: string;
  page: number;
  pageSize: number;
  facets?: SeekerFacet[];
}
export type SeekerFacet = 'districtCode' | 'education' | 'availability';

/** Autocomplete: what a kiosk keyboard offers as tiles while someone types. */
export interface SuggestQuery {
  q: string;
  limit: number;
  /** t = titles, o = occupations, e = employers (default all three). */
  kinds?: ('t' | 'o' | 'e')[];
}
export interface Suggestion {
  text: string;
  kind: 'title' | 'occupation' | 'employer';
  /** Live vacancies carrying it (Postgres engine); the matching hits among the first ones read (Meilisearch). */
  count: number;
  /** How the typed text reached it: the whole text, a prefix (characters, pinyin or initials), a synonym or occupation, or the same sound. */
  match: 'exact' | 'prefix' | 'related' | 'homophone';
}

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Throws when the engine cannot serve queries. */
  health(): Promise<void>;
  /** Creates indexes and applies settings; idempotent, run at start. */
  setup(): Promise<void>;
  upsertVacancies(docs: VacancyDoc[]): Promise<void>;
  deleteVacancies(ids: string[]): Promise<void>;
  upsertSeekers(docs: SeekerDoc[]): Promise<void>;
  deleteSeekers(ids: string[]): Promise<void>;
  searchVacancies(q: VacancyQuery): Promise<SearchResult<VacancyDoc>>;
  searchSeekers(q: SeekerQuery): Promise<SearchResult<SeekerDoc>>;
  /** Titles, occupations and employers for what has been typed so far (characters, pinyin or initials). */
  suggest(q: SuggestQuery): Promise<Suggestion[]>;
  /** id → content hash of every document in the live index (drift check). */
  documentHashes(index: IndexName): Promise<Map<string, string>>;
  /**
   * Rebuilds an index from `batches` into a fresh generation and swaps it in atomically;
   * searches keep answering from the old one meanwhile.
   */
  rebuild(index: IndexName, batches: AsyncIterable<VacancyDoc[] | SeekerDoc[]>): Promise<{ count: number }>;
  close(): Promise<void>;
}
