import ExcelJS from 'exceljs';
import { neutraliseFormula, toCsv } from './csv.js';

export { neutraliseFormula };

/**
 * The one writer for lists people download (exports, templates): the same rows as CSV (UTF-8
 * BOM, CRLF; src/lib/csv.ts) or as an Excel workbook. Text that starts with = + - @ or a
 * tab/CR gets a leading apostrophe in both (OWASP CSV/formula injection): an .xlsx string cell
 * is not a formula, but a person who saves it as CSV and opens that again would run it.
 */
export type TabularFormat = 'csv' | 'xlsx';

export interface Sheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly unknown[])[];
  /** Column widths in characters (defaults from the header). */
  widths?: readonly number[];
}

export const CONTENT_TYPES: Record<TabularFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function xlsxCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  return neutraliseFormula(String(value));
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';

export async function toXlsx(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PES';
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.header.map((h) => neutraliseFormula(h))).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map(xlsxCell));
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = s.widths?.[i] ?? Math.min(40, Math.max(10, [...h].length * 2 + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One sheet as CSV or .xlsx; the CSV gets only the first sheet. */
export async function writeTable(format: TabularFormat, sheet: Sheet): Promise<Buffer> {
  if (format === 'xlsx') return toXlsx([sheet]);
  return Buffer.from(toCsv([sheet.header, ...sheet.rows]), 'utf8');
}
