import { describe, expect, it } from 'vitest';
import { isoWeekOf, lastCompletedWeek, shiftWeek, weekWindow, weeksInIsoYear, yearAgo } from '../../src/vocabulary/index.js';
import { esc } from '../../src/modules/supply-demand/supply-demand.render.js';
import { csvCell } from '../../src/lib/csv.js';
import { rankOccupations, type ReportRow } from '../../src/modules/supply-demand/supply-demand.figures.js';

describe('ISO weeks in Asia/Shanghai', () => {
  it('starts a week on Monday 00:00 Shanghai time (Sunday 16:00 UTC)', () => {
    const w = weekWindow(2026, 20);
    expect(w.start.toISOString()).toBe('2026-05-10T16:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-05-17T16:00:00.000Z');
    expect([w.firstDay, w.lastDay]).toEqual(['2026-05-11', '2026-05-17']);
  });

  it('places Sunday 23:30 Shanghai in that week and Monday 00:00 in the next', () => {
    expect(isoWeekOf(new Date('2026-05-17T15:30:00Z'))).toEqual({ isoYear: 2026, isoWeek: 20 });
    expect(isoWeekOf(new Date('2026-05-17T16:00:00Z'))).toEqual({ isoYear: 2026, isoWeek: 21 });
  });

  it('knows 53-week years and maps week 53 to 52 a year earlier when needed', () => {
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(yearAgo({ isoYear: 2026, isoWeek: 53 })).toEqual({ isoYear: 2025, isoWeek: 52 });
    expect(() => weekWindow(2025, 53)).toThrow(RangeError);
  });

  it('steps back across a year boundary and finds the last completed week', () => {
    expect(shiftWeek({ isoYear: 2026, isoWeek: 1 }, 1)).toEqual({ isoYear: 2025, isoWeek: 52 });
    expect(lastCompletedWeek(new Date('2026-05-18T18:00:00Z'))).toEqual({ isoYear: 2026, isoWeek: 20 });
  });
});

describe('output safety', () => {
  it('neutralises text cells that start a formula but leaves numbers alone', () => {
    for (const s of ['=1+1', '+1', '-2', '@SUM(A1)']) expect(csvCell(s).startsWith(`'`) || csvCell(s).startsWith(`"'`)).toBe(true);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe('');
  });

  it('escapes HTML special characters', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('shortage and surplus ranking', () => {
  const unit = (key: string, d: number, s: number): ReportRow => ({
    dimension: 'isco_major',
    key,
    figures: { current: { activeDemand: d, activeSupply: s }, previous: {}, yearAgo: {}, change: { vsPrevious: {}, vsYearAgo: {} } } as never,
  });

  it('ranks shortages by highest ratio with a minimum volume, with the gap in positions', () => {
    const out = rankOccupations([unit('1111', 40, 10), unit('2222', 30, 0), unit('3333', 5, 1), unit('4444', 10, 20), unit('5555', 0, 30)]);
    const shortage = out.filter((r) => r.dimension === 'shortage');
    expect(shortage.map((r) => r.key)).toEqual(['2222', '1111']);
    expect((shortage[1]!.figures as { gap: number }).gap).toBe(30);
    const surplus = out.filter((r) => r.dimension === 'surplus');
    expect(surplus.map((r) => r.key)).toEqual(['5555', '4444']);
  });
});
