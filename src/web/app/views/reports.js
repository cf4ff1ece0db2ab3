// @ts-check
// Staff: saved searches and their alerts, the weekly and quarterly supply-demand reports, wage
// guidance (compile, offered and actual pay side by side, the price table), fairness and audit.
import { state, T, L } from '../lib/state.js';
import { hasText } from '../lib/i18n.js';
import { h, notice, flash } from '../lib/dom.js';
import { api, failure, failureText, openAuthed, district } from '../lib/api.js';
import { makeForm, pagedTable, filterBar } from '../lib/forms.js';
import { fmtDate, fmtDay, money, todayInZone } from '../lib/format.js';
import { vocabOptions, vlabel } from '../lib/vocab.js';
import { seekerPicker, districtPicker } from '../lib/pickers.js';

/** The ISO week (year, week) that contains this day. */
function isoWeekOf(/** @type {Date} */ d) {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = x.getUTCDay() || 7;
  x.setUTCDate(x.getUTCDate() + 4 - day);
  const y = x.getUTCFullYear();
  return { year: y, week: Math.ceil(((x.getTime() - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7) };
}

const HEADLINE = ['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand', 'newSupply', 'activeSupply', 'placements', 'ratio', 'placementRate', 'fillRate'];
const headlineStats = (/** @type {any} */ hl) => h('div', { class: 'stats' }, HEADLINE.filter((k) => hl && hl[k] !== undefined).map((k) => h('div', { class: 'stat', dataset: { stat: k } }, h('b', {}, hl[k] ?? '—'), T(`h_${k}`))));

// ── saved searches and alerts ────────────────────────────────────────────────────────────────

/** Staff: a search saved for a job seeker; new vacancies that match are recorded as alerts. */
export function savedSearchesView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('savedSearches')), h('p', { class: 'muted' }, T('savedHint')));
  const form = makeForm(
    [
      { name: 'seekerId', label: T('seeker'), type: 'picker', required: true, picker: seekerPicker() },
      { name: 'name', label: T('savedName'), required: true },
      { name: 'q', label: T('searchText') },
      { name: 'district', label: T('district'), type: 'picker', picker: districtPicker() },
      { name: 'education', label: T('education'), type: 'select', options: vocabOptions('educationLevels', true) },
      { name: 'wageMin', label: T('wageFloor'), type: 'number' },
      { name: 'channel', label: T('channel'), type: 'select', options: [['sms', T('ch_sms')], ['email', T('ch_email')]] },
    ],
    {
      id: 'saved-new',
      submitLabel: T('saveSearch'),
      async onSubmit(f) {
        const v = f.values();
        if (!v.seekerId) return f.fieldError('seekerId', { key: 'chooseFromList' });
        /** @type {Record<string, unknown>} */
        const query = {};
        if (v.q) query.q = v.q;
        if (v.district) query.districtCodes = [v.district];
        if (v.education) query.education = v.education;
        if (v.wageMin !== undefined) query.wageMin = v.wageMin;
        const r = await api('POST', '/saved-searches', { body: { name: v.name, kind: 'vacancies', seekerId: v.seekerId, query, channel: v.channel } });
        if (!r.ok) return f.showError(r);
        f.ok({ key: 'saved' });
        table.load(1);
      },
    },
  );
  const table = pagedTable({
    id: 'saved',
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', '/saved-searches', { query: p }),
    columns: [
      { label: T('savedName'), render: (x) => h('strong', {}, x.name) },
      { label: T('seeker'), render: (x) => (x.seekerId ? h('a', { href: `#/seekers/${x.seekerId}` }, x.seekerName ?? T('openRecord')) : '—') },
      { label: T('criteria'), render: (x) => criteria(x.query) },
      { label: T('channel'), render: (x) => T(`ch_${x.channel}`) },
      { label: T('lastRunAt'), render: (x) => (x.lastRunAt ? fmtDate(x.lastRunAt) : T('notYetRun')) },
      { label: T('alerts'), render: (x) => alertsButton(x) },
      {
        label: T('actions'),
        render: (x, reload) => h('button', { type: 'button', class: 'btn danger', onclick: async () => {
          if (!confirm(`${T('delete')}: ${x.name}?`)) return;
          const r = await api('DELETE', `/saved-searches/${x.id}`);
          if (!r.ok) return flash(failureText(r));
          reload();
        } }, T('delete')),
      },
    ],
  });
  main.append(h('section', { class: 'card' }, h('h3', {}, T('newSavedSearch')), form.form), h('section', { class: 'card' }, table.el));
  table.load(1);
}

