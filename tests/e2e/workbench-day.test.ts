import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually } from '../helpers/test-app.js';
import { recomputeVacancy, refreshSeekerFeatures } from '../../src/modules/matching/matching.service.js';
import { signIn, startWorkbench, validNationalId, type WorkbenchEnv } from './workbench-helpers.js';
import { CandidatesPage, FairPage, FindPage, ReferralsPage, RegisterPage, VacanciesPage, Workbench } from './workbench-pageobjects.js';

/**
 * Issue 19: a whole day at the counter in the browser, for each role, with no typed id and no API
 * call by hand — the journeys of the issue, through page objects. Screenshots of every page in
 * both languages go to SCREENS_DIR (artifacts/screens19 by default).
 */
let env: WorkbenchEnv;
const api = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  env.ctx.app.inject({ method, url, headers: bearer(key), ...(payload !== undefined ? { payload: payload as object } : {}) });
/** Today on the Shanghai calendar, as the hire form must default to. */
const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const monthsAgo = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};
/** Words of three or more Latin letters that a Chinese page should not show (codes such as ISCO aside). */
// Test user names (staff-20e2aa84: tests/helpers/sessions.ts) are data the person typed, not interface text;
// their hex part sometimes spells three letters ("ade"), so they are taken out first.
const englishWords = (text: string) => (text.replace(/\b[a-z]+(?:-[a-z]+)*-[0-9a-f]{8}\b/g, ' ').match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !/^(ISCO|ISO|CN|PES|CSV|Excel|xlsx|HTML|English|ESCO|CNY|staff|employer|organiser|P\d+)$/i.test(w));

let weldingVacancyId: string;

