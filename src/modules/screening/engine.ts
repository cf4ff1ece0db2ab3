import { normaliseForScreening, originalSpan } from './normalise.js';
import { legalBasis } from './rules/legal-bases.js';
import {
  CATEGORY_EXCEPTIONS,
  COMPUTED_RULES,
  FORBIDDEN_FIELDS,
  NEUTRAL_FIELD_VALUES,
  TEXT_RULES,
  type ComputedRuleId,
} from './rules/text-rules.js';
import type {
  Bilingual,
  Category,
  Finding,
  FindingField,
  Justification,
  LegalBasisEntry,
  ScreeningOptions,
  Severity,
  Span,
  Summary,
  TextField,
  TextRule,
  VacancyInput,
  WageUnit,
} from './types.js';
import { CATEGORIES, CATEGORY_LABELS, SEVERITIES } from './types.js';

/**
 * Shanghai's monthly minimum wage, 2,690 CNY, in force from 1 July 2023 (raised from 2,590; the document
 * number was not re-checked here). Minimum wages differ by city and change every 2–3 years: callers should pass the
 * configured local value; this default only keeps the check meaningful when none is configured.
 */
export const DEFAULT_MINIMUM_MONTHLY_WAGE = 2690;
export const DEFAULT_MINIMUM_WAGE_SOURCE = 'Shanghai monthly minimum wage from 2023-07-01, 2,690 CNY';

// The local minimum wage is configuration (PES_MINIMUM_MONTHLY_WAGE), passed by every caller as
// options.minimumMonthlyWage: the API routes, the import (upload, worker and CLI alike). There is no module
// global: one set only by the server and worker entry points left the CLI importer on the default (issue 22).

/** Monthly paid days, (365 − 104 rest days) / 12, the divisor for converting day and hour pay (劳社部发〔2008〕3号). */
export const WORKING_DAYS_PER_MONTH = 21.75;
export const HOURS_PER_DAY = 8;

const MONTHLY_FACTOR: Record<Exclude<WageUnit, 'piece'>, number> = {
  month: 1,
  day: WORKING_DAYS_PER_MONTH,
  hour: HOURS_PER_DAY * WORKING_DAYS_PER_MONTH,
  year: 1 / 12,
};

/** Monthly equivalent of a wage, or undefined for piece rates (which cannot be normalised without output data). */
export function monthlyWage(amount: number, unit: WageUnit = 'month'): number | undefined {
  if (unit === 'piece') return undefined;
  const factor = MONTHLY_FACTOR[unit];
  return factor === undefined ? undefined : amount * factor;
}

// ── compilation (once, at module load) ──────────────────────────────────────────────────────

interface CompiledRule {
  rule: TextRule;
  regexes: RegExp[];
  exceptions: RegExp[];
}

