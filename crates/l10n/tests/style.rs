//! The style rules of `locales/STYLE.md` that a program can see, over every message of both
//! catalogues: typographic quotes only (Albanian „…“), no English word in Albanian text outside
//! a quoted label of the portal, "Paneli" capitalised only at a sentence's start or in the name
//! "Paneli i Klientit", one Albanian word for each glossary term, and every choice by a count,
//! however deep, naming its singular.

use fluent_syntax::ast;
use l10n::Lang;

/// Each message's id and its text pieces (every variant of every choice), in order.
fn messages(lang: Lang) -> Vec<(String, Vec<String>)> {
    let mut found = vec![];
    l10n::for_each_message(lang, |message| {
        let mut texts = vec![];
        if let Some(value) = &message.value {
            collect(lang, message.id.name, value, &mut texts);
        }
        for attribute in &message.attributes {
            collect(lang, message.id.name, &attribute.value, &mut texts);
        }
        found.push((message.id.name.to_owned(), texts));
    });
    found
}

/// The text of `pattern` (each variant of a choice on its own), checking on the way that a
/// choice by a variable names its singular.
fn collect(lang: Lang, id: &str, pattern: &ast::Pattern<&str>, texts: &mut Vec<String>) {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Select { selector, variants } => {
                    if let ast::InlineExpression::VariableReference { id: var } = selector {
                        let has_one = variants.iter().any(|v| {
                            matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "one")
                        });
                        let by_number = variants.iter().any(|v| {
                            matches!(&v.key, ast::VariantKey::Identifier { name } if *name == "other")
                        });
                        assert!(
                            has_one || !by_number,
                            "{lang:?} {id}: choosing by ${} without a [one] variant",
                            var.name
                        );
                    }
                    for variant in variants {
                        collect(lang, id, &variant.value, texts);
                    }
                    // What follows a choice continues the sentence of each variant.
                    text.push_str(" {…} ");
                }
                _ => text.push_str("{…}"),
            },
        }
    }
    texts.push(text);
}

/// `text` without what stands in Albanian quotes (a label of the portal, named as it shows it).
fn outside_quotes(text: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '„' => quoted = true,
            '“' if quoted => quoted = false,
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn quotes_are_typographic_in_both_languages() {
    for lang in Lang::ALL {
        for (id, texts) in messages(lang) {
            for text in texts {
                assert!(
                    !text.contains('"') && !text.contains('\''),
                    "{lang:?} {id}: a straight quote in {text:?}"
                );
                if lang == Lang::Sq {
                    assert!(
                        !text.contains('”') && !text.contains('‘'),
                        "{lang:?} {id}: English quotes in Albanian (use „…“): {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn one_action_has_one_name_in_english() {
    // The button is "Refresh": the texts never call the same action a sync.
    let mut found = vec![];
    for (id, texts) in messages(Lang::En) {
        for text in texts {
            if text.to_lowercase().contains("sync") {
                found.push(format!("{id}: {text:?}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn albanian_text_has_no_english_word_outside_a_quoted_label() {
    // Words the review found left in English (names such as 2Checkout, PayPal, PDF and CSV are
    // names in both languages).
    const ENGLISH: &[&str] = &[
        "Cookies",
        "cookies",
        "keyring",
        "Keyring",
        "Forgot",
        "Password",
        "Refresh",
        "sync",
        "processor",
        "Dashboard",
        "Invoices",
        "Settings",
        "Sign in",
    ];
    let mut found = vec![];
    for (id, texts) in messages(Lang::Sq) {
        for text in texts {
            let unquoted = outside_quotes(&text);
            for word in ENGLISH.iter().filter(|w| unquoted.contains(**w)) {
                found.push(format!("{id}: the English {word:?} in {text:?}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_portal_is_capitalised_only_in_its_name_or_at_a_sentences_start() {
    for (id, texts) in messages(Lang::Sq) {
        for text in texts {
            for (at, _) in text.match_indices("Panel") {
                let after = &text[at..];
                let word_end = after
                    .find(|c: char| !c.is_alphabetic())
                    .unwrap_or(after.len());
                let rest = &after[word_end..];
                let in_the_name = rest.starts_with(" i Klientit")
                    || rest.starts_with(" të Klientit")
                    || rest.starts_with(" e Klientit");
                let before = text[..at].trim_end();
                let starts_a_sentence = before.is_empty()
                    || before.ends_with(['.', '!', '?', ':', '„'])
                    || before.ends_with("{…}");
                assert!(
                    in_the_name || starts_a_sentence,
                    "Sq {id}: \"{}\" mid-sentence is a common noun (paneli): {text:?}",
                    &after[..word_end]
                );
            }
        }
    }
}

#[test]
fn each_glossary_term_has_one_albanian_word() {
    // The word not to use, and the glossary's.
    const AVOID: &[(&str, &str)] = &[
        ("program", "aplikacioni"),
        ("sajt", "uebfaqe"),
        ("zbatu", "përdor (kreditin)"),
        ("aplikoi", "përdori (kreditin)"),
        ("aplikuar", "i përdorur"),
        ("kartë ", "kartelë"),
        ("kartën", "kartelën"),
        ("Bilanci në", "saldo fillestare / përfundimtare"),
        ("rocesor", "2Checkout (by name)"),
        ("Rreshtat", "Artikujt"),
        ("Ruajtës", "menaxheri i fjalëkalimeve të sistemit"),
        ("në punë", "në sfond / të punojë"),
        ("nuk arrihet", "nuk po lidhemi dot me"),
        ("në një herë", "njëherësh"),
        ("sinkroniz", "rifreskim (the button is \"Rifresko\")"),
        ("arrihet", "nuk u lidhëm dot me"),
        ("nuk u arrit", "nuk u lidhëm dot me"),
        ("në fillim", "së pari / në datën e parë"),
        ("Në fillim", "Së pari"),
        (
            "mund të lexohej",
            "nuk u lexua dot (a past event, not English's tense)",
        ),
        ("mund të përdorej", "nuk u përdor dot"),
    ];
    let mut found = vec![];
    for (id, texts) in messages(Lang::Sq) {
        for text in texts {
            let unquoted = outside_quotes(&text);
            for (avoid, instead) in AVOID.iter().filter(|(a, _)| unquoted.contains(*a)) {
                found.push(format!(
                    "{id}: {avoid:?} where the glossary says {instead:?}: {text:?}"
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