/** A saved query as words: 关键词「焊工」 · 天河区 · 高中 · ≥ 5,000 元. */
function criteria(/** @type {Record<string, any>} */ q) {
  const out = h('span', {});
  const bits = [];
  if (q.q) bits.push(`${T('searchText')}「${q.q}」`);
  if (q.education) bits.push(vlabel('educationLevels', q.education));
  if (q.wageMin != null) bits.push(`≥ ${money(q.wageMin, null)} ${T('yuan')}`);
  out.append(bits.join(' · '));
  for (const d of q.districtCodes || []) out.append(' · ', district(d));
  return out;
}

function alertsButton(/** @type {any} */ s) {
  const box = h('div', {});
  const b = h('button', { type: 'button', class: 'btn', onclick: async () => {
    const r = await api('GET', `/saved-searches/${s.id}/alerts`);
    box.replaceChildren(b);
    if (!r.ok) return box.append(failure(r));
    if (!r.data.items.length) return box.append(h('p', { class: 'muted' }, T('noAlerts')));
    box.append(h('ul', { class: 'alerts' }, r.data.items.map((/** @type {any} */ a) => h('li', {}, a.title, h('span', { class: 'muted' }, ` · ${fmtDate(a.createdAt)} · ${a.sentAt ? T('sent') : T('notSent')}`)))));
  } }, T('showAlerts'));
  box.append(b);
  return box;
}

// ── reports and wage guidance ───────────────────────────────────────────────────────────────

export function reportsView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('supplyDemand')));
  const last = isoWeekOf(new Date(Date.now() - 7 * 86400_000));
  const detail = h('section', { class: 'card', id: 'report-detail' });
  const run = makeForm(
    [
      { name: 'isoYear', label: T('isoYear'), type: 'number', value: last.year },
      { name: 'isoWeek', label: T('isoWeek'), type: 'number', value: last.week, attrs: { min: 1, max: 53 } },
    ],
    {
      id: 'report-run',
      submitLabel: T('runReport'),
      async onSubmit(f) {
        const r = await api('POST', '/reports/supply-demand/runs', { body: f.values() });
        if (!r.ok) return f.showError(r);
        f.ok({ key: 'runQueued' });
        const { isoYear, isoWeek } = r.data;
        // The job runs in the worker; the report appears within seconds.
        for (let i = 0; i < 60; i++) {
          await new Promise((res) => setTimeout(res, 500));
          const got = await api('GET', `/reports/supply-demand/${isoYear}/${isoWeek}`);
          if (got.ok && new Date(got.data.compiledAt) >= startedAt) {
            f.ok({ key: 'reportReady' });
            table.load(1);
            return showReport(isoYear, isoWeek);
          }
        }
      },
    },
  );
  let startedAt = new Date(0);
  run.form.addEventListener('submit', () => (startedAt = new Date(Date.now() - 2000)), { capture: true });
  const filters = filterBar(
    [
      { name: 'year', label: T('year'), type: 'number' },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('newestFirst')], ['asc', T('oldestFirst')]] },
    ],
    () => table.load(1),
    { prefix: 'reports' },
  );
  const table = pagedTable({
    id: 'reports',
    emptyText: T('noWeeklyYet'),
    rowKey: (x) => `${x.isoYear}-${x.isoWeek}`,
    fetchPage: (p) => api('GET', '/reports/supply-demand', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('week'), render: (x) => T('weekLabel', { y: x.isoYear, w: x.isoWeek }) },
      { label: T('computedAt'), render: (x) => fmtDate(x.compiledAt) },
      { label: T('h_placements'), render: (x) => x.headline?.placements ?? '' },
      { label: T('h_activeDemand'), render: (x) => x.headline?.activeDemand ?? '' },
      { label: T('h_activeSupply'), render: (x) => x.headline?.activeSupply ?? '' },
      { label: T('actions'), render: (x) => h('button', { type: 'button', onclick: () => showReport(x.isoYear, x.isoWeek) }, T('open')) },
    ],
  });
  async function showReport(/** @type {number} */ y, /** @type {number} */ w) {
    const r = await api('GET', `/reports/supply-demand/${y}/${w}`);
    detail.replaceChildren(h('h3', {}, `${T('supplyDemand')} ${T('weekLabel', { y, w })}`));
    if (!r.ok) return detail.append(failure(r));
    detail.dataset.week = `${y}-${w}`;
    detail.append(
      headlineStats(r.data.headline),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', onclick: () => openAuthed(r.data.links.html.zh) }, `${T('openReport')} 中文`),
        h('button', { type: 'button', onclick: () => openAuthed(r.data.links.html.en) }, `${T('openReport')} English`)),
    );
  }
  main.append(h('section', { class: 'card' }, run.form), detail, h('section', { class: 'card' }, filters.el, table.el), quarterlyBox(), wageBox());
  table.load(1);
}

