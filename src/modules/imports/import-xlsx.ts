import ExcelJS from 'exceljs';
import { checkRowCount, FatalImportError, MAX_IMPORT_ROWS, parseImportFile, rowsFromRecords, type ParsedFile } from './import-parse.js';

/** Every .xlsx (Office Open XML) is a zip: detected by these bytes, whatever the upload said it was. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function looksLikeXlsx(buf: Buffer): boolean {
  return buf.length >= 4 && buf.subarray(0, 4).equals(ZIP_MAGIC);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One cell as the text a person typed or sees, so the CSV rules apply unchanged: dates as
 * YYYY-MM-DD (Excel dates carry no zone; exceljs gives them as UTC fields), formulas by their cached
 * result, rich text and hyperlinks by their text.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    if (!value.getUTCHours() && !value.getUTCMinutes()) return date;
    // A date with a time of day is a wall-clock time at the office (Asia/Shanghai, no daylight saving).
    return `${date}T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:00+08:00`;
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}

/** The first worksheet as records (record i = Excel row i + 1), for rowsFromRecords. */
export async function xlsxRecords(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new FatalImportError({
      en: 'The file looks like an Excel workbook (.xlsx) but cannot be opened; save it again from Excel or WPS as .xlsx, or as CSV',
      zh: '文件看起来是 Excel 工作簿（.xlsx），但无法打开；请在 Excel 或 WPS 中重新另存为 .xlsx 或 CSV',
    });
  }
  const ws = wb.worksheets.find((s) => s.state !== 'hidden' && s.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw new FatalImportError({ en: 'The workbook has no worksheet', zh: '工作簿中没有工作表' });
  if (ws.rowCount > MAX_IMPORT_ROWS + 1) {
    throw new FatalImportError({
      en: `The sheet has ${ws.rowCount - 1} rows; at most ${MAX_IMPORT_ROWS} rows per import (split the file)`,
      zh: `工作表共 ${ws.rowCount - 1} 行，每次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`,
    });
  }
  const width = ws.columnCount;
  const records: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rec: string[] = [];
    for (let c = 1; c <= width; c++) rec.push(cellText(row.getCell(c).value));
    records.push(rec);
  }
  return records;
}

/** Any upload: Excel by its bytes, else CSV or JSON as before (parseImportFile). */
export async function parseUpload(buf: Buffer, opts: { formatHint?: string | null; encoding?: string | null } = {}): Promise<ParsedFile> {
  if (looksLikeXlsx(buf)) {
    const records = await xlsxRecords(buf);
    if (records.every((r) => r.every((v) => v.trim() === ''))) throw new FatalImportError({ en: 'The file is empty', zh: '文件为空' });
    return checkRowCount({ format: 'xlsx', encoding: 'utf-8', ...rowsFromRecords(records) });
  }
  return parseImportFile(buf, opts);
}
