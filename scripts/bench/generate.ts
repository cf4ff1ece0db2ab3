/**
 * Builds a realistic city at a chosen scale, streamed into Postgres with COPY: districts and
 * an office tree, employers, vacancies (real titles and texts from ../shared/data/postings
 * mixed with common PES job titles), job seekers, referrals and placements over N weeks.
 *
 *   npx tsx scripts/bench/generate.ts --vacancies 100000 --seekers 1000000 --referrals 200000 --weeks 104
 * (DATABASE_URL must point at a migrated database; existing rows are kept.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import type postgres from 'postgres';
import { creditCodeCheckChar } from '../../src/lib/validators.js';
import { prng } from '../../src/lib/prng.js';

export interface CityScale {
  vacancies: number;
  seekers: number;
  referrals: number;
  weeks: number;
  employers?: number;
  seed?: number;
}


export const DISTRICTS = [
  ['440103', '荔湾区', 'Liwan', 23.126, 113.244],
  ['440104', '越秀区', 'Yuexiu', 23.129, 113.267],
  ['440105', '海珠区', 'Haizhu', 23.084, 113.318],
  ['440106', '天河区', 'Tianhe', 23.125, 113.361],
  ['440111', '白云区', 'Baiyun', 23.158, 113.273],
  ['440112', '黄埔区', 'Huangpu', 23.106, 113.459],
  ['440113', '番禺区', 'Panyu', 22.938, 113.384],
  ['440114', '花都区', 'Huadu', 23.404, 113.220],
  ['440115', '南沙区', 'Nansha', 22.801, 113.525],
  ['440117', '从化区', 'Conghua', 23.548, 113.586],
  ['440118', '增城区', 'Zengcheng', 23.261, 113.811],
] as const;

/** Common PES job titles with an ISCO-08 unit group and a typical monthly range. */
const PES_TITLES: [string, string, number, number][] = [
  ['普工', '9329', 4500, 6500], ['操作工', '8189', 4800, 6800], ['电工', '7411', 6000, 9000], ['电焊工', '7212', 6500, 10000],
  ['保洁员', '9112', 2800, 3800], ['保安员', '5414', 3500, 5000], ['货车司机', '8332', 7000, 11000], ['网约车司机', '8322', 6000, 10000],
  ['厨师', '5120', 5000, 8500], ['服务员', '5131', 3800, 5200], ['收银员', '5230', 3600, 4800], ['仓库管理员', '4321', 4500, 6500],
  ['快递员', '9621', 6000, 9500], ['护工', '5322', 4500, 7000], ['育婴员', '5311', 5500, 8500], ['销售代表', '3322', 4000, 12000],
  ['客服专员', '4222', 4200, 6000], ['会计', '2411', 5500, 9000], ['出纳', '4311', 4500, 6000], ['行政文员', '4110', 4000, 5500],
  ['数控车床操作工', '7223', 6000, 9000], ['汽车维修工', '7231', 5500, 9000], ['水电安装工', '7126', 6000, 9000], ['叉车司机', '8344', 5500, 8000],
  ['美容师', '5142', 4500, 8000], ['保育员', '5312', 4000, 5500], ['园林绿化工', '6113', 3800, 5200], ['装卸工', '9333', 5000, 7500],
];

function loadPostings(dataDir: string) {
  const lagou = parse(readFileSync(`${dataDir}/postings/lagou_data_jobs.csv`), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const zhaopin = parse(readFileSync(`${dataDir}/postings/zhaopin_python_jobs_2018.csv`), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const companies = [...new Set([...lagou.map((r) => r.companyFullName), ...zhaopin.map((r) => r.company)].filter((c) => c && c.length >= 4))];
  const texts = zhaopin.map((r) => r.requirements).filter((t) => t && t.length > 40);
  const titles = lagou.map((r) => [r.positionName, r.salary] as const).filter(([t]) => t);
  return { companies, texts, titles };
}

/** CSV field for COPY: quoted, quotes doubled; null as unquoted empty. */
const f = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return f(`{${v.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
  const s = v instanceof Date ? v.toISOString() : String(v);
  return `"${s.replace(/"/g, '""')}"`;
};
const line = (vals: unknown[]) => `${vals.map(f).join(',')}\n`;

