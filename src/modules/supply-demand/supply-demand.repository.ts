import type postgres from 'postgres';
import type { WeekWindow } from '../../vocabulary/index.js';

/**
 * The aggregation, all in SQL: one pass over vacancies, one over seekers (with grouping
 * sets for every breakdown), one each for priority groups, placements, fairs, referrals and
 * the 12-week trend. Periods: index 0 = the report week, 1 = the week before, 2 = a year
 * earlier. Keep the rules in step with DEFINITIONS in supply-demand.labels.ts.
 */
export type Sql = postgres.Sql | postgres.TransactionSql;

/** Vacancy statuses that imply the vacancy was published at some point. */
const PUBLISHED_STATUSES = `('published','closed','filled','expired')`;

const ts = (d: Date) => `'${d.toISOString()}'::timestamptz`;
const dt = (s: string) => `'${s}'::date`;

/** When the vacancy stopped being open (null: still open). */
const VACANCY_END = `case when v.status = 'published' then least(v.closed_at, v.expires_at)
  else coalesce(least(v.closed_at, v.expires_at), v.updated_at) end`;

/** When the job seeker's registration stopped being in force (null: still in force). */
const SEEKER_END = `case s.status when 'active' then null
  when 'placed' then coalesce((pl.last_start::timestamp at time zone 'Asia/Shanghai'), s.updated_at)
  else s.updated_at end`;

const LAST_PLACEMENT = `select seeker_id, max(contract_start) as last_start from placements group by seeker_id`;

/** ISCO unit group of a seeker's first desired occupation (ISCO codes as they are, others via the table). */
const SEEKER_ISCO = `case when s.desired_occupations->0->>'system' = 'isco' then s.desired_occupations->0->>'code' else o.isco_unit end`;

const iscoKeys = (col: string) => `
  coalesce(case when length(${col}) >= 1 then left(${col}, 1) end, 'unknown') as k_major,
  coalesce(case when length(${col}) >= 2 then left(${col}, 2) end, 'unknown') as k_sub,
  coalesce(case when length(${col}) = 4 then ${col} end, 'unknown') as k_unit`;

const district = (col: string) => `coalesce(left(${col}, 6), 'unknown')`;

/** Region filter: a district code matches itself and its streets (GB/T 2260 prefix). */
const inRegion = (col: string, region: string | null) => (region ? `and left(${col}, 6) = $1` : '');
const params = (region: string | null) => (region ? [region] : []);

/** Age band on a given day from birth-date thresholds (no per-row age() arithmetic). */
const ageBand = (birth: string, day: string) => {
  const minus = (years: number) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const ty = y - years;
    const leap = (ty % 4 === 0 && ty % 100 !== 0) || ty % 400 === 0;
    // Born on or before this date = at least `years` old on `day`; 29 Feb falls back to 28 Feb.
    const td = m === 2 && d === 29 && !leap ? 28 : d;
    return `(${dt(`${ty}-${String(m).padStart(2, '0')}-${String(td).padStart(2, '0')}`)})`;
  };
  return `(case when ${birth} > ${minus(16)} then 'under_16' when ${birth} > ${minus(25)} then '16-24'
    when ${birth} > ${minus(35)} then '25-34' when ${birth} > ${minus(45)} then '35-44' else '45+' end)`;
};

