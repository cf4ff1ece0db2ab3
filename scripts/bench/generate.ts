/**
 * Builds the generated city (seeds/city: the same catalogue and draws as the demo) at a chosen
 * scale, streamed into Postgres with COPY: districts and an office tree, employers with local
 * names and matching industries, vacancies coded in the 2022 classification with seasonal
 * postings and how to apply, job seekers in the 求职人员类别 whose education, skills and wishes
 * fit, referrals and placements (with management and skill grades) over N weeks.
 *
 *   npx tsx scripts/bench/generate.ts --vacancies 100000 --seekers 1000000 --referrals 200000 --weeks 104
 * (DATABASE_URL must point at a migrated database; existing rows are kept.)
 * Sources of every proportion: docs/demo-city.md.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type postgres from 'postgres';
import { creditCodeCheckChar } from '../../src/lib/validators.js';
import { prng } from '../../src/lib/prng.js';
import { CATALOGUE } from '../../seeds/city/catalogue.js';
import {
  CITY_DISTRICTS,
  DAY,
  OCCUPATION_WEIGHTS,
  WEEK,
  demandSeason,
  drawEmployers,
  drawManagementGrade,
  drawSeeker,
  drawTime,
  drawVacancy,
  drawVacancyLife,
  employersByOccupation,
  supplySeason,
} from '../../seeds/city/draw.js';

export interface CityScale {
  vacancies: number;
  seekers: number;
  referrals: number;
  weeks: number;
  employers?: number;
  seed?: number;
}

/** [code, name_zh, name_en, lat, lon] of the city's districts (kept for callers of the old shape). */
export const DISTRICTS = CITY_DISTRICTS.map((d) => [d.code, d.zh, d.en, d.lat, d.lon] as const);

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

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文玉梅海燕鹏飞斌宇浩凯晨婷雪琳'.split('');

