//! Amounts as WHMCS displays them, on arbitrary text: a value or nothing, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = portal::money::parse_amount(text);
    let _ = portal::Money::parse(text, Some("EUR"));
    let _ = portal::Money::parse(text, None);
});
