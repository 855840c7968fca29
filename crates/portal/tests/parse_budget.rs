//! Pages built to make parsing slow are read or refused within a time budget: the nesting
//! guard follows the tree builder (an end tag that closes nothing is ignored by both), so the
//! tree is never built for a page deeper than the guard allows.

use portal::{pages, PortalError};
use std::time::{Duration, Instant};
use url::Url;

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let answer = work();
    (answer, start.elapsed())
}

#[test]
fn stray_end_tags_cannot_hide_a_deep_page() {
    let url = Url::parse("https://portal.example/clientarea.php?action=invoices").unwrap();
    // 144 KB: `<div></x>` 16,000 times nests 16,000 deep for the tree builder.
    let page = "<div></x>".repeat(16_000);
    let (outcome, took) = timed(|| pages::parse_invoice_list(&page, &url));
    assert!(
        matches!(outcome, Err(PortalError::UnexpectedPage { .. })),
        "{outcome:?}"
    );
    assert!(took < Duration::from_millis(100), "{took:?}");
    // The 16 MiB the client reads at most, built the same way.
    let page = "<div></x>".repeat(16 * 1024 * 1024 / 9);
    let (outcome, took) = timed(|| pages::parse_invoice_list(&page, &url));
    assert!(outcome.is_err());
    assert!(took < Duration::from_secs(1), "{took:?}");
}

/// The 2,000-invoice list of a stock theme, as the demo portal draws it.
fn accountants_list(theme: demo_portal::html::Theme) -> String {
    demo_portal::overview_pages::accountants_list_page(theme, chrono::Local::now().date_naive())
}

#[test]
fn an_accountants_list_is_far_inside_the_element_limit() {
    use demo_portal::html::Theme;
    let url = Url::parse("https://portal.example/clientarea.php?action=invoices").unwrap();
    for theme in [Theme::TwentyOne, Theme::Six] {
        let page = accountants_list(theme);
        let (scan, list) = pages::scan_invoice_list(&page, &url);
        assert_eq!(list.unwrap().0.len(), 2000);
        // Room for an account ten times larger.
        assert!(
            scan.elements * 5 < portal::depth::MAX_ELEMENTS,
            "{} elements",
            scan.elements
        );
    }
}

#[test]
fn sixteen_mebibytes_of_bare_cells_are_refused_as_too_large_without_building_them() {
    let url = Url::parse("https://portal.example/clientarea.php?action=invoices").unwrap();
    let list = accountants_list(demo_portal::html::Theme::TwentyOne);
    // Four million cells inside the invoice table (no end tags: each starts a cell and, in
    // turn, the rows a tree would make), then the rest of the page: whole, and readable but
    // for its size.
    let at = list.find("</tbody>").expect("the list's body");
    let cells = "<td>".repeat(4 * 1024 * 1024);
    let page = format!("{}{}{}", &list[..at], cells, &list[at..]);
    let (outcome, took) = timed(|| pages::parse_invoice_list(&page, &url));
    assert!(
        matches!(outcome, Err(PortalError::PageTooLarge { .. })),
        "{outcome:?}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
    // A page whose tree would be built (an invoice's) is refused the same way.
    let invoice_url = Url::parse("https://portal.example/viewinvoice.php?id=1").unwrap();
    let page = format!("<html><body><table>{cells}</table></body></html>");
    let (outcome, took) = timed(|| pages::parse_invoice(&page, &invoice_url, 1));
    assert!(
        matches!(outcome, Err(PortalError::PageTooLarge { .. })),
        "{outcome:?}"
    );
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reading_past_its_budget_stops_on_its_thread() {
    // Within the element limit, but a tree that takes longer to build than a tight deadline.
    let page = format!(
        "<html><body>{}</body></html>",
        "<div><span>x</span></div>".repeat(150_000)
    );
    let url = Url::parse("https://portal.example/viewinvoice.php?id=1").unwrap();
    let (outcome, took) = timed(|| {
        portal::parse_budget::with_deadline(
            std::time::Instant::now() + Duration::from_millis(10),
            || pages::parse_invoice(&page, &url, 1),
        )
    });
    assert!(
        matches!(outcome, Err(PortalError::PageTooLarge { .. })),
        "{outcome:?}"
    );
    // Stopped within a step of the deadline, not after the whole tree.
    let (whole, whole_took) = timed(|| pages::parse_invoice(&page, &url, 1));
    assert!(whole.is_err(), "not an invoice page");
    assert!(
        took * 3 < whole_took,
        "stopped after {took:?}; the whole tree takes {whole_took:?}"
    );
}
