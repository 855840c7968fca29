//! The page parsers on hand-written pages shaped like both stock themes, and on pages that
//! are not what they should be.

use portal::pages::{self, Captcha, PageKind};
use portal::{HttpMethod, InvoiceStatus, PaymentKind, PortalError};
use rust_decimal::Decimal;
use std::str::FromStr;
use url::Url;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn twenty_one_list_with_every_status_and_number_different_from_id() {
    let list = pages::parse_invoice_list(
        &fixture("list-twenty-one.html"),
        &url("https://billing.example.com/clientarea.php?action=invoices"),
    )
    .unwrap();
    assert_eq!(list.len(), 7);
    assert_eq!(list[0].id, 41);
    assert_eq!(list[0].number, "INV-2026/007");
    assert_eq!(list[0].due_date.to_string(), "2026-02-15");
    assert_eq!(
        (list[0].total.amount, list[0].total.currency.as_str()),
        (d("1234.56"), "USD")
    );
    assert_eq!(
        (list[2].total.amount, list[2].total.currency.as_str()),
        (d("1200.00"), "ALL")
    );
    let statuses: Vec<_> = list.iter().map(|i| i.status).collect();
    assert_eq!(
        statuses,
        InvoiceStatus::ALL.to_vec(),
        "the fixture lists them in order"
    );
}

#[test]
fn six_list_with_comma_decimals_and_links_instead_of_onclick() {
    let list = pages::parse_invoice_list(
        &fixture("list-six.html"),
        &url("https://billing.example.com/clientarea.php?action=invoices"),
    )
    .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, 7);
    assert_eq!(list[0].total.amount, d("1234.56"));
    assert_eq!(
        list[1].id, 8,
        "id from the View link when the row has no onclick"
    );
    assert_eq!(list[1].total.amount, d("1234"), "no decimals: 1,234");
    assert_eq!(list[1].total.currency, "USD");
}

#[test]
fn empty_list() {
    let list = pages::parse_invoice_list(
        &fixture("list-empty.html"),
        &url("https://billing.example.com/clientarea.php?action=invoices"),
    )
    .unwrap();
    assert!(list.is_empty());
}

#[test]
fn a_page_without_the_table_names_the_url_and_what_is_missing() {
    let u = url("https://billing.example.com/clientarea.php?action=invoices");
    match pages::parse_invoice_list("<html><body>Maintenance</body></html>", &u) {
        Err(PortalError::UnexpectedPage { url, what }) => {
            assert_eq!(url, u);
            assert!(what.contains("invoice table"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_users_invoice_is_not_found() {
    let r = pages::parse_invoice(
        &fixture("invoice-other-user.html"),
        &url("https://billing.example.com/viewinvoice.php?id=99"),
        99,
    );
    assert!(matches!(r, Err(PortalError::NotFound)), "{r:?}");
}

#[test]
fn six_invoice_page_with_both_buttons_and_an_annual_period() {
    let page_url = url("https://billing.example.com/viewinvoice.php?id=41");
    let inv = pages::parse_invoice(&fixture("invoice-unpaid-six.html"), &page_url, 41).unwrap();
    assert_eq!(inv.status, InvoiceStatus::Unpaid);
    assert_eq!(inv.title, "Invoice #INV-2026/007");
    assert_eq!(inv.due_date.as_deref(), Some("15/02/2026"));
    assert_eq!(inv.items.len(), 1);
    assert!(inv.items[0].taxed);
    assert_eq!(inv.items[0].amount.amount, d("1028.80"));
    assert_eq!(inv.totals.len(), 4);
    assert_eq!(inv.total.as_ref().unwrap().amount, d("1234.56"));
    assert_eq!(inv.balance.as_ref().unwrap().amount, d("1234.56"));
    assert!(inv.transactions.is_empty());
    assert_eq!(inv.cycle, Some(portal::BillingCycle::Annually));
    let one_off = inv.choice(PaymentKind::OneOff).unwrap();
    assert_eq!(one_off.label, "Make One Off Payment");
    assert_eq!(one_off.form.method, HttpMethod::Post);
    assert_eq!(one_off.form.url.host_str(), Some("www.2checkout.com"));
    let recurring = inv.choice(PaymentKind::Recurring).unwrap();
    assert_eq!(recurring.form.get("invoiceid"), Some("41"));
    assert_eq!(
        inv.pdf_url.unwrap().as_str(),
        "https://billing.example.com/dl.php?type=i&id=41"
    );
}

#[test]
fn sign_in_pages_are_classified() {
    let base = url("https://billing.example.com/index.php/login");
    match pages::classify(&fixture("login-failed.html"), &base).unwrap() {
        PageKind::Login(login) => {
            assert_eq!(
                login.error.as_deref(),
                Some("Login Details Incorrect. Please try again.")
            );
            assert_eq!(
                login.form.url.as_str(),
                "https://billing.example.com/index.php/login"
            );
            assert_eq!(
                login.form.get("token"),
                Some("1111222233334444555566667777888899990000")
            );
            assert_eq!(login.captcha, Captcha::None);
            assert!(
                login.form.get("rememberme").is_none(),
                "an unchecked box is not sent"
            );
        }
        other => panic!("{other:?}"),
    }
    match pages::classify(&fixture("login-recaptcha.html"), &base).unwrap() {
        PageKind::Login(login) => {
            assert_eq!(login.captcha, Captcha::Widget);
            assert_eq!(
                login.form.url.as_str(),
                "https://billing.example.com/index.php/dologin.php"
            );
        }
        other => panic!("{other:?}"),
    }
    match pages::classify(&fixture("banned.html"), &base).unwrap() {
        PageKind::Banned { reason } => {
            assert_eq!(reason.as_deref(), Some("Login Attempts Exceeded"))
        }
        other => panic!("{other:?}"),
    }
    match pages::classify(&fixture("two-factor.html"), &base).unwrap() {
        PageKind::TwoFactor(tf) => {
            assert!(tf.challenge.is_some() && tf.backup.is_some());
            assert!(!tf.incorrect);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        pages::classify(&fixture("list-twenty-one.html"), &base).unwrap(),
        PageKind::ClientArea
    );
}