// `dataDir` is kept for callers of the old signature; the city no longer reads posting files.
export async function generateCity(sql: postgres.Sql, scale: CityScale, _dataDir?: string, log: (m: string) => void = console.error) {
  const r = prng(scale.seed ?? 42);
  const nEmployers = scale.employers ?? Math.max(60, Math.round(scale.vacancies / 50));
  const now = Date.now();
  const from = now - scale.weeks * WEEK;
  const t0 = performance.now();

  for (const d of CITY_DISTRICTS) {
    await sql`insert into districts (code, name_zh, name_en, parent_code, lat, lon) values (${d.code}, ${d.zh}, ${d.en + ' District'}, '440100', ${d.lat}, ${d.lon}) on conflict do nothing`;
  }
  await sql`insert into districts (code, name_zh, name_en) values ('440100', '广州市', 'Guangzhou') on conflict do nothing`;
  const [city] = await sql`insert into offices (code, name_zh, name_en, level, path, district_code) values ('B440100', '市公共就业服务中心', 'City PES centre', 'city', 'B440100', '440100')
    on conflict (code) do update set name_zh = excluded.name_zh returning id`;
  const officeIds: string[] = [];
  const officeOf = new Map<string, string>();
  for (const d of CITY_DISTRICTS) {
    const [o] = await sql`insert into offices (code, name_zh, name_en, level, parent_id, path, district_code)
      values (${'B' + d.code}, ${d.zh + '公共就业服务中心'}, ${d.en + ' PES office'}, 'district', ${city!.id}, ${'B440100/B' + d.code}, ${d.code})
      on conflict (code) do update set name_zh = excluded.name_zh returning id`;
    officeIds.push(o!.id);
    officeOf.set(d.code, o!.id);
  }

  const drawn = drawEmployers(r, nEmployers);
  const employerIds: string[] = [];
  const stamp = Date.now().toString(36).toUpperCase().replace(/[IOSVZ]/g, 'A').slice(-6);
  await copy(sql, 'employers', ['id', 'name', 'credit_code', 'industry', 'ownership', 'size_band', 'district_code', 'address', 'office_id', 'verified'], (function* () {
    for (let i = 0; i < drawn.length; i++) {
      const e = drawn[i]!;
      const id = randomUUID();
      employerIds.push(id);
      const uniq = `9144${String(i).padStart(7, '0')}${stamp}`.slice(0, 17);
      // Names repeat across runs of the generator into one database: the suffix keeps them apart.
      yield [id, e.name, uniq + creditCodeCheckChar(uniq), e.industry, e.ownership, e.sizeBand, e.district.code, e.address, officeOf.get(e.district.code), r.chance(0.85)];
    }
  })());
  log(`employers: ${nEmployers} (${Math.round(performance.now() - t0)} ms)`);

  const t1 = performance.now();
  const byOcc = employersByOccupation(drawn);
  await copy(sql, 'vacancies', ['employer_id', 'office_id', 'title', 'description', 'requirements', 'how_to_apply', 'isco_unit', 'occupation_system', 'occupation_code', 'skills', 'headcount', 'wage_min', 'wage_max', 'wage_unit', 'wage_monthly_min', 'wage_monthly_max', 'education_min', 'experience_min_years', 'contract_type', 'skill_grade_required', 'district_code', 'lat', 'lon', 'public_welfare', 'status', 'published_at', 'expires_at', 'closed_at', 'screening_outcome', 'source', 'updated_at'], (function* () {
    for (let i = 0; i < scale.vacancies; i++) {
      const occ = r.weighted(OCCUPATION_WEIGHTS);
      const ei = r.pick(byOcc.get(occ.cn)!);
      const e = drawn[ei]!;
      const v = drawVacancy(r, occ, e);
      const published = drawTime(r, from, now, (t) => demandSeason(t, occ));
      const life = drawVacancyLife(r, published);
      const closedAt = life.closesAt !== null && life.closesAt < now ? life.closesAt : null;
      const status = closedAt !== null ? life.outcome : life.expiresAt < now ? 'expired' : 'published';
      yield [employerIds[ei], officeOf.get(e.district.code), v.title, v.description, v.requirements, v.howToApply, occ.isco, 'cn2022', occ.cn, v.skills,
        v.headcount, v.wageMin, v.wageMax, 'month', v.wageMin, v.wageMax, v.educationMin, v.experienceMinYears, v.contractType, v.skillGradeRequired,
        e.district.code, v.lat, v.lon, v.publicWelfare, status, new Date(published), new Date(life.expiresAt), closedAt === null ? null : new Date(closedAt), 'pass', 'generator',
        new Date(closedAt ?? (status === 'expired' ? life.expiresAt : published))];
    }
  })());
  log(`vacancies: ${scale.vacancies} (${Math.round(performance.now() - t1)} ms)`);

  const t2 = performance.now();
  const seekerIds: string[] = [];
  /** Seeker indices by wished occupation, so referrals go to people who want that work. */
  const wanting = new Map<string, number[]>();
  const regAt: number[] = [];
  await copy(sql, 'seekers', ['id', 'office_id', 'registration_kind', 'name', 'national_id_hash', 'national_id_last4', 'phone', 'birth_date', 'sex', 'ethnicity', 'hukou_type', 'district_code', 'lat', 'lon', 'education', 'experience_years', 'skills', 'desired_occupations', 'desired_wage_min', 'availability', 'profile_text', 'priority_groups', 'unemployed_since', 'seeker_category', 'skill_grade', 'consent_searchable', 'status', 'registered_at', 'updated_at'], (function* () {
    for (let i = 0; i < scale.seekers; i++) {
      const id = randomUUID();
      const grad = r.chance(0.08);
      const registered = drawTime(r, from, now, (t) => supplySeason(t, grad), grad ? 4 : 1.7);
      const s = drawSeeker(r, grad);
      if (seekerIds.length < 2_000_000) {
        seekerIds.push(id);
        regAt.push(registered);
        const list = wanting.get(s.occ.cn) ?? [];
        list.push(seekerIds.length - 1);
        wanting.set(s.occ.cn, list);
      }
      const birth = new Date(registered - s.age * 365.25 * DAY - r.int(0, 364) * DAY);
      const lapses = registered + s.registrationWeeks * WEEK;
      const desired = [{ system: 'isco', code: s.occ.isco }, { system: 'cn2022', code: s.occ.cn }, ...(s.second ? [{ system: 'cn2022', code: s.second.cn }] : [])];
      yield [id, officeOf.get(s.district.code), s.registrationKind, `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.chance(0.5) ? r.pick(GIVEN) : ''}`,
        createHash('sha1').update(`seeker-${scale.seed ?? 42}-${i}-${randomUUID()}`).digest('hex'), String(r.int(1000, 9999)), `13${r.int(100000000, 999999999)}`,
        birth.toISOString().slice(0, 10), s.male ? 'male' : 'female', r.chance(0.92) ? '汉族' : r.pick(['壮族', '回族', '满族', '苗族', '瑶族', '土家族']), s.hukou, s.district.code, s.lat, s.lon,
        s.education, s.experienceYears, s.skills, JSON.stringify(desired), s.desiredWageMin, s.availability, s.profileText, s.priorityGroups,
        s.unemployedDays ? new Date(registered - s.unemployedDays * DAY).toISOString().slice(0, 10) : null, s.category, s.skillGrade, r.chance(0.7),
        lapses < now ? 'inactive' : 'active', new Date(registered), new Date(lapses < now ? lapses : registered)];
    }
  })());
  log(`seekers: ${scale.seekers} (${Math.round(performance.now() - t2)} ms)`);

  if (scale.referrals > 0 && seekerIds.length) {
    const t3 = performance.now();
    const published = (await sql`select id, employer_id, office_id, occupation_code, wage_monthly_min, wage_monthly_max, published_at from vacancies tablesample system (${Math.min(100, (20000 / Math.max(1, scale.vacancies)) * 100)}) where source = 'generator' limit 20000`) as unknown as { id: string; employer_id: string; office_id: string; occupation_code: string | null; wage_monthly_min: number | null; wage_monthly_max: number | null; published_at: Date }[];
    const occByCn = new Map(CATALOGUE.map((c) => [c.cn, c]));
    const hires: unknown[][] = [];
    const seen = new Set<string>();
    const placed = new Set<number>();
    await copy(sql, 'referrals', ['id', 'seeker_id', 'vacancy_id', 'office_id', 'outcome', 'outcome_at', 'created_at'], (function* () {
      for (let i = 0; i < scale.referrals && published.length; i++) {
        const v = r.pick(published);
        const pool = (v.occupation_code && wanting.get(v.occupation_code)) || null;
        const si = pool && r.chance(0.85) ? r.pick(pool) : r.int(0, seekerIds.length - 1);
        const s = seekerIds[si]!;
        if (seen.has(s + v.id)) continue;
        seen.add(s + v.id);
        const id = randomUUID();
        const created = Math.max(new Date(v.published_at).getTime(), regAt[si]!) + r.int(0, 14) * DAY;
        if (created > now - DAY) continue;
        let outcome = r.weighted<string>([['pending', 8], ['interviewed', 20], ['hired', 22], ['rejected', 27], ['declined', 10], ['no_show', 13]]);
        if (outcome === 'hired' && placed.has(si)) outcome = 'interviewed';
        const outcomeAt = outcome === 'pending' ? null : Math.min(now, created + r.int(2, 10) * DAY);
        if (outcome === 'hired') {
          placed.add(si);
          const occ = occByCn.get(v.occupation_code ?? '') ?? CATALOGUE[0]!;
          const lo = Number(v.wage_monthly_min ?? 5000);
          const hi = Number(v.wage_monthly_max ?? lo);
          // Actual pay: somewhere in the offered range, sometimes a little above or below it.
          const actual = Math.round((lo + r.next() * (hi - lo)) * (0.95 + r.next() * 0.1) / 10) * 10;
          hires.push([id, s, v.id, v.employer_id, v.office_id, new Date(Math.min(now, outcomeAt! + r.int(1, 7) * DAY)).toISOString().slice(0, 10), r.pick([12, 12, 24, 36, 6]), actual, drawManagementGrade(r, occ), null]);
        }
        yield [id, s, v.id, officeIds[r.int(0, officeIds.length - 1)], outcome, outcomeAt === null ? null : new Date(outcomeAt), new Date(created)];
      }
    })());
    await copy(sql, 'placements', ['referral_id', 'seeker_id', 'vacancy_id', 'employer_id', 'office_id', 'contract_start', 'contract_months', 'monthly_wage', 'management_grade', 'skill_grade'], hires);
    // The placed person's registration ends at the contract start; the placement carries their grade.
    await sql`update placements p set skill_grade = s.skill_grade from seekers s where s.id = p.seeker_id and p.skill_grade is null and p.vacancy_id in (select id from vacancies where source = 'generator')`;
    await sql`update seekers s set status = 'placed', updated_at = (p.contract_start::timestamp at time zone 'Asia/Shanghai')
      from placements p where p.seeker_id = s.id and s.status <> 'placed' and p.vacancy_id in (select id from vacancies where source = 'generator')`;
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
