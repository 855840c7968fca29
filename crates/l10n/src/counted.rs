//! Owns the counted messages as the window formats them itself: each message that chooses by a
//! number, as a tree of text, variables and choices, with the language's digit grouping. A
//! count that changes with each keystroke (the invoice search) or each tick (PDFs saved) is
//! formatted in the window from the same catalogue and the same plural rules (CLDR's, which the
//! window has as `Intl.PluralRules`), without asking Rust each time.

use crate::Lang;
use fluent_syntax::ast;
use serde::Serialize;
use std::collections::BTreeMap;

/// A piece of a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Part {
    /// Text as it stands.
    Text { s: String },
    /// A variable's value: a number grouped the language's way, a text as it is.
    Var { name: String },
    /// A choice by a variable: the variant whose key is the number itself, else its plural
    /// category (`one`, `other`), else the default one.
    Select {
        name: String,
        variants: Vec<Variant>,
        default: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub key: String,
    pub parts: Vec<Part>,
}

/// What the window needs to format a language's counted messages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountedMessages {
    /// The digit group separator (`1,234`, `1 234`).
    pub group: String,
    pub messages: BTreeMap<String, Vec<Part>>,
}

/// The messages of `lang` that choose by a variable, as the window formats them.
pub fn counted_messages(lang: Lang) -> CountedMessages {
    let mut messages = BTreeMap::new();
    crate::for_each_message(lang, |message| {
        let Some(value) = &message.value else {
            return;
        };
        let chooses = value.elements.iter().any(|e| {
            matches!(
                e,
                ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { .. }
                }
            )
        });
        if chooses {
            messages.insert(message.id.name.to_owned(), parts(value));
        }
    });
    CountedMessages {
        group: crate::format::group_count(lang, 1000)
            .trim_start_matches('1')
            .trim_end_matches("000")
            .to_owned(),
        messages,
    }
}

fn parts(pattern: &ast::Pattern<&str>) -> Vec<Part> {
    let mut out = vec![];
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text(&mut out, value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(inline) => self::inline(&mut out, inline),
                ast::Expression::Select { selector, variants } => {
                    let ast::InlineExpression::VariableReference { id } = selector else {
                        // The catalogues choose only by variables (the style test holds them).
                        continue;
                    };
                    out.push(Part::Select {
                        name: id.name.to_owned(),
                        default: variants.iter().position(|v| v.default).unwrap_or(0),
                        variants: variants
                            .iter()
                            .map(|v| Variant {
                                key: match &v.key {
                                    ast::VariantKey::Identifier { name } => (*name).to_owned(),
                                    ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                                },
                                parts: parts(&v.value),
                            })
                            .collect(),
                    });
                }
            },
        }
    }
    out
}

fn inline(out: &mut Vec<Part>, expression: &ast::InlineExpression<&str>) {
    match expression {
        ast::InlineExpression::VariableReference { id } => out.push(Part::Var {
            name: id.name.to_owned(),
        }),
        ast::InlineExpression::StringLiteral { value } => text(out, value),
        ast::InlineExpression::NumberLiteral { value } => text(out, value),
        ast::InlineExpression::Placeable { expression } => {
            if let ast::Expression::Inline(i) = &**expression {
                self::inline(out, i);
            }
        }
        // The catalogues use no functions, terms or message references.
        _ => {}
    }
}

/// Appends text, joined to the text before it.
fn text(out: &mut Vec<Part>, s: &str) {
    if let Some(Part::Text { s: before }) = out.last_mut() {
        before.push_str(s);
    } else {
        out.push(Part::Text { s: s.to_owned() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Arg, Catalogues};

    /// What the window does with the parts (ui/i18n.js `formatCounted`), for the comparison.
    fn format(c: &CountedMessages, parts: &[Part], args: &[(&str, i64)]) -> String {
        let mut out = String::new();
        for part in parts {
            match part {
                Part::Text { s } => out.push_str(s),
                Part::Var { name } => {
                    let n = args
                        .iter()
                        .find(|(a, _)| a == name)
                        .map(|(_, n)| *n)
                        .unwrap();
                    let digits = n.to_string();
                    for (i, ch) in digits.chars().enumerate() {
                        if i > 0 && (digits.len() - i).is_multiple_of(3) {
                            out.push_str(&c.group);
                        }
                        out.push(ch);
                    }
                }
                Part::Select {
                    name,
                    variants,
                    default,
                } => {
                    let n = args
                        .iter()
                        .find(|(a, _)| a == name)
                        .map(|(_, n)| *n)
                        .unwrap();
                    // English and Albanian: `one` for 1, `other` for every other count.
                    let category = if n == 1 { "one" } else { "other" };
                    let chosen = variants
                        .iter()
                        .find(|v| v.key == n.to_string())
                        .or_else(|| variants.iter().find(|v| v.key == category))
                        .unwrap_or(&variants[*default]);
                    out.push_str(&format(c, &chosen.parts, args));
                }
            }
        }
        out
    }

    #[test]
    fn the_window_formats_every_counted_message_as_rust_does() {
        let catalogues = Catalogues::load().unwrap();
        for lang in Lang::ALL {
            let counted = counted_messages(lang);
            assert_eq!(
                counted.messages.keys().collect::<Vec<_>>(),
                crate::count_selectors(lang).keys().collect::<Vec<_>>(),
                "{lang:?}: every message that chooses is there"
            );
            let vars = crate::message_variables(lang);
            for (id, parts) in &counted.messages {
                for n in [0, 1, 2, 5, 21, 1234, 2_000_000] {
                    let args: Vec<(&str, i64)> = vars[id].iter().map(|v| (v.as_str(), n)).collect();
                    let rust: Vec<(&str, Arg)> =
                        args.iter().map(|(v, n)| (*v, Arg::from(*n))).collect();
                    assert_eq!(
                        format(&counted, parts, &args),
                        catalogues.text(lang, id, &rust),
                        "{lang:?} {id} with {n}"
                    );
                }
            }
        }
    }
}
