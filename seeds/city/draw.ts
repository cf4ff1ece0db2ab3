/**
 * The generated city's draws: employers, vacancies and job seekers as plain records. Both the
 * demo seed (seeds/demo, through the vacancy rules) and the benchmark generator
 * (scripts/bench/generate.ts, COPY at any scale) call these, so the demo and the benchmarks
 * describe the same city. Deterministic for a given PRNG and `now`.
 */
import { prng } from '../../src/lib/prng.js';
import {
  CATALOGUE,
  EDU_ORDER,
  INDUSTRY_STYLE,
  TRADE_NAMES,
  eduRank,
  type CatalogueOccupation,
  type Edu,
  type Ownership,
  type SeekerCategory,
  type SkillGrade,
} from './catalogue.js';

export type Rng = ReturnType<typeof prng>;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;

/**
 * Guangzhou's districts: GB/T 2260 code, names, the district government seat, and a radius (in
 * degrees) inside which a point stays within the district. Radii are the distance from the seat
 * to the nearest district boundary, read off the district maps and rounded down: small central
 * districts (越秀 is ~34 km²) get ~1 km, the large outer ones several km.
 */
export const CITY_DISTRICTS = [
  { code: '440103', zh: '荔湾区', en: 'Liwan', lat: 23.1259, lon: 113.2442, r: 0.012, street: ['中山七路', '芳村大道', '花地大道', '龙溪大道'] },
  { code: '440104', zh: '越秀区', en: 'Yuexiu', lat: 23.129, lon: 113.2668, r: 0.01, street: ['环市东路', '东风中路', '北京路', '中山五路'] },
  { code: '440105', zh: '海珠区', en: 'Haizhu', lat: 23.0838, lon: 113.3172, r: 0.014, street: ['江南大道', '新港中路', '工业大道', '南洲路'] },
  { code: '440106', zh: '天河区', en: 'Tianhe', lat: 23.1247, lon: 113.3612, r: 0.02, street: ['天河路', '黄埔大道西', '中山大道', '天河北路'] },
  { code: '440111', zh: '白云区', en: 'Baiyun', lat: 23.1575, lon: 113.273, r: 0.02, street: ['白云大道北', '机场路', '广园中路', '石井大道'] },
  { code: '440112', zh: '黄埔区', en: 'Huangpu', lat: 23.1816, lon: 113.4807, r: 0.03, street: ['开创大道', '科学大道', '开发大道', '港前路'] },
  { code: '440113', zh: '番禺区', en: 'Panyu', lat: 22.9375, lon: 113.384, r: 0.035, street: ['市桥街光明北路', '番禺大道', '迎宾路', '兴南大道'] },
  { code: '440114', zh: '花都区', en: 'Huadu', lat: 23.404, lon: 113.2203, r: 0.04, street: ['新华街公益路', '风神大道', '迎宾大道', '花山镇龙口路'] },
  { code: '440115', zh: '南沙区', en: 'Nansha', lat: 22.8016, lon: 113.5253, r: 0.035, street: ['进港大道', '环市大道', '黄阁大道', '金岭北路'] },
  { code: '440117', zh: '从化区', en: 'Conghua', lat: 23.5486, lon: 113.5866, r: 0.04, street: ['河滨北路', '街口街新城路', '太平镇广从路', '温泉镇温泉大道'] },
  { code: '440118', zh: '增城区', en: 'Zengcheng', lat: 23.2613, lon: 113.8107, r: 0.04, street: ['荔城街府佑路', '新塘镇港口大道', '增城大道', '永宁街香山大道'] },
] as const;
export type CityDistrict = (typeof CITY_DISTRICTS)[number];

/** Where each industry's employers sit: manufacturing in the outer districts, offices in the centre. */
const DISTRICT_BIAS: Record<string, string[]> = {
  A: ['440117', '440118', '440114', '440113'],
  C: ['440112', '440114', '440115', '440113', '440118', '440111'],
  E: ['440111', '440112', '440113', '440118'],
  G: ['440111', '440114', '440112', '440113'],
  I: ['440106', '440112', '440105'],
  J: ['440106', '440104'],
  D: ['440104', '440106', '440112'],
};

/** A point inside the district (uniform in its safe disc). */
export function pointIn(r: Rng, d: CityDistrict): { lat: number; lon: number } {
  const rho = d.r * Math.sqrt(r.next());
  const th = r.next() * 2 * Math.PI;
  return { lat: Math.round((d.lat + rho * Math.sin(th)) * 1e6) / 1e6, lon: Math.round((d.lon + (rho * Math.cos(th)) / Math.cos((d.lat * Math.PI) / 180)) * 1e6) / 1e6 };
}

