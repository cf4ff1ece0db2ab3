/**
 * Screenshots of the pages a director sees (kiosk home, weekly and quarterly reports, the
 * shortage ranking, the wage price table), zh and en, with Chromium:
 *   BASE=http://localhost:3000 KEY=<admin key> npx tsx scripts/screenshots.ts
 */
import { chromium } from 'playwright-core';

const base = process.env.BASE ?? 'http://localhost:3000';
const key = process.env.KEY!;
const out = process.env.OUT ?? 'docs/screenshots';
const pages: [string, string, boolean][] = [
  ['kiosk-zh', '/kiosk?lang=zh', false],
  ['kiosk-en', '/kiosk?lang=en', false],
  ...(process.env.PAGES ?? '').split('|').filter(Boolean).map((p): [string, string, boolean] => {
    const i = p.indexOf('=');
    return [p.slice(0, i), p.slice(i + 1), true];
  }),
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (const [name, path, auth] of pages) {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 1400 }, extraHTTPHeaders: auth ? { authorization: `Bearer ${key}` } : {} });
  const page = await ctx.newPage();
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  console.log(`${name}: ${out}/${name}.png`);
  await ctx.close();
}
await browser.close();
