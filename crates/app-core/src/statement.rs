//! Owns the statement for accountants: over a date range, for one account or all, every
//! invoice and payment in it with the opening and closing balance per currency. Built only from
//! what the portal said (the invoice list, each invoice's transactions); a payment whose date
//! could not be read, or an invoice whose page could not be, is named, never guessed.

use chrono::{DateTime, Local, NaiveDate};
use portal::{InvoiceStatus, InvoiceSummary, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One account's figures as the statement reads them.
pub struct Ledger<'a> {
    /// The account as the person knows it (its e-mail).
    pub account: &'a str,
    pub invoices: &'a [InvoiceSummary],
    /// The transactions of each invoice read (an invoice missing here was not).
    pub payments: &'a HashMap<u64, InvoicePayments>,
}

/// An invoice's transactions as last read, with the status it had then (a different status
/// now means they may have changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePayments {
    pub status: InvoiceStatus,
    pub transactions: Vec<Transaction>,
    /// The account's credit applied to it: the page gives no date for it.
    #[serde(default)]
    pub credit: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// An invoice issued: owed more.
    Invoice,
    /// A payment recorded on an invoice: owed less.
    Payment,
    /// Money returned (a transaction with a negative amount): owed more again.
    Refund,
    /// A refunded invoice no longer owed (on the date of its last refund).
    Reversal,
}

