// Declares the app's own commands so that tauri-build generates an `allow-<command>`
// permission for each: only what a capability grants can be called, and only the main window
// has a capability.
const COMMANDS: &[&str] = &[
    "app_info",
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
    "desktop_settings",
    "set_close_to_tray",
    "close_choice",
    "set_start_at_login",
    "diagnostics",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
