// The app's UI: renders screens from the view models Rust sends (already in the user's
// language) and static labels from the Fluent catalogue by message id. Text from the portal
// is always set with textContent, never as HTML.

const { invoke } = window.__TAURI__.core;
const { listen } = window.__TAURI__.event;

const state = {
  lang: 'en',
  texts: {},
  demo: false,
  syncing: null, // the sync in flight, shared by every drawing of the dashboard
  version: '',
  screen: 'signin',
  signedIn: false,
  account: null,
  filter: 'unpaid',
  invoiceId: null,
  portal: 'jitops',
  payment: null, // { invoiceId, phase, elapsedMs, checks, message, startedAt }
  progress: {}, // the last payment-progress event of each payment attempt followed
  listToken: 0,
  notice: null,
};

// ---- text ---------------------------------------------------------------------------------

function t(id, vars = {}) {
  let text = state.texts[id] ?? id;
  for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

// A message formatted in Rust with its real arguments: a count's plural and digit grouping are
// the language's (the page's own `t` only fills markers). Answers the newest call per element.
const formatting = new WeakMap();
function showFormatted(el, id, vars) {
  const token = {};
  formatting.set(el, token);
  invoke('format_text', { id, args: vars }).then((text) => {
    if (formatting.get(el) === token) el.textContent = text;
  }, () => {});
}

function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, id] = pair.split(':');
      el.setAttribute(attr, t(id));
    }
  }
  document.documentElement.lang = state.lang;
  document.title = t('app-name');
  document.getElementById('version').textContent = t('footer-version', { version: state.version });
  for (const b of document.querySelectorAll('#lang-toggle button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  }
}

async function loadTexts(lang) {
  state.texts = await invoke('catalog', { lang });
  state.lang = lang;
}

// ---- DOM helpers --------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

const main = () => document.getElementById('main');

function announce(message) {
  const live = document.getElementById('live');
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 30);
}

function errorBox(err) {
  const message = (err && err.message) || t('error-internal');
  return h('div', { class: 'alert alert-error', role: 'alert', id: 'error', 'data-kind': err && err.kind, text: message });
}

function showError(container, err) {
  container.querySelector('.alert-error')?.remove();
  container.prepend(errorBox(err));
}

async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add('is-busy');
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.classList.remove('is-busy');
    button.removeAttribute('aria-busy');
    if (button.isConnected && button.textContent !== label) button.textContent = label;
  }
}

function field(id, labelId, input) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text: t(labelId) }), input);
}

// ---- navigation ---------------------------------------------------------------------------

function setChrome() {
  const rail = document.getElementById('rail');
  rail.hidden = !state.signedIn;
  document.getElementById('app').classList.toggle('signed-in', state.signedIn);
  const label = document.getElementById('account-label');
  label.hidden = !state.account;
  if (state.account) label.textContent = state.account.label;
  // The screens' items only: an account's item marks the account on screen (drawAccounts).
  for (const b of rail.querySelectorAll('.rail-item[data-screen]')) {
    const current = b.dataset.screen === state.screen || (state.screen === 'invoice' && b.dataset.screen === 'invoices');
    if (current) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  }
}

async function go(screen, options = {}) {
  state.screen = screen;
  if (options.invoiceId !== undefined) state.invoiceId = options.invoiceId;
  await render(options);
  if (options.focus !== false) focusScreen();
}

// A new screen: the focus goes to its heading (read first by a screen reader, and where Tab
// goes on from), unless the screen put it in its first field (a form to fill in).
function focusScreen() {
  const root = main();
  const active = document.activeElement;
  if (active && active !== root && root.contains(active) && active.matches('input, select, textarea')) return;
  const heading = root.querySelector('h1');
  if (!heading) { root.focus({ preventScroll: true }); return; }
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

async function render(options = {}) {
  applyStatic();
  setChrome();
  const screens = { signin, twofa, reset, dashboard, invoices, invoice, payment, help, settings, review, 'all-accounts': allAccounts };
  const view = screens[state.screen] || signin;
  const root = main();
  root.replaceChildren();
  root.dataset.screen = state.screen;
  await view(root, options);
  if (state.timing) markShown(state.screen === 'payment' ? `payment-${state.payment?.phase}` : state.screen);
}

// A background update of the screen on show (a sync that landed): drawn again from what Rust
// holds, with the person's focus and scroll kept. Only for screens without typed fields.
async function refresh() {
  const root = main();
  const focused = document.activeElement && document.activeElement.id;
  const scroll = root.scrollTop;
  await render({ fresh: false });
  root.scrollTop = scroll;
  if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
}

// `make bench` only (the app started with JITOPS_TIMING): tells the app when a screen has been
// painted, two animation frames after it was built.
function markShown(screen) {
  requestAnimationFrame(() => requestAnimationFrame(() => invoke('ui_shown', { screen }).catch(() => {})));
}

// ---- sign in ------------------------------------------------------------------------------

function portalChoice(root) {
  if (state.portal === 'demo') return { kind: 'demo' };
  if (state.portal === 'other') return { kind: 'other', url: root.querySelector('#portal-url').value };
  return { kind: 'jitops' };
}

async function signin(root) {
  const portals = ['jitops', 'other', 'demo'].map((p) =>
    h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'portal', value: p, id: `portal-${p}`, checked: state.portal === p, onchange: () => { state.portal = p; render(); } }),
      h('span', { text: t(`signin-portal-${p}`) })));
  const url = field('portal-url', 'signin-portal-url-label', h('input', { type: 'url', placeholder: 'https://', autocomplete: 'url' }));
  url.hidden = state.portal !== 'other';
  if (state.prefillUrl) url.querySelector('input').value = state.prefillUrl;
  const email = h('input', { type: 'email', autocomplete: 'username', required: true, value: state.prefillEmail || '' });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const remember = h('input', { type: 'checkbox', id: 'remember' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'signin-submit', text: t('signin-submit') });
  const form = h('form', { class: 'card narrow', id: 'signin-form', novalidate: true },
    h('h1', { text: t('signin-title') }),
    h('fieldset', {}, h('legend', { text: t('signin-portal-label') }), portals),
    url,
    state.portal === 'demo' ? h('p', { class: 'hint', id: 'demo-hint', text: t('signin-demo-hint') }) : null,
    field('email', 'signin-email-label', email),
    field('password', 'signin-password-label', password),
    h('label', { class: 'checkbox' }, remember, h('span', { text: t('signin-remember') })),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'link', id: 'forgot', text: t('signin-forgot'), onclick: () => go('reset') })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await busy(submit, async () => {
      submit.textContent = t('signin-busy');
      try {
        const outcome = await invoke('sign_in', {
          portal: portalChoice(form), email: email.value, password: password.value, remember: remember.checked,
        });
        password.value = '';
        if (outcome.second_factor) return go('twofa');
        await signedIn(outcome.account, outcome.keyring_warning);
      } catch (err) {
        showError(form, err);
        if (err && err.kind === 'captcha-required') {
          // Only a person can answer the captcha: the portal's own sign-in page opens in a
          // window of the app, and the session made there carries on here.
          const portal = portalChoice(form);
          form.querySelector('.alert-error').append(h('button', {
            type: 'button', class: 'quiet', id: 'open-portal-signin', text: t('signin-open-window'),
            onclick: () => invoke('browser_sign_in', { portal }).catch((e) => showError(form, e)),
          }));
        }
        if (err && ['unreachable', 'timeout', 'http-status'].includes(err.kind)) {
          // The portal cannot be reached: the invoices saved at the last sync, if any.
          const portal = portalChoice(form);
          const address = email.value;
          form.querySelector('.alert-error').append(h('button', {
            type: 'button', class: 'quiet', id: 'open-offline', text: t('offline-open'),
            onclick: async () => {
              try {
                await showOffline(await invoke('open_offline', { portal, email: address }));
              } catch (e) { showError(form, e); }
            },
          }));
        }
        password.focus();
      }
    });
  });
  root.append(form);
  (state.portal === 'other' ? url.querySelector('input') : email).focus();
}

