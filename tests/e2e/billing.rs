//! The client area's billing beyond paying by card: the account's credit (part of an invoice,
//! then a whole one, the portal's figures read back after each) and an invoice's notes.

use crate::common::*;
use crate::harness::{self, App};

/// An amount as the screen shows it in English ("€35.87"), as a number of cents.
fn cents(shown: &str) -> i64 {
    let digits: String = shown.chars().filter(|c| c.is_ascii_digit()).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("an amount: {shown:?}"))
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn credit_pays_part_of_an_invoice_then_a_whole_one() {
    harness::scenario(
        "credit_pays_part_of_an_invoice_then_a_whole_one",
        || async {
            let port = harness::free_port();
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string())],
                ..Default::default()
            })
            .await;
            app.sign_in_demo(demo_portal::DEMO_EMAIL, demo_portal::DEMO_PASSWORD, false)
                .await;
            app.wait_screen("dashboard").await;
            app.wait_text("#credit", "the credit", |t| t == "Credit balance: €5.00")
                .await;

            // Part: €2.00 of the €5.00 to invoice 1003.
            open_invoice(&app, 1003).await;
            assert_eq!(
                app.text("#credit-available").await,
                "Your credit balance is €5.00."
            );
            assert_eq!(
                app.js("return document.getElementById('credit-amount').value")
                    .await,
                serde_json::json!("5.00"),
                "the portal fills in the most it applies"
            );
            let before = cents(&app.text("#balance strong").await);
            // More than the credit: said at once, nothing sent.
            app.type_into("#credit-amount", "9").await;
            app.click("#credit-apply").await;
            app.wait_text("#credit-section .alert-error", "the limit", |t| {
                t == "Type an amount more than 0 and no more than €5.00."
            })
            .await;
            app.type_into("#credit-amount", "2").await;
            app.keys(ENTER).await;
            let done = app
                .wait_text("#credit-done", "what the portal did", |t| !t.is_empty())
                .await;
            let after = app.text("#balance strong").await;
            assert_eq!(cents(&after), before - 200, "{after}");
            assert_eq!(
                done,
                format!("€2.00 of your credit went to this invoice. Left to pay: {after}.")
            );
            assert_eq!(
                app.js("return document.activeElement.id").await,
                serde_json::json!("credit-done")
            );
            assert_eq!(
                app.text("#credit-available").await,
                "Your credit balance is €3.00."
            );
            audit_both(&app, "credit").await;
            app.click("#lang-sq").await;
            app.wait_text("#credit-available", "in Albanian", |t| {
                // WebDriver reads a no-break space as a space.
                t == "Bilanci i kreditit tuaj është 3,00 €."
            })
            .await;
            assert_eq!(
                app.js("return document.getElementById('credit-amount').value")
                    .await,
                serde_json::json!("3,00")
            );
            app.click("#lang-en").await;
            app.wait_for("#lang-en[aria-pressed='true']").await;
            app.click("#nav-dashboard").await;
            app.wait_text("#credit", "the credit after", |t| {
                t == "Credit balance: €3.00"
            })
            .await;

            // Whole: with €50.00 of credit (added by the portal's staff), invoice 1006 is paid.
            let changed = demo_get(
                port,
                &format!(
                    "/demo/credit.php?email={}&amount=50.00",
                    demo_portal::DEMO_EMAIL
                ),
            )
            .await;
            assert!(changed.status().is_success());
            open_invoice(&app, 1006).await;
            let balance = app.text("#balance strong").await;
            assert_eq!(
                app.js("return document.getElementById('credit-amount').value")
                    .await,
                serde_json::json!(format!("{:.2}", cents(&balance) as f64 / 100.0)),
                "at most the balance"
            );
            app.click("#credit-apply").await;
            app.wait_text("#credit-done", "paid", |t| {
                t == "This invoice is now paid with your credit."
            })
            .await;
            assert_eq!(app.text("#invoice-status").await, "Paid");
            assert!(app.absent("#credit-section").await);
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_invoices_notes_show_as_the_portal_wrote_them() {
    harness::scenario("an_invoices_notes_show_as_the_portal_wrote_them", || async {
        let app = App::signed_in(demo_portal::DEMO_EMAIL).await;
        open_invoice(&app, 1003).await;
        let lines = app
            .js("return [...document.querySelectorAll('#invoice-notes p')].map((p) => p.textContent)")
            .await;
        assert_eq!(
            lines,
            serde_json::json!([
                "Renewal for demo.al hosting.",
                "Purchase order PO-2026-118 (Demo Shpk accounts)."
            ])
        );
        assert_eq!(app.text("#notes-title").await, "Notes");
        app.click("#lang-sq").await;
        app.wait_text("#notes-title", "in Albanian", |t| t == "Shënime")
            .await;
        app.click("#lang-en").await;
        app.wait_for("#lang-en[aria-pressed='true']").await;
        // An invoice without notes has no such part.
        app.click("#back").await;
        open_invoice(&app, 1004).await;
        assert!(app.absent("#invoice-notes").await);
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn funds_added_are_paid_like_an_invoice_and_join_the_credit() {
    harness::scenario(
        "funds_added_are_paid_like_an_invoice_and_join_the_credit",
        || async {
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![("JITOPS_DEMO_NOTIFY_DELAY".into(), "1".into())],
                ..Default::default()
            })
            .await;
            app.sign_in_demo(demo_portal::DEMO_EMAIL, demo_portal::DEMO_PASSWORD, false)
                .await;
            app.wait_screen("dashboard").await;
            app.wait_text("#credit", "the credit", |t| t == "Credit balance: €5.00")
                .await;
            app.click("#add-funds").await;
            app.wait_screen("add-funds").await;
            assert_eq!(
                app.text("#add-funds-limits").await,
                "You can add from €10.00 to €100.00 at a time; your credit can reach at most €300.00."
            );
            assert_eq!(
                app.js("return document.activeElement.id").await,
                serde_json::json!("add-funds-amount"),
                "the amount is the first thing to type"
            );
            audit_both(&app, "add-funds").await;
            // Outside the limits: said at once.
            app.type_into("#add-funds-amount", "5").await;
            app.keys(ENTER).await;
            app.wait_text("#add-funds-form .alert-error", "the limits", |t| {
                t == "Type an amount from €10.00 to €100.00."
            })
            .await;
            app.type_into("#add-funds-amount", "20").await;
            app.click("#add-funds-submit").await;
            // The portal's invoice for it, paid like any other.
            app.wait_screen("invoice").await;
            app.wait_text("#invoice-status", "unpaid", |t| t == "Unpaid")
                .await;
            assert_eq!(app.text("#balance strong").await, "€20.00");
            app.click("#pay-one-off").await;
            let main = harness::switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            harness::fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.click("#payment-dashboard").await;
            app.wait_text("#credit", "the credit grown", |t| {
                t == "Credit balance: €25.00"
            })
            .await;
            app.close().await;
        },
    )
    .await;
}
