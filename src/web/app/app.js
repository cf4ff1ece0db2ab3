// PES workbench: organiser, recruiter and staff pages. Plain ES module, no build step.
// Rules: API text only through textContent; no inline script/style (strict CSP); every
// control ≥ 44 px; field errors next to the field; nothing typed is lost on an error.
import { t, label, fieldMessage } from './i18n.js';

const LANG = 'pes.workbench.lang';

// The session is an httpOnly cookie: no script here (or injected) can read it. What the page
// keeps is who is signed in (from GET /me) and the CSRF token the API wants on every change,
// which is useless without the cookie. Nothing of either is written to storage.
const state = {
  /** GET /me, or null when nobody is signed in. */
  me: null,
  role: null,
  csrf: null,
  /** A message for the sign-in page (e.g. "signed out after inactivity"). */
  signInNote: null,
  lang: sessionStorage.getItem(LANG) || 'zh',
};

const $ = (sel, root = document) => root.querySelector(sel);
const T = (key, vars) => t(state.lang, key, vars);
const L = (prefix, v) => label(state.lang, prefix, v);

// ── DOM helpers ──────────────────────────────────────────────────────────────────────────────

/** h('button', { class: 'btn', type: 'button', onclick: fn }, 'text', node): text children become text nodes. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const badge = (cls, text) => h('span', { class: `badge ${cls}` }, text);
const notice = (text, cls = '') => h('p', { class: `notice ${cls}`, role: cls ? 'alert' : 'status' }, text);
const fmtDate = (s) => (s ? new Date(s).toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' }) : '');
const money = (min, max) => {
  if (min == null && max == null) return '—';
  const n = (x) => Number(x).toLocaleString('en-US');
  return min != null && max != null && min !== max ? `${n(min)}–${n(max)}` : n(min ?? max);
};
const msgOf = (m) => (m && typeof m === 'object' ? (state.lang === 'en' ? m.en : m.zh) : m);

function flash(text) {
  const f = $('#flash');
  f.textContent = text;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => (f.textContent = ''), 6000);
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ── language switch: nothing typed is lost ─────────────────────────────────────────────────────
// Switching zh/en re-renders the view. Before that, every control's value (by element id), each
// form's messages and each table's page are kept here; the re-rendered view takes them back as it
// builds itself, so filters apply before the first load and field errors re-appear in the new language.
let restore = new Map();
const takeRestore = (key) => {
  const v = restore.get(key);
  restore.delete(key);
  return v;
};
/** Forms, tables and other view state of the current render that a language switch must carry over. */
const live = { forms: [], tables: [], extras: new Map() };

/** Puts back the value a control had before the language switch; true when there was one. */
function restoreInput(el) {
  const v = el.id ? takeRestore(`input:${el.id}`) : undefined;
  if (!v) return false;
  if ('checked' in v) el.checked = v.checked;
  else el.value = v.value;
  return true;
}

function snapshot() {
  const snap = new Map();
  for (const el of $('#main').querySelectorAll('input[id], select[id], textarea[id]')) {
    if (el.type === 'file') continue;
    snap.set(`input:${el.id}`, el.type === 'checkbox' ? { checked: el.checked } : { value: el.value });
  }
  for (const f of live.forms) if (f.form.isConnected && f.form.id) snap.set(`form:${f.form.id}`, f.messages());
  for (const tb of live.tables) if (tb.el.isConnected && tb.id) snap.set(`page:${tb.id}`, tb.page());
  for (const [k, get] of live.extras) snap.set(`extra:${k}`, get());
  return snap;
}

/**
 * A message that can be shown again in the other language: a string (as is), { key, vars }
 * (interface text), { en, zh } (either may be missing) or { parts: [...] }.
 */
function msgText(m) {
  if (m === null || m === undefined) return '';
  if (typeof m !== 'object') return String(m);
  if (m.parts) return m.parts.map(msgText).join('');
  if (m.key) return T(m.key, m.vars);
  return (state.lang === 'en' ? m.en ?? m.zh : m.zh ?? m.en) ?? '';
}

// ── API ──────────────────────────────────────────────────────────────────────────────────────

