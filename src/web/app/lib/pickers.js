// @ts-check
// Pickers: people, vacancies, employers, districts and offices are chosen by name, never typed as ids or codes.
import { state, T } from './state.js';
import { h, debounce } from './dom.js';
import { api, failureText } from './api.js';

/** @typedef {{ id: string, label: string, sub?: string }} Choice */

/**
 * A search box with a list of matches; choosing one puts its id into a hidden input (named like
 * the field) and its name into the box. The hidden input fires "change" when the choice changes.
 * @param {string} fid element id of the hidden input; the box is `${fid}-q`
 * @param {{ search: (q: string) => Promise<Choice[] | { error: string }>, placeholder?: string, minLength?: number, onChoose?: (c: Choice | null) => void }} opts
 * @returns {import('./forms.js').Picker}
 */
export function picker(fid, { search, placeholder, minLength = 1, onChoose }) {
  const input = h('input', { type: 'hidden', id: fid, name: fid.replace(/^.*?-/, '') });
  const text = h('input', { type: 'search', id: `${fid}-q`, class: 'picker-q', autocomplete: 'off', placeholder: placeholder || T('typeToSearch'), role: 'combobox', 'aria-expanded': 'false', 'aria-controls': `${fid}-list` });
  const list = h('ul', { class: 'picker-list', id: `${fid}-list`, role: 'listbox', hidden: true });
  const chosen = h('span', { class: 'picker-chosen muted', 'aria-live': 'polite' });
  // The hidden input lives in the page so a language switch keeps the choice with the other values.
  const el = h('div', { class: 'picker', dataset: { picker: fid } }, input, text, chosen, list);
  let seq = 0;
  /** @param {Choice | null} c */
  const choose = (c) => {
    input.value = c ? c.id : '';
    text.value = c ? c.label : text.value;
    chosen.textContent = c ? `✓ ${c.sub ? c.sub : ''}` : '';
    el.dataset.chosen = c ? c.id : '';
    list.hidden = true;
    text.setAttribute('aria-expanded', 'false');
    input.dispatchEvent(new Event('change'));
    onChoose?.(c);
  };
  const run = debounce(async () => {
    const q = text.value.trim();
    const mine = ++seq;
    if (q.length < minLength) {
      list.hidden = true;
      return;
    }
    const found = await search(q);
    if (mine !== seq) return;
    list.replaceChildren();
    if (!Array.isArray(found)) list.append(h('li', { class: 'err' }, found.error));
    else if (!found.length) list.append(h('li', { class: 'muted' }, T('noMatch')));
    else
      for (const c of found)
        list.append(h('li', { role: 'option' }, h('button', { type: 'button', class: 'pick', dataset: { id: c.id }, onclick: () => choose(c) }, h('b', {}, c.label), c.sub ? h('span', { class: 'muted' }, ` · ${c.sub}`) : null)));
    list.hidden = false;
    el.dataset.results = String(Array.isArray(found) ? found.length : 0);
    text.setAttribute('aria-expanded', 'true');
  }, 250);
  text.addEventListener('input', () => {
    // Typing again drops the earlier choice: what is shown is always what will be sent.
    if (input.value) {
      input.value = '';
      chosen.textContent = '';
      el.dataset.chosen = '';
      input.dispatchEvent(new Event('change'));
    }
    run();
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  });
  return {
    el,
    input,
    text,
    set: (id, label) => {
      input.value = id;
      text.value = label;
      el.dataset.chosen = id;
    },
    clear: () => {
      choose(null);
      text.value = '';
    },
  };
}

const nameOf = (/** @type {any} */ x) => (state.lang === 'en' ? x.en || x.nameEn || x.zh || x.nameZh : x.zh || x.nameZh || x.en || x.nameEn) || '';

/** Job seekers by name, phone or ID-card number (GET /seekers/lookup); the list shows masked numbers only. */
export const seekerPicker = (/** @type {{ onChoose?: (c: Choice | null) => void }} */ o = {}) => (/** @type {string} */ fid) =>
  picker(fid, {
    placeholder: T('seekerLookupHint'),
    minLength: 2,
    onChoose: o.onChoose,
    async search(q) {
      const r = await api('GET', '/seekers/lookup', { query: { q } });
      if (!r.ok) return { error: failureText(r) };
      return r.data.items.map((/** @type {any} */ s) => ({ id: s.id, label: s.name, sub: [s.maskedNationalId, s.maskedPhone, s.birthYear ? T('bornIn', { y: s.birthYear }) : '', s.officeName].filter(Boolean).join(' · ') }));
    },
  });

/** Published vacancies by title or employer (the same search the public kiosk uses). */
export const vacancyPicker = (/** @type {{ onChoose?: (c: Choice | null) => void }} */ o = {}) => (/** @type {string} */ fid) =>
  picker(fid, {
    placeholder: T('vacancyLookupHint'),
    onChoose: o.onChoose,
    async search(q) {
      const r = await api('GET', '/public/vacancies/search', { query: { q, pageSize: 10 } });
      if (!r.ok) return { error: failureText(r) };
      return r.data.items.map((/** @type {any} */ x) => ({ id: x.vacancy.id, label: x.vacancy.title, sub: x.vacancy.employerName }));
    },
  });

/** Employers by part of the name. */
export const employerPicker = (/** @type {{ onChoose?: (c: Choice | null) => void }} */ o = {}) => (/** @type {string} */ fid) =>
  picker(fid, {
    placeholder: T('employerLookupHint'),
    onChoose: o.onChoose,
    async search(q) {
      const r = await api('GET', '/employers', { query: { q, pageSize: 10 } });
      if (!r.ok) return { error: failureText(r) };
      return r.data.items.map((/** @type {any} */ e) => ({ id: e.id, label: e.name, sub: e.creditCode }));
    },
  });

/** Districts by name (天河区); the code goes to the API. */
export const districtPicker = (/** @type {{ onChoose?: (c: Choice | null) => void }} */ o = {}) => (/** @type {string} */ fid) =>
  picker(fid, {
    placeholder: T('districtLookupHint'),
    onChoose: o.onChoose,
    async search(q) {
      const r = await api('GET', '/districts', { query: { q, pageSize: 10 } });
      if (!r.ok) return { error: failureText(r) };
      return r.data.items.map((/** @type {any} */ d) => ({ id: d.code, label: nameOf(d), sub: d.code }));
    },
  });

/** Offices by name; lists include the offices below the one chosen. */
export const officePicker = (/** @type {{ onChoose?: (c: Choice | null) => void }} */ o = {}) => (/** @type {string} */ fid) =>
  picker(fid, {
    placeholder: T('officeLookupHint'),
    onChoose: o.onChoose,
    async search(q) {
      const r = await api('GET', '/offices', { query: { q, pageSize: 10 } });
      if (!r.ok) return { error: failureText(r) };
      return r.data.items.map((/** @type {any} */ x) => ({ id: x.id, label: nameOf(x), sub: x.pathNames ? (state.lang === 'en' ? x.pathNames.en : x.pathNames.zh).slice(0, -1).join(' › ') : '' }));
    },
  });

/** @type {Map<string, Promise<string>>} */
const districtNames = new Map();
/** The name of a district code, for showing a chosen code back in its picker. */
export function districtName(/** @type {string} */ code) {
  if (!districtNames.has(code)) districtNames.set(code, api('GET', `/districts/${encodeURIComponent(code)}`).then((r) => (r.ok ? nameOf(r.data) : code)));
  return /** @type {Promise<string>} */ (districtNames.get(code));
}
