import { and, asc, count, eq, ilike, like, or, type SQL } from 'drizzle-orm';
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
  q: { q?: string; system?: OccupationSystem; level?: number; parentCode?: string; limit: number; offset: number },
): Promise<{ rows: OccupationRow[]; total: number }> {
  const where: SQL[] = [];
  if (q.system) where.push(eq(occupations.system, q.system));
  if (q.level) where.push(eq(occupations.level, q.level));
  if (q.parentCode) where.push(eq(occupations.parentCode, q.parentCode));
  if (q.q) {
    const t = escapeLike(q.q.trim());
    // Digits (and dashes/dots) are a code prefix; anything else is a label search in both languages.
    where.push(
      /^[\d.-]+$/.test(q.q.trim())
        ? like(occupations.code, `${t}%`)
        : or(ilike(occupations.labelZh, `%${t}%`), ilike(occupations.labelEn, `%${t}%`))!,
    );
  }
  const cond = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(occupations)
    .where(cond)
    .orderBy(asc(occupations.system), asc(occupations.level), asc(occupations.code))
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
