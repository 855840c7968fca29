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
