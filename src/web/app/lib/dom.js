// @ts-check
// DOM helpers. API data only ever enters the page as text nodes / textContent (no HTML parsing).

/**
 * @param {string} sel
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export const $ = (sel, root = document) => /** @type {HTMLElement} */ (root.querySelector(sel));

/** @typedef {Node | string | number | null | undefined | false | any[]} Child */

/**
 * h('button', { class: 'btn', type: 'button', onclick: fn }, 'text', node): text children become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  const any = /** @type {any} */ (el);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') any.value = v;
    else if (k === 'checked') any.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of /** @type {any[]} */ (children).flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const badge = (/** @type {string} */ cls, /** @type {Child} */ text) => h('span', { class: `badge ${cls}` }, text);
export const notice = (/** @type {Child} */ text, cls = '') => h('p', { class: `notice ${cls}`, role: cls && cls !== 'info' ? 'alert' : 'status' }, text);

/** @type {ReturnType<typeof setTimeout> | undefined} */
let flashTimer;
export function flash(/** @type {string} */ text) {
  const f = $('#flash');
  f.textContent = text;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => (f.textContent = ''), 6000);
}

/**
 * @template {any[]} A
 * @param {(...args: A) => void} fn
 * @param {number} ms
 * @returns {(...args: A) => void}
 */
export function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A definition list of [term, value] pairs. */
export const facts = (/** @type {[string, Child][]} */ rows, id = '') =>
  h('dl', { class: 'facts', id: id || null }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
