//! Every screen in both languages, the accessibility audit, the keyboard alone, the
//! translation review.

use crate::common::*;
use crate::harness::{self, fill_card, switch_to_checkout, App};

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn starts_on_the_sign_in_screen_in_english() {
    harness::scenario("starts_on_the_sign_in_screen_in_english", || async {
        let app = App::start().await;
        app.wait_screen("signin").await;
        // The window is created hidden and shows once its page has loaded (first_show.rs).
        harness::wait_window_shown("JitOps Billing", true).await;
        assert_eq!(
            app.text("#signin-form h1").await,
            "Sign in to your Client Portal"
        );
        assert_eq!(app.js("return document.documentElement.lang").await, "en");
        assert_eq!(app.text("#signin-submit").await, "Sign in");
        // `system-ui` is asked for only where it draws a face of its own
        // (startup::system_ui_font): the app's answer is fontconfig's here, and the stylesheet
        // follows it. The page keeps the answer; a stalled start says `unknown` and learns it
        // after the first screen is drawn.
        let answer = app
            .wait_for("html[data-system-ui]:not([data-system-ui='unknown'])")
            .await
            .attr("data-system-ui")
            .await
            .expect("attribute read")
            .expect("attribute present");
        let here = serde_json::to_value(jitops_billing::startup::system_ui_font::decide()).unwrap();
        assert_eq!(
            answer,
            here.as_str().unwrap(),
            "the app's answer and fontconfig's"
        );
        let family = app
            .js("return getComputedStyle(document.body).fontFamily")
            .await;
        match answer.as_str() {
            "same-as-sans-serif" => assert_eq!(family, "sans-serif"),
            "own-font" => assert_eq!(family, "system-ui, sans-serif"),
            other => panic!("fontconfig gave no answer: {other:?}"),
        }
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
            // An error on show goes with the rest: it is its message, not its text.
            app.sign_in_demo(demo_portal::DEMO_EMAIL, "not-the-password", false)
                .await;
            app.wait_text("#error", "the refusal", |t| {
                t.starts_with("The e-mail or password is not correct.")
            })
            .await;
            app.click("#lang-sq").await;
            app.wait_text("#signin-form h1", "the Albanian title", |t| {
                t == "Hyni në Panelin e Klientit"
            })
            .await;
            app.wait_text("#error", "the refusal in Albanian", |t| {
                t.starts_with("E-maili ose fjalëkalimi nuk është i saktë.")
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
            app.wait_text("#error", "the refusal in English again", |t| {
                t.starts_with("The e-mail or password is not correct.")
            })
            .await;
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
        let first = app.wait_for("#invoice-table tbody tr[data-id]").await;
        assert_eq!(
            first.attr("class").await.unwrap().unwrap_or_default(),
            "row status-overdue"
        );
        app.click("#lang-sq").await;
        app.wait_text(
            "#invoice-table tbody tr[data-id] td:nth-child(5)",
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
            // The review is drawn again in English before anything is typed in it (typed into
            // while it is redrawn, the field is not there).
            app.wait_text("#review-table th", "English headers", |t| t == "Message ID")
                .await;
            app.wait_for("#main[data-screen='review'][data-ready='true']")
                .await;
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
            let main = pay_one_off_in_checkout(&app, 1003).await;
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
        app.tab_to("#invoice-table tbody tr[data-id]").await;
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

/// The index (aria-rowindex) of the row with the focus, once `pred` holds for it.
async fn focused_row_index(app: &App, what: &str, pred: impl Fn(u64) -> bool) -> u64 {
    wait_until(what, || async {
        let at = app
            .js("const r = document.activeElement.closest('tr[aria-rowindex]'); return r ? Number(r.getAttribute('aria-rowindex')) : 0")
            .await
            .as_u64()
            .unwrap_or(0);
        pred(at).then_some(at)
    })
    .await
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_two_thousand_row_list_draws_what_is_seen_and_reaches_every_row() {
    harness::scenario(
        "the_two_thousand_row_list_draws_what_is_seen_and_reaches_every_row",
        || async {
            let app = App::signed_in("accountant@jitops.example").await;
            app.click("#nav-invoices").await;
            app.wait_screen("invoices").await;
            app.click("#filter-all").await;
            app.wait_for("#filter-all[aria-pressed='true']").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            // Every row counted for screen readers; a few dozen in the page.
            assert_eq!(
                app.js(
                    "return document.getElementById('invoice-table').getAttribute('aria-rowcount')"
                )
                .await,
                serde_json::json!("2001")
            );
            let drawn = || async {
                app.js("return document.querySelectorAll('#invoice-table tr[data-id]').length")
                    .await
                    .as_u64()
                    .unwrap()
            };
            let first = drawn().await;
            assert!((5..120).contains(&first), "{first} rows drawn of 2,000");

            // The keyboard: End to the last row, Page Up, Home back to the first.
            app.tab_to("#invoice-table tbody tr.row").await;
            assert_eq!(focused_row_index(&app, "the first row", |i| i > 0).await, 2);
            app.keys(END).await;
            focused_row_index(&app, "the last row focused", |i| i == 2001).await;
            app.keys(PAGE_UP).await;
            let up = focused_row_index(&app, "a page up", |i| i < 2001).await;
            assert!(up > 1950, "Page Up moved to row {up}");
            app.keys(ARROW_DOWN).await;
            focused_row_index(&app, "a row down", |i| i == up + 1).await;
            app.keys(HOME).await;
            focused_row_index(&app, "the first row again", |i| i == 2).await;
            assert!(drawn().await < 120, "the rows passed by were not kept");

            // Scrolled with the pointer to the bottom: the last row is drawn and opens.
            app.js("const m = document.getElementById('main'); m.scrollTop = m.scrollHeight;")
                .await;
            let last = app
                .wait_for("#invoice-table tr[aria-rowindex='2001']")
                .await
                .attr("data-id")
                .await
                .unwrap()
                .expect("the last row's id");
            // A cell, as a person clicks (WebKitWebDriver finds a table row itself not
            // interactable this far down a scrolled list).
            app.click(&format!(
                "#invoice-table tr[data-id='{last}'] td:nth-child(3)"
            ))
            .await;
            app.wait_screen("invoice").await;
            assert_eq!(
                app.js("return String(document.getElementById('main').dataset.screen)")
                    .await,
                serde_json::json!("invoice")
            );
            app.click("#back").await;
            app.wait_screen("invoices").await;

            // The list's own search finds a row wherever it is, in both languages.
            app.wait_for("#invoice-table[data-complete='true']").await;
            app.type_into("#list-search", "ACC-01234").await;
            app.wait_text("#list-search-count", "the search's count", |t| {
                t == "1 of 2,000 invoices matches your search."
            })
            .await;
            assert_eq!(drawn().await, 1);
            assert_eq!(
                app.text("#invoice-table tr[data-id] td:first-child").await,
                "ACC-01234"
            );
            app.click("#lang-sq").await;
            app.wait_text("#list-search-count", "the count in Albanian", |t| {
                // WebDriver reads a no-break space as a space.
                t == "1 nga 2 000 fatura përputhet me kërkimin."
            })
            .await;
            assert_eq!(
                app.js("return document.getElementById('list-search').value")
                    .await,
                serde_json::json!("ACC-01234"),
                "the search survives the language switch"
            );
            app.type_into("#list-search", "no such invoice").await;
            app.wait_text("#list-search-count", "nothing found", |t| {
                t == "Asnjë faturë në këtë listë nuk përputhet me kërkimin."
            })
            .await;
            assert_eq!(drawn().await, 0);
            app.close().await;
        },
    )
    .await;
}