// The saved copy of an account's invoices, without the portal: no sync is started.
async function showOffline(account) {
  state.selected?.clear();
  state.signedIn = true;
  state.account = account;
  state.notice = null;
  await go('dashboard');
  await drawAccounts();
}

// An account already signed in this run (switched to, or left after a sign-out): its figures
// at once; Refresh syncs.
async function showAccount(account) {
  state.selected?.clear();
  if (account.offline) return showOffline(account);
  state.signedIn = true;
  state.account = account;
  state.notice = null;
  state.invoiceId = undefined;
  await go('dashboard');
  await drawAccounts();
}

// The accounts in the rail: each one a click away, then "All accounts" and "Add an account".
async function drawAccounts() {
  const box = document.getElementById('rail-accounts');
  const accounts = await invoke('accounts').catch(() => []);
  const items = accounts.map((a, i) => h('button', {
    type: 'button', class: 'rail-item rail-account', id: `account-${i}`, 'data-key': a.key,
    'aria-current': a.current ? 'true' : null, title: a.label,
    onclick: () => switchTo(a),
  }, h('span', { class: 'account-email', text: a.email }),
  a.signed_in || a.current ? null : h('span', { class: 'muted account-state', text: t('accounts-signed-out') })));
  // replaceChildren would write a null as the text "null": leave the absent parts out.
  box.replaceChildren(...[
    h('h2', { class: 'rail-heading', text: t('accounts-label') }),
    ...items,
    accounts.length > 1 ? h('button', { type: 'button', class: 'rail-item', id: 'nav-all-accounts', 'data-screen': 'all-accounts', text: t('accounts-all'), onclick: () => go('all-accounts') }) : null,
    h('button', { type: 'button', class: 'rail-item quiet', id: 'add-account', text: t('accounts-add'), onclick: () => { state.prefillEmail = state.prefillUrl = null; go('signin'); } }),
  ].filter(Boolean));
}

async function switchTo(choice, then) {
  let account;
  try {
    account = await invoke('switch_account', { key: choice.key });
  } catch (err) { showError(main(), err); return; }
  if (!account) {
    // Not remembered and nothing saved: its password is needed.
    state.prefillEmail = choice.email;
    if (choice.portal === 'demo') state.portal = 'demo';
    else if (choice.portal === 'https://jitops.com/') state.portal = 'jitops';
    else { state.portal = 'other'; state.prefillUrl = choice.portal; }
    await go('signin');
    return;
  }
  const wasLive = choice.signed_in;
  if (account.offline) await showOffline(account);
  else if (wasLive) await showAccount(account);
  else await signedIn(account, null);
  if (then) await then();
}

// A row of an invoice table is one stop for Tab: Enter or Space opens it, the arrows, Home and
// End move between rows (in whichever table it is).
function rowKeys(open) {
  return (e) => {
    const row = e.currentTarget;
    const move = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling, Home: row.parentElement.firstElementChild, End: row.parentElement.lastElementChild }[e.key];
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } else if (move !== undefined) { e.preventDefault(); move?.focus(); }
  };
}

// The invoice number as the row's button, for a screen reader's list of buttons (the row is
// the keyboard's stop; a click on the button is the row's click).
function rowLink(number) {
  return h('button', { type: 'button', class: 'row-link', tabindex: '-1', 'aria-label': t('row-open', { number }), text: number });
}

// ---- all accounts ---------------------------------------------------------------------------

async function allAccounts(root) {
  const view = await invoke('all_accounts');
  const table = h('table', { class: 'invoices', id: 'all-accounts-table' },
    h('thead', {}, h('tr', {}, ['col-account', 'col-number', 'col-due', 'col-total', 'col-status'].map((id, i) =>
      h('th', { scope: 'col', class: i === 3 ? 'num' : '', text: t(id) })))),
    h('tbody', {}, view.rows.map((r) => h('tr', {
      tabindex: '0', 'data-id': String(r.id), 'data-account': r.account, class: `row status-${r.status}`,
      onclick: () => openFromAll(r),
      onkeydown: rowKeys(() => openFromAll(r)),
    },
    h('td', { text: r.email }), h('td', {}, rowLink(r.number)), h('td', { text: r.due }),
    h('td', { class: 'num', text: r.total }),
    h('td', {}, h('span', { class: `status status-${r.status}`, text: r.status_text }))))));
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('all-accounts-title') })),
    h('p', { class: 'muted', text: t('all-accounts-intro') }),
    view.rows.length ? table : h('p', { class: 'muted', id: 'all-accounts-empty', text: t('all-accounts-empty') }),
    h('div', { class: 'totals', id: 'all-accounts-totals' }, h('span', { text: view.totals_label }), ...view.totals.map((x) => h('strong', { class: 'total', text: x }))),
    view.overdue_totals.length ? h('div', { class: 'totals overdue', id: 'all-accounts-overdue' }, h('span', { text: t('all-accounts-overdue') }), ...view.overdue_totals.map((x) => h('strong', { class: 'total', text: x }))) : null);
}

async function openFromAll(row) {
  const choice = (await invoke('accounts')).find((a) => a.key === row.account);
  if (!choice) return;
  await switchTo(choice, () => go('invoice', { invoiceId: row.id }));
}

async function signedIn(account, warning) {
  state.selected?.clear();
  state.prefillEmail = state.prefillUrl = null;
  state.signedIn = true;
  state.account = account;
  state.notice = warning || null;
  // Started before any screen is drawn: a click on "Invoices" straight away waits for it too.
  startSync();
  await go('dashboard', { sync: true });
  await drawAccounts();
}

// The sync in flight, shared: one at a time, and every screen drawn meanwhile waits on it.
function startSync() {
  state.syncing ??= invoke('sync').finally(() => { state.syncing = null; });
  return state.syncing;
}

async function twofa(root) {
  if (state.backupOutcome) {
    newBackupCode(root, state.backupOutcome);
    return;
  }
  let backup = false;
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '12' });
  const label = h('label', { for: 'twofa-code', text: t('twofa-code-label') });
  code.id = 'twofa-code';
  const submit = h('button', { type: 'submit', class: 'primary', id: 'twofa-submit', text: t('twofa-submit') });
  const toggle = h('button', { type: 'button', class: 'link', id: 'twofa-backup', text: t('twofa-use-backup') });
  toggle.addEventListener('click', () => {
    backup = true;
    label.textContent = t('twofa-backup-label');
    toggle.hidden = true;
    code.removeAttribute('maxlength');
    code.focus();
  });
  const form = h('form', { class: 'card narrow', id: 'twofa-form' },
    h('h1', { text: t('twofa-title') }), h('p', { text: t('twofa-help') }),
    h('div', { class: 'field' }, label, code), h('div', { class: 'actions' }, submit, toggle));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await busy(submit, async () => {
      try {
        const outcome = await invoke('second_factor', { code: code.value, backup });
        if (outcome.new_backup_code) {
          // Kept in the state: a language switch redraws the card, Escape does not leave it.
          state.backupOutcome = outcome;
          await render({ fresh: false });
          return;
        }
        await signedIn(outcome.account, outcome.keyring_warning);
      } catch (err) {
        showError(form, err);
        code.select();
      }
    });
  });
  root.append(form);
  code.focus();
}

