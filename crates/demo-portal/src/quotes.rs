//! Owns the demo's quotes as WHMCS keeps them: their stage, items (a discount each), tax and
//! dates, and accepting one the way `viewquote.php?action=accept` does (the stage Accepted and,
//! with "convert to invoice on acceptance", an unpaid invoice made of the quote's items).

use crate::data::{self, Account, Invoice, Item, Status};
pub use crate::quote_records::*;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().expect("static amount")
}

fn item(description: &str, price: &str, discount_pc: &str, taxed: bool) -> QuoteItem {
    QuoteItem {
        description: description.into(),
        price: d(price),
        discount_pc: d(discount_pc),
        taxed,
    }
}

/// The demo customer's quotes: one to accept (a proposal, a discounted line, VAT, notes), one
/// on hold, one accepted long ago, one that lapsed.
pub fn demo_customer_quotes(today: NaiveDate) -> Vec<Quote> {
    vec![
        Quote {
            id: 7,
            subject: "Managed migration to a dedicated server".into(),
            created: today - Duration::days(3),
            valid_until: today + Duration::days(27),
            stage: Stage::Delivered,
            currency: "EUR",
            items: vec![
                item("Dedicated server D2 - setup", "80.00", "10", true),
                item("Migration of 3 websites and mailboxes", "120.00", "0", true),
            ],
            tax_rate: d("20"),
            proposal: Some(
                "We move your sites over a weekend, with a test copy for you to check first."
                    .into(),
            ),
            notes: Some(
                "Price held for 30 days.\nThe server's monthly fee is invoiced separately.".into(),
            ),
            invoice: None,
        },
        Quote {
            id: 6,
            subject: "Extra backup storage".into(),
            created: today - Duration::days(12),
            valid_until: today + Duration::days(18),
            stage: Stage::OnHold,
            currency: "EUR",
            items: vec![item(
                "Backup storage 100 GB - first year",
                "36.00",
                "0",
                true,
            )],
            tax_rate: d("20"),
            proposal: None,
            notes: None,
            invoice: None,
        },
        Quote {
            id: 4,
            subject: "SSL certificates".into(),
            created: today - Duration::days(90),
            valid_until: today - Duration::days(60),
            stage: Stage::Accepted,
            currency: "EUR",
            items: vec![item("Wildcard SSL - 1 year", "49.00", "0", true)],
            tax_rate: d("20"),
            proposal: None,
            notes: None,
            invoice: Some(1001),
        },
        Quote {
            id: 2,
            subject: "Website redesign".into(),
            created: today - Duration::days(200),
            valid_until: today - Duration::days(170),
            stage: Stage::Dead,
            currency: "EUR",
            items: vec![item("Redesign of demo.al", "450.00", "0", false)],
            tax_rate: d("20"),
            proposal: None,
            notes: None,
            invoice: None,
        },
    ]
}

/// "Accept Quote" with the terms agreed: the stage Accepted and an unpaid invoice `id` of the
/// quote's lines (each after its discount), due today. None when this client has no such
/// quote or its page offers no acceptance.
pub fn accept(account: &mut Account, quote_id: u64, id: u64, today: NaiveDate) -> Option<u64> {
    let quote = account
        .quotes
        .iter_mut()
        .find(|q| q.id == quote_id && q.stage.may_accept())?;
    quote.stage = Stage::Accepted;
    quote.invoice = Some(id);
    let items = quote
        .items
        .iter()
        .map(|i| Item {
            description: i.description.clone(),
            amount: i.amount(),
            taxed: i.taxed,
            cycle: None,
        })
        .collect();
    let mut invoice: Invoice = data::invoice(
        id,
        &id.to_string(),
        today,
        0,
        quote.currency,
        items,
        Status::Unpaid,
    );
    invoice.date = today;
    invoice.tax_rate = quote.tax_rate;
    account.invoices.push(invoice);
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accepted_quote_becomes_an_unpaid_invoice_of_its_total() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut account = crate::people::demo_customer(today);
        let total = account.quotes.iter().find(|q| q.id == 7).unwrap().total();
        // 72.00 + 120.00, and 20 % VAT on both.
        assert_eq!(total, d("230.40"));
        assert_eq!(accept(&mut account, 7, 60_000, today), Some(60_000));
        let invoice = account.invoices.iter().find(|i| i.id == 60_000).unwrap();
        assert_eq!(invoice.total(), total);
        assert_eq!(invoice.status, Status::Unpaid);
        assert_eq!(
            account.quotes.iter().find(|q| q.id == 7).unwrap().stage,
            Stage::Accepted
        );
        // Once accepted, or dead, there is nothing to accept.
        assert_eq!(accept(&mut account, 7, 60_001, today), None);
        assert_eq!(accept(&mut account, 2, 60_001, today), None);
    }
}