export interface KeyedCounts {
  dimension: string;
  key: string;
  /** Per period 0..2. */
  counts: Record<string, number>[];
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** Splits a grouping-sets result into (dimension, key) rows: exactly one key column is set per row. */
function ungroup(rows: Row[], keyCols: Record<string, string>, fields: string[], periods: number[] = [0, 1, 2]): KeyedCounts[] {
  const out: KeyedCounts[] = [];
  for (const r of rows) {
    const col = Object.keys(keyCols).find((c) => r[c] !== null && r[c] !== undefined);
    if (!col) continue;
    out.push({
      dimension: keyCols[col]!,
      key: String(r[col]),
      counts: periods.map((p) => Object.fromEntries(fields.map((f) => [f, num(r[`${f}${p}`])]))),
    });
  }
  return out;
}

const sums = (expr: (p: number) => [string, string][]) =>
  [0, 1, 2].flatMap((p) => expr(p).map(([name, e]) => `${e} as "${name}${p}"`)).join(',\n  ');

export async function demandByDimension(sql: Sql, w: WeekWindow[], region: string | null): Promise<KeyedCounts[]> {
  const minStart = new Date(Math.min(...w.map((x) => x.start.getTime())));
  const maxEnd = new Date(Math.max(...w.map((x) => x.end.getTime())));
  const q = `
with v as (
  select v.headcount::bigint as h, v.published_at as p, ${VACANCY_END} as u,
    ${iscoKeys('v.isco_unit')},
    coalesce(e.industry, 'unknown') as k_industry,
    ${district('v.district_code')} as k_district,
    v.education_min::text as k_education
  from vacancies v join employers e on e.id = v.employer_id
  where v.published_at is not null and v.status in ${PUBLISHED_STATUSES} and v.published_at < ${ts(maxEnd)}
    ${inRegion('v.district_code', region)}
), f as (
  select *, 'all'::text as k_total,
    ${[0, 1, 2].map((p) => `(p >= ${ts(w[p]!.start)} and p < ${ts(w[p]!.end)}) as n${p}, (p < ${ts(w[p]!.end)} and (u is null or u > ${ts(w[p]!.start)})) as a${p}`).join(',\n    ')}
  from v where u is null or u > ${ts(minStart)}
)
select k_total, k_major, k_sub, k_unit, k_industry, k_district, k_education,
  ${sums((p) => [
    ['newVacancies', `count(*) filter (where n${p})`],
    ['newDemand', `coalesce(sum(h) filter (where n${p}), 0)`],
    ['activeVacancies', `count(*) filter (where a${p})`],
    ['activeDemand', `coalesce(sum(h) filter (where a${p}), 0)`],
  ])}
from f
group by grouping sets ((k_total), (k_major), (k_sub), (k_unit), (k_industry), (k_district), (k_education))`;
  const rows = (await sql.unsafe(q, params(region))) as unknown as Row[];
  return ungroup(
    rows,
    { k_total: 'total', k_major: 'isco_major', k_sub: 'isco_submajor', k_unit: 'isco_unit', k_industry: 'industry', k_district: 'district', k_education: 'education' },
    ['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand'],
  );
}

/**
 * One pass over job seekers: pre-aggregates them by every key the report uses (a few
 * thousand combinations instead of a million rows) into a temporary table dropped at commit.
 * The supply breakdowns, priority groups and the supply trend then read that small table.
 */
export async function prepareSupply(sql: Sql, w: WeekWindow[], trend: WeekWindow[], region: string | null): Promise<void> {
  const all = [...w, ...trend];
  const minStart = new Date(Math.min(...all.map((x) => x.start.getTime())));
  const maxEnd = new Date(Math.max(...all.map((x) => x.end.getTime())));
  const q = `
create temp table sd_supply on commit drop as
with pl as (${LAST_PLACEMENT}),
s as (
  select s.registered_at as r, ${SEEKER_END} as u, s.birth_date as b,
    ${SEEKER_ISCO} as isco,
    ${district('s.district_code')} as k_district,
    s.education::text as k_education, s.sex::text as k_sex, s.priority_groups as g
  from seekers s
  left join pl on pl.seeker_id = s.id
  left join occupations o on o.system::text = s.desired_occupations->0->>'system' and o.code = s.desired_occupations->0->>'code'
    and s.desired_occupations->0->>'system' <> 'isco'
  where s.registered_at < ${ts(maxEnd)} ${inRegion('s.district_code', region)}
)
select isco, k_district, k_education, k_sex, g,
  ${[0, 1, 2].map((p) => `${ageBand('b', w[p]!.lastDay)} as k_age${p}`).join(', ')},
  ${[0, 1, 2].map((p) => `count(*) filter (where r >= ${ts(w[p]!.start)} and r < ${ts(w[p]!.end)}) as "newSupply${p}", count(*) filter (where r < ${ts(w[p]!.end)} and (u is null or u > ${ts(w[p]!.start)})) as "activeSupply${p}"`).join(',\n  ')},
  ${trend.map((x, i) => `count(*) filter (where r < ${ts(x.end)} and (u is null or u > ${ts(x.start)})) as t${i}`).join(', ')}
from s where u is null or u > ${ts(minStart)}
group by 1, 2, 3, 4, 5, 6, 7, 8`;
  await sql.unsafe(`drop table if exists sd_supply`);
  await sql.unsafe(q, params(region));
}

const sumCols = (fields: string[]) => [0, 1, 2].flatMap((p) => fields.map((f) => `coalesce(sum("${f}${p}"), 0) as "${f}${p}"`)).join(', ');

export async function supplyByDimension(sql: Sql): Promise<KeyedCounts[]> {
  const fields = ['newSupply', 'activeSupply'];
  const q = `
with f as (
  select *, 'all'::text as k_total, ${iscoKeys('isco')},
    case when cardinality(g) > 0 then 'any' else 'none' end as k_prio
  from sd_supply
)
select k_total, k_major, k_sub, k_unit, k_district, k_education, k_sex, k_prio, k_age0, k_age1, k_age2, ${sumCols(fields)}
from f
group by grouping sets ((k_total), (k_major), (k_sub), (k_unit), (k_district), (k_education), (k_sex), (k_prio), (k_age0), (k_age1), (k_age2))`;
  const rows = (await sql.unsafe(q)) as unknown as Row[];
  const main = ungroup(
    rows.filter((r) => r.k_age0 == null && r.k_age1 == null && r.k_age2 == null),
    { k_total: 'total', k_major: 'isco_major', k_sub: 'isco_submajor', k_unit: 'isco_unit', k_district: 'district', k_education: 'education', k_sex: 'sex', k_prio: 'priority_group' },
    fields,
  );
  return [...main, ...perPeriodKey(rows, 'k_age', 'age_band', fields)];
}

/** Each person counts once in each of their groups (a repeated group in the array is ignored). */
export async function supplyByPriorityGroup(sql: Sql): Promise<KeyedCounts[]> {
  const fields = ['newSupply', 'activeSupply'];
  const q = `
select k_group, ${sumCols(fields)}
from sd_supply cross join lateral (select distinct x as k_group from unnest(g) x) u
where cardinality(g) > 0
group by k_group`;
  const rows = (await sql.unsafe(q)) as unknown as Row[];
  return ungroup(rows, { k_group: 'priority_group' }, fields);
}

export async function supplyTrend(sql: Sql, trend: WeekWindow[]): Promise<number[]> {
  const [r] = (await sql.unsafe(`select ${trend.map((_, i) => `coalesce(sum(t${i}), 0) as t${i}`).join(', ')} from sd_supply`)) as unknown as Row[];
  return trend.map((_, i) => num(r?.[`t${i}`]));
}

/** For keys that depend on the period (age at the end of each week): set p gives period p's figures. */
function perPeriodKey(rows: Row[], prefix: string, dimension: string, fields: string[]): KeyedCounts[] {
  const byKey = new Map<string, KeyedCounts>();
  for (const r of rows) {
    for (const p of [0, 1, 2]) {
      const k = r[`${prefix}${p}`];
      if (k === null || k === undefined) continue;
      const key = String(k);
      let e = byKey.get(key);
      if (!e) byKey.set(key, (e = { dimension, key, counts: [0, 1, 2].map(() => Object.fromEntries(fields.map((f) => [f, 0]))) }));
      e.counts[p] = Object.fromEntries(fields.map((f) => [f, num(r[`${f}${p}`])]));
    }
  }
  return [...byKey.values()];
}

export async function placementsByDimension(sql: Sql, w: WeekWindow[], region: string | null): Promise<KeyedCounts[]> {
  const inAny = w.map((x) => `(p.contract_start between ${dt(x.firstDay)} and ${dt(x.lastDay)})`).join(' or ');
  // Priority groups apart: unnesting repeats a placement once per group it belongs to.
  const q = `
with f as (
  select s.priority_groups as g,
    ${[0, 1, 2].map((p) => `(p.contract_start between ${dt(w[p]!.firstDay)} and ${dt(w[p]!.lastDay)}) as c${p}`).join(', ')}
  from placements p join seekers s on s.id = p.seeker_id
  where (${inAny}) ${inRegion('s.district_code', region)}
)
select k_group,
  ${sums((p) => [['placements', `count(*) filter (where c${p})`]])}
from f cross join lateral unnest(
  (select array_agg(distinct x) from unnest(f.g) x) || case when cardinality(f.g) > 0 then array['any'] else array['none'] end
) as k_group
group by k_group`;
  const rows = (await sql.unsafe(q, params(region))) as unknown as Row[];
  return [...ungroup(rows, { k_group: 'priority_group' }, ['placements']), ...(await placementsPlain(sql, w, region))];
}

/** Placements by every dimension except priority groups (no unnesting, so each is counted once). */
async function placementsPlain(sql: Sql, w: WeekWindow[], region: string | null): Promise<KeyedCounts[]> {
  const inAny = w.map((x) => `(p.contract_start between ${dt(x.firstDay)} and ${dt(x.lastDay)})`).join(' or ');
  const q = `
with f as (
  select 'all'::text as k_total,
    ${iscoKeys('v.isco_unit')},
    coalesce(e.industry, 'unknown') as k_industry,
    ${district('s.district_code')} as k_district,
    s.education::text as k_education, s.sex::text as k_sex,
    ${[0, 1, 2].map((p) => `${ageBand('s.birth_date', w[p]!.lastDay)} as k_age${p}`).join(', ')},
    ${[0, 1, 2].map((p) => `(p.contract_start between ${dt(w[p]!.firstDay)} and ${dt(w[p]!.lastDay)}) as c${p}`).join(', ')}
  from placements p
  join seekers s on s.id = p.seeker_id
  join employers e on e.id = p.employer_id
  left join vacancies v on v.id = p.vacancy_id
  where (${inAny}) ${inRegion('s.district_code', region)}
)
select k_total, k_major, k_sub, k_unit, k_industry, k_district, k_education, k_sex, k_age0, k_age1, k_age2,
  ${sums((p) => [['placements', `count(*) filter (where c${p})`]])}
from f
group by grouping sets ((k_total), (k_major), (k_sub), (k_unit), (k_industry), (k_district), (k_education), (k_sex), (k_age0), (k_age1), (k_age2))`;
  const rows = (await sql.unsafe(q, params(region))) as unknown as Row[];
  const fields = ['placements'];
  const main = ungroup(
    rows.filter((r) => r.k_age0 == null && r.k_age1 == null && r.k_age2 == null),
    { k_total: 'total', k_major: 'isco_major', k_sub: 'isco_submajor', k_unit: 'isco_unit', k_industry: 'industry', k_district: 'district', k_education: 'education', k_sex: 'sex' },
    fields,
  );
  return [...main, ...perPeriodKey(rows, 'k_age', 'age_band', fields)];
}

export async function fairFigures(sql: Sql, w: WeekWindow[], region: string | null): Promise<KeyedCounts[]> {
  const inAny = w.map((x) => `(f.starts_at >= ${ts(x.start)} and f.starts_at < ${ts(x.end)})`).join(' or ');
  const q = `
with f as (
  select f.id, f.kind::text as k_kind, coalesce(f.attendance, 0)::bigint as att,
    ${[0, 1, 2].map((p) => `(f.starts_at >= ${ts(w[p]!.start)} and f.starts_at < ${ts(w[p]!.end)}) as w${p}`).join(', ')}
  from fairs f where f.status <> 'cancelled' and (${inAny}) ${inRegion('f.district_code', region)}
), b as (
  select fair_id, count(distinct employer_id) as emp, coalesce(sum(intentions_reached), 0)::bigint as intent
  from fair_booths where fair_id in (select id from f) group by fair_id
), vv as (
  select v.fair_id, count(*) as nv, coalesce(sum(v.headcount), 0)::bigint as pos
  from vacancies v where v.fair_id in (select id from f) and v.published_at is not null and v.status in ${PUBLISHED_STATUSES}
  group by v.fair_id
)
select coalesce(k_kind, 'all') as k_kind,
  ${sums((p) => [
    ['fairs', `count(*) filter (where w${p})`],
    ['employers', `coalesce(sum(b.emp) filter (where w${p}), 0)`],
    ['vacancies', `coalesce(sum(vv.nv) filter (where w${p}), 0)`],
    ['positions', `coalesce(sum(vv.pos) filter (where w${p}), 0)`],
    ['attendance', `coalesce(sum(f.att) filter (where w${p}), 0)`],
    ['intentions', `coalesce(sum(b.intent) filter (where w${p}), 0)`],
  ])}
from f left join b on b.fair_id = f.id left join vv on vv.fair_id = f.id
group by grouping sets ((), (k_kind))`;
  const rows = (await sql.unsafe(q, params(region))) as unknown as Row[];
  return ungroup(rows, { k_kind: 'fairs' }, ['fairs', 'employers', 'vacancies', 'positions', 'attendance', 'intentions']);
}

export async function referralFigures(sql: Sql, w: WeekWindow[], region: string | null): Promise<KeyedCounts[]> {
  const inAny = w
    .map((x) => `(r.created_at >= ${ts(x.start)} and r.created_at < ${ts(x.end)}) or (r.outcome_at >= ${ts(x.start)} and r.outcome_at < ${ts(x.end)})`)
    .join(' or ');
  const q = `
with f as (
  select r.outcome::text as k_outcome,
    ${[0, 1, 2].map((p) => `(r.created_at >= ${ts(w[p]!.start)} and r.created_at < ${ts(w[p]!.end)}) as c${p}, (r.outcome <> 'pending' and r.outcome_at >= ${ts(w[p]!.start)} and r.outcome_at < ${ts(w[p]!.end)}) as o${p}`).join(',\n    ')}
  from referrals r join vacancies v on v.id = r.vacancy_id
  where (${inAny}) ${inRegion('v.district_code', region)}
)
select coalesce(k_outcome, 'created') as k_outcome,
  ${sums((p) => [
    ['made', `count(*) filter (where c${p})`],
    ['recorded', `count(*) filter (where o${p})`],
  ])}
from f group by grouping sets ((), (k_outcome))`;
  const rows = (await sql.unsafe(q, params(region))) as unknown as Row[];
  return ungroup(rows, { k_outcome: 'referrals' }, ['made', 'recorded']);
}

export interface TrendPoint {
  isoYear: number;
  isoWeek: number;
  activeDemand: number;
  activeSupply: number;
}

/** Active demand for each of the given weeks (one pass); supply comes from sd_supply. */
export async function activeTrend(sql: Sql, weeks: WeekWindow[], region: string | null): Promise<TrendPoint[]> {
  const minStart = new Date(Math.min(...weeks.map((x) => x.start.getTime())));
  const maxEnd = new Date(Math.max(...weeks.map((x) => x.end.getTime())));
  const cols = weeks.map((x, i) => `coalesce(sum(h) filter (where p < ${ts(x.end)} and (u is null or u > ${ts(x.start)})), 0) as t${i}`).join(', ');
  const [d] = (await sql.unsafe(
    `with v as (select v.headcount::bigint as h, v.published_at as p, ${VACANCY_END} as u from vacancies v
       where v.published_at is not null and v.status in ${PUBLISHED_STATUSES} and v.published_at < ${ts(maxEnd)} ${inRegion('v.district_code', region)})
     select ${cols} from v where u is null or u > ${ts(minStart)}`,
    params(region),
  )) as unknown as Row[];
  const supply = await supplyTrend(sql, weeks);
  return weeks.map((x, i) => ({ isoYear: x.isoYear, isoWeek: x.isoWeek, activeDemand: num(d?.[`t${i}`]), activeSupply: supply[i]! }));
}

export interface LabelRow {
  code: string;
  labelZh: string | null;
  labelEn: string | null;
}

export async function iscoLabels(sql: Sql): Promise<Map<string, LabelRow>> {
  const rows = await sql<LabelRow[]>`select code, label_zh as "labelZh", label_en as "labelEn" from occupations where system = 'isco' and level in (1, 2, 4)`;
  return new Map(rows.map((r) => [r.code, r]));
}

export async function districtLabels(sql: Sql): Promise<Map<string, LabelRow>> {
  const rows = await sql<LabelRow[]>`select code, name_zh as "labelZh", name_en as "labelEn" from districts`;
  return new Map(rows.map((r) => [r.code, r]));
}

/** Districts a scheduled run fans out to: 6-digit GB/T 2260 county-level codes (a city's own code ends in 00). */
export async function reportDistricts(sql: Sql): Promise<string[]> {
  const rows = await sql<{ code: string }[]>`
    select code from districts where length(code) = 6 and right(code, 2) <> '00' order by code`;
  return rows.map((r) => r.code);
}

export async function districtExists(sql: Sql, code: string): Promise<boolean> {
  const rows = await sql`select 1 from districts where code = ${code} and parent_code is not null`;
  return rows.length > 0;
}
