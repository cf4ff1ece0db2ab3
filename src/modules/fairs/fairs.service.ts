import type { DbOrTx } from '../../db/client.js';
import { daysFrom, DEFAULT_BOUNDS, type Bounds } from '../../lib/bounds.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { assertCanWriteForOffice, defaultOfficeId } from '../../lib/scope.js';
import type { Principal } from '../auth/index.js';
import { findEmployer } from '../employers/index.js';
import { assertDistrictExists, assertOfficeExists, isUniqueViolation } from '../offices/index.js';
import * as repo from './fairs.repository.js';
import type { FairRow } from './fairs.repository.js';

export type FairStatus = FairRow['status'];
export type FairKind = FairRow['kind'];

/** planned → open → closed; a fair that has not closed may be cancelled. Nothing leaves closed or cancelled. */
export const FAIR_TRANSITIONS: Record<FairStatus, readonly FairStatus[]> = {
  planned: ['open', 'cancelled'],
  open: ['closed', 'cancelled'],
  closed: [],
  cancelled: [],
};

export function canTransitionFair(from: FairStatus, to: FairStatus): boolean {
  return FAIR_TRANSITIONS[from].includes(to);
}

const unprocessable = (field: string, en: string, zh: string) =>
  new AppError(422, 'INVALID_FIELD', { en: `${field}: ${en}`, zh: `${field}：${zh}` }, [{ field, message: en }]);

export interface FairInput {
  name: string;
  kind: FairKind;
  campaign?: string | null;
  startsAt: string;
  endsAt: string;
  venue: string;
  districtCode?: string | null;
  officeId?: string | null;
  attendance?: number | null;
}

function checkTimes(startsAt: Date, endsAt: Date, field = 'body.endsAt', bounds: Bounds = DEFAULT_BOUNDS, now = new Date()) {
  if (endsAt.getTime() <= startsAt.getTime()) throw unprocessable(field, 'must be after startsAt', '须晚于开始时间');
  // Plausibility: a fair from 1900 to 9999 would sit first on the kiosk home for ever.
  if (startsAt.getTime() > daysFrom(now, bounds.fairMaxDaysAhead).getTime() || startsAt.getTime() < daysFrom(now, -bounds.fairMaxDaysBack).getTime()) {
    throw unprocessable('body.startsAt', `must be within ${bounds.fairMaxDaysBack} days before and ${bounds.fairMaxDaysAhead} days after today`, `须在今天之前 ${bounds.fairMaxDaysBack} 天至之后 ${bounds.fairMaxDaysAhead} 天之内`);
  }
  if (endsAt.getTime() - startsAt.getTime() > bounds.fairMaxDurationDays * 86_400_000) {
    throw unprocessable('body.endsAt', `a fair lasts at most ${bounds.fairMaxDurationDays} days`, `招聘会持续时间不能超过 ${bounds.fairMaxDurationDays} 天`);
  }
}

export async function getFair(db: DbOrTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<FairRow> {
  const row = await repo.findFair(db, id, opts);
  if (!row) throw notFound('Fair', '招聘会');
  return row;
}

export const listFairs = repo.listFairs;

/** Loads a fair for writing: 404 when missing, 403 when outside the key's office scope. */
async function writableFair(db: DbOrTx, principal: Principal, id: string): Promise<FairRow> {
  const fair = await getFair(db, id, { forUpdate: true });
  await assertCanWriteForOffice(db, principal, fair.officeId);
  return fair;
}

export async function createFair(db: DbOrTx, principal: Principal, input: FairInput): Promise<FairRow> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  return db.transaction(async (tx) => {
    const officeId = defaultOfficeId(principal, input.officeId);
    if (!officeId) throw unprocessable('body.officeId', 'is required (this key is not bound to an office)', '必填（此密钥未绑定服务机构）');
    await assertOfficeExists(tx, officeId);
    await assertCanWriteForOffice(tx, principal, officeId);
    await assertDistrictExists(tx, input.districtCode);
    return repo.insertFair(tx, {
      name: input.name,
      kind: input.kind,
      campaign: input.campaign ?? null,
      startsAt,
      endsAt,
      venue: input.venue,
      districtCode: input.districtCode ?? null,
      officeId,
      attendance: input.attendance ?? null,
    });
  });
}

export async function updateFair(db: DbOrTx, principal: Principal, id: string, input: Partial<FairInput>): Promise<FairRow> {
  return db.transaction(async (tx) => {
    const fair = await writableFair(tx, principal, id);
    if (fair.status === 'cancelled') {
      throw conflict('FAIR_NOT_EDITABLE', { en: 'A cancelled fair cannot be changed', zh: '已取消的招聘会不能修改' });
    }
    const startsAt = input.startsAt ? new Date(input.startsAt) : fair.startsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt) : fair.endsAt;
    checkTimes(startsAt, endsAt, input.endsAt ? 'body.endsAt' : 'body.startsAt');
    if (input.officeId && input.officeId !== fair.officeId) {
      await assertOfficeExists(tx, input.officeId);
      await assertCanWriteForOffice(tx, principal, input.officeId);
    }
    await assertDistrictExists(tx, input.districtCode);
    const { officeId, startsAt: _s, endsAt: _e, ...rest } = input;
    return repo.updateFair(tx, id, { ...rest, startsAt, endsAt, ...(officeId ? { officeId } : {}) });
  });
}

