//! Every message that chooses by a count reads right with 0, 1, 2 and 1,234 in both languages:
//! a singular for one, the plural otherwise, and the count grouped the language's way.

use l10n::{Arg, Catalogues, Lang};

/// The messages choosing by a number, and the variable each chooses by.
fn selector_messages(lang: Lang) -> Vec<(String, String, Vec<String>)> {
    use fluent_syntax::ast;
    let mut found = vec![];
    l10n::for_each_message(lang, |message| {
        let Some(value) = &message.value else {
            return;
        };
        for element in &value.elements {
            if let ast::PatternElement::Placeable {
                expression:
                    ast::Expression::Select {
                        selector: ast::InlineExpression::VariableReference { id },
                        variants,
                    },
            } = element
            {
                // A count's choice names its singular: the translator decided it.
                let has_one = variants.iter().any(
                    |v| matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "one"),
                );
                assert!(
                    has_one,
                    "{lang:?} {}: choosing by ${} without a [one] variant",
                    message.id.name, id.name
                );
                found.push((message.id.name.to_owned(), id.name.to_owned(), vec![]));
            }
        }
    });
    let vars = l10n::message_variables(lang);
    for (id, _, all) in found.iter_mut() {
        *all = vars.get(id.as_str()).cloned().unwrap_or_default();
    }
    found
}

#[test]
fn counted_messages_have_a_singular_and_grouped_numbers() {
    let c = Catalogues::load().unwrap();
    for lang in Lang::ALL {
        let messages = selector_messages(lang);
        assert!(messages.len() >= 7, "{lang:?}: {messages:?}");
        for (id, chooser, vars) in &messages {
            let text = |n: usize| {
                let args: Vec<(&str, Arg)> = vars
                    .iter()
                    .map(|v| {
                        if v == chooser {
                            (v.as_str(), Arg::from(n))
                        } else if ["path", "folder", "total"].contains(&v.as_str()) {
                            (v.as_str(), Arg::from("X"))
                        } else {
                            (v.as_str(), Arg::from(2usize))
                        }
                    })
                    .collect();
                c.text(lang, id, &args)
            };
            let (one, two, zero, many) = (text(1), text(2), text(0), text(1234));
            // Albanian nouns and adjectives change with one: "1 faturë", "2 fatura".
            if lang == Lang::Sq {
                assert_ne!(
                    one.replace('1', "#"),
                    two.replace('2', "#"),
                    "{lang:?} {id}: no singular"
                );
            }
            assert!(!one.contains('{') && !two.contains('{'), "{lang:?} {id}");
            // Zero may have its own words ("No unpaid invoices"); it is never left blank.
            assert!(
                !zero.trim().is_empty() && !zero.contains('{'),
                "{lang:?} {id}: {zero}"
            );
            let grouped = match lang {
                Lang::En => "1,234",
                Lang::Sq => "1\u{a0}234",
            };
            assert!(many.contains(grouped), "{lang:?} {id}: {many}");
        }
    }
}
