// Text: the Fluent catalogue by message id (formatted in Rust where a count needs its plural),
// and the static labels (switching the language in place: `language.js`).

import * as command from './gen/commands.js';
import { latestFor, STALE } from './latest.js';
import { state } from './state.js';

export function t(id, vars = {}) {
  let text = state.texts[id] ?? id;
  for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

// A message formatted in Rust with its real arguments: a count's plural and digit grouping are
// the language's (the page's own `t` only fills markers). The newest call per element draws.
export function showFormatted(el, id, vars) {
  latestFor(el)(command.formatText({ id, args: vars })).then((text) => {
    if (text !== STALE) el.textContent = text;
  }, () => {});
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
  state.texts = await command.catalog({ lang });
  state.lang = lang;
}
