// Settings: language, account, what closing the window does, start at login, updates,
// diagnostics.

import * as command from '../gen/commands.js';
import { showAccount, toSignIn } from '../account.js';
import { busy, h, showError } from '../dom.js';
import { t } from '../i18n.js';
import { switchLanguage } from '../language.js';
import { state } from '../state.js';
import { updatesSection } from '../updates.js';

export async function settings(root) {
  const forget = h('input', { type: 'checkbox', id: 'forget' });
  const signout = h('button', { type: 'button', class: 'primary', id: 'signout', text: t('settings-signout') });
  signout.addEventListener('click', () => busy(signout, async () => {
    let next;
    try {
      next = await command.signOut({ forget: forget.checked });
    } catch (err) { showError(root, err); return; }
    // Another account signed in this run takes the screen; else the sign-in.
    if (next) await showAccount(next);
    else await toSignIn();
  }));
  const langs = ['en', 'sq'].map((l) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: 'settings-lang', value: l, checked: state.lang === l, onchange: () => switchLanguage(l) }),
    h('span', { text: t(`lang-name-${l}`) })));
  root.append(h('div', { class: 'card narrow', id: 'settings' },
    h('h1', { text: t('settings-title') }),
    h('fieldset', {}, h('legend', { text: t('settings-language') }), langs),
    await desktopSettings(root),
    await updatesSection(root),
    diagnosticsSection(root),
    h('h2', { text: t('settings-account') }),
    h('p', { id: 'settings-account', text: state.account ? state.account.label : '' }),
    state.account && state.account.remembered ? h('p', { class: 'muted', text: t('settings-remembered') }) : null,
    h('label', { class: 'checkbox' }, forget, h('span', { text: t('settings-forget') })),
    h('div', { class: 'actions' }, signout)));
}

// What closing the window does, and the start at login (both need a tray to come back from).
export async function desktopSettings(root) {
  const desktop = await command.desktopSettings();
  const note = desktop.tray ? null : h('p', { class: 'muted', id: 'no-tray', text: t('settings-no-tray') });
  const box = (id, text, checked, change) => {
    const input = h('input', { type: 'checkbox', id, checked, disabled: !desktop.tray, 'aria-describedby': note ? 'no-tray' : null });
    input.addEventListener('change', async () => {
      root.querySelector('.alert-error')?.remove();
      try {
        await change(input.checked);
      } catch (err) {
        input.checked = !input.checked;
        showError(root, err);
      }
    });
    return h('label', { class: 'checkbox' }, input, h('span', { text: t(text) }));
  };
  return h('fieldset', { id: 'desktop-settings' }, h('legend', { text: t('settings-desktop') }),
    box('close-to-tray', 'settings-close-to-tray', desktop.tray && desktop.close_to_tray === true, (keep) => command.setCloseToTray({ keep })),
    box('start-at-login', 'settings-start-at-login', desktop.start_at_login, async (on) => {
      const now = await command.setStartAtLogin({ on });
      document.getElementById('start-at-login').checked = now;
    }),
    note);
}

// For a support ticket: the version, the portal's host and the recent problems from the log
// (never a password or a card), copied; where the page has no clipboard, shown selected.
export function diagnosticsSection(root) {
  const status = h('p', { class: 'muted', role: 'status', id: 'diagnostics-status' });
  const text = h('textarea', { id: 'diagnostics-text', readonly: true, rows: '6', hidden: true, 'aria-label': t('settings-diagnostics') });
  const copy = h('button', { type: 'button', id: 'copy-diagnostics', text: t('settings-copy-diagnostics') });
  copy.addEventListener('click', () => busy(copy, async () => {
    let report;
    try {
      report = await command.diagnostics();
    } catch (err) { showError(root, err); return; }
    text.value = report;
    try {
      await navigator.clipboard.writeText(report);
      text.hidden = true;
      status.textContent = t('settings-diagnostics-copied');
    } catch {
      text.hidden = false;
      text.select();
      status.textContent = t('settings-diagnostics-select');
    }
  }));
  return h('section', { id: 'diagnostics', 'aria-labelledby': 'diagnostics-title' },
    h('h2', { id: 'diagnostics-title', text: t('settings-diagnostics') }),
    h('p', { class: 'muted', text: t('settings-diagnostics-help') }),
    h('div', { class: 'actions' }, copy),
    status, text);
}
