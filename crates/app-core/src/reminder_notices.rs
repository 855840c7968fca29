//! Owns the payment reminders as the person gets them: which are new for the account on screen
//! (the record is `reminders`'), noted for the tray's latest notifications, and their words in
//! the person's language (one per invoice, or one summary when more than three come at once).

pub(crate) mod state;

use crate::core::*;
use crate::reminders::{Reminder, ReminderKind};
use crate::tray::{NoticeKind, RecentNotice};
use crate::views;
use l10n::{Arg, Catalogues, Lang};

/// The payment reminders and the notifications given: which are new, their words, and the latest
/// ones for the tray.
/// Reached through `Core::reminders`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Reminders<'c> {
    core: &'c Core,
    own: &'c state::RemindersState,
}

impl<'c> Reminders<'c> {
    pub(crate) fn new(core: &'c Core, own: &'c state::RemindersState) -> Self {
        Reminders { core, own }
    }
}

impl Reminders<'_> {
    /// The latest notifications given, most recent first.
    pub fn recent(self) -> Vec<crate::tray::RecentNotice> {
        self.own.recent_notices.list()
    }
}

/// More reminders than this at once make one summary (a first sync of a long account would
/// flood the screen).
const AT_ONCE: usize = 3;

impl Reminders<'_> {
    /// The OS notifications due now for the current account's invoices (due within three days,
    /// or overdue), each given once.
    pub fn take_reminders(self) -> Vec<Notice> {
        let notices = self.new_reminders();
        // The tray follows even when there is none: the days pass, and "overdue" with them.
        self.core.changes.tell(crate::changes::Change::Unpaid);
        notices
    }

    fn new_reminders(self) -> Vec<Notice> {
        // The invoices are taken under the lock, the record is read and written after it.
        let (lang, key, invoices) = {
            let live = self.core.signed_in.lock();
            let Some(account) = live.current() else {
                return vec![];
            };
            (
                self.core.lang(),
                account.record.key(),
                account.invoices.clone(),
            )
        };
        let today = portal::session::today();
        let new = match self.own.reminders.take_new(&key, &invoices, today) {
            Ok(new) => new,
            Err(e) => {
                tracing::warn!("the reminders record was not written: {e}");
                return vec![];
            }
        };
        for r in &new {
            self.own.recent_notices.add(crate::tray::RecentNotice {
                account: key.clone(),
                invoice_id: r.invoice.id,
                number: r.invoice.number.clone(),
                kind: match r.kind {
                    ReminderKind::DueSoon => crate::tray::NoticeKind::DueSoon,
                    ReminderKind::Overdue => crate::tray::NoticeKind::Overdue,
                },
            });
        }
        notices(&self.core.catalogues, lang, &key, &new)
    }
}

/// The notifications for `new` reminders of the account `key`, in `lang`.
pub fn notices(c: &Catalogues, lang: Lang, key: &str, new: &[Reminder<'_>]) -> Vec<Notice> {
    if new.len() > AT_ONCE {
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
                    account: key.to_owned(),
                    invoice_id: r.invoice.id,
                }),
            }
        })
        .collect()
}

impl Reminders<'_> {
    /// Notes a "Paid" notification given for the tray menu.
    pub fn note_paid_notice(self, account: &str, invoice_id: u64, number: &str) {
        self.own.recent_notices.add(RecentNotice {
            account: account.to_owned(),
            invoice_id,
            number: number.to_owned(),
            kind: NoticeKind::Paid,
        });
        self.core.changes.tell(crate::changes::Change::Unpaid);
    }
}

impl Core {
    /// Reminders and the notifications given.
    pub fn reminders(&self) -> Reminders<'_> {
        Reminders::new(self, &self.reminders)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use portal::{InvoiceStatus, InvoiceSummary, Money};

    fn invoice(id: u64) -> InvoiceSummary {
        InvoiceSummary {
            id,
            number: format!("INV-{id}"),
            date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            due_date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            total: Money::new(rust_decimal::Decimal::new(999, 2), "EUR"),
            status: InvoiceStatus::Unpaid,
        }
    }

    #[test]
    fn up_to_three_each_about_its_invoice_then_one_summary() {
        let c = Catalogues::load().unwrap();
        let invoices: Vec<_> = (1..=4).map(invoice).collect();
        let reminders: Vec<_> = invoices
            .iter()
            .enumerate()
            .map(|(i, invoice)| Reminder {
                invoice,
                kind: if i == 0 {
                    ReminderKind::Overdue
                } else {
                    ReminderKind::DueSoon
                },
            })
            .collect();

        let one = notices(&c, Lang::En, "a@b@demo", &reminders[..1]);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].title, "Invoice INV-1 is overdue");
        assert_eq!(
            one[0].about,
            Some(NoticeAbout {
                account: "a@b@demo".into(),
                invoice_id: 1
            })
        );
        assert_eq!(notices(&c, Lang::En, "k", &reminders[..3]).len(), 3);

        let summary = notices(&c, Lang::Sq, "k", &reminders);
        assert_eq!(summary.len(), 1);
        assert_eq!(summary[0].about, None, "a summary opens the window");
        assert!(summary[0].title.starts_with('4'), "{}", summary[0].title);
        let en = notices(&c, Lang::En, "k", &reminders);
        assert_eq!(en[0].title, "4 invoices need paying");
        assert_eq!(
            en[0].body,
            "3 due within 3 days, 1 overdue. Open JitOps Billing to see them."
        );
    }
}
