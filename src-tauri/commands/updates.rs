//! Owns the commands for the app's updates: where they stand, looking for one, installing the
//! one offered (its progress told by the `update-changed` event), the restart into it, and
//! whether the app looks by itself.

use super::*;
use app_core::updates::UpdateView;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn update_view(shell: State<'_, Shell>) -> UpdateView {
    shell.core.updates().view()
}

/// Looks for a newer version now; the outcome comes as `update-changed`.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn check_for_updates(app: AppHandle) {
    crate::updates::check(&app, true).await;
}

/// Downloads, verifies and installs the version offered; its progress and outcome come as
/// `update-changed`.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn install_update(app: AppHandle) {
    crate::updates::install(&app).await;
}

/// Restarts into the version installed, at the person's word (after the warning when a
/// payment is being confirmed: it is followed again after the start).
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn restart_to_update(app: AppHandle, shell: State<'_, Shell>) {
    if shell.core.updates().view().phase == "installed" {
        crate::updates::restart(&app);
    }
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_update_checks(shell: State<'_, Shell>, on: bool) -> Answer<()> {
    shell
        .core
        .updates()
        .set_checks(on)
        .map_err(|e| ui(&shell, e))
}
