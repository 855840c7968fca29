//! Owns the view models the UI renders: every text already in the user's language, every
//! amount and date already formatted, so the UI only places them.

use l10n::{format_date, format_money, Arg, Catalogues, Lang};
use portal::{BillingCycle, InvoiceDetail, InvoiceStatus, InvoiceSummary, Money, PaymentKind};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

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

#[derive(Debug, Clone, Serialize)]
pub struct DashboardView {
    pub account: AccountView,
    pub unpaid_count: u32,
    /// The Invoices badge's name for screen readers ("4 unpaid").
    pub badge_label: String,
    pub unpaid_text: String,
    pub overdue_count: u32,
    pub overdue_text: String,
    pub overdue_total: Option<String>,
    pub credit: Option<String>,
    pub last_sync: String,
    pub all_paid: bool,
    /// Set while showing the saved copy (the portal could not be reached).
    pub offline_text: Option<String>,
}

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

/// An amount as a person types it in `lang`: no grouping, two decimals, the language's decimal
/// mark ("1234.50" / "1234,50").
pub fn typed_amount(lang: Lang, amount: rust_decimal::Decimal) -> String {
    let plain = format!("{:.2}", amount.round_dp(2));
    match lang {
        Lang::En => plain,
        Lang::Sq => plain.replace('.', ","),
    }
}

/// An amount the person typed, in either decimal mark, with spaces or thousands marks
/// ignored only where they cannot be the decimal mark: "5", "5.00", "5,00", "1 234,50",
/// "1,234.50". None when it is not a number with at most two decimals.
pub fn read_typed_amount(text: &str) -> Option<rust_decimal::Decimal> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    // The last mark followed by one or two digits is the decimal mark; every other mark groups.
    let decimal_at = compact
        .rfind(['.', ','])
        .filter(|p| (1..=2).contains(&(compact.len() - p - 1)));
    let mut plain = String::new();
    for (i, ch) in compact.char_indices() {
        match ch {
            '.' | ',' if Some(i) == decimal_at => plain.push('.'),
            '.' | ',' => {}
            d => plain.push(d),
        }
    }
    plain.parse().ok()
}

pub fn money(lang: Lang, m: &Money) -> String {
    format_money(lang, m.amount, &m.currency)
}

/// The status a person sees: Unpaid past its due date reads "Overdue".
pub fn status_slug(status: InvoiceStatus, overdue: bool) -> &'static str {
    if overdue {
        "overdue"
    } else {
        status.slug()
    }
}

pub fn status_text(c: &Catalogues, lang: Lang, slug: &str) -> String {
    c.text(lang, &format!("status-{slug}"), &[])
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

/// Sums per currency, in a stable order.
pub fn totals_per_currency<'a>(amounts: impl Iterator<Item = &'a Money>) -> Vec<Money> {
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    for m in amounts {
        *sums.entry(m.currency.clone()).or_default() += m.amount;
    }
    sums.into_iter()
        .map(|(cur, amt)| Money::new(amt, cur))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::str::FromStr;

    fn inv(id: u64, due: &str, status: InvoiceStatus, amount: &str, cur: &str) -> InvoiceSummary {
        InvoiceSummary {
            id,
            number: format!("INV-{id}"),
            date: NaiveDate::from_str("2026-01-01").unwrap(),
            due_date: NaiveDate::from_str(due).unwrap(),
            total: Money::new(Decimal::from_str(amount).unwrap(), cur),
            status,
        }
    }

    #[test]
    fn list_filters_sorts_and_totals_per_currency() {
        let c = Catalogues::load().unwrap();
        let today = NaiveDate::from_str("2026-03-10").unwrap();
        let all = vec![
            inv(1, "2026-03-20", InvoiceStatus::Unpaid, "10.00", "EUR"),
            inv(2, "2026-03-01", InvoiceStatus::Unpaid, "5.50", "EUR"),
            inv(3, "2026-02-01", InvoiceStatus::Paid, "7.00", "USD"),
            inv(4, "2026-03-05", InvoiceStatus::Unpaid, "1200", "ALL"),
        ];
        let unpaid = invoice_list(&c, Lang::En, &all, Filter::Unpaid, today);
        let ids: Vec<u64> = unpaid.rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![2, 4, 1]);
        assert_eq!(unpaid.totals, vec!["1,200.00 ALL", "€15.50"]);
        assert_eq!(unpaid.rows[0].status, "overdue");
        assert_eq!(unpaid.rows[2].status, "unpaid");
        assert_eq!(unpaid.counts["overdue"], 2);
        assert_eq!(unpaid.counts["all"], 4);
        let sq = invoice_list(&c, Lang::Sq, &all, Filter::Overdue, today);
        assert_eq!(sq.rows.len(), 2);
        assert_eq!(sq.rows[0].status_text, "E prapambetur");
        assert_eq!(sq.rows[0].due, "1 mars 2026");
    }

    #[test]
    fn only_unpaid_rows_can_be_picked_for_paying_together() {
        let c = Catalogues::load().unwrap();
        let today = NaiveDate::from_str("2026-03-10").unwrap();
        let row = |status, due| invoice_row(&c, Lang::En, &inv(1, due, status, "1", "EUR"), today);
        assert!(row(InvoiceStatus::Unpaid, "2026-03-20").pickable);
        assert!(row(InvoiceStatus::Unpaid, "2026-03-01").pickable, "overdue");
        for status in [
            InvoiceStatus::Paid,
            InvoiceStatus::PaymentPending,
            InvoiceStatus::Cancelled,
            InvoiceStatus::Draft,
        ] {
            assert!(!row(status, "2026-03-20").pickable, "{status:?}");
        }
    }

    #[test]
    fn an_unpaid_invoice_with_no_way_to_pay_says_so_in_its_pay_card() {
        let c = Catalogues::load().unwrap();
        let today = NaiveDate::from_str("2026-03-10").unwrap();
        let detail = |status: &str| -> InvoiceDetail {
            serde_json::from_value(serde_json::json!({
                "id": 7, "title": "Invoice #7", "status": status, "date": null, "due_date": null,
                "items": [], "totals": [], "total": null, "transactions": [], "balance": null,
                "payment_choices": [], "cycle": null, "notice": null, "pdf_url": null
            }))
            .unwrap()
        };
        let view = |d: &InvoiceDetail, saved| {
            invoice_view(&c, Lang::En, d, None, today, PaymentGuard::None, saved)
        };
        let unpaid = view(&detail("unpaid"), false);
        assert_eq!(
            unpaid.cannot_pay_online.as_deref(),
            Some("This invoice cannot be paid online.")
        );
        assert!(unpaid.pay_shown);
        // From the saved copy nothing is payable: that is said otherwise, not as "cannot".
        let saved = view(&detail("unpaid"), true);
        assert_eq!(saved.cannot_pay_online, None);
        assert!(!saved.pay_shown);
        let paid = view(&detail("paid"), false);
        assert_eq!(paid.cannot_pay_online, None);
        assert!(!paid.pay_shown);
        let mut bank = detail("unpaid");
        bank.payment_instructions = Some("IBAN AL00 0000".into());
        let bank = view(&bank, false);
        assert_eq!(bank.cannot_pay_online, None);
        assert!(bank.pay_shown);
    }
}
