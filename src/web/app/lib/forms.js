// @ts-check
// Forms, filter bars and paged tables: the building blocks of every view.
import { t, fieldMessage } from './i18n.js';
import { state, T, msgText, takeRestore, restoreInput, live } from './state.js';
import { h, notice } from './dom.js';
import { failure, download } from './api.js';
import { fromZoneInput } from './format.js';

/**
 * @typedef {{ el: HTMLElement, input: HTMLInputElement, text: HTMLInputElement, set: (id: string, label: string) => void, clear: () => void }} Picker
 * @typedef {{ name: string, label: string, type?: string, options?: [string, string][], required?: boolean, wide?: boolean,
 *   value?: any, hint?: string, attrs?: Record<string, any>, picker?: (fid: string) => Picker }} FieldSpec
 * @typedef {{ input: any, err: HTMLElement, wrap: HTMLElement, spec: FieldSpec, picker?: Picker }} FieldParts
 * @typedef {ReturnType<typeof makeForm>} Form
 */

/**
 * A form from field specs. values() returns what was typed (numbers as numbers, empty omitted
 * unless keepEmpty). Server `details[].field` like "body.nationalId" or "body.priorityGroups[1]"
 * are shown next to the input named nationalId / priorityGroups.
 * Types: text (default), number, date, datetime-local (on the service's clock), select, textarea,
 * checkbox, checks (several checkboxes → array), picker (choose a record by name → its id).
 * @param {FieldSpec[]} specs
 * @param {{ id?: string, submitLabel?: string, onSubmit?: (f: any) => any, extraButtons?: HTMLElement[] }} [opts]
 */
