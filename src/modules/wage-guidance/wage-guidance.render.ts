import { escapeHtml, htmlDocument } from '../../lib/html.js';
import { toCsv as writeCsv } from '../../lib/csv.js';
import { renderSvgChart } from '../../lib/svg-chart.js';
import type { CellRow } from './wage-guidance.service.js';

const CSV_COLUMNS = [
  'period_kind', 'period_start', 'region', 'system', 'level', 'code', 'label_zh', 'label_en', 'source',
  'suppressed', 'suppression_reasons', 'observations', 'employers', 'p10', 'p25', 'p50', 'p75', 'p90', 'mean',
] as const;

/** CSV with a UTF-8 BOM so Excel opens the Chinese labels correctly. Suppressed cells carry no figures. */
export function toCsv(items: CellRow[]): string {
  return writeCsv([
    CSV_COLUMNS,
    ...items.map((c) => [
      c.periodKind, c.periodStart, c.regionCode, c.system, c.level, c.code, c.labelZh, c.labelEn, c.source,
      c.suppressed, c.suppressionReasons.join(' '), c.observations, c.employers, c.p10, c.p25, c.p50, c.p75, c.p90, c.mean,
    ]),
  ]);
}

export { escapeHtml };

const TEXT = {
  zh: {
    title: '工资指导价位',
    subtitle: (p: string, kind: string, region: string) => `统计期：${p}（${kind}）· 地区：${region}`,
    kinds: { month: '月度', quarter: '季度', year: '年度' } as Record<string, string>,
    city: '全市',
    chart: '各职业大类月工资分布（招聘岗位薪酬中位值，P10–P90）',
    code: '代码',
    group: '职业大类（ISCO-08）',
    obs: '观测数',
    employers: '单位数',
    suppressed: '样本不足，不予公布',
    none: '本期暂无已编制的数据。',
    method:
      '说明：工资为按月折算的应发工资（日薪×21.75，时薪×8×21.75，年薪÷12）。招聘工资取岗位薪酬区间中位值，按招聘人数加权；分位数采用线性插值法（Hyndman–Fan 第 7 类）。观测数少于 30、单位少于 3 家或单一单位占比超过 50% 的单元不予公布，但其数据计入上级分类。',
    unit: '元/月',
  },
  en: {
    title: 'Wage guidance',
    subtitle: (p: string, kind: string, region: string) => `Period: ${p} (${kind}) · Region: ${region}`,
    kinds: { month: 'month', quarter: 'quarter', year: 'year' } as Record<string, string>,
    city: 'whole city',
    chart: 'Monthly offered wages by ISCO-08 major group (P10, P25, median, P75, P90)',
    code: 'Code',
    group: 'Major group (ISCO-08)',
    obs: 'Observations',
    employers: 'Employers',
    suppressed: 'Too few observations to publish',
    none: 'No wage guidance has been compiled for this period yet.',
    method:
      'Method: wages are normalised to CNY per month (day × 21.75, hour × 8 × 21.75, year ÷ 12). Offered wages are the midpoint of the advertised range, weighted by headcount; percentiles use linear interpolation between order statistics (Hyndman–Fan type 7). Cells with fewer than 30 observations, fewer than 3 employers, or one employer above 50% are withheld; their data still count in the parent group.',
    unit: 'CNY/month',
  },
};

/** Box plot of P10/P25/P50/P75/P90, rendered on the server to an SVG string (no script reaches the page). */
export function boxplotSvg(cells: CellRow[], width = 880, height = 360): string {
  const shown = cells.filter((c) => !c.suppressed && c.p10 !== null);
  return renderSvgChart(width, height, {
    grid: { left: 70, right: 20, top: 20, bottom: 40 },
    // Axis labels are the group codes only: the labels go to the (escaped) table.
    xAxis: { type: 'category', data: shown.map((c) => c.code) },
    yAxis: { type: 'value', name: 'CNY', axisLabel: { formatter: '{value}' } },
    series: [
      {
        type: 'boxplot',
        data: shown.map((c) => [c.p10, c.p25, c.p50, c.p75, c.p90]),
        itemStyle: { color: '#d8e8f8', borderColor: '#1d5fa8' },
      },
    ],
  });
}

export function reportHtml(opts: {
  lang: 'zh' | 'en';
  periodKind: string;
  periodStart: string | null;
  regionLabel: string | null;
  cells: CellRow[];
}): string {
  const t = TEXT[opts.lang];
  const fmt = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));
  const label = (c: CellRow) => (opts.lang === 'zh' ? (c.labelZh ?? c.labelEn ?? c.code) : (c.labelEn ?? c.labelZh ?? c.code));
  const rows = opts.cells
    .map((c) =>
      c.suppressed
        ? `<tr class="suppressed"><td>${escapeHtml(c.code)}</td><td>${escapeHtml(label(c))}</td><td colspan="7">${escapeHtml(t.suppressed)}</td></tr>`
        : `<tr><td>${escapeHtml(c.code)}</td><td>${escapeHtml(label(c))}</td><td class="n">${fmt(c.observations)}</td><td class="n">${fmt(c.employers)}</td>` +
          `<td class="n">${fmt(c.p10)}</td><td class="n">${fmt(c.p25)}</td><td class="n">${fmt(c.p50)}</td><td class="n">${fmt(c.p75)}</td><td class="n">${fmt(c.p90)}</td></tr>`,
    )
    .join('\n');
  const body = opts.periodStart && opts.cells.length > 0
    ? `<figure><figcaption>${escapeHtml(t.chart)}（${escapeHtml(t.unit)}）</figcaption>${boxplotSvg(opts.cells)}</figure>
<table>
<thead><tr><th>${escapeHtml(t.code)}</th><th>${escapeHtml(t.group)}</th><th>${escapeHtml(t.obs)}</th><th>${escapeHtml(t.employers)}</th><th>P10</th><th>P25</th><th>P50</th><th>P75</th><th>P90</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p>${escapeHtml(t.none)}</p>`;
  return htmlDocument({
    lang: opts.lang,
    title: t.title,
    stylesheet: '/wage-guidance/report.css',
    body: `<main>
<h1>${escapeHtml(t.title)}</h1>
<p class="sub">${escapeHtml(t.subtitle(opts.periodStart ?? '—', t.kinds[opts.periodKind] ?? opts.periodKind, opts.regionLabel ?? t.city))}</p>
${body}
<p class="method">${escapeHtml(t.method)}</p>
</main>`,
  });
}


export const REPORT_CSS = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1b1f24;background:#fff}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}
.sub{color:#555;margin:0 0 16px}
figure{margin:0 0 24px}
figcaption{font-weight:600;margin-bottom:8px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.suppressed td{color:#888;font-style:italic}
.method{color:#555;font-size:.85rem;margin-top:24px}
`;
