// @ts-check
// PES workbench: organiser, recruiter and staff pages. Native ES modules, no build step, type-checked
// by `tsc -p tsconfig.web.json` (JSDoc). This module holds the sections per role and the hash router.
// Rules: API text only through textContent; no inline script/style (strict CSP); every control
// ≥ 44 px; field errors next to the field; nothing typed is lost on an error or a language switch.
import { state, T, hooks, snapshot, clearRestore, resetLive, setLang } from './lib/state.js';
import { $, h } from './lib/dom.js';
import { loadMe } from './lib/api.js';
import { loadVocabulary } from './lib/vocab.js';
import { setZone } from './lib/format.js';
import * as auth from './views/auth.js';
import * as fairs from './views/fairs.js';
import * as vacancies from './views/vacancies.js';
import * as staff from './views/staff.js';
import * as reports from './views/reports.js';

/** @type {Record<string, [string, string][]>} */
const NAV = {
  organiser: [['fairs', 'nav_fairs'], ['vacancies', 'nav_vacancies'], ['vacancies/new', 'nav_newVacancy']],
  employer: [['vacancies', 'nav_vacancies'], ['vacancies/new', 'nav_newVacancy'], ['search', 'nav_search'], ['outcomes', 'nav_outcomes']],
  staff: [
    ['find', 'nav_find'], ['seekers/new', 'nav_register'], ['referrals', 'nav_referrals'], ['requests', 'nav_requests'], ['placements', 'nav_placements'],
    ['seekers', 'nav_seekers'], ['review', 'nav_review'], ['search', 'nav_search'], ['fairs', 'nav_fairs'], ['vacancies', 'nav_vacancies'],
    ['saved', 'nav_saved'], ['verify', 'nav_verify'], ['reports', 'nav_reports'], ['fairness', 'nav_fairness'], ['audit', 'nav_audit'],
  ],
};
NAV.admin = [...NAV.staff, ['vacancies/new', 'nav_newVacancy']];

/**
 * The sections of every role the person holds (roles may combine), primary role first, each once.
 * @param {import('./lib/state.js').Me} me
 */
export function navFor(me) {
  const seen = new Set();
  /** @type {[string, string][]} */
  const out = [];
  for (const r of [me.role, ...me.roles]) for (const item of NAV[r] || []) if (!seen.has(item[0])) seen.add(item[0]) && out.push(item);
  out.push(['account', 'nav_account']);
  return out;
}
auth.setNavFor(navFor);

const UUID = '([0-9a-f-]{36})';
/** @type {[RegExp, (main: HTMLElement, m: RegExpMatchArray, p: URLSearchParams) => unknown][]} */
const ROUTES = [
  [/^fairs$/, (m) => fairs.fairsView(m)],
  [new RegExp(`^fairs/${UUID}$`), (m, a) => fairs.fairView(m, a[1])],
  [/^vacancies$/, (m) => vacancies.vacanciesView(m)],
  [/^vacancies\/new$/, (m) => vacancies.vacancyFormView(m, null)],
  [new RegExp(`^vacancies/${UUID}/edit$`), (m, a) => vacancies.vacancyFormView(m, a[1])],
  [new RegExp(`^vacancies/${UUID}/candidates$`), (m, a) => vacancies.candidatesView(m, a[1])],
  [/^search$/, (m) => vacancies.searchView(m)],
  [/^find$/, (m) => staff.findView(m)],
  [/^seekers$/, (m) => staff.seekersView(m)],
  [/^seekers\/new$/, (m) => staff.registerSeekerView(m)],
  [new RegExp(`^seekers/${UUID}$`), (m, a) => staff.recordView(m, a[1])],
  [new RegExp(`^seekers/${UUID}/matches$`), (m, a) => staff.seekerMatchesView(m, a[1])],
  [/^referrals$/, (m, _a, p) => staff.referralsView(m, p)],
  [/^requests$/, (m) => staff.requestsView(m)],
  [/^placements$/, (m, _a, p) => staff.placementsView(m, p)],
  [/^review$/, (m) => staff.reviewView(m)],
  [/^outcomes$/, (m) => staff.outcomesView(m)],
  [/^saved$/, (m) => reports.savedSearchesView(m)],
  [/^reports$/, (m) => reports.reportsView(m)],
  [/^fairness$/, (m) => reports.fairnessView(m)],
  [/^audit$/, (m) => reports.auditView(m)],
  [/^verify$/, (m) => auth.verificationsView(m)],
  [/^account$/, (m) => auth.accountView(m)],
];

/** Pages for someone not (fully) signed in. */
/** @type {[RegExp, (main: HTMLElement, m: RegExpMatchArray, p: URLSearchParams) => unknown][]} */
const PUBLIC_ROUTES = [
  [/^forgot$/, (m) => auth.forgotView(m)],
  [/^welcome$/, (m, _a, p) => auth.welcomeView(m, p)],
  [/^register-employer$/, (m) => auth.registerEmployerView(m)],
];
/** @type {Record<string, (main: HTMLElement) => unknown>} */
const STAGE_VIEWS = { second_factor: auth.secondFactorView, password: (m) => auth.passwordView(m), enrol: auth.enrolView };

let renderSeq = 0;
let navigated = false;
async function render() {
  const seq = ++renderSeq;
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  document.body.dataset.ready = 'false';
  document.title = `${T('appTitle')} · PES`;
  $('#app-title').textContent = T('appTitle');
  $('#btn-lang').textContent = T('switchLang');
  $('#btn-signout').textContent = T('signOut');
  $('#btn-signout').hidden = !state.me;
  $('#who').textContent = state.me ? `${state.me.name} · ${state.me.roles.map((r) => T(`role_${r}`)).join(' / ')}` : '';
  const main = $('#main');
  main.replaceChildren();
  resetLive();
  const nav = $('#nav');
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query || '');
  if (!state.me || state.me.session.stage !== 'active') {
    nav.hidden = true;
    const pub = PUBLIC_ROUTES.find(([re]) => re.test(path || ''));
    if (pub) await pub[1](main, path.match(pub[0]), params);
    else if (state.me) await STAGE_VIEWS[state.me.session.stage](main);
    else auth.signInView(main);
    if (seq !== renderSeq) return;
    document.body.dataset.ready = 'true';
    return;
  }
  // Option lists and labels come from the server; the first view waits for them once.
  setZone(state.me.timeZone);
  await loadVocabulary();
  if (seq !== renderSeq) return;
  const items = navFor(state.me);
  nav.hidden = false;
  nav.replaceChildren(...items.map(([p, k]) => h('a', { href: `#/${p}`, 'aria-current': p === path ? 'page' : null, dataset: { nav: p } }, T(k))));
  const route = ROUTES.find(([re]) => re.test(path || ''));
  if (!route) {
    location.replace(`#/${items[0][0]}`);
    return;
  }
  await route[1](main, path.match(route[0]), params);
  if (seq !== renderSeq) return;
  document.body.dataset.ready = 'true';
  // After navigating, keyboard and screen-reader users start at the new view, not at the old link.
  if (navigated) main.focus({ preventScroll: true });
  navigated = false;
}
hooks.render = render;

$('#btn-lang').addEventListener('click', () => {
  snapshot($('#main'));
  setLang(state.lang === 'en' ? 'zh' : 'en');
  render();
});
$('#btn-signout').addEventListener('click', auth.signOut);
window.addEventListener('hashchange', () => {
  // A new view starts empty; what was kept for a language switch belongs to the old one.
  clearRestore();
  navigated = true;
  render();
});
loadMe().then(() => render());
