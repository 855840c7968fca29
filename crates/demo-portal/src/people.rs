//! Owns the demo's people and their invoices: a customer with a dozen invoices covering every
//! status in EUR, USD and ALL, a second-factor account, and an accountant with 2,000 invoices.
//! Dates are relative to the day the portal starts.

use crate::data::{d, invoice, one_off, Account, Cycle, Invoice, Item, Status};
use chrono::{Duration, NaiveDate};

/// The demo customer's paid invoice whose item descriptions `Options::hostile_text` replaces.
pub const HOSTILE_TEXT_INVOICE: u64 = 1001;
pub const DEMO_EMAIL: &str = "demo@jitops.example";
pub const TWO_FACTOR_EMAIL: &str = "2fa@jitops.example";
pub const ACCOUNTANT_EMAIL: &str = "accountant@jitops.example";
pub const DEMO_PASSWORD: &str = "demo";
pub const TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
pub const BACKUP_CODE: &str = "4821 9930";

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

pub fn demo_customer(today: NaiveDate) -> Account {
    let mut invoices = demo_customer_paid_and_unpaid(today);
    invoices.extend(demo_customer_other_statuses(today));
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

/// The demo customer's paid invoices and those waiting to be paid (1001 to 1006).
fn demo_customer_paid_and_unpaid(today: NaiveDate) -> Vec<Invoice> {
    let m = |days: i64| today + Duration::days(days);
    vec![
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
    ]
}

/// The demo customer's invoices in every other status WHMCS has, and one more paid.
fn demo_customer_other_statuses(today: NaiveDate) -> Vec<Invoice> {
    let m = |days: i64| today + Duration::days(days);
    vec![
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
    ]
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
}
