//! End-to-end tests: the real debug build in a real window, driven through tauri-driver and
//! WebKitWebDriver. Run them with `make e2e` (they need a display, a session bus and a keyring;
//! plain `cargo test` skips them).

mod harness;

use harness::App;

const NEEDS: &str = "needs a display, a session bus and a keyring: run with `make e2e`";

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn starts_on_the_sign_in_screen_in_english() {
    let _ = NEEDS;
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
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_language_toggle_switches_to_albanian_and_back_in_place() {
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
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_version_in_the_footer_comes_from_rust() {
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
}

/// Waits until the app has a second window (the checkout) and switches to it; returns the
/// main window's handle.
async fn switch_to_checkout(app: &App) -> fantoccini::wd::WindowHandle {
    let main = app.client.window().await.expect("main window handle");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let windows = app.client.windows().await.expect("window list");
        if let Some(other) = windows.into_iter().find(|w| *w != main) {
            app.client
                .switch_to_window(other)
                .await
                .expect("switch to checkout");
            return main;
        }
        if std::time::Instant::now() > deadline {
            app.screenshot("failure-no-checkout-window").await;
            let error = app
                .js("const e = document.querySelector('.alert-error'); return e ? e.textContent : ''")
                .await;
            panic!("the checkout window did not open; the main window says {error}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
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

async fn fill_card(app: &App, number: &str) {
    app.type_into("#card_name", "Demo Customer").await;
    app.type_into("#card_number", number).await;
    app.type_into("#card_expiry", "12/30").await;
    app.type_into("#card_cvv", "123").await;
    app.click("#pay-button").await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn pays_an_invoice_once_in_the_checkout_window_until_paid() {
    let app = App::launch(harness::Launch {
        args: vec!["--demo".into()],
        env: vec![("JITOPS_DEMO_NOTIFY_DELAY".into(), "3".into())],
        ..Default::default()
    })
    .await;
    app.sign_in_demo("demo@jitops.example", "demo", false).await;
    app.wait_screen("dashboard").await;
    app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
        .await;
    app.screenshot("dashboard-en").await;
    open_invoice(&app, 1003).await;
    assert_eq!(app.text("#invoice-status").await, "Unpaid");
    app.screenshot("invoice-en").await;
    app.click("#pay-one-off").await;
    let main = switch_to_checkout(&app).await;
    app.wait_for("#card_number").await;
    let pay = app.text("#pay-button").await;
    assert!(pay.starts_with("Pay €") && pay.contains("11.99"), "{pay}");
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
    fill_card(&app, demo_portal::TEST_CARD_OK).await;
    app.client
        .switch_to_window(main)
        .await
        .expect("back to main");
    app.wait_screen("payment").await;
    app.screenshot("payment-waiting-en").await;
    app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
        .await;
    assert_eq!(
        app.client.windows().await.unwrap().len(),
        1,
        "the checkout window closed"
    );
    app.screenshot("payment-paid-en").await;
    app.click("#payment-dashboard").await;
    app.wait_screen("dashboard").await;
    app.wait_text("#unpaid-count", "3 unpaid", |t| t == "3")
        .await;
    app.close().await;
}
