import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/lib/csv.js';

describe('CSV output', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1']) expect(csvCell(evil).replace(/^"/, '')).toMatch(/^'/);
  });
  it('keeps numbers, including negative ones, as numbers', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(6500.5)).toBe('6500.5');
  });
  it('quotes commas, quotes and line breaks, and starts with a BOM for Excel', () => {
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(toCsv([['岗位', 'n'], ['电工', 3]])).toBe('\uFEFF岗位,n\r\n电工,3\r\n');
  });
});
