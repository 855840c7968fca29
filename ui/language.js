// Switching the language in place: the texts, the screen drawn again from what Rust holds, and
// the accounts rail beside it.

import * as command from './gen/commands.js';
import { drawAccounts } from './account.js';
import { errorsOnShow, showErrorsAgain } from './dom.js';
import { loadTexts } from './i18n.js';
import { render } from './router.js';
import { state } from './state.js';

export async function switchLanguage(lang) {
  if (lang === state.lang) return;
  await command.setLanguage({ lang });
  await loadTexts(lang);
  // What was last announced to screen readers was in the other language.
  document.getElementById('live').textContent = '';
  // Re-render the current screen from what Rust already holds: no network.
  const keep = document.activeElement && document.activeElement.id;
  const errors = errorsOnShow();
  await render({ fresh: false });
  // An error on show is kept, in the new language (a message is its id and arguments).
  showErrorsAgain(errors);
  // The accounts rail is outside the screen: its headings change language too.
  if (state.signedIn) await drawAccounts();
  if (keep) document.getElementById(keep)?.focus();
}
