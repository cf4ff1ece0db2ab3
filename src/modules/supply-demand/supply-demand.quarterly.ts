/**
 * The quarterly analysis in the MOHRSS format (部分城市公共就业服务机构市场供求状况分析) and
 * the monthly figure set of Japan's 一般職業紹介状況 (有効/新規求人倍率, 就職率, 充足率).
 *
 * Counts are "valid" counts: 上期结转 (still open / still registered when the period began) plus
 * 本期新增 (published / registered during it). Every figure is computed here from the records of
 * one snapshot, with no stored intermediate, so a test can recompute it (invariant 4).
 */
import type postgres from 'postgres';
import { INDUSTRY_LABELS } from '../employers/index.js';
import { EDUCATION_LABELS, EDUCATION_ORDER, SEX_LABELS, type Label, type Lang } from './supply-demand.labels.js';

type Sql = postgres.Sql | postgres.TransactionSql;

export interface Period {
  key: string;
  start: Date;
  end: Date;
}

const shanghai = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1, -8));
export function quarterPeriod(year: number, quarter: number): Period {
  return { key: `${year}Q${quarter}`, start: shanghai(year, quarter * 3 - 2), end: shanghai(quarter === 4 ? year + 1 : year, quarter === 4 ? 1 : quarter * 3 + 1) };
}
export function monthPeriod(year: number, month: number): Period {
  return { key: `${year}-${String(month).padStart(2, '0')}`, start: shanghai(year, month), end: shanghai(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1) };
}
export const WARM_UP_MS = 91 * 86_400_000;
export const previousQuarter = (y: number, q: number) => (q === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: q - 1 });

// ── the records of a period ────────────────────────────────────────────────────────────────

export interface VacancyRec {
  positions: number;
  carried: boolean;
  cn: string | null;
  industry: string;
  ownership: string | null;
  district: string | null;
  education: string;
  grade: string | null;
  sexRequired: boolean;
  ageRequired: boolean;
}
export interface SeekerRec {
  carried: boolean;
  cn: string | null;
  sex: string;
  age: number;
  education: string;
  grade: string | null;
  category: string | null;
  district: string | null;
}

/** When a vacancy stops being open: the same rule as the weekly report. */
const VACANCY_END = `coalesce(least(v.closed_at, v.expires_at), case when v.status in ('closed','filled','expired') then v.updated_at end)`;
/** When a registration stops being in force: placed at the latest contract start, inactive at the last update. */
const SEEKER_END = `case s.status when 'active' then null
  when 'placed' then coalesce(pl.last_start::timestamp at time zone 'Asia/Shanghai', s.updated_at)
  else s.updated_at end`;

export async function vacanciesOf(sql: Sql, p: Period): Promise<VacancyRec[]> {
  const rows = await sql.unsafe(
    `select v.headcount, v.published_at < $1::timestamptz as carried,
       case when v.occupation_system = 'cn2022' then v.occupation_code end as cn,
       e.industry, e.ownership, v.district_code, v.education_min::text as education, v.skill_grade_required as grade,
       (v.screening_findings @> '[{"category":"sex"}]'::jsonb or v.justifications @> '[{"category":"sex"}]'::jsonb) as sex_req,
       (v.screening_findings @> '[{"category":"age"}]'::jsonb or v.justifications @> '[{"category":"age"}]'::jsonb) as age_req
     from vacancies v join employers e on e.id = v.employer_id
     where v.status in ('published','closed','filled','expired') and v.published_at is not null
       and v.published_at < $2::timestamptz and (${VACANCY_END} is null or ${VACANCY_END} > $1::timestamptz)`,
    [p.start.toISOString(), p.end.toISOString()],
  );
  return rows.map((r) => ({
    positions: r.headcount, carried: r.carried, cn: r.cn, industry: r.industry, ownership: r.ownership, district: r.district_code?.slice(0, 6) ?? null,
    education: r.education, grade: r.grade, sexRequired: r.sex_req, ageRequired: r.age_req,
  }));
}

