// Signing in: the portal, e-mail and password, the second factor, a new backup code, and the
// password reset.

import * as command from '../gen/commands.js';
import { showOffline, signedIn } from '../account.js';
import { announce, busy, field, h, showError } from '../dom.js';
import { t } from '../i18n.js';
import { go, render } from '../router.js';
import { state } from '../state.js';

export function portalChoice(root) {
  if (state.portal === 'demo') return { kind: 'demo' };
  if (state.portal === 'other') return { kind: 'other', url: root.querySelector('#portal-url').value };
  return { kind: 'jitops' };
}

export async function signin(root) {
  const portals = ['jitops', 'other', 'demo'].map((p) =>
    h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'portal', value: p, id: `portal-${p}`, checked: state.portal === p, onchange: () => { state.portal = p; render(); } }),
      h('span', { text: t(`signin-portal-${p}`) })));
  const url = field('portal-url', 'signin-portal-url-label', h('input', { type: 'url', placeholder: 'https://', autocomplete: 'url' }));
  url.hidden = state.portal !== 'other';
  if (state.prefillUrl) url.querySelector('input').value = state.prefillUrl;
  const email = h('input', { type: 'email', autocomplete: 'username', required: true, value: state.prefillEmail || '' });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const remember = h('input', { type: 'checkbox', id: 'remember' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'signin-submit', text: t('signin-submit') });
  const form = h('form', { class: 'card narrow', id: 'signin-form', novalidate: true },
    h('h1', { text: t('signin-title') }),
    h('fieldset', {}, h('legend', { text: t('signin-portal-label') }), portals),
    url,
    state.portal === 'demo' ? h('p', { class: 'hint', id: 'demo-hint', text: t('signin-demo-hint') }) : null,
    field('email', 'signin-email-label', email),
    field('password', 'signin-password-label', password),
    h('label', { class: 'checkbox' }, remember, h('span', { text: t('signin-remember') })),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'link', id: 'forgot', text: t('signin-forgot'), onclick: () => go('reset') })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await busy(submit, async () => {
      submit.textContent = t('signin-busy');
      try {
        const outcome = await command.signIn({
          portal: portalChoice(form), email: email.value, password: password.value, remember: remember.checked,
        });
        password.value = '';
        if (outcome.second_factor) return go('twofa');
        await signedIn(outcome.account, outcome.warnings);
      } catch (err) {
        showError(form, err);
        if (err && err.kind === 'captcha-required') {
          // Only a person can answer the captcha: the portal's own sign-in page opens in a
          // window of the app, and the session made there carries on here.
          const portal = portalChoice(form);
          form.querySelector('.alert-error').append(h('button', {
            type: 'button', class: 'quiet', id: 'open-portal-signin', text: t('signin-open-window'),
            onclick: () => command.browserSignIn({ portal }).catch((e) => showError(form, e)),
          }));
        }
        if (err && ['unreachable', 'timeout', 'http-status'].includes(err.kind)) {
          // The portal cannot be reached: the invoices saved at the last sync, if any.
          const portal = portalChoice(form);
          const address = email.value;
          form.querySelector('.alert-error').append(h('button', {
            type: 'button', class: 'quiet', id: 'open-offline', text: t('offline-open'),
            onclick: async () => {
              try {
                await showOffline(await command.openOffline({ portal, email: address }));
              } catch (e) { showError(form, e); }
            },
          }));
        }
        password.focus();
      }
    });
  });
  root.append(form);
  (state.portal === 'other' ? url.querySelector('input') : email).focus();
}

export async function twofa(root) {
  if (state.backupOutcome) {
    newBackupCode(root, state.backupOutcome);
    return;
  }
  let backup = false;
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '12' });
  const label = h('label', { for: 'twofa-code', text: t('twofa-code-label') });
  code.id = 'twofa-code';
  const submit = h('button', { type: 'submit', class: 'primary', id: 'twofa-submit', text: t('twofa-submit') });
  const toggle = h('button', { type: 'button', class: 'link', id: 'twofa-backup', text: t('twofa-use-backup') });
  toggle.addEventListener('click', () => {
    backup = true;
    label.textContent = t('twofa-backup-label');
    toggle.hidden = true;
    code.removeAttribute('maxlength');
    code.focus();
  });
  const form = h('form', { class: 'card narrow', id: 'twofa-form' },
    h('h1', { text: t('twofa-title') }), h('p', { text: t('twofa-help') }),
    h('div', { class: 'field' }, label, code), h('div', { class: 'actions' }, submit, toggle));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await busy(submit, async () => {
      try {
        const outcome = await command.secondFactor({ code: code.value, backup });
        if (outcome.new_backup_code) {
          // Kept in the state: a language switch redraws the card, Escape does not leave it.
          state.backupOutcome = outcome;
          await render({ fresh: false });
          return;
        }
        await signedIn(outcome.account, outcome.warnings);
      } catch (err) {
        showError(form, err);
        code.select();
      }
    });
  });
  root.append(form);
  code.focus();
}

// WHMCS used the backup code up and made a new one it shows only once: the person sees it, can
// copy it, and goes on only when they say they kept it.
export function newBackupCode(root, outcome) {
  const heading = h('h1', { text: t('backup-new-title'), tabindex: '-1' });
  const code = h('p', { class: 'backup-code', id: 'new-backup-code', text: outcome.new_backup_code });
  const copied = h('p', { class: 'muted', role: 'status', id: 'backup-copied' });
  const copy = h('button', { type: 'button', id: 'copy-backup-code', text: t('backup-new-copy') });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(outcome.new_backup_code);
    } catch {
      // No clipboard for the page: the code is selected for the person to copy.
      getSelection().selectAllChildren(code);
      document.execCommand('copy');
    }
    copied.textContent = t('backup-new-copied');
  });
  const done = h('button', { type: 'button', class: 'primary', id: 'backup-continue', text: t('backup-new-continue') });
  done.addEventListener('click', () => {
    state.backupOutcome = null;
    signedIn(outcome.account, outcome.warnings);
  });
  const card = h('section', { class: 'card narrow', id: 'backup-code-card', 'aria-labelledby': 'backup-code-title' },
    heading, h('div', { class: 'alert alert-warn', text: t('backup-new-help') }), code, copied,
    h('div', { class: 'actions' }, done, copy));
  heading.id = 'backup-code-title';
  root.append(card);
  heading.focus();
}

export async function reset(root) {
  const email = h('input', { type: 'email', autocomplete: 'username' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'reset-submit', text: t('reset-submit') });
  const form = h('form', { class: 'card narrow', id: 'reset-form' },
    h('h1', { text: t('reset-title') }), h('p', { text: t('reset-help') }),
    field('reset-email', 'reset-email-label', email),
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'link', id: 'reset-back', text: t('reset-back'), onclick: () => go('signin') })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await busy(submit, async () => {
      try {
        const message = await command.requestPasswordReset({ portal: portalChoice(form), email: email.value });
        form.querySelector('.alert')?.remove();
        form.prepend(h('div', { class: 'alert alert-success', role: 'status', id: 'reset-sent', text: message }));
        announce(message);
      } catch (err) {
        showError(form, err);
      }
    });
  });
  root.append(form);
  email.focus();
}
