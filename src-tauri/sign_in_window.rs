//! Owns the sign-in window: the portal's own sign-in page, for a portal whose captcha only a
//! person can answer. The window has no capability (the IPC's ACL refuses it every command),
//! loads only what `portal::sign_in_window::may_load` allows, and uses the app's user agent so
//! that the session it makes is one the app can carry on. After each page of the portal, its
//! cookies are offered to the core, which takes the session over once it is signed in.

use crate::Shell;
use app_core::PortalChoice;
use portal::session::USER_AGENT;
use portal::PortalAddress;
use tauri::webview::{NewWindowResponse, PageLoadEvent};
use tauri::{AppHandle, Emitter, Manager, WebviewUrl, WebviewWindowBuilder};

pub const LABEL: &str = "portal-sign-in";

/// Opens (or brings forward) the sign-in window on `portal`.
pub fn open(
    app: &AppHandle,
    portal: PortalChoice,
    address: PortalAddress,
    start: url::Url,
    title: String,
) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(LABEL) {
        let _ = window.close();
    }
    let nav_address = address.clone();
    let load_address = address.clone();
    let load_app = app.clone();
    WebviewWindowBuilder::new(app, LABEL, WebviewUrl::External(start))
        .title(title)
        .inner_size(560.0, 760.0)
        .min_inner_size(420.0, 520.0)
        .user_agent(USER_AGENT)
        // Asked about the page and (on WebKitGTK) each frame: the captcha's frames pass, any
        // other site does not.
        .on_navigation(move |url| portal::sign_in_window::may_load(&nav_address, url))
        .on_new_window(|_, _| NewWindowResponse::Deny)
        .on_download(|_, _| false)
        .on_page_load(move |window, payload| {
            if payload.event() != PageLoadEvent::Finished || !load_address.owns(payload.url()) {
                return;
            }
            let app = load_app.clone();
            let portal = portal.clone();
            let base = load_address.base().clone();
            // Off the main thread: reading the cookies waits on it.
            tauri::async_runtime::spawn(async move {
                let Ok(cookies) = window.cookies_for_url(base) else {
                    return;
                };
                let pairs: Vec<(String, String)> = cookies
                    .iter()
                    .map(|c| (c.name().to_owned(), c.value().to_owned()))
                    .collect();
                let shell = app.state::<Shell>();
                match shell
                    .core
                    .accounts()
                    .adopt_browser_session(portal, pairs)
                    .await
                {
                    Ok(Some(outcome)) => {
                        // The session is the app's now: the portal's cookies (a remember-me
                        // one would be kept in a file) go from the web context before the
                        // window closes; a clearing that failed is said.
                        if let Some(sign_in) = app.get_webview_window(LABEL) {
                            if let Err(e) = crate::browsing_data::clear(&sign_in).await {
                                tracing::warn!("could not clear the sign-in window's data: {e}");
                                let text = shell.core.text("sign-in-data-not-cleared", &[]);
                                let _ = app.emit_to("main", "app-warning", text);
                            }
                        }
                        let _ = window.close();
                        let _ = app.emit_to("main", "browser-signed-in", outcome);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        let _ =
                            app.emit_to("main", "browser-sign-in-failed", shell.core.ui_error(&e));
                    }
                }
            });
        })
        .build()?;
    Ok(())
}
