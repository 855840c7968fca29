//! The invoice page parser on arbitrary text: an error or an invoice whose payment forms only
//! go to web addresses, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let url = url::Url::parse("https://portal.example/viewinvoice.php?id=7").unwrap();
    if let Ok(invoice) = portal::pages::parse_invoice(html, &url, 7) {
        for choice in invoice.payment_choices {
            assert!(matches!(choice.form.url.scheme(), "https" | "http"));
        }
    }
});
