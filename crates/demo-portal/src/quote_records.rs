//! Owns what a quote is as WHMCS keeps it: its stage (named in each language), its items with
//! their discounts, its tax and dates. What the demo does with quotes is in `quotes`.

use crate::lang::Lang;
use chrono::NaiveDate;
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
    /// A quote's stage as the portal names it.
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, sq, de) = match self {
            Stage::Delivered => ("Delivered", "E dërguar", "Zugestellt"),
            Stage::OnHold => ("On Hold", "Në pritje", "Zurückgestellt"),
            Stage::Accepted => ("Accepted", "E pranuar", "Angenommen"),
            Stage::Lost => ("Lost", "E humbur", "Verloren"),
            Stage::Dead => ("Dead", "E skaduar", "Abgelaufen"),
        };
        match lang {
            Lang::En => en,
            Lang::Sq => sq,
            Lang::De => de,
        }
    }

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
