//! Paying: one invoice, a subscription, declined and forged outcomes, closing and restarting
//! mid-payment, slow confirmation, mass payment, payment methods, the card's bank, PayPal.

use crate::common::*;
use crate::harness::{self, fill_card, switch_to_checkout, App};

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
            assert!(app.absent("#pay-recurring").await);
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
            // "No payment recorded" is said only after the usual confirmation time since the
            // person left the processor: 20 s here.
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[("JITOPS_DEMO_USUAL_CONFIRMATION", "20")],
            )
            .await;
            let main = pay_one_off_in_checkout(&app, 1004).await;
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
            app.wait_for("#payment-panel.phase-none-recorded #payment-pay-again")
                .await;
            let message = app.text("#payment-message").await;
            // Never "nothing was paid": only what the portal recorded, and what to check first.
            assert!(
                message.starts_with("The portal has recorded no payment for this invoice so far")
                    && message.contains("check your card statement or PayPal account"),
                "{message}"
            );
            both_languages(&app, "screen-payment-none-recorded").await;
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
            let main = pay_one_off_in_checkout(&app, 1003).await;
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
async fn cancel_and_return_is_said_unrecorded_after_the_usual_time_and_pay_again_opens_the_checkout(
) {
    harness::scenario(
        "cancel_and_return_is_said_unrecorded_after_the_usual_time_and_pay_again_opens_the_checkout",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[("JITOPS_DEMO_USUAL_CONFIRMATION", "8")],
            )
            .await;
            let main = pay_one_off_in_checkout(&app, 1005).await;
            // The processor's own way back: the invoice, with no outcome in the address.
            app.click_in_checkout_then_return("#cancel-link", main)
                .await;
            app.wait_screen("payment").await;
            app.wait_for("#payment-panel.phase-none-recorded #payment-pay-again")
                .await;
            app.click("#payment-pay-again").await;
            let main = switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            close_checkout_and_see_it_checked(&app, main).await;
            app.wait_for("#payment-panel.phase-none-recorded").await;
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
            let main = pay_one_off_in_checkout(&app, 1003).await;
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_for("#payment-panel.phase-waiting #payment-bar")
                .await;
            both_languages(&app, "screen-payment-waiting").await;
            app.wait_text("#payment-message", "the guidance", |t| {
                t.starts_with("2Checkout is still confirming")
            })
            .await;
            // Tracking goes on: the bar is still there and no way to pay is offered.
            app.wait_for("#payment-panel.phase-slow #payment-bar").await;
            assert!(app.absent("#payment-pay-again").await);
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
            // Ticking a box moves no row: the bar stands, at its height, before any is ticked
            // (it once appeared on the first tick, and the second tick missed its row).
            let row_at = "const m = document.getElementById('main'); \
                return document.querySelector(\"tr[data-id='1006']\").getBoundingClientRect().top \
                - m.getBoundingClientRect().top + m.scrollTop";
            app.wait_text("#mass-pay-problem", "the hint before any pick", |t| {
                !t.is_empty()
            })
            .await;
            let before = app.js(row_at).await;
            app.click("tr[data-id='1003'] input.pick").await;
            app.wait_text("#mass-pay-button", "one invoice picked", |t| {
                t.starts_with("Pay 1")
            })
            .await;
            assert_eq!(
                app.js(row_at).await,
                before,
                "ticking a box moved the rows below the bar"
            );
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
    let main = pay_one_off_in_checkout(&app, 1003).await;
    fill_card(&app, demo_portal::TEST_CARD_OK).await;
    app.click("#pay-button").await;
    if form == "frame" {
        app.wait_for("#three-ds-frame").await;
        // A frame never changes what the title says: the processor's page is still the one
        // shown.
        let title = wait_window_titled("Secure payment — 127.0.0.1:").await;
        assert!(
            !harness::window_titles()
                .iter()
                .any(|t| t.starts_with("Your bank")),
            "{title}"
        );
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
            let main = pay_one_off_in_checkout(&app, 1003).await;
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

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn longer_at_the_processor_than_the_usual_time_then_closed_is_followed_to_paid() {
    harness::scenario(
        "longer_at_the_processor_than_the_usual_time_then_closed_is_followed_to_paid",
        || async {
            // The usual time is 4 s here; the portal records the payment 3 s after Pay.
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[
                    ("JITOPS_DEMO_USUAL_CONFIRMATION", "4"),
                    ("JITOPS_DEMO_DIRECT_RETURN", "off"),
                    ("JITOPS_DEMO_NOTIFY_DELAY", "3"),
                ],
            )
            .await;
            let main = pay_one_off_in_checkout(&app, 1003).await;
            app.wait_for("#card_number").await;
            // The person reads the processor's page for longer than the usual time (what is
            // waited for is the person's own time there, nothing of the app's).
            tokio::time::sleep(std::time::Duration::from_secs(6)).await;
            fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click("#pay-button").await;
            app.wait_for("#receipt-title").await;
            // Closed the way a person does, at once: the portal is asked, nothing concluded.
            close_checkout_and_see_it_checked(&app, main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.wait_for("#payment-panel.phase-paid").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn paid_while_the_receipt_is_still_open_shows_in_the_main_window() {
    harness::scenario(
        "paid_while_the_receipt_is_still_open_shows_in_the_main_window",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[
                    ("JITOPS_DEMO_DIRECT_RETURN", "off"),
                    ("JITOPS_DEMO_NOTIFY_DELAY", "3"),
                ],
            )
            .await;
            let badge_count = || async {
                app.js("return document.getElementById('invoices-badge').textContent")
                    .await
                    .as_str()
                    .and_then(|t| t.parse::<u64>().ok())
            };
            let unpaid_before = badge_count().await.expect("unpaid invoices on the badge");
            let main = pay_and_stay_on_the_receipt(&app).await;
            // The person leaves the receipt open and looks at the app.
            app.client
                .switch_to_window(main.clone())
                .await
                .expect("back to the main window");
            let said = app
                .wait_text("#payment-message", "Paid while the window is open", |t| {
                    t.starts_with("Paid:")
                })
                .await;
            assert!(said.contains("You can close the payment window"), "{said}");
            app.wait_for("#payment-panel.phase-paid #payment-back")
                .await;
            // The badge follows the portal's count.
            let badge = wait_until("one unpaid invoice less on the badge", || async {
                badge_count().await.filter(|count| *count < unpaid_before)
            })
            .await;
            assert_eq!(badge, unpaid_before - 1);
            both_languages(&app, "screen-payment-paid-window-open").await;
            // The window closed afterwards changes nothing that was said.
            app.close_window_like_a_person("Secure payment");
            app.back_to_main_after_checkout(main).await;
            app.wait_for("#payment-panel.phase-paid").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_checkout_window_replaced_by_another_leaves_its_payment_followed() {
    harness::scenario(
        "a_checkout_window_replaced_by_another_leaves_its_payment_followed",
        || async {
            let app = App::signed_in_with(
                "demo@jitops.example",
                &[("JITOPS_DEMO_USUAL_CONFIRMATION", "60")],
            )
            .await;
            // The person opens the payment of 1003, then, without closing it, pays 1006: the
            // second checkout replaces the first window.
            let main = pay_one_off_in_checkout(&app, 1003).await;
            app.wait_for("#card_number").await;
            app.client
                .switch_to_window(main.clone())
                .await
                .expect("back to the main window");
            open_invoice(&app, 1006).await;
            app.click("#pay-one-off").await;
            app.wait_screen("payment").await;
            // The first payment is marked closed and followed: the portal is asked about it.
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;
            let said = app
                .wait_text(
                    "#pending-payments li[data-invoice='1003'] .pending-message",
                    "the replaced payment followed",
                    |t| t.starts_with("The portal shows no payment for this invoice so far."),
                )
                .await;
            assert!(said.contains("do not pay again"), "{said}");
            // The second is still at the processor.
            app.wait_for("#pending-payments li[data-invoice='1006']")
                .await;
            app.close_window_like_a_person("Secure payment");
            app.back_to_main_after_checkout(main).await;
            app.close().await;
        },
    )
    .await;
}
