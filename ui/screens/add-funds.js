// Add funds: the portal's limits, the amount and the method, then the invoice the portal makes
// (paid on its own screen like any other).

import * as command from '../gen/commands.js';
import { busy, errorBox, field, h, showError } from '../dom.js';
import { t } from '../i18n.js';
import { go } from '../router.js';

export async function addFunds(root) {
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('add-funds-title') })));
  const body = h('section', { class: 'card add-funds', 'aria-busy': 'true' }, h('p', { class: 'spinner', text: t('loading') }));
  root.append(body);
  let view;
  try {
    view = await command.addFundsView();
  } catch (err) {
    body.replaceChildren(errorBox(err));
    body.removeAttribute('aria-busy');
    return;
  }
  const amount = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'add-funds-limits' });
  const method = h('select', {}, view.methods.map((m) => h('option', { value: m.value, selected: m.current, text: m.name })));
  const submit = h('button', { type: 'submit', class: 'primary', id: 'add-funds-submit', text: t('add-funds-submit') });
  const form = h('form', { id: 'add-funds-form', novalidate: true },
    h('p', { id: 'add-funds-limits', text: view.limits }),
    field('add-funds-amount', 'add-funds-amount', amount),
    view.methods.length > 1 ? field('add-funds-method', 'add-funds-method', method) : null,
    h('p', { class: 'muted', text: t('add-funds-help') }),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(submit, async () => {
      try {
        const id = await command.addFunds({ amount: amount.value, method: method.value });
        await go('invoice', { invoiceId: id });
      } catch (err) {
        showError(form, err);
        amount.focus();
      }
    });
  });
  body.replaceChildren(form);
  body.removeAttribute('aria-busy');
  amount.focus();
}
