import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpNow } from '../../src/modules/accounts/secrets.js';
import { createPerson } from '../helpers/sessions.js';
import { creditCode } from '../helpers/records.js';
import { shot, signIn, signInAs, startWorkbench, type WorkbenchEnv } from './workbench-helpers.js';

let env: WorkbenchEnv;

beforeAll(async () => {
  env = await startWorkbench();
}, 90_000);
afterAll(async () => {
  await env?.close();
});

describe('signing in through the page (issue 17)', () => {
  it('asks for a user name and password, never an API key; the browser keeps no credential a script can read', async () => {
    const page = await env.newPage();
    await page.goto(`${env.baseUrl}/app`);
    await page.waitForSelector('body[data-ready="true"] #signin');
    expect(await page.$('#signin-key')).toBeNull();
    expect(await page.textContent('#main')).not.toMatch(/API ?密钥|API key/i);
    expect(await page.getAttribute('#signin-password', 'type')).toBe('password');
    await shot(page, 'signin');
    await signIn(env, page, env.keys.organiser, '#/fairs');
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      session: Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)]),
      local: Object.keys(localStorage),
    }));
    expect(visible.cookie).toBe('');
    expect(visible.local).toEqual([]);
    expect(visible.session.every(([k]) => k === 'pes.workbench.lang')).toBe(true);
    // The cookie is there for the browser to send: httpOnly, SameSite=Strict.
    const cookies = await page.context().cookies();
    const s = cookies.find((c) => c.name === 'pes_session')!;
    expect(s).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The page took the role from GET /me: the organiser's sections, and the person's name.
    expect(await page.$$eval('#nav a', (as) => as.map((a) => a.getAttribute('data-nav')))).toEqual(['fairs', 'vacancies', 'vacancies/new', 'account']);
    expect(await page.textContent('#who')).toContain('招聘会组织方');
    await page.click('#btn-signout');
    await page.waitForSelector('body[data-ready="true"] #signin');
    expect((await page.context().cookies()).find((c) => c.name === 'pes_session')).toBeUndefined();
    await page.close();
  }, 60_000);

  it('staff enrol an authenticator from a QR code on first sign-in, keep the recovery codes, then use the code next time', async () => {
    const person = await createPerson(env.ctx, 'staff', { officeId: env.world.offices.tianhe, totp: false });
    const page = await env.newPage();
    await page.goto(`${env.baseUrl}/app`);
    await page.waitForSelector('body[data-ready="true"] #signin');
    await page.fill('#signin-username', person.username);
    await page.fill('#signin-password', person.password);
    await page.click('#signin button[type="submit"]');
    await page.waitForSelector('#enrol-qr');
    const size = await page.$eval('#enrol-qr', (img) => (img as HTMLImageElement).naturalWidth);
    expect(size).toBeGreaterThan(50);
    const secret = (await page.textContent('#enrol-secret'))!.replace(/\s+/g, '');
    await shot(page, 'staff-enrol-totp');
    await page.fill('#enrol-form-code', await totpNow(secret));
    await page.click('#enrol-form button[type="submit"]');
    await page.waitForSelector('#recovery-codes li');
    expect(await page.$$eval('#recovery-codes li', (li) => li.length)).toBe(10);
    await page.click('#recovery-done');
    await page.waitForSelector('#nav:not([hidden])');
    expect(await page.$$eval('#nav a', (as) => as.map((a) => a.getAttribute('data-nav')))).toContain('seekers');
    await page.close();

    // Next time: the code of the app. The enrolment's code cannot be used again (RFC 6238 §5.2;
    // tested in accounts.test.ts), so the next time step's code is typed (within the ±1 step window).
    const next = await env.newPage();
    await next.goto(`${env.baseUrl}/app`);
    await next.waitForSelector('body[data-ready="true"] #signin');
    await next.fill('#signin-username', person.username);
    await next.fill('#signin-password', person.password);
    await next.click('#signin button[type="submit"]');
    await next.waitForSelector('body[data-ready="true"] #second-factor');
    await next.fill('#second-factor-code', await totpNow(secret, Date.now() + 30_000));
    await next.click('#second-factor button[type="submit"]');
    await next.waitForSelector('#nav:not([hidden])');
    await next.close();
  }, 60_000);

  it('a company registers on the page; its recruiter signs in and sees it is waiting for verification; staff verify it on the page', async () => {
    const page = await env.newPage();
    await page.goto(`${env.baseUrl}/app#/register-employer`);
    await page.waitForSelector('body[data-ready="true"] #register-employer');
    await page.fill('#register-employer-name', '广州页面注册贸易有限公司');
    await page.fill('#register-employer-creditCode', creditCode());
    await page.selectOption('#register-employer-industry', 'F');
    await page.selectOption('#register-employer-sizeBand', 'small');
    await page.fill('#register-employer-districtCode', '440106');
    await page.fill('#register-employer-contactName', '周经理');
    await page.fill('#register-employer-contactPhone', '13600136000');
    await page.fill('#register-employer-username', 'hr.zhou');
    await page.fill('#register-employer-password', 'weak');
    await page.click('#register-employer button[type="submit"]');
    await page.waitForSelector('#register-employer [data-field="password"].invalid');
    await page.fill('#register-employer-password', 'Zhou-Trade-2026');
    await page.click('#register-employer button[type="submit"]');
    await page.waitForSelector('body[data-ready="true"] #signin');
    expect(await page.textContent('#main')).toContain('等待就业服务机构审核');
    await signInAs(env, page, { accountId: '', username: 'hr.zhou', password: 'Zhou-Trade-2026', totpSecret: null });
    await page.click('#nav a[data-nav="account"]');
    await page.waitForSelector('body[data-ready="true"] #account');
    expect(await page.textContent('#account')).toContain('待审核');
    await page.close();

    const staff = await env.newPage();
    await signIn(env, staff, env.keys.staff, '#/verify');
    const row = staff.locator('tr', { hasText: '广州页面注册贸易有限公司' });
    await row.locator('button', { hasText: '审核通过' }).click();
    await staff.waitForFunction(() => !document.body.textContent?.includes('广州页面注册贸易有限公司'));
    const [e] = await env.ctx.resources.database.sql`select verified from employers where name = '广州页面注册贸易有限公司'`;
    expect(e!.verified).toBe(true);
    await staff.close();
  }, 60_000);
});
