// @ts-check
// Vacancies for organisers, recruiters and staff: the list with its lifecycle buttons and exports,
// the form (occupation suggestions, live screening, expiry date, pay unit, district by name),
// the ranked candidates (refer, or ask the office for a referral) and the candidate search.
import { state, T, L, msgOf, takeRestore, live } from '../lib/state.js';
import { h, badge, flash, debounce } from '../lib/dom.js';
import { api, failure, failureText, district } from '../lib/api.js';
import { makeForm, pagedTable, filterBar, exportButtons } from '../lib/forms.js';
import { fmtDate, fmtDay, money, timeZone } from '../lib/format.js';
import { vocabOptions, vlabel } from '../lib/vocab.js';
import { districtPicker, districtName, employerPicker } from '../lib/pickers.js';

/** Availability is the search index's own facet (not in the shared vocabulary). */
const AVAIL = ['', 'immediate', 'within_month', 'later', 'employed_looking'];
import { findingsList, reasonsList } from '../lib/findings.js';

/** The status changes a vacancy's owner makes by hand (the API checks them: VACANCY_TRANSITIONS). */
const LIFECYCLE = /** @type {Record<string, string[]>} */ ({
  draft: ['published'],
  published: ['closed', 'filled'],
  closed: ['published'],
  expired: ['published'],
  rejected: [],
  pending_review: [],
  filled: [],
});
const actionKey = (/** @type {string} */ from, /** @type {string} */ to) => (to === 'published' ? (from === 'draft' ? 'publish' : 'reopen') : to === 'closed' ? 'closeVacancy' : 'markFilled');

/**
 * Buttons that move a vacancy through its lifecycle; onDone gets the updated vacancy.
 * @param {any} v
 * @param {(v: any) => void} onDone
 */
export function lifecycleButtons(v, onDone) {
  const out = h('span', { class: 'err', role: 'alert' });
  const box = h('span', { class: 'lifecycle', dataset: { status: v.status } });
  for (const to of LIFECYCLE[v.status] || []) {
    const key = actionKey(v.status, to);
    box.append(h('button', { type: 'button', class: `btn ${key}`, dataset: { to }, onclick: async (/** @type {Event} */ e) => {
      const b = /** @type {HTMLButtonElement} */ (e.currentTarget);
      b.disabled = true;
      out.textContent = '';
      const r = await api('POST', `/vacancies/${v.id}/status`, { body: { status: to } });
      b.disabled = false;
      if (!r.ok) {
        out.textContent = failureText(r);
        return;
      }
      flash(`${r.data.title}: ${vlabel('vacancyStatuses', r.data.status)}`);
      onDone(r.data);
    } }, T(key)), ' ');
  }
  box.append(out);
  return box;
}

/** Offered pay with its unit: 5,000–6,500 元/月; "面议" when not stated. */
export const pay = (/** @type {any} */ v) =>
  v.wageMin == null && v.wageMax == null ? T('payNotStated') : `${money(v.wageMin, v.wageMax)} ${vlabel('payUnits', v.wageUnit || 'month')}`;

/**
 * @param {{ fairId?: string, withFindings?: boolean, onChange?: () => void }} [opts]
 */
export function vacancyTable({ fairId, withFindings, onChange } = {}) {
  const prefix = fairId ? 'fv' : 'flt';
  const filters = filterBar(
    [
      { name: 'status', label: T('status'), type: 'select', options: vocabOptions('vacancyStatuses', true) },
      { name: 'sort', label: T('sort'), type: 'select', options: [['createdAt', T('createdAt')], ['publishedAt', T('publishedAt')], ['wageMonthlyMax', T('wage')], ['title', T('title')]] },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('desc')], ['asc', T('asc')]] },
    ],
    () => table.load(1),
    { prefix, extra: [exportButtons('vacancies', () => ({ ...filters.values(), fairId }))] },
  );
  const canMatch = state.role !== 'organiser';
  const table = pagedTable({
    id: fairId ? 'fair-vacancies' : 'vacancies',
    rowKey: (v) => v.id,
    rowProps: (v) => ({ dataset: { status: v.status } }),
    fetchPage: (p) => api('GET', '/vacancies', { query: { ...p, ...filters.values(), fairId } }),
    columns: [
      { label: T('title'), render: (v) => [h('a', { href: `#/vacancies/${v.id}/edit` }, v.title), v.employerName ? h('div', { class: 'muted' }, v.employerName) : null] },
      { label: T('status'), render: (v) => badge(v.status, vlabel('vacancyStatuses', v.status)) },
      { label: T('screening'), render: (v) => (v.screeningOutcome ? badge(v.screeningOutcome, L('out', v.screeningOutcome)) : '—') },
      { label: T('wage'), render: (v) => pay(v) },
      { label: T('expiresAt'), render: (v) => (v.expiresAt ? fmtDay(v.expiresAt) : '—') },
      { label: T('createdAt'), render: (v) => fmtDate(v.createdAt) },
      ...(withFindings
        ? [{
            label: T('findings'),
            render: (/** @type {any} */ v, /** @type {() => Promise<void>} */ reload) =>
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
        render: (v, reload) =>
          h('div', { class: 'toolbar' },
            h('a', { class: 'btn', href: `#/vacancies/${v.id}/edit` }, T('edit')),
            canMatch ? h('a', { class: 'btn', href: `#/vacancies/${v.id}/candidates` }, T('candidates')) : null,
            lifecycleButtons(v, () => {
              reload();
              onChange?.();
            })),
      },
    ],
  });
  return { filters, table };
}

export function vacanciesView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, state.role === 'employer' ? T('myVacancies') : T('vacancies')), h('p', {}, h('a', { class: 'btn primary', href: '#/vacancies/new' }, T('newVacancy'))));
  const { filters, table } = vacancyTable({ withFindings: true });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

