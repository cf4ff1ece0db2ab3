/**
 * Demo data: a city's public employment service over the past 14 weeks and the next month.
 * Employers, titles, requirement texts and salaries come from real postings
 * (../shared/data/postings, see its README); people are synthetic (names from common
 * characters, national IDs with valid check characters but random digits).
 *
 * Idempotent: skips when the demo employers exist. Deterministic: a seeded PRNG, so two
 * machines get the same data for the same `now` (relative dates move with `now`).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { prng } from '../../src/lib/prng.js';
import { inArray, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import type { DbOrTx } from '../../src/db/client.js';
import { outbox } from '../../src/jobs/outbox.table.js';
import { JOBS } from '../../src/jobs/contract.js';
import { creditCodeCheckChar, nationalIdCheckChar } from '../../src/lib/validators.js';
import { employers } from '../../src/modules/employers/employers.table.js';
import { fairBooths, fairs } from '../../src/modules/fairs/fairs.table.js';
import { districts, offices } from '../../src/modules/offices/offices.table.js';
import { placements, referrals } from '../../src/modules/referrals/referrals.table.js';
import { seekers } from '../../src/modules/seekers/seekers.table.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { normaliseVacancy, vacancyColumns, type VacancyFieldsInput } from '../../src/modules/vacancies/vacancy-input.js';
import { screenVacancy, summarise } from '../../src/modules/screening/index.js';
import { codeTitle } from '../../src/modules/occupations/coder/index.js';
import { seedDemoCity } from '../reference.js';

export interface DemoOptions {
  now: Date;
  /** The key the seekers module hashes national IDs with (config.hashKey). */
  hashKey: string;
  /** Defaults suit `npm run dev`; tests may ask for less. */
  employers?: number;
  vacancies?: number;
  seekers?: number;
}

export interface DemoCounts {
  skipped: boolean;
  employers: number;
  fairs: number;
  booths: number;
  vacancies: number;
  seekers: number;
  referrals: number;
  placements: number;
  outbox: number;
}

// A copy of ../shared/data/postings kept with the seeds, so a fresh clone can build the demo.
const POSTINGS = new URL('./postings/', import.meta.url);
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The first demo employer's credit code starts with this: its presence means "already seeded". */
const DEMO_CODE_PREFIX = '91440100DM';

// ── deterministic randomness ────────────────────────────────────────────────────────────────


// ── postings ────────────────────────────────────────────────────────────────────────────────

interface Posting {
  title: string;
  company: string;
  description: string;
  requirements: string;
  wageMin: number | null;
  wageMax: number | null;
  education: VacancyFieldsInput['educationMin'];
  experience: number;
  contractType: VacancyFieldsInput['contractType'];
  skills: string[];
  industry: string;
  sizeBand: 'micro' | 'small' | 'medium' | 'large';
  lat: number | null;
  lon: number | null;
}

