//! Owns the `Core` façade, thin: it holds the parts that own the app's state and hands each
//! service its own. Shared by every service: `preferences` (the language and settings),
//! `signed_in` (the accounts signed in this run), `portals` (where portals and processors are),
//! the catalogues and the one listener for changes. Each service is a view reached by an
//! accessor in its own module (`core.accounts()`, `billing()`, `payments()`, `statements()`,
//! `quotes()`, `reminders()`, `settings()`); its own state (`payments::state`…) is visible
//! to that module alone. What stays here: the language and texts, the session of the account on
//! screen, and the diagnostics.

use crate::accounts::state::AccountsState;
use crate::billing::state::BillingState;
use crate::error::CoreError;
use crate::payments::state::PaymentsState;
use crate::portals::Portals;
use crate::preferences::Preferences;
use crate::reminder_notices::state::RemindersState;
use crate::secrets::SecretStore;
use crate::settings::SettingsFile;
use crate::signed_in::SignedIn;
use crate::statements::state::StatementsState;
use crate::updates::state::UpdatesState;
use crate::views::AccountView;
use l10n::{Arg, Catalogues, Lang};
use portal::Session;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

pub const JITOPS_PORTAL: &str = "https://jitops.com/";
/// How an account of the embedded demo portal is recorded: the demo listens on a new port at
/// each start, so its address cannot name it.
pub const DEMO_PORTAL: &str = "demo";

pub(crate) type Result<T> = std::result::Result<T, CoreError>;

/// Which portal the user signs in to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "kind", content = "url", rename_all = "kebab-case")]
pub enum PortalChoice {
    Jitops,
    Demo,
    Other(String),
}

/// An OS notification to show, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    /// The invoice it is about (a click opens it); none for a summary of several.
    pub about: Option<NoticeAbout>,
}

impl Notice {
    /// The body as the notification spec's markup reads it: the portal's words (an invoice
    /// number) are text, never markup, whether or not the desktop's server renders markup.
    pub fn body_as_markup(&self) -> String {
        let mut escaped = String::with_capacity(self.body.len());
        for c in self.body.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                other => escaped.push(other),
            }
        }
        escaped
    }
}

/// Which invoice of which account a notification is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeAbout {
    pub account: String,
    pub invoice_id: u64,
}

/// The "Pay selected" bar of the invoice list.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MassPaymentSummary {
    pub count: usize,
    /// "Pay 2 invoices: €35.87".
    pub label: String,
    /// Why they cannot be paid together, when they cannot.
    pub problem: Option<String>,
    /// The same reason's message id (an error made of it follows a language switch).
    #[serde(skip)]
    pub problem_id: Option<&'static str>,
    /// The double-charge warning, when a payment of one of them is not over: paying needs the
    /// person's explicit confirmation then.
    pub guard: Option<String>,
}

/// How "save all PDFs" is going, and how it ended.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PdfProgress {
    pub total: usize,
    pub done: usize,
    pub saved: usize,
    pub skipped: usize,
    pub failed: usize,
    pub cancelled: bool,
    /// The invoice number last handled.
    pub current: String,
    /// Set at the end: what was done, in the user's language.
    pub message: String,
}

