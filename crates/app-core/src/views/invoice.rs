//! Owns one invoice's view: its lines, totals, payment choices and methods, its transactions,
//! the credit that can be applied, and what guards it against a second payment.

use super::*;
use l10n::{format_date, Arg, Catalogues, Lang};
use portal::{BillingCycle, InvoiceDetail, InvoiceStatus, InvoiceSummary, PaymentKind};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct LabelledAmount {
    pub label: String,
    pub amount: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    pub kind: PaymentKind,
    pub label: String,
    pub help: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct InvoiceView {
    pub id: u64,
    pub title: String,
    pub status: String,
    pub status_text: String,
    pub date: Option<String>,
    pub due: Option<String>,
    pub items: Vec<LabelledAmount>,
    pub totals: Vec<LabelledAmount>,
    pub transactions: Vec<TransactionView>,
    pub balance: Option<String>,
    pub choices: Vec<ChoiceView>,
    /// Why the subscription is not offered, when the invoice is overdue.
    pub recurring_withheld: Option<String>,
    /// A payment of this invoice is being confirmed: paying again needs confirmation.
    pub guard: Option<String>,
    /// Tracking of that payment stopped after a day and the portal still records no payment:
    /// what lifting the guard means, for the person to confirm (None: not offered).
    pub guard_lift: Option<String>,
    pub payable: bool,
    pub has_pdf: bool,
    /// The invoice's payment method as the portal names it.
    pub method: Option<String>,
    /// The methods the person may switch it to (empty when the portal does not allow it).
    pub methods: Vec<MethodView>,
    /// An offline method's instructions (a bank transfer's details), the portal's words.
    pub instructions: Option<String>,
    /// The portal offers to pay this invoice from the account's credit.
    pub credit: Option<CreditView>,
    /// The invoice's notes, the portal's words (lines apart).
    pub notes: Option<String>,
    /// Shown from the saved copy (the portal could not be read): what that means for paying.
    pub saved: Option<String>,
    /// Whether the "Pay" card shows: there is a way to pay, a guard, a method to choose, the
    /// portal's instructions, or the word that this unpaid invoice cannot be paid online.
    pub pay_shown: bool,
    /// Unpaid, read from the portal, and offering no way to pay at all: said in the card.
    pub cannot_pay_online: Option<String>,
}

/// The "Use your credit" part of an invoice: the portal's figures, in the person's language.
#[derive(Debug, Clone, Serialize)]
pub struct CreditView {
    /// "You have €5.00 of credit."
    pub available_text: String,
    /// The amount filled in (the most the portal applies), written as the person types it in
    /// their language ("5.00" / "5,00").
    pub most: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MethodView {
    pub value: String,
    pub name: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TransactionView {
    pub date: String,
    pub gateway: String,
    pub id: String,
    pub amount: String,
}

fn cycle_text(c: &Catalogues, lang: Lang, cycle: Option<BillingCycle>) -> String {
    let id = match cycle {
        Some(cycle) => format!("cycle-{}", cycle.slug()),
        None => "cycle-unknown".to_owned(),
    };
    c.text(lang, &id, &[])
}

/// The app's own name for the `i`-th of `n` totals rows of an invoice page, by the stock
/// templates' order (subtotal, each tax line, credit, total), never by the portal's words,
/// which are in the portal's language. Tax lines keep the portal's label: it names the tax.
fn total_label(c: &Catalogues, lang: Lang, i: usize, n: usize) -> Option<String> {
    let id = match (i, n) {
        (0, n) if n >= 2 => "invoice-subtotal",
        (i, n) if n >= 2 && i == n - 1 => "invoice-total",
        (i, n) if n >= 3 && i == n - 2 => "invoice-credit",
        _ => return None,
    };
    Some(c.text(lang, id, &[]))
}

/// What guards an invoice against a second payment, as the invoice screen says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentGuard {
    None,
    /// A payment not over covers it, or the portal awaits one (or the record cannot be read).
    Kept,
    /// Kept by a payment whose tracking stopped after a day, and the portal, read now, still
    /// records nothing: the person may lift it, told what it means.
    Liftable,
}

/// The ways to pay the invoice offers, in the person's words.
fn choices_of(c: &Catalogues, lang: Lang, detail: &InvoiceDetail) -> Vec<ChoiceView> {
    let mut choices = vec![];
    if detail.choice(PaymentKind::OneOff).is_some() {
        choices.push(ChoiceView {
            kind: PaymentKind::OneOff,
            label: c.text(lang, "pay-one-off", &[]),
            help: c.text(lang, "pay-one-off-help", &[]),
        });
    }
    if detail.choice(PaymentKind::Recurring).is_some() {
        let cycle = Arg::from(cycle_text(c, lang, detail.cycle));
        choices.push(ChoiceView {
            kind: PaymentKind::Recurring,
            label: c.text(lang, "pay-recurring", &[]),
            help: c.text(lang, "pay-recurring-help", &[("cycle", cycle)]),
        });
    }
    choices
}

/// The total rows, named in the person's language where the row's place says what it is.
fn totals_of(c: &Catalogues, lang: Lang, detail: &InvoiceDetail) -> Vec<LabelledAmount> {
    let count = detail.totals.len();
    detail
        .totals
        .iter()
        .enumerate()
        .map(|(i, t)| LabelledAmount {
            label: total_label(c, lang, i, count).unwrap_or_else(|| t.label.clone()),
            amount: money(lang, &t.amount),
        })
        .collect()
}

/// The payments recorded on the invoice, dated in the person's language where the date is known.
fn transactions_of(lang: Lang, detail: &InvoiceDetail) -> Vec<TransactionView> {
    detail
        .transactions
        .iter()
        .map(|t| TransactionView {
            date: t
                .paid_on
                .map(|d| format_date(lang, d))
                .unwrap_or_else(|| t.date.clone()),
            gateway: t.gateway.clone(),
            id: t.transaction_id.clone(),
            amount: money(lang, &t.amount),
        })
        .collect()
}

/// The methods an unpaid invoice may be switched to (none once it is not unpaid).
fn methods_of(detail: &InvoiceDetail) -> Vec<MethodView> {
    if detail.status != InvoiceStatus::Unpaid {
        return vec![];
    }
    let current = detail.payment_method_value.as_deref();
    detail
        .payment_methods
        .iter()
        .map(|m| MethodView {
            value: m.value.clone(),
            name: m.name.clone(),
            current: current == Some(m.value.as_str()),
        })
        .collect()
}

/// The portal's offer to pay an unpaid invoice from the account's credit.
fn credit_of(c: &Catalogues, lang: Lang, detail: &InvoiceDetail) -> Option<CreditView> {
    let offer = detail
        .credit_offer
        .as_ref()
        .filter(|_| detail.status == InvoiceStatus::Unpaid)?;
    let available = Arg::from(money(lang, &offer.available));
    Some(CreditView {
        available_text: c.text(lang, "invoice-credit-available", &[("amount", available)]),
        most: typed_amount(lang, offer.most),
    })
}

pub fn invoice_view(
    c: &Catalogues,
    lang: Lang,
    detail: &InvoiceDetail,
    summary: Option<&InvoiceSummary>,
    today: chrono::NaiveDate,
    guard: PaymentGuard,
    saved: bool,
) -> InvoiceView {
    let overdue = summary.is_some_and(|s| s.id == detail.id && s.is_overdue(today))
        && detail.status == InvoiceStatus::Unpaid;
    let slug = status_slug(detail.status, overdue);
    let number = summary
        .map(|s| s.number.clone())
        .unwrap_or_else(|| detail.id.to_string());
    let choices = choices_of(c, lang, detail);
    let payable = detail.status == InvoiceStatus::Unpaid && !choices.is_empty();
    let recurring_withheld =
        (overdue && detail.choice(PaymentKind::Recurring).is_none() && detail.cycle.is_some())
            .then(|| c.text(lang, "pay-recurring-withheld", &[]));
    let mut view = InvoiceView {
        id: detail.id,
        title: c.text(lang, "invoice-title", &[("number", Arg::from(number))]),
        status: slug.to_owned(),
        status_text: status_text(c, lang, slug),
        date: summary
            .map(|s| format_date(lang, s.date))
            .or_else(|| detail.date.clone()),
        due: summary
            .map(|s| format_date(lang, s.due_date))
            .or_else(|| detail.due_date.clone()),
        items: detail
            .items
            .iter()
            .map(|i| LabelledAmount {
                label: i.description.clone(),
                amount: money(lang, &i.amount),
            })
            .collect(),
        totals: totals_of(c, lang, detail),
        transactions: transactions_of(lang, detail),
        balance: detail.balance.as_ref().map(|b| money(lang, b)),
        choices,
        recurring_withheld,
        // From the saved copy nothing is payable, but a payment being confirmed is still said.
        guard: (guard != PaymentGuard::None && (payable || saved))
            .then(|| c.text(lang, "payment-guard", &[])),
        guard_lift: (guard == PaymentGuard::Liftable && !saved)
            .then(|| c.text(lang, "payment-guard-lift-help", &[])),
        saved: saved.then(|| c.text(lang, "invoice-saved-copy", &[])),
        payable,
        has_pdf: detail.pdf_url.is_some(),
        method: detail.payment_method.clone(),
        methods: methods_of(detail),
        instructions: (detail.status == InvoiceStatus::Unpaid)
            .then(|| detail.payment_instructions.clone())
            .flatten(),
        credit: credit_of(c, lang, detail),
        notes: detail.notes.clone(),
        pay_shown: false,
        cannot_pay_online: None,
    };
    view.cannot_pay_online = (detail.status == InvoiceStatus::Unpaid
        && !view.payable
        && view.instructions.is_none()
        && !saved)
        .then(|| c.text(lang, "pay-none", &[]));
    view.pay_shown = view.payable
        || view.guard.is_some()
        || view.instructions.is_some()
        || view.methods.len() > 1
        || view.cannot_pay_online.is_some();
    view
}
