import { escapeHtml, htmlDocument } from '../../lib/html.js';
import { toCsv } from '../../lib/csv.js';
import { renderSvgChart } from '../../lib/svg-chart.js';
import type { ReportRow, RowFigures, PeriodFigures } from './supply-demand.figures.js';
import { DEFINITIONS, DIMENSIONS, DIMENSION_NAMES, FAIR_KIND_LABELS, OUTCOME_LABELS, type Dimension, type Label, type Lang } from './supply-demand.labels.js';
import type { TrendPoint } from './supply-demand.repository.js';

export interface LabelledRow extends ReportRow {
  position: number;
  label: Label;
}

export interface RenderInput {
  isoYear: number;
  isoWeek: number;
  region: { code: string; label: Label };
  weekStart: Date;
  weekEnd: Date;
  compiledAt: Date;
  rows: LabelledRow[];
  trend: TrendPoint[];
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────


const STD_FIELDS: (keyof PeriodFigures)[] = ['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand', 'newSupply', 'activeSupply', 'placements', 'newRatio', 'activeRatio', 'placementRate', 'fillRate', 'demandShare', 'supplyShare'];

export function renderCsv(dimension: Dimension, rows: LabelledRow[]): string {
  const mine = rows.filter((r) => r.dimension === dimension).sort((a, b) => a.position - b.position);
  let header: string[];
  let body: unknown[][];
  if (dimension === 'fairs' || dimension === 'referrals') {
    const fields = dimension === 'fairs' ? ['fairs', 'employers', 'vacancies', 'positions', 'attendance', 'intentions'] : ['made', 'recorded'];
    header = ['key', 'label_zh', 'label_en', ...fields, ...fields.map((f) => `${f}_previous`), ...fields.map((f) => `${f}_year_ago`)];
    body = mine.map((r) => {
      const f = r.figures as { current: Record<string, number>; previous: Record<string, number>; yearAgo: Record<string, number> };
      return [r.key, r.label.zh, r.label.en, ...fields.map((x) => f.current[x]), ...fields.map((x) => f.previous[x]), ...fields.map((x) => f.yearAgo[x])];
    });
  } else {
    const ranked = dimension === 'shortage' || dimension === 'surplus';
    header = [
      ...(ranked ? ['rank'] : []),
      'key',
      'label_zh',
      'label_en',
      ...(ranked ? ['gap'] : []),
      ...STD_FIELDS,
      ...STD_FIELDS.map((f) => `${f}_change_vs_previous`),
      ...STD_FIELDS.map((f) => `${f}_change_vs_year_ago`),
    ];
    body = mine.map((r) => {
      const f = r.figures as RowFigures;
      return [
        ...(ranked ? [f.rank] : []),
        r.key,
        r.label.zh,
        r.label.en,
        ...(ranked ? [f.gap] : []),
        ...STD_FIELDS.map((x) => f.current[x]),
        ...STD_FIELDS.map((x) => f.change.vsPrevious[x]),
        ...STD_FIELDS.map((x) => f.change.vsYearAgo[x]),
      ];
    });
  }
  return toCsv([header, ...body]);
}

// ── HTML ────────────────────────────────────────────────────────────────────────────────

export const esc = escapeHtml;

/** A moment as the reader's clock shows it: Asia/Shanghai, minutes, the zone named. */
export function localTime(d: Date, lang: Lang): string {
  const l = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const ymd = `${l.getUTCFullYear()}-${p(l.getUTCMonth() + 1)}-${p(l.getUTCDate())} ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}`;
  return lang === 'zh' ? `${l.getUTCFullYear()}年${l.getUTCMonth() + 1}月${l.getUTCDate()}日 ${p(l.getUTCHours())}:${p(l.getUTCMinutes())}（北京时间）` : `${ymd} (Asia/Shanghai, UTC+8)`;
}

const T = {
  title: { zh: '人力资源市场供求状况周报', en: 'Weekly labour market supply and demand report' },
  week: { zh: '统计周', en: 'Week' },
  region: { zh: '区域', en: 'Region' },
  compiled: { zh: '编制时间', en: 'Compiled' },
  headline: { zh: '主要指标', en: 'Headline figures' },
  definitions: { zh: '指标定义', en: 'Definitions' },
  charts: { zh: '图表', en: 'Charts' },
  ratioChart: { zh: '分职业大类有效求人倍率', en: 'Active ratio by ISCO major group' },
  trendChart: { zh: '近 12 周有效需求与有效供给', en: 'Active demand and supply, last 12 weeks' },
  shortageChart: { zh: '紧缺职业缺口（有效需求 − 有效求职）', en: 'Shortage occupations: gap (active positions − seekers)' },
  surplusChart: { zh: '过剩职业缺口', en: 'Surplus occupations: gap' },
  figure: { zh: '指标', en: 'Figure' },
  thisWeek: { zh: '本周', en: 'This week' },
  vsPrev: { zh: '比上周', en: 'vs previous week' },
  vsYear: { zh: '比去年同期', en: 'vs a year earlier' },
  item: { zh: '项目', en: 'Item' },
  rank: { zh: '排名', en: 'Rank' },
  gap: { zh: '缺口', en: 'Gap' },
  none: { zh: '无', en: 'None' },
  privacy: { zh: '本报告只含汇总数字，不列任何个人。', en: 'Aggregate figures only; no person is listed.' },
  demand: { zh: '需求人数', en: 'Demand' },
  supply: { zh: '求职人数', en: 'Supply' },
} satisfies Record<string, Label>;

const FIELD_LABELS: Record<string, Label> = {
  newVacancies: { zh: '新增岗位数', en: 'New vacancies' },
  newDemand: { zh: '新增需求人数', en: 'New demand' },
  activeVacancies: { zh: '有效岗位数', en: 'Active vacancies' },
  activeDemand: { zh: '有效需求人数', en: 'Active demand' },
  newSupply: { zh: '新增求职人数', en: 'New supply' },
  activeSupply: { zh: '有效求职人数', en: 'Active supply' },
  placements: { zh: '就业人数', en: 'Placements' },
  newRatio: { zh: '新增求人倍率', en: 'New ratio' },
  activeRatio: { zh: '有效求人倍率', en: 'Active ratio' },
  placementRate: { zh: '就业率 %', en: 'Placement rate %' },
  fillRate: { zh: '岗位满足率 %', en: 'Fill rate %' },
  demandShare: { zh: '需求占比 %', en: 'Demand share %' },
  supplyShare: { zh: '供给占比 %', en: 'Supply share %' },
  fairs: { zh: '场次', en: 'Fairs' },
  employers: { zh: '参会单位', en: 'Employers' },
  vacancies: { zh: '岗位数', en: 'Vacancies' },
  positions: { zh: '需求人数', en: 'Positions' },
  attendance: { zh: '入场人数', en: 'Attendance' },
  intentions: { zh: '达成意向', en: 'Intentions reached' },
  made: { zh: '本周推荐（按当前结果）', en: 'Made this week (by current outcome)' },
  recorded: { zh: '本周记录结果', en: 'Outcomes recorded this week' },
};

const fmt = (v: unknown, lang: Lang) => (v === null || v === undefined ? '—' : typeof v === 'number' ? v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : String(v));
const signed = (v: number | null | undefined, lang: Lang) => (v === null || v === undefined ? '—' : v > 0 ? `+${fmt(v, lang)}` : fmt(v, lang));

function charts(input: RenderInput, lang: Lang): string {
  const rowsOf = (d: Dimension) => input.rows.filter((r) => r.dimension === d).sort((a, b) => a.position - b.position);
  const majors = rowsOf('isco_major').filter((r) => (r.figures as RowFigures).current.activeRatio !== null);
  const ratio = renderSvgChart(680, 320, {
    grid: { left: 10, right: 20, top: 24, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: majors.map((r) => r.label[lang]), axisLabel: { interval: 0, rotate: 35, fontSize: 10 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: majors.map((r) => (r.figures as RowFigures).current.activeRatio), label: { show: true, position: 'top', fontSize: 10 } }],
  });
  const trend = renderSvgChart(680, 280, {
    // The legend sits in its own band above the plot, so it never covers an axis label.
    grid: { left: 10, right: 20, top: 48, bottom: 10, containLabel: true },
    legend: { data: [T.demand[lang], T.supply[lang]], top: 4, left: 'center' },
    xAxis: { type: 'category', data: input.trend.map((t) => `W${String(t.isoWeek).padStart(2, '0')}`) },
    yAxis: { type: 'value' },
    series: [
      { name: T.demand[lang], type: 'line', data: input.trend.map((t) => t.activeDemand) },
      { name: T.supply[lang], type: 'line', data: input.trend.map((t) => t.activeSupply) },
    ],
  });
  const gapChart = (d: Dimension) => {
    const rows = rowsOf(d);
    if (rows.length === 0) return `<p>${esc(T.none[lang])}</p>`;
    return renderSvgChart(680, 40 + rows.length * 24, {
      grid: { left: 10, right: 50, top: 10, bottom: 10, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label[lang]), axisLabel: { fontSize: 10, width: 200, overflow: 'truncate' } },
      series: [{ type: 'bar', data: rows.map((r) => (r.figures as RowFigures).gap ?? 0), label: { show: true, position: 'right', fontSize: 10 } }],
    });
  };
  return `<section class="charts"><h2>${esc(T.charts[lang])}</h2>
<figure><figcaption>${esc(T.ratioChart[lang])}</figcaption>${ratio}</figure>
<figure><figcaption>${esc(T.trendChart[lang])}</figcaption>${trend}</figure>
<figure><figcaption>${esc(T.shortageChart[lang])}</figcaption>${gapChart('shortage')}</figure>
<figure><figcaption>${esc(T.surplusChart[lang])}</figcaption>${gapChart('surplus')}</figure></section>`;
}

