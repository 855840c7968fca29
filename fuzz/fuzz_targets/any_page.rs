//! Every parser that reads whatever page the portal answers with (sign-in, dashboard, reset,
//! mass payment, hop pages), on arbitrary text: errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use portal::pages;

fuzz_target!(|html: &str| {
    let url = url::Url::parse("https://portal.example/clientarea.php").unwrap();
    let _ = pages::classify(html, &url);
    let _ = pages::is_login_page(html);
    let _ = pages::parse_dashboard(html, &url);
    let _ = pages::parse_reset_form(html, &url);
    let _ = pages::parse_reset_result(html, &url);
    let _ = pages::forgot_password_link(html, &url);
    let _ = pages::parse_mass_pay(html, &url);
    let _ = pages::first_form(html, &url);
    let _ = portal::depth::deepest_nesting(html);
});
