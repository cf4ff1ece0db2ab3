// @ts-check
// PES staff at the counter: find a person, their record, registration with priority groups and
// the live eligibility check, referrals chosen from search, outcomes and hires, direct placements,
// recruiters' referral requests, the review queue, and the recruiter's own outcomes list.
import { state, T, msgOf, restoreInput } from '../lib/state.js';
import { hasText } from '../lib/i18n.js';
import { h, badge, notice, flash, facts, debounce } from '../lib/dom.js';
import { api, failure, failureText, district } from '../lib/api.js';
import { makeForm, pagedTable, filterBar, exportButtons } from '../lib/forms.js';
import { fmtDate, fmtDay, money, todayInZone } from '../lib/format.js';
import { vocabOptions, vlabel, terms } from '../lib/vocab.js';
import { seekerPicker, vacancyPicker, employerPicker, districtPicker, officePicker, picker } from '../lib/pickers.js';
import { nationalIdValid, reasonsList, findingsList } from '../lib/findings.js';
import { referButton, pay } from './vacancies.js';

/** Certificates seen at the counter (the API's list; their labels are interface text). */
const PRIORITY_DOCUMENTS = ['disability_certificate', 'minimum_living_allowance_certificate', 'zero_employment_household_certificate', 'land_requisition_certificate', 'graduation_certificate', 'veteran_certificate'];
const groupsText = (/** @type {string[] | undefined} */ gs) => (gs || []).map((g) => vlabel('priorityGroups', g)).join('、');
const seekerStatus = (/** @type {string} */ s) => badge(s, vlabel('seekerStatuses', s));
const outcomeBadge = (/** @type {string} */ o) => badge(o, vlabel('referralOutcomes', o));
/** An audit action in words; one the page does not know is named as "other" rather than by its code. */
const actionText = (/** @type {string} */ a) => (hasText(`act_${a}`) ? T(`act_${a}`) : T('otherAction'));
/** The desired occupation: the names the record carries, else the code with its system. */
function occupationText(/** @type {any} */ p) {
  const list = p.desiredOccupations || [];
  if (!list.length) return p.desiredOccupation || '—';
  const out = h('span', {}, list.map((/** @type {any} */ o) => `${String(o.system).toUpperCase()} ${o.code}`).join('、'));
  // The occupation's name in the page language, from the classification the server holds.
  Promise.all(list.map((/** @type {any} */ o) => api('GET', `/occupations/${o.system}/${encodeURIComponent(o.code)}`).then((r) => {
    if (!r.ok) return `${o.code}`;
    const d = r.data.occupation;
    return (state.lang === 'en' ? d.labelEn || d.labelZh : d.labelZh || d.labelEn) || o.code;
  }))).then((names) => (out.textContent = names.join('、')));
  return out;
}

// ── find a person ────────────────────────────────────────────────────────────────────────────

/** Staff: look a person up by name, phone or ID-card number; each hit opens the record. */
export function findView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('findPerson')), h('p', { class: 'muted' }, T('findHint')));
  const input = h('input', { type: 'search', id: 'find-q', autocomplete: 'off', 'aria-label': T('findPerson'), placeholder: T('seekerLookupHint') });
  const results = h('div', { id: 'find-results', 'aria-live': 'polite' });
  let seq = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      results.replaceChildren();
      delete results.dataset.count;
      return;
    }
    const r = await api('GET', '/seekers/lookup', { query: { q } });
    if (mine !== seq) return;
    results.replaceChildren();
    if (!r.ok) return results.append(failure(r));
    const items = r.data.items;
    results.dataset.count = String(items.length);
    if (!items.length) return results.append(notice(T('noMatch')), h('p', {}, h('a', { class: 'btn primary', href: '#/seekers/new' }, T('registerSeeker'))));
    results.append(h('div', { class: 'table-wrap' }, h('table', { id: 'find-table' },
      h('thead', {}, h('tr', {}, [T('seekerName'), T('nationalId'), T('phone'), T('birthYear'), T('district'), T('office'), T('status'), T('priorityGroups')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, items.map((/** @type {any} */ s) => h('tr', { dataset: { id: s.id } },
        h('td', {}, h('a', { href: `#/seekers/${s.id}`, class: 'record-link' }, s.name)),
        h('td', { class: 'mono' }, s.maskedNationalId ?? ''), h('td', { class: 'mono' }, s.maskedPhone ?? ''), h('td', {}, s.birthYear ?? ''),
        h('td', {}, district(s.districtCode)), h('td', {}, s.officeName ?? ''), h('td', {}, seekerStatus(s.status)), h('td', {}, groupsText(s.priorityGroups))))))));
  };
  const later = debounce(run, 300);
  input.addEventListener('input', later);
  input.addEventListener('keydown', (e) => e.key === 'Enter' && run());
  main.append(h('section', { class: 'card' }, h('div', { class: 'toolbar', role: 'search' }, h('div', { class: 'field wide' }, h('label', { for: 'find-q' }, T('findLabel')), input),
    h('button', { type: 'button', class: 'primary', onclick: run }, T('search')), h('a', { class: 'btn', href: '#/seekers/new' }, T('registerSeeker'))), results));
  input.focus();
  // After a language switch the same search is shown again.
  if (restoreInput(input) && input.value.trim()) run();
}

