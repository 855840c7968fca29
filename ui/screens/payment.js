// A payment being followed: its phase, time, and what the portal said.

import { startSyncAfterNow, toSignIn, updateBadge } from '../account.js';
import { announce, busy, h, main } from '../dom.js';
import { t } from '../i18n.js';
import { go, markShown, refresh } from '../router.js';
import { drawPendingPayments } from './dashboard.js';
import { startPayment } from './invoice.js';
import { state } from '../state.js';

export let ticker = null;

export function formatElapsed(ms) {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// What the payment screen shows: the bar while following (once the person left the processor),
// the way back when the tracker says following is over (`over`, decided in Rust).
const AT_PROCESSOR = 'window';

export async function payment(root) {
  const p = state.payment;
  if (!p) return go('dashboard');
  const usualSecs = (p.usual_ms || 300000) / 1000;
  const bar = h('progress', { id: 'payment-bar', max: String(usualSecs), value: '0', 'aria-label': t('payment-progress-label') });
  const elapsed = h('p', { id: 'payment-elapsed', class: 'muted' });
  const message = h('p', { id: 'payment-message', class: 'big', text: t(p.message_id) });
  const actions = h('div', { class: 'actions', id: 'payment-actions' });
  // Not a live region: each phase is announced once (onProgress), not read twice.
  const panel = h('section', { class: `card payment phase-${p.phase}`, id: 'payment-panel' },
    h('h1', { text: t('payment-title') }), message);
  const tracking = !p.over && p.phase !== AT_PROCESSOR;
  if (tracking) panel.append(bar, elapsed);
  if (p.phase === 'none-recorded') {
    // The portal has recorded no payment in the usual time since the person left the
    // processor: the guard is lifted, and the message says to check the card or PayPal first.
    actions.append(h('button', { type: 'button', class: 'primary', id: 'payment-pay-again', text: t('payment-pay-again'), onclick: (e) => busy(e.currentTarget, () => startPayment(p.invoice_id, p.kind, false, panel)) }));
  }
  if (p.phase === 'sign-in-needed') {
    actions.append(h('button', { type: 'button', class: 'primary', id: 'payment-sign-in', text: t('payment-sign-in-again'), onclick: () => toSignIn() }));
  }
  if (p.over) {
    actions.append(h('button', { type: 'button', class: p.phase === 'paid' ? 'primary' : 'quiet', id: 'payment-back', text: t('payment-back-to-invoice'), onclick: () => go('invoice', { invoiceId: p.invoice_id }) }));
    actions.append(h('button', { type: 'button', class: 'quiet', id: 'payment-dashboard', text: t('payment-back-to-dashboard'), onclick: () => go('dashboard', { sync: true }) }));
  }
  panel.append(actions);
  root.append(panel);
  const tick = () => {
    if (!state.payment || state.screen !== 'payment') return;
    const ms = state.payment.elapsed_ms + (Date.now() - state.payment.since);
    bar.value = Math.min(usualSecs, ms / 1000);
    elapsed.textContent = t('payment-elapsed', { elapsed: formatElapsed(ms) });
  };
  clearInterval(ticker);
  if (tracking) { tick(); ticker = setInterval(tick, 1000); }
}

export function onProgress(event) {
  const e = event.payload;
  const before = state.progress[e.attempt_id];
  state.progress[e.attempt_id] = e;
  const phaseChanged = !before || before.phase !== e.phase;
  // The payment on the payment screen follows its own attempt only; another payment's steps
  // show in the dashboard's list, never in place of the one the person is looking at.
  const shown = state.payment && (state.payment.attempt_id === e.attempt_id || (!state.payment.attempt_id && state.payment.invoice_id === e.invoice_id));
  if (shown || !state.payment) {
    const p = shown ? state.payment : { attempt_id: e.attempt_id, invoice_id: e.invoice_id };
    const redraw = p.phase !== e.phase || p.message_id !== e.message_id;
    Object.assign(p, { attempt_id: e.attempt_id, phase: e.phase, over: e.over, kind: e.kind, elapsed_ms: e.elapsed_ms, checks: e.checks, usual_ms: e.usual_ms, message_id: e.message_id, since: Date.now() });
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
  announce(t(e.message_id));
  if (e.phase === 'paid') {
    // The portal now counts one unpaid invoice less (said at once, the checkout window may still
    // be open): refresh the badge (and the dashboard when it is showing) in the background; a
    // failure here only leaves the old count.
    startSyncAfterNow().then((view) => {
      updateBadge(view);
      if (state.screen === 'dashboard') refresh();
    }, () => {});
  }
}
