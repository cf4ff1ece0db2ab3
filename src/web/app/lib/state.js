// @ts-check
// Who is signed in, the page language, and what a language switch carries over. Shared by every view.
import { t, label } from './i18n.js';

const LANG = 'pes.workbench.lang';

/**
 * @typedef {{ kind: string, name: string, role: string, roles: string[], person: any, office: any, employer: any,
 *   permissions?: string[], session: { stage: string, csrfToken: string, expiresAt: string }, timeZone?: string }} Me
 */

// The session is an httpOnly cookie: no script here (or injected) can read it. What the page
// keeps is who is signed in (from GET /me) and the CSRF token the API wants on every change,
// which is useless without the cookie. Nothing of either is written to storage.
export const state = {
  /** @type {Me | null} GET /me, or null when nobody is signed in. */
  me: null,
  /** @type {string | null} */
  role: null,
  /** @type {string | null} */
  csrf: null,
  /** @type {any} A message for the sign-in page (e.g. "signed out after inactivity"). */
  signInNote: null,
  /** @type {'zh' | 'en'} */
  lang: sessionStorage.getItem(LANG) === 'en' ? 'en' : 'zh',
};

export function setLang(/** @type {'zh'|'en'} */ lang) {
  state.lang = lang;
  sessionStorage.setItem(LANG, lang);
}

/** Interface text in the page language. */
/**
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 */
export const T = (key, vars) => t(state.lang, key, vars);
/** A label kept in i18n.js (prefix_value) for values the server's vocabulary does not carry. */
export const L = (/** @type {string} */ prefix, /** @type {unknown} */ v) => label(state.lang, prefix, v);
/** A {zh, en} pair from the API in the page language. */
export const msgOf = (/** @type {any} */ m) => (m && typeof m === 'object' ? (state.lang === 'en' ? m.en ?? m.zh : m.zh ?? m.en) : m);

/**
 * A message that can be shown again in the other language: a string (as is), { key, vars }
 * (interface text), { en, zh } (either may be missing) or { parts: [...] }.
 * @param {any} m
 * @returns {string}
 */
export function msgText(m) {
  if (m === null || m === undefined) return '';
  if (typeof m !== 'object') return String(m);
  if (m.parts) return m.parts.map(msgText).join('');
  if (m.key) return T(m.key, m.vars);
  return (state.lang === 'en' ? m.en ?? m.zh : m.zh ?? m.en) ?? '';
}

// ── language switch: nothing typed is lost ─────────────────────────────────────────────────────
// Switching zh/en re-renders the view. Before that, every control's value (by element id), each
// form's messages and each table's page are kept here; the re-rendered view takes them back as it
// builds itself, so filters apply before the first load and field errors re-appear in the new language.
/** @type {Map<string, any>} */
let restore = new Map();
export const takeRestore = (/** @type {string} */ key) => {
  const v = restore.get(key);
  restore.delete(key);
  return v;
};
export const clearRestore = () => (restore = new Map());

/**
 * Forms, tables and other view state of the current render that a language switch must carry over.
 * @type {{ forms: { form: HTMLFormElement, messages: () => any }[], tables: { el: HTMLElement, id?: string, page: () => number }[], extras: Map<string, () => any> }}
 */
export const live = { forms: [], tables: [], extras: new Map() };
export function resetLive() {
  live.forms = [];
  live.tables = [];
  live.extras = new Map();
}

/**
 * Puts back the value a control had before the language switch; true when there was one.
 * @param {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} el
 */
export function restoreInput(el) {
  const v = el.id ? takeRestore(`input:${el.id}`) : undefined;
  if (!v) return false;
  if ('checked' in v && el instanceof HTMLInputElement) el.checked = v.checked;
  else el.value = v.value;
  return true;
}

/** Keeps everything the current view shows that a re-render must take back. */
export function snapshot(/** @type {HTMLElement} */ main) {
  const snap = new Map();
  for (const el of main.querySelectorAll('input[id], select[id], textarea[id]')) {
    const input = /** @type {HTMLInputElement} */ (el);
    if (input.type === 'file') continue;
    snap.set(`input:${input.id}`, input.type === 'checkbox' ? { checked: input.checked } : { value: input.value });
  }
  for (const f of live.forms) if (f.form.isConnected && f.form.id) snap.set(`form:${f.form.id}`, f.messages());
  for (const tb of live.tables) if (tb.el.isConnected && tb.id) snap.set(`page:${tb.id}`, tb.page());
  for (const [k, get] of live.extras) snap.set(`extra:${k}`, get());
  restore = snap;
}

/** Set by main.js: re-renders the current view; called after sign-in steps and on a lost session. */
export const hooks = {
  /** @type {() => Promise<void> | void} */
  render: () => {},
};
