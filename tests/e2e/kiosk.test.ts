import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseRecords, insertEmployer, insertVacancy } from '../helpers/fixtures-search.js';
import { closeVacancy, SCREENSHOTS, startKiosk, waitForIndexed, type KioskEnv } from './kiosk-helpers.js';

let env: KioskEnv;
let ids: Record<'electrician' | 'welder' | 'driver' | 'hostile' | 'doomed' | 'fairJob' | 'cleaner', string>;
let fairId: string;
const extra: string[] = [];
const dialogs: string[] = [];
/** CSP violations and uncaught errors, from every page of the file. */
const problems: string[] = [];

const HOSTILE_TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">保安';

beforeAll(async () => {
  env = await startKiosk();
  const { sql } = env.ctx.resources.database;
  const url = env.ctx.config.databaseUrl;
  const { officeId } = await baseRecords(sql);
  const power = await insertEmployer(sql, officeId, '广州电力安装有限公司');
  const metal = await insertEmployer(sql, officeId, '越秀五金制品厂');
  const evil = await insertEmployer(sql, officeId, '<b onmouseover=alert(1)>安保</b>公司');
  const [fair] = await sql`insert into fairs (name, kind, starts_at, ends_at, venue, district_code, office_id, status)
    values ('天河区周六招聘会', 'weekly_saturday', now() + interval '1 day', now() + interval '1 day 4 hours', '天河人才市场', '440106', ${officeId}, 'planned')
    returning id`;
  fairId = fair!.id as string;
  await sql`insert into fair_booths (fair_id, employer_id, booth_no) values (${fairId}, ${metal}, 'B07'), (${fairId}, ${power}, 'A12')`;
  const day = 86400_000;
  ids = {
    electrician: await insertVacancy(url, {
      title: '电工', employerId: power, officeId, iscoUnit: '7411', wageMonthlyMin: 6000, wageMonthlyMax: 8000,
      description: '负责厂区配电设备的日常维护。\n持有电工证优先。', educationMin: 'senior_secondary', publishedAt: new Date(Date.now() - 2 * day),
    }),
    welder: await insertVacancy(url, {
      title: '电焊工', employerId: metal, officeId, iscoUnit: '7212', districtCode: '440104', wageMonthlyMin: 7000, wageMonthlyMax: 9000, publishedAt: new Date(Date.now() - 3 * day),
    }),
    driver: await insertVacancy(url, { title: '司机', employerId: metal, officeId, iscoUnit: '8322', contractType: 'part_time', publishedAt: new Date(Date.now() - 4 * day) }),
    cleaner: await insertVacancy(url, { title: '保洁员（公益性岗位）', employerId: power, officeId, iscoUnit: '9112', publicWelfare: true, wageMonthlyMin: 2500, wageMonthlyMax: 3000 }),
    hostile: await insertVacancy(url, {
      title: HOSTILE_TITLE, employerId: evil, officeId, iscoUnit: '5414',
      description: 'Night shifts </p><script>window.__pwned=3</script><img src=x onerror=alert(4)>', publishedAt: new Date(Date.now() - 5 * day),
    }),
    doomed: await insertVacancy(url, { title: '仓库管理员', employerId: metal, officeId, iscoUnit: '4321', publishedAt: new Date(Date.now() - 6 * day) }),
    fairJob: await insertVacancy(url, { title: '装配工', employerId: metal, officeId, iscoUnit: '8219', fairId, wageMonthlyMin: 5000, wageMonthlyMax: 5500 }),
  };
  // enough for a second page of results
  for (let i = 1; i <= 5; i++) {
    extra.push(await insertVacancy(url, { title: '普工', employerId: metal, officeId, iscoUnit: '9321', publishedAt: new Date(Date.now() - (10 + i) * day) }));
  }
  for (const id of [...Object.values(ids), ...extra]) await waitForIndexed(env, id);
}, 60_000);

afterAll(async () => {
  await env?.close();
});

async function newPage(): Promise<Page> {
  const page = await env.context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return page;
}