export async function seekersOf(sql: Sql, p: Period): Promise<SeekerRec[]> {
  const rows = await sql.unsafe(
    `select s.registered_at < $1::timestamptz as carried,
       (select o->>'code' from jsonb_array_elements(s.desired_occupations) o where o->>'system' = 'cn2022' limit 1) as cn,
       s.sex::text as sex, extract(year from age(($2::timestamptz - interval '1 second') at time zone 'Asia/Shanghai', s.birth_date))::int as age,
       s.education::text as education, s.skill_grade as grade, s.seeker_category as category, s.district_code
     from seekers s left join (select seeker_id, max(contract_start) as last_start from placements group by 1) pl on pl.seeker_id = s.id
     where s.registered_at < $2::timestamptz and (${SEEKER_END} is null or ${SEEKER_END} > $1::timestamptz)`,
    [p.start.toISOString(), p.end.toISOString()],
  );
  return rows.map((r) => ({ carried: r.carried, cn: r.cn, sex: r.sex, age: r.age, education: r.education, grade: r.grade, category: r.category, district: r.district_code?.slice(0, 6) ?? null }));
}

export async function placementsOf(sql: Sql, p: Period): Promise<number> {
  const [r] = await sql`select count(*)::int as n from placements where contract_start >= (${p.start.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date and contract_start < (${p.end.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date`;
  return r!.n as number;
}

// ── figures ─────────────────────────────────────────────────────────────────────────────────

const r2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
const r1 = (x: number) => Math.round((x + Number.EPSILON) * 10) / 10;
export const ratio = (d: number, s: number) => (s > 0 ? r2(d / s) : null);
export const pct = (a: number, b: number) => (b > 0 ? r1((a / b) * 100) : null);

export interface Headline {
  demand: number;
  demandCarried: number;
  demandNew: number;
  supply: number;
  supplyCarried: number;
  supplyNew: number;
  ratio: number | null;
}
export function headlineOf(v: VacancyRec[], s: SeekerRec[]): Headline {
  const demandCarried = v.filter((x) => x.carried).reduce((a, x) => a + x.positions, 0);
  const demandNew = v.filter((x) => !x.carried).reduce((a, x) => a + x.positions, 0);
  const supplyCarried = s.filter((x) => x.carried).length;
  const supplyNew = s.length - supplyCarried;
  return { demand: demandCarried + demandNew, demandCarried, demandNew, supply: s.length, supplyCarried, supplyNew, ratio: ratio(demandCarried + demandNew, s.length) };
}

export interface BreakdownRow {
  key: string;
  label: Label;
  demand: number | null;
  supply: number | null;
  demandShare: number | null;
  supplyShare: number | null;
  /** Change of the share against the previous quarter, percentage points. */
  demandSharePp: number | null;
  supplySharePp: number | null;
  ratio: number | null;
}

function groupSum<T>(xs: T[], key: (x: T) => string | null, weight: (x: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) {
    const k = key(x) ?? 'unknown';
    m.set(k, (m.get(k) ?? 0) + weight(x));
  }
  return m;
}

/**
 * One breakdown table: demand (positions) and/or supply (people) per key, shares, the change of
 * the share against the previous period in percentage points, and the ratio where both sides
 * are counted and the key states a requirement ('none' / 'unknown' rows get no ratio).
 */
export function breakdown(
  keys: string[],
  labelOf: (k: string) => Label,
  cur: { d?: Map<string, number>; s?: Map<string, number> },
  prev: { d?: Map<string, number>; s?: Map<string, number> } | null,
  noRatio: string[] = ['unknown', 'none'],
): BreakdownRow[] {
  const total = (m?: Map<string, number>) => (m ? [...m.values()].reduce((a, b) => a + b, 0) : 0);
  const [dt, st, pdt, pst] = [total(cur.d), total(cur.s), total(prev?.d), total(prev?.s)];
  const present = new Set([...(cur.d?.keys() ?? []), ...(cur.s?.keys() ?? [])]);
  const all = [...keys.filter((k) => present.has(k) || k !== 'unknown'), ...[...present].filter((k) => !keys.includes(k)).sort()];
  return all.map((k) => {
    const d = cur.d ? cur.d.get(k) ?? 0 : null;
    const s = cur.s ? cur.s.get(k) ?? 0 : null;
    const ds = d === null ? null : pct(d, dt);
    const ss = s === null ? null : pct(s, st);
    const pds = prev?.d && pdt > 0 ? pct(prev.d.get(k) ?? 0, pdt) : null;
    const pss = prev?.s && pst > 0 ? pct(prev.s.get(k) ?? 0, pst) : null;
    return {
      key: k, label: labelOf(k), demand: d, supply: s, demandShare: ds, supplyShare: ss,
      demandSharePp: ds === null || pds === null ? null : r1(ds - pds),
      supplySharePp: ss === null || pss === null ? null : r1(ss - pss),
      ratio: d !== null && s !== null && !noRatio.includes(k) ? ratio(d, s) : null,
    };
  });
}

