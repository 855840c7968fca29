//! Owns the time a page's reading may take: the deadline of the thread reading a page, and the
//! page's tree built in steps that stop at it. Waiting for a slow parse is not enough: a thread
//! left building a hostile page's tree keeps a core and its memory long after the app gave up,
//! and the next page waits behind it.

use html5ever::tendril::TendrilSink;
use scraper::{Html, HtmlTreeSink};
use std::cell::Cell;
use std::time::Instant;

/// How much of the page the tree builder takes between two looks at the clock: small enough
/// that a look comes every few milliseconds, large enough to cost nothing.
const STEP_BYTES: usize = 64 * 1024;

thread_local! {
    /// When the reading on this thread must have ended; None: no limit (a test, a tool).
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Runs `read` with `deadline` for every tree built meanwhile on this thread.
pub fn with_deadline<T>(deadline: Instant, read: impl FnOnce() -> T) -> T {
    struct Restore(Option<Instant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEADLINE.set(self.0);
        }
    }
    let _restore = Restore(DEADLINE.replace(Some(deadline)));
    read()
}

/// Whether the reading on this thread is past its deadline.
pub fn overrun() -> bool {
    DEADLINE.get().is_some_and(|d| Instant::now() >= d)
}

/// The tree of `html`, built a step at a time; None once the deadline passes (the parser and
/// the half-built tree are dropped there, and the thread is free).
pub fn build_tree(html: &str) -> Option<Html> {
    let mut parser = html5ever::driver::parse_document(
        HtmlTreeSink::new(Html::new_document()),
        Default::default(),
    );
    let mut start = 0;
    while start < html.len() {
        if overrun() {
            return None;
        }
        let mut end = (start + STEP_BYTES).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(html[start..end].into());
        start = end;
    }
    if overrun() {
        return None;
    }
    Some(parser.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn builds_the_same_tree_as_a_whole_parse_across_steps() {
        // Text with multi-byte letters across many step boundaries, and markup cut by them.
        let page = format!(
            "<html><body>{}</body></html>",
            "<p class=\"ë\">Faturë ç <b>e papaguar</b></p>".repeat(10_000)
        );
        let stepped = build_tree(&page).expect("no deadline");
        assert_eq!(stepped.html(), Html::parse_document(&page).html());
    }

    #[test]
    fn a_page_past_its_deadline_is_left_unbuilt_at_once() {
        let page = format!(
            "<html><body>{}</body></html>",
            "<div>x</div>".repeat(400_000)
        );
        let started = Instant::now();
        let built = with_deadline(Instant::now() + Duration::from_millis(20), || {
            build_tree(&page)
        });
        assert!(built.is_none());
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "stopped {:?} after the start",
            started.elapsed()
        );
        // The limit was this reading's only.
        assert!(!overrun());
        assert!(build_tree("<p>x</p>").is_some());
    }
}
