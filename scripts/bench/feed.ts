/**
 * Vacancy change feed (issue 23), over a generated city, each figure beside a same-run baseline:
 * - full replay of the feed (pages of 1,000 through readFeed, the route's service) against reading
 *   the same public documents in id order (allDocs, what a search reindex reads);
 * - the cost of the change-log triggers on a bulk write: one UPDATE of N published vacancies with
 *   the triggers on, against the same UPDATE with them disabled;
 * - sizes that docs/deployment.md uses: average public document (JSON bytes), table sizes.
 *
 *   npm run bench -- feed [--vacancies 100000] [--updates 10000]
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { readFeed } from '../../src/modules/feed/index.js';
import { allDocs } from '../../src/search/sync.js';
import { generateCity } from './generate.js';
import { freshDatabase, table } from './lib.js';

const { values } = parseArgs({ options: { vacancies: { type: 'string', default: '100000' }, updates: { type: 'string', default: '10000' } } });
const N = Number(values.vacancies);
const U = Number(values.updates);

const url = await freshDatabase('pes_bench_feed');
const sql = postgres(url, { max: 4, onnotice: () => {} });
const ms = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
try {
  await generateCity(sql, { vacancies: N, seekers: 0, referrals: 0, weeks: 4 }, undefined, () => {});
  await sql`analyze`;
  const [{ published }] = await sql`select count(*)::int as published from vacancies where status = 'published' and (expires_at is null or expires_at > now())`;
  const [{ logged }] = await sql`select count(*)::int as logged from vacancy_changes`;

  let items = 0;
  let pages = 0;
  const replayMs = await ms(async () => {
    let cursor: string | undefined;
    for (;;) {
      const page = await readFeed(sql, { cursor, limit: 1000 });
      items += page.items.length;
      pages++;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
  });
  let docs = 0;
  let bytes = 0;
  const baselineMs = await ms(async () => {
    for await (const batch of allDocs(sql, 'vacancies')) {
      docs += batch.length;
      for (const d of batch) bytes += Buffer.byteLength(JSON.stringify(d));
    }
  });

  // Trigger cost: the same bulk UPDATE of U published vacancies, triggers off then on, twice each.
  const ids = (await sql`select id from vacancies where status = 'published' order by id limit ${U}`).map((r) => r.id as string);
  const bump = () => sql`update vacancies set headcount = headcount + 1, updated_at = now() where id = any(${ids}::uuid[])`;
  const runs: { on: number[]; off: number[] } = { on: [], off: [] };
  for (let i = 0; i < 2; i++) {
    await sql`alter table vacancies disable trigger vacancy_changes_on_update`;
    runs.off.push(await ms(bump));
    await sql`alter table vacancies enable trigger vacancy_changes_on_update`;
    runs.on.push(await ms(bump));
  }
  const best = (a: number[]) => Math.min(...a);

  const sizes = await sql`
    select relname as name, pg_total_relation_size(c.oid) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' order by 2 desc limit 8`;

  console.log(`\nFeed over ${N.toLocaleString()} generated vacancies (${published} published and unexpired, ${logged} rows in vacancy_changes)\n`);
  console.log(
    table([
        ['what', 'time', 'rate', 'ratio to baseline'],
        [`feed replay, pages of 1,000 (${items} items, ${pages} pages)`, `${(replayMs / 1000).toFixed(2)} s`, `${Math.round(items / (replayMs / 1000)).toLocaleString()} items/s`, `${(replayMs / baselineMs).toFixed(2)}×`],
        [`baseline: same documents in id order (allDocs, ${docs})`, `${(baselineMs / 1000).toFixed(2)} s`, `${Math.round(docs / (baselineMs / 1000)).toLocaleString()} docs/s`, '1×'],
        [`UPDATE of ${U.toLocaleString()} published vacancies, change-log trigger on (best of 2)`, `${best(runs.on).toFixed(0)} ms`, '', `${(best(runs.on) / best(runs.off)).toFixed(2)}×`],
        [`baseline: same UPDATE, trigger disabled (best of 2)`, `${best(runs.off).toFixed(0)} ms`, '', '1×'],
      ]),
  );
  console.log(`\naverage public vacancy document: ${Math.round(bytes / Math.max(1, docs))} bytes of JSON (${(bytes / 1048576).toFixed(1)} MiB for ${docs})`);
  console.log('\nlargest tables (incl. indexes and TOAST):');
  for (const s of sizes) console.log(`  ${String(s.name).padEnd(28)} ${(Number(s.bytes) / 1048576).toFixed(1)} MiB`);
} finally {
  await sql.end();
}
