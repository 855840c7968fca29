//! What the app never lets a page do: the checkout window calling the app, portal markup
//! running.

use crate::common::*;
use crate::harness::{self, App};

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_checkout_window_cannot_call_the_app() {
    harness::scenario("the_checkout_window_cannot_call_the_app", || async {
        let app = App::start().await;
        app.sign_in_demo("demo@jitops.example", "demo", false).await;
        app.wait_screen("dashboard").await;
        let main = pay_one_off_in_checkout(&app, 1003).await;
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
            open_invoice(&app, demo_portal::people::HOSTILE_TEXT_INVOICE).await;
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
