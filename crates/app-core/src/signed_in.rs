//! Owns the accounts signed in this run: the one on screen, the others parked with their
//! sessions alive (switching to one is instant), and a sign-in waiting for its second factor.
//! What an account holds (its invoices, pages, quotes, transactions) is read and changed only
//! through a `Live` guard's methods, under one lock, and never across a disk or network wait.

use crate::error::CoreError;
use crate::settings::AccountRecord;
use chrono::{DateTime, Local};
use portal::{Dashboard, InvoiceDetail, InvoiceSummary, Session};
use secrecy::SecretString;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

type Result<T> = std::result::Result<T, CoreError>;

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

/// A sign-in waiting for its second factor.
pub(crate) struct Pending2fa {
    pub(crate) record: AccountRecord,
    pub(crate) session: Arc<Session>,
    pub(crate) password: SecretString,
    pub(crate) remember: bool,
}

/// The accounts signed in this run.
#[derive(Default)]
pub(crate) struct SignedIn {
    live: Mutex<Accounts>,
}

#[derive(Default)]
struct Accounts {
    /// The account on screen.
    current: Option<Account>,
    /// The other accounts signed in (or opened offline) this run, most recent last.
    parked: Vec<Account>,
    pending_2fa: Option<Pending2fa>,
}

/// The accounts signed in, locked: what may be done with them.
pub(crate) struct Live<'a>(MutexGuard<'a, Accounts>);

impl SignedIn {
    pub(crate) fn lock(&self) -> Live<'_> {
        // A panic while holding the lock cannot leave the accounts half-written in a way that
        // matters more than refusing every later call would.
        Live(self.live.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The key of the account on screen.
    pub(crate) fn current_key(&self) -> Option<String> {
        self.lock().current().map(|a| a.record.key())
    }

    /// The session of the account on screen, and its key.
    pub(crate) fn session(&self) -> Result<(Arc<Session>, String)> {
        let live = self.lock();
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
        let session = account.session.clone().ok_or(CoreError::Offline)?;
        Ok((session, account.record.key()))
    }

    /// The live session of an account signed in this run (on screen or parked).
    pub(crate) fn session_of(&self, key: &str) -> Result<Arc<Session>> {
        let live = self.lock();
        let account = live.find(key).ok_or(CoreError::NotSignedIn)?;
        account.session.clone().ok_or(CoreError::Offline)
    }

    pub(crate) fn wait_for_second_factor(&self, pending: Pending2fa) {
        self.lock().0.pending_2fa = Some(pending);
    }

    /// The session waiting for its second factor.
    pub(crate) fn pending_session(&self) -> Result<Arc<Session>> {
        let live = self.lock();
        let pending = live.0.pending_2fa.as_ref().ok_or(CoreError::NotSignedIn)?;
        Ok(pending.session.clone())
    }

    pub(crate) fn take_pending(&self) -> Result<Pending2fa> {
        self.lock()
            .0
            .pending_2fa
            .take()
            .ok_or(CoreError::NotSignedIn)
    }
}

impl Live<'_> {
    /// The account on screen.
    pub(crate) fn current(&self) -> Option<&Account> {
        self.0.current.as_ref()
    }

    /// The account on screen, when it is still `key` (a sync or a page read for one account
    /// never lands in another that came on screen meanwhile).
    pub(crate) fn on_screen_mut(&mut self, key: &str) -> Option<&mut Account> {
        self.0.current.as_mut().filter(|a| a.record.key() == key)
    }

    /// Every account signed in this run: the one on screen first, then the parked ones.
    pub(crate) fn all(&self) -> impl Iterator<Item = &Account> {
        self.0.current.iter().chain(self.0.parked.iter())
    }

    pub(crate) fn all_mut(&mut self) -> impl Iterator<Item = &mut Account> {
        let accounts = &mut *self.0;
        accounts
            .current
            .iter_mut()
            .chain(accounts.parked.iter_mut())
    }

    /// The parked accounts only.
    pub(crate) fn parked(&self) -> impl Iterator<Item = &Account> {
        self.0.parked.iter()
    }

    /// An account signed in this run (on screen or parked).
    pub(crate) fn find(&self, key: &str) -> Option<&Account> {
        self.all().find(|a| a.record.key() == key)
    }

    /// Makes `account` the one on screen; the one it replaces stays signed in, parked.
    pub(crate) fn make_current(&mut self, account: Account) {
        let accounts = &mut *self.0;
        let key = account.record.key();
        accounts.parked.retain(|a| a.record.key() != key);
        if let Some(previous) = accounts.current.take() {
            if previous.record.key() != key {
                accounts.parked.push(previous);
            }
        }
        accounts.current = Some(account);
    }

    /// Puts the parked account `key` on screen; false when it is not parked.
    pub(crate) fn bring_back(&mut self, key: &str) -> bool {
        let Some(pos) = self.0.parked.iter().position(|a| a.record.key() == key) else {
            return false;
        };
        let account = self.0.parked.remove(pos);
        self.make_current(account);
        true
    }

    /// Takes the account on screen away; the last one parked takes its place.
    pub(crate) fn take_current(&mut self) -> Option<Account> {
        let accounts = &mut *self.0;
        let taken = accounts.current.take();
        accounts.current = accounts.parked.pop();
        taken
    }
}
