//! Owns the linear look at a page taken before (or instead of) building its tree: how deep it
//! nests, how many elements it has, and whether it holds the sign-in form. Building the tree of
//! a deeply nested page costs time that grows with the square of its depth (100,000 nested
//! elements take minutes), so a hostile portal could hang the app with half a megabyte; the
//! tree of 16 MiB of bare `<td>` tags holds four million elements (about 1 GB); the tokenizer
//! alone is linear and keeps nothing. The
//! sign-in question is asked of every page fetched (an expired session is answered with the
//! sign-in page), so answering it here spares a second tree of every page.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::LocalName;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Far deeper than any billing page (WHMCS's own nest under 40), far below where building the
/// tree gets slow.
pub const MAX_DEPTH: usize = 512;

/// Start tags a page may have for its tree to be built: ten times the 2,000-invoice list of
/// either stock theme (about 40,000), and a tree of at most about 100 MB.
pub const MAX_ELEMENTS: usize = 400_000;

/// What one pass of the tokenizer tells about a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageScan {
    /// How deep its elements nest, by its tags.
    pub deepest: usize,
    /// How many start tags it has (counted up to MAX_ELEMENTS + 1).
    pub elements: usize,
    /// It holds WHMCS's sign-in form: `form.login-form`, or a form with `username` and
    /// `password` inputs.
    pub sign_in_form: bool,
}

#[derive(Default)]
pub(crate) struct ScanSink {
    /// The elements open now, as the tree builder would hold them; and how many of each name
    /// are open, so an end tag that closes nothing is known at once (the tree builder ignores
    /// it: counting it would let `<div></x>` repeated hide any depth).
    open: RefCell<Vec<LocalName>>,
    open_by_name: RefCell<HashMap<LocalName, usize>>,
    deepest: Cell<usize>,
    elements: Cell<usize>,
    /// Tokens seen, to look at the reading's deadline now and then.
    tokens: Cell<usize>,
    /// Stop reading once this deep (the page is refused then, whatever follows).
    stop_beyond: usize,
    /// Stop reading past this many start tags (the page is refused then too).
    stop_beyond_elements: usize,
    in_form: Cell<bool>,
    /// (username seen, password seen) in the current form.
    form_fields: Cell<(bool, bool)>,
    sign_in_form: Cell<bool>,
}

impl ScanSink {
    fn note_sign_in_form(&self, tag: &Tag) {
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| &*a.value)
        };
        match (&tag.kind, &*tag.name) {
            (TagKind::StartTag, "form") => {
                self.in_form.set(true);
                self.form_fields.set((false, false));
                if attr("class")
                    .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == "login-form"))
                {
                    self.sign_in_form.set(true);
                }
            }
            (TagKind::EndTag, "form") => self.in_form.set(false),
            (TagKind::StartTag, "input") if self.in_form.get() => {
                let (username, password) = self.form_fields.get();
                let seen = match attr("name") {
                    Some("username") => (true, password),
                    Some("password") => (username, true),
                    _ => (username, password),
                };
                self.form_fields.set(seen);
                if seen == (true, true) {
                    self.sign_in_form.set(true);
                }
            }
            _ => {}
        }
    }
}

/// How many tokens the pass reads between two looks at the reading's deadline.
const DEADLINE_EVERY: usize = 4096;

/// Elements that never hold children, or whose end tag may be left out: counting them would
/// make a well-formed page look deep.
fn not_counted(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "p"
            | "li"
            | "td"
            | "th"
            | "tr"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
    )
}

