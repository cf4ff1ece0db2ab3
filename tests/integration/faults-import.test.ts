import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seedDemoCity } from '../../seeds/reference.js';
import { creditCodeCheckChar } from '../../src/lib/validators.js';
import { fairs } from '../../src/modules/fairs/fairs.table.js';
import { offices } from '../../src/modules/offices/offices.table.js';
import { checkDrift } from '../../src/search/sync.js';
import { spawnWorker } from '../helpers/worker-process.js';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * kill -9 of the worker process in the middle of a bulk import (issue 10): after a new worker
 * starts, the import finishes, every row exists exactly once, and the search index matches the
 * database (ids and content hashes).
 */
const ROWS = 3_000;
const EMPLOYERS = 30;
/**
 * BullMQ hands a job that lost its worker to another one only after the dead worker's lock has
 * expired and a stalled check has seen it: up to lockDuration (4 s for imports) + stalledInterval
 * (1.5 s) in workers/runtime.ts, plus the new process's start. So convergence is timed from the
 * takeover (the re-run stamps a new startedAt), and the takeover has its own bound (on a quiet
 * machine: takeover 4.0 s + convergence 4.5 s = 8.5 s from the restart).
 */
const TAKEOVER_MS = 10_000;
/**
 * Issue 10's target for convergence. The machine is shared, so the test also times the same
 * import without a crash in the same run and allows the crashed one that time plus half.
 */
const CONVERGE_MS = 10_000;

let ctx: TestContext;
let fairId: string;
let organiser: Record<string, string>;

