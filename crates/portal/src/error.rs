//! Owns the portal client's one error type: every way talking to a portal can fail, in kinds
//! the UI can translate.

use url::Url;

#[derive(Debug, Clone, thiserror::Error)]
pub enum PortalError {
    #[error("the e-mail or password is not correct")]
    WrongCredentials,
    #[error("the portal asks for a second factor")]
    SecondFactorRequired,
    #[error("the second-factor code was not accepted")]
    WrongSecondFactor,
    #[error("the portal asks for a captcha that only a browser can show")]
    CaptchaRequired,
    #[error("the portal has banned this address for now")]
    Banned { reason: Option<String> },
    #[error("the session has expired")]
    SessionExpired,
    #[error("the portal could not be reached: {0}")]
    Unreachable(String),
    #[error("the portal took too long to answer")]
    Timeout,
    #[error("the portal answered with HTTP {status} at {url}")]
    HttpStatus { status: u16, url: Url },
    #[error("{url} is not the page expected: {what}")]
    UnexpectedPage { url: Url, what: String },
    #[error("{url} is larger than the app reads")]
    PageTooLarge { url: Url },
    #[error("the portal's certificate is not valid for its address: {0}")]
    UntrustedCertificate(String),
    #[error("no such invoice, or not this account's")]
    NotFound,
    #[error("the portal address is not acceptable: {0}")]
    InvalidPortalUrl(String),
    #[error("the portal refused: {0}")]
    Refused(String),
    #[error("the download is not a PDF")]
    NotPdf,
    #[error("this payment choice is not offered for the invoice")]
    PaymentNotOffered,
    #[error("the quote's page offers no acceptance")]
    AcceptNotOffered,
    #[error("the portal asks for its terms of service to be agreed to")]
    TermsNotAgreed,
    #[error("the portal did not accept the quote")]
    QuoteNotAccepted,
    /// A form of a portal page sends elsewhere than the portal: nothing was sent.
    #[error("a form of the portal's page posts to another site ({host}); nothing was sent")]
    ForeignForm { host: String },
}

impl PortalError {
    /// A stable name for the UI's message ids (`error-<kind>`).
    pub fn kind(&self) -> &'static str {
        match self {
            PortalError::WrongCredentials => "wrong-credentials",
            PortalError::SecondFactorRequired => "second-factor-required",
            PortalError::WrongSecondFactor => "wrong-second-factor",
            PortalError::CaptchaRequired => "captcha-required",
            PortalError::Banned { .. } => "banned",
            PortalError::SessionExpired => "session-expired",
            PortalError::Unreachable(_) => "unreachable",
            PortalError::Timeout => "timeout",
            PortalError::HttpStatus { .. } => "http-status",
            PortalError::UnexpectedPage { .. } => "unexpected-page",
            PortalError::PageTooLarge { .. } => "page-too-large",
            PortalError::UntrustedCertificate(_) => "untrusted-certificate",
            PortalError::NotFound => "not-found",
            PortalError::InvalidPortalUrl(_) => "invalid-portal-url",
            PortalError::Refused(_) => "refused",
            PortalError::NotPdf => "not-pdf",
            PortalError::PaymentNotOffered => "payment-not-offered",
            PortalError::ForeignForm { .. } => "foreign-form",
            PortalError::AcceptNotOffered => "accept-not-offered",
            PortalError::TermsNotAgreed => "terms-not-agreed",
            PortalError::QuoteNotAccepted => "quote-not-accepted",
        }
    }

    pub(crate) fn unexpected(url: &Url, what: impl Into<String>) -> PortalError {
        PortalError::UnexpectedPage {
            url: url.clone(),
            what: what.into(),
        }
    }
}

impl From<reqwest::Error> for PortalError {
    fn from(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            PortalError::Timeout
        } else if let (Some(status), Some(url)) = (e.status(), e.url()) {
            PortalError::HttpStatus {
                status: status.as_u16(),
                url: url.clone(),
            }
        } else if let Some(reason) = certificate_refusal(&e) {
            PortalError::UntrustedCertificate(reason)
        } else {
            // reqwest's Display of a connect error names the URL but never cookies or bodies.
            let mut text = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                text.push_str(": ");
                text.push_str(&s.to_string());
                source = s.source();
            }
            PortalError::Unreachable(text)
        }
    }
}

/// The TLS library's reason when `e` is a refused server certificate (self-signed, expired,
/// for another name...). It sits inside `io::Error`s (nested), whose `source()` skips what
/// they wrap, so those are opened too.
fn certificate_refusal(e: &reqwest::Error) -> Option<String> {
    let mut links: Vec<&(dyn std::error::Error + 'static)> = vec![e];
    while let Some(error) = links.pop() {
        if let Some(rustls::Error::InvalidCertificate(reason)) = error.downcast_ref() {
            return Some(format!("{reason:?}"));
        }
        if let Some(inner) = error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            links.push(inner);
        }
        links.extend(error.source());
    }
    None
}

pub type Result<T, E = PortalError> = std::result::Result<T, E>;
