//! Owns the demo's accounts and invoices: a customer with a dozen invoices covering every
//! status in EUR, USD and ALL, a second-factor account, and an accountant with 2,000 invoices.
//! Dates are relative to the day the portal starts.

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
    pub quotes: Vec<crate::quotes::Quote>,
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

    /// WHMCS's manual "Apply Credit": refused (nothing changes) for an amount that is not
    /// positive, beyond the credit or beyond the invoice's balance; else the invoice's credit
    /// grows, the client's shrinks, and an invoice it covers is Paid. Answers whether it applied.
    pub fn apply_credit(&mut self, id: u64, amount: Decimal) -> bool {
        let Some(most) = self
            .invoices
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| crate::invoice_pages::credit_to_apply(self, i))
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

/// The demo customer's paid invoice whose item descriptions `Options::hostile_text` replaces.
pub const HOSTILE_TEXT_INVOICE: u64 = 1001;
pub const DEMO_EMAIL: &str = "demo@jitops.example";
pub const TWO_FACTOR_EMAIL: &str = "2fa@jitops.example";
pub const ACCOUNTANT_EMAIL: &str = "accountant@jitops.example";
pub const DEMO_PASSWORD: &str = "demo";
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
pub const BACKUP_CODE: &str = "4821 9930";

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("static amount")
}

fn period(start: NaiveDate, cycle: Cycle) -> String {
    let end = match cycle {
        Cycle::Monthly => start + Duration::days(30),
        Cycle::Annually => start + Duration::days(364),
    };
    format!(
        "({} - {})",
        start.format("%d/%m/%Y"),
        end.format("%d/%m/%Y")
    )
}

fn service(name: &str, start: NaiveDate, cycle: Cycle, amount: &str) -> Item {
    Item {
        description: format!("{name} {}", period(start, cycle)),
        amount: d(amount),
        taxed: true,
        cycle: Some(cycle),
    }
}

fn one_off(name: &str, amount: &str) -> Item {
    Item {
        description: name.to_owned(),
        amount: d(amount),
        taxed: false,
        cycle: None,
    }
}

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

pub fn demo_customer(today: NaiveDate) -> Account {
    let m = |days: i64| today + Duration::days(days);
    let mut invoices = vec![
        invoice(
            1001,
            "2026-0101",
            today,
            -62,
            "EUR",
            vec![service(
                "Web Hosting - Starter - demo.al",
                m(-62),
                Cycle::Monthly,
                "9.99",
            )],
            Status::Paid,
        ),
        invoice(
            1002,
            "2026-0102",
            today,
            -31,
            "EUR",
            vec![service(
                "Web Hosting - Starter - demo.al",
                m(-31),
                Cycle::Monthly,
                "9.99",
            )],
            Status::Paid,
        ),
        invoice(
            1003,
            "2026-0103",
            today,
            5,
            "EUR",
            vec![service(
                "Web Hosting - Starter - demo.al",
                m(5),
                Cycle::Monthly,
                "9.99",
            )],
            Status::Unpaid,
        ),
        invoice(
            1004,
            "2026-0104",
            today,
            12,
            "USD",
            vec![service(
                "Cloud VPS - 2 vCPU - vps1.demo.al",
                m(12),
                Cycle::Annually,
                "240.00",
            )],
            Status::Unpaid,
        ),
        invoice(
            1005,
            "2026-0105",
            today,
            -10,
            "ALL",
            vec![one_off("SSL certificate installation", "1200.00")],
            Status::Unpaid,
        ),
        invoice(
            1006,
            "2026-0106",
            today,
            -3,
            "EUR",
            vec![service(
                "Business Email - 5 boxes - demo.al",
                m(-3),
                Cycle::Monthly,
                "19.90",
            )],
            Status::Unpaid,
        ),
        invoice(
            1007,
            "2026-0107",
            today,
            -45,
            "EUR",
            vec![one_off("Domain transfer - demo.com", "5.00")],
            Status::Cancelled,
        ),
        invoice(
            1008,
            "2026-0108",
            today,
            -80,
            "USD",
            vec![one_off("Migration service", "15.00")],
            Status::Refunded,
        ),
        invoice(
            1009,
            "2026-0109",
            today,
            -95,
            "EUR",
            vec![service(
                "Reseller Hosting - R1",
                m(-95),
                Cycle::Monthly,
                "49.00",
            )],
            Status::Collections,
        ),
        invoice(
            1010,
            "2026-0110",
            today,
            -1,
            "EUR",
            vec![one_off("Backup restore", "29.00")],
            Status::PaymentPending,
        ),
        invoice(
            1011,
            "2026-0111",
            today,
            20,
            "EUR",
            vec![one_off("Consulting hour", "12.00")],
            Status::Draft,
        ),
        invoice(
            1012,
            "2026-0112",
            today,
            -120,
            "ALL",
            vec![one_off("Domain registration - demo.al - 1 year", "2400.00")],
            Status::Paid,
        ),
    ];
    // Staff notes, as a portal's admin writes them on an invoice (two lines: the page breaks
    // them with <br />).
    invoices[2].notes = Some(
        "Renewal for demo.al hosting.\nPurchase order PO-2026-118 (Demo Shpk accounts).".into(),
    );
    Account {
        email: DEMO_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
        first_name: "Demo".into(),
        last_name: "Customer".into(),
        company: "Demo Shpk".into(),
        totp_secret: None,
        backup_code: None,
        language: crate::lang::Lang::En,
        bare_amounts: false,
        credit: Some((d("5.00"), "EUR")),
        invoices,
        quotes: crate::quotes::demo_customer_quotes(today),
    }
}