export const SECTOR_LABELS: Record<string, Label> = {
  primary: { zh: '第一产业', en: 'Primary sector' }, secondary: { zh: '第二产业', en: 'Secondary sector' }, tertiary: { zh: '第三产业', en: 'Tertiary sector' },
};
export const sectorOf = (industry: string) => (industry === 'A' ? 'primary' : 'BCDE'.includes(industry) ? 'secondary' : 'tertiary');

export const OWNERSHIP_LABELS: Record<string, Label> = {
  state_owned: { zh: '国有企业', en: 'State-owned enterprises' }, collective: { zh: '集体企业', en: 'Collective enterprises' },
  joint_stock: { zh: '股份有限公司', en: 'Joint-stock companies' }, limited_liability: { zh: '有限责任公司', en: 'Limited liability companies' },
  private: { zh: '私营企业', en: 'Private enterprises' }, hk_macao_taiwan: { zh: '港澳台商投资企业', en: 'Hong Kong, Macao and Taiwan-invested' },
  foreign: { zh: '外商投资企业', en: 'Foreign-invested enterprises' }, individual: { zh: '个体经营', en: 'Individual businesses' },
  public_institution: { zh: '事业单位', en: 'Public institutions' }, government: { zh: '机关', en: 'Government bodies' }, other: { zh: '其他', en: 'Other' },
  unknown: { zh: '未注明', en: 'Not stated' },
};

export const CATEGORY_LABELS: Record<string, Label> = {
  new_youth: { zh: '新成长失业青年', en: 'New young job seekers (first job)' },
  new_youth_graduate: { zh: '　其中：应届高校毕业生', en: '  of whom: new university graduates' },
  employed_to_unemployed: { zh: '就业转失业人员', en: 'Unemployed after a job' },
  other_unemployed: { zh: '其他失业人员', en: 'Other unemployed' },
  employed: { zh: '在业人员', en: 'Employed, seeking another job' },
  retired: { zh: '退休人员', en: 'Retired' },
  student: { zh: '在学人员', en: 'Students' },
  local_rural: { zh: '本市农村人员', en: 'Rural residents of the city' },
  nonlocal: { zh: '外埠人员', en: 'From outside the city' },
  unknown: { zh: '未注明', en: 'Not stated' },
};
const CATEGORY_ORDER = ['new_youth', 'new_youth_graduate', 'employed_to_unemployed', 'other_unemployed', 'employed', 'retired', 'student', 'local_rural', 'nonlocal'];

export const GRADE_LABELS: Record<string, Label> = {
  vq5: { zh: '职业资格五级（初级技能）', en: 'Vocational level 5 (elementary)' }, vq4: { zh: '职业资格四级（中级技能）', en: 'Vocational level 4 (intermediate)' },
  vq3: { zh: '职业资格三级（高级技能）', en: 'Vocational level 3 (advanced)' }, vq2: { zh: '职业资格二级（技师）', en: 'Vocational level 2 (technician)' },
  vq1: { zh: '职业资格一级（高级技师）', en: 'Vocational level 1 (senior technician)' }, technician: { zh: '初级专业技术职务（技术员）', en: 'Junior professional title (technician)' },
  engineer: { zh: '中级专业技术职务（工程师）', en: 'Intermediate professional title (engineer)' }, senior_engineer: { zh: '高级专业技术职务（高级工程师）', en: 'Senior professional title (senior engineer)' },
  none: { zh: '无技术等级或职称（需求：无要求）', en: 'No grade or title (demand: none required)' },
};
const GRADE_ORDER = ['vq5', 'vq4', 'vq3', 'vq2', 'vq1', 'technician', 'engineer', 'senior_engineer', 'none'];

export const AGE_GROUPS = ['16-24', '25-34', '35-44', '45+'];
const AGE_GROUP_LABELS: Record<string, Label> = {
  '16-24': { zh: '16–24 岁', en: '16–24' }, '25-34': { zh: '25–34 岁', en: '25–34' }, '35-44': { zh: '35–44 岁', en: '35–44' }, '45+': { zh: '45 岁及以上', en: '45 and over' },
  none: { zh: '需求：无年龄要求', en: 'Demand: no age requirement' }, stated: { zh: '需求：有年龄要求', en: 'Demand: an age requirement' },
};
export const ageGroup = (a: number) => (a <= 24 ? '16-24' : a <= 34 ? '25-34' : a <= 44 ? '35-44' : '45+');

