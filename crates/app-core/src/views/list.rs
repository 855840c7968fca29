//! Owns the invoice list's view: the filter, the rows (with what can be picked) and the totals
//! per currency.

use super::*;
use l10n::{format_date, Arg, Catalogues, Lang};
use portal::{InvoiceStatus, InvoiceSummary};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Filter {
    Unpaid,
    Overdue,
    Paid,
    All,
}

impl Filter {
    pub fn keeps(self, invoice: &InvoiceSummary, today: chrono::NaiveDate) -> bool {
        match self {
            Filter::Unpaid => invoice.status == InvoiceStatus::Unpaid,
            Filter::Overdue => invoice.is_overdue(today),
            Filter::Paid => invoice.status == InvoiceStatus::Paid,
            Filter::All => true,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct InvoiceRow {
    pub id: u64,
    pub number: String,
    pub date: String,
    pub due: String,
    pub total: String,
    pub status: String,
    pub status_text: String,
    /// Whether the row can be picked for paying several together (it is unpaid).
    pub pickable: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct InvoiceListView {
    pub rows: Vec<InvoiceRow>,
    pub totals: Vec<String>,
    pub totals_label: String,
    pub counts: BTreeMap<String, usize>,
}

pub fn invoice_row(
    c: &Catalogues,
    lang: Lang,
    invoice: &InvoiceSummary,
    today: chrono::NaiveDate,
) -> InvoiceRow {
    let slug = status_slug(invoice.status, invoice.is_overdue(today));
    InvoiceRow {
        id: invoice.id,
        number: invoice.number.clone(),
        date: format_date(lang, invoice.date),
        due: format_date(lang, invoice.due_date),
        total: money(lang, &invoice.total),
        status: slug.to_owned(),
        status_text: status_text(c, lang, slug),
        pickable: invoice.status == InvoiceStatus::Unpaid,
    }
}

/// The invoices a filter keeps, in the list's order (what is shown, and what is exported).
pub fn listed(
    invoices: &[InvoiceSummary],
    filter: Filter,
    today: chrono::NaiveDate,
) -> Vec<&InvoiceSummary> {
    let mut kept: Vec<&InvoiceSummary> =
        invoices.iter().filter(|i| filter.keeps(i, today)).collect();
    // Most urgent first: by due date, then number.
    kept.sort_by(|a, b| {
        a.due_date
            .cmp(&b.due_date)
            .then_with(|| a.number.cmp(&b.number))
    });
    if filter == Filter::Paid || filter == Filter::All {
        kept.reverse();
    }
    kept
}

pub fn invoice_list(
    c: &Catalogues,
    lang: Lang,
    invoices: &[InvoiceSummary],
    filter: Filter,
    today: chrono::NaiveDate,
) -> InvoiceListView {
    let kept = listed(invoices, filter, today);
    let totals = totals_per_currency(kept.iter().map(|i| &i.total))
        .iter()
        .map(|m| money(lang, m))
        .collect();
    let mut counts = BTreeMap::new();
    for f in [
        ("unpaid", Filter::Unpaid),
        ("overdue", Filter::Overdue),
        ("paid", Filter::Paid),
        ("all", Filter::All),
    ] {
        counts.insert(
            f.0.to_owned(),
            invoices.iter().filter(|i| f.1.keeps(i, today)).count(),
        );
    }
    InvoiceListView {
        totals_label: c.text(lang, "invoices-totals", &[("count", Arg::from(kept.len()))]),
        rows: kept
            .iter()
            .map(|i| invoice_row(c, lang, i, today))
            .collect(),
        totals,
        counts,
    }
}
