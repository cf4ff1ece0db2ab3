// Public touchscreen kiosk. Plain ES module, no build step. Safety rule: data from the API is
// only ever placed with textContent; the one exception, the search highlight, is rebuilt from
// an inert parse keeping nothing but text and <mark> (see markedTitle).
import { STRINGS } from './i18n.js';

const params = new URLSearchParams(location.search);
const seconds = (name, fallback, min) => {
  const v = Number(params.get(name));
  return Number.isFinite(v) && v >= min ? v : fallback;
};
// Overridable for tests and for halls that want other timings: /kiosk?idle=3&warn=2&timeout=0.5 (seconds).
const IDLE_MS = seconds('idle', 60, 1) * 1000;
const WARN_MS = seconds('warn', 30, 1) * 1000;
const FAIR_ID = /^[0-9a-f-]{36}$/i.test(params.get('fair') ?? '') ? params.get('fair') : null;
const PAGE_SIZE = 10;
// How long one request may take before it is retried; a slow hall network may want more, a test less.
const REQUEST_TIMEOUT_MS = seconds('timeout', 5, 0.1) * 1000;
const DEBOUNCE_MS = 250;

const WAGE_BANDS = [3000, 5000, 8000];
// The four education tiles a passer-by chooses from; their labels come from GET /vocabulary.
const EDUCATION_LEVELS = ['junior_secondary', 'senior_secondary', 'associate', 'bachelor'];
// The contract tiles (two, for a touchscreen); labels from GET /vocabulary.
const CONTRACTS = ['full_time', 'part_time'];
const KEY_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

const $ = (id) => document.getElementById(id);

function el(tag, opts = {}, children = []) {
  const node = document.createElement(tag);
  if (opts.className) node.className = opts.className;
  if (opts.text !== undefined) node.textContent = String(opts.text);
  if (opts.type) node.type = opts.type;
  if (opts.attrs) for (const [k, v] of Object.entries(opts.attrs)) node.setAttribute(k, String(v));
  if (opts.onClick) node.addEventListener('click', opts.onClick);
  for (const c of children) if (c) node.append(c);
  return node;
}

const freshState = () => ({
  lang: 'zh',
  large: false,
  contrast: false,
  view: 'home',
  q: '',
  keyboardOpen: true,
  occupationGroup: null, // { code, nameZh, nameEn }
  district: null,
  wageMin: null,
  education: null,
  contractType: null,
  publicWelfare: false,
  page: 1,
  items: [],
  total: 0,
  loading: false,
  selected: null,
  typicalPay: null, // { id, p25, p75 } for the selected vacancy, from published wage guidance
});

let state = freshState();
let home = null; // GET /public/kiosk/home
let fair = null; // GET /fairs/:id (fair mode)
let booths = null; // GET /fairs/:id/booths, or 'unavailable'
let vocabulary = null; // GET /vocabulary: the server's one list of values and their zh/en labels

/** The label of a vocabulary value in the kiosk's language (the value itself until the lists arrive). */
const vocabLabel = (list, value) => vocabulary?.lists?.[list]?.find((x) => x.value === value)?.[state.lang] ?? value;

const t = (key, ...args) => {
  const v = STRINGS[state.lang][key];
  return typeof v === 'function' ? v(...args) : (v ?? key);
};

// ── network: timeout, bilingual banner, retry with backoff ─────────────────────────────────────

