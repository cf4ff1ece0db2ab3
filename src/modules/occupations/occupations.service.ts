import type { DbOrTx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { codeTitle, codeVacancy } from './coder/index.js';
import * as repo from './occupations.repository.js';
import { iscoNameZh } from './coder/crosswalk.js';
import type { CodeCandidate } from './coder/types.js';
import type { OccupationRow, OccupationSystem } from './occupations.repository.js';

/**
 * Label search: exact and prefix matches first, and for words (not code prefixes) the codes the title coder
 * reads them as (护工 → 医疗护理员 / ISCO 5321), so a search ranks what a PES coder would pick first.
 */
export async function searchOccupations(db: DbOrTx, q: Omit<Parameters<typeof repo.searchOccupations>[1], 'coded'>) {
  const text = q.q?.trim();
  const coded: { system: OccupationSystem; code: string }[] = [];
  if (text && !/^[\d.-]+$/.test(text)) {
    const c = codeVacancy({ title: text });
    if (c.status === 'coded') {
      if (c.cn2022) coded.push({ system: 'cn2022', code: c.cn2022.code });
      if (c.isco) coded.push({ system: 'isco', code: c.isco.code });
    }
  }
  return repo.searchOccupations(db, { ...q, coded });
}

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

/**
 * Candidates for a title: the one coding step's answer first (both codes, Chinese names), then the coder's
 * other candidates. ISCO candidates carry the Chinese name as label for Chinese titles (labelEn keeps English).
 */
export function codeTitleCandidates(title: string, k: number) {
  const coding = codeVacancy({ title });
  const out: CodeCandidate[] = [];
  if (coding.status === 'coded') {
    if (coding.cn2022) out.push({ system: 'cn2022', code: coding.cn2022.code, label: coding.cn2022.name, confidence: coding.confidence, matched: coding.matched });
    if (coding.isco) out.push({ system: 'isco', code: coding.isco.code, label: coding.isco.nameZh, labelEn: coding.isco.nameEn, confidence: coding.confidence, matched: coding.matched });
  }
  const zh = /\p{Script=Han}/u.test(title);
  for (const c of codeTitle(title, { k })) {
    if (out.some((o) => o.system === c.system && o.code === c.code)) continue;
    out.push(c.system === 'isco' && zh ? { ...c, label: iscoNameZh(c.code) ?? c.label, labelEn: c.label } : c);
  }
  return { coding, candidates: out.slice(0, Math.max(k, out.length > k ? k : out.length)) };
}
