import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

const ASSETS = fileURLToPath(new URL('../../src/web/app/', import.meta.url));
let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx?.close());

describe('GET /app', () => {
  it('serves the workbench shell with the strict CSP and no inline script, style or event attribute', async () => {
    const res = await ctx.app.inject({ url: '/app' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = res.body;
    for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\/app\//);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('loads every asset the shell and modules reference', async () => {
    for (const [path, type] of [['/app/app.js', /javascript/], ['/app/i18n.js', /javascript/], ['/app/app.css', /text\/css/]] as const) {
      const res = await ctx.app.inject({ url: path });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(type);
      expect(res.headers['content-security-policy']).toBeDefined();
    }
    expect((await ctx.app.inject({ url: '/app/nope.js' })).statusCode).toBe(404);
  });

  it('needs no key and is not rate limited like the public kiosk', async () => {
    const res = await ctx.app.inject({ url: '/app' });
    expect(res.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('never writes API data as HTML: no innerHTML, outerHTML, insertAdjacentHTML or document.write in the scripts', () => {
    for (const f of readdirSync(ASSETS).filter((x) => x.endsWith('.js'))) {
      const src = readFileSync(`${ASSETS}${f}`, 'utf8');
      expect(src, f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    }
  });
});
