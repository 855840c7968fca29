// Declares the app's own commands so that tauri-build generates an `allow-<command>`
// permission for each: only what a capability grants can be called, and only the main window
// has a capability.
const COMMANDS: &[&str] = &[
    "app_info",
    "system_ui",
    "catalog",
    "set_language",
    "format_text",
    "sign_in",
    "second_factor",
    "request_password_reset",
    "restore_session",
    "sign_out",
    "sync",
    "dashboard",
    "invoice_list",
    "invoice",
    "invoice_view",
    "save_invoice_pdf",
    "pay",
    "payment_state",
    "open_in_browser",
    "browser_sign_in",
    "ui_shown",
    "open_last_offline",
    "open_offline",
    "export_csv",
    "review_rows",
    "export_review_csv",
    "accounts",
    "switch_account",
    "all_accounts",
    "open_invoice_pdf",
    "save_all_pdfs",
    "stop_saving_pdfs",
    "mass_payment_summary",
    "pay_many",
    "mass_payment_methods",
    "change_payment_method",
    "apply_credit",
    "lift_payment_guard",
    "add_funds_view",
    "add_funds",
    "quotes",
    "quote",
    "quotes_view",
    "quote_view",
    "save_quote_pdf",
    "open_quote_pdf",
    "open_quote_terms",
    "accept_quote",
    "prepare_statement",
    "stop_statement",
    "statement_view",
    "save_statement_csv",
    "save_statement_pdf",
    "desktop_settings",
    "set_close_to_tray",
    "close_choice",
    "set_start_at_login",
    "diagnostics",
];

/// The library WebKitGTK needs whose symbol lookups slowed the app's start the most.
const SLOW_TO_BIND: &str = "libflite_cmu_time_awb.so.1";

/// Debian's WebKitGTK links the flite voices (speech synthesis). One of them, `SLOW_TO_BIND`,
/// binds 31,000 of its own symbols when the app loads, and the dynamic loader looks each one up
/// through the libraries in load order, where that voice came 79th: about 25 ms of every start
/// went there (`LD_DEBUG=bindings`, `perf`). Named by the binary itself it comes 16th, right
/// after the binary's own libraries (a link argument goes last, and Rust's `as-needed` link
/// modifier is unstable). Only where the WebKitGTK being linked needs it: elsewhere nothing
/// changes, and a WebKitGTK without it is never made to load it.
fn name_slow_library_early() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let Ok(libdir) = pkg_config::get_variable("webkit2gtk-4.1", "libdir") else {
        return;
    };
    let webkit = std::path::Path::new(&libdir).join("libwebkit2gtk-4.1.so.0");
    println!("cargo:rerun-if-changed={}", webkit.display());
    let Ok(bytes) = std::fs::read(&webkit) else {
        return;
    };
    let needs_it = match goblin::elf::Elf::parse(&bytes) {
        Ok(elf) => elf.libraries.contains(&SLOW_TO_BIND),
        Err(_) => false,
    };
    if needs_it {
        // `--no-as-needed`: the app calls nothing in it, and it must stay in the list all the same.
        println!("cargo:rustc-link-arg-bins=-Wl,--push-state,--no-as-needed,-l:{SLOW_TO_BIND},--pop-state");
        // The app loads it first in WebKit's helper processes too (`helper_preload`).
        println!("cargo:rustc-env=JITOPS_SLOW_TO_BIND={SLOW_TO_BIND}");
    }
}

fn main() {
    name_slow_library_early();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
