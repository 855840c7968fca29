// Building the page: elements (text always as textContent, never HTML), errors, busy buttons,
// form fields, and the keyboard of invoice rows.

import { counted, t } from './i18n.js';

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

export const main = () => document.getElementById('main');

export function announce(message) {
  const live = document.getElementById('live');
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 30);
}

// The errors on show, each with what it says (its message id and arguments): a switch of
// language draws them again in the new one (`errorsOnShow`, `language.js`).
const saying = new WeakMap();

// What a message from Rust says in the language of the moment: its id with its arguments
// (an error, a warning), else the text it came with.
export function messageText(err) {
  if (err && err.id) return counted(err.id, err.args || {});
  return (err && err.message) || t('error-internal');
}

export function errorBox(err) {
  const box = h('div', { class: 'alert alert-error', role: 'alert', id: 'error', 'data-kind': err && err.kind, text: messageText(err) });
  saying.set(box, err);
  return box;
}

// Every error on show, with where it is (its container's id) and what it says.
export function errorsOnShow() {
  return [...document.querySelectorAll('.alert-error')].map((box) => ({ box, place: box.parentElement?.id, err: saying.get(box) }));
}

// After a switch of language: each error still on show says the same in the new language; one
// whose screen was drawn again is shown again in the same place, when that place is there.
export function showErrorsAgain(errors) {
  for (const { box, place, err } of errors) {
    if (!err) continue;
    if (box.isConnected) box.textContent = messageText(err);
    else if (place && document.getElementById(place)) showError(document.getElementById(place), err);
  }
}

export function showError(container, err) {
  container.querySelector('.alert-error')?.remove();
  container.prepend(errorBox(err));
}

export async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.classList.add('is-busy');
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.classList.remove('is-busy');
    button.removeAttribute('aria-busy');
    if (button.isConnected && button.textContent !== label) button.textContent = label;
  }
}

export function field(id, labelId, input) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id, text: t(labelId) }), input);
}

// A row of an invoice table is one stop for Tab: Enter or Space opens it, the arrows, Home and
// End move between rows (in whichever table it is).
export function rowKeys(open) {
  return (e) => {
    const row = e.currentTarget;
    const move = { ArrowDown: row.nextElementSibling, ArrowUp: row.previousElementSibling, Home: row.parentElement.firstElementChild, End: row.parentElement.lastElementChild }[e.key];
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } else if (move !== undefined) { e.preventDefault(); move?.focus(); }
  };
}

// The invoice number as the row's button, for a screen reader's list of buttons (the row is
// the keyboard's stop; a click on the button is the row's click).
export function rowLink(number) {
  return h('button', { type: 'button', class: 'row-link', tabindex: '-1', 'aria-label': t('row-open', { number }), text: number });
}
