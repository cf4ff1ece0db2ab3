import '../../lib/formats.js';
import { createHash } from 'node:crypto';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { creditCodeProblem } from '../../lib/validators.js';
import type { VacancyFieldsInput } from '../vacancies/index.js';
import { INDUSTRY_SECTIONS } from '../employers/index.js';
import { prepareVacancy, VacancyFields, type PreparedVacancy } from '../vacancies/index.js';
import {
  inferOccupationSystem,
  parseAmount,
  isPayNotStated,
  parseContractType,
  parseDate,
  parseEducation,
  parseExperience,
  parseInteger,
  parseNumber,
  parseSalaryRange,
  parseSizeBand,
  parseSkills,
  parseWageUnit,
  parseYesNo,
  type ImportField,
  type Parsed,
  type RawRow,
} from './import-parse.js';

/**
 * One raw row → a vacancy ready to upsert, or its problems. Validation is the API's: the
 * VacancyFields schema, normaliseVacancy and the screening engine, plus the credit code checksum.
 */

export interface RowError {
  row: number;
  /** Our field name (title, wageMin, ...) or "*" for the whole row. */
  field: string;
  /** The column header as written in the file, when there is one. */
  column?: string;
  message: string;
}

export interface ValidRow {
  row: number;
  creditCode: string | null;
  employerName: string | null;
  industry: string | null;
  sizeBand: 'micro' | 'small' | 'medium' | 'large' | null;
  /** The file's own id, or a content hash when it has none (so re-imports still match). */
  externalRef: string;
  /** Coded, normalised and screened by the vacancies module, exactly as the API does it. */
  prepared: PreparedVacancy;
}

export interface RowContext {
  labels: Partial<Record<ImportField, string>>;
  /** Known district codes, and names → code so 天河区 works as well as 440106. */
  districts: { codes: Set<string>; byName: Map<string, string> };
  now?: Date;
  bounds?: import('../../lib/bounds.js').Bounds;
  minimumMonthlyWage?: number;
}

function occupationSystemOf(raw: string): 'cn2022' | 'isco' | 'esco' | null {
  const s = raw.toLowerCase().replace(/\s/g, '');
  if (/^(cn2022|cn|大典|职业分类大典|国家职业分类大典|2022)/.test(s) || s.includes('大典')) return 'cn2022';
  if (s.startsWith('isco')) return 'isco';
  if (s.startsWith('esco')) return 'esco';
  return null;
}

/** Compiled once: the interpreted Value.Check cost more than screening at 50,000 rows. */
const vacancyChecker = TypeCompiler.Compile(VacancyFields);

