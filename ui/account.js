// The account on screen: signed in, offline or switched, the sync in flight, the rail of
// accounts and the Invoices badge.

import * as command from './gen/commands.js';
import { h, main, showError } from './dom.js';
import { t } from './i18n.js';
import { go, refresh } from './router.js';
import { state } from './state.js';

// The saved copy of an account's invoices, without the portal: no sync is started.
export async function showOffline(account) {
  state.selected.clear();
  state.signedIn = true;
  state.account = account;
  state.notices = [];
  await go('dashboard');
  await drawAccounts();
}

// An account already signed in this run (switched to, or left after a sign-out): its figures
// at once; Refresh syncs.
export async function showAccount(account) {
  state.selected.clear();
  if (account.offline) return showOffline(account);
  state.signedIn = true;
  state.account = account;
  state.notices = [];
  state.invoiceId = undefined;
  await go('dashboard');
  await drawAccounts();
}

// The accounts in the rail: each one a click away, then "All accounts" and "Add an account".
export async function drawAccounts() {
  const box = document.getElementById('rail-accounts');
  const accounts = await command.accounts().catch(() => []);
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

export async function switchTo(choice, then) {
  let account;
  try {
    account = await command.switchAccount({ key: choice.key });
  } catch (err) { showError(main(), err); return; }
  if (!account) {
    // Not remembered and nothing saved: its password is needed.
    state.prefillEmail = choice.email;
    state.portal = choice.sign_in_portal.kind;
    if (choice.sign_in_portal.kind === 'other') state.prefillUrl = choice.sign_in_portal.url;
    await go('signin');
    return;
  }
  const wasLive = choice.signed_in;
  if (account.offline) await showOffline(account);
  else if (wasLive) await showAccount(account);
  else await signedIn(account, null);
  if (then) await then();
}

export async function openFromAll(row) {
  const choice = (await command.accounts()).find((a) => a.key === row.account);
  if (!choice) return;
  await switchTo(choice, () => go('invoice', { invoiceId: row.id }));
}

export async function signedIn(account, warnings = []) {
  state.selected.clear();
  state.prefillEmail = state.prefillUrl = null;
  state.signedIn = true;
  state.account = account;
  state.notices = warnings;
  // Started before any screen is drawn: a click on "Invoices" straight away waits for it too.
  startSync();
  await go('dashboard', { sync: true });
  await drawAccounts();
}

// The sync in flight, shared: one at a time, and every screen drawn meanwhile waits on it.
export function startSync() {
  state.syncing ??= command.sync().finally(() => { state.syncing = null; });
  return state.syncing;
}

// A sync that reads the portal after this moment. A change the portal has just recorded (a
// payment it now calls Paid) must not be answered by the sync in flight, which may have read the
// list before it: the new one starts when that one ends, so two never run at once.
export function startSyncAfterNow() {
  const inFlight = state.syncing;
  return inFlight ? inFlight.catch(() => {}).then(() => startSync()) : startSync();
}

export function updateBadge(view) {
  const count = view.unpaid_count;
  const badge = document.getElementById('invoices-badge');
  badge.hidden = !count;
  badge.textContent = String(count);
  badge.setAttribute('aria-label', view.badge_label);
}

export async function toSignIn() {
  state.signedIn = false;
  state.account = null;
  await go('signin');
}

// The person opened an invoice while only the saved copy was there: it could not be read, or
// it showed as the copy holds it (without its pay buttons). The portal is back: the invoice is
// read now (the screen has nothing typed), the person's focus and scroll kept.
export async function showWhatFailedOffline() {
  if (state.screen !== 'invoice') return;
  if (!document.getElementById('invoice-status')) await go('invoice');
  else if (state.invoiceSaved) await refresh({});
}
