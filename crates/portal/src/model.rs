//! Owns what the app knows about a portal account: invoices, their statuses, the dashboard
//! figures, the payment choices an invoice page offers, and quotes.

use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use url::Url;

/// The statuses WHMCS gives an invoice. There is no "Overdue" status: see [`InvoiceSummary::is_overdue`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InvoiceStatus {
    Unpaid,
    Paid,
    Cancelled,
    Refunded,
    Collections,
    PaymentPending,
    Draft,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 7] = [
        InvoiceStatus::Unpaid,
        InvoiceStatus::Paid,
        InvoiceStatus::Cancelled,
        InvoiceStatus::Refunded,
        InvoiceStatus::Collections,
        InvoiceStatus::PaymentPending,
        InvoiceStatus::Draft,
    ];

    /// Reads a status from its English label or its CSS slug (`status-payment-pending`,
    /// `paymentpending`, `Payment Pending`).
    pub fn parse(text: &str) -> Option<InvoiceStatus> {
        let key: String = text
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match key.as_str() {
            "unpaid" => InvoiceStatus::Unpaid,
            "paid" => InvoiceStatus::Paid,
            "cancelled" | "canceled" => InvoiceStatus::Cancelled,
            "refunded" => InvoiceStatus::Refunded,
            "collections" => InvoiceStatus::Collections,
            "paymentpending" => InvoiceStatus::PaymentPending,
            "draft" => InvoiceStatus::Draft,
            _ => return None,
        })
    }

    pub fn slug(self) -> &'static str {
        match self {
            InvoiceStatus::Unpaid => "unpaid",
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::Cancelled => "cancelled",
            InvoiceStatus::Refunded => "refunded",
            InvoiceStatus::Collections => "collections",
            InvoiceStatus::PaymentPending => "payment-pending",
            InvoiceStatus::Draft => "draft",
        }
    }

    /// Whether the invoice is settled, so that nothing more should be paid.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            InvoiceStatus::Paid | InvoiceStatus::Cancelled | InvoiceStatus::Refunded
        )
    }
}

/// One row of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    /// The id used in `viewinvoice.php?id=N`.
    pub id: u64,
    /// The invoice number shown to people; may differ from the id.
    pub number: String,
    pub date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
    pub status: InvoiceStatus,
}

impl InvoiceSummary {
    /// Overdue is Unpaid with a due date before `today` (the portal's date).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == InvoiceStatus::Unpaid && self.due_date < today
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub description: String,
    pub amount: Money,
    pub taxed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalRow {
    pub label: String,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    /// As the portal wrote it (in the format its admin chose).
    pub date: String,
    /// The same date read with the format the portal's list shows (see
    /// `pages::parse_invoice_list_and_format`); none while that format is not known.
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
    pub gateway: String,
    pub transaction_id: String,
    pub amount: Money,
}

/// How often a subscription charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BillingCycle {
    Monthly,
    Quarterly,
    SemiAnnually,
    Annually,
    Biennially,
}

impl BillingCycle {
    /// The cycle a service period of `days` days stands for.
    pub fn from_period_days(days: i64) -> Option<BillingCycle> {
        Some(match days {
            27..=32 => BillingCycle::Monthly,
            88..=93 => BillingCycle::Quarterly,
            180..=185 => BillingCycle::SemiAnnually,
            360..=367 => BillingCycle::Annually,
            725..=732 => BillingCycle::Biennially,
            _ => return None,
        })
    }

