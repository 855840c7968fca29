//! Owns the tray icon: built at start when the desktop can show one, its count and menu kept
//! current from `Core::tray_view` (in the person's language), what its menu does, and what
//! closing the main window does (keep the app in the tray, ask once, or quit).

use crate::Shell;
use app_core::tray::TrayView;
use std::sync::Mutex;
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Manager, Window, WindowEvent, Wry};

const ID: &str = "jitops-billing";

/// The tray, when there is one: its menu (on Linux a tray's menu cannot be replaced, only its
/// items) and what it shows now.
pub struct Tray {
    icon: TrayIcon,
    menu: Menu<Wry>,
    shown: Mutex<Option<TrayView>>,
}

/// The names the indicator's loader (libappindicator-sys) tries, in its order.
const INDICATOR_LIBRARIES: [&str; 4] = [
    "libayatana-appindicator3.so.1",
    "libappindicator3.so.1",
    "libayatana-appindicator3.so",
    "libappindicator3.so",
];

fn indicator_library_present() -> bool {
    INDICATOR_LIBRARIES.iter().any(|name| {
        // SAFETY: loading a system library runs its initialisers; these are the libraries the
        // tray loads anyway, and nothing is called here.
        let found = unsafe { libloading::Library::new(name) };
        // Kept loaded: the tray's own loader then finds it resident instead of loading it a
        // second time at start-up.
        found.map(std::mem::forget).is_ok()
    })
}

/// Builds the tray icon. None when this system cannot show one (no indicator library): then
/// closing the window quits, as there would be no way back to a hidden window.
pub fn build(app: &AppHandle) -> Option<()> {
    // The tray's indicator library is loaded on first use, and its loader panics when it is
    // missing (which, the release build aborting on panic, would end the app): looked for first.
    if !indicator_library_present() {
        tracing::warn!("no tray icon on this desktop: no indicator library");
        return None;
    }
    let built = (|| {
        let menu = Menu::new(app).ok()?;
        let mut builder = TrayIconBuilder::with_id(ID)
            .menu(&menu)
            .on_menu_event(on_menu_event);
        if let Some(icon) = app.default_window_icon() {
            builder = builder.icon(icon.clone());
        }
        let icon = builder.build(app).ok()?;
        Some((icon, menu))
    })();
    let (icon, menu) = match built {
        Some(built) => built,
        None => {
            tracing::warn!("no tray icon on this desktop");
            return None;
        }
    };
    app.manage(Tray {
        icon,
        menu,
        shown: Mutex::new(None),
    });
    update(app);
    Some(())
}

pub fn available(app: &AppHandle) -> bool {
    app.try_state::<Tray>().is_some()
}

/// Brings the tray's count and menu up to date (after a sync, a sign-in or out, a switch, a
/// language change, a notification). Nothing is redrawn when nothing changed.
pub fn update(app: &AppHandle) {
    let (Some(tray), Some(shell)) = (app.try_state::<Tray>(), app.try_state::<Shell>()) else {
        return;
    };
    let view = shell.core.tray_view();
    let mut shown = tray.shown.lock().unwrap_or_else(|e| e.into_inner());
    if shown.as_ref() == Some(&view) {
        return;
    }
    if let Err(e) = fill_menu(app, &tray.menu, &view) {
        tracing::warn!("the tray menu could not be written: {e}");
        return;
    }
    let _ = tray
        .icon
        .set_title((!view.label.is_empty()).then_some(view.label.as_str()));
    let _ = tray.icon.set_tooltip(Some(&view.tooltip));
    *shown = Some(view);
}

