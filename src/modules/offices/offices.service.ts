import type { DbOrTx } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import * as repo from './offices.repository.js';
import type { DistrictRow, OfficeRow } from './offices.repository.js';

/** A unique violation that slipped past the existence check (two requests racing) is still a 409. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, d = 0; e && d < 4; e = e.cause as typeof e, d++) {
    if (e.code === '23505') return true;
  }
  return false;
}

export type OfficeLevel = OfficeRow['level'];
const LEVEL_RANK: Record<OfficeLevel, number> = { city: 0, district: 1, street: 2, community: 3 };

const unprocessable = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);

/** 422 naming the field when a district code in a body does not exist (never a 500 from the FK). */
export async function assertDistrictExists(db: DbOrTx, code: string | null | undefined, field = 'body.districtCode'): Promise<void> {
  if (code == null) return;
  if (!(await repo.findDistrict(db, code))) throw unprocessable(field, 'unknown district code', '行政区划代码不存在');
}

export async function assertOfficeExists(db: DbOrTx, id: string | null | undefined, field = 'body.officeId'): Promise<OfficeRow | undefined> {
  if (id == null) return undefined;
  const row = await repo.findOffice(db, id);
  if (!row) throw unprocessable(field, 'unknown office', '服务机构不存在');
  return row;
}

export async function getOffice(db: DbOrTx, id: string): Promise<OfficeRow> {
  const row = await repo.findOffice(db, id);
  if (!row) throw notFound('Office', '服务机构');
  return row;
}

export const listOffices = repo.listOffices;

export interface OfficeCreate {
  code: string;
  nameZh: string;
  nameEn: string;
  level: OfficeLevel;
  parentId?: string | null;
  districtCode?: string | null;
}

/**
 * The path is derived from the parent ("440100/440106"), so scope checks are prefix tests.
 * Offices cannot be moved: that would silently change who may write what.
 */
export async function createOffice(db: DbOrTx, input: OfficeCreate): Promise<OfficeRow> {
  const duplicate = () =>
    conflict('DUPLICATE_OFFICE_CODE', { en: `An office with code ${input.code} exists`, zh: `编码为 ${input.code} 的服务机构已存在` }, [{ field: 'body.code', message: 'already exists' }]);
  const run = () => db.transaction(async (tx) => {
    if (await repo.findOfficeByCode(tx, input.code)) throw duplicate();
    await assertDistrictExists(tx, input.districtCode);
    let path = input.code;
    if (input.parentId) {
      const parent = await assertOfficeExists(tx, input.parentId, 'body.parentId');
      if (LEVEL_RANK[parent!.level] >= LEVEL_RANK[input.level]) {
        throw unprocessable('body.level', `must be below the parent's level (${parent!.level})`, `须低于上级机构的层级（${parent!.level}）`);
      }
      path = `${parent!.path}/${input.code}`;
    } else if (input.level !== 'city') {
      throw unprocessable('body.parentId', 'is required for offices below city level', '非市级机构须指定上级机构');
    }
    return repo.insertOffice(tx, {
      code: input.code,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      level: input.level,
      parentId: input.parentId ?? null,
      path,
      districtCode: input.districtCode ?? null,
    });
  });
  return run().catch((err: unknown) => {
    throw isUniqueViolation(err) ? duplicate() : err;
  });
}

export async function updateOffice(
  db: DbOrTx,
  id: string,
  input: { nameZh?: string; nameEn?: string; districtCode?: string | null },
): Promise<OfficeRow> {
  return db.transaction(async (tx) => {
    await getOffice(tx, id);
    await assertDistrictExists(tx, input.districtCode);
    const row = await repo.updateOffice(tx, id, input);
    return row!;
  });
}

export async function getDistrict(db: DbOrTx, code: string): Promise<DistrictRow> {
  const row = await repo.findDistrict(db, code);
  if (!row) throw notFound('District', '行政区划');
  return row;
}

export const listDistricts = repo.listDistricts;

export async function createDistrict(db: DbOrTx, input: DistrictRow): Promise<DistrictRow> {
  return db.transaction(async (tx) => {
    if (await repo.findDistrict(tx, input.code)) {
      throw conflict('DUPLICATE_DISTRICT_CODE', { en: `District ${input.code} exists`, zh: `行政区划 ${input.code} 已存在` }, [{ field: 'body.code', message: 'already exists' }]);
    }
    if (input.parentCode) await assertDistrictExists(tx, input.parentCode, 'body.parentCode');
    return repo.insertDistrict(tx, input);
  });
}

export async function updateDistrict(db: DbOrTx, code: string, input: Partial<Omit<DistrictRow, 'code'>>): Promise<DistrictRow> {
  return db.transaction(async (tx) => {
    await getDistrict(tx, code);
    if (input.parentCode) {
      if (input.parentCode === code) throw unprocessable('body.parentCode', 'cannot be the district itself', '不能是自身');
      await assertDistrictExists(tx, input.parentCode, 'body.parentCode');
    }
    return (await repo.updateDistrict(tx, code, input))!;
  });
}

/**
 * A district given by code or by name (the recruiter's form says 天河区, or 天河). A code must
 * exist; a name must pick exactly one district. Otherwise 422 naming the field and listing the
 * close names, so the form can offer them.
 */
export async function resolveDistrictCode(db: DbOrTx, value: string | null | undefined, field = 'body.districtCode'): Promise<string | null | undefined> {
  if (value == null) return value;
  const v = value.trim();
  if (/^\d{2,12}$/.test(v)) {
    await assertDistrictExists(db, v, field);
    return v;
  }
  const close = v ? await repo.districtsByName(db, v, 8) : [];
  const exact = close.filter((d) => d.nameZh === v || d.nameEn.toLowerCase() === v.toLowerCase());
  if (exact.length === 1) return exact[0]!.code;
  if (exact.length === 0 && close.length === 1) return close[0]!.code;
  const suggestions = close.length ? close : v ? await repo.districtsByName(db, [...v][0]!, 8) : [];
  const list = suggestions.map((d) => `${d.nameZh} (${d.code})`).join(', ');
  const several = exact.length > 1 || close.length > 1;
  const en = several ? `"${v}" names several districts: ${list}; choose one` : `unknown district "${v}"${list ? `; close names: ${list}` : ''}`;
  const zh = several ? `“${v}”对应多个区县：${list}，请选择其一` : `未知的区县“${v}”${list ? `；相近名称：${list}` : ''}`;
  throw new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [
    { field, message: en, zh, suggestions: suggestions.map((d) => ({ code: d.code, zh: d.nameZh, en: d.nameEn })) } as never,
  ]);
}

/** Each office's chain of names from the city down ("广州市 › 天河区 › 石牌街道"), for pickers. */
export async function officePathNames(db: DbOrTx, rows: OfficeRow[]): Promise<Map<string, { zh: string[]; en: string[] }>> {
  const codes = [...new Set(rows.flatMap((r) => r.path.split('/')))];
  const names = await repo.officeNamesByCode(db, codes);
  return new Map(
    rows.map((r) => {
      const parts = r.path.split('/').map((c) => names.get(c));
      return [r.id, { zh: parts.map((p, i) => p?.zh ?? r.path.split('/')[i]!), en: parts.map((p, i) => p?.en ?? r.path.split('/')[i]!) }];
    }),
  );
}
