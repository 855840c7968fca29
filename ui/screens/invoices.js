// The invoice list: filters, the search, the rows (drawn where they are seen), export, PDFs,
// and paying several together.

import * as command from '../gen/commands.js';
import { announce, busy, field, h, rowLink, showError } from '../dom.js';
import { latest, STALE } from '../latest.js';
import { listWindow } from '../list-window.js';
import { showCounted, t } from '../i18n.js';
import { go } from '../router.js';
import { listen, state } from '../state.js';

const FILTERS = ['unpaid', 'overdue', 'paid', 'all'];

export async function invoices(root) {
  const tabs = h('div', { class: 'filters', role: 'group', 'aria-label': t('filter-label') });
  const table = h('table', { class: 'invoices', id: 'invoice-table' },
    h('thead', {}, h('tr', {}, ['col-number', 'col-date', 'col-due', 'col-total', 'col-status'].map((id, i) =>
      h('th', { scope: 'col', class: i === 3 ? 'num' : '', text: t(id) })),
    // The picking column stays narrow: its name is for screen readers (each box has its own).
    h('th', { scope: 'col', class: 'pick-col' }, h('span', { class: 'sr-only', text: t('col-select') })))));
  const tbody = h('tbody');
  table.append(tbody);
  const mass = massPayBar(root, tbody);
  const totals = h('div', { class: 'totals', id: 'list-totals' });
  const empty = h('p', { class: 'muted', id: 'list-empty', hidden: true, text: t('invoices-empty') });
  const files = fileActions(root, totals);
  // The list's own search (the browser's find-in-page sees only the rows drawn): by number,
  // date, amount or status, as shown. Kept across filters and a language switch.
  const search = h('input', { type: 'search', id: 'list-search', value: state.listQuery, autocomplete: 'off' });
  const searchCount = h('span', { class: 'muted', id: 'list-search-count', role: 'status' });
  const searchBar = h('div', { class: 'list-tools', hidden: true }, field('list-search', 'invoices-search-label', search), searchCount);
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('invoices-title') }), tabs), searchBar, mass.bar, table, empty, totals,
    files.actions, files.progress);
  mass.update();
  let view;
  try {
    view = await command.invoiceList({ filter: state.filter });
  } catch (err) {
    showError(root, err);
    return;
  }
  const list = { root, tabs, table, tbody, totals, empty, search, searchCount, searchBar, mass };
  if (state.syncing && !view.counts.all) {
    // Nothing synced yet and the first sync is still reading the list: say so rather than
    // "no invoices", and draw the list when it is in (the screen is usable meanwhile). A list
    // synced before shows at once.
    const loading = h('p', { class: 'spinner', id: 'list-loading', text: t('loading') });
    table.after(loading);
    root.setAttribute('aria-busy', 'true');
    state.syncing.catch(() => {}).then(async () => {
      root.removeAttribute('aria-busy');
      loading.remove();
      if (!root.isConnected) return;
      try { showList(list, await command.invoiceList({ filter: state.filter })); } catch (err) { showError(root, err); }
    });
    return;
  }
  showList(list, view);
}

