import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VacancyDoc } from '../../src/search/documents.js';
import { E, vacancyDoc } from '../helpers/fixtures-search.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

/**
 * GET /public/vacancies/search keeps the serialised body of a cached result: a repeated query
 * gets the same bytes, an index write gives a fresh body, and the body is still produced by the
 * route's response schema (a field the schema does not document never goes out).
 */
let ctx: TestContext;
const url = `/public/vacancies/search?q=${encodeURIComponent('焊工')}`;

beforeAll(async () => {
  ctx = await startTestApp({ env: { PES_PUBLIC_RATE_LIMIT: '100000' } });
  await ctx.resources.search.setup();
  const withInternalField = { ...vacancyDoc({ title: '电焊工', employerId: E('1') }), internalNote: '内部备注 13800138000' } as VacancyDoc;
  await ctx.resources.search.upsertVacancies([withInternalField]);
});
afterAll(() => ctx?.close());

describe('public search response cache', () => {
  it('answers a repeated query with the same JSON body, through the response schema', async () => {
    const first = await ctx.app.inject({ url });
    const second = await ctx.app.inject({ url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(second.body).toBe(first.body);
    expect(first.json().items.map((i: { vacancy: { title: string } }) => i.vacancy.title)).toEqual(['电焊工']);
    expect(first.body).not.toContain('internalNote');
    expect(first.body).not.toContain('13800138000');
  });

  it('an index write gives a fresh body', async () => {
    const before = await ctx.app.inject({ url });
    await ctx.resources.search.upsertVacancies([vacancyDoc({ title: '氩弧焊工', employerId: E('2') })]);
    const after = await ctx.app.inject({ url });
    expect(after.body).not.toBe(before.body);
    expect(after.json().total).toBe(before.json().total + 1);
  });
});
