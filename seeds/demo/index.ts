/**
 * Demo data: Guangzhou's public employment service over the past `weeks` (80 by default, so the
 * quarterly analysis has a previous quarter and the year shows 春风行动 and the graduate season)
 * and the next month. The city comes from seeds/city (the same catalogue and draws as the
 * benchmark generator, scripts/bench/generate.ts); its sources are in docs/demo-city.md.
 * People are synthetic (names from common characters, national IDs with valid check
 * characters but random digits).
 *
 * Idempotent: skips when the demo employers exist. Deterministic: a seeded PRNG, so two
 * machines get the same data for the same `now` (relative dates move with `now`).
 */
import { createHmac } from 'node:crypto';
import { prng } from '../../src/lib/prng.js';
import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.js';
import { enqueueMany } from '../../src/jobs/enqueue.js';
import { creditCodeCheckChar, nationalIdCheckChar } from '../../src/lib/validators.js';
import { employers } from '../../src/modules/employers/employers.table.js';
import { fairBooths, fairs } from '../../src/modules/fairs/fairs.table.js';
import { offices } from '../../src/modules/offices/offices.table.js';
import { placements, referralRequests, referrals } from '../../src/modules/referrals/referrals.table.js';
import { seekers } from '../../src/modules/seekers/seekers.table.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { normaliseVacancy, vacancyColumns, type VacancyFieldsInput } from '../../src/modules/vacancies/index.js';
import { screenVacancy, summarise } from '../../src/modules/screening/index.js';
import { seedDemoCity } from '../reference.js';
import { BY_CN } from '../city/catalogue.js';
import {
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
} from '../city/draw.js';

