//! Owns the app's state and operations: one signed-in account at a time with its session and
//! last synced invoices, the language, and the rules around paying (the double-payment guard).

use crate::attempts::AttemptFile;
use crate::cache::{CachedAccount, InvoiceCache, Loaded};
use crate::error::CoreError;
use crate::payments::Trackers;
use crate::reminders::{ReminderFile, ReminderKind};
use crate::secrets::{SecretError, SecretStore};
use crate::settings::{AccountRecord, Settings, SettingsFile};
use crate::views::{self, AccountView, DashboardView, Filter, InvoiceListView, InvoiceView};
use chrono::{DateTime, Local};
use l10n::{Arg, Catalogues, Lang};
use portal::checkout::{self, CheckoutRequest, DEFAULT_PROCESSOR_DOMAINS};
use portal::{
    Credentials, Dashboard, InvoiceDetail, InvoiceStatus, InvoiceSummary, PaymentKind,
    PortalAddress, Session, SessionOptions, SignIn,
};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

pub const JITOPS_PORTAL: &str = "https://jitops.com/";
/// How an account of the embedded demo portal is recorded: the demo listens on a new port at
/// each start, so its address cannot name it.
pub const DEMO_PORTAL: &str = "demo";

type Result<T> = std::result::Result<T, CoreError>;

/// Which portal the user signs in to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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

struct Account {
    record: AccountRecord,
    /// None while offline: the invoices are the saved copy, and nothing reaches the portal.
    session: Option<Arc<Session>>,
    invoices: Vec<InvoiceSummary>,
    dashboard: Option<Dashboard>,
    last_sync: Option<DateTime<Local>>,
    details: HashMap<u64, InvoiceDetail>,
}

/// A sign-in waiting for its second factor.
struct Pending2fa {
    record: AccountRecord,
    session: Arc<Session>,
    password: SecretString,
    remember: bool,
}

struct State {
    lang: Lang,
    settings: Settings,
    /// The account on screen.
    account: Option<Account>,
    /// The other accounts signed in (or opened offline) this run, most recent last: switching
    /// to one is instant, its session still alive.
    parked: Vec<Account>,
    pending_2fa: Option<Pending2fa>,
    demo_portal: Option<String>,
    demo_processor_origins: Vec<String>,
}

pub struct Core {
    catalogues: Catalogues,
    settings_file: SettingsFile,
    /// The payment attempts on disk (see `payments`).
    pub(crate) attempts: AttemptFile,
    pub(crate) trackers: Arc<Trackers>,
    /// The attempt whose checkout window is open, as the shell tells.
    pub(crate) open_checkout: Mutex<Option<String>>,
    /// Warnings for the window, each shown once (a damaged payment record).
    pub(crate) warnings: Mutex<Vec<String>>,
    cache: InvoiceCache,
    reminders: ReminderFile,
    secrets: Arc<dyn SecretStore>,
    state: Mutex<State>,
    pub(crate) processor_domains: Vec<String>,
    /// The latest notifications given, for the tray menu.
    pub(crate) recent_notices: crate::tray::RecentNotices,
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
        let (_, trouble) = attempts.load();
        let core = Core {
            catalogues,
            settings_file,
            attempts,
            trackers: Arc::new(Trackers::default()),
            open_checkout: Mutex::new(None),
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
        };
        core.note_trouble(trouble);
        Ok(core)
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-written in a way that
        // matters more than refusing every later call would.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
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

    /// Switches the language and remembers it.
    pub fn set_language(&self, lang: Lang) -> Result<()> {
        let mut state = self.state();
        state.lang = lang;
        state.settings.language = Some(lang.code().to_owned());
        self.settings_file.save(&state.settings)?;
        Ok(())
    }

    /// Whether closing the window keeps the app in the tray; None until the person chose.
    pub fn close_to_tray(&self) -> Option<bool> {
        self.state().settings.close_to_tray
    }

