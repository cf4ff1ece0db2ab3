import { toCsv } from '../../lib/csv.js';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.js';
import { enqueue } from '../../jobs/enqueue.js';
import { AppError, notFound, type Bilingual } from '../../lib/errors.js';
import type { Bounds } from '../../lib/bounds.js';
import { assertAllowed, isAllowed } from '../../lib/policy.js';
import type { Principal } from '../auth/index.js';
import { ensureEmployers, findEmployersByCreditCodes, findEmployersByNames } from '../employers/index.js';
import { fairs } from '../fairs/fairs.table.js';
import { districts } from '../offices/offices.table.js';
import { writeImportedVacancies } from '../vacancies/index.js';
import { vacancyImports } from './imports.table.js';
import { FatalImportError, normaliseEncodingName, type ImportField } from './import-parse.js';
import { looksLikeXlsx, parseUpload } from './import-xlsx.js';
import { toXlsx } from '../../lib/tabular.js';
import { validateRow, type RowError, type ValidRow } from './import-rows.js';

export const IMPORT_BATCH_SIZE = 1000;
const YIELD_EVERY = 100;
/** Stored errors are capped; failedRows still counts every failed row. */
export const MAX_STORED_ERRORS = 5000;
/** Employers created by an import get these until an organiser completes the record. */
const DEFAULT_INDUSTRY = 'S';
const DEFAULT_SIZE_BAND = 'small' as const;

/** Every column but the file itself: status reads must not ship megabytes of bytea each poll. */
const { content: _content, ...VIEW_COLUMNS } = getTableColumns(vacancyImports);
export type ImportRow = Omit<typeof vacancyImports.$inferSelect, 'content'>;

