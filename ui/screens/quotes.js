// Quotes: the list, and one quote with its lines, PDF and acceptance (the portal's terms in its
// own words, agreed by ticking its box; the invoice it becomes opens to be paid).

import * as command from '../gen/commands.js';
import { busy, errorBox, h, main, rowKeys, showError } from '../dom.js';
import { t } from '../i18n.js';
import { go } from '../router.js';
import { state } from '../state.js';
import { amountsTable } from './invoice.js';

// The quotes whose terms the person has agreed to on this screen: a language switch draws the
// screen again and must not untick the box under their hands.
const agreed = new Set();

// The portal's page now, or (a language switch, `fresh: false`) what Rust last read: when the
// portal cannot answer, the last read copy is shown with the error above it.
async function read(root, fresh, cached, args, options) {
  if (options.fresh === false) {
    try { return await cached(args); } catch (_) { /* never read: read it now */ }
  }
  try {
    return await fresh(args);
  } catch (err) {
    let view;
    try { view = await cached(args); } catch (_) { throw err; }
    showError(root, err);
    return view;
  }
}

function loading(root, className) {
  const body = h('div', { class: className, 'aria-busy': 'true' }, h('p', { class: 'spinner', text: t('loading') }));
  root.append(body);
  return body;
}

export async function quotes(root, options = {}) {
  root.append(h('div', { class: 'screen-head' }, h('h1', { text: t('quotes-title') })));
  const body = loading(root, 'quotes');
  let view;
  try {
    view = await read(root, command.quotes, command.quotesView, {}, options);
  } catch (err) {
    body.replaceChildren(errorBox(err));
    body.removeAttribute('aria-busy');
    return;
  }
  const open = (q) => go('quote', { quoteId: q.id });
  const table = h('table', { class: 'invoices', id: 'quotes-table' },
    h('thead', {}, h('tr', {}, ['quotes-number', 'quotes-subject', 'quotes-created', 'quotes-valid-until', 'quotes-stage'].map((id) =>
      h('th', { scope: 'col', text: t(id) })))),
    h('tbody', {}, view.rows.map((q) => h('tr', {
      tabindex: '0', 'data-id': String(q.id), class: 'row', 'data-stage': q.stage,
      onclick: () => open(q),
      onkeydown: rowKeys(() => open(q)),
    },
    h('td', {}, h('button', { type: 'button', class: 'row-link', tabindex: '-1', 'aria-label': t('quote-title', { number: q.number }), text: q.number })),
    h('td', { class: 'wrap', text: q.subject }), h('td', { text: q.created }), h('td', { text: q.valid_until }),
    h('td', {}, h('span', { class: `status stage-${q.stage}`, text: q.stage_text }))))));
  body.replaceChildren(...[
    h('p', { class: 'muted', id: 'quotes-summary', text: view.summary }),
    view.rows.length ? table : null].filter(Boolean));
  body.removeAttribute('aria-busy');
}

