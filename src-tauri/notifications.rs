//! Owns the OS notifications (reminders, "Paid"): shown through the desktop's notification
//! service with a default action, so that a click on one opens the invoice it is about (or the
//! window, for a summary) where the desktop can act on clicks. Where it cannot, the tray menu
//! lists the latest ones (`app_core::tray`).

use app_core::Notice;
use tauri::AppHandle;

/// Shows `notice` off the main thread, and waits there for a click on it until the desktop
/// closes it. No notification service (a bare session) is not the app's failure.
pub fn show(app: &AppHandle, notice: Notice, open_label: String) {
    let app = app.clone();
    std::thread::spawn(move || {
        let shown = notify_rust::Notification::new()
            .appname("JitOps Billing")
            .icon("jitops-billing")
            .summary(&notice.title)
            .body(&notice.body_as_markup())
            .action("default", &open_label)
            .show();
        let Ok(handle) = shown else {
            return;
        };
        handle.wait_for_action(|action| {
            if action != "default" {
                return;
            }
            match &notice.about {
                Some(about) => crate::tray::open_invoice(&app, &about.account, about.invoice_id),
                None => crate::tray::show_main(&app),
            }
        });
    });
}
