// All accounts: the unpaid invoices of every account on this computer.

import * as command from '../gen/commands.js';
import { openFromAll } from '../account.js';
import { h, rowKeys, rowLink } from '../dom.js';
import { t } from '../i18n.js';

export async function allAccounts(root) {
  const view = await command.allAccounts();
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
