//! Owns the account views: the account on screen, and "All accounts" (every unpaid invoice of
//! every account signed in or saved).

use super::*;
use l10n::{Arg, Catalogues, Lang};
use portal::InvoiceSummary;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    pub email: String,
    pub portal: String,
    pub label: String,
    pub remembered: bool,
    /// Showing the saved copy: the portal could not be reached.
    pub offline: bool,
    /// A restore's answer: this account was on screen already (its saved copy, shown while
    /// signing in), so the window has nothing new to draw for it.
    pub was_on_screen: bool,
}

/// One unpaid or overdue invoice in the "All accounts" view.
#[derive(Debug, Clone, Serialize)]
pub struct AllAccountsRow {
    /// The account's key, to switch to it.
    pub account: String,
    pub email: String,
    #[serde(flatten)]
    pub row: InvoiceRow,
}

#[derive(Debug, Clone, Serialize)]
pub struct AllAccountsView {
    pub rows: Vec<AllAccountsRow>,
    pub totals: Vec<String>,
    pub totals_label: String,
    pub overdue_totals: Vec<String>,
    pub accounts: usize,
}

/// The unpaid (overdue included) invoices of several accounts, most urgent first, with totals
/// per currency (all of them, and the overdue ones).
pub fn all_accounts(
    c: &Catalogues,
    lang: Lang,
    accounts: &[(String, String, Vec<InvoiceSummary>)],
    today: chrono::NaiveDate,
) -> AllAccountsView {
    let mut kept: Vec<(&String, &String, &InvoiceSummary)> = accounts
        .iter()
        .flat_map(|(key, email, invoices)| {
            listed(invoices, Filter::Unpaid, today)
                .into_iter()
                .map(move |i| (key, email, i))
        })
        .collect();
    kept.sort_by(|a, b| {
        a.2.due_date
            .cmp(&b.2.due_date)
            .then_with(|| a.1.cmp(b.1))
            .then_with(|| a.2.number.cmp(&b.2.number))
    });
    let totals = totals_per_currency(kept.iter().map(|k| &k.2.total))
        .iter()
        .map(|m| money(lang, m))
        .collect();
    let overdue_totals = totals_per_currency(
        kept.iter()
            .filter(|k| k.2.is_overdue(today))
            .map(|k| &k.2.total),
    )
    .iter()
    .map(|m| money(lang, m))
    .collect();
    AllAccountsView {
        totals_label: c.text(
            lang,
            "all-accounts-totals",
            &[
                ("count", Arg::from(kept.len())),
                ("accounts", Arg::from(accounts.len())),
            ],
        ),
        rows: kept
            .iter()
            .map(|(key, email, i)| AllAccountsRow {
                account: (*key).clone(),
                email: (*email).clone(),
                row: invoice_row(c, lang, i, today),
            })
            .collect(),
        totals,
        overdue_totals,
        accounts: accounts.len(),
    }
}
