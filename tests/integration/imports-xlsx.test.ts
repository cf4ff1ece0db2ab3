import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { bearer, eventually, startTestApp, type TestContext } from '../helpers/test-app.js';
import { seedDemoCity } from '../../seeds/reference.js';
import { offices } from '../../src/modules/offices/offices.table.js';
import { employers } from '../../src/modules/employers/employers.table.js';
import { fairs } from '../../src/modules/fairs/fairs.table.js';

/** Issue 19: fair organisers keep their lists in Excel. An .xlsx goes through the CSV rules and write path. */
const CODE_A = '91440106MA5AAAAA1J';
let ctx: TestContext;
let organiser: string;
let fairId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  const db = ctx.resources.database.db;
  await seedDemoCity(db);
  const [tianhe] = await db.select().from(offices).where(eq(offices.code, '440106'));
  await db.insert(employers).values({ name: '广州示例机电有限公司', creditCode: CODE_A, industry: 'C', sizeBand: 'small', officeId: tianhe!.id, verified: true });
  const start = new Date(Date.now() + 7 * 86400_000);
  const [f] = await db
    .insert(fairs)
    .values({ name: '天河区周六招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3 * 3600_000), venue: '天河区人才市场', officeId: tianhe!.id, districtCode: '440106' })
    .returning({ id: fairs.id });
  fairId = f!.id;
  organiser = await ctx.keyFor('organiser', { officeId: tianhe!.id });
  await ctx.startWorkers();
}, 60_000);
afterAll(() => ctx?.close());

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function importFile(body: Buffer, contentType: string) {
  const res = await ctx.app.inject({ method: 'POST', url: `/fairs/${fairId}/imports`, headers: { ...bearer(organiser), 'content-type': contentType }, payload: body });
  expect(res.statusCode, res.body).toBe(202);
  return eventually(async () => {
    const r = await ctx.app.inject({ url: `/imports/${res.json().importId}`, headers: bearer(organiser) });
    const b = r.json();
    return b.status === 'completed' || b.status === 'failed' ? b : null;
  }, 20_000, 100);
}

const HEADER = ['外部编号', '岗位名称', '统一社会信用代码', '招聘人数', '薪资下限', '薪资上限', '学历要求', '截止日期'];

describe('Excel (.xlsx) import', () => {
  it('imports an .xlsx sent as application/octet-stream (detected by content), with row errors numbered as in Excel', async () => {
    const expires = new Date(Date.now() + 30 * 86400_000);
    const file = await workbook([
      HEADER,
      ['X-1', '电工', CODE_A, 3, 5000, 7000, '中专', expires],
      ['X-2', '', CODE_A, 1, 4000, 5000, '高中', null],
      ['X-3', '仓管员', CODE_A, { formula: '1+1', result: 2 }, 4500, 6000, '高中', null],
    ]);
    const view = await importFile(file, 'application/octet-stream');
    expect(view.fatalError).toBeNull();
    expect(view).toMatchObject({ status: 'completed', totalRows: 3, inserted: 2, failed: 1 });
    expect(view.format).toMatch(/^xlsx/);
    expect(view.errors).toEqual([expect.objectContaining({ row: 3, field: 'title' })]);
    const rows = await ctx.resources.database.sql`select external_ref, headcount, expires_at from vacancies where external_ref in ('X-1', 'X-3') order by external_ref`;
    expect(rows.map((r) => r.headcount)).toEqual([3, 2]);
    expect(new Date(rows[0]!.expires_at).toISOString().slice(0, 10)).toBe(expires.toISOString().slice(0, 10));
  });

  it('an .xlsx declared as text/csv is still read as Excel (was 202 then "cannot be read as UTF-8")', async () => {
    const file = await workbook([HEADER, ['X-10', '焊工', CODE_A, 1, 6000, 8000, '初中', null]]);
    const view = await importFile(file, 'text/csv');
    expect(view.fatalError).toBeNull();
    expect(view).toMatchObject({ status: 'completed', inserted: 1, failed: 0 });
  });

  it('面议, 薪资面议 and 面谈 in the pay columns import as pay not stated instead of rejecting the row', async () => {
    const file = await workbook([
      [...HEADER.slice(0, 6), '薪资'],
      ['X-20', '厨师', CODE_A, 1, '面议', '面议', null],
      ['X-21', '面点师', CODE_A, 1, null, null, '面谈'],
      ['X-22', '服务员', CODE_A, 1, '薪资面议', null, null],
    ]);
    const view = await importFile(file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(view.errors).toEqual([]);
    expect(view).toMatchObject({ status: 'completed', inserted: 3 });
    const rows = await ctx.resources.database.sql`select wage_min, wage_max from vacancies where external_ref in ('X-20', 'X-21', 'X-22')`;
    for (const r of rows) expect(r).toEqual({ wage_min: null, wage_max: null });
  });

  it('a CSV with 面议 in 薪资下限 imports the row too (same rules for every format)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/fairs/${fairId}/imports`,
      headers: { ...bearer(organiser), 'content-type': 'text/csv' },
      payload: `外部编号,岗位名称,统一社会信用代码,薪资下限,薪资上限\nX-30,保洁员,${CODE_A},面议,面议\n`,
    });
    const view = await eventually(async () => {
      const b = (await ctx.app.inject({ url: `/imports/${res.json().importId}`, headers: bearer(organiser) })).json();
      return b.status === 'completed' || b.status === 'failed' ? b : null;
    }, 20_000, 100);
    expect(view).toMatchObject({ status: 'completed', inserted: 1, failed: 0 });
  });

  it('a file that only looks like a zip is a clear fatal error, not a 5xx', async () => {
    const view = await importFile(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 1)]), 'application/octet-stream');
    expect(view.status).toBe('failed');
    expect(view.fatalError.zh).toMatch(/Excel/);
  });

  it('GET /imports/template.xlsx is an Excel workbook with the template columns', async () => {
    const res = await ctx.app.inject({ url: '/imports/template.xlsx', headers: bearer(organiser) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('岗位名称');
    // The template imports cleanly as it stands.
    const view = await importFile(res.rawPayload, 'application/octet-stream');
    expect(view.fatalError).toBeNull();
  });
});
