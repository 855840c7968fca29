//! Owns the translation review: every message id with its English and Albanian text side by
//! side, which ones are missing or the same as the English, and the screen each one shows on
//! (for reviewers checking the two languages, offline).

use l10n::{Catalogues, Lang};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewRow {
    pub id: String,
    pub en: String,
    pub sq: String,
    /// `ok`, `missing` (no Albanian text) or `identical` (the same as the English).
    pub state: &'static str,
    /// The screen it shows on, when one screen holds it (`error-*` show on many).
    pub screen: Option<&'static str>,
    /// The screen's name for people, in English and Albanian.
    pub screen_en: Option<String>,
    pub screen_sq: Option<String>,
}

/// The screen a message belongs to, from its id's prefix.
pub fn screen_of(id: &str) -> Option<&'static str> {
    let prefix = id.split('-').next().unwrap_or_default();
    Some(match prefix {
        "signin" | "account" => "signin",
        "reset" => "reset",
        "twofa" => "twofa",
        "dashboard" | "offline" => "dashboard",
        "invoices" | "filter" | "col" | "export" | "csv" | "mass" | "pdfs" => "invoices",
        "invoice" | "status" | "pay" | "cycle" | "pending" | "pdf" => "invoice",
        "all" | "accounts" => "all-accounts",
        "payment" | "checkout" => "payment",
        "help" => "help",
        "settings" => "settings",
        "review" => "review",
        "add" => "add-funds",
        "quotes" => "quotes",
        "quote" => "quote",
        "statement" => "statement",
        _ => return None,
    })
}

/// The message naming a screen for people (the review's "Screen" column and its links).
pub fn screen_name_id(screen: &str) -> &'static str {
    match screen {
        "signin" => "signin-title",
        "reset" => "reset-title",
        "twofa" => "twofa-title",
        "dashboard" => "nav-dashboard",
        "invoices" => "nav-invoices",
        "invoice" => "review-screen-invoice",
        "payment" => "payment-title",
        "help" => "nav-help",
        "settings" => "nav-settings",
        "review" => "review-title",
        "all-accounts" => "accounts-all",
        "add-funds" => "add-funds-title",
        "quotes" => "quotes-title",
        "quote" => "review-screen-quote",
        "statement" => "statement-title",
        _ => "review-screen-other",
    }
}

