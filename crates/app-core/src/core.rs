//! Owns the `Core` façade: it composes the parts that own the app's state, each behind private
//! fields and its own methods (`preferences`: the language and settings; `signed_in`: the
//! accounts signed in this run; `portals`: where portals and processors are; the payment
//! record, the saved copies, the reminders), and its operations live in one module per job
//! (`accounts`, `sync`, `files`, `mass_payment`, `payments`, `tray`…), each an `impl Core`.

use crate::attempts::AttemptFile;
use crate::cache::InvoiceCache;
use crate::error::CoreError;
use crate::portals::Portals;
use crate::preferences::Preferences;
use crate::reminders::ReminderFile;
use crate::secrets::SecretStore;
use crate::settings::SettingsFile;
use crate::signed_in::SignedIn;
use crate::trackers::Trackers;
use crate::views::AccountView;
use l10n::{Arg, Catalogues, Lang};
use portal::{PortalAddress, Session};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

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
    /// Set when "remember me" was asked but the keyring could not keep the password, or the
    /// saved copy of the invoices could not be read (and was set aside).
    pub keyring_warning: Option<String>,
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
    /// The payment attempts on disk (see `payments`).
    pub(crate) attempts: AttemptFile,
    pub(crate) trackers: Arc<Trackers>,
    /// The attempts this run recorded and the checkout window open now (see `at_processor`).
    pub(crate) at_processor: crate::at_processor::AtProcessor,
    /// Warnings for the window, each shown once (a damaged payment record).
    pub(crate) warnings: Mutex<Vec<String>>,
    pub(crate) cache: InvoiceCache,
    pub(crate) reminders: ReminderFile,
    pub(crate) secrets: Arc<dyn SecretStore>,
    /// The latest notifications given, for the tray menu.
    pub(crate) recent_notices: crate::tray::RecentNotices,
    /// The statement last prepared: what "Save PDF" and "Save CSV" write, in the language of
    /// the moment.
    pub(crate) last_statement: Mutex<Option<crate::statement::Statement>>,
    /// The shell's one listener for what changed.
    pub(crate) changes: crate::changes::Changes,
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
        let attempts = AttemptFile::new(data_dir);
        let trouble = attempts.load().ok().and_then(|(_, trouble)| trouble);
        let core = Core {
            catalogues,
            preferences,
            signed_in: SignedIn::default(),
            portals: Portals::default(),
            attempts,
            trackers: Arc::new(Trackers::default()),
            at_processor: Default::default(),
            warnings: Mutex::new(vec![]),
            cache: InvoiceCache::new(data_dir),
            reminders: ReminderFile::new(data_dir),
            secrets,
            recent_notices: Default::default(),
            last_statement: Mutex::new(None),
            changes: Default::default(),
        };
        core.note_trouble(trouble);
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

    /// Switches the language and remembers it.
    pub fn set_language(&self, lang: Lang) -> Result<()> {
        self.preferences.set_language(lang)?;
        self.changes.tell(crate::changes::Change::Language);
        Ok(())
    }

    /// Whether closing the window keeps the app in the tray; None until the person chose.
    pub fn close_to_tray(&self) -> Option<bool> {
        self.preferences.close_to_tray()
    }

    /// Remembers what closing the window does.
    pub fn set_close_to_tray(&self, keep: bool) -> Result<()> {
        self.preferences.set_close_to_tray(keep)
    }

    /// Where the embedded demo portal listens, when the app runs with `--demo`.
    /// The embedded demo portal's address, and its processors' origins (`127.0.0.1:PORT`: its
    /// 2Checkout and its PayPal), which its payments may visit.
    pub fn set_demo_portal(&self, url: &str, processor_origins: Vec<String>) {
        self.portals.set_demo(url, processor_origins);
    }

    /// The hosts a payment may visit: the processors', and the demo's when it runs.
    pub(crate) fn processor_domains(&self) -> Vec<String> {
        self.portals.processor_domains()
    }

    pub fn demo_portal(&self) -> Option<String> {
        self.portals.demo_portal()
    }

    pub(crate) fn portal_url(&self, choice: &PortalChoice) -> Result<String> {
        Ok(match choice {
            PortalChoice::Jitops => JITOPS_PORTAL.to_owned(),
            PortalChoice::Demo => self
                .demo_portal()
                .ok_or_else(|| CoreError::Internal("the demo portal is not running".into()))?,
            PortalChoice::Other(url) => url.clone(),
        })
    }

    /// The client area of a portal, checked like any portal address.
    pub fn client_area_url(&self, portal: &PortalChoice) -> Result<url::Url> {
        let address = PortalAddress::parse(&self.portal_url(portal)?)?;
        Ok(address.page("clientarea.php"))
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
