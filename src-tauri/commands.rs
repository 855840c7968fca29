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

pub mod accounts;
pub mod desktop;
pub mod invoices;
pub mod language;
pub mod paying;
pub mod quotes;
pub mod statement;
pub mod updates;

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

/// The copies of PDFs handed to the system viewer, in the app's cache folder.
pub fn pdf_cache(app: &AppHandle) -> Result<app_core::pdf_cache::PdfCache, ShellError> {
    let dir = app.path().app_cache_dir().map_err(ShellError::Folder)?;
    Ok(app_core::pdf_cache::PdfCache::new(&dir))
}

/// Hands a PDF of the account on screen to the system's viewer, from a copy named `name` in
/// the app's cache folder.
fn open_pdf_copy(app: &AppHandle, shell: &Shell, name: &str, bytes: &[u8]) -> Answer<()> {
    let account = shell.core.current_key().unwrap_or_default();
    let path = pdf_cache(app)
        .map_err(|e| ui(shell, e))?
        .keep(&account, name, bytes)
        .map_err(|e| ui(shell, CoreError::Io(e)))?;
    crate::opener::open(&path.display().to_string())
        .map_err(|e| ui(shell, ShellError::Opener(e.to_string())))
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