export function validateRow(raw: RawRow, ctx: RowContext): { ok: true; value: ValidRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row: raw.row, field, ...(ctx.labels[field as ImportField] ? { column: ctx.labels[field as ImportField] } : {}), message });
  if (raw.problem) err(raw.problem.field, raw.problem.message);
  const v = raw.values;
  const fields: Record<string, unknown> = {};
  const take = <T>(name: ImportField, target: string, parse: (s: string) => Parsed<T>) => {
    const s = v[name];
    if (s === undefined) return;
    const r = parse(s);
    if (r.ok) fields[target] = r.value;
    else err(name, r.message);
  };

  if (v.title !== undefined) fields.title = v.title;
  else err('title', 'is required / 岗位名称必填');
  for (const f of ['description', 'requirements', 'howToApply'] as const) if (v[f] !== undefined) fields[f] = v[f];
  take('headcount', 'headcount', parseInteger);
  // 面议 in a pay column means pay not stated: the row imports without it (as the form allows).
  if (v.wageMin !== undefined && !isPayNotStated(v.wageMin)) take('wageMin', 'wageMin', parseAmount);
  if (v.wageMax !== undefined && !isPayNotStated(v.wageMax)) take('wageMax', 'wageMax', parseAmount);
  if (v.salary !== undefined && v.wageMin === undefined && v.wageMax === undefined) {
    const r = parseSalaryRange(v.salary);
    if (r.ok) {
      if (r.value.min !== null) fields.wageMin = r.value.min;
      if (r.value.max !== null) fields.wageMax = r.value.max;
      if (r.value.unit && v.wageUnit === undefined) fields.wageUnit = r.value.unit;
    } else err('salary', r.message);
  }
  take('wageUnit', 'wageUnit', parseWageUnit);
  take('educationMin', 'educationMin', parseEducation);
  take('experienceMinYears', 'experienceMinYears', parseExperience);
  take('contractType', 'contractType', parseContractType);
  take('publicWelfare', 'publicWelfare', parseYesNo);
  take('lat', 'lat', parseNumber);
  take('lon', 'lon', parseNumber);
  take('expiresAt', 'expiresAt', parseDate);
  if (v.skills !== undefined) fields.skills = parseSkills(v.skills);
  if (v.occupationCode !== undefined) {
    fields.occupationCode = v.occupationCode;
    const system = v.occupationSystem !== undefined ? occupationSystemOf(v.occupationSystem) : inferOccupationSystem(v.occupationCode);
    if (system) fields.occupationSystem = system;
    else if (v.occupationSystem !== undefined) err('occupationSystem', `unknown classification "${v.occupationSystem}" (use cn2022/大典, isco or esco) / 未知的职业分类体系`);
  }
  if (v.districtCode !== undefined) {
    const d = v.districtCode;
    const code = ctx.districts.codes.has(d) ? d : ctx.districts.byName.get(d);
    if (code) fields.districtCode = code;
    else err('districtCode', `unknown district "${d}" (use a GB/T 2260 code such as 440106, or the district name) / 未知的区县`);
  }

  // The API's own schema: lengths, ranges, enums. Only report fields not already reported.
  if (!vacancyChecker.Check(fields)) {
    const seen = new Set(errors.map((e) => e.field));
    for (const e of vacancyChecker.Errors(fields)) {
      const field = e.path.split('/').filter(Boolean)[0] ?? '*';
      if (seen.has(field)) continue;
      seen.add(field);
      err(field, e.message);
    }
  }
  const input = fields as VacancyFieldsInput;
  let creditCode: string | null = null;
  if (v.creditCode !== undefined) {
    const code = v.creditCode.replace(/\s/g, '').toUpperCase();
    const problem = creditCodeProblem(code);
    if (problem) err('creditCode', `${problem} / 统一社会信用代码无效`);
    else creditCode = code;
  } else if (v.employerName === undefined) {
    err('creditCode', 'is required (or an employer name that matches exactly one registered employer) / 统一社会信用代码必填');
  }

  let industry: string | null = null;
  if (v.industry !== undefined) {
    const s = v.industry.trim().toUpperCase();
    industry = INDUSTRY_SECTIONS.includes(s) ? s : null;
  }
  const sizeBand = v.sizeBand !== undefined ? parseSizeBand(v.sizeBand) : null;

  let prepared: PreparedVacancy | null = null;
  if (errors.length === 0) {
    const p = prepareVacancy(input, { now: ctx.now, bounds: ctx.bounds, minimumMonthlyWage: ctx.minimumMonthlyWage });
    if (!p.ok) for (const problem of p.problems) err(problem.field, problem.message);
    else if (p.value.screening.outcome === 'block') {
      for (const f of p.value.screening.findings) {
        if (f.severity !== 'block' || f.status !== 'open') continue;
        const field = f.field.startsWith('fields.') ? f.field.slice(7) : f.field;
        err(field, `${f.message.en} ("${f.span.text}") / ${f.message.zh}`);
      }
    } else prepared = p.value;
  }

  if (errors.length) return { ok: false, errors };
  const externalRef =
    v.externalRef ??
    `sha256:${createHash('sha256')
      .update([creditCode ?? v.employerName ?? '', input.title, input.description ?? ''].join('\u0000'))
      .digest('hex')
      .slice(0, 32)}`;
  return {
    ok: true,
    value: {
      row: raw.row,
      creditCode,
      employerName: v.employerName ?? null,
      industry,
      sizeBand,
      externalRef,
      prepared: prepared!,
    },
  };
}
