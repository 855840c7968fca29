// The desktop: the question when the window is closed, and the tray's menu and notifications.

import * as command from './gen/commands.js';
import { startSync, switchTo, updateBadge } from './account.js';
import { h, main, showError } from './dom.js';
import { t } from './i18n.js';
import { go } from './router.js';
import { listen, state } from './state.js';

// The window was closed with something to lose (a payment followed, reminders): asked once
// whether the app stays in the tray. Escape leaves the window open and the question for later.
export function askOnClose() {
  if (document.getElementById('close-dialog')?.open) return;
  document.getElementById('close-dialog')?.remove();
  const choose = (keep) => async () => {
    dialog.close();
    try {
      await command.closeChoice({ keep });
    } catch (err) { showError(main(), err); }
  };
  const dialog = h('dialog', { id: 'close-dialog', 'aria-labelledby': 'close-title', 'aria-describedby': 'close-body' },
    h('h2', { id: 'close-title', text: t('close-ask-title') }),
    h('p', { id: 'close-body', text: t('close-ask-body') }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'close-keep', text: t('close-ask-keep'), onclick: choose(true) }),
      h('button', { type: 'button', id: 'close-quit', text: t('close-ask-quit'), onclick: choose(false) })));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  document.getElementById('close-keep').focus();
}

// The tray's menu: a refresh in the background, another account; the tray or a click on a
// notification: the invoice it was about.
export function listenToTray() {
  const choiceFor = async (key) => (await command.accounts()).find((a) => a.key === key);
  return Promise.all([
    listen('close-asked', askOnClose),
    listen('tray-refresh', () => {
      if (!state.signedIn) return;
      const button = state.screen === 'dashboard' && document.getElementById('refresh');
      if (button) { if (!button.disabled) button.click(); } else startSync().then((view) => updateBadge(view), () => {});
    }),
    listen('tray-switch-account', async (event) => {
      const choice = await choiceFor(event.payload);
      if (choice && !choice.current) await switchTo(choice);
    }),
    listen('open-invoice', async (event) => {
      const { account, invoice_id: invoiceId } = event.payload;
      const choice = await choiceFor(account);
      if (!choice) return;
      if (choice.current && state.signedIn) await go('invoice', { invoiceId });
      else await switchTo(choice, () => go('invoice', { invoiceId }));
    }),
  ]);
}