export function makeForm(specs, { id, submitLabel, onSubmit, extraButtons = [] } = {}) {
  const form = h('form', { class: 'form', id, novalidate: true });
  /** @type {Record<string, FieldParts>} */
  const inputs = {};
  let restored = false;
  // What the form shows, kept as messages (not text) so a language switch can show them again.
  /** @type {{ fields: Record<string, any>, form: any, ok: any }} */
  let shown = { fields: {}, form: null, ok: null };
  for (const s of specs) {
    const fid = `${id || 'f'}-${s.name}`;
    /** @type {any} */
    let input;
    /** @type {Picker | undefined} */
    let picker;
    let labelFor = fid;
    if (s.type === 'textarea') input = h('textarea', { id: fid, name: s.name, ...(s.attrs || {}) });
    else if (s.type === 'select') input = h('select', { id: fid, name: s.name, ...(s.attrs || {}) }, (s.options || []).map(([v, text]) => h('option', { value: v }, text)));
    else if (s.type === 'checks') {
      const chosen = new Set(s.value || []);
      input = h('div', { class: 'checks', id: fid, role: 'group' }, (s.options || []).map(([v, text]) => {
        const box = h('input', { type: 'checkbox', id: `${fid}-${v}`, name: s.name, value: v, checked: chosen.has(v) });
        if (restoreInput(box)) restored = true;
        return h('label', { for: `${fid}-${v}`, class: 'check' }, box, text);
      }));
    } else if (s.type === 'picker' && s.picker) {
      picker = s.picker(fid);
      input = picker.input;
      labelFor = picker.text.id;
      if (s.value) picker.set(s.value.id, s.value.label);
    } else input = h('input', { id: fid, name: s.name, type: s.type === 'checkbox' ? 'checkbox' : s.type || 'text', ...(s.attrs || {}) });
    if (s.type === 'checkbox') input.checked = !!s.value;
    else if (s.type !== 'checks' && s.type !== 'picker' && s.value !== undefined && s.value !== null) input.value = s.value;
    if (s.type !== 'checks' && restoreInput(input)) restored = true;
    if (picker && restoreInput(picker.text)) restored = true;
    if (s.required) (picker ? picker.text : input).setAttribute('aria-required', 'true');
    const err = h('div', { class: 'err', id: `${fid}-err`, role: 'alert' });
    (picker ? picker.text : input).setAttribute('aria-describedby', `${fid}-err`);
    const hint = s.hint ? h('div', { class: 'muted' }, s.hint) : null;
    const wrap =
      s.type === 'checkbox'
        ? h('div', { class: `field check${s.wide ? ' wide' : ''}`, dataset: { field: s.name } }, h('label', { for: fid }, input, s.label), err)
        : s.type === 'checks'
          ? h('fieldset', { class: `field${s.wide ? ' wide' : ''}`, dataset: { field: s.name } }, h('legend', {}, s.label), input, hint, err)
          : h('div', { class: `field${s.wide ? ' wide' : ''}`, dataset: { field: s.name } }, h('label', { for: labelFor }, s.label), picker ? picker.el : input, hint, err);
    inputs[s.name] = { input, err, wrap, spec: s, picker };
    form.append(wrap);
  }
  const formMsg = h('div', { class: 'form-error wide', role: 'alert' });
  const okMsg = h('div', { class: 'form-ok wide', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel || T('save'));
  form.append(formMsg, okMsg, h('div', { class: 'form-actions' }, submit, ...extraButtons));

  const paint = () => {
    formMsg.textContent = msgText(shown.form);
    okMsg.textContent = msgText(shown.ok);
    for (const [name, { err, wrap, input }] of Object.entries(inputs)) {
      const m = shown.fields[name];
      err.textContent = msgText(m);
      wrap.classList.toggle('invalid', !!m);
      if (m) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  };
  const self = {
    form,
    inputs,
    submit,
    /** True when the values came back from before a language switch. */
    get restored() {
      return restored;
    },
    messages: () => shown,
    /** @returns {Record<string, any>} */
    values({ keepEmpty = false } = {}) {
      /** @type {Record<string, any>} */
      const out = {};
      for (const [name, { input, spec }] of Object.entries(inputs)) {
        if (spec.type === 'checkbox') out[name] = input.checked;
        else if (spec.type === 'checks') out[name] = [...input.querySelectorAll('input:checked')].map((x) => x.value);
        else if (spec.type === 'number') {
          if (input.value.trim() !== '') out[name] = Number(input.value);
          else if (keepEmpty) out[name] = null;
        } else if (spec.type === 'datetime-local') {
          if (input.value) out[name] = fromZoneInput(input.value);
        } else if (input.value.trim() !== '') out[name] = input.value.trim();
        else if (keepEmpty) out[name] = spec.type === 'date' ? null : '';
      }
      return out;
    },
    clearErrors() {
      shown = { fields: {}, form: null, ok: null };
      paint();
    },
    /** message: see msgText. */
    fieldError(/** @type {string} */ name, /** @type {any} */ message) {
      if (!inputs[name]) return false;
      shown.fields[name] = message;
      paint();
      return true;
    },
    clearFieldError(/** @type {string} */ name) {
      delete shown.fields[name];
      paint();
    },
    /** Shows an API error: details next to fields, the message above the buttons. Inputs are left as typed. */
    showError(/** @type {import('./api.js').ApiResult} */ r) {
      const d = r.data || {};
      const details = Array.isArray(d.details) ? d.details : [];
      let placed = 0;
      for (const x of details) {
        const path = String(x.field || '').replace(/^\//, '').replace(/\//g, '.').replace(/\[\d+\]/g, '');
        const bits = path.split('.');
        const name = ['body', 'querystring', 'query'].includes(bits[0]) ? bits[1] : bits[0];
        // details[].message is English; the top message is in the language asked for and, for a
        // single-field error, ends with that field's message ("body.x：…").
        const serverZh = state.lang === 'zh' && details.length === 1 ? String(d.message || '').replace(/^[^：]*：/, '') : null;
        const zh = x.zh ?? fieldMessage('zh', x.message) ?? (serverZh && /[\u4e00-\u9fff]/.test(serverZh) ? serverZh : null) ?? x.message;
        if (self.fieldError(name, { en: x.en ?? x.message, zh })) placed++;
      }
      if (r.missing) shown.form = `${t('zh', 'notAvailable')} · ${t('en', 'notAvailable')}`;
      else shown.form = placed ? { key: 'fixErrors' } : { [state.lang === 'en' ? 'en' : 'zh']: d.message || `HTTP ${r.status}` };
      paint();
      const first = /** @type {HTMLElement | null} */ (form.querySelector('.invalid input, .invalid select, .invalid textarea'));
      if (first) first.focus();
    },
    ok(/** @type {any} */ message) {
      shown.ok = message;
      paint();
    },
  };
  if (id) {
    const before = takeRestore(`form:${id}`);
    if (before) {
      shown = before;
      paint();
    }
  }
  live.forms.push(self);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    self.clearErrors();
    submit.disabled = true;
    try {
      await onSubmit?.(self);
    } finally {
      submit.disabled = false;
    }
  });
  return self;
}

/**
 * @typedef {{ label: string, render: (item: any, reload: () => Promise<void>) => any }} Column
 * @typedef {{ id?: string, el: HTMLElement, load: (p?: number) => Promise<void>, reload: () => Promise<void>, page: () => number }} Table
 */

/**
 * A paginated table. fetchPage({page, pageSize}) → api result with {items, total}; onData(data)
 * sees each answer (for figures shown above the table). id: keeps the page over a language switch.
 * @param {{ id?: string, columns: Column[], fetchPage: (p: { page: number, pageSize: number }) => Promise<import('./api.js').ApiResult>,
 *   pageSize?: number, emptyText?: string, rowKey?: (it: any) => string, rowProps?: (it: any) => Record<string, any>, onData?: (d: any) => void }} opts
 * @returns {Table}
 */
export function pagedTable({ id, columns, fetchPage, pageSize = 20, emptyText, rowKey, rowProps, onData }) {
  const wrap = h('div', { class: 'paged', id: id ? `table-${id}` : null });
  let page = 1;
  let first = true;
  let seq = 0;
  /** @param {number} [p] */
  async function load(p = page) {
    // The first load after a language switch goes back to the page the user was on.
    if (first && id) p = takeRestore(`page:${id}`) ?? p;
    first = false;
    page = p;
    const mine = ++seq;
    wrap.dataset.loading = 'true';
    const r = await fetchPage({ page, pageSize });
    if (mine !== seq) return; // a later load (filter, page button) has started: its answer wins
    wrap.replaceChildren();
    delete wrap.dataset.loading;
    if (!r.ok) {
      wrap.append(failure(r));
      return;
    }
    onData?.(r.data);
    const { items, total } = r.data;
    if (!items.length) wrap.append(notice(emptyText || T('empty')));
    else {
      const table = h(
        'table',
        {},
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
        h('tbody', {}, items.map((/** @type {any} */ it) => {
          const extra = rowProps?.(it) || {};
          const props = { ...extra, dataset: { ...(rowKey ? { id: rowKey(it) } : {}), ...(extra.dataset || {}) } };
          return h('tr', props, columns.map((c) => h('td', {}, c.render(it, () => load()))));
        })),
      );
      wrap.append(h('div', { class: 'table-wrap' }, table));
    }
    const pages = Math.max(1, Math.ceil(total / pageSize));
    wrap.dataset.page = String(page);
    if (!total) return; // "nothing here" says it all
    wrap.append(
      h(
        'div',
        { class: 'pager' },
        h('button', { type: 'button', class: 'prev', disabled: page <= 1, onclick: () => load(page - 1) }, T('prev')),
        h('span', { class: 'page-info' }, T('pageOf', { p: `${page}/${pages}`, n: total })),
        h('button', { type: 'button', class: 'next', disabled: page >= pages, onclick: () => load(page + 1) }, T('next')),
      ),
    );
  }
  const table = { id, el: wrap, load, reload: () => load(page), page: () => page };
  live.tables.push(table);
  return table;
}

/**
 * A toolbar of filters that re-runs onChange; values() gives the current ones.
 * @param {FieldSpec[]} specs
 * @param {() => void} onChange
 * @param {{ prefix?: string, extra?: HTMLElement[] }} [opts]
 */
export function filterBar(specs, onChange, { prefix = 'flt', extra = [] } = {}) {
  const bar = h('div', { class: 'toolbar', role: 'search' });
  /** @type {Record<string, HTMLInputElement | HTMLSelectElement>} */
  const inputs = {};
  for (const s of specs) {
    const fid = `${prefix}-${s.name}`;
    if (s.type === 'picker' && s.picker) {
      const p = s.picker(fid);
      restoreInput(p.input);
      restoreInput(p.text);
      inputs[s.name] = p.input;
      p.input.addEventListener('change', () => onChange());
      bar.append(h('div', { class: 'field' }, h('label', { for: p.text.id }, s.label), p.el));
      continue;
    }
    const input =
      s.type === 'select'
        ? h('select', { id: fid, name: s.name }, (s.options || []).map(([v, text]) => h('option', { value: v }, text)))
        : h('input', { id: fid, name: s.name, type: s.type || 'text', ...(s.attrs || {}) });
    if (s.value !== undefined) input.value = s.value;
    restoreInput(input);
    inputs[s.name] = input;
    bar.append(h('div', { class: 'field' }, h('label', { for: fid }, s.label), input));
    if (s.type === 'select') input.addEventListener('change', () => onChange());
    else input.addEventListener('keydown', (e) => /** @type {KeyboardEvent} */ (e).key === 'Enter' && onChange());
  }
  bar.append(h('button', { type: 'button', class: 'primary', onclick: () => onChange() }, T('apply')), ...extra);
  return { el: bar, values: () => Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()])), inputs };
}

