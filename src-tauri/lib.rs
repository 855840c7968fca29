//! The desktop shell: builds the Tauri app, holds its state, and wires the commands, the
//! checkout window and payment tracking to `app-core`. It stays thin: what can be tested
//! without a window lives in `crates/`.

mod checkout_window;
mod commands;
mod dialogs;
mod error;
mod first_show;
mod helper_preload;
mod logging;
mod notifications;
mod payments;
mod reminders;
mod sign_in_window;
#[cfg(test)]
mod start_modules_tests;
mod tray;

use app_core::secrets::{KeyringStore, SecretStore};
use app_core::Core;
use std::sync::{Arc, Mutex};
use tauri::{Emitter, Manager};

/// What the shell keeps beside the core: the embedded demo portal (started on demand) and the
/// checkout in progress.
pub struct Shell {
    pub core: Arc<Core>,
    pub demo: tokio::sync::Mutex<Option<demo_portal::DemoPortal>>,
    pub checkout: Mutex<Option<checkout_window::Active>>,
    pub last_blocked: Mutex<Option<url::Url>>,
    pub started_in_demo: bool,
    /// Set to stop a "save all PDFs" in progress.
    pub stop_pdfs: std::sync::atomic::AtomicBool,
    /// Set to stop preparing a statement (reading the portal's invoices).
    pub stop_statement: std::sync::atomic::AtomicBool,
    /// `JITOPS_TIMING` is set (by `make bench`): the UI reports when screens are painted.
    pub timing: bool,
}

fn system_locale() -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

pub fn run() {
    helper_preload::before_any_thread();
    app_core::ui_font::start_deciding();
    logging::init();
    let demo = std::env::args().any(|a| a == "--demo") || std::env::var_os("JITOPS_DEMO").is_some();
    tauri::Builder::default()
        // First: a second launch hands its arguments to the running app, which comes to the
        // front, and exits (one app signs in, follows payments and writes its files).
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            // A start at login while the app runs already leaves it where it is.
            if !args.iter().any(|a| a == app_core::autostart::HIDDEN_ARG) {
                tray::show_main(app);
            }
            let _ = app.emit_to("main", "second-launch", args);
        }))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        // The main window shows the app's own pages only: a link or a script that would take
        // it elsewhere (where the IPC script would follow) is refused.
        .plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("main-window-pages")
                .on_navigation(|webview, url| {
                    webview.label() != "main" || checkout_window::is_app_page(url)
                })
                .build(),
        )
        .on_window_event(tray::on_window_event)
        .on_page_load(first_show::on_page_load)
        .register_asynchronous_uri_scheme_protocol(
            checkout_window::HOP_SCHEME,
            checkout_window::serve_hop,
        )
        .setup(move |app| {
            helper_preload::give_back();
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let secrets: Arc<dyn SecretStore> = Arc::new(KeyringStore);
            let core = Core::new(&config_dir, &data_dir, secrets, &system_locale())
                .map_err(|e| Box::new(e) as Box<dyn std::error::Error>)?;
            app.manage(Shell {
                core: Arc::new(core),
                demo: tokio::sync::Mutex::new(None),
                checkout: Mutex::new(None),
                last_blocked: Mutex::new(None),
                started_in_demo: demo,
                timing: std::env::var_os("JITOPS_TIMING").is_some(),
                stop_pdfs: std::sync::atomic::AtomicBool::new(false),
                stop_statement: std::sync::atomic::AtomicBool::new(false),
            });
            // A checkout interrupted by a crash may have left processor cookies behind.
            if let Some(main) = app.get_webview_window("main") {
                checkout_window::forget_browsing_data(&main);
            }
            // Started at login: the tray icon only, when there is a tray to come back from.
            let tray = tray::build(app.handle()).is_some();
            first_show::decide(app.handle(), tray);
            reminders::start_hourly(app.handle());
            // Copies of PDFs handed to the viewer on earlier days go (off the main thread).
            if let Ok(cache) = commands::pdf_cache(app.handle()) {
                tauri::async_runtime::spawn_blocking(move || {
                    let _ = cache.clear_older_than(app_core::pdf_cache::KEEP_FOR);
                });
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::desktop::app_info,
            commands::desktop::system_ui,
            commands::language::catalog,
            commands::language::set_language,
            commands::language::format_text,
            commands::accounts::sign_in,
            commands::accounts::second_factor,
            commands::accounts::request_password_reset,
            commands::accounts::restore_session,
            commands::accounts::sign_out,
            commands::invoices::sync,
            commands::invoices::dashboard,
            commands::invoices::invoice_list,
            commands::invoices::invoice,
            commands::invoices::invoice_view,
            commands::invoices::save_invoice_pdf,
            commands::paying::pay,
            commands::paying::payment_state,
            commands::accounts::open_in_browser,
            commands::accounts::browser_sign_in,
            commands::desktop::ui_shown,
            commands::accounts::open_last_offline,
            commands::accounts::open_offline,
            commands::invoices::export_csv,
            commands::language::review_rows,
            commands::language::export_review_csv,
            commands::accounts::accounts,
            commands::accounts::switch_account,
            commands::accounts::all_accounts,
            commands::invoices::open_invoice_pdf,
            commands::invoices::save_all_pdfs,
            commands::invoices::stop_saving_pdfs,
            commands::paying::mass_payment_summary,
            commands::paying::pay_many,
            commands::paying::mass_payment_methods,
            commands::paying::change_payment_method,
            commands::paying::apply_credit,
            commands::paying::lift_payment_guard,
            commands::paying::add_funds_view,
            commands::paying::add_funds,
            commands::quotes::quotes,
            commands::quotes::quote,
            commands::quotes::quotes_view,
            commands::quotes::quote_view,
            commands::quotes::save_quote_pdf,
            commands::quotes::open_quote_pdf,
            commands::quotes::open_quote_terms,
            commands::quotes::accept_quote,
            commands::statement::prepare_statement,
            commands::statement::stop_statement,
            commands::statement::statement_view,
            commands::statement::save_statement_csv,
            commands::statement::save_statement_pdf,
            commands::desktop::desktop_settings,
            commands::desktop::set_close_to_tray,
            commands::desktop::close_choice,
            commands::desktop::set_start_at_login,
            commands::desktop::diagnostics,
        ])
        .run(tauri::generate_context!())
        .expect("the app could not start");
}