    pub fn slug(self) -> &'static str {
        match self {
            BillingCycle::Monthly => "monthly",
            BillingCycle::Quarterly => "quarterly",
            BillingCycle::SemiAnnually => "semi-annually",
            BillingCycle::Annually => "annually",
            BillingCycle::Biennially => "biennially",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentKind {
    OneOff,
    Recurring,
}

/// A form found in an invoice page's payment area, exactly as the page wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRequest {
    pub method: HttpMethod,
    pub url: Url,
    pub fields: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HttpMethod {
    Get,
    Post,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentChoice {
    pub kind: PaymentKind,
    /// The button's label on the portal ("Make One Off Payment").
    pub label: String,
    pub form: FormRequest,
}

/// A payment method the portal offers (a WHMCS "gateway"): its module name, which the portal's
/// forms post, and the name the portal shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub value: String,
    pub name: String,
}

/// The portal's offer to pay part or all of an unpaid invoice from the account's credit (the
/// stock page's "Apply Credit" form, shown when the account has credit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditOffer {
    /// The account's credit, as the form states it.
    pub available: Money,
    /// What the portal fills in: the credit, or the invoice's balance when that is smaller
    /// (the most it applies).
    pub most: rust_decimal::Decimal,
    /// The form (its `creditamount` field takes the amount).
    pub form: FormRequest,
}

/// The client area's "Add Funds" page: its limits and its form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddFundsPage {
    /// The least one deposit may be.
    pub minimum: Money,
    /// The most one deposit may be.
    pub maximum: Money,
    /// The most the credit may reach.
    pub maximum_balance: Money,
    /// The payment methods offered for the deposit's invoice.
    pub methods: Vec<PaymentMethod>,
    /// The form (`amount`, `paymentmethod`).
    pub form: FormRequest,
}

/// Which result panel the invoice page shows (driven by the query string after a payment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentNotice {
    Success,
    PendingReview,
    Failed,
}

/// Everything on an invoice page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    pub id: u64,
    pub title: String,
    pub status: InvoiceStatus,
    pub date: Option<String>,
    pub due_date: Option<String>,
    pub items: Vec<LineItem>,
    pub totals: Vec<TotalRow>,
    pub total: Option<Money>,
    pub transactions: Vec<Transaction>,
    pub balance: Option<Money>,
    pub payment_choices: Vec<PaymentChoice>,
    /// The recurring cycle, read from the service periods of the line items.
    pub cycle: Option<BillingCycle>,
    pub notice: Option<PaymentNotice>,
    pub pdf_url: Option<Url>,
    /// The invoice's payment method as the portal names it.
    #[serde(default)]
    pub payment_method: Option<String>,
    /// The methods the person may switch the invoice to (the portal allows changing it), the
    /// current one first among equals: `payment_method_value` says which is chosen.
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    #[serde(default)]
    pub payment_method_value: Option<String>,
    /// The form that switches the method (its `gateway` field).
    #[serde(default)]
    pub payment_method_form: Option<FormRequest>,
    /// What an offline method (a bank transfer) says instead of a button: the portal's text.
    #[serde(default)]
    pub payment_instructions: Option<String>,
    /// The portal offers to apply the account's credit to this invoice.
    #[serde(default)]
    pub credit_offer: Option<CreditOffer>,
    /// The invoice's notes, the portal's words, one line per line.
    #[serde(default)]
    pub notes: Option<String>,
}

impl InvoiceDetail {
    pub fn choice(&self, kind: PaymentKind) -> Option<&PaymentChoice> {
        self.payment_choices.iter().find(|c| c.kind == kind)
    }

    /// The credit applied to the invoice: both stock pages write it as the totals row before
    /// the total (after the subtotal and any tax lines), never as a transaction.
    pub fn credit_applied(&self) -> Option<&Money> {
        let n = self.totals.len();
        (n >= 3).then(|| &self.totals[n - 2].amount)
    }

    pub fn currency(&self) -> Option<&str> {
        self.total
            .as_ref()
            .or(self.balance.as_ref())
            .map(|m| m.currency.as_str())
    }
}

/// The stages a client sees a quote at (drafts are never shown to them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteStage {
    Delivered,
    OnHold,
    Accepted,
    Lost,
    Dead,
}

impl QuoteStage {
    /// From the list's class (`status-on-hold`: the stage's name made a class), any spelling
    /// of it.
    pub fn from_list_class(class: &str) -> Option<QuoteStage> {
        let plain: String = class
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        match plain.as_str() {
            "delivered" => Some(QuoteStage::Delivered),
            "onhold" => Some(QuoteStage::OnHold),
            "accepted" => Some(QuoteStage::Accepted),
            "lost" => Some(QuoteStage::Lost),
            "dead" => Some(QuoteStage::Dead),
            _ => None,
        }
    }

