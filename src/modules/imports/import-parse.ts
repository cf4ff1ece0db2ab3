import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Bilingual } from '../../lib/errors.js';

/**
 * Turning an uploaded file into rows of raw strings keyed by our field names. Pure (no
 * database), so the header mapping, value parsing and encoding detection are unit-tested.
 */

export const MAX_IMPORT_ROWS = 50_000;

export type ImportFormat = 'csv' | 'json' | 'xlsx';
export type ImportEncoding = 'utf-8' | 'gb18030';

/** A problem with the whole file: the import fails and nothing is committed. */
export class FatalImportError extends Error {
  constructor(public readonly text: Bilingual) {
    super(text.en);
    this.name = 'FatalImportError';
  }
}

const fatal = (en: string, zh: string) => new FatalImportError({ en, zh });

// ── encoding ────────────────────────────────────────────────────────────────────────────────

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GB18030 (what Excel
 * on a Chinese Windows writes as "CSV"). GB18030 maps almost every byte sequence, so a decoded
 * text with replacement or control characters means the file is in neither encoding.
 */
export function decodeContent(buf: Buffer, requested?: string | null): { text: string; encoding: ImportEncoding } {
  const wanted = normaliseEncodingName(requested);
  if (requested && !wanted) {
    throw fatal(`Unsupported encoding "${requested}" (use utf-8 or gb18030)`, `不支持的编码“${requested}”（请使用 utf-8 或 gb18030）`);
  }
  if (buf.subarray(0, 3).equals(UTF8_BOM) && wanted !== 'gb18030') {
    return { text: checkDecoded(utf8Strict(buf.subarray(3)), 'utf-8'), encoding: 'utf-8' };
  }
  if (wanted === 'utf-8') return { text: checkDecoded(utf8Strict(buf), 'utf-8'), encoding: 'utf-8' };
  if (wanted === 'gb18030') return { text: checkDecoded(iconv.decode(buf, 'gb18030'), 'gb18030'), encoding: 'gb18030' };
  const utf8 = utf8Strict(buf);
  if (utf8 !== null) return { text: checkDecoded(utf8, 'utf-8'), encoding: 'utf-8' };
  return { text: checkDecoded(iconv.decode(buf, 'gb18030'), 'gb18030'), encoding: 'gb18030' };
}

