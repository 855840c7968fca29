//! Owns what the tray icon says, in the person's language: the unpaid count beside the icon
//! and the menu's texts (open, refresh, the accounts, the latest reminders and payments, quit),
//! and the record of those latest notifications, which the menu lists where the desktop cannot
//! act on a click on a notification.

use crate::Core;
use l10n::Arg;
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::Mutex;

/// How many of the latest notifications the menu lists.
pub const LATEST: usize = 3;

/// What a notification the app gave was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    DueSoon,
    Overdue,
    Paid,
}

/// A notification given this run, kept for the tray menu: which invoice of which account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecentNotice {
    pub account: String,
    pub invoice_id: u64,
    pub number: String,
    pub kind: NoticeKind,
}

/// The latest notifications, most recent first.
#[derive(Default)]
pub struct RecentNotices(Mutex<VecDeque<RecentNotice>>);

impl RecentNotices {
    pub fn add(&self, notice: RecentNotice) {
        let mut list = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // One line per invoice: its newest news.
        list.retain(|n| !(n.account == notice.account && n.invoice_id == notice.invoice_id));
        list.push_front(notice);
        list.truncate(LATEST);
    }

    pub fn list(&self) -> Vec<RecentNotice> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrayAccount {
    pub key: String,
    pub label: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrayNotice {
    pub notice: RecentNotice,
    pub label: String,
}

/// The tray icon's texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrayView {
    /// Beside the icon: the number of unpaid invoices, empty when there are none (or nobody is
    /// signed in).
    pub label: String,
    /// The menu's first line (not a command): what is unpaid and overdue, or why nothing is.
    pub summary: String,
    pub tooltip: String,
    pub open: String,
    pub refresh: String,
    pub accounts_heading: String,
    pub accounts: Vec<TrayAccount>,
    pub latest_heading: String,
    pub latest: Vec<TrayNotice>,
    pub quit: String,
}

impl Core {
    /// The tray icon's texts now.
    pub fn tray_view(&self) -> TrayView {
        let lang = self.lang();
        let c = self.catalogues();
        let text = |id: &str, args: &[(&str, Arg)]| c.text(lang, id, args);
        let (label, summary) = match self.billing().dashboard_view() {
            Ok(d) => (
                if d.unpaid_count > 0 {
                    l10n::group_count(lang, i64::from(d.unpaid_count))
                } else {
                    String::new()
                },
                if d.unpaid_count == 0 {
                    text("tray-all-paid", &[])
                } else {
                    text(
                        "tray-summary",
                        &[
                            ("unpaid", Arg::from(d.unpaid_count as usize)),
                            ("overdue", Arg::from(d.overdue_count as usize)),
                        ],
                    )
                },
            ),
            Err(_) => (String::new(), text("tray-signed-out", &[])),
        };
        let accounts = self.accounts().choices();
        let latest = self
            .reminders()
            .recent()
            .into_iter()
            .map(|notice| {
                let id = match notice.kind {
                    NoticeKind::DueSoon => "tray-notice-due-soon",
                    NoticeKind::Overdue => "tray-notice-overdue",
                    NoticeKind::Paid => "tray-notice-paid",
                };
                let mut label = text(id, &[("number", Arg::from(notice.number.clone()))]);
                // Another account's news says whose it is.
                if let Some(other) = accounts
                    .iter()
                    .find(|a| a.key == notice.account && !a.current)
                {
                    label = text(
                        "tray-notice-other-account",
                        &[
                            ("notice", Arg::from(label)),
                            ("account", Arg::from(other.email.clone())),
                        ],
                    );
                }
                TrayNotice { notice, label }
            })
            .collect();
        TrayView {
            tooltip: if label.is_empty() {
                text("app-name", &[])
            } else {
                format!("{} · {summary}", text("app-name", &[]))
            },
            label,
            summary,
            open: text("tray-open", &[]),
            refresh: text("tray-refresh", &[]),
            accounts_heading: text("tray-accounts", &[]),
            accounts: accounts
                .iter()
                .map(|a| TrayAccount {
                    key: a.key.clone(),
                    label: a.label.clone(),
                    current: a.current,
                })
                .collect(),
            latest_heading: text("tray-latest", &[]),
            latest,
            quit: text("tray-quit", &[]),
        }
    }

    /// Whether closing the window would stop something the person relies on: a payment being
    /// followed, or reminders (an account signed in). Then the first close asks.
    pub fn close_would_stop_something(&self) -> bool {
        !self.payments().open_attempts().is_empty() || self.current_key().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(account: &str, id: u64, kind: NoticeKind) -> RecentNotice {
        RecentNotice {
            account: account.into(),
            invoice_id: id,
            number: format!("2026-{id:04}"),
            kind,
        }
    }

    #[test]
    fn the_latest_three_newest_first_one_line_per_invoice() {
        let recent = RecentNotices::default();
        recent.add(notice("a", 1, NoticeKind::DueSoon));
        recent.add(notice("a", 2, NoticeKind::Overdue));
        recent.add(notice("b", 1, NoticeKind::Overdue));
        recent.add(notice("a", 1, NoticeKind::Paid));
        recent.add(notice("a", 3, NoticeKind::Overdue));
        let list = recent.list();
        assert_eq!(
            list.iter()
                .map(|n| (n.account.as_str(), n.invoice_id, n.kind))
                .collect::<Vec<_>>(),
            vec![
                ("a", 3, NoticeKind::Overdue),
                ("a", 1, NoticeKind::Paid),
                ("b", 1, NoticeKind::Overdue),
            ]
        );
    }
}
