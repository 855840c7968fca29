// The updates, in Settings: this version, where the updates stand (said as it changes, in
// place: nothing the person is using moves), "Check for updates", the offer with What's new,
// "Download and install" with its progress, "Restart now" (asked twice when a payment is being
// confirmed, after saying it will be followed again), and whether the app looks by itself.

import * as command from './gen/commands.js';
import { h, showError } from './dom.js';
import { t } from './i18n.js';
import { latest, latestFor, STALE } from './latest.js';

export async function updatesSection(root) {
  const view = await command.updateView();
  const status = h('p', { id: 'update-status', role: 'status' });
  const check = h('button', { type: 'button', id: 'check-updates', text: t('updates-check') });
  const auto = h('input', { type: 'checkbox', id: 'update-checks', checked: view.checks_on, disabled: !view.available });
  const notesTitle = h('h3', { id: 'update-notes-title' });
  const notes = h('p', { id: 'update-notes', class: 'update-notes' });
  const whatsNew = h('section', { id: 'update-offer', 'aria-labelledby': 'update-notes-title', hidden: true }, notesTitle, notes);
  const progress = h('progress', { id: 'update-progress', max: '100', hidden: true, 'aria-labelledby': 'update-status' });
  const install = h('button', { type: 'button', class: 'primary', id: 'install-update', text: t('updates-install'), hidden: true });
  const warning = h('p', { class: 'alert alert-warn', id: 'update-restart-warning', role: 'alert', hidden: true });
  const restart = h('button', { type: 'button', class: 'primary', id: 'restart-update', text: t('updates-restart'), hidden: true });
  const section = h('section', { id: 'updates', 'aria-labelledby': 'updates-title' },
    h('h2', { id: 'updates-title', text: t('updates-title') }),
    h('p', { id: 'update-version', text: t('updates-version', { version: view.current_version }) }),
    status, whatsNew, progress, warning,
    h('div', { class: 'actions' }, check, install, restart),
    h('label', { class: 'checkbox' }, auto, h('span', { text: t('updates-check-automatically') })));

  const draw = (v) => {
    status.textContent = v.status;
    whatsNew.hidden = !v.notes || !v.offered_version;
    if (v.offered_version) notesTitle.textContent = t('updates-whats-new', { version: v.offered_version });
    notes.textContent = v.notes || '';
    progress.hidden = v.phase !== 'downloading';
    if (v.percent === null) progress.removeAttribute('value');
    else progress.value = v.percent;
    check.hidden = !v.available || v.phase === 'installed';
    check.disabled = !v.can_check;
    install.hidden = !v.can_install;
    restart.hidden = v.phase !== 'installed';
    if (restart.hidden) {
      warning.hidden = true;
      restart.textContent = t('updates-restart');
    }
  };
  draw(view);
  section.redraw = async () => {
    const v = await latestFor(section)(command.updateView());
    if (v !== STALE) draw(v);
  };

  const act = (button, work) => button.addEventListener('click', async () => {
    root.querySelector('.alert-error')?.remove();
    try {
      await work();
    } catch (err) { showError(root, err); }
  });
  act(check, () => command.checkForUpdates());
  act(install, () => command.installUpdate());
  act(restart, async () => {
    const v = await command.updateView();
    // A payment being confirmed: said first; the second press restarts.
    if (v.restart_warning && warning.hidden) {
      warning.textContent = v.restart_warning;
      warning.hidden = false;
      restart.textContent = t('updates-restart-confirm');
      return;
    }
    await command.restartToUpdate();
  });
  auto.addEventListener('change', async () => {
    root.querySelector('.alert-error')?.remove();
    try {
      await command.setUpdateChecks({ on: auto.checked });
    } catch (err) {
      auto.checked = !auto.checked;
      showError(root, err);
    }
  });
  return section;
}

// Where an update stands changed (`update-changed`): Settings, when showing, says it in place,
// and the rail's Settings item carries a mark while a version waits to be installed or
// started (beside the item, so nothing else moves).
const badgeRequests = latest();
export async function updatesChanged() {
  document.getElementById('updates')?.redraw?.();
  const view = await badgeRequests(command.updateView()).catch(() => STALE);
  if (view === STALE) return;
  const badge = document.getElementById('update-badge');
  const waiting = view.phase === 'installed' || view.can_install;
  badge.hidden = !waiting;
  badge.textContent = waiting ? t('updates-badge') : '';
}
