import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';
import { seedDemoCity } from '../../seeds/reference.js';
import { offices } from '../../src/modules/offices/offices.table.js';
import { employers } from '../../src/modules/employers/employers.table.js';
import { fairs } from '../../src/modules/fairs/fairs.table.js';
import { creditCodeCheckChar } from '../../src/lib/validators.js';
import { createImport, runImport, type ImportProgress } from '../../src/modules/imports/imports.service.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));
const CODE_A = '91440106MA5AAAAA1J';
const CODE_B = '91440106MA5BBBBB2X';
const CODE_UNKNOWN = '91440111MA5CCCCC3G';

let ctx: TestContext;
let organiser: string; // Tianhe district office
let fairId: string;
let otherFairId: string; // a Baiyun fair

beforeAll(async () => {
  ctx = await startTestApp();
  const db = ctx.resources.database.db;
  await seedDemoCity(db);
  const officeOf = async (code: string) => (await db.select().from(offices).where(eq(offices.code, code)))[0]!.id;
  const tianhe = await officeOf('440106');
  const baiyun = await officeOf('440111');
  await db.insert(employers).values([
    { name: '广州示例机电有限公司', creditCode: CODE_A, industry: 'C', sizeBand: 'small', officeId: tianhe },
    { name: '广州示例物流有限公司', creditCode: CODE_B, industry: 'G', sizeBand: 'medium', officeId: tianhe },
  ]);
  const start = new Date(Date.now() + 7 * 86400_000);
  const [f1, f2] = await db
    .insert(fairs)
    .values([
      { name: '天河区周六招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: tianhe, districtCode: '440106' },
      { name: '白云区招聘会', kind: 'county_weekly', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '白云区人才市场', officeId: baiyun, districtCode: '440111' },
    ])
    .returning({ id: fairs.id });
  fairId = f1!.id;
  otherFairId = f2!.id;
  organiser = await ctx.keyFor('organiser', { officeId: tianhe });
  await ctx.startWorkers();
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

async function upload(body: Buffer | string, opts: { contentType?: string; query?: string; key?: string; fair?: string } = {}) {
  return ctx.app.inject({
    method: 'POST',
    url: `/fairs/${opts.fair ?? fairId}/imports${opts.query ? `?${opts.query}` : ''}`,
    headers: { ...bearer(opts.key ?? organiser), 'content-type': opts.contentType ?? 'text/csv' },
    payload: body,
  });
}

async function finished(importId: string, timeoutMs = 15_000) {
  return eventually(async () => {
    const r = await ctx.app.inject({ url: `/imports/${importId}`, headers: bearer(organiser) });
    const body = r.json();
    return body.status === 'completed' || body.status === 'failed' ? body : null;
  }, timeoutMs, 100);
}

async function importFile(body: Buffer | string, opts: Parameters<typeof upload>[1] = {}) {
  const res = await upload(body, opts);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json()).toMatchObject({ status: 'queued' });
  return finished(res.json().importId);
}

const sql = () => ctx.resources.database.sql;
const outboxFor = async (ids: string[]) =>
  (await sql()`select count(*)::int as n from outbox where job_name = 'search.sync-vacancy' and payload->>'vacancyId' = any(${ids})`)[0]!.n as number;
const vacancyCount = async () => (await sql()`select count(*)::int as n from vacancies`)[0]!.n as number;

describe('POST /fairs/:fairId/imports', () => {
  it('without a key returns 401, for an employer key 403, for an organiser of another district 403', async () => {
    const none = await ctx.app.inject({ method: 'POST', url: `/fairs/${fairId}/imports`, headers: { 'content-type': 'text/csv' }, payload: 'x' });
    expect(none.statusCode).toBe(401);
    const [emp] = await sql()`select id from employers limit 1`;
    const employerKey = await ctx.keyFor('employer', { employerId: emp!.id });
    expect((await upload(fixture('good-zh.csv'), { key: employerKey })).statusCode).toBe(403);
    // The Tianhe organiser may not import into a Baiyun fair.
    const res = await upload(fixture('good-zh.csv'), { fair: otherFairId });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('for an unknown fair returns 404', async () => {
    const res = await upload(fixture('good-zh.csv'), { fair: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
  });

  it('a UTF-8 CSV with Chinese headers is imported, published, and each new vacancy gets an outbox row', async () => {
    const result = await importFile(fixture('good-zh.csv'));
    expect(result).toMatchObject({ status: 'completed', totalRows: 5, processedRows: 5, inserted: 5, updated: 0, unchanged: 0, failed: 0, errors: [] });
    const rows = await sql()`select id, title, status, wage_min, wage_max, wage_unit, wage_monthly_min, education_min, contract_type, public_welfare, fair_id, source, external_ref, published_at
      from vacancies where fair_id = ${fairId} order by title`;
    expect(rows).toHaveLength(5);
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r]));
    expect(byTitle['电工']).toMatchObject({ status: 'published', wage_min: '5000', wage_max: '7000', wage_unit: 'month', education_min: 'vocational', contract_type: 'full_time', source: 'import', external_ref: 'A-001' });
    expect(byTitle['电工']!.published_at).not.toBeNull();
    expect(byTitle['保洁员']!.public_welfare).toBe(true);
    expect(byTitle['餐厅服务员（兼职）']).toMatchObject({ wage_unit: 'hour', contract_type: 'part_time', wage_monthly_min: '3828' });
    // A row without externalRef gets a content hash as its reference.
    expect(byTitle['叉车司机']!.external_ref).toMatch(/^sha256:/);
    expect(await outboxFor(rows.map((r) => r.id))).toBe(5);
  });

  it('re-uploading the same file changes nothing', async () => {
    const before = await sql()`select count(*)::int as n from outbox where job_name = 'search.sync-vacancy'`;
    const result = await importFile(fixture('good-zh.csv'));
    expect(result).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 5, failed: 0 });
    const after = await sql()`select count(*)::int as n from outbox where job_name = 'search.sync-vacancy'`;
    expect(after[0]!.n).toBe(before[0]!.n);
    const versions = await sql()`select version from vacancies where fair_id = ${fairId}`;
    expect(versions.every((v) => v.version === 1)).toBe(true);
  });

  it('a changed row updates that vacancy only (and enqueues its search sync)', async () => {
    const changed = fixture('good-zh.csv').toString('utf8').replace('A-001,电工,广州示例机电有限公司,91440106MA5AAAAA1J,3,5000,7000', 'A-001,电工,广州示例机电有限公司,91440106MA5AAAAA1J,4,5500,7500');
    const result = await importFile(changed);
    expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 });
    const [v] = await sql()`select id, headcount, wage_min, version from vacancies where external_ref = 'A-001'`;
    expect(v).toMatchObject({ headcount: 4, wage_min: '5500', version: 2 });
    expect(await outboxFor([v!.id])).toBe(2);
  });

  it('a GB18030 file is detected and imported like UTF-8', async () => {
    const result = await importFile(fixture('good-gb18030.csv'));
    expect(result).toMatchObject({ status: 'completed', inserted: 5, failed: 0, format: 'csv+gb18030' });
    const [v] = await sql()`select title, public_welfare from vacancies where external_ref = 'G-002'`;
    expect(v).toMatchObject({ title: '保洁员', public_welfare: true });
  });

  it('?encoding=gb18030 is honoured, and a wrong ?encoding fails the import with a clear message', async () => {
    const wrong = await importFile(fixture('good-gb18030.csv'), { query: 'encoding=utf-8' });
    expect(wrong.status).toBe('failed');
    expect(wrong.fatalError.en).toContain('UTF-8');
    expect(wrong.fatalError.zh).toContain('UTF-8');
    const right = await importFile(fixture('good-gb18030.csv'), { query: 'encoding=gb18030' });
    expect(right).toMatchObject({ status: 'completed', unchanged: 5 });
  });

  it('JSON is imported', async () => {
    const result = await importFile(fixture('vacancies.json'), { contentType: 'application/json' });
    expect(result).toMatchObject({ status: 'completed', inserted: 2, failed: 0 });
    const [v] = await sql()`select skills, education_min from vacancies where external_ref = 'J-001'`;
    expect(v).toMatchObject({ skills: ['收银', '服务'], education_min: 'senior_secondary' });
  });

  it('English headers are imported', async () => {
    const result = await importFile(fixture('english.csv'));
    expect(result).toMatchObject({ status: 'completed', inserted: 2, failed: 0 });
  });

  it('a multipart upload (field "file") is imported', async () => {
    const boundary = '----pesboundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="english.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      fixture('english.csv'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const result = await importFile(body, { contentType: `multipart/form-data; boundary=${boundary}` });
    expect(result).toMatchObject({ status: 'completed', filename: 'english.csv', unchanged: 2 });
  });

  it('rows with errors are reported with row number, field and reason while valid rows commit', async () => {
    const result = await importFile(fixture('row-errors.csv'));
    expect(result).toMatchObject({ status: 'completed', totalRows: 6, inserted: 2, failed: 4 });
    const rowsWithErrors = [...new Set(result.errors.map((e: { row: number }) => e.row))];
    expect(rowsWithErrors).toEqual([3, 4, 5, 6]);
    const at = (row: number) => result.errors.find((e: { row: number }) => e.row === row);
    expect(at(3)).toMatchObject({ field: 'creditCode', column: '统一社会信用代码' });
    expect(at(4)).toMatchObject({ field: 'wageMax', message: 'must be at least wageMin' });
    expect(at(5)).toMatchObject({ field: 'educationMin', column: '学历要求' });
    expect(at(5).message).toContain('研究生以下');
    expect(at(6)).toMatchObject({ field: 'requirements' });
    expect(at(6).message).toContain('限男性');
    const titles = (await sql()`select title from vacancies where external_ref like 'B-%' order by external_ref`).map((r) => r.title);
    expect(titles).toEqual(['焊工', '普工']);

    const csv = await ctx.app.inject({ url: `/imports/${result.id}/errors.csv`, headers: bearer(organiser) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF行号 row,')).toBe(true);
    expect(csv.body).toContain('限男性');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(1 + result.errors.length);
  });

  it('an unknown employer is a row error unless allowCreateEmployers, which registers it from the row', async () => {
    const file = `岗位名称,单位名称,统一社会信用代码,外部编号\n理货员,广州新注册商贸有限公司,${CODE_UNKNOWN},N-001\n`;
    const refused = await importFile(file);
    expect(refused).toMatchObject({ inserted: 0, failed: 1 });
    expect(refused.errors[0]).toMatchObject({ row: 2, field: 'creditCode' });
    const created = await importFile(file, { query: 'allowCreateEmployers=true' });
    expect(created).toMatchObject({ inserted: 1, failed: 0 });
    const [e] = await sql()`select name, verified from employers where credit_code = ${CODE_UNKNOWN}`;
    expect(e).toMatchObject({ name: '广州新注册商贸有限公司', verified: false });
  });

  it('with publish=false, passing rows are drafts; rows needing review are pending_review', async () => {
    const file = `岗位名称,统一社会信用代码,外部编号,任职要求\n文员,${CODE_A},D-001,熟练使用办公软件\n文员,${CODE_A},D-002,年龄35岁以下\n`;
    const result = await importFile(file, { query: 'publish=false' });
    expect(result).toMatchObject({ inserted: 2, failed: 0 });
    const [v] = await sql()`select status, published_at from vacancies where external_ref = 'D-001'`;
    expect(v).toMatchObject({ status: 'draft', published_at: null });
    const [r] = await sql()`select status, screening_outcome, screening_findings from vacancies where external_ref = 'D-002'`;
    expect(r).toMatchObject({ status: 'pending_review', screening_outcome: 'review' });
    expect(r!.screening_findings[0]).toMatchObject({ ruleId: 'age.limit' });
    // With publish=true a row needing review is still pending_review, never published.
    const again = await importFile(file.replace(/D-00/g, 'P-00'));
    expect(again).toMatchObject({ inserted: 2 });
    const statuses = (await sql()`select status from vacancies where external_ref in ('P-001', 'P-002') order by external_ref`).map((x) => x.status);
    expect(statuses).toEqual(['published', 'pending_review']);
  });

  it.each([
    ['broken quoting', 'broken-quoting.csv', /quote|CSV/i],
    ['a missing title column', 'missing-title.csv', /title/],
    ['an empty file', 'empty.csv', /empty/],
  ])('%s fails the import with a bilingual message and commits nothing', async (_name, file, message) => {
    const before = await vacancyCount();
    const result = await importFile(fixture(file));
    expect(result.status).toBe('failed');
    expect(result.fatalError.en).toMatch(message);
    expect(result.fatalError.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(result).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await vacancyCount()).toBe(before);
  });

  it('more than 50,000 rows fails the import', async () => {
    const result = await importFile('岗位名称\n' + '电工\n'.repeat(50_001));
    expect(result.status).toBe('failed');
    expect(result.fatalError.zh).toContain('50000');
  });

  it('a body over the upload limit returns 413', async () => {
    const res = await upload(Buffer.alloc(65 * 1024 * 1024, 0x61));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    const boundary = '----pesbig';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.alloc(65 * 1024 * 1024, 0x61),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res2 = await upload(multipart, { contentType: `multipart/form-data; boundary=${boundary}` });
    expect(res2.statusCode).toBe(413);
    expect(res2.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a 10,000-row file completes within 15 s', async () => {
    const codes = Array.from({ length: 20 }, (_, i) => {
      const first = `914401067${String(i).padStart(8, '0')}`;
      return first + creditCodeCheckChar(first);
    });
    const lines = ['外部编号,岗位名称,单位名称,统一社会信用代码,招聘人数,薪资下限,薪资上限,学历要求,岗位描述,任职要求'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`BIG-${i},操作工${i % 50},批量单位${i % 20},${codes[i % 20]},${1 + (i % 5)},${4000 + (i % 10) * 100},${6000 + (i % 10) * 100},初中,负责产线第${i}号工位的日常操作,能适应两班倒`);
    }
    const started = Date.now();
    const res = await upload(lines.join('\n'), { query: 'allowCreateEmployers=true' });
    expect(res.statusCode).toBe(202);
    const final = await finished(res.json().importId, 30_000);
    const ms = Date.now() - started;
    const jobMs = new Date(final.finishedAt).getTime() - new Date(final.startedAt).getTime();
    expect(final).toMatchObject({ status: 'completed', inserted: 10_000, failed: 0, processedRows: 10_000 });
    expect(ms, `upload to completed ${ms} ms, of which the job ran ${jobMs} ms`).toBeLessThan(15_000);
    const ids = (await sql()`select id from vacancies where external_ref like 'BIG-%'`).map((r) => r.id);
    expect(await outboxFor(ids)).toBe(10_000);
  }, 40_000);
});

describe('the import job', () => {
  const admin = { keyId: '', name: 'test', role: 'admin' as const, employerId: null, officeId: null, roles: ['admin' as const], personId: null, kind: 'key' as const };
  const db = () => ctx.resources.database.db;
  const create = async (content: string, extra: { allowCreateEmployers?: boolean } = {}) =>
    (await createImport(db(), admin, { fairId, content: Buffer.from(content), filename: 't.csv', format: 'csv', allowCreateEmployers: extra.allowCreateEmployers ?? false, publish: true }, { enqueueJob: false })).importId;

  it('reports progress batch by batch, ending at the total', async () => {
    const lines = ['外部编号,岗位名称,统一社会信用代码'];
    for (let i = 0; i < 25; i++) lines.push(`P-${i},操作工,${CODE_A}`);
    const seen: ImportProgress[] = [];
    const view = await runImport(db(), await create(lines.join('\n')), { batchSize: 10, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.processedRows)).toEqual([10, 20, 25]);
    expect(seen.at(-1)).toMatchObject({ totalRows: 25, inserted: 25 });
    expect(view).toMatchObject({ status: 'completed', processedRows: 25, inserted: 25 });
  });

  it('running a finished import again changes nothing; an interrupted one restarts to the same end state', async () => {
    const file = `外部编号,岗位名称,统一社会信用代码,薪资下限,薪资上限\nR-1,钳工,${CODE_A},5000,6000\nR-2,铣工,${CODE_A},5200,6200\n`;
    const id = await create(file);
    const first = await runImport(db(), id);
    expect(first).toMatchObject({ status: 'completed', inserted: 2 });
    const before = await sql()`select id, version, updated_at from vacancies where external_ref in ('R-1', 'R-2') order by external_ref`;
    const outboxBefore = (await sql()`select count(*)::int as n from outbox`)[0]!.n;

    const rerun = await runImport(db(), id);
    expect(rerun).toMatchObject({ status: 'completed', inserted: 2, finishedAt: first.finishedAt });

    // As if the worker died mid-way: the job is delivered again and starts over.
    await sql()`update vacancy_imports set status = 'running' where id = ${id}`;
    const restarted = await runImport(db(), id);
    expect(restarted).toMatchObject({ status: 'completed', inserted: 0, unchanged: 2 });
    const after = await sql()`select id, version, updated_at from vacancies where external_ref in ('R-1', 'R-2') order by external_ref`;
    expect(after).toEqual(before);
    expect((await sql()`select count(*)::int as n from outbox`)[0]!.n).toBe(outboxBefore);
  });

  it('the same vacancy twice in one file: the first row wins, the second is reported', async () => {
    const file = `外部编号,岗位名称,统一社会信用代码\nDUP-1,车工,${CODE_A}\nDUP-1,车工（夜班）,${CODE_A}\n`;
    const view = await runImport(db(), await create(file));
    expect(view).toMatchObject({ inserted: 1, failed: 1 });
    expect(view.errors[0]).toMatchObject({ row: 3, field: 'externalRef' });
    expect(view.errors[0]!.message).toContain('row 2');
  });

  it('without a credit code, an employer name that matches exactly one employer is used', async () => {
    const file = `岗位名称,单位名称,外部编号\n调度员,广州示例物流有限公司,NM-1\n调度员,不存在的公司,NM-2\n`;
    const view = await runImport(db(), await create(file));
    expect(view).toMatchObject({ inserted: 1, failed: 1 });
    expect(view.errors[0]).toMatchObject({ row: 3, field: 'creditCode' });
    const [v] = await sql()`select e.credit_code from vacancies v join employers e on e.id = v.employer_id where v.external_ref = 'NM-1'`;
    expect(v!.credit_code).toBe(CODE_B);
  });

  it('an unknown district is a row error naming the column', async () => {
    const view = await runImport(db(), await create(`岗位名称,统一社会信用代码,工作区县,外部编号\n文员,${CODE_A},999999,DI-1\n文员,${CODE_A},天河区,DI-2\n`));
    expect(view).toMatchObject({ inserted: 1, failed: 1 });
    expect(view.errors[0]).toMatchObject({ row: 2, field: 'districtCode', column: '工作区县' });
    const [v] = await sql()`select district_code from vacancies where external_ref = 'DI-2'`;
    expect(v!.district_code).toBe('440106');
  });
});

describe('GET /imports', () => {
  it('template.csv is UTF-8 with BOM, in Chinese or English', async () => {
    const zh = await ctx.app.inject({ url: '/imports/template.csv?lang=zh', headers: bearer(organiser) });
    expect(zh.statusCode).toBe(200);
    expect(zh.body.startsWith('\uFEFF外部编号,岗位名称,')).toBe(true);
    const en = await ctx.app.inject({ url: '/imports/template.csv?lang=en', headers: bearer(organiser) });
    expect(en.body.startsWith('\uFEFFexternalRef,title,')).toBe(true);
    const json = await ctx.app.inject({ url: '/imports/template.json', headers: bearer(organiser) });
    expect(json.json().vacancies[0].title).toBe('电工');
  });

  it('the template itself imports cleanly (after registering its employer)', async () => {
    const tpl = (await ctx.app.inject({ url: '/imports/template.csv?lang=zh', headers: bearer(organiser) })).body;
    const result = await importFile(tpl, { query: 'allowCreateEmployers=true' });
    expect(result).toMatchObject({ status: 'completed', inserted: 1, failed: 0 });
  });

  it('an unknown import id returns 404; an employer key gets 403', async () => {
    const res = await ctx.app.inject({ url: '/imports/00000000-0000-4000-8000-000000000000', headers: bearer(organiser) });
    expect(res.statusCode).toBe(404);
    const [emp] = await sql()`select id from employers limit 1`;
    const employerKey = await ctx.keyFor('employer', { employerId: emp!.id });
    expect((await ctx.app.inject({ url: '/imports/template.csv', headers: bearer(employerKey) })).statusCode).toBe(403);
  });
});