export interface DemoOptions {
  now: Date;
  /** The key the seekers module hashes national IDs with (config.hashKey). */
  hashKey: string;
  /** Defaults suit `npm run dev`; tests may ask for less. */
  employers?: number;
  vacancies?: number;
  seekers?: number;
  /** Weeks of history. */
  weeks?: number;
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

/** Open recruiter requests in the demo city (a counter's "推荐请求" list on the first day). */
const DEMO_REFERRAL_REQUESTS = 8;
/** The first demo employer's credit code starts with this: its presence means "already seeded". */
const DEMO_CODE_PREFIX = '91440100DM';
/** 春节 dates, for placing the 春风行动 fair in the history. */
const SPRING_FESTIVALS = ['2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26'].map((d) => new Date(`${d}T00:00:00+08:00`));

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红兰飞鹏辉建国志宏晓文斌宇浩然俊欣怡婷雪梅佳琪子涵梓轩欢丹颖慧琳海燕凤云峰波亮龙林鑫淑珍春燕家豪嘉怡晨阳思远雨婷';
const ETHNICITIES: [string, number][] = [['汉族', 92], ['壮族', 3], ['回族', 1], ['苗族', 1], ['土家族', 1], ['瑶族', 1], ['满族', 1]];

export async function seedDemo(db: DbOrTx, opts: DemoOptions): Promise<DemoCounts> {
  const none: DemoCounts = { skipped: true, employers: 0, fairs: 0, booths: 0, vacancies: 0, seekers: 0, referrals: 0, placements: 0, outbox: 0 };
  return db.transaction(async (tx) => {
    // One seeder at a time (two `npm run dev` at once); the second then sees the data and skips.
    await tx.execute(sql`select pg_advisory_xact_lock(72410002)`);
    const existing = await tx.select({ id: employers.id }).from(employers).where(sql`${employers.creditCode} like ${DEMO_CODE_PREFIX + '%'}`).limit(1);
    if (existing.length) return none;

    const now = opts.now;
    const nowMs = now.getTime();
    const weeks = opts.weeks ?? 80;
    const from = nowMs - weeks * WEEK;
    const rnd = prng(20260301);
    const hash = (id: string) => createHmac('sha256', opts.hashKey).update(id).digest('hex');

    // Reference data normally comes from seedReference; make sure the city is there.
    let officeRows = await tx.select().from(offices);
    if (!officeRows.some((o) => o.level === 'city')) {
      await seedDemoCity(tx);
      officeRows = await tx.select().from(offices);
    }
    const city = officeRows.find((o) => o.level === 'city')!;
    const officeOfDistrict = new Map(officeRows.filter((o) => o.level === 'district').map((o) => [o.districtCode!, o]));
    const officeFor = (district: string) => (officeOfDistrict.get(district) ?? city).id;

    // ── employers ──
    const drawn = drawEmployers(rnd, opts.employers ?? 160);
    let serial = 0;
    const creditCode = () => {
      const first = `${DEMO_CODE_PREFIX}${String(serial++).padStart(7, '0')}`;
      return first + creditCodeCheckChar(first);
    };
    const employerRows = await tx
      .insert(employers)
      .values(drawn.map((e) => ({ name: e.name, creditCode: creditCode(), industry: e.industry, ownership: e.ownership, sizeBand: e.sizeBand, districtCode: e.district.code, address: e.address, officeId: officeFor(e.district.code), verified: rnd.chance(0.9) })))
      .returning();

    // ── fairs: 4 weeks back, 4 weeks ahead, monthly themes, 春风行动 and the graduate fair ──
    const fairValues: (typeof fairs.$inferInsert)[] = [];
    const at = (d: Date, hour: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8));
    const saturday0 = new Date(nowMs - ((now.getUTCDay() + 1) % 7) * DAY); // the last Saturday (or today)
    const cityName = city.nameZh.replace(/公共就业服务中心$/, '');
    const districtOffices = officeRows.filter((o) => o.level === 'district');
    for (let w = -4; w <= 4; w++) {
      const day = new Date(saturday0.getTime() + w * WEEK);
      fairValues.push({ name: `${cityName}周六招聘会（${day.getUTCMonth() + 1}月${day.getUTCDate()}日）`, kind: 'weekly_saturday', startsAt: at(day, 9), endsAt: at(day, 12), venue: `${cityName}人力资源市场一楼大厅`, districtCode: city.districtCode, officeId: city.id });
      const county = districtOffices[(w + 8) % Math.max(1, districtOffices.length)] ?? city;
      const wed = new Date(day.getTime() - 3 * DAY);
      fairValues.push({ name: `${county.nameZh.replace(/公共就业服务中心$/, '')}每周招聘会`, kind: 'county_weekly', startsAt: at(wed, 9), endsAt: at(wed, 12), venue: `${county.nameZh}服务大厅`, districtCode: county.districtCode, officeId: county.id });
    }
    for (const [m, theme] of [[-1, '制造业专场'], [0, '现代服务业专场'], [1, '就业援助月专场']] as const) {
      const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + m, 15));
      fairValues.push({ name: `${cityName}${first.getUTCMonth() + 1}月主题招聘会·${theme}`, kind: 'city_theme_monthly', startsAt: at(first, 9), endsAt: at(first, 16), venue: `${cityName}国际会展中心`, districtCode: city.districtCode, officeId: city.id });
    }
    // 春风行动: the Saturday about two weeks after the latest Spring Festival in the history.
    const festival = [...SPRING_FESTIVALS].reverse().find((d) => d.getTime() < nowMs - 14 * DAY && d.getTime() > from);
    if (festival) {
      const spring = new Date(festival.getTime() + 16 * DAY);
      fairValues.push({ name: `${spring.getUTCFullYear()}年“春风行动”暨就业援助专场招聘会`, kind: 'special_campaign', campaign: '春风行动', startsAt: at(spring, 9), endsAt: at(spring, 16), venue: `${cityName}人力资源市场`, districtCode: city.districtCode, officeId: city.id });
    }
    const june = new Date(Date.UTC(now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1, 5, 20));
    if (june.getTime() > from) fairValues.push({ name: `${june.getUTCFullYear()}年高校毕业生就业服务月专场招聘会`, kind: 'special_campaign', campaign: '高校毕业生就业服务', startsAt: at(june, 9), endsAt: at(june, 16), venue: `${cityName}国际会展中心`, districtCode: city.districtCode, officeId: city.id });
    for (const f of fairValues) {
      const past = f.endsAt < now;
      f.status = past ? 'closed' : 'planned';
      if (past) f.attendance = rnd.int(300, f.kind === 'city_theme_monthly' || f.kind === 'special_campaign' ? 5000 : 1500);
    }
    const fairRows = await tx.insert(fairs).values(fairValues).returning();

