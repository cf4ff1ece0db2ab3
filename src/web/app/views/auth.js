// @ts-check
// Signing in (password, second factor, enrolment), forgotten passwords, invitations, company
// registration, the account page and employer verification (staff).
import { state, T, L, msgText, hooks } from '../lib/state.js';
import { h, notice, facts } from '../lib/dom.js';
import { api, failure, loadMe, clearSession } from '../lib/api.js';
import { makeForm, pagedTable, filterBar } from '../lib/forms.js';
import { fmtDate } from '../lib/format.js';

/** @type {(me: any) => [string, string][]} */
let navFor = () => [];
/** main.js hands over the sections per role (it owns the router). */
export const setNavFor = (/** @type {(me: any) => [string, string][]} */ f) => (navFor = f);
const render = () => hooks.render();

export async function signOut() {
  await api('POST', '/auth/sign-out', { quiet: true });
  clearSession();
  state.signInNote = { key: 'signedOut' };
  location.hash = '#/';
  render();
}

export async function signOutEverywhere() {
  await api('POST', '/auth/sign-out-everywhere', { quiet: true });
  clearSession();
  state.signInNote = { key: 'signedOutEverywhere' };
  location.hash = '#/';
  render();
}

/** After a step of signing in: load who it is and show what comes next. */
async function afterStep() {
  await loadMe();
  if (state.me && state.me.session.stage === 'active') {
    const [p] = location.hash.replace(/^#\/?/, '').split('?');
    if (!p || p === 'welcome' || p === 'forgot' || p === 'register-employer') location.hash = `#/${navFor(state.me)[0][0]}`;
  }
  render();
}
export function signInView(/** @type {HTMLElement} */ main) {
  const f = makeForm(
    [
      { name: 'username', label: T('username'), required: true, wide: true, attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' } },
      { name: 'password', label: T('password'), type: 'password', required: true, wide: true, attrs: { autocomplete: 'current-password' } },
    ],
    {
      id: 'signin',
      submitLabel: T('signIn'),
      async onSubmit(form) {
        const v = form.values();
        if (!v.username) return form.fieldError('username', { key: 'required' });
        if (!form.inputs.password.input.value) return form.fieldError('password', { key: 'required' });
        const r = await api('POST', '/auth/sign-in', { body: { username: v.username, password: form.inputs.password.input.value } });
        form.inputs.password.input.value = '';
        if (!r.ok) return form.showError(r);
        state.csrf = r.data.csrfToken;
        state.signInNote = null;
        await afterStep();
      },
    },
  );
  const note = state.signInNote ? notice(msgText(state.signInNote), 'info') : null;
  main.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, T('signIn')),
      note,
      f.form,
      h('p', { class: 'muted' }, h('a', { href: '#/forgot' }, T('forgotPassword')), ' · ', h('a', { href: '#/register-employer' }, T('registerEmployer'))),
    ),
  );
  f.inputs.username.input.focus();
}

export function secondFactorView(/** @type {HTMLElement} */ main) {
  const f = makeForm([{ name: 'code', label: T('totpCode'), required: true, wide: true, hint: T('totpCodeHint'), attrs: { autocomplete: 'one-time-code', inputmode: 'numeric' } }], {
    id: 'second-factor',
    submitLabel: T('continue'),
    async onSubmit(form) {
      const r = await api('POST', '/auth/second-factor', { body: { code: form.values().code || '' } });
      if (!r.ok) return form.showError(r);
      await afterStep();
    },
    extraButtons: [h('button', { type: 'button', class: 'btn', onclick: signOut }, T('cancel'))],
  });
  main.append(h('section', { class: 'card' }, h('h2', {}, T('secondFactor')), f.form));
  f.inputs.code.input.focus();
}

export function passwordView(/** @type {HTMLElement} */ main, { voluntary = false } = {}) {
  const f = makeForm(
    [
      { name: 'currentPassword', label: T('currentPassword'), type: 'password', required: true, wide: true, attrs: { autocomplete: 'current-password' } },
      { name: 'newPassword', label: T('newPassword'), type: 'password', required: true, wide: true, hint: T('passwordPolicy'), attrs: { autocomplete: 'new-password' } },
    ],
    {
      id: 'password',
      submitLabel: T('changePassword'),
      async onSubmit(form) {
        const body = { currentPassword: form.inputs.currentPassword.input.value, newPassword: form.inputs.newPassword.input.value };
        const r = await api('POST', '/auth/password', { body });
        if (!r.ok) return form.showError(r);
        form.inputs.currentPassword.input.value = '';
        form.inputs.newPassword.input.value = '';
        if (voluntary) return form.ok({ key: 'passwordChanged' });
        await afterStep();
      },
    },
  );
  main.append(h('section', { class: 'card' }, h('h2', {}, T('changePassword')), voluntary ? null : notice(T('passwordChangeDue'), 'info'), f.form));
}