const exceptionCache = new Map<string, RegExp>();
function compileException(source: string): RegExp {
  let re = exceptionCache.get(source);
  if (!re) {
    re = new RegExp(source, 'gi');
    exceptionCache.set(source, re);
  }
  return re;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRule(rule: TextRule): CompiledRule {
  const sources = [...(rule.patterns ?? [])];
  if (rule.phrases?.length) sources.push(rule.phrases.map(escapeRegExp).join('|'));
  return {
    rule,
    regexes: sources.map((s) => new RegExp(s, 'gi')),
    exceptions: [...(rule.exceptions ?? []), ...(CATEGORY_EXCEPTIONS[rule.category] ?? [])].map(compileException),
  };
}

const COMPILED: readonly CompiledRule[] = TEXT_RULES.map(compileRule);
const RULE_BY_ID = new Map<string, TextRule>(TEXT_RULES.map((r) => [r.id, r]));

/** Every rule id the engine can report (text rules and computed rules), sorted. */
export function screeningRuleIds(): string[] {
  return [...TEXT_RULES.map((r) => r.id), ...Object.keys(COMPUTED_RULES)].sort();
}

// ── text matching ───────────────────────────────────────────────────────────────────────────

type Interval = [number, number];

function allMatches(re: RegExp, text: string): Interval[] {
  const out: Interval[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

const SEVERITY_RANK: Record<Severity, number> = { block: 0, review: 1, hint: 2 };

function fill(message: Bilingual, vars: Record<string, string | number>): Bilingual {
  const sub = (s: string) => s.replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? String(vars[k]) : all));
  return { zh: sub(message.zh), en: sub(message.en) };
}

function screenText(field: TextField, original: string): Finding[] {
  // Rules run on the normalised text (obfuscation undone); spans are mapped back to what was typed.
  const norm = normaliseForScreening(original);
  const text = norm.text;
  const back = (s: number, e: number): Span => {
    const [a, b] = originalSpan(norm, s, e);
    return { start: a, end: b, text: original.slice(a, b) };
  };
  const exceptionSpans = new Map<RegExp, Interval[]>();
  const spansOf = (re: RegExp) => {
    let s = exceptionSpans.get(re);
    if (!s) {
      s = allMatches(re, text);
      exceptionSpans.set(re, s);
    }
    return s;
  };
  const raw: Finding[] = [];
  for (const { rule, regexes, exceptions } of COMPILED) {
    for (const re of regexes) {
      for (const [start, end] of allMatches(re, text)) {
        const excused = exceptions.some((ex) => spansOf(ex).some(([s, e]) => s < end && start < e));
        if (excused) continue;
        raw.push({
          ruleId: rule.id,
          category: rule.category,
          field,
          span: { start, end, text: text.slice(start, end) },
          severity: rule.severity,
          message: rule.message,
          status: 'open',
        });
      }
    }
  }
  // Several patterns often hit the same or adjoining words (限男性 / 男性优先, "local hukou" / "hukou
  // required"): merge overlapping findings of one category into one span, reported under the most severe rule.
  raw.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const kept: Finding[] = [];
  const lastOf = new Map<Category, Finding>();
  for (const f of raw) {
    const last = lastOf.get(f.category);
    if (last && f.span.start < last.span.end) {
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[last.severity]) {
        last.ruleId = f.ruleId;
        last.severity = f.severity;
        last.message = f.message;
      }
      if (f.span.end > last.span.end) {
        last.span = { start: last.span.start, end: f.span.end, text: text.slice(last.span.start, f.span.end) };
      }
      continue;
    }
    kept.push(f);
    lastOf.set(f.category, f);
  }
  for (const f of kept) f.span = back(f.span.start, f.span.end);
  return kept;
}

// ── structured fields ───────────────────────────────────────────────────────────────────────

const foldKey = (k: string) => k.toLowerCase().replace(/[\s_-]/g, '');
const NEUTRAL = new Set(NEUTRAL_FIELD_VALUES.map((v) => v.toLowerCase()));
const AGE_MIN_KEYS = new Set(['agemin', 'minage', 'agefrom', 'agelower']);
const AGE_MAX_KEYS = new Set(['agemax', 'maxage', 'ageto', 'ageupper']);