    const boothValues: (typeof fairBooths.$inferInsert)[] = [];
    const boothsOf = new Map<string, { id: string; name: string }[]>();
    const welfareEmployers = employerRows.filter((e) => e.ownership === 'public_institution' || e.ownership === 'government');
    for (const f of fairRows) {
      const n = f.kind === 'city_theme_monthly' || f.kind === 'special_campaign' ? 30 : rnd.int(8, 16);
      const chosen = new Set<string>();
      // 春风行动 and assistance fairs always include employers with public welfare posts.
      if (f.kind === 'special_campaign') for (const e of welfareEmployers.slice(0, 3)) chosen.add(e.id);
      while (chosen.size < Math.min(n, employerRows.length)) chosen.add(rnd.pick(employerRows).id);
      [...chosen].forEach((employerId, i) => {
        boothValues.push({ fairId: f.id, employerId, boothNo: `${String.fromCharCode(65 + Math.floor(i / 20))}${String((i % 20) + 1).padStart(2, '0')}`, intentionsReached: f.endsAt < now ? rnd.int(0, 25) : null });
        boothsOf.set(employerId, [...(boothsOf.get(employerId) ?? []), { id: f.id, name: f.name }]);
      });
    }
    for (let i = 0; i < boothValues.length; i += 1000) await tx.insert(fairBooths).values(boothValues.slice(i, i + 1000));

    // ── vacancies: seasonal postings of the catalogue's occupations ──
    const target = opts.vacancies ?? 5000;
    const byOcc = employersByOccupation(drawn);
    const vacancyValues: (typeof vacancies.$inferInsert)[] = [];
    for (let i = 0; i < target; i++) {
      const occ = rnd.weighted(OCCUPATION_WEIGHTS);
      const ei = rnd.pick(byOcc.get(occ.cn)!);
      const employer = employerRows[ei]!;
      const publishedMs = drawTime(rnd, from, nowMs, (t) => demandSeason(t, occ));
      const fairChoices = (boothsOf.get(employer.id) ?? []).filter(() => rnd.chance(0.4));
      const fair = fairChoices[0];
      const v = drawVacancy(rnd, occ, drawn[ei]!, fair?.name);
      const fields: VacancyFieldsInput = {
        title: v.title, description: v.description, requirements: v.requirements, howToApply: v.howToApply, skills: v.skills, headcount: v.headcount,
        wageMin: v.wageMin, wageMax: v.wageMax, wageUnit: 'month', educationMin: v.educationMin, experienceMinYears: v.experienceMinYears,
        contractType: v.contractType, districtCode: employer.districtCode ?? undefined, lat: v.lat, lon: v.lon, publicWelfare: v.publicWelfare,
        occupationSystem: 'cn2022', occupationCode: occ.cn,
      };
      const { derived } = normaliseVacancy(fields);
      const findings = screenVacancy({ title: fields.title, description: fields.description ?? null, requirements: fields.requirements ?? null, fields: { wageMin: v.wageMin, wageMax: v.wageMax, wageUnit: 'month' } });
      const outcome = summarise(findings).outcome;
      const life = drawVacancyLife(rnd, publishedMs);
      let status: (typeof vacancies.$inferInsert)['status'];
      let closedAt: Date | null = null;
      if (outcome === 'block') status = 'rejected';
      else if (outcome === 'review') status = 'pending_review';
      else if (life.closesAt !== null && life.closesAt < nowMs) [status, closedAt] = [life.outcome, new Date(life.closesAt)];
      else status = life.expiresAt < nowMs ? 'expired' : 'published';
      const publishedAt = new Date(publishedMs);
      vacancyValues.push({
        employerId: employer.id,
        fairId: fair?.id ?? null,
        officeId: employer.officeId,
        ...vacancyColumns(fields, derived),
        // The 2022 code is the record; the ISCO unit group is the catalogue's crosswalk entry.
        occupationSystem: 'cn2022',
        occupationCode: occ.cn,
        iscoUnit: occ.isco,
        skillGradeRequired: v.skillGradeRequired,
        status,
        publishedAt: status === 'pending_review' || status === 'rejected' ? null : publishedAt,
        expiresAt: new Date(life.expiresAt),
        closedAt,
        screeningOutcome: outcome,
        screeningFindings: findings,
        source: 'demo',
        externalRef: `demo-${i}`,
        createdAt: new Date(publishedMs - DAY),
        updatedAt: closedAt ?? (status === 'expired' ? new Date(life.expiresAt) : publishedAt),
      });
    }
    const vacancyRows: { id: string; status: string; wageMonthlyMin: number | null; wageMonthlyMax: number | null; employerId: string; officeId: string; publishedAt: Date | null; closedAt: Date | null; expiresAt: Date | null; occupationCode: string | null; publicWelfare: boolean }[] = [];
    for (let i = 0; i < vacancyValues.length; i += 500) {
      vacancyRows.push(
        ...(await tx
          .insert(vacancies)
          .values(vacancyValues.slice(i, i + 500))
          .returning({ id: vacancies.id, status: vacancies.status, wageMonthlyMin: vacancies.wageMonthlyMin, wageMonthlyMax: vacancies.wageMonthlyMax, employerId: vacancies.employerId, officeId: vacancies.officeId, publishedAt: vacancies.publishedAt, closedAt: vacancies.closedAt, expiresAt: vacancies.expiresAt, occupationCode: vacancies.occupationCode, publicWelfare: vacancies.publicWelfare })),
      );
    }

