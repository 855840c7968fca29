//! What a start parses: the UI modules `ui/app.js` imports, directly or not, before the first
//! screen is drawn. The sign-in screens come with them; every other screen is loaded by the
//! router when it is asked for (`import()` in `ui/router.js`), so a start parses about a third
//! of the app's script (bench/START-UP.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn ui_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

/// Every module under `ui/`, by its path from there (`screens/signin.js`), with its text.
fn modules() -> BTreeMap<String, String> {
    let root = ui_root();
    let found: BTreeMap<String, String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|entry| entry.unwrap().into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "js"))
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap().to_string_lossy();
            (
                name.replace('\\', "/"),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    assert!(found.len() > 5, "the UI's modules were not found");
    found
}

/// `spec` (`../dom.js`) seen from the module `from` (`screens/signin.js`): `dom.js`.
fn resolve(from: &str, spec: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for piece in spec.split('/') {
        match piece {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The modules `text` imports statically: each statement that starts a line with `import `
/// (over one line or several) up to its `from '…'`.
fn static_imports(text: &str) -> Vec<String> {
    let mut found = vec![];
    for (at, _) in text.match_indices("import ") {
        if at > 0 && !text[..at].ends_with('\n') {
            continue;
        }
        let rest = &text[at + "import ".len()..];
        let statement = &rest[..rest.find(';').unwrap_or(rest.len())];
        if let Some(from) = statement.find("from '") {
            let spec = &statement[from + "from '".len()..];
            found.push(spec[..spec.find('\'').unwrap()].to_owned());
        }
    }
    found
}

/// The modules `text` loads when asked (`import('…')`).
fn loaded_when_asked(text: &str) -> Vec<String> {
    text.match_indices("import('")
        .map(|(at, _)| {
            let spec = &text[at + "import('".len()..];
            spec[..spec.find('\'').unwrap()].to_owned()
        })
        .collect()
}

/// `roots` and every module they import, directly or not.
fn with_imports(modules: &BTreeMap<String, String>, roots: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = roots;
    while let Some(name) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let text = modules
            .get(&name)
            .unwrap_or_else(|| panic!("{name} is imported but not in ui/"));
        for spec in static_imports(text) {
            queue.push(resolve(&name, &spec));
        }
    }
    seen
}

/// `app.js` and every module it imports, directly or not.
fn parsed_at_start(modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    with_imports(modules, vec!["app.js".to_owned()])
}

#[test]
fn a_start_parses_the_sign_in_screens_and_no_other() {
    let modules = modules();
    let at_start = parsed_at_start(&modules);
    assert!(
        at_start.contains("router.js") && at_start.contains("screens/signin.js"),
        "the start's modules were not read: {at_start:?}"
    );
    let other_screens: Vec<_> = at_start
        .iter()
        .filter(|m| m.starts_with("screens/") && *m != "screens/signin.js")
        .collect();
    assert!(
        other_screens.is_empty(),
        "imported before the first screen is drawn, so parsed at every start: {other_screens:?}"
    );
}

#[test]
fn every_screen_is_loaded_by_the_start_or_when_asked() {
    let modules = modules();
    let mut roots = vec!["app.js".to_owned()];
    for (name, text) in &modules {
        roots.extend(
            loaded_when_asked(text)
                .iter()
                .map(|spec| resolve(name, spec)),
        );
    }
    let reached = with_imports(&modules, roots);
    let lost: Vec<_> = modules.keys().filter(|m| !reached.contains(*m)).collect();
    assert!(lost.is_empty(), "modules nothing loads: {lost:?}");
}

#[test]
fn imports_are_read_as_the_browser_reads_them() {
    let text = "// import { x } from './no.js';\nimport { a } from './a.js';\nimport {\n  b,\n  c,\n} from '../b.js';\nconst d = () => import('./screens/d.js');\n";
    assert_eq!(static_imports(text), ["./a.js", "../b.js"]);
    assert_eq!(loaded_when_asked(text), ["./screens/d.js"]);
    assert_eq!(resolve("screens/signin.js", "../dom.js"), "dom.js");
    assert_eq!(
        resolve("app.js", "./screens/signin.js"),
        "screens/signin.js"
    );
}
