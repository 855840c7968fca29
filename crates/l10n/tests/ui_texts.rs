//! Every visible text of the UI comes from a message id: the HTML carries no text of its own,
//! the script never writes a literal into the page, and every id it names exists in both
//! languages.

use l10n::{message_ids, Lang};
use scraper::{Html, Node};
use std::collections::BTreeSet;

fn ui(file: &str) -> String {
    std::fs::read_to_string(format!("{}/../../ui/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The UI's script: every ES module under `ui/` (the screens in `ui/screens/`), with its path.
fn scripts() -> Vec<(String, String)> {
    let root = std::path::PathBuf::from(format!("{}/../../ui", env!("CARGO_MANIFEST_DIR")));
    let mut found = vec![];
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "js") {
                let name = path.strip_prefix(&root).unwrap().display().to_string();
                found.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    found.sort();
    assert!(
        found.len() > 5,
        "the UI's modules were not found: {found:?}"
    );
    found
}

#[test]
fn the_html_has_no_text_of_its_own() {
    let doc = Html::parse_document(&ui("index.html"));
    let mut stray = vec![];
    for node in doc.tree.nodes() {
        if let Node::Text(text) = node.value() {
            if !text.trim().is_empty() {
                stray.push(text.trim().to_owned());
            }
        }
    }
    assert!(
        stray.is_empty(),
        "text in index.html not from a message id: {stray:?}"
    );
    let ids = message_ids(Lang::En);
    for el in doc.select(&scraper::Selector::parse("[data-i18n]").unwrap()) {
        let id = el.value().attr("data-i18n").unwrap();
        assert!(
            ids.contains(&id.to_owned()),
            "unknown id {id} in index.html"
        );
    }
}

/// The string literals passed to `t(...)` in the UI's script.
fn ids_used_by_script(script: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let bytes = script.as_bytes();
    for (at, _) in script.match_indices("t('") {
        // `t(` as a call of its own, not the end of `split(` or `.t(`.
        let before = at.checked_sub(1).map(|i| bytes[i] as char);
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let rest = &script[at + 3..];
        if let Some(end) = rest.find('\'') {
            ids.insert(rest[..end].to_owned());
        }
    }
    ids
}

#[test]
fn the_script_names_only_existing_ids_and_writes_no_literal_text() {
    let en: BTreeSet<String> = message_ids(Lang::En).into_iter().collect();
    let sq: BTreeSet<String> = message_ids(Lang::Sq).into_iter().collect();
    let all: String = scripts().into_iter().map(|(_, text)| text).collect();
    let used = ids_used_by_script(&all);
    assert!(used.len() > 40, "too few ids found: the scan is broken");
    for id in &used {
        assert!(
            en.contains(id) && sq.contains(id),
            "the UI uses {id}, missing in a catalogue"
        );
    }
    for (file, script) in scripts() {
        for forbidden in [
            "text: '",
            "text: \"",
            // A template literal is literal text too, whatever it interpolates.
            "text: `",
            "textContent = `",
            "textContent = '",
            "textContent = \"",
            "innerHTML",
        ] {
            for (n, line) in script.lines().enumerate() {
                let cleaned = line.replace("text: ''", "").replace("textContent = ''", "");
                assert!(
                    !cleaned.contains(forbidden),
                    "ui/{file} line {} writes literal text or HTML: {line}",
                    n + 1
                );
            }
        }
    }
    // Ids built from a prefix must exist for every value the script uses.
    for prefix in ["signin-portal-", "filter-", "lang-", "help-step-"] {
        assert!(en.iter().any(|id| id.starts_with(prefix)), "{prefix}*");
    }
    for id in [
        "signin-portal-jitops",
        "signin-portal-other",
        "signin-portal-demo",
        "filter-unpaid",
        "filter-overdue",
        "filter-paid",
        "filter-all",
        "lang-en",
        "lang-sq",
    ] {
        assert!(en.contains(id) && sq.contains(id), "{id}");
    }
    for n in 1..=6 {
        assert!(en.contains(&format!("help-step-{n}")));
    }
}

/// Every source file of the app that can name a message: the UI script and page, and the Rust
/// of the crates and the shell.
fn sources() -> Vec<String> {
    let root = format!("{}/../..", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = scripts().into_iter().map(|(_, text)| text).collect();
    files.push(ui("index.html"));
    let mut dirs = vec![
        std::path::PathBuf::from(format!("{root}/src-tauri")),
        std::path::PathBuf::from(format!("{root}/crates")),
    ];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("target") && !path.ends_with("tests") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

/// The message-id prefixes the sources build names from: `t(`payment-${phase}`)` in the
/// script, `format!("error-{kind}")` in Rust.
fn built_prefixes(sources: &[String]) -> BTreeSet<String> {
    let mut prefixes = BTreeSet::new();
    for text in sources {
        for (open, close) in [("`", "${"), ("\"", "{")] {
            for (at, _) in text.match_indices(close) {
                let before = &text[..at];
                let Some(start) = before.rfind(open) else {
                    continue;
                };
                let prefix = &before[start + 1..];
                if !prefix.is_empty()
                    && prefix.ends_with('-')
                    && prefix
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    prefixes.insert(prefix.to_owned());
                }
            }
        }
    }
    prefixes
}

#[test]
fn every_message_is_used_somewhere() {
    let sources = sources();
    let prefixes = built_prefixes(&sources);
    assert!(
        prefixes.contains("error-"),
        "the scan is broken: {prefixes:?}"
    );
    let unused: Vec<String> = message_ids(Lang::En)
        .into_iter()
        .filter(|id| {
            let quoted = [
                format!("'{id}'"),
                format!("\"{id}\""),
                format!("`{id}`"),
                // index.html's attributes: `data-i18n-attr="aria-label:<id>"`.
                format!(":{id}\""),
                format!(":{id};"),
            ];
            !sources
                .iter()
                .any(|text| quoted.iter().any(|q| text.contains(q.as_str())))
                && !prefixes.iter().any(|p| id.starts_with(p.as_str()))
        })
        .collect();
    assert!(unused.is_empty(), "messages nothing shows: {unused:?}");
}
