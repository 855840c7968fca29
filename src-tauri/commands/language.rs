//! Owns the commands for the two languages: the catalogues (the counted messages as the window
//! formats them), switching the language, and the translation review with its CSV.

use super::*;

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn catalog(shell: State<'_, Shell>, lang: String) -> Answer<BTreeMap<String, String>> {
    let lang = Lang::from_code(&lang).unwrap_or(shell.core.lang());
    Ok(shell.core.catalog(lang))
}

/// The messages that choose by a count, as the window formats them itself: a count that
/// changes with each keystroke or tick is formatted there, never a round trip.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn counted_messages(shell: State<'_, Shell>, lang: String) -> l10n::counted::CountedMessages {
    let lang = Lang::from_code(&lang).unwrap_or(shell.core.lang());
    l10n::counted::counted_messages(lang)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn set_language(shell: State<'_, Shell>, lang: String) -> Answer<()> {
    let lang = Lang::from_code(&lang).unwrap_or(Lang::En);
    off_main(&shell, move |core| core.settings().set_language(lang)).await
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