impl EntryKind {
    /// The message that names the entry in a statement's files.
    pub fn message_id(self) -> &'static str {
        match self {
            EntryKind::Invoice => "statement-kind-invoice",
            EntryKind::Payment => "statement-kind-payment",
            EntryKind::Refund => "statement-kind-refund",
            EntryKind::Reversal => "statement-kind-reversal",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub account: String,
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub invoice_id: u64,
    pub invoice_number: String,
    /// The payment's method and transaction id, as the portal wrote them.
    pub reference: Option<String>,
    /// Signed: what it adds to the balance owed.
    pub amount: Decimal,
    /// The balance owed in this currency after it.
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CurrencyStatement {
    pub currency: String,
    pub opening: Decimal,
    pub invoiced: Decimal,
    /// Payments less refunds and reversals.
    pub paid: Decimal,
    pub closing: Decimal,
    pub entries: Vec<Entry>,
}

/// What the statement cannot count, and why: said with the statement, never left out silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub account: String,
    pub invoice_number: String,
    pub why: GapKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GapKind {
    /// The invoice's page was not read (the portal could not be reached, or it was stopped).
    Unread,
    /// A payment's date is not one the app could read.
    Undated,
    /// Credit was applied to the invoice; the portal shows no date for it, so the balances
    /// count the invoice as owed.
    CreditUndated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// How many accounts it covers when it is the statement of every account (None: the one
    /// on screen).
    pub all_accounts: Option<usize>,
    pub currencies: Vec<CurrencyStatement>,
    pub gaps: Vec<Gap>,
    /// Accounts counted from the copy saved on this computer (not signed in when it was
    /// made): the portal may have recorded more since that copy's sync.
    pub saved_copies: Vec<SavedCopy>,
    /// Accounts known here that it could not count at all: nothing of them is saved.
    pub left_out: Vec<String>,
}

/// An account whose figures come from its saved copy, and when that copy was synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedCopy {
    pub account: String,
    pub synced_at: DateTime<Local>,
}

/// Whether an invoice of this status is owed at all: drafts are not issued, cancelled ones not
/// owed.
pub fn counts(status: InvoiceStatus) -> bool {
    !matches!(status, InvoiceStatus::Draft | InvoiceStatus::Cancelled)
}

/// Whether the statement must read this invoice's page: it counts, was issued by `to`, and its
/// transactions were never read or may have changed (its status differs from when they were
/// read, or it is not final: an unpaid invoice may have been paid in part since).
pub fn needs_reading(
    invoice: &InvoiceSummary,
    to: NaiveDate,
    known: Option<&InvoicePayments>,
) -> bool {
    counts(invoice.status)
        && invoice.date <= to
        && match known {
            None => true,
            Some(k) => k.status != invoice.status || !invoice.status.is_final(),
        }
}

/// The statement from `from` to `to` (both included) of `ledgers`.
pub fn statement(from: NaiveDate, to: NaiveDate, ledgers: &[Ledger<'_>]) -> Statement {
    let mut gaps = vec![];
    // Every movement up to `to`, per currency.
    let mut moves: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for ledger in ledgers {
        for invoice in ledger.invoices {
            if !counts(invoice.status) || invoice.date > to {
                continue;
            }
            let list = moves.entry(invoice.total.currency.clone()).or_default();
            invoice_moves(ledger, invoice, list, &mut gaps);
        }
    }
    let currencies = moves
        .into_iter()
        .map(|(currency, all)| currency_statement(currency, all, from, to))
        .collect();
    Statement {
        from,
        to,
        all_accounts: None,
        currencies,
        gaps,
        saved_copies: vec![],
        left_out: vec![],
    }
}

/// One invoice's movements: the invoice, each payment and refund the portal dated, and the
/// reversal of a refunded invoice; what cannot be dated or was never read is a gap.
fn invoice_moves(
    ledger: &Ledger<'_>,
    invoice: &InvoiceSummary,
    list: &mut Vec<Entry>,
    gaps: &mut Vec<Gap>,
) {
    let entry = |date, kind, reference, amount| Entry {
        account: ledger.account.to_owned(),
        date,
        kind,
        invoice_id: invoice.id,
        invoice_number: invoice.number.clone(),
        reference,
        amount,
        balance: Decimal::ZERO,
    };
    list.push(entry(
        invoice.date,
        EntryKind::Invoice,
        None,
        invoice.total.amount,
    ));
    let gap = |why| Gap {
        account: ledger.account.to_owned(),
        invoice_number: invoice.number.clone(),
        why,
    };
    let Some(read) = ledger.payments.get(&invoice.id) else {
        gaps.push(gap(GapKind::Unread));
        return;
    };
    if read.credit > Decimal::ZERO {
        gaps.push(gap(GapKind::CreditUndated));
    }
    let mut last_refund = None;
    for t in &read.transactions {
        let Some(date) = t.paid_on else {
            gaps.push(gap(GapKind::Undated));
            continue;
        };
        let reference = Some(
            [t.gateway.as_str(), t.transaction_id.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        )
        .filter(|r| !r.is_empty());
        if t.amount.amount < Decimal::ZERO {
            last_refund = last_refund.max(Some(date));
            list.push(entry(date, EntryKind::Refund, reference, -t.amount.amount));
        } else {
            list.push(entry(date, EntryKind::Payment, reference, -t.amount.amount));
        }
    }
    if invoice.status == InvoiceStatus::Refunded {
        match last_refund {
            Some(date) => list.push(entry(
                date,
                EntryKind::Reversal,
                None,
                -invoice.total.amount,
            )),
            None => gaps.push(gap(GapKind::Undated)),
        }
    }
}

/// One currency's movements in order: the opening balance before `from`, the entries from
/// `from` to `to` each with the balance after it, what was invoiced and paid, the closing.
fn currency_statement(
    currency: String,
    mut all: Vec<Entry>,
    from: NaiveDate,
    to: NaiveDate,
) -> CurrencyStatement {
    all.sort_by(|a, b| {
        (a.date, a.kind, &a.account, a.invoice_id).cmp(&(b.date, b.kind, &b.account, b.invoice_id))
    });
    let opening: Decimal = all.iter().filter(|e| e.date < from).map(|e| e.amount).sum();
    let mut balance = opening;
    let mut invoiced = Decimal::ZERO;
    let mut paid = Decimal::ZERO;
    let entries: Vec<Entry> = all
        .into_iter()
        .filter(|e| e.date >= from && e.date <= to)
        .map(|mut e| {
            balance += e.amount;
            e.balance = balance;
            match e.kind {
                EntryKind::Invoice => invoiced += e.amount,
                _ => paid -= e.amount,
            }
            e
        })
        .collect();
    CurrencyStatement {
        currency,
        opening,
        invoiced,
        paid,
        closing: balance,
        entries,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statement of one account for November 2026.
    fn november(
        invoices: &[InvoiceSummary],
        payments: &HashMap<u64, InvoicePayments>,
    ) -> Statement {
        statement(
            day("2026-11-01"),
            day("2026-11-30"),
            &[Ledger {
                account: "a@x",
                invoices,
                payments,
            }],
        )
    }
    use portal::Money;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn inv(
        id: u64,
        date: &str,
        total: &str,
        currency: &str,
        status: InvoiceStatus,
    ) -> InvoiceSummary {
        InvoiceSummary {
            id,
            number: format!("INV-{id}"),
            date: day(date),
            due_date: day(date),
            total: Money::new(total.parse().unwrap(), currency),
            status,
        }
    }

    fn paid(on: Option<&str>, amount: &str, currency: &str) -> Transaction {
        Transaction {
            date: on.unwrap_or("the 3rd").into(),
            paid_on: on.map(day),
            gateway: "2Checkout".into(),
            transaction_id: "2CO-1".into(),
            amount: Money::new(amount.parse().unwrap(), currency),
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn opening_movements_and_closing_per_currency() {
        use InvoiceStatus::*;
        let invoices = vec![
            // Before the range, paid inside it: in the opening balance, its payment listed.
            inv(1, "2026-10-20", "100.00", "EUR", Paid),
            // Inside, unpaid.
            inv(2, "2026-11-05", "30.00", "EUR", Unpaid),
            // Inside, paid in part.
            inv(3, "2026-11-10", "50.00", "EUR", Unpaid),
            // After the range: not in it at all.
            inv(4, "2026-12-02", "70.00", "EUR", Unpaid),
            // Another currency, refunded inside the range.
            inv(5, "2026-11-01", "1200.00", "ALL", Refunded),
            // Never owed.
            inv(6, "2026-11-02", "999.00", "EUR", Cancelled),
        ];
        let payments = HashMap::from([
            (
                1,
                InvoicePayments {
                    status: Paid,
                    transactions: vec![paid(Some("2026-11-02"), "100.00", "EUR")],
                    credit: Decimal::ZERO,
                },
            ),
            (
                2,
                InvoicePayments {
                    status: Unpaid,
                    transactions: vec![],
                    credit: Decimal::ZERO,
                },
            ),
            (
                3,
                InvoicePayments {
                    status: Unpaid,
                    transactions: vec![paid(Some("2026-11-20"), "20.00", "EUR")],
                    credit: Decimal::ZERO,
                },
            ),
            (
                5,
                InvoicePayments {
                    status: Refunded,
                    transactions: vec![
                        paid(Some("2026-11-03"), "1200.00", "ALL"),
                        paid(Some("2026-11-15"), "-1200.00", "ALL"),
                    ],
                    credit: Decimal::ZERO,
                },
            ),
        ]);
        let s = november(&invoices, &payments);
        assert!(s.gaps.is_empty(), "{:?}", s.gaps);
        let all = &s.currencies[0];
        assert_eq!(all.currency, "ALL");
        assert_eq!(
            (all.opening, all.invoiced, all.paid, all.closing),
            (d("0"), d("1200.00"), d("1200.00"), d("0"))
        );
        let kinds: Vec<EntryKind> = all.entries.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EntryKind::Invoice,
                EntryKind::Payment,
                EntryKind::Refund,
                EntryKind::Reversal
            ]
        );
        let eur = &s.currencies[1];
        assert_eq!(eur.currency, "EUR");
        assert_eq!(eur.opening, d("100.00"));
        assert_eq!(eur.invoiced, d("80.00"));
        assert_eq!(eur.paid, d("120.00"));
        assert_eq!(eur.closing, d("60.00"), "30 unpaid and 30 left of 50");
        assert_eq!(eur.entries.last().unwrap().balance, eur.closing);
        assert_eq!(
            eur.entries.len(),
            4,
            "no cancelled invoice, nothing after the range"
        );
    }

    #[test]
    fn what_cannot_be_counted_is_named() {
        let invoices = vec![
            inv(1, "2026-11-02", "10.00", "EUR", InvoiceStatus::Paid),
            inv(2, "2026-11-03", "20.00", "EUR", InvoiceStatus::Paid),
        ];
        let payments = HashMap::from([(
            1,
            InvoicePayments {
                status: InvoiceStatus::Paid,
                transactions: vec![paid(None, "10.00", "EUR")],
                credit: Decimal::ZERO,
            },
        )]);
        let s = november(&invoices, &payments);
        let gaps: Vec<(&str, GapKind)> = s
            .gaps
            .iter()
            .map(|g| (g.invoice_number.as_str(), g.why))
            .collect();
        assert_eq!(
            gaps,
            [("INV-1", GapKind::Undated), ("INV-2", GapKind::Unread)]
        );
    }

    #[test]
    fn credit_applied_without_a_date_is_named() {
        let invoices = vec![inv(1, "2026-11-02", "10.00", "EUR", InvoiceStatus::Paid)];
        let payments = HashMap::from([(
            1,
            InvoicePayments {
                status: InvoiceStatus::Paid,
                transactions: vec![paid(Some("2026-11-03"), "8.00", "EUR")],
                credit: d("2.00"),
            },
        )]);
        let s = november(&invoices, &payments);
        assert_eq!(s.gaps.len(), 1);
        assert_eq!(s.gaps[0].why, GapKind::CreditUndated);
        assert_eq!(
            s.currencies[0].closing,
            d("2.00"),
            "counted as owed, and said"
        );
    }

    #[test]
    fn only_what_may_have_changed_is_read_again() {
        let to = day("2026-11-30");
        let paid_invoice = inv(1, "2026-11-02", "10.00", "EUR", InvoiceStatus::Paid);
        let known = InvoicePayments {
            status: InvoiceStatus::Paid,
            transactions: vec![],
            credit: Decimal::ZERO,
        };
        assert!(needs_reading(&paid_invoice, to, None));
        assert!(!needs_reading(&paid_invoice, to, Some(&known)));
        let refunded = inv(1, "2026-11-02", "10.00", "EUR", InvoiceStatus::Refunded);
        assert!(
            needs_reading(&refunded, to, Some(&known)),
            "its status changed"
        );
        let unpaid = inv(2, "2026-11-02", "10.00", "EUR", InvoiceStatus::Unpaid);
        let known_unpaid = InvoicePayments {
            status: InvoiceStatus::Unpaid,
            transactions: vec![],
            credit: Decimal::ZERO,
        };
        assert!(
            needs_reading(&unpaid, to, Some(&known_unpaid)),
            "paid in part since?"
        );
        assert!(!needs_reading(
            &inv(3, "2026-12-02", "1", "EUR", InvoiceStatus::Unpaid),
            to,
            None
        ));
        assert!(!needs_reading(
            &inv(4, "2026-11-02", "1", "EUR", InvoiceStatus::Cancelled),
            to,
            None
        ));
    }
}