/// An account in the switcher.
#[derive(Debug, Clone, Serialize)]
pub struct AccountChoice {
    pub key: String,
    /// How the account is named on screen (its e-mail, with the portal when not JitOps's).
    pub label: String,
    pub email: String,
    pub portal: String,
    pub current: bool,
    pub signed_in: bool,
    pub remembered: bool,
    /// The portal as the sign-in form chooses it, for signing in to this account again.
    pub sign_in_portal: PortalChoice,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignInOutcome {
    pub second_factor: bool,
    /// What the person is told beside signing in: "remember me" was asked but the keyring
    /// could not keep the password, or the saved copy of the invoices could not be read (and
    /// was set aside). Each is a message the window draws in the language of the moment.
    pub warnings: Vec<crate::UiError>,
    pub account: Option<AccountView>,
    /// After a backup code: the portal used it up and made this new one, shown only once.
    /// The person must see it and keep it.
    pub new_backup_code: Option<String>,
}

pub struct Core {
    pub(crate) catalogues: Catalogues,
    /// The language and the settings (see `preferences`).
    pub(crate) preferences: Preferences,
    /// The accounts signed in this run (see `signed_in`).
    pub(crate) signed_in: SignedIn,
    /// Where the portals and processors are (see `portals`).
    pub(crate) portals: Portals,
    /// The shell's one listener for what changed.
    pub(crate) changes: crate::changes::Changes,
    // Each service's own part, handed to its view by the accessor in the service's module
    // (`Core::payments` is in `payments`): only that module reaches inside it.
    pub(crate) accounts: AccountsState,
    pub(crate) billing: BillingState,
    pub(crate) payments: PaymentsState,
    pub(crate) statements: StatementsState,
    pub(crate) reminders: RemindersState,
    pub(crate) updates: UpdatesState,
}

impl Core {
    /// `system_locale` decides the language of a first start (Albanian for `sq*`).
    pub fn new(
        config_dir: &Path,
        data_dir: &Path,
        secrets: Arc<dyn SecretStore>,
        system_locale: &str,
    ) -> Result<Core> {
        let catalogues = Catalogues::load().map_err(|e| CoreError::Internal(e.to_string()))?;
        // The app's folders hold a customer's invoices and payments: the owner's only.
        crate::store::private_dir(config_dir)?;
        crate::store::private_dir(data_dir)?;
        let preferences = Preferences::load(SettingsFile::new(config_dir), system_locale);
        let payments = PaymentsState::new(data_dir);
        let trouble = payments.trouble_at_start();
        let core = Core {
            catalogues,
            preferences,
            signed_in: SignedIn::default(),
            portals: Portals::default(),
            changes: Default::default(),
            accounts: AccountsState::new(secrets),
            billing: BillingState::new(data_dir),
            payments,
            statements: StatementsState::new(),
            reminders: RemindersState::new(data_dir),
            updates: UpdatesState::new(),
        };
        core.payments().note_trouble(trouble);
        Ok(core)
    }

    /// Sets the one listener told of every change (`changes::Change`); false when one was set.
    pub fn subscribe(
        &self,
        listener: impl Fn(crate::changes::Change) + Send + Sync + 'static,
    ) -> bool {
        self.changes.subscribe(listener)
    }

    pub fn catalogues(&self) -> &Catalogues {
        &self.catalogues
    }

    pub fn lang(&self) -> Lang {
        self.preferences.lang()
    }

    pub fn text(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.catalogues.text(self.lang(), id, args)
    }

    pub fn ui_error(&self, e: &CoreError) -> crate::UiError {
        e.to_ui(&self.catalogues, self.lang())
    }

    pub fn catalog(&self, lang: Lang) -> BTreeMap<String, String> {
        self.catalogues.all_texts(lang)
    }

    /// The key of the account on screen.
    pub fn current_key(&self) -> Option<String> {
        self.signed_in.current_key()
    }

    /// What "Copy diagnostics" copies (`diagnostics::report`): the portal of the account on
    /// screen by its host (not the e-mail), and the recent problems from the log.
    pub fn diagnostics(&self, version: &str) -> String {
        let lang = self.lang();
        let portal = self.signed_in.lock().current().map(|a| {
            url::Url::parse(&a.record.portal)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| a.record.portal.clone())
        });
        let problems = crate::diagnostics::log_dir()
            .map(|dir| crate::diagnostics::recent_problems(&dir, 20))
            .unwrap_or_default();
        crate::diagnostics::report(version, lang.code(), portal.as_deref(), &problems)
    }

    /// The live session of an account signed in this run (on screen or parked).
    pub(crate) fn session_of(&self, key: &str) -> Result<Arc<Session>> {
        self.signed_in.session_of(key)
    }

    pub(crate) fn session(&self) -> Result<(Arc<Session>, String)> {
        self.signed_in.session()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notifications_body_is_text_never_markup() {
        let notice = Notice {
            title: "JitOps Billing".into(),
            body: "Invoice <a href=\"https://evil.example\">2026-01</a> & <b>paid</b> „ok“".into(),
            about: None,
        };
        assert_eq!(
            notice.body_as_markup(),
            "Invoice &lt;a href=\"https://evil.example\"&gt;2026-01&lt;/a&gt; &amp; &lt;b&gt;paid&lt;/b&gt; „ok“"
        );
    }
}