function standardTable(dimension: Dimension, rows: LabelledRow[], lang: Lang): string {
  const ranked = dimension === 'shortage' || dimension === 'surplus';
  const side = DIMENSIONS[dimension].side;
  const fields = STD_FIELDS.filter((f) => {
    if (side === 'supply') return !['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand', 'newRatio', 'activeRatio', 'fillRate', 'demandShare'].includes(f);
    if (side === 'demand') return !['newSupply', 'activeSupply', 'newRatio', 'activeRatio', 'placementRate', 'supplyShare'].includes(f);
    return true;
  });
  const head = `<tr>${ranked ? `<th>${esc(T.rank[lang])}</th>` : ''}<th>${esc(T.item[lang])}</th>${ranked ? `<th>${esc(T.gap[lang])}</th>` : ''}${fields.map((f) => `<th>${esc(FIELD_LABELS[f]![lang])}</th>`).join('')}<th>${esc(FIELD_LABELS.activeRatio![lang])} ${esc(T.vsPrev[lang])}</th><th>${esc(FIELD_LABELS.activeRatio![lang])} ${esc(T.vsYear[lang])}</th></tr>`;
  const body = rows
    .map((r) => {
      const f = r.figures as RowFigures;
      return `<tr>${ranked ? `<td>${f.rank}</td>` : ''}<th scope="row">${esc(r.label[lang])} <small>${esc(r.key)}</small></th>${ranked ? `<td>${signed(f.gap, lang)}</td>` : ''}${fields.map((x) => `<td>${esc(fmt(f.current[x], lang))}</td>`).join('')}<td>${esc(signed(f.change.vsPrevious.activeRatio, lang))}</td><td>${esc(signed(f.change.vsYearAgo.activeRatio, lang))}</td></tr>`;
    })
    .join('\n');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function countsTable(rows: LabelledRow[], fields: string[], lang: Lang, labels: Record<string, Label>): string {
  const head = `<tr><th>${esc(T.item[lang])}</th>${fields.map((f) => `<th>${esc(FIELD_LABELS[f]![lang])}</th>`).join('')}${fields.map((f) => `<th>${esc(FIELD_LABELS[f]![lang])} ${esc(T.vsPrev[lang])}</th>`).join('')}</tr>`;
  const body = rows
    .map((r) => {
      const f = r.figures as { current: Record<string, number>; change: { vsPrevious: Record<string, number> } };
      return `<tr><th scope="row">${esc((labels[r.key] ?? r.label)[lang])}</th>${fields.map((x) => `<td>${esc(fmt(f.current[x], lang))}</td>`).join('')}${fields.map((x) => `<td>${esc(signed(f.change.vsPrevious[x], lang))}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function headline(input: RenderInput, lang: Lang): string {
  const total = input.rows.find((r) => r.dimension === 'total');
  if (!total) return '';
  const f = total.figures as RowFigures;
  const rows = STD_FIELDS.filter((x) => x !== 'demandShare' && x !== 'supplyShare')
    .map(
      (x) =>
        `<tr><th scope="row">${esc(FIELD_LABELS[x]![lang])}</th><td>${esc(fmt(f.current[x], lang))}</td><td>${esc(signed(f.change.vsPrevious[x], lang))}</td><td>${esc(signed(f.change.vsYearAgo[x], lang))}</td></tr>`,
    )
    .join('\n');
  return `<section><h2>${esc(T.headline[lang])}</h2><table class="headline"><thead><tr><th>${esc(T.figure[lang])}</th><th>${esc(T.thisWeek[lang])}</th><th>${esc(T.vsPrev[lang])}</th><th>${esc(T.vsYear[lang])}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export function renderHtml(input: RenderInput, lang: Lang): string {
  const wk = `${input.isoYear}-W${String(input.isoWeek).padStart(2, '0')}`;
  const localDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const lastDay = localDay(new Date(input.weekEnd.getTime() - 1));
  const sections = DIMENSION_NAMES.filter((d) => d !== 'total')
    .map((d) => {
      const rows = input.rows.filter((r) => r.dimension === d).sort((a, b) => a.position - b.position);
      const table =
        rows.length === 0
          ? `<p>${esc(T.none[lang])}</p>`
          : d === 'fairs'
            ? countsTable(rows, ['fairs', 'employers', 'vacancies', 'positions', 'attendance', 'intentions'], lang, FAIR_KIND_LABELS)
            : d === 'referrals'
              ? countsTable(rows, ['made', 'recorded'], lang, OUTCOME_LABELS)
              : standardTable(d, rows, lang);
      return `<section class="table"><h2>${esc(DIMENSIONS[d][lang])}</h2>${table}</section>`;
    })
    .join('\n');
  const defs = DEFINITIONS.map((d) => `<dt>${esc(d.term[lang])}</dt><dd>${esc(d.text[lang])}</dd>`).join('\n');
  return htmlDocument({
    lang,
    title: `${T.title[lang]} ${wk} ${input.region.label[lang]}`,
    stylesheet: '/reports/supply-demand/report.css',
    body: `<header>
<h1>${esc(T.title[lang])}</h1>
<p class="meta">${esc(T.week[lang])}: ${esc(wk)} (${esc(localDay(input.weekStart))} – ${esc(lastDay)}) · ${esc(T.region[lang])}: ${esc(input.region.label[lang])} · ${esc(T.compiled[lang])}: ${esc(localTime(input.compiledAt, lang))}</p>
<p class="meta">${esc(T.privacy[lang])}</p>
</header>
<main>
${headline(input, lang)}
${charts(input, lang)}
${sections}
<section class="definitions"><h2>${esc(T.definitions[lang])}</h2><dl>${defs}</dl></section>
</main>`,
  });
}


/** Print-first stylesheet (served as a file: the CSP forbids inline styles). */
export const REPORT_CSS = `@page { size: A4; margin: 15mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 12pt 0 4pt; border-bottom: 1px solid #888; }
.meta { color: #444; margin: 2pt 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 8pt; }
th, td { border: 1px solid #bbb; padding: 2pt 3pt; text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
small { color: #666; }
figure { margin: 6pt 0; page-break-inside: avoid; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 2pt; }
svg { max-width: 100%; height: auto; }
.ranking td:nth-child(3) { white-space: nowrap; }
dt { font-weight: bold; margin-top: 4pt; }
dd { margin: 0 0 0 1em; }
@media print { .charts { page-break-after: always; } section.table { page-break-inside: auto; } a { color: inherit; text-decoration: none; } }
`;