// WHMCS used the backup code up and made a new one it shows only once: the person sees it, can
// copy it, and goes on only when they say they kept it.
function newBackupCode(root, outcome) {
  const heading = h('h1', { text: t('backup-new-title'), tabindex: '-1' });
  const code = h('p', { class: 'backup-code', id: 'new-backup-code', text: outcome.new_backup_code });
  const copied = h('p', { class: 'muted', role: 'status', id: 'backup-copied' });
  const copy = h('button', { type: 'button', id: 'copy-backup-code', text: t('backup-new-copy') });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(outcome.new_backup_code);
    } catch {
      // No clipboard for the page: the code is selected for the person to copy.
      getSelection().selectAllChildren(code);
      document.execCommand('copy');
    }
    copied.textContent = t('backup-new-copied');
  });
  const done = h('button', { type: 'button', class: 'primary', id: 'backup-continue', text: t('backup-new-continue') });
  done.addEventListener('click', () => {
    state.backupOutcome = null;
    signedIn(outcome.account, outcome.keyring_warning);
  });
  const card = h('section', { class: 'card narrow', id: 'backup-code-card', 'aria-labelledby': 'backup-code-title' },
    heading, h('div', { class: 'alert alert-warn', text: t('backup-new-help') }), code, copied,
    h('div', { class: 'actions' }, done, copy));
  heading.id = 'backup-code-title';
  root.append(card);
  heading.focus();
}

async function reset(root) {
  const email = h('input', { type: 'email', autocomplete: 'username' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'reset-submit', text: t('reset-submit') });
  const form = h('form', { class: 'card narrow', id: 'reset-form' },
    h('h1', { text: t('reset-title') }), h('p', { text: t('reset-help') }),
    field('reset-email', 'reset-email-label', email),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'link', id: 'reset-back', text: t('reset-back'), onclick: () => go('signin') })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await busy(submit, async () => {
      try {
        const message = await invoke('request_password_reset', { portal: portalChoice(form), email: email.value });
        form.querySelector('.alert')?.remove();
        form.prepend(h('div', { class: 'alert alert-success', role: 'status', id: 'reset-sent', text: message }));
        announce(message);
      } catch (err) {
        showError(form, err);
      }
    });
  });
  root.append(form);
  email.focus();
}

// ---- dashboard ----------------------------------------------------------------------------

function updateBadge(view) {
  const count = view.unpaid_count;
  const badge = document.getElementById('invoices-badge');
  badge.hidden = !count;
  badge.textContent = String(count);
  badge.setAttribute('aria-label', view.badge_label);
}

async function dashboard(root, options = {}) {
  const refresh = h('button', { type: 'button', class: 'primary', id: 'refresh', text: t('dashboard-refresh') });
  const body = h('div', { class: 'dashboard' });
  // Payments not over yet (after a restart too): each leads to its progress.
  const pending = h('section', { class: 'card', id: 'pending-payments', hidden: true, 'aria-labelledby': 'pending-title' });
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('dashboard-title') }), refresh), body);
  if (state.notice) root.prepend(h('div', { class: 'alert alert-warn', role: 'status', id: 'notice', text: state.notice }));
  const draw = (view) => {
    updateBadge(view);
    state.account = view.account;
    root.querySelector('#offline')?.remove();
    if (view.offline_text) root.querySelector('.screen-head').after(h('div', { class: 'alert alert-warn', role: 'status', id: 'offline', text: view.offline_text }));
    const tab = h('button', { type: 'button', class: `invoices-tab ${view.overdue_count ? 'has-overdue' : ''}`, id: 'invoices-tab', onclick: () => go('invoices') },
      h('span', { class: 'tab-count', id: 'unpaid-count', text: String(view.unpaid_count) }),
      h('span', { class: 'tab-title', text: t('nav-invoices') }));
    body.replaceChildren(
      h('div', { class: 'card stat-card' }, tab,
        h('div', { class: 'stat-text' },
          h('p', { class: 'big', id: 'unpaid-text', text: view.unpaid_text }),
          h('p', { class: view.overdue_count ? 'overdue' : 'muted', id: 'overdue-text', text: view.overdue_text }),
          view.overdue_total ? h('p', { class: 'overdue', id: 'overdue-total', text: view.overdue_total }) : null,
          view.credit ? h('p', { id: 'credit', text: view.credit }) : null,
          view.all_paid ? h('p', { class: 'paid', text: t('dashboard-all-paid') }) : null)),
      h('p', { class: 'muted', id: 'last-sync', text: view.last_sync }),
      pending);
    drawPendingPayments();
  };
  const sync = async () => busy(refresh, async () => {
    refresh.textContent = t('dashboard-refreshing');
    body.setAttribute('aria-busy', 'true');
    try {
      // One sync at a time; a screen drawn again meanwhile (language toggle) waits on the same.
      const view = await startSync();
      if (!root.isConnected) return;
      draw(view);
      announce(view.unpaid_text);
      root.querySelector('.alert-error')?.remove();
    } catch (err) {
      if (!root.isConnected) return;
      showError(root, err);
      if (err && (err.kind === 'session-expired' || err.kind === 'not-signed-in')) return toSignIn();
    } finally {
      body.removeAttribute('aria-busy');
    }
  });
  refresh.addEventListener('click', sync);
  try {
    draw(await invoke('dashboard'));
  } catch (err) { /* not synced yet */ }
  if (options.sync || state.syncing) await sync();
}

// A payment not followed yet this run shows what its record says until its first event.
const PHASE_OF_STATE = { returned: 'waiting', stopped: 'stopped' };

function pendingProgress(a) {
  const e = state.progress[a.attemptId];
  if (e) return e;
  const phase = PHASE_OF_STATE[a.state] || 'checking';
  return { phase, messageId: `payment-${phase}`, elapsedMs: Date.now() - Date.parse(a.openedAt), checks: 0 };
}

async function drawPendingPayments() {
  const section = document.getElementById('pending-payments');
  if (!section) return;
  let answer;
  try { answer = await invoke('payment_state'); } catch (_) { return; }
  state.warnings = [...(state.warnings || []), ...answer.warnings];
  const head = document.querySelector('.screen-head');
  if (head && state.warnings.length && !document.getElementById('payments-warning')) {
    head.after(h('div', { class: 'alert alert-warn', role: 'alert', id: 'payments-warning', text: state.warnings.join(' ') }));
  }
  section.hidden = answer.pending.length === 0;
  section.replaceChildren(
    h('h2', { id: 'pending-title', text: t('dashboard-pending-title') }),
    h('ul', { class: 'pending-list' }, answer.pending.map((a) => {
      const p = pendingProgress(a);
      return h('li', { 'data-invoice': String(a.invoiceId) },
        h('strong', { text: a.otherAccount ? t('dashboard-pending-row-account', { number: a.number, account: a.otherAccount }) : t('dashboard-pending-row', { number: a.number }) }),
        h('span', { class: 'muted pending-message', text: t(p.messageId) }),
        h('button', {
          type: 'button', class: 'quiet', id: `pending-${a.invoiceId}`, text: t('dashboard-pending-follow'),
          onclick: () => {
            state.payment = { attemptId: a.attemptId, invoiceId: a.invoiceId, kind: a.kind, phase: p.phase, elapsedMs: p.elapsedMs, checks: p.checks, usualMs: p.usualMs, messageId: p.messageId, since: Date.now() };
            go('payment');
          },
        }));
    })));
}