export function normaliseEncodingName(name?: string | null): ImportEncoding | null {
  if (!name) return null;
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (n === 'utf8') return 'utf-8';
  if (['gb18030', 'gbk', 'gb2312', 'cp936'].includes(n)) return 'gb18030';
  return null;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function utf8Strict(buf: Buffer): string | null {
  try {
    return decoder.decode(buf);
  } catch {
    return null;
  }
}

// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
function checkDecoded(text: string | null, encoding: ImportEncoding): string {
  if (text === null || BAD_CHARS.test(text)) {
    throw fatal(
      `The file cannot be read as ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-8 or GB18030'} text: save it as "CSV UTF-8" or upload JSON`,
      `无法按 ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-8 或 GB18030'} 编码读取文件，请另存为“CSV UTF-8”格式或上传 JSON`,
    );
  }
  return text;
}

// ── header mapping ──────────────────────────────────────────────────────────────────────────

/** Our field names: VacancyFields plus the employer columns the import needs. */
export const IMPORT_FIELDS = [
  'title',
  'employerName',
  'creditCode',
  'headcount',
  'wageMin',
  'wageMax',
  'salary',
  'wageUnit',
  'educationMin',
  'experienceMinYears',
  'contractType',
  'districtCode',
  'description',
  'requirements',
  'howToApply',
  'externalRef',
  'publicWelfare',
  'occupationSystem',
  'occupationCode',
  'skills',
  'lat',
  'lon',
  'expiresAt',
  'industry',
  'sizeBand',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Accepted headers per field (compared after foldHeader: case, spaces, *, (units) removed). */
const HEADER_ALIASES: Record<ImportField, string[]> = {
  title: ['岗位名称', '职位名称', '岗位', '职位', '招聘岗位', 'title', 'jobtitle', 'positionname', 'position'],
  employerName: ['单位名称', '企业名称', '用人单位', '用人单位名称', '公司名称', '招聘单位', 'employername', 'employer', 'company', 'companyname', 'companyfullname'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'creditcode', 'uscc', 'employercreditcode'],
  headcount: ['招聘人数', '人数', '需求人数', 'headcount', 'openings'],
  wageMin: ['薪资下限', '工资下限', '最低薪资', '最低工资', '月薪下限', '薪酬下限', 'wagemin', 'salarymin', 'minwage'],
  wageMax: ['薪资上限', '工资上限', '最高薪资', '最高工资', '月薪上限', '薪酬上限', 'wagemax', 'salarymax', 'maxwage'],
  salary: ['薪资', '薪资范围', '工资', '薪酬', '月薪', 'salary', 'wage', 'wagerange'],
  wageUnit: ['薪资单位', '工资单位', '计薪方式', '计薪单位', '薪酬单位', 'wageunit', 'salaryunit'],
  educationMin: ['学历要求', '学历', '最低学历', '文化程度', 'educationmin', 'education'],
  experienceMinYears: ['工作经验', '工作年限', '经验要求', '经验', 'experienceminyears', 'experience', 'workyear', 'experienceyears'],
  contractType: ['用工形式', '工作性质', '岗位性质', '用工性质', 'contracttype', 'jobnature', 'employmenttype'],
  districtCode: ['工作区县', '区县代码', '工作地区', '工作区域', '区县', 'districtcode', 'district'],
  description: ['岗位描述', '岗位职责', '工作内容', '职位描述', 'description', 'duties'],
  requirements: ['任职要求', '岗位要求', '任职资格', '职位要求', 'requirements'],
  howToApply: ['应聘方式', '报名方式', 'howtoapply'],
  externalRef: ['外部编号', '岗位编号', '职位编号', '编号', 'externalref', 'ref', 'reference', 'externalid'],
  publicWelfare: ['公益性岗位', '是否公益性岗位', '公益岗位', 'publicwelfare'],
  occupationSystem: ['职业分类体系', '职业分类', '分类体系', 'occupationsystem'],
  occupationCode: ['职业代码', '职业编码', '工种代码', 'occupationcode'],
  skills: ['技能', '技能标签', '技能要求', 'skills', 'skilllables', 'skilllabels'],
  lat: ['纬度', 'lat', 'latitude'],
  lon: ['经度', 'lon', 'lng', 'longitude'],
  expiresAt: ['截止日期', '有效期至', '截止时间', '招聘截止日期', 'expiresat', 'expires', 'closing', 'deadline'],
  industry: ['行业门类', '所属行业', '行业', 'industry'],
  sizeBand: ['单位规模', '企业规模', 'sizeband', 'companysize'],
};

/** Lower case, no BOM/whitespace/_-/*, no trailing unit in brackets: "薪资下限（元）*" → "薪资下限". */
export function foldHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-*＊:：]/g, '')
    .toLowerCase();
}

const ALIAS_INDEX = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of HEADER_ALIASES[f]) ALIAS_INDEX.set(foldHeader(a), f);

export function mapHeader(header: string): ImportField | null {
  return ALIAS_INDEX.get(foldHeader(header)) ?? null;
}

export interface HeaderMap {
  /** column index → field (null: an unknown column, ignored). */
  fields: (ImportField | null)[];
  /** field → the header text as written in the file, for error messages. */
  labels: Partial<Record<ImportField, string>>;
  ignored: string[];
}

