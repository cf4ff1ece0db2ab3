import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLogNotifier } from '../../src/lib/notifier.js';
import { runSavedSearchAlerts } from '../../src/modules/saved-searches/saved-searches.service.js';
import { syncSeekers } from '../../src/search/sync.js';
import { baseRecords, insertEmployer, insertSeeker } from '../helpers/fixtures-search.js';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Issue 15 (trust) finding: "Saved-search alerts keep showing a seeker to an employer after the
 * seeker withdrew consent". Written first, as a failing test, then fixed in saved-searches.
 */
let ctx: TestContext;
let officeId: string;
let employerId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  ({ officeId } = await baseRecords(ctx.resources.database.sql));
  employerId = await insertEmployer(ctx.resources.database.sql, officeId, '广州市快递服务有限公司');
});
afterAll(() => ctx.close());

const alertIds = async (key: string, savedId: string): Promise<string[]> => {
  const res = await ctx.app.inject({ url: `/saved-searches/${savedId}/alerts`, headers: bearer(key) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((a: { itemId: string }) => a.itemId);
};

describe('saved-search alerts after a seeker withdrew consent (issue 15 finding)', () => {
  it('saved-search alerts stop showing a seeker to an employer within 5 s of the seeker withdrawing consent', async () => {
    const { sql, db } = ctx.resources.database;
    const employer = await ctx.keyFor('employer', { employerId });
    const staff = await ctx.keyFor('staff', { officeId });
    const saved = await ctx.app.inject({ method: 'POST', url: '/saved-searches', headers: bearer(employer), payload: { name: '司机人才', kind: 'seekers', query: { q: '驾驶' } } });
    expect(saved.statusCode, saved.body).toBe(201);
    const savedId = saved.json().id as string;
    await new Promise((r) => setTimeout(r, 20));
    const seekerId = await insertSeeker(ctx.config.databaseUrl, { officeId, name: '陈小明', skills: ['驾驶'], consent: true });
    const stays = await insertSeeker(ctx.config.databaseUrl, { officeId, name: '李大海', skills: ['驾驶'], consent: true });
    await syncSeekers(sql, ctx.resources.search, [seekerId, stays]);

    const notifier = createLogNotifier(pino({ level: 'silent' }));
    const deps = { db, search: ctx.resources.search, notifier, logger: pino({ level: 'silent' }) };
    expect((await runSavedSearchAlerts(deps)).newAlerts).toBe(2);
    expect((await alertIds(employer, savedId)).sort()).toEqual([seekerId, stays].sort());

    await ctx.startWorkers();
    const withdrawn = Date.now();
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/seekers/${seekerId}`, headers: bearer(staff), payload: { consentSearchable: false } });
    expect(patch.statusCode, patch.body).toBe(200);

    // The alert already delivered no longer shows the person, through the API, within 5 s...
    await eventually(async () => !(await alertIds(employer, savedId)).includes(seekerId), 5_000);
    expect(Date.now() - withdrawn).toBeLessThan(5_000);
    expect(await alertIds(employer, savedId)).toEqual([stays]);
    // ...nor in the table the alerts job sends from, and a later run does not bring the person back.
    await eventually(async () => (await sql`select 1 from search_alerts where item_id = ${seekerId}`).length === 0, 5_000);
    await runSavedSearchAlerts(deps);
    expect(await alertIds(employer, savedId)).toEqual([stays]);
  });

  it('the alerts job does not alert a person whose withdrawal the search index has not seen yet', async () => {
    const { sql, db } = ctx.resources.database;
    const employer = await ctx.keyFor('employer', { employerId });
    const saved = await ctx.app.inject({ method: 'POST', url: '/saved-searches', headers: bearer(employer), payload: { name: '电工人才', kind: 'seekers', query: { q: '电工' } } });
    const savedId = saved.json().id as string;
    await new Promise((r) => setTimeout(r, 20));
    const seekerId = await insertSeeker(ctx.config.databaseUrl, { officeId, name: '王电工', skills: ['电工'], consent: true });
    await syncSeekers(sql, ctx.resources.search, [seekerId]);
    // Withdrawn in Postgres, the index still says consenting (the sync job has not run).
    await sql`update seekers set consent_searchable = false where id = ${seekerId}`;
    const notifier = createLogNotifier(pino({ level: 'silent' }));
    await runSavedSearchAlerts({ db, search: ctx.resources.search, notifier, logger: pino({ level: 'silent' }) });
    expect(await alertIds(employer, savedId)).toEqual([]);
    expect(notifier.sent.filter((m) => m.ref === savedId)).toHaveLength(0);
  });
});
