// Text: the Fluent catalogue by message id (formatted in Rust where a count needs its plural),
// the static labels, and switching the language in place.

import * as command from './gen/commands.js';
import { drawAccounts } from './account.js';
import { render } from './router.js';
import { state } from './state.js';

export function t(id, vars = {}) {
  let text = state.texts[id] ?? id;
  for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  return text;
}

// A message formatted in Rust with its real arguments: a count's plural and digit grouping are
// the language's (the page's own `t` only fills markers). Answers the newest call per element.
export const formatting = new WeakMap();

export function showFormatted(el, id, vars) {
  const token = {};
  formatting.set(el, token);
  command.formatText({ id, args: vars }).then((text) => {
    if (formatting.get(el) === token) el.textContent = text;
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

export async function switchLanguage(lang) {
  if (lang === state.lang) return;
  await command.setLanguage({ lang });
  await loadTexts(lang);
  // What was last announced to screen readers was in the other language.
  document.getElementById('live').textContent = '';
  // Re-render the current screen from what Rust already holds: no network.
  const keep = document.activeElement && document.activeElement.id;
  await render({ fresh: false });
  // The accounts rail is outside the screen: its headings change language too.
  if (state.signedIn) await drawAccounts();
  if (keep) document.getElementById(keep)?.focus();
}