export function mapHeaders(headers: string[]): HeaderMap {
  const fields: (ImportField | null)[] = [];
  const labels: Partial<Record<ImportField, string>> = {};
  const ignored: string[] = [];
  headers.forEach((h) => {
    const f = mapHeader(h);
    if (f && labels[f] !== undefined) {
      throw fatal(`Columns "${labels[f]}" and "${h.trim()}" both mean ${f}`, `列“${labels[f]}”和“${h.trim()}”含义相同（${f}），请只保留一列`);
    }
    fields.push(f);
    if (f) labels[f] = h.trim();
    else if (h.trim()) ignored.push(h.trim());
  });
  if (!labels.title) {
    throw fatal('Missing the required column title (岗位名称)', '缺少必填列“岗位名称”（title）');
  }
  return { fields, labels, ignored };
}

// ── rows ────────────────────────────────────────────────────────────────────────────────────

export interface RawRow {
  /** The row number a person sees: in a CSV the header is row 1; in JSON the first item is row 1. */
  row: number;
  values: Partial<Record<ImportField, string>>;
  /** Column count problems found while reading (row-level, not fatal). */
  problem?: { field: string; message: string };
}

export interface ParsedFile {
  format: ImportFormat;
  encoding: ImportEncoding;
  labels: Partial<Record<ImportField, string>>;
  ignoredColumns: string[];
  rows: RawRow[];
}

export function detectFormat(text: string, hint?: string | null): ImportFormat {
  const h = (hint ?? '').toLowerCase();
  if (h.includes('json')) return 'json';
  if (h.includes('csv')) return 'csv';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/** Decodes and parses a whole file; throws FatalImportError for anything that is not row-level. */
export function parseImportFile(buf: Buffer, opts: { formatHint?: string | null; encoding?: string | null } = {}): ParsedFile {
  if (buf.length === 0) throw fatal('The file is empty', '文件为空');
  const { text, encoding } = decodeContent(buf, opts.encoding);
  if (!text.replace(/^\uFEFF/, '').trim()) throw fatal('The file is empty', '文件为空');
  const format = detectFormat(text, opts.formatHint);
  const parsed = format === 'json' ? parseJsonRows(text) : parseCsvRows(text);
  return checkRowCount({ format, encoding, ...parsed });
}

/** The same limits for every format (CSV, JSON, Excel). */
export function checkRowCount(parsed: ParsedFile): ParsedFile {
  if (parsed.rows.length === 0) throw fatal('The file has a header but no rows', '文件只有表头，没有数据行');
  if (parsed.rows.length > MAX_IMPORT_ROWS) {
    throw fatal(
      `The file has ${parsed.rows.length} rows; at most ${MAX_IMPORT_ROWS} rows per import (split the file)`,
      `文件共 ${parsed.rows.length} 行，每次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`,
    );
  }
  return parsed;
}

function parseCsvRows(text: string): Omit<ParsedFile, 'format' | 'encoding'> {
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Cap runaway quotes: one field larger than this is a broken file, not a description.
      max_record_size: 1_000_000,
    }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number; code?: string };
    const line = e.lines ? ` (line ${e.lines})` : '';
    throw fatal(
      `The CSV cannot be read${line}: ${e.message ?? e.code ?? 'invalid CSV'}. Check quotes (") around fields`,
      `CSV 文件格式错误${e.lines ? `（第 ${e.lines} 行附近）` : ''}，请检查字段两侧的英文双引号（"）是否成对`,
    );
  }
  return rowsFromRecords(records);
}

/**
 * Header + rows as the file shows them (record i is row i + 1): CSV and Excel share this, so a
 * column means the same and a row error names the same row number whichever format was used.
 */
