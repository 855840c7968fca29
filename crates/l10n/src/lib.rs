//! Owns the app's languages: the English and Albanian Fluent catalogues compiled into the
//! binary, and how money and dates are written in each language.
//!
//! Everything here is pure and offline, so the language toggle never needs the network.

pub mod counted;
mod format;

pub use format::{format_date, format_date_time, format_money, group_count};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::BTreeMap;
use unic_langid::LanguageIdentifier;

/// The languages the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Sq,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sq];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sq => "sq",
        }
    }

    /// Parses a language code as the UI and the settings file write it.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "sq" => Some(Lang::Sq),
            _ => None,
        }
    }

    /// The language for a first start, from a POSIX or BCP 47 locale such as `sq_AL.UTF-8`:
    /// Albanian for any `sq*`, English otherwise.
    pub fn from_system_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("sq") {
            Lang::Sq
        } else {
            Lang::En
        }
    }

    /// The catalogue files of the language, as compiled in.
    pub fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[include_str!("../../../locales/en/app.ftl")],
            Lang::Sq => &[include_str!("../../../locales/sq/app.ftl")],
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum L10nError {
    #[error("the {lang} catalogue does not parse: {detail}")]
    Parse { lang: &'static str, detail: String },
    #[error("message {id} is defined twice in {lang}")]
    Duplicate { lang: &'static str, id: String },
}

/// Both catalogues, loaded once.
pub struct Catalogues {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
}

/// A value for a Fluent variable.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as i64)
    }
}

impl Catalogues {
    pub fn load() -> Result<Catalogues, L10nError> {
        let mut bundles = BTreeMap::new();
        for lang in Lang::ALL {
            let langid: LanguageIdentifier = lang.code().parse().expect("static language id");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks (U+2068/U+2069) would show up in tests and copied text; both
            // languages are left-to-right, so they buy nothing here.
            bundle.set_use_isolating(false);
            // Counts read with the language's thousands grouping ("1,234" / "1 234").
            bundle.set_formatter(Some(match lang {
                Lang::En => format::fluent_number_en,
                Lang::Sq => format::fluent_number_sq,
            }));
            for source in lang.sources() {
                let resource =
                    FluentResource::try_new((*source).to_owned()).map_err(|(_, errs)| {
                        L10nError::Parse {
                            lang: lang.code(),
                            detail: format!("{errs:?}"),
                        }
                    })?;
                bundle.add_resource(resource).map_err(|errs| {
                    let id = errs.first().map(|e| format!("{e:?}")).unwrap_or_default();
                    L10nError::Duplicate {
                        lang: lang.code(),
                        id,
                    }
                })?;
            }
            bundles.insert(lang, bundle);
        }
        Ok(Catalogues { bundles })
    }

    /// The text of a message. An unknown id yields the id itself, so a missing string is
    /// visible rather than blank (the parity test keeps that from shipping).
    pub fn text(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        let bundle = &self.bundles[&lang];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = vec![];
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// Every message of a language, for the UI. A variable is left as the marker `{name}`,
    /// which the UI replaces with a value it already holds (an elapsed time, say); messages
    /// that choose by number (plurals) are formatted in Rust with the number instead.
    pub fn all_texts(&self, lang: Lang) -> BTreeMap<String, String> {
        message_variables(lang)
            .into_iter()
            .map(|(id, vars)| {
                let args: Vec<(&str, Arg)> = vars
                    .iter()
                    .map(|v| (v.as_str(), Arg::Text(format!("{{{v}}}"))))
                    .collect();
                let text = self.text(lang, &id, &args);
                (id, text)
            })
            .collect()
    }
}

/// Calls `each` with every message of a language's sources (the syntax tree, read again: the
/// bundles keep no tree to walk). The tests of the catalogues read them through it too.
pub fn for_each_message(lang: Lang, mut each: impl FnMut(&fluent_syntax::ast::Message<&str>)) {
    for source in lang.sources() {
        let resource = match fluent_syntax::parser::parse(*source) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in &resource.body {
            if let fluent_syntax::ast::Entry::Message(message) = entry {
                each(message);
            }
        }
    }
}

/// The messages of a language that choose by a number, each with the variables it chooses by
/// (for the translation review, which shows every variant with sample values).
pub fn count_selectors(lang: Lang) -> BTreeMap<String, Vec<String>> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let mut out = BTreeMap::new();
    for_each_message(lang, |message| {
        let Some(value) = &message.value else {
            return;
        };
        let choosers: Vec<String> = value
            .elements
            .iter()
            .filter_map(|e| match e {
                PatternElement::Placeable {
                    expression:
                        Expression::Select {
                            selector: InlineExpression::VariableReference { id },
                            ..
                        },
                } => Some(id.name.to_owned()),
                _ => None,
            })
            .collect();
        if !choosers.is_empty() {
            out.insert(message.id.name.to_owned(), choosers);
        }
    });
    out
}