// ── one person's record ──────────────────────────────────────────────────────────────────────

/** Staff: one person's record — profile, consent, referrals, placements, best vacancies, history. */
export async function recordView(/** @type {HTMLElement} */ main, /** @type {string} */ id) {
  const r = await api('GET', `/seekers/${id}/record`);
  if (!r.ok) return main.append(h('h2', {}, T('record')), failure(r));
  const { profile: p, consents, referrals = [], placements = [], topMatches = [], history = [] } = r.data;
  main.append(
    h('h2', { id: 'record-title' }, p.name, ' ', seekerStatus(p.status)),
    h('p', { class: 'toolbar' },
      h('a', { class: 'btn primary', href: '#record-refer' }, T('newReferral')),
      h('a', { class: 'btn', href: `#/placements?seekerId=${id}` }, T('directPlacement')),
      h('a', { class: 'btn', href: `#/seekers/${id}/matches` }, T('matches'))),
  );
  const consentNow = (consents && consents.current) || {};
  main.append(h('div', { class: 'grid2' },
    h('section', { class: 'card', id: 'record-profile' }, h('h3', {}, T('recordProfile')), facts([
      [T('nationalId'), p.nationalIdLast4 ? `**************${p.nationalIdLast4}` : '—'],
      [T('phone'), p.phone ?? '—'],
      [T('birthDate'), p.birthDate ? fmtDay(p.birthDate) : '—'],
      [T('education'), vlabel('educationLevels', p.education)],
      [T('desiredOccupation'), occupationText(p)],
      [T('availability'), p.availableFrom ? `${T('availableFrom')} ${fmtDay(p.availableFrom)}` : p.availability ? T(`av_${p.availability}`) : '—'],
      [T('unemployedSince'), p.unemployedSince ? fmtDay(p.unemployedSince) : '—'],
      [T('priorityGroups'), groupsText(p.priorityGroups) || '—'],
      [T('priorityDocuments'), (p.priorityDocuments || []).map((/** @type {string} */ d) => T(`pd_${d}`)).join('、') || '—'],
      [T('district'), p.districtCode ? district(p.districtCode) : '—'],
      [T('registeredAt'), fmtDate(p.registeredAt ?? p.createdAt)],
    ])),
    h('section', { class: 'card', id: 'record-consents' }, h('h3', {}, T('consents')),
      facts(Object.entries(consentNow).map(([purpose, granted]) => /** @type {[string, any]} */ ([T(`purpose_${purpose}`), granted ? T('yes') : T('no')]))),
      (consents?.history || []).length
        ? h('ul', { class: 'history' }, consents.history.slice(0, 8).map((/** @type {any} */ c) => h('li', {}, h('span', { class: 'muted' }, fmtDate(c.recordedAt)), ` ${T(`purpose_${c.purpose}`)}: ${c.granted ? T('granted') : T('withdrawn')} · ${c.actorName}`)))
        : null)));

  // Refer from the record: the vacancy is chosen by title; the person is this one.
  const refer = makeForm(
    [
      { name: 'vacancyId', label: T('vacancy'), type: 'picker', required: true, picker: vacancyPicker() },
      { name: 'note', label: T('note'), wide: true },
    ],
    {
      id: 'record-refer-form',
      submitLabel: T('newReferral'),
      async onSubmit(f) {
        const v = f.values();
        if (!v.vacancyId) return f.fieldError('vacancyId', { key: 'chooseFromList' });
        const x = await api('POST', '/referrals', { body: { seekerId: id, ...v } });
        if (!x.ok) return f.showError(x);
        f.ok({ key: 'referralMade' });
        location.reload();
      },
    },
  );
  main.append(h('section', { class: 'card', id: 'record-refer' }, h('h3', {}, T('newReferral')), refer.form));

  const table = (/** @type {string} */ tid, /** @type {string[]} */ heads, /** @type {any[]} */ rows, /** @type {(x: any) => any[]} */ cells, /** @type {(x: any) => string} */ key = (x) => x.id) =>
    rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { id: tid }, h('thead', {}, h('tr', {}, heads.map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', {}, rows.map((x) => h('tr', { dataset: { id: key(x) } }, cells(x).map((c) => h('td', {}, c)))))))
      : notice(T('empty'));
  main.append(
    h('section', { class: 'card', id: 'record-referrals' }, h('h3', {}, T('referrals')),
      table('record-referral-table', [T('vacancy'), T('employer'), T('outcome'), T('createdAt'), T('recordOutcome')], referrals,
        (x) => [x.vacancyTitle, x.employerName, outcomeBadge(x.outcome), fmtDate(x.createdAt), outcomeForm(x, async () => location.reload())])),
    h('section', { class: 'card', id: 'record-placements' }, h('h3', {}, T('placements')),
      table('record-placement-table', [T('employer'), T('vacancy'), T('contractStart'), T('contractMonths'), T('actualPay')], placements,
        (x) => [x.employerName ?? '—', x.vacancyTitle ?? '—', fmtDay(x.contractStart), x.contractMonths ?? '—', `${money(x.monthlyWage, null)} ${T('yuanMonth')}`])),
    h('section', { class: 'card', id: 'record-matches' }, h('h3', {}, T('bestVacancies')),
      table('record-match-table', [T('title'), T('employer'), T('wage'), T('score'), T('reasons'), T('actions')], topMatches,
        (m) => [m.title, m.employerName, m.wageMin != null || m.wageMax != null ? pay(m) : '—', Number(m.score).toFixed(1), m.reasons ? reasonsList(m.reasons) : '—',
          referButton(() => api('POST', '/referrals', { body: { seekerId: id, vacancyId: m.vacancyId } }))], (m) => m.vacancyId)),
    h('section', { class: 'card', id: 'record-history' }, h('h3', {}, T('history')),
      history.length ? h('ol', { class: 'history' }, history.map((/** @type {any} */ e) => h('li', {}, h('span', { class: 'muted' }, fmtDate(e.at)), ` ${actionText(e.action)} · ${e.actorName}`))) : notice(T('empty'))),
  );
}

// ── lists and registration ───────────────────────────────────────────────────────────────────

export function seekersView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('seekers')), h('p', {}, h('a', { class: 'btn primary', href: '#/seekers/new' }, T('registerSeeker')), ' ', h('a', { class: 'btn', href: '#/find' }, T('findPerson'))));
  const filters = filterBar(
    [
      { name: 'status', label: T('status'), type: 'select', options: vocabOptions('seekerStatuses', true) },
      { name: 'education', label: T('education'), type: 'select', options: vocabOptions('educationLevels', true) },
      { name: 'priorityGroup', label: T('priorityGroups'), type: 'select', options: vocabOptions('priorityGroups', true) },
      { name: 'officeId', label: T('office'), type: 'picker', picker: officePicker() },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('newestFirst')], ['asc', T('oldestFirst')]] },
    ],
    () => table.load(1),
    { extra: [exportButtons('seekers', () => filters.values())] },
  );
  const table = pagedTable({
    id: 'seekers',
    rowKey: (s) => s.id,
    fetchPage: (p) => api('GET', '/seekers', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('maskedName'), render: (s) => h('a', { href: `#/seekers/${s.id}` }, s.maskedName) },
      { label: T('ageBand'), render: (s) => s.ageBand },
      { label: T('education'), render: (s) => vlabel('educationLevels', s.education) },
      { label: T('district'), render: (s) => (s.districtCode ? district(s.districtCode) : '—') },
      { label: T('status'), render: (s) => seekerStatus(s.status) },
      { label: T('registeredAt'), render: (s) => fmtDate(s.registeredAt) },
      { label: T('actions'), render: (s) => h('div', { class: 'toolbar' }, h('a', { class: 'btn', href: `#/seekers/${s.id}` }, T('record')), h('a', { class: 'btn', href: `#/seekers/${s.id}/matches` }, T('matches'))) },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

/** Occupations by name (the 2022 classification and ISCO), for the desired occupation. */
const occupationPicker = () => (/** @type {string} */ fid) =>
  picker(fid, {
    placeholder: T('occupationLookupHint'),
    async search(q) {
      const r = await api('POST', '/occupations/code-title', { body: { title: q, k: 6 } });
      if (!r.ok) return { error: failureText(r) };
      return r.data.candidates.map((/** @type {any} */ c) => ({ id: `${c.system}:${c.code}`, label: state.lang === 'en' ? c.labelEn || c.label : c.label, sub: `${String(c.system).toUpperCase()} ${c.code}` }));
    },
  });

export function registerSeekerView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('registerSeeker')));
  const result = h('div', { id: 'register-result', role: 'status' });
  const eligibility = h('section', { class: 'card', id: 'eligibility', 'aria-live': 'polite' }, h('h3', {}, T('eligibility')), h('p', { class: 'muted' }, T('eligibilityHint')));
  const form = makeForm(
    [
      { name: 'name', label: T('seekerName'), required: true },
      { name: 'nationalId', label: T('nationalId'), required: true, attrs: { autocomplete: 'off', inputmode: 'text', maxlength: 18 } },
      { name: 'registrationKind', label: T('registrationKind'), type: 'select', options: [['job_seeking', T('rk_job_seeking')], ['unemployment', T('rk_unemployment')]] },
      { name: 'phone', label: T('phone'), attrs: { inputmode: 'tel' } },
      { name: 'education', label: T('education'), type: 'select', options: vocabOptions('educationLevels'), value: 'senior_secondary' },
      { name: 'experienceYears', label: T('experienceYears'), type: 'number', value: 0 },
      { name: 'districtCode', label: T('district'), type: 'picker', picker: districtPicker() },
      { name: 'desiredOccupation', label: T('desiredOccupation'), type: 'picker', picker: occupationPicker() },
      { name: 'desiredWageMin', label: T('desiredWageMin'), type: 'number' },
      { name: 'availability', label: T('availability'), type: 'select', options: ['immediate', 'within_month', 'later', 'employed_looking'].map((a) => /** @type {[string, string]} */ ([a, T(`av_${a}`)])) },
      { name: 'availableFrom', label: T('availableFrom'), type: 'date' },
      { name: 'unemployedSince', label: T('unemployedSince'), type: 'date' },
      { name: 'priorityGroups', label: T('priorityGroups'), type: 'checks', wide: true, options: vocabOptions('priorityGroups'), hint: T('priorityHint') },
      { name: 'priorityDocuments', label: T('priorityDocuments'), type: 'checks', wide: true, options: PRIORITY_DOCUMENTS.map((d) => /** @type {[string, string]} */ ([d, T(`pd_${d}`)])), hint: T('documentsHint') },
      { name: 'skills', label: T('skillsComma'), wide: true },
      { name: 'consentSearchable', label: T('consentSearchable'), type: 'checkbox', wide: true },
      { name: 'consentContactViaReferral', label: T('consentContact'), type: 'checkbox', wide: true },
    ],
    {
      id: 'seeker',
      submitLabel: T('registerSeeker'),
      async onSubmit(f) {
        result.replaceChildren();
        const x = body();
        if (!nationalIdValid(x.nationalId)) return f.fieldError('nationalId', { key: 'idInvalid' });
        const r = await api('POST', '/seekers', { body: x });
        if (r.status === 409 && r.data?.details?.seekerId) {
          f.fieldError('nationalId', { key: 'duplicate' });
          // The message is beside the ID field; here only the way to the existing record.
          return result.append(h('p', {}, h('a', { class: 'btn', id: 'existing-seeker', dataset: { id: r.data.details.seekerId }, href: `#/seekers/${r.data.details.seekerId}` }, T('existingRecord'))));
        }
        if (!r.ok) return f.showError(r);
        result.append(
          h('p', { class: 'form-ok', id: 'registered', dataset: { id: r.data.id } }, T('registered'), ' ', x.name),
          h('div', { class: 'toolbar' },
            h('a', { class: 'btn primary', id: 'new-seeker-record', href: `#/seekers/${r.data.id}` }, T('openRecord')),
            h('a', { class: 'btn', href: `#/referrals?seekerId=${r.data.id}` }, T('newReferral')),
            h('a', { class: 'btn', href: `#/seekers/${r.data.id}/matches` }, T('matches'))),
        );
      },
    },
  );
  /** What the form sends: the API's field names, empty fields left out. */
  function body() {
    const x = form.values();
    if (x.nationalId) x.nationalId = x.nationalId.toUpperCase();
    x.skills = (x.skills || '').split(/[,，、]/).map((/** @type {string} */ s) => s.trim()).filter(Boolean);
    const occ = x.desiredOccupation;
    delete x.desiredOccupation;
    if (occ) {
      const [system, code] = occ.split(':');
      x.desiredOccupations = [{ system, code }];
      x.desiredOccupation = code;
    }
    return x;
  }
  /** What the eligibility check reads: age and sex (from the ID), documents, unemployment, the groups. */
  const eligibilityBody = (/** @type {Record<string, any>} */ x) => ({
    nationalId: x.nationalId,
    priorityGroups: x.priorityGroups,
    priorityDocuments: x.priorityDocuments,
    ...(x.unemployedSince ? { unemployedSince: x.unemployedSince } : {}),
  });
  // Checked as soon as the field is left; the message clears once the number is corrected.
  const idField = form.inputs.nationalId;
  idField.input.addEventListener('blur', () => {
    const val = idField.input.value.trim();
    if (val && !nationalIdValid(val)) form.fieldError('nationalId', { key: 'idInvalid' });
  });
  idField.input.addEventListener('input', () => {
    if (nationalIdValid(idField.input.value)) form.clearFieldError('nationalId');
  });

  // The live eligibility check: each ticked group is checked against age, documents and status,
  // with the reasons, before the form is sent (the API refuses an ineligible group with 422 anyway).
  let seq = 0;
  const check = debounce(async () => {
    const x = body();
    const mine = ++seq;
    if (!x.priorityGroups.length) {
      eligibility.replaceChildren(h('h3', {}, T('eligibility')), h('p', { class: 'muted' }, T('eligibilityHint')));
      delete eligibility.dataset.state;
      return;
    }
    if (!nationalIdValid(x.nationalId || '')) {
      eligibility.replaceChildren(h('h3', {}, T('eligibility')), h('p', { class: 'muted' }, T('eligibilityNeedsId')));
      return;
    }
    const r = await api('POST', '/seekers/eligibility', { body: eligibilityBody(x) });
    if (mine !== seq) return;
    eligibility.replaceChildren(h('h3', {}, T('eligibility')));
    if (!r.ok) return eligibility.append(failure(r));
    const groups = r.data.groups || [];
    eligibility.dataset.state = groups.every((/** @type {any} */ g) => g.eligible) ? 'eligible' : 'ineligible';
    eligibility.append(h('ul', { class: 'eligibility' }, groups.map((/** @type {any} */ g) =>
      h('li', { dataset: { group: g.value, eligible: String(g.eligible) } },
        badge(g.eligible ? 'pass' : 'block', g.eligible ? T('eligible') : T('notEligible')), ' ', h('strong', {}, vlabel('priorityGroups', g.value)),
        (g.reasons || []).length ? h('ul', { class: 'reasons' }, g.reasons.map((/** @type {any} */ x) => h('li', {}, msgOf(x)))) : null))));
  }, 300);
  form.form.addEventListener('change', check);
  form.inputs.nationalId.input.addEventListener('input', check);
  main.append(h('div', { class: 'grid2' }, h('section', { class: 'card' }, form.form, result), eligibility));
  if (form.restored) check();
}