pub fn two_factor_customer(today: NaiveDate) -> Account {
    Account {
        email: TWO_FACTOR_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
        first_name: "Secure".into(),
        last_name: "Customer".into(),
        company: String::new(),
        totp_secret: Some(TOTP_SECRET.into()),
        backup_code: Some(BACKUP_CODE.into()),
        language: crate::lang::Lang::En,
        bare_amounts: false,
        credit: None,
        invoices: vec![invoice(
            2001,
            "2026-0201",
            today,
            7,
            "EUR",
            vec![service(
                "Web Hosting - Pro - secure.al",
                today + Duration::days(7),
                Cycle::Monthly,
                "14.99",
            )],
            Status::Unpaid,
        )],
        quotes: vec![],
    }
}

/// 2,000 invoices over several years, in three currencies, mostly paid.
pub fn accountant(today: NaiveDate) -> Account {
    let currencies = ["EUR", "USD", "ALL"];
    let mut invoices = Vec::with_capacity(2000);
    for n in 0..2000u64 {
        let currency = currencies[(n % 3) as usize];
        let due_in = -(n as i64) + 20;
        let status = match n % 50 {
            0..=3 if due_in > -200 => Status::Unpaid,
            4 => Status::Cancelled,
            5 => Status::Refunded,
            _ if due_in > 0 => Status::Unpaid,
            _ => Status::Paid,
        };
        let amount = format!("{}.{:02}", 10 + (n * 7) % 400, (n * 13) % 100);
        let amount = if currency == "ALL" {
            format!("{}.00", 1000 + (n * 37) % 9000)
        } else {
            amount
        };
        let item = if n % 4 == 0 {
            service(
                &format!("Client {} - Hosting", n % 40),
                today + Duration::days(due_in),
                Cycle::Monthly,
                &amount,
            )
        } else {
            one_off(&format!("Client {} - Services #{n}", n % 40), &amount)
        };
        invoices.push(invoice(
            5000 + n,
            &format!("ACC-{:05}", n + 1),
            today,
            due_in,
            currency,
            vec![item],
            status,
        ));
    }
    Account {
        email: ACCOUNTANT_EMAIL.into(),
        password: DEMO_PASSWORD.into(),
        first_name: "Arta".into(),
        last_name: "Accountant".into(),
        company: "Llogaritë Shpk".into(),
        totp_secret: None,
        backup_code: None,
        language: crate::lang::Lang::En,
        bare_amounts: false,
        credit: None,
        invoices,
        quotes: vec![],
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_covers_every_status_and_currency() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let a = demo_customer(today);
        for s in [
            Status::Unpaid,
            Status::Paid,
            Status::Cancelled,
            Status::Refunded,
            Status::Collections,
            Status::PaymentPending,
            Status::Draft,
        ] {
            assert!(a.invoices.iter().any(|i| i.status == s), "{s:?}");
        }
        for c in ["EUR", "USD", "ALL"] {
            assert!(a.invoices.iter().any(|i| i.currency == c));
        }
        assert!(a.invoices.iter().filter(|i| i.is_overdue(today)).count() >= 2);
        assert!(a.invoices.iter().any(|i| i.status == Status::Unpaid
            && i.recurring_cycle() == Some(Cycle::Monthly)
            && !i.is_overdue(today)));
        assert!(a
            .invoices
            .iter()
            .any(|i| i.status == Status::Unpaid && i.recurring_cycle() == Some(Cycle::Annually)));
        assert!(a
            .invoices
            .iter()
            .any(|i| i.status == Status::Unpaid && i.recurring_cycle().is_none()));
        assert_eq!(accountant(today).invoices.len(), 2000);
    }

    #[test]
    fn money_as_whmcs_writes_it() {
        assert_eq!(money(d("1234.5"), "EUR"), "€1,234.50 EUR");
        assert_eq!(money(d("1200"), "ALL"), "1,200.00 ALL");
        assert_eq!(money(d("-15"), "USD"), "-$15.00 USD");
    }
}