export const CN_MAJOR_LABELS: Record<string, Label> = {
  '1': { zh: '单位负责人', en: 'Heads of organisations' }, '2': { zh: '专业技术人员', en: 'Professional and technical personnel' },
  '3': { zh: '办事人员和有关人员', en: 'Clerks and related personnel' }, '4': { zh: '社会生产服务和生活服务人员', en: 'Production and life service personnel' },
  '5': { zh: '农、林、牧、渔业生产及辅助人员', en: 'Agriculture, forestry, animal husbandry and fishery' }, '6': { zh: '生产制造及有关人员', en: 'Production and manufacturing personnel' },
  '7': { zh: '军队人员', en: 'Military personnel' }, '8': { zh: '不便分类的其他从业人员', en: 'Others not classified' }, unknown: { zh: '无职业要求/未注明', en: 'Not stated' },
};
/** 职业小类 of a 2022 code: the first three levels (e.g. 4-02-07-08 → 4-02-07). */
export const minorOf = (cn: string | null) => (cn && /^\d-\d{2}-\d{2}/.test(cn) ? cn.slice(0, 7) : null);

export interface RankRow {
  rank: number;
  code: string;
  name: Label;
  demand: number;
  supply: number;
  gap: number;
  ratio: number | null;
  /** District with the most demand for it (需求典型区域). */
  typicalDistrict: Label | null;
  /** Rank in the previous quarter's list: a number, or null when it was not listed ("新进"). */
  previousRank: number | null;
}

/** Minimum valid demand (shortage) or supply (surplus) for an occupation to be ranked. */
export const QUARTER_RANK_MIN = 20;

/**
 * Shortage: 职业小类 with demand ≥ QUARTER_RANK_MIN and more positions than seekers, by gap
 * (positions − seekers), largest first; surplus: supply ≥ QUARTER_RANK_MIN and more seekers than
 * positions, by the reverse gap. Ties: higher ratio (shortage) / lower ratio (surplus), then code.
 */