impl TokenSink for ScanSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.tokens.set(self.tokens.get() + 1);
        if self.tokens.get().is_multiple_of(DEADLINE_EVERY) && crate::parse_budget::overrun() {
            // Out of time: the page is refused (`pages::readable`), whatever follows.
            return TokenSinkResult::Script(());
        }
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        self.note_sign_in_form(&tag);
        if tag.kind == TagKind::StartTag {
            self.elements.set(self.elements.get() + 1);
            if self.elements.get() > self.stop_beyond_elements {
                return TokenSinkResult::Script(());
            }
        }
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::StartTag if !tag.self_closing && !not_counted(name) => {
                let mut open = self.open.borrow_mut();
                open.push(tag.name.clone());
                *self
                    .open_by_name
                    .borrow_mut()
                    .entry(tag.name.clone())
                    .or_default() += 1;
                self.deepest.set(self.deepest.get().max(open.len()));
                if open.len() > self.stop_beyond {
                    // Too deep to build already: the rest cannot change the answer.
                    return TokenSinkResult::Script(());
                }
                drop(open);
                // What follows these is text, not markup, as the tree builder would say.
                match name {
                    "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        return TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => {}
                }
            }
            TagKind::EndTag if !not_counted(name) => {
                let mut by_name = self.open_by_name.borrow_mut();
                if by_name.get(&tag.name).copied().unwrap_or(0) == 0 {
                    // Closes nothing: ignored, as the tree builder does.
                    return TokenSinkResult::Continue;
                }
                // Closes the innermost element of that name and every element inside it
                // (each element is pushed and popped once: linear over the page).
                let mut open = self.open.borrow_mut();
                while let Some(top) = open.pop() {
                    if let Some(n) = by_name.get_mut(&top) {
                        *n -= 1;
                    }
                    if top == tag.name {
                        break;
                    }
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// One tokenizer pass over `html`; it stops as soon as the page nests deeper than
/// [`MAX_DEPTH`] (`deepest` then says MAX_DEPTH + 1) or has more than [`MAX_ELEMENTS`] start
/// tags (`elements` then says MAX_ELEMENTS + 1). Inside [`with_known_scan`] for this very
/// page, the pass already made is answered instead.
pub fn scan(html: &str) -> PageScan {
    if let Some(known) = known_scan(html) {
        return known;
    }
    scan_until(html, MAX_DEPTH, MAX_ELEMENTS)
}

thread_local! {
    /// The pass already made over the page being read on this thread: (its address, its
    /// length, the scan). Set only while [`with_known_scan`] runs, which borrows the page, so
    /// no other text can sit at that address meanwhile.
    static KNOWN: Cell<Option<(usize, usize, PageScan)>> = const { Cell::new(None) };
}

fn known_scan(html: &str) -> Option<PageScan> {
    KNOWN
        .get()
        .filter(|(at, len, _)| *at == html.as_ptr() as usize && *len == html.len())
        .map(|(_, _, scan)| scan)
}

/// Runs `read` (the reading of `html`) with `scan`, made of `html` already (the sign-in check
/// every fetched page gets), standing for the depth guard's pass: a fetched page is tokenized
/// once before its tree is built, not twice.
pub fn with_known_scan<T>(html: &str, scan: PageScan, read: impl FnOnce() -> T) -> T {
    struct Forget;
    impl Drop for Forget {
        fn drop(&mut self) {
            KNOWN.set(None);
        }
    }
    KNOWN.set(Some((html.as_ptr() as usize, html.len(), scan)));
    let _forget = Forget;
    read()
}

impl ScanSink {
    /// A scan that stops reading once the page nests deeper than `stop_beyond`.
    pub(crate) fn stopping_beyond(stop_beyond: usize, stop_beyond_elements: usize) -> ScanSink {
        ScanSink {
            stop_beyond,
            stop_beyond_elements,
            ..ScanSink::default()
        }
    }

    /// What the pass found.
    pub(crate) fn result(&self) -> PageScan {
        PageScan {
            deepest: self.deepest.get(),
            elements: self.elements.get(),
            sign_in_form: self.sign_in_form.get(),
        }
    }
}

/// Runs the tokenizer over the whole of `html` into `sink` (until the sink stops it).
pub(crate) fn tokenize<S: TokenSink>(html: &str, sink: S) -> S {
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

fn scan_until(html: &str, stop_beyond: usize, stop_beyond_elements: usize) -> PageScan {
    tokenize(
        html,
        ScanSink::stopping_beyond(stop_beyond, stop_beyond_elements),
    )
    .result()
}

/// How deep `html`'s elements nest, by its tags (counted up to MAX_DEPTH + 1).
pub fn deepest_nesting(html: &str) -> usize {
    scan(html).deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_scan_stands_only_for_its_own_page_and_only_while_reading() {
        let page = String::from("<html><body><div>x</div></body></html>");
        let made = scan(&page);
        assert_eq!(made.deepest, 3);
        // A made-up scan shows it is the one answered, for this page alone.
        let known = PageScan {
            deepest: 99,
            elements: 3,
            sign_in_form: true,
        };
        with_known_scan(&page, known, || {
            assert_eq!(scan(&page), known);
            assert_eq!(deepest_nesting(&page), 99);
            let other = page.clone();
            assert_eq!(scan(&other), made, "another text, even equal, is scanned");
            assert_eq!(
                scan(&page[..10]).deepest,
                1,
                "a part of the page is scanned"
            );
        });
        assert_eq!(scan(&page), made, "forgotten once the reading is over");
    }

    #[test]
    fn counts_nesting_but_not_void_or_optional_end_elements() {
        assert_eq!(
            deepest_nesting("<html><body><div><span>x</span></div></body></html>"),
            4
        );
        let table = format!(
            "<table>{}</table>",
            "<tr><td>a<td>b<br><img src=x>".repeat(5000)
        );
        assert_eq!(deepest_nesting(&table), 1);
    }

    #[test]
    fn markup_inside_scripts_and_styles_is_text() {
        let page = format!(
            "<div><script>{}</script><style>{}</style></div>",
            "'<div>'".repeat(2000),
            "<b>".repeat(2000)
        );
        assert_eq!(deepest_nesting(&page), 2);
    }

    #[test]
    fn a_hundred_thousand_nested_divs_are_counted() {
        let page = format!("{}{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(scan_until(&page, usize::MAX, usize::MAX).deepest, 100_000);
        // The guard stops reading just past the limit.
        assert_eq!(deepest_nesting(&page), MAX_DEPTH + 1);
    }

    #[test]
    fn end_tags_that_close_nothing_do_not_hide_the_depth() {
        // The tree builder ignores `</x>`: this page nests 16,000 deep.
        let page = "<div></x>".repeat(16_000);
        assert_eq!(scan_until(&page, usize::MAX, usize::MAX).deepest, 16_000);
        // An end tag closes the elements left open inside it, as the tree builder does.
        assert_eq!(
            deepest_nesting("<div><span><b></div><div><i>x</i></div>"),
            3
        );
        assert_eq!(deepest_nesting(&"<div><span></div>".repeat(1000)), 2);
    }

    #[test]
    fn counts_every_start_tag_and_stops_past_the_limit() {
        assert_eq!(
            scan("<html><body><p>a<br>b<td>c</td></body></html>").elements,
            5
        );
        assert_eq!(scan("<script>'<div><div>'</script>").elements, 1);
        // 16 MiB of bare cells: four million tags, read only up to the limit.
        let cells = "<td>".repeat(4 * 1024 * 1024);
        let started = std::time::Instant::now();
        assert_eq!(scan(&cells).elements, MAX_ELEMENTS + 1);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn sees_the_sign_in_form_by_class_or_by_its_fields() {
        assert!(scan("<form class=\"login-form x\" method=post></form>").sign_in_form);
        assert!(
            scan("<form><input name=username><input type=password name=password></form>")
                .sign_in_form
        );
        assert!(!scan("<form><input name=username></form><input name=password>").sign_in_form);
        assert!(!scan("<div class=login-form></div><form><input name=q></form>").sign_in_form);
        assert!(!scan("<script>'<form class=\"login-form\">'</script>").sign_in_form);
    }
}
