import { toCsv } from '../../lib/csv.js';
import { htmlDocument } from '../../lib/html.js';
import { renderSvgChart } from '../../lib/svg-chart.js';
import { esc, localTime } from './supply-demand.render.js';
import { QUARTER_RANK_MIN, QUARTER_TABLES, QUARTER_TABLE_TITLES, type BreakdownRow, type QuarterReport, type QuarterTable, type RankRow } from './supply-demand.quarterly.js';
import type { Label, Lang } from './supply-demand.labels.js';

const T = {
  title: { zh: '人力资源市场供求状况分析（季度）', en: 'Quarterly analysis of labour market supply and demand' },
  rankingTitle: { zh: '最缺工与供过于求职业排行（职业小类）', en: 'Shortage and surplus occupations (minor groups)' },
  period: { zh: '统计期', en: 'Period' },
  compiled: { zh: '编制时间', en: 'Compiled' },
  scope: { zh: '统计范围：本市各级公共就业服务机构登记的岗位需求和求职登记。只含汇总数字，不列任何个人。', en: 'Scope: vacancies and job seeker registrations recorded by the city\'s public employment service offices. Aggregate figures only; no person is listed.' },
  headline: { zh: '总体供求', en: 'Overall' },
  figure: { zh: '指标', en: 'Figure' },
  thisQ: { zh: '本季度', en: 'This quarter' },
  prevQ: { zh: '上季度', en: 'Previous quarter' },
  agoQ: { zh: '去年同期', en: 'Same quarter a year earlier' },
  qoq: { zh: '环比', en: 'vs previous quarter' },
  yoy: { zh: '同比', en: 'vs a year earlier' },
  demand: { zh: '需求人数', en: 'Positions' },
  carried: { zh: '其中：上期结转', en: 'of which carried over' },
  fresh: { zh: '其中：本期新增', en: 'of which new' },
  supply: { zh: '求职人数', en: 'Job seekers' },
  ratio: { zh: '求人倍率', en: 'Ratio (positions ÷ seekers)' },
  placements: { zh: '就业人数（合同开始日在本期）', en: 'Placements (contract start in the period)' },
  item: { zh: '项目', en: 'Item' },
  dShare: { zh: '需求占比 %', en: 'Demand share %' },
  sShare: { zh: '求职占比 %', en: 'Seeker share %' },
  dPp: { zh: '需求占比变化（百分点）', en: 'Demand share change (pp)' },
  sPp: { zh: '求职占比变化（百分点）', en: 'Seeker share change (pp)' },
  noSex: { zh: '对性别无要求的需求人数占比', en: 'Share of positions stating no sex requirement' },
  shortage: { zh: '需求大于求职的前十个职业（最缺工）', en: 'Top ten shortage occupations' },
  surplus: { zh: '求职大于需求的前十个职业（供过于求）', en: 'Top ten surplus occupations' },
  no: { zh: '序号', en: 'No.' },
  occName: { zh: '职业名称', en: 'Occupation' },
  occCode: { zh: '职业代码', en: 'Code' },
  gap: { zh: '缺口（需求 − 求职）', en: 'Gap (positions − seekers)' },
  excess: { zh: '过剩（求职 − 需求）', en: 'Excess (seekers − positions)' },
  region: { zh: '需求典型区域', en: 'Typical district of demand' },
  prevRank: { zh: '上期排位', en: 'Previous rank' },
  newEntry: { zh: '新进', en: 'new' },
  monthly: { zh: '月度指标（近 12 个月）', en: 'Monthly figures (last 12 months)' },
  month: { zh: '月份', en: 'Month' },
  aD: { zh: '有效求人数', en: 'Active positions' },
  aS: { zh: '有效求职人数', en: 'Active job seekers' },
  nD: { zh: '新增求人数', en: 'New positions' },
  nS: { zh: '新增求职人数', en: 'New job seekers' },
  aR: { zh: '有效求人倍率', en: 'Active ratio' },
  nR: { zh: '新增求人倍率', en: 'New ratio' },
  pR: { zh: '就业率 %', en: 'Placement rate %' },
  fR: { zh: '充足率 %', en: 'Fill rate %' },
  definitions: { zh: '指标定义与取值范围', en: 'Definitions and bounds' },
  chartMajor: { zh: '分职业大类需求人数与求职人数', en: 'Positions and job seekers by major group' },
  chartMonths: { zh: '月度有效求人倍率与新增求人倍率', en: 'Monthly active and new ratios' },
  none: { zh: '无', en: 'None' },
} satisfies Record<string, Label>;

