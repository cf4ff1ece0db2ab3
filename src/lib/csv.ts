/**
 * CSV for people who open it in Excel or WPS: a UTF-8 BOM (so Chinese shows correctly), CRLF,
 * quoting where needed, and text cells that start with = + - @ (or a tab/CR some apps strip
 * first) prefixed with an apostrophe so a spreadsheet shows them instead of running them as a
 * formula (OWASP CSV injection). Numbers are ours and are written as they are.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const s = neutraliseFormula(String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