/** The quarterly analysis and the shortage ranking: pages the server renders, opened with the session. */
function quarterlyBox() {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  const last = q === 0 ? { year: now.getUTCFullYear() - 1, quarter: 4 } : { year: now.getUTCFullYear(), quarter: q };
  const box = h('section', { class: 'card', id: 'quarterly' }, h('h3', {}, T('quarterly')));
  const f = makeForm(
    [
      { name: 'year', label: T('year'), type: 'number', value: last.year },
      { name: 'quarter', label: T('quarter'), type: 'select', options: [1, 2, 3, 4].map((n) => /** @type {[string, string]} */ ([String(n), T('quarterN', { n })])), value: String(last.quarter) },
    ],
    {
      id: 'quarterly-form',
      submitLabel: T('openQuarterly'),
      async onSubmit(form) {
        const v = form.values();
        const base = `/reports/supply-demand/quarterly/${v.year}/${v.quarter}`;
        const r = await api('GET', base);
        if (!r.ok) return form.showError(r);
        links.replaceChildren(
          h('button', { type: 'button', class: 'btn', onclick: () => openAuthed(r.data.links.html.zh) }, `${T('quarterlyReport')} 中文`),
          h('button', { type: 'button', class: 'btn', onclick: () => openAuthed(r.data.links.html.en) }, `${T('quarterlyReport')} English`),
          h('button', { type: 'button', class: 'btn', onclick: () => openAuthed(r.data.links.ranking[state.lang]) }, T('shortageRanking')),
        );
        figures.replaceChildren(headlineStats(r.data.headline));
      },
    },
  );
  const links = h('div', { class: 'toolbar' });
  const figures = h('div', {});
  box.append(f.form, figures, links);
  return box;
}

/** Wage guidance: compile a period, see offered and actual pay side by side, open the report and the price table. */
function wageBox() {
  const wage = h('section', { class: 'card', id: 'wage-guidance' }, h('h3', {}, T('wageGuidance')));
  const compile = makeForm(
    [
      { name: 'periodKind', label: T('periodKind'), type: 'select', options: ['month', 'quarter', 'year'].map((k) => /** @type {[string, string]} */ ([k, L('pk', k)])) },
      { name: 'periodStart', label: T('periodStart'), type: 'date', hint: T('periodStartHint') },
    ],
    {
      id: 'wage-compile',
      submitLabel: T('compileWage'),
      async onSubmit(f) {
        const r = await api('POST', '/wage-guidance/runs', { body: f.values() });
        if (!r.ok) return f.showError(r);
        f.ok({ parts: [{ key: 'compileQueued' }, ` ${L('pk', r.data.periodKind)} ${fmtDay(r.data.periodStart)}`] });
        setTimeout(() => load(), 3000);
      },
    },
  );
  const table = h('div', { id: 'wage-table' });
  const year = todayInZone().slice(0, 4);
  wage.append(
    compile.form,
    h('div', { class: 'toolbar' },
      h('a', { class: 'btn', href: `/wage-guidance/report.html?lang=${state.lang}`, target: '_blank', rel: 'noopener' }, T('openWageReport')),
      h('a', { class: 'btn', href: `/wage-guidance/price-table.html?periodKind=year&periodStart=${year}-01-01&lang=${state.lang}`, target: '_blank', rel: 'noopener' }, T('priceTable')),
      h('a', { class: 'btn', href: `/wage-guidance/price-table.xlsx?periodKind=year&periodStart=${year}-01-01&lang=${state.lang}` }, `${T('priceTable')} (.xlsx)`)),
    table,
  );
  async function load() {
    const r = await api('GET', '/wage-guidance', { query: { level: 1 } });
    table.replaceChildren();
    if (!r.ok) return table.append(failure(r));
    table.append(h('p', { class: 'muted' }, `${T('period')}: ${L('pk', r.data.periodKind)} ${r.data.periodStart ? fmtDay(r.data.periodStart) : '—'} · ${L('region', r.data.region)}`));
    if (!r.data.items.length) return table.append(notice(T('wageEmpty')));
    // Offered pay (from vacancies) and actual pay (from placements) are different measures:
    // one row per occupation group, each source in its own labelled columns.
    const bySource = ['offered', 'actual'];
    /** @type {Map<string, Record<string, any>>} */
    const rows = new Map();
    for (const c of r.data.items) {
      if (!bySource.includes(c.source)) continue;
      const row = rows.get(c.code) ?? { code: c.code, label: (state.lang === 'en' ? c.labelEn : c.labelZh) || vlabel('iscoMajorGroups', c.code) };
      row[c.source] = c;
      rows.set(c.code, row);
    }
    const cell = (/** @type {any} */ c, /** @type {string} */ k) => (!c ? '—' : c.suppressed ? T('suppressed') : c[k] != null ? money(c[k], null) : '—');
    table.append(h('div', { class: 'table-wrap' }, h('table', { id: 'wage-sources' },
      h('thead', {},
        h('tr', {}, h('th', { rowspan: 2, scope: 'col' }, T('occupation')), h('th', { colspan: 3, scope: 'colgroup', class: 'src-offered' }, T('offeredPay')), h('th', { colspan: 3, scope: 'colgroup', class: 'src-actual' }, T('actualPay'))),
        h('tr', {}, ['P25', 'P50', 'P75', 'P25', 'P50', 'P75'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, [...rows.values()].map((row) => h('tr', { dataset: { code: row.code } }, h('td', {}, `${row.code} ${row.label}`),
        ...['p25', 'p50', 'p75'].map((k) => h('td', {}, cell(row.offered, k))),
        ...['p25', 'p50', 'p75'].map((k) => h('td', {}, cell(row.actual, k)))))))),
      h('p', { class: 'muted' }, T('payNote')));
  }
  load();
  return wage;
}

export function fairnessView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('fairness')));
  const box = h('section', { class: 'card', id: 'fairness' });
  const filters = filterBar([{ name: 'topN', label: T('topN'), type: 'number', value: '10' }], () => load());
  main.append(h('section', { class: 'card' }, filters.el), box);
  async function load() {
    const r = await api('GET', '/matching/fairness-audit', { query: filters.values() });
    box.replaceChildren();
    if (!r.ok) return box.append(failure(r));
    const d = r.data;
    box.append(h('p', {}, `${T('vacancies')}: ${d.vacancies} · ${T('pool')}: ${d.pool} · ${T('topN')}: ${d.topN}`));
    const group = (g) => L('grp', g);
    if (d.flags.length) box.append(notice(`${T('flags')}: ${d.flags.map((f) => `${L('dim', f.dimension)} ${group(f.group)} · ${L('stage', f.stage)} ${f.impactRatio.toFixed(2)}`).join('; ')}`, 'error'));
    // A group below the minimum size shows its ratio but is never flagged ("n<30" marks it).
    const small = state.lang === 'zh' ? `人数<${d.minGroup}` : `n<${d.minGroup}`;
    const stage = (s) => `${s.count} (${(s.rate * 100).toFixed(1)}%)${s.impactRatio != null ? ` · ${s.impactRatio.toFixed(2)}` : ''}${s.flagged ? ' ⚠' : ''}${s.enoughPeople ? '' : ` · ${small}`}`;
    box.append(h('p', { class: 'muted' }, d.explanation[state.lang]));
    for (const dim of d.dimensions) {
      box.append(h('h3', {}, `${T('dimension')}: ${L('dim', dim.dimension)}`), h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, [T('group'), T('pool'), T('matched'), T('referred'), T('hired')].map((x) => h('th', {}, x)))),
        h('tbody', {}, dim.groups.map((g) => h('tr', {}, h('td', {}, group(g.group)), h('td', {}, `${g.pool} (${(g.poolShare * 100).toFixed(1)}%)`), h('td', {}, stage(g.matched)), h('td', {}, stage(g.referred)), h('td', {}, stage(g.hired))))))));
    }
  }
  load();
}

