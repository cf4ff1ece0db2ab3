import type postgres from 'postgres';
import { contentHash, loadSeekerDocs, loadVacancyDocs, type SeekerDoc, type VacancyDoc } from './documents.js';
import type { IndexName, SearchEngine } from './engine.js';

/**
 * Brings the index in line with Postgres for the given ids: indexable records are upserted,
 * the rest (closed, expired, deleted, inactive) removed. Reloads state, so running it twice
 * or out of order ends the same.
 */
export async function syncVacancies(sql: postgres.Sql, engine: SearchEngine, ids: string[]) {
  const docs = await loadVacancyDocs(sql, ids);
  const present = new Set(docs.map((d) => d.id));
  const gone = ids.filter((id) => !present.has(id));
  await engine.upsertVacancies(docs);
  await engine.deleteVacancies(gone);
  return { upserted: docs.length, deleted: gone.length };
}

export async function syncSeekers(sql: postgres.Sql, engine: SearchEngine, ids: string[]) {
  const docs = await loadSeekerDocs(sql, ids);
  const present = new Set(docs.map((d) => d.id));
  const gone = ids.filter((id) => !present.has(id));
  await engine.upsertSeekers(docs);
  await engine.deleteSeekers(gone);
  return { upserted: docs.length, deleted: gone.length };
}

const BATCH = 1000;

/** Every indexable document, in id order, in batches (for reindex and the drift check). */
export async function* allDocs(sql: postgres.Sql, index: IndexName): AsyncGenerator<VacancyDoc[] | SeekerDoc[]> {
  let afterId: string | undefined;
  for (;;) {
    const batch = index === 'vacancies' ? await loadVacancyDocs(sql, null, { limit: BATCH, afterId }) : await loadSeekerDocs(sql, null, { limit: BATCH, afterId });
    if (batch.length === 0) return;
    yield batch;
    afterId = batch[batch.length - 1]!.id;
  }
}

/** Rebuilds an index beside the live one and swaps it in, then re-syncs what changed meanwhile. */
export async function reindex(sql: postgres.Sql, engine: SearchEngine, index: IndexName) {
  const [{ started }] = (await sql`select now() as started`) as unknown as [{ started: Date }];
  const { count } = await engine.rebuild(index, allDocs(sql, index));
  const table = index === 'vacancies' ? sql`vacancies` : sql`seekers`;
  const changed = (await sql`select id from ${table} where updated_at >= ${started}`).map((r) => r.id as string);
  if (changed.length) await (index === 'vacancies' ? syncVacancies : syncSeekers)(sql, engine, changed);
  return { count, resynced: changed.length };
}

export interface DriftReport {
  index: IndexName;
  expected: number;
  indexed: number;
  missing: string[];
  extra: string[];
  stale: string[];
}

/** Compares ids and content hashes of the database's indexable records with the live index. */
export async function checkDrift(sql: postgres.Sql, engine: SearchEngine, index: IndexName): Promise<DriftReport> {
  const indexed = await engine.documentHashes(index);
  const missing: string[] = [];
  const stale: string[] = [];
  let expected = 0;
  const seen = new Set<string>();
  for await (const batch of allDocs(sql, index)) {
    for (const doc of batch) {
      expected++;
      seen.add(doc.id);
      const h = indexed.get(doc.id);
      if (h === undefined) missing.push(doc.id);
      else if (h !== contentHash(doc)) stale.push(doc.id);
    }
  }
  const extra = [...indexed.keys()].filter((id) => !seen.has(id));
  return { index, expected, indexed: indexed.size, missing, extra, stale };
}
