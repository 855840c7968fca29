//! The statement commands: preparing it (progress as `statement-progress` events, stoppable),
//! drawing it again in the language of the moment, and saving it as PDF or CSV.

use super::{off_main, save_with_dialog, ui, Answer};
use crate::Shell;
use app_core::statements::run::StatementView;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Emitter, State};

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn prepare_statement(
    app: AppHandle,
    shell: State<'_, Shell>,
    all: bool,
    from: String,
    to: String,
) -> Answer<StatementView> {
    shell.stop_statement.store(false, Ordering::SeqCst);
    shell
        .core
        .statements()
        .prepare_statement_between(all, &from, &to, &shell.stop_statement, |p| {
            let _ = app.emit_to("main", "statement-progress", p);
        })
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn stop_statement(shell: State<'_, Shell>) {
    shell.stop_statement.store(true, Ordering::SeqCst);
}

/// The statement last prepared, in the language of the moment (a language switch).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn statement_view(shell: State<'_, Shell>) -> Answer<StatementView> {
    shell
        .core
        .statements()
        .last_statement_view()
        .map_err(|e| ui(&shell, e))
}

/// Saves the statement as CSV where the person chooses (None when the dialog was cancelled).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_statement_csv(app: AppHandle, shell: State<'_, Shell>) -> Answer<Option<String>> {
    let (csv, name) = off_main(&shell, |core| core.statements().statement_csv()).await?;
    saved(
        &app,
        &shell,
        "statement-csv-save-title",
        &name,
        "csv",
        csv.into_bytes(),
    )
    .await
}

/// Saves the statement as PDF where the person chooses (None when the dialog was cancelled).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn save_statement_pdf(app: AppHandle, shell: State<'_, Shell>) -> Answer<Option<String>> {
    let (pdf, name) = off_main(&shell, |core| core.statements().statement_pdf()).await?;
    saved(&app, &shell, "statement-pdf-save-title", &name, "pdf", pdf).await
}

async fn saved(
    app: &AppHandle,
    shell: &Shell,
    title_id: &str,
    name: &str,
    extension: &str,
    bytes: Vec<u8>,
) -> Answer<Option<String>> {
    let Some(path) = save_with_dialog(app, shell, title_id, name, extension, bytes).await? else {
        return Ok(None);
    };
    Ok(Some(shell.core.text(
        "statement-saved",
        &[("path", path.display().to_string().into())],
    )))
}