const fmt = (v: number | null | undefined, lang: Lang) => (v === null || v === undefined ? '—' : v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB'));
/** 求人倍率 always with two decimals, as the official tables print it (3.00, not 3). */
const ratio = (v: number | null | undefined, lang: Lang) =>
  v === null || v === undefined ? '—' : v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = (v: number | null | undefined, lang: Lang, unit = '') => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${fmt(v, lang)}${unit}`);
const quarterLabel = (r: QuarterReport, lang: Lang) => (lang === 'zh' ? `${r.year}年第${'一二三四'[r.quarter - 1]}季度` : `${r.year} Q${r.quarter}`);
const localDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const QUARTER_DEFINITIONS: { term: Label; text: Label }[] = [
  { term: { zh: '需求人数、求职人数（有效数）', en: 'Positions and job seekers (valid counts)' }, text: {
    zh: '需求人数 = 上期结转 + 本期新增：统计期开始时仍在招聘的岗位的招聘人数，加上统计期内发布的岗位的招聘人数。岗位结束时间 = 关闭时间与截止时间中较早者。求职人数 = 统计期开始时登记仍有效的求职者，加上统计期内新登记的求职者；已就业者的登记在合同开始日结束，已注销者在最后更新时结束。',
    en: 'Positions = carried over + new: the headcount of vacancies still open when the period began plus that of vacancies published during it (a vacancy ends at the earlier of its closing and expiry). Job seekers = registrations in force when the period began plus registrations made during it; a placed person\'s registration ends at the contract start, a withdrawn one at its last update.' } },
  { term: { zh: '求人倍率', en: 'Ratio' }, text: {
    zh: '求人倍率 = 需求人数 ÷ 求职人数。取值 0 以上、无上限；大于 1 表示岗位多于求职者。"不限/无要求"和"未注明"的行不计算倍率。环比、同比为倍率之差；人数的环比、同比为增长百分比。比较期（及其前一个季度，用于上期结转）没有记录时显示"—"。',
    en: 'Ratio = positions ÷ job seekers; 0 upwards, no upper bound; above 1 means more positions than seekers. Not computed for "none required" or "not stated" rows. Quarter-on-quarter and year-on-year changes of the ratio are differences; of counts, growth in percent. "—" when the period compared with (or the quarter before it, for the carried-over counts) has no records.' } },
  { term: { zh: '占比及其变化', en: 'Shares' }, text: {
    zh: '占比 = 该行人数 ÷ 全表人数 × 100%，0–100%，各行之和为 100%（求职人员类别中"其中：应届高校毕业生"是上一行的一部分，不另计入合计）。占比变化为与上季度相比的百分点差。',
    en: 'Share = the row\'s count ÷ the table\'s total × 100%, 0–100%, rows summing to 100% (among seeker categories, "of whom: new university graduates" is part of the row above and not added again). Share changes are percentage-point differences from the previous quarter.' } },
  { term: { zh: '职业分组', en: 'Occupations' }, text: {
    zh: `按《中华人民共和国职业分类大典（2022 年版）》。岗位按其职业代码；求职者按第一个意向职业的 2022 版代码。最缺工/供过于求排行在职业小类（如 4-02-07）层级：缺口 = 需求人数 − 求职人数；最缺工取需求不少于 ${QUARTER_RANK_MIN} 人且缺口为正的前十个，按缺口从大到小；供过于求取求职不少于 ${QUARTER_RANK_MIN} 人且求职多于需求的前十个。需求典型区域 = 该职业需求人数最多的区。上期排位为上季度同一排行中的名次，"新进"表示上季度未进前十。`,
    en: `By the 2022 Chinese occupational classification. Vacancies by their code; job seekers by the 2022 code of their first desired occupation. The shortage and surplus rankings are at minor-group level (e.g. 4-02-07): gap = positions − seekers; shortage: at least ${QUARTER_RANK_MIN} positions and a positive gap, the ten largest; surplus: at least ${QUARTER_RANK_MIN} seekers and more seekers than positions. Typical district = the district with the most positions in it. Previous rank = the place in the previous quarter's list; "new" = not in it.` } },
  { term: { zh: '求职人员类别', en: 'Seeker categories' }, text: {
    zh: '每名求职者登记时归入一类（互斥）：新成长失业青年（其中应届高校毕业生）、就业转失业人员、其他失业人员、在业人员、退休人员、在学人员、本市农村人员、外埠人员。',
    en: 'Each job seeker is recorded in one category at registration (mutually exclusive): new young job seekers (of whom new graduates), unemployed after a job, other unemployed, employed, retired, students, rural residents of the city, from outside the city.' } },
  { term: { zh: '性别、年龄要求', en: 'Sex and age requirements' }, text: {
    zh: '岗位发布前经反歧视审查，性别、年龄限制须有法定依据方可保留；"对性别无要求的需求人数占比"= 未含性别要求（审查结果或依据中无"性别"类）的岗位招聘人数 ÷ 全部需求人数。年龄：求职者按统计期最后一日的周岁。',
    en: 'Vacancies are screened before publication; a sex or age restriction stays only with a legal basis. Share stating no sex requirement = positions in vacancies without a sex finding or basis ÷ all positions. Age: completed years on the last day of the period.' } },
  { term: { zh: '技术等级', en: 'Skill grades' }, text: {
    zh: '需求：岗位要求的职业资格（技能等级）五级至一级或专业技术职务（技术员、工程师、高级工程师）；供给：求职者持有的最高等级。每级单独计算求人倍率；"无要求/无等级"行不计算。',
    en: 'Demand: the vocational qualification (levels 5 to 1) or professional title (technician, engineer, senior engineer) a vacancy requires; supply: the highest a job seeker holds. Each grade has its own ratio; not for the "none" row.' } },
  { term: { zh: '月度指标', en: 'Monthly figures' }, text: {
    zh: '有效求人倍率 = 有效求人数（上月结转 + 本月新增）÷ 有效求职人数；新增求人倍率 = 本月新增求人数 ÷ 本月新增求职人数。就业率 = 本月就业人数 ÷ 本月新增求职人数 × 100%；充足率 = 本月就业人数 ÷ 本月新增求人数 × 100%。两者取值 0 以上、无上限：本月就业的人可能在此前登记、所填岗位可能在此前发布，分子不是分母的子集，新增少的月份可超过 100%。',
    en: 'Active ratio = active positions (carried over + new) ÷ active job seekers; new ratio = new positions ÷ new job seekers in the month. Placement rate = placements in the month ÷ new job seekers × 100%; fill rate = placements ÷ new positions × 100%. Both 0 upwards with no upper bound: people placed this month may have registered earlier and the positions filled may have been published earlier, so in a month with little inflow they can exceed 100%.' } },
];

