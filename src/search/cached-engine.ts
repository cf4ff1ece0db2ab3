import type postgres from 'postgres';
import type { SearchEngine, SearchResult, VacancyQuery } from './engine.js';
import type { VacancyDoc } from './documents.js';

const CHANNEL = 'search_changed';
/** An entry older than the TTL (up to this many TTLs) is served while it is refreshed. */
const STALE_FACTOR = 6;

/**
 * Public vacancy searches repeat a lot (kiosk tiles, the same few words typed on many
 * screens), so the API keeps recent results in memory. Every index write notifies
 * `search_changed` through Postgres and every API process clears its cache on it, so a cached
 * answer is never older than the index; the TTL only bounds memory and missed notifications
 * (and past it an entry is refreshed in the background while still served, up to 6 TTLs).
 */
export function withResultCache(
  engine: SearchEngine,
  sql: postgres.Sql,
  opts: { maxEntries?: number; ttlMs?: number } = {},
): SearchEngine & { cacheStats(): { hits: number; misses: number; size: number } } {
  // A page of parsed documents and its serialised body take about 100 KB; 300 entries bound the cache
  // near 30 MB (it lives in a 160 MB heap). With 500, the API peaked at 294 MB of RSS at 1,000,000
  // vacancies with the cache on (BENCHMARKS.md), too close to the 300 MB budget.
  const maxEntries = opts.maxEntries ?? 300;
  const ttlMs = opts.ttlMs ?? 10_000;
  const cache = new Map<string, { at: number; value: Promise<SearchResult<VacancyDoc>>; refreshing?: boolean }>();
  let hits = 0;
  let misses = 0;
  let listening: Promise<boolean> | null = null;

  const clear = () => cache.clear();
  // Caching starts only once LISTEN is confirmed; if it fails, every search goes to the engine
  // rather than risking stale answers.
  const listen = () =>
    (listening ??= sql.listen(CHANNEL, clear, clear).then(
      () => true,
      () => ((listening = null), false),
    ));

  const notify = async () => {
    clear();
    await sql`select pg_notify(${CHANNEL}, '')`;
  };

  return {
    ...engine,
    async upsertVacancies(docs) {
      await engine.upsertVacancies(docs);
      if (docs.length) await notify();
    },
    async deleteVacancies(ids) {
      await engine.deleteVacancies(ids);
      if (ids.length) await notify();
    },
    async rebuild(index, batches) {
      const r = await engine.rebuild(index, batches);
      await notify();
      return r;
    },
    async searchVacancies(q: VacancyQuery) {
      if (!(await listen())) return engine.searchVacancies(q);
      const key = JSON.stringify(q);
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && now - hit.at < ttlMs * STALE_FACTOR) {
        hits++;
        // Refresh recency for LRU eviction.
        cache.delete(key);
        cache.set(key, hit);
        // Past the TTL, the answer is still served (any index write would have cleared it) while
        // one background search refreshes it: a busy kiosk query never waits for the database.
        if (now - hit.at >= ttlMs && !hit.refreshing) {
          hit.refreshing = true;
          const fresh = engine.searchVacancies(q);
          fresh.then(
            () => cache.get(key) === hit && cache.set(key, { at: Date.now(), value: fresh }),
            () => (hit.refreshing = false),
          );
        }
        return hit.value;
      }
      misses++;
      const value = engine.searchVacancies(q);
      const entry = { at: now, value };
      cache.set(key, entry);
      value.then(
        (r) => {
          // A page the in-process index answered with serialised documents (docs/adr/0163) costs
          // less to answer again than to keep: holding it only fed the garbage collector (1,007
          // against 1,492 req/s with distinct queries). Concurrent identical requests still shared it.
          if (r.hits.length && r.hits.every((h) => h.json) && cache.get(key) === entry) cache.delete(key);
        },
        () => cache.delete(key),
      );
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return value;
    },
    cacheStats: () => ({ hits, misses, size: cache.size }),
  };
}
