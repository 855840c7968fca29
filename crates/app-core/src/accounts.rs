//! Owns the accounts: signing in (with a second factor, or in the portal's own page), the
//! saved copy shown offline, restoring at start, switching between accounts signed in this
//! run (parked, their sessions alive), signing out, and the All accounts view.

pub(crate) mod state;

use crate::cache::Loaded;
use crate::changes::Change;
use crate::core::*;
use crate::error::CoreError;
use crate::secrets::SecretError;
use crate::settings::AccountRecord;
use crate::signed_in::{Account, Pending2fa};
use crate::views::{self, AccountView};
use portal::{Credentials, InvoiceSummary, PortalAddress, Session, SessionOptions, SignIn};
use secrecy::SecretString;
use std::sync::Arc;

/// The accounts and their sessions: signing in (the second factor, the reset), restoring at start,
/// switching, signing out, the remembered passwords, and where each portal is.
/// Reached through `Core::accounts`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Accounts<'c> {
    core: &'c Core,
    own: &'c state::AccountsState,
}

impl<'c> Accounts<'c> {
    pub(crate) fn new(core: &'c Core, own: &'c state::AccountsState) -> Self {
        Accounts { core, own }
    }
}

impl Accounts<'_> {
    pub(crate) fn account_view(self, record: &AccountRecord, offline: bool) -> AccountView {
        AccountView {
            email: record.email.clone(),
            portal: record.portal.clone(),
            label: Self::account_label(record),
            remembered: record.remembered,
            offline,
            was_on_screen: false,
        }
    }

    /// How an account is named on screen: its e-mail, with the portal's host when it is not
    /// JitOps Cloud's ("demo" for the embedded demo portal), never the internal key.
    pub(crate) fn account_label(record: &AccountRecord) -> String {
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

    pub fn current_account(self) -> Option<AccountView> {
        let live = self.core.signed_in.lock();
        live.current()
            .map(|a| self.account_view(&a.record, a.session.is_none()))
    }

    /// The record an account would have if signed in to `portal` as `email`.
    pub(crate) fn record_for(self, portal: &PortalChoice, email: &str) -> Result<AccountRecord> {
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
    pub fn open_offline(self, portal: PortalChoice, email: &str) -> Result<AccountView> {
        let mut record = self.record_for(&portal, email)?;
        let copy = match self.core.billing().saved_copy(&record.key()) {
            Loaded::Found(copy) => copy,
            Loaded::Missing => return Err(CoreError::NoOfflineCopy),
            Loaded::SetAside(kept) => return Err(CoreError::OfflineCopyDamaged(kept)),
            Loaded::Unreadable(kind) => return Err(CoreError::Io(kind.into())),
        };
        if let Some(known) = self.core.preferences.known(&record.key()) {
            record.remembered = known.remembered;
        }
        let view = self.account_view(&record, true);
        let account = Account::new(record, None, Some(*copy));
        self.core.signed_in.lock().make_current(account);
        self.core.changes.tell(Change::Accounts);
        Ok(view)
    }

    /// Signs in. On success the account becomes the current one; "remember me" puts the
    /// password in the keyring (and nowhere else).
    pub async fn sign_in(
        self,
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
                self.core.signed_in.wait_for_second_factor(Pending2fa {
                    record,
                    session,
                    password,
                    remember,
                });
                Ok(SignInOutcome {
                    second_factor: true,
                    warnings: vec![],
                    account: None,
                    new_backup_code: None,
                })
            }
        }
    }

    /// Where the sign-in window opens for `portal`, and the portal's address (for the
    /// window's rules).
    pub async fn browser_sign_in_start(
        self,
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
        self,
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
        let _ = self.own.secrets.delete(&record.key());
        self.finish_sign_in(record, session, &SecretString::from(""), false)
            .map(Some)
    }

    pub async fn second_factor(self, code: &str, backup: bool) -> Result<SignInOutcome> {
        let session = self.core.signed_in.pending_session()?;
        let new_backup_code = session.second_factor(code, backup).await?;
        let pending = self.core.signed_in.take_pending()?;
        let mut outcome = self.finish_sign_in(
            pending.record,
            pending.session,
            &pending.password,
            pending.remember,
        )?;
        outcome.new_backup_code = new_backup_code;
        Ok(outcome)
    }

    pub(crate) fn finish_sign_in(
        self,
        mut record: AccountRecord,
        session: Arc<Session>,
        password: &SecretString,
        remember: bool,
    ) -> Result<SignInOutcome> {
        let mut warnings = vec![];
        if remember {
            match self.own.secrets.set(&record.key(), password) {
                Ok(()) => record.remembered = true,
                Err(e) => {
                    warnings.push(self.core.ui_error(&CoreError::Keyring(e)));
                }
            }
        }
        // The saved copy shows at once; the first sync replaces it.
        let (copy, copy_error) = match self.core.billing().saved_copy(&record.key()) {
            Loaded::Found(copy) => (Some(*copy), None),
            Loaded::Missing => (None, None),
            Loaded::SetAside(kept) => (None, Some(CoreError::OfflineCopyDamaged(kept))),
            Loaded::Unreadable(kind) => (None, Some(CoreError::Io(kind.into()))),
        };
        if let Some(e) = copy_error {
            warnings.push(self.core.ui_error(&e));
        }
        let view = self.account_view(&record, false);
        self.core.preferences.put_first(record.clone())?;
        let account = Account::new(record, Some(session), copy);
        self.core.signed_in.lock().make_current(account);
        self.core.changes.tell(Change::SessionStarted);
        Ok(SignInOutcome {
            second_factor: false,
            warnings,
            account: Some(view),
            new_backup_code: None,
        })
    }

    /// Whether the signed-in account is on the embedded demo portal (whose knobs, like a
    /// shorter usual confirmation time, apply only to it).
    pub fn signed_in_to_demo(self) -> bool {
        let live = self.core.signed_in.lock();
        live.current()
            .is_some_and(|a| a.record.portal == DEMO_PORTAL)
    }

    /// Whether the account `key` (signed in this run) is on the embedded demo portal.
    pub fn is_demo_account(self, key: &str) -> bool {
        let live = self.core.signed_in.lock();
        live.find(key)
            .is_some_and(|a| a.record.portal == DEMO_PORTAL)
    }

    /// Signs in with the password remembered for the most recent account, if there is one.
    pub async fn restore(self) -> Result<Option<AccountView>> {
        let Some(record) = self.core.preferences.last_remembered() else {
            return Ok(None);
        };
        let was_on_screen = self.core.current_key() == Some(record.key());
        let password = match self.own.secrets.get(&record.key()) {
            Ok(Some(p)) => p,
            Ok(None) => return Ok(None),
            Err(SecretError::Unavailable(_)) | Err(SecretError::Locked) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let mut view = self.sign_in_remembered(&record, &password).await?;
        if let Some(view) = view.as_mut() {
            view.was_on_screen = was_on_screen;
        }
        Ok(view)
    }

    /// Signs a known account in with its remembered password; when the portal cannot be
    /// reached, its saved copy instead (if there is one; else the portal's error).
    pub(crate) async fn sign_in_remembered(
        self,
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
    pub fn open_last_offline(self) -> Result<Option<AccountView>> {
        let Some(record) = self.core.preferences.last_remembered() else {
            return Ok(None);
        };
        match self.open_offline(Self::portal_of(&record), &record.email) {
            Ok(view) => Ok(Some(view)),
            Err(CoreError::NoOfflineCopy) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The portal choice an account record was made from.
    pub(crate) fn portal_of(record: &AccountRecord) -> PortalChoice {
        match record.portal.as_str() {
            DEMO_PORTAL => PortalChoice::Demo,
            JITOPS_PORTAL => PortalChoice::Jitops,
            other => PortalChoice::Other(other.to_owned()),
        }
    }

    /// Offline, with a password in the keyring: signs in again (keeping the saved copy on
    /// screen until the sync replaces it).
    pub(crate) async fn reconnect(self) -> Result<()> {
        let record = {
            let live = self.core.signed_in.lock();
            let account = live.current().ok_or(CoreError::NotSignedIn)?;
            if account.session.is_some() {
                return Ok(());
            }
            account.record.clone()
        };
        let password = match self.own.secrets.get(&record.key()) {
            Ok(Some(p)) => p,
            _ => return Err(CoreError::Offline),
        };
        self.sign_in(Self::portal_of(&record), &record.email, password, true)
            .await?;
        Ok(())
    }

    /// Signs the account on screen out; another account signed in this run, if any, takes its
    /// place (and is answered).
    pub async fn sign_out(self, forget: bool) -> Result<Option<AccountView>> {
        let account = self.core.signed_in.lock().take_current();
        if let Some(account) = account {
            // The portal may be unreachable; the local sign-out still happens.
            if let Some(session) = &account.session {
                let _ = session.sign_out().await;
            }
            if forget {
                self.own.secrets.delete(&account.record.key())?;
                self.core.billing().forget_copy(&account.record.key())?;
                self.core
                    .preferences
                    .forget_password_of(&account.record.key())?;
            }
        }
        self.core.changes.tell(Change::Accounts);
        Ok(self.current_account())
    }

    /// Every account known on this computer (signed in to once), for the switcher.
    pub fn choices(self) -> Vec<AccountChoice> {
        let mut known: Vec<AccountRecord> = self.core.preferences.known_accounts();
        let live = self.core.signed_in.lock();
        let current = live.current().map(|a| a.record.key());
        // An account opened this run but not yet in the settings (cannot happen today, but the
        // switcher must never hide the account on screen).
        for a in live.all() {
            if !known.iter().any(|k| k.key() == a.record.key()) {
                known.push(a.record.clone());
            }
        }
        known
            .into_iter()
            .map(|record| {
                let key = record.key();
                let signed_in = live.find(&key).is_some_and(|a| a.session.is_some());
                AccountChoice {
                    label: Self::account_label(&record),
                    current: current.as_deref() == Some(key.as_str()),
                    signed_in,
                    remembered: record.remembered,
                    sign_in_portal: Self::portal_of(&record),
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
    pub async fn switch_account(self, key: &str) -> Result<Option<AccountView>> {
        {
            let mut live = self.core.signed_in.lock();
            if live.current().is_some_and(|a| a.record.key() == key) {
                drop(live);
                return Ok(self.current_account());
            }
            if live.bring_back(key) {
                drop(live);
                self.core.changes.tell(Change::Accounts);
                return Ok(self.current_account());
            }
        }
        let record = self
            .core
            .preferences
            .known(key)
            .ok_or(CoreError::NotSignedIn)?;
        let password = if record.remembered {
            self.own.secrets.get(key).ok().flatten()
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
    pub fn all_accounts_view(self) -> views::AllAccountsView {
        let today = portal::session::today();
        // What is in memory is taken under the lock; the saved copies of the others are read
        // after it is let go (no disk under the lock: a sync or a payment may be waiting).
        let lang = self.core.lang();
        let mut sets: Vec<(String, String, Vec<InvoiceSummary>)> = self
            .core
            .signed_in
            .lock()
            .all()
            .map(|a| (a.record.key(), a.record.email.clone(), a.invoices.clone()))
            .collect();
        let others: Vec<AccountRecord> = self
            .core
            .preferences
            .known_accounts()
            .into_iter()
            .filter(|r| !sets.iter().any(|s| s.0 == r.key()))
            .collect();
        for record in others {
            let key = record.key();
            if let Loaded::Found(copy) = self.core.billing().saved_copy(&key) {
                sets.push((key, record.email, copy.invoices));
            }
        }
        views::all_accounts(&self.core.catalogues, lang, &sets, today)
    }

    pub async fn request_password_reset(self, portal: PortalChoice, email: &str) -> Result<String> {
        let address = PortalAddress::parse(&self.portal_url(&portal)?)?;
        let session = Session::new(address)?;
        session.request_password_reset(email.trim()).await?;
        Ok(self.core.text("reset-sent", &[]))
    }
}

impl Accounts<'_> {
    /// Where the embedded demo portal listens, when the app runs with `--demo`.
    /// The embedded demo portal's address, and its processors' origins (`127.0.0.1:PORT`: its
    /// 2Checkout and its PayPal), which its payments may visit.
    pub fn set_demo_portal(self, url: &str, processor_origins: Vec<String>) {
        self.core.portals.set_demo(url, processor_origins);
    }

    /// The hosts a payment may visit: the processors', and the demo's when it runs.
    pub(crate) fn processor_domains(self) -> Vec<String> {
        self.core.portals.processor_domains()
    }

    pub fn demo_portal(self) -> Option<String> {
        self.core.portals.demo_portal()
    }

    pub(crate) fn portal_url(self, choice: &PortalChoice) -> Result<String> {
        Ok(match choice {
            PortalChoice::Jitops => JITOPS_PORTAL.to_owned(),
            PortalChoice::Demo => self
                .demo_portal()
                .ok_or_else(|| CoreError::Internal("the demo portal is not running".into()))?,
            PortalChoice::Other(url) => url.clone(),
        })
    }

    /// The client area of a portal, checked like any portal address.
    pub fn client_area_url(self, portal: &PortalChoice) -> Result<url::Url> {
        let address = PortalAddress::parse(&self.portal_url(portal)?)?;
        Ok(address.page("clientarea.php"))
    }
}

impl Core {
    /// The accounts and their sessions.
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts::new(self, &self.accounts)
    }
}
