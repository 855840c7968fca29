//! Owns reading the portal for the account on screen: the sync (dashboard and list, the saved
//! copy replaced only when both came) and the views built from it (dashboard, list, invoice).

use super::Billing;
use crate::cache::CachedAccount;
use crate::core::*;
use crate::error::CoreError;
use crate::views::{self, DashboardView, Filter, InvoiceListView, InvoiceView};
use chrono::Local;
use l10n::Arg;
use portal::{InvoiceStatus, InvoiceSummary};

impl Billing<'_> {
    /// Fetches the dashboard and the invoice list (signing in again first when offline). What
    /// is shown, and the saved copy on disk, are replaced only when both came.
    pub async fn sync(self) -> Result<DashboardView> {
        self.core.accounts().reconnect().await?;
        let (session, key) = self.core.session()?;
        let dashboard = session.dashboard().await?;
        let invoices = session.invoices().await?;
        {
            let mut live = self.core.signed_in.lock();
            let Some(account) = live.on_screen_mut(&key) else {
                return self.dashboard_view();
            };
            account.dashboard = Some(dashboard);
            account.invoices = invoices;
            account.last_sync = Some(Local::now());
        }
        self.save_copy(&key);
        self.core.changes.tell(crate::changes::Change::Unpaid);
        self.dashboard_view()
    }

    /// Writes account `key`'s offline copy from what is held now (its last sync, and the
    /// quotes and transactions read since). Nothing before a first sync: a copy is only ever a
    /// whole one. A copy
    /// that cannot be written leaves the previous one.
    pub(crate) fn save_copy(self, key: &str) {
        let copy = {
            let live = self.core.signed_in.lock();
            // The account on screen, or one signed in this run and parked.
            let Some(account) = live.all().find(|a| a.record.key() == key) else {
                return;
            };
            let Some(synced_at) = account.last_sync else {
                return;
            };
            CachedAccount::new(
                key.to_owned(),
                account.record.email.clone(),
                account.record.portal.clone(),
                synced_at,
                account.dashboard.clone(),
                account.invoices.clone(),
            )
            .with_quotes(account.quotes.clone(), &account.quote_details)
            .with_payments(&account.payments)
            // What was read in this run replaces the older copy of the same invoice.
            .with_details(account.saved_details.iter().chain(account.details.iter()))
        };
        let mut not_saved = self
            .own
            .copy_not_saved
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match self.own.cache.save(&copy) {
            Ok(()) => {
                not_saved.remove(key);
            }
            Err(e) => {
                tracing::warn!("the offline copy was not written: {e}");
                not_saved.insert(key.to_owned());
            }
        }
    }

    pub fn dashboard_view(self) -> Result<DashboardView> {
        let live = self.core.signed_in.lock();
        let lang = self.core.lang();
        let c = &self.core.catalogues;
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
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
        let synced_at = account
            .last_sync
            .map(|t| l10n::format_date_time(lang, t.naive_local()));
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
        let copy_not_saved = self
            .own
            .copy_not_saved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&account.record.key())
            .then(|| c.text(lang, "offline-copy-not-saved", &[]));
        Ok(DashboardView {
            account: self
                .core
                .accounts()
                .account_view(&account.record, account.session.is_none()),
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
            copy_not_saved,
        })
    }

    pub fn invoice_list(self, filter: Filter) -> Result<InvoiceListView> {
        let live = self.core.signed_in.lock();
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
        Ok(views::invoice_list(
            &self.core.catalogues,
            self.core.lang(),
            &account.invoices,
            filter,
            portal::session::today(),
        ))
    }

    /// Reads the invoice page afresh and shows it.
    pub async fn invoice(self, id: u64) -> Result<InvoiceView> {
        let (session, key) = self.core.session()?;
        let detail = session.invoice(id).await?;
        self.keep_invoice(&key, detail);
        self.invoice_view(id)
    }

    /// Keeps an invoice page just read for `key`'s account (its row's status follows) and the
    /// saved copy with it.
    pub(crate) fn keep_invoice(self, key: &str, detail: portal::InvoiceDetail) {
        {
            let mut live = self.core.signed_in.lock();
            if let Some(account) = live.on_screen_mut(key) {
                if let Some(row) = account.invoices.iter_mut().find(|i| i.id == detail.id) {
                    row.status = detail.status;
                }
                account.details.insert(detail.id, detail);
            }
        }
        self.save_copy(key);
    }

    /// The last read invoice page, in the current language.
    pub fn invoice_view(self, id: u64) -> Result<InvoiceView> {
        // The record is read before the state's lock is taken (no disk under it). One that
        // cannot be read guards (said as a warning), never unguards.
        let guarding = self
            .core
            .current_key()
            .map(|key| self.core.payments().guarding(&key, id));
        let live = self.core.signed_in.lock();
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
        let (detail, saved) = match account.details.get(&id) {
            Some(read) => (read, false),
            None => (
                account
                    .saved_details
                    .get(&id)
                    .ok_or(CoreError::Portal(portal::PortalError::NotFound))?,
                true,
            ),
        };
        let summary = account.invoices.iter().find(|i| i.id == id);
        // Guarded by an attempt not over, by the portal itself (a payment it awaits), or by a
        // record that cannot be read. A payment whose tracking stopped after a day, while the
        // portal (read now) still records nothing, may be lifted by the person, told what it
        // means.
        let guard = match guarding {
            Some(Ok(Some(a)))
                if a.state == crate::attempts::AttemptState::Stopped
                    && crate::payments::nothing_recorded_since(&a, detail) =>
            {
                views::PaymentGuard::Liftable
            }
            Some(Ok(Some(_)) | Err(_)) => views::PaymentGuard::Kept,
            _ if detail.status == InvoiceStatus::PaymentPending => views::PaymentGuard::Kept,
            _ => views::PaymentGuard::None,
        };
        Ok(views::invoice_view(
            &self.core.catalogues,
            self.core.lang(),
            detail,
            summary,
            portal::session::today(),
            guard,
            saved,
        ))
    }
}