// ── seasons ─────────────────────────────────────────────────────────────────────────────────

/** 春节 (Spring Festival, first day of the lunar year), 2023–2028. */
const SPRING_FESTIVAL = ['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26'].map((d) => new Date(`${d}T00:00:00+08:00`).getTime());
/** Calendar-month demand factors outside the festival effects (Jan…Dec). */
const MONTH_FACTOR = [0.95, 1, 1.2, 1.1, 1, 1.05, 1.05, 0.95, 1.05, 0.9, 0.95, 0.85];

/** Days since the nearest Spring Festival (negative before it). */
function festivalOffset(t: number): number {
  let best = Infinity;
  for (const s of SPRING_FESTIVAL) if (Math.abs(t - s) < Math.abs(best)) best = t - s;
  return best / DAY;
}
const shanghaiMonth = (t: number) => new Date(t + 8 * 3600_000).getUTCMonth();

/**
 * Relative vacancy postings on a day: the holiday lull around 春节, the 春风行动 peak in the six
 * weeks after it, graduate recruitment in June and July for professional and office jobs.
 */
export function demandSeason(t: number, occ?: CatalogueOccupation): number {
  const off = festivalOffset(t);
  let f = MONTH_FACTOR[shanghaiMonth(t)]!;
  if (off >= -12 && off < 8) f *= 0.35;
  else if (off >= 8 && off < 50) f *= 1.8;
  const m = shanghaiMonth(t);
  if (occ && (m === 5 || m === 6) && (occ.cn[0] === '2' || occ.cn[0] === '3')) f *= 1.5;
  return f;
}
/** Relative registrations: migrants return after 春节, graduates register in June and July. */
export function supplySeason(t: number, graduate = false): number {
  const off = festivalOffset(t);
  const m = shanghaiMonth(t);
  if (graduate) return m === 5 || m === 6 ? 4 : m === 7 ? 2 : 0.5;
  let f = 1;
  if (off >= -12 && off < 8) f *= 0.4;
  else if (off >= 8 && off < 50) f *= 1.7;
  return f;
}
/** A time in [from, to) drawn in proportion to `weight` (rejection sampling). */
export function drawTime(r: Rng, from: number, to: number, weight: (t: number) => number, max = 2.7): number {
  for (let i = 0; i < 50; i++) {
    const t = from + r.next() * (to - from);
    if (r.next() * max < weight(t)) return t;
  }
  return from + r.next() * (to - from);
}

// ── employers ───────────────────────────────────────────────────────────────────────────────

export interface DrawnEmployer {
  name: string;
  industry: string;
  ownership: Ownership;
  sizeBand: 'micro' | 'small' | 'medium' | 'large';
  district: CityDistrict;
  address: string;
  /** A public switchboard number (an organisation's, not a person's). */
  phone: string;
}

/** Each industry's share of demand, from the catalogue. */
export function industryWeights(): [string, number][] {
  const w = new Map<string, number>();
  for (const c of CATALOGUE) for (const i of c.ind) w.set(i, (w.get(i) ?? 0) + c.w / c.ind.length);
  return [...w.entries()].sort((a, b) => a[0].localeCompare(b[0]));
}

