import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vacancyChanged } from '../../src/jobs/events.js';
import { checkDrift, reindex } from '../../src/search/sync.js';
import { baseRecords, insertEmployer, insertSeeker, insertVacancy } from '../helpers/fixtures-search.js';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';
import { sql as dsql } from 'drizzle-orm';

let ctx: TestContext;
let officeId: string;
let employerId: string;
const url = () => ctx.config.databaseUrl;

const searchIds = async (qs: string) => {
  const res = await ctx.app.inject({ url: `/public/vacancies/search?${qs}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { vacancy: { id: string } }[]).map((i) => i.vacancy.id);
};

beforeAll(async () => {
  ctx = await startTestApp();
  ({ officeId } = await baseRecords(ctx.resources.database.sql));
  employerId = await insertEmployer(ctx.resources.database.sql, officeId, '广州市天河电气工程有限公司');
  await ctx.startWorkers();
});
afterAll(() => ctx.close());

describe('indexing through the outbox', () => {
  it('a published vacancy becomes searchable, and disappears when closed', async () => {
    const id = await insertVacancy(url(), { title: '维修电工', employerId, officeId, wageMonthlyMin: 6000, wageMonthlyMax: 8000 });
    await eventually(async () => (await searchIds('q=diangong')).includes(id));
    await ctx.resources.database.db.transaction(async (tx) => {
      await tx.execute(dsql`update vacancies set status = 'closed', closed_at = now() where id = ${id}`);
      await vacancyChanged(tx, id);
    });
    await eventually(async () => !(await searchIds('q=diangong')).includes(id));
  });

  it('public results carry only public fields: no office, screening or employer contact', async () => {
    const id = await insertVacancy(url(), { title: '电工学徒', employerId, officeId });
    await eventually(async () => (await searchIds('q=电工学徒')).includes(id));
    const body = (await ctx.app.inject({ url: '/public/vacancies/search?q=电工学徒' })).body;
    for (const forbidden of ['officeId', 'office_id', 'screening', '王经理', '13800138000', 'contact']) expect(body).not.toContain(forbidden);
  });

  it('the drift check finds a missing document and reindex repairs it without downtime', async () => {
    const { sql } = ctx.resources.database;
    await eventually(async () => {
      const r = await checkDrift(sql, ctx.resources.search, 'vacancies');
      return r.missing.length + r.stale.length + r.extra.length === 0 && r.expected > 0;
    });
    const [victim] = await sql`select id from search_vacancy_docs limit 1`;
    await sql`delete from search_vacancy_docs where id = ${victim!.id}`;
    expect((await checkDrift(sql, ctx.resources.search, 'vacancies')).missing).toEqual([victim!.id]);
    const admin = bearer(ctx.adminKey);
    const res = await ctx.app.inject({ method: 'POST', url: '/admin/search/vacancies/reindex', headers: admin });
    expect(res.statusCode).toBe(200);
    const drift = (await ctx.app.inject({ url: '/admin/search/vacancies/drift', headers: admin })).json();
    expect(drift).toMatchObject({ missing: [], extra: [], stale: [] });
    expect(drift.indexed).toBe(drift.expected);
  });
});

describe('search input', () => {
  it.each([
    ['lat=23.1', 'query.lon'],
    ['facets=districtCode,salary', 'query.facets'],
    ['pageSize=500', 'query.pageSize'],
    ['education=phd', 'query.education'],
    ['occupationGroup=7%27', 'query.occupationGroup'],
  ])('when given %s, returns 400 naming %s', async (qs, field) => {
    const res = await ctx.app.inject({ url: `/public/vacancies/search?${qs}` });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().details ?? res.json().message)).toContain(field);
  });

  it('a hostile district value cannot widen the filter', async () => {
    expect(await searchIds(`district=${encodeURIComponent('440106" OR 1=1 --')}`)).toEqual([]);
    expect(await searchIds(`district=${encodeURIComponent("x') or true or ('")}`)).toEqual([]);
  });
});

describe('job-seeker search', () => {
  let consenting: string;
  let refusing: string;
  beforeAll(async () => {
    consenting = await insertSeeker(url(), {
      officeId,
      name: '李秀英',
      skills: ['电工', '焊接'],
      profileText: '十年电工经验，联系我 13912345678，身份证 11010519491231002X，李秀英',
      consent: true,
      isco: '7411',
    });
    refusing = await insertSeeker(url(), { officeId, name: '赵强', skills: ['电工'], consent: false });
  });

  it('an employer finds only consenting profiles, masked, without any personal data', async () => {
    // Only a verified employer's recruiters search job seekers (issue 17).
    await ctx.resources.database.sql`update employers set verified = true where id = ${employerId}`;
    const key = await ctx.keyFor('employer', { employerId });
    const res = await eventually(async () => {
      const r = await ctx.app.inject({ url: '/seekers/search?q=电工', headers: bearer(key) });
      return r.json().items?.length ? r : null;
    });
    const items = res.json().items as { id: string; maskedName: string }[];
    expect(items.map((i) => i.id)).toEqual([consenting]);
    // No name-derived text at all for a recruiter: an alias of the record id.
    expect(items[0]!.maskedName).toBe(`#${items[0]!.id.replace(/-/g, '').slice(0, 6).toUpperCase()}`);
    for (const personal of ['李秀英', '13912345678', '11010519491231002X', '002X', '1990-05-17', '汉族', 'female', 'disabled', '体育西路', '赵强']) {
      expect(res.body, personal).not.toContain(personal);
    }
  });

  it('staff see every active profile, still masked', async () => {
    const key = await ctx.keyFor('staff', { officeId });
    const ids = await eventually(async () => {
      const r = (await ctx.app.inject({ url: '/seekers/search?q=电工', headers: bearer(key) })).json();
      return r.items?.length === 2 ? r.items.map((i: { id: string }) => i.id) : null;
    });
    expect(ids.sort()).toEqual([consenting, refusing].sort());
  });

  it('protected attributes cannot be used as filters', async () => {
    const key = await ctx.keyFor('staff', { officeId });
    for (const qs of ['sex=female', 'ethnicity=汉族', 'birthDate=1990-05-17', 'priorityGroup=disabled']) {
      const r = await ctx.app.inject({ url: `/seekers/search?${qs}`, headers: bearer(key) });
      expect(r.statusCode, qs).toBe(400);
    }
  });

  it('an organiser may not search job seekers, nor anyone without a key', async () => {
    expect((await ctx.app.inject({ url: '/seekers/search' })).statusCode).toBe(401);
    const organiser = await ctx.keyFor('organiser', { officeId });
    expect((await ctx.app.inject({ url: '/seekers/search', headers: bearer(organiser) })).statusCode).toBe(403);
  });
});

