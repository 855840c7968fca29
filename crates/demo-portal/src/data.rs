//! Owns what the demo portal knows of a client: an account and its invoices (items, tax,
//! transactions, credit), what WHMCS does to them (add funds, apply credit, the combined
//! invoice of a mass payment), the books a statement must agree with, and amounts written as
//! WHMCS writes them. The demo's people themselves live in `people`.

use crate::lang::Lang;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unpaid,
    Paid,
    Cancelled,
    Refunded,
    Collections,
    PaymentPending,
    Draft,
}

impl Status {
    /// The status as the portal names it in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let (en, sq, de) = match self {
            Status::Unpaid => ("Unpaid", "E papaguar", "Unbezahlt"),
            Status::Paid => ("Paid", "E paguar", "Bezahlt"),
            Status::Cancelled => ("Cancelled", "E anuluar", "Storniert"),
            Status::Refunded => ("Refunded", "E rimbursuar", "Erstattet"),
            Status::Collections => ("Collections", "Në arkëtim", "Inkasso"),
            Status::PaymentPending => ("Payment Pending", "Pagesa në pritje", "Zahlung ausstehend"),
            Status::Draft => ("Draft", "Skicë", "Entwurf"),
        };
        match lang {
            Lang::En => en,
            Lang::Sq => sq,
            Lang::De => de,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Unpaid => "Unpaid",
            Status::Paid => "Paid",
            Status::Cancelled => "Cancelled",
            Status::Refunded => "Refunded",
            Status::Collections => "Collections",
            Status::PaymentPending => "Payment Pending",
            Status::Draft => "Draft",
        }
    }

    /// The class WHMCS's list uses (`status-<slug>`).
    pub fn slug(self) -> &'static str {
        match self {
            Status::Unpaid => "unpaid",
            Status::Paid => "paid",
            Status::Cancelled => "cancelled",
            Status::Refunded => "refunded",
            Status::Collections => "collections",
            Status::PaymentPending => "paymentpending",
            Status::Draft => "draft",
        }
    }

    /// The class of the invoice page's status; "Payment Pending" is drawn as `paid`.
    pub fn page_class(self) -> &'static str {
        match self {
            Status::PaymentPending => "paid",
            other => other.slug(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cycle {
    Monthly,
    Annually,
}

impl Cycle {
    pub fn recurrence(self) -> &'static str {
        match self {
            Cycle::Monthly => "1 Month",
            Cycle::Annually => "1 Year",
        }
    }
    pub fn days(self) -> i64 {
        match self {
            Cycle::Monthly => 30,
            Cycle::Annually => 365,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Item {
    pub description: String,
    pub amount: Decimal,
    pub taxed: bool,
    /// The service's billing cycle when the item is a recurring service.
    pub cycle: Option<Cycle>,
}

#[derive(Debug, Clone)]
pub struct Transaction {
    pub date: NaiveDate,
    pub gateway: String,
    pub id: String,
    pub amount: Decimal,
}

#[derive(Debug, Clone)]
pub struct Invoice {
    pub id: u64,
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub currency: &'static str,
    pub items: Vec<Item>,
    /// Percent, applied to taxed items.
    pub tax_rate: Decimal,
    pub status: Status,
    pub transactions: Vec<Transaction>,
    pub credit: Decimal,
    pub subscription: Option<Cycle>,
    /// For a combined invoice made by mass payment: the invoices its payment settles.
    pub covers: Vec<u64>,
    /// The invoice's notes (staff write them; the page shows them in a "Notes" panel).
    pub notes: Option<String>,
    /// Made by "Add Funds": once paid, its amount goes to the client's credit.
    pub adds_funds: bool,
}

impl Invoice {
    pub fn subtotal(&self) -> Decimal {
        self.items.iter().map(|i| i.amount).sum()
    }
    pub fn tax(&self) -> Decimal {
        let taxed: Decimal = self
            .items
            .iter()
            .filter(|i| i.taxed)
            .map(|i| i.amount)
            .sum();
        (taxed * self.tax_rate / Decimal::from(100)).round_dp(2)
    }
    pub fn total(&self) -> Decimal {
        self.subtotal() + self.tax() - self.credit
    }
    pub fn paid(&self) -> Decimal {
        self.transactions.iter().map(|t| t.amount).sum()
    }
    pub fn balance(&self) -> Decimal {
        self.total() - self.paid()
    }
    pub fn recurring_cycle(&self) -> Option<Cycle> {
        self.items.iter().find_map(|i| i.cycle)
    }
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == Status::Unpaid && self.due < today
    }
}

/// A currency's figures over a statement's dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Books {
    pub opening: Decimal,
    pub invoiced: Decimal,
    pub paid: Decimal,
    pub closing: Decimal,
    /// Invoices issued and transactions made within the dates.
    pub entries: usize,
}

#[derive(Debug, Clone)]
pub struct Account {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    pub company: String,
    /// Base32 TOTP secret when the account uses a second factor.
    pub totp_secret: Option<String>,
    pub backup_code: Option<String>,
    pub credit: Option<(Decimal, &'static str)>,
    pub invoices: Vec<Invoice>,
    /// The language of the client's profile: the portal's pages are written in it.
    pub language: crate::lang::Lang,
    /// The client's currency has neither prefix nor suffix set up: amounts show bare.
    pub bare_amounts: bool,
    pub quotes: Vec<crate::quote_records::Quote>,
}

/// WHMCS's default limits for adding funds (Setup > Payments > Credit): the least and the most
/// one deposit may be, and the most the credit may reach.
pub const ADD_FUNDS_MINIMUM: Decimal = Decimal::from_parts(1000, 0, 0, false, 2);
pub const ADD_FUNDS_MAXIMUM: Decimal = Decimal::from_parts(10000, 0, 0, false, 2);
pub const ADD_FUNDS_MAXIMUM_BALANCE: Decimal = Decimal::from_parts(30000, 0, 0, false, 2);

impl Account {
    /// The client's currency (the credit's).
    pub fn currency(&self) -> &'static str {
        self.credit.map(|(_, c)| c).unwrap_or("EUR")
    }

    /// "Add Funds": a new invoice `id` for `amount` (no tax, due today) when it is within the
    /// limits, else why not in the client's language (the limit broken, with its amount).
    pub fn add_funds(&mut self, amount: Decimal, id: u64, today: NaiveDate) -> Result<u64, String> {
        use crate::lang::Text;
        let credit = self.credit.map(|(c, _)| c).unwrap_or(Decimal::ZERO);
        let broken = if amount < ADD_FUNDS_MINIMUM {
            Some((Text::AddFundsMinimum, ADD_FUNDS_MINIMUM))
        } else if amount > ADD_FUNDS_MAXIMUM {
            Some((Text::AddFundsMaximum, ADD_FUNDS_MAXIMUM))
        } else if credit + amount > ADD_FUNDS_MAXIMUM_BALANCE {
            Some((Text::AddFundsMaximumBalance, ADD_FUNDS_MAXIMUM_BALANCE))
        } else {
            None
        };
        if let Some((limit, value)) = broken {
            return Err(format!(
                "{}: {}",
                self.language.text(limit),
                self.money(value, self.currency())
            ));
        }
        let mut inv = invoice(
            id,
            &id.to_string(),
            today,
            0,
            self.currency(),
            vec![one_off(
                self.language.text(Text::AddFunds),
                &amount.round_dp(2).to_string(),
            )],
            Status::Unpaid,
        );
        inv.date = today;
        inv.tax_rate = Decimal::ZERO;
        inv.adds_funds = true;
        self.invoices.push(inv);
        Ok(id)
    }

    /// Staff raising an invoice by hand: one unpaid line of `amount`, due `due_in` days from
    /// `today` (negative: already overdue), numbered after the client's last invoice. Answers
    /// its number.
    pub fn raise_invoice(&mut self, amount: Decimal, due_in: i64, today: NaiveDate) -> String {
        // Add-funds invoices are numbered apart (80,000 on).
        let id = (self.invoices.iter())
            .filter(|i| !i.adds_funds)
            .map(|i| i.id)
            .max()
            .unwrap_or(1000)
            + 1;
        let number = format!("{}-{:04}", today.format("%Y"), id - 900);
        let mut inv = invoice(
            id,
            &number,
            today,
            due_in,
            self.currency(),
            vec![one_off("Domain Renewal", &amount.round_dp(2).to_string())],
            Status::Unpaid,
        );
        inv.tax_rate = Decimal::ZERO;
        self.invoices.push(inv);
        number
    }

    /// WHMCS's manual "Apply Credit": refused (nothing changes) for an amount that is not
    /// positive, beyond the credit or beyond the invoice's balance; else the invoice's credit
    /// grows, the client's shrinks, and an invoice it covers is Paid. Answers whether it applied.
    pub fn apply_credit(&mut self, id: u64, amount: Decimal) -> bool {
        let Some(most) = self
            .invoices
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| credit_to_apply(self, i))
        else {
            return false;
        };
        if amount <= Decimal::ZERO || amount > most {
            return false;
        }
        let Some((credit, _)) = self.credit.as_mut() else {
            return false;
        };
        *credit -= amount;
        let invoice = self.invoices.iter_mut().find(|i| i.id == id).unwrap();
        invoice.credit += amount;
        if invoice.balance() <= Decimal::ZERO {
            invoice.status = Status::Paid;
        }
        true
    }

    /// The client's books for `from`..=`to` per currency, as the portal's staff would work them
    /// out from its records (what a statement must agree with): invoices issued (not drafts or
    /// cancelled ones), each transaction on its date, a refunded invoice no longer owed from its
    /// last refund.
    pub fn books(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> std::collections::BTreeMap<String, Books> {
        let mut out = std::collections::BTreeMap::new();
        for inv in &self.invoices {
            if matches!(inv.status, Status::Draft | Status::Cancelled) || inv.date > to {
                continue;
            }
            // (date, what it adds to the balance owed, an invoice?)
            let mut moves = vec![(inv.date, inv.total(), true)];
            for t in &inv.transactions {
                moves.push((t.date, -t.amount, false));
            }
            if inv.status == Status::Refunded {
                if let Some(refunded) = inv.transactions.iter().map(|t| t.date).max() {
                    moves.push((refunded, -inv.total(), false));
                }
            }
            let books: &mut Books = out.entry(inv.currency.to_owned()).or_default();
            for (date, amount, invoice) in moves {
                if date > to {
                    continue;
                }
                if date < from {
                    books.opening += amount;
                } else {
                    books.entries += 1;
                    if invoice {
                        books.invoiced += amount;
                    } else {
                        books.paid -= amount;
                    }
                }
                books.closing += amount;
            }
        }
        out
    }

    /// An amount as the portal writes it for this client.
    pub fn money(&self, amount: Decimal, currency: &str) -> String {
        if self.bare_amounts {
            format!("{:.2}", amount.round_dp(2))
        } else {
            money(amount, currency)
        }
    }
}

/// An amount written in the code.
pub(crate) fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("static amount")
}

/// A line that is not a service (no billing period, not taxed).
pub(crate) fn one_off(name: &str, amount: &str) -> Item {
    Item {
        description: name.to_owned(),
        amount: d(amount),
        taxed: false,
        cycle: None,
    }
}

/// An invoice of `items`, dated 14 days before it is due (`due_in` days from `today`), taxed at
/// 20 % in EUR, with the payment (and the refund) its status implies.
#[allow(clippy::too_many_arguments)]
pub(crate) fn invoice(
    id: u64,
    number: &str,
    today: NaiveDate,
    due_in: i64,
    currency: &'static str,
    items: Vec<Item>,
    status: Status,
) -> Invoice {
    let due = today + Duration::days(due_in);
    let mut inv = Invoice {
        id,
        number: number.to_owned(),
        date: due - Duration::days(14),
        due,
        currency,
        items,
        tax_rate: if currency == "EUR" { d("20") } else { d("0") },
        status,
        transactions: vec![],
        credit: Decimal::ZERO,
        subscription: None,
        covers: vec![],
        notes: None,
        adds_funds: false,
    };
    if matches!(status, Status::Paid | Status::Refunded) {
        inv.transactions.push(Transaction {
            date: due - Duration::days(2),
            gateway: "2Checkout".into(),
            id: format!("2CO-{}", 9_000_000 + id),
            amount: inv.total(),
        });
    }
    if status == Status::Refunded {
        inv.transactions.push(Transaction {
            date: due + Duration::days(3),
            gateway: "2Checkout".into(),
            id: format!("2CO-R-{}", 9_000_000 + id),
            amount: -inv.total(),
        });
    }
    inv
}

/// How the portal writes an amount: WHMCS's prefix, format 2 (`1,234.56`) and suffix.
pub fn money(amount: Decimal, currency: &str) -> String {
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let plain = format!("{:.2}", amount.abs().round_dp(2));
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let prefix = match currency {
        "EUR" => "€",
        "USD" => "$",
        _ => "",
    };
    format!(
        "{}{prefix}{grouped}.{frac} {currency}",
        if negative { "-" } else { "" }
    )
}

/// The invoice WHMCS makes when several are paid at once ("mass payment"): one line per
/// invoice, due today, whose payment settles them all. None unless every id is an unpaid
/// invoice of `account` and they share one currency.
pub fn combined_invoice(
    account: &Account,
    ids: &[u64],
    id: u64,
    today: NaiveDate,
) -> Option<Invoice> {
    let covered: Vec<&Invoice> = ids
        .iter()
        .map(|id| account.invoices.iter().find(|i| i.id == *id))
        .collect::<Option<_>>()?;
    let currency = covered.first()?.currency;
    if covered
        .iter()
        .any(|i| i.status != Status::Unpaid || i.currency != currency)
    {
        return None;
    }
    Some(Invoice {
        id,
        number: format!("MASS-{id}"),
        date: today,
        due: today,
        currency,
        items: covered
            .iter()
            .map(|i| Item {
                description: format!("Invoice #{}", i.number),
                amount: i.balance(),
                taxed: false,
                cycle: None,
            })
            .collect(),
        tax_rate: Decimal::ZERO,
        status: Status::Unpaid,
        transactions: vec![],
        credit: Decimal::ZERO,
        subscription: None,
        covers: ids.to_vec(),
        notes: None,
        adds_funds: false,
    })
}

/// The most of the account's credit that can go to `inv` (WHMCS's `$creditamount`): the
/// credit, or the invoice's balance when smaller. None when the stock page shows no form: no
/// credit in the invoice's currency, or nothing left to pay.
pub fn credit_to_apply(account: &Account, inv: &Invoice) -> Option<Decimal> {
    let (credit, currency) = account.credit?;
    (inv.status == Status::Unpaid
        && currency == inv.currency
        && credit > Decimal::ZERO
        && inv.balance() > Decimal::ZERO)
        .then(|| credit.min(inv.balance()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_whmcs_writes_it() {
        assert_eq!(money(d("1234.5"), "EUR"), "€1,234.50 EUR");
        assert_eq!(money(d("1200"), "ALL"), "1,200.00 ALL");
        assert_eq!(money(d("-15"), "USD"), "-$15.00 USD");
    }
}