const VACANCY_FIELDS = ['title', 'description', 'requirements', 'howToApply', 'headcount', 'wageMin', 'wageMax', 'wageUnit', 'educationMin', 'experienceMinYears', 'contractType', 'districtCode', 'expiresAt', 'publicWelfare'];

/** 'YYYY-MM-DD' (the last day, on the service's clock) → the moment the vacancy expires: the end of that day. */
function endOfDay(/** @type {string} */ d) {
  // The service's zone has a fixed offset (Asia/Shanghai, UTC+8): read it from a formatter.
  const probe = new Date(`${d}T12:00:00Z`);
  const local = new Date(probe.toLocaleString('en-US', { timeZone: timeZone() }));
  const utc = new Date(probe.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offsetMs = local.getTime() - utc.getTime();
  return new Date(Date.parse(`${d}T23:59:59Z`) - offsetMs).toISOString();
}
/** An expiry moment as the date input's value (the day on the service's clock). */
const expiryDay = (/** @type {string | null} */ iso) => (iso ? new Intl.DateTimeFormat('en-CA', { timeZone: timeZone() }).format(new Date(iso)) : '');

export async function vacancyFormView(/** @type {HTMLElement} */ main, /** @type {string | null} */ id) {
  let vacancy = null;
  if (id) {
    const r = await api('GET', `/vacancies/${id}`);
    if (!r.ok) return main.append(failure(r));
    vacancy = r.data;
  }
  const v = vacancy || {};
  const statusEl = h('p', { id: 'vacancy-status' });
  const heading = h('h2', {}, vacancy ? `${T('editVacancy')} · ${v.title}` : T('newVacancy'));
  /** Status line with the lifecycle buttons for what the vacancy may become next. */
  const paintStatus = (/** @type {any} */ x) => {
    statusEl.replaceChildren(T('vacancyStatus'), ': ', badge(x.status, vlabel('vacancyStatuses', x.status)), ' ', lifecycleButtons(x, (y) => paintStatus(y)));
    statusEl.dataset.status = x.status;
  };
  if (vacancy) paintStatus(vacancy);
  main.append(heading, statusEl);
  const districtLabel = v.districtCode ? await districtName(v.districtCode) : '';

  const specs = [
    // PES people post for an employer chosen by name; a recruiter posts for their own company.
    ...(state.role !== 'employer' && !vacancy ? [{ name: 'employerId', label: T('employer'), type: 'picker', required: true, picker: employerPicker() }] : []),
    { name: 'title', label: T('title'), required: true, wide: true, value: v.title, attrs: { autocomplete: 'off' } },
    { name: 'description', label: T('description'), type: 'textarea', wide: true, value: v.description },
    { name: 'requirements', label: T('requirements'), type: 'textarea', wide: true, value: v.requirements },
    { name: 'howToApply', label: T('howToApply'), type: 'textarea', wide: true, value: v.howToApply },
    { name: 'headcount', label: T('headcount'), type: 'number', value: v.headcount ?? 1, attrs: { min: 1 } },
    { name: 'wageMin', label: T('wageMin'), type: 'number', value: v.wageMin, attrs: { min: 0 } },
    { name: 'wageMax', label: T('wageMax'), type: 'number', value: v.wageMax, attrs: { min: 0 }, hint: T('payEmptyHint') },
    { name: 'wageUnit', label: T('wageUnit'), type: 'select', options: vocabOptions('payUnits'), value: v.wageUnit ?? 'month' },
    { name: 'educationMin', label: T('educationMin'), type: 'select', options: vocabOptions('educationLevels'), value: v.educationMin ?? 'none' },
    { name: 'experienceMinYears', label: T('experienceMinYears'), type: 'number', value: v.experienceMinYears ?? 0, attrs: { min: 0 } },
    { name: 'contractType', label: T('contractType'), type: 'select', options: vocabOptions('contractTypes'), value: v.contractType ?? 'full_time' },
    { name: 'districtCode', label: T('district'), type: 'picker', picker: districtPicker(), value: v.districtCode ? { id: v.districtCode, label: districtLabel } : null },
    { name: 'expiresAt', label: T('expiresAt'), type: 'date', value: expiryDay(v.expiresAt), hint: T('expiresHint') },
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
    /** @type {Record<string, any>} */
    const out = {};
    for (const k of VACANCY_FIELDS) if (x[k] !== undefined) out[k] = x[k];
    for (const k of ['headcount', 'experienceMinYears', 'districtCode']) if (out[k] === null || out[k] === '') delete out[k];
    // The last day on the service's clock; the vacancy expires at the end of it. Empty: the default term.
    if (out.expiresAt) out.expiresAt = endOfDay(out.expiresAt);
    else if (currentId) out.expiresAt = null;
    else delete out.expiresAt;
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
      h('p', { id: 'screening-outcome', dataset: { outcome: r.data.outcome } }, badge(r.data.outcome, L('out', r.data.outcome)), ' ', `${T('wouldBe')}: ${vlabel('vacancyStatuses', r.data.wouldBe)}`),
      findingsList(r.data.findings),
    );
  }, 400);
  form.form.addEventListener('input', check);
  form.form.addEventListener('change', check);

  async function save() {
    const b = body();
    if (!currentId && form.inputs.employerId) {
      b.employerId = form.inputs.employerId.input.value;
      if (!b.employerId) {
        form.fieldError('employerId', { key: 'chooseFromList' });
        return null;
      }
    }
    if (!currentId) for (const k of ['wageMin', 'wageMax']) if (b[k] === null) delete b[k];
    const r = currentId ? await api('PATCH', `/vacancies/${currentId}`, { body: b }) : await api('POST', '/vacancies', { body: b });
    if (!r.ok) {
      form.showError(r);
      check();
      return null;
    }
    currentId = r.data.id;
    history.replaceState(null, '', `#/vacancies/${currentId}/edit`);
    heading.textContent = `${T('editVacancy')} · ${r.data.title}`;
    paintStatus(r.data);
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
      paintStatus(r.data);
      form.ok(vlabel('vacancyStatuses', r.data.status));
    } finally {
      publishBtn.disabled = false;
    }
  });
  main.append(h('div', { class: 'grid2' }, h('section', { class: 'card' }, form.form), liveBox));
  if (vacancy || form.restored) check();
  if (form.restored) codeTitle();
}