function breakdownTable(rows: BreakdownRow[], lang: Lang): string {
  const hasD = rows.some((r) => r.demand !== null);
  const hasS = rows.some((r) => r.supply !== null);
  const hasR = rows.some((r) => r.ratio !== null);
  const head = `<tr><th>${esc(T.item[lang])}</th>${hasD ? `<th>${esc(T.demand[lang])}</th><th>${esc(T.dShare[lang])}</th><th>${esc(T.dPp[lang])}</th>` : ''}${hasS ? `<th>${esc(T.supply[lang])}</th><th>${esc(T.sShare[lang])}</th><th>${esc(T.sPp[lang])}</th>` : ''}${hasR ? `<th>${esc(T.ratio[lang])}</th>` : ''}</tr>`;
  const body = rows
    .map((r) => `<tr><th scope="row">${esc(r.label[lang])}</th>${hasD ? `<td>${fmt(r.demand, lang)}</td><td>${fmt(r.demandShare, lang)}</td><td>${signed(r.demandSharePp, lang)}</td>` : ''}${hasS ? `<td>${fmt(r.supply, lang)}</td><td>${fmt(r.supplyShare, lang)}</td><td>${signed(r.supplySharePp, lang)}</td>` : ''}${hasR ? `<td>${ratio(r.ratio, lang)}</td>` : ''}</tr>`)
    .join('\n');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

export function rankingTable(rows: RankRow[], kind: 'shortage' | 'surplus', lang: Lang): string {
  if (!rows.length) return `<p>${esc(T.none[lang])}</p>`;
  const head = `<tr><th>${esc(T.no[lang])}</th><th>${esc(T.occName[lang])}</th><th>${esc(T.occCode[lang])}</th><th>${esc((kind === 'shortage' ? T.gap : T.excess)[lang])}</th><th>${esc(T.demand[lang])}</th><th>${esc(T.supply[lang])}</th><th>${esc(T.ratio[lang])}</th><th>${esc(T.region[lang])}</th><th>${esc(T.prevRank[lang])}</th></tr>`;
  const body = rows
    .map((r) => `<tr><td>${r.rank}</td><th scope="row">${esc(r.name.zh)}</th><td>${esc(r.code)}</td><td>${fmt(Math.abs(r.gap), lang)}</td><td>${fmt(r.demand, lang)}</td><td>${fmt(r.supply, lang)}</td><td>${ratio(r.ratio, lang)}</td><td>${esc(r.typicalDistrict?.[lang] ?? '—')}</td><td>${r.previousRank === null ? esc(T.newEntry[lang]) : r.previousRank}</td></tr>`)
    .join('\n');
  return `<table class="ranking"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function monthsTable(r: QuarterReport, lang: Lang): string {
  const head = `<tr><th>${esc(T.month[lang])}</th><th>${esc(T.aD[lang])}</th><th>${esc(T.aS[lang])}</th><th>${esc(T.aR[lang])}</th><th>${esc(T.nD[lang])}</th><th>${esc(T.nS[lang])}</th><th>${esc(T.nR[lang])}</th><th>${esc(T.placements[lang])}</th><th>${esc(T.pR[lang])}</th><th>${esc(T.fR[lang])}</th></tr>`;
  const body = r.months.map((m) => `<tr><th scope="row">${esc(m.key)}</th><td>${fmt(m.activeDemand, lang)}</td><td>${fmt(m.activeSupply, lang)}</td><td>${fmt(m.activeRatio, lang)}</td><td>${fmt(m.newDemand, lang)}</td><td>${fmt(m.newSupply, lang)}</td><td>${fmt(m.newRatio, lang)}</td><td>${fmt(m.placements, lang)}</td><td>${fmt(m.placementRate, lang)}</td><td>${fmt(m.fillRate, lang)}</td></tr>`).join('\n');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function headlineTable(r: QuarterReport, lang: Lang): string {
  const row = (label: Label, k: 'demand' | 'demandCarried' | 'demandNew' | 'supply' | 'supplyCarried' | 'supplyNew' | 'ratio' | 'placements', qoq?: number | null, yoy?: number | null, unit = '%') =>
    `<tr><th scope="row">${esc(label[lang])}</th><td>${fmt(r.headline[k], lang)}</td><td>${fmt(r.previous?.[k], lang)}</td><td>${fmt(r.yearAgo?.[k], lang)}</td><td>${qoq === undefined ? '' : signed(qoq, lang, unit)}</td><td>${yoy === undefined ? '' : signed(yoy, lang, unit)}</td></tr>`;
  return `<table class="headline"><thead><tr><th>${esc(T.figure[lang])}</th><th>${esc(T.thisQ[lang])}</th><th>${esc(T.prevQ[lang])}</th><th>${esc(T.agoQ[lang])}</th><th>${esc(T.qoq[lang])}</th><th>${esc(T.yoy[lang])}</th></tr></thead><tbody>
${row(T.demand, 'demand', r.change.demandQoQPct, r.change.demandYoYPct)}
${row(T.carried, 'demandCarried')}
${row(T.fresh, 'demandNew')}
${row(T.supply, 'supply', r.change.supplyQoQPct, r.change.supplyYoYPct)}
${row(T.carried, 'supplyCarried')}
${row(T.fresh, 'supplyNew')}
${row(T.ratio, 'ratio', r.change.ratioQoQ, r.change.ratioYoY, '')}
${row(T.placements, 'placements')}
</tbody></table>`;
}

function charts(r: QuarterReport, lang: Lang): string {
  const major = r.tables.occupation_major.filter((x) => x.key !== 'unknown');
  const [dName, sName] = [T.demand[lang], T.supply[lang]];
  const bars = renderSvgChart(680, 320, {
    grid: { left: 10, right: 20, top: 48, bottom: 10, containLabel: true },
    legend: { data: [dName, sName], top: 4, left: 'center' },
    xAxis: { type: 'category', data: major.map((x) => x.key), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: dName, type: 'bar', data: major.map((x) => x.demand ?? 0) },
      { name: sName, type: 'bar', data: major.map((x) => x.supply ?? 0) },
    ],
  });
  const [aName, nName] = [T.aR[lang], T.nR[lang]];
  const lines = renderSvgChart(680, 280, {
    grid: { left: 10, right: 20, top: 48, bottom: 10, containLabel: true },
    legend: { data: [aName, nName], top: 4, left: 'center' },
    xAxis: { type: 'category', data: r.months.map((m) => m.key.slice(2)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: aName, type: 'line', data: r.months.map((m) => m.activeRatio) },
      { name: nName, type: 'line', data: r.months.map((m) => m.newRatio) },
    ],
  });
  const legend = major.map((x) => `${x.key} ${x.label[lang]}`).join(lang === 'zh' ? '；' : '; ');
  return `<section class="charts"><figure><figcaption>${esc(T.chartMajor[lang])}</figcaption>${bars}<p class="meta">${esc(legend)}</p></figure>
<figure><figcaption>${esc(T.chartMonths[lang])}</figcaption>${lines}</figure></section>`;
}

const pageHeader = (r: QuarterReport, title: string, lang: Lang) => `<header>
<h1>${esc(title)}</h1>
<p class="meta">${esc(T.period[lang])}: ${esc(quarterLabel(r, lang))}${lang === 'zh' ? '（' : ' ('}${esc(localDate(r.period.start))} – ${esc(localDate(new Date(new Date(r.period.end).getTime() - 1).toISOString()))}${lang === 'zh' ? '）' : ')'} · ${esc(T.compiled[lang])}: ${esc(localTime(new Date(r.compiledAt), lang))}</p>
<p class="meta">${esc(T.scope[lang])}</p>
</header>`;

export function renderQuarterHtml(r: QuarterReport, lang: Lang): string {
  const sections = QUARTER_TABLES.map((t) => {
    const extra = t === 'sex' ? `<p><strong>${esc(T.noSex[lang])}：</strong>${fmt(r.sexNoRequirementShare, lang)}%</p>` : '';
    return `<section class="table"><h2>${esc(QUARTER_TABLE_TITLES[t][lang])}</h2>${breakdownTable(r.tables[t], lang)}${extra}</section>`;
  }).join('\n');
  const defs = QUARTER_DEFINITIONS.map((d) => `<dt>${esc(d.term[lang])}</dt><dd>${esc(d.text[lang])}</dd>`).join('\n');
  return htmlDocument({
    lang,
    title: `${T.title[lang]} ${quarterLabel(r, lang)}`,
    stylesheet: '/reports/supply-demand/report.css',
    body: `${pageHeader(r, T.title[lang], lang)}
<main>
<section><h2>${esc(T.headline[lang])}</h2>${headlineTable(r, lang)}</section>
${charts(r, lang)}
<section class="table"><h2>${esc(T.shortage[lang])}</h2>${rankingTable(r.shortage, 'shortage', lang)}</section>
<section class="table"><h2>${esc(T.surplus[lang])}</h2>${rankingTable(r.surplus, 'surplus', lang)}</section>
${sections}
<section class="table"><h2>${esc(T.monthly[lang])}</h2>${monthsTable(r, lang)}</section>
<section class="definitions"><h2>${esc(T.definitions[lang])}</h2><dl>${defs}</dl></section>
</main>`,
  });
}

/** The two rankings alone, in the 最缺工 publication's columns. */
export function renderRankingHtml(r: QuarterReport, lang: Lang): string {
  const defs = QUARTER_DEFINITIONS.filter((_, i) => i === 3).map((d) => `<dt>${esc(d.term[lang])}</dt><dd>${esc(d.text[lang])}</dd>`).join('\n');
  return htmlDocument({
    lang,
    title: `${T.rankingTitle[lang]} ${quarterLabel(r, lang)}`,
    stylesheet: '/reports/supply-demand/report.css',
    body: `${pageHeader(r, T.rankingTitle[lang], lang)}
<main>
<section class="table"><h2>${esc(T.shortage[lang])}</h2>${rankingTable(r.shortage, 'shortage', lang)}</section>
<section class="table"><h2>${esc(T.surplus[lang])}</h2>${rankingTable(r.surplus, 'surplus', lang)}</section>
<section class="definitions"><dl>${defs}</dl></section>
</main>`,
  });
}

/** One table as CSV (UTF-8 with BOM); label_zh is Chinese, label_en English. */
export function quarterCsv(r: QuarterReport, table: QuarterTable | 'shortage' | 'surplus' | 'monthly'): string {
  if (table === 'shortage' || table === 'surplus') {
    return toCsv([
      ['rank', 'occupation_code', 'label_zh', 'gap', 'demand', 'supply', 'ratio', 'typical_district_zh', 'typical_district_en', 'previous_rank'],
      ...r[table].map((x) => [x.rank, x.code, x.name.zh, x.gap, x.demand, x.supply, x.ratio, x.typicalDistrict?.zh ?? null, x.typicalDistrict?.en ?? null, x.previousRank]),
    ]);
  }
  if (table === 'monthly') {
    return toCsv([
      ['month', 'active_demand', 'active_supply', 'active_ratio', 'new_demand', 'new_supply', 'new_ratio', 'placements', 'placement_rate', 'fill_rate'],
      ...r.months.map((m) => [m.key, m.activeDemand, m.activeSupply, m.activeRatio, m.newDemand, m.newSupply, m.newRatio, m.placements, m.placementRate, m.fillRate]),
    ]);
  }
  return toCsv([
    ['key', 'label_zh', 'label_en', 'demand', 'demand_share', 'demand_share_change_pp', 'supply', 'supply_share', 'supply_share_change_pp', 'ratio'],
    ...r.tables[table].map((x) => [x.key, x.label.zh.trim(), x.label.en.trim(), x.demand, x.demandShare, x.demandSharePp, x.supply, x.supplyShare, x.supplySharePp, x.ratio]),
  ]);
}
