import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { codeTitle } from './coder/index.js';
import * as repo from './occupations.repository.js';
import type { OccupationRow, OccupationSystem } from './occupations.repository.js';

export const searchOccupations = repo.searchOccupations;

/**
 * An occupation with its parent chain (nearest first, up to the major group) and its children.
 * ESCO occupations hang under an ISCO-08 unit group, so their chain continues in the isco system.
 */
export async function getOccupation(db: DbOrTx, system: OccupationSystem, code: string) {
  const row = await repo.findOccupation(db, system, code);
  if (!row) throw notFound('Occupation', '职业');
  const parents: OccupationRow[] = [];
  let cursor: OccupationRow | undefined = row;
  for (let depth = 0; cursor?.parentCode && depth < 8; depth++) {
    const parentSystem: OccupationSystem = cursor.system === 'esco' ? 'isco' : cursor.system;
    cursor = await repo.findOccupation(db, parentSystem, cursor.parentCode);
    if (cursor) parents.push(cursor);
  }
  const children = system === 'isco' && row.level === 4 ? await repo.childrenOf(db, 'esco', code) : await repo.childrenOf(db, system, code);
  return { occupation: row, parents, children };
}

export function codeTitleCandidates(title: string, k: number) {
  return codeTitle(title, { k });
}