    /// From the quote page's class: both stock themes draw each stage with an invoice
    /// status's colours (`viewquote.tpl`).
    pub fn from_page_class(class: &str) -> Option<QuoteStage> {
        match class {
            "unpaid" => Some(QuoteStage::Delivered),
            "paid" => Some(QuoteStage::Accepted),
            "refunded" => Some(QuoteStage::OnHold),
            "cancelled" => Some(QuoteStage::Lost),
            "collections" => Some(QuoteStage::Dead),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            QuoteStage::Delivered => "delivered",
            QuoteStage::OnHold => "on-hold",
            QuoteStage::Accepted => "accepted",
            QuoteStage::Lost => "lost",
            QuoteStage::Dead => "dead",
        }
    }
}

/// A row of the quotes list (`clientarea.php?action=quotes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSummary {
    pub id: u64,
    pub subject: String,
    pub created: NaiveDate,
    pub valid_until: NaiveDate,
    pub stage: QuoteStage,
}

/// A line of a quote (its amount after the discount, if it has one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteItem {
    pub description: String,
    pub discount: Option<QuoteDiscount>,
    pub amount: Money,
    pub taxed: bool,
}

/// A line's discount: the amount taken off and, as the portal writes beside it, the rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDiscount {
    pub amount: Money,
    pub percent: Option<rust_decimal::Decimal>,
}

/// What the quote page's "Accept Quote" dialog says and sends: the portal's own words about
/// its terms, the terms' address, and the form (without the agreement, which only the person
/// gives).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteAcceptance {
    pub agreement: Option<String>,
    /// The checkbox's label ("I have read and agree to the Terms of Service").
    pub terms_label: String,
    pub terms_url: Option<Url>,
    pub warning: Option<String>,
    pub form: FormRequest,
}

/// Everything on a quote's page (`viewquote.php?id=N`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteDetail {
    pub id: u64,
    pub title: String,
    pub stage: QuoteStage,
    /// As the portal writes them.
    pub created: Option<String>,
    pub valid_until: Option<String>,
    pub proposal: Option<String>,
    pub items: Vec<QuoteItem>,
    pub totals: Vec<TotalRow>,
    pub total: Option<Money>,
    pub notes: Option<String>,
    pub pdf_url: Option<Url>,
    /// Offered only while the page shows its "Accept Quote" button.
    pub acceptance: Option<QuoteAcceptance>,
    /// The page says the terms must be agreed to (an acceptance sent without them).
    pub terms_refused: bool,
}

/// The figures of the client area's home page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dashboard {
    /// Unpaid invoices, overdue included (the Invoices tile).
    pub unpaid_count: u32,
    pub overdue_count: Option<u32>,
    pub overdue_balance: Option<Money>,
    pub credit_balance: Option<Money>,
    pub mass_pay_url: Option<Url>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_from_labels_and_slugs() {
        assert_eq!(InvoiceStatus::parse("Unpaid"), Some(InvoiceStatus::Unpaid));
        assert_eq!(
            InvoiceStatus::parse("Payment Pending"),
            Some(InvoiceStatus::PaymentPending)
        );
        assert_eq!(
            InvoiceStatus::parse("payment-pending"),
            Some(InvoiceStatus::PaymentPending)
        );
        assert_eq!(InvoiceStatus::parse("Overdue"), None);
        for s in InvoiceStatus::ALL {
            assert_eq!(InvoiceStatus::parse(s.slug()), Some(s));
        }
    }

    #[test]
    fn cycles_from_periods() {
        assert_eq!(
            BillingCycle::from_period_days(30),
            Some(BillingCycle::Monthly)
        );
        assert_eq!(
            BillingCycle::from_period_days(365),
            Some(BillingCycle::Annually)
        );
        assert_eq!(BillingCycle::from_period_days(10), None);
    }
}