    // ── job seekers: registrations follow the seasons; registrations lapse unless renewed ──
    const nSeekers = opts.seekers ?? 9000;
    const usedIds = new Set<string>();
    const seekerValues: (typeof seekers.$inferInsert)[] = [];
    const drawnSeekers: ReturnType<typeof drawSeeker>[] = [];
    for (let i = 0; i < nSeekers; i++) {
      const grad = rnd.chance(0.08);
      const registeredMs = drawTime(rnd, from, nowMs, (t) => supplySeason(t, grad), grad ? 4 : 1.7);
      const s = drawSeeker(rnd, grad);
      drawnSeekers.push(s);
      const birth = new Date(registeredMs - s.age * 365.25 * DAY - rnd.int(0, 364) * DAY);
      let id: string;
      do {
        const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
        const seq = String(rnd.int(0, 99)).padStart(2, '0') + String(rnd.int(0, 4) * 2 + (s.male ? 1 : 0));
        const first17 = `${s.district.code}${ymd}${seq}`;
        id = first17 + nationalIdCheckChar(first17);
      } while (usedIds.has(id));
      usedIds.add(id);
      const lapses = registeredMs + s.registrationWeeks * WEEK;
      const registeredAt = new Date(registeredMs);
      seekerValues.push({
        officeId: officeFor(s.district.code),
        registrationKind: s.registrationKind,
        name: rnd.pick([...SURNAMES]) + rnd.pick([...GIVEN]) + (rnd.chance(0.6) ? rnd.pick([...GIVEN]) : ''),
        nationalIdHash: hash(id),
        nationalIdLast4: id.slice(-4),
        phone: `1${rnd.pick(['3', '5', '7', '8', '9'])}${String(rnd.int(0, 999_999_999)).padStart(9, '0')}`,
        birthDate: birth.toISOString().slice(0, 10),
        sex: s.male ? 'male' : 'female',
        ethnicity: rnd.weighted(ETHNICITIES),
        hukouType: s.hukou,
        districtCode: s.district.code,
        lat: s.lat,
        lon: s.lon,
        education: s.education,
        experienceYears: s.experienceYears,
        skills: s.skills,
        desiredOccupations: [{ system: 'isco', code: s.occ.isco }, { system: 'cn2022', code: s.occ.cn }, ...(s.second ? [{ system: 'cn2022', code: s.second.cn }] : [])],
        desiredWageMin: s.desiredWageMin,
        availability: s.availability,
        profileText: s.profileText,
        priorityGroups: s.priorityGroups,
        unemployedSince: s.unemployedDays ? new Date(registeredMs - s.unemployedDays * DAY).toISOString().slice(0, 10) : null,
        seekerCategory: s.category,
        skillGrade: s.skillGrade,
        consentSearchable: rnd.chance(0.7),
        consentContactViaReferral: rnd.chance(0.95),
        status: lapses < nowMs ? 'inactive' : 'active',
        registeredAt,
        createdAt: registeredAt,
        updatedAt: lapses < nowMs ? new Date(lapses) : registeredAt,
      });
    }
    const seekerRows: { id: string; officeId: string; consentSearchable: boolean; registeredAt: Date; updatedAt: Date; status: string; priorityGroups: string[] }[] = [];
    for (let i = 0; i < seekerValues.length; i += 500) {
      seekerRows.push(
        ...(await tx
          .insert(seekers)
          .values(seekerValues.slice(i, i + 500))
          .returning({ id: seekers.id, officeId: seekers.officeId, consentSearchable: seekers.consentSearchable, registeredAt: seekers.registeredAt, updatedAt: seekers.updatedAt, status: seekers.status, priorityGroups: seekers.priorityGroups })),
      );
    }