const EDU: Record<string, VacancyFieldsInput['educationMin']> = { 不限: 'none', 大专: 'associate', 本科: 'bachelor', 硕士: 'master', 博士: 'doctorate' };
const NATURE: Record<string, VacancyFieldsInput['contractType']> = { 全职: 'full_time', 兼职: 'part_time', 实习: 'internship' };
const SIZE: Record<string, Posting['sizeBand']> = { 少于15人: 'micro', '15-50人': 'small', '50-150人': 'medium', '150-500人': 'medium', '500-2000人': 'large', '2000人以上': 'large' };
/** The site's industry labels → GB/T 4754 sections. */
function industryOf(label: string): string {
  if (/金融/.test(label)) return 'J';
  if (/教育/.test(label)) return 'P';
  if (/医疗|健康/.test(label)) return 'Q';
  if (/电商|消费|零售/.test(label)) return 'F';
  if (/文娱|内容|游戏/.test(label)) return 'R';
  if (/广告|营销|企业服务/.test(label)) return 'L';
  if (/物流/.test(label)) return 'G';
  if (/旅游/.test(label)) return 'H';
  return 'I';
}
function salary(s: string): [number | null, number | null] {
  const k = /^(\d+)k-(\d+)k$/i.exec(s.trim());
  if (k) return [Number(k[1]) * 1000, Number(k[2]) * 1000];
  const n = /^(\d+)-(\d+)$/.exec(s.trim());
  if (n) return [Number(n[1]), Number(n[2])];
  return [null, null];
}
function experience(s: string): number {
  const m = /^(\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function loadPostings(): Posting[] {
  const read = (f: string) => parse(readFileSync(new URL(f, POSTINGS)), { columns: true, bom: true, relax_column_count: true, relax_quotes: true }) as Record<string, string>[];
  const out: Posting[] = [];
  for (const r of read('lagou_data_jobs.csv')) {
    if (!r.positionName || !r.companyFullName || /\uFFFD/.test(r.companyFullName + r.positionName)) continue;
    const skills = (r.skillLables ?? '').replace(/[[\]']/g, '').split(',').map((s) => s.trim()).filter(Boolean);
    const [lo, hi] = salary(r.salary ?? '');
    const lat = Number(r.latitude);
    const lon = Number(r.longitude);
    out.push({
      title: r.positionName.slice(0, 120),
      company: r.companyFullName,
      description: [r.positionAdvantage && `职位诱惑：${r.positionAdvantage}`, r.thirdType && `方向：${r.secondType ?? ''}/${r.thirdType}`].filter(Boolean).join('\n'),
      requirements: [r.workYear && `经验：${r.workYear}`, r.education && `学历：${r.education}`, skills.length ? `技能：${skills.join('、')}` : ''].filter(Boolean).join('；'),
      wageMin: lo,
      wageMax: hi,
      education: EDU[r.education ?? ''] ?? 'none',
      experience: experience(r.workYear ?? ''),
      contractType: NATURE[r.jobNature ?? ''] ?? 'full_time',
      skills,
      industry: industryOf(r.industryField ?? ''),
      sizeBand: SIZE[r.companySize ?? ''] ?? 'medium',
      // Coordinates are kept only for Guangzhou postings; others are placed in a demo district.
      lat: r.city === '广州' && Number.isFinite(lat) && lat !== 0 ? lat : null,
      lon: r.city === '广州' && Number.isFinite(lon) && lon !== 0 ? lon : null,
    });
  }
  for (const r of read('zhaopin_python_jobs_2018.csv')) {
    if (!r.title || !r.company) continue;
    const [lo, hi] = salary(r.salary ?? '');
    out.push({
      title: r.title.replace(/[(（][^)）]*[)）]$/, '').slice(0, 120),
      company: r.company,
      description: r.industry ? `所属行业：${r.industry}` : '',
      requirements: (r.requirements ?? '').slice(0, 4000),
      wageMin: lo,
      wageMax: hi,
      education: 'bachelor',
      experience: /(\d)-\d年|(\d)年以上/.exec(r.requirements ?? '')?.slice(1).find(Boolean) ? Number(/(\d)-\d年|(\d)年以上/.exec(r.requirements ?? '')!.slice(1).find(Boolean)) : 1,
      contractType: 'full_time',
      skills: ['Python'],
      industry: industryOf(r.industry ?? ''),
      sizeBand: 'medium',
      lat: null,
      lon: null,
    });
  }
  return out;
}

/** Local employers offering the jobs most PES clients look for, incl. 公益性岗位 (not in the IT-heavy postings). */
const LOCAL_EMPLOYERS: { name: string; industry: string; sizeBand: Posting['sizeBand']; district: string; jobs: [string, number, number, VacancyFieldsInput['educationMin'], boolean][] }[] = [
  { name: '广州市天河区环境卫生服务中心', industry: 'N', sizeBand: 'medium', district: '440106', jobs: [['保洁员（公益性岗位）', 2800, 3200, 'none', true], ['道路保洁员', 2900, 3300, 'none', true], ['垃圾分类督导员', 3000, 3400, 'junior_secondary', true]] },
  { name: '广州市白云区社区公共服务站', industry: 'S', sizeBand: 'small', district: '440111', jobs: [['社区协管员（公益性岗位）', 3000, 3500, 'senior_secondary', true], ['公共设施管护员', 2900, 3300, 'none', true], ['治安巡逻员', 3200, 3800, 'junior_secondary', true]] },
  { name: '广州市番禺区园林绿化养护中心', industry: 'N', sizeBand: 'small', district: '440113', jobs: [['绿化养护员（公益性岗位）', 2900, 3300, 'none', true], ['园林工', 3500, 4500, 'none', false]] },
  { name: '广州城市物业管理有限公司', industry: 'K', sizeBand: 'large', district: '440104', jobs: [['物业保安员', 4000, 5000, 'junior_secondary', false], ['保洁员', 3300, 3800, 'none', false], ['物业管理员', 4500, 6000, 'associate', false], ['电工', 5500, 7500, 'vocational', false]] },
  { name: '广州粤味餐饮管理有限公司', industry: 'H', sizeBand: 'medium', district: '440103', jobs: [['厨师', 5500, 8000, 'none', false], ['餐厅服务员', 4000, 5000, 'none', false], ['面点师', 5000, 7000, 'none', false], ['洗碗工', 3500, 4000, 'none', false]] },
  { name: '广州南沙精工机械制造有限公司', industry: 'C', sizeBand: 'large', district: '440115', jobs: [['数控车床操作工', 5500, 8000, 'vocational', false], ['焊工', 6000, 8500, 'vocational', false], ['质检员', 4800, 6000, 'senior_secondary', false], ['普工', 4500, 6000, 'none', false]] },
  { name: '广州花都汽车零部件有限公司', industry: 'C', sizeBand: 'large', district: '440114', jobs: [['装配工', 4800, 6500, 'junior_secondary', false], ['叉车司机', 5500, 7000, 'junior_secondary', false], ['仓库管理员', 4500, 5500, 'senior_secondary', false]] },
  { name: '广州黄埔快运物流有限公司', industry: 'G', sizeBand: 'medium', district: '440112', jobs: [['快递员', 6000, 9000, 'none', false], ['分拣员', 4500, 5500, 'none', false], ['货车司机', 7000, 9000, 'junior_secondary', false]] },
  { name: '广州康宁护理院', industry: 'Q', sizeBand: 'small', district: '440105', jobs: [['养老护理员', 4500, 6000, 'junior_secondary', false], ['护士', 6000, 8000, 'associate', false]] },
  { name: '广州增城家政服务有限公司', industry: 'O', sizeBand: 'small', district: '440118', jobs: [['家政服务员', 5000, 7000, 'none', false], ['育婴员', 6000, 9000, 'junior_secondary', false]] },
];

// ── people ──────────────────────────────────────────────────────────────────────────────────

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰飞鹏辉建国志宏晓文斌宇浩然俊欣怡婷雪梅佳琪子涵梓轩欢丹颖慧琳海燕凤云峰波亮龙林鑫淑珍春燕家豪嘉怡晨阳思远雨婷';
const ETHNICITIES: [string, number][] = [['汉族', 92], ['壮族', 3], ['回族', 1], ['苗族', 1], ['土家族', 1], ['瑶族', 1], ['满族', 1]];
const PROFILE_LINES = [
  '有多年工厂流水线经验，能适应倒班',
  '做过餐饮服务和收银，沟通能力较好',
  '持有C1驾照，熟悉本市道路',
  '曾在物业公司做保安，责任心强',
  '会使用办公软件，做过文员和前台',
  '有电工证，做过设备维修',
  '照顾家人多年，希望找离家近的工作',
  '应届毕业生，学习能力强，希望从事技术岗位',
  '做过仓库管理和出入库登记',
  '有护理经验，持有养老护理员证书',
  '熟悉Python和数据分析，做过报表开发',
  '做过销售，有客户资源',
];

// ── the seed ────────────────────────────────────────────────────────────────────────────────

export async function seedDemo(db: DbOrTx, opts: DemoOptions): Promise<DemoCounts> {
  const none: DemoCounts = { skipped: true, employers: 0, fairs: 0, booths: 0, vacancies: 0, seekers: 0, referrals: 0, placements: 0, outbox: 0 };
  return db.transaction(async (tx) => {
    // One seeder at a time (two `npm run dev` at once); the second then sees the data and skips.
    await tx.execute(sql`select pg_advisory_xact_lock(72410002)`);
    const existing = await tx.select({ id: employers.id }).from(employers).where(sql`${employers.creditCode} like ${DEMO_CODE_PREFIX + '%'}`).limit(1);
    if (existing.length) return none;

    const now = opts.now;
    const rnd = prng(20260301);
    const hash = (id: string) => createHmac('sha256', opts.hashKey).update(id).digest('hex');

    // Reference data normally comes from seedReference; make sure the city is there.
    let officeRows = await tx.select().from(offices);
    if (!officeRows.some((o) => o.level === 'city')) {
      await seedDemoCity(tx);
      officeRows = await tx.select().from(offices);
    }
    const city = officeRows.find((o) => o.level === 'city')!;
    const districtOffices = officeRows.filter((o) => o.level === 'district');
    const districtRows = await tx.select().from(districts).where(inArray(districts.code, districtOffices.map((o) => o.districtCode!).filter(Boolean)));
    const districtByCode = new Map(districtRows.map((d) => [d.code, d]));
    const officeOfDistrict = new Map(districtOffices.map((o) => [o.districtCode!, o]));
    const districtCodes = districtOffices.map((o) => o.districtCode!).filter((c) => districtByCode.has(c));

    // ── employers ──
    const postings = loadPostings();
    const byCompany = new Map<string, Posting[]>();
    for (const p of postings) byCompany.set(p.company, [...(byCompany.get(p.company) ?? []), p]);
    const nPosting = (opts.employers ?? 60) - LOCAL_EMPLOYERS.length;
    // Companies with the most postings first, so each demo employer has several vacancies.
    const companies = [...byCompany.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, Math.max(0, nPosting));
    let serial = 0;
    const creditCode = () => {
      const first = `${DEMO_CODE_PREFIX}${String(serial++).padStart(7, '0')}`;
      return first + creditCodeCheckChar(first);
    };
    const employerValues = [
      ...LOCAL_EMPLOYERS.map((e) => ({ name: e.name, creditCode: creditCode(), industry: e.industry, sizeBand: e.sizeBand, districtCode: e.district, officeId: (officeOfDistrict.get(e.district) ?? city).id, verified: true })),
      ...companies.map(([name, ps]) => {
        const district = rnd.pick(districtCodes);
        return { name, creditCode: creditCode(), industry: ps[0]!.industry, sizeBand: ps[0]!.sizeBand, districtCode: district, officeId: (officeOfDistrict.get(district) ?? city).id, verified: rnd.chance(0.85) };
      }),
    ];
    const employerRows = await tx.insert(employers).values(employerValues).returning();
    const employerByName = new Map(employerRows.map((e) => [e.name, e]));

    // ── fairs: 4 weeks back, 4 weeks ahead ──
    const fairValues: (typeof fairs.$inferInsert)[] = [];
    const at = (d: Date, hour: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8));
    const saturday0 = new Date(now.getTime() - ((now.getUTCDay() + 1) % 7) * DAY); // the last Saturday (or today)
    const cityName = city.nameZh.replace(/公共就业服务中心$/, '');
    for (let w = -4; w <= 4; w++) {
      const day = new Date(saturday0.getTime() + w * WEEK);
      fairValues.push({ name: `${cityName}周六招聘会（${day.getUTCMonth() + 1}月${day.getUTCDate()}日）`, kind: 'weekly_saturday', startsAt: at(day, 9), endsAt: at(day, 12), venue: `${cityName}人力资源市场一楼大厅`, districtCode: city.districtCode, officeId: city.id });
      const county = districtOffices[(w + 8) % districtOffices.length] ?? city;
      const wed = new Date(day.getTime() - 3 * DAY);
      fairValues.push({ name: `${county.nameZh.replace(/公共就业服务中心$/, '')}每周招聘会`, kind: 'county_weekly', startsAt: at(wed, 9), endsAt: at(wed, 12), venue: `${county.nameZh}服务大厅`, districtCode: county.districtCode, officeId: county.id });
    }
    for (const [m, theme] of [[-1, '制造业专场'], [0, '高校毕业生专场'], [1, '现代服务业专场']] as const) {
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + m, 15));
      fairValues.push({ name: `${cityName}${first.getUTCMonth() + 1}月主题招聘会·${theme}`, kind: 'city_theme_monthly', startsAt: at(first, 9), endsAt: at(first, 16), venue: `${cityName}国际会展中心`, districtCode: city.districtCode, officeId: city.id });
    }
    const spring = new Date(now.getTime() - 10 * DAY);
    fairValues.push({ name: `${spring.getUTCFullYear()}年“春风行动”暨就业援助专场招聘会`, kind: 'special_campaign', campaign: '春风行动', startsAt: at(spring, 9), endsAt: at(spring, 16), venue: `${cityName}人力资源市场`, districtCode: city.districtCode, officeId: city.id });
    for (const f of fairValues) {
      const past = f.endsAt < now;
      f.status = past ? 'closed' : 'planned';
      if (past) f.attendance = rnd.int(300, f.kind === 'city_theme_monthly' || f.kind === 'special_campaign' ? 5000 : 1500);
    }
    const fairRows = await tx.insert(fairs).values(fairValues).returning();

    const boothValues: (typeof fairBooths.$inferInsert)[] = [];
    const boothsOf = new Map<string, string[]>();
    for (const f of fairRows) {
      const n = f.kind === 'city_theme_monthly' || f.kind === 'special_campaign' ? 30 : rnd.int(8, 16);
      const chosen = new Set<string>();
      // 春风行动 and assistance fairs always include the public welfare employers.
      if (f.kind === 'special_campaign') for (const e of employerRows.slice(0, 3)) chosen.add(e.id);
      while (chosen.size < Math.min(n, employerRows.length)) chosen.add(rnd.pick(employerRows).id);
      [...chosen].forEach((employerId, i) => {
        boothValues.push({ fairId: f.id, employerId, boothNo: `${String.fromCharCode(65 + Math.floor(i / 20))}${String((i % 20) + 1).padStart(2, '0')}`, intentionsReached: f.endsAt < now ? rnd.int(0, 25) : null });
        boothsOf.set(employerId, [...(boothsOf.get(employerId) ?? []), f.id]);
      });
    }
    for (let i = 0; i < boothValues.length; i += 1000) await tx.insert(fairBooths).values(boothValues.slice(i, i + 1000));

    // ── vacancies ──
    const target = opts.vacancies ?? 1500;
    const codeCache = new Map<string, string | null>();
    const iscoOf = (title: string) => {
      if (!codeCache.has(title)) {
        const best = codeTitle(title, { k: 1 }).find((c) => c.system === 'isco');
        codeCache.set(title, best && best.confidence >= 0.5 && /^\d{4}$/.test(best.code) ? best.code : null);
      }
      return codeCache.get(title)!;
    };
    interface Draft { employer: (typeof employerRows)[number]; fields: VacancyFieldsInput }
    const drafts: Draft[] = [];
    for (const e of LOCAL_EMPLOYERS) {
      const employer = employerByName.get(e.name)!;
      for (const [title, lo, hi, edu, welfare] of e.jobs) {
        for (let copy = 0; copy < 3; copy++) {
          drafts.push({
            employer,
            fields: {
              title,
              description: welfare ? '公益性岗位，优先安置就业困难人员（“4050”人员、残疾人、零就业家庭成员、长期失业人员等），签订劳动合同，缴纳社会保险。' : `${e.name}招聘${title}，五险一金，包工作餐。`,
              requirements: welfare ? '身体能胜任岗位工作，服从工作安排，有责任心。' : '吃苦耐劳，服从安排，有相关经验者优先。',
              headcount: rnd.int(1, 10),
              wageMin: lo,
              wageMax: hi,
              wageUnit: 'month',
              educationMin: edu,
              experienceMinYears: welfare ? 0 : rnd.int(0, 2),
              contractType: 'full_time',
              districtCode: e.district,
              publicWelfare: welfare,
            },
          });
        }
      }
    }
    const postingEmployers = companies.map(([name, ps]) => ({ employer: employerByName.get(name)!, ps }));
    for (let i = 0; drafts.length < target && postingEmployers.length; i++) {
      const { employer, ps } = postingEmployers[i % postingEmployers.length]!;
      const p = ps[Math.floor(i / postingEmployers.length) % ps.length]!;
      drafts.push({
        employer,
        fields: {
          title: p.title,
          description: p.description,
          requirements: p.requirements,
          skills: p.skills.slice(0, 10),
          headcount: rnd.int(1, 5),
          wageMin: p.wageMin,
          wageMax: p.wageMax,
          wageUnit: 'month',
          educationMin: p.education,
          experienceMinYears: Math.min(p.experience, 50),
          contractType: p.contractType,
          districtCode: employer.districtCode,
          ...(p.lat != null && p.lon != null ? { lat: p.lat, lon: p.lon } : {}),
          publicWelfare: false,
        },
      });
    }

    const vacancyValues: (typeof vacancies.$inferInsert)[] = drafts.map((d, i) => {
      const f = d.fields;
      const isco = iscoOf(f.title);
      const withCode: VacancyFieldsInput = isco ? { ...f, occupationSystem: 'isco', occupationCode: isco } : f;
      const { derived } = normaliseVacancy(withCode);
      const findings = screenVacancy({ title: f.title, description: f.description ?? null, requirements: f.requirements ?? null, fields: { wageMin: f.wageMin ?? null, wageMax: f.wageMax ?? null, wageUnit: f.wageUnit ?? 'month' } });
      const outcome = summarise(findings).outcome;
      const publishedAt = new Date(now.getTime() - rnd.next() * 14 * WEEK);
      let status: (typeof vacancies.$inferInsert)['status'] = 'published';
      let closedAt: Date | null = null;
      let expiresAt: Date | null = new Date(publishedAt.getTime() + rnd.int(6, 20) * WEEK);
      if (outcome === 'block') status = 'rejected';
      else if (outcome === 'review') status = 'pending_review';
      else if (expiresAt < now) status = rnd.weighted<'expired' | 'filled' | 'closed'>([['expired', 60], ['filled', 20], ['closed', 20]]);
      else if (rnd.chance(0.05)) status = rnd.chance(0.5) ? 'closed' : 'filled';
      if (status === 'closed' || status === 'filled') closedAt = new Date(Math.min(now.getTime(), publishedAt.getTime() + rnd.int(1, 8) * WEEK));
      if (status === 'expired') closedAt = null;
      if (status === 'published' && expiresAt < now) expiresAt = new Date(now.getTime() + 4 * WEEK);
      const district = d.employer.districtCode ? districtByCode.get(d.employer.districtCode) : undefined;
      const fairIds = boothsOf.get(d.employer.id);
      return {
        employerId: d.employer.id,
        fairId: fairIds && rnd.chance(0.4) ? rnd.pick(fairIds) : null,
        officeId: d.employer.officeId,
        ...vacancyColumns(f, derived),
        occupationSystem: isco ? ('isco' as const) : null,
        occupationCode: isco,
        lat: f.lat ?? (district?.lat != null ? district.lat + (rnd.next() - 0.5) * 0.04 : null),
        lon: f.lon ?? (district?.lon != null ? district.lon + (rnd.next() - 0.5) * 0.04 : null),
        status: status!,
        publishedAt: status === 'pending_review' || status === 'rejected' ? null : publishedAt,
        expiresAt,
        closedAt,
        screeningOutcome: outcome,
        screeningFindings: findings,
        source: 'demo',
        externalRef: `demo-${i}`,
        createdAt: new Date(publishedAt.getTime() - DAY),
        updatedAt: closedAt ?? publishedAt,
      };
    });
    const vacancyRows: { id: string; status: string; wageMonthlyMin: number | null; wageMonthlyMax: number | null; employerId: string; officeId: string; publishedAt: Date | null; iscoUnit: string | null; publicWelfare: boolean }[] = [];
    for (let i = 0; i < vacancyValues.length; i += 500) {
      vacancyRows.push(
        ...(await tx
          .insert(vacancies)
          .values(vacancyValues.slice(i, i + 500))
          .returning({ id: vacancies.id, status: vacancies.status, wageMonthlyMin: vacancies.wageMonthlyMin, wageMonthlyMax: vacancies.wageMonthlyMax, employerId: vacancies.employerId, officeId: vacancies.officeId, publishedAt: vacancies.publishedAt, iscoUnit: vacancies.iscoUnit, publicWelfare: vacancies.publicWelfare })),
      );
    }

    // ── seekers ──
    const nSeekers = opts.seekers ?? 2000;
    const iscoPool = [...new Set(vacancyRows.map((v) => v.iscoUnit).filter((c): c is string => !!c))];
    const skillPool = [...new Set(drafts.flatMap((d) => d.fields.skills ?? []))];
    const usedIds = new Set<string>();
    const seekerValues: (typeof seekers.$inferInsert)[] = [];
    for (let i = 0; i < nSeekers; i++) {
      const district = rnd.pick(districtCodes);
      const age = rnd.weighted<number>([[rnd.int(18, 24), 25], [rnd.int(25, 39), 40], [rnd.int(40, 49), 20], [rnd.int(50, 59), 15]]);
      const birth = new Date(now.getTime() - age * 365.25 * DAY - rnd.int(0, 364) * DAY);
      const sexMale = rnd.chance(0.52);
      let id = '';
      do {
        const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
        const seq = String(rnd.int(0, 99)).padStart(2, '0') + String(rnd.int(0, 4) * 2 + (sexMale ? 1 : 0));
        const first17 = `${district}${ymd}${seq}`;
        id = first17 + nationalIdCheckChar(first17);
      } while (usedIds.has(id));
      usedIds.add(id);
      const priority: string[] = [];
      if ((!sexMale && age >= 40) || (sexMale && age >= 50)) priority.push('age_4050');
      if (rnd.chance(0.03)) priority.push('disabled');
      if (rnd.chance(0.04)) priority.push('zero_employment_household');
      if (rnd.chance(0.08)) priority.push('long_term_unemployed');
      if (rnd.chance(0.03)) priority.push('minimum_living_allowance');
      if (age <= 24 && rnd.chance(0.3)) priority.push('graduate_unemployed');
      const education = rnd.weighted<NonNullable<VacancyFieldsInput['educationMin']>>([['junior_secondary', 25], ['senior_secondary', 20], ['vocational', 15], ['associate', 18], ['bachelor', 18], ['master', 3], ['none', 1]]);
      const registeredAt = new Date(now.getTime() - rnd.next() * 14 * WEEK);
      const d = districtByCode.get(district);
      seekerValues.push({
        officeId: (officeOfDistrict.get(district) ?? city).id,
        registrationKind: rnd.chance(0.6) ? 'unemployment' : 'job_seeking',
        name: rnd.pick([...SURNAMES]) + rnd.pick([...GIVEN]) + (rnd.chance(0.6) ? rnd.pick([...GIVEN]) : ''),
        nationalIdHash: hash(id),
        nationalIdLast4: id.slice(-4),
        phone: `1${rnd.pick(['3', '5', '7', '8', '9'])}${String(rnd.int(0, 999_999_999)).padStart(9, '0')}`,
        birthDate: birth.toISOString().slice(0, 10),
        sex: sexMale ? 'male' : 'female',
        ethnicity: rnd.weighted(ETHNICITIES),
        hukouType: rnd.weighted<'urban_local' | 'urban_nonlocal' | 'rural_local' | 'rural_nonlocal'>([['urban_local', 40], ['urban_nonlocal', 25], ['rural_local', 10], ['rural_nonlocal', 25]]),
        districtCode: district,
        lat: d?.lat != null ? Math.round((d.lat + (rnd.next() - 0.5) * 0.05) * 1e5) / 1e5 : null,
        lon: d?.lon != null ? Math.round((d.lon + (rnd.next() - 0.5) * 0.05) * 1e5) / 1e5 : null,
        education,
        experienceYears: Math.max(0, Math.min(age - 18, rnd.int(0, 20))),
        skills: Array.from({ length: rnd.int(0, 4) }, () => rnd.pick(skillPool.length ? skillPool : ['沟通'])).filter((s, j, a) => a.indexOf(s) === j),
        desiredOccupations: iscoPool.length ? Array.from({ length: rnd.int(1, 2) }, () => ({ system: 'isco', code: rnd.pick(iscoPool) })) : [],
        desiredWageMin: rnd.int(30, 120) * 100,
        availability: rnd.weighted<'immediate' | 'within_month' | 'later' | 'employed_looking'>([['immediate', 60], ['within_month', 25], ['later', 5], ['employed_looking', 10]]),
        profileText: `${rnd.pick(PROFILE_LINES)}。${rnd.pick(PROFILE_LINES)}。`,
        priorityGroups: priority,
        unemployedSince: new Date(registeredAt.getTime() - rnd.int(0, 400) * DAY).toISOString().slice(0, 10),
        consentSearchable: rnd.chance(0.7),
        consentContactViaReferral: rnd.chance(0.95),
        status: 'active',
        registeredAt,
        createdAt: registeredAt,
        updatedAt: registeredAt,
      });
    }
    const seekerRows: { id: string; officeId: string; consentSearchable: boolean; registeredAt: Date; priorityGroups: string[] }[] = [];
    for (let i = 0; i < seekerValues.length; i += 500) {
      seekerRows.push(
        ...(await tx
          .insert(seekers)
          .values(seekerValues.slice(i, i + 500))
          .returning({ id: seekers.id, officeId: seekers.officeId, consentSearchable: seekers.consentSearchable, registeredAt: seekers.registeredAt, priorityGroups: seekers.priorityGroups })),
      );
    }

    // ── referrals and placements over the 14 weeks ──
    const open = vacancyRows.filter((v) => v.publishedAt && v.status !== 'pending_review' && v.status !== 'rejected');
    const referralValues: (typeof referrals.$inferInsert)[] = [];
    const pairs = new Set<string>();
    const placedSeekers = new Set<string>();
    const hiredInfo: { seekerId: string; vacancy: (typeof open)[number]; at: Date; officeId: string }[] = [];
    for (const s of seekerRows) {
      const n = rnd.weighted<number>([[0, 35], [1, 30], [2, 20], [3, 15]]);
      for (let k = 0; k < n; k++) {
        // Public welfare posts go to people in a priority group.
        const candidates = s.priorityGroups.length ? open : open.filter((v) => !v.publicWelfare);
        const v = rnd.pick(candidates);
        if (!v || pairs.has(`${s.id}:${v.id}`)) continue;
        pairs.add(`${s.id}:${v.id}`);
        const from = Math.max(s.registeredAt.getTime(), v.publishedAt!.getTime());
        // Referred some time between registration/publication and now (weighted towards the first weeks).
        const createdAt = new Date(Math.min(now.getTime() - DAY, from + rnd.next() ** 2 * Math.max(0, now.getTime() - from)));
        const age = now.getTime() - createdAt.getTime();
        let outcome = rnd.weighted<'pending' | 'interviewed' | 'hired' | 'rejected' | 'declined' | 'no_show'>([['pending', 8], ['interviewed', 20], ['hired', 22], ['rejected', 27], ['declined', 10], ['no_show', 13]]);
        if (age < 4 * DAY && rnd.chance(0.7)) outcome = 'pending';
        if (outcome === 'hired' && placedSeekers.has(s.id)) outcome = 'interviewed';
        const outcomeAt = outcome === 'pending' ? null : new Date(Math.min(now.getTime(), createdAt.getTime() + rnd.int(2, 14) * DAY));
        referralValues.push({ seekerId: s.id, vacancyId: v.id, officeId: s.officeId, outcome, outcomeAt, note: null, createdAt, updatedAt: outcomeAt ?? createdAt });
        if (outcome === 'hired') {
          placedSeekers.add(s.id);
          hiredInfo.push({ seekerId: s.id, vacancy: v, at: outcomeAt!, officeId: s.officeId });
        }
      }
    }
    const referralRows: { id: string; seekerId: string; vacancyId: string }[] = [];
    for (let i = 0; i < referralValues.length; i += 1000) {
      referralRows.push(...(await tx.insert(referrals).values(referralValues.slice(i, i + 1000)).returning({ id: referrals.id, seekerId: referrals.seekerId, vacancyId: referrals.vacancyId })));
    }
    const referralId = new Map(referralRows.map((r) => [`${r.seekerId}:${r.vacancyId}`, r.id]));
    const placementValues: (typeof placements.$inferInsert)[] = hiredInfo.map((h) => {
      const lo = h.vacancy.wageMonthlyMin ?? h.vacancy.wageMonthlyMax ?? 4000;
      const hi = h.vacancy.wageMonthlyMax ?? lo;
      const start = new Date(h.at.getTime() + rnd.int(1, 10) * DAY);
      return {
        referralId: referralId.get(`${h.seekerId}:${h.vacancy.id}`)!,
        seekerId: h.seekerId,
        vacancyId: h.vacancy.id,
        employerId: h.vacancy.employerId,
        officeId: h.officeId,
        contractStart: start.toISOString().slice(0, 10),
        contractMonths: rnd.pick([12, 12, 24, 36, 6]),
        monthlyWage: Math.round((lo + rnd.next() * (hi - lo)) / 100) * 100,
        createdAt: h.at,
      };
    });
    for (let i = 0; i < placementValues.length; i += 1000) await tx.insert(placements).values(placementValues.slice(i, i + 1000));
    if (placedSeekers.size) {
      const placed = [...placedSeekers];
      for (let i = 0; i < placed.length; i += 1000) await tx.update(seekers).set({ status: 'placed' }).where(inArray(seekers.id, placed.slice(i, i + 1000)));
    }

    // ── search indexing: one outbox row per published vacancy and per consenting seeker ──
    const outboxValues = [
      ...vacancyRows.filter((v) => v.status === 'published').map((v) => ({ queue: JOBS['search.sync-vacancy'].queue, jobName: 'search.sync-vacancy', payload: { vacancyId: v.id } })),
      ...seekerRows.filter((s) => s.consentSearchable).map((s) => ({ queue: JOBS['search.sync-seeker'].queue, jobName: 'search.sync-seeker', payload: { seekerId: s.id } })),
    ];
    for (let i = 0; i < outboxValues.length; i += 1000) await tx.insert(outbox).values(outboxValues.slice(i, i + 1000));
    await tx.execute(sql`select pg_notify('outbox', '')`);

    return {
      skipped: false,
      employers: employerRows.length,
      fairs: fairRows.length,
      booths: boothValues.length,
      vacancies: vacancyRows.length,
      seekers: seekerRows.length,
      referrals: referralRows.length,
      placements: placementValues.length,
      outbox: outboxValues.length,
    };
  });
}

