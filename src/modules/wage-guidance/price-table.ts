/**
 * 工资价位表 in the format city publications use: 低位数 (P10), P25, 中位数 (P50), P75, 高位数 (P90)
 * per detailed occupation of the 2022 classification, offered (vacancies) and actual
 * (placements) side by side; then actual pay by management grade and by skill grade, where
 * placement records carry them. Annual or quarterly; printable on A4, CSV and .xlsx, each with
 * the standard statement that the figures are not a government wage standard.
 *
 * Occupation rows come from the published wage_guidance cells (the same suppression rules:
 * withheld cells show "—"). Grade rows are computed from the placements of the period with the
 * same percentile (type 7) and the same thresholds, so every figure can be recomputed.
 */
import ExcelJS from 'exceljs';
import type postgres from 'postgres';
import { sql as dsql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { escapeHtml as esc, htmlDocument } from '../../lib/html.js';
import { toCsv } from '../../lib/csv.js';
import { weightedType7 } from './percentile.js';
import { currentPeriodStart, periodBounds, type PeriodKind } from './periods.js';
import { MAX_EMPLOYER_SHARE, MIN_EMPLOYERS, MIN_OBSERVATIONS } from './wage-guidance.cells.js';
import { latestPeriod, listCells, type CellRow } from './wage-guidance.service.js';
import { CITY } from './wage-guidance.compile.js';

type Lang = 'zh' | 'en';
export interface Quantiles {
  observations: number | null;
  p10: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
}
export interface PriceRow {
  code: string;
  name: string;
  offered: Quantiles | null;
  actual: Quantiles | null;
}
export interface GradeRow {
  key: string;
  label: { zh: string; en: string };
  actual: Quantiles | null;
  /** Why a grade is withheld: too few placements, too few employers, one employer dominates. */
  withheld: string[];
}
export interface PriceTable {
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  rows: PriceRow[];
  management: GradeRow[];
  skill: GradeRow[];
  /** Published occupations per major group (1–6, 8). */
  majorGroups: Record<string, number>;
}

export const DISCLAIMER = {
  zh: '本工资价位根据本市公共就业服务机构登记的岗位薪酬和就业登记工资统计，仅供用人单位和劳动者协商确定工资时参考，不是政府制定的工资标准，不作为用人单位支付工资的依据。低于最低工资标准的，按最低工资标准执行。',
  en: 'These wage prices are compiled from the pay offered in vacancies and the wages recorded at placement by the city\'s public employment service offices. They are a reference for employers and workers agreeing pay. They are not a government wage standard and are no basis for paying wages. Pay below the local minimum wage must be raised to the minimum.',
};

export const MANAGEMENT_LABELS: Record<string, { zh: string; en: string }> = {
  senior: { zh: '高层管理岗位', en: 'Senior management' },
  middle: { zh: '中层管理岗位', en: 'Middle management' },
  junior: { zh: '基层管理岗位', en: 'Junior management (supervisors)' },
  staff: { zh: '员工（非管理岗位）', en: 'Staff (non-management)' },
};
export const SKILL_LABELS: Record<string, { zh: string; en: string }> = {
  vq1: { zh: '高级技师（一级）', en: 'Senior technician (level 1)' },
  vq2: { zh: '技师（二级）', en: 'Technician (level 2)' },
  vq3: { zh: '高级工（三级）', en: 'Advanced worker (level 3)' },
  vq4: { zh: '中级工（四级）', en: 'Intermediate worker (level 4)' },
  vq5: { zh: '初级工（五级）', en: 'Elementary worker (level 5)' },
  senior_engineer: { zh: '高级职称', en: 'Senior professional title' },
  engineer: { zh: '中级职称', en: 'Intermediate professional title' },
  technician: { zh: '初级职称', en: 'Junior professional title' },
  none: { zh: '无技术等级或职称', en: 'No grade or title' },
};

const q = (c: CellRow | undefined): Quantiles | null =>
  !c || c.suppressed ? null : { observations: c.observations, p10: c.p10, p25: c.p25, p50: c.p50, p75: c.p75, p90: c.p90 };

/** Percentiles of actual pay per grade, with the cell thresholds of the wage guidance compilation. */
export function gradeRows(rows: { grade: string | null; wage: number; employer: string }[], labels: Record<string, { zh: string; en: string }>): GradeRow[] {
  return Object.keys(labels).map((key) => {
    const mine = rows.filter((r) => (r.grade ?? 'none') === key);
    const employers = new Map<string, number>();
    for (const r of mine) employers.set(r.employer, (employers.get(r.employer) ?? 0) + 1);
    const top = Math.max(0, ...employers.values());
    const withheld: string[] = [];
    if (mine.length < MIN_OBSERVATIONS) withheld.push('min_observations');
    if (employers.size < MIN_EMPLOYERS) withheld.push('min_employers');
    if (mine.length && top / mine.length > MAX_EMPLOYER_SHARE) withheld.push('dominant_employer');
    const v = mine.map((r) => ({ value: r.wage, weight: 1 }));
    const p = (x: number) => Math.round(weightedType7(v, x)! * 100) / 100;
    return { key, label: labels[key]!, withheld, actual: withheld.length ? null : { observations: mine.length, p10: p(0.1), p25: p(0.25), p50: p(0.5), p75: p(0.75), p90: p(0.9) } };
  });
}

export async function priceTable(db: DbOrTx, periodKind: PeriodKind, requested?: string): Promise<PriceTable> {
  // Without a chosen period: the latest compiled for the city (the page a director opens), else the current one.
  const periodStart = requested ?? (await latestPeriod(db, periodKind, CITY)) ?? currentPeriodStart(periodKind);
  const { start, end } = periodBounds(periodKind, periodStart, 'query.periodStart');
  const cells = (await listCells(db, { system: 'cn2022', level: 4, periodKind, periodStart })).items;
  const byCode = new Map<string, { offered?: CellRow; actual?: CellRow; name: string }>();
  for (const c of cells) {
    if (c.source !== 'offered' && c.source !== 'actual') continue;
    const e = byCode.get(c.code) ?? { name: c.labelZh ?? c.code };
    e[c.source] = c;
    byCode.set(c.code, e);
  }
  const rows = [...byCode.entries()]
    .map(([code, e]) => ({ code, name: e.name, offered: q(e.offered), actual: q(e.actual) }))
    .filter((r) => r.offered || r.actual)
    .sort((a, b) => a.code.localeCompare(b.code));
  const placed = (await db.execute(dsql`select p.management_grade, p.skill_grade, p.monthly_wage::float8 as wage, p.employer_id::text as employer
    from placements p where p.contract_start >= ${start}::date and p.contract_start < ${end}::date`)) as unknown as { management_grade: string | null; skill_grade: string | null; wage: number; employer: string }[];
  const majorGroups: Record<string, number> = {};
  for (const r of rows) majorGroups[r.code[0]!] = (majorGroups[r.code[0]!] ?? 0) + 1;
  return {
    periodKind, periodStart, periodEnd: end, rows,
    management: gradeRows(placed.filter((p) => p.management_grade).map((p) => ({ grade: p.management_grade, wage: p.wage, employer: p.employer })), MANAGEMENT_LABELS),
    skill: gradeRows(placed.map((p) => ({ grade: p.skill_grade, wage: p.wage, employer: p.employer })), SKILL_LABELS),
    majorGroups,
  };
}

const T = {
  title: { zh: '工资价位表', en: 'Wage price table' },
  noRows: { zh: '本期尚未编制分职业的工资价位（工资指导价按季度和年度编制；可选择已编制的统计期）。', en: 'No occupation prices have been compiled for this period yet (wage guidance is compiled by quarter and by year; choose a compiled period).' },
  period: { zh: '统计期', en: 'Period' },
  code: { zh: '职业代码', en: 'Code' },
  name: { zh: '职业名称', en: 'Occupation' },
  offered: { zh: '招聘岗位薪酬（月，元）', en: 'Offered pay (monthly, CNY)' },
  actual: { zh: '实际工资（就业登记，月，元）', en: 'Actual pay (placements, monthly, CNY)' },
  n: { zh: '样本', en: 'n' },
  p10: { zh: '低位数', en: 'P10' },
  p25: { zh: '25 分位', en: 'P25' },
  p50: { zh: '中位数', en: 'Median' },
  p75: { zh: '75 分位', en: 'P75' },
  p90: { zh: '高位数', en: 'P90' },
  byMgmt: { zh: '按管理岗位等级的实际工资', en: 'Actual pay by management grade' },
  bySkill: { zh: '按技术等级（职业技能等级、专业技术职称）的实际工资', en: 'Actual pay by skill grade and professional title' },
  grade: { zh: '等级', en: 'Grade' },
  notes: { zh: '说明', en: 'Notes' },
  note: {
    zh: `低位数、高位数分别为第 10、第 90 百分位数（R/Excel 默认算法，招聘岗位按招聘人数加权）。招聘岗位薪酬取岗位所列月薪区间的中点；实际工资为就业登记记录的月工资。样本少于 ${MIN_OBSERVATIONS} 个、用人单位少于 ${MIN_EMPLOYERS} 家或单一单位占比超过 ${MAX_EMPLOYER_SHARE * 100}% 的不公布，显示"—"。英文版职业名称为 2022 年版大典中文名称（大典无官方英文名称）。`,
    en: `P10 and P90 are the 10th and 90th percentiles (the R/Excel default method; offered pay weighted by positions). Offered pay is the midpoint of a vacancy's monthly range; actual pay is the monthly wage recorded at placement. Not published ("—") with fewer than ${MIN_OBSERVATIONS} observations, fewer than ${MIN_EMPLOYERS} employers, or one employer above ${MAX_EMPLOYER_SHARE * 100}%. Occupation names are the 2022 classification's Chinese names (it has no official English names).`,
  },
  periodName: (t: PriceTable, lang: Lang) => {
    const [y, m] = t.periodStart.split('-').map(Number) as [number, number];
    if (t.periodKind === 'year') return lang === 'zh' ? `${y}年度` : `Year ${y}`;
    if (t.periodKind === 'quarter') return lang === 'zh' ? `${y}年第${'一二三四'[(m - 1) / 3]}季度` : `${y} Q${(m - 1) / 3 + 1}`;
    return lang === 'zh' ? `${y}年${m}月` : `${t.periodStart.slice(0, 7)}`;
  },
};

const f = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString('en-GB'));
const qCells = (x: Quantiles | null) => (x ? [x.observations, x.p10, x.p25, x.p50, x.p75, x.p90].map((v) => `<td>${f(v)}</td>`).join('') : '<td>—</td>'.repeat(6));
const qHead = (lang: Lang) => ['n', 'p10', 'p25', 'p50', 'p75', 'p90'].map((k) => `<th>${esc(T[k as 'n'][lang])}</th>`).join('');