export interface ImportView {
  id: string;
  fairId: string | null;
  officeId: string;
  filename: string;
  format: string;
  allowCreateEmployers: boolean;
  publish: boolean;
  status: ImportRow['status'];
  totalRows: number | null;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: RowError[];
  errorsTruncated: boolean;
  fatalError: Bilingual | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

// ── create ──────────────────────────────────────────────────────────────────────────────────

export interface CreateImportInput {
  fairId: string;
  content: Buffer;
  filename: string;
  /** 'csv' | 'json' | 'xlsx' | null (detect from the content). */
  format: 'csv' | 'json' | 'xlsx' | null;
  encoding?: string | null;
  allowCreateEmployers: boolean;
  publish: boolean;
}

/**
 * Stores the file and enqueues the job in one transaction: the job runs from Postgres alone,
 * so an upload that returned 202 is processed even if Redis or the worker was down.
 */
export async function createImport(
  db: Db,
  principal: Principal,
  input: CreateImportInput,
  opts: { enqueueJob?: boolean } = {},
): Promise<{ importId: string; status: ImportRow['status'] }> {
  if (input.encoding && !normaliseEncodingName(input.encoding)) {
    throw new AppError(400, 'VALIDATION_FAILED', { en: 'querystring.encoding must be utf-8 or gb18030', zh: 'encoding 须为 utf-8 或 gb18030' }, [
      { field: 'querystring.encoding', message: 'must be utf-8 or gb18030' },
    ]);
  }
  return db.transaction(async (tx) => {
    const [fair] = await tx.select({ id: fairs.id, officeId: fairs.officeId }).from(fairs).where(eq(fairs.id, input.fairId));
    if (!fair) throw notFound('Fair', '招聘会');
    await assertAllowed(tx, principal, 'import.create', { officeId: fair.officeId });
    const encoding = normaliseEncodingName(input.encoding);
    const [row] = await tx
      .insert(vacancyImports)
      .values({
        fairId: fair.id,
        officeId: fair.officeId,
        createdByKeyId: principal.keyId || null,
        // Who uploaded, as the job will need it: rows change vacancies only where this principal could PATCH them.
        uploadedBy: principal,
        filename: input.filename.slice(0, 255),
        // The requested encoding travels with the format ("csv+gb18030") so the job needs no other state.
        // An Excel workbook is recognised by its bytes (a zip), whatever the upload declared.
        format: [looksLikeXlsx(input.content) ? 'xlsx' : (input.format ?? 'auto'), encoding].filter(Boolean).join('+'),
        content: input.content,
        allowCreateEmployers: input.allowCreateEmployers,
        publish: input.publish,
      })
      .returning({ id: vacancyImports.id, status: vacancyImports.status });
    if (opts.enqueueJob !== false) await enqueue(tx, 'imports.vacancies', { importId: row!.id });
    return { importId: row!.id, status: row!.status };
  });
}

// ── read ────────────────────────────────────────────────────────────────────────────────────

export async function getImport(db: DbOrTx, id: string, reader?: Principal): Promise<ImportView> {
  const [row] = await db.select(VIEW_COLUMNS).from(vacancyImports).where(eq(vacancyImports.id, id));
  if (!row) throw notFound('Import', '导入任务');
  // Row errors quote the file (names, pay, employers): only the fair's office scope reads them.
  if (reader && !(await isAllowed(db, reader, 'import.read', { officeId: row.officeId }))) throw notFound('Import', '导入任务');
  return toView(row);
}

function toView(row: ImportRow): ImportView {
  const errors = (row.errors as RowError[]) ?? [];
  return {
    id: row.id,
    fairId: row.fairId,
    officeId: row.officeId,
    filename: row.filename,
    format: row.format,
    allowCreateEmployers: row.allowCreateEmployers,
    publish: row.publish,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    failed: row.failedRows,
    errors,
    errorsTruncated: row.failedRows > 0 && errors.length >= MAX_STORED_ERRORS,
    fatalError: parseFatal(row.fatalError),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function parseFatal(s: string | null): Bilingual | null {
  if (!s) return null;
  try {
    const o = JSON.parse(s) as Bilingual;
    if (typeof o.en === 'string' && typeof o.zh === 'string') return o;
  } catch {
    /* a plain message */
  }
  return { en: s, zh: s };
}

// ── run (the job) ───────────────────────────────────────────────────────────────────────────

export interface ImportProgress {
  totalRows: number;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface RunOptions {
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  now?: Date;
  /** Configuration the rows are checked against (passed by the route, the worker and the CLI alike). */
  bounds?: Bounds;
  minimumMonthlyWage?: number;
}

/**
 * Parses, validates and commits an import. Idempotent: a finished import is left as it is;
 * one interrupted while running starts over, and rows it already committed come out unchanged
 * (vacancies are keyed by employer + external reference).
 */
export async function runImport(db: Db, importId: string, opts: RunOptions = {}): Promise<ImportView> {
  const [claimed] = await db
    .update(vacancyImports)
    .set({
      status: 'running',
      startedAt: new Date(),
      finishedAt: null,
      processedRows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      failedRows: 0,
      errors: [],
      fatalError: null,
    })
    .where(and(eq(vacancyImports.id, importId), inArray(vacancyImports.status, ['queued', 'running'])))
    .returning(VIEW_COLUMNS);
  if (!claimed) return getImport(db, importId);

  const [{ content }] = (await db.select({ content: vacancyImports.content }).from(vacancyImports).where(eq(vacancyImports.id, importId))) as [{ content: Buffer }];
  const [formatHint, encoding] = claimed.format.split('+');
  let parsed;
  try {
    parsed = await parseUpload(content, { formatHint: formatHint === 'auto' || formatHint === 'xlsx' ? null : formatHint, encoding: encoding ?? null });
  } catch (err) {
    if (!(err instanceof FatalImportError)) throw err;
    return finishFailed(db, importId, err.text);
  }

  const total = parsed.rows.length;
  // Record what was detected ("csv+gb18030"): the status shows it, and a re-run reads the file the same way.
  await db.update(vacancyImports).set({ totalRows: total, format: `${parsed.format}+${parsed.encoding}` }).where(eq(vacancyImports.id, importId));

  const errors: RowError[] = [];
  const failedRows = new Set<number>();
  const fail = (es: RowError[]) => {
    for (const e of es) {
      failedRows.add(e.row);
      if (errors.length < MAX_STORED_ERRORS) errors.push(e);
    }
  };
  const label = (f: string) => (parsed.labels[f as ImportField] ? { column: parsed.labels[f as ImportField] } : {});

  const districtRows = await db.select({ code: districts.code, nameZh: districts.nameZh }).from(districts);
  const now = opts.now ?? new Date();
  const rowCtx = {
    labels: parsed.labels,
    districts: { codes: new Set(districtRows.map((d) => d.code)), byName: new Map(districtRows.map((d) => [d.nameZh, d.code])) },
    now,
    bounds: opts.bounds,
    minimumMonthlyWage: opts.minimumMonthlyWage,
  };

  const batchSize = opts.batchSize ?? IMPORT_BATCH_SIZE;
  const progress: ImportProgress = { totalRows: total, processedRows: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0 };
  // Imports stored before the uploader was recorded act as an organiser of the fair's office (the narrowest scope that could upload).
  const uploader = (claimed.uploadedBy as Principal | null) ?? { keyId: '', name: 'import', role: 'organiser' as const, employerId: null, officeId: claimed.officeId, roles: ['organiser' as const], personId: null, kind: 'key' as const };
  const target = { importId, fairId: claimed.fairId, officeId: claimed.officeId, publish: claimed.publish, now, uploader };
  const employerCache: EmployerCache = new Map();
  // The same vacancy twice in one file: the first wins, later ones are reported.
  const seen = new Map<string, number>();

  // Batches follow the file, so progress means "rows up to here are done". Validating batch
  // k+1 (CPU: parsing, screening) overlaps with Postgres committing batch k.
  let committing: Promise<void> = Promise.resolve();
  for (let start = 0; start < total; start += batchSize) {
    const chunk = parsed.rows.slice(start, start + batchSize);
    const valid: ValidRow[] = [];
    for (const [i, raw] of chunk.entries()) {
      const r = validateRow(raw, rowCtx);
      if (r.ok) valid.push(r.value);
      else fail(r.errors);
      // Validation is CPU work (screening long texts): yield now and then so the worker keeps
      // renewing its job lock on time (the imports queue uses a short lock, workers/runtime.ts).
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const employerOf = await resolveEmployers(db, valid, claimed.allowCreateEmployers, employerCache, (row, field, message) =>
      fail([{ row, field, ...label(field), message }]),
    );
    const batch: ReadyRow[] = [];
    for (const v of valid) {
      const employer = employerOf.get(v.row);
      if (!employer) continue;
      const key = `${employer.creditCode ?? `id:${employer.id}`}\u0000${v.externalRef}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail([{ row: v.row, field: 'externalRef', ...label('externalRef'), message: `the same vacancy is already in row ${first} of this file / 与第 ${first} 行重复` }]);
        continue;
      }
      seen.set(key, v.row);
      batch.push({ ...v, employer });
    }
    const processed = Math.min(start + batchSize, total);
    await committing;
    committing = commitBatch(db, batch, target, processed).then((counts) => {
      fail(counts.refused);
      progress.processedRows = processed;
      progress.inserted += counts.inserted;
      progress.updated += counts.updated;
      progress.unchanged += counts.unchanged;
      progress.failed = failedRows.size;
      opts.onProgress?.({ ...progress });
    });
    // A rejection is awaited on the next turn (or below); keep it from being reported as unhandled meanwhile.
    committing.catch(() => {});
  }
  await committing;

  errors.sort((a, b) => a.row - b.row);
  const [done] = await db
    .update(vacancyImports)
    .set({
      status: 'completed',
      processedRows: total,
      failedRows: failedRows.size,
      errors,
      finishedAt: new Date(),
    })
    .where(eq(vacancyImports.id, importId))
    .returning(VIEW_COLUMNS);
  return toView(done!);
}

async function finishFailed(db: Db, importId: string, text: Bilingual): Promise<ImportView> {
  const [row] = await db
    .update(vacancyImports)
    .set({ status: 'failed', fatalError: JSON.stringify(text), finishedAt: new Date() })
    .where(eq(vacancyImports.id, importId))
    .returning(VIEW_COLUMNS);
  return toView(row!);
}

type ReadyRow = ValidRow & { employer: EmployerRef };

// ── employers ───────────────────────────────────────────────────────────────────────────────

/** id null: to be created (by credit code) in the batch that first needs it. */
interface EmployerRef {
  id: string | null;
  creditCode: string | null;
  name: string;
  industry: string;
  sizeBand: 'micro' | 'small' | 'medium' | 'large';
}

/** Employers by credit code, or "name:" + name for rows without one (null: not registered). */
type EmployerCache = Map<string, EmployerRef | null | 'ambiguous'>;

async function resolveEmployers(
  db: Db,
  rows: ValidRow[],
  allowCreate: boolean,
  cache: EmployerCache,
  fail: (row: number, field: string, message: string) => void,
): Promise<Map<number, EmployerRef>> {
  const out = new Map<number, EmployerRef>();
  // Look up only what earlier batches have not: the cache holds refs by credit code ("name:" + name without one).
  const codes = [...new Set(rows.map((r) => r.creditCode).filter((c): c is string => !!c && !cache.has(c)))];
  if (codes.length) {
    const found = await findEmployersByCreditCodes(db, codes);
    for (const e of found) cache.set(e.code, { id: e.id, creditCode: e.code, name: e.name, industry: DEFAULT_INDUSTRY, sizeBand: DEFAULT_SIZE_BAND });
  }
  const names = [...new Set(rows.filter((r) => !r.creditCode && r.employerName && !cache.has(`name:${r.employerName}`)).map((r) => r.employerName!))];
  if (names.length) {
    const found = await findEmployersByNames(db, names);
    const count = new Map<string, number>();
    for (const e of found) count.set(e.name, (count.get(e.name) ?? 0) + 1);
    for (const n of names) {
      const match = found.find((e) => e.name === n);
      cache.set(
        `name:${n}`,
        !match ? null : count.get(n) === 1 ? { id: match.id, creditCode: null, name: n, industry: DEFAULT_INDUSTRY, sizeBand: DEFAULT_SIZE_BAND } : 'ambiguous',
      );
    }
  }
  for (const r of rows) {
    if (r.creditCode) {
      let ref = cache.get(r.creditCode);
      if (ref && ref !== 'ambiguous') out.set(r.row, ref);
      else if (!allowCreate) {
        fail(r.row, 'creditCode', `no registered employer has this credit code (register it first, or import with allowCreateEmployers=true) / 该统一社会信用代码的用人单位未登记`);
      } else if (!r.employerName) {
        fail(r.row, 'employerName', 'is required to register a new employer / 新建用人单位须填写单位名称');
      } else {
        ref = { id: null, creditCode: r.creditCode, name: r.employerName, industry: r.industry ?? DEFAULT_INDUSTRY, sizeBand: r.sizeBand ?? DEFAULT_SIZE_BAND };
        cache.set(r.creditCode, ref);
        out.set(r.row, ref);
      }
    } else {
      const ref = cache.get(`name:${r.employerName}`);
      if (ref && ref !== 'ambiguous') out.set(r.row, ref);
      else
        fail(
          r.row,
          'creditCode',
          ref === 'ambiguous'
            ? `several employers are named "${r.employerName}": give the credit code / 多个用人单位同名，请填写统一社会信用代码`
            : `is required: no registered employer is named "${r.employerName}" / 未找到该名称的用人单位，请填写统一社会信用代码`,
        );
    }
  }
  return out;
}

// ── commit ──────────────────────────────────────────────────────────────────────────────────

interface Target {
  importId: string;
  fairId: string | null;
  officeId: string;
  publish: boolean;
  now: Date;
  uploader: Principal;
}

type Counts = { inserted: number; updated: number; unchanged: number; refused: RowError[] };

/**
 * One transaction per batch: employers it needs, the vacancies (through the vacancies
 * module's own write path, events included) and the progress counters. If the batch fails as
 * a whole (a constraint we did not foresee), its rows are retried one by one so a single bad
 * row cannot sink the other 999. Refused rows are reported by the caller after the commit.
 */
async function commitBatch(db: Db, batch: ReadyRow[], target: Target, processedRows: number): Promise<Counts> {
  const assigned: EmployerRef[] = [];
  try {
    return await db.transaction((tx) => writeRows(tx, batch, target, processedRows, assigned));
  } catch (err) {
    // Employers created in the rolled-back transaction do not exist: create them again on retry.
    for (const e of assigned) e.id = null;
    if (batch.length <= 1) {
      await db.update(vacancyImports).set({ processedRows }).where(eq(vacancyImports.id, target.importId));
      const refused = batch[0] ? [{ row: batch[0].row, field: '*', message: `could not be saved: ${dbMessage(err)} / 保存失败` }] : [];
      return { inserted: 0, updated: 0, unchanged: 0, refused };
    }
    const total: Counts = { inserted: 0, updated: 0, unchanged: 0, refused: [] };
    for (const row of batch) {
      const c = await commitBatch(db, [row], target, processedRows);
      total.inserted += c.inserted;
      total.updated += c.updated;
      total.unchanged += c.unchanged;
      total.refused.push(...c.refused);
    }
    return total;
  }
}

/** The database's own words, without the statement or its parameters (they hold the file's data). */
function dbMessage(err: unknown): string {
  for (let e = err as { message?: string; cause?: unknown } | undefined, d = 0; e && d < 4; e = e.cause as typeof e, d++) {
    if (e.cause === undefined) return (e.message ?? 'database error').split('\n')[0]!.slice(0, 200);
  }
  return 'database error';
}

async function writeRows(tx: Tx, batch: ReadyRow[], target: Target, processedRows: number, assigned: EmployerRef[]): Promise<Counts> {
  const counts: Counts = { inserted: 0, updated: 0, unchanged: 0, refused: [] };
  if (batch.length) {
    await createEmployers(tx, batch, target.officeId, assigned);
    const out = await writeImportedVacancies(
      tx,
      batch.map((r) => ({ row: r.row, employerId: r.employer.id!, externalRef: r.externalRef, ...r.prepared })),
      { uploader: target.uploader, fairId: target.fairId, officeId: target.officeId, publish: target.publish, now: target.now },
    );
    counts.inserted = out.inserted.length;
    counts.updated = out.updated.length;
    counts.unchanged = out.unchanged;
    counts.refused = out.refused;
  }
  await tx
    .update(vacancyImports)
    .set({
      processedRows,
      inserted: sql`${vacancyImports.inserted} + ${counts.inserted}`,
      updated: sql`${vacancyImports.updated} + ${counts.updated}`,
      unchanged: sql`${vacancyImports.unchanged} + ${counts.unchanged}`,
    })
    .where(eq(vacancyImports.id, target.importId));
  return counts;
}

/** Registers (through the employers module) the employers this batch needs by credit code. */
async function createEmployers(tx: Tx, batch: ReadyRow[], officeId: string, assigned: EmployerRef[]): Promise<void> {
  const pending = new Map<string, EmployerRef>();
  for (const r of batch) if (!r.employer.id && r.employer.creditCode) pending.set(r.employer.creditCode, r.employer);
  if (!pending.size) return;
  const ids = await ensureEmployers(
    tx,
    [...pending.values()].map((e) => ({ name: e.name, creditCode: e.creditCode!, industry: e.industry, sizeBand: e.sizeBand })),
    officeId,
  );
  // The refs are shared by every row of that employer, so later batches reuse the id.
  for (const [code, id] of ids) {
    const ref = pending.get(code)!;
    ref.id = id;
    assigned.push(ref);
  }
}

// ── outputs ─────────────────────────────────────────────────────────────────────────────────


export function errorsCsv(view: ImportView): string {
  return toCsv([['行号 row', '列 column', '字段 field', '错误 message'], ...view.errors.map((e) => [e.row, e.column ?? '', e.field, e.message])]);
}

/** Template columns: Chinese header, English header, example value. */
export const TEMPLATE_COLUMNS: [string, string, string][] = [
  ['外部编号', 'externalRef', 'JF-2026-0001'],
  ['岗位名称', 'title', '电工'],
  ['单位名称', 'employerName', '广州市示例机电工程有限公司'],
  ['统一社会信用代码', 'creditCode', '91440106MA59ABCD1M'],
  ['招聘人数', 'headcount', '3'],
  ['薪资下限', 'wageMin', '5000'],
  ['薪资上限', 'wageMax', '7000'],
  ['薪资单位', 'wageUnit', '月'],
  ['学历要求', 'educationMin', '中专'],
  ['工作经验', 'experienceMinYears', '2'],
  ['用工形式', 'contractType', '全职'],
  ['工作区县', 'districtCode', '440106'],
  ['职业代码', 'occupationCode', '6-31-01-03'],
  ['岗位描述', 'description', '负责厂区供配电设备的日常巡检与维修'],
  ['任职要求', 'requirements', '持有低压电工作业证，能适应倒班'],
  ['公益性岗位', 'publicWelfare', '否'],
  ['截止日期', 'expiresAt', '2026-12-31'],
];

export function templateCsv(lang: 'zh' | 'en'): string {
  return toCsv(templateRows(lang));
}

function templateRows(lang: 'zh' | 'en'): string[][] {
  const header = TEMPLATE_COLUMNS.map((c) => (lang === 'zh' ? c[0] : c[1]));
  const example = TEMPLATE_COLUMNS.map((c) => (lang === 'en' && c[1] === 'wageUnit' ? 'month' : lang === 'en' && c[1] === 'educationMin' ? 'vocational' : lang === 'en' && c[1] === 'contractType' ? 'full_time' : lang === 'en' && c[1] === 'publicWelfare' ? 'no' : c[2]));
  return [header, example];
}

export function templateJson(): { vacancies: Record<string, string | number | boolean>[] } {
  return {
    vacancies: [
      {
        externalRef: 'JF-2026-0001',
        title: '电工',
        employerName: '广州市示例机电工程有限公司',
        creditCode: '91440106MA59ABCD1M',
        headcount: 3,
        wageMin: 5000,
        wageMax: 7000,
        wageUnit: 'month',
        educationMin: 'vocational',
        experienceMinYears: 2,
        contractType: 'full_time',
        districtCode: '440106',
        occupationCode: '6-31-01-03',
        description: '负责厂区供配电设备的日常巡检与维修',
        requirements: '持有低压电工作业证，能适应倒班',
        publicWelfare: false,
        expiresAt: '2026-12-31',
      },
    ],
  };
}

/** The template as an Excel workbook: Chinese headers and one example row (or English with lang=en). */
export async function templateXlsx(lang: 'zh' | 'en'): Promise<Buffer> {
  const [header, ...rows] = templateRows(lang);
  return toXlsx([{ name: lang === 'zh' ? '岗位' : 'vacancies', header: header as string[], rows }]);
}