export async function enrolView(/** @type {HTMLElement} */ main) {
  const box = h('section', { class: 'card', id: 'enrol' }, h('h2', {}, T('enrolTitle')), h('p', {}, T('enrolIntro')));
  main.append(box);
  const r = await api('POST', '/auth/totp/enrol');
  if (!r.ok) return box.append(failure(r));
  // The QR code is an SVG from our own API, shown as an image (a data: URL), never as markup.
  const img = h('img', { id: 'enrol-qr', alt: T('enrolQrAlt'), width: 220, height: 220, src: `data:image/svg+xml;base64,${btoa(r.data.qrSvg)}` });
  const secret = h('code', { id: 'enrol-secret' }, r.data.secret.replace(/(.{4})/g, '$1 ').trim());
  const f = makeForm([{ name: 'code', label: T('totpCode'), required: true, wide: true, attrs: { autocomplete: 'one-time-code', inputmode: 'numeric' } }], {
    id: 'enrol-form',
    submitLabel: T('enrolConfirm'),
    async onSubmit(form) {
      const c = await api('POST', '/auth/totp/confirm', { body: { code: form.values().code || '' } });
      if (!c.ok) return form.showError(c);
      box.replaceChildren(
        h('h2', {}, T('recoveryTitle')),
        h('p', {}, T('recoveryIntro')),
        h('ol', { id: 'recovery-codes', class: 'codes' }, c.data.recoveryCodes.map((x) => h('li', {}, h('code', {}, x)))),
        h('button', { type: 'button', class: 'primary', id: 'recovery-done', onclick: () => afterStep() }, T('recoverySaved')),
      );
    },
  });
  box.append(h('div', { class: 'qr' }, img), h('p', {}, T('enrolManual'), ' ', secret), f.form);
}

export function forgotView(/** @type {HTMLElement} */ main) {
  const f = makeForm([{ name: 'username', label: T('usernameOrEmail'), required: true, wide: true, attrs: { autocomplete: 'username' } }], {
    id: 'forgot',
    submitLabel: T('sendLink'),
    async onSubmit(form) {
      const r = await api('POST', '/auth/password-reset', { body: { username: form.values().username || '' } });
      if (!r.ok) return form.showError(r);
      form.ok({ key: 'linkSent' });
    },
  });
  main.append(h('section', { class: 'card' }, h('h2', {}, T('forgotPassword')), f.form, h('p', {}, h('a', { href: '#/' }, T('backToSignIn')))));
}

export function welcomeView(/** @type {HTMLElement} */ main, params) {
  const token = params.get('token') || '';
  const f = makeForm([{ name: 'password', label: T('newPassword'), type: 'password', required: true, wide: true, hint: T('passwordPolicy'), attrs: { autocomplete: 'new-password' } }], {
    id: 'welcome',
    submitLabel: T('setPassword'),
    async onSubmit(form) {
      const r = await api('POST', '/auth/links/accept', { body: { token, password: form.inputs.password.input.value } });
      if (!r.ok) return form.showError(r);
      form.inputs.password.input.value = '';
      state.signInNote = { key: 'passwordSetSignIn' };
      history.replaceState(null, '', '#/');
      render();
    },
  });
  main.append(h('section', { class: 'card' }, h('h2', {}, T('setPassword')), f.form));
}

export function registerEmployerView(/** @type {HTMLElement} */ main) {
  const industries = /** @type {[string, string][]} */ ('ABCDEFGHIJKLMNOPQRST'.split('').map((c) => [c, `${c} ${L('ind', c)}`]));
  const f = makeForm(
    [
      { name: 'name', label: T('companyName'), required: true, wide: true },
      { name: 'creditCode', label: T('creditCode'), required: true, hint: T('creditCodeHint') },
      { name: 'industry', label: T('industry'), type: 'select', options: industries, required: true },
      { name: 'sizeBand', label: T('sizeBand'), type: 'select', options: /** @type {[string, string][]} */ (['micro', 'small', 'medium', 'large'].map((x) => [x, L('size', x) || x])), required: true },
      // The server resolves a district name (天河区) to its code, so nobody types a code.
      { name: 'districtCode', label: T('companyDistrict'), hint: T('companyDistrictHint') },
      { name: 'contactName', label: T('contactName'), required: true },
      { name: 'contactPhone', label: T('contactPhone'), attrs: { autocomplete: 'tel' } },
      { name: 'contactEmail', label: T('contactEmail'), attrs: { autocomplete: 'email', type: 'email' } },
      { name: 'username', label: T('username'), required: true, attrs: { autocomplete: 'username' } },
      { name: 'password', label: T('password'), type: 'password', required: true, hint: T('passwordPolicy'), attrs: { autocomplete: 'new-password' } },
    ],
    {
      id: 'register-employer',
      submitLabel: T('register'),
      async onSubmit(form) {
        const v = form.values();
        v.password = form.inputs.password.input.value;
        const r = await api('POST', '/public/employer-registrations', { body: v });
        if (!r.ok) return form.showError(r);
        form.inputs.password.input.value = '';
        state.signInNote = { key: 'registeredPending' };
        history.replaceState(null, '', '#/');
        render();
      },
    },
  );
  main.append(h('section', { class: 'card' }, h('h2', {}, T('registerEmployer')), h('p', {}, T('registerIntro')), f.form, h('p', {}, h('a', { href: '#/' }, T('backToSignIn')))));
}

