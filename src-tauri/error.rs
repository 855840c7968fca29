//! Owns the shell's own errors (a window that could not open, the system's opener, a folder the
//! system does not name, a background task lost) beside app-core's, and their one mapping to
//! what the UI shows: a kind and a message in the person's language.

use app_core::{Core, CoreError, UiError};

#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("a window could not be opened: {0}")]
    Window(tauri::Error),
    #[error("the system could not open it: {0}")]
    Opener(String),
    #[error("the system names no folder for it: {0}")]
    Folder(tauri::Error),
    #[error("a background task ended without an answer: {0}")]
    Task(String),
}

impl ShellError {
    pub fn kind(&self) -> &'static str {
        match self {
            ShellError::Core(e) => e.kind(),
            ShellError::Window(_) => "window",
            ShellError::Opener(_) => "opener",
            ShellError::Folder(_) => "folder",
            ShellError::Task(_) => "internal",
        }
    }

    pub fn to_ui(&self, core: &Core) -> UiError {
        match self {
            ShellError::Core(e) => core.ui_error(e),
            other => UiError::said(
                core.catalogues(),
                core.lang(),
                other.kind(),
                &format!("error-{}", other.kind()),
                &[],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app_core::Lang;

    /// One sample of each of the shell's own errors, complete by construction (see app-core's
    /// error test): `index` names every variant, the samples cover every index.
    fn every_error() -> Vec<ShellError> {
        fn index(e: &ShellError) -> usize {
            match e {
                ShellError::Core(_) => 0,
                ShellError::Window(_) => 1,
                ShellError::Opener(_) => 2,
                ShellError::Folder(_) => 3,
                ShellError::Task(_) => 4,
            }
        }
        let samples = vec![
            ShellError::Core(CoreError::NotSignedIn),
            ShellError::Window(tauri::Error::WindowNotFound),
            ShellError::Opener("x".into()),
            ShellError::Folder(tauri::Error::UnknownPath),
            ShellError::Task("x".into()),
        ];
        let covered: std::collections::BTreeSet<usize> = samples.iter().map(index).collect();
        assert_eq!(covered, (0..5).collect(), "every variant has a sample");
        samples
    }

    #[test]
    fn every_kind_has_a_message_in_both_languages() {
        let catalogues = l10n::Catalogues::load().unwrap();
        for e in every_error() {
            for lang in Lang::ALL {
                let id = format!("error-{}", e.kind());
                let text = catalogues.text(lang, &id, &[]);
                assert!(
                    !text.is_empty() && text != id,
                    "no {} message for {}",
                    lang.code(),
                    e.kind()
                );
            }
        }
    }
}