function qs(query) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Calls the API with the session cookie; never throws. { ok, status, data, missing } — missing: the route is not deployed. */
async function api(method, path, { query, body, raw, contentType, quiet } = {}) {
  const headers = { 'accept-language': state.lang === 'en' ? 'en' : 'zh', accept: 'application/json' };
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['content-type'] = contentType || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res;
  try {
    res = await fetch(path + qs(query), { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, data: { message: T('networkError') } };
  }
  let data = null;
  const ct = res.headers.get('content-type') || '';
  if (ct.includes('json')) data = await res.json().catch(() => null);
  else data = await res.text().catch(() => null);
  const missing = res.status === 404 && data && data.code === 'ROUTE_NOT_FOUND';
  if (res.status === 401 && state.me && !quiet) {
    // The session ended (idle, lifetime, signed out elsewhere) or still needs a step.
    sessionLost(data);
    return { ok: false, status: 401, data };
  }
  return { ok: res.ok, status: res.status, data, missing };
}

/** A bilingual message for a failed call, including "not available yet" for a missing route. */
function failure(r) {
  if (r.missing) return notice(`${t('zh', 'notAvailable')} · ${t('en', 'notAvailable')}`, 'unavailable');
  if (r.status === 403) return notice(`${T('forbidden')} (${(r.data && r.data.message) || 403})`, 'error');
  return notice((r.data && r.data.message) || `HTTP ${r.status}`, 'error');
}

/** Downloads an authenticated file (e.g. the import template) through a blob URL. */
async function download(path, filename) {
  const res = await fetch(path, { headers: { 'accept-language': state.lang }, credentials: 'same-origin' }).catch(() => null);
  if (!res || !res.ok) return flash(T('networkError'));
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens an authenticated HTML page (the weekly report) in a new tab. */
async function openAuthed(path) {
  const res = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
  if (!res || !res.ok) return flash(T('networkError'));
  // A blob document has no usable base URL: give it this origin so its stylesheet link resolves.
  const html = (await res.text()).replace(/<head>/i, `<head><base href="${location.origin}/">`);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
}

/** District codes read as names: the code first, the name once /districts/:code answers (cached). */
const districts = new Map();
function district(code) {
  if (!code) return '';
  const el = h('span', { class: 'district', title: code }, code);
  if (!districts.has(code)) districts.set(code, api('GET', `/districts/${encodeURIComponent(code)}`).then((r) => (r.ok ? r.data : null)));
  districts.get(code).then((d) => {
    if (d) el.textContent = state.lang === 'en' ? d.nameEn : d.nameZh;
  });
  return el;
}

// ── forms ────────────────────────────────────────────────────────────────────────────────────

/**
 * A form from field specs. Each spec: { name, label, type, options, required, wide, value, hint, attrs }.
 * values() returns what was typed (numbers as numbers, empty omitted unless keepEmpty). Server
 * `details[].field` like "body.nationalId" are shown next to the input named nationalId.
 */
function makeForm(specs, { id, submitLabel, onSubmit, extraButtons = [] } = {}) {
  const form = h('form', { class: 'form', id, novalidate: true });
  const inputs = {};
  let restored = false;
  // What the form shows, kept as messages (not text) so a language switch can show them again.
  let shown = { fields: {}, form: null, ok: null };
  for (const s of specs) {
    const fid = `${id || 'f'}-${s.name}`;
    let input;
    if (s.type === 'textarea') input = h('textarea', { id: fid, name: s.name, ...(s.attrs || {}) });
    else if (s.type === 'select') {
      input = h('select', { id: fid, name: s.name, ...(s.attrs || {}) }, (s.options || []).map(([v, text]) => h('option', { value: v }, text)));
    } else input = h('input', { id: fid, name: s.name, type: s.type === 'checkbox' ? 'checkbox' : s.type || 'text', ...(s.attrs || {}) });
    if (s.type === 'checkbox') input.checked = !!s.value;
    else if (s.value !== undefined && s.value !== null) input.value = s.value;
    if (restoreInput(input)) restored = true;
    if (s.required) input.setAttribute('aria-required', 'true');
    const err = h('div', { class: 'err', id: `${fid}-err`, role: 'alert' });
    input.setAttribute('aria-describedby', `${fid}-err`);
    const wrap =
      s.type === 'checkbox'
        ? h('div', { class: `field check${s.wide ? ' wide' : ''}`, dataset: { field: s.name } }, h('label', { for: fid }, input, s.label), err)
        : h('div', { class: `field${s.wide ? ' wide' : ''}`, dataset: { field: s.name } }, h('label', { for: fid }, s.label), input, s.hint ? h('div', { class: 'muted' }, s.hint) : null, err);
    inputs[s.name] = { input, err, wrap, spec: s };
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
  const api_ = {
    form,
    inputs,
    submit,
    /** True when the values came back from before a language switch. */
    get restored() {
      return restored;
    },
    messages: () => shown,
    values({ keepEmpty = false } = {}) {
      const out = {};
      for (const [name, { input, spec }] of Object.entries(inputs)) {
        if (spec.type === 'checkbox') out[name] = input.checked;
        else if (spec.type === 'number') {
          if (input.value.trim() !== '') out[name] = Number(input.value);
          else if (keepEmpty) out[name] = null;
        } else if (spec.type === 'datetime-local') {
          if (input.value) out[name] = new Date(input.value).toISOString();
        } else if (input.value.trim() !== '' || keepEmpty) out[name] = input.value.trim();
      }
      return out;
    },
    clearErrors() {
      shown = { fields: {}, form: null, ok: null };
      paint();
    },
    /** message: see msgText. */
    fieldError(name, message) {
      if (!inputs[name]) return false;
      shown.fields[name] = message;
      paint();
      return true;
    },
    clearFieldError(name) {
      delete shown.fields[name];
      paint();
    },
    /** Shows an API error: details next to fields, the message above the buttons. Inputs are left as typed. */
    showError(r) {
      const d = r.data || {};
      const details = Array.isArray(d.details) ? d.details : [];
      let placed = 0;
      for (const x of details) {
        const path = String(x.field || '').replace(/^\//, '').replace(/\//g, '.');
        const parts = path.split('.');
        const name = ['body', 'querystring', 'query'].includes(parts[0]) ? parts[1] : parts[0];
        // details[].message is English; the top message is in the language asked for and, for a
        // single-field INVALID_FIELD, ends with that field's message ("body.x：…").
        const serverZh = state.lang === 'zh' && details.length === 1 && d.code === 'INVALID_FIELD' ? String(d.message || '').replace(/^[^：]*：/, '') : null;
        if (api_.fieldError(name, { en: x.message, zh: fieldMessage('zh', x.message) ?? serverZh ?? x.message })) placed++;
      }
      if (r.missing) shown.form = `${t('zh', 'notAvailable')} · ${t('en', 'notAvailable')}`;
      else shown.form = placed ? { key: 'fixErrors' } : { [state.lang === 'en' ? 'en' : 'zh']: d.message || `HTTP ${r.status}` };
      paint();
      const first = form.querySelector('.invalid input, .invalid select, .invalid textarea');
      if (first) first.focus();
    },
    ok(message) {
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
  live.forms.push(api_);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    api_.clearErrors();
    submit.disabled = true;
    try {
      await onSubmit?.(api_);
    } finally {
      submit.disabled = false;
    }
  });
  return api_;
}

/**
 * A paginated table. fetchPage({page, pageSize}) → api result with {items, total}; onData(data)
 * sees each answer (for figures shown above the table). id: keeps the page over a language switch.
 */
function pagedTable({ id, columns, fetchPage, pageSize = 20, emptyText, rowKey, rowProps, onData }) {
  const wrap = h('div', { class: 'paged', id: id ? `table-${id}` : null });
  let page = 1;
  let first = true;
  let seq = 0;
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
    if (!r.ok) return wrap.append(failure(r));
    onData?.(r.data);
    const { items, total } = r.data;
    if (!items.length) wrap.append(notice(emptyText || T('empty')));
    else {
      const table = h(
        'table',
        {},
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
        h('tbody', {}, items.map((it) => {
          const extra = rowProps?.(it) || {};
          const props = { ...extra, dataset: { ...(rowKey ? { id: rowKey(it) } : {}), ...(extra.dataset || {}) } };
          return h('tr', props, columns.map((c) => h('td', {}, c.render(it, load))));
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

const options = (prefix, values, withAny = false) => [...(withAny ? [['', T('any')]] : []), ...values.map((v) => [v, L(prefix, v)])];
const EDUCATION = ['none', 'primary', 'junior_secondary', 'senior_secondary', 'vocational', 'associate', 'bachelor', 'master', 'doctorate'];
const CONTRACTS = ['full_time', 'part_time', 'temporary', 'internship', 'flexible'];
const VAC_STATUSES = ['draft', 'pending_review', 'published', 'closed', 'filled', 'expired', 'rejected'];
const FAIR_KINDS = ['city_theme_monthly', 'weekly_saturday', 'county_weekly', 'street_fortnightly', 'campus', 'online', 'special_campaign'];
const AVAIL = ['immediate', 'within_month', 'later', 'employed_looking'];
/** Legal bases with their scope, read once from the API (the server decides what a basis covers). */
let legalBasesPromise;
const legalBases = () =>
  (legalBasesPromise ??= api('GET', '/screening/legal-bases').then((r) => {
    if (!r.ok) legalBasesPromise = undefined;
    return r.ok ? r.data.items : [];
  }));

/** A toolbar of filters that re-runs onChange; returns current values. */
function filterBar(specs, onChange, { prefix = 'flt' } = {}) {
  const bar = h('div', { class: 'toolbar', role: 'search' });
  const inputs = {};
  for (const s of specs) {
    const fid = `${prefix}-${s.name}`;
    const input =
      s.type === 'select'
        ? h('select', { id: fid, name: s.name }, s.options.map(([v, text]) => h('option', { value: v }, text)))
        : h('input', { id: fid, name: s.name, type: s.type || 'text' });
    if (s.value !== undefined) input.value = s.value;
    restoreInput(input);
    inputs[s.name] = input;
    bar.append(h('div', { class: 'field' }, h('label', { for: fid }, s.label), input));
    if (s.type === 'select') input.addEventListener('change', () => onChange());
    else input.addEventListener('keydown', (e) => e.key === 'Enter' && onChange());
  }
  bar.append(h('button', { type: 'button', class: 'primary', onclick: () => onChange() }, T('apply')));
  return { el: bar, values: () => Object.fromEntries(Object.entries(inputs).map(([k, i]) => [k, i.value.trim()])), inputs };
}

// ── national ID (GB 11643) ───────────────────────────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function nationalIdValid(id) {
  const s = String(id || '').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  if ('10X98765432'[sum % 11] !== s[17]) return false;
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

// ── screening findings ───────────────────────────────────────────────────────────────────────

function findingsList(findings, { onJustify, editHref } = {}) {
  if (!findings || !findings.length) return h('p', { class: 'muted no-findings' }, T('noFindings'));
  return h(
    'div',
    { class: 'findings' },
    findings.map((f) => {
      const box = h(
        'div',
        { class: `finding ${f.severity || ''}${f.status === 'justified' ? ' justified' : ''}`, dataset: { rule: f.ruleId, category: f.category } },
        h('div', {}, badge(f.status === 'justified' ? 'pass' : f.severity === 'block' || f.severity === 'high' ? 'block' : 'review', f.status === 'justified' ? T('justified') : L('cat', f.category)), ' ', msgOf(f.message)),
        h('div', { class: 'muted' }, `${T(String(f.field).replace(/^fields\./, ''))}: «`, h('mark', {}, f.span ? f.span.text : ''), '»'),
      );
      if (f.status === 'justified' && f.basis) {
        // The reviewer sees which basis was cited and what it legally covers.
        box.append(
          h('div', { class: 'basis' }, `${T('basis')}: ${f.basis.code} ${msgOf(f.basis)}`),
          f.basis.scope ? h('div', { class: 'muted basis-scope' }, `${T('basisScope')}: ${msgOf(f.basis.scope)}`) : null,
        );
      }
      if (onJustify && f.status !== 'justified') {
        const fid = `basis-${Math.random().toString(36).slice(2)}`;
        // Only bases whose category covers this finding are offered, by name, and none is preselected:
        // the employer has to pick one on purpose.
        const sel = h('select', { id: fid }, h('option', { value: '' }, T('chooseBasis')));
        const scope = h('div', { class: 'muted basis-scope' });
        const err = h('span', { class: 'err', role: 'alert' });
        const button = h('button', { type: 'button', class: 'justify', disabled: true, onclick: async () => {
          err.textContent = '';
          if (!sel.value) { err.textContent = T('chooseBasis'); return; }
          const r = await onJustify(f, sel.value);
          if (r && !r.ok) err.textContent = r.data?.message || String(r.status);
        } }, T('justify'));
        legalBases().then((bases) => {
          const fitting = bases.filter((b) => b.categories.includes(f.category));
          for (const b of fitting) sel.append(h('option', { value: b.code }, `${msgOf(b.name)} (${b.code})`));
          if (!fitting.length) sel.append(h('option', { value: '', disabled: true }, T('noBasisApplies')));
          sel.value = '';
        });
        sel.addEventListener('change', async () => {
          const b = (await legalBases()).find((x) => x.code === sel.value);
          scope.textContent = b ? `${T('basisScope')}: ${msgOf(b.scope)}` : '';
          button.disabled = !b;
        });
        box.append(
          h(
            'div',
            { class: 'toolbar' },
            h('div', { class: 'field' }, h('label', { for: fid }, T('basisCode')), sel),
            button,
            editHref ? h('a', { class: 'btn', href: editHref }, T('edit')) : null,
            err,
          ),
          scope,
        );
      }
      return box;
    }),
  );
}

// ── sign-in and roles ────────────────────────────────────────────────────────────────────────

/** Who is signed in, from the server (never guessed by probing). Sets state.me/role/csrf. */
async function loadMe() {
  const r = await api('GET', '/me', { quiet: true });
  if (!r.ok || !r.data || r.data.kind !== 'session') {
    state.me = null;
    state.role = null;
    state.csrf = null;
    return r;
  }
  state.me = r.data;
  state.role = r.data.role;
  state.csrf = r.data.session.csrfToken;
  return r;
}

function clearSession() {
  state.me = null;
  state.role = null;
  state.csrf = null;
}

function sessionLost(data) {
  const code = data && data.code;
  clearSession();
  if (code === 'SIGN_IN_INCOMPLETE') {
    loadMe().then(() => render());
    return;
  }
  state.signInNote = data && data.message ? { [state.lang]: data.message } : { key: 'sessionEnded' };
  render();
}

async function signOut() {
  await api('POST', '/auth/sign-out', { quiet: true });
  clearSession();
  state.signInNote = { key: 'signedOut' };
  location.hash = '#/';
  render();
}

async function signOutEverywhere() {
  await api('POST', '/auth/sign-out-everywhere', { quiet: true });
  clearSession();
  state.signInNote = { key: 'signedOutEverywhere' };
  location.hash = '#/';
  render();
}

/** After a step of signing in: load who it is and show what comes next. */
async function afterStep() {
  await loadMe();
  if (state.me && state.me.session.stage === 'active') {
    const [p] = location.hash.replace(/^#\/?/, '').split('?');
    if (!p || p === 'welcome' || p === 'forgot' || p === 'register-employer') location.hash = `#/${navFor(state.me)[0][0]}`;
  }
  render();
}

function signInView(main) {
  const f = makeForm(
    [
      { name: 'username', label: T('username'), required: true, wide: true, attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' } },
      { name: 'password', label: T('password'), type: 'password', required: true, wide: true, attrs: { autocomplete: 'current-password' } },
    ],
    {
      id: 'signin',
      submitLabel: T('signIn'),
      async onSubmit(form) {
        const v = form.values();
        if (!v.username) return form.fieldError('username', { key: 'required' });
        if (!form.inputs.password.input.value) return form.fieldError('password', { key: 'required' });
        const r = await api('POST', '/auth/sign-in', { body: { username: v.username, password: form.inputs.password.input.value } });
        form.inputs.password.input.value = '';
        if (!r.ok) return form.showError(r);
        state.csrf = r.data.csrfToken;
        state.signInNote = null;
        await afterStep();
      },
    },
  );
  const note = state.signInNote ? notice(msgText(state.signInNote), 'info') : null;
  main.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, T('signIn')),
      note,
      f.form,
      h('p', { class: 'muted' }, h('a', { href: '#/forgot' }, T('forgotPassword')), ' · ', h('a', { href: '#/register-employer' }, T('registerEmployer'))),
    ),
  );
  f.inputs.username.input.focus();
}

function secondFactorView(main) {
  const f = makeForm([{ name: 'code', label: T('totpCode'), required: true, wide: true, hint: T('totpCodeHint'), attrs: { autocomplete: 'one-time-code', inputmode: 'numeric' } }], {
    id: 'second-factor',
    submitLabel: T('continue'),
    async onSubmit(form) {
      const r = await api('POST', '/auth/second-factor', { body: { code: form.values().code || '' } });
      if (!r.ok) return form.showError(r);
      await afterStep();
    },
    extraButtons: [h('button', { type: 'button', class: 'btn', onclick: signOut }, T('cancel'))],
  });
  main.append(h('section', { class: 'card' }, h('h2', {}, T('secondFactor')), f.form));
  f.inputs.code.input.focus();
}

function passwordView(main, { voluntary = false } = {}) {
  const f = makeForm(
    [
      { name: 'currentPassword', label: T('currentPassword'), type: 'password', required: true, wide: true, attrs: { autocomplete: 'current-password' } },
      { name: 'newPassword', label: T('newPassword'), type: 'password', required: true, wide: true, hint: T('passwordPolicy'), attrs: { autocomplete: 'new-password' } },
    ],
    {
      id: 'password',
      submitLabel: T('changePassword'),
      async onSubmit(form) {
        const body = { currentPassword: form.inputs.currentPassword.input.value, newPassword: form.inputs.newPassword.input.value };
        const r = await api('POST', '/auth/password', { body });
        if (!r.ok) return form.showError(r);
        form.inputs.currentPassword.input.value = '';
        form.inputs.newPassword.input.value = '';
        if (voluntary) return form.ok({ key: 'passwordChanged' });
        await afterStep();
      },
    },
  );
  main.append(h('section', { class: 'card' }, h('h2', {}, T('changePassword')), voluntary ? null : notice(T('passwordChangeDue'), 'info'), f.form));
}

async function enrolView(main) {
  const box = h('section', { class: 'card', id: 'enrol' }, h('h2', {}, T('enrolTitle')), h('p', {}, T('enrolIntro')));
  main.append(box);
  const r = await api('POST', '/auth/totp/enrol');
  if (!r.ok) return box.append(failure(r));
  // The QR code is an SVG from our own API, shown as an image (a data: URL), never as markup.
  const img = h('img', { id: 'enrol-qr', alt: T('enrolQrAlt'), width: 220, height: 220, src: `data:image/svg+xml;base64,${btoa(r.data.qrSvg)}` });
  const secret = h('code', { id: 'enrol-secret' }, r.data.secret.replace(/(.{4})/g, '$1 ').trim());
  const f = makeForm([{ name: 'code', label: T('totpCode'), required: true, wide: true, attrs: { autocomplete: 'one-time-code', inputmode: 'numeric' } }], {
    id: 'enrol-form',
    submitLabel: T('enrolConfirm'),
    async onSubmit(form) {
      const c = await api('POST', '/auth/totp/confirm', { body: { code: form.values().code || '' } });
      if (!c.ok) return form.showError(c);
      box.replaceChildren(
        h('h2', {}, T('recoveryTitle')),
        h('p', {}, T('recoveryIntro')),
        h('ol', { id: 'recovery-codes', class: 'codes' }, c.data.recoveryCodes.map((x) => h('li', {}, h('code', {}, x)))),
        h('button', { type: 'button', class: 'primary', id: 'recovery-done', onclick: () => afterStep() }, T('recoverySaved')),
      );
    },
  });
  box.append(h('div', { class: 'qr' }, img), h('p', {}, T('enrolManual'), ' ', secret), f.form);
}

function forgotView(main) {
  const f = makeForm([{ name: 'username', label: T('usernameOrEmail'), required: true, wide: true, attrs: { autocomplete: 'username' } }], {
    id: 'forgot',
    submitLabel: T('sendLink'),
    async onSubmit(form) {
      const r = await api('POST', '/auth/password-reset', { body: { username: form.values().username || '' } });
      if (!r.ok) return form.showError(r);
      form.ok({ key: 'linkSent' });
    },
  });
  main.append(h('section', { class: 'card' }, h('h2', {}, T('forgotPassword')), f.form, h('p', {}, h('a', { href: '#/' }, T('backToSignIn')))));
}

function welcomeView(main, params) {
  const token = params.get('token') || '';
  const f = makeForm([{ name: 'password', label: T('newPassword'), type: 'password', required: true, wide: true, hint: T('passwordPolicy'), attrs: { autocomplete: 'new-password' } }], {
    id: 'welcome',
    submitLabel: T('setPassword'),
    async onSubmit(form) {
      const r = await api('POST', '/auth/links/accept', { body: { token, password: form.inputs.password.input.value } });
      if (!r.ok) return form.showError(r);
      form.inputs.password.input.value = '';
      state.signInNote = { key: 'passwordSetSignIn' };
      history.replaceState(null, '', '#/');
      render();
    },
  });
  main.append(h('section', { class: 'card' }, h('h2', {}, T('setPassword')), f.form));
}

function registerEmployerView(main) {
  const industries = 'ABCDEFGHIJKLMNOPQRST'.split('').map((c) => [c, `${c} ${L('ind', c)}`]);
  const f = makeForm(
    [
      { name: 'name', label: T('companyName'), required: true, wide: true },
      { name: 'creditCode', label: T('creditCode'), required: true, hint: T('creditCodeHint') },
      { name: 'industry', label: T('industry'), type: 'select', options: industries, required: true },
      { name: 'sizeBand', label: T('sizeBand'), type: 'select', options: ['micro', 'small', 'medium', 'large'].map((x) => [x, L('size', x) || x]), required: true },
      { name: 'districtCode', label: T('districtCode') },
      { name: 'contactName', label: T('contactName'), required: true },
      { name: 'contactPhone', label: T('contactPhone'), attrs: { autocomplete: 'tel' } },
      { name: 'contactEmail', label: T('contactEmail'), attrs: { autocomplete: 'email', type: 'email' } },
      { name: 'username', label: T('username'), required: true, attrs: { autocomplete: 'username' } },
      { name: 'password', label: T('password'), type: 'password', required: true, hint: T('passwordPolicy'), attrs: { autocomplete: 'new-password' } },
    ],
    {
      id: 'register-employer',
      submitLabel: T('register'),
      async onSubmit(form) {
        const v = form.values();
        v.password = form.inputs.password.input.value;
        const r = await api('POST', '/public/employer-registrations', { body: v });
        if (!r.ok) return form.showError(r);
        form.inputs.password.input.value = '';
        state.signInNote = { key: 'registeredPending' };
        history.replaceState(null, '', '#/');
        render();
      },
    },
  );
  main.append(h('section', { class: 'card' }, h('h2', {}, T('registerEmployer')), h('p', {}, T('registerIntro')), f.form, h('p', {}, h('a', { href: '#/' }, T('backToSignIn')))));
}

/** Staff: companies waiting for verification; verify, or reject with a reason. */
async function verificationsView(main) {
  const box = h('section', { class: 'card' }, h('h2', {}, T('nav_verify')));
  main.append(box);
  const table = pagedTable({
    id: 'verifications',
    emptyText: T('empty'),
    fetchPage: (p) => api('GET', '/employer-registrations', { query: { ...p, status: 'pending' } }),
    columns: [
      { label: T('companyName'), render: (e) => e.name },
      { label: T('creditCode'), render: (e) => e.creditCode },
      { label: T('contactName'), render: (e) => e.contactName || '' },
      {
        label: T('actions'),
        render: (e) => {
          const reason = h('input', { type: 'text', id: `reason-${e.id}`, 'aria-label': T('rejectReason'), placeholder: T('rejectReason') });
          const out = h('span', { role: 'status' });
          const decide = async (decision) => {
            const r = await api('POST', `/employers/${e.id}/verification`, { body: decision === 'reject' ? { decision, reason: reason.value } : { decision } });
            out.textContent = r.ok ? T(decision === 'verify' ? 'verifiedDone' : 'rejectedDone') : (r.data && r.data.message) || `HTTP ${r.status}`;
            if (r.ok) table.reload();
          };
          return h('span', {}, h('button', { type: 'button', class: 'btn', onclick: () => decide('verify') }, T('verify')), ' ', reason, ' ', h('button', { type: 'button', class: 'btn', onclick: () => decide('reject') }, T('reject')), ' ', out);
        },
      },
    ],
  });
  box.append(table.el);
  await table.load(1);
}

function accountView(main) {
  const me = state.me;
  const rows = [
    [T('username'), me.person.username],
    [T('roles'), me.roles.map((r) => T(`role_${r}`)).join('、')],
    [T('office'), me.office ? (state.lang === 'en' ? me.office.nameEn || me.office.nameZh : me.office.nameZh) : '—'],
    [T('employer'), me.employer ? `${me.employer.name}${me.employer.verified ? '' : ` (${T('notVerified')})`}` : '—'],
    [T('secondFactor'), me.person.secondFactor.enabled ? T('on') : T('off')],
    [T('sessionEnds'), shanghai(me.session.expiresAt)],
  ];
  main.append(
    h('section', { class: 'card', id: 'account' }, h('h2', {}, T('nav_account')), h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('button', { type: 'button', class: 'btn', id: 'btn-signout-everywhere', onclick: signOutEverywhere }, T('signOutEverywhere'))),
  );
  if (!me.person.secondFactor.enabled) main.append(h('section', { class: 'card' }, h('h2', {}, T('enrolTitle')), h('button', { type: 'button', class: 'btn', onclick: () => { main.replaceChildren(); enrolView(main); } }, T('enrolStart'))));
  passwordView(main, { voluntary: true });
}

/** A time in the configured zone (Asia/Shanghai), never a raw ISO string. */
function shanghai(iso) {
  return new Date(iso).toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
}

const NAV = {
  organiser: [['fairs', 'nav_fairs'], ['vacancies', 'nav_vacancies'], ['vacancies/new', 'nav_newVacancy']],
  employer: [['vacancies', 'nav_vacancies'], ['vacancies/new', 'nav_newVacancy'], ['search', 'nav_search'], ['outcomes', 'nav_outcomes']],
  staff: [
    ['seekers', 'nav_seekers'], ['seekers/new', 'nav_register'], ['referrals', 'nav_referrals'], ['review', 'nav_review'], ['search', 'nav_search'],
    ['fairs', 'nav_fairs'], ['vacancies', 'nav_vacancies'], ['reports', 'nav_reports'], ['fairness', 'nav_fairness'], ['audit', 'nav_audit'],
  ],
};
NAV.staff.push(['verify', 'nav_verify']);
NAV.admin = [...NAV.staff, ['vacancies/new', 'nav_newVacancy']];

/** The sections of every role the person holds (roles may combine), primary role first, each once. */
function navFor(me) {
  const seen = new Set();
  const out = [];
  for (const r of [me.role, ...me.roles]) for (const item of NAV[r] || []) if (!seen.has(item[0])) seen.add(item[0]) && out.push(item);
  out.push(['account', 'nav_account']);
  return out;
}

// ── organiser: fairs ────────────────────────────────────────────────────────────────────────

function fairsView(main) {
  main.append(h('h2', {}, T('fairs')));
  const filters = filterBar(
    [
      { name: 'status', label: T('status'), type: 'select', options: options('st', ['planned', 'open', 'closed', 'cancelled'], true) },
      { name: 'kind', label: T('kind'), type: 'select', options: options('kind', FAIR_KINDS, true) },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('desc')], ['asc', T('asc')]] },
    ],
    () => table.load(1),
  );
  const table = pagedTable({
    id: 'fairs',
    rowKey: (f) => f.id,
    fetchPage: (p) => api('GET', '/fairs', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('name'), render: (f) => h('a', { href: `#/fairs/${f.id}` }, f.name) },
      { label: T('kind'), render: (f) => L('kind', f.kind) },
      { label: T('startsAt'), render: (f) => fmtDate(f.startsAt) },
      { label: T('venue'), render: (f) => f.venue },
      { label: T('status'), render: (f) => badge(f.status, L('st', f.status)) },
    ],
  });
  const start = new Date(Date.now() + 7 * 86400_000);
  start.setHours(9, 0, 0, 0);
  const local = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const create = makeForm(
    [
      { name: 'name', label: T('name'), required: true, wide: true },
      { name: 'kind', label: T('kind'), type: 'select', options: options('kind', FAIR_KINDS) },
      { name: 'startsAt', label: T('startsAt'), type: 'datetime-local', value: local(start) },
      { name: 'endsAt', label: T('endsAt'), type: 'datetime-local', value: local(new Date(start.getTime() + 3 * 3600_000)) },
      { name: 'venue', label: T('venue'), required: true },
      { name: 'districtCode', label: T('districtCode') },
    ],
    {
      id: 'fair-new',
      submitLabel: T('create'),
      async onSubmit(form) {
        const r = await api('POST', '/fairs', { body: form.values() });
        if (!r.ok) return form.showError(r);
        location.hash = `#/fairs/${r.data.id}`;
      },
    },
  );
  main.append(h('section', { class: 'card' }, filters.el, table.el), h('section', { class: 'card' }, h('h3', {}, T('newFair')), create.form));
  table.load(1);
}

async function fairView(main, id) {
  const r = await api('GET', `/fairs/${id}`);
  if (!r.ok) return main.append(failure(r));
  const fair = r.data;
  main.append(
    h('h2', {}, fair.name, ' ', badge(fair.status, L('st', fair.status))),
    h('p', { class: 'muted' }, `${L('kind', fair.kind)} · ${fmtDate(fair.startsAt)} – ${fmtDate(fair.endsAt)} · ${fair.venue}`),
  );
  const statsBox = h('section', { class: 'card', id: 'fair-stats' }, h('h3', {}, T('stats')));
  const boothsBox = h('section', { class: 'card', id: 'fair-booths' }, h('h3', {}, T('booths')));
  const importBox = h('section', { class: 'card', id: 'import' });
  const vacBox = h('section', { class: 'card', id: 'fair-vacancies' }, h('h3', {}, T('vacancies')));
  main.append(statsBox, importBox, boothsBox, vacBox);

  async function loadStats() {
    const s = await api('GET', `/fairs/${id}/stats`);
    statsBox.replaceChildren(h('h3', {}, T('stats')));
    if (!s.ok) return statsBox.append(failure(s));
    const keys = ['employers', 'booths', 'vacancies', 'publishedVacancies', 'positions', 'attendance', 'intentions'];
    statsBox.append(h('div', { class: 'stats' }, keys.map((k) => h('div', { class: 'stat', dataset: { stat: k } }, h('b', {}, s.data[k] ?? '—'), T(k)))));
  }
  const boothFilters = filterBar(
    [
      { name: 'q', label: T('boothSearch'), type: 'search' },
      { name: 'sort', label: T('sort'), type: 'select', options: ['boothNo', 'employer', 'intentions'].map((k) => [k, T(`sort_${k}`)]) },
      { name: 'order', label: T('order'), type: 'select', options: [['asc', T('asc')], ['desc', T('desc')]] },
    ],
    () => booths.load(1),
    { prefix: 'booth' },
  );
  const booths = pagedTable({
    id: 'booths',
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', `/fairs/${id}/booths`, { query: { ...p, ...boothFilters.values() } }),
    columns: [
      { label: T('booth'), render: (x) => x.boothNo },
      { label: T('employer'), render: (x) => x.employer.name },
      { label: T('industry'), render: (x) => L('ind', x.employer.industry) },
      { label: T('intentions'), render: (x) => x.intentionsReached ?? '' },
    ],
  });
  boothsBox.append(boothFilters.el, booths.el);
  const vacTable = vacancyTable({ fairId: id, withFindings: true, onChange: () => loadStats() });
  vacBox.append(vacTable.filters.el, vacTable.table.el);
  importPanel(importBox, id, () => {
    loadStats();
    vacTable.table.load(1);
  });
  loadStats();
  booths.load(1);
  vacTable.table.load(1);
}

/**
 * Import row errors come as "English / 中文" when the importer has both; show the page's half.
 * An English-only message is translated when it is a known field message.
 */
function rowMessage(message) {
  const text = String(message ?? '');
  const cut = text.lastIndexOf(' / ');
  if (cut > 0 && /^[A-Za-z]/.test(text) && /[\u4e00-\u9fff]/.test(text.slice(cut + 3))) {
    const en = text.slice(0, cut);
    if (state.lang === 'en') return en;
    // The English half quotes the offending value and lists what is allowed; keep both in Chinese.
    const values = [...en.matchAll(/"([^"]*)"/g)].map((m) => `“${m[1]}”`);
    const allowed = en.match(/\(use ([^)]*)\)/);
    return [text.slice(cut + 3).replace(/。$/, ''), values.length ? `：${values.join('、')}` : '', allowed ? `（可填：${allowed[1]}）` : ''].join('');
  }
  return fieldMessage(state.lang, text) ?? text;
}

function importPanel(box, fairId, onDone) {
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.csv,.json,.txt,text/csv,application/json', class: 'visually-hidden' });
  const allow = h('input', { type: 'checkbox', id: 'imp-allow' });
  const pub = h('input', { type: 'checkbox', id: 'imp-publish', checked: true });
  const drop = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('p', {}, T('dropHere'), ' '),
    h('label', { for: 'import-file', class: 'btn primary' }, T('chooseFile')),
    fileInput,
  );
  const tmpl = h('a', { href: `/imports/template.csv?lang=${state.lang}`, class: 'btn', id: 'template-link', download: `vacancy-import-template-${state.lang}.csv` }, T('template'));
  tmpl.addEventListener('click', (e) => {
    e.preventDefault();
    download(`/imports/template.csv?lang=${state.lang}`, `vacancy-import-template-${state.lang}.csv`);
  });
  const bar = h('div', {});
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-label': T('progress') }, bar);
  const status = h('p', { id: 'import-status', role: 'status', 'aria-live': 'polite' });
  const counts = h('div', { id: 'import-counts', class: 'stats' });
  const errors = h('div', { id: 'import-errors' });
  box.append(
    h('h3', {}, T('importTitle')),
    h('div', { class: 'toolbar' }, tmpl, h('label', { for: 'imp-allow' }, allow, T('allowCreate')), h('label', { for: 'imp-publish' }, pub, T('publishRows'))),
    drop,
    progress,
    status,
    counts,
    errors,
  );

  async function upload(file) {
    if (!file) return;
    errors.replaceChildren();
    counts.replaceChildren();
    status.textContent = `${T('uploading')} ${file.name}`;
    setProgress(0);
    const isJson = /\.json$/i.test(file.name) || file.type.includes('json');
    const r = await api('POST', `/fairs/${fairId}/imports`, {
      query: { allowCreateEmployers: allow.checked, publish: pub.checked, filename: file.name },
      raw: await file.arrayBuffer(),
      contentType: isJson ? 'application/json' : 'text/csv',
    });
    fileInput.value = '';
    if (!r.ok) {
      status.textContent = '';
      return errors.append(failure(r));
    }
    poll(r.data.importId);
  }
  function setProgress(pct) {
    bar.style.width = `${pct}%`;
    progress.setAttribute('aria-valuenow', String(pct));
    progress.dataset.value = String(pct);
  }
  async function poll(importId) {
    for (;;) {
      const r = await api('GET', `/imports/${importId}`);
      if (!r.ok) {
        errors.append(failure(r));
        return;
      }
      const v = r.data;
      const done = v.status === 'completed' || v.status === 'failed';
      const pct = done ? 100 : v.totalRows ? Math.min(99, Math.floor((v.processedRows / v.totalRows) * 100)) : 0;
      setProgress(pct);
      status.textContent = `${L('imp', v.status)} · ${pct}% · ${v.processedRows}/${v.totalRows ?? '?'}`;
      status.dataset.status = v.status;
      counts.replaceChildren(
        ...['inserted', 'updated', 'unchanged', 'failed'].map((k) => h('div', { class: 'stat', dataset: { count: k } }, h('b', {}, v[k]), T(k === 'failed' ? 'failedRows' : k))),
      );
      if (done) {
        if (v.fatalError) errors.append(notice(msgOf(v.fatalError), 'error'));
        if (v.errors.length) renderErrors(v, importId);
        onDone?.();
        return;
      }
      await new Promise((res) => setTimeout(res, 300));
    }
  }
  function renderErrors(v, importId) {
    errors.append(
      h('h4', {}, T('rowErrors')),
      ...(v.errorsTruncated ? [notice(T('errorsTruncated'))] : []),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { id: 'import-error-table' },
          h('thead', {}, h('tr', {}, [T('row'), T('column'), T('field'), T('message')].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, v.errors.map((e) => h('tr', { dataset: { row: e.row } }, h('td', {}, e.row), h('td', {}, e.column ?? ''), h('td', {}, e.field), h('td', {}, rowMessage(e.message))))),
        ),
      ),
      h('button', { type: 'button', onclick: () => download(`/imports/${importId}/errors.csv`, `import-${importId}-errors.csv`) }, T('errorsCsv')),
    );
  }
  fileInput.addEventListener('change', () => upload(fileInput.files[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    upload(e.dataTransfer.files[0]);
  });
}

// ── vacancies ───────────────────────────────────────────────────────────────────────────────

function vacancyTable({ fairId, withFindings, onChange } = {}) {
  const filters = filterBar(
    [
      { name: 'status', label: T('status'), type: 'select', options: options('st', VAC_STATUSES, true) },
      { name: 'sort', label: T('sort'), type: 'select', options: [['createdAt', T('createdAt')], ['publishedAt', T('publishedAt')], ['wageMonthlyMax', T('wage')], ['title', T('title')]] },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('desc')], ['asc', T('asc')]] },
    ],
    () => table.load(1),
  );
  const canMatch = state.role !== 'organiser';
  const table = pagedTable({
    id: 'vacancies',
    rowKey: (v) => v.id,
    fetchPage: (p) => api('GET', '/vacancies', { query: { ...p, ...filters.values(), fairId } }),
    columns: [
      { label: T('title'), render: (v) => h('a', { href: `#/vacancies/${v.id}/edit` }, v.title) },
      { label: T('status'), render: (v) => badge(v.status, L('st', v.status)) },
      { label: T('screening'), render: (v) => (v.screeningOutcome ? badge(v.screeningOutcome, L('out', v.screeningOutcome)) : '—') },
      { label: T('wage'), render: (v) => money(v.wageMonthlyMin, v.wageMonthlyMax) },
      { label: T('createdAt'), render: (v) => fmtDate(v.createdAt) },
      ...(withFindings
        ? [{
            label: T('findings'),
            render: (v, reload) =>
              findingsList(v.screeningFindings, {
                editHref: `#/vacancies/${v.id}/edit`,
                onJustify: async (f, basisCode) => {
                  const justifications = [...(v.justifications || []), { ruleId: f.ruleId, category: f.category, basisCode }];
                  const r = await api('PATCH', `/vacancies/${v.id}`, { body: { justifications } });
                  if (r.ok) {
                    flash(T('saved'));
                    reload();
                    onChange?.();
                  }
                  return r;
                },
              }),
          }]
        : []),
      {
        label: T('actions'),
        render: (v) =>
          h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/vacancies/${v.id}/edit` }, T('edit')), canMatch ? h('a', { class: 'btn', href: `#/vacancies/${v.id}/candidates` }, T('candidates')) : null),
      },
    ],
  });
  return { filters, table };
}

