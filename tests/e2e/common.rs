//! What the scenarios share: opening an invoice, paying and following it, the language pass
//! over a screen, the demo portal's controls, and reading the files the app wrote.

use crate::harness::{self, fill_card, switch_to_checkout, App};

/// Closes the checkout window the way a person does, and waits for the app to say what the
/// portal said: no payment so far, and not to pay again before the usual time.
pub async fn close_checkout_and_see_it_checked(app: &App, main: fantoccini::wd::WindowHandle) {
    app.close_window_like_a_person("Secure payment");
    app.back_to_main_after_checkout(main).await;
    app.wait_for("#payment-panel.phase-not-seen-yet #payment-bar")
        .await;
    let message = app.text("#payment-message").await;
    assert!(
        message.starts_with("The portal shows no payment for this invoice so far.")
            && message.contains("do not pay again"),
        "{message}"
    );
}

pub async fn open_invoice(app: &App, id: u64) {
    app.click("#nav-invoices").await;
    app.wait_screen("invoices").await;
    app.click("#filter-all").await;
    app.wait_for("#filter-all[aria-pressed='true']").await;
    app.wait_for("#invoice-table[data-complete='true']").await;
    app.click(&format!("tr[data-id='{id}'] td")).await;
    app.wait_screen("invoice").await;
    app.wait_for("#invoice-status").await;
}

/// A screen never shows a JavaScript placeholder ("null", "undefined", "NaN", "[object") where
/// a text should be.
pub async fn no_leaked_placeholders(app: &App, name: &str) {
    let shown = app.js("return document.body.innerText").await;
    let shown = shown.as_str().unwrap_or_default();
    for word in ["null", "undefined", "NaN", "[object"] {
        assert!(
            !shown
                .split(|c: char| c.is_whitespace())
                .any(|w| w == word || (word == "[object" && w.starts_with(word))),
            "{name}: the screen shows {word:?}: {shown}"
        );
    }
}

/// The window itself never scrolls: only the screen's own area (`#main`) does. A page taller
/// than the window by even one pixel gets WebKit's overlay scrollbar, painted fading in and out
/// (60 frames a second for about 3 s) after every change on screen: CPU spent while the person
/// does nothing (`make bench`'s idle row).
pub async fn window_does_not_scroll(app: &App, name: &str) {
    let sizes = app
        .js("const d = document.documentElement; return [d.scrollWidth, d.scrollHeight, innerWidth, innerHeight];")
        .await;
    let [width, height, window_width, window_height] =
        serde_json::from_value::<[u64; 4]>(sizes).expect("four sizes");
    assert!(
        width <= window_width && height <= window_height,
        "{name}: the page is {width}x{height} px in a {window_width}x{window_height} window: it scrolls"
    );
}

/// Toggles the language on the current screen and saves a screenshot in each language; checks
/// that the screen stayed and its heading changed language.
pub async fn both_languages(app: &App, name: &str) {
    let screen = app.screen().await;
    no_leaked_placeholders(app, name).await;
    window_does_not_scroll(app, name).await;
    let heading_en = app.text("#main h1").await;
    app.screenshot(&format!("{name}-en")).await;
    app.click("#lang-sq").await;
    app.wait_for("#lang-sq[aria-pressed='true']").await;
    assert_eq!(
        app.screen().await,
        screen,
        "the toggle kept the user on {screen}"
    );
    app.wait_screen(&screen).await;
    let heading_sq = app
        .wait_text("#main h1", "an Albanian heading", |t| {
            !t.is_empty() && t != heading_en
        })
        .await;
    assert_ne!(
        heading_sq, heading_en,
        "{name}: the heading did not change language"
    );
    app.screenshot(&format!("{name}-sq")).await;
    window_does_not_scroll(app, &format!("{name} in Albanian")).await;
    // No English text of the app's own is left on the Albanian screen: a visible line that is
    // an English message (one that reads differently in Albanian) fails.
    let left = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             const invoke = window.__TAURI__.core.invoke;\
             Promise.all([invoke('catalog', { lang: 'en' }), invoke('catalog', { lang: 'sq' })]).then(([en, sq]) => {\
               const albanian = new Set(Object.values(sq).map((x) => x.trim()));\
               const english = new Set(Object.keys(en).filter((id) => en[id] !== sq[id] && !en[id].includes('{') && !albanian.has(en[id].trim())).map((id) => en[id].trim()));\
               const lines = document.body.innerText.split('\\n').map((l) => l.trim()).filter(Boolean);\
               done(lines.filter((l) => english.has(l)));\
             }, (e) => done(['error: ' + e]));",
            vec![],
        )
        .await
        .expect("the check runs");
    assert_eq!(
        left,
        serde_json::json!([]),
        "{name}: English left on the Albanian screen"
    );
    app.click("#lang-en").await;
    app.wait_for("#lang-en[aria-pressed='true']").await;
    app.wait_text("#main h1", "the English heading back", |t| t == heading_en)
        .await;
    app.wait_screen(&screen).await;
}

