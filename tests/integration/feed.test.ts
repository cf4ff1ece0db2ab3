import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueJob } from '../../src/modules/vacancies/vacancies.jobs.js';
import { loadVacancyDocs } from '../../src/search/documents.js';
import { decodeCursor } from '../../src/modules/feed/index.js';
import { firstAttempt, jobDeps, startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, type World } from '../helpers/records.js';

/**
 * The vacancy change feed (issue 23): a partner that replays it ends with exactly the published
 * set, through creates, edits, closes, expiries and a transaction that commits while it pages.
 */
let ctx: TestContext;
let w: World;
const sql = () => ctx.resources.database.sql;
const FEED_LIMIT = 1000;

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_FEED_RATE_LIMIT: String(FEED_LIMIT) } });
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

let seq = 0;
async function createVacancy(publish: boolean, title = '仓库拣货员') {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/vacancies',
    headers: w.as.staff,
    payload: { employerId: w.employers.own, title, description: `负责仓库拣货、打包与盘点，做六休一。（第${++seq}岗）`, wageMin: 5000, wageMax: 6500, districtCode: '440106' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (publish) await setStatus(id, 'published');
  return id;
}
async function setStatus(id: string, status: string) {
  const res = await ctx.app.inject({ method: 'POST', url: `/vacancies/${id}/status`, headers: w.as.staff, payload: { status } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe(status);
}
async function edit(id: string, title: string) {
  const res = await ctx.app.inject({ method: 'PATCH', url: `/vacancies/${id}`, headers: w.as.staff, payload: { title } });
  expect(res.statusCode, res.body).toBe(200);
}

interface Page {
  items: { id: string; change: 'upsert' | 'removal'; changedAt: string; vacancy?: Record<string, unknown>; reason?: string }[];
  nextCursor: string;
  hasMore: boolean;
}
async function fetchPage(query: Record<string, string>): Promise<Page> {
  const res = await ctx.app.inject({ method: 'GET', url: '/public/feed/vacancies', query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** What a partner keeps: its copy of the public vacancies and where it is in the feed. */
class Consumer {
  copy = new Map<string, Record<string, unknown>>();
  cursor: string | undefined;
  seen = new Set<string>();
  pages = 0;
  constructor(private readonly limit: number) {}

  /** One page, applied in order. */
  async step(): Promise<Page> {
    const page = await fetchPage({ limit: String(this.limit), ...(this.cursor ? { cursor: this.cursor } : {}) });
    for (const item of page.items) {
      this.seen.add(item.id);
      if (item.change === 'upsert') this.copy.set(item.id, item.vacancy!);
      else this.copy.delete(item.id);
    }
    this.cursor = page.nextCursor;
    this.pages++;
    return page;
  }

  /**
   * Pages until caught up with every change committed so far. Transactions of other test files
   * share the cluster and may hold the horizon back for a moment, so it polls as a real partner
   * would until its cursor has passed the newest change in the log.
   */
  async catchUp(): Promise<void> {
    const [{ newest }] = await sql()`select coalesce(max(txid)::text, '0') as newest from vacancy_changes`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const page = await this.step();
      if (!page.hasMore && BigInt(decodeCursor(this.cursor!).txid) >= BigInt(newest)) return;
      if (Date.now() > deadline) throw new Error('the feed did not catch up within 20 s');
      if (!page.hasMore) await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** The published set as the public sees it (search documents: published and unexpired). */
async function publishedSet(): Promise<Map<string, string>> {
  return new Map((await loadVacancyDocs(sql(), null)).map((d) => [d.id, d.title]));
}
const titles = (c: Consumer) => new Map([...c.copy].map(([id, v]) => [id, v.title as string]));

describe('vacancy change feed', () => {
  it('a consumer replaying the feed ends with exactly the published set through creates, edits, closes, expiries and a change made while it pages', async () => {
    const a = await createVacancy(true, '叉车司机');
    const b = await createVacancy(true, '仓库管理员');
    const c = await createVacancy(true, '分拣员');
    const d = await createVacancy(true, '装卸工');
    const never = await createVacancy(false, '草稿岗位');
    await edit(never, '草稿岗位（改）');

    const consumer = new Consumer(2);
    await consumer.catchUp();
    expect(titles(consumer)).toEqual(await publishedSet());
    expect(consumer.copy.size).toBe(4);

    // Edits, a close, an expiry (time passes the expiry; the scheduled job flips the status) and a new posting.
    await edit(a, '叉车司机（持证）');
    await setStatus(b, 'closed');
    await sql()`update vacancies set expires_at = now() - interval '1 minute' where id = ${c}`;
    expect((await expireDueJob(jobDeps(ctx), {}, firstAttempt)).expired).toBe(1);
    const e = await createVacancy(true, '理货员');

    // The consumer reads one page, then more changes land while it is mid-way.
    const first = await consumer.step();
    expect(first.hasMore).toBe(true);
    await edit(d, '装卸工（夜班）');
    const f = await createVacancy(true, '包装工');
    await setStatus(e, 'filled');
    await consumer.catchUp();

    const expected = await publishedSet();
    expect(titles(consumer)).toEqual(expected);
    expect([...expected.keys()].sort()).toEqual([a, d, f].sort());
    expect(expected.get(a)).toBe('叉车司机（持证）');
    expect(expected.get(d)).toBe('装卸工（夜班）');
    // A vacancy never published never appears, not even as a removal.
    expect(consumer.seen.has(never)).toBe(false);

    // A consumer starting from scratch now gets the same set (removals of vacancies it never had are no-ops).
    const fresh = new Consumer(1000);
    await fresh.catchUp();
    expect(titles(fresh)).toEqual(expected);
  });

  it('a transaction that commits late is never skipped: later commits wait behind it until it ends', async () => {
    const x = await createVacancy(true, '电工');
    const y = await createVacancy(true, '焊工');
    const consumer = new Consumer(50);
    await consumer.catchUp();

    // Transaction A takes its id first (it writes x) and stays open; B writes y later and commits.
    const reserved = await sql().reserve();
    try {
      await reserved`begin`;
      await reserved`update vacancies set title = '电工（高压）', updated_at = now() where id = ${x}`;
      await edit(y, '焊工（氩弧）');

      // B's change sorts after A's position, so it is held back while A is running: a consumer that
      // took it now would move its cursor past A's (lower) position and never see A's change.
      const page = await consumer.step();
      expect(page.items.map((i) => i.id)).not.toContain(y);
      expect(page.hasMore).toBe(false);

      await reserved`commit`;
    } finally {
      reserved.release();
    }
    await consumer.catchUp();
    const expected = await publishedSet();
    expect(titles(consumer)).toEqual(expected);
    expect(consumer.copy.get(x)?.title).toBe('电工（高压）');
    expect(consumer.copy.get(y)?.title).toBe('焊工（氩弧）');
  });

  it('items carry public fields only, removals say why, and the body holds no contact or screening data', async () => {
    const v = await createVacancy(true, '保洁员');
    await setStatus(v, 'closed');
    const res = await ctx.app.inject({ method: 'GET', url: '/public/feed/vacancies', query: { limit: '1000' } });
    expect(res.statusCode).toBe(200);
    const page = res.json() as Page;
    const upsert = page.items.find((i) => i.change === 'upsert')!;
    for (const key of ['officeId', 'employerId', 'screeningFindings', 'screeningOutcome', 'reviewNote', 'externalRef', 'status', 'version']) {
      expect(upsert.vacancy).not.toHaveProperty(key);
    }
    expect(page.items.find((i) => i.id === v)).toMatchObject({ change: 'removal', reason: 'closed' });
    expect(res.body).not.toContain('13800138000');
    expect(res.body).not.toContain('王经理');
  });

  it('updatedAfter starts at changes after that time; a future time gives no items and a cursor for what comes next', async () => {
    const t0 = new Date(Date.now() - 1000).toISOString();
    const v = await createVacancy(true, '收银员');
    const page = await fetchPage({ updatedAfter: t0, limit: '1000' });
    expect(page.items.map((i) => i.id)).toContain(v);

    const future = await fetchPage({ updatedAfter: new Date(Date.now() + 3600_000).toISOString() });
    expect(future.items).toEqual([]);
    expect(future.hasMore).toBe(false);
    const later = await createVacancy(true, '导购员');
    const consumer = new Consumer(100);
    consumer.cursor = future.nextCursor;
    await consumer.catchUp();
    expect(consumer.seen.has(later)).toBe(true);
  });

  it('a bad cursor, or both cursor and updatedAfter, is a 400 naming the field; the route is rate-limited and documented', async () => {
    const bad = await ctx.app.inject({ method: 'GET', url: '/public/feed/vacancies', query: { cursor: 'bm90LWEtY3Vyc29y' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe('query.cursor');
    const both = await ctx.app.inject({ method: 'GET', url: '/public/feed/vacancies', query: { cursor: 'MTIzLjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA', updatedAfter: new Date().toISOString() } });
    expect(both.statusCode).toBe(400);
    expect(both.json().details[0].field).toBe('query.updatedAfter');
    const tooMany = await ctx.app.inject({ method: 'GET', url: '/public/feed/vacancies', query: { limit: '5000' } });
    expect(tooMany.statusCode).toBe(400);

    const ok = await ctx.app.inject({ method: 'GET', url: '/public/feed/vacancies', query: { limit: '1' } });
    // Its own limit (PES_FEED_RATE_LIMIT), not the kiosk's public one.
    expect(ok.headers['x-ratelimit-limit']).toBe(String(FEED_LIMIT));

    const doc = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const op = doc.paths['/public/feed/vacancies'].get;
    expect(op.description).toContain('nextCursor');
    expect(op.description).toContain('for (;;)');
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['cursor', 'updatedAfter', 'limit']));
  });
});
