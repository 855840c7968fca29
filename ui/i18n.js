// Text: the Fluent catalogue by message id (a count's plural chosen here, `counted`), and the
// static labels (switching the language in place: `language.js`).

import * as command from './gen/commands.js';
import { state } from './state.js';

export function t(id, vars = {}) {
  let text = state.texts[id] ?? id;
  for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

// A counted message (one that chooses by a number) formatted here, from the catalogue's
// parts (`l10n::counted`): the number's plural category by the CLDR rules Fluent uses
// (`Intl.PluralRules`), its digits grouped the language's way. Nothing asks Rust per keystroke.
export function counted(id, vars = {}) {
  const parts = state.counted.messages[id];
  return parts ? formatParts(parts, vars) : t(id, vars);
}

export function showCounted(el, id, vars) {
  el.textContent = counted(id, vars);
}

function formatParts(parts, vars) {
  let out = '';
  for (const part of parts) {
    if (part.t === 'text') out += part.s;
    else if (part.t === 'var') out += shown(vars[part.name], part.name);
    else out += formatParts(chosen(part, vars[part.name]), vars);
  }
  return out;
}

function shown(value, name) {
  if (value === undefined) return `{${name}}`;
  if (typeof value !== 'number') return String(value);
  const digits = String(Math.abs(value));
  let grouped = value < 0 ? '-' : '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += state.counted.group;
    grouped += digits[i];
  }
  return grouped;
}

function chosen(select, value) {
  const byKey = (key) => select.variants.find((v) => v.key === key);
  const variant = typeof value === 'number'
    ? byKey(String(value)) ?? byKey(state.plurals.select(value))
    : value === undefined ? undefined : byKey(String(value));
  return (variant ?? select.variants[select.default]).parts;
}

export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, id] = pair.split(':');
      el.setAttribute(attr, t(id));
    }
  }
  document.documentElement.lang = state.lang;
  document.title = t('app-name');
  document.getElementById('version').textContent = t('footer-version', { version: state.version });
  for (const b of document.querySelectorAll('#lang-toggle button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  }
}

export async function loadTexts(lang) {
  const [texts, countedMessages] = await Promise.all([command.catalog({ lang }), command.countedMessages({ lang })]);
  state.texts = texts;
  state.counted = countedMessages;
  state.plurals = new Intl.PluralRules(lang);
  state.lang = lang;
}