export function priceTableHtml(t: PriceTable, lang: Lang): string {
  const rows = t.rows.length
    ? t.rows.map((r) => `<tr><td>${esc(r.code)}</td><th scope="row">${esc(r.name)}</th>${qCells(r.offered)}${qCells(r.actual)}</tr>`).join('\n')
    : `<tr><td colspan="14" class="empty">${esc(T.noRows[lang])}</td></tr>`;
  const grades = (list: GradeRow[]) => list.map((g) => `<tr><th scope="row">${esc(g.label[lang])}</th>${qCells(g.actual)}</tr>`).join('\n');
  return htmlDocument({
    lang,
    title: `${T.title[lang]} ${T.periodName(t, lang)}`,
    stylesheet: '/wage-guidance/price-table.css',
    body: `<header><h1>${esc(T.title[lang])}</h1><p class="meta">${esc(T.period[lang])}: ${esc(T.periodName(t, lang))}</p>
<p class="disclaimer">${esc(DISCLAIMER[lang])}</p></header>
<main>
<table class="prices"><thead><tr><th rowspan="2">${esc(T.code[lang])}</th><th rowspan="2">${esc(T.name[lang])}</th><th colspan="6">${esc(T.offered[lang])}</th><th colspan="6">${esc(T.actual[lang])}</th></tr>
<tr>${qHead(lang)}${qHead(lang)}</tr></thead><tbody>${rows}</tbody></table>
<h2>${esc(T.byMgmt[lang])}</h2>
<table><thead><tr><th>${esc(T.grade[lang])}</th>${qHead(lang)}</tr></thead><tbody>${grades(t.management)}</tbody></table>
<h2>${esc(T.bySkill[lang])}</h2>
<table><thead><tr><th>${esc(T.grade[lang])}</th>${qHead(lang)}</tr></thead><tbody>${grades(t.skill)}</tbody></table>
<h2>${esc(T.notes[lang])}</h2><p>${esc(T.note[lang])}</p><p>${esc(DISCLAIMER[lang])}</p>
</main>`,
  });
}

