import { hasHan } from './tokens.js';
import { cn2022ForIsco, iscoForCn2022, iscoNameZh } from './crosswalk.js';
import { codeChineseTitle } from './zh-title.js';
import type { CodeCandidate, CnOccupation, IscoGroup } from './types.js';
import type { OccupationCoder } from './coder.js';
import { normalize } from '../../../search/text/index.js';

export type OccupationSystemName = 'isco' | 'esco' | 'cn2022';

export interface VacancyCodingInput {
  title: string;
  /** A code the employer or staff chose; when given it is kept and only the other system is derived. */
  occupationSystem?: OccupationSystemName | null;
  occupationCode?: string | null;
}

export interface VacancyCoding {
  /** coded: by the title; given: the input named a code; abstained: no confident code, a person chooses. */
  status: 'coded' | 'given' | 'abstained';
  /** 2022 classification: a detailed occupation, or a small group (level 3) for vague titles (普工, 设计师). */
  cn2022: { code: string; name: string; level: number } | null;
  isco: { code: string; nameZh: string; nameEn: string } | null;
  confidence: number;
  matched?: string;
  /** Why the coder abstained, for the "no confident code: choose" prompt. */
  reason?: { zh: string; en: string };
  /** Candidates to choose from (always filled when abstained), with Chinese names. */
  candidates: CodeCandidate[];
}

/** Below this an English title is not coded by itself (the landed threshold, kept). */
export const ENGLISH_MIN_CONFIDENCE = 0.6;
/** Below this a Chinese coding is offered as a candidate only. */
export const CHINESE_MIN_CONFIDENCE = 0.5;

export function createVacancyCoder(coder: OccupationCoder, cnOccupations: CnOccupation[], iscoGroups: IscoGroup[]) {
  const cnByCode = new Map(cnOccupations.map((c) => [c.code, c] as const));
  const cnDetailed = cnOccupations.filter((c) => c.level === 4);
  const iscoEn = new Map(iscoGroups.map((g) => [g.code, g.label] as const));

  const cnRef = (code: string | undefined) => {
    const c = code ? cnByCode.get(code) : undefined;
    return c ? { code: c.code, name: c.name, level: c.level } : null;
  };
  const iscoRef = (code: string | undefined) =>
    code && iscoEn.has(code) ? { code, nameZh: iscoNameZh(code) ?? '', nameEn: iscoEn.get(code)! } : null;

  /** Chinese names on every candidate: a Chinese page never shows an English occupation name. */
  const zhCandidates = (title: string): CodeCandidate[] =>
    coder.code(title, { k: 5 }).map((c) => (c.system === 'isco' ? { ...c, label: iscoNameZh(c.code) ?? c.label, labelEn: c.label } : c));

  /** The 2022 occupation for an ISCO group: the title's own coding if it agrees, else the group's first own mapping. */
  function cnForIsco(isco: string, title: string): string | undefined {
    const rows = cn2022ForIsco(isco);
    if (!rows.length) return undefined;
    const zh = hasHan(normalize(title)) ? codeChineseTitle(title, cnDetailed) : undefined;
    if (zh?.cn2022 && iscoForCn2022(zh.cn2022) === isco) return zh.cn2022;
    return rows[0]!.cn2022;
  }

  // A fair's file repeats a few hundred titles over thousands of rows: code each (title, code) once.
  const memo = new Map<string, VacancyCoding>();
  const MEMO_MAX = 20_000;

  return function codeVacancy(input: VacancyCodingInput): VacancyCoding {
    const key = `${input.occupationSystem ?? ''}|${input.occupationCode ?? ''}|${input.title ?? ''}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const out = codeOnce(input);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, out);
    return out;
  };

  function codeOnce(input: VacancyCodingInput): VacancyCoding {
    const title = input.title ?? '';
    const code = input.occupationCode?.trim();
    if (code && input.occupationSystem) {
      if (input.occupationSystem === 'cn2022') {
        // The title may name a finer ISCO group inside the 2022 occupation (叉车司机: 8344 within 6-30-05-01).
        const own = hasHan(normalize(title)) ? codeChineseTitle(title, cnDetailed) : undefined;
        const isco = own?.cn2022 === code && own.isco ? own.isco : iscoForCn2022(code);
        return { status: 'given', cn2022: cnRef(code), isco: iscoRef(isco), confidence: 1, candidates: [] };
      }
      const isco = /^\d{4}/.test(code) ? code.slice(0, 4) : undefined;
      const unit = isco && iscoEn.has(isco) ? isco : undefined;
      return { status: 'given', cn2022: unit ? cnRef(cnForIsco(unit, title)) : null, isco: iscoRef(unit), confidence: 1, candidates: [] };
    }
    if (!title.trim()) {
      return { status: 'abstained', cn2022: null, isco: null, confidence: 0, candidates: [], reason: { zh: '职位名称为空', en: 'the title is empty' } };
    }
    if (hasHan(normalize(title))) {
      const zh = codeChineseTitle(title, cnDetailed);
      if (zh.status === 'coded' && zh.cn2022 && zh.confidence >= CHINESE_MIN_CONFIDENCE) {
        return { status: 'coded', cn2022: cnRef(zh.cn2022), isco: iscoRef(zh.isco), confidence: zh.confidence, matched: zh.matched, candidates: [] };
      }
      return {
        status: 'abstained',
        cn2022: null,
        isco: null,
        confidence: zh.confidence,
        reason: zh.reason ?? { zh: '没有足够把握的职业代码，请选择', en: 'no confident code: choose one' },
        candidates: zhCandidates(title),
      };
    }
    const best = coder.code(title, { k: 5 });
    const top = best.find((c) => c.system === 'isco' && /^\d{4}$/.test(c.code));
    if (top && top.confidence >= ENGLISH_MIN_CONFIDENCE) {
      return { status: 'coded', cn2022: cnRef(cnForIsco(top.code, title)), isco: iscoRef(top.code), confidence: top.confidence, matched: top.matched, candidates: [] };
    }
    return {
      status: 'abstained',
      cn2022: null,
      isco: null,
      confidence: top?.confidence ?? 0,
      reason: { zh: '没有足够把握的职业代码，请选择', en: 'no confident code: choose one' },
      candidates: zhCandidates(title),
    };
  }
}