export function drawEmployers(r: Rng, n: number): DrawnEmployer[] {
  const weights = industryWeights();
  const out: DrawnEmployer[] = [];
  const used = new Set<string>();
  // Every industry gets at least three employers, so no occupation depends on a single one.
  const industries: string[] = weights.flatMap(([i]) => [i, i, i]);
  while (industries.length < n) industries.push(r.weighted(weights));
  for (let k = 0; k < n; k++) {
    const industry = industries[k % industries.length]!;
    const style = INDUSTRY_STYLE[industry]!;
    const bias = DISTRICT_BIAS[industry];
    const biased = bias && r.chance(0.75) ? r.pick(bias) : null;
    const district = (biased && CITY_DISTRICTS.find((d) => d.code === biased)) || r.pick(CITY_DISTRICTS);
    const ownership = r.weighted(style.ownership);
    let name = '';
    for (let tries = 0; tries < 20 && (!name || used.has(name)); tries++) {
      const trade = r.pick(TRADE_NAMES);
      const word = r.pick(style.words);
      name =
        ownership === 'government' ? `广州市${district.zh}${r.pick(['石牌', '五山', '棠下', '京溪', '市桥', '新塘', '狮岭', '黄阁', '江埔', '荔城', '南村', '钟落潭'])}${word}`
        : ownership === 'public_institution' ? `广州市${district.zh}${word.replace(/有限公司$/, '中心')}`
        : ownership === 'individual' ? `${district.zh.slice(0, 2)}${trade}${word.replace(/有限公司$/, '')}`
        : `广州${trade}${word}`;
    }
    if (used.has(name)) name = `${name.replace(/有限公司$/, '')}（${district.zh}${k}）${name.endsWith('有限公司') ? '有限公司' : ''}`;
    used.add(name);
    out.push({
      name,
      industry,
      ownership,
      sizeBand: r.weighted(style.size),
      district,
      address: `广州市${district.zh}${r.pick(district.street)}${r.int(1, 399)}号`,
      phone: `020-${r.int(3, 8)}${String(r.int(0, 9_999_999)).padStart(7, '0')}`,
    });
  }
  return out;
}

/** Employers able to hire each occupation (same industry); always at least three. */
export function employersByOccupation(employers: DrawnEmployer[]): Map<string, number[]> {
  const byIndustry = new Map<string, number[]>();
  employers.forEach((e, i) => byIndustry.set(e.industry, [...(byIndustry.get(e.industry) ?? []), i]));
  const out = new Map<string, number[]>();
  for (const c of CATALOGUE) {
    const list = c.ind.flatMap((i) => byIndustry.get(i) ?? []);
    out.set(c.cn, list.length ? list : employers.map((_, i) => i));
  }
  return out;
}

// ── vacancies ───────────────────────────────────────────────────────────────────────────────

export interface DrawnVacancy {
  occ: CatalogueOccupation;
  title: string;
  description: string;
  requirements: string;
  howToApply: string;
  skills: string[];
  headcount: number;
  wageMin: number;
  wageMax: number;
  educationMin: Edu;
  experienceMinYears: number;
  contractType: 'full_time' | 'part_time' | 'temporary';
  skillGradeRequired: SkillGrade | null;
  publicWelfare: boolean;
  lat: number;
  lon: number;
}

/** Occupations that public welfare posts (公益性岗位) are created for, and the employers that offer them. */
const WELFARE_OCCUPATIONS = new Set(['4-09-08-01', '4-07-05-01', '4-09-10-01', '3-01-04-02', '3-01-04-01', '4-10-01-05']);
const WELFARE_OWNERS = new Set<Ownership>(['public_institution', 'government', 'state_owned']);

export const OCCUPATION_WEIGHTS: [CatalogueOccupation, number][] = CATALOGUE.map((c) => [c, c.w]);
export const SUPPLY_WEIGHTS: [CatalogueOccupation, number][] = CATALOGUE.map((c) => [c, c.w * c.supply]);

const EDU_ZH: Record<Edu, string> = { none: '学历不限', primary: '小学', junior_secondary: '初中', senior_secondary: '高中', vocational: '中专/技校', associate: '大专', bachelor: '本科', master: '硕士', doctorate: '博士' };
export const GRADE_ZH: Record<SkillGrade, string> = {
  none: '无', vq5: '五级/初级工', vq4: '四级/中级工', vq3: '三级/高级工', vq2: '二级/技师', vq1: '一级/高级技师', technician: '技术员', engineer: '工程师', senior_engineer: '高级工程师',
};
const BENEFITS = ['五险一金', '包吃包住', '包工作餐', '提供宿舍', '年终奖', '带薪年假', '节日福利', '加班另计', '周末双休', '做六休一', '员工旅游', '免费体检'];

const round100 = (x: number) => Math.round(x / 100) * 100;