export async function transitionFair(db: DbOrTx, principal: Principal, id: string, to: FairStatus): Promise<FairRow> {
  return db.transaction(async (tx) => {
    const fair = await writableFair(tx, principal, id);
    if (!canTransitionFair(fair.status, to)) {
      throw conflict(
        'INVALID_TRANSITION',
        { en: `A fair cannot go from ${fair.status} to ${to}`, zh: `招聘会状态不能从 ${fair.status} 变为 ${to}` },
        { from: fair.status, to, allowed: [...FAIR_TRANSITIONS[fair.status]] },
      );
    }
    return repo.updateFair(tx, id, { status: to });
  });
}

/** Only a planned fair without vacancies may be deleted; otherwise cancel it (history stays countable). */
export async function deleteFair(db: DbOrTx, principal: Principal, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const fair = await writableFair(tx, principal, id);
    if (fair.status !== 'planned' || (await repo.countFairVacancies(tx, id)) > 0) {
      throw conflict('FAIR_NOT_DELETABLE', {
        en: 'Only a planned fair without vacancies can be deleted; cancel it instead',
        zh: '只能删除尚无岗位的计划中招聘会，请改为取消',
      });
    }
    await repo.deleteFair(tx, id);
  });
}

export async function listBooths(db: DbOrTx, fairId: string, q: repo.BoothQuery) {
  await getFair(db, fairId);
  return repo.pageBooths(db, fairId, q);
}

const boothTaken = () => conflict('DUPLICATE_BOOTH', { en: 'This booth or employer is already at this fair', zh: '展位号或单位在本场招聘会已存在' });

export async function addBooth(db: DbOrTx, principal: Principal, fairId: string, input: { employerId: string; boothNo: string }) {
  const run = () => db.transaction(async (tx) => {
    const fair = await writableFair(tx, principal, fairId);
    if (fair.status === 'closed' || fair.status === 'cancelled') {
      throw conflict('FAIR_NOT_ACTIVE', { en: `Booths cannot be added to a ${fair.status} fair`, zh: '已结束或已取消的招聘会不能添加展位' });
    }
    if (!(await findEmployer(tx, input.employerId))) throw unprocessable('body.employerId', 'unknown employer', '用人单位不存在');
    if (await repo.findBoothBy(tx, fairId, { employerId: input.employerId })) {
      throw conflict('DUPLICATE_BOOTH', { en: 'This employer already has a booth at this fair', zh: '该单位在本场招聘会已有展位' }, [
        { field: 'body.employerId', message: 'already has a booth' },
      ]);
    }
    if (await repo.findBoothBy(tx, fairId, { boothNo: input.boothNo })) {
      throw conflict('DUPLICATE_BOOTH', { en: `Booth ${input.boothNo} is taken`, zh: `展位号 ${input.boothNo} 已被占用` }, [
        { field: 'body.boothNo', message: 'is taken' },
      ]);
    }
    const booth = await repo.insertBooth(tx, { fairId, employerId: input.employerId, boothNo: input.boothNo });
    return (await repo.findBooth(tx, fairId, booth.id))!;
  });
  return run().catch((err: unknown) => {
    throw isUniqueViolation(err) ? boothTaken() : err;
  });
}

export async function updateBooth(
  db: DbOrTx,
  principal: Principal,
  fairId: string,
  boothId: string,
  input: { boothNo?: string; intentionsReached?: number | null },
) {
  const run = () => db.transaction(async (tx) => {
    await writableFair(tx, principal, fairId);
    const booth = await repo.findBooth(tx, fairId, boothId);
    if (!booth) throw notFound('Booth', '展位');
    if (input.boothNo && input.boothNo !== booth.boothNo && (await repo.findBoothBy(tx, fairId, { boothNo: input.boothNo }))) {
      throw conflict('DUPLICATE_BOOTH', { en: `Booth ${input.boothNo} is taken`, zh: `展位号 ${input.boothNo} 已被占用` }, [
        { field: 'body.boothNo', message: 'is taken' },
      ]);
    }
    await repo.updateBooth(tx, boothId, input);
    return (await repo.findBooth(tx, fairId, boothId))!;
  });
  return run().catch((err: unknown) => {
    throw isUniqueViolation(err) ? boothTaken() : err;
  });
}

export async function removeBooth(db: DbOrTx, principal: Principal, fairId: string, boothId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await writableFair(tx, principal, fairId);
    const booth = await repo.findBooth(tx, fairId, boothId);
    if (!booth) throw notFound('Booth', '展位');
    await repo.deleteBooth(tx, boothId);
  });
}

export async function fairStats(db: DbOrTx, fairId: string) {
  const fair = await getFair(db, fairId);
  const s = await repo.fairStats(db, fairId);
  return {
    fairId,
    status: fair.status,
    employers: s.employers,
    booths: s.booths,
    vacancies: s.vacancies,
    publishedVacancies: s.published_vacancies,
    positions: s.positions,
    attendance: fair.attendance,
    intentions: s.intentions,
  };
}
