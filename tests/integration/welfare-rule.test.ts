import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { openTestDatabase } from '../helpers/test-db.js';
import { baseRecords, insertEmployer, insertSeeker, insertVacancy } from '../helpers/fixtures-search.js';
import { DEFAULT_WELFARE_OPEN_AFTER_DAYS, FOUR_FIFTHS, fourFifthsExplanation, fourFifthsFlag, recomputeVacancy, refreshSeekerFeatures } from '../../src/modules/matching/matching.service.js';

const welfareRule = { openAfterDays: DEFAULT_WELFARE_OPEN_AFTER_DAYS };

/**
 * 公益性岗位 go to priority groups first; they open to everyone only under the configured rule
 * (no eligible candidate N days after publication), and the opening is recorded.
 */
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let sql: postgres.Sql;
let officeId: string;
let employerId: string;
const now = new Date('2026-12-05T04:00:00Z');

beforeAll(async () => {
  db = await openTestDatabase({ max: 2 });
  sql = db.database.sql;
  ({ officeId } = await baseRecords(sql));
  employerId = await insertEmployer(sql, officeId, '广州市天河区环境卫生服务中心');
  // Three cleaners, none in a priority group.
  for (const name of ['甲', '乙', '丙']) {
    const id = await insertSeeker(db.url, { officeId, name, skills: ['清洁保洁'], consent: true, isco: '9112' });
    await sql`update seekers set priority_groups = '{}', version = version + 1 where id = ${id}`;
  }
  await refreshSeekerFeatures(sql, (await sql`select id from seekers`).map((r) => r.id as string));
});
afterAll(async () => {
  await db?.close();
});

const welfarePost = (days: number) =>
  insertVacancy(db.url, { title: '保洁员（公益性岗位）', employerId, officeId, iscoUnit: '9112', publicWelfare: true, status: 'published', publishedAt: new Date(now.getTime() - days * 86_400_000), expiresAt: new Date(now.getTime() + 30 * 86_400_000) });

describe('public welfare posts', () => {
  it('a new post is proposed to nobody outside the priority groups, and nothing is recorded', async () => {
    const id = await welfarePost(3);
    await recomputeVacancy(sql, id, { force: true, now });
    const [{ n }] = (await sql`select count(*)::int as n from matches where vacancy_id = ${id}`) as unknown as [{ n: number }];
    expect(n).toBe(0);
    expect(await sql`select * from welfare_openings where vacancy_id = ${id}`).toHaveLength(0);
  });

  it(`after ${welfareRule.openAfterDays} days with no eligible candidate it opens to others, and the opening is recorded`, async () => {
    const id = await welfarePost(welfareRule.openAfterDays + 5);
    await recomputeVacancy(sql, id, { force: true, now });
    const [{ n }] = (await sql`select count(*)::int as n from matches where vacancy_id = ${id}`) as unknown as [{ n: number }];
    expect(n).toBe(3);
    const [o] = await sql`select rule, days_published, eligible_candidates from welfare_openings where vacancy_id = ${id}`;
    expect(o).toMatchObject({ rule: `no_eligible_candidate_after_days:${welfareRule.openAfterDays}`, days_published: welfareRule.openAfterDays + 5, eligible_candidates: 0 });
  });

  it('while a priority-group member is eligible, an old post stays with the priority groups', async () => {
    const ding = await insertSeeker(db.url, { officeId, name: '丁', skills: ['清洁保洁'], consent: true, isco: '9112' }); // in a priority group
    await refreshSeekerFeatures(sql, [ding as unknown as string]);
    const id = await welfarePost(welfareRule.openAfterDays + 10);
    await recomputeVacancy(sql, id, { force: true, now });
    const [{ n }] = (await sql`select count(*)::int as n from matches where vacancy_id = ${id}`) as unknown as [{ n: number }];
    expect(n).toBe(1);
    expect(await sql`select * from welfare_openings where vacancy_id = ${id}`).toHaveLength(0);
  });
});

describe('fairness audit: the four-fifths rule needs a minimum group size', () => {
  it('flags a low impact ratio only when both groups are large enough', () => {
    expect(fourFifthsFlag({ pool: 100, selected: 10 }, { pool: 100, selected: 30 }, 30)).toMatchObject({ impactRatio: 0.3333, flagged: true });
    expect(fourFifthsFlag({ pool: 5, selected: 0 }, { pool: 100, selected: 30 }, 30)).toMatchObject({ impactRatio: 0, enough: false, flagged: false });
    expect(fourFifthsFlag({ pool: 100, selected: 25 }, { pool: 100, selected: 30 }, 30).flagged).toBe(false);
    expect(FOUR_FIFTHS).toBe(0.8);
    expect(fourFifthsExplanation(30).zh).toContain('少于 30 人');
  });
});