/// A page of the embedded demo portal's controls, straight (no proxy a machine may name).
pub async fn demo_get(port: u16, path: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client")
        .get(format!("http://127.0.0.1:{port}{path}"))
        .send()
        .await
        .expect("the demo portal")
}

/// The session values the embedded demo portal holds (`/demo/sessions.php`).
pub async fn demo_sessions(port: u16) -> Vec<String> {
    let body = demo_get(port, "/demo/sessions.php")
        .await
        .text()
        .await
        .expect("its answer");
    body.lines()
        .map(str::to_owned)
        .filter(|l| l.len() >= 8)
        .collect()
}

/// Every file under `dir` whose bytes contain one of `secrets`, with the secret found.
pub fn files_holding(dir: &std::path::Path, secrets: &[String]) -> Vec<String> {
    let mut found = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let text = String::from_utf8_lossy(&bytes);
                for secret in secrets {
                    if text.contains(secret.as_str()) {
                        found.push(format!("{} holds {secret:?}", path.display()));
                    }
                }
            }
        }
    }
    found
}

/// From the Dashboard's "Payments being confirmed": opens 1003's progress and waits for Paid.
pub async fn follow_1003_to_paid(app: &App) {
    app.click("#pending-1003").await;
    app.wait_screen("payment").await;
    app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
        .await;
}

/// The files named `name` under `dir`.
pub fn files_named(dir: &std::path::Path, name: &str) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("target") {
            found.extend(files_named(&path, name));
        } else if entry.file_name() == name {
            found.push(path);
        }
    }
    found
}

/// Opens invoice `id` and presses "Make One Off Payment": the driver is left on the checkout
/// window; the main window's handle is answered.
pub async fn pay_one_off_in_checkout(app: &App, id: u64) -> fantoccini::wd::WindowHandle {
    open_invoice(app, id).await;
    app.click("#pay-one-off").await;
    switch_to_checkout(app).await
}

/// Pays 1003 with the test card in the checkout window of a processor whose direct return is
/// off: the window stays on the processor's receipt, the driver on it.
pub async fn pay_and_stay_on_the_receipt(app: &App) -> fantoccini::wd::WindowHandle {
    let main = pay_one_off_in_checkout(app, 1003).await;
    fill_card(app, demo_portal::TEST_CARD_OK).await;
    app.click("#pay-button").await;
    app.wait_for("#receipt-title").await;
    main
}

/// Asks `probe` until it answers, for up to 30 s (`test_support::wait`); `what` names the wait
/// in the failure.
pub async fn wait_until<T, F, Fut>(what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    test_support::wait::until(what, std::time::Duration::from_secs(30), probe).await
}

/// Turns the embedded demo portal's fault knobs while the app runs (`/demo/faults.php`).
pub async fn demo_faults(port: u16, query: &str) {
    let answer = demo_get(port, &format!("/demo/faults.php?{query}")).await;
    assert!(answer.status().is_success(), "{answer:?}");
}

/// axe-core on the current screen in English, then in Albanian, then back.
pub async fn audit_both(app: &App, name: &str) {
    // Each language's screen audited once drawn, and the screen left drawn: the switch
    // redraws it, and the caller's next step needs it whole.
    let screen = app.screen().await;
    app.audit(&format!("{name} (en)")).await;
    app.click("#lang-sq").await;
    app.wait_for("#lang-sq[aria-pressed='true']").await;
    app.wait_screen(&screen).await;
    app.audit(&format!("{name} (sq)")).await;
    app.click("#lang-en").await;
    app.wait_for("#lang-en[aria-pressed='true']").await;
    app.wait_screen(&screen).await;
}

/// The saved copies (`<data>/…/offline/*.json`) under `dir`.
pub fn saved_copies(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(saved_copies(&path));
        } else if path.parent().is_some_and(|p| p.ends_with("offline"))
            && path.extension().is_some_and(|e| e == "json")
        {
            found.push(path);
        }
    }
    found
}

pub const TAB: &str = "\u{E004}";

pub const ENTER: &str = "\u{E007}";

pub const PAGE_UP: &str = "\u{E00E}";

pub const END: &str = "\u{E010}";

pub const HOME: &str = "\u{E011}";

pub const ARROW_DOWN: &str = "\u{E015}";

/// Chooses `value` in the `<select>` `css` as a person does from its list.
pub async fn choose(app: &App, css: &str, value: &str) {
    app.wait_for(css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in {css}: {e}"));
}

/// Waits until a window whose title starts with `prefix` is on the display.
pub async fn wait_window_titled(prefix: &str) -> String {
    let titled = || async {
        harness::window_titles()
            .into_iter()
            .find(|t| t.starts_with(prefix))
    };
    let explain = || format!("no window titled {prefix}…: {:?}", harness::window_titles());
    test_support::wait::until_or(std::time::Duration::from_secs(20), titled, explain).await
}

pub const GATEWAYS: (&str, &str) = ("JITOPS_DEMO_GATEWAYS", "tco,paypal,banktransfer");