function vacanciesView(main) {
  main.append(h('h2', {}, T('myVacancies')), h('p', {}, h('a', { class: 'btn primary', href: '#/vacancies/new' }, T('newVacancy'))));
  const { filters, table } = vacancyTable({ withFindings: true });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

const VACANCY_FIELDS = ['title', 'description', 'requirements', 'howToApply', 'headcount', 'wageMin', 'wageMax', 'educationMin', 'experienceMinYears', 'contractType', 'districtCode', 'publicWelfare'];

async function vacancyFormView(main, id) {
  let vacancy = null;
  if (id) {
    const r = await api('GET', `/vacancies/${id}`);
    if (!r.ok) return main.append(failure(r));
    vacancy = r.data;
  }
  let employers = [];
  if (state.role !== 'employer' && !vacancy) {
    const e = await api('GET', '/employers', { query: { pageSize: 100 } });
    if (e.ok) employers = e.data.items;
  }
  const v = vacancy || {};
  const statusEl = h('p', { id: 'vacancy-status' }, vacancy ? [T('vacancyStatus'), ': ', badge(v.status, L('st', v.status))] : null);
  const heading = h('h2', {}, vacancy ? T('editVacancy') : T('newVacancy'));
  main.append(heading, statusEl);

  const specs = [
    ...(employers.length ? [{ name: 'employerId', label: T('employer'), type: 'select', options: employers.map((x) => [x.id, x.name]) }] : []),
    { name: 'title', label: T('title'), required: true, wide: true, value: v.title, attrs: { autocomplete: 'off' } },
    { name: 'description', label: T('description'), type: 'textarea', wide: true, value: v.description },
    { name: 'requirements', label: T('requirements'), type: 'textarea', wide: true, value: v.requirements },
    { name: 'howToApply', label: T('howToApply'), type: 'textarea', wide: true, value: v.howToApply },
    { name: 'headcount', label: T('headcount'), type: 'number', value: v.headcount ?? 1, attrs: { min: 1 } },
    { name: 'wageMin', label: T('wageMin'), type: 'number', value: v.wageMin, attrs: { min: 0 } },
    { name: 'wageMax', label: T('wageMax'), type: 'number', value: v.wageMax, attrs: { min: 0 } },
    { name: 'educationMin', label: T('educationMin'), type: 'select', options: options('ed', EDUCATION), value: v.educationMin ?? 'none' },
    { name: 'experienceMinYears', label: T('experienceMinYears'), type: 'number', value: v.experienceMinYears ?? 0, attrs: { min: 0 } },
    { name: 'contractType', label: T('contractType'), type: 'select', options: options('ct', CONTRACTS), value: v.contractType ?? 'full_time' },
    { name: 'districtCode', label: T('districtCode'), value: v.districtCode },
    // 公益性岗位 are set by PES people only (the API refuses employers: docs/security.md).
    ...(state.role === 'employer' ? [] : [{ name: 'publicWelfare', label: T('publicWelfare'), type: 'checkbox', value: v.publicWelfare }]),
  ];
  let occupation = v.occupationSystem && v.occupationCode ? { system: v.occupationSystem, code: v.occupationCode, label: v.occupationCode } : null;
  // The chosen occupation lives outside the inputs: carry it over a language switch too.
  const keptOccupation = takeRestore('extra:occupation');
  if (keptOccupation !== undefined) occupation = keptOccupation;
  live.extras.set('occupation', () => occupation);
  let currentId = id || null;
  const publishBtn = h('button', { type: 'button', id: 'btn-publish' }, T('publish'));
  const form = makeForm(specs, { id: 'vacancy', submitLabel: vacancy ? T('save') : T('saveDraft'), onSubmit: () => save(), extraButtons: [publishBtn] });

  // occupation suggestions under the title
  const chosen = h('p', { id: 'occupation-chosen', class: 'muted' });
  const suggest = h('div', { class: 'suggest', id: 'occupation-suggest', 'aria-live': 'polite' });
  const showChosen = () => (chosen.textContent = occupation ? `${T('occupation')}: ${occupation.system.toUpperCase()} ${occupation.code} ${occupation.label}` : '');
  showChosen();
  form.inputs.title.wrap.append(h('div', { class: 'muted' }, T('occupationSuggest')), suggest, chosen);
  const codeTitle = debounce(async () => {
    const title = form.inputs.title.input.value.trim();
    if (!title) return suggest.replaceChildren();
    const r = await api('POST', '/occupations/code-title', { body: { title, k: 5 } });
    if (!r.ok) return suggest.replaceChildren(r.missing ? failure(r) : '');
    // Chinese pages show Chinese occupation names only (issue 18): the API puts them in label, English in labelEn.
    const nameOf = (c) => (state.lang === 'en' ? c.labelEn || c.occupationLabel || c.label : c.label);
    const coding = r.data.coding;
    suggest.replaceChildren(
      ...(coding && coding.status === 'abstained' ? [h('p', { class: 'muted abstained' }, msgOf(coding.reason) || T('chooseOccupation'))] : []),
      ...r.data.candidates.map((c) =>
        h('button', { type: 'button', class: 'suggestion', dataset: { code: c.code, system: c.system }, onclick: () => { occupation = { system: c.system, code: c.code, label: nameOf(c) }; showChosen(); } },
          `${c.system.toUpperCase()} ${c.code} ${nameOf(c)} (${Math.round(c.confidence * 100)}%)`),
      ),
    );
  }, 300);
  form.inputs.title.input.addEventListener('input', codeTitle);

  // live screening beside the form
  const liveBox = h('section', { class: 'card', id: 'screening-live', 'aria-live': 'polite' }, h('h3', {}, T('liveCheck')));
  const liveBody = h('div', {});
  liveBox.append(liveBody);
  const body = () => {
    const x = form.values({ keepEmpty: true });
    const out = {};
    for (const k of VACANCY_FIELDS) if (x[k] !== undefined) out[k] = x[k];
    for (const k of ['headcount', 'experienceMinYears', 'districtCode']) if (out[k] === null || out[k] === '') delete out[k];
    for (const k of ['description', 'requirements', 'howToApply']) if (out[k] == null) out[k] = '';
    if (occupation) Object.assign(out, { occupationSystem: occupation.system, occupationCode: occupation.code });
    return out;
  };
  const check = debounce(async () => {
    const b = body();
    if (!b.title) return liveBody.replaceChildren();
    liveBody.replaceChildren(h('p', { class: 'muted' }, T('checking')));
    const r = await api('POST', '/screening/check', { body: b });
    if (!r.ok) return liveBody.replaceChildren(r.status === 400 ? '' : failure(r));
    liveBody.replaceChildren(
      h('p', { id: 'screening-outcome', dataset: { outcome: r.data.outcome } }, badge(r.data.outcome, L('out', r.data.outcome)), ' ', `${T('wouldBe')}: ${L('st', r.data.wouldBe)}`),
      findingsList(r.data.findings),
    );
  }, 400);
  form.form.addEventListener('input', check);
  form.form.addEventListener('change', check);

  async function save() {
    const b = body();
    if (!currentId && form.inputs.employerId) b.employerId = form.inputs.employerId.input.value;
    if (!currentId) for (const k of ['wageMin', 'wageMax']) if (b[k] === null) delete b[k];
    const r = currentId ? await api('PATCH', `/vacancies/${currentId}`, { body: b }) : await api('POST', '/vacancies', { body: b });
    if (!r.ok) {
      form.showError(r);
      check();
      return null;
    }
    currentId = r.data.id;
    history.replaceState(null, '', `#/vacancies/${currentId}/edit`);
    heading.textContent = T('editVacancy');
    statusEl.replaceChildren(T('vacancyStatus'), ': ', badge(r.data.status, L('st', r.data.status)));
    statusEl.dataset.status = r.data.status;
    form.ok({ key: 'saved' });
    return r.data;
  }
  publishBtn.addEventListener('click', async () => {
    form.clearErrors();
    publishBtn.disabled = true;
    try {
      const saved = await save();
      if (!saved || saved.status === 'published') return;
      const r = await api('POST', `/vacancies/${currentId}/status`, { body: { status: 'published' } });
      if (!r.ok) {
        form.showError(r);
        check();
        return;
      }
      statusEl.replaceChildren(T('vacancyStatus'), ': ', badge(r.data.status, L('st', r.data.status)));
      statusEl.dataset.status = r.data.status;
      form.ok({ key: `st_${r.data.status}` });
    } finally {
      publishBtn.disabled = false;
    }
  });
  if (vacancy?.status) statusEl.dataset.status = vacancy.status;
  main.append(h('div', { class: 'grid2' }, h('section', { class: 'card' }, form.form), liveBox));
  if (vacancy || form.restored) check();
  if (form.restored) codeTitle();
}

// ── matching ────────────────────────────────────────────────────────────────────────────────

const reasonsList = (reasons) => h('ul', { class: 'reasons' }, (reasons || []).map((r) => h('li', {}, state.lang === 'en' ? r.en : r.zh)));

async function candidatesView(main, vacancyId) {
  const v = await api('GET', `/vacancies/${vacancyId}`);
  main.append(h('h2', {}, T('candidates'), v.ok ? ` · ${v.data.title}` : ''));
  const box = h('section', { class: 'card', id: 'candidates' });
  const info = h('p', { class: 'muted', id: 'candidates-info' });
  const filters = filterBar([{ name: 'minScore', label: T('minScore'), type: 'number' }], () => table.load(1), { prefix: 'cand' });
  const staff = state.role === 'staff' || state.role === 'admin';
  // The list is ranked by the matcher; pages slice that ranking (rank = place in the whole list).
  const table = pagedTable({
    id: 'candidates',
    emptyText: T('notComputed'),
    rowKey: (c) => c.seekerId,
    rowProps: (c) => ({ class: 'candidate', dataset: { seeker: c.seekerId } }),
    fetchPage: ({ page, pageSize }) =>
      api('GET', `/vacancies/${vacancyId}/candidates`, { query: { limit: pageSize, offset: (page - 1) * pageSize, ...filters.values() } }),
    onData: (d) => (info.textContent = `${T('pool')}: ${d.candidatePool} · ${T('computedAt')}: ${d.computedAt ? fmtDate(d.computedAt) : '—'}`),
    columns: [
      { label: T('rank'), render: (c) => c.rank },
      { label: T('score'), render: (c) => c.score.toFixed(1) },
      { label: T('reasons'), render: (c) => reasonsList(c.reasons) },
      {
        label: T('profile'),
        render: (c) => [h('div', {}, c.profile.maskedName), h('div', { class: 'muted' }, `${T('skills')}: ${c.profile.skills.join('、')} · ${T('experience')}: ${T('years', { n: c.profile.experienceYears })} · ${L('ed', c.profile.education)} · `, district(c.profile.districtCode))],
      },
      ...(staff ? [{ label: T('actions'), render: (c) => referButton(() => api('POST', `/vacancies/${vacancyId}/candidates/${c.seekerId}/refer`, { body: {} })) }] : []),
    ],
  });
  box.append(info, filters.el, table.el);
  main.append(box);
  table.load(1);
}

function referButton(call) {
  const out = h('span', { role: 'status' });
  const b = h('button', { type: 'button', class: 'refer' }, T('refer'));
  b.addEventListener('click', async () => {
    b.disabled = true;
    const r = await call();
    if (r.ok) {
      out.className = 'ok-text';
      out.replaceChildren(`${T('referred')} `, h('span', { class: 'mono referral-id' }, r.data.id));
    } else {
      out.className = 'err';
      out.textContent = r.data?.message || String(r.status);
      b.disabled = false;
    }
  });
  return h('span', {}, b, ' ', out);
}

function seekerMatchesView(main, seekerId) {
  main.append(h('h2', {}, T('bestVacancies')), h('p', { class: 'mono' }, seekerId));
  const box = h('section', { class: 'card', id: 'matches' });
  const table = pagedTable({
    id: 'matches',
    emptyText: T('notComputed'),
    rowKey: (m) => m.vacancyId,
    rowProps: (m) => ({ dataset: { vacancy: m.vacancyId } }),
    fetchPage: ({ page, pageSize }) => api('GET', `/seekers/${seekerId}/matches`, { query: { limit: pageSize, offset: (page - 1) * pageSize } }),
    columns: [
      { label: T('rank'), render: (m) => m.rank },
      { label: T('title'), render: (m) => [m.title, m.publicWelfare ? [' ', badge('pass', T('publicWelfare'))] : null] },
      { label: T('employer'), render: (m) => m.employerName },
      { label: T('score'), render: (m) => m.score.toFixed(1) },
      { label: T('reasons'), render: (m) => reasonsList(m.reasons) },
      { label: T('actions'), render: (m) => referButton(() => api('POST', '/referrals', { body: { seekerId, vacancyId: m.vacancyId } })) },
    ],
  });
  box.append(table.el);
  main.append(box);
  table.load(1);
}

// ── candidate search ─────────────────────────────────────────────────────────────────────────

function searchView(main) {
  main.append(h('h2', {}, T('nav_search')));
  const filters = filterBar(
    [
      { name: 'q', label: T('searchText'), type: 'search' },
      { name: 'district', label: T('district') },
      { name: 'education', label: T('education'), type: 'select', options: options('ed', EDUCATION, true) },
      { name: 'availability', label: T('availability'), type: 'select', options: options('av', AVAIL, true) },
      { name: 'experienceMin', label: T('experienceMin'), type: 'number' },
      { name: 'offer', label: T('offer'), type: 'number' },
    ],
    () => run(1),
  );
  const facetsBox = h('aside', { class: 'card', id: 'facets' });
  const results = h('section', { class: 'card', id: 'results' });
  main.append(h('section', { class: 'card' }, filters.el), h('div', { class: 'grid2' }, results, facetsBox));
  async function run(page) {
    const r = await api('GET', '/seekers/search', { query: { ...filters.values(), page, pageSize: 20, facets: 'districtCode,education,availability' } });
    results.replaceChildren();
    facetsBox.replaceChildren(h('h3', {}, T('facets')));
    if (!r.ok) return results.append(failure(r));
    const d = r.data;
    results.append(h('p', { id: 'result-count' }, T('results', { n: d.total })));
    results.append(h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [T('maskedName'), T('skills'), T('experience'), T('education'), T('district'), T('availability')].map((x) => h('th', {}, x)))),
      h('tbody', {}, d.items.map((s) => h('tr', { dataset: { id: s.id } }, h('td', {}, s.maskedName), h('td', {}, (s.skills || []).join('、')), h('td', {}, T('years', { n: s.experienceYears })),
        h('td', {}, L('ed', s.education)), h('td', {}, district(s.districtCode)), h('td', {}, L('av', s.availability))))))));
    const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
    results.append(h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: page <= 1, onclick: () => run(page - 1) }, T('prev')),
      h('span', {}, T('pageOf', { p: `${page}/${pages}`, n: d.total })),
      h('button', { type: 'button', disabled: page >= pages, onclick: () => run(page + 1) }, T('next'))));
    const target = { districtCode: 'district', education: 'education', availability: 'availability' };
    const prefix = { education: 'ed', availability: 'av' };
    for (const [facet, counts] of Object.entries(d.facets || {})) {
      facetsBox.append(h('h4', {}, T(`facet_${facet}`)), h('div', { class: 'suggest' }, Object.entries(counts).map(([val, n]) =>
        h('button', { type: 'button', class: 'facet', onclick: () => { filters.inputs[target[facet]].value = val; run(1); } }, facet === 'districtCode' ? district(val) : prefix[facet] ? L(prefix[facet], val) : val, ` (${n})`))));
    }
  }
  run(1);
}

