//! A portal down, slow or failing: the figures kept, the saved copy at start, recovery.

use crate::common::*;
use crate::harness::{self, App};

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn portal_faults_keep_the_figures_explain_and_recover() {
    harness::scenario(
        "portal_faults_keep_the_figures_explain_and_recover",
        || async {
            let port = harness::free_port();
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string())],
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
            assert!(app.absent(".alert-error").await);

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

            // The session expires (as after the portal's idle time): the next sync signs in
            // again by itself.
            demo_faults(port, "expire_sessions=1").await;
            app.click("#refresh").await;
            app.wait_for("#refresh:not(.is-busy)").await;
            assert_eq!(app.screen().await, "dashboard", "still where the user was");
            app.wait_text("#unpaid-count", "4", |t| t == "4").await;
            assert!(app.absent(".alert-error").await);
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
            assert!(app.absent("#list-loading").await);
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
                    ..harness::Launch::default()
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
            // An invoice opened now is kept for reading offline.
            open_invoice(&first, 1003).await;
            first.wait_for("#invoice-notes").await;
            first.wait_for("#pay-one-off").await;
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
            // The invoice opened last time reads as it was, said to be the saved copy, with
            // nothing to pay from it.
            app.click("tr[data-id='1003'] td").await;
            app.wait_screen("invoice").await;
            let saved = app.text("#invoice-saved").await;
            assert!(saved.contains("last read"), "{saved}");
            app.wait_for("#invoice-notes").await;
            let pay = app
                .js("return document.querySelectorAll('#pay-one-off, #pay-recurring, #credit-apply').length")
                .await;
            assert_eq!(pay, serde_json::json!(0), "nothing to pay from the copy");
            app.click("#lang-sq").await;
            app.wait_text("#invoice-saved", "the copy said in Albanian", |t| {
                t.contains("ruajtur në këtë kompjuter")
            })
            .await;
            app.click("#nav-dashboard").await;
            app.wait_text("#offline", "the banner in Albanian", |t| {
                t.contains("ruajtura në këtë kompjuter")
            })
            .await;
            app.click("#lang-en").await;

            // The portal is back: Refresh signs in with the remembered password and syncs.
            demo_faults(port, "down=0").await;
            app.click("#refresh").await;
            wait_until("the offline notice gone", || async {
                let offline = app.client.find(fantoccini::Locator::Css("#offline")).await;
                offline.is_err().then_some(())
            })
            .await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.close().await;
        },
    )
    .await;
}
