//! The quote commands: the list, a quote, its PDF (saved or opened), the portal's terms opened
//! in the browser, and accepting it with the person's agreement.

use super::{open_pdf_copy, save_with_dialog, ui, Answer};
use crate::error::ShellError;
use crate::Shell;
use app_core::quotes::{AcceptOutcome, QuoteView, QuotesView};
use tauri::{AppHandle, State};

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn quotes(shell: State<'_, Shell>) -> Answer<QuotesView> {
    shell.core.quotes().list().await.map_err(|e| ui(&shell, e))
}

/// The quotes list as last read, in the current language (a language switch: no network).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn quotes_view(shell: State<'_, Shell>) -> Answer<QuotesView> {
    shell.core.quotes().quotes_view().map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn quote_view(shell: State<'_, Shell>, id: u64) -> Answer<QuoteView> {
    shell
        .core
        .quotes()
        .quote_view(id)
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn quote(shell: State<'_, Shell>, id: u64) -> Answer<QuoteView> {
    shell
        .core
        .quotes()
        .quote(id)
        .await
        .map_err(|e| ui(&shell, e))
}

/// Saves the quote's PDF where the person chooses (None when the dialog was cancelled).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_quote_pdf(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: u64,
) -> Answer<Option<String>> {
    let quotes = shell.core.quotes();
    let bytes = quotes.quote_pdf(id).await.map_err(|e| ui(&shell, e))?;
    let name = quotes.quote_pdf_file_name(id);
    let Some(path) =
        save_with_dialog(&app, &shell, "quote-pdf-save-title", &name, "pdf", bytes).await?
    else {
        return Ok(None);
    };
    Ok(Some(shell.core.text(
        "quote-pdf-saved",
        &[("path", path.display().to_string().into())],
    )))
}

/// Opens the quote's PDF in the system's viewer (from a copy in the app's cache folder).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_quote_pdf(app: AppHandle, shell: State<'_, Shell>, id: u64) -> Answer<()> {
    let quotes = shell.core.quotes();
    let bytes = quotes.quote_pdf(id).await.map_err(|e| ui(&shell, e))?;
    open_pdf_copy(&app, &shell, &quotes.quote_pdf_file_name(id), &bytes)
}

/// Opens the portal's terms of service, as the quote's page links them now, in the browser
/// (the window never names an address itself).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_quote_terms(shell: State<'_, Shell>, id: u64) -> Answer<()> {
    let url = shell
        .core
        .quotes()
        .quote_terms_url(id)
        .await
        .map_err(|e| ui(&shell, e))?;
    crate::opener::open(url.as_str()).map_err(|e| ui(&shell, ShellError::Opener(e.to_string())))
}

/// Accepts the quote when the person agreed to the portal's terms; answers the invoice made.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn accept_quote(shell: State<'_, Shell>, id: u64, agreed: bool) -> Answer<AcceptOutcome> {
    shell
        .core
        .quotes()
        .accept_quote(id, agreed)
        .await
        .map_err(|e| ui(&shell, e))
}