class HttpError extends Error {
  constructor(status) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

let failing = 0;
function setConnectionProblem(on) {
  failing = Math.max(0, failing + (on ? 1 : -1));
  $('conn-banner').hidden = failing === 0;
}

async function fetchOnce(url) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), REQUEST_TIMEOUT_MS);
  try {
    const res = await fetch(url, { signal: ctrl.signal, headers: { accept: 'application/json' } });
    if (!res.ok) throw new HttpError(res.status);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

const retryable = (err) => !(err instanceof HttpError) || err.status >= 500 || err.status === 429 || err.status === 408;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * GET JSON, retrying slow or failed requests with backoff (1 s, 2 s, 4 s … up to 15 s) until
 * they succeed or `isCurrent()` says the answer is no longer wanted. A 4xx other than 408/429
 * is final. The banner shows while any request is retrying.
 */
async function getJson(url, isCurrent = () => true) {
  let delay = 1000;
  let shown = false;
  try {
    for (;;) {
      try {
        return await fetchOnce(url);
      } catch (err) {
        if (!retryable(err)) throw err;
        if (!isCurrent()) throw new Error('superseded', { cause: err });
        if (!shown) {
          shown = true;
          setConnectionProblem(true);
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 15000);
        if (!isCurrent()) throw new Error('superseded', { cause: err });
      }
    }
  } finally {
    if (shown) setConnectionProblem(false);
  }
}

// ── rendering helpers ───────────────────────────────────────────────────────────────────────────

/** The API's highlight is HTML-escaped text with <mark>; keep exactly that and nothing else. */
function markedTitle(html, fallback) {
  const out = document.createDocumentFragment();
  if (typeof html !== 'string' || html === '') {
    out.append(fallback);
    return out;
  }
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walk = (node, target) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) target.append(child.textContent);
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.tagName === 'MARK') {
          const m = document.createElement('mark');
          m.textContent = child.textContent;
          target.append(m);
        } else walk(child, target);
      }
    }
  };
  walk(doc.body, out);
  return out;
}

