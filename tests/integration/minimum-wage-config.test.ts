import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fairBooths, fairs } from '../../src/modules/fairs/fairs.table.js';
import { importJob } from '../../src/modules/imports/index.js';
import { seedPeopleWorld, type PeopleWorld } from '../helpers/fixtures-people.js';
import { creditCode } from '../helpers/records.js';
import { bearer, firstAttempt, jobDeps, startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * Issue 22: the local minimum wage is configuration passed to every path that screens pay, never a
 * module global set by the server and worker entry points. With PES_MINIMUM_MONTHLY_WAGE=4000, pay of
 * 3,000–3,500 a month is below the minimum (the built-in default, 2,690, would let it pass) on the API,
 * in an uploaded import run by the worker's handler, and in the command-line importer.
 */
const MINIMUM = '4000';
let ctx: TestContext;
let w: PeopleWorld;
let fairId: string;
let code: string;
const dir = mkdtempSync(join(tmpdir(), 'min-wage-'));

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_MINIMUM_MONTHLY_WAGE: MINIMUM } });
  w = await seedPeopleWorld(ctx);
  code = creditCode();
  await ctx.resources.database.sql`update employers set credit_code = ${code} where id = ${w.employer1Id}`;
  const start = new Date(Date.now() + 7 * 86_400_000);
  const [fair] = await ctx.resources.database.db
    .insert(fairs)
    .values({ name: '最低工资测试招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: w.officeAId, districtCode: w.districtA })
    .returning({ id: fairs.id });
  fairId = fair!.id;
  await ctx.resources.database.db.insert(fairBooths).values({ fairId, employerId: w.employer1Id, boothNo: 'A01' });
});
afterAll(async () => {
  await ctx?.close();
  rmSync(dir, { recursive: true, force: true });
});

const belowMinimum = async (where: { id?: string; externalRef?: string }) => {
  const sql = ctx.resources.database.sql;
  const [row] = where.id
    ? await sql`select screening_findings from vacancies where id = ${where.id}`
    : await sql`select screening_findings from vacancies where external_ref = ${where.externalRef!}`;
  expect(row, JSON.stringify(where)).toBeDefined();
  return (row!.screening_findings as { ruleId: string }[]).some((f) => f.ruleId === 'wage.below_minimum');
};
const csv = (ref: string) => `外部编号,岗位名称,统一社会信用代码,招聘人数,薪资下限,薪资上限,学历要求\n${ref},仓库理货员,${code},2,3000,3500,初中\n`;

describe('the configured minimum wage', () => {
  it('screens a vacancy written through the API', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/vacancies',
      headers: bearer(w.keys.organiser),
      payload: { employerId: w.employer1Id, title: '仓库理货员', headcount: 2, wageMin: 3000, wageMax: 3500 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await belowMinimum({ id: res.json().id })).toBe(true);
  });

  it('screens an uploaded import run by the worker handler', async () => {
    const up = await ctx.app.inject({ method: 'POST', url: `/fairs/${fairId}/imports`, headers: { ...bearer(w.keys.organiser), 'content-type': 'text/csv' }, payload: csv('MW-JOB') });
    expect(up.statusCode, up.body).toBe(202);
    const result = await importJob(jobDeps(ctx), { importId: up.json().importId }, firstAttempt);
    expect(result.inserted, JSON.stringify(result)).toBe(1);
    expect(await belowMinimum({ externalRef: 'MW-JOB' })).toBe(true);
  });

  it('screens a file imported with the command-line importer', async () => {
    const file = join(dir, 'vacancies.csv');
    writeFileSync(file, csv('MW-CLI'));
    const env = { ...process.env, NODE_ENV: 'test', DATABASE_URL: ctx.config.databaseUrl, PES_HASH_KEY: 'test-hash-key-0123456789', PES_MINIMUM_MONTHLY_WAGE: MINIMUM };
    const out = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/import-vacancies.ts', '--fair', fairId, '--file', file], { env, encoding: 'utf8' });
    expect(out.stdout).toContain('inserted 1');
    expect(await belowMinimum({ externalRef: 'MW-CLI' })).toBe(true);
  }, 60_000);
});