export function drawVacancy(r: Rng, occ: CatalogueOccupation, employer: DrawnEmployer, fairName?: string): DrawnVacancy {
  const welfare = WELFARE_OCCUPATIONS.has(occ.cn) && WELFARE_OWNERS.has(employer.ownership) && r.chance(0.6);
  const base = r.pick(occ.titles);
  // Employers differ: ±12 % around the occupation's range, large employers pay a little more.
  const k = (0.88 + r.next() * 0.24) * (employer.sizeBand === 'large' ? 1.05 : employer.sizeBand === 'micro' ? 0.95 : 1);
  let wageMin = round100(occ.lo * k);
  let wageMax = Math.max(wageMin + 500, round100(occ.hi * k));
  if (welfare) [wageMin, wageMax] = [Math.max(2700, round100(occ.lo * 0.85)), Math.max(3200, round100(occ.lo * 1.0))];
  const rank = eduRank(occ.edu);
  const educationMin = welfare ? 'none' : EDU_ORDER[Math.max(0, rank - r.weighted([[0, 45], [1, 40], [2, 15]]))]!;
  const skills = occ.skills.filter(() => r.chance(0.6)).slice(0, 4);
  if (!skills.length) skills.push(occ.skills[0]!);
  const ladderGrades: SkillGrade[] = occ.ladder === 'vq' ? ['vq5', 'vq4', 'vq3', 'vq2'] : occ.ladder === 'pro' ? ['technician', 'engineer', 'senior_engineer'] : [];
  const skillGradeRequired: SkillGrade | null = !welfare && ladderGrades.length && r.chance(0.3) ? r.weighted(ladderGrades.map((g, i): [SkillGrade, number] => [g, [50, 30, 15, 5][i]!])) : null;
  const headcount = welfare ? r.int(1, 5) : r.weighted<number>([[1, 25], [2, 20], [3, 15], [5, 15], [8, 10], [10, 8], [20, 5], [30, 2]]);
  const experienceMinYears = welfare ? 0 : r.weighted<number>([[0, 45], [1, 30], [2, 15], [3, 8], [5, 2]]);
  const benefits = [...new Set(Array.from({ length: r.int(2, 4) }, () => r.pick(BENEFITS)))];
  const where = employer.address;
  const p = pointIn(r, employer.district);
  const title = welfare ? `${base}（公益性岗位）` : base;
  const description = welfare
    ? `${employer.name}开发的公益性岗位，优先安置就业困难人员（“4050”人员、残疾人、零就业家庭成员、长期失业人员、低保家庭成员等），签订劳动合同，缴纳社会保险，享受岗位补贴。工作地点：${where}。`
    : `${employer.name}招聘${base}${headcount}名。主要工作：${occ.name}相关工作，${skills.join('、')}。待遇：月薪${wageMin}–${wageMax}元，${benefits.join('，')}。工作地点：${where}。`;
  const req = [
    educationMin === 'none' ? '学历不限' : `${EDU_ZH[educationMin]}及以上学历`,
    experienceMinYears ? `${experienceMinYears}年以上相关工作经验` : '无经验可培训',
    skillGradeRequired ? `持${occ.name}${GRADE_ZH[skillGradeRequired]}证书` : '',
    welfare ? '身体能胜任岗位工作，须为登记失业的就业困难人员（经认定后优先录用）' : '能吃苦耐劳，有责任心',
  ].filter(Boolean);
  const howToApply = welfare
    ? `请携带身份证、《就业创业证》到${employer.district.zh}公共就业服务中心窗口报名，或由工作人员推荐；咨询电话 ${employer.phone}（工作日 9:00–12:00、14:00–17:30）。`
    : r.weighted<string>([
        [`电话预约面试：${employer.phone}（工作日 9:00–18:00），面试地址：${where}。`, 35],
        [`请到${employer.district.zh}公共就业服务中心或街道就业服务站登记，由工作人员推荐面试；也可在本平台点击“申请”。`, 30],
        [`直接携带身份证到${where}现场面试（周一至周六 9:00–17:00），联系电话 ${employer.phone}。`, 20],
        [fairName ? `${fairName}现场投递简历，或电话 ${employer.phone} 预约。` : `在本平台点击“申请”投递简历，用人单位3个工作日内电话回复；咨询 ${employer.phone}。`, 15],
      ]);
  return {
    occ, title, description, requirements: req.join('；') + '。', howToApply, skills, headcount, wageMin, wageMax, educationMin,
    experienceMinYears, contractType: welfare ? 'full_time' : r.weighted([['full_time', 88], ['part_time', 5], ['temporary', 7]]), skillGradeRequired, publicWelfare: welfare, lat: p.lat, lon: p.lon,
  };
}

/**
 * How long a vacancy stays open: most close in 2–8 weeks (filled or withdrawn) or run to their
 * 30/60-day expiry. With postings spread evenly over time this keeps the open stock level, as in
 * a real PES, instead of piling up.
 */
