import type postgres from 'postgres';
import { openVacancySql } from '../vocabulary/index.js';

/**
 * The kiosk's hand-written SQL, with the row each query returns (issue 22: one way to run SQL that must be
 * hand-written: a *.queries.ts file, typed rows, one handle per function). Public data only: open
 * vacancies counted by group, title and district, and this week's fairs; no personal data exists here.
 */
export interface CountRow {
  key: string;
  n: number;
}
export interface DistrictCountRow {
  code: string;
  name_zh: string;
  name_en: string | null;
  n: number;
}
export interface FairTileRow {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
  venue: string;
  status: string;
  name_zh: string | null;
  name_en: string | null;
  n: number;
}
export interface KioskHomeRows {
  groups: CountRow[];
  titles: CountRow[];
  districts: DistrictCountRow[];
  fairs: FairTileRow[];
  total: number;
}

export async function kioskHomeRows(sql: postgres.Sql, fairId?: string): Promise<KioskHomeRows> {
  const open = sql`${openVacancySql(sql, 'v')} ${fairId ? sql`and v.fair_id = ${fairId}` : sql``}`;
  const [groups, titles, districts, fairs, totals] = await Promise.all([
    sql<CountRow[]>`select left(v.isco_unit, 1) as key, count(*)::int as n from vacancies v
        where ${open} and v.isco_unit is not null group by 1`,
    sql<CountRow[]>`select v.title as key, count(*)::int as n from vacancies v where ${open}
        group by v.title order by n desc, v.title limit 12`,
    sql<DistrictCountRow[]>`select d.code, d.name_zh, d.name_en, count(*)::int as n from vacancies v
        join districts d on d.code = v.district_code where ${open}
        group by d.code, d.name_zh, d.name_en order by n desc, d.code limit 24`,
    sql<FairTileRow[]>`select f.id, f.name, f.starts_at, f.ends_at, f.venue, f.status, d.name_zh, d.name_en,
          (select count(*)::int from vacancies v where v.fair_id = f.id and ${openVacancySql(sql, 'v')}) as n
        from fairs f left join districts d on d.code = f.district_code
        where f.status in ('planned', 'open') and f.ends_at >= now() and f.starts_at < now() + interval '7 days'
          ${fairId ? sql`and f.id = ${fairId}` : sql``}
        order by f.starts_at limit 8`,
    sql<{ n: number }[]>`select count(*)::int as n from vacancies v where ${open}`,
  ]);
  return { groups: [...groups], titles: [...titles], districts: [...districts], fairs: [...fairs], total: totals[0]?.n ?? 0 };
}