async function toSignIn() {
  state.signedIn = false;
  state.account = null;
  await go('signin');
}

// ---- invoice list -------------------------------------------------------------------------

async function invoices(root) {
  const filters = ['unpaid', 'overdue', 'paid', 'all'];
  const tabs = h('div', { class: 'filters', role: 'group', 'aria-label': t('filter-label') });
  const table = h('table', { class: 'invoices', id: 'invoice-table' },
    h('thead', {}, h('tr', {}, ['col-number', 'col-date', 'col-due', 'col-total', 'col-status'].map((id, i) =>
      h('th', { scope: 'col', class: i === 3 ? 'num' : '', text: t(id) })),
    // The picking column stays narrow: its name is for screen readers (each box has its own).
    h('th', { scope: 'col', class: 'pick-col' }, h('span', { class: 'sr-only', text: t('col-select') })))));
  const tbody = h('tbody');
  // Several unpaid invoices picked here are paid together (the portal's mass payment).
  state.selected ??= new Set();
  const massProblem = h('span', { class: 'muted', id: 'mass-pay-problem' });
  // A payment of a picked invoice not confirmed yet: the double-charge warning, and paying
  // needs the explicit "Pay anyway".
  const massGuard = h('p', { class: 'alert alert-warn', role: 'alert', id: 'mass-pay-guard', hidden: true });
  let massGuarded = false;
  // A disabled Pay says why in the text beside it, read with it.
  const massPay = h('button', { type: 'button', class: 'primary', id: 'mass-pay-button', 'aria-describedby': 'mass-pay-problem' });
  const massClear = h('button', { type: 'button', class: 'quiet', id: 'mass-pay-clear', text: t('mass-pay-clear') });
  // The portal's mass payment names no method: with several, the person picks one here.
  const massMethod = h('select', { id: 'mass-pay-method', 'aria-label': t('invoice-method') });
  let massMethods = null;
  massMethod.hidden = true;
  const massBar = h('div', { class: 'mass-pay', id: 'mass-pay', hidden: true, role: 'region', 'aria-label': t('mass-pay-region'), 'aria-live': 'polite' }, massGuard, massMethod, massPay, massProblem, massClear);
  const updateMass = async () => {
    massBar.hidden = state.selected.size === 0;
    if (massBar.hidden) return;
    if (massMethods === null) {
      massMethods = await invoke('mass_payment_methods').catch(() => []);
      massMethod.replaceChildren(...massMethods.map((m) => h('option', { value: m.value, text: m.name })));
      massMethod.hidden = massMethods.length < 2;
    }
    const summary = await invoke('mass_payment_summary', { ids: [...state.selected] });
    massGuarded = !!summary.guard && !summary.problem;
    massGuard.hidden = !massGuarded;
    massGuard.textContent = summary.guard || '';
    massPay.textContent = massGuarded ? t('mass-pay-anyway', { label: summary.label }) : summary.label;
    massPay.className = massGuarded ? 'quiet' : 'primary';
    massProblem.textContent = summary.problem || '';
    massPay.disabled = !!summary.problem;
  };
  massClear.addEventListener('click', () => {
    state.selected.clear();
    for (const box of tbody.querySelectorAll('input.pick')) box.checked = false;
    updateMass();
  });
  massPay.addEventListener('click', () => busy(massPay, async () => {
    try {
      const method = massMethods && massMethods.length ? massMethod.value : null;
      const [id, attemptId] = await invoke('pay_many', { ids: [...state.selected], method, confirmed: massGuarded });
      state.selected.clear();
      if (!attemptId) {
        // An offline method: the portal made the combined invoice; its instructions show there.
        await go('invoice', { invoiceId: id, fresh: false });
        return;
      }
      state.payment = { attemptId, invoiceId: id, kind: 'one-off', phase: 'window', elapsedMs: 0, checks: 0, messageId: 'payment-open-window', since: Date.now() };
      await go('payment', { focus: false });
    } catch (err) { showError(root, err); }
  }));
  table.append(tbody);
  const totals = h('div', { class: 'totals', id: 'list-totals' });
  const empty = h('p', { class: 'muted', id: 'list-empty', hidden: true, text: t('invoices-empty') });
  const exportCsv = h('button', { type: 'button', class: 'quiet', id: 'export-csv', text: t('export-csv') });
  exportCsv.addEventListener('click', () => busy(exportCsv, async () => {
    root.querySelector('#export-done')?.remove();
    try {
      const saved = await invoke('export_csv', { filter: state.filter });
      if (saved) {
        totals.after(h('p', { class: 'alert alert-ok', role: 'status', id: 'export-done', text: saved }));
        announce(saved);
      }
    } catch (err) { showError(root, err); }
  }));
  const savePdfs = h('button', { type: 'button', class: 'quiet', id: 'save-pdfs', text: t('pdfs-save-all') });
  const pdfBar = h('progress', { id: 'pdfs-bar', value: '0', max: '1', 'aria-label': t('pdfs-save-all') });
  const pdfText = h('span', { id: 'pdfs-text', class: 'muted' });
  const stop = h('button', { type: 'button', class: 'quiet', id: 'pdfs-stop', text: t('pdfs-cancel'), onclick: () => invoke('stop_saving_pdfs') });
  const pdfPanel = h('div', { class: 'pdfs-progress', id: 'pdfs-progress', hidden: true, role: 'status' }, pdfBar, pdfText, stop);
  savePdfs.addEventListener('click', () => busy(savePdfs, async () => {
    root.querySelector('#pdfs-done')?.remove();
    const unlisten = await listen('pdf-progress', (event) => {
      const p = event.payload;
      pdfPanel.hidden = false;
      pdfBar.max = String(Math.max(p.total, 1));
      pdfBar.value = String(p.done);
      showFormatted(pdfText, 'pdfs-progress', { done: p.done, total: p.total, current: p.current });
    });
    try {
      const done = await invoke('save_all_pdfs', { filter: state.filter });
      if (done) {
        pdfPanel.after(h('p', { class: 'alert alert-ok', role: 'status', id: 'pdfs-done', text: done.message }));
        announce(done.message);
      }
    } catch (err) { showError(root, err); } finally {
      unlisten();
      pdfPanel.hidden = true;
    }
  }));
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('invoices-title') }), tabs), massBar, table, empty, totals,
    h('div', { class: 'actions' }, exportCsv, savePdfs), pdfPanel);
  updateMass();
  let view;
  try {
    view = await invoke('invoice_list', { filter: state.filter });
    if (state.syncing && !view.counts.all) {
      // Nothing synced yet and the first sync is still reading the list: say so rather than
      // "no invoices", and draw the list when it is in. (A list synced before shows at once.)
      const loading = h('p', { class: 'spinner', id: 'list-loading', text: t('loading') });
      table.after(loading);
      root.setAttribute('aria-busy', 'true');
      await state.syncing.catch(() => {});
      root.removeAttribute('aria-busy');
      loading.remove();
      if (!root.isConnected) return;
      view = await invoke('invoice_list', { filter: state.filter });
    }
  } catch (err) {
    showError(root, err);
    return;
  }
  // The filters stay where they are: a click changes which rows show, in place (the tabs are
  // never taken away under the pointer, and the last filter clicked wins).
  const counts = {};
  for (const f of filters) {
    counts[f] = h('span', { class: 'count' });
    tabs.append(h('button', {
      type: 'button', class: 'filter', id: `filter-${f}`, 'aria-pressed': String(state.filter === f),
      onclick: () => showFilter(f),
    }, h('span', { text: t(`filter-${f}`) }), counts[f]));
  }
  const showFilter = async (f) => {
    state.filter = f;
    for (const b of tabs.querySelectorAll('.filter')) b.setAttribute('aria-pressed', String(b.id === `filter-${f}`));
    let next;
    try { next = await invoke('invoice_list', { filter: f }); } catch (err) { showError(root, err); return; }
    if (state.filter !== f || !root.isConnected) return;
    drawList(next);
  };
  const drawRows = (v) => drawRowsInto(table, tbody, v, updateMass);
  const drawList = (view) => {
    for (const f of filters) counts[f].textContent = String(view.counts[f] ?? 0);
    empty.hidden = view.rows.length > 0;
    totals.replaceChildren(h('span', { text: view.totals_label }), ...view.totals.map((x) => h('strong', { class: 'total', text: x })));
    delete table.dataset.complete;
    tbody.replaceChildren();
    drawRows(view);
    announce(view.totals_label);
  };
  drawList(view);
}