    /// Remembers what closing the window does.
    pub fn set_close_to_tray(&self, keep: bool) -> Result<()> {
        let mut state = self.state();
        state.settings.close_to_tray = Some(keep);
        self.settings_file.save(&state.settings)?;
        Ok(())
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

    fn portal_url(&self, choice: &PortalChoice) -> Result<String> {
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

    fn account_view(&self, record: &AccountRecord, offline: bool) -> AccountView {
        AccountView {
            email: record.email.clone(),
            portal: record.portal.clone(),
            label: Self::account_label(record),
            remembered: record.remembered,
            offline,
        }
    }

    /// How an account is named on screen: its e-mail, with the portal's host when it is not
    /// JitOps Cloud's ("demo" for the embedded demo portal), never the internal key.
    fn account_label(record: &AccountRecord) -> String {
        if record.portal == DEMO_PORTAL {
            return format!("{} (demo)", record.email);
        }
        match url::Url::parse(&record.portal) {
            Ok(url) if record.portal != JITOPS_PORTAL => {
                let host = match (url.host_str(), url.port()) {
                    (Some(h), Some(p)) => format!("{h}:{p}"),
                    (Some(h), None) => h.to_owned(),
                    _ => record.portal.clone(),
                };
                format!("{} ({host})", record.email)
            }
            _ => record.email.clone(),
        }
    }

    pub fn current_account(&self) -> Option<AccountView> {
        let state = self.state();
        state
            .account
            .as_ref()
            .map(|a| self.account_view(&a.record, a.session.is_none()))
    }

    /// Makes `account` the one on screen; the one it replaces stays signed in, parked.
    fn make_current(state: &mut State, account: Account) {
        let key = account.record.key();
        state.parked.retain(|a| a.record.key() != key);
        if let Some(previous) = state.account.take() {
            if previous.record.key() != key {
                state.parked.push(previous);
            }
        }
        state.account = Some(account);
    }

    /// The record an account would have if signed in to `portal` as `email`.
    fn record_for(&self, portal: &PortalChoice, email: &str) -> Result<AccountRecord> {
        let portal = match portal {
            PortalChoice::Demo => DEMO_PORTAL.to_owned(),
            other => PortalAddress::parse(&self.portal_url(other)?)?
                .base()
                .to_string(),
        };
        Ok(AccountRecord {
            email: email.trim().to_owned(),
            portal,
            remembered: false,
        })
    }

    /// Shows the saved copy of an account's invoices without the portal (it cannot be reached,
    /// or the app has just started). Paying and refreshing need the portal.
    pub fn open_offline(&self, portal: PortalChoice, email: &str) -> Result<AccountView> {
        let mut record = self.record_for(&portal, email)?;
        let copy = match self.cache.load(&record.key()) {
            Loaded::Found(copy) => copy,
            Loaded::Missing => return Err(CoreError::NoOfflineCopy),
            Loaded::SetAside(kept) => return Err(CoreError::OfflineCopyDamaged(kept)),
        };
        let mut state = self.state();
        if let Some(known) = state
            .settings
            .accounts
            .iter()
            .find(|a| a.key() == record.key())
        {
            record.remembered = known.remembered;
        }
        let view = self.account_view(&record, true);
        Self::make_current(
            &mut state,
            Account {
                record,
                session: None,
                invoices: copy.invoices,
                dashboard: copy.dashboard,
                last_sync: Some(copy.synced_at),
                details: HashMap::new(),
            },
        );
        Ok(view)
    }

    /// Signs in. On success the account becomes the current one; "remember me" puts the
    /// password in the keyring (and nowhere else).
    pub async fn sign_in(
        &self,
        portal: PortalChoice,
        email: &str,
        password: impl Into<SecretString>,
        remember: bool,
    ) -> Result<SignInOutcome> {
        let password: SecretString = password.into();
        let portal_url = self.portal_url(&portal)?;
        let address = portal::session::settle(
            PortalAddress::parse(&portal_url)?,
            &SessionOptions::default(),
        )
        .await?;
        let session = Session::new(address.clone())?;
        let credentials = Credentials {
            email: email.trim().to_owned(),
            password: password.clone(),
        };
        let record = AccountRecord {
            email: credentials.email.clone(),
            portal: if portal == PortalChoice::Demo {
                DEMO_PORTAL.to_owned()
            } else {
                address.base().to_string()
            },
            remembered: false,
        };
        match session.sign_in(credentials, remember).await? {
            SignIn::SignedIn => self.finish_sign_in(record, session, &password, remember),
            SignIn::SecondFactor => {
                self.state().pending_2fa = Some(Pending2fa {
                    record,
                    session,
                    password,
                    remember,
                });
                Ok(SignInOutcome {
                    second_factor: true,
                    keyring_warning: None,
                    account: None,
                    new_backup_code: None,
                })
            }
        }
    }

    /// Where the sign-in window opens for `portal`, and the portal's address (for the
    /// window's rules).
    pub async fn browser_sign_in_start(
        &self,
        portal: &PortalChoice,
    ) -> Result<(PortalAddress, url::Url)> {
        let address = portal::session::settle(
            PortalAddress::parse(&self.portal_url(portal)?)?,
            &SessionOptions::default(),
        )
        .await?;
        let start = portal::sign_in_window::start_page(&address);
        Ok((address, start))
    }

    /// Takes over the session the person made in the portal's own sign-in page (the sign-in
    /// window, for a captcha): `cookies` are the window's cookies for the portal. None while
    /// that session is not signed in yet. No password is known, so none is kept: when the
    /// portal signs the session out, the person signs in again.
    pub async fn adopt_browser_session(
        &self,
        portal: PortalChoice,
        cookies: Vec<(String, String)>,
    ) -> Result<Option<SignInOutcome>> {
        let address = portal::session::settle(
            PortalAddress::parse(&self.portal_url(&portal)?)?,
            &SessionOptions::default(),
        )
        .await?;
        let session = Session::new(address.clone())?;
        session.adopt_cookies(&cookies);
        let Some(email) = session.signed_in_email().await? else {
            return Ok(None);
        };
        let record = AccountRecord {
            email,
            portal: if portal == PortalChoice::Demo {
                DEMO_PORTAL.to_owned()
            } else {
                address.base().to_string()
            },
            remembered: false,
        };
        // A password kept from an earlier "remember me" is not this session's: forgotten, or
        // a later restore would sign in with it behind the person's back.
        let _ = self.secrets.delete(&record.key());
        self.finish_sign_in(record, session, &SecretString::from(""), false)
            .map(Some)
    }

    pub async fn second_factor(&self, code: &str, backup: bool) -> Result<SignInOutcome> {
        let session = {
            let state = self.state();
            let pending = state.pending_2fa.as_ref().ok_or(CoreError::NotSignedIn)?;
            pending.session.clone()
        };
        let new_backup_code = session.second_factor(code, backup).await?;
        let pending = self
            .state()
            .pending_2fa
            .take()
            .ok_or(CoreError::NotSignedIn)?;
        let mut outcome = self.finish_sign_in(
            pending.record,
            pending.session,
            &pending.password,
            pending.remember,
        )?;
        outcome.new_backup_code = new_backup_code;
        Ok(outcome)
    }

    fn finish_sign_in(
        &self,
        mut record: AccountRecord,
        session: Arc<Session>,
        password: &SecretString,
        remember: bool,
    ) -> Result<SignInOutcome> {
        let mut keyring_warning = None;
        if remember {
            match self.secrets.set(&record.key(), password) {
                Ok(()) => record.remembered = true,
                Err(e) => {
                    keyring_warning = Some(self.ui_error(&CoreError::Keyring(e)).message);
                }
            }
        }
        // The saved copy shows at once; the first sync replaces it.
        let (invoices, dashboard, last_sync) = match self.cache.load(&record.key()) {
            Loaded::Found(copy) => (copy.invoices, copy.dashboard, Some(copy.synced_at)),
            Loaded::Missing => (vec![], None, None),
            Loaded::SetAside(kept) => {
                let warning = self.ui_error(&CoreError::OfflineCopyDamaged(kept)).message;
                keyring_warning = Some(match keyring_warning {
                    Some(first) => format!("{first} {warning}"),
                    None => warning,
                });
                (vec![], None, None)
            }
        };
        let view = self.account_view(&record, false);
        let mut state = self.state();
        state.settings.accounts.retain(|a| a.key() != record.key());
        state.settings.accounts.insert(0, record.clone());
        self.settings_file.save(&state.settings)?;
        Self::make_current(
            &mut state,
            Account {
                record,
                session: Some(session),
                invoices,
                dashboard,
                last_sync,
                details: HashMap::new(),
            },
        );
        Ok(SignInOutcome {
            second_factor: false,
            keyring_warning,
            account: Some(view),
            new_backup_code: None,
        })
    }

    /// Whether the signed-in account is on the embedded demo portal (whose knobs, like a
    /// shorter usual confirmation time, apply only to it).
    pub fn signed_in_to_demo(&self) -> bool {
        let state = self.state();
        state
            .account
            .as_ref()
            .is_some_and(|a| a.record.portal == DEMO_PORTAL)
    }

    /// Whether the account `key` (signed in this run) is on the embedded demo portal.
    pub fn is_demo_account(&self, key: &str) -> bool {
        let state = self.state();
        state
            .account
            .iter()
            .chain(state.parked.iter())
            .any(|a| a.record.key() == key && a.record.portal == DEMO_PORTAL)
    }

    /// Signs in with the password remembered for the most recent account, if there is one.
    pub async fn restore(&self) -> Result<Option<AccountView>> {
        let record = {
            let state = self.state();
            state.settings.accounts.first().cloned()
        };
        let Some(record) = record.filter(|r| r.remembered) else {
            return Ok(None);
        };
        let password = match self.secrets.get(&record.key()) {
            Ok(Some(p)) => p,
            Ok(None) => return Ok(None),
            Err(SecretError::Unavailable(_)) | Err(SecretError::Locked) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        self.sign_in_remembered(&record, &password).await
    }

    /// Signs a known account in with its remembered password; when the portal cannot be
    /// reached, its saved copy instead (if there is one; else the portal's error).
    async fn sign_in_remembered(
        &self,
        record: &AccountRecord,
        password: &SecretString,
    ) -> Result<Option<AccountView>> {
        let portal = Self::portal_of(record);
        match self
            .sign_in(portal.clone(), &record.email, password.clone(), true)
            .await
        {
            Ok(outcome) => Ok(outcome.account),
            Err(e) if e.is_unreachable() => self
                .open_offline(portal, &record.email)
                .map(Some)
                .map_err(|_| e),
            Err(e) => Err(e),
        }
    }

    /// The saved copy of the account a restart signs in to, shown at once while signing in.
    /// A damaged copy is set aside and said (OfflineCopyDamaged); none is not an error.
    pub fn open_last_offline(&self) -> Result<Option<AccountView>> {
        let Some(record) = {
            let state = self.state();
            state.settings.accounts.first().cloned()
        }
        .filter(|r| r.remembered) else {
            return Ok(None);
        };
        match self.open_offline(Self::portal_of(&record), &record.email) {
            Ok(view) => Ok(Some(view)),
            Err(CoreError::NoOfflineCopy) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The portal choice an account record was made from.
    fn portal_of(record: &AccountRecord) -> PortalChoice {
        if record.portal == DEMO_PORTAL {
            PortalChoice::Demo
        } else {
            PortalChoice::Other(record.portal.clone())
        }
    }

    /// Offline, with a password in the keyring: signs in again (keeping the saved copy on
    /// screen until the sync replaces it).
    async fn reconnect(&self) -> Result<()> {
        let record = {
            let state = self.state();
            let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
            if account.session.is_some() {
                return Ok(());
            }
            account.record.clone()
        };
        let password = match self.secrets.get(&record.key()) {
            Ok(Some(p)) => p,
            _ => return Err(CoreError::Offline),
        };
        self.sign_in(Self::portal_of(&record), &record.email, password, true)
            .await?;
        Ok(())
    }

    /// Signs the account on screen out; another account signed in this run, if any, takes its
    /// place (and is answered).
    pub async fn sign_out(&self, forget: bool) -> Result<Option<AccountView>> {
        let account = {
            let mut state = self.state();
            let account = state.account.take();
            state.account = state.parked.pop();
            account
        };
        if let Some(account) = account {
            // The portal may be unreachable; the local sign-out still happens.
            if let Some(session) = &account.session {
                let _ = session.sign_out().await;
            }
            if forget {
                self.secrets.delete(&account.record.key())?;
                self.cache.forget(&account.record.key())?;
                let mut state = self.state();
                for a in state.settings.accounts.iter_mut() {
                    if a.key() == account.record.key() {
                        a.remembered = false;
                    }
                }
                self.settings_file.save(&state.settings)?;
            }
        }
        Ok(self.current_account())
    }

    /// Every account known on this computer (signed in to once), for the switcher.
    pub fn accounts(&self) -> Vec<AccountChoice> {
        let state = self.state();
        let current = state.account.as_ref().map(|a| a.record.key());
        let mut known: Vec<AccountRecord> = state.settings.accounts.clone();
        // An account opened this run but not yet in the settings (cannot happen today, but the
        // switcher must never hide the account on screen).
        for a in state.account.iter().chain(state.parked.iter()) {
            if !known.iter().any(|k| k.key() == a.record.key()) {
                known.push(a.record.clone());
            }
        }
        known
            .into_iter()
            .map(|record| {
                let key = record.key();
                let live = state
                    .account
                    .iter()
                    .chain(state.parked.iter())
                    .find(|a| a.record.key() == key);
                AccountChoice {
                    label: Self::account_label(&record),
                    current: current.as_deref() == Some(key.as_str()),
                    signed_in: live.is_some_and(|a| a.session.is_some()),
                    remembered: record.remembered,
                    email: record.email.clone(),
                    portal: record.portal.clone(),
                    key,
                }
            })
            .collect()
    }

    /// Puts another account on screen in one step: instantly when signed in this run; by
    /// signing in with the keyring's password when remembered (its saved copy when the portal
    /// cannot be reached); its saved copy when there is one. None when the person has to sign
    /// in (the UI then asks for the password).
    pub async fn switch_account(&self, key: &str) -> Result<Option<AccountView>> {
        let record = {
            let mut state = self.state();
            if state
                .account
                .as_ref()
                .is_some_and(|a| a.record.key() == key)
            {
                drop(state);
                return Ok(self.current_account());
            }
            if let Some(pos) = state.parked.iter().position(|a| a.record.key() == key) {
                let target = state.parked.remove(pos);
                Self::make_current(&mut state, target);
                drop(state);
                return Ok(self.current_account());
            }
            state
                .settings
                .accounts
                .iter()
                .find(|a| a.key() == key)
                .cloned()
                .ok_or(CoreError::NotSignedIn)?
        };
        let password = if record.remembered {
            self.secrets.get(key).ok().flatten()
        } else {
            None
        };
        match password {
            Some(password) => self.sign_in_remembered(&record, &password).await,
            None => match self.open_offline(Self::portal_of(&record), &record.email) {
                Ok(view) => Ok(Some(view)),
                Err(CoreError::NoOfflineCopy) => Ok(None),
                // Set aside: said, and the sign-in form is the way on.
                Err(e) => Err(e),
            },
        }
    }

    /// The unpaid and overdue invoices of every account known here: the live ones' last
    /// sync, the others' saved copies. Totals per currency; most urgent first.
    pub fn all_accounts_view(&self) -> views::AllAccountsView {
        let today = portal::session::today();
        // What is in memory is taken under the lock; the saved copies of the others are read
        // after it is let go (no disk under the lock: a sync or a payment may be waiting).
        let (lang, mut sets, others) = {
            let state = self.state();
            let sets: Vec<(String, String, Vec<InvoiceSummary>)> = state
                .account
                .iter()
                .chain(state.parked.iter())
                .map(|a| (a.record.key(), a.record.email.clone(), a.invoices.clone()))
                .collect();
            let others: Vec<AccountRecord> = state
                .settings
                .accounts
                .iter()
                .filter(|r| !sets.iter().any(|s| s.0 == r.key()))
                .cloned()
                .collect();
            (state.lang, sets, others)
        };
        for record in others {
            let key = record.key();
            if let Loaded::Found(copy) = self.cache.load(&key) {
                sets.push((key, record.email, copy.invoices));
            }
        }
        views::all_accounts(&self.catalogues, lang, &sets, today)
    }

    pub async fn request_password_reset(
        &self,
        portal: PortalChoice,
        email: &str,
    ) -> Result<String> {
        let address = PortalAddress::parse(&self.portal_url(&portal)?)?;
        let session = Session::new(address)?;
        session.request_password_reset(email.trim()).await?;
        Ok(self.text("reset-sent", &[]))
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

    /// Fetches the dashboard and the invoice list (signing in again first when offline). What
    /// is shown, and the saved copy on disk, are replaced only when both came.
    pub async fn sync(&self) -> Result<DashboardView> {
        self.reconnect().await?;
        let (session, key) = self.session()?;
        let dashboard = session.dashboard().await?;
        let invoices = session.invoices().await?;
        let copy = {
            let mut state = self.state();
            let Some(account) = state.account.as_mut().filter(|a| a.record.key() == key) else {
                return self.dashboard_view();
            };
            let now = Local::now();
            account.dashboard = Some(dashboard.clone());
            account.invoices = invoices.clone();
            account.last_sync = Some(now);
            CachedAccount::new(
                key,
                account.record.email.clone(),
                account.record.portal.clone(),
                now,
                Some(dashboard),
                invoices,
            )
        };
        // A copy that cannot be written leaves the previous one; the sync itself succeeded.
        if let Err(e) = self.cache.save(&copy) {
            tracing::warn!("the offline copy was not written: {e}");
        }
        self.dashboard_view()
    }

    pub fn dashboard_view(&self) -> Result<DashboardView> {
        let state = self.state();
        let lang = state.lang;
        let c = &self.catalogues;
        let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
        let today = portal::session::today();
        let overdue: Vec<&InvoiceSummary> = account
            .invoices
            .iter()
            .filter(|i| i.is_overdue(today))
            .collect();
        let unpaid_count = account
            .dashboard
            .as_ref()
            .map(|d| d.unpaid_count)
            .unwrap_or_else(|| {
                account
                    .invoices
                    .iter()
                    .filter(|i| i.status == InvoiceStatus::Unpaid)
                    .count() as u32
            });
        let overdue_count = overdue.len() as u32;
        let overdue_total = views::totals_per_currency(overdue.iter().map(|i| &i.total))
            .iter()
            .map(|m| views::money(lang, m))
            .collect::<Vec<_>>();
        let synced_at = account.last_sync.map(|t| {
            format!(
                "{} {}",
                l10n::format_date(lang, t.date_naive()),
                t.format("%H:%M")
            )
        });
        let last_sync = match &synced_at {
            Some(time) => c.text(
                lang,
                "dashboard-last-sync",
                &[("time", Arg::from(time.clone()))],
            ),
            None => c.text(lang, "dashboard-never-synced", &[]),
        };
        let offline_text = account.session.is_none().then(|| {
            c.text(
                lang,
                "offline-banner",
                &[("time", Arg::from(synced_at.clone().unwrap_or_default()))],
            )
        });
        Ok(DashboardView {
            account: self.account_view(&account.record, account.session.is_none()),
            unpaid_count,
            badge_label: c.text(
                lang,
                "invoices-badge-label",
                &[("count", Arg::from(unpaid_count as usize))],
            ),
            unpaid_text: c.text(
                lang,
                "dashboard-unpaid-count",
                &[("count", Arg::from(unpaid_count as usize))],
            ),
            overdue_count,
            overdue_text: c.text(
                lang,
                "dashboard-overdue-count",
                &[("count", Arg::from(overdue_count as usize))],
            ),
            overdue_total: (!overdue_total.is_empty()).then(|| {
                c.text(
                    lang,
                    "dashboard-overdue-total",
                    &[("amount", Arg::from(overdue_total.join(" + ")))],
                )
            }),
            credit: account
                .dashboard
                .as_ref()
                .and_then(|d| d.credit_balance.as_ref())
                .map(|m| {
                    c.text(
                        lang,
                        "dashboard-credit",
                        &[("amount", Arg::from(views::money(lang, m)))],
                    )
                }),
            last_sync,
            all_paid: unpaid_count == 0 && account.last_sync.is_some(),
            offline_text,
        })
    }

    pub fn invoice_list(&self, filter: Filter) -> Result<InvoiceListView> {
        let state = self.state();
        let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
        Ok(views::invoice_list(
            &self.catalogues,
            state.lang,
            &account.invoices,
            filter,
            portal::session::today(),
        ))
    }

    /// The current list (the filter's invoices, in the list's order) as CSV, with how many
    /// invoices it holds and a file name to suggest. Headers and statuses are in the user's
    /// language; dates are ISO and amounts plain decimals, for spreadsheets.
    pub fn invoices_csv(&self, filter: Filter) -> Result<(String, usize, String)> {
        let state = self.state();
        let lang = state.lang;
        let c = &self.catalogues;
        let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
        let today = portal::session::today();
        let header: Vec<String> = [
            "csv-account",
            "csv-portal",
            "csv-number",
            "csv-id",
            "csv-date",
            "csv-due",
            "csv-status",
            "csv-total",
            "csv-currency",
            "csv-paid-date",
        ]
        .iter()
        .map(|id| c.text(lang, id, &[]))
        .collect();
        let listed = views::listed(&account.invoices, filter, today);
        let count = listed.len();
        let rows = listed.into_iter().map(|i| {
            let slug = views::status_slug(i.status, i.is_overdue(today));
            // Known once the invoice was opened: its last transaction.
            let paid = account
                .details
                .get(&i.id)
                .filter(|d| d.status == InvoiceStatus::Paid)
                .and_then(|d| d.transactions.last())
                // ISO like the other dates; as the portal wrote it when its format is unknown.
                .map(|t| {
                    t.paid_on
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| t.date.clone())
                })
                .unwrap_or_default();
            vec![
                account.record.email.clone(),
                account.record.portal.clone(),
                i.number.clone(),
                i.id.to_string(),
                i.date.format("%Y-%m-%d").to_string(),
                i.due_date.format("%Y-%m-%d").to_string(),
                views::status_text(c, lang, slug),
                i.total.amount.to_string(),
                i.total.currency.clone(),
                paid,
            ]
        });
        let csv = crate::export::table(&header, rows);
        let name = format!(
            "invoices-{}-{}.csv",
            account
                .record
                .email
                .split('@')
                .next()
                .unwrap_or("account")
                .chars()
                .filter(|ch| ch.is_ascii_alphanumeric() || *ch == '-' || *ch == '.')
                .collect::<String>(),
            Local::now().format("%Y-%m-%d")
        );
        Ok((csv, count, name))
    }

    /// The OS notifications due now for the current account's invoices (due within three days,
    /// or overdue), each given once: one per invoice, or one summary when there are more than
    /// three at once (a first sync of a long account would flood the screen).
    pub fn take_reminders(&self) -> Vec<Notice> {
        let state = self.state();
        let lang = state.lang;
        let c = &self.catalogues;
        let Some(account) = state.account.as_ref() else {
            return vec![];
        };
        let today = portal::session::today();
        let new = match self
            .reminders
            .take_new(&account.record.key(), &account.invoices, today)
        {
            Ok(new) => new,
            Err(e) => {
                tracing::warn!("the reminders record was not written: {e}");
                return vec![];
            }
        };
        let key = account.record.key();
        for r in &new {
            self.recent_notices.add(crate::tray::RecentNotice {
                account: key.clone(),
                invoice_id: r.invoice.id,
                number: r.invoice.number.clone(),
                kind: match r.kind {
                    ReminderKind::DueSoon => crate::tray::NoticeKind::DueSoon,
                    ReminderKind::Overdue => crate::tray::NoticeKind::Overdue,
                },
            });
        }
        if new.len() > 3 {
            let overdue = new
                .iter()
                .filter(|r| r.kind == ReminderKind::Overdue)
                .count();
            return vec![Notice {
                title: c.text(
                    lang,
                    "reminder-summary-title",
                    &[("count", Arg::from(new.len()))],
                ),
                body: c.text(
                    lang,
                    "reminder-summary-body",
                    &[
                        ("soon", Arg::from(new.len() - overdue)),
                        ("overdue", Arg::from(overdue)),
                    ],
                ),
                about: None,
            }];
        }
        new.iter()
            .map(|r| {
                let (title, body) = match r.kind {
                    ReminderKind::DueSoon => ("reminder-due-soon-title", "reminder-due-soon-body"),
                    ReminderKind::Overdue => ("reminder-overdue-title", "reminder-overdue-body"),
                };
                let args = [
                    ("number", Arg::from(r.invoice.number.clone())),
                    ("amount", Arg::from(views::money(lang, &r.invoice.total))),
                    (
                        "date",
                        Arg::from(l10n::format_date(lang, r.invoice.due_date)),
                    ),
                ];
                Notice {
                    title: c.text(lang, title, &args),
                    body: c.text(lang, body, &args),
                    about: Some(NoticeAbout {
                        account: key.clone(),
                        invoice_id: r.invoice.id,
                    }),
                }
            })
            .collect()
    }

    /// Reads the invoice page afresh and shows it.
    pub async fn invoice(&self, id: u64) -> Result<InvoiceView> {
        let (session, key) = self.session()?;
        let detail = session.invoice(id).await?;
        self.lift_stopped_guard(&key, &detail);
        {
            let mut state = self.state();
            if let Some(account) = state.account.as_mut().filter(|a| a.record.key() == key) {
                if let Some(row) = account.invoices.iter_mut().find(|i| i.id == id) {
                    row.status = detail.status;
                }
                account.details.insert(id, detail);
            }
        }
        self.invoice_view(id)
    }

    /// The last read invoice page, in the current language.
    pub fn invoice_view(&self, id: u64) -> Result<InvoiceView> {
        let state = self.state();
        let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
        let detail = account
            .details
            .get(&id)
            .ok_or(CoreError::Portal(portal::PortalError::NotFound))?;
        let summary = account.invoices.iter().find(|i| i.id == id);
        // Guarded by an attempt not over, or by the portal itself (a payment it awaits).
        let guarded = detail.status == InvoiceStatus::PaymentPending
            || self.guarding(&account.record.key(), id).is_some();
        Ok(views::invoice_view(
            &self.catalogues,
            state.lang,
            detail,
            summary,
            portal::session::today(),
            guarded,
        ))
    }

    /// What paying `ids` together would be: how many and the total, or why not (already
    /// being confirmed, not unpaid, several currencies). For the list's "Pay selected" bar.
    pub fn mass_payment_summary(&self, ids: &[u64]) -> MassPaymentSummary {
        // An invoice whose payment is not over may be paid twice: said, and confirmed. The
        // record is read once for all the invoices picked (this runs at every tick of a box in
        // the list), before the lock is taken (no disk under it).
        let open = self.attempts.open();
        let state = self.state();
        let lang = state.lang;
        let c = &self.catalogues;
        let Some(account) = state.account.as_ref() else {
            return MassPaymentSummary::default();
        };
        let chosen: Vec<&InvoiceSummary> = account
            .invoices
            .iter()
            .filter(|i| ids.contains(&i.id))
            .collect();
        let problem = if chosen.len() < 2 {
            Some("mass-pay-pick-two")
        } else if chosen.iter().any(|i| i.status != InvoiceStatus::Unpaid) {
            Some("mass-pay-unpaid-only")
        } else if chosen
            .iter()
            .any(|i| i.total.currency != chosen[0].total.currency)
        {
            Some("mass-pay-one-currency")
        } else {
            None
        };
        let key = account.record.key();
        let guarded = chosen
            .iter()
            .any(|i| open.iter().any(|a| a.covers(&key, i.id)));
        let total = views::totals_per_currency(chosen.iter().map(|i| &i.total))
            .iter()
            .map(|m| views::money(lang, m))
            .collect::<Vec<_>>()
            .join(" + ");
        MassPaymentSummary {
            count: chosen.len(),
            label: c.text(
                lang,
                "mass-pay-button",
                &[
                    ("count", Arg::from(chosen.len())),
                    ("total", Arg::from(total)),
                ],
            ),
            problem: problem.map(|id| c.text(lang, id, &[])),
            problem_id: problem,
            guard: guarded.then(|| c.text(lang, "mass-pay-guard", &[])),
        }
    }

    /// Pays several invoices of the account on screen at once through the portal's mass
    /// payment: the portal makes one combined invoice; answered with its id and the processor
    /// request for it (paid, then followed, like any invoice).
    pub async fn prepare_mass_payment(
        &self,
        ids: &[u64],
        method: Option<&str>,
        confirmed: bool,
    ) -> Result<(u64, Option<(String, CheckoutRequest)>)> {
        let summary = self.mass_payment_summary(ids);
        if let Some(problem) = summary.problem_id {
            return Err(CoreError::MassPaymentRefused(problem));
        }
        if summary.guard.is_some() && !confirmed {
            return Err(CoreError::PaymentGuarded);
        }
        let (session, key) = self.session()?;
        let combined = session.mass_payment(ids, method).await?;
        // An offline method (a bank transfer) has no button: the combined invoice is made and
        // shown with the portal's instructions; nothing opens, no attempt is recorded.
        let request = if combined.choice(PaymentKind::OneOff).is_some() {
            Some(
                checkout::prepare(
                    &session,
                    &combined,
                    PaymentKind::OneOff,
                    &self.processor_domains(),
                )
                .await?,
            )
        } else {
            None
        };
        let id = combined.id;
        let mut state = self.state();
        if let Some(account) = state.account.as_mut().filter(|a| a.record.key() == key) {
            // The combined invoice is the one followed: known by its number meanwhile.
            if !account.invoices.iter().any(|i| i.id == id) {
                if let (Some(total), Some(due)) = (
                    combined.total.clone(),
                    combined
                        .due_date
                        .as_deref()
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .or_else(|| Some(portal::session::today())),
                ) {
                    account.invoices.push(InvoiceSummary {
                        id,
                        // The page's title reads "Invoice #<number>".
                        number: combined
                            .title
                            .rsplit('#')
                            .next()
                            .unwrap_or(&combined.title)
                            .trim()
                            .to_owned(),
                        date: due,
                        due_date: due,
                        total,
                        status: InvoiceStatus::Unpaid,
                    });
                }
            }
            account.details.insert(id, combined.clone());
        }
        drop(state);
        let Some(request) = request else {
            return Ok((id, None));
        };
        let attempt = self.record_mass_attempt(&key, &combined, self.invoice_number(id), ids)?;
        Ok((id, Some((attempt, request))))
    }

    /// The payment methods the portal's mass payment offers (empty when it names none).
    pub async fn mass_payment_methods(&self) -> Result<Vec<portal::PaymentMethod>> {
        let (session, _) = self.session()?;
        Ok(session.mass_pay_methods().await?)
    }

    /// Switches an invoice to another payment method the portal offers, and answers its page
    /// as the portal now shows it (the new method's button or instructions).
    pub async fn change_payment_method(&self, id: u64, value: &str) -> Result<InvoiceView> {
        let (session, key) = self.session()?;
        let detail = session.change_payment_method(id, value).await?;
        {
            let mut state = self.state();
            if let Some(account) = state.account.as_mut().filter(|a| a.record.key() == key) {
                account.details.insert(id, detail);
            }
        }
        self.invoice_view(id)
    }

    /// Saves the PDF of every invoice of the current list (the filter shown) into `dir`,
    /// skipping those already there, one at a time, reporting after each. Stops when `cancel`
    /// is set, or when the portal cannot be reached; an invoice whose PDF fails otherwise is
    /// counted and the others go on.
    pub async fn save_pdfs(
        &self,
        filter: Filter,
        dir: &Path,
        cancel: &std::sync::atomic::AtomicBool,
        mut progress: impl FnMut(&PdfProgress),
    ) -> Result<PdfProgress> {
        let (session, _) = self.session()?;
        let list: Vec<(u64, String)> = {
            let state = self.state();
            let account = state.account.as_ref().ok_or(CoreError::NotSignedIn)?;
            views::listed(&account.invoices, filter, portal::session::today())
                .into_iter()
                .map(|i| (i.id, i.number.clone()))
                .collect()
        };
        std::fs::create_dir_all(dir)?;
        let mut state = PdfProgress {
            total: list.len(),
            ..PdfProgress::default()
        };
        for (id, number) in list {
            if cancel.load(std::sync::atomic::Ordering::SeqCst) {
                state.cancelled = true;
                break;
            }
            let path = dir.join(crate::export::pdf_file_name(&number));
            state.current = number;
            if path.exists() {
                state.skipped += 1;
            } else {
                match session.invoice_pdf(id).await {
                    Ok(bytes) => {
                        // Written beside, then renamed: a stop midway leaves no half PDF
                        // that a later run would skip as "already there".
                        crate::store::write_atomically(&path, &bytes)?;
                        state.saved += 1;
                    }
                    Err(e) => {
                        let e = CoreError::from(e);
                        if e.is_unreachable() {
                            return Err(e);
                        }
                        state.failed += 1;
                    }
                }
            }
            state.done += 1;
            progress(&state);
        }
        state.message = self.text(
            "pdfs-saved",
            &[
                ("saved", Arg::from(state.saved)),
                ("skipped", Arg::from(state.skipped)),
                ("failed", Arg::from(state.failed)),
                ("folder", Arg::from(dir.display().to_string())),
            ],
        );
        Ok(state)
    }

    /// The file name an invoice's PDF is saved under.
    pub fn pdf_file_name(&self, id: u64) -> String {
        crate::export::pdf_file_name(&self.invoice_number(id))
    }

    pub async fn invoice_pdf(&self, id: u64) -> Result<Vec<u8>> {
        let (session, _) = self.session()?;
        Ok(session.invoice_pdf(id).await?)
    }

    pub fn invoice_number(&self, id: u64) -> String {
        let state = self.state();
        state
            .account
            .as_ref()
            .and_then(|a| a.invoices.iter().find(|i| i.id == id))
            .map(|i| i.number.clone())
            .unwrap_or_else(|| id.to_string())
    }
}
