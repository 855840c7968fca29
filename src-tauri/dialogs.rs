//! Owns the system's file dialogs (tauri-plugin-dialog): where to save a file, which folder to
//! fill. Each is modal to the main window, opens in the Documents folder; cancelling it is not
//! an error.

use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// A dialog titled `title`, in the Documents folder, modal to the main window.
fn dialog(app: &AppHandle, title: &str) -> FileDialogBuilder<tauri::Wry> {
    let mut dialog = app.dialog().file().set_title(title);
    if let Ok(dir) = app.path().document_dir().or_else(|_| app.path().home_dir()) {
        dialog = dialog.set_directory(dir);
    }
    if let Some(main) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&main);
    }
    dialog
}

/// Asks where to save a file, suggesting `file_name`. None when the person cancels.
pub async fn save_path(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter_name: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog(app, title)
        .set_file_name(file_name)
        .add_filter(filter_name, extensions)
        .save_file(move |chosen| {
            let _ = tx.send(chosen);
        });
    rx.await.ok().flatten().and_then(|p| p.into_path().ok())
}

/// Asks for a folder. None when the person cancels.
pub async fn pick_folder(app: &AppHandle, title: &str) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    dialog(app, title).pick_folder(move |chosen| {
        let _ = tx.send(chosen);
    });
    rx.await.ok().flatten().and_then(|p| p.into_path().ok())
}
