//! Owns the payment reminders: which unpaid invoices are due within three days or overdue,
//! and the record (`reminders.json` in the data folder) of the reminders already given, so
//! that each invoice is reminded once when it comes due and once when it becomes overdue,
//! across restarts.

use chrono::NaiveDate;
use portal::{InvoiceStatus, InvoiceSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Days before the due date when "due soon" is reminded.
pub const DUE_SOON_DAYS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    DueSoon,
    Overdue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reminder<'a> {
    pub invoice: &'a InvoiceSummary,
    pub kind: ReminderKind,
}

/// What an invoice calls for today, if anything.
pub fn kind_for(invoice: &InvoiceSummary, today: NaiveDate) -> Option<ReminderKind> {
    if invoice.status != InvoiceStatus::Unpaid {
        return None;
    }
    let days = (invoice.due_date - today).num_days();
    if days < 0 {
        Some(ReminderKind::Overdue)
    } else if days <= DUE_SOON_DAYS {
        Some(ReminderKind::DueSoon)
    } else {
        None
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Given {
    /// (account key, invoice id, kind) of every reminder given for a still unpaid invoice.
    given: BTreeSet<(String, u64, ReminderKind)>,
}

pub struct ReminderFile {
    path: PathBuf,
}

impl ReminderFile {
    pub fn new(data_dir: &Path) -> ReminderFile {
        ReminderFile {
            path: data_dir.join("reminders.json"),
        }
    }

    /// The reminders `invoices` call for today that were not given before, recorded as given.
    /// Invoices of the account no longer unpaid leave the record, so it stays small.
    pub fn take_new<'a>(
        &self,
        account: &str,
        invoices: &'a [InvoiceSummary],
        today: NaiveDate,
    ) -> std::io::Result<Vec<Reminder<'a>>> {
        let file = crate::store::JsonFile::new(self.path.clone());
        // A damaged record only means some reminders may be given again: never a failure.
        let (new, _) = file.update(|record: &mut Given| {
            let unpaid: BTreeSet<u64> = invoices
                .iter()
                .filter(|i| i.status == InvoiceStatus::Unpaid)
                .map(|i| i.id)
                .collect();
            record
                .given
                .retain(|(a, id, _)| a != account || unpaid.contains(id));
            let mut new = vec![];
            for invoice in invoices {
                if let Some(kind) = kind_for(invoice, today) {
                    if record.given.insert((account.to_owned(), invoice.id, kind)) {
                        new.push(Reminder { invoice, kind });
                    }
                }
            }
            new
        })?;
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal::Money;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn invoice(id: u64, due: NaiveDate, status: InvoiceStatus) -> InvoiceSummary {
        InvoiceSummary {
            id,
            number: format!("INV-{id}"),
            date: day(1),
            due_date: due,
            total: Money::new(rust_decimal::Decimal::new(999, 2), "EUR"),
            status,
        }
    }

    #[test]
    fn due_within_three_days_or_overdue_and_unpaid_only() {
        let today = day(20);
        let kinds: Vec<_> = [
            invoice(1, day(24), InvoiceStatus::Unpaid),
            invoice(2, day(23), InvoiceStatus::Unpaid),
            invoice(3, day(20), InvoiceStatus::Unpaid),
            invoice(4, day(19), InvoiceStatus::Unpaid),
            invoice(5, day(10), InvoiceStatus::Paid),
            invoice(6, day(22), InvoiceStatus::Cancelled),
        ]
        .iter()
        .map(|i| kind_for(i, today))
        .collect();
        assert_eq!(
            kinds,
            vec![
                None,
                Some(ReminderKind::DueSoon),
                Some(ReminderKind::DueSoon),
                Some(ReminderKind::Overdue),
                None,
                None
            ]
        );
    }

    #[test]
    fn each_invoice_is_reminded_once_when_due_and_once_when_overdue_across_restarts() {
        let dir = tempfile::tempdir().unwrap();
        let invoices = vec![invoice(1, day(22), InvoiceStatus::Unpaid)];
        let file = ReminderFile::new(dir.path());
        let first = file.take_new("a@x", &invoices, day(19)).unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].kind, ReminderKind::DueSoon);
        assert!(file.take_new("a@x", &invoices, day(20)).unwrap().is_empty());
        // A restart reads the record.
        let again = ReminderFile::new(dir.path());
        assert!(again
            .take_new("a@x", &invoices, day(21))
            .unwrap()
            .is_empty());
        let overdue = again.take_new("a@x", &invoices, day(23)).unwrap();
        assert_eq!(overdue.len(), 1);
        assert_eq!(overdue[0].kind, ReminderKind::Overdue);
        assert!(again
            .take_new("a@x", &invoices, day(24))
            .unwrap()
            .is_empty());
        // Another account with the same invoice id is its own.
        assert_eq!(again.take_new("b@y", &invoices, day(24)).unwrap().len(), 1);
    }

    #[test]
    fn a_paid_invoice_leaves_the_record_and_a_damaged_record_is_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let file = ReminderFile::new(dir.path());
        let unpaid = vec![invoice(1, day(10), InvoiceStatus::Unpaid)];
        assert_eq!(file.take_new("a@x", &unpaid, day(20)).unwrap().len(), 1);
        let paid = vec![invoice(1, day(10), InvoiceStatus::Paid)];
        assert!(file.take_new("a@x", &paid, day(20)).unwrap().is_empty());
        let record: std::io::Result<crate::store::Read<Given>> =
            crate::store::JsonFile::new(dir.path().join("reminders.json")).read();
        assert!(matches!(record, Ok(crate::store::Read::Found(g)) if g.given.is_empty()));
        std::fs::write(dir.path().join("reminders.json"), b"{not json").unwrap();
        assert_eq!(file.take_new("a@x", &unpaid, day(20)).unwrap().len(), 1);
    }
}
