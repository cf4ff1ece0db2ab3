import type { VacancyDoc } from '../../src/search/documents.js';
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { creditCodeCheckChar } from '../../src/lib/validators.js';
import { vacancyChanged, seekerChanged } from '../../src/jobs/events.js';
import { createDatabase } from '../../src/db/client.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { seekers } from '../../src/modules/seekers/seekers.table.js';

/** Minimal records for search tests, inserted directly (the records API has its own tests). */
export async function baseRecords(sql: postgres.Sql) {
  await sql`insert into districts (code, name_zh, name_en, lat, lon) values
    ('440106', '天河区', 'Tianhe', 23.125, 113.361), ('440104', '越秀区', 'Yuexiu', 23.129, 113.267) on conflict do nothing`;
  const [office] = await sql`insert into offices (code, name_zh, name_en, level, path, district_code)
    values (${'T' + Date.now()}, '测试人社局', 'Test PES office', 'city', 'T', '440106') returning id`;
  return { officeId: office!.id as string };
}

let creditSeq = 0;
export function creditCode(): string {
  const body = `91440106MA${String(++creditSeq).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

/** An employer registered (and so verified) by the office: its recruiters may search and see candidates. */
export async function insertEmployer(sql: postgres.Sql, officeId: string, name: string, opts: { verified?: boolean } = {}) {
  const [e] = await sql`insert into employers (name, credit_code, industry, size_band, district_code, office_id, contact_name, contact_phone, verified)
    values (${name}, ${creditCode()}, 'C', 'small', '440106', ${officeId}, '王经理', '13800138000', ${opts.verified ?? true}) returning id`;
  return e!.id as string;
}

export interface VacancySeed {
  title: string;
  employerId: string;
  officeId: string;
  description?: string;
  districtCode?: string;
  wageMonthlyMin?: number | null;
  wageMonthlyMax?: number | null;
  educationMin?: string;
  contractType?: string;
  iscoUnit?: string | null;
  publicWelfare?: boolean;
  status?: string;
  publishedAt?: Date;
  expiresAt?: Date | null;
  lat?: number | null;
  lon?: number | null;
  fairId?: string | null;
}

/** Inserts a vacancy and its search-sync outbox row in one transaction, as the services do. */
export async function insertVacancy(url: string, v: VacancySeed): Promise<string> {
  const database = createDatabase(url, { max: 1 });
  try {
    return await database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(vacancies)
        .values({
          employerId: v.employerId,
          officeId: v.officeId,
          title: v.title,
          description: v.description ?? '',
          wageMin: v.wageMonthlyMin ?? null,
          wageMax: v.wageMonthlyMax ?? null,
          wageMonthlyMin: v.wageMonthlyMin ?? null,
          wageMonthlyMax: v.wageMonthlyMax ?? null,
          educationMin: (v.educationMin ?? 'none') as never,
          contractType: (v.contractType ?? 'full_time') as never,
          districtCode: v.districtCode ?? '440106',
          iscoUnit: v.iscoUnit ?? null,
          occupationSystem: v.iscoUnit ? 'isco' : null,
          occupationCode: v.iscoUnit ?? null,
          publicWelfare: v.publicWelfare ?? false,
          status: (v.status ?? 'published') as never,
          publishedAt: v.publishedAt ?? new Date(),
          expiresAt: v.expiresAt === null ? null : (v.expiresAt ?? new Date(Date.now() + 30 * 86400_000)),
          lat: v.lat ?? null,
          lon: v.lon ?? null,
          fairId: v.fairId ?? null,
        })
        .returning({ id: vacancies.id });
      await vacancyChanged(tx, row!.id);
      return row!.id;
    });
  } finally {
    await database.close();
  }
}

export async function insertSeeker(
  url: string,
  s: { officeId: string; name: string; skills: string[]; profileText?: string; consent: boolean; phone?: string; isco?: string },
) {
  const database = createDatabase(url, { max: 1 });
  try {
    return await database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(seekers)
        .values({
          officeId: s.officeId,
          registrationKind: 'job_seeking',
          name: s.name,
          nationalIdHash: `h${randomUUID()}`,
          nationalIdLast4: '002X',
          phone: s.phone ?? '13912345678',
          birthDate: '1990-05-17',
          sex: 'female',
          ethnicity: '汉族',
          address: '广州市天河区体育西路1号',
          districtCode: '440106',
          education: 'senior_secondary',
          experienceYears: 5,
          skills: s.skills,
          desiredOccupations: s.isco ? [{ system: 'isco', code: s.isco }] : [],
          desiredWageMin: 5000,
          profileText: s.profileText ?? '',
          priorityGroups: ['disabled'],
          consentSearchable: s.consent,
        })
        .returning({ id: seekers.id });
      await seekerChanged(tx, row!.id);
      return row!.id;
    });
  } finally {
    await database.close();
  }
}

/** A fixed employer id for search documents. */
export const E = (n: string) => `00000000-0000-4000-8000-${n.padStart(12, '0')}`;
let seq = 0;
/** A complete search document for a vacancy, with what the test cares about overridden. */
export function vacancyDoc(over: Partial<VacancyDoc> & { title: string; employerId: string }): VacancyDoc {
  seq++;
  return {
    id: randomUUID(),
    employerName: `单位${over.employerId.slice(-2)}`,
    description: '',
    requirements: '',
    howToApply: '',
    districtCode: '440106',
    districtNameZh: '天河区',
    districtNameEn: 'Tianhe',
    iscoUnit: null,
    occupationSystem: null,
    occupationCode: null,
    skills: [],
    headcount: 1,
    wageMin: 4000,
    wageMax: 5000,
    wageUnit: 'month',
    wageStated: true,
    educationMin: 'none',
    contractType: 'full_time',
    fairId: null,
    fairName: null,
    boothNo: null,
    publicWelfare: false,
    publishedAt: new Date(Date.UTC(2026, 10, 1) + seq * 3600_000).toISOString(),
    expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString(),
    lat: null,
    lon: null,
    ...over,
  };
}