export function rankMinor(v: VacancyRec[], s: SeekerRec[], names: Map<string, string>, districtName: (c: string) => Label): { shortage: Omit<RankRow, 'previousRank'>[]; surplus: Omit<RankRow, 'previousRank'>[] } {
  const d = groupSum(v, (x) => minorOf(x.cn), (x) => x.positions);
  const sp = groupSum(s, (x) => minorOf(x.cn), () => 1);
  const byDistrict = new Map<string, Map<string, number>>();
  for (const x of v) {
    const m = minorOf(x.cn);
    if (!m || !x.district) continue;
    const dm = byDistrict.get(m) ?? new Map<string, number>();
    dm.set(x.district, (dm.get(x.district) ?? 0) + x.positions);
    byDistrict.set(m, dm);
  }
  const codes = [...new Set([...d.keys(), ...sp.keys()])].filter((k) => k !== 'unknown');
  const rows = codes.map((code) => {
    const demand = d.get(code) ?? 0;
    const supply = sp.get(code) ?? 0;
    const top = [...(byDistrict.get(code)?.entries() ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return { code, name: { zh: names.get(code) ?? code, en: names.get(code) ?? code }, demand, supply, gap: demand - supply, ratio: ratio(demand, supply), typicalDistrict: top ? districtName(top[0]) : null };
  });
  const shortage = rows
    .filter((x) => x.demand >= QUARTER_RANK_MIN && x.gap > 0)
    .sort((a, b) => b.gap - a.gap || (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || a.code.localeCompare(b.code))
    .slice(0, 10)
    .map((x, i) => ({ rank: i + 1, ...x }));
  const surplus = rows
    .filter((x) => x.supply >= QUARTER_RANK_MIN && x.gap < 0)
    .sort((a, b) => a.gap - b.gap || (a.ratio ?? 0) - (b.ratio ?? 0) || a.code.localeCompare(b.code))
    .slice(0, 10)
    .map((x, i) => ({ rank: i + 1, ...x }));
  return { shortage, surplus };
}

export interface MonthFigures {
  key: string;
  /** 有効求人数 / 有効求職者数 (carried + new) and 新規 (new only). */
  activeDemand: number;
  activeSupply: number;
  newDemand: number;
  newSupply: number;
  placements: number;
  activeRatio: number | null;
  newRatio: number | null;
  /** 就職率 = placements ÷ new job seekers × 100. */
  placementRate: number | null;
  /** 充足率 = placements ÷ new positions × 100. */
  fillRate: number | null;
}

export function monthFigures(key: string, v: VacancyRec[], s: SeekerRec[], placements: number): MonthFigures {
  const h = headlineOf(v, s);
  return {
    key, activeDemand: h.demand, activeSupply: h.supply, newDemand: h.demandNew, newSupply: h.supplyNew, placements,
    activeRatio: h.ratio, newRatio: ratio(h.demandNew, h.supplyNew), placementRate: pct(placements, h.supplyNew), fillRate: pct(placements, h.demandNew),
  };
}

export interface QuarterReport {
  year: number;
  quarter: number;
  period: { start: string; end: string };
  compiledAt: string;
  headline: Headline & { placements: number };
  previous: (Headline & { placements: number }) | null;
  yearAgo: (Headline & { placements: number }) | null;
  change: { ratioQoQ: number | null; ratioYoY: number | null; demandQoQPct: number | null; demandYoYPct: number | null; supplyQoQPct: number | null; supplyYoYPct: number | null };
  tables: Record<QuarterTable, BreakdownRow[]>;
  sexNoRequirementShare: number | null;
  shortage: RankRow[];
  surplus: RankRow[];
  months: MonthFigures[];
}

export const QUARTER_TABLES = ['sector', 'industry', 'ownership', 'occupation_major', 'category', 'sex', 'age', 'education', 'skill_grade', 'district'] as const;
export type QuarterTable = (typeof QUARTER_TABLES)[number];

export interface Lookups {
  cnNames: Map<string, string>;
  districts: Map<string, Label>;
  /** The first record's time: a comparison period before it has no data ("—"). */
  firstRecord: Date | null;
}

export async function lookups(sql: Sql): Promise<Lookups> {
  const cn = await sql`select code, label_zh from occupations where system = 'cn2022'`;
  const ds = await sql`select code, name_zh, name_en from districts`;
  const [first] = await sql`select least((select min(published_at) from vacancies where published_at is not null), (select min(registered_at) from seekers)) as t`;
  return {
    cnNames: new Map(cn.map((r) => [r.code as string, r.label_zh as string])),
    districts: new Map(ds.map((r) => [r.code as string, { zh: r.name_zh as string, en: (r.name_en as string) ?? (r.name_zh as string) }])),
    firstRecord: first?.t ? new Date(first.t as string) : null,
  };
}

/** All the breakdown tables of one quarter against the previous one. */
export function tablesOf(v: VacancyRec[], s: SeekerRec[], pv: VacancyRec[] | null, ps: SeekerRec[] | null, lk: Lookups): { tables: Record<QuarterTable, BreakdownRow[]>; sexNoRequirementShare: number | null } {
  const pos = (x: VacancyRec) => x.positions;
  const one = () => 1;
  const both = <K extends string>(fd: (x: VacancyRec) => K | null, fs: (x: SeekerRec) => K | null) => ({
    cur: { d: groupSum(v, fd, pos), s: groupSum(s, fs, one) },
    prev: pv && ps ? { d: groupSum(pv, fd, pos), s: groupSum(ps, fs, one) } : null,
  });
  const demandOnly = (fd: (x: VacancyRec) => string | null) => ({ cur: { d: groupSum(v, fd, pos) }, prev: pv ? { d: groupSum(pv, fd, pos) } : null });
  const supplyOnly = (fs: (x: SeekerRec) => string | null) => ({ cur: { s: groupSum(s, fs, one) }, prev: ps ? { s: groupSum(ps, fs, one) } : null });
  const L = (labels: Record<string, Label>) => (k: string) => labels[k] ?? { zh: k, en: k };

  const sector = demandOnly((x) => sectorOf(x.industry));
  const industry = demandOnly((x) => x.industry);
  const ownership = demandOnly((x) => x.ownership);
  const major = both((x) => (x.cn ? x.cn[0]! : null), (x) => (x.cn ? x.cn[0]! : null));
  // 新成长失业青年 is the sum of its two parts; the graduates row repeats one of them ("其中").
  const cat = supplyOnly((x) => x.category);
  const withYouth = (m?: Map<string, number>) => {
    if (!m) return m;
    const out = new Map(m);
    out.set('new_youth', (m.get('new_youth_graduate') ?? 0) + (m.get('new_youth_other') ?? 0));
    out.delete('new_youth_other');
    return out;
  };
  const catRows = breakdown(CATEGORY_ORDER, L(CATEGORY_LABELS), { s: withYouth(cat.cur.s) }, cat.prev ? { s: withYouth(cat.prev.s) } : null);
  // Shares of the youth sub-row are of all seekers, like every other row; the table total excludes it.
  const catTotal = s.length;
  for (const r of catRows) r.supplyShare = r.supply === null ? null : pct(r.supply, catTotal);
  const sex = both(() => 'none', (x) => x.sex);
  const sexRows = breakdown(['male', 'female'], L(SEX_LABELS), { s: sex.cur.s }, sex.prev ? { s: sex.prev.s } : null);
  const sexStated = v.filter((x) => x.sexRequired).reduce((a, x) => a + x.positions, 0);
  const allPositions = v.reduce((a, x) => a + x.positions, 0);
  const ageD = demandOnly((x) => (x.ageRequired ? 'stated' : 'none'));
  const ageS = supplyOnly((x) => ageGroup(x.age));
  const ageRows = [
    ...breakdown(AGE_GROUPS, L(AGE_GROUP_LABELS), { s: ageS.cur.s }, ageS.prev ? { s: ageS.prev.s } : null),
    ...breakdown(['none', 'stated'], L(AGE_GROUP_LABELS), { d: ageD.cur.d }, ageD.prev ? { d: ageD.prev.d } : null).filter((r) => r.key === 'none' || (r.demand ?? 0) > 0),
  ];
  const edu = both((x) => x.education, (x) => x.education);
  const grade = both((x) => x.grade ?? 'none', (x) => x.grade ?? 'none');
  const district = both((x) => x.district, (x) => x.district);
  return {
    tables: {
      sector: breakdown(['primary', 'secondary', 'tertiary'], L(SECTOR_LABELS), sector.cur, sector.prev),
      industry: breakdown(Object.keys(INDUSTRY_LABELS), L(INDUSTRY_LABELS), industry.cur, industry.prev).filter((r) => (r.demand ?? 0) > 0),
      ownership: breakdown(Object.keys(OWNERSHIP_LABELS), L(OWNERSHIP_LABELS), ownership.cur, ownership.prev).filter((r) => (r.demand ?? 0) > 0),
      occupation_major: breakdown(['1', '2', '3', '4', '5', '6', '7', '8', 'unknown'], L(CN_MAJOR_LABELS), major.cur, major.prev).filter((r) => (r.demand ?? 0) + (r.supply ?? 0) > 0),
      category: catRows,
      sex: sexRows,
      age: ageRows,
      education: breakdown(EDUCATION_ORDER, L({ ...EDUCATION_LABELS, none: { zh: '不限（需求）/ 无学历（供给）', en: 'None required (demand) / none (supply)' } }), edu.cur, edu.prev).filter((r) => (r.demand ?? 0) + (r.supply ?? 0) > 0),
      skill_grade: breakdown(GRADE_ORDER, L(GRADE_LABELS), grade.cur, grade.prev),
      district: breakdown([...lk.districts.keys()].filter((k) => k.length === 6 && k !== '440100').sort(), (k) => lk.districts.get(k) ?? { zh: k, en: k }, district.cur, district.prev).filter((r) => (r.demand ?? 0) + (r.supply ?? 0) > 0),
    },
    sexNoRequirementShare: pct(allPositions - sexStated, allPositions),
  };
}

/** Compiles the quarter from the records, in one repeatable-read snapshot. */
export async function compileQuarter(sql: postgres.Sql, year: number, quarter: number, now = new Date()): Promise<QuarterReport> {
  const cur = quarterPeriod(year, quarter);
  if (cur.end.getTime() > now.getTime()) throw new RangeError(`quarter ${year}Q${quarter} has not ended yet`);
  const pq = previousQuarter(year, quarter);
  const prev = quarterPeriod(pq.year, pq.quarter);
  const ago = quarterPeriod(year - 1, quarter);
  return (await sql.begin('isolation level repeatable read read only', async (tx) => {
    const lk = await lookups(tx);
    // A period is comparable only when the records reach a quarter (91 days) before it: its
    // carried-over counts need the vacancies and registrations that were already open then.
    const has = (p: Period) => lk.firstRecord !== null && lk.firstRecord.getTime() <= p.start.getTime() - WARM_UP_MS;
    const [v, s, pl] = [await vacanciesOf(tx, cur), await seekersOf(tx, cur), await placementsOf(tx, cur)];
    const prevData = has(prev) ? { v: await vacanciesOf(tx, prev), s: await seekersOf(tx, prev), pl: await placementsOf(tx, prev) } : null;
    const agoData = has(ago) ? { v: await vacanciesOf(tx, ago), s: await seekersOf(tx, ago), pl: await placementsOf(tx, ago) } : null;
    const head = { ...headlineOf(v, s), placements: pl };
    const ph = prevData ? { ...headlineOf(prevData.v, prevData.s), placements: prevData.pl } : null;
    const ah = agoData ? { ...headlineOf(agoData.v, agoData.s), placements: agoData.pl } : null;
    const chg = (a: number | null, b: number | null | undefined) => (a === null || b === null || b === undefined ? null : r2(a - b));
    const growth = (a: number, b: number | undefined) => (b === undefined || b === 0 ? null : r1(((a - b) / b) * 100));
    const { tables, sexNoRequirementShare } = tablesOf(v, s, prevData?.v ?? null, prevData?.s ?? null, lk);
    const names = new Map([...lk.cnNames].filter(([k]) => k.length === 7));
    const districtName = (c: string) => lk.districts.get(c) ?? { zh: c, en: c };
    const ranks = rankMinor(v, s, names, districtName);
    const prevRanks = prevData ? rankMinor(prevData.v, prevData.s, names, districtName) : null;
    const withPrev = (list: Omit<RankRow, 'previousRank'>[], before: Omit<RankRow, 'previousRank'>[] | undefined): RankRow[] =>
      list.map((x) => ({ ...x, previousRank: before?.find((b) => b.code === x.code)?.rank ?? null }));
    const months: MonthFigures[] = [];
    for (let k = 11; k >= 0; k--) {
      const idx = year * 12 + quarter * 3 - 1 - k;
      const mp = monthPeriod(Math.floor(idx / 12), (idx % 12) + 1);
      if (!has(mp)) continue;
      months.push(monthFigures(mp.key, await vacanciesOf(tx, mp), await seekersOf(tx, mp), await placementsOf(tx, mp)));
    }
    return {
      year, quarter,
      period: { start: cur.start.toISOString(), end: cur.end.toISOString() },
      compiledAt: new Date().toISOString(),
      headline: head, previous: ph, yearAgo: ah,
      change: {
        ratioQoQ: chg(head.ratio, ph?.ratio), ratioYoY: chg(head.ratio, ah?.ratio),
        demandQoQPct: growth(head.demand, ph?.demand), demandYoYPct: growth(head.demand, ah?.demand),
        supplyQoQPct: growth(head.supply, ph?.supply), supplyYoYPct: growth(head.supply, ah?.supply),
      },
      tables, sexNoRequirementShare,
      shortage: withPrev(ranks.shortage, prevRanks?.shortage),
      surplus: withPrev(ranks.surplus, prevRanks?.surplus),
      months,
    } satisfies QuarterReport;
  })) as QuarterReport;
}

export const QUARTER_TABLE_TITLES: Record<QuarterTable, Label> = {
  sector: { zh: '按产业分组的需求', en: 'Demand by sector' },
  industry: { zh: '按行业分组的需求（GB/T 4754-2017 门类）', en: 'Demand by industry (GB/T 4754-2017 section)' },
  ownership: { zh: '按用人单位性质分组的需求', en: 'Demand by type of employer' },
  occupation_major: { zh: '按职业大类分组的供求（2022 年版职业分类大典）', en: 'Supply and demand by major group (2022 classification)' },
  category: { zh: '按求职人员类别分组的求职', en: 'Job seekers by category' },
  sex: { zh: '按性别分组的求职', en: 'Job seekers by sex' },
  age: { zh: '按年龄分组的求职及需求的年龄要求', en: 'Job seekers by age, and age requirements of demand' },
  education: { zh: '按文化程度分组的供求', en: 'Supply and demand by education' },
  skill_grade: { zh: '按技术等级（职业资格、专业技术职务）分组的供求', en: 'Supply and demand by skill grade and professional title' },
  district: { zh: '按区域分组的供求', en: 'Supply and demand by district' },
};

export type { Lang };
