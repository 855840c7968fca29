//! The invoice list parser on arbitrary text: an error or invoices, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let url = url::Url::parse("https://portal.example/clientarea.php?action=invoices").unwrap();
    if let Ok(list) = portal::pages::parse_invoice_list(html, &url) {
        for invoice in list {
            assert!(!invoice.number.is_empty() || invoice.id > 0);
        }
    }
});
