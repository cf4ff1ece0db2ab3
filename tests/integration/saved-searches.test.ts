import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createLogNotifier } from '../../src/lib/notifier.js';
import { runSavedSearchAlerts } from '../../src/modules/saved-searches/saved-searches.service.js';
import { syncSeekers, syncVacancies } from '../../src/search/sync.js';
import { baseRecords, insertEmployer, insertSeeker, insertVacancy } from '../helpers/fixtures-search.js';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
let officeId: string;
let employerId: string;
let seekerId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  ({ officeId } = await baseRecords(ctx.resources.database.sql));
  employerId = await insertEmployer(ctx.resources.database.sql, officeId, '广州市快递服务有限公司');
  seekerId = await insertSeeker(ctx.config.databaseUrl, { officeId, name: '陈小明', skills: ['驾驶'], consent: true });
});
afterAll(() => ctx.close());

describe('saved searches and alerts', () => {
  it('staff save a vacancy search for a seeker; each new matching vacancy is alerted once, by the log sender', async () => {
    const staff = await ctx.keyFor('staff', { officeId });
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/saved-searches',
      headers: bearer(staff),
      payload: { name: '司机岗位', kind: 'vacancies', seekerId, query: { q: '司机', wageMin: 5000 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const savedId = created.json().id;
    await new Promise((r) => setTimeout(r, 20));

    const { sql, db } = ctx.resources.database;
    const match = await insertVacancy(ctx.config.databaseUrl, { title: '货车司机', employerId, officeId, wageMonthlyMin: 6000, wageMonthlyMax: 9000 });
    const noMatch = await insertVacancy(ctx.config.databaseUrl, { title: '收银员', employerId, officeId });
    await syncVacancies(sql, ctx.resources.search, [match, noMatch]);

    const notifier = createLogNotifier(pino({ level: 'silent' }));
    const deps = { db, search: ctx.resources.search, notifier, logger: pino({ level: 'silent' }) };
    expect((await runSavedSearchAlerts(deps)).newAlerts).toBe(1);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]!.to).toBe('13912345678');
    expect(notifier.sent[0]!.text).toContain('货车司机');

    // A second run finds nothing new and sends nothing.
    expect((await runSavedSearchAlerts(deps)).newAlerts).toBe(0);
    expect(notifier.sent).toHaveLength(1);

    const alerts = (await ctx.app.inject({ url: `/saved-searches/${savedId}/alerts`, headers: bearer(staff) })).json();
    expect(alerts.items.map((a: { itemId: string }) => a.itemId)).toEqual([match]);
  });

  it('an employer saves a candidate search and sees only its own saved searches', async () => {
    const employer = await ctx.keyFor('employer', { employerId });
    const other = await ctx.keyFor('employer', { employerId: await insertEmployer(ctx.resources.database.sql, officeId, '另一家公司') });
    const res = await ctx.app.inject({ method: 'POST', url: '/saved-searches', headers: bearer(employer), payload: { name: '司机人才', kind: 'seekers', query: { q: '驾驶' } } });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    expect((await ctx.app.inject({ url: `/saved-searches/${id}/alerts`, headers: bearer(other) })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/saved-searches', headers: bearer(other) })).json().total).toBe(0);
    await syncSeekers(ctx.resources.database.sql, ctx.resources.search, [seekerId]);
  });

  it('rejects a query field the kind does not have, naming it', async () => {
    const employer = await ctx.keyFor('employer', { employerId });
    const res = await ctx.app.inject({ method: 'POST', url: '/saved-searches', headers: bearer(employer), payload: { name: 'x', kind: 'seekers', query: { sex: 'female' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.query.sex');
  });
});
