//! Owns the commands for the two languages: the catalogues, a text formatted with its arguments,
//! switching the language, and the translation review with its CSV.

use super::*;

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