describe('faults', () => {
  it('kill -9 of the worker process mid-indexing: after a restart the index converges, nothing missing or duplicated', async () => {
    await ctx.close();
    ctx = await startTestApp();
    ({ officeId } = await baseRecords(ctx.resources.database.sql));
    employerId = await insertEmployer(ctx.resources.database.sql, officeId, '广州市越秀物流有限公司');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: ctx.config.databaseUrl,
      REDIS_URL: ctx.config.redisUrl,
      PES_QUEUE_PREFIX: ctx.config.queuePrefix,
      PES_HASH_KEY: ctx.config.hashKey,
      PES_OUTBOX_POLL_MS: '50',
      LOG_LEVEL: 'silent',
    };
    const startWorker = () => spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], { env, stdio: 'ignore' });
    let worker: ChildProcess = startWorker();
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      ids.push(await insertVacancy(url(), { title: `仓库管理员${i}`, employerId, officeId }));
    }
    const { sql } = ctx.resources.database;
    // Kill as soon as indexing is under way, so jobs are in flight.
    await eventually(async () => Number((await sql`select count(*) from search_vacancy_docs`)[0]!.count) > 0, 20_000, 10);
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    worker = startWorker();
    try {
      const started = Date.now();
      const drift = await eventually(async () => {
        const r = await checkDrift(sql, ctx.resources.search, 'vacancies');
        return r.expected === 150 && r.missing.length + r.stale.length + r.extra.length === 0 ? r : null;
      }, 25_000, 200);
      expect(drift.indexed).toBe(150);
      const [{ n }] = (await sql`select count(*)::int as n, count(distinct id)::int as d from search_vacancy_docs`) as unknown as [{ n: number }];
      expect(n).toBe(150);
      console.log(`index converged ${Date.now() - started} ms after the worker restart`);
    } finally {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
    void reindex;
  }, 60_000);
});