#[cfg(test)]
mod command_list_tests {
    use std::collections::BTreeSet;

    /// The names between `start` and the next `end` in `text`, each matched by `name`.
    fn names(
        text: &str,
        start: &str,
        end: &str,
        name: impl Fn(&str) -> Option<String>,
    ) -> BTreeSet<String> {
        let from = text.find(start).expect("the list's start") + start.len();
        let to = from + text[from..].find(end).expect("the list's end");
        text[from..to]
            .lines()
            .filter_map(|l| name(l.trim()))
            .collect()
    }

    /// The command list lives in three places: `build.rs` (the permissions made), the handler
    /// list here, and the main window's capability. They must name the same commands.
    #[test]
    fn build_rs_handlers_and_capability_name_the_same_commands() {
        let build = names(
            include_str!("build.rs"),
            "const COMMANDS: &[&str] = &[",
            "];",
            |l| l.strip_prefix('"')?.strip_suffix("\",").map(str::to_owned),
        );
        let handlers = names(include_str!("lib.rs"), "generate_handler![", "])", |l| {
            // `commands::name` or `commands::group::name`.
            l.strip_prefix("commands::")?
                .strip_suffix(',')
                .and_then(|path| path.rsplit("::").next())
                .map(str::to_owned)
        });
        let granted = names(
            include_str!("../capabilities/main.json"),
            "\"permissions\": [",
            "]",
            |l| {
                let l = l.trim_end_matches(',');
                l.strip_prefix("\"allow-")?
                    .strip_suffix('"')
                    .map(|n| n.replace('-', "_"))
            },
        );
        assert!(build.len() > 20, "the scan is broken: {build:?}");
        assert_eq!(build, handlers, "build.rs and generate_handler! differ");
        assert_eq!(build, granted, "build.rs and capabilities/main.json differ");
    }
}

#[cfg(test)]
mod acl_tests {
    //! The capability file decides which window may call the app's commands: the real
    //! `capabilities/` and `tauri.conf.json`, on Tauri's mock runtime.

    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

    // Stand-ins with the real commands' names: the ACL is checked before any handler runs.
    #[tauri::command]
    fn app_info() -> &'static str {
        "ok"
    }
    #[tauri::command]
    fn catalog() -> &'static str {
        "ok"
    }

    fn invoke(cmd: &str) -> InvokeRequest {
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::default(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        }
    }

    #[test]
    fn only_the_main_window_may_call_commands() {
        let app = mock_builder()
            .invoke_handler(tauri::generate_handler![app_info, catalog])
            .build(tauri::generate_context!("tauri.conf.json", test = true))
            .expect("the app builds on the mock runtime");
        let main = match app.get_webview_window("main") {
            Some(w) => w,
            None => WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
                .build()
                .unwrap(),
        };
        let checkout = WebviewWindowBuilder::new(
            &app,
            crate::checkout_window::LABEL,
            WebviewUrl::External(
                "https://www.2checkout.com/checkout/purchase"
                    .parse()
                    .unwrap(),
            ),
        )
        .build()
        .unwrap();
        assert!(get_ipc_response(&main, invoke("app_info")).is_ok());
        assert!(get_ipc_response(&main, invoke("catalog")).is_ok());
        assert!(get_ipc_response(&checkout, invoke("app_info")).is_err());
        assert!(get_ipc_response(&checkout, invoke("catalog")).is_err());
        // A command no capability grants is refused even to the main window.
        assert!(get_ipc_response(&main, invoke("plugin:opener|open_url")).is_err());
    }
}
