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
    /// The invoices picked cannot be paid together; the message id says why (formatted when
    /// shown, so that it follows the language).
    #[error("the invoices cannot be paid together ({0})")]
    MassPaymentRefused(&'static str),
    /// The amount typed is not one the portal would apply: more than `0`, at most the money
    /// (formatted when shown).
    #[error("the credit to apply must be more than 0 and at most {0:?}")]
    CreditAmount(portal::Money),
    /// The portal no longer offers to apply credit to the invoice.
    #[error("the portal does not offer to apply credit to this invoice")]
    CreditNotOffered,
    /// The form was sent, and the invoice shows no credit applied.
    #[error("the portal did not apply the credit")]
    CreditNotApplied,
    /// The amount to add is outside the portal's limits (minimum, maximum).
    #[error("funds to add must be from {0:?} to {1:?}")]
    FundsAmount(portal::Money, portal::Money),
    /// The portal refused to make the add-funds invoice; its words.
    #[error("the portal did not make the invoice: {0}")]
    FundsRefused(String),
    /// A quote is accepted only with the person's own agreement to the portal's terms.
    #[error("the terms of service were not agreed to")]
    TermsNotTicked,
    /// The statement's dates are not two days, the first not after the second.
    #[error("the statement's dates are not a range")]
    StatementRange,
    /// Saving a statement before one was prepared.
    #[error("no statement was prepared")]
    NoStatement,
    /// The payment record could not be read or written (too many open files, a full disk, a
    /// read-only folder): nothing was paid or changed, and the record on disk is as it was.
    #[error("the payment record could not be used: {0:?}")]
    PaymentRecord(std::io::ErrorKind),
}

/// An error as the UI receives it: its message in the language of the moment, and the
/// message's id with its arguments, so that the window draws it again when the person
/// switches the language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UiError {
    pub kind: String,
    pub message: String,
    pub id: String,
    pub args: std::collections::BTreeMap<String, String>,
}

impl UiError {
    /// Error `kind`, said by message `id` with `args` in `lang`.
    pub fn said(
        catalogues: &Catalogues,
        lang: Lang,
        kind: &str,
        id: &str,
        args: &[(&str, l10n::Arg)],
    ) -> UiError {
        UiError {
            kind: kind.to_owned(),
            message: catalogues.text(lang, id, args),
            id: id.to_owned(),
            args: args
                .iter()
                .map(|(name, arg)| {
                    let value = match arg {
                        l10n::Arg::Text(s) => s.clone(),
                        l10n::Arg::Number(n) => n.to_string(),
                    };
                    ((*name).to_owned(), value)
                })
                .collect(),
        }
    }
}

