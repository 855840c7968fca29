// Screens: which one shows, drawing it, background refreshes that keep focus and scroll, the
// focus on a new screen's heading, and going back.

import * as command from './gen/commands.js';
import { main } from './dom.js';
import { applyStatic } from './i18n.js';
import { state } from './state.js';

// The screens a start can show are handed over by `app.js`, which loads them with itself
// (`startWith`); every other one is loaded the first time it is asked for, and in the
// background once the first screen is painted (`loadEveryScreen`). A start then reads a third
// of the app's script (what it draws with), not all of it.
const drawers = {};
let fallback = null;

// The screens a start can show, drawn without loading anything; `signin` is also the screen
// for a name the router does not know.
export function startWith(screens) {
  Object.assign(drawers, screens);
  fallback = screens.signin;
}

// The payment screen's module, loaded once: the router draws with it, and `app.js` hands it the
// payment's progress events (the first event may come before the screen is drawn). Not kept when
// it failed to load, like every other screen's.
let paymentModule = null;
export function paymentScreen() {
  paymentModule ??= import('./screens/payment.js').catch((err) => {
    paymentModule = null;
    throw err;
  });
  return paymentModule;
}

const loaders = {
  dashboard: () => import('./screens/dashboard.js').then((m) => m.dashboard),
  invoices: () => import('./screens/invoices.js').then((m) => m.invoices),
  invoice: () => import('./screens/invoice.js').then((m) => m.invoice),
  payment: () => paymentScreen().then((m) => m.payment),
  help: () => import('./screens/help.js').then((m) => m.help),
  settings: () => import('./screens/settings.js').then((m) => m.settings),
  review: () => import('./screens/review.js').then((m) => m.review),
  'all-accounts': () => import('./screens/all-accounts.js').then((m) => m.allAccounts),
  'add-funds': () => import('./screens/add-funds.js').then((m) => m.addFunds),
  quotes: () => import('./screens/quotes.js').then((m) => m.quotes),
  quote: () => import('./screens/quotes.js').then((m) => m.quote),
  statement: () => import('./screens/statement.js').then((m) => m.statement),
};

// The function that draws `screen` (sign-in for a name it does not know). Once loaded it is
// kept, so drawing a screen again takes no turn of the event loop before the page changes.
async function drawerFor(screen) {
  if (drawers[screen]) return drawers[screen];
  if (!loaders[screen]) return fallback;
  drawers[screen] = await loaders[screen]();
  return drawers[screen];
}

// After the first screen is painted: every other screen is loaded, so the first visit to one
// waits for nothing. Nothing on screen changes. A module that failed to load is not kept: it is
// loaded again, and its error shown, when its screen is asked for.
export function loadEveryScreen() {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    for (const screen of Object.keys(loaders)) drawerFor(screen).catch(() => {});
  }));
}

export function setChrome() {
  const rail = document.getElementById('rail');
  rail.hidden = !state.signedIn;
  document.getElementById('app').classList.toggle('signed-in', state.signedIn);
  const label = document.getElementById('account-label');
  label.hidden = !state.account;
  if (state.account) label.textContent = state.account.label;
  // The screens' items only: an account's item marks the account on screen (drawAccounts).
  for (const b of rail.querySelectorAll('.rail-item[data-screen]')) {
    const current = b.dataset.screen === state.screen || (state.screen === 'invoice' && b.dataset.screen === 'invoices') || (state.screen === 'quote' && b.dataset.screen === 'quotes') || (state.screen === 'statement' && b.dataset.screen === 'invoices');
    if (current) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  }
}

export async function go(screen, options = {}) {
  state.screen = screen;
  if (options.invoiceId !== undefined) state.invoiceId = options.invoiceId;
  if (options.quoteId !== undefined) state.quoteId = options.quoteId;
  const drawn = await render(options, { ready: false });
  if (options.focus !== false && drawn) focusScreen();
  if (drawn) markReady();
}

// Which drawing is the latest: a screen asked for while another was still loading wins, and the
// earlier one neither takes the focus nor says the screen is ready.
let drawing = 0;

// `main[data-ready]`: the screen is drawn and the focus placed (what a test waits for before
// it reads the focus or types).
function markReady() { main().dataset.ready = 'true'; }

// A new screen: the focus goes to its heading (read first by a screen reader, and where Tab
// goes on from), unless the screen put it in its first field (a form to fill in).
export function focusScreen() {
  const root = main();
  const active = document.activeElement;
  if (active && active !== root && root.contains(active) && active.matches('input, select, textarea')) return;
  const heading = root.querySelector('h1');
  if (!heading) { root.focus({ preventScroll: true }); return; }
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: true });
}

// Draws the screen on show; true when this drawing is still the latest once it is done. Unless
// told otherwise (`go` places the focus first), the screen is then marked ready.
export async function render(options = {}, { ready = true } = {}) {
  const mine = ++drawing;
  const view = drawers[state.screen] || await drawerFor(state.screen);
  if (mine !== drawing) return false;
  applyStatic();
  setChrome();
  const root = main();
  root.replaceChildren();
  root.dataset.screen = state.screen;
  root.dataset.ready = 'false';
  await view(root, options);
  if (mine !== drawing) return false;
  if (ready) markReady();
  if (state.timing) markShown(state.screen === 'payment' ? `payment-${state.payment?.phase}` : state.screen);
  return true;
}

// A background update of the screen on show (a sync that landed): drawn again from what Rust
// holds, with the person's focus and scroll kept. Only for screens without typed fields.
export async function refresh(options = { fresh: false }) {
  const root = main();
  const focused = document.activeElement && document.activeElement.id;
  const scroll = root.scrollTop;
  await render(options);
  root.scrollTop = scroll;
  if (focused) document.getElementById(focused)?.focus({ preventScroll: true });
}

// `make bench` only (the app started with JITOPS_TIMING): tells the app when a screen has been
// painted, two animation frames after it was built.
export function markShown(screen) {
  requestAnimationFrame(() => requestAnimationFrame(() => command.uiShown({ screen }).catch(() => {})));
}

export function back() {
  // The new backup code is shown once: leaving is only by saying it was kept.
  if (state.backupOutcome) return;
  // A question in a dialog: Escape closes the dialog, not the screen behind it.
  if (document.querySelector('dialog[open]')) return;
  const parent = { 'add-funds': 'dashboard', 'all-accounts': 'dashboard', quotes: 'dashboard', quote: 'quotes', statement: 'invoices', invoice: 'invoices', payment: 'invoice', invoices: 'dashboard', help: 'dashboard', settings: 'dashboard', reset: 'signin', twofa: 'signin', review: state.signedIn ? 'dashboard' : 'signin' }[state.screen];
  if (!parent) return;
  if (!state.signedIn && !['signin'].includes(parent)) return;
  go(parent, parent === 'invoice' ? { invoiceId: state.invoiceId } : {});
}
