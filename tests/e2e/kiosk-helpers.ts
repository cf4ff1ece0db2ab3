import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { createDatabase } from '../../src/db/client.js';
import { vacancyChanged } from '../../src/jobs/events.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { eventually, startTestApp, type TestContext } from '../helpers/test-app.js';

export const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots');

export interface KioskEnv {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** One context for the file: assets stay cached between tests, as on a real kiosk. */
  context: BrowserContext;
  close(): Promise<void>;
}

/** App on its own database with workers (so inserted vacancies get indexed), listening on a random port, plus Chromium. */
export async function startKiosk(): Promise<KioskEnv> {
  const ctx = await startTestApp();
  await ctx.startWorkers();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, hasTouch: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    context,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
      await ctx.close();
    },
  };
}

/** Waits until the public search API returns (or no longer returns) a vacancy. */
export async function waitForIndexed(env: KioskEnv, id: string, present = true, query = '') {
  await eventually(async () => {
    const res = await env.ctx.app.inject({ url: `/public/vacancies/search?pageSize=50${query}`, remoteAddress: '10.9.9.9' });
    const found = (res.json().items as { vacancy: { id: string } }[]).some((i) => i.vacancy.id === id);
    return found === present;
  }, 15_000);
}

/** Closes a vacancy the way the services do: status change and search sync in one transaction. */
export async function closeVacancy(url: string, id: string) {
  const database = createDatabase(url, { max: 1 });
  try {
    await database.db.transaction(async (tx) => {
      await tx.update(vacancies).set({ status: 'closed' as never, closedAt: new Date() }).where(eq(vacancies.id, id));
      await vacancyChanged(tx, id);
    });
  } finally {
    await database.close();
  }
}