impl CoreError {
    pub fn kind(&self) -> &'static str {
        match self {
            CoreError::Portal(e) => e.kind(),
            CoreError::NotSignedIn => "not-signed-in",
            // Locked is the person's to undo (unlock it), unlike a keyring that is not there.
            CoreError::Keyring(SecretError::Locked) => "keyring-locked",
            CoreError::Keyring(_) => "keyring",
            // A full disk is the person's to remedy, and said so.
            CoreError::Io(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
                ) =>
            {
                "disk-full"
            }
            CoreError::Io(_) | CoreError::Internal(_) => "internal",
            CoreError::PaymentGuarded => "payment-guarded",
            CoreError::Offline => "offline",
            CoreError::NoOfflineCopy => "no-offline-copy",
            CoreError::OfflineCopyDamaged(_) => "offline-copy-damaged",
            CoreError::MassPaymentRefused(_) => "mass-payment-refused",
            CoreError::CreditAmount(_) => "credit-amount",
            CoreError::CreditNotOffered => "credit-not-offered",
            CoreError::CreditNotApplied => "credit-not-applied",
            CoreError::FundsAmount(..) => "funds-amount",
            CoreError::FundsRefused(_) => "funds-refused",
            CoreError::TermsNotTicked => "terms-not-ticked",
            CoreError::StatementRange => "statement-range",
            CoreError::NoStatement => "no-statement",
            CoreError::PaymentRecord(_) => "payment-record",
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
            CoreError::CreditAmount(most) => {
                vec![("most", l10n::Arg::from(crate::views::money(lang, most)))]
            }
            CoreError::FundsAmount(min, max) => vec![
                ("min", l10n::Arg::from(crate::views::money(lang, min))),
                ("max", l10n::Arg::from(crate::views::money(lang, max))),
            ],
            CoreError::FundsRefused(reason) => vec![("reason", l10n::Arg::from(reason.clone()))],
            _ => vec![],
        };
        let id = match self {
            CoreError::MassPaymentRefused(why) => (*why).to_owned(),
            _ => format!("error-{kind}"),
        };
        UiError::said(catalogues, lang, kind, &id, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One sample of every error, complete by construction: `index` must name every variant
    /// (a new one does not compile until it is added there), and the samples must cover every
    /// index (a variant added there without a sample fails the test).
    fn every_error() -> Vec<CoreError> {
        fn portal_index(e: &PortalError) -> usize {
            match e {
                PortalError::WrongCredentials => 0,
                PortalError::SecondFactorRequired => 1,
                PortalError::WrongSecondFactor => 2,
                PortalError::CaptchaRequired => 3,
                PortalError::Banned { .. } => 4,
                PortalError::SessionExpired => 5,
                PortalError::Unreachable(_) => 6,
                PortalError::Timeout => 7,
                PortalError::HttpStatus { .. } => 8,
                PortalError::UnexpectedPage { .. } => 9,
                PortalError::PageTooLarge { .. } => 10,
                PortalError::UntrustedCertificate(_) => 11,
                PortalError::NotFound => 12,
                PortalError::InvalidPortalUrl(_) => 13,
                PortalError::Refused(_) => 14,
                PortalError::NotPdf => 15,
                PortalError::PaymentNotOffered => 16,
                PortalError::ForeignForm { .. } => 17,
                PortalError::AcceptNotOffered => 18,
                PortalError::TermsNotAgreed => 19,
                PortalError::QuoteNotAccepted => 20,
            }
        }
        const PORTAL: usize = 21;
        fn index(e: &CoreError) -> usize {
            match e {
                CoreError::Portal(p) => portal_index(p),
                CoreError::NotSignedIn => PORTAL,
                CoreError::Keyring(_) => PORTAL + 1,
                CoreError::Io(_) => PORTAL + 2,
                CoreError::Internal(_) => PORTAL + 3,
                CoreError::PaymentGuarded => PORTAL + 4,
                CoreError::Offline => PORTAL + 5,
                CoreError::NoOfflineCopy => PORTAL + 6,
                CoreError::OfflineCopyDamaged(_) => PORTAL + 7,
                CoreError::MassPaymentRefused(_) => PORTAL + 8,
                CoreError::CreditAmount(_) => PORTAL + 9,
                CoreError::CreditNotOffered => PORTAL + 10,
                CoreError::CreditNotApplied => PORTAL + 11,
                CoreError::FundsAmount(..) => PORTAL + 12,
                CoreError::FundsRefused(_) => PORTAL + 13,
                CoreError::TermsNotTicked => PORTAL + 14,
                CoreError::StatementRange => PORTAL + 15,
                CoreError::NoStatement => PORTAL + 16,
                CoreError::PaymentRecord(_) => PORTAL + 17,
            }
        }
        const ALL: usize = PORTAL + 18;
        let url = url::Url::parse("https://x.test/").unwrap();
        let samples = vec![
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
                url: url.clone(),
                what: "x".into(),
            }),
            CoreError::Portal(PortalError::PageTooLarge { url }),
            CoreError::Portal(PortalError::UntrustedCertificate("x".into())),
            CoreError::Portal(PortalError::NotFound),
            CoreError::Portal(PortalError::InvalidPortalUrl("x".into())),
            CoreError::Portal(PortalError::Refused("x".into())),
            CoreError::Portal(PortalError::NotPdf),
            CoreError::Portal(PortalError::PaymentNotOffered),
            CoreError::Portal(PortalError::ForeignForm { host: "x".into() }),
            CoreError::Portal(PortalError::AcceptNotOffered),
            CoreError::Portal(PortalError::TermsNotAgreed),
            CoreError::Portal(PortalError::QuoteNotAccepted),
            CoreError::NotSignedIn,
            CoreError::Keyring(SecretError::Locked),
            CoreError::Keyring(SecretError::Unavailable("x".into())),
            CoreError::Io(std::io::Error::other("x")),
            CoreError::Io(std::io::ErrorKind::StorageFull.into()),
            CoreError::Internal("x".into()),
            CoreError::PaymentGuarded,
            CoreError::Offline,
            CoreError::NoOfflineCopy,
            CoreError::OfflineCopyDamaged("/x".into()),
            CoreError::MassPaymentRefused("mass-pay-one-currency"),
            CoreError::CreditAmount(portal::Money::new(
                rust_decimal::Decimal::new(500, 2),
                "EUR",
            )),
            CoreError::CreditNotOffered,
            CoreError::CreditNotApplied,
            CoreError::FundsAmount(
                portal::Money::new(rust_decimal::Decimal::new(1000, 2), "EUR"),
                portal::Money::new(rust_decimal::Decimal::new(10000, 2), "EUR"),
            ),
            CoreError::FundsRefused("Maximum Balance: €300.00 EUR".into()),
            CoreError::TermsNotTicked,
            CoreError::StatementRange,
            CoreError::NoStatement,
            CoreError::PaymentRecord(std::io::ErrorKind::StorageFull),
        ];
        let covered: std::collections::BTreeSet<usize> = samples.iter().map(index).collect();
        assert_eq!(
            covered,
            (0..ALL).collect(),
            "every error variant has a sample"
        );
        samples
    }

    #[test]
    fn every_kind_has_a_message_in_both_languages() {
        let c = Catalogues::load().unwrap();
        for e in every_error() {
            for lang in Lang::ALL {
                let ui = e.to_ui(&c, lang);
                assert!(
                    !ui.message.starts_with("error-") && !ui.message.starts_with("mass-pay-"),
                    "no {} message for {}",
                    lang.code(),
                    ui.kind
                );
            }
        }
    }

    #[test]
    fn a_refused_mass_payment_is_said_in_the_language_of_the_moment() {
        let c = Catalogues::load().unwrap();
        let e = CoreError::MassPaymentRefused("mass-pay-one-currency");
        assert_eq!(
            e.to_ui(&c, Lang::En).message,
            c.text(Lang::En, "mass-pay-one-currency", &[])
        );
        assert_eq!(
            e.to_ui(&c, Lang::Sq).message,
            c.text(Lang::Sq, "mass-pay-one-currency", &[])
        );
    }
}