// ── outcomes, referrals, placements ──────────────────────────────────────────────────────────

/** @type {Map<string, Promise<any>>} */
const vacancyCache = new Map();
/**
 * A referral's vacancy by title and employer: from the row when the list carries them, else read
 * once per vacancy (vacancies are not personal data) — never an id fragment.
 */
function vacancyCell(/** @type {any} */ x) {
  const cell = h('span', { class: 'vacancy-cell' }, x.vacancyTitle ?? '…');
  const employer = h('div', { class: 'muted' }, x.employerName ?? '');
  if (!x.vacancyTitle) {
    if (!vacancyCache.has(x.vacancyId)) vacancyCache.set(x.vacancyId, api('GET', `/vacancies/${x.vacancyId}`).then((r) => (r.ok ? r.data : null)));
    vacancyCache.get(x.vacancyId)?.then((v) => {
      cell.textContent = v ? v.title : '—';
      if (v && v.employerName) employer.textContent = v.employerName;
    });
  }
  return [cell, employer];
}

/** The outcomes that may follow this one: the server's workflow ("from>to" in referralNextSteps). */
const nextOutcomes = (/** @type {string} */ from) => terms('referralNextSteps').filter((x) => x.value.startsWith(`${from}>`)).map((x) => x.value.slice(from.length + 1));

