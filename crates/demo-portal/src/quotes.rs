//! Owns the demo's quotes as WHMCS keeps them: their stage, items (a discount each), tax and
//! dates, and accepting one the way `viewquote.php?action=accept` does (the stage Accepted and,
//! with "convert to invoice on acceptance", an unpaid invoice made of the quote's items).

use crate::data::{self, Account, Invoice, Item, Status};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// A quote's stage. Drafts are never shown to the client, so the demo has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Delivered,
    OnHold,
    Accepted,
    Lost,
    Dead,
}

impl Stage {
    /// The list's class (`status-{stageClass}`): WHMCS makes it from the stage's name, lower
    /// case, a space as a hyphen.
    pub fn list_class(self) -> &'static str {
        match self {
            Stage::Delivered => "delivered",
            Stage::OnHold => "on-hold",
            Stage::Accepted => "accepted",
            Stage::Lost => "lost",
            Stage::Dead => "dead",
        }
    }

    /// The quote page's class (`viewquote.tpl` borrows the invoice page's colours).
    pub fn page_class(self) -> &'static str {
        match self {
            Stage::Delivered => "unpaid",
            Stage::Accepted => "paid",
            Stage::OnHold => "refunded",
            Stage::Lost => "cancelled",
            Stage::Dead => "collections",
        }
    }

    /// The stock page offers "Accept Quote" only at these stages.
    pub fn may_accept(self) -> bool {
        matches!(self, Stage::Delivered | Stage::OnHold)
    }
}

#[derive(Debug, Clone)]
pub struct QuoteItem {
    pub description: String,
    /// Before the discount.
    pub price: Decimal,
    /// Per cent off the price (0 for none).
    pub discount_pc: Decimal,
    pub taxed: bool,
}

impl QuoteItem {
    pub fn discount(&self) -> Decimal {
        (self.price * self.discount_pc / Decimal::ONE_HUNDRED).round_dp(2)
    }

    /// What the line costs, its discount taken off.
    pub fn amount(&self) -> Decimal {
        self.price - self.discount()
    }
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub id: u64,
    pub subject: String,
    pub created: NaiveDate,
    pub valid_until: NaiveDate,
    pub stage: Stage,
    pub currency: &'static str,
    pub items: Vec<QuoteItem>,
    pub tax_rate: Decimal,
    /// The proposal the admin wrote above the items (a warning panel on the page).
    pub proposal: Option<String>,
    /// The customer notes (an info panel after the items).
    pub notes: Option<String>,
    /// The invoice made when it was accepted.
    pub invoice: Option<u64>,
}

impl Quote {
    pub fn subtotal(&self) -> Decimal {
        self.items.iter().map(QuoteItem::amount).sum()
    }

    pub fn tax(&self) -> Decimal {
        let taxed: Decimal = self
            .items
            .iter()
            .filter(|i| i.taxed)
            .map(QuoteItem::amount)
            .sum();
        (taxed * self.tax_rate / Decimal::ONE_HUNDRED).round_dp(2)
    }

    pub fn total(&self) -> Decimal {
        self.subtotal() + self.tax()
    }
}

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