export function rowsFromRecords(records: string[][]): Omit<ParsedFile, 'format' | 'encoding'> {
  // Drop trailing empty records (a final newline, Excel padding).
  while (records.length && isEmptyRecord(records[records.length - 1]!)) records.pop();
  if (records.length === 0) throw fatal('The file is empty', '文件为空');
  const header = records[0]!;
  const map = mapHeaders(header);
  const rows: RawRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (isEmptyRecord(rec)) continue; // a blank line keeps its row number, but is not a row to import
    const values: Partial<Record<ImportField, string>> = {};
    map.fields.forEach((f, c) => {
      const v = rec[c];
      if (f && v !== undefined && v.trim() !== '') values[f] = v.trim();
    });
    const row: RawRow = { row: i + 1, values };
    if (rec.length > header.length && rec.slice(header.length).some((v) => v.trim() !== '')) {
      row.problem = { field: '*', message: `has ${rec.length} columns, the header has ${header.length} (a comma inside an unquoted field?)` };
    }
    rows.push(row);
  }
  return { labels: map.labels, ignoredColumns: map.ignored, rows };
}

const isEmptyRecord = (r: string[]) => r.every((v) => v.trim() === '');

function parseJsonRows(text: string): Omit<ParsedFile, 'format' | 'encoding'> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw fatal(`The JSON cannot be read: ${(err as Error).message}`, `JSON 文件格式错误：${(err as Error).message}`);
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const o = data as Record<string, unknown>;
    data = o.vacancies ?? o.rows ?? o.items ?? o.data;
  }
  if (!Array.isArray(data)) {
    throw fatal('JSON must be an array of vacancies (or {"vacancies": [...]})', 'JSON 须为岗位数组（或 {"vacancies": [...]}）');
  }
  const keys = new Set<string>();
  for (const item of data) if (item && typeof item === 'object' && !Array.isArray(item)) for (const k of Object.keys(item)) keys.add(k);
  if (data.length === 0) return { labels: {}, ignoredColumns: [], rows: [] };
  const keyList = [...keys];
  const map = mapHeaders(keyList);
  const fieldOf = new Map(keyList.map((k, i) => [k, map.fields[i] ?? null]));
  const rows: RawRow[] = data.map((item, i) => {
    const row: RawRow = { row: i + 1, values: {} };
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      row.problem = { field: '*', message: 'must be an object' };
      return row;
    }
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      const f = fieldOf.get(k);
      if (!f || v === null || v === undefined) continue;
      const s = Array.isArray(v) ? v.map(String).join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v);
      if (s.trim() !== '') row.values[f] = s.trim();
    }
    return row;
  });
  return { labels: map.labels, ignoredColumns: map.ignored, rows };
}

// ── values ──────────────────────────────────────────────────────────────────────────────────

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

const EDUCATION_WORDS: [RegExp, string][] = [
  [/^(不限|无|无要求|学历不限|none|any|no)$/i, 'none'],
  [/^(小学|primary)$/i, 'primary'],
  [/^(初中|junior_?secondary|juniorhigh)$/i, 'junior_secondary'],
  [/^(高中|senior_?secondary|highschool)$/i, 'senior_secondary'],
  [/^(中专|中技|技校|职高|中职|vocational)$/i, 'vocational'],
  [/^(大专|专科|高职|associate|college)$/i, 'associate'],
  [/^(本科|学士|大学本科|bachelor|bachelors)$/i, 'bachelor'],
  [/^(硕士|研究生|硕士研究生|master|masters)$/i, 'master'],
  [/^(博士|博士研究生|doctorate|phd)$/i, 'doctorate'],
];
export function parseEducation(raw: string): Parsed<string> {
  const s = raw.replace(/\s/g, '').replace(/(及以上|以上|或以上)$/, '');
  for (const [re, v] of EDUCATION_WORDS) if (re.test(s)) return ok(v);
  return bad(`unknown education "${raw}" (use 不限/初中/高中/中专/大专/本科/硕士/博士) / 未知的学历`);
}