function computed(
  id: ComputedRuleId,
  category: Category,
  field: FindingField,
  value: unknown,
  vars: Record<string, string | number> = {},
  severity?: Severity,
): Finding {
  const def = COMPUTED_RULES[id];
  const text = valueText(value);
  return {
    ruleId: id,
    category,
    field,
    span: { start: 0, end: text.length, text },
    severity: severity ?? def.severity,
    message: fill(def.message, vars),
    status: 'open',
  };
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(valueText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toNumber(value: unknown): number | undefined | null {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isFinite(n) ? n : null; // null = present but not a number
}

function screenFields(fields: Record<string, unknown>, options: Required<Pick<ScreeningOptions, 'minimumMonthlyWage'>> & ScreeningOptions): Finding[] {
  const out: Finding[] = [];
  let ageMin: { key: string; n: number } | undefined;
  let ageMax: { key: string; n: number } | undefined;

  for (const [key, value] of Object.entries(fields)) {
    const k = foldKey(key);
    const forbidden = FORBIDDEN_FIELDS[k];
    if (forbidden) {
      if (value === null || value === undefined) continue;
      const text = valueText(value).trim();
      out.push(
        NEUTRAL.has(text.toLowerCase())
          ? computed('field.neutral_value', forbidden.category, `fields.${key}`, value)
          : computed('field.forbidden', forbidden.category, `fields.${key}`, value, {}, forbidden.severity),
      );
      continue;
    }
    if (AGE_MIN_KEYS.has(k) || AGE_MAX_KEYS.has(k)) {
      const n = toNumber(value);
      if (n === undefined) continue;
      if (n === null) {
        out.push(computed('age.field', 'age', `fields.${key}`, value));
        continue;
      }
      if (AGE_MIN_KEYS.has(k)) ageMin = { key, n };
      else ageMax = { key, n };
    }
  }

  if (ageMin) {
    if (ageMin.n < 16) out.push(computed('age.below_legal_minimum', 'age', `fields.${ageMin.key}`, ageMin.n));
    // 16 and 18 are the statutory minimum ages; only a higher floor is an age limit.
    else if (ageMin.n > 18) out.push(computed('age.field', 'age', `fields.${ageMin.key}`, ageMin.n));
  }
  if (ageMax) out.push(computed('age.field', 'age', `fields.${ageMax.key}`, ageMax.n));
  if (ageMin && ageMax && ageMin.n > ageMax.n) out.push(computed('age.inverted_range', 'age', `fields.${ageMin.key}`, ageMin.n));

  out.push(...screenWage(fields, options));
  return out;
}

function screenWage(fields: Record<string, unknown>, options: ScreeningOptions & { minimumMonthlyWage: number }): Finding[] {
  const out: Finding[] = [];
  const min = toNumber(fields.wageMin);
  const max = toNumber(fields.wageMax);
  const unitRaw = fields.wageUnit;
  const unit: WageUnit =
    typeof unitRaw === 'string' && ['month', 'day', 'hour', 'year', 'piece'].includes(unitRaw) ? (unitRaw as WageUnit) : 'month';
  if (unitRaw !== undefined && unitRaw !== null && unit !== unitRaw) {
    out.push(computed('wage.invalid', 'wage', 'fields.wageUnit', unitRaw));
  }
  for (const [name, n, raw] of [
    ['wageMin', min, fields.wageMin],
    ['wageMax', max, fields.wageMax],
  ] as const) {
    if (n === null || (typeof n === 'number' && n < 0)) out.push(computed('wage.invalid', 'wage', `fields.${name}`, raw));
  }
  const lo = typeof min === 'number' && min >= 0 ? min : undefined;
  const hi = typeof max === 'number' && max >= 0 ? max : undefined;
  if (lo !== undefined && hi !== undefined && lo > hi) {
    out.push(computed('wage.inverted_range', 'wage', 'fields.wageMin', lo));
  }
  const round = (n: number) => Math.round(n);
  const floor = lo ?? hi;
  if (floor !== undefined) {
    const monthly = monthlyWage(floor, unit);
    if (monthly !== undefined && monthly < options.minimumMonthlyWage) {
      out.push(
        computed('wage.below_minimum', 'wage', lo !== undefined ? 'fields.wageMin' : 'fields.wageMax', floor, {
          monthly: round(monthly),
          minimum: options.minimumMonthlyWage,
        }),
      );
    }
  }
  const ceiling = hi ?? lo;
  if (ceiling !== undefined && options.occupationMedian !== undefined) {
    const monthly = monthlyWage(ceiling, unit);
    if (monthly !== undefined && monthly > 10 * options.occupationMedian) {
      out.push(
        computed('wage.above_median', 'wage', hi !== undefined ? 'fields.wageMax' : 'fields.wageMin', ceiling, {
          monthly: round(monthly),
          median: options.occupationMedian,
        }),
      );
    }
  }
  return out;
}

// ── justifications ──────────────────────────────────────────────────────────────────────────

function justifiable(f: Finding): boolean {
  if (f.ruleId.startsWith('justification.')) return false;
  if (f.ruleId === 'age.below_legal_minimum') return false;
  return RULE_BY_ID.get(f.ruleId)?.justifiable !== false;
}

type Refusal = 'category' | 'not_justifiable' | 'occupation' | 'no_occupation' | 'age';

/** The vacancy's occupation codes, as far as the screening input tells them. */
function occupationCodes(fields: Record<string, unknown> | null | undefined): { cn2022?: string; isco?: string } {
  if (!fields) return {};
  const system = typeof fields.occupationSystem === 'string' ? fields.occupationSystem : undefined;
  const code = typeof fields.occupationCode === 'string' ? fields.occupationCode.trim() : undefined;
  const out: { cn2022?: string; isco?: string } = {};
  if (system === 'cn2022' && code) out.cn2022 = code;
  if ((system === 'isco' || system === 'esco') && code && /^\d/.test(code)) out.isco = code.slice(0, 4);
  // The vacancies module stores both codes of one coding step; the ISCO one comes as iscoUnit.
  if (typeof fields.iscoUnit === 'string' && /^\d{1,4}$/.test(fields.iscoUnit)) out.isco = fields.iscoUnit;
  if (typeof fields.cn2022Code === 'string' && fields.cn2022Code) out.cn2022 = fields.cn2022Code;
  return out;
}

const inPrefixes = (code: string | undefined, prefixes: readonly string[], sep: string) =>
  code !== undefined && prefixes.some((p) => code === p || code.startsWith(sep ? `${p}${sep}` : p));

/** Ages a finding names: the numbers in its span (Chinese numerals were already turned into digits). */
function agesOf(f: Finding): number[] {
  const text = normaliseForScreening(f.span.text).text;
  return (text.match(/\d{1,3}/g) ?? []).map(Number).filter((n) => n > 0 && n < 120);
}

function refusalFor(f: Finding, basis: LegalBasisEntry, occ: { cn2022?: string; isco?: string }): Refusal | undefined {
  if (!justifiable(f)) return 'not_justifiable';
  if (!basis.categories.includes(f.category)) return 'category';
  if (basis.occupations) {
    if (!occ.cn2022 && !occ.isco) return 'no_occupation';
    const ok = inPrefixes(occ.cn2022, basis.occupations.cn2022, '-') || inPrefixes(occ.isco, basis.occupations.isco, '');
    if (!ok) return 'occupation';
  }
  if (basis.ages && f.category === 'age') {
    const ages = agesOf(f);
    if (!ages.length) return 'age';
    if (ages.some((a) => (basis.ages!.min !== undefined && a < basis.ages!.min) || (basis.ages!.max !== undefined && a > basis.ages!.max))) return 'age';
  }
  return undefined;
}

const REFUSAL_TEXT: Record<Refusal, (b: LegalBasisEntry, f: Finding) => Bilingual> = {
  category: (b, f) => ({
    zh: `该依据只适用于${b.categories.map((c) => `“${CATEGORY_LABELS[c].zh}”`).join('、')}类问题，不适用于“${CATEGORY_LABELS[f.category].zh}”类问题`,
    en: `it covers only ${b.categories.map((c) => CATEGORY_LABELS[c].en).join(', ')}, not ${CATEGORY_LABELS[f.category].en}`,
  }),
  not_justifiable: (_b, f) => ({
    zh: `“${CATEGORY_LABELS[f.category].zh}”类的这项内容任何法律依据都不能使其合法`,
    en: `no legal basis can make this ${CATEGORY_LABELS[f.category].en} requirement lawful`,
  }),
  occupation: (b) => ({
    zh: `该依据只适用于${b.occupations!.label.zh}，本岗位的职业不在其范围内`,
    en: `it covers only ${b.occupations!.label.en}, and this vacancy's occupation is not one of them`,
  }),
  no_occupation: (b) => ({
    zh: `该依据只适用于${b.occupations!.label.zh}，请先为岗位填写职业代码`,
    en: `it covers only ${b.occupations!.label.en}; give the vacancy an occupation code first`,
  }),
  age: (b) => ({ zh: b.scope.zh, en: b.scope.en }),
};

function applyJustifications(findings: Finding[], justifications: readonly Justification[], fields: VacancyInput['fields']): Finding[] {
  const extra: Finding[] = [];
  const occ = occupationCodes(fields);
  justifications.forEach((j, i) => {
    const field = `justifications[${i}]` as const;
    const code = typeof j?.basisCode === 'string' ? j.basisCode.trim() : '';
    const basis = legalBasis(code);
    const category: Category = j?.category && CATEGORIES.includes(j.category) ? j.category : (RULE_BY_ID.get(j?.ruleId ?? '')?.category ?? 'other');
    if (!basis) {
      extra.push(computed('justification.invalid', category, field, code, { code: code || '∅' }));
      return;
    }
    const targets = findings.filter(
      (f) =>
        f.status === 'open' &&
        !f.ruleId.startsWith('justification.') &&
        (j.ruleId === undefined || f.ruleId === j.ruleId) &&
        (j.category === undefined || f.category === j.category),
    );
    if (targets.length === 0) {
      extra.push(computed('justification.unused', category, field, code));
      return;
    }
    let refused: { f: Finding; why: Refusal } | undefined;
    for (const f of targets) {
      const why = refusalFor(f, basis, occ);
      if (why === undefined) {
        f.status = 'justified';
        f.basis = { code: basis.code, zh: basis.zh, en: basis.en, source: basis.source, scope: basis.scope };
      } else refused ??= { f, why };
    }
    if (refused) {
      const reason = REFUSAL_TEXT[refused.why](basis, refused.f);
      extra.push(
        computed('justification.not_applicable', refused.f.category, field, code, {
          code,
          target: CATEGORY_LABELS[refused.f.category].zh,
          targetEn: CATEGORY_LABELS[refused.f.category].en,
          reason: reason.zh,
          reasonEn: reason.en,
        }),
      );
    }
  });
  return extra;
}

// ── public API ──────────────────────────────────────────────────────────────────────────────

const FIELD_ORDER = (f: FindingField) =>
  f === 'title' ? 0 : f === 'description' ? 1 : f === 'requirements' ? 2 : f.startsWith('fields.') ? 3 : 4;

/**
 * Screen a vacancy posting for discriminatory or unlawful content. Pure and synchronous: no I/O.
 * Findings are ordered by field (title, description, requirements, fields, justifications), then offset.
 */
export function screenVacancy(input: VacancyInput, options: ScreeningOptions = {}): Finding[] {
  const minimumMonthlyWage = options.minimumMonthlyWage ?? DEFAULT_MINIMUM_MONTHLY_WAGE;
  if (!(Number.isFinite(minimumMonthlyWage) && minimumMonthlyWage > 0)) {
    throw new RangeError('options.minimumMonthlyWage must be a positive number');
  }
  if (options.occupationMedian !== undefined && !(Number.isFinite(options.occupationMedian) && options.occupationMedian > 0)) {
    throw new RangeError('options.occupationMedian must be a positive number');
  }

  const findings: Finding[] = [];
  for (const field of ['title', 'description', 'requirements'] as const) {
    const text = input[field];
    if (typeof text === 'string' && text.length > 0) findings.push(...screenText(field, text));
  }
  if (input.fields) findings.push(...screenFields(input.fields, { ...options, minimumMonthlyWage }));
  if (options.duplicateOf) {
    findings.push(
      computed('other.duplicate', 'other', 'title', input.title ?? '', { vacancyId: options.duplicateOf.vacancyId }),
    );
  }
  findings.sort((a, b) => FIELD_ORDER(a.field) - FIELD_ORDER(b.field) || a.span.start - b.span.start);
  if (input.justifications?.length) findings.push(...applyJustifications(findings, input.justifications, input.fields));
  return findings;
}

/** Outcome of a screening: block if any open block finding, review if any open review finding, else pass. */
export function summarise(findings: readonly Finding[]): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byCategory: Partial<Record<Category, number>> = {};
  let open = 0;
  let justified = 0;
  for (const f of findings) {
    if (f.status === 'justified') {
      justified++;
      continue;
    }
    open++;
    bySeverity[f.severity]++;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  // A justified finding is a claim the employer makes, not a fact the engine can check: a person has to see
  // it (with the basis and its scope) before the posting goes live, so it never yields 'pass'.
  const outcome = bySeverity.block > 0 ? 'block' : bySeverity.review > 0 || justified > 0 ? 'review' : 'pass';
  return { outcome, counts: { total: findings.length, open, justified, bySeverity, byCategory } };
}