const fmtNumber = (n) => Number(n).toLocaleString('en-US');
function wageText(v) {
  if (!v.wageStated) return t('negotiable');
  const lo = v.wageMin;
  const hi = v.wageMax;
  const range = lo !== null && hi !== null && lo !== hi ? `${fmtNumber(lo)}–${fmtNumber(hi)}` : fmtNumber(lo ?? hi);
  return `${range} ${t('perMonth')}`;
}
const fmtDate = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};
const fmtDateTime = (iso) => {
  const d = new Date(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${fmtDate(iso)} ${p(d.getHours())}:${p(d.getMinutes())}`;
};
const districtName = (d) => (state.lang === 'en' ? d.districtNameEn || d.nameEn || d.districtNameZh || d.nameZh : d.districtNameZh || d.nameZh) || '';
const groupName = (g) => (state.lang === 'en' ? g.nameEn : g.nameZh);

function applyStaticText() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('appTitle');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  const lang = $('btn-lang');
  lang.textContent = t('switchLang');
  lang.lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  $('btn-keyboard').textContent = state.keyboardOpen ? t('hideKeyboard') : t('showKeyboard');
  $('idle-text').textContent = t('idleText');
  if (FAIR_ID) $('app-title').textContent = `${t('appTitle')} · ${t('fairMode')}`;
}

function applyDisplay() {
  document.documentElement.classList.toggle('large', state.large);
  document.documentElement.classList.toggle('contrast', state.contrast);
  $('btn-large').setAttribute('aria-pressed', String(state.large));
  $('btn-contrast').setAttribute('aria-pressed', String(state.contrast));
}

function showView(name) {
  state.view = name;
  for (const v of ['home', 'results', 'detail']) $(`view-${v}`).hidden = v !== name;
  $('boot').hidden = true;
  window.scrollTo(0, 0);
}

// ── home ────────────────────────────────────────────────────────────────────────────────────────

function tile(label, sub, onClick, extraClass = '') {
  return el('button', { type: 'button', className: `tile ${extraClass}`.trim(), onClick }, [
    el('span', { className: 'tile-label', text: label }),
    sub ? el('span', { className: 'tile-sub', text: sub }) : null,
  ]);
}

function renderHome() {
  const groups = $('tiles-groups');
  const titles = $('tiles-titles');
  const districts = $('tiles-districts');
  const fairs = $('tiles-fairs');
  groups.replaceChildren();
  titles.replaceChildren();
  districts.replaceChildren();
  fairs.replaceChildren();
  if (!home) return;
  for (const g of home.occupationGroups) {
    groups.append(
      tile(groupName(g), t('jobsCount', g.count), () => startSearch({ occupationGroup: g }), g.count ? '' : 'tile-empty'),
    );
  }
  for (const p of home.popularTitles) titles.append(tile(p.title, t('jobsCount', p.count), () => startSearch({ q: p.title })));
  for (const d of home.districts) districts.append(tile(districtName(d), t('jobsCount', d.count), () => startSearch({ district: d.code })));

  $('fairs-section').hidden = Boolean(FAIR_ID);
  if (!FAIR_ID) {
    for (const f of home.fairs) {
      const when = `${fmtDateTime(f.startsAt)} · ${f.venue}`;
      fairs.append(
        tile(f.name, `${when} · ${t('jobsCount', f.vacancyCount)}`, () => {
          // A fair tile opens that fair's kiosk view.
          location.search = `?fair=${encodeURIComponent(f.id)}${params.has('idle') ? `&idle=${params.get('idle')}` : ''}${params.has('warn') ? `&warn=${params.get('warn')}` : ''}`;
        }, 'tile-fair'),
      );
    }
    $('fairs-none').hidden = home.fairs.length > 0;
  }

  if (FAIR_ID) {
    $('fair-intro').hidden = !fair;
    if (fair) {
      $('fair-name').textContent = fair.name;
      $('fair-when').textContent = t('fairWhen', fmtDateTime(fair.startsAt), fmtDateTime(fair.endsAt), fair.venue);
    }
    $('booths-section').hidden = false;
    const list = $('booth-list');
    list.replaceChildren();
    const available = Array.isArray(booths) && booths.length > 0;
    $('booths-none').hidden = available;
    if (available) {
      const sorted = [...booths].sort((a, b) => String(a.boothNo).localeCompare(String(b.boothNo), 'en', { numeric: true }));
      for (const b of sorted) {
        list.append(
          el('li', { className: 'booth' }, [
            el('span', { className: 'booth-employer', text: b.employer?.name ?? '' }),
            el('span', { className: 'booth-no', text: `${t('booth')} ${b.boothNo}` }),
          ]),
        );
      }
    }
  }
}

async function loadHome() {
  const url = `/public/kiosk/home${FAIR_ID ? `?fairId=${encodeURIComponent(FAIR_ID)}` : ''}`;
  const tasks = [getJson(url).then((h) => (home = h)), getJson('/vocabulary').then((v) => (vocabulary = v))];
  if (FAIR_ID) {
    // The fair's own record and booths are nice to have: without them the kiosk still searches the fair.
    tasks.push(fetchOnce(`/fairs/${encodeURIComponent(FAIR_ID)}`).then((f) => (fair = f), () => (fair = null)));
    tasks.push(
      fetchOnce(`/fairs/${encodeURIComponent(FAIR_ID)}/booths`).then(
        (b) => (booths = Array.isArray(b?.items) ? b.items : 'unavailable'),
        () => (booths = 'unavailable'),
      ),
    );
  }
  await Promise.all(tasks);
  if (state.view === 'home') renderHome();
}

// ── search ──────────────────────────────────────────────────────────────────────────────────────

let searchSeq = 0;
let debounceTimer = null;

function searchUrl(page) {
  const u = new URLSearchParams();
  const q = state.q.trim();
  if (q) u.set('q', q);
  if (state.occupationGroup) u.set('occupationGroup', state.occupationGroup.code);
  if (state.district) u.set('district', state.district);
  if (state.wageMin) u.set('wageMin', String(state.wageMin));
  if (state.education) u.set('education', state.education);
  if (state.contractType) u.set('contractType', state.contractType);
  if (state.publicWelfare) u.set('publicWelfare', 'true');
  if (FAIR_ID) u.set('fairId', FAIR_ID);
  u.set('sort', q ? 'relevance' : 'newest');
  u.set('page', String(page));
  u.set('pageSize', String(PAGE_SIZE));
  return `/public/vacancies/search?${u}`;
}

async function runSearch({ append = false } = {}) {
  const seq = ++searchSeq;
  const page = append ? state.page + 1 : 1;
  state.loading = true;
  if (!append) renderResultCount();
  try {
    const res = await getJson(searchUrl(page), () => seq === searchSeq);
    if (seq !== searchSeq) return;
    state.page = page;
    state.total = res.total;
    state.items = append ? [...state.items, ...res.items] : res.items;
  } catch {
    if (seq !== searchSeq) return;
    // A final 4xx (e.g. a query the API rejects): show no results rather than an error page.
    state.items = append ? state.items : [];
    state.total = append ? state.total : 0;
  } finally {
    if (seq === searchSeq) state.loading = false;
  }
  if (seq === searchSeq && state.view === 'results') renderResults();
}

function scheduleSearch() {
  clearTimeout(debounceTimer);
  searchSeq++; // anything in flight is now stale
  suggestSeq++;
  debounceTimer = setTimeout(() => {
    runSearch();
    runSuggest();
  }, DEBOUNCE_MS);
}

// ── autocomplete tiles ──────────────────────────────────────────────────────────────────────────
// While someone types (characters, pinyin or initials), the titles, occupations and employers it
// could mean are offered as large tiles; one tap searches the whole title, so `sj` is two keys and
// a tap instead of a word typed letter by letter.

let suggestSeq = 0;
let suggestions = [];

async function runSuggest() {
  const seq = ++suggestSeq;
  const q = state.q.trim();
  if (!q || !state.keyboardOpen) {
    suggestions = [];
    renderSuggestions();
    return;
  }
  try {
    const res = await getJson(`/public/vacancies/complete?q=${encodeURIComponent(q)}&limit=6`, () => seq === suggestSeq);
    if (seq !== suggestSeq) return;
    // The exact text already typed is not worth a tile.
    suggestions = res.suggestions.filter((s) => s.text !== q);
  } catch {
    if (seq !== suggestSeq) return;
    suggestions = [];
  }
  renderSuggestions();
}

function renderSuggestions() {
  const box = $('suggestions');
  box.replaceChildren();
  box.hidden = suggestions.length === 0 || !state.keyboardOpen;
  for (const s of suggestions) {
    const kind = t('suggestionKind')[s.kind] ?? s.kind;
    const node = tile(s.text, t('suggestionSub', kind, s.count), () => {
      state.q = s.text.slice(0, 100);
      suggestions = [];
      renderSuggestions();
      renderQuery();
      clearTimeout(debounceTimer);
      searchSeq++;
      suggestSeq++;
      runSearch();
    }, 'suggestion');
    node.setAttribute('data-suggestion', s.text);
    node.setAttribute('data-kind', s.kind);
    box.append(node);
  }
}

function startSearch(preset = {}) {
  state.q = preset.q ?? '';
  state.occupationGroup = preset.occupationGroup ?? null;
  state.district = preset.district ?? null;
  state.keyboardOpen = !preset.q && !preset.occupationGroup && !preset.district;
  suggestions = [];
  suggestSeq++;
  state.items = [];
  state.total = 0;
  showView('results');
  renderSearchControls();
  renderResults();
  runSearch();
}

function renderQuery() {
  const out = $('query');
  out.textContent = state.q;
  out.classList.toggle('empty', state.q === '');
  if (state.q === '') out.textContent = t('typeHere');
}

function renderKeyboard() {
  renderSuggestions();
  const kb = $('keyboard');
  kb.replaceChildren();
  kb.hidden = !state.keyboardOpen;
  $('query-hint').hidden = !state.keyboardOpen;
  $('btn-keyboard').setAttribute('aria-expanded', String(state.keyboardOpen));
  $('btn-keyboard').textContent = state.keyboardOpen ? t('hideKeyboard') : t('showKeyboard');
  if (!state.keyboardOpen) return;
  const type = (s) => {
    if (state.q.length >= 100) return;
    state.q += s;
    renderQuery();
    scheduleSearch();
  };
  for (const row of KEY_ROWS) {
    kb.append(
      el('div', { className: 'key-row' }, [...row].map((ch) => el('button', { type: 'button', className: 'key', text: ch, attrs: { 'data-key': ch }, onClick: () => type(ch) }))),
    );
  }
  kb.append(
    el('div', { className: 'key-row' }, [
      el('button', { type: 'button', className: 'key key-wide', text: t('space'), attrs: { 'data-key': 'space' }, onClick: () => type(' ') }),
      el('button', {
        type: 'button',
        className: 'key key-wide',
        text: t('backspace'),
        attrs: { 'data-key': 'backspace' },
        onClick: () => {
          state.q = state.q.slice(0, -1);
          renderQuery();
          scheduleSearch();
        },
      }),
      el('button', {
        type: 'button',
        className: 'key key-wide',
        text: t('clear'),
        attrs: { 'data-key': 'clear' },
        onClick: () => {
          state.q = '';
          renderQuery();
          scheduleSearch();
        },
      }),
    ]),
  );
}

function toggleGroup(container, options, current, onPick) {
  container.replaceChildren();
  for (const [value, label] of options) {
    const pressed = current === value;
    container.append(
      el('button', {
        type: 'button',
        className: 'toggle',
        text: label,
        attrs: { 'aria-pressed': String(pressed), 'data-value': value ?? '' },
        onClick: () => {
          onPick(value);
          state.items = [];
          renderSearchControls();
          scheduleSearch();
        },
      }),
    );
  }
}

function renderFilters() {
  const districts = home?.districts ?? [];
  toggleGroup($('f-district'), [[null, t('any')], ...districts.map((d) => [d.code, districtName(d)])], state.district, (v) => (state.district = v));
  toggleGroup($('f-wage'), [[null, t('any')], ...WAGE_BANDS.map((w) => [w, t('wageAtLeast', fmtNumber(w))])], state.wageMin, (v) => (state.wageMin = v));
  toggleGroup(
    $('f-education'),
    [[null, t('any')], ...EDUCATION_LEVELS.map((e) => [e, vocabLabel('educationLevels', e)])],
    state.education,
    (v) => (state.education = v),
  );
  toggleGroup($('f-contract'), [[null, t('any')], ...CONTRACTS.map((v) => [v, vocabLabel('contractTypes', v)])], state.contractType, (v) => (state.contractType = v));
  toggleGroup($('f-welfare'), [[false, t('any')], [true, t('publicWelfare')]], state.publicWelfare, (v) => (state.publicWelfare = v));

  const chips = $('active-group');
  chips.replaceChildren();
  if (state.occupationGroup) {
    const label = `${t('occupation')}: ${groupName(state.occupationGroup)}`;
    chips.append(
      el('button', {
        type: 'button',
        className: 'chip',
        text: `${label}  ✕`,
        attrs: { 'aria-label': t('removeFilter', label) },
        onClick: () => {
          state.occupationGroup = null;
          renderSearchControls();
          scheduleSearch();
        },
      }),
    );
  }
}

function renderSearchControls() {
  renderQuery();
  renderKeyboard();
  renderFilters();
}

function renderResultCount() {
  const count = $('result-count');
  if (state.loading && state.items.length === 0) count.textContent = t('searching');
  else if (state.total === 0) count.textContent = t('noResults');
  else count.textContent = t('resultCount', state.total);
}

function card(item) {
  const v = item.vacancy;
  const meta = [
    el('span', { className: 'card-wage', text: wageText(v) }),
    el('span', { className: 'card-district', text: districtName(v) }),
    el('span', { className: 'card-type', text: vocabLabel('contractTypes', v.contractType) }),
  ];
  if (v.publicWelfare) meta.push(el('span', { className: 'badge', text: t('welfareBadge') }));
  const title = el('span', { className: 'card-title' });
  title.append(markedTitle(item.highlight?.title, v.title));
  return el(
    'button',
    { type: 'button', className: 'card', attrs: { 'data-id': v.id }, onClick: () => openDetail(v) },
    [
      title,
      el('span', { className: 'card-employer', text: v.employerName }),
      el('span', { className: 'card-meta' }, meta),
      v.fairName
        ? el('span', { className: 'card-fair', text: `${t('fair')}: ${v.fairName}${v.boothNo ? ` · ${t('booth')} ${v.boothNo}` : ''}` })
        : null,
      el('span', { className: 'card-posted', text: `${t('posted')} ${fmtDate(v.publishedAt)}` }),
    ],
  );
}

function renderResults() {
  renderResultCount();
  const list = $('results');
  list.replaceChildren(...state.items.map(card));
  $('btn-more').hidden = state.items.length >= state.total || state.items.length === 0;
}

// ── detail ──────────────────────────────────────────────────────────────────────────────────────

function openDetail(v) {
  state.selected = v;
  state.typicalPay = null;
  showView('detail');
  renderDetail();
  loadTypicalPay(v);
}

/**
 * "Typical pay for this occupation" is an extra fact, shown only when published wage guidance
 * covers the vacancy's occupation. Optional, so one try: no retry and no connection banner.
 */
function loadTypicalPay(v) {
  fetchOnce(`/public/kiosk/vacancies/${encodeURIComponent(v.id)}/typical-pay`)
    .then((r) => {
      if (state.selected !== v || !r.typicalPay) return;
      state.typicalPay = { id: v.id, p25: r.typicalPay.p25, p75: r.typicalPay.p75 };
      renderDetail();
    })
    .catch(() => {});
}

function renderDetail() {
  const v = state.selected;
  if (!v) return;
  $('d-title').textContent = v.title;
  $('d-employer').textContent = v.employerName;
  const facts = $('d-facts');
  facts.replaceChildren();
  const fact = (label, value) => {
    if (!value) return;
    facts.append(el('div', { className: 'fact' }, [el('dt', { text: label }), el('dd', { text: value })]));
  };
  fact(t('pay'), wageText(v));
  const typical = state.typicalPay;
  if (typical && typical.id === v.id) fact(t('typicalPay'), t('typicalPayRange', fmtNumber(Math.round(typical.p25)), fmtNumber(Math.round(typical.p75))));
  fact(t('district'), districtName(v));
  fact(t('contract'), vocabLabel('contractTypes', v.contractType));
  fact(t('educationReq'), vocabLabel('educationLevels', v.educationMin));
  fact(t('openings'), String(v.headcount));
  if (v.fairName) fact(t('fair'), `${v.fairName}${v.boothNo ? ` · ${t('booth')} ${v.boothNo}` : ''}`);
  if (v.publicWelfare) fact(t('postType'), t('welfareBadge'));
  fact(t('posted'), fmtDate(v.publishedAt));
  fact(t('validUntil'), fmtDate(v.expiresAt));
  $('d-description').textContent = v.description || t('none');
  $('d-requirements').textContent = v.requirements || t('none');
  $('d-howtoapply').textContent = v.howToApply || t('none');
  const qr = $('d-qr');
  const src = `/public/vacancies/${encodeURIComponent(v.id)}/qr.svg`;
  if (qr.getAttribute('src') !== src) qr.setAttribute('src', src);
  qr.alt = t('qrAlt');
}

// ── idle reset (WCAG 2.2.1: warn, give at least 20 s, one tap to continue) ─────────────────────

let idleTimer = null;
let countdownTimer = null;
let warnDeadline = 0;

function isPristine() {
  const f = freshState();
  return state.view === 'home' && state.lang === f.lang && !state.large && !state.contrast;
}

function armIdle() {
  clearTimeout(idleTimer);
  if ($('idle-dialog').hidden === false) return;
  idleTimer = setTimeout(showIdleWarning, IDLE_MS);
}

function showIdleWarning() {
  if (isPristine()) return armIdle();
  warnDeadline = Date.now() + WARN_MS;
  $('idle-dialog').hidden = false;
  // Only the dialog is reachable while it shows (a touch elsewhere does not count as "continue").
  $('main').inert = true;
  document.querySelector('.topbar').inert = true;
  updateCountdown();
  $('btn-continue').focus();
  countdownTimer = setInterval(updateCountdown, 250);
}

function updateCountdown() {
  const left = Math.max(0, Math.ceil((warnDeadline - Date.now()) / 1000));
  $('idle-count').textContent = t('idleCount', left);
  if (Date.now() >= warnDeadline) resetKiosk();
}

function hideIdleWarning() {
  clearInterval(countdownTimer);
  $('idle-dialog').hidden = true;
  $('main').inert = false;
  document.querySelector('.topbar').inert = false;
}

function resetKiosk() {
  hideIdleWarning();
  clearTimeout(debounceTimer);
  searchSeq++;
  state = freshState();
  applyDisplay();
  applyStaticText();
  renderSearchControls();
  $('results').replaceChildren();
  $('result-count').textContent = '';
  $('btn-more').hidden = true;
  showView('home');
  renderHome();
  armIdle();
}

function onActivity() {
  if ($('idle-dialog').hidden) armIdle();
}

// ── wiring ──────────────────────────────────────────────────────────────────────────────────────

function rerenderAll() {
  applyStaticText();
  applyDisplay();
  renderHome();
  renderSearchControls();
  if (state.view === 'results') renderResults();
  if (state.view === 'detail') renderDetail();
}

function wire() {
  $('btn-home').addEventListener('click', () => {
    clearTimeout(debounceTimer);
    searchSeq++;
    const { lang, large, contrast } = state;
    state = { ...freshState(), lang, large, contrast };
    showView('home');
    rerenderAll();
  });
  $('btn-lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    rerenderAll();
  });
  $('btn-large').addEventListener('click', () => {
    state.large = !state.large;
    applyDisplay();
  });
  $('btn-contrast').addEventListener('click', () => {
    state.contrast = !state.contrast;
    applyDisplay();
  });
  $('btn-search').addEventListener('click', () => startSearch());
  $('btn-keyboard').addEventListener('click', () => {
    state.keyboardOpen = !state.keyboardOpen;
    renderKeyboard();
  });
  $('btn-more').addEventListener('click', () => runSearch({ append: true }));
  $('btn-back').addEventListener('click', () => {
    showView('results');
    renderSearchControls();
    renderResults();
  });
  $('btn-print').addEventListener('click', () => window.print());
  $('btn-continue').addEventListener('click', () => {
    hideIdleWarning();
    armIdle();
  });
  for (const type of ['pointerdown', 'touchstart', 'keydown', 'wheel']) {
    document.addEventListener(type, onActivity, { passive: true, capture: true });
  }
}

// Never a blank screen or a stack trace: an unexpected error becomes a short bilingual note.
function showUnexpected() {
  const banner = $('conn-banner');
  if (!banner.hidden) return;
  $('boot').hidden = false;
  $('boot').textContent = `${STRINGS.zh.unexpected} / ${STRINGS.en.unexpected}`;
}
window.addEventListener('error', showUnexpected);
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason && e.reason.message === 'superseded') return e.preventDefault();
  showUnexpected();
});

async function boot() {
  wire();
  applyStaticText();
  applyDisplay();
  renderSearchControls();
  showView('home');
  armIdle();
  await loadHome();
  renderHome();
  renderSearchControls();
  document.body.dataset.ready = 'true';
}

boot();