export function drawVacancyLife(r: Rng, publishedAt: number): { expiresAt: number; closesAt: number | null; outcome: 'filled' | 'closed' | 'expired' } {
  const expiresAt = publishedAt + r.pick([30, 30, 45, 60]) * DAY;
  const outcome = r.weighted<'filled' | 'closed' | 'expired'>([['filled', 35], ['closed', 20], ['expired', 45]]);
  const closesAt = outcome === 'expired' ? null : publishedAt + Math.min(expiresAt - publishedAt - DAY, r.int(10, 50) * DAY);
  return { expiresAt, closesAt, outcome };
}

// ── job seekers ─────────────────────────────────────────────────────────────────────────────

export interface DrawnSeeker {
  occ: CatalogueOccupation;
  second: CatalogueOccupation | null;
  age: number;
  male: boolean;
  education: Edu;
  experienceYears: number;
  skills: string[];
  skillGrade: SkillGrade;
  desiredWageMin: number;
  category: SeekerCategory;
  hukou: 'urban_local' | 'urban_nonlocal' | 'rural_local' | 'rural_nonlocal';
  registrationKind: 'unemployment' | 'job_seeking';
  availability: 'immediate' | 'within_month' | 'later' | 'employed_looking';
  priorityGroups: string[];
  profileText: string;
  district: CityDistrict;
  lat: number;
  lon: number;
  /** Weeks the registration stays in force before it lapses (unless the person is placed). */
  registrationWeeks: number;
  unemployedDays: number;
}

/** Age range typical of the people who seek each kind of work. */
function ageFor(r: Rng, occ: CatalogueOccupation): number {
  const g = occ.cn[0];
  if (occ.cn.startsWith('6-29') || ['4-10-01-06', '4-09-08-01', '4-10-01-05', '4-14-01-02', '4-09-10-01'].includes(occ.cn)) return r.int(32, 58);
  if (g === '2') return r.weighted<number>([[r.int(21, 24), 35], [r.int(25, 34), 45], [r.int(35, 50), 20]]);
  if (g === '1') return r.int(30, 52);
  return r.weighted<number>([[r.int(18, 24), 25], [r.int(25, 34), 35], [r.int(35, 44), 25], [r.int(45, 58), 15]]);
}