// ── staff: seekers, referrals, review ───────────────────────────────────────────────────────

function seekersView(main) {
  main.append(h('h2', {}, T('seekers')), h('p', {}, h('a', { class: 'btn primary', href: '#/seekers/new' }, T('registerSeeker'))));
  const filters = filterBar(
    [
      { name: 'status', label: T('status'), type: 'select', options: options('ss', ['active', 'placed', 'inactive'], true) },
      { name: 'education', label: T('education'), type: 'select', options: options('ed', EDUCATION, true) },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('desc')], ['asc', T('asc')]] },
    ],
    () => table.load(1),
  );
  const table = pagedTable({
    id: 'seekers',
    rowKey: (s) => s.id,
    fetchPage: (p) => api('GET', '/seekers', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('maskedName'), render: (s) => s.maskedName },
      { label: T('ageBand'), render: (s) => s.ageBand },
      { label: T('education'), render: (s) => L('ed', s.education) },
      { label: T('status'), render: (s) => badge(s.status, L('ss', s.status)) },
      { label: T('registeredAt'), render: (s) => fmtDate(s.registeredAt) },
      { label: T('actions'), render: (s) => h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/seekers/${s.id}/matches` }, T('matches')), h('a', { class: 'btn', href: `#/referrals?seekerId=${s.id}` }, T('refer'))) },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

function registerSeekerView(main) {
  main.append(h('h2', {}, T('registerSeeker')));
  const result = h('div', { id: 'register-result', role: 'status' });
  const form = makeForm(
    [
      { name: 'name', label: T('seekerName'), required: true },
      { name: 'nationalId', label: T('nationalId'), required: true, attrs: { autocomplete: 'off', inputmode: 'text', maxlength: 18 } },
      { name: 'registrationKind', label: T('registrationKind'), type: 'select', options: options('rk', ['job_seeking', 'unemployment']) },
      { name: 'phone', label: T('phone'), attrs: { inputmode: 'tel' } },
      { name: 'education', label: T('education'), type: 'select', options: options('ed', EDUCATION), value: 'senior_secondary' },
      { name: 'experienceYears', label: T('experienceYears'), type: 'number', value: 0 },
      { name: 'districtCode', label: T('districtCode') },
      { name: 'desiredWageMin', label: T('desiredWageMin'), type: 'number' },
      { name: 'skills', label: T('skillsComma'), wide: true },
      { name: 'consentSearchable', label: T('consentSearchable'), type: 'checkbox', wide: true },
      { name: 'consentContactViaReferral', label: T('consentContact'), type: 'checkbox', wide: true },
    ],
    {
      id: 'seeker',
      submitLabel: T('registerSeeker'),
      async onSubmit(f) {
        result.replaceChildren();
        const x = f.values();
        if (!nationalIdValid(x.nationalId)) return f.fieldError('nationalId', { key: 'idInvalid' });
        x.nationalId = x.nationalId.toUpperCase();
        x.skills = (x.skills || '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
        const r = await api('POST', '/seekers', { body: x });
        if (r.status === 409 && r.data?.details?.seekerId) {
          f.fieldError('nationalId', { parts: [{ key: 'duplicate' }, ' ', r.data.details.seekerId] });
          // The message is beside the ID field; here only the way to the existing record.
          return result.append(h('p', {}, `${T('existingRecord')}: `, h('a', { class: 'mono', id: 'existing-seeker', href: `#/seekers/${r.data.details.seekerId}/matches` }, r.data.details.seekerId)));
        }
        if (!r.ok) return f.showError(r);
        result.append(
          h('p', { class: 'form-ok' }, T('registered'), ' ', h('span', { class: 'mono', id: 'new-seeker-id' }, r.data.id)),
          h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/referrals?seekerId=${r.data.id}` }, T('newReferral')), h('a', { class: 'btn', href: `#/seekers/${r.data.id}/matches` }, T('matches'))),
        );
      },
    },
  );
  // Checked as soon as the field is left; the message clears once the number is corrected.
  const idField = form.inputs.nationalId;
  idField.input.addEventListener('blur', () => {
    const val = idField.input.value.trim();
    if (val && !nationalIdValid(val)) form.fieldError('nationalId', { key: 'idInvalid' });
  });
  idField.input.addEventListener('input', () => {
    if (nationalIdValid(idField.input.value)) form.clearFieldError('nationalId');
  });
  main.append(h('section', { class: 'card' }, form.form, result));
}

const NEXT_OUTCOMES = { pending: ['interviewed', 'declined', 'no_show', 'rejected', 'hired'], interviewed: ['hired', 'rejected', 'declined', 'no_show'] };

// What an employer key may record (the office records declined and the rest).
const EMPLOYER_OUTCOMES = ['interviewed', 'hired', 'rejected', 'no_show'];

function outcomeForm(ref, reload) {
  const next = (NEXT_OUTCOMES[ref.outcome] || []).filter((o) => state.role !== 'employer' || EMPLOYER_OUTCOMES.includes(o));
  if (!next.length) return h('span', { class: 'muted' }, '—');
  const today = new Date().toISOString().slice(0, 10);
  const f = makeForm(
    [
      { name: 'outcome', label: T('outcome'), type: 'select', options: options('oc', next) },
      { name: 'contractStart', label: T('contractStart'), type: 'date', value: today },
      { name: 'contractMonths', label: T('contractMonths'), type: 'number', value: 12 },
      { name: 'monthlyWage', label: T('monthlyWage'), type: 'number' },
    ],
    {
      id: `oc-${ref.id.slice(0, 8)}`,
      submitLabel: T('recordOutcome'),
      async onSubmit(form) {
        const x = form.values();
        if (x.outcome !== 'hired') for (const k of ['contractStart', 'contractMonths', 'monthlyWage']) delete x[k];
        const r = await api('POST', `/referrals/${ref.id}/outcome`, { body: x });
        if (!r.ok) return form.showError(r);
        if (r.data.placement) flash(`${T('placementMade')} ${r.data.placement.id} · ${r.data.placement.monthlyWage}`);
        reload();
      },
    },
  );
  const hiredOnly = ['contractStart', 'contractMonths', 'monthlyWage'].map((k) => f.inputs[k].wrap);
  const sync = () => hiredOnly.forEach((w) => (w.hidden = f.inputs.outcome.input.value !== 'hired'));
  f.inputs.outcome.input.addEventListener('change', sync);
  sync();
  f.form.classList.add('outcome-form');
  return f.form;
}

/** The referral-outcome filter shared by the staff referral list and the recruiter's outcomes. */
const outcomeFilter = () => ({
  name: 'outcome',
  label: T('outcome'),
  type: 'select',
  options: options('oc', ['pending', 'interviewed', 'hired', 'rejected', 'declined', 'no_show'], true),
});

function referralsView(main, params) {
  main.append(h('h2', {}, T('referrals')));
  const create = makeForm(
    [
      { name: 'seekerId', label: T('seekerId'), required: true, value: params.get('seekerId') || '' },
      { name: 'vacancyId', label: T('vacancyId'), required: true, value: params.get('vacancyId') || '' },
      { name: 'note', label: T('note'), wide: true },
    ],
    {
      id: 'referral-new',
      submitLabel: T('newReferral'),
      async onSubmit(f) {
        const r = await api('POST', '/referrals', { body: f.values() });
        if (!r.ok) return f.showError(r);
        f.ok({ parts: [{ key: 'referralMade' }, ' ', r.data.id] });
        table.load(1);
      },
    },
  );
  const filters = filterBar(
    [
      outcomeFilter(),
      { name: 'seekerId', label: T('seekerId'), value: params.get('seekerId') || '' },
      { name: 'vacancyId', label: T('vacancyId') },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('desc')], ['asc', T('asc')]] },
    ],
    () => table.load(1),
  );
  const table = pagedTable({
    id: 'referrals',
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', '/referrals', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('id'), render: (x) => h('span', { class: 'mono' }, x.id.slice(0, 8)) },
      { label: T('seekerId'), render: (x) => h('a', { class: 'mono', href: `#/seekers/${x.seekerId}/matches` }, x.seekerId.slice(0, 8)) },
      { label: T('vacancyId'), render: (x) => h('span', { class: 'mono' }, x.vacancyId.slice(0, 8)) },
      { label: T('outcome'), render: (x) => badge(x.outcome, L('oc', x.outcome)) },
      { label: T('createdAt'), render: (x) => fmtDate(x.createdAt) },
      { label: T('recordOutcome'), render: (x, reload) => outcomeForm(x, reload) },
    ],
  });
  main.append(h('section', { class: 'card' }, h('h3', {}, T('newReferral')), create.form), h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

/** Recruiter: people referred to this employer's vacancies, the contact each referral released, outcomes. */
function outcomesView(main) {
  main.append(h('h2', {}, T('outcomes')));
  const filters = filterBar(
    [
      outcomeFilter(),
      { name: 'vacancyId', label: T('vacancyId') },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('newestFirst')], ['asc', T('oldestFirst')]] },
    ],
    () => table.load(1),
  );
  const table = pagedTable({
    id: 'outcomes',
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', '/employer/referrals', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('vacancy'), render: (x) => h('a', { href: `#/vacancies/${x.vacancyId}/edit` }, x.vacancyTitle) },
      { label: T('maskedName'), render: (x) => x.seeker.maskedName },
      { label: T('contact'), render: (x) => (x.seeker.contact ? `${x.seeker.contact.name} ${x.seeker.contact.phone ?? ''}` : h('span', { class: 'muted' }, T('contactHidden'))) },
      { label: T('outcome'), render: (x) => badge(x.outcome, L('oc', x.outcome)) },
      { label: T('createdAt'), render: (x) => fmtDate(x.createdAt) },
      { label: T('recordOutcome'), render: (x, reload) => outcomeForm(x, reload) },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

function reviewView(main) {
  main.append(h('h2', {}, T('reviewQueue')));
  const filters = filterBar([{ name: 'order', label: T('order'), type: 'select', options: [['asc', T('oldestFirst')], ['desc', T('newestFirst')]] }], () => table.load(1));
  const table = pagedTable({
    id: 'review',
    emptyText: T('reviewEmpty'),
    rowKey: (v) => v.id,
    fetchPage: (p) => api('GET', '/vacancies/review-queue', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('title'), render: (v) => h('div', {}, h('strong', {}, v.title), h('div', { class: 'muted' }, (v.description || '').slice(0, 200))) },
      { label: T('findings'), render: (v) => findingsList(v.screeningFindings) },
      {
        label: T('actions'),
        render: (v, reload) => {
          const fid = `reason-${v.id.slice(0, 8)}`;
          const reason = h('input', { id: fid, type: 'text' });
          restoreInput(reason);
          const err = h('div', { class: 'err', role: 'alert' });
          const decide = async (decision) => {
            err.textContent = '';
            if (decision === 'reject' && !reason.value.trim()) return (err.textContent = T('reasonRequired'));
            const r = await api('POST', `/vacancies/${v.id}/review`, { body: { decision, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) } });
            if (!r.ok) return (err.textContent = r.data?.message || String(r.status));
            flash(`${v.title}: ${L('st', r.data.status)}`);
            reload();
          };
          return h('div', {}, h('div', { class: 'field' }, h('label', { for: fid }, T('reason')), reason), err,
            h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary approve', onclick: () => decide('approve') }, T('approve')), h('button', { type: 'button', class: 'danger reject', onclick: () => decide('reject') }, T('reject'))));
        },
      },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

// ── staff: reports, fairness, audit ─────────────────────────────────────────────────────────

function isoWeekOf(d) {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = x.getUTCDay() || 7;
  x.setUTCDate(x.getUTCDate() + 4 - day);
  const y = x.getUTCFullYear();
  return { year: y, week: Math.ceil(((x - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7) };
}

const HEADLINE = ['newVacancies', 'newDemand', 'activeVacancies', 'activeDemand', 'newSupply', 'activeSupply', 'placements', 'ratio', 'placementRate', 'fillRate'];
const headlineStats = (hl) => h('div', { class: 'stats' }, HEADLINE.filter((k) => hl && hl[k] !== undefined).map((k) => h('div', { class: 'stat', dataset: { stat: k } }, h('b', {}, hl[k] ?? '—'), T(`h_${k}`))));

function reportsView(main) {
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
    rowKey: (x) => `${x.isoYear}-${x.isoWeek}`,
    fetchPage: (p) => api('GET', '/reports/supply-demand', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('week'), render: (x) => `${x.isoYear}-W${String(x.isoWeek).padStart(2, '0')}` },
      { label: T('computedAt'), render: (x) => fmtDate(x.compiledAt) },
      { label: T('h_placements'), render: (x) => x.headline?.placements ?? '' },
      { label: T('h_activeDemand'), render: (x) => x.headline?.activeDemand ?? '' },
      { label: T('h_activeSupply'), render: (x) => x.headline?.activeSupply ?? '' },
      { label: T('actions'), render: (x) => h('button', { type: 'button', onclick: () => showReport(x.isoYear, x.isoWeek) }, T('open')) },
    ],
  });
  async function showReport(y, w) {
    const r = await api('GET', `/reports/supply-demand/${y}/${w}`);
    detail.replaceChildren(h('h3', {}, `${T('supplyDemand')} ${y}-W${String(w).padStart(2, '0')}`));
    if (!r.ok) return detail.append(failure(r));
    detail.dataset.week = `${y}-${w}`;
    detail.append(
      headlineStats(r.data.headline),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', onclick: () => openAuthed(r.data.links.html.zh) }, `${T('openReport')} 中文`),
        h('button', { type: 'button', onclick: () => openAuthed(r.data.links.html.en) }, `${T('openReport')} English`)),
    );
  }
  const wage = h('section', { class: 'card', id: 'wage-guidance' }, h('h3', {}, T('wageGuidance')));
  main.append(h('section', { class: 'card' }, run.form), detail, h('section', { class: 'card' }, filters.el, table.el), wage);
  table.load(1);
  (async () => {
    const r = await api('GET', '/wage-guidance', { query: { level: 1 } });
    wage.append(h('p', {}, h('a', { class: 'btn', href: `/wage-guidance/report.html?lang=${state.lang}`, target: '_blank', rel: 'noopener' }, T('openWageReport'))));
    if (!r.ok) return wage.append(failure(r));
    wage.append(h('p', { class: 'muted' }, `${T('period')}: ${L('pk', r.data.periodKind)} ${r.data.periodStart ?? '—'} · ${L('region', r.data.region)}`));
    if (!r.data.items.length) return wage.append(notice(T('wageEmpty')));
    wage.append(h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [T('occupation'), 'P10', 'P25', 'P50', 'P75', 'P90'].map((x) => h('th', {}, x)))),
      h('tbody', {}, r.data.items.map((c) => h('tr', {}, h('td', {}, `${c.code} ${(state.lang === 'en' ? c.labelEn : c.labelZh) || ''}`),
        ...['p10', 'p25', 'p50', 'p75', 'p90'].map((k) => h('td', {}, c.suppressed ? '—' : c[k] ?? '—'))))))));
  })();
}