/// The rows for two catalogues' texts (id -> text), every id of either, in id order.
pub fn rows_from(en: &BTreeMap<String, String>, sq: &BTreeMap<String, String>) -> Vec<ReviewRow> {
    let mut ids: Vec<&String> = en.keys().chain(sq.keys()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .map(|id| {
            let english = en.get(id).cloned().unwrap_or_default();
            let albanian = sq.get(id).cloned().unwrap_or_default();
            let state = if albanian.trim().is_empty() {
                "missing"
            } else if albanian.trim() == english.trim() {
                "identical"
            } else {
                "ok"
            };
            let screen = screen_of(id);
            let name = |texts: &BTreeMap<String, String>| {
                screen.and_then(|s| texts.get(screen_name_id(s)).cloned())
            };
            ReviewRow {
                id: id.clone(),
                en: english,
                sq: albanian,
                state,
                screen,
                screen_en: name(en),
                screen_sq: name(sq),
            }
        })
        .collect()
}

pub fn rows(c: &Catalogues) -> Vec<ReviewRow> {
    let mut rows = rows_from(&c.all_texts(Lang::En), &c.all_texts(Lang::Sq));
    // A message choosing by a count reads differently for 0, 1 and more: every variant is
    // shown, one line each, with the count it was written for.
    for row in rows.iter_mut() {
        if let Some(en) = count_samples(c, Lang::En, &row.id) {
            row.en = en;
        }
        if let Some(sq) = count_samples(c, Lang::Sq, &row.id) {
            row.sq = sq;
        }
    }
    rows
}

/// The counts a selector message is shown with in the review.
const SAMPLE_COUNTS: [usize; 4] = [0, 1, 2, 1234];

/// `id` formatted with each sample count ("0 → …", one line each), other variables left as
/// `{name}`; None when the message does not choose by a count.
fn count_samples(c: &Catalogues, lang: Lang, id: &str) -> Option<String> {
    let choosers = l10n::count_selectors(lang).remove(id)?;
    let vars = l10n::message_variables(lang).remove(id).unwrap_or_default();
    let lines: Vec<String> = SAMPLE_COUNTS
        .iter()
        .map(|n| {
            let args: Vec<(&str, l10n::Arg)> = vars
                .iter()
                .map(|v| {
                    let value = if choosers.contains(v) {
                        l10n::Arg::from(*n)
                    } else {
                        l10n::Arg::from(format!("{{{v}}}"))
                    };
                    (v.as_str(), value)
                })
                .collect();
            format!("{n} → {}", c.text(lang, id, &args))
        })
        .collect();
    Some(lines.join("\n"))
}

/// The table as CSV, headers in `lang`.
pub fn csv(c: &Catalogues, lang: Lang, rows: &[ReviewRow]) -> String {
    let header: Vec<String> = [
        "review-col-id",
        "review-col-en",
        "review-col-sq",
        "review-col-state",
        "review-col-screen",
    ]
    .iter()
    .map(|id| c.text(lang, id, &[]))
    .collect();
    crate::export::table(
        &header,
        rows.iter().map(|r| {
            vec![
                r.id.clone(),
                r.en.clone(),
                r.sq.clone(),
                c.text(lang, &format!("review-state-{}", r.state), &[]),
                r.screen
                    .map(|screen| c.text(lang, screen_name_id(screen), &[]))
                    .unwrap_or_default(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn missing_and_identical_texts_are_marked() {
        let rows = rows_from(
            &map(&[
                ("invoice-pdf", "PDF"),
                ("signin-title", "Sign in"),
                ("help-title", "Help"),
            ]),
            &map(&[
                ("invoice-pdf", "PDF"),
                ("signin-title", "Hyr"),
                ("help-title", " "),
                ("only-sq", "Vetëm"),
            ]),
        );
        let state: Vec<(&str, &str)> = rows.iter().map(|r| (r.id.as_str(), r.state)).collect();
        assert_eq!(
            state,
            vec![
                ("help-title", "missing"),
                ("invoice-pdf", "identical"),
                ("only-sq", "ok"),
                ("signin-title", "ok"),
            ]
        );
        assert_eq!(rows[0].screen, Some("help"));
        assert_eq!(rows[2].screen, None);
    }

    #[test]
    fn every_message_of_the_app_has_a_row_and_its_screen_exists() {
        let c = Catalogues::load().unwrap();
        let rows = rows(&c);
        assert_eq!(rows.len(), l10n::message_ids(Lang::En).len());
        let screens = [
            "signin",
            "reset",
            "twofa",
            "dashboard",
            "invoices",
            "invoice",
            "payment",
            "help",
            "settings",
            "review",
            "all-accounts",
            "add-funds",
            "quotes",
            "quote",
            "statement",
        ];
        for r in &rows {
            if let Some(s) = r.screen {
                assert!(screens.contains(&s), "{} -> {s}", r.id);
            }
            assert!(!r.en.is_empty(), "{} has no English", r.id);
        }
        // The app's own catalogues are complete today.
        assert!(rows.iter().all(|r| r.state != "missing"));
    }

    #[test]
    fn a_counted_message_shows_every_variant() {
        let c = Catalogues::load().unwrap();
        let all = rows(&c);
        let row = all.iter().find(|r| r.id == "export-csv-done").unwrap();
        let en: Vec<&str> = row.en.lines().collect();
        assert_eq!(en.len(), 4, "{:?}", row.en);
        assert_eq!(en[1], "1 → Saved 1 invoice to {path}.");
        assert_eq!(en[2], "2 → Saved 2 invoices to {path}.");
        assert_eq!(en[3], "1234 → Saved 1,234 invoices to {path}.");
        assert!(row.sq.contains("1 → U ruajt 1 faturë"), "{}", row.sq);
    }

    #[test]
    fn the_table_exports_as_csv() {
        let c = Catalogues::load().unwrap();
        let rows = rows_from(
            &map(&[("signin-title", "Sign in, \"now\"")]),
            &map(&[("signin-title", "Hyr")]),
        );
        let back = crate::export::tests::parse(&csv(&c, Lang::En, &rows));
        assert_eq!(
            back[1],
            vec![
                "signin-title",
                "Sign in, \"now\"",
                "Hyr",
                "Translated",
                // The screen by its name, never its internal id.
                "Sign in to your Client Portal"
            ]
        );
    }
}
