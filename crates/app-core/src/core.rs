//! Owns the app's state and the `Core` façade: the account on screen and the others signed in
//! this run, the language and settings, the demo portal's address; its operations live in one
//! module per job (`accounts`, `sync`, `files`, `mass_payment`, `payments`, `tray`), each an
//! `impl Core` over this state.

use crate::attempts::AttemptFile;
use crate::cache::InvoiceCache;
use crate::error::CoreError;
use crate::reminders::ReminderFile;
use crate::secrets::SecretStore;
use crate::settings::{AccountRecord, Settings, SettingsFile};
use crate::trackers::Trackers;
use crate::views::AccountView;
use chrono::{DateTime, Local};
use l10n::{Arg, Catalogues, Lang};
use portal::checkout::DEFAULT_PROCESSOR_DOMAINS;
use portal::{Dashboard, InvoiceDetail, InvoiceSummary, PortalAddress, Session};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
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

pub(crate) struct Account {
    pub(crate) record: AccountRecord,
    /// None while offline: the invoices are the saved copy, and nothing reaches the portal.
    pub(crate) session: Option<Arc<Session>>,
    pub(crate) invoices: Vec<InvoiceSummary>,
    pub(crate) dashboard: Option<Dashboard>,
    pub(crate) last_sync: Option<DateTime<Local>>,
    /// The invoice pages read from the portal in this run (their forms usable).
    pub(crate) details: HashMap<u64, InvoiceDetail>,
    /// The invoice pages as the saved copy holds them (read in an earlier run, without their
    /// forms): shown only while the portal cannot be read, and said to be the saved copy.
    pub(crate) saved_details: HashMap<u64, InvoiceDetail>,
    /// The quotes list as last read (its dates in ISO form, its subjects), and each quote's
    /// page as last read: drawn again in the other language without the network.
    pub(crate) quotes: Option<Vec<portal::QuoteSummary>>,
    pub(crate) quote_details: HashMap<u64, portal::QuoteDetail>,
    /// Each invoice's transactions as last read for a statement (kept in the saved copy).
    pub(crate) payments: HashMap<u64, crate::statement::InvoicePayments>,
}

/// A sign-in waiting for its second factor.
impl Account {
    /// An account shown from its saved copy (if any) until a sync replaces it.
    pub(crate) fn new(
        record: AccountRecord,
        session: Option<Arc<Session>>,
        copy: Option<crate::cache::CachedAccount>,
    ) -> Account {
        let mut account = Account {
            record,
            session,
            invoices: vec![],
            dashboard: None,
            last_sync: None,
            details: HashMap::new(),
            saved_details: HashMap::new(),
            quotes: None,
            quote_details: HashMap::new(),
            payments: HashMap::new(),
        };
        if let Some(copy) = copy {
            account.invoices = copy.invoices;
            account.dashboard = copy.dashboard;
            account.last_sync = Some(copy.synced_at);
            account.quotes = copy.quotes;
            account.quote_details = copy.quote_details.into_iter().collect();
            account.payments = copy.payments.into_iter().collect();
            account.saved_details = copy.details.into_iter().collect();
        }
        account
    }
}

pub(crate) struct Pending2fa {
    pub(crate) record: AccountRecord,
    pub(crate) session: Arc<Session>,
    pub(crate) password: SecretString,
    pub(crate) remember: bool,
}

pub(crate) struct State {
    pub(crate) lang: Lang,
    pub(crate) settings: Settings,
    /// The account on screen.
    pub(crate) account: Option<Account>,
    /// The other accounts signed in (or opened offline) this run, most recent last: switching
    /// to one is instant, its session still alive.
    pub(crate) parked: Vec<Account>,
    pub(crate) pending_2fa: Option<Pending2fa>,
    pub(crate) demo_portal: Option<String>,
    pub(crate) demo_processor_origins: Vec<String>,
}