// The "Pay selected" bar: several unpaid invoices picked in the list are paid together (the
// portal's mass payment). It stands above the list whenever invoices can be picked, drawn with
// the rows, and keeps its height as the picking goes: had it appeared (or grown) when a box was
// ticked, every row below would move under the pointer, and the next click land on another row.
function massPayBar(root, tbody) {
  const problem = h('span', { class: 'muted', id: 'mass-pay-problem' });
  // A payment of a picked invoice not confirmed yet: the double-charge warning, and paying
  // needs the explicit "Pay anyway".
  const guard = h('p', { class: 'alert alert-warn', role: 'alert', id: 'mass-pay-guard', hidden: true });
  let guarded = false;
  // A disabled Pay says why in the text beside it, read with it.
  const pay = h('button', { type: 'button', class: 'primary', id: 'mass-pay-button', 'aria-describedby': 'mass-pay-problem' });
  const clear = h('button', { type: 'button', class: 'quiet', id: 'mass-pay-clear', text: t('mass-pay-clear') });
  // The portal's mass payment names no method: with several, the person picks one here.
  const method = h('select', { id: 'mass-pay-method', 'aria-label': t('invoice-method'), hidden: true });
  let methodsAsked = null;
  const bar = h('div', { class: 'mass-pay', id: 'mass-pay', hidden: true, role: 'region', 'aria-label': t('mass-pay-region'), 'aria-live': 'polite' },
    h('div', { class: 'mass-pay-controls' }, method, pay, clear),
    h('div', { class: 'mass-pay-note' }, guard, problem));
  // Ticks answered out of order: only the last one asked is shown.
  const summaryOf = latest();
  const update = async () => {
    const picked = state.selected.size;
    clear.disabled = picked === 0;
    if (bar.hidden) return;
    // Asked once: the options are never replaced after a person chose one.
    methodsAsked ??= command.massPaymentMethods().catch(() => []).then((methods) => {
      method.replaceChildren(...methods.map((m) => h('option', { value: m.value, text: m.name })));
      method.hidden = methods.length < 2;
    });
    const summary = await summaryOf(methodsAsked.then(() => command.massPaymentSummary({ ids: [...state.selected] })));
    if (summary === STALE) return;
    guarded = !!summary.guard && !summary.problem;
    guard.hidden = !guarded;
    guard.textContent = summary.guard || '';
    // Nothing picked yet: the button says what it is for (and why it waits, beside it).
    const label = picked === 0 ? t('mass-pay-region') : summary.label;
    pay.textContent = guarded ? t('mass-pay-anyway', { label }) : label;
    pay.className = guarded ? 'quiet' : 'primary';
    problem.textContent = summary.problem || '';
    pay.disabled = !!summary.problem;
  };
  clear.addEventListener('click', () => {
    state.selected.clear();
    for (const box of tbody.querySelectorAll('input.pick')) box.checked = false;
    update();
  });
  pay.addEventListener('click', () => busy(pay, async () => {
    try {
      // The select holds the methods the portal offers (none asked yet: the portal's choice).
      const chosen = method.options.length ? method.value : null;
      const [id, attemptId] = await command.payMany({ ids: [...state.selected], method: chosen, confirmed: guarded });
      state.selected.clear();
      if (!attemptId) {
        // An offline method: the portal made the combined invoice; its instructions show there.
        await go('invoice', { invoiceId: id, fresh: false });
        return;
      }
      state.payment = { attempt_id: attemptId, invoice_id: id, kind: 'one-off', phase: 'window', elapsed_ms: 0, checks: 0, message_id: 'payment-open-window', since: Date.now() };
      await go('payment', { focus: false });
    } catch (err) { showError(root, err); }
  }));
  return { bar, update };
}

// What the list's files offer: its CSV, every PDF into a folder (with progress and a way to
// stop), and the statement.
function fileActions(root, totals) {
  const exportCsv = h('button', { type: 'button', class: 'quiet', id: 'export-csv', text: t('export-csv') });
  exportCsv.addEventListener('click', () => busy(exportCsv, async () => {
    root.querySelector('#export-done')?.remove();
    try {
      const saved = await command.exportCsv({ filter: state.filter });
      if (saved) {
        totals.after(h('p', { class: 'alert alert-ok', role: 'status', id: 'export-done', text: saved }));
        announce(saved);
      }
    } catch (err) { showError(root, err); }
  }));
  const savePdfs = h('button', { type: 'button', class: 'quiet', id: 'save-pdfs', text: t('pdfs-save-all') });
  const statementButton = h('button', { type: 'button', class: 'quiet', id: 'statement', text: t('statement-button'), onclick: () => go('statement') });
  const bar = h('progress', { id: 'pdfs-bar', value: '0', max: '1', 'aria-label': t('pdfs-save-all') });
  const text = h('span', { id: 'pdfs-text', class: 'muted' });
  const stop = h('button', { type: 'button', class: 'quiet', id: 'pdfs-stop', text: t('pdfs-cancel'), onclick: () => command.stopSavingPdfs() });
  const progress = h('div', { class: 'pdfs-progress', id: 'pdfs-progress', hidden: true, role: 'status' }, bar, text, stop);
  savePdfs.addEventListener('click', () => busy(savePdfs, async () => {
    root.querySelector('#pdfs-done')?.remove();
    const unlisten = await listen('pdf-progress', (event) => {
      const p = event.payload;
      progress.hidden = false;
      bar.max = String(Math.max(p.total, 1));
      bar.value = String(p.done);
      showCounted(text, 'pdfs-progress', { done: p.done, total: p.total, current: p.current });
    });
    try {
      const done = await command.saveAllPdfs({ filter: state.filter });
      if (done) {
        progress.after(h('p', { class: 'alert alert-ok', role: 'status', id: 'pdfs-done', text: done.message }));
        announce(done.message);
      }
    } catch (err) { showError(root, err); } finally {
      unlisten();
      progress.hidden = true;
    }
  }));
  return { actions: h('div', { class: 'actions' }, exportCsv, savePdfs, statementButton), progress };
}