// The invoice list's rows, drawn in slices: WebKitGTK paints only after the whole parse, so
// a long list goes first screenful first. A newer drawing (another filter) stops an older one.
function drawRowsInto(table, tbody, view, updateMass) {
  const token = ++state.listToken;
  const open = (id) => go('invoice', { invoiceId: id });
  const row = (r) => h('tr', {
    tabindex: '0', 'data-id': String(r.id), class: `row status-${r.status}`,
    onclick: () => open(r.id),
    onkeydown: rowKeys(() => open(r.id)),
  },
    h('td', {}, rowLink(r.number)), h('td', { text: r.date }), h('td', { text: r.due }),
    h('td', { class: 'num', text: r.total }),
    h('td', {}, h('span', { class: `status status-${r.status}`, text: r.status_text })),
    h('td', { class: 'pick-cell', onclick: (e) => e.stopPropagation() },
      r.status === 'unpaid' || r.status === 'overdue'
        ? h('input', {
          type: 'checkbox', class: 'pick', 'aria-label': t('mass-pay-select', { number: r.number }), checked: state.selected.has(r.id),
          onkeydown: (e) => e.stopPropagation(),
          onchange: (e) => { if (e.currentTarget.checked) state.selected.add(r.id); else state.selected.delete(r.id); updateMass(); },
        })
        : null));
  let index = 0;
  const slice = (n) => {
    if (token !== state.listToken) return;
    const frag = document.createDocumentFragment();
    for (const end = Math.min(index + n, view.rows.length); index < end; index++) frag.append(row(view.rows[index]));
    tbody.append(frag);
    if (index < view.rows.length) requestAnimationFrame(() => slice(400));
    else table.dataset.complete = 'true';
  };
  slice(60);
}

// ---- invoice ------------------------------------------------------------------------------

function amountsTable(id, captionId, rows, headers) {
  return h('table', { class: 'lines', id },
    h('caption', { text: t(captionId) }),
    headers ? h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { scope: 'col', class: i === headers.length - 1 ? 'num' : '', text: x })))) : null,
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { class: i === cells.length - 1 ? 'num' : '', text: c }))))));
}

async function invoice(root, options = {}) {
  const back = h('button', { type: 'button', class: 'quiet', id: 'back', text: t('back'), onclick: () => go('invoices') });
  root.append(h('div', { class: 'screen-head' }, back));
  const body = h('div', { class: 'invoice', 'aria-busy': 'true' }, h('p', { class: 'spinner', text: t('loading') }));
  root.append(body);
  let view;
  try {
    view = options.fresh === false
      ? await invoke('invoice_view', { id: state.invoiceId })
      : await invoke('invoice', { id: state.invoiceId });
  } catch (err) {
    try { view = await invoke('invoice_view', { id: state.invoiceId }); } catch (_) { /* nothing cached */ }
    if (!view) { body.replaceChildren(errorBox(err)); body.removeAttribute('aria-busy'); return; }
    showError(root, err);
  }
  const pay = h('section', { class: 'card pay', id: 'pay-section', 'aria-labelledby': 'pay-title' },
    h('h2', { id: 'pay-title', text: t('invoice-pay-title') }));
  // The payment method: a choice when the portal lets the person change it (the portal's own
  // form does it; the invoice is then read again, its payment area the new method's).
  if (view.methods.length > 1) {
    const select = h('select', { id: 'payment-method' },
      view.methods.map((m) => h('option', { value: m.value, selected: m.current, text: m.name })));
    select.addEventListener('change', () => busy(select, async () => {
      try {
        await invoke('change_payment_method', { id: view.id, method: select.value });
        await render({ fresh: false });
        document.getElementById('payment-method')?.focus();
        announce(t('invoice-method-changed', { method: select.selectedOptions[0]?.textContent || '' }));
      } catch (err) { showError(pay, err); }
    }));
    pay.append(field('payment-method', 'invoice-method', select));
  } else if (view.method) {
    pay.append(h('p', { class: 'muted', id: 'payment-method-name', text: t('invoice-method-is', { method: view.method }) }));
  }
  if (view.instructions) {
    // An offline method (a bank transfer): the portal's own words, nothing to open.
    pay.append(h('div', { class: 'alert alert-info', id: 'payment-instructions' },
      h('h3', { text: t('invoice-instructions-title') }), h('p', { text: view.instructions })));
  }
  if (view.guard) {
    pay.append(h('div', { class: 'alert alert-warn', role: 'alert', id: 'guard', text: view.guard }));
  }
  if (view.payable) {
    for (const c of view.choices) {
      const button = h('button', { type: 'button', class: view.guard ? 'quiet' : 'primary', id: `pay-${c.kind}`, text: view.guard ? t('payment-pay-anyway-choice', { choice: c.label }) : c.label });
      button.addEventListener('click', () => busy(button, () => startPayment(view.id, c.kind, Boolean(view.guard), pay)));
      pay.append(h('div', { class: 'choice' }, button, h('p', { class: 'muted', text: c.help })));
    }
    if (view.recurring_withheld) pay.append(h('p', { class: 'note', id: 'recurring-withheld', text: view.recurring_withheld }));
    pay.append(h('p', { class: 'muted small', text: t('payment-open-window') }));
  } else if ((view.status === 'unpaid' || view.status === 'overdue') && !view.instructions) {
    pay.append(h('p', { text: t('pay-none') }));
  }
  const savePdf = h('button', { type: 'button', class: 'quiet', id: 'pdf', text: t('invoice-pdf') });
  const openPdf = h('button', { type: 'button', class: 'quiet', id: 'pdf-open', text: t('pdf-open') });
  const pdf = h('div', { class: 'actions', hidden: !view.has_pdf }, openPdf, savePdf);
  savePdf.addEventListener('click', () => busy(savePdf, async () => {
    try {
      const message = await invoke('save_invoice_pdf', { id: view.id });
      root.querySelector('#pdf-saved')?.remove();
      if (message) pdf.after(h('p', { class: 'alert alert-success', role: 'status', id: 'pdf-saved', text: message }));
    } catch (err) { showError(root, err); }
  }));
  openPdf.addEventListener('click', () => busy(openPdf, async () => {
    try { await invoke('open_invoice_pdf', { id: view.id }); } catch (err) { showError(root, err); }
  }));
  // replaceChildren would write a null as the text "null": leave the absent parts out.
  body.replaceChildren(...[
    h('div', { class: 'invoice-head' },
      h('h1', { id: 'invoice-title', text: view.title }),
      h('span', { class: `status status-${view.status}`, id: 'invoice-status', text: view.status_text })),
    h('dl', { class: 'dates' },
      view.date ? [h('dt', { text: t('invoice-date') }), h('dd', { text: view.date })] : null,
      view.due ? [h('dt', { text: t('invoice-due') }), h('dd', { text: view.due })] : null),
    view.payable || view.guard || view.instructions || view.methods.length > 1 ? pay : null,
    amountsTable('items', 'invoice-items', [...view.items.map((i) => [i.label, i.amount]), ...view.totals.map((x) => [x.label, x.amount])],
      [t('invoice-description'), t('invoice-amount')]),
    view.transactions.length
      ? amountsTable('transactions', 'invoice-transactions', view.transactions.map((x) => [x.date, x.gateway, x.id, x.amount]),
        [t('invoice-tx-date'), t('invoice-tx-method'), t('invoice-tx-id'), t('invoice-amount')])
      : h('p', { class: 'muted', text: t('invoice-no-transactions') }),
    view.balance ? h('p', { class: 'balance', id: 'balance' }, h('span', { text: t('invoice-balance') }), h('strong', { text: view.balance })) : null,
    pdf].filter(Boolean));
  body.removeAttribute('aria-busy');
}