export const PRICE_TABLE_CSS = `@page { size: A4 portrait; margin: 12mm 10mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 9pt; color: #111; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; text-align: center; }
h2 { font-size: 11pt; margin: 10pt 0 4pt; }
.meta { text-align: center; color: #333; margin: 0 0 4pt; }
.disclaimer { border: 1px solid #999; padding: 4pt 6pt; background: #f6f6f6; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin-bottom: 6pt; }
th, td { border: 1px solid #999; padding: 1.5pt 3pt; text-align: right; }
thead th { background: #eee; text-align: center; }
th[scope="row"], td:first-child { text-align: left; }
.prices td:first-child { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
`;

const HEAD = ['n', 'p10', 'p25', 'p50', 'p75', 'p90'];
export function priceTableCsv(t: PriceTable): string {
  return toCsv([
    [`# ${DISCLAIMER.zh}`],
    [`# ${DISCLAIMER.en}`],
    ['section', 'code', 'label_zh', ...HEAD.map((h) => `offered_${h}`), ...HEAD.map((h) => `actual_${h}`)],
    ...t.rows.map((r) => ['occupation', r.code, r.name, ...qValues(r.offered), ...qValues(r.actual)]),
    ...t.management.map((g) => ['management_grade', g.key, g.label.zh, ...HEAD.map(() => null), ...qValues(g.actual)]),
    ...t.skill.map((g) => ['skill_grade', g.key, g.label.zh, ...HEAD.map(() => null), ...qValues(g.actual)]),
  ]);
}
const qValues = (x: Quantiles | null) => (x ? [x.observations, x.p10, x.p25, x.p50, x.p75, x.p90] : HEAD.map(() => null));

export async function priceTableXlsx(t: PriceTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PES';
  const sheet = (name: string, heading: string[], rows: unknown[][]) => {
    const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.addRow([`${T.title.zh} ${T.periodName(t, 'zh')}`]).font = { bold: true, size: 14 };
    ws.addRow([DISCLAIMER.zh]);
    ws.addRow([DISCLAIMER.en]);
    ws.addRow([]);
    ws.addRow(heading).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 28;
    return ws;
  };
  const qh = (p: string) => HEAD.map((h) => `${p}${T[h as 'n'].zh}`);
  sheet('职业', ['职业代码', '职业名称', ...qh('招聘·'), ...qh('实际·')], t.rows.map((r) => [r.code, r.name, ...qValues(r.offered), ...qValues(r.actual)]));
  sheet('管理岗位等级', ['等级', '', ...qh('实际·')], t.management.map((g) => [g.label.zh, '', ...qValues(g.actual)]));
  sheet('技术等级', ['等级', '', ...qh('实际·')], t.skill.map((g) => [g.label.zh, '', ...qValues(g.actual)]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type { postgres };