// ── matching ────────────────────────────────────────────────────────────────────────────────

export async function candidatesView(/** @type {HTMLElement} */ main, /** @type {string} */ vacancyId) {
  const v = await api('GET', `/vacancies/${vacancyId}`);
  main.append(h('h2', { id: 'candidates-title' }, v.ok ? v.data.title : T('candidates'), v.ok ? h('span', { class: 'muted' }, ` · ${T('candidates')}`) : ''));
  if (v.ok) main.append(h('p', { class: 'muted' }, `${v.data.employerName ? `${v.data.employerName} · ` : ''}${vlabel('vacancyStatuses', v.data.status)} · ${pay(v.data)}`));
  const box = h('section', { class: 'card', id: 'candidates' });
  const info = h('p', { class: 'muted', id: 'candidates-info' });
  const filters = filterBar([{ name: 'minScore', label: T('minScore'), type: 'number' }], () => table.load(1), { prefix: 'cand' });
  const staff = state.role === 'staff' || state.role === 'admin';
  const recruiter = state.role === 'employer';
  // The list is ranked by the matcher; pages slice that ranking (rank = place in the whole list).
  const table = pagedTable({
    id: 'candidates',
    emptyText: T('notComputed'),
    rowKey: (c) => c.seekerId,
    rowProps: (c) => ({ class: 'candidate', dataset: { seeker: c.seekerId } }),
    fetchPage: ({ page, pageSize }) =>
      api('GET', `/vacancies/${vacancyId}/candidates`, { query: { limit: pageSize, offset: (page - 1) * pageSize, ...filters.values() } }),
    onData: (d) => {
      // "How many people were compared" can never be fewer than the people listed.
      const listed = d.total ?? d.items.length;
      const pool = Math.max(d.candidatePool ?? 0, listed);
      info.dataset.pool = String(pool);
      info.dataset.total = String(listed);
      info.textContent = `${T('candidatesListed', { n: listed })} · ${T('pool')}: ${pool} · ${T('computedAt')}: ${d.computedAt ? fmtDate(d.computedAt) : '—'}`;
    },
    columns: [
      { label: T('rank'), render: (c) => c.rank },
      { label: T('score'), render: (c) => c.score.toFixed(1) },
      { label: T('reasons'), render: (c) => reasonsList(c.reasons) },
      {
        label: T('profile'),
        render: (c) => [h('div', {}, c.profile.maskedName), h('div', { class: 'muted' }, `${T('skills')}: ${c.profile.skills.join('、')} · ${T('experience')}: ${T('years', { n: c.profile.experienceYears })} · ${vlabel('educationLevels', c.profile.education)} · `, district(c.profile.districtCode))],
      },
      ...(staff ? [{ label: T('actions'), render: (/** @type {any} */ c) => referButton(() => api('POST', `/vacancies/${vacancyId}/candidates/${c.seekerId}/refer`, { body: {} }), 'refer', 'referred') }] : []),
      ...(recruiter ? [{ label: T('actions'), render: (/** @type {any} */ c) => {
        // A request already made shows its status (and the office's reason) instead of the button.
        const asked = requests.get(c.profile.maskedName);
        if (asked) return h('span', { class: `request-status ${asked.status}` }, T(`rq_${asked.status}`), asked.decisionReason ? h('div', { class: 'muted' }, asked.decisionReason) : null);
        return referButton(() => api('POST', `/vacancies/${vacancyId}/referral-requests`, { body: { seekerId: c.seekerId } }), 'requestReferral', 'requested');
      } }] : []),
    ],
  });
  /** @type {Map<string, any>} the recruiter's requests for this vacancy, by the person's alias */
  const requests = new Map();
  if (recruiter) {
    const rq = await api('GET', `/vacancies/${vacancyId}/referral-requests`);
    if (rq.ok) for (const x of rq.data.items) requests.set(x.seekerAlias, x);
  }
  box.append(info, filters.el, table.el);
  main.append(box);
  table.load(1);
}

