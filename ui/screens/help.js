// Help: how to pay an invoice.

import { h } from '../dom.js';
import { t } from '../i18n.js';

export async function help(root) {
  root.append(h('article', { class: 'card help', id: 'help' },
    h('h1', { text: t('help-title') }),
    h('ol', {}, [1, 2, 3, 4, 5, 6].map((n) => h('li', { text: t(`help-step-${n}`) }))),
    h('p', { text: t('help-note') }),
    h('p', { class: 'alert alert-warn', role: 'note', id: 'help-warning', text: t('help-warning') }),
    h('p', { class: 'thanks', text: t('help-thanks') })));
}
