// The Dashboard: the unpaid and overdue figures, refresh, and the payments being confirmed.

import * as command from '../gen/commands.js';
import { startSync, toSignIn, updateBadge } from '../account.js';
import { announce, busy, h, messageText, showError } from '../dom.js';
import { t } from '../i18n.js';
import { go, refresh } from '../router.js';
import { state } from '../state.js';

export async function dashboard(root, options = {}) {
  const refresh = h('button', { type: 'button', class: 'primary', id: 'refresh', text: t('dashboard-refresh') });
  const body = h('div', { class: 'dashboard' });
  // Payments not over yet (after a restart too): each leads to its progress.
  const pending = h('section', { class: 'card', id: 'pending-payments', hidden: true, 'aria-labelledby': 'pending-title' });
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('dashboard-title') }), refresh), body);
  // Said beside signing in (the keyring, a damaged copy): drawn in the language of the moment.
  if (state.notices.length) root.prepend(h('div', { class: 'alert alert-warn', role: 'status', id: 'notice', text: state.notices.map(messageText).join(' ') }));
  const draw = (view) => {
    updateBadge(view);
    state.account = view.account;
    root.querySelector('#offline')?.remove();
    if (view.offline_text) root.querySelector('.screen-head').after(h('div', { class: 'alert alert-warn', role: 'status', id: 'offline', text: view.offline_text }));
    if (view.copy_not_saved) root.querySelector('.screen-head').after(h('div', { class: 'alert alert-warn', role: 'status', id: 'copy-not-saved', text: view.copy_not_saved }));
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
          h('button', { type: 'button', class: 'quiet', id: 'add-funds', text: t('add-funds-button'), onclick: () => go('add-funds') }),
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
    draw(await command.dashboard());
  } catch (err) { /* not synced yet */ }
  // The sync goes on in the background: the screen is there (and ready) meanwhile, its
  // Refresh showing the work.
  if (options.sync || state.syncing) sync();
}

// A payment not followed yet this run shows what its record says (as app-core reads it) until
// its first event.
export function pendingProgress(a) {
  const e = state.progress[a.attempt_id];
  if (e) return e;
  return { phase: a.phase, over: a.over, message_id: a.message_id, elapsed_ms: Date.now() - Date.parse(a.opened_at), checks: 0 };
}

export async function drawPendingPayments() {
  const section = document.getElementById('pending-payments');
  if (!section) return;
  let answer;
  try { answer = await command.paymentState(); } catch (_) { return; }
  state.warnings = [...state.warnings, ...answer.warnings];
  const head = document.querySelector('.screen-head');
  if (head && state.warnings.length && !document.getElementById('payments-warning')) {
    head.after(h('div', { class: 'alert alert-warn', role: 'alert', id: 'payments-warning', text: state.warnings.join(' ') }));
  }
  section.hidden = answer.pending.length === 0;
  section.replaceChildren(
    h('h2', { id: 'pending-title', text: t('dashboard-pending-title') }),
    h('ul', { class: 'pending-list' }, answer.pending.map((a) => {
      const p = pendingProgress(a);
      return h('li', { 'data-invoice': String(a.invoice_id) },
        h('strong', { text: a.other_account ? t('dashboard-pending-row-account', { number: a.number, account: a.other_account }) : t('dashboard-pending-row', { number: a.number }) }),
        h('span', { class: 'muted pending-message', text: t(p.message_id) }),
        h('button', {
          type: 'button', class: 'quiet', id: `pending-${a.invoice_id}`, text: t('dashboard-pending-follow'),
          onclick: () => {
            state.payment = { attempt_id: a.attempt_id, invoice_id: a.invoice_id, kind: a.kind, phase: p.phase, over: p.over, elapsed_ms: p.elapsed_ms, checks: p.checks, usual_ms: p.usual_ms, message_id: p.message_id, since: Date.now() };
            go('payment');
          },
        }));
    })));
}
