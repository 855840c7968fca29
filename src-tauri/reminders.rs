//! Owns showing payment reminders as OS notifications: after every sync, and every hour while
//! the app runs (an invoice comes due as the days pass, with no sync needed). Which reminders
//! are due, and that each is given once, is `app_core`'s.

use crate::Shell;
use std::time::Duration;
use tauri::{AppHandle, Manager};

const EVERY: Duration = Duration::from_secs(60 * 60);

/// Shows the reminders due now for the current account.
pub fn show_due(app: &AppHandle) {
    let Some(shell) = app.try_state::<Shell>() else {
        return;
    };
    for notice in shell.core.reminders().take_reminders() {
        let open = shell.core.text("notification-open", &[]);
        crate::notifications::show(app, notice, open);
    }
}

/// Checks every hour while the app runs.
pub fn start_hourly(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(EVERY).await;
            show_due(&app);
        }
    });
}
