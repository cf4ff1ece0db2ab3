import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compileWageGuidance } from '../../src/modules/wage-guidance/wage-guidance.compile.js';
import { baseRecords, insertEmployer, insertVacancy } from '../helpers/fixtures-search.js';
import { startKiosk, waitForIndexed, type KioskEnv } from './kiosk-helpers.js';

/** The kiosk's detail view shows "typical pay for this occupation" only from a published wage guidance cell. */
let env: KioskEnv;
let ids: { electrician: string; plumber: string };
let p25: number;
let p75: number;

beforeAll(async () => {
  env = await startKiosk();
  const { sql } = env.ctx.resources.database;
  const url = env.ctx.config.databaseUrl;
  const { officeId } = await baseRecords(sql);
  const emps = [await insertEmployer(sql, officeId, '广州电力安装有限公司'), await insertEmployer(sql, officeId, '越秀机电工程公司'), await insertEmployer(sql, officeId, '天河水电维修部')];
  // Last October's offers for electricians (7411), closed since: enough for a published cell.
  // Plumbers (7126) have too few, so theirs stays withheld.
  for (let i = 0; i < 33; i++) {
    await sql`insert into vacancies (employer_id, office_id, title, occupation_system, occupation_code, isco_unit, headcount,
        wage_monthly_min, wage_monthly_max, district_code, status, published_at)
      values (${emps[i % 3]!}, ${officeId}, '电工', 'isco', '7411', '7411', 1, ${5000 + i * 100}, ${6000 + i * 100}, '440106', 'closed', '2025-10-15T04:00:00Z')`;
  }
  for (let i = 0; i < 4; i++) {
    await sql`insert into vacancies (employer_id, office_id, title, occupation_system, occupation_code, isco_unit, headcount,
        wage_monthly_min, wage_monthly_max, district_code, status, published_at)
      values (${emps[i % 3]!}, ${officeId}, '水管工', 'isco', '7126', '7126', 1, 7000, 8000, '440106', 'closed', '2025-10-15T04:00:00Z')`;
  }
  await compileWageGuidance(env.ctx.resources.database.db, { periodKind: 'month', periodStart: '2025-10-01' });
  const [cell] = await sql`select p25, p75 from wage_guidance where system = 'isco' and code = '7411' and source = 'offered' and not suppressed`;
  p25 = Math.round(Number(cell!.p25));
  p75 = Math.round(Number(cell!.p75));
  ids = {
    electrician: await insertVacancy(url, { title: '维修电工', employerId: emps[0]!, officeId, iscoUnit: '7411', wageMonthlyMin: 6500, wageMonthlyMax: 7500 }),
    plumber: await insertVacancy(url, { title: '水管维修工', employerId: emps[1]!, officeId, iscoUnit: '7126', wageMonthlyMin: 6000, wageMonthlyMax: 7000 }),
  };
  for (const id of Object.values(ids)) await waitForIndexed(env, id);
}, 60_000);

afterAll(async () => {
  await env?.close();
});

const fmt = (n: number) => n.toLocaleString('en-US');

async function openDetail(title: string, id: string): Promise<Page> {
  const page = await env.context.newPage();
  await page.goto(`${env.baseUrl}/kiosk`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#tiles-groups .tile', { hasText: '工艺及相关行业工人' }).click();
  const typical = page.waitForResponse((r) => r.url().endsWith(`/public/kiosk/vacancies/${id}/typical-pay`));
  await page.locator(`.card[data-id="${id}"]`, { hasText: title }).click();
  await typical;
  return page;
}

describe('kiosk detail: typical pay for the occupation', () => {
  it('is shown in Chinese and English when the occupation’s cell is published', async () => {
    const page = await openDetail('维修电工', ids.electrician);
    const fact = page.locator('#d-facts .fact', { hasText: '本职业常见工资' });
    await fact.waitFor();
    await expect(fact.locator('dd').textContent()).resolves.toBe(`${fmt(p25)}–${fmt(p75)} 元/月（同类岗位中间一半的工资）`);
    await page.locator('#btn-lang').click();
    const en = page.locator('#d-facts .fact', { hasText: 'Typical pay for this occupation' });
    await en.waitFor();
    await expect(en.locator('dd').textContent()).resolves.toBe(`${fmt(p25)}–${fmt(p75)} CNY/month (the middle half of offers for this occupation)`);
    await page.close();
  });

  it('is absent when the occupation’s cells are withheld', async () => {
    const page = await openDetail('水管维修工', ids.plumber);
    await page.locator('#d-facts .fact').first().waitFor();
    await expect(page.locator('#d-facts').textContent()).resolves.not.toContain('本职业常见工资');
    expect(await page.locator('#conn-banner').isHidden()).toBe(true);
    await page.close();
  });
});