// What a recruiter may record (the office records declined and the rest).
const EMPLOYER_OUTCOMES = ['interviewed', 'hired', 'rejected', 'no_show'];

/** Record an outcome; "hired" asks the contract terms and makes the placement. */
export function outcomeForm(/** @type {any} */ ref, /** @type {() => Promise<void>} */ reload) {
  const next = nextOutcomes(ref.outcome).filter((o) => state.role !== 'employer' || EMPLOYER_OUTCOMES.includes(o));
  if (!next.length) return h('span', { class: 'muted' }, '—');
  const f = makeForm(
    [
      { name: 'outcome', label: T('outcome'), type: 'select', options: next.map((o) => /** @type {[string, string]} */ ([o, vlabel('referralOutcomes', o)])) },
      // The contract starts today on the service's clock unless the clerk says otherwise.
      { name: 'contractStart', label: T('contractStart'), type: 'date', value: todayInZone() },
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
        if (r.data.placement) flash(`${T('placementMade')} ${fmtDay(r.data.placement.contractStart)} · ${money(r.data.placement.monthlyWage, null)} ${T('yuanMonth')}`);
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

/** @returns {import('../lib/forms.js').FieldSpec} the referral-outcome filter shared by the staff list and the recruiter's outcomes */
const outcomeFilter = () => ({ name: 'outcome', label: T('outcome'), type: 'select', options: vocabOptions('referralOutcomes', true) });

export async function referralsView(/** @type {HTMLElement} */ main, /** @type {URLSearchParams} */ params) {
  main.append(h('h2', {}, T('referrals')));
  // Coming from a record or a registration: the person is already chosen (by name, shown).
  const preSeeker = params.get('seekerId');
  let preLabel = '';
  if (preSeeker) {
    const rec = await api('GET', `/seekers/${preSeeker}/record`);
    preLabel = rec.ok ? rec.data.profile.name : '';
  }
  const create = makeForm(
    [
      { name: 'seekerId', label: T('seeker'), type: 'picker', required: true, picker: seekerPicker(), value: preSeeker && preLabel ? { id: preSeeker, label: preLabel } : null },
      { name: 'vacancyId', label: T('vacancy'), type: 'picker', required: true, picker: vacancyPicker() },
      { name: 'note', label: T('note'), wide: true },
    ],
    {
      id: 'referral-new',
      submitLabel: T('newReferral'),
      async onSubmit(f) {
        const v = f.values();
        if (!v.seekerId) return f.fieldError('seekerId', { key: 'chooseFromList' });
        if (!v.vacancyId) return f.fieldError('vacancyId', { key: 'chooseFromList' });
        const r = await api('POST', '/referrals', { body: v });
        if (!r.ok) return f.showError(r);
        f.form.dataset.referral = r.data.id;
        f.ok({ parts: [{ key: 'referralMade' }, ` ${f.inputs.seekerId.picker?.text.value ?? ''} → ${f.inputs.vacancyId.picker?.text.value ?? ''}`] });
        table.load(1);
      },
    },
  );
  const filters = filterBar(
    [
      outcomeFilter(),
      { name: 'seekerId', label: T('seeker'), type: 'picker', picker: seekerPicker() },
      { name: 'officeId', label: T('office'), type: 'picker', picker: officePicker() },
      { name: 'order', label: T('order'), type: 'select', options: [['desc', T('newestFirst')], ['asc', T('oldestFirst')]] },
    ],
    () => table.load(1),
    { prefix: 'ref', extra: [exportButtons('referrals', () => filters.values())] },
  );
  const table = pagedTable({
    id: 'referrals',
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', '/referrals', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('seeker'), render: (x) => h('a', { href: `#/seekers/${x.seekerId}` }, x.seekerName ?? x.seekerMaskedName ?? T('openRecord')) },
      { label: T('vacancy'), render: (x) => vacancyCell(x) },
      { label: T('outcome'), render: (x) => outcomeBadge(x.outcome) },
      { label: T('createdAt'), render: (x) => fmtDate(x.createdAt) },
      { label: T('recordOutcome'), render: (x, reload) => outcomeForm(x, reload) },
    ],
  });
  main.append(h('section', { class: 'card' }, h('h3', {}, T('newReferral')), create.form), h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

/** Staff: recruiters' requests to refer a candidate; refer (the person's consent applies) or decline with a reason. */
export function requestsView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('referralRequests')));
  const filters = filterBar([{ name: 'status', label: T('status'), type: 'select', options: [['requested', T('rq_requested')], ['referred', T('rq_referred')], ['declined', T('rq_declined')], ['', T('any')]] }], () => table.load(1), { prefix: 'rq' });
  const table = pagedTable({
    id: 'requests',
    emptyText: T('requestsEmpty'),
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', '/referral-requests', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('vacancy'), render: (x) => [x.vacancyTitle ?? '—', h('div', { class: 'muted' }, x.employerName ?? '')] },
      { label: T('seeker'), render: (x) => (x.seekerId ? h('a', { href: `#/seekers/${x.seekerId}` }, x.seekerName ?? x.seekerMaskedName ?? T('openRecord')) : '—') },
      { label: T('requestedBy'), render: (x) => x.requestedByName ?? '' },
      { label: T('note'), render: (x) => x.note ?? '' },
      { label: T('createdAt'), render: (x) => fmtDate(x.createdAt) },
      { label: T('status'), render: (x) => T(`rq_${x.status}`) },
      {
        label: T('actions'),
        render: (x, reload) => {
          if (x.status !== 'requested') return [x.decidedByName ?? '', x.decisionReason ? h('div', { class: 'muted' }, x.decisionReason) : null];
          const reason = h('input', { type: 'text', id: `rq-reason-${x.id.slice(0, 8)}`, 'aria-label': T('reason'), placeholder: T('declineReason') });
          const out = h('span', { class: 'err', role: 'alert' });
          const decide = async (/** @type {'refer'|'decline'} */ decision) => {
            if (decision === 'decline' && !reason.value.trim()) return (out.textContent = T('reasonRequired'));
            const r = await api('POST', `/referral-requests/${x.id}/decision`, { body: { decision, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) } });
            if (!r.ok) return (out.textContent = failureText(r));
            flash(T(decision === 'refer' ? 'referralMade' : 'rq_declined'));
            reload();
          };
          return h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'primary approve', onclick: () => decide('refer') }, T('refer')), reason,
            h('button', { type: 'button', class: 'danger reject', onclick: () => decide('decline') }, T('decline')), out);
        },
      },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

