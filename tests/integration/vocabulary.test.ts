import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_TYPES,
  EDUCATION_LEVELS,
  FAIR_KINDS,
  isOpenVacancy,
  ISCO_MAJOR_GROUPS,
  NATIONAL_ID_WEIGHTS,
  openVacancySql,
  PAY_UNITS,
  PRIORITY_GROUPS,
  REFERRAL_NEXT_STEPS,
  REFERRAL_OUTCOMES,
  REFERRAL_TRANSITIONS,
  SEEKER_STATUSES,
  VACANCY_STATUSES,
  VOCABULARY_LISTS,
  type Term,
} from '../../src/vocabulary/index.js';
import { startTestApp, type TestContext } from '../helpers/test-app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const plain = (list: readonly Term[]) => list.map((t) => ({ value: t.value, zh: t.zh, en: t.en }));

describe('GET /vocabulary', () => {
  it('serves every list exactly as the vocabulary module defines it, without authentication', async () => {
    const res = await ctx.app.inject({ url: '/vocabulary' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { version: string; lists: Record<string, unknown> };
    expect(body.version).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(body.lists).sort()).toEqual(
      ['contractTypes', 'educationLevels', 'fairKinds', 'iscoMajorGroups', 'payUnits', 'priorityGroups', 'referralNextSteps', 'referralOutcomes', 'seekerStatuses', 'vacancyStatuses'],
    );
    expect(body.lists).toEqual({
      educationLevels: plain(EDUCATION_LEVELS),
      fairKinds: plain(FAIR_KINDS),
      contractTypes: plain(CONTRACT_TYPES),
      payUnits: plain(PAY_UNITS),
      vacancyStatuses: plain(VACANCY_STATUSES),
      referralOutcomes: plain(REFERRAL_OUTCOMES),
      referralNextSteps: plain(REFERRAL_NEXT_STEPS),
      priorityGroups: plain(PRIORITY_GROUPS),
      seekerStatuses: plain(SEEKER_STATUSES),
      iscoMajorGroups: plain(ISCO_MAJOR_GROUPS),
    });
    for (const list of Object.values(body.lists) as Term[][]) {
      for (const t of list) expect(t.zh && t.en && t.value, JSON.stringify(t)).toBeTruthy();
      expect(new Set(list.map((t) => t.value)).size).toBe(list.length);
    }
  });

  it('is described in the API document with its response schema', async () => {
    const doc = (await ctx.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, any> };
    const schema = doc.paths['/vocabulary']?.get?.responses?.['200']?.content?.['application/json']?.schema;
    expect(schema?.properties?.lists?.properties?.educationLevels?.type).toBe('array');
  });

  it('lists each referral transition once, as from>to, and nothing out of a final outcome', () => {
    const steps = REFERRAL_NEXT_STEPS.map((s) => s.value);
    expect(steps).toContain('pending>interviewed');
    expect(steps.filter((s) => s.startsWith('hired>'))).toEqual([]);
    expect(steps.length).toBe(Object.values(REFERRAL_TRANSITIONS).flat().length);
  });
});

describe('the database enums are the vocabulary', () => {
  const enums: [string, readonly Term[]][] = [
    ['education', EDUCATION_LEVELS],
    ['fair_kind', FAIR_KINDS],
    ['contract_type', CONTRACT_TYPES],
    ['wage_unit', PAY_UNITS],
    ['vacancy_status', VACANCY_STATUSES],
    ['referral_outcome', REFERRAL_OUTCOMES],
    ['seeker_status', SEEKER_STATUSES],
  ];
  it.each(enums)('%s has the same values in the same order', async (name, list) => {
    const { sql } = ctx.resources.database;
    const rows = await sql`select e.enumlabel from pg_enum e join pg_type t on t.oid = e.enumtypid where t.typname = ${name} order by e.enumsortorder`;
    expect(rows.map((r) => r.enumlabel)).toEqual(list.map((t) => t.value));
  });
});

describe('the open-vacancy predicate', () => {
  it('gives the same answer in SQL and in TypeScript', async () => {
    const { sql } = ctx.resources.database;
    const now = new Date('2026-06-01T00:00:00Z');
    const cases = [
      { status: 'published', expiresAt: null },
      { status: 'published', expiresAt: new Date('2026-06-02T00:00:00Z') },
      { status: 'published', expiresAt: new Date('2026-06-01T00:00:00Z') },
      { status: 'published', expiresAt: new Date('2026-05-01T00:00:00Z') },
      { status: 'closed', expiresAt: null },
      { status: 'draft', expiresAt: new Date('2027-01-01T00:00:00Z') },
    ];
    for (const c of cases) {
      const [row] = await sql`select ${openVacancySql(sql, 'v', now)} as open
        from (select ${c.status}::text as status, ${c.expiresAt?.toISOString() ?? null}::timestamptz as expires_at) v`;
      expect(row!.open, JSON.stringify(c)).toBe(isOpenVacancy(c, now));
    }
  });
});

it('national-ID weights are 2^(17-i) mod 11', () => {
  expect([...NATIONAL_ID_WEIGHTS]).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11));
  expect(Object.keys(VOCABULARY_LISTS)).toHaveLength(10);
});

describe('the kiosk takes its options from the server', () => {
  it('asks GET /vocabulary for education and contract labels and keeps no copy of them', async () => {
    const js = (await ctx.app.inject({ url: '/kiosk/kiosk.js' })).body;
    const i18n = (await ctx.app.inject({ url: '/kiosk/i18n.js' })).body;
    expect(js).toContain("getJson('/vocabulary')");
    expect(js).toContain("vocabLabel('educationLevels'");
    expect(js).toContain("vocabLabel('contractTypes'");
    // Every label of these lists (but "不限"/"Any", the kiosk's own word for no filter) lives only in the vocabulary.
    for (const t of [...EDUCATION_LEVELS, ...CONTRACT_TYPES].filter((x) => x.value !== 'none')) {
      for (const label of [t.zh, t.en]) {
        expect(js.includes(`'${label}'`) || i18n.includes(`'${label}'`), `kiosk copy of ${label}`).toBe(false);
      }
    }
  });
});
