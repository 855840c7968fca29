//! End-to-end tests: the real debug build in a real window, driven through tauri-driver and
//! WebKitWebDriver. Run them with `make e2e` (they need a display, a session bus and a keyring;
//! plain `cargo test` skips them).

mod desktop;
mod harness;
mod tray;

use harness::{fill_card, switch_to_checkout, App};

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn starts_on_the_sign_in_screen_in_english() {
    harness::scenario("starts_on_the_sign_in_screen_in_english", || async {
        let app = App::start().await;
        app.wait_screen("signin").await;
        assert_eq!(
            app.text("#signin-form h1").await,
            "Sign in to your Client Portal"
        );
        assert_eq!(app.js("return document.documentElement.lang").await, "en");
        assert_eq!(app.text("#signin-submit").await, "Sign in");
        app.screenshot("signin-en").await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_language_toggle_switches_to_albanian_and_back_in_place() {
    harness::scenario(
        "the_language_toggle_switches_to_albanian_and_back_in_place",
        || async {
            let app = App::start().await;
            app.wait_screen("signin").await;
            app.type_into("#email", "kept@example.com").await;
            app.click("#lang-sq").await;
            app.wait_text("#signin-form h1", "the Albanian title", |t| {
                t == "Hyni në Panelin e Klientit"
            })
            .await;
            assert_eq!(app.js("return document.documentElement.lang").await, "sq");
            assert_eq!(app.text("#signin-submit").await, "Hyni");
            assert_eq!(app.text("label[for=password]").await, "Fjalëkalimi");
            app.screenshot("signin-sq").await;
            app.click("#lang-en").await;
            app.wait_text("#signin-form h1", "the English title", |t| {
                t == "Sign in to your Client Portal"
            })
            .await;
            assert_eq!(app.js("return document.documentElement.lang").await, "en");
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_version_in_the_footer_comes_from_rust() {
    harness::scenario("the_version_in_the_footer_comes_from_rust", || async {
        let app = App::start().await;
        let footer = app
            .wait_text("#version", "the version", |t| !t.is_empty())
            .await;
        assert_eq!(footer, format!("Version {}", env!("CARGO_PKG_VERSION")));
        app.click("#lang-sq").await;
        app.wait_text("#version", "the Albanian footer", |t| {
            t == format!("Versioni {}", env!("CARGO_PKG_VERSION"))
        })
        .await;
        app.close().await;
    })
    .await;
}

/// Closes the checkout window the way a person does, and waits for the app to say what the
/// portal said: no payment so far, and not to pay again before the usual time.
async fn close_checkout_and_see_it_checked(app: &App, main: fantoccini::wd::WindowHandle) {
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

async fn open_invoice(app: &App, id: u64) {
    app.click("#nav-invoices").await;
    app.wait_screen("invoices").await;
    app.click("#filter-all").await;
    app.wait_for("#filter-all[aria-pressed='true']").await;
    app.wait_for("#invoice-table[data-complete='true']").await;
    app.click(&format!("tr[data-id='{id}'] td")).await;
    app.wait_screen("invoice").await;
    app.wait_for("#invoice-status").await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn pays_an_invoice_once_in_the_checkout_window_until_paid() {
    harness::scenario(
        "pays_an_invoice_once_in_the_checkout_window_until_paid",
        || async {
            let app =
                App::signed_in_with("demo@jitops.example", &[("JITOPS_DEMO_NOTIFY_DELAY", "3")])
                    .await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            open_invoice(&app, 1003).await;
            assert_eq!(app.text("#invoice-status").await, "Unpaid");
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            let pay = app.text("#pay-button").await;
            assert!(pay.starts_with("Pay €") && pay.contains("11.99"), "{pay}");
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            // The processor sends the window back to the portal: it closes by itself.
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            // The badge follows the portal without a manual refresh.
            app.wait_text("#invoices-badge", "3 unpaid on the badge", |t| t == "3")
                .await;
            both_languages(&app, "screen-payment-paid").await;
            app.click("#payment-dashboard").await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "3 unpaid", |t| t == "3")
                .await;
            app.close().await;
        },
    )
    .await;
}

/// A screen never shows a JavaScript placeholder ("null", "undefined", "NaN", "[object") where
/// a text should be.
async fn no_leaked_placeholders(app: &App, name: &str) {
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

/// Toggles the language on the current screen and saves a screenshot in each language; checks
/// that the screen stayed and its heading changed language.
async fn both_languages(app: &App, name: &str) {
    let screen = app.screen().await;
    no_leaked_placeholders(app, name).await;
    let heading_en = app.text("#main h1").await;
    app.screenshot(&format!("{name}-en")).await;
    app.click("#lang-sq").await;
    app.wait_for("#lang-sq[aria-pressed='true']").await;
    assert_eq!(
        app.screen().await,
        screen,
        "the toggle kept the user on {screen}"
    );
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
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn every_screen_renders_in_both_languages() {
    harness::scenario("every_screen_renders_in_both_languages", || async {
        let app = App::start().await;
        app.wait_screen("signin").await;
        both_languages(&app, "screen-signin").await;
        app.click("#forgot").await;
        app.wait_screen("reset").await;
        both_languages(&app, "screen-reset").await;
        app.click("#reset-back").await;
        app.sign_in_demo("demo@jitops.example", "demo", false).await;
        app.wait_screen("dashboard").await;
        app.wait_text("#unpaid-count", "the count", |t| t == "4")
            .await;
        both_languages(&app, "screen-dashboard").await;
        // The badge and the overdue figures are the portal's numbers, in words of each language.
        assert_eq!(app.text("#invoices-badge").await, "4");
        assert_eq!(app.text("#unpaid-text").await, "4 unpaid invoices");
        assert_eq!(app.text("#overdue-text").await, "2 overdue");
        app.click("#nav-invoices").await;
        app.wait_screen("invoices").await;
        app.wait_for("#invoice-table[data-complete='true']").await;
        both_languages(&app, "screen-invoices").await;
        // Unpaid first by due date: the two overdue ones lead, highlighted.
        let first = app.wait_for("#invoice-table tbody tr").await;
        assert_eq!(
            first.attr("class").await.unwrap().unwrap_or_default(),
            "row status-overdue"
        );
        app.click("#lang-sq").await;
        app.wait_text(
            "#invoice-table tbody tr td:nth-child(5)",
            "Albanian status",
            |t| t == "E prapambetur",
        )
        .await;
        app.click("#lang-en").await;
        app.wait_for("#lang-en[aria-pressed='true']").await;
        // The list the person asked for in English is drawn anew: its rows are there once it
        // says it is complete.
        app.wait_for("#invoice-table[data-complete='true'] tr[data-id='1003']")
            .await;
        // Keyboard: focus a row and open it with Enter; Esc goes back.
        app.js("document.querySelector(\"tr[data-id='1003']\").focus()")
            .await;
        app.wait_for("tr[data-id='1003']")
            .await
            .send_keys("\u{E007}")
            .await
            .expect("Enter");
        app.wait_screen("invoice").await;
        app.wait_for("#pay-one-off").await;
        both_languages(&app, "screen-invoice").await;
        app.wait_for("#invoice-title")
            .await
            .send_keys("\u{E00C}")
            .await
            .ok();
        app.js("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
            .await;
        app.wait_screen("invoices").await;
        app.click("#nav-help").await;
        app.wait_screen("help").await;
        both_languages(&app, "screen-help").await;
        assert!(app
            .text("#help-warning")
            .await
            .contains("Never share your card or PayPal details"));
        app.click("#nav-settings").await;
        app.wait_screen("settings").await;
        both_languages(&app, "screen-settings").await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_overdue_invoice_explains_why_there_is_no_subscription() {
    harness::scenario(
        "the_overdue_invoice_explains_why_there_is_no_subscription",
        || async {
            let app = App::signed_in("demo@jitops.example").await;
            open_invoice(&app, 1006).await;
            assert_eq!(app.text("#invoice-status").await, "Overdue");
            app.wait_for("#pay-one-off").await;
            assert!(app
                .client
                .find(fantoccini::Locator::Css("#pay-recurring"))
                .await
                .is_err());
            assert!(app.text("#recurring-withheld").await.contains("overdue"));
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_recurring_monthly_subscription_is_paid_and_followed() {
    harness::scenario(
        "a_recurring_monthly_subscription_is_paid_and_followed",
        || async {
            let app =
                App::signed_in_with("demo@jitops.example", &[("JITOPS_DEMO_NOTIFY_DELAY", "2")])
                    .await;
            app.wait_text("#unpaid-count", "4", |t| t == "4").await;
            open_invoice(&app, 1003).await;
            assert!(app.text("#pay-section").await.contains("monthly"));
            app.click("#pay-recurring").await;
            let main = switch_to_checkout(&app).await;
            assert!(app.text("#order-recurrence").await.contains("1 Month"));
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.click("#payment-dashboard").await;
            app.wait_text("#unpaid-count", "3", |t| t == "3").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_declined_card_shows_the_processors_error_and_closing_leaves_the_invoice_unpaid() {
    harness::scenario(
        "a_declined_card_shows_the_processors_error_and_closing_leaves_the_invoice_unpaid",
        || async {
            // "Not paid" is said only after the usual confirmation time: 20 s here.
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[("JITOPS_DEMO_USUAL_CONFIRMATION", "20")],
            )
            .await;
            open_invoice(&app, 1004).await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            let pay = app.text("#pay-button").await;
            assert!(pay.starts_with("Pay $") && pay.contains("240.00"), "{pay}");
            fill_card(&app, demo_portal::TEST_CARD_DECLINED).await;
            app.click("#pay-button").await;
            assert!(app.text("#checkout-alert").await.contains("declined"));
            app.screenshot("checkout-declined").await;
            // The user gives up and closes the checkout window: the portal is asked, and until
            // the usual time has passed the invoice stays guarded.
            close_checkout_and_see_it_checked(&app, main).await;
            both_languages(&app, "screen-payment-not-seen-yet").await;
            app.wait_for("#payment-panel.phase-not-paid #payment-pay-again")
                .await;
            let message = app.text("#payment-message").await;
            assert!(
                message.starts_with("The portal received no payment for this invoice"),
                "{message}"
            );
            both_languages(&app, "screen-payment-not-paid").await;
            app.click("#payment-back").await;
            app.wait_screen("invoice").await;
            app.wait_text("#invoice-status", "still unpaid", |t| t == "Unpaid")
                .await;
            assert!(
                app.client
                    .find(fantoccini::Locator::Css("#guard"))
                    .await
                    .is_err(),
                "no guard once the portal said nothing was paid"
            );
            app.close().await;
        },
    )
    .await;
}

/// A page of the embedded demo portal's controls, straight (no proxy a machine may name).
async fn demo_get(port: u16, path: &str) -> reqwest::Response {
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
async fn demo_sessions(port: u16) -> Vec<String> {
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
fn files_holding(dir: &std::path::Path, secrets: &[String]) -> Vec<String> {
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

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn remember_me_keeps_the_password_in_the_keyring_only() {
    harness::scenario(
        "remember_me_keeps_the_password_in_the_keyring_only",
        || async {
            // A password that cannot be confused with anything else in the app's files.
            const PASSWORD: &str = "Pw-7f3c9e1d-remember";
            let launch = |port: u16, home: Option<std::path::PathBuf>| harness::Launch {
                args: vec!["--demo".into()],
                env: vec![
                    ("JITOPS_DEMO_PASSWORD".to_owned(), PASSWORD.to_owned()),
                    ("JITOPS_DEMO_NOTIFY_DELAY".to_owned(), "2".to_owned()),
                    ("JITOPS_DEMO_PORTAL_PORT".to_owned(), port.to_string()),
                ],
                home,
            };
            let mut secrets = vec![
                PASSWORD.to_owned(),
                demo_portal::TEST_CARD_OK.replace(' ', ""),
                demo_portal::TEST_CARD_OK.to_owned(),
            ];

            // Sign in with "remember me" and pay with the test card.
            let port = harness::free_port();
            let first = App::launch(launch(port, None)).await;
            let home = first.home.clone();
            first
                .sign_in_demo("demo@jitops.example", "not-the-password", true)
                .await;
            first.wait_for("#error").await;
            first.type_into("#password", PASSWORD).await;
            first.click("#signin-submit").await;
            first.wait_screen("dashboard").await;
            open_invoice(&first, 1003).await;
            first.click("#pay-one-off").await;
            let main = switch_to_checkout(&first).await;
            fill_card(&first, demo_portal::TEST_CARD_OK).await;
            first
                .click_in_checkout_then_return("#pay-button", main)
                .await;
            first
                .wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            secrets.extend(demo_sessions(port).await);
            first.close().await;

            // A restart signs in by itself; then sign out.
            let port = harness::free_port();
            let second = App::launch(launch(port, Some(home.clone()))).await;
            second.wait_screen("dashboard").await;
            second
                .wait_text(
                    "#unpaid-count",
                    "signed in again by itself (a fresh embedded demo: its invoices as at the start)",
                    |t| t == "4",
                )
                .await;
            assert_eq!(
                second.text("#account-label").await,
                "demo@jitops.example (demo)"
            );
            secrets.extend(demo_sessions(port).await);
            second.click("#nav-settings").await;
            second.wait_screen("settings").await;
            // The diagnostics for a support ticket name the problem met (the wrong password),
            // read from the log, and nothing secret (checked with the files below).
            second.click("#copy-diagnostics").await;
            second
                .wait_text("#diagnostics-status", "the copy said", |t| !t.is_empty())
                .await;
            let diagnostics = second
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\
                     window.__TAURI__.core.invoke('diagnostics').then(done, (e) => done('error: ' + JSON.stringify(e)));",
                    vec![],
                )
                .await
                .expect("the diagnostics");
            let diagnostics = diagnostics.as_str().unwrap_or_default().to_owned();
            assert!(
                diagnostics.starts_with("JitOps Billing ") && diagnostics.contains("wrong-credentials"),
                "{diagnostics}"
            );
            for secret in &secrets {
                assert!(!diagnostics.contains(secret.as_str()), "{secret} in {diagnostics}");
            }
            second.click("#signout").await;
            second.wait_screen("signin").await;
            second.close().await;

            // None of it is in the app's data, config, cache or output.
            assert!(
                secrets.len() >= 5,
                "the cookie name and sessions were read: {secrets:?}"
            );
            assert!(home.join("config").exists() && home.join("output.log").exists());
            // The app's own log is among the files read.
            let logs: Vec<_> = std::fs::read_dir(home.join("state/jitops-billing"))
                .expect("the log folder")
                .flatten()
                .collect();
            assert!(!logs.is_empty(), "a log file in the XDG state folder");
            let found = files_holding(&home, &secrets);
            assert!(found.is_empty(), "{found:?}");
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_checkout_window_cannot_call_the_app() {
    harness::scenario("the_checkout_window_cannot_call_the_app", || async {
        let app = App::start().await;
        app.sign_in_demo("demo@jitops.example", "demo", false).await;
        app.wait_screen("dashboard").await;
        open_invoice(&app, 1003).await;
        app.click("#pay-one-off").await;
        let main = switch_to_checkout(&app).await;
        app.wait_for("#card_number").await;
        let title = app.client.title().await.unwrap_or_default();
        assert!(title.contains("2Checkout"), "the processor's page: {title}");
    // The checkout window holds no capability: the app's commands refuse it.
        let refused = app
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 if (!window.__TAURI_INTERNALS__) { done('no-ipc'); return; }\
                 window.__TAURI_INTERNALS__.invoke('app_info').then(() => done('allowed'), (e) => done('refused: ' + e));",
                vec![],
            )
            .await
            .expect("script runs");
        let refused = refused.as_str().unwrap_or_default().to_owned();
        assert!(
            refused.starts_with("refused") || refused == "no-ipc",
            "{refused}"
        );
        close_checkout_and_see_it_checked(&app, main).await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_second_factor_step_in_both_languages() {
    harness::scenario("the_second_factor_step_in_both_languages", || async {
        let app = App::start().await;
        app.sign_in_demo(demo_portal::TWO_FACTOR_EMAIL, "demo", false)
            .await;
        app.wait_screen("twofa").await;
        both_languages(&app, "screen-twofa").await;
        app.type_into("#twofa-code", "000000").await;
        app.click("#twofa-submit").await;
        app.wait_text("#error", "the refusal", |t| {
            t.starts_with("That code was not accepted")
        })
        .await;
        let code = demo_portal::totp::now_code(demo_portal::TOTP_SECRET);
        app.type_into("#twofa-code", &code).await;
        app.click("#twofa-submit").await;
        app.wait_screen("dashboard").await;
        app.wait_text("#unpaid-count", "one unpaid", |t| t == "1")
            .await;
        app.close().await;
    })
    .await;
}

/// From the Dashboard's "Payments being confirmed": opens 1003's progress and waits for Paid.
async fn follow_1003_to_paid(app: &App) {
    app.click("#pending-1003").await;
    app.wait_screen("payment").await;
    app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
        .await;
}

/// The files named `name` under `dir`.
fn files_named(dir: &std::path::Path, name: &str) -> Vec<std::path::PathBuf> {
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

/// Pays 1003 with the test card in the checkout window of a processor whose direct return is
/// off: the window stays on the processor's receipt, the driver on it.
async fn pay_and_stay_on_the_receipt(app: &App) -> fantoccini::wd::WindowHandle {
    open_invoice(app, 1003).await;
    app.click("#pay-one-off").await;
    let main = switch_to_checkout(app).await;
    fill_card(app, demo_portal::TEST_CARD_OK).await;
    app.click("#pay-button").await;
    app.wait_for("#receipt-title").await;
    main
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_forged_failure_flag_after_a_charge_is_checked_at_the_portal() {
    harness::scenario(
        "a_forged_failure_flag_after_a_charge_is_checked_at_the_portal",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[
                    ("JITOPS_DEMO_DIRECT_RETURN", "off"),
                    ("JITOPS_DEMO_NOTIFY_DELAY", "14"),
                ],
            )
            .await;
            let main = pay_and_stay_on_the_receipt(&app).await;
            // A page of the processor's origin sends the window to the portal with the failure
            // flag, after the card was charged.
            app.client
                .execute(
                    "const portal = new URL(document.getElementById('return-link').href).origin;\
                     setTimeout(() => { location.href = portal + '/viewinvoice.php?id=1003&paymentfailed=true'; }, 500);",
                    vec![],
                )
                .await
                .expect("schedule the navigation");
            app.client
                .switch_to_window(main.clone())
                .await
                .expect("back to the main window");
            app.back_to_main_after_checkout(main).await;
            app.wait_for("#payment-panel.phase-failed-unconfirmed #payment-bar")
                .await;
            let message = app.text("#payment-message").await;
            assert!(
                message.contains("do not pay again") && !message.contains("Nothing was charged"),
                "{message}"
            );
            both_languages(&app, "screen-payment-failed-unconfirmed").await;
            // The portal hears from the processor: it was paid after all.
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn paying_then_closing_the_window_on_the_receipt_is_followed_to_paid() {
    harness::scenario(
        "paying_then_closing_the_window_on_the_receipt_is_followed_to_paid",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[
                    ("JITOPS_DEMO_DIRECT_RETURN", "off"),
                    ("JITOPS_DEMO_NOTIFY_DELAY", "15"),
                ],
            )
            .await;
            let main = pay_and_stay_on_the_receipt(&app).await;
            // The processor offers its receipt as a download: refused, said in the main window,
            // and nothing of it stays on the disk.
            let order = app.text("#receipt-order").await;
            app.click("#receipt-download").await;
            app.client
                .switch_to_window(main.clone())
                .await
                .expect("back to the main window");
            let said = app
                .wait_text("#blocked", "the refused download", |t| !t.is_empty())
                .await;
            assert!(
                said.starts_with("The payment window refused a file download from 127.0.0.1"),
                "{said}"
            );
            let receipt = format!("receipt-{order}.pdf");
            let left: Vec<_> = [std::env::current_dir().unwrap(), app.home.clone()]
                .iter()
                .flat_map(|dir| files_named(dir, &receipt))
                .collect();
            assert!(left.is_empty(), "{left:?}");
            let main = switch_to_checkout(&app).await;
            close_checkout_and_see_it_checked(&app, main).await;
            // Listed among the payments being confirmed; its progress is a click away.
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;
            app.wait_for("#pending-payments li[data-invoice='1003']")
                .await;
            follow_1003_to_paid(&app).await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn switching_account_while_the_checkout_is_open_follows_the_paying_account() {
    harness::scenario(
        "switching_account_while_the_checkout_is_open_follows_the_paying_account",
        || async {
            let app =
                App::signed_in_with("demo@jitops.example", &[("JITOPS_DEMO_NOTIFY_DELAY", "12")])
                    .await;
            open_invoice(&app, 1003).await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            // Meanwhile, in the main window, another account is signed in and put on screen.
            app.client
                .switch_to_window(main.clone())
                .await
                .expect("back to the main window");
            app.click("#add-account").await;
            app.sign_in_demo(demo_portal::ACCOUNTANT_EMAIL, "demo", false)
                .await;
            app.wait_screen("dashboard").await;
            app.wait_text("#account-label", "the accountant on screen", |t| {
                t.starts_with("accountant@")
            })
            .await;
            // Back to the checkout window: pay there.
            let main = switch_to_checkout(&app).await;
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            // Followed under the customer who paid, shown with that account's name.
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;
            let row = app
                .wait_text(
                    "#pending-payments li[data-invoice='1003'] strong",
                    "the payment of the other account",
                    |t| !t.is_empty(),
                )
                .await;
            assert_eq!(row, "Invoice 2026-0103 of demo@jitops.example");
            follow_1003_to_paid(&app).await;
            app.close().await;
        },
    )
    .await;
}

// The portal outlives the app here (the embedded demo would die with it): a demo portal of the
// test's own, signed in to as "Another WHMCS portal"; its servers need the runtime's threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_restart_right_after_pay_keeps_the_guard_and_follows_to_paid() {
    harness::scenario(
        "a_restart_right_after_pay_keeps_the_guard_and_follows_to_paid",
        || async {
            let demo = demo_portal::DemoPortal::start(demo_portal::Options {
                direct_return: false,
                notify_delay: std::time::Duration::from_secs(30),
                ..demo_portal::Options::default()
            })
            .await
            .expect("the demo portal starts");
            let first = App::launch(harness::Launch::default()).await;
            first.wait_for("#signin-form").await;
            first.click("#portal-other").await;
            first.type_into("#portal-url", demo.portal_url()).await;
            first.type_into("#email", demo_portal::DEMO_EMAIL).await;
            first.type_into("#password", "demo").await;
            first.click("#remember").await;
            first.click("#signin-submit").await;
            first.wait_screen("dashboard").await;
            let home = first.home.clone();
            pay_and_stay_on_the_receipt(&first).await;
            // The app dies with the window on the processor's receipt: nothing came back.
            first.kill();
            assert_eq!(
                demo.invoice_status(demo_portal::DEMO_EMAIL, 1003),
                Some("Unpaid")
            );
            // A slow portal: the saved copy shows first, and the invoice is opened before the
            // sign-in is restored (it cannot be read offline); once restored, it is read.
            demo.set_faults(demo_portal::Faults {
                latency: std::time::Duration::from_millis(1500),
                ..demo_portal::Faults::default()
            });
            let second = App::launch(harness::Launch {
                home: Some(home),
                ..harness::Launch::default()
            })
            .await;
            second.wait_screen("dashboard").await;
            second
                .wait_for("#pending-payments li[data-invoice='1003']")
                .await;
            open_invoice(&second, 1003).await;
            demo.set_faults(demo_portal::Faults::default());
            let guard = second.text("#guard").await;
            assert!(guard.contains("charge you twice"), "{guard}");
            let button = second.text("#pay-one-off").await;
            assert!(button.starts_with("Pay anyway"), "{button}");
            second.click("#nav-dashboard").await;
            second.wait_screen("dashboard").await;
            follow_1003_to_paid(&second).await;
            assert_eq!(
                demo.invoice_status(demo_portal::DEMO_EMAIL, 1003),
                Some("Paid")
            );
            second.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn cancel_and_return_is_said_not_paid_after_the_usual_time_and_pay_again_opens_the_checkout()
{
    harness::scenario(
        "cancel_and_return_is_said_not_paid_after_the_usual_time_and_pay_again_opens_the_checkout",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[("JITOPS_DEMO_USUAL_CONFIRMATION", "8")],
            )
            .await;
            open_invoice(&app, 1005).await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            // The processor's own way back: the invoice, with no outcome in the address.
            app.click_in_checkout_then_return("#cancel-link", main)
                .await;
            app.wait_screen("payment").await;
            app.wait_for("#payment-panel.phase-not-paid #payment-pay-again")
                .await;
            app.click("#payment-pay-again").await;
            let main = switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            close_checkout_and_see_it_checked(&app, main).await;
            app.wait_for("#payment-panel.phase-not-paid").await;
            app.click("#payment-back").await;
            app.wait_text("#invoice-status", "still overdue", |t| t == "Overdue")
                .await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn when_the_portal_is_slow_to_confirm_the_guidance_shows_and_no_second_payment_is_offered() {
    harness::scenario(
        "when_the_portal_is_slow_to_confirm_the_guidance_shows_and_no_second_payment_is_offered",
        || async {
            // The processor's notification never reaches the demo portal; the app is told the
            // usual confirmation time is 12 s instead of 5 minutes.
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![
                    ("JITOPS_DEMO_NEVER_NOTIFY".into(), "1".into()),
                    ("JITOPS_DEMO_USUAL_CONFIRMATION".into(), "12".into()),
                ],
                ..Default::default()
            })
            .await;
            app.sign_in_demo("demo@jitops.example", "demo", false).await;
            app.wait_screen("dashboard").await;
            open_invoice(&app, 1003).await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_for("#payment-panel.phase-waiting #payment-bar")
                .await;
            both_languages(&app, "screen-payment-waiting").await;
            app.wait_text("#payment-message", "the guidance", |t| {
                t.starts_with("The processor is still confirming")
            })
            .await;
            // Tracking goes on: the bar is still there and no way to pay is offered.
            app.wait_for("#payment-panel.phase-slow #payment-bar").await;
            assert!(app
                .client
                .find(fantoccini::Locator::Css("#payment-pay-again"))
                .await
                .is_err());
            both_languages(&app, "screen-payment-slow").await;
            // The invoice screen guards its Pay buttons.
            app.click("#nav-invoices").await;
            app.wait_screen("invoices").await;
            app.click("#filter-all").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            app.click("tr[data-id='1003'] td").await;
            app.wait_screen("invoice").await;
            let guard = app.text("#guard").await;
            assert!(
                guard.contains("Paying again may charge you twice"),
                "{guard}"
            );
            let button = app.text("#pay-one-off").await;
            assert!(button.starts_with("Pay anyway"), "{button}");
            app.close().await;
        },
    )
    .await;
}

/// Signs in on a demo portal whose sign-in page carries the captcha `kind`: the app says why it
/// cannot sign in itself, opens the portal's own page in its sign-in window, the person answers
/// there, and the app carries on with that session (without a password to remember).
async fn signs_in_through_the_portals_own_page(kind: &'static str) {
    let port = harness::free_port();
    let app = App::launch(harness::Launch {
        args: vec!["--demo".into()],
        env: vec![
            ("JITOPS_DEMO_CAPTCHA".into(), kind.into()),
            ("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string()),
        ],
        ..Default::default()
    })
    .await;
    app.sign_in_demo("demo@jitops.example", "demo", false).await;
    app.wait_text("#error", "the captcha explanation", |t| {
        t.contains("captcha")
    })
    .await;
    if kind == "image" {
        app.screenshot("signin-captcha-en").await;
    }
    app.click("#open-portal-signin").await;
    let main = switch_to_checkout(&app).await;
    app.type_into("#inputEmail", "demo@jitops.example").await;
    app.type_into("#inputPassword", "demo").await;
    match kind {
        "image" => {
            app.wait_for("#inputCaptchaImage").await;
            // The person reads the picture; the test asks the demo what it drew.
            let code = wait_until(|| async {
                let code = reqwest::get(format!("http://127.0.0.1:{port}/demo/captcha.php"))
                    .await
                    .ok()?
                    .text()
                    .await
                    .ok()?;
                (!code.is_empty()).then_some(code)
            })
            .await;
            app.type_into("#inputCaptcha", &code).await;
        }
        "recaptcha" => {
            app.click("#demo-recaptcha-check").await;
            wait_until(|| async {
                let v = app
                    .js("const f = document.querySelector('[name=\"g-recaptcha-response\"]'); return f ? f.value : ''")
                    .await;
                v.as_str().filter(|t| !t.is_empty()).map(str::to_owned)
            })
            .await;
        }
        _ => {}
    }
    // Signed in there, the window closes by itself and the app goes on.
    app.click_in_checkout_then_return("#login", main).await;
    app.wait_screen("dashboard").await;
    app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
        .await;
    app.wait_text("#notice", "no password kept", |t| {
        t.contains("no password to remember")
    })
    .await;
    app.close().await;
}

/// Polls `probe` every 200 ms for up to 20 s.
async fn wait_until<T, F, Fut>(probe: F) -> T
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(std::time::Instant::now() < deadline, "timed out");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_image_captcha_is_answered_in_the_portals_own_sign_in_page() {
    harness::scenario(
        "an_image_captcha_is_answered_in_the_portals_own_sign_in_page",
        || signs_in_through_the_portals_own_page("image"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_recaptcha_is_answered_in_the_portals_own_sign_in_page() {
    harness::scenario(
        "a_recaptcha_is_answered_in_the_portals_own_sign_in_page",
        || signs_in_through_the_portals_own_page("recaptcha"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_invisible_recaptcha_signs_in_through_the_portals_own_sign_in_page() {
    harness::scenario(
        "an_invisible_recaptcha_signs_in_through_the_portals_own_sign_in_page",
        || signs_in_through_the_portals_own_page("invisible"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_used_backup_code_shows_the_new_one_to_keep() {
    harness::scenario("a_used_backup_code_shows_the_new_one_to_keep", || async {
        let app = App::start().await;
        app.sign_in_demo(demo_portal::TWO_FACTOR_EMAIL, "demo", false)
            .await;
        app.wait_screen("twofa").await;
        app.click("#twofa-backup").await;
        app.type_into("#twofa-code", demo_portal::BACKUP_CODE).await;
        app.click("#twofa-submit").await;
        let code = app
            .wait_text("#new-backup-code", "the new backup code", |t| !t.is_empty())
            .await;
        assert_ne!(code, demo_portal::BACKUP_CODE);
        assert_eq!(
            app.screen().await,
            "twofa",
            "not signed in past the code unseen"
        );
        // Neither the language switch nor Escape loses the code the portal shows only once.
        both_languages(&app, "screen-backup-code").await;
        app.js("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })); return 1")
            .await;
        assert_eq!(app.text("#new-backup-code").await, code);
        app.click("#copy-backup-code").await;
        app.wait_text("#backup-copied", "copied", |t| t.contains("copied"))
            .await;
        app.click("#backup-continue").await;
        app.wait_screen("dashboard").await;
        app.wait_text("#unpaid-count", "one unpaid", |t| t == "1")
            .await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_albanian_portal_is_read_and_paid_to_paid() {
    harness::scenario("an_albanian_portal_is_read_and_paid_to_paid", || async {
        let app = App::signed_in_with(
            "demo@jitops.example",
            &[
                ("JITOPS_DEMO_NOTIFY_DELAY", "3"),
                ("JITOPS_DEMO_PORTAL_LANGUAGE", "sq"),
            ],
        )
        .await;
        app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
            .await;
        open_invoice(&app, 1010).await;
        assert_eq!(
            app.text("#invoice-status").await,
            "Payment pending",
            "drawn like Paid on the page, read from the list"
        );
        open_invoice(&app, 1003).await;
        assert_eq!(app.text("#invoice-status").await, "Unpaid");
        app.click("#pay-one-off").await;
        let main = switch_to_checkout(&app).await;
        fill_card(&app, demo_portal::TEST_CARD_OK).await;
        app.click_in_checkout_then_return("#pay-button", main).await;
        app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
            .await;
        app.close().await;
    })
    .await;
}

/// Turns the embedded demo portal's fault knobs while the app runs (`/demo/faults.php`).
async fn demo_faults(port: u16, query: &str) {
    let answer = demo_get(port, &format!("/demo/faults.php?{query}")).await;
    assert!(answer.status().is_success(), "{answer:?}");
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn portal_faults_keep_the_figures_explain_and_recover() {
    harness::scenario(
        "portal_faults_keep_the_figures_explain_and_recover",
        || async {
            let port = harness::free_port();
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![
                    ("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string()),
                    ("JITOPS_DEMO_SESSION_IDLE".into(), "3".into()),
                ],
                ..Default::default()
            })
            .await;
            app.sign_in_demo("demo@jitops.example", "demo", true).await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "4", |t| t == "4").await;

            // The portal goes down during a sync: the figures stay, the error says so.
            demo_faults(port, "down=1").await;
            app.click("#refresh").await;
            app.wait_text("#error", "the error", |t| {
                t.contains("The portal answered with an error")
            })
            .await;
            assert_eq!(
                app.text("#unpaid-count").await,
                "4",
                "the last figures stay"
            );
            app.screenshot("fault-portal-down-en").await;
            app.click("#nav-invoices").await;
            app.wait_screen("invoices").await;
            app.wait_for("tr[data-id='1003']").await;
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;

            // Back up: a retry works and the error goes away.
            demo_faults(port, "down=0").await;
            app.click("#refresh").await;
            app.wait_for("#refresh:not(.is-busy)").await;
            app.wait_text("#last-sync", "a new sync", |t| !t.is_empty())
                .await;
            assert!(app
                .client
                .find(fantoccini::Locator::Css(".alert-error"))
                .await
                .is_err());

            // A portal answering after 10 s: progress shows and the window stays usable.
            demo_faults(port, "latency_ms=10000").await;
            app.click("#refresh").await;
            app.wait_for("#refresh.is-busy").await;
            app.wait_for(".dashboard[aria-busy='true']").await;
            app.click("#lang-sq").await;
            app.wait_for("#lang-sq[aria-pressed='true']").await;
            app.click("#lang-en").await;
            app.wait_for("#lang-en[aria-pressed='true']").await;
            // Drawn again in the other language and back, the screen still shows the sync.
            app.wait_for("#refresh.is-busy").await;
            // The last synced invoices can be read meanwhile.
            app.click("#nav-invoices").await;
            app.wait_screen("invoices").await;
            app.wait_for("tr[data-id='1003']").await;
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;
            app.wait_for("#refresh.is-busy").await;
            demo_faults(port, "latency_ms=0").await;
            app.wait_for("#refresh:not(.is-busy)").await;

            // The session expires (3 s idle): the next sync signs in again by itself.
            tokio::time::sleep(std::time::Duration::from_secs(4)).await;
            app.click("#refresh").await;
            app.wait_for("#refresh:not(.is-busy)").await;
            assert_eq!(app.screen().await, "dashboard", "still where the user was");
            app.wait_text("#unpaid-count", "4", |t| t == "4").await;
            assert!(app
                .client
                .find(fantoccini::Locator::Css(".alert-error"))
                .await
                .is_err());
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn five_wrong_passwords_and_the_ban_is_explained() {
    harness::scenario("five_wrong_passwords_and_the_ban_is_explained", || async {
        let app = App::start().await;
        app.sign_in_demo("demo@jitops.example", "wrong-1", false)
            .await;
        app.wait_text("#error", "wrong credentials", |t| {
            t.starts_with("The e-mail or password is not correct")
        })
        .await;
        let mut last = String::new();
        for attempt in 2..=6 {
            app.type_into("#password", &format!("wrong-{attempt}"))
                .await;
            app.click("#signin-submit").await;
            app.wait_for("#signin-submit:not([disabled])").await;
            last = app.text("#error").await;
            if last.contains("blocked") {
                break;
            }
        }
        assert!(
            last.starts_with("The portal has blocked sign-ins from this address"),
            "{last}"
        );
        both_languages(&app, "screen-signin-banned").await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn markup_from_the_portal_is_shown_as_text_and_never_runs() {
    harness::scenario(
        "markup_from_the_portal_is_shown_as_text_and_never_runs",
        || async {
            const HOSTILE: &str = "<img src=x onerror=\"window.__pwned=1\"></script><script>window.__pwned=2</script><b>bold</b>";
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("JITOPS_DEMO_HOSTILE_TEXT".into(), HOSTILE.into())],
                ..Default::default()
            })
            .await;
            app.sign_in_demo("demo@jitops.example", "demo", false).await;
            app.wait_screen("dashboard").await;
            open_invoice(&app, demo_portal::data::HOSTILE_TEXT_INVOICE).await;
            let cell = app.text("#items tbody tr td").await;
            assert_eq!(cell, HOSTILE, "the description is shown as the text it is");
            let injected = app
                .js("return [document.querySelectorAll('#main img, #main script, #main b').length, String(window.__pwned)]")
                .await;
            assert_eq!(injected, serde_json::json!([0, "undefined"]));
            no_leaked_placeholders(&app, "hostile-text").await;
            app.screenshot("hostile-text-en").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn invoices_opened_the_moment_the_dashboard_appears_wait_for_the_first_sync() {
    harness::scenario(
        "invoices_opened_the_moment_the_dashboard_appears_wait_for_the_first_sync",
        || async {
            // Each portal answer takes 400 ms: the first sync is surely still running.
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("JITOPS_DEMO_LATENCY_MS".into(), "400".into())],
                ..Default::default()
            })
            .await;
            app.wait_for("#signin-form").await;
            // A person who clicks "Invoices" the moment the dashboard shows.
            app.js("new MutationObserver((_, seen) => {
                   if (document.getElementById('main').dataset.screen !== 'dashboard') return;
                   seen.disconnect();
                   document.getElementById('nav-invoices').click();
                 }).observe(document.getElementById('main'), { attributes: true });")
                .await;
            app.sign_in_demo("demo@jitops.example", "demo", false).await;
            app.wait_screen("invoices").await;
            // Not "no invoices match": the list is said to be loading, then drawn.
            app.wait_for("#list-loading").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let rows = app
                .js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                .await;
            assert_eq!(rows, serde_json::json!(4), "the four unpaid invoices");
            assert!(app
                .client
                .find(fantoccini::Locator::Css("#list-loading"))
                .await
                .is_err());
            assert_eq!(
                app.js("return document.getElementById('list-empty').hidden")
                    .await,
                serde_json::json!(true)
            );
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_saved_invoices_show_at_start_when_the_portal_cannot_be_reached() {
    harness::scenario(
        "the_saved_invoices_show_at_start_when_the_portal_cannot_be_reached",
        || async {
            let port = harness::free_port();
            let launch = |home: Option<std::path::PathBuf>, down: bool| {
                let mut env = vec![("JITOPS_DEMO_PORTAL_PORT".to_owned(), port.to_string())];
                if down {
                    env.push(("JITOPS_DEMO_DOWN".to_owned(), "1".to_owned()));
                }
                harness::Launch {
                    args: vec!["--demo".into()],
                    env,
                    home,
                }
            };
            // A first run syncs and remembers the password.
            let first = App::launch(launch(None, false)).await;
            let home = first.home.clone();
            first
                .sign_in_demo("demo@jitops.example", "demo", true)
                .await;
            first.wait_screen("dashboard").await;
            first
                .wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            first.close().await;

            // The next start finds the portal down: the saved copy, with the time it was made.
            let app = App::launch(launch(Some(home), true)).await;
            app.wait_screen("dashboard").await;
            let banner = app
                .wait_text("#offline", "the offline banner", |t| {
                    t.contains("saved on this computer")
                })
                .await;
            assert!(banner.contains(':'), "the time of the last sync: {banner}");
            assert_eq!(app.text("#unpaid-count").await, "4");
            app.screenshot("offline-en").await;
            app.click("#nav-invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let rows = app
                .js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                .await;
            assert_eq!(rows, serde_json::json!(4));
            app.click("#lang-sq").await;
            app.click("#nav-dashboard").await;
            app.wait_text("#offline", "the banner in Albanian", |t| {
                t.contains("ruajtura në këtë kompjuter")
            })
            .await;
            app.click("#lang-en").await;

            // The portal is back: Refresh signs in with the remembered password and syncs.
            demo_faults(port, "down=0").await;
            app.click("#refresh").await;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            while app
                .client
                .find(fantoccini::Locator::Css("#offline"))
                .await
                .is_ok()
            {
                assert!(std::time::Instant::now() < deadline, "still offline");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_invoice_list_is_exported_as_csv_through_the_save_dialog() {
    harness::scenario(
        "the_invoice_list_is_exported_as_csv_through_the_save_dialog",
        || async {
            let app = App::signed_in("demo@jitops.example").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.click("#nav-invoices").await;
            app.click("#filter-all").await;
            app.wait_for("#filter-all[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let shown = app
                .js("return [...document.querySelectorAll('#invoice-table tr[data-id]')].map((r) => r.dataset.id)")
                .await;
            let target = app.home.join("exports").join("invoices.csv");
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            app.click("#export-csv").await;
            app.answer_file_dialog("Export the invoice list", &target);
            let done = app
                .wait_text("#export-done", "the export's confirmation", |t| {
                    t.starts_with("Saved")
                })
                .await;
            assert!(done.contains(&*target.to_string_lossy()), "{done}");
            let rows = harness::read_csv(&target);
            assert_eq!(
                rows[0].join("|"),
                "Account|Portal|Invoice number|Invoice ID|Invoice date|Due date|Status|Total|Currency|Date paid"
            );
            let ids: Vec<serde_json::Value> =
                rows[1..].iter().map(|r| serde_json::json!(r[3])).collect();
            assert_eq!(serde_json::json!(ids), shown, "the rows shown, in their order");
            let unpaid = rows.iter().find(|r| r[3] == "1003").expect("invoice 1003");
            assert_eq!(unpaid[0], "demo@jitops.example");
            assert_eq!(unpaid[6], "Unpaid");
            assert_eq!(unpaid[7], "11.99");
            assert_eq!(unpaid[8], "EUR");
            assert!(rows.iter().skip(1).all(|r| r.len() == 10));
            assert!(done.contains(&format!("{} invoices", rows.len() - 1)), "{done}");
            app.screenshot("export-csv-en").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_translation_review_works_signed_out_filters_links_and_exports() {
    harness::scenario(
        "the_translation_review_works_signed_out_filters_links_and_exports",
        || async {
            // No portal at all: the review needs none.
            let app = App::launch(harness::Launch::default()).await;
            app.wait_for("#signin-form").await;
            app.click("#open-review").await;
            app.wait_screen("review").await;
            let ids = l10n::message_ids(l10n::Lang::En).len();
            let count = app.text("#review-count").await;
            assert_eq!(count, format!("{ids} of {ids} texts shown"));
            let row = |id: &str| format!("#review-table tr[data-id='{id}']");
            assert_eq!(
                app.text(&format!("{} td:nth-child(3)", row("signin-title"))).await,
                "Hyni në Panelin e Klientit"
            );
            // Texts the same as the English are marked; "only problems" keeps just those.
            assert_eq!(
                app.text(&format!("{} .review-state", row("app-name"))).await,
                "Same as English"
            );
            app.click("#review-only-problems").await;
            let states = app
                .js("return [...document.querySelectorAll('#review-table tbody tr')].map((r) => r.className)")
                .await;
            let states = states.as_array().unwrap();
            assert!(!states.is_empty());
            assert!(states.iter().all(|s| s != "state-ok"), "{states:?}");
            app.click("#review-only-problems").await;
            // The filter matches ids and both texts.
            app.type_into("#review-filter", "panelin e klientit").await;
            app.wait_text("#review-count", "filtered", |t| !t.starts_with(&ids.to_string()))
                .await;
            let shown = app
                .js("return [...document.querySelectorAll('#review-table tbody tr')].map((r) => r.dataset.id)")
                .await;
            assert!(shown.as_array().unwrap().contains(&serde_json::json!("signin-title")), "{shown}");
            app.screenshot("review-en").await;
            // Export what is shown.
            let target = app.home.join("review.csv");
            app.click("#review-export").await;
            app.answer_file_dialog("Export the translation review", &target);
            app.wait_text("#review-export-done", "export", |t| t.starts_with("Saved")).await;
            let rows = harness::read_csv(&target);
            assert_eq!(rows[0].join("|"), "Message ID|English|Albanian|State|Screen");
            assert_eq!(rows.len() - 1, shown.as_array().unwrap().len());
            let title = rows.iter().find(|r| r[0] == "signin-title").unwrap();
            assert_eq!(title[2], "Hyni në Panelin e Klientit");
            assert_eq!(title[4], "Sign in to your Client Portal", "the screen by its name");
            // In Albanian, in place.
            app.click("#lang-sq").await;
            app.wait_text("#review-table th", "Albanian headers", |t| t == "ID-ja e mesazhit")
                .await;
            app.screenshot("review-sq").await;
            app.click("#lang-en").await;
            // A screen that needs an account cannot be opened signed out; the sign-in can.
            app.type_into("#review-filter", "dashboard-title").await;
            let disabled = app
                .js(&format!(
                    "return document.querySelector(\"{} button\").disabled",
                    row("dashboard-title")
                ))
                .await;
            assert_eq!(disabled, serde_json::json!(true));
            app.type_into("#review-filter", "signin-title").await;
            app.click(&format!("{} button", row("signin-title"))).await;
            app.wait_screen("signin").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn overdue_invoices_are_reminded_once_as_system_notifications() {
    harness::scenario(
        "overdue_invoices_are_reminded_once_as_system_notifications",
        || async {
            // What the app asks the desktop's notification service, seen on the session bus.
            let seen = std::env::temp_dir().join(format!("jitops-notify-{}", harness::free_port()));
            let mut monitor = std::process::Command::new("dbus-monitor")
                .args([
                    "--session",
                    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                ])
                .stdout(std::fs::File::create(&seen).unwrap())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("dbus-monitor");
            let notified = || {
                std::fs::read_to_string(&seen)
                    .unwrap_or_default()
                    .matches("is overdue")
                    .count()
            };
            let app = App::signed_in("demo@jitops.example").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while notified() < 2 {
                assert!(
                    std::time::Instant::now() < deadline,
                    "no reminder on the bus: {}",
                    std::fs::read_to_string(&seen).unwrap_or_default()
                );
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            let text = std::fs::read_to_string(&seen).unwrap();
            for number in ["2026-0105", "2026-0106"] {
                assert!(
                    text.contains(&format!("Invoice {number} is overdue")),
                    "{number}: {text}"
                );
            }
            // A refresh does not remind again.
            app.click("#refresh").await;
            app.wait_for("#refresh:not([disabled])").await;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            assert_eq!(notified(), 2, "{}", std::fs::read_to_string(&seen).unwrap());
            app.close().await;
            let _ = monitor.kill();
            let _ = monitor.wait();
            let _ = std::fs::remove_file(&seen);
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn two_accounts_switch_in_one_click_and_add_up_in_all_accounts() {
    harness::scenario(
        "two_accounts_switch_in_one_click_and_add_up_in_all_accounts",
        || async {
            let app = App::signed_in("demo@jitops.example").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            // A second account, beside the first.
            app.click("#add-account").await;
            app.wait_screen("signin").await;
            app.sign_in_demo("accountant@jitops.example", "demo", false)
                .await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "34 unpaid", |t| t == "34")
                .await;
            app.wait_for("#account-1").await;
            let accounts = app
                .js("return [...document.querySelectorAll('.rail-account')].map((b) => [b.dataset.key, b.getAttribute('aria-current')])")
                .await;
            assert_eq!(
                accounts,
                serde_json::json!([
                    ["accountant@jitops.example@demo", "true"],
                    ["demo@jitops.example@demo", null]
                ])
            );
            // One click back to the customer: its figures at once.
            app.click("#rail-accounts [data-key='demo@jitops.example@demo']")
                .await;
            app.wait_text("#account-label", "the customer", |t| {
                t.starts_with("demo@")
            })
            .await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.screenshot("accounts-switched-en").await;
            // All accounts: the unpaid invoices of both.
            app.click("#nav-all-accounts").await;
            app.wait_screen("all-accounts").await;
            let rows = app
                .js("return document.querySelectorAll('#all-accounts-table tbody tr').length")
                .await;
            assert_eq!(rows, serde_json::json!(38));
            let label = app.text("#all-accounts-totals span").await;
            assert_eq!(label, "38 unpaid invoices in 2 accounts:");
            app.screenshot("all-accounts-en").await;
            app.click("#lang-sq").await;
            app.wait_text("#all-accounts-totals span", "Albanian", |t| {
                t == "38 fatura të papaguara në 2 llogari:"
            })
            .await;
            app.screenshot("all-accounts-sq").await;
            app.click("#lang-en").await;
            app.wait_text("#all-accounts-totals span", "English", |t| {
                t == "38 unpaid invoices in 2 accounts:"
            })
            .await;
            // A row of the other account opens its invoice, on that account.
            app.click("#all-accounts-table tr[data-id='5000'] td").await;
            app.wait_screen("invoice").await;
            app.wait_text("#account-label", "the accountant", |t| {
                t.starts_with("accountant@")
            })
            .await;
            app.wait_for("#invoice-status").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn invoice_pdfs_open_and_save_all_to_a_folder_skipping_those_there() {
    harness::scenario(
        "invoice_pdfs_open_and_save_all_to_a_folder_skipping_those_there",
        || async {
            // "Open" hands the file to the system's opener: a stand-in records what it got.
            let home =
                std::env::temp_dir().join(format!("jitops-e2e-pdf-{}", harness::free_port()));
            let (path, opened) = harness::stand_in_opener(&home.join("bin"));
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("PATH".into(), path)],
                home: Some(home.clone()),
            })
            .await;
            app.sign_in_demo("demo@jitops.example", "demo", false).await;
            app.wait_screen("dashboard").await;
            open_invoice(&app, 1003).await;
            app.click("#pdf-open").await;
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            let file = loop {
                if let Ok(text) = std::fs::read_to_string(&opened) {
                    if let Some(line) = text.lines().next() {
                        break std::path::PathBuf::from(line);
                    }
                }
                assert!(std::time::Instant::now() < deadline, "nothing was opened");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            };
            assert!(
                file.ends_with("Invoice-2026-0103.pdf"),
                "{}",
                file.display()
            );
            assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));

            // Save all PDFs of the whole list into a folder that already holds one of them.
            let folder = home.join("pdfs");
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("Invoice-2026-0101.pdf"), b"%PDF-1.4 kept").unwrap();
            app.click("#nav-invoices").await;
            app.click("#filter-all").await;
            app.wait_for("#filter-all[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let all = app
                .js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                .await
                .as_u64()
                .unwrap() as usize;
            app.click("#save-pdfs").await;
            app.answer_folder_dialog("Choose a folder for the invoices", &folder);
            let done = app
                .wait_text("#pdfs-done", "the summary", |t| t.contains("PDFs saved"))
                .await;
            assert_eq!(
                done,
                format!(
                    "{} PDFs saved to {}; 1 already there; 0 failed.",
                    all - 1,
                    folder.display()
                )
            );
            assert_eq!(std::fs::read_dir(&folder).unwrap().count(), all);
            assert_eq!(
                std::fs::read(folder.join("Invoice-2026-0101.pdf")).unwrap(),
                b"%PDF-1.4 kept",
                "a file already there is left alone"
            );
            app.screenshot("pdfs-saved-en").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn several_invoices_are_paid_together_through_the_portals_mass_payment() {
    harness::scenario(
        "several_invoices_are_paid_together_through_the_portals_mass_payment",
        || async {
            let app =
                App::signed_in_with("demo@jitops.example", &[("JITOPS_DEMO_NOTIFY_DELAY", "2")])
                    .await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.click("#nav-invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let pick = |id: u64| format!("tr[data-id='{id}'] input.pick");
            app.click(&pick(1003)).await;
            app.click(&pick(1006)).await;
            let label = app
                .wait_text("#mass-pay-button", "the total", |t| t.starts_with("Pay 2"))
                .await;
            assert!(label.starts_with("Pay 2 invoices together: €"), "{label}");
            // Another currency cannot join.
            app.click(&pick(1005)).await;
            app.wait_text("#mass-pay-problem", "one currency", |t| {
                t.contains("one currency")
            })
            .await;
            assert_eq!(
                app.js("return document.getElementById('mass-pay-button').disabled")
                    .await,
                serde_json::json!(true)
            );
            app.screenshot("mass-pay-currencies-en").await;
            no_leaked_placeholders(&app, "mass-pay").await;
            assert!(
                app.js("return document.getElementById('pdfs-progress').offsetParent === null")
                    .await
                    == serde_json::json!(true),
                "the PDFs' progress shows only while saving"
            );
            app.click(&pick(1005)).await;
            app.wait_text("#mass-pay-problem", "no problem", |t| t.is_empty())
                .await;
            app.click("#mass-pay-button").await;
            let main = switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            let pay = app.text("#pay-button").await;
            assert!(pay.starts_with("Pay €"), "{pay}");
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            // Both invoices are settled by the one payment.
            app.wait_text("#invoices-badge", "2 unpaid on the badge", |t| t == "2")
                .await;
            open_invoice(&app, 1006).await;
            assert_eq!(app.text("#invoice-status").await, "Paid");
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_accountants_two_thousand_invoices_stay_responsive_and_export_whole() {
    harness::scenario(
        "the_accountants_two_thousand_invoices_stay_responsive_and_export_whole",
        || async {
            let app = App::signed_in("accountant@jitops.example").await;
            app.click("#nav-invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            // "All", and at once another filter and the language: each answers while the long
            // list is being drawn, and the last one wins.
            app.js("document.getElementById('filter-all').click();
                 setTimeout(() => document.getElementById('filter-overdue').click(), 30);")
                .await;
            app.wait_for("#filter-overdue[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let overdue = app
                .js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                .await;
            assert_eq!(overdue, serde_json::json!(16));
            app.click("#filter-all").await;
            app.click("#lang-sq").await;
            app.wait_text("#main h1", "Albanian", |t| t == "Faturat")
                .await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            let rows = app
                .js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                .await;
            assert_eq!(rows, serde_json::json!(2000));
            app.click("#lang-en").await;
            app.wait_text("#main h1", "English", |t| t == "Invoices")
                .await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            // The whole list exports.
            let target = app.home.join("all-invoices.csv");
            app.click("#export-csv").await;
            app.answer_file_dialog("Export the invoice list", &target);
            app.wait_text("#export-done", "export", |t| {
                t.starts_with("Saved 2,000 invoices")
            })
            .await;
            let csv = harness::read_csv(&target);
            assert_eq!(csv.len(), 2001);
            app.close().await;
        },
    )
    .await;
}

/// axe-core on the current screen in English, then in Albanian, then back.
async fn audit_both(app: &App, name: &str) {
    app.audit(&format!("{name} (en)")).await;
    app.click("#lang-sq").await;
    app.wait_for("#lang-sq[aria-pressed='true']").await;
    app.audit(&format!("{name} (sq)")).await;
    app.click("#lang-en").await;
    app.wait_for("#lang-en[aria-pressed='true']").await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn every_screen_passes_the_accessibility_audit_in_both_languages() {
    harness::scenario(
        "every_screen_passes_the_accessibility_audit_in_both_languages",
        || async {
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("JITOPS_DEMO_NOTIFY_DELAY".into(), "2".into())],
                ..Default::default()
            })
            .await;
            app.wait_screen("signin").await;
            audit_both(&app, "sign-in").await;
            app.click("#forgot").await;
            app.wait_screen("reset").await;
            audit_both(&app, "password reset").await;
            app.click("#reset-back").await;
            app.wait_screen("signin").await;
            app.click("#open-review").await;
            app.wait_screen("review").await;
            audit_both(&app, "translation review, signed out").await;
            app.js(
                "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })); return 1",
            )
            .await;
            app.wait_screen("signin").await;
            app.sign_in_demo(demo_portal::TWO_FACTOR_EMAIL, "demo", false)
                .await;
            app.wait_screen("twofa").await;
            audit_both(&app, "second factor").await;
            let code = demo_portal::totp::now_code(demo_portal::TOTP_SECRET);
            app.type_into("#twofa-code", &code).await;
            app.click("#twofa-submit").await;
            app.wait_screen("dashboard").await;
            app.click("#add-account").await;
            app.wait_screen("signin").await;
            app.sign_in_demo(demo_portal::DEMO_EMAIL, "demo", false)
                .await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            audit_both(&app, "dashboard").await;
            app.click("#nav-invoices").await;
            app.wait_screen("invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            audit_both(&app, "invoices").await;
            app.click("tr[data-id='1003'] td").await;
            app.wait_screen("invoice").await;
            app.wait_for("#invoice-status").await;
            audit_both(&app, "invoice").await;
            app.click("#nav-all-accounts").await;
            app.wait_screen("all-accounts").await;
            audit_both(&app, "all accounts").await;
            app.click("#nav-help").await;
            app.wait_screen("help").await;
            audit_both(&app, "help").await;
            app.click("#open-review").await;
            app.wait_screen("review").await;
            audit_both(&app, "translation review, signed in").await;
            open_invoice(&app, 1003).await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            audit_both(&app, "payment").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_sign_in_restored_at_start_leaves_the_person_where_they_are() {
    harness::scenario(
        "a_sign_in_restored_at_start_leaves_the_person_where_they_are",
        || async {
            let launch = |home: Option<std::path::PathBuf>| harness::Launch {
                args: vec!["--demo".into()],
                // A slow portal: the restore lands while the person is already busy.
                env: vec![("JITOPS_DEMO_LATENCY_MS".into(), "1200".into())],
                home,
            };
            let first = App::launch(launch(None)).await;
            let home = first.home.clone();
            first
                .sign_in_demo(demo_portal::DEMO_EMAIL, "demo", true)
                .await;
            first.wait_screen("dashboard").await;
            first
                .wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            first.close().await;
            // No saved copy to show first: the start stays on sign-in until the restore lands.
            let copies = saved_copies(&home.join("data"));
            assert!(!copies.is_empty(), "a saved copy under {}", home.display());
            for copy in copies {
                std::fs::remove_file(copy).unwrap();
            }

            let app = App::launch(launch(Some(home))).await;
            app.wait_screen("signin").await;
            app.click("#open-review").await;
            app.wait_screen("review").await;
            app.type_into("#review-filter", "pay").await;
            // The restore lands: the rail shows the account, the person is still on the review
            // with their text and their focus.
            app.wait_for("#account-0").await;
            assert_eq!(app.screen().await, "review");
            let kept = app
                .js("const f = document.getElementById('review-filter'); return [f.value, document.activeElement === f]")
                .await;
            assert_eq!(kept, serde_json::json!(["pay", true]));
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4").await;
            app.close().await;
        },
    )
    .await;
}

/// The saved copies (`<data>/…/offline/*.json`) under `dir`.
fn saved_copies(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
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

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_whole_journey_by_keyboard_alone() {
    harness::scenario("the_whole_journey_by_keyboard_alone", || async {
        let app = App::launch(harness::Launch {
            args: vec!["--demo".into()],
            env: vec![("JITOPS_DEMO_NOTIFY_DELAY".into(), "2".into())],
            ..Default::default()
        })
        .await;
        app.wait_screen("signin").await;
        app.tab_to("#email").await;
        app.keys(demo_portal::DEMO_EMAIL).await;
        app.keys(TAB).await;
        app.tab_to("#password").await;
        app.keys("demo").await;
        app.keys(ENTER).await;
        app.wait_screen("dashboard").await;
        app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
            .await;

        // The first overdue invoice: Invoices, the Overdue filter, the first row.
        app.tab_to("#nav-invoices").await;
        app.keys(ENTER).await;
        app.wait_screen("invoices").await;
        app.tab_to("#filter-overdue").await;
        app.keys(ENTER).await;
        app.wait_for("#filter-overdue[aria-pressed='true']").await;
        app.wait_for("#invoice-table[data-complete='true']").await;
        app.tab_to("#invoice-table tbody tr").await;
        let first = app.js("return document.activeElement.dataset.id").await;
        app.keys(" ").await;
        app.wait_screen("invoice").await;
        assert_eq!(
            app.js("return String(document.getElementById('main').dataset.screen)")
                .await,
            serde_json::json!("invoice")
        );
        // The new screen's heading has the focus.
        assert_eq!(
            app.js("return document.activeElement.id").await,
            serde_json::json!("invoice-title")
        );
        let overdue_id: u64 = first.as_str().unwrap().parse().unwrap();
        assert_eq!(
            app.text("#invoice-status").await,
            "Overdue",
            "#{overdue_id}"
        );

        // Paid in the checkout window, by keyboard there too.
        app.tab_to("#pay-one-off").await;
        app.keys(ENTER).await;
        let main = switch_to_checkout(&app).await;
        app.wait_for("#card_name").await;
        app.tab_to("#card_name").await;
        app.keys("Demo Customer").await;
        app.tab_to("#card_number").await;
        app.keys(demo_portal::TEST_CARD_OK).await;
        app.tab_to("#card_expiry").await;
        app.keys("12/30").await;
        app.tab_to("#card_cvv").await;
        app.keys("123").await;
        app.tab_to("#pay-button").await;
        // Enter on the focused button; the driver goes back to the main window while the
        // processor sends this one back to the portal (a driver still talking to a window the
        // app destroys stalls).
        app.keys(ENTER).await;
        app.client
            .switch_to_window(main.clone())
            .await
            .expect("back to the main window");
        app.back_to_main_after_checkout(main).await;
        app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
            .await;

        // The language, then the review and its filter.
        app.tab_to("#lang-sq").await;
        app.keys(ENTER).await;
        app.wait_for("#lang-sq[aria-pressed='true']").await;
        app.tab_to("#open-review").await;
        app.keys(ENTER).await;
        app.wait_screen("review").await;
        app.tab_to("#review-filter").await;
        app.keys("pagu").await;
        let count = app
            .wait_text("#review-count", "a filtered count", |t| !t.is_empty())
            .await;
        let shown: usize = app
            .js("return document.querySelectorAll('#review-table tbody tr').length")
            .await
            .as_u64()
            .unwrap() as usize;
        assert!(shown > 0 && shown < 100, "{count}: {shown} rows");
        app.close().await;
    })
    .await;
}

/// Chooses `value` in the `<select>` `css` as a person does from its list.
async fn choose(app: &App, css: &str, value: &str) {
    app.wait_for(css)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value} in {css}: {e}"));
}

/// Waits until a window whose title starts with `prefix` is on the display.
async fn wait_window_titled(prefix: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(t) = harness::window_titles()
            .into_iter()
            .find(|t| t.starts_with(prefix))
        {
            return t;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no window titled {prefix}…: {:?}",
            harness::window_titles()
        );
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
}

const GATEWAYS: (&str, &str) = ("JITOPS_DEMO_GATEWAYS", "tco,paypal,banktransfer");

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_bank_transfer_shows_the_portals_instructions_and_opens_nothing() {
    harness::scenario(
        "a_bank_transfer_shows_the_portals_instructions_and_opens_nothing",
        || async {
            let app = App::signed_in_with("demo@jitops.example", &[GATEWAYS]).await;
            open_invoice(&app, 1003).await;
            app.wait_for("#pay-one-off").await;
            choose(&app, "#payment-method", "banktransfer").await;
            let text = app
                .wait_text("#payment-instructions", "the bank's details", |t| {
                    t.contains("IBAN")
                })
                .await;
            assert!(text.contains("2026-0103"), "{text}");
            assert_eq!(
                app.js("return document.getElementById('pay-one-off') === null")
                    .await,
                serde_json::json!(true),
                "nothing to open for a bank transfer"
            );
            assert_eq!(app.client.windows().await.unwrap().len(), 1);
            app.screenshot("invoice-bank-transfer-en").await;
            both_languages(&app, "screen-invoice-bank-transfer").await;
            audit_both(&app, "invoice with a bank transfer").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_invoice_switched_to_paypal_is_paid_at_paypal_and_followed_to_paid() {
    harness::scenario(
        "an_invoice_switched_to_paypal_is_paid_at_paypal_and_followed_to_paid",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[GATEWAYS, ("JITOPS_DEMO_NOTIFY_DELAY", "2")],
            )
            .await;
            open_invoice(&app, 1003).await;
            choose(&app, "#payment-method", "paypal").await;
            app.wait_text("#payment-method-name, #pay-section", "PayPal chosen", |t| {
                !t.is_empty()
            })
            .await;
            app.wait_for("#payment-method option[value='paypal']:checked")
                .await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            app.type_into("#paypal-email", "buyer@example.com").await;
            app.type_into("#paypal-password", "pp-secret").await;
            app.click_in_checkout_then_return("#paypal-pay", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            open_invoice(&app, 1003).await;
            let methods = app.text("#transactions").await;
            assert!(methods.contains("PayPal"), "{methods}");
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_mass_payment_with_the_method_chosen_is_followed_to_paid() {
    harness::scenario(
        "a_mass_payment_with_the_method_chosen_is_followed_to_paid",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[GATEWAYS, ("JITOPS_DEMO_NOTIFY_DELAY", "2")],
            )
            .await;
            app.click("#nav-invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            app.click("tr[data-id='1003'] input.pick").await;
            app.click("tr[data-id='1006'] input.pick").await;
            app.wait_for("#mass-pay-method option[value='paypal']")
                .await;
            choose(&app, "#mass-pay-method", "paypal").await;
            app.audit("invoices with the mass payment's method").await;
            app.click("#mass-pay-button").await;
            let main = switch_to_checkout(&app).await;
            app.type_into("#paypal-email", "buyer@example.com").await;
            app.type_into("#paypal-password", "pp-secret").await;
            app.click_in_checkout_then_return("#paypal-pay", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.wait_text("#invoices-badge", "2 unpaid on the badge", |t| t == "2")
                .await;
            app.close().await;
        },
    )
    .await;
}

/// Pays 1003 by card on a processor whose card's bank checks the payment (`form`: frame or
/// redirect), approving at the bank, and follows it to Paid.
async fn paid_through_the_bank(form: &str) {
    let app = App::signed_in_with(
        "demo@jitops.example",
        &[
            ("JITOPS_DEMO_THREE_D_SECURE", form),
            ("JITOPS_DEMO_NOTIFY_DELAY", "2"),
        ],
    )
    .await;
    open_invoice(&app, 1003).await;
    app.click("#pay-one-off").await;
    let main = switch_to_checkout(&app).await;
    fill_card(&app, demo_portal::TEST_CARD_OK).await;
    app.click("#pay-button").await;
    if form == "frame" {
        app.wait_for("#three-ds-frame").await;
        app.client
            .clone()
            .enter_frame(0)
            .await
            .expect("into the bank's frame");
    } else {
        // The whole window is at the bank, its host in the title.
        let title = wait_window_titled("Your bank: 127.0.0.1:").await;
        assert!(title.starts_with("Your bank: 127.0.0.1:"), "{title}");
    }
    app.wait_for("#bank-approve").await;
    app.click_in_checkout_then_return("#bank-approve", main)
        .await;
    app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
        .await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn three_d_secure_in_a_frame_is_approved_and_followed_to_paid() {
    harness::scenario(
        "three_d_secure_in_a_frame_is_approved_and_followed_to_paid",
        || paid_through_the_bank("frame"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn three_d_secure_as_a_full_page_hop_is_approved_and_followed_to_paid() {
    harness::scenario(
        "three_d_secure_as_a_full_page_hop_is_approved_and_followed_to_paid",
        || paid_through_the_bank("redirect"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn paypal_inside_2checkout_leaves_for_paypal_and_is_followed_to_paid() {
    harness::scenario(
        "paypal_inside_2checkout_leaves_for_paypal_and_is_followed_to_paid",
        || async {
            let app =
                App::signed_in_with("demo@jitops.example", &[("JITOPS_DEMO_NOTIFY_DELAY", "2")])
                    .await;
            open_invoice(&app, 1003).await;
            app.click("#pay-one-off").await;
            let main = switch_to_checkout(&app).await;
            app.click("#method-paypal").await;
            app.click("#pay-button").await;
            app.type_into("#paypal-email", "buyer@example.com").await;
            app.type_into("#paypal-password", "pp-secret").await;
            app.click_in_checkout_then_return("#paypal-pay", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.close().await;
        },
    )
    .await;
}