/** Staff: a placement (就业登记) without a referral — the person found work on their own or at a fair. */
export async function placementsView(/** @type {HTMLElement} */ main, /** @type {URLSearchParams} */ params) {
  main.append(h('h2', {}, T('placements')));
  const preSeeker = params.get('seekerId');
  let preLabel = '';
  if (preSeeker) {
    const rec = await api('GET', `/seekers/${preSeeker}/record`);
    preLabel = rec.ok ? rec.data.profile.name : '';
  }
  const form = makeForm(
    [
      { name: 'seekerId', label: T('seeker'), type: 'picker', required: true, picker: seekerPicker(), value: preSeeker && preLabel ? { id: preSeeker, label: preLabel } : null },
      { name: 'employerId', label: T('employer'), type: 'picker', required: true, picker: employerPicker() },
      { name: 'vacancyId', label: T('vacancyOptional'), type: 'picker', picker: vacancyPicker() },
      { name: 'contractStart', label: T('contractStart'), type: 'date', value: todayInZone() },
      { name: 'contractMonths', label: T('contractMonths'), type: 'number', value: 12 },
      { name: 'monthlyWage', label: T('monthlyWage'), type: 'number', required: true },
    ],
    {
      id: 'placement-new',
      submitLabel: T('recordPlacement'),
      async onSubmit(f) {
        const v = f.values();
        if (!v.seekerId) return f.fieldError('seekerId', { key: 'chooseFromList' });
        if (!v.employerId) return f.fieldError('employerId', { key: 'chooseFromList' });
        const r = await api('POST', '/placements', { body: v });
        if (!r.ok) return f.showError(r);
        f.ok({ parts: [{ key: 'placementMade' }, ` ${f.inputs.seekerId.picker?.text.value ?? ''} · ${fmtDay(r.data.contractStart)} · ${money(r.data.monthlyWage, null)} ${T('yuanMonth')}`] });
        f.form.dataset.placement = r.data.id;
        table.load(1);
      },
    },
  );
  // Placements of this office and the offices below it, people masked; the whole list leaves as a file too.
  const filters = filterBar(
    [
      { name: 'officeId', label: T('office'), type: 'picker', picker: officePicker() },
      { name: 'employerId', label: T('employer'), type: 'picker', picker: employerPicker() },
      { name: 'from', label: T('contractFrom'), type: 'date' },
      { name: 'to', label: T('contractTo'), type: 'date' },
    ],
    () => table.load(1),
    { prefix: 'pl', extra: [exportButtons('placements', () => filters.values())] },
  );
  const table = pagedTable({
    id: 'placements',
    rowKey: (x) => x.id,
    fetchPage: (p) => api('GET', '/placements', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('seeker'), render: (x) => h('a', { href: `#/seekers/${x.seekerId}` }, x.seekerMaskedName || x.seekerAlias) },
      { label: T('employer'), render: (x) => x.employerName },
      { label: T('vacancy'), render: (x) => x.vacancyTitle ?? T('noReferral') },
      { label: T('office'), render: (x) => x.officeName },
      { label: T('contractStart'), render: (x) => fmtDay(x.contractStart) },
      { label: T('contractMonths'), render: (x) => x.contractMonths ?? '—' },
      { label: T('actualPay'), render: (x) => `${money(x.monthlyWage, null)} ${T('yuanMonth')}` },
    ],
  });
  main.append(h('section', { class: 'card' }, h('h3', {}, T('directPlacement')), form.form),
    h('section', { class: 'card' }, h('h3', {}, T('placementList')), filters.el, table.el));
  table.load(1);
}