const UNIT_WORDS: [RegExp, string][] = [
  [/^(月|月薪|元\/月|每月|month|monthly|m)$/i, 'month'],
  [/^(日|天|日薪|元\/天|元\/日|每天|day|daily|d)$/i, 'day'],
  [/^(时|小时|时薪|元\/小时|元\/时|每小时|hour|hourly|h)$/i, 'hour'],
  [/^(年|年薪|元\/年|每年|year|yearly|annual|y)$/i, 'year'],
  [/^(计件|件|piece|piecework)$/i, 'piece'],
];
export function parseWageUnit(raw: string): Parsed<string> {
  const s = raw.replace(/\s/g, '');
  for (const [re, v] of UNIT_WORDS) if (re.test(s)) return ok(v);
  return bad(`unknown wage unit "${raw}" (use 月/日/时/年/计件) / 未知的薪资单位`);
}

const CONTRACT_WORDS: [RegExp, string][] = [
  [/^(全职|全日制|full_?time|fulltime)$/i, 'full_time'],
  [/^(兼职|非全日制|part_?time|parttime)$/i, 'part_time'],
  [/^(临时|临时工|季节工|短期|temporary|temp)$/i, 'temporary'],
  [/^(实习|实习生|internship|intern)$/i, 'internship'],
  [/^(灵活|灵活就业|灵活用工|小时工|零工|flexible|gig)$/i, 'flexible'],
];
export function parseContractType(raw: string): Parsed<string> {
  const s = raw.replace(/\s/g, '');
  for (const [re, v] of CONTRACT_WORDS) if (re.test(s)) return ok(v);
  return bad(`unknown contract type "${raw}" (use 全职/兼职/临时/实习/灵活) / 未知的用工形式`);
}

export function parseYesNo(raw: string): Parsed<boolean> {
  const s = raw.replace(/\s/g, '').toLowerCase();
  if (['是', '是的', 'y', 'yes', 'true', '1', '√', '✓'].includes(s)) return ok(true);
  if (['否', '不是', 'n', 'no', 'false', '0', '×', ''].includes(s)) return ok(false);
  return bad(`must be 是 or 否 (yes/no), got "${raw}" / 须为“是”或“否”`);
}

/** 面议 and its variants: pay not stated (the row imports without pay, like a form left blank). */
export function isPayNotStated(raw: string): boolean {
  return /^(面议|薪资面议|工资面议|待遇面议|薪酬面议|面谈|可面议|negotiable)$/i.test(raw.replace(/\s/g, ''));
}

/** "5000", "5,000", "5000元", "5k", "1.5万" → CNY. */
export function parseAmount(raw: string): Parsed<number> {
  const s = raw.replace(/[\s,，¥￥]/g, '').replace(/(元|rmb|cny)$/i, '');
  const m = /^(\d+(?:\.\d+)?)(k|千|w|万)?$/i.exec(s);
  if (!m) return bad(`is not an amount: "${raw}" / 不是有效金额`);
  const mult = m[2] ? (/^(k|千)$/i.test(m[2]) ? 1000 : 10000) : 1;
  return ok(Math.round(Number(m[1]) * mult * 100) / 100);
}

/** "15k-30k", "10000-18000", "3000~5000元/月", "面议" → min/max (+unit when written). */
export function parseSalaryRange(raw: string): Parsed<{ min: number | null; max: number | null; unit?: string }> {
  let s = raw.replace(/\s/g, '');
  if (isPayNotStated(s)) return ok({ min: null, max: null });
  let unit: string | undefined;
  const unitMatch = /(?:元)?[/每](月|天|日|小时|时|年)$/.exec(s);
  if (unitMatch) {
    unit = parseWageUnit(unitMatch[1]!).ok ? (parseWageUnit(unitMatch[1]!) as { value: string }).value : undefined;
    s = s.slice(0, unitMatch.index);
  }
  const parts = s.split(/[-~—–至到]/).filter(Boolean);
  if (parts.length === 0 || parts.length > 2) return bad(`is not a salary range like 4000-6000: "${raw}" / 不是有效的薪资范围`);
  // "15-30k": the unit suffix of the upper bound applies to both.
  const suffix = /(k|千|w|万)$/i.exec(parts[parts.length - 1]!)?.[1] ?? '';
  const nums = parts.map((p, i) => parseAmount(i < parts.length - 1 && /^\d+(\.\d+)?$/.test(p) ? p + suffix : p));
  for (const n of nums) if (!n.ok) return bad(`is not a salary range like 4000-6000: "${raw}" / 不是有效的薪资范围`);
  const vals = nums.map((n) => (n as { value: number }).value);
  return ok({ min: vals[0]!, max: vals[1] ?? vals[0]!, ...(unit ? { unit } : {}) });
}