fn fill_menu(app: &AppHandle, menu: &Menu<Wry>, view: &TrayView) -> tauri::Result<()> {
    for item in menu.items()? {
        menu.remove(&item)?;
    }
    let item = |id: &str, text: &str, enabled: bool| -> tauri::Result<MenuItem<Wry>> {
        MenuItem::with_id(app, id, text, enabled, None::<&str>)
    };
    let mut items: Vec<Box<dyn IsMenuItem<Wry>>> = vec![
        Box::new(item("summary", &view.summary, false)?),
        Box::new(PredefinedMenuItem::separator(app)?),
        Box::new(item("open", &view.open, true)?),
        Box::new(item(
            "refresh",
            &view.refresh,
            !view.label.is_empty() || !view.accounts.is_empty(),
        )?),
    ];
    if !view.accounts.is_empty() {
        items.push(Box::new(PredefinedMenuItem::separator(app)?));
        items.push(Box::new(item("accounts", &view.accounts_heading, false)?));
        for account in &view.accounts {
            items.push(Box::new(CheckMenuItem::with_id(
                app,
                format!("account:{}", account.key),
                &account.label,
                true,
                account.current,
                None::<&str>,
            )?));
        }
    }
    if !view.latest.is_empty() {
        items.push(Box::new(PredefinedMenuItem::separator(app)?));
        items.push(Box::new(item("latest", &view.latest_heading, false)?));
        for notice in &view.latest {
            let id = format!(
                "notice:{}:{}",
                notice.notice.invoice_id, notice.notice.account
            );
            items.push(Box::new(item(&id, &notice.label, true)?));
        }
    }
    items.push(Box::new(PredefinedMenuItem::separator(app)?));
    items.push(Box::new(item("quit", &view.quit, true)?));
    let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|i| i.as_ref()).collect();
    menu.append_items(&refs)
}

/// The main window, brought to the front.
pub fn show_main(app: &AppHandle) {
    if let Some(main) = app.get_webview_window("main") {
        let _ = main.unminimize();
        let _ = main.show();
        let _ = main.set_focus();
    }
}

fn on_menu_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    match id {
        "open" => show_main(app),
        // In the background: the window (shown or not) syncs as its own Refresh would, and the
        // reminders and the count follow.
        "refresh" => {
            let _ = app.emit_to("main", "tray-refresh", ());
        }
        "quit" => app.exit(0),
        _ => {
            if let Some(key) = id.strip_prefix("account:") {
                show_main(app);
                let _ = app.emit_to("main", "tray-switch-account", key);
                // The check mark follows the switch (which may need a password), not the click.
                *app.state::<Tray>()
                    .shown
                    .lock()
                    .unwrap_or_else(|e| e.into_inner()) = None;
                update(app);
            } else if let Some((invoice, account)) = id
                .strip_prefix("notice:")
                .and_then(|rest| rest.split_once(':'))
            {
                if let Ok(invoice) = invoice.parse::<u64>() {
                    open_invoice(app, account, invoice);
                }
            }
        }
    }
}

/// The window, brought forward on an invoice of an account (switched to when another).
pub fn open_invoice(app: &AppHandle, account: &str, invoice_id: u64) {
    show_main(app);
    let _ = app.emit_to(
        "main",
        "open-invoice",
        serde_json::json!({ "account": account, "invoice_id": invoice_id }),
    );
}

/// Closing the main window: with a tray, it is kept there when the person chose so, or asked
/// the first time a close would stop something (a payment followed, reminders); else it closes.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let app = window.app_handle();
    if window.label() != "main" || !available(app) {
        return;
    }
    let shell = app.state::<Shell>();
    match shell.core.settings().close_to_tray() {
        Some(true) => {
            api.prevent_close();
            let _ = window.hide();
        }
        Some(false) => {}
        None if shell.core.close_would_stop_something() => {
            api.prevent_close();
            show_main(app);
            let _ = app.emit_to("main", "close-asked", ());
        }
        None => {}
    }
}

/// The person's answer to "keep running?": remembered, then carried out.
pub fn close_choice(app: &AppHandle, keep: bool) -> Result<(), app_core::CoreError> {
    app.state::<Shell>()
        .core
        .settings()
        .set_close_to_tray(keep)?;
    if keep {
        if let Some(main) = app.get_webview_window("main") {
            let _ = main.hide();
        }
    } else {
        app.exit(0);
    }
    Ok(())
}