beforeAll(async () => {
  ctx = await startTestApp();
  const db = ctx.resources.database.db;
  await seedDemoCity(db);
  const [tianhe] = await db.select({ id: offices.id }).from(offices).where(eq(offices.code, '440106'));
  const start = new Date(Date.now() + 7 * 86400_000);
  const [fair] = await db
    .insert(fairs)
    .values({ name: '天河区周六招聘会（故障测试）', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: tianhe!.id, districtCode: '440106' })
    .returning({ id: fairs.id });
  fairId = fair!.id;
  organiser = bearer(await ctx.keyFor('organiser', { officeId: tianhe!.id }));
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

/** A few thousand distinct vacancies from a few dozen employers, registered from the rows themselves. */
function bigCsv(prefix: string): string {
  const codes = Array.from({ length: EMPLOYERS }, (_, i) => {
    const first = `914401068${String(i).padStart(8, '0')}`;
    return first + creditCodeCheckChar(first);
  });
  const lines = ['外部编号,岗位名称,单位名称,统一社会信用代码,招聘人数,薪资下限,薪资上限,学历要求,岗位描述,任职要求'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `${prefix}-${i},装配工${i % 40},故障测试单位${i % EMPLOYERS},${codes[i % EMPLOYERS]},${1 + (i % 5)},${4000 + (i % 10) * 100},${6000 + (i % 10) * 100},初中,负责第${i}号工位的装配与自检,能适应两班倒`,
    );
  }
  return lines.join('\n');
}

async function upload(prefix: string): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/fairs/${fairId}/imports?allowCreateEmployers=true`,
    headers: { ...organiser, 'content-type': 'text/csv' },
    payload: bigCsv(prefix),
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().importId as string;
}

async function finished(importId: string, timeoutMs: number) {
  let seen = '';
  return eventually(async () => {
    const r = (await ctx.app.inject({ url: `/imports/${importId}`, headers: organiser })).json();
    seen = `${r.status} ${r.processedRows}/${r.totalRows} started ${r.startedAt}`;
    return r.status === 'completed' || r.status === 'failed' ? r : null;
  }, timeoutMs, 50).catch((err) => {
    throw new Error(`${(err as Error).message}; import: ${seen}`);
  });
}

/** Waits until the index holds exactly the published vacancies, with matching content hashes. */
async function converged(expected: number) {
  let last = '';
  return eventually(async () => {
    const r = await checkDrift(ctx.resources.database.sql, ctx.resources.search, 'vacancies');
    last = `expected ${r.expected}, indexed ${r.indexed}, missing ${r.missing.length}, stale ${r.stale.length}, extra ${r.extra.length}`;
    return r.expected === expected && r.missing.length + r.stale.length + r.extra.length === 0 ? r : null;
  }, 60_000, 100).catch((err) => {
    throw new Error(`${(err as Error).message}; drift: ${last}`);
  });
}

describe('kill -9 of the worker during a bulk import', () => {
  it('after a restart the import finishes, every row exists once, and the index matches the database', async () => {
    const { sql } = ctx.resources.database;
    let worker = spawnWorker(ctx.config);
    try {
      // Baseline: the same size of import, start to converged index, with no crash.
      const baseline = await finished(await upload('BASE'), 60_000);
      await converged(ROWS);
      const baselineMs = Date.now() - new Date(baseline.startedAt).getTime();

      const importId = await upload('KILL');
      // Kill while the import is between 10% and 90% done (progress is committed batch by batch).
      const progress = await eventually(async () => {
        const [r] = await sql`select status, processed_rows, total_rows from vacancy_imports where id = ${importId}`;
        if (r!.status !== 'running' && r!.status !== 'queued') throw new Error(`the import ended (${r!.status}) before the kill`);
        const share = r!.total_rows ? r!.processed_rows / r!.total_rows : 0;
        return share >= 0.1 && share <= 0.9 ? share : null;
      }, 60_000, 5);
      await worker.kill();
      const [atKill] = await sql`select status from vacancy_imports where id = ${importId}`;
      const [{ n: committedAtKill }] = (await sql`select count(*)::int as n from vacancies where external_ref like 'KILL-%'`) as unknown as [{ n: number }];
      expect(atKill!.status).toBe('running');
      expect(committedAtKill).toBeGreaterThan(0);
      expect(committedAtKill).toBeLessThan(ROWS);

      worker = spawnWorker(ctx.config);
      const restartedAt = Date.now();
      const done = await finished(importId, TAKEOVER_MS + 30_000);
      const takenOverAt = new Date(done.startedAt).getTime();
      const drift = await converged(2 * ROWS);
      const convergedMs = Date.now() - takenOverAt;
      console.log(
        `import kill -9 at ${Math.round(progress * 100)}% (${committedAtKill} of ${ROWS} rows committed): the new worker took the job over ` +
          `${takenOverAt - restartedAt} ms after its start; from then the database and the index converged in ${convergedMs} ms ` +
          `(target ${CONVERGE_MS} ms; the same import without a crash: ${baselineMs} ms)`,
      );

      // The import finished with every row accounted for; rows committed before the kill came out unchanged.
      expect(done).toMatchObject({ status: 'completed', totalRows: ROWS, processedRows: ROWS, failed: 0 });
      expect(done.inserted + done.updated + done.unchanged).toBe(ROWS);
      expect(done.unchanged).toBeGreaterThanOrEqual(committedAtKill);
      // Nothing duplicated: one vacancy per (employer, external reference), one employer per credit code.
      const [v] = await sql`
        select count(*)::int as n, count(distinct (employer_id, external_ref))::int as keys, count(distinct external_ref)::int as refs
        from vacancies where fair_id = ${fairId}`;
      expect(v).toEqual({ n: 2 * ROWS, keys: 2 * ROWS, refs: 2 * ROWS });
      const [e] = await sql`select count(*)::int as n, count(distinct credit_code)::int as codes from employers where name like '故障测试单位%'`;
      expect(e).toEqual({ n: EMPLOYERS, codes: EMPLOYERS });
      // The index holds each published vacancy once, with the content hash of its database row.
      expect(drift).toMatchObject({ expected: 2 * ROWS, indexed: 2 * ROWS, missing: [], stale: [], extra: [] });
      const [docs] = await sql`select count(*)::int as n, count(distinct id)::int as ids from search_vacancy_docs`;
      expect(docs).toEqual({ n: 2 * ROWS, ids: 2 * ROWS });

      expect(takenOverAt - restartedAt).toBeLessThan(TAKEOVER_MS);
      expect(convergedMs).toBeLessThan(Math.max(CONVERGE_MS, baselineMs * 1.5));
    } finally {
      await worker.stop();
    }
  }, 180_000);
});
