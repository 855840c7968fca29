//! Parsing speed of the client area's pages: the 2,000-invoice list (aim: under 50 ms) and one
//! invoice page, both as the demo portal writes them in the "twenty-one" theme.

use criterion::{criterion_group, criterion_main, Criterion};
use demo_portal::data;
use demo_portal::html::{self, Chrome, Theme};
use std::hint::black_box;
use url::Url;

fn list_page() -> String {
    let today = chrono::Local::now().date_naive();
    let account = data::accountant(today);
    let chrome = Chrome {
        theme: Theme::TwentyOne,
        title: "My Invoices",
        token: "0123456789abcdef0123456789abcdef01234567",
        account: Some(&account),
        lang: demo_portal::Lang::En,
        head: "",
    };
    html::layout(
        &chrome,
        &html::invoice_list_body(Theme::TwentyOne, &account),
    )
}

fn parse(c: &mut Criterion) {
    let page = list_page();
    let url = Url::parse("https://jitops.com/clientarea.php?action=invoices").unwrap();
    assert_eq!(
        portal::pages::parse_invoice_list(&page, &url)
            .unwrap()
            .len(),
        2000
    );
    c.bench_function("invoice list, 2,000 rows", |b| {
        b.iter(|| portal::pages::parse_invoice_list(black_box(&page), &url).unwrap())
    });
    let today = chrono::Local::now().date_naive();
    let account = data::demo_customer(today);
    let invoice = &account.invoices[2];
    let invoice_page = html::invoice_page(&html::InvoicePage {
        theme: Theme::TwentyOne,
        invoice,
        account: &account,
        today,
        token: "0123456789abcdef0123456789abcdef01234567",
        portal_url: "https://jitops.com/",
        checkout_url: "https://www.2checkout.com/",
        paypal_url: "https://www.paypal.com/",
        notice: None,
        gateways: &[demo_portal::Gateway::Tco],
        gateway: demo_portal::Gateway::Tco,
    });
    let invoice_url = Url::parse("https://jitops.com/viewinvoice.php?id=1003").unwrap();
    c.bench_function("invoice page", |b| {
        b.iter(|| {
            portal::pages::parse_invoice(black_box(&invoice_page), &invoice_url, 1003).unwrap()
        })
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
