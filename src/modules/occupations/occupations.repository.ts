import { and, asc, count, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { occupations } from './occupations.table.js';

export type OccupationRow = typeof occupations.$inferSelect;
export type OccupationSystem = OccupationRow['system'];

export async function findOccupation(db: DbOrTx, system: OccupationSystem, code: string): Promise<OccupationRow | undefined> {
  const [row] = await db.select().from(occupations).where(and(eq(occupations.system, system), eq(occupations.code, code)));
  return row;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

export async function searchOccupations(
  db: DbOrTx,
  q: {
    q?: string;
    system?: OccupationSystem;
    level?: number;
    parentCode?: string;
    limit: number;
    offset: number;
    /** Codes the title coder gives for q (护工 → 护理员): found even when the label does not contain q. */
    coded?: { system: OccupationSystem; code: string }[];
  },
): Promise<{ rows: OccupationRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.system) where.push(eq(occupations.system, q.system));
  if (q.level) where.push(eq(occupations.level, q.level));
  if (q.parentCode) where.push(eq(occupations.parentCode, q.parentCode));
  let rank: SQL | undefined;
  if (q.q) {
    const raw = q.q.trim();
    const t = escapeLike(raw);
    if (/^[\d.-]+$/.test(raw)) {
      // Digits (and dashes/dots) are a code prefix.
      where.push(like(occupations.code, `${t}%`));
    } else {
      const coded = (q.coded ?? []).map((c) => and(eq(occupations.system, c.system), eq(occupations.code, c.code))!);
      where.push(or(ilike(occupations.labelZh, `%${t}%`), ilike(occupations.labelEn, `%${t}%`), ...coded)!);
      // Exact labels first, then what the coder reads the words as, then labels starting with them, then the
      // rest: 护工 finds 护理员 before 环境保护工程技术人员.
      const codedRank = coded.length ? sql`when ${or(...coded)} then 1` : sql``;
      rank = sql`case when ${occupations.labelZh} = ${raw} or lower(${occupations.labelEn}) = lower(${raw}) then 0 ${codedRank}
        when ${occupations.labelZh} like ${`${t}%`} or ${occupations.labelEn} ilike ${`${t}%`} then 2 else 3 end`;
    }
  }
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(occupations)
    .where(cond)
    .orderBy(...(rank ? [asc(rank)] : []), asc(occupations.system), asc(occupations.level), asc(occupations.code))
    .limit(q.limit)
    .offset(q.offset);
  const [c] = await db.select({ n: count() }).from(occupations).where(cond);
  return { rows, total: c?.n ?? 0 };
}

export async function childrenOf(db: DbOrTx, system: OccupationSystem, code: string): Promise<OccupationRow[]> {
  return db
    .select()
    .from(occupations)
    .where(and(eq(occupations.system, system), eq(occupations.parentCode, code)))
    .orderBy(asc(occupations.code));
}