/// The message ids of a language with the variables each one uses, read from the sources.
pub fn message_variables(lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for_each_message(lang, |message| {
        let mut vars = vec![];
        if let Some(value) = &message.value {
            collect_pattern_vars(value, &mut vars);
        }
        vars.sort();
        vars.dedup();
        out.insert(message.id.name.to_owned(), vars);
    });
    out
}

pub fn message_ids(lang: Lang) -> Vec<String> {
    message_variables(lang).into_keys().collect()
}

fn collect_pattern_vars(pattern: &fluent_syntax::ast::Pattern<&str>, vars: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(expr: &InlineExpression<&str>, vars: &mut Vec<String>) {
        match expr {
            InlineExpression::VariableReference { id } => vars.push(id.name.to_owned()),
            InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, vars);
                }
            }
            _ => {}
        }
    }
    fn expression_vars(expr: &Expression<&str>, vars: &mut Vec<String>) {
        match expr {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    collect_pattern_vars(&v.value, vars);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_cleanly() {
        for lang in Lang::ALL {
            for source in lang.sources() {
                let parsed = fluent_syntax::parser::parse(*source);
                assert!(
                    parsed.is_ok(),
                    "{} has syntax errors: {:?}",
                    lang.code(),
                    parsed.err().map(|e| e.1)
                );
            }
        }
        Catalogues::load().expect("catalogues load");
    }

    #[test]
    fn both_languages_define_the_same_ids_with_the_same_variables() {
        let en = message_variables(Lang::En);
        let sq = message_variables(Lang::Sq);
        let only_en: Vec<_> = en.keys().filter(|k| !sq.contains_key(*k)).collect();
        let only_sq: Vec<_> = sq.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(only_en.is_empty(), "missing in sq: {only_en:?}");
        assert!(only_sq.is_empty(), "missing in en: {only_sq:?}");
        for (id, vars) in &en {
            assert_eq!(vars, &sq[id], "variables of {id} differ");
        }
        assert!(en.len() > 20, "the catalogue looks truncated: {}", en.len());
    }

    #[test]
    fn albanian_plurals_use_one_and_other() {
        let c = Catalogues::load().unwrap();
        let one = c.text(
            Lang::Sq,
            "dashboard-unpaid-count",
            &[("count", 1usize.into())],
        );
        let many = c.text(
            Lang::Sq,
            "dashboard-unpaid-count",
            &[("count", 3usize.into())],
        );
        assert_ne!(one, many);
        assert!(one.contains('1') && many.contains('3'));
        let en_one = c.text(
            Lang::En,
            "dashboard-unpaid-count",
            &[("count", 1usize.into())],
        );
        assert!(
            en_one.contains("1 unpaid invoice") && !en_one.contains("invoices"),
            "{en_one}"
        );
    }

    #[test]
    fn ui_catalogue_keeps_variable_markers() {
        let c = Catalogues::load().unwrap();
        let all = c.all_texts(Lang::Sq);
        assert_eq!(all["footer-version"], "Versioni {version}");
        assert_eq!(all["signin-title"], "Hyni në Panelin e Klientit");
    }

    #[test]
    fn unknown_ids_show_themselves() {
        let c = Catalogues::load().unwrap();
        assert_eq!(c.text(Lang::En, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn system_locale_picks_albanian_for_sq() {
        assert_eq!(Lang::from_system_locale("sq_AL.UTF-8"), Lang::Sq);
        assert_eq!(Lang::from_system_locale("sq"), Lang::Sq);
        assert_eq!(Lang::from_system_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_system_locale("C"), Lang::En);
    }
}
