import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { creditCode } from '../helpers/records.js';
import { seedPeopleWorld, type PeopleWorld } from '../helpers/fixtures-people.js';
import { fairs, fairBooths } from '../../src/modules/fairs/fairs.table.js';
import { runImport } from '../../src/modules/imports/imports.service.js';

/**
 * One way into `vacancies`: the same vacancy typed into the form (POST /vacancies + publish) and
 * uploaded in a fair's spreadsheet ends with the same occupation codes, the same screening
 * findings and outcome, and the same follow-up jobs (search sync and matching).
 */
let ctx: TestContext;
let w: PeopleWorld;
beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
});
afterAll(() => ctx?.close());

const sql = () => ctx.resources.database.sql;
const COLUMNS = 'occupation_system, occupation_code, isco_unit, screening_outcome, status, wage_monthly_min, wage_monthly_max, education_min, headcount';

describe('an imported vacancy is the same vacancy as one typed into the form', () => {
  for (const [title, requirements] of [
    ['普工', '能适应两班倒，吃苦耐劳'],
    ['保洁员', '年龄35岁以下'],
    ['客服专员', '普通话标准'],
  ] as const) {
    it(`${title}: same codes, findings, status and jobs`, async () => {
      const code = creditCode();
      await sql()`update employers set credit_code = ${code} where id = ${w.employer1Id}`;
      const start = new Date(Date.now() + 7 * 86_400_000);
      const [fair] = await ctx.resources.database.db
        .insert(fairs)
        .values({ name: '天河区周六招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: w.officeAId, districtCode: w.districtA })
        .returning({ id: fairs.id });
      await ctx.resources.database.db.insert(fairBooths).values({ fairId: fair!.id, employerId: w.employer1Id, boothNo: 'A01' });

      const form = await ctx.app.inject({
        method: 'POST',
        url: '/vacancies',
        headers: bearer(w.keys.organiser),
        payload: { employerId: w.employer1Id, fairId: fair!.id, title, requirements, headcount: 3, wageMin: 4500, wageMax: 6000, educationMin: 'junior_secondary' },
      });
      expect(form.statusCode, form.body).toBe(201);
      const published = await ctx.app.inject({ method: 'POST', url: `/vacancies/${form.json().id}/status`, headers: bearer(w.keys.organiser), payload: { status: 'published' } });
      expect(published.statusCode, published.body).toBe(200);

      const csv = `外部编号,岗位名称,统一社会信用代码,招聘人数,薪资下限,薪资上限,学历要求,任职要求\nX-${title},${title},${code},3,4500,6000,初中,${requirements}\n`;
      const up = await ctx.app.inject({ method: 'POST', url: `/fairs/${fair!.id}/imports`, headers: { ...bearer(w.keys.organiser), 'content-type': 'text/csv' }, payload: csv });
      expect(up.statusCode, up.body).toBe(202);
      const view = await runImport(ctx.resources.database.db, up.json().importId);
      expect(view.inserted, JSON.stringify(view.errors)).toBe(1);

      const [typed] = await sql().unsafe(`select id, ${COLUMNS}, screening_findings from vacancies where id = $1`, [form.json().id]);
      const [imported] = await sql().unsafe(`select id, ${COLUMNS}, screening_findings from vacancies where external_ref = $1`, [`X-${title}`]);
      const strip = (r: Record<string, unknown>) => {
        const { id: _id, screening_findings, ...rest } = r;
        return { ...rest, findings: (screening_findings as { ruleId: string; category: string; span: { text: string } }[]).map((f) => `${f.ruleId}|${f.category}|${f.span.text}`).sort() };
      };
      expect(strip(imported!)).toEqual(strip(typed!));
      const jobs = async (id: string) =>
        (await sql()`select job_name from outbox where payload->>'vacancyId' = ${id} or payload->'vacancyIds' ? ${id} order by job_name`).map((r) => String(r.job_name).replace(/^matching\.vacancies$/, 'matching.vacancy'));
      expect([...new Set(await jobs(imported!.id as string))].sort()).toEqual([...new Set(await jobs(typed!.id as string))].sort());
    });
  }
});
