// The app's UI: renders screens from the view models Rust sends (already in the user's
// language) and static labels from the Fluent catalogue by message id. Text from the portal
// is always set with textContent, never as HTML.

import * as command from './gen/commands.js';
import { drawAccounts, showOffline, showWhatFailedOffline, signedIn, startSync, updateBadge } from './account.js';
import { listenToTray } from './desktop.js';
import { h, main, showError } from './dom.js';
import { t } from './i18n.js';
import { switchLanguage } from './language.js';
import { back, go, loadEveryScreen, paymentScreen, render, setChrome, startWith } from './router.js';
import { reset, signin, twofa } from './screens/signin.js';
import { listen, state } from './state.js';
import { updatesChanged } from './updates.js';

// Before anything can ask for a screen: the sign-in screens come with the start.
startWith({ signin, twofa, reset });

// What the app tells the page (payment progress, the tray, a second launch).
function listenToApp() {
  return Promise.all([
    // The payment screen's module is loaded on the first event; events keep their order (each
    // waits for the same load).
    listen('payment-progress', (event) => paymentScreen().then((m) => m.onProgress(event))),
    listen('checkout-blocked', (event) => {
      const { download, openable } = event.payload;
      const message = t(download ? 'payment-blocked-download' : 'payment-blocked-host', { host: event.payload.host });
      const panel = document.getElementById('payment-panel') || main();
      panel.querySelector('#blocked')?.remove();
      panel.append(h('div', { class: 'alert alert-warn', role: 'alert', id: 'blocked' },
        h('span', { text: message }),
        openable ? h('button', { type: 'button', class: 'quiet', id: 'open-in-browser', text: t('payment-open-in-browser'), onclick: () => command.openInBrowser().catch((err) => showError(panel, err)) }) : null));
    }),
    // The person signed in on the portal's own page (sign-in window): the app carries on with
    // that session. There is no password to remember, and they are told so.
    listen('browser-signed-in', async (event) => {
      const outcome = event.payload;
      await signedIn(outcome.account, [...outcome.warnings, { id: 'signin-browser-no-remember' }]);
    }),
    listen('browser-sign-in-failed', (event) => {
      const form = document.getElementById('signin-form') || main();
      showError(form, event.payload);
    }),
    // The app was launched again: this window came to the front. Asked for the demo portal, the
    // sign-in form (when showing) picks it, without redrawing what was typed.
    listen('second-launch', (event) => {
      const args = event.payload || [];
      if (args.includes('--demo') && state.screen === 'signin' && !state.signedIn) {
        state.portal = 'demo';
        const radio = document.getElementById('portal-demo');
        if (radio) radio.checked = true;
      }
    }),
    listenToTray(),
    listen('update-changed', updatesChanged),
    listen('app-warning', (event) => {
      // Something the person must know that no screen is about (the payment window's data
      // could not be cleared): said where they are, without redrawing it.
      main().querySelector('#app-warning')?.remove();
      main().prepend(h('div', { class: 'alert alert-warn', role: 'alert', id: 'app-warning', text: event.payload }));
    }),
  ]);
}

// The page keeps the answer (`data-system-ui`); the stylesheet asks for `system-ui` from it,
// unless it draws the same faces as `sans-serif`.
function followSystemUi(answer) {
  document.documentElement.dataset.systemUi = answer;
}

// Every round trip the first screen needs is made at once (one after the other, they held it
// back), and the listeners are all in place before it is drawn: an event that comes once the
// window shows (a second launch, the tray) finds its listener. The catalogue asked for without
// a language is the app's own language, the one `app_info` names.
async function start() {
  const [info, texts, countedMessages] = await Promise.all([command.appInfo(), command.catalog({ lang: '' }), command.countedMessages({ lang: '' }), listenToApp()]);
  // `system-ui` only where it draws a face of its own (app_core::ui_font says why). No text is
  // on the page yet: the catalogue's texts come in the same render below.
  followSystemUi(info.system_ui);
  // Not decided yet when asked (a stalled start): the stack that is right everywhere is drawn,
  // and dropped once the answer says `sans-serif` draws the same faces, so nothing moves.
  if (info.system_ui === 'unknown') command.systemUi().then(followSystemUi, () => {});
  state.version = info.version;
  state.demo = info.demo;
  state.timing = info.timing;
  if (info.demo) state.portal = 'demo';
  state.texts = texts;
  state.counted = countedMessages;
  state.plurals = new Intl.PluralRules(info.lang);
  state.lang = info.lang;
  for (const b of document.querySelectorAll('#lang-toggle button')) b.addEventListener('click', () => switchLanguage(b.dataset.lang));
  for (const b of document.querySelectorAll('#rail .rail-item')) b.addEventListener('click', () => go(b.dataset.screen));
  document.getElementById('open-review').addEventListener('click', () => go('review'));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !e.defaultPrevented) back();
  });
  await render();
  loadEveryScreen();
  // An update found before the listener was there is marked too.
  updatesChanged();
  // The last account's saved invoices at once, then signing in replaces them.
  // A damaged copy was set aside: said once signed in (or on the sign-in screen), and the
  // start goes on.
  let damaged = null;
  const saved = await command.openLastOffline().catch((err) => { damaged = err; return null; });
  if (saved) await showOffline(saved);
  try {
    const account = await command.restoreSession();
    if (account && account.offline) {
      // Still the copy already on screen (Rust says: `was_on_screen`): no second drawing.
      if (!account.was_on_screen) await showOffline(account);
    } else if (account && account.was_on_screen && state.screen !== 'dashboard') {
      // The person moved on from the saved copy meanwhile: they stay where they are, and the
      // sync brings the portal's figures in the background.
      state.account = account;
      state.notices = damaged ? [damaged] : [];
      startSync().then((view) => updateBadge(view), () => {});
      await drawAccounts();
      await showWhatFailedOffline();
    } else if (account && !['signin', 'twofa', 'reset', 'dashboard'].includes(state.screen)) {
      // The person went elsewhere (the translation review, help) while the sign-in was being
      // restored: they stay there, with what they typed; the rail and the badge follow.
      state.signedIn = true;
      state.account = account;
      state.notices = damaged ? [damaged] : [];
      startSync().then((view) => updateBadge(view), () => {});
      await drawAccounts();
      setChrome();
      await showWhatFailedOffline();
    } else if (account) await signedIn(account, damaged ? [damaged] : []);
    else if (damaged) showError(main(), damaged);
  } catch (err) {
    showError(main(), err);
  }
}

start();
