// @ts-check
// The JSON API the pages share with every other client, called with the session cookie.
import { t } from './i18n.js';
import { state, T, hooks } from './state.js';
import { h, notice, flash } from './dom.js';

/** @typedef {{ ok: boolean, status: number, data: any, missing?: boolean }} ApiResult */

/** @param {Record<string, unknown> | undefined} query */
export function qs(query) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Calls the API with the session cookie; never throws. missing: the route is not deployed.
 * @param {string} method
 * @param {string} path
 * @param {{ query?: Record<string, unknown>, body?: unknown, raw?: BodyInit, contentType?: string, quiet?: boolean }} [opts]
 * @returns {Promise<ApiResult>}
 */
export async function api(method, path, { query, body, raw, contentType, quiet } = {}) {
  /** @type {Record<string, string>} */
  const headers = { 'accept-language': state.lang === 'en' ? 'en' : 'zh', accept: 'application/json' };
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  /** @type {BodyInit | undefined} */
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
  const missing = res.status === 404 && !!data && data.code === 'ROUTE_NOT_FOUND';
  if (res.status === 401 && state.me && !quiet) {
    // The session ended (idle, lifetime, signed out elsewhere) or still needs a step.
    sessionLost(data);
    return { ok: false, status: 401, data };
  }
  return { ok: res.ok, status: res.status, data, missing };
}

export function clearSession() {
  state.me = null;
  state.role = null;
  state.csrf = null;
}

/** Who is signed in, from the server (never guessed by probing). Sets state.me/role/csrf. */
export async function loadMe() {
  const r = await api('GET', '/me', { quiet: true });
  if (!r.ok || !r.data || r.data.kind !== 'session') {
    clearSession();
    return r;
  }
  state.me = r.data;
  state.role = r.data.role;
  state.csrf = r.data.session.csrfToken;
  return r;
}

function sessionLost(/** @type {any} */ data) {
  const code = data && data.code;
  clearSession();
  if (code === 'SIGN_IN_INCOMPLETE') {
    loadMe().then(() => hooks.render());
    return;
  }
  state.signInNote = data && data.message ? { [state.lang]: data.message } : { key: 'sessionEnded' };
  hooks.render();
}

/** A bilingual message for a failed call, including "not available yet" for a missing route. */
export function failure(/** @type {ApiResult} */ r) {
  if (r.missing) return notice(`${t('zh', 'notAvailable')} · ${t('en', 'notAvailable')}`, 'unavailable');
  if (r.status === 403) return notice(`${T('forbidden')} (${(r.data && r.data.message) || 403})`, 'error');
  return notice((r.data && r.data.message) || `HTTP ${r.status}`, 'error');
}

/** The message of a failed call as text (for a status line beside a button). */
export const failureText = (/** @type {ApiResult} */ r) => (r.missing ? T('notAvailable') : (r.data && r.data.message) || `HTTP ${r.status}`);

/** Downloads an authenticated file (template, export, error list) through a blob URL. */
export async function download(/** @type {string} */ path, /** @type {string} */ filename) {
  const res = await fetch(path, { headers: { 'accept-language': state.lang }, credentials: 'same-origin' }).catch(() => null);
  if (!res || !res.ok) {
    flash(res && res.status === 404 ? T('notAvailable') : T('networkError'));
    return false;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Opens an authenticated HTML page (the weekly report) in a new tab. */
export async function openAuthed(/** @type {string} */ path) {
  const res = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
  if (!res || !res.ok) return flash(T('networkError'));
  // A blob document has no usable base URL: give it this origin so its stylesheet link resolves.
  const html = (await res.text()).replace(/<head>/i, `<head><base href="${location.origin}/">`);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
}

/** @type {Map<string, Promise<any>>} */
const districts = new Map();
/** District codes read as names: the code first, the name once /districts/:code answers (cached). */
export function district(/** @type {string | null | undefined} */ code) {
  if (!code) return '';
  const el = h('span', { class: 'district', title: code }, code);
  if (!districts.has(code)) districts.set(code, api('GET', `/districts/${encodeURIComponent(code)}`).then((r) => (r.ok ? r.data : null)));
  districts.get(code)?.then((d) => {
    if (d) el.textContent = (state.lang === 'en' ? d.nameEn || d.en : d.nameZh || d.zh) || code;
  });
  return el;
}
