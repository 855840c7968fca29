//! Owns text as a person sees it on a page: its whitespace collapsed (runs of whitespace read
//! as one space, none at either end), built in one pass as the pieces arrive.

use scraper::ElementRef;

/// Text collapsed as it is pushed: the same as joining every piece pushed and splitting the
/// whole on whitespace, without building the text twice (the invoice list pushes about
/// 20,000 pieces).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct CollapsedText {
    text: String,
    /// Whitespace went by since the last word: a space comes before the next one.
    gap: bool,
}

impl CollapsedText {
    pub(super) fn push(&mut self, piece: &str) {
        let mut at = 0;
        while at < piece.len() {
            let (space, len) = char_at(piece, at);
            if space {
                self.gap = true;
                at += len;
                continue;
            }
            let start = at;
            at += len;
            while at < piece.len() {
                let (space, len) = char_at(piece, at);
                if space {
                    break;
                }
                at += len;
            }
            self.push_word(&piece[start..at]);
        }
    }

    /// A boundary between two pieces that is whitespace too: the tree's text nodes are
    /// joined by a space.
    pub(super) fn push_gap(&mut self) {
        self.gap = true;
    }

    fn push_word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.text.capacity() == 0 {
            // Room for what a cell usually holds (a number, a date twice, an amount), so the
            // text is not grown two or three times on the way.
            self.text.reserve(32);
        }
        if self.gap && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.gap = false;
        self.text.push_str(word);
    }

    /// Empty again, keeping what it allocated (the list reuses a row's buffers for the next).
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.gap = false;
    }

    pub(super) fn as_str(&self) -> &str {
        &self.text
    }

    pub(super) fn into_string(self) -> String {
        self.text
    }
}

/// Whether the character starting at byte `at` is whitespace (as `char::is_whitespace`, which
/// `split_whitespace` uses), and its length. Most of a page is ASCII: those bytes are looked
/// at without decoding.
fn char_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        // U+0009 to U+000D and the space: `is_ascii_whitespace` leaves out U+000B.
        return (matches!(byte, b'\t'..=b'\r' | b' '), 1);
    }
    let c = text[at..].chars().next().unwrap_or_default();
    (c.is_whitespace(), c.len_utf8())
}

/// An element's text as a person sees it: its text nodes joined by a space, whitespace
/// collapsed.
pub(super) fn text_of(el: ElementRef<'_>) -> String {
    let mut text = CollapsedText::default();
    for piece in el.text() {
        text.push(piece);
        text.push_gap();
    }
    text.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What collapsing means, the slow way.
    fn joined_then_split(pieces: &[&str]) -> String {
        pieces
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn collapses_as_joining_and_splitting_the_whole_would() {
        let cases: &[&[&str]] = &[
            &[],
            &[""],
            &["   "],
            &["a"],
            &["  a  b\n\t c  "],
            &["ACC-", "00012"],
            &["2026-10-04", "04/10/2026"],
            &["\n   ", "$403.87 USD", "\n  "],
            &["a\u{a0}b", "\u{2003}c\u{3000}"],
            &["é ", " ë", "", " ", "Ç"],
            &["\u{b}a\u{c}\rb\u{85}c\u{2028}", "\u{feff}d"],
        ];
        for pieces in cases {
            let mut text = CollapsedText::default();
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 {
                    text.push_gap();
                }
                text.push(piece);
            }
            assert_eq!(text.as_str(), joined_then_split(pieces), "{pieces:?}");
        }
    }

    #[test]
    fn pieces_pushed_without_a_gap_run_together() {
        let mut text = CollapsedText::default();
        text.push("ACC-");
        text.push("00012 ");
        text.push(" x");
        assert_eq!(text.as_str(), "ACC-00012 x");
    }
}
