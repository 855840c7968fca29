// The translation review: every message in both languages, filtered, shown where it appears.

import * as command from '../gen/commands.js';
import { announce, busy, field, h, showError } from '../dom.js';
import { showCounted, t } from '../i18n.js';
import { go } from '../router.js';
import { state } from '../state.js';

// Screens a reviewer can open from a row: those needing an account only when signed in.
export function reviewTarget(screen) {
  if (['signin', 'reset', 'twofa', 'review'].includes(screen)) return state.signedIn && screen !== 'review' ? null : { screen };
  if (!state.signedIn) return null;
  if (screen === 'payment' && !state.payment) return state.invoiceId ? { screen: 'invoice', invoiceId: state.invoiceId } : { screen: 'invoices' };
  if (screen === 'invoice' && state.invoiceId === undefined) return { screen: 'invoices' };
  if (screen === 'quote' && state.quoteId == null) return { screen: 'quotes' };
  return { screen, invoiceId: state.invoiceId };
}

export async function review(root) {
  const rows = await command.reviewRows();
  const filter = h('input', { type: 'search', id: 'review-filter', value: state.reviewFilter });
  const only = h('input', { type: 'checkbox', id: 'review-only-problems', checked: state.reviewOnlyProblems });
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
    showCounted(count, 'review-count', { shown: shown.length, total: rows.length });
  };
  filter.addEventListener('input', draw);
  only.addEventListener('change', draw);
  exportBtn.addEventListener('click', () => busy(exportBtn, async () => {
    root.querySelector('#review-export-done')?.remove();
    try {
      const saved = await command.exportReviewCsv({ ids: shown.map((r) => r.id) });
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