beforeAll(async () => {
  env = await startWorkbench();
  // A published vacancy of the "own" employer that the staff journey refers to and the recruiter sees candidates for.
  const v = await api(env.keys.employerOwn, 'POST', '/vacancies', {
    title: '电焊工（白班）', occupationSystem: 'isco', occupationCode: '7212', skills: ['电焊', '气割'], wageMin: 6000, wageMax: 7500,
    educationMin: 'junior_secondary', experienceMinYears: 1, districtCode: '440106', headcount: 3,
  });
  expect(v.statusCode, v.body).toBe(201);
  weldingVacancyId = v.json().id;
  expect((await api(env.keys.employerOwn, 'POST', `/vacancies/${weldingVacancyId}/status`, { status: 'published' })).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await env?.close();
});

describe('staff: a day at the counter', () => {
  it('finds a person, registers one with priority groups checked live, refers from search, records the hire and sees the placement', async () => {
    const page = await env.newPage();
    const wb = new Workbench(page);
    // The sign-in page itself, in both languages.
    await page.goto(`${env.baseUrl}/app`);
    await page.waitForSelector('body[data-ready="true"] #signin');
    await wb.shotBoth('signin');
    await signIn(env, page, env.keys.staff);

    // Registration: a 25-year-old is not "4050"; the page says why before anything is sent.
    const reg = new RegisterPage(page);
    await reg.open();
    await reg.fill({ name: '上官文博', nationalId: validNationalId('440106', '20010315', '131'), phone: '13700002222', kind: 'unemployment' });
    await reg.tickGroup('age_4050');
    const young = await reg.eligibility('age_4050');
    expect(young.eligible).toBe(false);
    expect(young.text).toMatch(/不符合/);
    await reg.submit();
    await page.waitForSelector('[data-field="priorityGroups"].invalid .err:not(:empty)');
    expect(await env.ctx.resources.database.sql`select id from seekers where name = '上官文博'`).toHaveLength(0);
    await wb.shotBoth('staff-register-ineligible');

    // A 54-year-old man out of work for 14 months: 4050 and long-term unemployed both hold.
    const id = validNationalId('440106', '19720508', '451');
    await reg.open();
    await reg.fill({ name: '欧阳建国', nationalId: id, phone: '13700003333', kind: 'unemployment', skills: '电焊, 气割', unemployedSince: monthsAgo(14), availableFrom: todayShanghai() });
    await reg.desiredOccupation('电焊工');
    await reg.consent();
    await reg.tickGroup('age_4050');
    expect((await reg.eligibility('age_4050')).eligible).toBe(true);
    await reg.submit();
    const seekerId = await reg.registered();
    await wb.shotBoth('staff-register-eligible');

    // Find the person by name, by phone and by ID card; open the record.
    const find = new FindPage(page);
    expect(await find.search('欧阳建国')).toBeGreaterThanOrEqual(1);
    expect(await find.search('13700003333')).toBe(1);
    expect(await find.search(id)).toBe(1);
    expect(await page.textContent('#find-table')).not.toContain(id); // the number is shown masked
    await wb.shotBoth('staff-find');
    await find.openFirst();
    expect(await page.textContent('#record-title')).toContain('欧阳建国');
    expect(await page.textContent('#record-profile')).toMatch(/4050|40|50/);
    await wb.shotBoth('staff-record-before');

    // Refer: person and vacancy chosen by name on the referrals page; nothing typed as an id.
    await wb.go(`#/referrals?seekerId=${seekerId}`);
    const refs = new ReferralsPage(page);
    const referralId = await refs.refer(null, '电焊工（白班）');
    const row = refs.row(referralId);
    await page.waitForSelector(row);
    // the vacancy is named by its title (read once per vacancy when the list carries none)
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('电焊工（白班）'), row);
    const rowText = (await page.textContent(row))!;
    expect(rowText).not.toMatch(/[0-9a-f]{8}-?[0-9a-f]{4}/);
    // The hire form starts the contract today on the Shanghai calendar.
    await page.selectOption(`${row} select[name="outcome"]`, 'hired');
    expect(await page.inputValue(`${row} input[name="contractStart"]`)).toBe(todayShanghai());
    await wb.shotBoth('staff-referrals');
    await refs.hire(referralId, { wage: 6800 });
    await page.waitForSelector(`${row} .badge.hired`);
    const [placement] = await env.ctx.resources.database.sql`select to_char(contract_start, 'YYYY-MM-DD') as start, monthly_wage from placements where referral_id = ${referralId}`;
    expect(placement).toMatchObject({ start: todayShanghai() });

    // The record shows the placement.
    await wb.go(`#/seekers/${seekerId}`);
    await page.waitForSelector('#record-placement-table tbody tr');
    expect(await page.textContent('#record-placement-table')).toContain('6,800');
    await wb.shotBoth('staff-record-placed');

    // A saved search for the person (chosen by name); it is listed with its criteria in words.
    await wb.go('#/saved');
    await wb.pick('saved-new-seekerId', '欧阳建国');
    await page.fill('#saved-new-name', '电焊岗位提醒');
    await page.fill('#saved-new-q', '电焊');
    await page.click('#saved-new button[type="submit"]');
    await page.waitForSelector('#table-saved tbody tr');
    expect(await page.textContent('#table-saved')).toContain('电焊岗位提醒');
    // Wage guidance is compiled from the page (the worker runs it).
    await wb.go('#/reports');
    await page.click('#wage-compile button[type="submit"]');
    await page.waitForSelector('#wage-compile .form-ok:not(:empty)');

    // The other staff pages, for the screenshots (each must render without an error).
    const english: string[] = [];
    for (const [hash, name] of [['#/seekers', 'staff-seekers'], ['#/placements', 'staff-placements'], ['#/requests', 'staff-requests'], ['#/saved', 'staff-saved'],
      ['#/verify', 'staff-verify'], ['#/reports', 'staff-reports'], ['#/review', 'staff-review'], ['#/audit', 'staff-audit'], ['#/vacancies', 'staff-vacancies'],
      [`#/seekers/${seekerId}/matches`, 'staff-matches'], ['#/search', 'staff-search'], ['#/fairness', 'staff-fairness'], ['#/fairs', 'staff-fairs'], ['#/account', 'staff-account']] as const) {
      await wb.go(hash);
      await page.waitForTimeout(500);
      await wb.shotBoth(name);
      // The audit log quotes the reasons the server wrote (some in English): only its own labels are checked.
      const words = englishWords(hash === '#/audit' ? ((await page.$$eval('#table-audit thead th, #table-audit td:nth-child(3), #table-audit td:nth-child(5)', (els) => els.map((e) => e.textContent).join(' '))) ?? '') : await wb.mainText());
      if (words.length) english.push(`${hash}: ${words.join(' ')}`);
    }
    expect(english, 'English words on Chinese pages').toEqual([]);
    await page.close();
  }, 240_000);
});

