//! Owns when the main window first appears: once its page has loaded, or never at start when the
//! app was started at login with a tray icon to come back from.

use std::sync::atomic::{AtomicBool, Ordering};
use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Webview};

/// Whether the main window is still to be shown once its page has loaded.
struct FirstShow(AtomicBool);

/// Decided in the app's setup, once it is known whether there is a tray: a start at login
/// (`--hidden`) with a tray leaves the window hidden; any other start shows it.
pub fn decide(app: &AppHandle, tray: bool) {
    let hidden = tray && std::env::args().any(|a| a == app_core::autostart::HIDDEN_ARG);
    app.manage(FirstShow(AtomicBool::new(!hidden)));
}

/// The main window is created hidden (`tauri.conf.json`) and shown when its page has loaded.
/// Mapped earlier, while WebKit's web process is still starting, the two processes can each
/// wait on the other: the UI process gives up after 0.5 s, and one start in two took a second
/// instead of half of one (measured with `make bench`'s start-up row). Shown at most once: a
/// window the person hid stays hidden.
pub fn on_page_load(webview: &Webview, payload: &PageLoadPayload<'_>) {
    if webview.label() != "main" || payload.event() != PageLoadEvent::Finished {
        return;
    }
    // Not decided yet cannot happen (setup runs before any page event), but a person must
    // never be left without a window: then it shows.
    let show = webview
        .try_state::<FirstShow>()
        .is_none_or(|first| first.0.swap(false, Ordering::SeqCst));
    if show {
        let _ = webview.window().show();
    }
}