export async function quote(root, options = {}) {
  const back = h('button', { type: 'button', class: 'quiet', id: 'back', text: t('back'), onclick: () => go('quotes') });
  root.append(h('div', { class: 'screen-head' }, back));
  const body = loading(root, 'invoice quote');
  let view;
  try {
    view = await read(root, command.quote, command.quoteView, { id: state.quoteId }, options);
  } catch (err) {
    body.replaceChildren(errorBox(err));
    body.removeAttribute('aria-busy');
    return;
  }
  const savePdf = h('button', { type: 'button', class: 'quiet', id: 'quote-pdf', text: t('quote-pdf') });
  const openPdf = h('button', { type: 'button', class: 'quiet', id: 'quote-pdf-open', text: t('pdf-open') });
  const pdf = h('div', { class: 'actions', hidden: !view.has_pdf }, openPdf, savePdf);
  savePdf.addEventListener('click', () => busy(savePdf, async () => {
    try {
      const message = await command.saveQuotePdf({ id: view.id });
      root.querySelector('#quote-pdf-saved')?.remove();
      if (message) pdf.after(h('p', { class: 'alert alert-success', role: 'status', id: 'quote-pdf-saved', text: message }));
    } catch (err) { showError(root, err); }
  }));
  openPdf.addEventListener('click', () => busy(openPdf, async () => {
    try { await command.openQuotePdf({ id: view.id }); } catch (err) { showError(root, err); }
  }));
  // The portal's own words (proposal, notes, terms) are shown as text, line by line.
  const lines = (text) => text.split('\n').map((line) => h('p', { text: line }));
  body.replaceChildren(...[
    h('div', { class: 'invoice-head' },
      h('h1', { id: 'quote-title', text: view.title }),
      h('span', { class: `status stage-${view.stage}`, id: 'quote-stage', text: view.stage_text })),
    view.subject ? h('p', { class: 'subject', id: 'quote-subject', text: view.subject }) : null,
    h('dl', { class: 'dates' },
      view.created ? [h('dt', { text: t('quotes-created') }), h('dd', { id: 'quote-created', text: view.created })] : null,
      view.valid_until ? [h('dt', { text: t('quotes-valid-until') }), h('dd', { id: 'quote-valid-until', text: view.valid_until })] : null),
    view.proposal ? h('section', { class: 'card notes', id: 'quote-proposal', 'aria-labelledby': 'proposal-title' },
      h('h2', { id: 'proposal-title', text: t('quote-proposal-title') }), ...lines(view.proposal)) : null,
    acceptSection(view),
    amountsTable('quote-items', 'quote-items',
      [...view.items.map((i) => [i.description, i.discount || '', i.amount]), ...view.totals.map((x) => [x.label, '', x.amount])],
      [t('invoice-description'), t('quote-discount'), t('invoice-amount')]),
    view.notes ? h('section', { class: 'card notes', id: 'quote-notes', 'aria-labelledby': 'quote-notes-title' },
      h('h2', { id: 'quote-notes-title', text: t('quote-notes-title') }), ...lines(view.notes)) : null,
    pdf].filter(Boolean));
  body.removeAttribute('aria-busy');
}

// Accepting: offered only while the portal's page offers it. The box is the person's own
// agreement to the portal's terms (its words beside it); nothing is sent until it is ticked.
function acceptSection(view) {
  const a = view.acceptance;
  if (!a) return null;
  const agree = h('input', { type: 'checkbox', id: 'quote-agree', checked: agreed.has(view.id) });
  agree.addEventListener('change', () => { if (agree.checked) agreed.add(view.id); else agreed.delete(view.id); });
  const submit = h('button', { type: 'button', class: 'primary', id: 'quote-accept', text: t('quote-accept-submit') });
  const terms = a.terms_url
    ? h('button', { type: 'button', class: 'link', id: 'quote-terms', text: t('quote-accept-terms-open') })
    : null;
  terms?.addEventListener('click', () => busy(terms, async () => {
    try { await command.openQuoteTerms({ id: view.id }); } catch (err) { showError(section, err); }
  }));
  const section = h('section', { class: 'card accept', id: 'quote-accept-section', 'aria-labelledby': 'quote-accept-title' },
    h('h2', { id: 'quote-accept-title', text: t('quote-accept-title') }),
    h('div', { class: 'portal-words', id: 'quote-terms-words' },
      h('p', { class: 'muted small', text: t('quote-accept-portal-words') }),
      a.agreement ? h('p', { text: a.agreement }) : null,
      a.terms_label ? h('p', { text: a.terms_label }) : null,
      a.warning ? h('p', { class: 'small', text: a.warning }) : null),
    terms,
    h('div', { class: 'check' }, agree, h('label', { for: 'quote-agree', text: t('quote-accept-agree') })),
    h('p', { class: 'muted', text: t('quote-accept-help') }),
    h('div', { class: 'actions' }, submit));
  submit.addEventListener('click', () => busy(submit, async () => {
    let outcome;
    try {
      outcome = await command.acceptQuote({ id: view.id, agreed: agree.checked });
    } catch (err) {
      showError(section, err);
      (agree.checked ? submit : agree).focus();
      return;
    }
    agreed.delete(view.id);
    // The invoice the portal made, to be paid at once (or the quote, accepted, when it made
    // none yet); what happened is said there, where the focus goes.
    if (outcome.invoice_id != null) await go('invoice', { invoiceId: outcome.invoice_id });
    else await go('quote', { quoteId: view.id });
    const done = h('p', { class: 'alert alert-ok', role: 'status', id: 'quote-accepted', tabindex: '-1', text: outcome.message });
    main().querySelector('.screen-head')?.after(done);
    done.focus();
  }));
  return section;
}