async function copy(sql: postgres.Sql, table: string, columns: string[], rows: Iterable<unknown[]>) {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`).writable();
  await pipeline(
    Readable.from(
      (function* () {
        let buf = '';
        for (const r of rows) {
          buf += line(r);
          if (buf.length > 1 << 16) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      })(),
    ),
    writable,
  );
}

const EDU = ['none', 'junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor', 'master'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文玉梅海燕鹏飞斌宇浩凯晨婷雪琳'.split('');

export async function generateCity(sql: postgres.Sql, scale: CityScale, dataDir = fileURLToPath(new URL('../../seeds/demo', import.meta.url)), log: (m: string) => void = console.error) {
  const r = prng(scale.seed ?? 42);
  const { companies, texts, titles } = loadPostings(dataDir);
  const nEmployers = scale.employers ?? Math.max(50, Math.round(scale.vacancies / 50));
  const now = Date.now();
  const weekMs = 7 * 86400_000;
  const t0 = performance.now();

  for (const [code, zh, en, lat, lon] of DISTRICTS) {
    await sql`insert into districts (code, name_zh, name_en, parent_code, lat, lon) values (${code}, ${zh}, ${en}, '440100', ${lat}, ${lon}) on conflict do nothing`;
  }
  await sql`insert into districts (code, name_zh, name_en) values ('440100', '广州市', 'Guangzhou') on conflict do nothing`;
  const [city] = await sql`insert into offices (code, name_zh, name_en, level, path, district_code) values ('B440100', '市公共就业服务中心', 'City PES centre', 'city', 'B440100', '440100')
    on conflict (code) do update set name_zh = excluded.name_zh returning id`;
  const officeIds: string[] = [];
  for (const [code, zh, en] of DISTRICTS) {
    const [o] = await sql`insert into offices (code, name_zh, name_en, level, parent_id, path, district_code)
      values (${'B' + code}, ${zh + '就业服务中心'}, ${en + ' PES office'}, 'district', ${city!.id}, ${'B440100/B' + code}, ${code})
      on conflict (code) do update set name_zh = excluded.name_zh returning id`;
    officeIds.push(o!.id);
  }

  const employerIds: string[] = [];
  const stamp = Date.now().toString(36).toUpperCase().replace(/[IOSVZ]/g, 'A').slice(-6);
  await copy(sql, 'employers', ['id', 'name', 'credit_code', 'industry', 'size_band', 'district_code', 'office_id', 'verified'], (function* () {
    for (let i = 0; i < nEmployers; i++) {
      const id = randomUUID();
      employerIds.push(id);
      const uniq = `9144${String(i).padStart(7, '0')}${stamp}`.slice(0, 17);
      const d = r.int(0, DISTRICTS.length - 1);
      yield [id, `${r.pick(companies)}${i >= companies.length ? `（${DISTRICTS[d]![1]}分公司${i}）` : ''}`, uniq + creditCodeCheckChar(uniq), r.pick('CCCCFGHIKLMNO'.split('')), r.pick(['micro', 'small', 'medium', 'large']), DISTRICTS[d]![0], officeIds[d], r.chance(0.8)];
    }
  })());
  log(`employers: ${nEmployers} (${Math.round(performance.now() - t0)} ms)`);

  const t1 = performance.now();
  await copy(sql, 'vacancies', ['employer_id', 'office_id', 'title', 'description', 'requirements', 'isco_unit', 'occupation_system', 'occupation_code', 'headcount', 'wage_min', 'wage_max', 'wage_unit', 'wage_monthly_min', 'wage_monthly_max', 'education_min', 'experience_min_years', 'contract_type', 'district_code', 'lat', 'lon', 'public_welfare', 'status', 'published_at', 'expires_at', 'screening_outcome', 'source'], (function* () {
    for (let i = 0; i < scale.vacancies; i++) {
      const d = r.int(0, DISTRICTS.length - 1);
      const [, , , lat, lon] = DISTRICTS[d]!;
      let title: string, isco: string | null, lo: number | null, hi: number | null;
      if (r.chance(0.6)) {
        const t = r.pick(PES_TITLES);
        [title, isco, lo, hi] = [t[0], t[1], t[2] + r.int(-5, 5) * 100, t[3] + r.int(-5, 5) * 100];
      } else {
        const [t, sal] = r.pick(titles);
        const m = /(\d+)k-(\d+)k/i.exec(sal ?? '');
        [title, isco, lo, hi] = [t, r.pick(['2512', '2513', '2514', '2519', '2421', '2431', '3512']), m ? Number(m[1]) * 1000 : null, m ? Number(m[2]) * 1000 : null];
      }
      if (r.chance(0.05)) [lo, hi] = [null, null];
      const published = new Date(now - r.next() * scale.weeks * weekMs);
      const open = now - published.getTime() < 30 * 86400_000;
      const welfare = r.chance(0.02);
      yield [employerIds[r.int(0, employerIds.length - 1)], officeIds[d], welfare ? `${title}（公益性岗位）` : title, r.pick(texts).slice(0, 600), '', isco, isco ? 'isco' : null, isco,
        r.int(1, 20), lo, hi, 'month', lo, hi, r.pick(EDU), r.int(0, 5), r.chance(0.85) ? 'full_time' : r.pick(['part_time', 'temporary', 'flexible']),
        DISTRICTS[d]![0], lat + (r.next() - 0.5) * 0.1, lon + (r.next() - 0.5) * 0.1, welfare,
        open ? 'published' : r.pick(['expired', 'closed', 'filled']), published, new Date(published.getTime() + 30 * 86400_000), 'pass', 'generator'];
    }
  })());
  log(`vacancies: ${scale.vacancies} (${Math.round(performance.now() - t1)} ms)`);

  const t2 = performance.now();
  const seekerIds: string[] = [];
  await copy(sql, 'seekers', ['id', 'office_id', 'registration_kind', 'name', 'national_id_hash', 'national_id_last4', 'phone', 'birth_date', 'sex', 'ethnicity', 'district_code', 'education', 'experience_years', 'skills', 'desired_occupations', 'desired_wage_min', 'availability', 'profile_text', 'priority_groups', 'consent_searchable', 'status', 'registered_at'], (function* () {
    for (let i = 0; i < scale.seekers; i++) {
      const id = randomUUID();
      if (seekerIds.length < 2_000_000) seekerIds.push(id);
      const d = r.int(0, DISTRICTS.length - 1);
      const t = r.pick(PES_TITLES);
      const age = r.int(18, 60);
      const birth = new Date(now - age * 365.25 * 86400_000 - r.int(0, 364) * 86400_000);
      const groups = r.chance(0.15) ? [r.pick(['age_4050', 'disabled', 'long_term_unemployed', 'zero_employment_household', 'minimum_living_allowance'])] : [];
      yield [id, officeIds[d], r.chance(0.4) ? 'unemployment' : 'job_seeking', `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.chance(0.5) ? r.pick(GIVEN) : ''}`,
        createHash('sha1').update(`seeker-${scale.seed ?? 42}-${i}`).digest('hex'), String(r.int(1000, 9999)), `13${r.int(100000000, 999999999)}`,
        birth.toISOString().slice(0, 10), r.chance(0.5) ? 'male' : 'female', r.chance(0.92) ? '汉族' : r.pick(['壮族', '回族', '满族', '苗族']), DISTRICTS[d]![0],
        r.pick(EDU), r.int(0, 25), [t[0]], JSON.stringify([{ system: 'isco', code: t[1] }]), Math.round((t[2] * (0.8 + r.next() * 0.4)) / 100) * 100,
        r.pick(['immediate', 'immediate', 'within_month', 'later']), `${r.int(1, 15)}年${t[0]}经验`, groups, r.chance(0.7),
        r.chance(0.85) ? 'active' : r.pick(['placed', 'inactive']), new Date(now - r.next() * scale.weeks * weekMs)];
    }
  })());
  log(`seekers: ${scale.seekers} (${Math.round(performance.now() - t2)} ms)`);

  if (scale.referrals > 0) {
    const t3 = performance.now();
    const published = (await sql`select id, employer_id, wage_monthly_min, published_at from vacancies tablesample system (${Math.min(100, (20000 / Math.max(1, scale.vacancies)) * 100)}) where source = 'generator' limit 20000`) as unknown as { id: string; employer_id: string; wage_monthly_min: number | null; published_at: Date }[];
    const hires: unknown[][] = [];
    const seen = new Set<string>();
    await copy(sql, 'referrals', ['id', 'seeker_id', 'vacancy_id', 'office_id', 'outcome', 'outcome_at', 'created_at'], (function* () {
      for (let i = 0; i < scale.referrals; i++) {
        const v = r.pick(published);
        const s = seekerIds[r.int(0, seekerIds.length - 1)]!;
        if (seen.has(s + v.id)) continue;
        seen.add(s + v.id);
        const id = randomUUID();
        const created = new Date(new Date(v.published_at).getTime() + r.int(0, 14) * 86400_000);
        const outcome = r.pick(['pending', 'interviewed', 'hired', 'rejected', 'declined', 'no_show', 'hired', 'rejected']);
        if (outcome === 'hired') hires.push([id, s, v.id, v.employer_id, officeIds[0], new Date(created.getTime() + 7 * 86400_000).toISOString().slice(0, 10), 12, v.wage_monthly_min ?? 5000]);
        yield [id, s, v.id, officeIds[r.int(0, officeIds.length - 1)], outcome, outcome === 'pending' ? null : new Date(created.getTime() + 5 * 86400_000), created];
      }
    })());
    await copy(sql, 'placements', ['referral_id', 'seeker_id', 'vacancy_id', 'employer_id', 'office_id', 'contract_start', 'contract_months', 'monthly_wage'], hires);
    log(`referrals: ${seen.size}, placements: ${hires.length} (${Math.round(performance.now() - t3)} ms)`);
  }
  await sql`analyze`;
  return { employers: nEmployers, officeIds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { vacancies: { type: 'string', default: '100000' }, seekers: { type: 'string', default: '1000000' }, referrals: { type: 'string', default: '200000' }, weeks: { type: 'string', default: '104' } },
  });
  const { default: postgresLib } = await import('postgres');
  const sql = postgresLib(process.env.DATABASE_URL!, { onnotice: () => {} });
  await generateCity(sql, { vacancies: Number(values.vacancies), seekers: Number(values.seekers), referrals: Number(values.referrals), weeks: Number(values.weeks) });
  await sql.end();
}
