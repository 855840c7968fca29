//! Owns the commands that read an account's billing: the sync, the dashboard, the invoice list
//! and one invoice, their PDFs and the list's CSV.

use super::*;

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sync(app: AppHandle, shell: State<'_, Shell>) -> Answer<DashboardView> {
    let view = shell
        .core
        .billing()
        .sync()
        .await
        .map_err(|e| ui(&shell, e))?;
    crate::reminders::show_due(&app);
    Ok(view)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn dashboard(shell: State<'_, Shell>) -> Answer<DashboardView> {
    shell
        .core
        .billing()
        .dashboard_view()
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn invoice_list(shell: State<'_, Shell>, filter: Filter) -> Answer<InvoiceListView> {
    off_main(&shell, move |core| core.billing().invoice_list(filter)).await
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn invoice(shell: State<'_, Shell>, id: u64) -> Answer<InvoiceView> {
    shell
        .core
        .billing()
        .invoice(id)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn invoice_view(shell: State<'_, Shell>, id: u64) -> Answer<InvoiceView> {
    shell
        .core
        .billing()
        .invoice_view(id)
        .map_err(|e| ui(&shell, e))
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
        .billing()
        .invoice_pdf(id)
        .await
        .map_err(|e| ui(&shell, e))?;
    let name = shell.core.billing().pdf_file_name(id);
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
        .billing()
        .invoice_pdf(id)
        .await
        .map_err(|e| ui(&shell, e))?;
    open_pdf_copy(
        &app,
        &shell,
        &shell.core.billing().pdf_file_name(id),
        &bytes,
    )
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
        .billing()
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

/// Writes the current invoice list (the filter shown) as CSV where the person chooses.
/// Answers what was saved, or nothing when the dialog was cancelled.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn export_csv(
    app: AppHandle,
    shell: State<'_, Shell>,
    filter: Filter,
) -> Answer<Option<String>> {
    let (csv, count, name) = shell
        .core
        .billing()
        .invoices_csv(filter)
        .map_err(|e| ui(&shell, e))?;
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