async function openKiosk(query = ''): Promise<Page> {
  const page = await newPage();
  await page.goto(`${env.baseUrl}/kiosk${query}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
const card = (page: Page, id: string) => page.locator(`.card[data-id="${id}"]`);

/** Every visible control must be a comfortable touch target (WCAG 2.5.5 asks 44×44). */
async function expectTouchTargets(page: Page) {
  const small = await page.$$eval('button, a, [role="button"]', (nodes) =>
    nodes
      .filter((n) => (n as HTMLElement).offsetParent !== null)
      .map((n) => ({ text: n.textContent?.trim().slice(0, 20), r: n.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 44 || r.height < 44)
      .map(({ text, r }) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`),
  );
  expect(small).toEqual([]);
}

describe('kiosk in Chromium', () => {
  it('taps home → occupation tile → results → detail with a QR code', async () => {
    const page = await openKiosk();
    await expect(page.locator('#btn-search').textContent()).resolves.toBe('搜索岗位');
    const craft = page.locator('#tiles-groups .tile', { hasText: '工艺及相关行业工人' });
    await expect(craft.locator('.tile-sub').textContent()).resolves.toBe('2 个岗位');
    await expectTouchTargets(page);
    await shot(page, 'home-zh');

    await craft.click();
    await card(page, ids.electrician).waitFor();
    await card(page, ids.welder).waitFor();
    expect(await page.locator('.card').count()).toBe(2);
    const c = card(page, ids.electrician);
    await expect(c.locator('.card-wage').textContent()).resolves.toBe('6,000–8,000 元/月');
    await expect(c.locator('.card-employer').textContent()).resolves.toBe('广州电力安装有限公司');
    await expect(c.locator('.card-district').textContent()).resolves.toBe('天河区');
    await expectTouchTargets(page);
    await shot(page, 'results-zh');

    await c.click();
    await page.locator('#view-detail').waitFor();
    await expect(page.locator('#d-title').textContent()).resolves.toBe('电工');
    await expect(page.locator('#d-description').textContent()).resolves.toContain('持有电工证优先');
    const qr = page.locator('#d-qr');
    await expect(qr.getAttribute('src')).resolves.toBe(`/public/vacancies/${ids.electrician}/qr.svg`);
    await page.waitForFunction(() => (document.getElementById('d-qr') as HTMLImageElement).naturalWidth > 0);
    await expectTouchTargets(page);
    await shot(page, 'detail-zh');

    // the QR target is a real, mobile-friendly page
    const phone = await newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const res = await phone.goto(`${env.baseUrl}/v/${ids.electrician}`);
    expect(res?.status()).toBe(200);
    await expect(phone.locator('h1').textContent()).resolves.toBe('电工');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await shot(phone, 'vacancy-page-phone');
    await phone.close();
    await page.close();
    expect(problems).toEqual([]);
  });

  it('typing d-i-a-n-g-o-n-g on the on-screen keyboard finds 电工', async () => {
    const page = await openKiosk();
    await page.locator('#btn-search').click();
    for (const k of 'diangong') await page.locator(`.key[data-key="${k}"]`).click();
    await expect(page.locator('#query').textContent()).resolves.toBe('diangong');
    // the unfiltered list that opened with the keyboard gives way to the pinyin matches
    await card(page, ids.driver).waitFor({ state: 'detached', timeout: 5000 });
    await card(page, ids.electrician).waitFor();
    const titles = await page.locator('.card-title').allTextContents();
    expect(titles[0]).toBe('电工');
    expect(titles).not.toContain('司机');
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`共找到 ${titles.length} 个岗位`);
    // initials work the same way
    await page.locator('.key[data-key="clear"]').click();
    for (const k of 'dg') await page.locator(`.key[data-key="${k}"]`).click();
    await page.waitForFunction(() => document.querySelector('#query')?.textContent === 'dg');
    await card(page, ids.driver).waitFor({ state: 'detached', timeout: 5000 });
    await card(page, ids.electrician).waitFor();
    for (const k of 'dg') await page.locator('.key[data-key="backspace"]').click();
    for (const k of 'diangong') await page.locator(`.key[data-key="${k}"]`).click();
    // backspace and clear work
    await page.locator('.key[data-key="backspace"]').click();
    await expect(page.locator('#query').textContent()).resolves.toBe('diangon');
    await page.locator('.key[data-key="clear"]').click();
    await expect(page.locator('#query').evaluate((n) => n.classList.contains('empty'))).resolves.toBe(true);
    await page.close();
  });

  it('while typing, autocomplete tiles offer whole titles; a tap searches the title', async () => {
    const page = await openKiosk();
    await page.locator('#btn-search').click();
    for (const k of 'bj') await page.locator(`.key[data-key="${k}"]`).click();
    const tile = page.locator('#suggestions .suggestion[data-suggestion="保洁员（公益性岗位）"]');
    await tile.waitFor({ timeout: 5000 });
    await expect(tile.getAttribute('data-kind')).resolves.toBe('title');
    await expect(tile.locator('.tile-sub').textContent()).resolves.toBe('岗位 · 1 个岗位');
    // as large as the home tiles: a finger, not a mouse
    const box = await tile.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(80);
    await shot(page, 'kiosk-suggestions');
    await tile.click();
    await expect(page.locator('#query').textContent()).resolves.toBe('保洁员（公益性岗位）');
    await card(page, ids.cleaner).waitFor();
    await page.locator('#suggestions').waitFor({ state: 'hidden' });
    await page.close();
  });

  it('the language toggle changes all interface text', async () => {
    const page = await openKiosk();
    await page.locator('#btn-lang').click();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('#btn-search').textContent()).resolves.toBe('Search jobs');
    await expect(page.locator('#btn-home').textContent()).resolves.toBe('Home');
    await expect(page.locator('#btn-lang').textContent()).resolves.toBe('中文');
    await expect(page.locator('#tiles-groups .tile-label').first().textContent()).resolves.toBe('Managers');
    await shot(page, 'home-en');

    await page.locator('#btn-search').click();
    await page.locator('.card').first().waitFor();
    await expect(page.locator('.filter-label').allTextContents()).resolves.toEqual(['District', 'Monthly pay', 'My education', 'Contract', 'Post type']);
    await expect(page.locator('#result-count').textContent()).resolves.toMatch(/^\d+ jobs found$/);
    await expect(page.locator(`.card[data-id="${ids.driver}"] .card-wage`).textContent()).resolves.toBe('Negotiable');
    // no Chinese interface text left anywhere outside the data
    const uiText = await page.$$eval('button:not(.card):not(.tile):not(#btn-lang), h1, h2, h3, .filter-label, #result-count', (ns) => ns.map((n) => n.textContent ?? '').join(' '));
    const data = ['天河区', '越秀区']; // district names are data; the English names replace them where known
    expect(uiText.replace(new RegExp(data.join('|'), 'g'), '')).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'results-en');

    await card(page, ids.electrician).click();
    await expect(page.locator('#view-detail h3').allTextContents()).resolves.toEqual(['Description', 'Requirements', 'How to apply']);
    await expect(page.locator('#btn-print').textContent()).resolves.toBe('Print');
    await page.waitForFunction(() => (document.getElementById('d-qr') as HTMLImageElement).naturalWidth > 0);
    await shot(page, 'detail-en');

    // print: the button calls window.print, and the print stylesheet keeps only the vacancy
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.locator('#btn-print').click();
    await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
    await expect(page.locator('#btn-print').isVisible()).resolves.toBe(false);
    await expect(page.locator('#d-title').isVisible()).resolves.toBe(true);
    await expect(page.locator('#d-qr').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // large text and high contrast are plain toggles
    await page.locator('#btn-large').click();
    await page.locator('#btn-contrast').click();
    await expect(page.locator('html').getAttribute('class')).resolves.toMatch(/large.*contrast|contrast.*large/);
    await expect(page.locator('#btn-large').getAttribute('aria-pressed')).resolves.toBe('true');
    await shot(page, 'detail-en-large-contrast');
    await page.close();
  });

  it('after the idle time, warns with a countdown, then resets to home with everything cleared', async () => {
    const page = await openKiosk('?idle=2&warn=2');
    // "continue" keeps the session
    await page.locator('#btn-search').click();
    await page.locator('.key[data-key="d"]').click();
    await page.locator('.key[data-key="g"]').click();
    await page.locator('#f-wage .toggle[data-value="5000"]').click();
    await page.locator('#btn-lang').click();
    await page.locator('#idle-dialog').waitFor({ state: 'visible', timeout: 5000 });
    await expect(page.locator('#idle-count').textContent()).resolves.toMatch(/Returning to the start in [12] s/);
    await shot(page, 'idle-warning-en');
    await page.locator('#btn-continue').click();
    await expect(page.locator('#idle-dialog').isHidden()).resolves.toBe(true);
    await expect(page.locator('#query').textContent()).resolves.toBe('dg');

    // no answer: back to home, query, filters and language reset
    await page.locator('#idle-dialog').waitFor({ state: 'visible', timeout: 5000 });
    await page.locator('#view-home').waitFor({ state: 'visible', timeout: 5000 });
    await expect(page.locator('#idle-dialog').isHidden()).resolves.toBe(true);
    await expect(page.locator('#btn-search').textContent()).resolves.toBe('搜索岗位');
    await page.locator('#btn-search').click();
    await expect(page.locator('#query').evaluate((n) => n.classList.contains('empty'))).resolves.toBe(true);
    await expect(page.locator('#f-wage .toggle[aria-pressed="true"]').getAttribute('data-value')).resolves.toBe('');
    await page.close();
  });

  it('a vacancy with markup in its title and description renders as harmless text', async () => {
    const page = await openKiosk();
    await page.locator('#btn-search').click();
    const c = card(page, ids.hostile);
    await c.waitFor();
    await expect(c.locator('.card-title').textContent()).resolves.toBe(HOSTILE_TITLE);
    await expect(c.locator('.card-employer').textContent()).resolves.toBe('<b onmouseover=alert(1)>安保</b>公司');
    await expect(c.locator('img, script, b').count()).resolves.toBe(0);
    await c.click();
    await expect(page.locator('#d-description').textContent()).resolves.toContain('<script>window.__pwned=3</script>');
    await expect(page.locator('#view-detail img').count()).resolves.toBe(1); // the QR only
    await page.waitForTimeout(300);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('filters are big toggles, and "more" loads the next page', async () => {
    const page = await openKiosk();
    await page.locator('#btn-search').click();
    await page.locator('.card').first().waitFor();
    const total = Object.keys(ids).length + extra.length;
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`共找到 ${total} 个岗位`);
    expect(await page.locator('.card').count()).toBe(10);
    await page.locator('#btn-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, total);
    await expect(page.locator('#btn-more').isHidden()).resolves.toBe(true);

    const only = async (ids_: string[]) => {
      await page.waitForFunction((want) => {
        const got = [...document.querySelectorAll('.card')].map((c) => (c as HTMLElement).dataset.id).sort();
        return JSON.stringify(got) === JSON.stringify(want);
      }, [...ids_].sort());
    };
    await page.locator('#f-welfare .toggle[data-value="true"]').click();
    await only([ids.cleaner]);
    await expect(page.locator('#f-welfare .toggle[data-value="true"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('#f-welfare .toggle[data-value="false"]').click();
    await page.locator('#f-contract .toggle[data-value="part_time"]').click();
    await only([ids.driver]);
    await page.locator('#f-contract .toggle[data-value=""]').click();
    await page.locator('#f-district .toggle[data-value="440104"]').click();
    await only([ids.welder]);
    await page.locator('#f-wage .toggle[data-value="8000"]').click();
    await only([ids.welder]); // 7000–9000 reaches 8000
    await page.locator('#f-district .toggle[data-value=""]').click();
    // wage band keeps postings that reach it, and those that state no pay (marked Negotiable)
    await card(page, ids.driver).waitFor();
    await expect(card(page, ids.electrician).count()).resolves.toBe(1);
    await expect(card(page, ids.cleaner).count()).resolves.toBe(0);
    await expectTouchTargets(page);
    await page.close();
  });

  it('a closed vacancy disappears from the results', async () => {
    const page = await openKiosk();
    await page.locator('#btn-search').click();
    await card(page, ids.doomed).waitFor();
    await closeVacancy(env.ctx.config.databaseUrl, ids.doomed);
    await waitForIndexed(env, ids.doomed, false);
    // any new search (here: a filter toggle and back) no longer shows it
    await page.locator('#f-contract .toggle[data-value="full_time"]').click();
    await page.locator('#f-contract .toggle[data-value=""]').click();
    await card(page, ids.doomed).waitFor({ state: 'detached' });
    await card(page, ids.electrician).waitFor();
    const v = await page.request.get(`${env.baseUrl}/v/${ids.doomed}`);
    expect(v.status()).toBe(404);
    await page.close();
  });

  it('fair mode shows only the fair\'s vacancies and its booth list', async () => {
    const page = await openKiosk(`?fair=${fairId}`);
    await expect(page.locator('#fair-name').textContent()).resolves.toBe('天河区周六招聘会');
    await expect(page.locator('.booth').allTextContents()).resolves.toEqual(['广州电力安装有限公司展位 A12', '越秀五金制品厂展位 B07']);
    await expect(page.locator('#fairs-section').isHidden()).resolves.toBe(true);
    await shot(page, 'fair-home-zh');
    await page.locator('#btn-search').click();
    await card(page, ids.fairJob).waitFor();
    expect(await page.locator('.card').count()).toBe(1);
    await expect(card(page, ids.fairJob).locator('.card-fair').textContent()).resolves.toBe('招聘会: 天河区周六招聘会 · 展位 B07');
    await page.close();
  });

  it('when the fair does not exist, still works without a booth list', async () => {
    const page = await openKiosk('?fair=00000000-0000-4000-8000-000000000000');
    await expect(page.locator('#booths-none').isVisible()).resolves.toBe(true);
    await expect(page.locator('#fair-intro').isHidden()).resolves.toBe(true);
    await page.close();
  });

  it('when the API is down, shows a bilingual retry message and recovers by itself', async () => {
    const page = await openKiosk();
    await page.route('**/public/vacancies/search**', (route) => route.abort('connectionrefused'));
    await page.locator('#btn-search').click();
    await page.locator('#conn-banner').waitFor({ state: 'visible' });
    await expect(page.locator('#conn-banner').textContent()).resolves.toMatch(/暂时无法连接服务器，正在重试…[\s\S]*Cannot reach the server, retrying…/);
    await shot(page, 'offline-zh');
    await page.unroute('**/public/vacancies/search**');
    await page.locator('.card').first().waitFor({ timeout: 5000 });
    await page.locator('#conn-banner').waitFor({ state: 'hidden' });
    await page.close();
  });

  it('when the API is slower than its timeout (5 s by default, 1 s here), shows the retry message and gets the answer on retry', async () => {
    const page = await openKiosk('?timeout=1');
    let calls = 0;
    await page.route('**/public/vacancies/search**', async (route) => {
      if (++calls === 1) {
        await new Promise((r) => setTimeout(r, 1500)); // the kiosk gives up on this one at 1 s
        return route.abort('timedout').catch(() => {});
      }
      return route.continue();
    });
    await page.locator('#btn-search').click();
    await page.locator('#conn-banner').waitFor({ state: 'visible', timeout: 3000 });
    await page.locator('.card').first().waitFor({ timeout: 5000 });
    await page.locator('#conn-banner').waitFor({ state: 'hidden' });
    expect(calls).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('/docs (swagger-ui) and /admin/queues (bull-board) still render under their own CSP', async () => {
    const docs = await newPage();
    await docs.goto(`${env.baseUrl}/docs`);
    await docs.locator('.swagger-ui .info .title').waitFor({ timeout: 10_000 });
    // Tags start collapsed (src/plugins/docs.ts); every tag is listed and opens on a click.
    await docs.locator('.opblock-tag', { hasText: 'kiosk' }).first().waitFor();
    expect(await docs.locator('.opblock-tag').count()).toBeGreaterThanOrEqual(20);
    await docs.locator('.opblock-tag', { hasText: 'kiosk' }).first().click();
    await docs.locator('.opblock-summary-path', { hasText: '/public/kiosk/home' }).first().waitFor();
    await docs.close();

    const board = await newPage();
    await board.setExtraHTTPHeaders({ authorization: `Basic ${Buffer.from(`admin:${env.ctx.adminKey}`).toString('base64')}` });
    await board.goto(`${env.baseUrl}/admin/queues`);
    await board.waitForFunction(() => !document.getElementById('root')?.textContent?.includes('Loading'), null, { timeout: 10_000 });
    await board.close();
    expect(problems).toEqual([]);
  });

  it('no page of the kiosk broke its CSP or threw', () => {
    expect(problems).toEqual([]);
  });
});
