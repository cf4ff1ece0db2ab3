// @ts-check
// Option lists and their labels come from the server (GET /vocabulary), read once per page load:
// the browser keeps no copy of the server's enumerations, so a value added there shows here.
import { api } from './api.js';
import { state, T } from './state.js';
import { setZone } from './format.js';

/** @typedef {{ value: string, zh: string, en?: string }} Term */
/** @typedef {'educationLevels'|'fairKinds'|'contractTypes'|'payUnits'|'vacancyStatuses'|'referralOutcomes'|'referralNextSteps'|'priorityGroups'|'seekerStatuses'|'iscoMajorGroups'} ListName */

/** @type {{ version: string | null, lists: Partial<Record<ListName, Term[]>> }} */
const vocab = { version: null, lists: {} };
/** @type {Promise<void> | null} */
let loading = null;

/** Loads the vocabulary (and the service's time zone when the server names it). */
export function loadVocabulary() {
  loading ??= api('GET', '/vocabulary', { quiet: true }).then((r) => {
    if (!r.ok || !r.data || !r.data.lists) {
      loading = null;
      return;
    }
    vocab.version = r.data.version ?? null;
    vocab.lists = r.data.lists;
    setZone(r.data.timeZone);
  });
  return loading;
}

/** The terms of a list, in the server's order (empty until the vocabulary has loaded). */
export const terms = (/** @type {ListName} */ list) => vocab.lists[list] ?? [];

/** A term's label in the page language; the value itself when the server does not know it. */
export function vlabel(/** @type {ListName} */ list, /** @type {string | null | undefined} */ value) {
  if (value === null || value === undefined || value === '') return '';
  const term = terms(list).find((x) => x.value === value);
  if (!term) return String(value);
  return state.lang === 'en' ? term.en || term.zh : term.zh;
}

/**
 * [value, label] pairs for a select.
 * @param {ListName} list
 * @param {boolean} [withAny] first option "any" (empty value)
 * @param {(t: Term) => boolean} [keep]
 * @returns {[string, string][]}
 */
export function vocabOptions(list, withAny = false, keep = () => true) {
  const out = /** @type {[string, string][]} */ (terms(list).filter(keep).map((x) => [x.value, vlabel(list, x.value)]));
  return withAny ? [['', T('any')], ...out] : out;
}
