// One invoice: its figures, notes, transactions, payment method, paying from credit and the pay
// buttons.

import * as command from '../gen/commands.js';
import { startSyncAfterNow, updateBadge } from '../account.js';
import { announce, busy, errorBox, field, h, main, showError } from '../dom.js';
import { t } from '../i18n.js';
import { back, go, render } from '../router.js';
import { state } from '../state.js';

export function amountsTable(id, captionId, rows, headers) {
  return h('table', { class: 'lines', id },
    h('caption', { text: t(captionId) }),
    headers ? h('thead', {}, h('tr', {}, headers.map((x, i) => h('th', { scope: 'col', class: i === headers.length - 1 ? 'num' : '', text: x })))) : null,
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => h('td', { class: i === cells.length - 1 ? 'num' : '', text: c }))))));
}

// The "Pay" card: the payment method (a choice when the portal lets the person change it), an
// offline method's instructions, the guard against paying twice (and lifting a stopped one),
// and the ways to pay; or that the invoice cannot be paid online.
function payCard(view) {
  const pay = h('section', { class: 'card pay', id: 'pay-section', 'aria-labelledby': 'pay-title' },
    h('h2', { id: 'pay-title', text: t('invoice-pay-title') }));
  // The payment method: a choice when the portal lets the person change it (the portal's own
  // form does it; the invoice is then read again, its payment area the new method's).
  if (view.methods.length > 1) {
    const select = h('select', { id: 'payment-method' },
      view.methods.map((m) => h('option', { value: m.value, selected: m.current, text: m.name })));
    select.addEventListener('change', () => busy(select, async () => {
      try {
        await command.changePaymentMethod({ id: view.id, method: select.value });
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
  if (view.guard_lift) {
    // Tracking stopped after a day and the portal still records nothing: the person may lift
    // the guard, having read what it means (the portal is read again first).
    const lift = h('button', { type: 'button', class: 'quiet', id: 'guard-lift', text: t('payment-guard-lift') });
    lift.addEventListener('click', () => busy(lift, async () => {
      try {
        await command.liftPaymentGuard({ id: view.id });
        await render({ fresh: false });
        document.getElementById('pay-section')?.querySelector('button')?.focus();
      } catch (err) { showError(pay, err); }
    }));
    pay.append(h('div', { class: 'guard-lift', id: 'guard-lift-section' }, h('p', { id: 'guard-lift-help', text: view.guard_lift }), lift));
  }
  if (view.payable) {
    for (const c of view.choices) {
      const button = h('button', { type: 'button', class: view.guard ? 'quiet' : 'primary', id: `pay-${c.kind}`, text: view.guard ? t('payment-pay-anyway-choice', { choice: c.label }) : c.label });
      button.addEventListener('click', () => busy(button, () => startPayment(view.id, c.kind, Boolean(view.guard), pay)));
      pay.append(h('div', { class: 'choice' }, button, h('p', { class: 'muted', text: c.help })));
    }
    if (view.recurring_withheld) pay.append(h('p', { class: 'note', id: 'recurring-withheld', text: view.recurring_withheld }));
    pay.append(h('p', { class: 'muted small', text: t('payment-open-window') }));
  } else if (view.cannot_pay_online) {
    pay.append(h('p', { id: 'cannot-pay-online', text: view.cannot_pay_online }));
  }
  return pay;
}

export async function invoice(root, options = {}) {
  const back = h('button', { type: 'button', class: 'quiet', id: 'back', text: t('back'), onclick: () => go('invoices') });
  root.append(h('div', { class: 'screen-head' }, back));
  const body = h('div', { class: 'invoice', 'aria-busy': 'true' }, h('p', { class: 'spinner', text: t('loading') }));
  root.append(body);
  let view;
  try {
    view = options.fresh === false
      ? await command.invoiceView({ id: state.invoiceId })
      : await command.invoice({ id: state.invoiceId });
  } catch (err) {
    try { view = await command.invoiceView({ id: state.invoiceId }); } catch (_) { /* nothing cached */ }
    if (!view) { body.replaceChildren(errorBox(err)); body.removeAttribute('aria-busy'); return; }
    showError(root, err);
  }
  state.invoiceSaved = Boolean(view.saved);
  const pay = payCard(view);
  const savePdf = h('button', { type: 'button', class: 'quiet', id: 'pdf', text: t('invoice-pdf') });
  const openPdf = h('button', { type: 'button', class: 'quiet', id: 'pdf-open', text: t('pdf-open') });
  const pdf = h('div', { class: 'actions', hidden: !view.has_pdf }, openPdf, savePdf);
  savePdf.addEventListener('click', () => busy(savePdf, async () => {
    try {
      const message = await command.saveInvoicePdf({ id: view.id });
      root.querySelector('#pdf-saved')?.remove();
      if (message) pdf.after(h('p', { class: 'alert alert-success', role: 'status', id: 'pdf-saved', text: message }));
    } catch (err) { showError(root, err); }
  }));
  openPdf.addEventListener('click', () => busy(openPdf, async () => {
    try { await command.openInvoicePdf({ id: view.id }); } catch (err) { showError(root, err); }
  }));
  // replaceChildren would write a null as the text "null": leave the absent parts out.
  body.replaceChildren(...[
    h('div', { class: 'invoice-head' },
      h('h1', { id: 'invoice-title', text: view.title }),
      h('span', { class: `status status-${view.status}`, id: 'invoice-status', text: view.status_text })),
    h('dl', { class: 'dates' },
      view.date ? [h('dt', { text: t('invoice-date') }), h('dd', { text: view.date })] : null,
      view.due ? [h('dt', { text: t('invoice-due') }), h('dd', { text: view.due })] : null),
    view.saved ? h('p', { class: 'alert alert-info', id: 'invoice-saved', text: view.saved }) : null,
    view.notes ? h('section', { class: 'card notes', id: 'invoice-notes', 'aria-labelledby': 'notes-title' },
      h('h2', { id: 'notes-title', text: t('invoice-notes-title') }),
      // The portal's words, line by line, as text.
      ...view.notes.split('\n').map((line) => h('p', { text: line }))) : null,
    creditSection(view),
    view.pay_shown ? pay : null,
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

// Paying from the account's credit, when the portal offers it: the amount it fills in (the
// most it applies), editable; what the portal did is said after the invoice is read again.
function creditSection(view) {
  if (!view.credit) return null;
  const input = h('input', { type: 'text', inputmode: 'decimal', value: view.credit.most, autocomplete: 'off' });
  // Credit on top of a payment being confirmed would pay twice: asked first, as paying again is.
  const apply = h('button', {
    type: 'button', class: view.guard ? 'quiet' : 'primary', id: 'credit-apply',
    text: view.guard ? t('payment-pay-anyway-choice', { choice: t('invoice-credit-apply') }) : t('invoice-credit-apply'),
  });
  const section = h('section', { class: 'card credit', id: 'credit-section', 'aria-labelledby': 'credit-title' },
    h('h2', { id: 'credit-title', text: t('invoice-credit-title') }),
    h('p', { id: 'credit-available', text: view.credit.available_text }),
    h('div', { class: 'credit-form' }, field('credit-amount', 'invoice-credit-amount', input), apply));
  const send = () => busy(apply, async () => {
    let outcome;
    try {
      outcome = await command.applyCredit({ id: view.id, amount: input.value, confirmed: Boolean(view.guard) });
    } catch (err) {
      showError(section, err);
      input.focus();
      return;
    }
    // The invoice as the portal now shows it, and what happened, said where the focus goes.
    await render({ fresh: false });
    const done = h('p', { class: 'alert alert-ok', role: 'status', id: 'credit-done', tabindex: '-1', text: outcome.message });
    main().querySelector('.screen-head')?.after(done);
    done.focus();
    // The credit balance on the dashboard and the badge follow.
    startSyncAfterNow().then((v) => updateBadge(v), () => {});
  });
  apply.addEventListener('click', send);
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); send(); } });
  return section;
}

export async function startPayment(id, kind, confirmed, container) {
  try {
    const attemptId = await command.pay({ id, kind, confirmed });
    state.payment = { attempt_id: attemptId, invoice_id: id, kind, phase: 'window', elapsed_ms: 0, checks: 0, message_id: 'payment-open-window', since: Date.now() };
    await go('payment', { focus: false });
  } catch (err) {
    showError(container, err);
  }
}