/** Staff: companies waiting for verification; verify, or reject with a reason. */
export async function verificationsView(/** @type {HTMLElement} */ main) {
  const box = h('section', { class: 'card' }, h('h2', {}, T('nav_verify')));
  main.append(box);
  const filters = filterBar(
    [{ name: 'status', label: T('status'), type: 'select', options: ['pending', 'verified', 'rejected'].map((x) => [x, L('vs', x)]) }],
    () => table.load(1),
    { prefix: 'verify' },
  );
  const table = pagedTable({
    id: 'verifications',
    emptyText: T('verifyEmpty'),
    rowKey: (e) => e.id,
    fetchPage: (p) => api('GET', '/employer-registrations', { query: { ...p, ...filters.values() } }),
    columns: [
      { label: T('companyName'), render: (e) => h('strong', {}, e.name) },
      { label: T('creditCode'), render: (e) => e.creditCode },
      { label: T('industry'), render: (e) => L('ind', e.industry) },
      { label: T('contactName'), render: (e) => [e.contactName || '', e.contactEmail ? h('div', { class: 'muted' }, e.contactEmail) : null] },
      { label: T('registeredAt'), render: (e) => fmtDate(e.createdAt) },
      { label: T('status'), render: (e) => [L('vs', e.verificationStatus), e.rejectionReason ? h('div', { class: 'muted' }, e.rejectionReason) : null] },
      {
        label: T('actions'),
        render: (e) => {
          if (e.verificationStatus && e.verificationStatus !== 'pending') return '—';
          const reason = h('input', { type: 'text', id: `reason-${e.id}`, 'aria-label': T('rejectReason'), placeholder: T('rejectReason') });
          const out = h('span', { role: 'status' });
          const decide = async (/** @type {'verify'|'reject'} */ decision) => {
            if (decision === 'reject' && !reason.value.trim()) {
              out.textContent = T('reasonRequired');
              return;
            }
            const r = await api('POST', `/employers/${e.id}/verification`, { body: decision === 'reject' ? { decision, reason: reason.value.trim() } : { decision } });
            out.textContent = r.ok ? T(decision === 'verify' ? 'verifiedDone' : 'rejectedDone') : (r.data && r.data.message) || `HTTP ${r.status}`;
            if (r.ok) table.reload();
          };
          return h('span', {}, h('button', { type: 'button', class: 'btn primary verify', onclick: () => decide('verify') }, T('verify')), ' ', reason, ' ', h('button', { type: 'button', class: 'btn danger', onclick: () => decide('reject') }, T('reject')), ' ', out);
        },
      },
    ],
  });
  box.append(filters.el, table.el);
  await table.load(1);
}

export function accountView(/** @type {HTMLElement} */ main) {
  const me = state.me;
  /** @type {[string, any][]} */
  const rows = [
    [T('username'), me.person.username],
    [T('roles'), me.roles.map((r) => T(`role_${r}`)).join('、')],
    [T('office'), me.office ? (state.lang === 'en' ? me.office.nameEn || me.office.nameZh : me.office.nameZh) : '—'],
    [T('employer'), me.employer ? `${me.employer.name}${me.employer.verified ? '' : ` (${T('notVerified')})`}` : '—'],
    [T('secondFactor'), me.person.secondFactor.enabled ? T('on') : T('off')],
    [T('sessionEnds'), fmtDate(me.session.expiresAt)],
  ];
  main.append(
    h('section', { class: 'card', id: 'account' }, h('h2', {}, T('nav_account')), facts(rows),
      h('button', { type: 'button', class: 'btn', id: 'btn-signout-everywhere', onclick: signOutEverywhere }, T('signOutEverywhere'))),
  );
  if (!me.person.secondFactor.enabled) main.append(h('section', { class: 'card' }, h('h2', {}, T('enrolTitle')), h('button', { type: 'button', class: 'btn', onclick: () => { main.replaceChildren(); enrolView(main); } }, T('enrolStart'))));
  passwordView(main, { voluntary: true });
}
