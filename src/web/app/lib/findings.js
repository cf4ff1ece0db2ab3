// @ts-check
// Screening findings, legal bases, match reasons and the national-ID check: shared by several views.
import { state, T, L, msgOf } from './state.js';
import { h, badge } from './dom.js';
import { api } from './api.js';

/** @type {Promise<any[]> | undefined} Legal bases with their scope, read once (the server decides what a basis covers). */
let legalBasesPromise;
export const legalBases = () =>
  (legalBasesPromise ??= api('GET', '/screening/legal-bases').then((r) => {
    if (!r.ok) legalBasesPromise = undefined;
    return r.ok ? r.data.items : [];
  }));

// ── national ID (GB 11643) ───────────────────────────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function nationalIdValid(/** @type {string} */ id) {
  const s = String(id || '').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  if ('10X98765432'[sum % 11] !== s[17]) return false;
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

// ── screening findings ───────────────────────────────────────────────────────────────────────

/**
 * @param {any[]} findings
 * @param {{ onJustify?: (f: any, basis: string) => Promise<any>, editHref?: string }} [opts]
 */
export function findingsList(findings, { onJustify, editHref } = {}) {
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


/** Match reasons (each {zh, en}) as a list. */
export const reasonsList = (/** @type {any[]} */ reasons) => h('ul', { class: 'reasons' }, (reasons || []).map((r) => h('li', {}, state.lang === 'en' ? r.en : r.zh)));