// The list itself: the filters (they stay where they are: a click changes which rows show, in
// place, never taken away under the pointer, and the last filter clicked wins), the search, the
// totals, and the rows.
function showList(list, view) {
  const { root, tabs, table, tbody, totals, empty, search, searchCount, searchBar, mass } = list;
  const counts = {};
  const listOf = latest();
  let listed = view;
  const showFilter = async (f) => {
    state.filter = f;
    for (const b of tabs.querySelectorAll('.filter')) b.setAttribute('aria-pressed', String(b.id === `filter-${f}`));
    // Until the filter's rows are in, the list on show is not the one asked for.
    delete table.dataset.complete;
    let next;
    try { next = await listOf(command.invoiceList({ filter: f })); } catch (err) { showError(root, err); return; }
    if (next === STALE || !root.isConnected) return;
    drawList(next);
  };
  for (const f of FILTERS) {
    counts[f] = h('span', { class: 'count' });
    tabs.append(h('button', {
      type: 'button', class: 'filter', id: `filter-${f}`, 'aria-pressed': String(state.filter === f),
      onclick: () => showFilter(f),
    }, h('span', { text: t(`filter-${f}`) }), counts[f]));
  }
  // The rows of the filter on show that match the search, drawn; the count said when searching.
  const drawRows = () => {
    const query = search.value.trim().toLocaleLowerCase();
    state.listQuery = search.value;
    const rows = query ? listed.rows.filter((r) => [r.number, r.date, r.due, r.total, r.status_text].some((x) => x.toLocaleLowerCase().includes(query))) : listed.rows;
    // While searching, the count says it when nothing matches.
    empty.hidden = rows.length > 0 || Boolean(query);
    if (query) showCounted(searchCount, 'invoices-search-count', { shown: rows.length, total: listed.rows.length });
    else searchCount.textContent = '';
    delete table.dataset.complete;
    drawRowsInto(table, tbody, { rows }, mass.update);
  };
  search.addEventListener('input', drawRows);
  const drawList = (next) => {
    listed = next;
    for (const f of FILTERS) counts[f].textContent = String(next.counts[f] ?? 0);
    // The bar shows with the rows it serves (a filter with nothing to pick has none), and
    // stays while something picked under another filter waits to be paid.
    mass.bar.hidden = !next.rows.some((r) => r.pickable) && state.selected.size === 0;
    mass.update();
    totals.replaceChildren(h('span', { text: next.totals_label }), ...next.totals.map((x) => h('strong', { class: 'total', text: x })));
    drawRows();
    announce(next.totals_label);
  };
  searchBar.hidden = false;
  drawList(view);
}

// The invoice list's rows, drawn where they are seen (list-window.js). A newer drawing (another
// filter, the search) replaces the older one.
export function drawRowsInto(table, tbody, view, updateMass) {
  state.listWindow?.detach();
  const open = (r) => go('invoice', { invoiceId: r.id });
  const row = (r) => h('tr', {
    tabindex: '0', 'data-id': String(r.id), class: `row status-${r.status}`,
    onclick: () => open(r),
  },
    h('td', {}, rowLink(r.number)), h('td', { text: r.date }), h('td', { text: r.due }),
    h('td', { class: 'num', text: r.total }),
    h('td', {}, h('span', { class: `status status-${r.status}`, text: r.status_text })),
    h('td', { class: 'pick-cell', onclick: (e) => e.stopPropagation() },
      r.pickable
        ? h('input', {
          type: 'checkbox', class: 'pick', 'aria-label': t('mass-pay-select', { number: r.number }), checked: state.selected.has(r.id),
          onkeydown: (e) => e.stopPropagation(),
          onchange: (e) => { if (e.currentTarget.checked) state.selected.add(r.id); else state.selected.delete(r.id); updateMass(); },
        })
        : null));
  state.listWindow = listWindow(table, tbody, view.rows, row, open, 6);
}
