// @ts-check
// Organisers: the list of fairs and one fair's page — opening and closing, attendance, booths
// (add, move, intentions, remove), the bulk upload (.xlsx, CSV, JSON) with its row errors,
// the results and their export, and the fair's vacancies.
import { state, T, L, msgOf } from '../lib/state.js';
import { fieldMessage, hasText } from '../lib/i18n.js';
import { h, badge, notice, flash } from '../lib/dom.js';
import { api, failure, failureText, download, district } from '../lib/api.js';
import { makeForm, pagedTable, filterBar, exportButtons } from '../lib/forms.js';
import { fmtDate, toZoneInput } from '../lib/format.js';
import { vocabOptions, vlabel } from '../lib/vocab.js';
import { districtPicker, employerPicker } from '../lib/pickers.js';
import { vacancyTable } from './vacancies.js';

/** A column of the import file by its label in the page language (the API names the field). */
const fieldName = (/** @type {string} */ f) => (hasText(f) ? T(f) : f);

/** Fair statuses belong to the fairs API (not the shared vocabulary): labels kept in i18n.js. */
const FAIR_STATUSES = ['planned', 'open', 'closed', 'cancelled'];

export function fairsView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('fairs')));
  const filters = filterBar(
    [
      { name: 'status', label: T('status'), type: 'select', options: [['', T('any')], ...FAIR_STATUSES.map((s) => /** @type {[string, string]} */ ([s, L('st', s)]))] },
      { name: 'kind', label: T('kind'), type: 'select', options: vocabOptions('fairKinds', true) },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('newestFirst')], ['asc', T('oldestFirst')]] },
    ],
    () => table.load(1),
  );
  const table = pagedTable({
    id: 'fairs',
    rowKey: (f) => f.id,
    fetchPage: (p) => api('GET', '/fairs', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('name'), render: (f) => h('a', { href: `#/fairs/${f.id}` }, f.name) },
      { label: T('kind'), render: (f) => vlabel('fairKinds', f.kind) },
      { label: T('startsAt'), render: (f) => fmtDate(f.startsAt) },
      { label: T('venue'), render: (f) => f.venue },
      { label: T('district'), render: (f) => district(f.districtCode) },
      { label: T('status'), render: (f) => badge(f.status, L('st', f.status)) },
    ],
  });
  // A new fair starts a week from now at 09:00 on the service's clock.
  const start = new Date(Date.now() + 7 * 86400_000);
  const startInput = toZoneInput(start).slice(0, 11) + '09:00';
  const create = makeForm(
    [
      { name: 'name', label: T('name'), required: true, wide: true },
      { name: 'kind', label: T('kind'), type: 'select', options: vocabOptions('fairKinds') },
      { name: 'startsAt', label: T('startsAt'), type: 'datetime-local', value: startInput },
      { name: 'endsAt', label: T('endsAt'), type: 'datetime-local', value: startInput.slice(0, 11) + '12:00' },
      { name: 'venue', label: T('venue'), required: true },
      { name: 'districtCode', label: T('district'), type: 'picker', picker: districtPicker() },
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

/** What a fair may move to from each status (the API refuses anything else with 409). */
const NEXT_FAIR = /** @type {Record<string, string[]>} */ ({ planned: ['open', 'cancelled'], open: ['closed', 'cancelled'], closed: [], cancelled: [] });

export async function fairView(/** @type {HTMLElement} */ main, /** @type {string} */ id) {
  const r = await api('GET', `/fairs/${id}`);
  if (!r.ok) return main.append(failure(r));
  let fair = r.data;
  const heading = h('h2', { id: 'fair-title' });
  const sub = h('p', { class: 'muted' });
  const lifecycle = h('div', { class: 'toolbar', id: 'fair-lifecycle' });
  const lifeMsg = h('span', { class: 'err', role: 'alert' });
  const paintHead = () => {
    heading.replaceChildren(fair.name, ' ', badge(fair.status, L('st', fair.status)));
    heading.dataset.status = fair.status;
    sub.replaceChildren(`${vlabel('fairKinds', fair.kind)} · ${fmtDate(fair.startsAt)} – ${fmtDate(fair.endsAt)} · ${fair.venue} · `, district(fair.districtCode));
    lifecycle.replaceChildren(
      ...NEXT_FAIR[fair.status].map((to) =>
        h('button', { type: 'button', class: `btn ${to === 'cancelled' ? 'danger' : 'primary'} fair-${to}`, dataset: { to }, onclick: () => move(to) }, T(`fairTo_${to}`)),
      ),
      lifeMsg,
    );
  };
  async function move(/** @type {string} */ to) {
    lifeMsg.textContent = '';
    const x = await api('POST', `/fairs/${id}/status`, { body: { status: to } });
    if (!x.ok) {
      lifeMsg.textContent = failureText(x);
      return;
    }
    fair = x.data;
    paintHead();
    flash(`${fair.name}: ${L('st', fair.status)}`);
    loadStats();
  }
  paintHead();
  main.append(heading, sub, lifecycle);

  const statsBox = h('section', { class: 'card', id: 'fair-stats' }, h('h3', {}, T('fairResults')));
  const attendanceBox = h('section', { class: 'card', id: 'fair-attendance' });
  const boothsBox = h('section', { class: 'card', id: 'fair-booths' }, h('h3', {}, T('booths')));
  const importBox = h('section', { class: 'card', id: 'import' });
  const vacBox = h('section', { class: 'card', id: 'fair-vacancies' }, h('h3', {}, T('vacancies')));
  main.append(statsBox, h('div', { class: 'grid2' }, attendanceBox, importBox), boothsBox, vacBox);

  async function loadStats() {
    const s = await api('GET', `/fairs/${id}/stats`);
    statsBox.replaceChildren(h('h3', {}, T('fairResults')));
    if (!s.ok) return statsBox.append(failure(s));
    const keys = ['employers', 'booths', 'vacancies', 'publishedVacancies', 'positions', 'attendance', 'intentions'];
    statsBox.append(
      h('div', { class: 'stats' }, keys.map((k) => h('div', { class: 'stat', dataset: { stat: k } }, h('b', {}, s.data[k] ?? '—'), T(k)))),
      h('div', { class: 'toolbar' }, h('span', { class: 'muted' }, T('exportResults')), exportButtons('fair-results', () => ({ fairId: id }))),
    );
  }

  // Attendance (入场人数) is one figure per fair, written whenever the organiser has a count.
  const att = makeForm([{ name: 'attendance', label: T('attendance'), type: 'number', value: fair.attendance, attrs: { min: 0 } }], {
    id: 'fair-attendance-form',
    submitLabel: T('saveAttendance'),
    async onSubmit(f) {
      const v = f.values({ keepEmpty: true });
      const x = await api('PATCH', `/fairs/${id}`, { body: { attendance: v.attendance } });
      if (!x.ok) return f.showError(x);
      fair = x.data;
      f.ok({ key: 'saved' });
      loadStats();
    },
  });
  attendanceBox.append(h('h3', {}, T('attendance')), h('p', { class: 'muted' }, T('attendanceHint')), att.form);

  // Booths: give an employer (chosen by name) a booth; move it; record intentions; remove it.
  const addBooth = makeForm(
    [
      { name: 'employerId', label: T('employer'), type: 'picker', picker: employerPicker(), required: true },
      { name: 'boothNo', label: T('booth'), required: true, attrs: { maxlength: 20 } },
    ],
    {
      id: 'booth-new',
      submitLabel: T('addBooth'),
      async onSubmit(f) {
        const v = f.values();
        if (!v.employerId) return f.fieldError('employerId', { key: 'chooseFromList' });
        const x = await api('POST', `/fairs/${id}/booths`, { body: v });
        if (!x.ok) return f.showError(x);
        f.ok({ parts: [{ key: 'boothAdded' }, ` ${x.data.boothNo} · ${x.data.employer.name}`] });
        f.inputs.employerId.picker?.clear();
        f.inputs.boothNo.input.value = '';
        booths.load(1);
        loadStats();
      },
    },
  );
  const boothFilters = filterBar(
    [
      { name: 'q', label: T('boothSearch'), type: 'search' },
      { name: 'sort', label: T('sort'), type: 'select', options: ['boothNo', 'employer', 'intentions'].map((k) => /** @type {[string, string]} */ ([k, T(`sort_${k}`)])) },
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
      { label: T('actions'), render: (x, reload) => boothActions(x, reload) },
    ],
  });
  /** Move (new booth number), intentions reached, remove. */
  function boothActions(/** @type {any} */ b, /** @type {() => Promise<void>} */ reload) {
    const no = h('input', { type: 'text', class: 'short', name: 'boothNo', value: b.boothNo, 'aria-label': `${T('moveTo')} (${b.employer.name})`, maxlength: 20 });
    const intentions = h('input', { type: 'number', class: 'short', name: 'intentionsReached', min: 0, value: b.intentionsReached ?? '', 'aria-label': `${T('intentions')} (${b.employer.name})` });
    const out = h('span', { role: 'status', class: 'muted' });
    const save = async () => {
      /** @type {Record<string, unknown>} */
      const body = {};
      if (no.value.trim() && no.value.trim() !== b.boothNo) body.boothNo = no.value.trim();
      const n = intentions.value.trim() === '' ? null : Number(intentions.value);
      if (n !== (b.intentionsReached ?? null)) body.intentionsReached = n;
      if (!Object.keys(body).length) return;
      const x = await api('PATCH', `/fairs/${id}/booths/${b.id}`, { body });
      if (!x.ok) {
        out.className = 'err';
        const d = x.data?.details?.[0];
        out.textContent = d ? (fieldMessage(state.lang, d.message) ?? d.message) : failureText(x);
        return;
      }
      flash(`${b.employer.name}: ${T('booth')} ${x.data.boothNo} · ${T('intentions')} ${x.data.intentionsReached ?? 0}`);
      reload();
      loadStats();
    };
    const remove = async () => {
      if (!confirm(`${T('removeBooth')}: ${b.boothNo} ${b.employer.name}?`)) return;
      const x = await api('DELETE', `/fairs/${id}/booths/${b.id}`);
      if (!x.ok) {
        out.textContent = failureText(x);
        return;
      }
      reload();
      loadStats();
    };
    return h('div', { class: 'toolbar booth-actions' }, no, intentions,
      h('button', { type: 'button', class: 'btn save-booth', onclick: save }, T('save')),
      h('button', { type: 'button', class: 'btn danger remove-booth', onclick: remove }, T('removeBooth')), out);
  }
  boothsBox.append(h('h4', {}, T('addBooth')), addBooth.form, h('h4', {}, T('boothList')), boothFilters.el, booths.el);
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
function rowMessage(/** @type {unknown} */ message) {
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

/**
 * @param {HTMLElement} box
 * @param {string} fairId
 * @param {() => void} onDone
 */
function importPanel(box, fairId, onDone) {
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,.csv,.json,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/json', class: 'visually-hidden' });
  const allow = h('input', { type: 'checkbox', id: 'imp-allow' });
  const pub = h('input', { type: 'checkbox', id: 'imp-publish', checked: true });
  const drop = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('p', {}, T('dropHere'), ' '),
    h('label', { for: 'import-file', class: 'btn primary' }, T('chooseFile')),
    fileInput,
  );
  // Organisers keep their lists in Excel: the template is offered as .xlsx first, CSV beside it.
  const tmpl = h('button', { type: 'button', class: 'btn', id: 'template-xlsx', onclick: () => download(`/imports/template.xlsx?lang=${state.lang}`, `vacancy-import-template-${state.lang}.xlsx`) }, T('templateXlsx'));
  const tmplCsv = h('button', { type: 'button', class: 'btn', id: 'template-csv', onclick: () => download(`/imports/template.csv?lang=${state.lang}`, `vacancy-import-template-${state.lang}.csv`) }, T('templateCsv'));
  const bar = h('div', {});
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-label': T('progress') }, bar);
  const status = h('p', { id: 'import-status', role: 'status', 'aria-live': 'polite' });
  const counts = h('div', { id: 'import-counts', class: 'stats' });
  const errors = h('div', { id: 'import-errors' });
  box.append(
    h('h3', {}, T('importTitle')),
    h('div', { class: 'toolbar' }, tmpl, tmplCsv, h('label', { for: 'imp-allow' }, allow, T('allowCreate')), h('label', { for: 'imp-publish' }, pub, T('publishRows'))),
    drop,
    progress,
    status,
    counts,
    errors,
  );

  async function upload(/** @type {File} */ file) {
    if (!file) return;
    errors.replaceChildren();
    counts.replaceChildren();
    status.textContent = `${T('uploading')} ${file.name}`;
    setProgress(0);
    const isJson = /\.json$/i.test(file.name) || file.type.includes('json');
    const isXlsx = /\.xlsx$/i.test(file.name) || file.type.includes('spreadsheetml');
    const r = await api('POST', `/fairs/${fairId}/imports`, {
      query: { allowCreateEmployers: allow.checked, publish: pub.checked, filename: file.name },
      raw: await file.arrayBuffer(),
      contentType: isXlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : isJson ? 'application/json' : 'text/csv',
    });
    fileInput.value = '';
    if (!r.ok) {
      status.textContent = '';
      return errors.append(failure(r));
    }
    poll(r.data.importId);
  }
  function setProgress(/** @type {number} */ pct) {
    bar.style.width = `${pct}%`;
    progress.setAttribute('aria-valuenow', String(pct));
    progress.dataset.value = String(pct);
  }
  async function poll(/** @type {string} */ importId) {
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
  function renderErrors(/** @type {any} */ v, /** @type {string} */ importId) {
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
          h('tbody', {}, v.errors.map((e) => h('tr', { dataset: { row: e.row } }, h('td', {}, e.row), h('td', {}, e.column ?? ''), h('td', { dataset: { field: e.field } }, fieldName(e.field)), h('td', {}, rowMessage(e.message))))),
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

