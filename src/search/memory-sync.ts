import type postgres from 'postgres';
import { cachedDoc, DocCache, PUBLIC_VACANCY_KEYS, type CachedDoc } from './doc-cache.js';
import { VacancyMemoryIndex, type DocState, type FormRow } from './memory-index.js';
import type { TermKind } from './terms.js';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

const CHANNEL = 'search_vacancy_log';
/** More log rows than this behind: reload everything instead. */
const MAX_LOG_ROWS = 20_000;
const LOAD_BATCH = 20_000;
/**
 * Above this many live documents the process does not load the index and answers through the SQL
 * term index (ADR 0160) instead: at 1,000,000 the index added ≈ 90 MB of RSS and the API passed the
 * 300 MB budget under load, while the SQL term index met the latency target there (BENCHMARKS.md).
 */
export const MEMORY_MAX_DOCS = 500_000;
/** Serialised documents kept per process (docs/adr/0163): about 12,000 documents of the generated city. */
export const DOC_CACHE_BYTES = 16 * 1024 * 1024;
/** Documents of each term's first page read into the cache after a load, and a document's size as budgeted. */
const PREFETCH_PER_TERM = 20;
const PREFETCH_DOC_BYTES = 1500;
const PREFETCH_BATCH = 500;
/** How long a process that found the index too large waits before counting again. */
const TOO_LARGE_RECHECK_MS = 10 * 60_000;

/**
 * Keeps one process's VacancyMemoryIndex exact with Postgres (docs/adr/0161, migration
 * 0018_search-change-log). Postgres stays the only source of truth:
 *  - a load reads the clock, the spellings and every live document in one repeatable-read snapshot;
 *  - every write statement on the live documents takes the next clock number and logs its ids;
 *    NOTIFY tells every process, which re-reads those ids (so the order of notifications and
 *    reads does not matter: the current row wins) and moves its `applied` number on;
 *  - a reader compares the clock (read in the same statement as the page's documents) with
 *    `applied` and catches up before answering if it is behind, so a write committed before a
 *    query started is always visible to it, in any process;
 *  - a reconnect, a gap in the log, a bulk statement or a generation swap makes it reload.
 * Until the first load is done the engine answers through SQL.
 */