async function startPayment(id, kind, confirmed, container) {
  try {
    const attemptId = await invoke('pay', { id, kind, confirmed });
    state.payment = { attemptId, invoiceId: id, kind, phase: 'window', elapsedMs: 0, checks: 0, messageId: 'payment-open-window', since: Date.now() };
    await go('payment', { focus: false });
  } catch (err) {
    showError(container, err);
  }
}

// ---- payment progress ---------------------------------------------------------------------

let ticker = null;

function formatElapsed(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// What the payment screen shows in each phase: the bar while following, the way back when over.
const FOLLOWING = ['window', 'checking', 'waiting', 'slow', 'not-seen-yet', 'failed-unconfirmed', 'unknown'];
const OVER = ['paid', 'ended', 'not-paid', 'sign-in-needed', 'stopped'];

async function payment(root) {
  const p = state.payment;
  if (!p) return go('dashboard');
  const usualSecs = (p.usualMs || 300000) / 1000;
  const bar = h('progress', { id: 'payment-bar', max: String(usualSecs), value: '0', 'aria-label': t('payment-progress-label') });
  const elapsed = h('p', { id: 'payment-elapsed', class: 'muted' });
  const message = h('p', { id: 'payment-message', class: 'big', text: t(p.messageId) });
  const actions = h('div', { class: 'actions', id: 'payment-actions' });
  // Not a live region: each phase is announced once (onProgress), not read twice.
  const panel = h('section', { class: `card payment phase-${p.phase}`, id: 'payment-panel' },
    h('h1', { text: t('payment-title') }), message);
  const tracking = FOLLOWING.includes(p.phase) && p.phase !== 'window';
  if (tracking) panel.append(bar, elapsed);
  if (p.phase === 'not-paid') {
    // The portal said it: nothing was paid and the guard is lifted.
    actions.append(h('button', { type: 'button', class: 'primary', id: 'payment-pay-again', text: t('payment-pay-again'), onclick: (e) => busy(e.currentTarget, () => startPayment(p.invoiceId, p.kind, false, panel)) }));
  }
  if (p.phase === 'sign-in-needed') {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'payment-sign-in', text: t('payment-sign-in-again'), onclick: () => toSignIn() }));
  }
  if (OVER.includes(p.phase)) {
    actions.append(h('button', { type: 'button', class: p.phase === 'paid' ? 'primary' : 'quiet', id: 'payment-back', text: t('payment-back-to-invoice'), onclick: () => go('invoice', { invoiceId: p.invoiceId }) }));
    actions.append(h('button', { type: 'button', class: 'quiet', id: 'payment-dashboard', text: t('payment-back-to-dashboard'), onclick: () => go('dashboard', { sync: true }) }));
  }
  panel.append(actions);
  root.append(panel);
  const tick = () => {
    if (!state.payment || state.screen !== 'payment') return;
    const ms = state.payment.elapsedMs + (Date.now() - state.payment.since);
    bar.value = Math.min(usualSecs, ms / 1000);
    elapsed.textContent = t('payment-elapsed', { elapsed: formatElapsed(ms) });
  };
  clearInterval(ticker);
  if (tracking) { tick(); ticker = setInterval(tick, 1000); }
}

function onProgress(event) {
  const e = event.payload;
  const before = state.progress[e.attemptId];
  state.progress[e.attemptId] = e;
  const phaseChanged = !before || before.phase !== e.phase;
  // The payment on the payment screen follows its own attempt only; another payment's steps
  // show in the dashboard's list, never in place of the one the person is looking at.
  const shown = state.payment && (state.payment.attemptId === e.attemptId || (!state.payment.attemptId && state.payment.invoiceId === e.invoiceId));
  if (shown || !state.payment) {
    const p = shown ? state.payment : { attemptId: e.attemptId, invoiceId: e.invoiceId };
    const redraw = p.phase !== e.phase;
    Object.assign(p, { attemptId: e.attemptId, phase: e.phase, kind: e.kind, elapsedMs: e.elapsedMs, checks: e.checks, usualMs: e.usualMs, messageId: e.messageId, since: Date.now() });
    state.payment = p;
    if (redraw && state.screen === 'payment') {
      // Only the panel changes: the phase's message, the bar, the way on.
      document.getElementById('payment-panel')?.remove();
      payment(main());
      if (state.timing) markShown(`payment-${e.phase}`);
    }
  }
  if (!phaseChanged) return;
  if (state.screen === 'dashboard') drawPendingPayments();
  announce(t(e.messageId));
  if (e.phase === 'paid') {
    // The portal now counts one unpaid invoice less: refresh the badge (and the dashboard when
    // it is showing) in the background; a failure here only leaves the old count.
    startSync().then((view) => {
      updateBadge(view);
      if (state.screen === 'dashboard') refresh();
    }, () => {});
  }
}

// ---- help and settings --------------------------------------------------------------------

async function help(root) {
  root.append(h('article', { class: 'card help', id: 'help' },
    h('h1', { text: t('help-title') }),
    h('ol', {}, [1, 2, 3, 4, 5, 6].map((n) => h('li', { text: t(`help-step-${n}`) }))),
    h('p', { text: t('help-note') }),
    h('p', { class: 'alert alert-warn', role: 'note', id: 'help-warning', text: t('help-warning') }),
    h('p', { class: 'thanks', text: t('help-thanks') })));
}

// ---- translation review (works signed out and offline) ----------------------------------

// Screens a reviewer can open from a row: those needing an account only when signed in.
function reviewTarget(screen) {
  if (['signin', 'reset', 'twofa', 'review'].includes(screen)) return state.signedIn && screen !== 'review' ? null : { screen };
  if (!state.signedIn) return null;
  if (screen === 'payment' && !state.payment) return state.invoiceId ? { screen: 'invoice', invoiceId: state.invoiceId } : { screen: 'invoices' };
  if (screen === 'invoice' && state.invoiceId === undefined) return { screen: 'invoices' };
  return { screen, invoiceId: state.invoiceId };
}

