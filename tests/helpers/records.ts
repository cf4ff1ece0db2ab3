import { randomInt } from 'node:crypto';
import { expect } from 'vitest';
import { creditCodeCheckChar } from '../../src/lib/validators.js';
import { seedReference } from '../../seeds/reference.js';
import { bearer, type TestContext } from './test-app.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid 统一社会信用代码 (random body, correct check character). */
export function creditCode(region = '440106'): string {
  let body = '91' + region;
  for (let i = 0; i < 9; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return body + creditCodeCheckChar(body)!;
}

export interface Principals {
  none: Record<string, string>;
  admin: Record<string, string>;
  staff: Record<string, string>;
  organiser: Record<string, string>;
  employerOwn: Record<string, string>;
  employerOther: Record<string, string>;
}
export type Who = keyof Principals;
export const WHO: Who[] = ['none', 'admin', 'staff', 'organiser', 'employerOwn', 'employerOther'];

export interface World {
  offices: { city: string; tianhe: string; haizhu: string; shipai: string };
  employers: { own: string; other: string };
  as: Principals;
  /** Staff of Haizhu (another district): reads Tianhe's records, may not write them. */
  staffHaizhu: Record<string, string>;
  organiserHaizhu: Record<string, string>;
}

export async function officeId(ctx: TestContext, code: string): Promise<string> {
  const rows = await ctx.resources.database.sql`select id from offices where code = ${code}`;
  return rows[0]!.id as string;
}

/** Loads reference data (demo city, taxonomies) and creates two Tianhe employers plus a key per role. */
export async function buildWorld(ctx: TestContext): Promise<World> {
  await seedReference(ctx.resources.database.db);
  const offices = {
    city: await officeId(ctx, '440100'),
    tianhe: await officeId(ctx, '440106'),
    haizhu: await officeId(ctx, '440105'),
    shipai: await officeId(ctx, '440106001'),
  };
  const mk = async (name: string) => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/employers',
      headers: bearer(ctx.adminKey),
      payload: { name, creditCode: creditCode(), industry: 'C', sizeBand: 'medium', districtCode: '440106', contactName: '王经理', contactPhone: '13800138000', officeId: offices.tianhe, verified: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const employers = { own: await mk('广州天河精密制造有限公司'), other: await mk('广州天河物流有限公司') };
  const as: Principals = {
    none: {},
    admin: bearer(ctx.adminKey),
    staff: bearer(await ctx.keyFor('staff', { officeId: offices.tianhe })),
    organiser: bearer(await ctx.keyFor('organiser', { officeId: offices.tianhe })),
    employerOwn: bearer(await ctx.keyFor('employer', { employerId: employers.own })),
    employerOther: bearer(await ctx.keyFor('employer', { employerId: employers.other })),
  };
  return {
    offices,
    employers,
    as,
    staffHaizhu: bearer(await ctx.keyFor('staff', { officeId: offices.haizhu })),
    organiserHaizhu: bearer(await ctx.keyFor('organiser', { officeId: offices.haizhu })),
  };
}
