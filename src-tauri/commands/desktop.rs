//! Owns the commands for the app on the desktop: what it says about itself, the tray and closing,
//! the start at login, the diagnostics for a support ticket, and the bench's timing marks.

use super::*;

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    lang: &'static str,
    demo: bool,
    timing: bool,
    /// Whether the stylesheet asks for `system-ui` (`crate::startup::system_ui_font`).
    system_ui: crate::startup::system_ui_font::SystemUi,
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn app_info(shell: State<'_, Shell>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        lang: shell.core.lang().code(),
        demo: shell.started_in_demo,
        timing: shell.timing,
        system_ui: crate::startup::system_ui_font::known(),
    }
}

/// The answer `app_info` gave as `unknown` (its thread had not decided yet when the first screen
/// asked), waited for off the main thread: the UI then drops `system-ui` where it misses.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn system_ui() -> crate::startup::system_ui_font::SystemUi {
    tauri::async_runtime::spawn_blocking(crate::startup::system_ui_font::decided)
        .await
        .unwrap_or(crate::startup::system_ui_font::SystemUi::Unknown)
}

/// `make bench` only: prints when a screen was painted (wall clock, ms since the Unix epoch),
/// so start-up and payment confirmation are measured from outside the app. Silent unless the
/// app was started with `JITOPS_TIMING`.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn ui_shown(shell: State<'_, Shell>, screen: String) {
    if !shell.timing {
        return;
    }
    let screen: String = screen
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(40)
        .collect();
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    eprintln!("jitops-timing: shown {screen} at {at}");
}

/// What the desktop offers and what the person chose: the tray (none on some desktops),
/// what closing the window does, and the start at login.
#[derive(Serialize)]
pub struct DesktopSettings {
    tray: bool,
    close_to_tray: Option<bool>,
    start_at_login: bool,
}

fn autostart(app: &AppHandle) -> Result<app_core::autostart::Autostart, ShellError> {
    let config_home = app.path().config_dir().map_err(ShellError::Folder)?;
    Ok(app_core::autostart::Autostart::new(&config_home))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn desktop_settings(app: AppHandle, shell: State<'_, Shell>) -> Answer<DesktopSettings> {
    Ok(DesktopSettings {
        tray: crate::tray::available(&app),
        close_to_tray: shell.core.settings().close_to_tray(),
        start_at_login: autostart(&app).map_err(|e| ui(&shell, e))?.is_enabled(),
    })
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_close_to_tray(shell: State<'_, Shell>, keep: bool) -> Answer<()> {
    shell
        .core
        .settings()
        .set_close_to_tray(keep)
        .map_err(|e| ui(&shell, e))
}

/// The answer to "keep running?" asked when the window was closed.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn close_choice(app: AppHandle, shell: State<'_, Shell>, keep: bool) -> Answer<()> {
    crate::tray::close_choice(&app, keep).map_err(|e| ui(&shell, e))
}

/// Writes or removes the start-at-login entry (starting this binary, hidden in the tray);
/// answers whether the app now starts at login.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_start_at_login(app: AppHandle, shell: State<'_, Shell>, on: bool) -> Answer<bool> {
    let entry = autostart(&app).map_err(|e| ui(&shell, e))?;
    let done = if on {
        let texts = app_core::autostart::EntryTexts {
            name: shell.core.text("app-name", &[]),
            comment_en: shell
                .core
                .catalogues()
                .text(Lang::En, "autostart-comment", &[]),
            comment_sq: shell
                .core
                .catalogues()
                .text(Lang::Sq, "autostart-comment", &[]),
        };
        std::env::current_exe().and_then(|exe| entry.enable(&exe, &texts))
    } else {
        entry.disable()
    };
    done.map_err(|e| {
        // Said as what failed, with the system's reason.
        let reason = ui(&shell, CoreError::Io(e));
        UiError::said(
            shell.core.catalogues(),
            shell.core.lang(),
            &reason.kind,
            "settings-start-at-login-failed",
            &[("reason", l10n::Arg::from(reason.message))],
        )
    })?;
    Ok(entry.is_enabled())
}

/// What "Copy diagnostics" copies: version, system, portal host, language, recent problems.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn diagnostics(shell: State<'_, Shell>) -> Answer<String> {
    off_main(&shell, |core| {
        Ok(core.diagnostics(env!("CARGO_PKG_VERSION")))
    })
    .await
}
