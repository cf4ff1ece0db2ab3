import { describe, expect, it } from 'vitest';
import { weightedType7 } from '../../src/modules/wage-guidance/percentile.js';
import { currentPeriodStart, periodBounds } from '../../src/modules/wage-guidance/periods.js';
import { escapeHtml, toCsv } from '../../src/modules/wage-guidance/wage-guidance.render.js';
import { cspSafeSvg } from '../../src/lib/svg-chart.js';
import { csvCell as neutraliseFormula } from '../../src/lib/csv.js';

const w1 = (xs: number[]) => xs.map((value) => ({ value, weight: 1 }));

describe('weighted type-7 percentile', () => {
  it('matches R quantile(type = 7) on unweighted data', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(.1, .25, .5, .75, .9)) → 1.4 2 3 4 7.6
    const xs = w1([10, 3, 1, 4, 2]);
    expect([0.1, 0.25, 0.5, 0.75, 0.9].map((p) => weightedType7(xs, p))).toEqual([1.4, 2, 3, 4, expect.closeTo(7.6, 10)]);
  });

  it('treats a weight as that many repeated observations, ties included', () => {
    const weighted = [{ value: 5000, weight: 3 }, { value: 4000, weight: 1 }, { value: 5000, weight: 2 }, { value: 7000, weight: 4 }];
    const expanded = w1([5000, 5000, 5000, 4000, 5000, 5000, 7000, 7000, 7000, 7000]);
    for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(weightedType7(weighted, p)).toBeCloseTo(weightedType7(expanded, p)!, 10);
  });

  it('gives the single value for one observation and null for none', () => {
    expect(weightedType7([{ value: 3000, weight: 7 }], 0.9)).toBe(3000);
    expect(weightedType7([], 0.5)).toBeNull();
  });
});

describe('periods', () => {
  it('gives [start, end) for months, quarters and years, across a year end', () => {
    expect(periodBounds('month', '2025-12-01')).toEqual({ start: '2025-12-01', end: '2026-01-01' });
    expect(periodBounds('quarter', '2025-10-01')).toEqual({ start: '2025-10-01', end: '2026-01-01' });
    expect(periodBounds('year', '2025-01-01')).toEqual({ start: '2025-01-01', end: '2026-01-01' });
  });

  it('refuses a start that is not the first day of its period', () => {
    expect(() => periodBounds('month', '2025-02-15')).toThrow(/first day/);
    expect(() => periodBounds('quarter', '2025-02-01')).toThrow(/quarter/);
    expect(() => periodBounds('year', '2025-07-01')).toThrow(/year/);
  });

  it('finds the current period on the Asia/Shanghai calendar', () => {
    const lateUtc = new Date('2025-03-31T17:30:00Z'); // 1 April 01:30 in Guangzhou
    expect(currentPeriodStart('month', lateUtc)).toBe('2025-04-01');
    expect(currentPeriodStart('quarter', lateUtc)).toBe('2025-04-01');
    expect(currentPeriodStart('quarter', new Date('2025-03-15T00:00:00Z'))).toBe('2025-01-01');
    expect(currentPeriodStart('year', lateUtc)).toBe('2025-01-01');
  });
});

describe('output safety', () => {
  it('neutralises spreadsheet formulas', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('电工')).toBe('电工');
  });

  it('escapes HTML special characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('turns SVG style attributes into presentation attributes and drops style blocks', () => {
    const svg = '<svg><text style="font-size:12px;font-family:sans-serif;">a</text><style><![CDATA[.x:hover{}]]></style></svg>';
    expect(cspSafeSvg(svg)).toBe('<svg><text font-size="12px" font-family="sans-serif">a</text></svg>');
  });

  it('writes CSV with a BOM and quotes fields with commas', () => {
    const csv = toCsv([
      { periodKind: 'month', periodStart: '2025-01-01', regionCode: 'all', system: 'isco', level: 4, code: '7411', labelZh: null, labelEn: 'Electricians, building', source: 'offered', suppressed: false, suppressionReasons: [], observations: 30, records: 30, employers: 3, p10: 1, p25: 2, p50: 3, p75: 4, p90: 5, mean: 3 },
    ]);
    expect(csv.startsWith('\uFEFFperiod_kind,')).toBe(true);
    expect(csv).toContain('month,2025-01-01,all,isco,4,7411,,"Electricians, building",offered,false,,30,3,1,2,3,4,5,3\r\n');
  });
});
