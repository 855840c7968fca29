//! The demo's long list weighs what the stock themes' page does for 2,000 invoices (about
//! 1.0 MB in "twenty-one", 1.5 MB in "six": their indentation, menus and dialogs), so that the
//! app's parsing is measured on a real page, not a lighter one of our own.

use demo_portal::html::Theme;

#[test]
fn the_two_thousand_invoice_list_weighs_what_a_stock_page_does() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for (theme, low, high) in [
        (Theme::TwentyOne, 900_000, 1_200_000),
        (Theme::Six, 1_350_000, 1_700_000),
    ] {
        let page = demo_portal::overview_pages::accountants_list_page(theme, today);
        assert!(
            (low..high).contains(&page.len()),
            "{theme:?}: {} bytes",
            page.len()
        );
    }
}