/** The list filters GET /exports/:list.:format accepts. */
const EXPORT_FILTERS = ['status', 'employerId', 'fairId', 'districtCode', 'officeId', 'publicWelfare', 'education', 'priorityGroup', 'seekerId', 'vacancyId', 'outcome', 'from', 'to'];

/**
 * "Export .xlsx" and "Export CSV" for a list (GET /exports/:list.:format with the list's filters).
 * @param {'vacancies'|'seekers'|'referrals'|'placements'|'fair-results'} list
 * @param {() => Record<string, unknown>} [query]
 */
export function exportButtons(list, query = () => ({})) {
  const out = h('span', { class: 'muted export-status', role: 'status' });
  const go = async (/** @type {'xlsx'|'csv'} */ format) => {
    out.textContent = '';
    const q = new URLSearchParams();
    // Only the filters the export takes (it refuses others); the language goes as Accept-Language.
    for (const [k, v] of Object.entries(query())) if (EXPORT_FILTERS.includes(k) && v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const ok = await download(`/exports/${list}.${format}${q.size ? `?${q}` : ''}`, `${list}.${format}`);
    if (!ok) out.textContent = T('exportFailed');
  };
  return h('span', { class: 'exports', dataset: { export: list } },
    h('button', { type: 'button', class: 'btn export-xlsx', onclick: () => go('xlsx') }, T('exportXlsx')),
    h('button', { type: 'button', class: 'btn export-csv', onclick: () => go('csv') }, T('exportCsv')),
    out);
}
