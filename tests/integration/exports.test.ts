import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/test-app.js';
import { makeNationalId, seedPeopleWorld, seekerBody, type PeopleWorld } from '../helpers/fixtures-people.js';
import { seekerAlias } from '../../src/lib/masking.js';

/** Issue 19: every list as .xlsx and CSV, formulas neutralised, people masked, same scope as the lists, audited. */
let ctx: TestContext;
let w: PeopleWorld;
let seekerId: string;
const nationalId = makeNationalId({ birth: '1980-01-01', sex: 'female' });
let fairId: string;

const call = (key: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: bearer(key) });
const post = async (key: string, url: string, payload: object) => {
  const res = await ctx.app.inject({ method: 'POST', url, headers: bearer(key), payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
async function sheetRows(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

beforeAll(async () => {
  ctx = await startTestApp();
  w = await seedPeopleWorld(ctx);
  await ctx.resources.database.sql`update vacancies set title = '=1+2 电工' where id = ${w.vacancy1Id}`;
  seekerId = (await post(w.keys.staffA, '/seekers', seekerBody({ name: '-张三', nationalId, phone: '13912345678' }))).id;
  const ref = await post(w.keys.staffA, '/referrals', { seekerId, vacancyId: w.vacancy1Id });
  await post(w.keys.staffA, `/referrals/${ref.id}/outcome`, { outcome: 'hired', contractStart: '2026-11-02', contractMonths: 12, monthlyWage: 6000 });
  const start = new Date(Date.now() + 3 * 86400_000);
  fairId = (await post(w.keys.organiser, '/fairs', { name: '天河周六招聘会', kind: 'weekly_saturday', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(), venue: '天河人才市场', districtCode: '440106', officeId: w.officeAId })).id;
  await post(w.keys.organiser, `/fairs/${fairId}/booths`, { employerId: w.employer1Id, boothNo: 'A01' });
});
afterAll(() => ctx?.close());

describe('GET /exports/:list.:format', () => {
  it('vacancies.csv: formula cells get a leading apostrophe; an employer exports only its own', async () => {
    const res = await call(w.keys.staffA, '/exports/vacancies.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="vacancies-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body).toContain("'=1+2 电工");
    expect(res.body).not.toMatch(/(^|,)=1\+2/m);
    const own = await call(w.keys.employer1, '/exports/vacancies.xlsx');
    const rows = await sheetRows(own.rawPayload);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(ids).toContain(w.vacancy1Id);
    expect(ids).not.toContain(w.vacancy2Id);
    expect(rows.find((r) => r[0] === w.vacancy1Id)![1]).toBe("'=1+2 电工");
  });

  it('seekers.xlsx is masked: alias and masked name, never the national ID, phone or full name', async () => {
    const res = await call(w.keys.staffA, '/exports/seekers.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    const mine = rows.find((r) => r[0] === seekerAlias(seekerId))!;
    expect(mine[1]).toBe("'-**");
    const text = JSON.stringify(rows);
    for (const secret of [nationalId, '13912345678', '-张三', '张三']) expect(text).not.toContain(secret);
    // The CSV of the same list says the same.
    const csv = await call(w.keys.staffA, '/exports/seekers.csv');
    expect(csv.body).toContain(seekerAlias(seekerId));
    expect(csv.body).not.toContain('13912345678');
  });

  it('the office filter rolls up: the city exports the districts’ vacancies and placements', async () => {
    const v = await sheetRows((await call(w.keys.staffCity, `/exports/vacancies.xlsx?officeId=${w.cityOfficeId}`)).rawPayload);
    expect(v.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining([w.vacancy1Id, w.vacancy2Id]));
    const p = await call(w.keys.staffCity, `/exports/placements.csv?officeId=${w.cityOfficeId}`);
    expect(p.statusCode, p.body).toBe(200);
    expect(p.body).toContain(seekerAlias(seekerId));
    expect(p.body).toContain('6000');
    const r = await call(w.keys.staffA, `/exports/referrals.csv?outcome=hired`);
    expect(r.body).toContain('广州示例电器有限公司');
    expect(r.body).toContain(seekerAlias(seekerId));
  });

  it('fair-results needs fairId, gives one row per booth and a total; only the fair office tree', async () => {
    const missing = await call(w.keys.organiser, '/exports/fair-results.csv');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().details[0].field).toBe('query.fairId');
    const res = await call(w.keys.organiser, `/exports/fair-results.xlsx?fairId=${fairId}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[1]!.slice(0, 2)).toEqual(['A01', '广州示例电器有限公司']);
    expect(String(rows.at(-1)![0])).toContain('合计');
    expect((await call(w.keys.staffB, `/exports/fair-results.csv?fairId=${fairId}`)).statusCode).toBe(403);
  });

  it('who may export what, bad filters name the field, and every export is audited', async () => {
    expect((await call(w.keys.organiser, '/exports/seekers.csv')).statusCode).toBe(403);
    expect((await call(w.keys.employer1, '/exports/referrals.csv')).statusCode).toBe(403);
    const bad = await call(w.keys.staffA, '/exports/vacancies.csv?status=active');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].field).toBe('query.status');
    expect((await call(w.keys.staffA, '/exports/people.csv')).statusCode).toBe(400);
    const rows = await ctx.resources.database.sql`select * from audit_log where action = 'export' order by id`;
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.map((r) => r.details.list)).toEqual(expect.arrayContaining(['vacancies', 'seekers', 'placements', 'referrals', 'fair-results']));
    expect(JSON.stringify(rows)).not.toContain('13912345678');
  });
});

describe('GET /placements', () => {
  it('lists placements masked, the city including its districts', async () => {
    const res = await call(w.keys.staffCity, `/placements?officeId=${w.cityOfficeId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ seekerId, seekerAlias: seekerAlias(seekerId), seekerMaskedName: '-**', employerName: '广州示例电器有限公司', contractStart: '2026-11-02', monthlyWage: 6000 })]);
    const other = await call(w.keys.staffB, `/placements?officeId=${w.officeBId}`);
    expect(other.json().total).toBe(0);
  });
});