export function auditView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('auditLog')));
  const filters = filterBar(
    [
      { name: 'subjectId', label: T('seeker'), type: 'picker', picker: seekerPicker() },
      { name: 'action', label: T('action'), type: 'select', options: [['', T('any')], ['read_personal_data', L('act', 'read_personal_data')]] },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('newestFirst')], ['asc', T('oldestFirst')]] },
    ],
    () => table.load(1),
  );
  const table = pagedTable({
    id: 'audit',
    rowKey: (x) => String(x.id),
    fetchPage: (p) => api('GET', '/audit-log', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('at'), render: (x) => fmtDate(x.at) },
      { label: T('actor'), render: (x) => `${x.actorName} (${L('role', x.actorRole)})` },
      { label: T('action'), render: (x) => (hasText(`act_${x.action}`) ? T(`act_${x.action}`) : T('otherAction')) },
      // The subject by kind; a person's record is one click away (no id shown).
      { label: T('subject'), render: (x) => [hasText(`subj_${x.subjectType}`) ? T(`subj_${x.subjectType}`) : T('otherSubject'), ' ',
        x.subjectType === 'seeker' || x.subjectType === 'seekers' ? h('a', { href: `#/seekers/${x.subjectId}`, dataset: { id: x.subjectId } }, T('openRecord')) : null] },
      // Personal-data fields by name; the columns other actions touch are not shown by their database names.
      { label: T('fields'), render: (x) => x.fields.filter((/** @type {string} */ f) => hasText(`pf_${f}`)).map((/** @type {string} */ f) => T(`pf_${f}`)).join(state.lang === 'en' ? ', ' : '、') },
      { label: T('reason'), render: (x) => x.reason },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