/**
 * A button that makes one call and then says what happened (without ids).
 * @param {() => Promise<import('../lib/api.js').ApiResult>} call
 * @param {string} label
 * @param {string} done
 */
export function referButton(call, label = 'refer', done = 'referred') {
  const out = h('span', { role: 'status' });
  const b = h('button', { type: 'button', class: label === 'refer' ? 'refer' : 'request-referral' }, T(label));
  b.addEventListener('click', async () => {
    b.disabled = true;
    const r = await call();
    if (r.ok) {
      out.className = 'ok-text';
      out.dataset.id = r.data.id;
      out.textContent = T(done);
    } else {
      out.className = 'err';
      out.textContent = failureText(r);
      b.disabled = false;
    }
  });
  return h('span', {}, b, ' ', out);
}

// ── candidate search ─────────────────────────────────────────────────────────────────────────

export function searchView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('nav_search')));
  const filters = filterBar(
    [
      { name: 'q', label: T('searchText'), type: 'search' },
      { name: 'district', label: T('district'), type: 'picker', picker: districtPicker() },
      { name: 'education', label: T('education'), type: 'select', options: vocabOptions('educationLevels', true) },
      { name: 'availability', label: T('availability'), type: 'select', options: AVAIL.map((a) => /** @type {[string, string]} */ ([a, a ? L('av', a) : T('any')])) },
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
        h('td', {}, vlabel('educationLevels', s.education)), h('td', {}, district(s.districtCode)), h('td', {}, L('av', s.availability))))))));
    const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
    results.append(h('div', { class: 'pager' },
      h('button', { type: 'button', disabled: page <= 1, onclick: () => run(page - 1) }, T('prev')),
      h('span', {}, T('pageOf', { p: `${page}/${pages}`, n: d.total })),
      h('button', { type: 'button', disabled: page >= pages, onclick: () => run(page + 1) }, T('next'))));
    const target = { districtCode: 'district', education: 'education', availability: 'availability' };
    const prefix = { education: 'ed', availability: 'av' };
    for (const [facet, counts] of Object.entries(d.facets || {})) {
      facetsBox.append(h('h4', {}, T(`facet_${facet}`)), h('div', { class: 'suggest' }, Object.entries(counts).map(([val, n]) =>
        h('button', { type: 'button', class: 'facet', onclick: () => { filters.inputs[target[facet]].value = val; run(1); } }, facet === 'districtCode' ? district(val) : facet === 'education' ? vlabel('educationLevels', val) : prefix[facet] ? L(prefix[facet], val) : val, ` (${n})`))));
    }
  }
  run(1);
}