/** Registration time is drawn by the caller (graduates in June/July); this fills in the person. */
export function drawSeeker(r: Rng, graduateSeason: boolean): DrawnSeeker {
  let occ = r.weighted(SUPPLY_WEIGHTS);
  // A graduate wants a job that asks for a degree.
  if (graduateSeason) occ = r.weighted(SUPPLY_WEIGHTS.filter(([c]) => eduRank(c.edu) >= eduRank('associate')));
  const male = occ.cn.startsWith('6-29') || occ.cn === '4-02-02-02' ? r.chance(0.95) : ['4-10-01-06', '4-10-01-03', '4-10-01-01', '4-10-03-01', '2-05-08-01', '2-08-03-00'].includes(occ.cn) ? r.chance(0.08) : r.chance(0.52);
  let age = graduateSeason ? r.int(21, 24) : ageFor(r, occ);
  const rank = eduRank(occ.edu);
  let education = EDU_ORDER[Math.min(EDU_ORDER.length - 2, Math.max(1, rank + r.weighted([[-1, 25], [0, 55], [1, 20]])))]!;
  if (graduateSeason && eduRank(education) < eduRank('associate')) education = 'associate';
  if (age >= 45 && eduRank(education) > eduRank('senior_secondary') && occ.cn[0] !== '2') education = 'senior_secondary';
  const hukou = r.weighted<DrawnSeeker['hukou']>([['urban_local', 45], ['urban_nonlocal', 20], ['rural_local', 10], ['rural_nonlocal', 25]]);
  const availability = r.weighted<DrawnSeeker['availability']>([['immediate', 60], ['within_month', 22], ['later', 5], ['employed_looking', 13]]);
  let category: SeekerCategory;
  if (graduateSeason) category = 'new_youth_graduate';
  else if (age <= 24 && r.chance(0.12)) category = 'student';
  else if (availability === 'employed_looking') category = 'employed';
  else if ((male ? age >= 60 : age >= 50) && r.chance(0.35)) category = 'retired';
  else if (hukou === 'rural_nonlocal' || hukou === 'urban_nonlocal') category = 'nonlocal';
  else if (hukou === 'rural_local') category = 'local_rural';
  else if (age <= 24) category = 'new_youth_other';
  else category = r.chance(0.75) ? 'employed_to_unemployed' : 'other_unemployed';
  if (category === 'student' || category === 'new_youth_graduate') age = Math.min(age, 24);
  const experienceYears = category === 'new_youth_graduate' || category === 'student' ? 0 : Math.max(0, Math.min(age - 18, r.int(0, Math.max(1, age - 20))));
  const skills = occ.skills.filter(() => r.chance(0.55));
  if (!skills.length) skills.push(occ.skills[0]!);
  const ladder: SkillGrade[] =
    occ.ladder === 'vq' ? ['none', 'vq5', 'vq4', 'vq3', 'vq2', 'vq1'] : occ.ladder === 'pro' ? ['none', 'technician', 'engineer', 'senior_engineer'] : ['none'];
  const gw = occ.ladder === 'vq' ? [35, 25, 22, 12, 5, 1] : occ.ladder === 'pro' ? [25, 35, 30, 10] : [1];
  let skillGrade = r.weighted(ladder.map((g, i): [SkillGrade, number] => [g, gw[i]!]));
  if (category === 'new_youth_graduate' || category === 'student') skillGrade = occ.ladder === 'pro' ? r.pick<SkillGrade>(['none', 'technician']) : 'none';
  // A second wish in the same major group (a cook would also take kitchen work, not software).
  const related = CATALOGUE.filter((c) => c.cn !== occ.cn && c.cn[0] === occ.cn[0] && Math.abs(eduRank(c.edu) - eduRank(occ.edu)) <= 1);
  const second = related.length && r.chance(0.4) ? r.pick(related) : null;
  const priorityGroups: string[] = [];
  if (category !== 'student' && category !== 'new_youth_graduate' && category !== 'employed' && category !== 'retired') {
    if ((!male && age >= 40) || (male && age >= 50)) priorityGroups.push('age_4050');
    if (r.chance(0.03)) priorityGroups.push('disabled');
    if (r.chance(0.03)) priorityGroups.push('zero_employment_household');
    if (r.chance(0.03)) priorityGroups.push('minimum_living_allowance');
  }
  const unemployedDays = category === 'employed' || category === 'student' ? 0 : r.weighted<number>([[r.int(0, 90), 55], [r.int(91, 365), 30], [r.int(366, 900), 15]]);
  if (unemployedDays > 365 && !priorityGroups.includes('long_term_unemployed') && category !== 'retired') priorityGroups.push('long_term_unemployed');
  if (category === 'new_youth_graduate' && r.chance(0.2)) priorityGroups.push('graduate_unemployed');
  const district = r.pick(CITY_DISTRICTS);
  const p = pointIn(r, district);
  const title = occ.titles[0]!;
  const lines = [
    experienceYears ? `${experienceYears}年${title}工作经验` : category === 'new_youth_graduate' ? `应届毕业生，专业对口${occ.name}方向` : `希望从事${title}工作，可接受培训`,
    `掌握${skills.join('、')}`,
    skillGrade !== 'none' ? `持${GRADE_ZH[skillGrade]}证书` : '',
    r.pick([`希望在${district.zh}附近工作`, '能适应倒班', '可长期稳定工作', '希望单位缴纳社保', '能接受加班']),
  ].filter(Boolean);
  return {
    occ, second, age, male, education, experienceYears, skills, skillGrade,
    desiredWageMin: round100(occ.lo * (0.85 + r.next() * 0.25) * (category === 'new_youth_graduate' ? 0.9 : 1)),
    category, hukou,
    registrationKind: category === 'employed' || category === 'student' || category === 'retired' ? 'job_seeking' : 'unemployment',
    availability: category === 'employed' ? 'employed_looking' : availability === 'employed_looking' ? 'immediate' : availability,
    priorityGroups, profileText: lines.join('，') + '。', district, lat: p.lat, lon: p.lon,
    registrationWeeks: r.weighted<number>([[r.int(2, 6), 40], [r.int(7, 13), 40], [r.int(14, 26), 20]]),
    unemployedDays,
  };
}

/** Management grade of a placement: most are staff; supervisors and managers where the job is one. */
export function drawManagementGrade(r: Rng, occ: CatalogueOccupation): 'senior' | 'middle' | 'junior' | 'staff' {
  if (occ.cn[0] === '1') return r.weighted([['senior', 20], ['middle', 50], ['junior', 30]]);
  return r.weighted([['staff', 88], ['junior', 10], ['middle', 2]]);
}
