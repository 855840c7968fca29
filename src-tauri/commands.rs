//! Owns the commands the main window may call. Each one parses its arguments, delegates to
//! `app-core` (or the checkout window), and maps errors once to `{ kind, message }` in the
//! user's language.

use crate::error::ShellError;
use crate::{checkout_window, dialogs, payments, Shell};
use app_core::views::{DashboardView, Filter, InvoiceListView, InvoiceView};
use app_core::{CoreError, Lang, PortalChoice, SignInOutcome, UiError};
use portal::PaymentKind;
use serde::Serialize;
use std::collections::BTreeMap;
use tauri::{AppHandle, Manager, State};

pub mod quotes;
pub mod statement;

type Answer<T> = Result<T, UiError>;

fn ui(shell: &Shell, e: impl Into<ShellError>) -> UiError {
    e.into().to_ui(&shell.core)
}

/// Runs `work` on the blocking pool: a command that formats thousands of rows or reads files
/// must not hold the main (GTK) thread, where the window is drawn and answers input.
async fn off_main<T: Send + 'static>(
    shell: &Shell,
    work: impl FnOnce(&app_core::Core) -> Result<T, CoreError> + Send + 'static,
) -> Answer<T> {
    let core = std::sync::Arc::clone(&shell.core);
    tauri::async_runtime::spawn_blocking(move || work(&core))
        .await
        .map_err(|e| ShellError::Task(e.to_string()))
        .and_then(|done| done.map_err(ShellError::from))
        .map_err(|e| ui(shell, e))
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    lang: &'static str,
    demo: bool,
    timing: bool,
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn app_info(shell: State<'_, Shell>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        lang: shell.core.lang().code(),
        demo: shell.started_in_demo,
        timing: shell.timing,
    }
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn catalog(shell: State<'_, Shell>, lang: String) -> Answer<BTreeMap<String, String>> {
    let lang = Lang::from_code(&lang).unwrap_or(shell.core.lang());
    Ok(shell.core.catalog(lang))
}

/// A message formatted in Rust with its real arguments (numbers as numbers): what a count the
/// page knows (texts shown, PDFs saved so far) needs for its plural and its digit grouping.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn format_text(
    shell: State<'_, Shell>,
    id: String,
    args: BTreeMap<String, serde_json::Value>,
) -> String {
    let args: Vec<(&str, l10n::Arg)> = args
        .iter()
        .map(|(name, value)| {
            let arg = match value {
                serde_json::Value::Number(n) => n
                    .as_i64()
                    .map(l10n::Arg::from)
                    .unwrap_or_else(|| l10n::Arg::from(n.to_string())),
                serde_json::Value::String(s) => l10n::Arg::from(s.as_str()),
                other => l10n::Arg::from(other.to_string()),
            };
            (name.as_str(), arg)
        })
        .collect();
    shell.core.text(&id, &args)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_language(app: AppHandle, shell: State<'_, Shell>, lang: String) -> Answer<()> {
    let lang = Lang::from_code(&lang).unwrap_or(Lang::En);
    off_main(&shell, move |core| core.set_language(lang)).await?;
    crate::tray::update(&app);
    Ok(())
}

async fn portal_ready(shell: &Shell, portal: &PortalChoice) -> Answer<()> {
    if *portal == PortalChoice::Demo {
        payments::ensure_demo(shell)
            .await
            .map_err(|e| ui(shell, e))?;
    }
    Ok(())
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sign_in(
    app: AppHandle,
    shell: State<'_, Shell>,
    portal: PortalChoice,
    email: String,
    password: secrecy::SecretString,
    remember: bool,
) -> Answer<SignInOutcome> {
    portal_ready(&shell, &portal).await?;
    let outcome = shell
        .core
        .sign_in(portal, &email, password, remember)
        .await
        .map_err(|e| ui(&shell, e))?;
    if !outcome.second_factor {
        payments::resume(&app);
    }
    crate::tray::update(&app);
    Ok(outcome)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn second_factor(
    app: AppHandle,
    shell: State<'_, Shell>,
    code: String,
    backup: bool,
) -> Answer<SignInOutcome> {
    let outcome = shell
        .core
        .second_factor(&code, backup)
        .await
        .map_err(|e| ui(&shell, e))?;
    payments::resume(&app);
    crate::tray::update(&app);
    Ok(outcome)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn request_password_reset(
    shell: State<'_, Shell>,
    portal: PortalChoice,
    email: String,
) -> Answer<String> {
    portal_ready(&shell, &portal).await?;
    shell
        .core
        .request_password_reset(portal, &email)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn restore_session(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Answer<Option<app_core::views::AccountView>> {
    if shell.started_in_demo {
        payments::ensure_demo(&shell)
            .await
            .map_err(|e| ui(&shell, e))?;
    }
    let account = shell.core.restore().await.map_err(|e| ui(&shell, e))?;
    if account.as_ref().is_some_and(|a| !a.offline) {
        payments::resume(&app);
    }
    crate::tray::update(&app);
    Ok(account)
}

/// The saved copy of the account a restart signs in to, shown before signing in finishes.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_last_offline(
    app: AppHandle,
    shell: State<'_, Shell>,
) -> Answer<Option<app_core::views::AccountView>> {
    let account = off_main(&shell, |core| core.open_last_offline()).await?;
    crate::tray::update(&app);
    Ok(account)
}

/// The saved copy of an account's invoices, when its portal cannot be reached.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn open_offline(
    shell: State<'_, Shell>,
    portal: PortalChoice,
    email: String,
) -> Answer<app_core::views::AccountView> {
    shell
        .core
        .open_offline(portal, &email)
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sign_out(
    app: AppHandle,
    shell: State<'_, Shell>,
    forget: bool,
) -> Answer<Option<app_core::views::AccountView>> {
    let account = shell.core.current_key();
    let next = shell
        .core
        .sign_out(forget)
        .await
        .map_err(|e| ui(&shell, e))?;
    if let (true, Some(account)) = (forget, account) {
        // The copies of its PDFs handed to the viewer go with the account.
        pdf_cache(&app)
            .and_then(|c| c.forget(&account).map_err(|e| CoreError::Io(e).into()))
            .map_err(|e| ui(&shell, e))?;
    }
    crate::tray::update(&app);
    Ok(next)
}

/// The copies of PDFs handed to the system viewer, in the app's cache folder.
pub fn pdf_cache(app: &AppHandle) -> Result<app_core::pdf_cache::PdfCache, ShellError> {
    let dir = app.path().app_cache_dir().map_err(ShellError::Folder)?;
    Ok(app_core::pdf_cache::PdfCache::new(&dir))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync(app: AppHandle, shell: State<'_, Shell>) -> Answer<DashboardView> {
    let view = shell.core.sync().await.map_err(|e| ui(&shell, e))?;
    crate::reminders::show_due(&app);
    Ok(view)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn dashboard(shell: State<'_, Shell>) -> Answer<DashboardView> {
    shell.core.dashboard_view().map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn invoice_list(shell: State<'_, Shell>, filter: Filter) -> Answer<InvoiceListView> {
    off_main(&shell, move |core| core.invoice_list(filter)).await
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn invoice(shell: State<'_, Shell>, id: u64) -> Answer<InvoiceView> {
    shell.core.invoice(id).await.map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn invoice_view(shell: State<'_, Shell>, id: u64) -> Answer<InvoiceView> {
    shell.core.invoice_view(id).map_err(|e| ui(&shell, e))
}

/// Saves one invoice's PDF where the person chooses (None when the dialog was cancelled).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_invoice_pdf(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: u64,
) -> Answer<Option<String>> {
    let bytes = shell
        .core
        .invoice_pdf(id)
        .await
        .map_err(|e| ui(&shell, e))?;
    let name = shell.core.pdf_file_name(id);
    let Some(path) = save_with_dialog(&app, &shell, "pdf-save-title", &name, "pdf", bytes).await?
    else {
        return Ok(None);
    };
    Ok(Some(shell.core.text(
        "invoice-pdf-saved",
        &[("path", path.display().to_string().into())],
    )))
}

/// Opens one invoice's PDF in the system's viewer (from a copy in the app's cache folder).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_invoice_pdf(app: AppHandle, shell: State<'_, Shell>, id: u64) -> Answer<()> {
    let bytes = shell
        .core
        .invoice_pdf(id)
        .await
        .map_err(|e| ui(&shell, e))?;
    open_pdf_copy(&app, &shell, &shell.core.pdf_file_name(id), &bytes)
}

/// Hands a PDF of the account on screen to the system's viewer, from a copy named `name` in
/// the app's cache folder.
fn open_pdf_copy(app: &AppHandle, shell: &Shell, name: &str, bytes: &[u8]) -> Answer<()> {
    use tauri_plugin_opener::OpenerExt;
    let account = shell.core.current_key().unwrap_or_default();
    let path = pdf_cache(app)
        .map_err(|e| ui(shell, e))?
        .keep(&account, name, bytes)
        .map_err(|e| ui(shell, CoreError::Io(e)))?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| ui(shell, ShellError::Opener(e.to_string())))
}

/// Saves the PDFs of the list shown into a folder the person chooses, skipping those there;
/// `pdf-progress` events follow it. None when the dialog was cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_all_pdfs(
    app: AppHandle,
    shell: State<'_, Shell>,
    filter: Filter,
) -> Answer<Option<app_core::PdfProgress>> {
    use tauri::Emitter;
    let title = shell.core.text("pdfs-save-all-title", &[]);
    let Some(dir) = dialogs::pick_folder(&app, &title).await else {
        return Ok(None);
    };
    shell
        .stop_pdfs
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let done = shell
        .core
        .save_pdfs(filter, &dir, &shell.stop_pdfs, |p| {
            let _ = app.emit_to("main", "pdf-progress", p);
        })
        .await
        .map_err(|e| ui(&shell, e))?;
    Ok(Some(done))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn stop_saving_pdfs(shell: State<'_, Shell>) {
    shell
        .stop_pdfs
        .store(true, std::sync::atomic::Ordering::SeqCst);
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn pay(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: u64,
    kind: PaymentKind,
    confirmed: bool,
) -> Answer<String> {
    let (attempt, request) = shell
        .core
        .prepare_payment(id, kind, confirmed)
        .await
        .map_err(|e| ui(&shell, e))?;
    checkout_window::open(&app, request, attempt.clone())
        .map_err(|e| ui(&shell, ShellError::Window(e)))?;
    Ok(attempt)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn mass_payment_summary(
    shell: State<'_, Shell>,
    ids: Vec<u64>,
) -> Answer<app_core::MassPaymentSummary> {
    off_main(&shell, move |core| Ok(core.mass_payment_summary(&ids))).await
}

/// Pays several invoices together (the portal's mass payment) in the checkout window; the
/// combined invoice's id is answered, and followed like any payment.
/// With an offline method (a bank transfer) nothing opens: the attempt is none and the
/// combined invoice, with the portal's instructions, is the way on.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn pay_many(
    app: AppHandle,
    shell: State<'_, Shell>,
    ids: Vec<u64>,
    method: Option<String>,
    confirmed: bool,
) -> Answer<(u64, Option<String>)> {
    let (id, payment) = shell
        .core
        .prepare_mass_payment(&ids, method.as_deref(), confirmed)
        .await
        .map_err(|e| ui(&shell, e))?;
    let Some((attempt, request)) = payment else {
        return Ok((id, None));
    };
    checkout_window::open(&app, request, attempt.clone())
        .map_err(|e| ui(&shell, ShellError::Window(e)))?;
    Ok((id, Some(attempt)))
}

/// The payment methods the portal's mass payment offers.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn mass_payment_methods(shell: State<'_, Shell>) -> Answer<Vec<portal::PaymentMethod>> {
    shell
        .core
        .mass_payment_methods()
        .await
        .map_err(|e| ui(&shell, e))
}

/// Switches the invoice to another payment method the portal offers.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn change_payment_method(
    shell: State<'_, Shell>,
    id: u64,
    method: String,
) -> Answer<InvoiceView> {
    shell
        .core
        .change_payment_method(id, &method)
        .await
        .map_err(|e| ui(&shell, e))
}

/// Pays the invoice, in part or whole, from the account's credit (the amount as typed).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn apply_credit(
    shell: State<'_, Shell>,
    id: u64,
    amount: String,
) -> Answer<app_core::credit::CreditOutcome> {
    shell
        .core
        .apply_credit(id, &amount)
        .await
        .map_err(|e| ui(&shell, e))
}

/// The portal's "Add Funds" limits and methods.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_funds_view(shell: State<'_, Shell>) -> Answer<app_core::add_funds::AddFundsView> {
    shell.core.add_funds_view().await.map_err(|e| ui(&shell, e))
}

/// Has the portal make an invoice adding `amount` (as typed) to the credit; answers its id.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_funds(shell: State<'_, Shell>, amount: String, method: String) -> Answer<u64> {
    shell
        .core
        .add_funds(&amount, &method)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn payment_state(shell: State<'_, Shell>) -> payments::PaymentState {
    payments::payment_state(&shell)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn open_in_browser(app: AppHandle, shell: State<'_, Shell>) -> Answer<()> {
    checkout_window::open_blocked_in_browser(&app, &shell)
        .map_err(|e| ui(&shell, ShellError::Opener(e)))
}

/// Opens the portal's client area in the system browser: the way to finish a sign-in that
/// needs a captcha.
/// Opens the portal's own sign-in page in the sign-in window (a portal that asks for a
/// captcha). The outcome comes as the event `browser-signed-in`.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn browser_sign_in(
    app: AppHandle,
    shell: State<'_, Shell>,
    portal: PortalChoice,
) -> Answer<()> {
    portal_ready(&shell, &portal).await?;
    let (address, start) = shell
        .core
        .browser_sign_in_start(&portal)
        .await
        .map_err(|e| ui(&shell, e))?;
    let title = shell.core.text(
        "signin-window-title",
        &[("host", l10n::Arg::from(address.host().to_owned()))],
    );
    crate::sign_in_window::open(&app, portal, address, start, title)
        .map_err(|e| ui(&shell, ShellError::Window(e)))
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

/// Writes the current invoice list (the filter shown) as CSV where the person chooses.
/// Answers what was saved, or nothing when the dialog was cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn export_csv(
    app: AppHandle,
    shell: State<'_, Shell>,
    filter: Filter,
) -> Answer<Option<String>> {
    let (csv, count, name) = shell.core.invoices_csv(filter).map_err(|e| ui(&shell, e))?;
    let Some(path) = save_with_dialog(&app, &shell, "export-csv-title", &name, "csv", csv).await?
    else {
        return Ok(None);
    };
    Ok(Some(shell.core.text(
        "export-csv-done",
        &[
            ("count", count.into()),
            ("path", path.display().to_string().into()),
        ],
    )))
}

/// Every message id with its English and Albanian text, for the translation review.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn review_rows(shell: State<'_, Shell>) -> Vec<app_core::review::ReviewRow> {
    app_core::review::rows(shell.core.catalogues())
}

/// Writes the review's rows now shown (their ids, in order) as CSV where the person chooses.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn export_review_csv(
    app: AppHandle,
    shell: State<'_, Shell>,
    ids: Vec<String>,
) -> Answer<Option<String>> {
    let all = app_core::review::rows(shell.core.catalogues());
    let shown: Vec<_> = ids
        .iter()
        .filter_map(|id| all.iter().find(|r| &r.id == id).cloned())
        .collect();
    let csv = app_core::review::csv(shell.core.catalogues(), shell.core.lang(), &shown);
    let name = "jitops-billing-translations.csv";
    let Some(path) =
        save_with_dialog(&app, &shell, "review-export-title", name, "csv", csv).await?
    else {
        return Ok(None);
    };
    Ok(Some(shell.core.text(
        "review-export-done",
        &[
            ("count", shown.len().into()),
            ("path", path.display().to_string().into()),
        ],
    )))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn accounts(shell: State<'_, Shell>) -> Vec<app_core::AccountChoice> {
    shell.core.accounts()
}

/// Another account on screen; None when it needs its password (the UI asks).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn switch_account(
    app: AppHandle,
    shell: State<'_, Shell>,
    key: String,
) -> Answer<Option<app_core::views::AccountView>> {
    if shell.started_in_demo {
        payments::ensure_demo(&shell)
            .await
            .map_err(|e| ui(&shell, e))?;
    }
    let was_signed_in = shell
        .core
        .accounts()
        .iter()
        .any(|a| a.key == key && a.signed_in);
    let account = shell
        .core
        .switch_account(&key)
        .await
        .map_err(|e| ui(&shell, e))?;
    // Pending payments of an account signed in just now (a parked one is followed already).
    if !was_signed_in && account.as_ref().is_some_and(|a| !a.offline) {
        payments::resume(&app);
    }
    crate::tray::update(&app);
    Ok(account)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn all_accounts(shell: State<'_, Shell>) -> Answer<app_core::views::AllAccountsView> {
    off_main(&shell, |core| Ok(core.all_accounts_view())).await
}

/// Asks where to save `bytes` (the dialog titled by message `title_id`, suggesting `name`) and
/// writes them there: the path, or None when the person cancelled.
async fn save_with_dialog(
    app: &AppHandle,
    shell: &Shell,
    title_id: &str,
    name: &str,
    extension: &str,
    bytes: impl AsRef<[u8]>,
) -> Answer<Option<std::path::PathBuf>> {
    let title = shell.core.text(title_id, &[]);
    let kind = extension.to_uppercase();
    let Some(path) = dialogs::save_path(app, &title, name, &kind, &[extension]).await else {
        return Ok(None);
    };
    app_core::store::write_atomically(&path, bytes.as_ref())
        .map_err(|e| ui(shell, CoreError::Io(e)))?;
    Ok(Some(path))
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
        close_to_tray: shell.core.close_to_tray(),
        start_at_login: autostart(&app).map_err(|e| ui(&shell, e))?.is_enabled(),
    })
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn set_close_to_tray(shell: State<'_, Shell>, keep: bool) -> Answer<()> {
    shell
        .core
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
        UiError {
            message: shell.core.text(
                "settings-start-at-login-failed",
                &[("reason", l10n::Arg::from(reason.message))],
            ),
            ..reason
        }
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