async function review(root) {
  const rows = await invoke('review_rows');
  const filter = h('input', { type: 'search', id: 'review-filter', value: state.reviewFilter || '' });
  const only = h('input', { type: 'checkbox', id: 'review-only-problems', checked: !!state.reviewOnlyProblems });
  const count = h('p', { class: 'muted', id: 'review-count', role: 'status' });
  const tbody = h('tbody');
  const table = h('table', { class: 'review', id: 'review-table' },
    h('thead', {}, h('tr', {}, ['review-col-id', 'review-col-en', 'review-col-sq', 'review-col-state', 'review-col-screen'].map((id) =>
      h('th', { scope: 'col', text: t(id) })))),
    tbody);
  const exportBtn = h('button', { type: 'button', class: 'quiet', id: 'review-export', text: t('review-export') });
  let shown = rows;
  const row = (r) => {
    const target = r.screen ? reviewTarget(r.screen) : null;
    const show = r.screen ? h('button', {
      type: 'button', class: 'link', text: t('review-show'), disabled: !target,
      title: target ? (state.lang === 'sq' ? r.screen_sq : r.screen_en) : null,
      // Why it is disabled is said on the screen, once, and read with each such button.
      'aria-describedby': target ? null : 'review-show-note',
      onclick: () => target && go(target.screen, target.invoiceId !== undefined ? { invoiceId: target.invoiceId } : {}),
    }) : null;
    return h('tr', { class: `state-${r.state}`, 'data-id': r.id },
      h('td', {}, h('code', { text: r.id })),
      h('td', { lang: 'en', text: r.en }),
      h('td', { lang: 'sq', text: r.sq }),
      h('td', { class: 'review-state', text: t(`review-state-${r.state}`) }),
      h('td', {}, show));
  };
  const draw = () => {
    state.reviewFilter = filter.value;
    state.reviewOnlyProblems = only.checked;
    const needle = filter.value.trim().toLowerCase();
    shown = rows.filter((r) => (!only.checked || r.state !== 'ok')
      && (!needle || r.id.includes(needle) || r.en.toLowerCase().includes(needle) || r.sq.toLowerCase().includes(needle)));
    tbody.replaceChildren(...shown.map(row));
    showFormatted(count, 'review-count', { shown: shown.length, total: rows.length });
  };
  filter.addEventListener('input', draw);
  only.addEventListener('change', draw);
  exportBtn.addEventListener('click', () => busy(exportBtn, async () => {
    root.querySelector('#review-export-done')?.remove();
    try {
      const saved = await invoke('export_review_csv', { ids: shown.map((r) => r.id) });
      if (saved) {
        count.after(h('p', { class: 'alert alert-ok', role: 'status', id: 'review-export-done', text: saved }));
        announce(saved);
      }
    } catch (err) { showError(root, err); }
  }));
  root.append(h('section', { class: 'card review-card' },
    h('div', { class: 'screen-head' }, h('h1', { text: t('review-title') }), exportBtn),
    h('p', { text: t('review-intro') }),
    h('div', { class: 'review-tools' },
      field('review-filter', 'review-filter-label', filter),
      h('label', { class: 'checkbox' }, only, h('span', { text: t('review-only-problems') }))),
    state.signedIn ? null : h('p', { class: 'muted', id: 'review-show-note', text: t('review-show-needs-sign-in') }),
    count, table));
  draw();
}

async function settings(root) {
  const forget = h('input', { type: 'checkbox', id: 'forget' });
  const signout = h('button', { type: 'button', class: 'primary', id: 'signout', text: t('settings-signout') });
  signout.addEventListener('click', () => busy(signout, async () => {
    let next;
    try {
      next = await invoke('sign_out', { forget: forget.checked });
    } catch (err) { showError(root, err); return; }
    // Another account signed in this run takes the screen; else the sign-in.
    if (next) await showAccount(next);
    else await toSignIn();
  }));
  const langs = ['en', 'sq'].map((l) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: 'settings-lang', value: l, checked: state.lang === l, onchange: () => switchLanguage(l) }),
    h('span', { text: t(`lang-name-${l}`) })));
  root.append(h('div', { class: 'card narrow', id: 'settings' },
    h('h1', { text: t('settings-title') }),
    h('fieldset', {}, h('legend', { text: t('settings-language') }), langs),
    await desktopSettings(root),
    diagnosticsSection(root),
    h('h2', { text: t('settings-account') }),
    h('p', { id: 'settings-account', text: state.account ? state.account.label : '' }),
    state.account && state.account.remembered ? h('p', { class: 'muted', text: t('settings-remembered') }) : null,
    h('label', { class: 'checkbox' }, forget, h('span', { text: t('settings-forget') })),
    h('div', { class: 'actions' }, signout)));
}

// What closing the window does, and the start at login (both need a tray to come back from).
async function desktopSettings(root) {
  const desktop = await invoke('desktop_settings');
  const note = desktop.tray ? null : h('p', { class: 'muted', id: 'no-tray', text: t('settings-no-tray') });
  const box = (id, text, checked, change) => {
    const input = h('input', { type: 'checkbox', id, checked, disabled: !desktop.tray, 'aria-describedby': note ? 'no-tray' : null });
    input.addEventListener('change', async () => {
      root.querySelector('.alert-error')?.remove();
      try {
        await change(input.checked);
      } catch (err) {
        input.checked = !input.checked;
        showError(root, err);
      }
    });
    return h('label', { class: 'checkbox' }, input, h('span', { text: t(text) }));
  };
  return h('fieldset', { id: 'desktop-settings' }, h('legend', { text: t('settings-desktop') }),
    box('close-to-tray', 'settings-close-to-tray', desktop.tray && desktop.close_to_tray === true, (keep) => invoke('set_close_to_tray', { keep })),
    box('start-at-login', 'settings-start-at-login', desktop.start_at_login, async (on) => {
      const now = await invoke('set_start_at_login', { on });
      document.getElementById('start-at-login').checked = now;
    }),
    note);
}

// For a support ticket: the version, the portal's host and the recent problems from the log
// (never a password or a card), copied; where the page has no clipboard, shown selected.
function diagnosticsSection(root) {
  const status = h('p', { class: 'muted', role: 'status', id: 'diagnostics-status' });
  const text = h('textarea', { id: 'diagnostics-text', readonly: true, rows: '6', hidden: true, 'aria-label': t('settings-diagnostics') });
  const copy = h('button', { type: 'button', id: 'copy-diagnostics', text: t('settings-copy-diagnostics') });
  copy.addEventListener('click', () => busy(copy, async () => {
    let report;
    try {
      report = await invoke('diagnostics');
    } catch (err) { showError(root, err); return; }
    text.value = report;
    try {
      await navigator.clipboard.writeText(report);
      text.hidden = true;
      status.textContent = t('settings-diagnostics-copied');
    } catch {
      text.hidden = false;
      text.select();
      status.textContent = t('settings-diagnostics-select');
    }
  }));
  return h('section', { id: 'diagnostics', 'aria-labelledby': 'diagnostics-title' },
    h('h2', { id: 'diagnostics-title', text: t('settings-diagnostics') }),
    h('p', { class: 'muted', text: t('settings-diagnostics-help') }),
    h('div', { class: 'actions' }, copy),
    status, text);
}