    // ── referrals and placements: people are referred to openings in the work they want ──
    const openByOcc = new Map<string, typeof vacancyRows>();
    for (const v of vacancyRows) {
      if (!v.publishedAt || !v.occupationCode) continue;
      openByOcc.set(v.occupationCode, [...(openByOcc.get(v.occupationCode) ?? []), v]);
    }
    const vacancyEnd = (v: (typeof vacancyRows)[number]) => Math.min(v.closedAt?.getTime() ?? Infinity, v.expiresAt?.getTime() ?? Infinity, nowMs);
    const referralValues: (typeof referrals.$inferInsert)[] = [];
    const pairs = new Set<string>();
    const hiredInfo: { seekerIndex: number; vacancy: (typeof vacancyRows)[number]; at: Date }[] = [];
    seekerRows.forEach((s, si) => {
      const d = drawnSeekers[si]!;
      const regFrom = s.registeredAt.getTime();
      const regTo = s.status === 'inactive' ? s.updatedAt.getTime() : nowMs;
      const wished = [d.occ.cn, ...(d.second ? [d.second.cn] : [])];
      // Openings in a wished occupation that were open during the registration; public welfare posts only for priority groups.
      const candidates = wished
        .flatMap((cn) => openByOcc.get(cn) ?? [])
        .filter((v) => v.publishedAt!.getTime() < regTo && vacancyEnd(v) > regFrom && (!v.publicWelfare || s.priorityGroups.length > 0));
      const n = candidates.length ? rnd.weighted<number>([[0, 30], [1, 35], [2, 20], [3, 15]]) : 0;
      let hired = false;
      for (let k = 0; k < n; k++) {
        const v = rnd.pick(candidates);
        if (pairs.has(`${s.id}:${v.id}`)) continue;
        pairs.add(`${s.id}:${v.id}`);
        const lo = Math.max(regFrom, v.publishedAt!.getTime());
        const hi = Math.min(regTo, vacancyEnd(v), nowMs - DAY);
        if (hi <= lo) continue;
        const createdAt = new Date(lo + rnd.next() ** 2 * (hi - lo));
        let outcome = rnd.weighted<'pending' | 'interviewed' | 'hired' | 'rejected' | 'declined' | 'no_show'>([['pending', 8], ['interviewed', 20], ['hired', 25], ['rejected', 25], ['declined', 10], ['no_show', 12]]);
        if (nowMs - createdAt.getTime() < 4 * DAY && rnd.chance(0.7)) outcome = 'pending';
        if (outcome === 'hired' && hired) outcome = 'interviewed';
        const outcomeAt = outcome === 'pending' ? null : new Date(Math.min(nowMs, createdAt.getTime() + rnd.int(2, 10) * DAY));
        referralValues.push({ seekerId: s.id, vacancyId: v.id, officeId: s.officeId, outcome, outcomeAt, note: null, createdAt, updatedAt: outcomeAt ?? createdAt });
        if (outcome === 'hired') {
          hired = true;
          hiredInfo.push({ seekerIndex: si, vacancy: v, at: outcomeAt! });
        }
      }
    });
    const referralRows: { id: string; seekerId: string; vacancyId: string }[] = [];
    for (let i = 0; i < referralValues.length; i += 1000) {
      referralRows.push(...(await tx.insert(referrals).values(referralValues.slice(i, i + 1000)).returning({ id: referrals.id, seekerId: referrals.seekerId, vacancyId: referrals.vacancyId })));
    }
    const referralId = new Map(referralRows.map((r) => [`${r.seekerId}:${r.vacancyId}`, r.id]));
    const placedUntil = new Map<string, Date>();
    const placementValues: (typeof placements.$inferInsert)[] = hiredInfo.map((h) => {
      const s = seekerRows[h.seekerIndex]!;
      const d = drawnSeekers[h.seekerIndex]!;
      const lo = h.vacancy.wageMonthlyMin ?? h.vacancy.wageMonthlyMax ?? 4000;
      const hi = h.vacancy.wageMonthlyMax ?? lo;
      const start = new Date(Math.min(nowMs, h.at.getTime() + rnd.int(1, 7) * DAY));
      const occ = BY_CN.get(h.vacancy.occupationCode ?? '');
      placedUntil.set(s.id, start);
      return {
        referralId: referralId.get(`${s.id}:${h.vacancy.id}`)!,
        seekerId: s.id,
        vacancyId: h.vacancy.id,
        employerId: h.vacancy.employerId,
        officeId: s.officeId,
        contractStart: new Date(start.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
        contractMonths: rnd.pick([12, 12, 24, 36, 6]),
        // Actual pay: in the offered range, now and then a little outside it.
        monthlyWage: Math.round(((lo + rnd.next() * (hi - lo)) * (0.95 + rnd.next() * 0.1)) / 10) * 10,
        managementGrade: occ ? drawManagementGrade(rnd, occ) : 'staff',
        skillGrade: d.skillGrade,
        createdAt: h.at,
      };
    });
    for (let i = 0; i < placementValues.length; i += 1000) await tx.insert(placements).values(placementValues.slice(i, i + 1000));
    // A placed person's registration ends at the contract start (00:00 Asia/Shanghai).
    const placed = [...placedUntil.keys()];
    for (let i = 0; i < placed.length; i += 1000) {
      const ids = placed.slice(i, i + 1000);
      await tx.update(seekers).set({ status: 'placed' }).where(inArray(seekers.id, ids));
    }
    await tx.execute(sql`update seekers s set updated_at = (p.contract_start::timestamp at time zone 'Asia/Shanghai') from placements p where p.seeker_id = s.id and s.status = 'placed'`);

    // ── recruiters' open requests: a counter's "推荐请求" list is not empty on the first day ──
    // Consenting, still-registered people (recruiters only find those) asked for openings in the
    // work they want that are open now, by pairs not referred yet; the vacancy's office decides.
    const requestValues: (typeof referralRequests.$inferInsert)[] = [];
    const RECRUITERS = ['招聘专员 李女士', '人事主管 王先生', '招聘经理 陈女士'];
    seekerRows.forEach((s, si) => {
      if (requestValues.length >= DEMO_REFERRAL_REQUESTS || !s.consentSearchable || s.status !== 'active' || placedUntil.has(s.id) || !rnd.chance(0.2)) return;
      const open = (openByOcc.get(drawnSeekers[si]!.occ.cn) ?? []).filter((v) => v.status === 'published' && vacancyEnd(v) >= nowMs && !v.publicWelfare && !pairs.has(`${s.id}:${v.id}`));
      if (!open.length) return;
      const v = rnd.pick(open);
      pairs.add(`${s.id}:${v.id}`);
      const createdAt = new Date(nowMs - rnd.int(1, 72) * 3600_000);
      requestValues.push({ vacancyId: v.id, seekerId: s.id, employerId: v.employerId, officeId: v.officeId, requestedByName: rnd.pick(RECRUITERS), note: rnd.pick(['技能对口，希望安排面试', '请协助联系，本周可面试', null]), createdAt, updatedAt: createdAt });
    });
    if (requestValues.length) await tx.insert(referralRequests).values(requestValues);

    // ── search indexing: one outbox row per published vacancy and per consenting seeker ──
    // Through the outbox's own writer (contract-checked payloads), 1,000 rows a statement.
    const vacancyJobs = vacancyRows.filter((v) => v.status === 'published').map((v) => ({ vacancyId: v.id }));
    const seekerJobs = seekerRows.filter((s) => s.consentSearchable).map((s) => ({ seekerId: s.id }));
    for (let i = 0; i < vacancyJobs.length; i += 1000) await enqueueMany(tx, 'search.sync-vacancy', vacancyJobs.slice(i, i + 1000));
    for (let i = 0; i < seekerJobs.length; i += 1000) await enqueueMany(tx, 'search.sync-seeker', seekerJobs.slice(i, i + 1000));
    const outboxValues = { length: vacancyJobs.length + seekerJobs.length };

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
