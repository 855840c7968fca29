//! Owns the files made from an account's invoices: the list as CSV and the invoices' PDFs (one,
//! or all of a list into a folder, skipping those there, stoppable).

use super::Billing;
use crate::core::*;
use crate::error::CoreError;
use crate::views::{self, Filter};
use chrono::Local;
use l10n::Arg;
use portal::InvoiceStatus;
use std::path::Path;

impl Billing<'_> {
    /// The current list (the filter's invoices, in the list's order) as CSV, with how many
    /// invoices it holds and a file name to suggest. Headers and statuses are in the user's
    /// language; dates are ISO and amounts plain decimals, for spreadsheets.
    pub fn invoices_csv(self, filter: Filter) -> Result<(String, usize, String)> {
        let live = self.core.signed_in.lock();
        let lang = self.core.lang();
        let c = &self.core.catalogues;
        let account = live.current().ok_or(CoreError::NotSignedIn)?;
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

    /// Saves the PDF of every invoice of the current list (the filter shown) into `dir`,
    /// skipping those already there, one at a time, reporting after each. Stops when `cancel`
    /// is set, or when the portal cannot be reached; an invoice whose PDF fails otherwise is
    /// counted and the others go on.
    pub async fn save_pdfs(
        self,
        filter: Filter,
        dir: &Path,
        cancel: &std::sync::atomic::AtomicBool,
        mut progress: impl FnMut(&PdfProgress),
    ) -> Result<PdfProgress> {
        let (session, key) = self.core.session()?;
        let list: Vec<(u64, String)> = {
            let live = self.core.signed_in.lock();
            let account = live.current().ok_or(CoreError::NotSignedIn)?;
            views::listed(&account.invoices, filter, portal::session::today())
                .into_iter()
                .map(|i| (i.id, i.number.clone()))
                .collect()
        };
        std::fs::create_dir_all(dir)?;
        let mut folder = super::pdf_folder::PdfFolder::open(dir);
        let mut state = PdfProgress {
            total: list.len(),
            ..PdfProgress::default()
        };
        for (id, number) in list {
            if cancel.load(std::sync::atomic::Ordering::SeqCst) {
                state.cancelled = true;
                break;
            }
            let name = crate::export::pdf_file_name(&number);
            state.current = number;
            // Skipped only when it is this invoice's own PDF, as saved here before; a file of
            // that name that is anything else stays, and this one goes beside it.
            if folder.holds(&key, id) {
                state.skipped += 1;
            } else {
                match session.invoice_pdf(id).await {
                    Ok(bytes) => {
                        let name = folder.free_name(&name);
                        // Written beside, then renamed: a stop midway leaves no half PDF.
                        crate::store::write_atomically(&dir.join(&name), &bytes)?;
                        folder.note(&name, &key, id, bytes.len() as u64);
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
        state.message = self.core.text(
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
    pub fn pdf_file_name(self, id: u64) -> String {
        crate::export::pdf_file_name(&self.invoice_number(id))
    }

    pub async fn invoice_pdf(self, id: u64) -> Result<Vec<u8>> {
        let (session, _) = self.core.session()?;
        Ok(session.invoice_pdf(id).await?)
    }

    pub fn invoice_number(self, id: u64) -> String {
        let live = self.core.signed_in.lock();
        live.current()
            .and_then(|a| a.invoices.iter().find(|i| i.id == id))
            .map(|i| i.number.clone())
            .unwrap_or_else(|| id.to_string())
    }
}