/** "3", "3年", "3-5年", "3年以上" → the minimum years; 不限/无/应届 → 0. */
export function parseExperience(raw: string): Parsed<number> {
  const s = raw.replace(/\s/g, '');
  if (/^(不限|无|无要求|经验不限|应届|应届生|应届毕业生|none|any)$/i.test(s)) return ok(0);
  const m = /^(\d{1,2})(?:[-~至到]\d{1,2})?(?:年|years?|yrs?)?(?:以上|及以上|\+)?$/i.exec(s);
  if (m) return ok(Number(m[1]));
  if (/^(\d{1,2})年以下$/.test(s) || /^一年以下$/.test(s)) return ok(0);
  return bad(`is not a number of years: "${raw}" / 不是有效的工作年限`);
}

export function parseInteger(raw: string): Parsed<number> {
  const s = raw.replace(/[\s,，]/g, '').replace(/(人|名|个)$/, '');
  return /^\d+$/.test(s) ? ok(Number(s)) : bad(`is not a whole number: "${raw}" / 不是整数`);
}

export function parseNumber(raw: string): Parsed<number> {
  const n = Number(raw.trim());
  return raw.trim() !== '' && Number.isFinite(n) ? ok(n) : bad(`is not a number: "${raw}" / 不是数字`);
}

/** "2026-12-31", "2026/12/31", full ISO → ISO date-time (end of that day, China time, for dates). */
export function parseDate(raw: string): Parsed<string> {
  const s = raw.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}T23:59:59+08:00`;
    const d = new Date(iso);
    if (!Number.isNaN(d.getTime()) && d.toISOString() && Number(m[2]) <= 12 && Number(m[3]) <= 31) return ok(d.toISOString());
  }
  const d = new Date(s);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(d.getTime())) return ok(d.toISOString());
  return bad(`is not a date like 2026-12-31: "${raw}" / 不是有效日期`);
}

export function parseSkills(raw: string): string[] {
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[,，、;；|]/)
    .map((s) => s.trim().replace(/^['"]|['"]$/g, '').trim())
    .filter(Boolean)
    .slice(0, 50);
}

/** cn2022 codes look like 6-18-02-04; ISCO-08 has 1–4 digits; ESCO codes are an ISCO unit plus dotted digits. */
export function inferOccupationSystem(code: string): 'cn2022' | 'isco' | 'esco' | null {
  if (/^\d(-\d{2}){0,3}$/.test(code)) return 'cn2022';
  if (/^\d{1,4}$/.test(code)) return 'isco';
  if (/^\d{4}(\.\d+)+$/.test(code)) return 'esco';
  return null;
}

const SIZE_WORDS: [RegExp, 'micro' | 'small' | 'medium' | 'large'][] = [
  [/^(微型|micro|少于15人|15人以下)$/i, 'micro'],
  [/^(小型|small|15-50人|50人以下)$/i, 'small'],
  [/^(中型|medium|50-150人|150-500人)$/i, 'medium'],
  [/^(大型|large|500-2000人|2000人以上)$/i, 'large'],
];
export function parseSizeBand(raw: string): 'micro' | 'small' | 'medium' | 'large' | null {
  const s = raw.replace(/\s/g, '');
  for (const [re, v] of SIZE_WORDS) if (re.test(s)) return v;
  return null;
}