// The window was closed with something to lose (a payment followed, reminders): asked once
// whether the app stays in the tray. Escape leaves the window open and the question for later.
function askOnClose() {
  if (document.getElementById('close-dialog')?.open) return;
  document.getElementById('close-dialog')?.remove();
  const choose = (keep) => async () => {
    dialog.close();
    try {
      await invoke('close_choice', { keep });
    } catch (err) { showError(main(), err); }
  };
  const dialog = h('dialog', { id: 'close-dialog', 'aria-labelledby': 'close-title', 'aria-describedby': 'close-body' },
    h('h2', { id: 'close-title', text: t('close-ask-title') }),
    h('p', { id: 'close-body', text: t('close-ask-body') }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'close-keep', text: t('close-ask-keep'), onclick: choose(true) }),
      h('button', { type: 'button', id: 'close-quit', text: t('close-ask-quit'), onclick: choose(false) })));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  document.getElementById('close-keep').focus();
}

// The tray's menu: a refresh in the background, another account; the tray or a click on a
// notification: the invoice it was about.
async function listenToTray() {
  await listen('close-asked', askOnClose);
  await listen('tray-refresh', () => {
    if (!state.signedIn) return;
    const button = state.screen === 'dashboard' && document.getElementById('refresh');
    if (button) { if (!button.disabled) button.click(); } else startSync().then((view) => updateBadge(view), () => {});
  });
  const choiceFor = async (key) => (await invoke('accounts')).find((a) => a.key === key);
  await listen('tray-switch-account', async (event) => {
    const choice = await choiceFor(event.payload);
    if (choice && !choice.current) await switchTo(choice);
  });
  await listen('open-invoice', async (event) => {
    const { account, invoiceId } = event.payload;
    const choice = await choiceFor(account);
    if (!choice) return;
    if (choice.current && state.signedIn) await go('invoice', { invoiceId });
    else await switchTo(choice, () => go('invoice', { invoiceId }));
  });
}

// ---- language -----------------------------------------------------------------------------

async function switchLanguage(lang) {
  if (lang === state.lang) return;
  await invoke('set_language', { lang });
  await loadTexts(lang);
  // What was last announced to screen readers was in the other language.
  document.getElementById('live').textContent = '';
  // Re-render the current screen from what Rust already holds: no network.
  const keep = document.activeElement && document.activeElement.id;
  await render({ fresh: false });
  // The accounts rail is outside the screen: its headings change language too.
  if (state.signedIn) await drawAccounts();
  if (keep) document.getElementById(keep)?.focus();
}

// ---- start --------------------------------------------------------------------------------

function back() {
  // The new backup code is shown once: leaving is only by saying it was kept.
  if (state.backupOutcome) return;
  // A question in a dialog: Escape closes the dialog, not the screen behind it.
  if (document.querySelector('dialog[open]')) return;
  const parent = { 'all-accounts': 'dashboard', invoice: 'invoices', payment: 'invoice', invoices: 'dashboard', help: 'dashboard', settings: 'dashboard', reset: 'signin', twofa: 'signin', review: state.signedIn ? 'dashboard' : 'signin' }[state.screen];
  if (!parent) return;
  if (!state.signedIn && !['signin'].includes(parent)) return;
  go(parent, parent === 'invoice' ? { invoiceId: state.invoiceId } : {});
}

// The person opened an invoice while only the saved copy was there, and it could not be read;
// the portal is back: the invoice they asked for is read now (the screen has nothing typed).
async function showWhatFailedOffline() {
  if (state.screen !== 'invoice' || document.getElementById('invoice-status')) return;
  await render();
  focusScreen();
}

async function start() {
  const info = await invoke('app_info');
  state.version = info.version;
  state.demo = info.demo;
  state.timing = info.timing;
  if (info.demo) state.portal = 'demo';
  await loadTexts(info.lang);
  for (const b of document.querySelectorAll('#lang-toggle button')) b.addEventListener('click', () => switchLanguage(b.dataset.lang));
  for (const b of document.querySelectorAll('#rail .rail-item')) b.addEventListener('click', () => go(b.dataset.screen));
  document.getElementById('open-review').addEventListener('click', () => go('review'));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) back();
  });
  await listen('payment-progress', onProgress);
  await listen('checkout-blocked', (event) => {
    const download = event.payload.download;
    const message = t(download ? 'payment-blocked-download' : 'payment-blocked-host', { host: event.payload.host });
    const panel = document.getElementById('payment-panel') || main();
    panel.querySelector('#blocked')?.remove();
    panel.append(h('div', { class: 'alert alert-warn', role: 'alert', id: 'blocked' },
      h('span', { text: message }),
      download ? null : h('button', { type: 'button', class: 'quiet', id: 'open-in-browser', text: t('payment-open-in-browser'), onclick: () => invoke('open_in_browser').catch((err) => showError(panel, err)) })));
  });
  // The person signed in on the portal's own page (sign-in window): the app carries on with
  // that session. There is no password to remember, and they are told so.
  await listen('browser-signed-in', async (event) => {
    const outcome = event.payload;
    const note = t('signin-browser-no-remember');
    await signedIn(outcome.account, outcome.keyring_warning ? `${outcome.keyring_warning} ${note}` : note);
  });
  await listen('browser-sign-in-failed', (event) => {
    const form = document.getElementById('signin-form') || main();
    showError(form, event.payload);
  });
  // The app was launched again: this window came to the front. Asked for the demo portal, the
  // sign-in form (when showing) picks it, without redrawing what was typed.
  await listen('second-launch', (event) => {
    const args = event.payload || [];
    if (args.includes('--demo') && state.screen === 'signin' && !state.signedIn) {
      state.portal = 'demo';
      const radio = document.getElementById('portal-demo');
      if (radio) radio.checked = true;
    }
  });
  await listenToTray();
  await listen('app-warning', (event) => {
    // Something the person must know that no screen is about (the payment window's data
    // could not be cleared): said where they are, without redrawing it.
    main().querySelector('#app-warning')?.remove();
    main().prepend(h('div', { class: 'alert alert-warn', role: 'alert', id: 'app-warning', text: event.payload }));
  });
  await render();
  // The last account's saved invoices at once, then signing in replaces them.
  // A damaged copy was set aside: said once signed in (or on the sign-in screen), and the
  // start goes on.
  let damaged = null;
  const saved = await invoke('open_last_offline').catch((err) => { damaged = err; return null; });
  if (saved) await showOffline(saved);
  try {
    const account = await invoke('restore_session');
    if (account && account.offline) {
      // Still the copy already on screen: no second drawing.
      if (!saved || saved.label !== account.label) await showOffline(account);
    } else if (account && saved && saved.label === account.label && state.screen !== 'dashboard') {
      // The person moved on from the saved copy meanwhile: they stay where they are, and the
      // sync brings the portal's figures in the background.
      state.account = account;
      state.notice = (damaged && damaged.message) || null;
      startSync().then((view) => updateBadge(view), () => {});
      await drawAccounts();
      await showWhatFailedOffline();
    } else if (account && !['signin', 'twofa', 'reset', 'dashboard'].includes(state.screen)) {
      // The person went elsewhere (the translation review, help) while the sign-in was being
      // restored: they stay there, with what they typed; the rail and the badge follow.
      state.signedIn = true;
      state.account = account;
      state.notice = (damaged && damaged.message) || null;
      startSync().then((view) => updateBadge(view), () => {});
      await drawAccounts();
      setChrome();
    } else if (account) await signedIn(account, damaged && damaged.message);
    else if (damaged) showError(main(), damaged);
  } catch (err) {
    showError(main(), err);
  }
}

start();
