//! Owns the app's error type and the one place where an error becomes what the UI shows:
//! a kind and a message in the user's language.

use crate::secrets::SecretError;
use l10n::{Catalogues, Lang};
use portal::PortalError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error(transparent)]
    Portal(#[from] PortalError),
    #[error("not signed in")]
    NotSignedIn,
    #[error(transparent)]
    Keyring(#[from] SecretError),
    #[error("a file could not be written: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Internal(String),
    #[error("a payment of this invoice awaits confirmation")]
    PaymentGuarded,
    #[error("offline: showing the saved copy")]
    Offline,
    #[error("no saved copy of this account's invoices")]
    NoOfflineCopy,
    #[error("the saved copy could not be read and was set aside as {0}")]
    OfflineCopyDamaged(std::path::PathBuf),
    /// The invoices picked cannot be paid together; the text says why, in the user's language.
    #[error("{0}")]
    MassPaymentRefused(String),
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UiError {
    pub kind: String,
    pub message: String,
}

impl CoreError {
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::Portal(e) => e.kind(),
            CoreError::NotSignedIn => "not-signed-in",
            CoreError::Keyring(_) => "keyring",
            CoreError::Io(_) | CoreError::Internal(_) => "internal",
            CoreError::PaymentGuarded => "payment-guarded",
            CoreError::Offline => "offline",
            CoreError::NoOfflineCopy => "no-offline-copy",
            CoreError::OfflineCopyDamaged(_) => "offline-copy-damaged",
            CoreError::MassPaymentRefused(_) => "mass-payment-refused",
        }
    }

    /// The portal could not be reached (as opposed to answering "no"): the saved copy of the
    /// invoices is worth showing.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self,
            CoreError::Portal(
                PortalError::Unreachable(_)
                    | PortalError::Timeout
                    | PortalError::HttpStatus { status: 500.., .. }
            )
        )
    }

    pub fn to_ui(&self, catalogues: &Catalogues, lang: Lang) -> UiError {
        let kind = self.kind();
        let args: Vec<(&str, l10n::Arg)> = match self {
            CoreError::OfflineCopyDamaged(kept) => {
                vec![("path", l10n::Arg::from(kept.display().to_string()))]
            }
            CoreError::Portal(PortalError::ForeignForm { host }) => {
                vec![("host", l10n::Arg::from(host.clone()))]
            }
            _ => vec![],
        };
        let message = match self {
            CoreError::MassPaymentRefused(why) => why.clone(),
            _ => catalogues.text(lang, &format!("error-{kind}"), &args),
        };
        UiError {
            kind: kind.to_owned(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_message_in_both_languages() {
        let c = Catalogues::load().unwrap();
        let url = url::Url::parse("https://x.test/").unwrap();
        let errors = vec![
            CoreError::Portal(PortalError::WrongCredentials),
            CoreError::Portal(PortalError::SecondFactorRequired),
            CoreError::Portal(PortalError::WrongSecondFactor),
            CoreError::Portal(PortalError::CaptchaRequired),
            CoreError::Portal(PortalError::Banned { reason: None }),
            CoreError::Portal(PortalError::SessionExpired),
            CoreError::Portal(PortalError::Unreachable("x".into())),
            CoreError::Portal(PortalError::Timeout),
            CoreError::Portal(PortalError::HttpStatus {
                status: 500,
                url: url.clone(),
            }),
            CoreError::Portal(PortalError::UnexpectedPage {
                url,
                what: "x".into(),
            }),
            CoreError::Portal(PortalError::NotFound),
            CoreError::Portal(PortalError::InvalidPortalUrl("x".into())),
            CoreError::Portal(PortalError::Refused("x".into())),
            CoreError::Portal(PortalError::NotPdf),
            CoreError::Portal(PortalError::PaymentNotOffered),
            CoreError::Portal(PortalError::ForeignForm { host: "x".into() }),
            CoreError::NotSignedIn,
            CoreError::Keyring(SecretError::Locked),
            CoreError::Internal("x".into()),
            CoreError::PaymentGuarded,
            CoreError::Offline,
            CoreError::NoOfflineCopy,
            CoreError::OfflineCopyDamaged("/x".into()),
            CoreError::MassPaymentRefused("x".into()),
        ];
        for e in errors {
            for lang in Lang::ALL {
                let ui = e.to_ui(&c, lang);
                assert!(
                    !ui.message.starts_with("error-"),
                    "no {} message for {}",
                    lang.code(),
                    ui.kind
                );
            }
        }
    }
}
