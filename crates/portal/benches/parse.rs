//! Parsing speed of the client area's pages: the 2,000-invoice list in both stock themes (aim:
//! at most 25 ms each, counting every pass the app makes over a fetched page: the sign-in check,
//! the depth guard and the reading) and one invoice page.

use criterion::{criterion_group, criterion_main, Criterion};
use demo_portal::html::Theme;
use demo_portal::people;
use std::hint::black_box;
use url::Url;

fn list_page(theme: Theme) -> String {
    demo_portal::overview_pages::accountants_list_page(theme, chrono::Local::now().date_naive())
}

/// What the app does with a fetched list page (`Session::invoices`): one tokenizer pass answers
/// whether it is the sign-in page (an expired session), the depth guard and the list.
fn read_list(page: &str, url: &Url) -> usize {
    let (scan, list) = portal::pages::scan_invoice_list(page, url);
    assert!(!scan.sign_in_form);
    list.unwrap().0.len()
}

fn parse(c: &mut Criterion) {
    let url = Url::parse("https://jitops.com/clientarea.php?action=invoices").unwrap();
    for (theme, name) in [(Theme::TwentyOne, "twenty-one"), (Theme::Six, "six")] {
        let page = list_page(theme);
        assert_eq!(read_list(&page, &url), 2000);
        c.bench_function(&format!("invoice list, 2,000 rows, {name}"), |b| {
            b.iter(|| read_list(black_box(&page), &url))
        });
    }
    let today = chrono::Local::now().date_naive();
    let account = people::demo_customer(today);
    let invoice = &account.invoices[2];
    let invoice_page =
        demo_portal::invoice_pages::invoice_page(&demo_portal::invoice_pages::InvoicePage {
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
