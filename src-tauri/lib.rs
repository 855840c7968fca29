//! The desktop shell: builds the Tauri app, holds its state, and wires the commands, the
//! checkout window and payment tracking to `app-core`. It stays thin: what can be tested
//! without a window lives in `crates/`.

mod browsing_data;
mod checkout_window;
mod commands;
mod dialogs;
mod error;
mod first_show;
mod logging;
mod notifications;
mod opener;
mod payments;
mod reminders;
mod sign_in_window;
#[cfg(test)]
mod start_modules_tests;
pub mod startup;
mod tray;
mod updates;
mod window_place;

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

/// The handler list of `command_list.rs`: each `group::name` is `commands::group::name`.
macro_rules! app_commands {
    ($($group:ident::$name:ident),* $(,)?) => {
        tauri::generate_handler![$(commands::$group::$name),*]
    };
}

pub fn run() {
    startup::before_any_thread();
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
        .on_window_event(|window, event| {
            window_place::on_window_event(window, event);
            tray::on_window_event(window, event);
        })
        .on_page_load(first_show::on_page_load)
        .register_asynchronous_uri_scheme_protocol(
            checkout_window::HOP_SCHEME,
            checkout_window::serve_hop,
        )
        .setup(move |app| {
            // Which version runs, for whoever reads the log (after an update, the new one).
            tracing::info!(version = %app.package_info().version, "the app starts");
            let config_dir = app.path().app_config_dir()?;
            let data_dir = app.path().app_data_dir()?;
            let secrets: Arc<dyn SecretStore> = Arc::new(KeyringStore);
            let core = Core::new(&config_dir, &data_dir, secrets, &system_locale())
                .map_err(|e| Box::new(e) as Box<dyn std::error::Error>)?;
            // Before the window is first shown (once its page has loaded): it appears where the
            // person left it, never first somewhere else.
            window_place::restore(app.handle(), &config_dir);
            // What follows a change, once for every command and window that makes it: the
            // payments of a session just begun are followed, and the tray shows the state.
            let handle = app.handle().clone();
            core.subscribe(move |change| match change {
                // Where an update stands is the window's to draw (Settings, the offer).
                app_core::changes::Change::Update => {
                    let _ = handle.emit_to("main", "update-changed", ());
                }
                change => {
                    if change == app_core::changes::Change::SessionStarted {
                        payments::resume(&handle);
                    }
                    tray::update(&handle);
                }
            });
            app.manage(Shell {
                core: Arc::new(core),
                demo: tokio::sync::Mutex::new(None),
                checkout: Mutex::new(None),
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
            updates::start(
                app.handle(),
                updates::source(),
                updates::Installer::of_this_copy(),
            );
            // Copies of PDFs handed to the viewer on earlier days go (off the main thread).
            if let Ok(cache) = commands::pdf_cache(app.handle()) {
                tauri::async_runtime::spawn_blocking(move || {
                    let _ = cache.clear_older_than(app_core::pdf_cache::KEEP_FOR);
                });
            }
            Ok(())
        })
        .invoke_handler(include!("command_list.rs"))
        .run(tauri::generate_context!())
        .expect("the app could not start");
}

#[cfg(test)]
mod command_list_tests {
    use std::path::Path;

    /// The `name` of each `group::name` line of the one list.
    fn listed() -> Vec<String> {
        let list = include_str!("command_list.rs");
        let body = list.split_once("app_commands![").unwrap().1;
        body.lines()
            .filter_map(|l| l.trim().strip_suffix(','))
            .filter_map(|entry| entry.split_once("::").map(|(_, name)| name.to_owned()))
            .collect()
    }

    /// What the build makes of the list grants and binds each command, and nothing else.
    #[test]
    fn every_listed_command_is_granted_and_bound_and_no_other() {
        let commands = listed();
        assert!(commands.len() > 40, "the scan is broken: {commands:?}");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let set = std::fs::read_to_string(root.join("permissions/app-commands.toml")).unwrap();
        let bindings = std::fs::read_to_string(root.join("ui/gen/commands.js")).unwrap();
        for name in &commands {
            let allow = format!("\"allow-{}\",", name.replace('_', "-"));
            assert!(set.contains(&allow), "{name} is not in the set");
            assert!(
                bindings.contains(&format!("invoke('{name}'")),
                "{name} has no binding"
            );
        }
        assert_eq!(set.matches("\"allow-").count(), commands.len());
        assert_eq!(bindings.matches("invoke('").count(), commands.len());
    }

    /// The screens reach Rust only through the generated bindings.
    #[test]
    fn only_the_generated_module_calls_rust() {
        let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
        let mut scripts = vec![];
        for dir in [ui.clone(), ui.join("screens")] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "js") {
                    scripts.push(path);
                }
            }
        }
        assert!(scripts.len() > 10, "the scan is broken: {scripts:?}");
        for path in scripts {
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["__TAURI__.core", "invoke("] {
                assert!(!text.contains(call), "{} calls `{call}`", path.display());
            }
        }
    }
}

#[cfg(test)]
mod json_casing_tests {
    /// Every view and event reaches the window in one casing: Rust's own field names
    /// (`snake_case`); enum values are `kebab-case` words. No type renames its fields otherwise.
    #[test]
    fn no_view_or_event_renames_its_fields_to_camel_case() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in ["src-tauri", "crates"] {
            for entry in walkdir::WalkDir::new(root.join(dir)) {
                let path = entry.unwrap().into_path();
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                read += 1;
                let text = std::fs::read_to_string(&path).unwrap();
                let camel = ["rename_all = \"camel", "Case\""].concat();
                assert!(
                    !text.contains(&camel),
                    "{} renames to camelCase",
                    path.display()
                );
            }
        }
        assert!(read > 50, "the scan is broken: {read} files");
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
