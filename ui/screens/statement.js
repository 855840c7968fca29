// The statement: two dates and which accounts, then every invoice and payment between them
// with the opening and closing balance per currency, saved as PDF or CSV.

import * as command from '../gen/commands.js';
import { announce, busy, errorBox, field, h, showError } from '../dom.js';
import { t } from '../i18n.js';
import { listen, state } from '../state.js';

// The previous calendar month, as a date field writes it.
function lastMonth() {
  const now = new Date();
  const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const last = new Date(now.getFullYear(), now.getMonth(), 0);
  const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { from: iso(first), to: iso(last) };
}

export async function statement(root, options = {}) {
  // What the person chose stays across a language switch (the screen is drawn again).
  const chosen = state.statement || (state.statement = { all: false, ...lastMonth(), prepared: false });
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('statement-title') })),
    h('p', { class: 'muted', text: t('statement-intro') }));
  const from = h('input', { type: 'date', value: chosen.from, required: true });
  const to = h('input', { type: 'date', value: chosen.to, required: true });
  const one = h('input', { type: 'radio', name: 'statement-scope', id: 'statement-one', value: 'one', checked: !chosen.all });
  const all = h('input', { type: 'radio', name: 'statement-scope', id: 'statement-all', value: 'all', checked: chosen.all });
  const prepare = h('button', { type: 'submit', class: 'primary', id: 'statement-prepare', text: t('statement-prepare') });
  const form = h('form', { id: 'statement-form', novalidate: true },
    h('fieldset', { class: 'scope' }, h('legend', { text: t('statement-scope') }),
      h('label', { class: 'check' }, one, h('span', { text: t('statement-scope-one') })),
      h('label', { class: 'check' }, all, h('span', { text: t('statement-scope-all') }))),
    h('div', { class: 'dates-row' }, field('statement-from', 'statement-from', from), field('statement-to', 'statement-to', to)),
    h('div', { class: 'actions' }, prepare));
  const bar = h('progress', { id: 'statement-bar', value: '0', max: '1', 'aria-label': t('statement-prepare') });
  const barText = h('span', { id: 'statement-progress-text', class: 'muted' });
  const stop = h('button', { type: 'button', class: 'quiet', id: 'statement-stop', text: t('statement-stop'), onclick: () => command.stopStatement() });
  const progress = h('div', { class: 'pdfs-progress', id: 'statement-progress', hidden: true, role: 'status' }, bar, barText, stop);
  const result = h('section', { class: 'card', id: 'statement-result', hidden: true, 'aria-labelledby': 'statement-heading' });
  root.append(form, progress, result);
  const remember = () => { chosen.from = from.value; chosen.to = to.value; chosen.all = all.checked; };
  for (const input of [from, to, one, all]) input.addEventListener('change', remember);

  const draw = (view) => {
    const saveCsv = h('button', { type: 'button', class: 'quiet', id: 'statement-csv', text: t('statement-save-csv') });
    const savePdf = h('button', { type: 'button', class: 'quiet', id: 'statement-pdf', text: t('statement-save-pdf') });
    const actions = h('div', { class: 'actions' }, savePdf, saveCsv);
    for (const [button, save] of [[saveCsv, command.saveStatementCsv], [savePdf, command.saveStatementPdf]]) {
      button.addEventListener('click', () => busy(button, async () => {
        result.querySelector('#statement-saved')?.remove();
        try {
          const saved = await save();
          if (saved) { actions.after(h('p', { class: 'alert alert-ok', role: 'status', id: 'statement-saved', text: saved })); announce(saved); }
        } catch (err) { showError(result, err); }
      }));
    }
    const cols = ['statement-col-currency', 'statement-opening', 'statement-invoiced', 'statement-paid', 'statement-closing', 'statement-entries'];
    result.replaceChildren(...[
      h('h2', { id: 'statement-heading', text: view.heading }),
      view.problem ? h('p', { class: 'alert alert-error', role: 'alert', id: 'statement-problem', text: view.problem }) : null,
      view.stopped ? h('p', { class: 'alert alert-warn', id: 'statement-stopped', text: t('statement-stopped') }) : null,
      view.gaps ? h('p', { class: 'alert alert-warn', id: 'statement-gaps', text: view.gaps }) : null,
      view.empty ? h('p', { class: 'muted', id: 'statement-empty', text: view.empty }) : null,
      view.currencies.length ? h('table', { class: 'lines', id: 'statement-table' },
        h('thead', {}, h('tr', {}, cols.map((id, i) => h('th', { scope: 'col', class: i ? 'num' : '', text: t(id) })))),
        h('tbody', {}, view.currencies.map((c) => h('tr', { 'data-currency': c.currency },
          [c.currency, c.opening, c.invoiced, c.paid, c.closing, String(c.entries)].map((x, i) => h(i ? 'td' : 'th', { scope: i ? null : 'row', class: i ? 'num' : '', text: x })))))) : null,
      actions].filter(Boolean));
    result.hidden = false;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    remember();
    busy(prepare, async () => {
      result.hidden = true;
      root.querySelector('.alert-error')?.remove();
      const unlisten = await listen('statement-progress', (event) => {
        const p = event.payload;
        progress.hidden = false;
        bar.max = String(Math.max(p.total, 1));
        bar.value = String(p.done);
        barText.textContent = p.message;
      });
      try {
        const view = await command.prepareStatement({ all: all.checked, from: from.value, to: to.value });
        chosen.prepared = true;
        draw(view);
        const heading = result.querySelector('#statement-heading');
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      } catch (err) {
        showError(form, err);
      } finally {
        unlisten();
        progress.hidden = true;
      }
    });
  });

  // Drawn again (a language switch): the statement prepared, in the new language.
  if (chosen.prepared && options.fresh === false) {
    try { draw(await command.statementView()); } catch (err) { result.replaceChildren(errorBox(err)); result.hidden = false; }
  }
  from.focus();
}