export class VacancyMemory {
  index: VacancyMemoryIndex | null = null;
  applied = 0;
  private wanted = 0;
  private needReload = true;
  private dirty = false;
  private pump: Promise<void> | null = null;
  private started = false;
  private stopped = false;
  private listener: { unlisten(): Promise<void> } | null = null;
  lastError: unknown = null;
  /** Set when the live documents exceeded MEMORY_MAX_DOCS at the last load. */
  private tooLargeUntil = 0;
  private lastAttempt = 0;
  loads = 0;
  /** The page documents last sent, exact with `applied` (see DocCache). */
  readonly docs: DocCache;
  private clockNow: Promise<number> | null = null;
  private clockNext: Promise<number> | null = null;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly live: Fragment,
    private readonly maxDocs = MEMORY_MAX_DOCS,
    docCacheBytes = DOC_CACHE_BYTES,
  ) {
    this.docs = new DocCache(docCacheBytes);
  }

  /**
   * The change clock, read by a statement that starts after this call, so it counts every write
   * committed before the caller's request arrived. Callers arriving while a read is on its way
   * share the next one: under 50 connections a handful of reads serve every request, instead of
   * one statement each (docs/adr/0163).
   */
  clock(): Promise<number> {
    if (!this.clockNow) return this.readClock();
    // The read in flight may have started before this caller's request: wait for the next one.
    const next = (this.clockNext ??= this.clockNow.then(noop, noop).then(() => {
      this.clockNext = null;
      return this.readClock();
    }));
    return next;
  }

  /**
   * Documents by id and the clock, in one statement (one snapshot). When the clock is past
   * `applied`, a write committed before this read is missing from memory: the caller catches up
   * and answers again. Documents read at exactly `applied` are kept in the document cache; the
   * check runs right after the read, before any other await (see DocCache for why this is exact).
   */
  async readDocs(ids: string[]): Promise<{ version: number; docs: Map<string, CachedDoc> }> {
    // Postgres keeps only the documented keys (anything else stored never leaves), so the text can
    // be sent as it is (docs/adr/0163).
    const rows = await this.sql`select c.version, d.id, d.doc->>'title' as title,
        (select jsonb_object_agg(e.key, e.value) from jsonb_each(d.doc) e where e.key = any(${PUBLIC_VACANCY_KEYS}::text[]))::text as doc
      from search_change_clock c
      left join search_vacancy_docs d on d.generation = ${this.live} and d.id = any(${ids}::uuid[])
      where c.index_name = 'vacancies'`;
    const version = Number(rows[0]?.version ?? 0);
    const keep = version === this.applied && this.index !== null;
    const docs = new Map<string, CachedDoc>();
    for (const r of rows) {
      if (!r.id) continue;
      const doc = cachedDoc(r.doc as string, (r.title as string | null) ?? '');
      docs.set(r.id as string, doc);
      if (keep) this.docs.set(r.id as string, doc);
    }
    return { version, docs };
  }

  /**
   * After a load, reads the first page of the commonest terms (and of the empty query) into the
   * document cache, up to half its budget, so the first keystrokes after a restart do not each
   * wait on Postgres for their documents. The least common go in first: the commonest are the
   * last to be dropped.
   */
  private async prefetch(index: VacancyMemoryIndex) {
    if (this.docs.maxBytes <= 0) return;
    const ids = index.firstPages(PREFETCH_PER_TERM, Math.floor(this.docs.maxBytes / 2 / PREFETCH_DOC_BYTES), Date.now()).reverse();
    for (let i = 0; i < ids.length && this.index === index && !this.stopped; i += PREFETCH_BATCH) {
      await this.readDocs(ids.slice(i, i + PREFETCH_BATCH));
    }
  }

  private readClock(): Promise<number> {
    const p = this.sql`select version from search_change_clock where index_name = 'vacancies'`.then(([r]) => Number(r?.version ?? 0));
    this.clockNow = p;
    const done = () => {
      if (this.clockNow === p) this.clockNow = null;
    };
    p.then(done, done);
    return p;
  }

  get ready(): boolean {
    return this.index !== null && !this.stopped;
  }

  /** Starts listening and loading in the background (idempotent); queries use SQL meanwhile. */
  start() {
    if (this.started || this.stopped) return;
    this.started = true;
    this.sql
      .listen(
        CHANNEL,
        (payload) => void this.sync(Number(payload)).catch(() => {}),
        // Called on every (re)connect: notifications may have been missed, so catch up from the log.
        () => void this.sync(0).catch(() => {}),
      )
      .then(
        (l) => {
          if (this.stopped) void l.unlisten().catch(() => {});
          else this.listener = l;
        },
        (e) => {
          this.lastError = e;
          this.started = false;
        },
      );
  }

  /**
   * Starts, or retries a failed load (at most every 5 s), and resolves when the index is loaded
   * (rejects when the load failed: queries go on through SQL).
   */
  async warm(): Promise<void> {
    this.start();
    if (this.index || Date.now() < this.tooLargeUntil) return;
    if (!this.pump && Date.now() - this.lastAttempt < 5000 && this.lastError) throw this.lastError;
    this.lastAttempt = Date.now();
    await this.sync(0);
  }

  async stop() {
    this.stopped = true;
    this.index = null;
    await this.listener?.unlisten().catch(() => {});
    await this.pump?.catch(() => {});
  }

  /** Applies the log until `applied` ≥ target (0: whatever the log holds now, e.g. after a reconnect). */
  sync(target: number): Promise<void> {
    this.wanted = Math.max(this.wanted, target);
    // A pass already running may have read the log before this call: it runs another pass.
    this.dirty = true;
    this.pump ??= this.run().finally(() => (this.pump = null));
    return this.pump;
  }

  private async run() {
    try {
      for (let round = 0; this.dirty && !this.stopped && round < 50; round++) {
        this.dirty = false;
        if (!this.index && Date.now() < this.tooLargeUntil) return;
        if (this.needReload || !this.index) {
          await this.load();
          const loaded = this.index;
          if (loaded) void this.prefetch(loaded).catch(() => {});
          this.dirty = true; // then whatever was logged after the snapshot
          continue;
        }
        if ((await this.applyLog()) || this.needReload) this.dirty = true;
      }
    } catch (e) {
      this.lastError = e;
      throw e;
    }
  }

  /** True while a full load runs (seconds at a million documents): readers go to SQL rather than wait. */
  reloading = false;

  private async load() {
    this.reloading = true;
    try {
      await this.loadOnce();
    } finally {
      this.reloading = false;
    }
  }

  private async loadOnce() {
    this.needReload = false;
    let index = new VacancyMemoryIndex(1024);
    let version = 0;
    let tooLarge = false;
    await this.sql.begin('isolation level repeatable read read only', async (tx) => {
      const [c] = await tx`select version from search_change_clock where index_name = 'vacancies'`;
      version = Number(c?.version ?? 0);
      // Columns sized for what is there (and an eighth more), not doubled past it.
      const [n] = await tx`select count(*)::int as n from search_vacancy_docs where generation = ${this.live}`;
      if ((n!.n as number) > this.maxDocs) {
        tooLarge = true;
        return;
      }
      index = new VacancyMemoryIndex(Math.max(1024, Math.ceil((n!.n as number) * 1.125)));
      const forms = await tx`select kind, key, label, ftype, pos, form from search_term_forms where kind in ('t', 'e', 'o')`;
      index.addForms(forms as unknown as FormRow[]);
      await tx`select id, title_key, employer_id, isco_unit, (extract(epoch from published_at) * 1000)::float8 as p,
          (extract(epoch from expires_at) * 1000)::float8 as e
        from search_vacancy_docs where generation = ${this.live}`
        .cursor(LOAD_BATCH, (rows) => {
          for (const r of rows) index.upsert(stateOf(r), true);
        });
    });
    if (tooLarge) {
      // Answer through SQL; drop any index held (it would go stale) and look again later.
      this.index = null;
      this.docs.clear();
      this.tooLargeUntil = Date.now() + TOO_LARGE_RECHECK_MS;
      return;
    }
    this.tooLargeUntil = 0;
    index.finishBulk();
    // Every term's spellings were in the snapshot: a term without any has no label.
    for (const t of index.termsWithoutForms()) t.formsLoaded = true;
    if (this.stopped) return;
    // One synchronous step: no cached document read before this snapshot outlives the switch.
    this.docs.clear();
    this.index = index;
    this.applied = version;
    this.loads++;
  }

  /** Applies the log after `applied`; false when there was nothing to apply. */
  private async applyLog(): Promise<boolean> {
    const index = this.index!;
    const rows = await this.sql`select version, id from search_change_log where index_name = 'vacancies' and version > ${this.applied}
      order by version limit ${MAX_LOG_ROWS + 1}`;
    if (!rows.length) {
      // Nothing logged past `applied`: the clock cannot be ahead (numbers are gap-free), unless
      // the log was pruned; then reload.
      if (this.wanted > this.applied) {
        const [c] = await this.sql`select version from search_change_clock where index_name = 'vacancies'`;
        if (Number(c!.version) > this.applied) this.needReload = true;
        else this.wanted = this.applied;
      }
      return false;
    }
    const first = Number(rows[0]!.version);
    if (first !== this.applied + 1 || rows.length > MAX_LOG_ROWS || rows.some((r) => r.id === null)) {
      this.needReload = true;
      return true;
    }
    const last = Number(rows[rows.length - 1]!.version);
    const ids = [...new Set(rows.map((r) => r.id as string))];
    for (let i = 0; i < ids.length; i += 5000) {
      const part = ids.slice(i, i + 5000);
      const states = await this.sql`select id, title_key, employer_id, isco_unit, (extract(epoch from published_at) * 1000)::float8 as p,
          (extract(epoch from expires_at) * 1000)::float8 as e
        from search_vacancy_docs where generation = ${this.live} and id = any(${part}::uuid[])`;
      const found = new Set<string>();
      const docs = states.map(stateOf);
      for (const d of docs) {
        found.add(d.id);
        if (d.titleKey) index.term('t', d.titleKey);
        index.term('e', d.employerId);
        if (d.iscoUnit) index.term('o', d.iscoUnit);
      }
      await this.loadForms(index);
      for (const d of docs) index.upsert(d);
      for (const id of part) if (!found.has(id)) index.remove(id);
    }
    if (this.index === index) {
      // Dropping the touched documents and advancing `applied` in one synchronous step: a reader
      // caches a document only when it was read at exactly `applied` (term-search.ts).
      for (const id of ids) this.docs.delete(id);
      this.applied = last;
    }
    return true;
  }

  /** Reads the spellings of terms first seen in the log (written before their documents). */
  private async loadForms(index: VacancyMemoryIndex) {
    const missing = index.termsWithoutForms();
    if (!missing.length) return;
    const keys = (k: TermKind) => missing.filter((t) => t.kind === k).map((t) => t.key);
    const forms = await this.sql`select kind, key, label, ftype, pos, form from search_term_forms
      where (kind = 't' and key = any(${keys('t')}::text[])) or (kind = 'e' and key = any(${keys('e')}::text[])) or (kind = 'o' and key = any(${keys('o')}::text[]))`;
    index.addForms(forms as unknown as FormRow[]);
    for (const t of missing) t.formsLoaded = true;
  }
}

const noop = () => {};

function stateOf(r: postgres.Row): DocState {
  return {
    id: r.id as string,
    titleKey: (r.title_key as string | null) ?? null,
    employerId: r.employer_id as string,
    iscoUnit: (r.isco_unit as string | null) ?? null,
    publishedAt: r.p as number,
    expiresAt: r.e === null ? null : (r.e as number),
  };
}
