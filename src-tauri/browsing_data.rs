//! Owns clearing what pages left in the app's web context (cookies, including those a page set
//! to last, storage, cache) and knowing whether it was cleared: WebKitGTK answers the clearing
//! later, and wry's own clearing drops that answer, so a failure could never be said.

use tauri::{Runtime, WebviewWindow};

/// Clears the web context `window` uses (shared by the app's windows: the main window keeps
/// nothing in it) and waits for WebKit's answer.
#[cfg(target_os = "linux")]
pub async fn clear<R: Runtime>(window: &WebviewWindow<R>) -> Result<(), String> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    window
        .with_webview(move |webview| {
            use webkit2gtk::{WebContextExt, WebViewExt, WebsiteDataManagerExtManual};
            let manager = webview
                .inner()
                .context()
                .and_then(|context| context.website_data_manager());
            let Some(manager) = manager else {
                let _ = answer.send(Err("the web context has no data manager".to_owned()));
                return;
            };
            manager.clear(
                webkit2gtk::WebsiteDataTypes::ALL,
                webkit2gtk::glib::TimeSpan::from_seconds(0),
                None::<&webkit2gtk::gio::Cancellable>,
                move |done| {
                    let _ = answer.send(done.map_err(|e| e.to_string()));
                },
            );
        })
        .map_err(|e| e.to_string())?;
    answered
        .await
        .map_err(|_| "WebKit gave no answer".to_owned())?
}

/// Elsewhere the webview answers the clearing itself.
#[cfg(not(target_os = "linux"))]
pub async fn clear<R: Runtime>(window: &WebviewWindow<R>) -> Result<(), String> {
    window.clear_all_browsing_data().map_err(|e| e.to_string())
}