pub struct Core {
    pub(crate) catalogues: Catalogues,
    pub(crate) settings_file: SettingsFile,
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
    pub(crate) state: Mutex<State>,
    /// Held while the settings are changed and written: writes land in the order made.
    pub(crate) settings_writer: Mutex<()>,
    pub(crate) processor_domains: Vec<String>,
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
        let settings_file = SettingsFile::new(config_dir);
        let settings = settings_file.load();
        let lang = settings
            .language
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(|| Lang::from_system_locale(system_locale));
        let attempts = AttemptFile::new(data_dir);
        let trouble = attempts.load().ok().and_then(|(_, trouble)| trouble);
        let core = Core {
            catalogues,
            settings_file,
            attempts,
            trackers: Arc::new(Trackers::default()),
            at_processor: Default::default(),
            warnings: Mutex::new(vec![]),
            cache: InvoiceCache::new(data_dir),
            reminders: ReminderFile::new(data_dir),
            secrets,
            state: Mutex::new(State {
                lang,
                settings,
                account: None,
                parked: vec![],
                pending_2fa: None,
                demo_portal: None,
                demo_processor_origins: vec![],
            }),
            processor_domains: DEFAULT_PROCESSOR_DOMAINS
                .iter()
                .map(|d| d.to_string())
                .collect(),
            recent_notices: Default::default(),
            last_statement: Mutex::new(None),
            settings_writer: Mutex::new(()),
            changes: Default::default(),
        };
        core.note_trouble(trouble);
        Ok(core)
    }

    pub(crate) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-written in a way that
        // matters more than refusing every later call would.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
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
        self.state().lang
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

    /// Changes the settings and writes them without holding the state's lock over the disk:
    /// the change is made on a copy and written first (one writer at a time, so writes land in
    /// the order made), then applied with `then` under the lock. A write that fails changes
    /// nothing.
    pub(crate) fn change_settings<T>(
        &self,
        change: impl FnOnce(&mut Settings),
        then: impl FnOnce(&mut State) -> T,
    ) -> Result<T> {
        let _writing = self
            .settings_writer
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let mut copy = self.state().settings.clone();
        change(&mut copy);
        self.settings_file.save(&copy)?;
        let mut state = self.state();
        state.settings = copy;
        Ok(then(&mut state))
    }

    /// Switches the language and remembers it.
    pub fn set_language(&self, lang: Lang) -> Result<()> {
        self.change_settings(
            |settings| settings.language = Some(lang.code().to_owned()),
            |state| state.lang = lang,
        )?;
        self.changes.tell(crate::changes::Change::Language);
        Ok(())
    }

    /// Whether closing the window keeps the app in the tray; None until the person chose.
    pub fn close_to_tray(&self) -> Option<bool> {
        self.state().settings.close_to_tray
    }

    /// Remembers what closing the window does.
    pub fn set_close_to_tray(&self, keep: bool) -> Result<()> {
        self.change_settings(|settings| settings.close_to_tray = Some(keep), |_| ())
    }

    /// Where the embedded demo portal listens, when the app runs with `--demo`.
    /// The embedded demo portal's address, and its processors' origins (`127.0.0.1:PORT`: its
    /// 2Checkout and its PayPal), which its payments may visit.
    pub fn set_demo_portal(&self, url: &str, processor_origins: Vec<String>) {
        let mut state = self.state();
        state.demo_portal = Some(url.to_owned());
        state.demo_processor_origins = processor_origins;
    }

    /// The hosts a payment may visit: the processors', and the demo's when it runs.
    pub(crate) fn processor_domains(&self) -> Vec<String> {
        let mut domains = self.processor_domains.clone();
        domains.extend(self.state().demo_processor_origins.iter().cloned());
        domains
    }

    pub fn demo_portal(&self) -> Option<String> {
        self.state().demo_portal.clone()
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
        self.state().account.as_ref().map(|a| a.record.key())
    }

    /// What "Copy diagnostics" copies (`diagnostics::report`): the portal of the account on
    /// screen by its host (not the e-mail), and the recent problems from the log.
    pub fn diagnostics(&self, version: &str) -> String {
        let (lang, portal) = {
            let state = self.state();
            let portal = state.account.as_ref().map(|a| {
                url::Url::parse(&a.record.portal)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_owned))
                    .unwrap_or_else(|| a.record.portal.clone())
            });
            (state.lang, portal)
        };
        let problems = crate::diagnostics::log_dir()
            .map(|dir| crate::diagnostics::recent_problems(&dir, 20))
            .unwrap_or_default();
        crate::diagnostics::report(version, lang.code(), portal.as_deref(), &problems)
    }

    /// The live session of an account signed in this run (on screen or parked).
    pub(crate) fn session_of(&self, key: &str) -> Result<Arc<Session>> {
        let state = self.state();
        let account = state
            .account
            .iter()
            .chain(state.parked.iter())
            .find(|a| a.record.key() == key)
            .ok_or(CoreError::NotSignedIn)?;
        account.session.clone().ok_or(CoreError::Offline)
    }

    pub(crate) fn session(&self) -> Result<(Arc<Session>, String)> {
        let state = self.state();
        let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
        let session = account.session.clone().ok_or(CoreError::Offline)?;
        Ok((session, account.record.key()))
    }
}
