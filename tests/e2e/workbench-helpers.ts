import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestContext } from '../helpers/test-app.js';
import { buildWorld, type World } from '../helpers/records.js';
import { createPerson, type Person } from '../helpers/sessions.js';
import { totpNow } from '../../src/modules/accounts/secrets.js';
import type { Role } from '../../src/modules/auth/keys.js';

export const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots');

export interface WorkbenchEnv {
  ctx: TestContext;
  world: World;
  /**
   * Raw API keys per role, for the tests' own API calls. The browser never sees them: signIn()
   * signs a person with the same role and binding in through the page.
   */
  keys: { admin: string; staff: string; organiser: string; employerOwn: string; employerOther: string };
  /** The role and office/employer a key stands for, so signIn() can make the matching person. */
  personOf: Map<string, { role: Role; officeId?: string; employerId?: string }>;
  baseUrl: string;
  browser: Browser;
  context: BrowserContext;
  /** CSP violations and uncaught page errors seen on any page. */
  problems: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const raw = (h: Record<string, string>) => h.authorization!.replace(/^Bearer /, '');

/** App with workers on its own database, listening on a random port; the world of buildWorld; Chromium. */
export async function startWorkbench(): Promise<WorkbenchEnv> {
  const ctx = await startTestApp();
  const world = await buildWorld(ctx);
  await ctx.startWorkers();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const newContext = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const context = await newContext();
  const contexts = [context];
  mkdirSync(SCREENSHOTS, { recursive: true });
  const problems: string[] = [];
  const keys = {
    admin: ctx.adminKey,
    staff: raw(world.as.staff),
    organiser: raw(world.as.organiser),
    employerOwn: raw(world.as.employerOwn),
    employerOther: raw(world.as.employerOther),
  };
  const personOf = new Map<string, { role: Role; officeId?: string; employerId?: string }>([
    [keys.admin, { role: 'admin' }],
    [keys.staff, { role: 'staff', officeId: world.offices.tianhe }],
    [keys.organiser, { role: 'organiser', officeId: world.offices.tianhe }],
    [keys.employerOwn, { role: 'employer', employerId: world.employers.own }],
    [keys.employerOther, { role: 'employer', employerId: world.employers.other }],
  ]);
  return {
    ctx,
    world,
    keys,
    personOf,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    context,
    problems,
    async newPage() {
      // A context per page: each page has its own cookie jar, as each tab had its own key before.
      const c = await newContext();
      contexts.push(c);
      const page = await c.newPage();
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(`csp: ${m.text()}`);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await ctx.close();
    },
  };
}

/**
 * Signs in through the page as a new person with the role and binding of `key` (user name and
 * password, then the authenticator code for staff and admins), and waits for the first view.
 */
export async function signIn(env: WorkbenchEnv, page: Page, key: string, hash = ''): Promise<Person> {
  const who = env.personOf.get(key);
  if (!who) throw new Error('signIn: unknown key');
  const person = await createPerson(env.ctx, who.role, { officeId: who.officeId, employerId: who.employerId });
  await signInAs(env, page, person);
  if (hash) await go(page, hash);
  return person;
}

/** The sign-in page, step by step, for a given person. */
export async function signInAs(env: WorkbenchEnv, page: Page, person: Person) {
  await page.goto(`${env.baseUrl}/app`);
  await page.waitForSelector('body[data-ready="true"] #signin');
  await page.fill('#signin-username', person.username);
  await page.fill('#signin-password', person.password);
  await page.click('#signin button[type="submit"]');
  if (person.totpSecret) {
    await page.waitForSelector('body[data-ready="true"] #second-factor');
    await page.fill('#second-factor-code', await totpNow(person.totpSecret));
    await page.click('#second-factor button[type="submit"]');
  }
  await page.waitForSelector('#nav:not([hidden])');
}

/** Navigates inside the app and waits until the view has rendered. */
export async function go(page: Page, hash: string) {
  await page.evaluate((h) => {
    // The same hash fires no hashchange: the view is already the one asked for.
    if (location.hash === h) return;
    document.body.dataset.ready = 'false';
    location.hash = h;
  }, hash);
  await page.waitForSelector('body[data-ready="true"]');
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `workbench-${name}.png`), fullPage: true });

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A national ID number with a valid GB 11643 check character (11010519491231002X style). */
export function validNationalId(region = '440106', birth = '19880412', order = '123'): string {
  const first17 = `${region}${birth}${order}`;
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * ID_WEIGHTS[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}
