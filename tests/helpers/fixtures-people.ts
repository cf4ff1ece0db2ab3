import { randomBytes } from 'node:crypto';
import { offices, districts } from '../../src/modules/offices/offices.table.js';
import { employers } from '../../src/modules/employers/employers.table.js';
import { vacancies } from '../../src/modules/vacancies/vacancies.table.js';
import { nationalIdCheckChar } from '../../src/lib/validators.js';
import type { TestContext } from './test-app.js';

/**
 * Offices, employers and vacancies for the seekers/referrals/audit tests, inserted directly
 * (those modules' routes belong to another area and are not what these tests are about).
 */
export interface PeopleWorld {
  cityOfficeId: string;
  officeAId: string;
  officeBId: string;
  /** A street office below district A. */
  officeA1Id: string;
  districtA: string;
  districtB: string;
  employer1Id: string;
  employer2Id: string;
  /** Published vacancy of employer 1. */
  vacancy1Id: string;
  /** Second published vacancy of employer 1. */
  vacancy1bId: string;
  /** Draft vacancy of employer 1. */
  draftVacancyId: string;
  /** Published vacancy of employer 2. */
  vacancy2Id: string;
  /** Published 公益性岗位 of employer 1. */
  welfareVacancyId: string;
  keys: { admin: string; staffA: string; staffB: string; staffCity: string; organiser: string; employer1: string; employer2: string };
}

export async function seedPeopleWorld(ctx: TestContext): Promise<PeopleWorld> {
  const db = ctx.resources.database.db;
  const tag = randomBytes(2).toString('hex');
  await db.insert(districts).values([
    { code: '440100', nameZh: '广州市', nameEn: 'Guangzhou' },
    { code: '440106', nameZh: '天河区', nameEn: 'Tianhe', parentCode: '440100' },
    { code: '440104', nameZh: '越秀区', nameEn: 'Yuexiu', parentCode: '440100' },
  ]).onConflictDoNothing();
  const [city] = await db.insert(offices).values({ code: `C${tag}`, nameZh: '市公共就业服务中心', nameEn: 'City PES', level: 'city', path: '440100', districtCode: '440100' }).returning();
  const [a] = await db.insert(offices).values({ code: `A${tag}`, nameZh: '天河区就业服务中心', nameEn: 'Tianhe PES', level: 'district', parentId: city!.id, path: '440100/440106', districtCode: '440106' }).returning();
  const [b] = await db.insert(offices).values({ code: `B${tag}`, nameZh: '越秀区就业服务中心', nameEn: 'Yuexiu PES', level: 'district', parentId: city!.id, path: '440100/440104', districtCode: '440104' }).returning();
  const [a1] = await db.insert(offices).values({ code: `A1${tag}`, nameZh: '石牌街道', nameEn: 'Shipai street', level: 'street', parentId: a!.id, path: '440100/440106/440106001', districtCode: '440106' }).returning();
  const [e1] = await db.insert(employers).values({ name: '广州示例电器有限公司', creditCode: `91440101${tag}ABCDEF1`.slice(0, 18), industry: 'C', sizeBand: 'medium', officeId: a!.id, verified: true }).returning();
  const [e2] = await db.insert(employers).values({ name: '越秀示例物业管理有限公司', creditCode: `91440104${tag}ABCDEF2`.slice(0, 18), industry: 'K', sizeBand: 'small', officeId: b!.id, verified: true }).returning();
  const published = { status: 'published' as const, publishedAt: new Date() };
  const [v1, v1b, draft, v2, welfare] = await db
    .insert(vacancies)
    .values([
      { employerId: e1!.id, officeId: a!.id, title: '电工', ...published, wageMin: 5000, wageMax: 7000 },
      { employerId: e1!.id, officeId: a!.id, title: '仓库管理员', ...published },
      { employerId: e1!.id, officeId: a!.id, title: '草稿岗位', status: 'draft' },
      { employerId: e2!.id, officeId: b!.id, title: '保安', ...published },
      { employerId: e1!.id, officeId: a!.id, title: '社区保洁（公益性岗位）', publicWelfare: true, ...published },
    ])
    .returning();
  const keys = {
    admin: ctx.adminKey,
    staffA: await ctx.keyFor('staff', { officeId: a!.id }),
    staffB: await ctx.keyFor('staff', { officeId: b!.id }),
    staffCity: await ctx.keyFor('staff', { officeId: city!.id }),
    organiser: await ctx.keyFor('organiser', { officeId: a!.id }),
    employer1: await ctx.keyFor('employer', { employerId: e1!.id }),
    employer2: await ctx.keyFor('employer', { employerId: e2!.id }),
  };
  return {
    cityOfficeId: city!.id,
    officeAId: a!.id,
    officeBId: b!.id,
    officeA1Id: a1!.id,
    districtA: '440106',
    districtB: '440104',
    employer1Id: e1!.id,
    employer2Id: e2!.id,
    vacancy1Id: v1!.id,
    vacancy1bId: v1b!.id,
    draftVacancyId: draft!.id,
    vacancy2Id: v2!.id,
    welfareVacancyId: welfare!.id,
    keys,
  };
}

let seq = 100;
/** A valid 18-character national ID; odd 17th digit = male. Each call gives a new number. */
export function makeNationalId(opts: { birth?: string; sex?: 'male' | 'female'; region?: string } = {}): string {
  const birth = (opts.birth ?? '1985-06-15').replace(/-/g, '');
  seq = (seq + 2) % 1000;
  let order = String(seq).padStart(3, '0');
  const odd = Number(order[2]) % 2 === 1;
  if ((opts.sex ?? 'male') === 'male' ? !odd : odd) order = order.slice(0, 2) + String((Number(order[2]) + 1) % 10);
  const first17 = `${opts.region ?? '440106'}${birth}${order}`;
  return first17 + nationalIdCheckChar(first17);
}

/** A registration body that is valid as it stands; override what the test is about. */
export function seekerBody(overrides: Record<string, unknown> = {}) {
  return {
    registrationKind: 'unemployment',
    name: '张伟',
    nationalId: makeNationalId(),
    phone: '13800138000',
    ethnicity: '汉族',
    hukouType: 'urban_local',
    address: '广州市天河区天河路100号',
    districtCode: '440106',
    education: 'vocational',
    experienceYears: 5,
    skills: ['电工', '低压电工证'],
    desiredOccupations: [{ system: 'cn2022', code: '6-31-01-03' }],
    desiredWageMin: 5000,
    availability: 'immediate',
    profileText: '从事电工工作五年，持低压电工证',
    priorityGroups: [],
    consentSearchable: true,
    consentContactViaReferral: true,
    ...overrides,
  };
}
