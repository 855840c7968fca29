//! Owns the guard against pages nested absurdly deep. Building the tree of such a page costs
//! time that grows with the square of its depth (100,000 nested elements take minutes), so a
//! hostile portal could hang the app with half a megabyte; the tokenizer alone is linear and
//! tells the depth first.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::Cell;

/// Far deeper than any billing page (WHMCS's own nest under 40), far below where building the
/// tree gets slow.
pub const MAX_DEPTH: usize = 512;

struct DepthSink {
    depth: Cell<usize>,
    deepest: Cell<usize>,
}

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

impl TokenSink for DepthSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let name: &str = &tag.name;
        match tag.kind {
            TagKind::StartTag if !tag.self_closing && !not_counted(name) => {
                let depth = self.depth.get() + 1;
                self.depth.set(depth);
                self.deepest.set(self.deepest.get().max(depth));
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
                self.depth.set(self.depth.get().saturating_sub(1));
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// How deep `html`'s elements nest, by its tags.
pub fn deepest_nesting(html: &str) -> usize {
    let tokenizer = Tokenizer::new(
        DepthSink {
            depth: Cell::new(0),
            deepest: Cell::new(0),
        },
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.deepest.get()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(deepest_nesting(&page), 100_000);
    }
}