function fairnessView(main) {
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
    const stage = (s) => `${s.count} (${(s.rate * 100).toFixed(1)}%)${s.impactRatio != null ? ` · ${s.impactRatio.toFixed(2)}` : ''}${s.flagged ? ' ⚠' : ''}`;
    for (const dim of d.dimensions) {
      box.append(h('h3', {}, `${T('dimension')}: ${L('dim', dim.dimension)}`), h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, [T('group'), T('pool'), T('matched'), T('referred'), T('hired')].map((x) => h('th', {}, x)))),
        h('tbody', {}, dim.groups.map((g) => h('tr', {}, h('td', {}, group(g.group)), h('td', {}, `${g.pool} (${(g.poolShare * 100).toFixed(1)}%)`), h('td', {}, stage(g.matched)), h('td', {}, stage(g.referred)), h('td', {}, stage(g.hired))))))));
    }
  }
  load();
}

function auditView(main) {
  main.append(h('h2', {}, T('auditLog')));
  const filters = filterBar(
    [
      { name: 'subjectId', label: T('subjectId') },
      { name: 'action', label: T('action'), type: 'select', options: options('act', ['read_personal_data'], true) },
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
      { label: T('action'), render: (x) => L('act', x.action) },
      { label: T('subject'), render: (x) => [L('subj', x.subjectType), ' ', h('a', { class: 'mono', href: `#/seekers/${x.subjectId}/matches` }, x.subjectId)] },
      { label: T('fields'), render: (x) => x.fields.map((f) => L('pf', f)).join(state.lang === 'en' ? ', ' : '、') },
      { label: T('reason'), render: (x) => x.reason },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

// ── router ──────────────────────────────────────────────────────────────────────────────────

const ROUTES = [
  [/^fairs$/, (m) => fairsView(m)],
  [/^fairs\/([0-9a-f-]{36})$/, (m, a) => fairView(m, a[1])],
  [/^vacancies$/, (m) => vacanciesView(m)],
  [/^vacancies\/new$/, (m) => vacancyFormView(m, null)],
  [/^vacancies\/([0-9a-f-]{36})\/edit$/, (m, a) => vacancyFormView(m, a[1])],
  [/^vacancies\/([0-9a-f-]{36})\/candidates$/, (m, a) => candidatesView(m, a[1])],
  [/^search$/, (m) => searchView(m)],
  [/^seekers$/, (m) => seekersView(m)],
  [/^seekers\/new$/, (m) => registerSeekerView(m)],
  [/^seekers\/([0-9a-f-]{36})\/matches$/, (m, a) => seekerMatchesView(m, a[1])],
  [/^referrals$/, (m, _a, p) => referralsView(m, p)],
  [/^review$/, (m) => reviewView(m)],
  [/^outcomes$/, (m) => outcomesView(m)],
  [/^reports$/, (m) => reportsView(m)],
  [/^fairness$/, (m) => fairnessView(m)],
  [/^audit$/, (m) => auditView(m)],
  [/^verify$/, (m) => verificationsView(m)],
  [/^account$/, (m) => accountView(m)],
];

/** Pages for someone not (fully) signed in. */
const PUBLIC_ROUTES = [
  [/^forgot$/, (m) => forgotView(m)],
  [/^welcome$/, (m, _a, p) => welcomeView(m, p)],
  [/^register-employer$/, (m) => registerEmployerView(m)],
];
const STAGE_VIEWS = { second_factor: secondFactorView, password: (m) => passwordView(m), enrol: enrolView };

let renderSeq = 0;
async function render() {
  const seq = ++renderSeq;
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  document.body.dataset.ready = 'false';
  $('#btn-lang').textContent = T('switchLang');
  $('#btn-signout').textContent = T('signOut');
  $('#btn-signout').hidden = !state.me;
  $('#who').textContent = state.me ? `${state.me.name} · ${state.me.roles.map((r) => T(`role_${r}`)).join(' / ')}` : '';
  const main = $('#main');
  main.replaceChildren();
  live.forms = [];
  live.tables = [];
  live.extras = new Map();
  const nav = $('#nav');
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query || '');
  if (!state.me || state.me.session.stage !== 'active') {
    nav.hidden = true;
    const pub = PUBLIC_ROUTES.find(([re]) => re.test(path || ''));
    if (pub) await pub[1](main, path.match(pub[0]), params);
    else if (state.me) await STAGE_VIEWS[state.me.session.stage](main);
    else signInView(main);
    if (seq !== renderSeq) return;
    document.body.dataset.ready = 'true';
    return;
  }
  const items = navFor(state.me);
  nav.hidden = false;
  nav.replaceChildren(...items.map(([p, k]) => h('a', { href: `#/${p}`, 'aria-current': p === path ? 'page' : null, dataset: { nav: p } }, T(k))));
  const route = ROUTES.find(([re]) => re.test(path || ''));
  if (!route) {
    location.replace(`#/${items[0][0]}`);
    return;
  }
  await route[1](main, path.match(route[0]), new URLSearchParams(query || ''));
  if (seq !== renderSeq) return;
  document.body.dataset.ready = 'true';
  // After navigating, keyboard and screen-reader users start at the new view, not at the old link.
  if (navigated) main.focus({ preventScroll: true });
  navigated = false;
}
let navigated = false;

$('#btn-lang').addEventListener('click', () => {
  restore = snapshot();
  state.lang = state.lang === 'en' ? 'zh' : 'en';
  sessionStorage.setItem(LANG, state.lang);
  render();
});
$('#btn-signout').addEventListener('click', signOut);
window.addEventListener('hashchange', () => {
  // A new view starts empty; what was kept for a language switch belongs to the old one.
  restore = new Map();
  navigated = true;
  render();
});
loadMe().then(() => render());