/** The best vacancies for one person, headed by their name. */
export async function seekerMatchesView(/** @type {HTMLElement} */ main, /** @type {string} */ seekerId) {
  const rec = await api('GET', `/seekers/${seekerId}/record`);
  main.append(h('h2', { id: 'matches-title' }, rec.ok ? `${rec.data.profile.name} · ${T('bestVacancies')}` : T('bestVacancies')), h('p', {}, h('a', { class: 'btn', href: `#/seekers/${seekerId}` }, T('record'))));
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

export async function outcomesView(/** @type {HTMLElement} */ main) {
  main.append(h('h2', {}, T('outcomes')));
  // The recruiter's own vacancies, by title (never a typed id).
  const own = await api('GET', '/vacancies', { query: { pageSize: 100, sort: 'title', order: 'asc' } });
  /** @type {[string, string][]} */
  const vacancyOptions = [['', T('any')], ...(own.ok ? own.data.items.map((/** @type {any} */ v) => /** @type {[string, string]} */ ([v.id, v.title])) : [])];
  const filters = filterBar(
    [
      outcomeFilter(),
      { name: 'vacancyId', label: T('vacancy'), type: 'select', options: vacancyOptions },
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
      { label: T('outcome'), render: (x) => outcomeBadge(x.outcome) },
      { label: T('createdAt'), render: (x) => fmtDate(x.createdAt) },
      { label: T('recordOutcome'), render: (x, reload) => outcomeForm(x, reload) },
    ],
  });
  main.append(h('section', { class: 'card' }, filters.el, table.el));
  table.load(1);
}

export function reviewView(/** @type {HTMLElement} */ main) {
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
            flash(`${v.title}: ${vlabel('vacancyStatuses', r.data.status)}`);
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