/** An .xlsx the way organisers keep their lists: Chinese headers, one bad row of each kind, 面议 pay. */
async function fairWorkbook(code: string, fixed: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位');
  ws.addRow(['externalRef', 'title', 'employerName', 'creditCode', 'headcount', 'wageMin', 'wageMax', 'wageUnit', 'educationMin', 'experienceMinYears', 'contractType', 'districtCode', 'description', 'requirements']);
  const row = (ref: string, title: string, credit: string, min: number | string, max: number | string, req = '能适应倒班') =>
    ws.addRow([ref, title, '广州天河精密制造有限公司', credit, 2, min, max, 'month', 'vocational', 1, 'full_time', '440106', '负责日常工作', req]);
  row('XL-1', '数控车工', code, 6000, 8000);
  row('XL-2', '质检员', fixed ? code : '91440106MA5BADXX00', 5000, 6500);
  row('XL-3', '物料员', code, fixed ? 4500 : 8000, fixed ? 5500 : 4000);
  row('XL-4', '包装工', code, '面议', '面议');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('organiser: running a fair', () => {
  it('creates a fair, adds and moves booths, imports an .xlsx with bad rows, fixes it, opens, records attendance and intentions, closes and exports', async () => {
    const sql = env.ctx.resources.database.sql;
    const [{ credit_code: code }] = await sql`select credit_code from employers where id = ${env.world.employers.own}`;
    const page = await env.newPage();
    await signIn(env, page, env.keys.organiser, '#/fairs');
    const wb = new Workbench(page);
    await page.fill('#fair-new-name', '天河区春风行动招聘会');
    await page.fill('#fair-new-venue', '天河人才市场一楼');
    await wb.pick('fair-new-districtCode', '天河', '天河区');
    await wb.shotBoth('organiser-fairs');
    await page.click('#fair-new button[type="submit"]');
    await page.waitForSelector('body[data-ready="true"] #fair-title');
    const fairId = page.url().match(/fairs\/([0-9a-f-]{36})/)![1]!;
    const fair = new FairPage(page);
    await fair.open(fairId);

    await fair.addBooth('精密制造', 'A01');
    await fair.addBooth('物流', 'A02');
    await fair.waitStat('booths', '2');
    await fair.editBooth('A02', { moveTo: 'B07' });
    expect(await fair.boothRow('B07').count()).toBe(1);

    // Excel with bad rows: each shown by its row; 面议 is imported as pay not stated.
    await fair.upload('春风行动岗位.xlsx', await fairWorkbook(code as string, false), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const errors = await fair.errorRows();
    expect([...new Set(errors.map((r) => Number(r[0])))].sort()).toEqual([3, 4]);
    expect(await fair.count('inserted')).toBe('2');
    await wb.shotBoth('organiser-import-errors');
    await fair.upload('春风行动岗位.xlsx', await fairWorkbook(code as string, true), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await page.waitForFunction(() => document.querySelector('[data-count="failed"] b')?.textContent === '0', null, { timeout: 20_000 });
    expect(await page.$('#import-error-table')).toBeNull();
    const negotiable = await sql`select wage_min, wage_max from vacancies where fair_id = ${fairId} and title = '包装工'`;
    expect(negotiable).toEqual([{ wage_min: null, wage_max: null }]);
    await fair.waitStat('vacancies', '4');

    await fair.setStatus('open');
    await fair.attendance(350);
    await fair.editBooth('A01', { intentions: 12 });
    await fair.waitStat('intentions', '12');
    await wb.shotBoth('organiser-fair-open');
    await fair.setStatus('closed');
    expect((await api(env.keys.organiser, 'GET', `/fairs/${fairId}`)).json()).toMatchObject({ status: 'closed', attendance: 350 });

    // Results and the fair's vacancies leave as files.
    const results = await wb.exportFile('fair-results', 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await results.path())!) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const csv = await wb.exportFile('vacancies', 'csv');
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain('数控车工');
    await wb.shotBoth('organiser-fair-closed');
    for (const [hash, name] of [['#/vacancies', 'organiser-vacancies'], ['#/vacancies/new', 'organiser-vacancy-new']] as const) {
      await wb.go(hash);
      await page.waitForTimeout(500);
      await wb.shotBoth(name);
    }
    await page.close();
  }, 240_000);
});

describe('recruiter: a vacancy through its life', () => {
  it('publishes with a district chosen by name, an expiry date and a pay unit; closes and reopens; sees candidates with a true count; asks for a referral', async () => {
    const page = await env.newPage();
    await signIn(env, page, env.keys.employerOwn, '#/vacancies/new');
    const wb = new Workbench(page);
    await page.fill('#vacancy-title', '叉车司机');
    await page.fill('#vacancy-requirements', '持叉车证，男女不限');
    await page.fill('#vacancy-wageMin', '260');
    await page.fill('#vacancy-wageMax', '320');
    await page.selectOption('#vacancy-wageUnit', 'day');
    const expiry = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    await page.fill('#vacancy-expiresAt', expiry);
    await wb.pick('vacancy-districtCode', '天河', '天河区');
    await wb.shotBoth('recruiter-vacancy-form');
    await page.click('#btn-publish');
    await page.waitForSelector('#vacancy-status[data-status="published"]', { timeout: 15_000 });
    const id = page.url().match(/vacancies\/([0-9a-f-]{36})\/edit/)![1]!;
    const saved = (await api(env.keys.employerOwn, 'GET', `/vacancies/${id}`)).json();
    expect(saved).toMatchObject({ status: 'published', districtCode: '440106', wageUnit: 'day', wageMin: 260 });
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(saved.expiresAt))).toBe(expiry);

    const list = new VacanciesPage(page);
    await list.go('#/vacancies');
    await page.waitForSelector(list.row(id));
    await list.lifecycle(id, 'closeVacancy', 'closed');
    await list.lifecycle(id, 'reopen', 'published');
    await wb.shotBoth('recruiter-vacancies');

    // A consenting, matching person; the candidates page counts them right and a referral can be asked for.
    const s = await api(env.keys.staff, 'POST', '/seekers', {
      registrationKind: 'job_seeking', name: '司徒海明', nationalId: validNationalId('440106', '19890611', '275'), phone: '13900004444',
      education: 'senior_secondary', experienceYears: 5, skills: ['电焊', '气割'], desiredOccupations: [{ system: 'isco', code: '7212' }],
      desiredWageMin: 6000, districtCode: '440106', availability: 'immediate', consentSearchable: true, consentContactViaReferral: true,
    });
    expect(s.statusCode, s.body).toBe(201);
    const seekerId = s.json().id as string;
    await refreshSeekerFeatures(env.ctx.resources.database.sql, [seekerId]);
    await recomputeVacancy(env.ctx.resources.database.sql, weldingVacancyId, { force: true });
    const cands = new CandidatesPage(page);
    await cands.open(weldingVacancyId);
    expect(await page.textContent('#candidates-title')).toContain('电焊工（白班）');
    const c = await cands.counts();
    expect(c.rows).toBeGreaterThan(0);
    expect(c.pool).toBeGreaterThanOrEqual(c.listed);
    expect(c.listed).toBeGreaterThanOrEqual(c.rows);
    await cands.requestReferral(seekerId);
    await wb.shotBoth('recruiter-candidates');

    // The office sees the request and refers the person.
    const desk = await env.newPage();
    await signIn(env, desk, env.keys.staff, '#/requests');
    await desk.waitForSelector('#table-requests tbody tr');
    expect(await desk.textContent('#table-requests')).toContain('电焊工（白班）');
    await new Workbench(desk).shotBoth('staff-requests-waiting');
    await desk.click('#table-requests tbody tr button.approve');
    await eventually(async () => (await env.ctx.resources.database.sql`select id from referrals where seeker_id = ${seekerId} and vacancy_id = ${weldingVacancyId}`).length === 1);
    await desk.close();

    for (const [hash, name] of [['#/outcomes', 'recruiter-outcomes'], ['#/search', 'recruiter-search'], ['#/account', 'recruiter-account']] as const) {
      await wb.go(hash);
      await page.waitForTimeout(500);
      await wb.shotBoth(name);
    }
    await page.close();
  }, 180_000);

  it('saw no CSP violation and no page error on any page', () => {
    expect(env.problems).toEqual([]);
  });
});
