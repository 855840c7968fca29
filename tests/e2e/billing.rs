//! The client area's billing beyond paying by card: the account's credit (part of an invoice,
//! then a whole one, the portal's figures read back after each), an invoice's notes, adding
//! funds, and quotes (read, saved, accepted with the portal's terms, the invoice paid).

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
            let app = App::signed_in_with(
                demo_portal::DEMO_EMAIL,
                &[("JITOPS_DEMO_PORTAL_PORT", &port.to_string())],
            )
            .await;
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
                t == "Enter an amount above 0 and at most €5.00."
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
                t == "Krediti juaj në dispozicion është 3,00 €."
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
                t == "Enter an amount from €10.00 to €100.00."
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

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_quote_is_read_saved_accepted_with_the_terms_and_its_invoice_paid() {
    harness::scenario(
        "a_quote_is_read_saved_accepted_with_the_terms_and_its_invoice_paid",
        || async {
            // The terms open in the browser: a stand-in opener records the address it got.
            let home = harness::scenario_path("quote");
            let (path, opened) = harness::stand_in_opener(&home.join("bin"));
            let port = harness::free_port();
            let app = App::launch(harness::Launch {
                args: vec!["--demo".into()],
                env: vec![
                    ("PATH".into(), path),
                    ("JITOPS_DEMO_NOTIFY_DELAY".into(), "1".into()),
                    ("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string()),
                ],
                home: Some(home.clone()),
                ..harness::Launch::default()
            })
            .await;
            app.sign_in_demo(demo_portal::DEMO_EMAIL, demo_portal::DEMO_PASSWORD, false)
                .await;
            app.wait_screen("dashboard").await;
            app.click("#nav-quotes").await;
            app.wait_screen("quotes").await;
            assert_eq!(
                app.text("#quotes-summary").await,
                "4 quotes; 2 await your answer."
            );
            let stages = app
                .js("return [...document.querySelectorAll('#quotes-table tbody tr')].map((r) => r.dataset.stage)")
                .await;
            assert_eq!(
                stages,
                serde_json::json!(["delivered", "on-hold", "accepted", "dead"])
            );
            audit_both(&app, "quotes").await;
            // The first row from the keyboard.
            app.js("document.querySelector('#quotes-table tbody tr').focus()")
                .await;
            app.keys(ENTER).await;
            app.wait_screen("quote").await;
            assert_eq!(app.text("#quote-title").await, "Quote 7");
            assert_eq!(app.text("#quote-stage").await, "Awaiting your answer");
            assert_eq!(
                app.text("#quote-subject").await,
                "Managed migration to a dedicated server"
            );
            let lines = app
                .js("return [...document.querySelectorAll('#quote-items tbody tr')].map((r) => [...r.cells].map((c) => c.textContent))")
                .await;
            assert_eq!(
                lines,
                serde_json::json!([
                    ["Dedicated server D2 - setup", "€8.00 (10%)", "€72.00"],
                    ["Migration of 3 websites and mailboxes", "", "€120.00"],
                    ["Subtotal", "", "€192.00"],
                    ["20% VAT", "", "€38.40"],
                    ["Total", "", "€230.40"]
                ])
            );
            assert!(app.text("#quote-proposal").await.contains("over a weekend"));
            assert_eq!(
                app.js("return document.querySelectorAll('#quote-notes p').length")
                    .await,
                serde_json::json!(2)
            );

            // Its PDF, saved where the person says.
            let target = home.join("quotes").join("Quote-7.pdf");
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            app.click("#quote-pdf").await;
            app.answer_file_dialog("Save the quote", &target);
            app.wait_text("#quote-pdf-saved", "the PDF saved", |t| {
                t.starts_with("The quote’s PDF was saved")
            })
            .await;
            assert!(std::fs::read(&target).unwrap().starts_with(b"%PDF-"));

            // The portal's terms, read in the browser.
            app.click("#quote-terms").await;
            let opened = &opened;
            let url = wait_until("the terms opened", || async move {
                std::fs::read_to_string(opened)
                    .ok()
                    .and_then(|t| t.lines().next().map(str::to_owned))
            })
            .await;
            assert!(url.ends_with("/terms-of-service.php"), "{url}");

            // Not agreed: nothing is sent, and the box is where the focus goes.
            app.click("#quote-accept").await;
            app.wait_text("#quote-accept-section .alert-error", "the terms asked for", |t| {
                t == "Tick the box to agree to the portal’s terms of service first."
            })
            .await;
            assert_eq!(
                app.js("return document.activeElement.id").await,
                serde_json::json!("quote-agree")
            );
            assert_eq!(
                portal_stage(port, 7).await,
                "delivered",
                "the portal has not been asked"
            );
            // Agreed, then the language switched: the box stays ticked.
            app.click("#quote-agree").await;
            app.click("#lang-sq").await;
            app.wait_text("#quote-stage", "in Albanian", |t| t == "Pret përgjigjen tuaj")
                .await;
            assert_eq!(app.text("#quote-title").await, "Oferta 7");
            assert_eq!(
                app.js("return document.getElementById('quote-agree').checked")
                    .await,
                serde_json::json!(true)
            );
            app.click("#lang-en").await;
            app.wait_text("#quote-stage", "in English", |t| t == "Awaiting your answer")
                .await;
            app.click("#quote-accept").await;
            app.wait_screen("invoice").await;
            assert_eq!(
                app.wait_text("#quote-accepted", "what the portal did", |t| !t.is_empty())
                    .await,
                "Quote 7 is accepted. The portal made this invoice for it."
            );
            assert_eq!(app.text("#invoice-status").await, "Unpaid");
            assert_eq!(app.text("#balance strong").await, "€230.40");

            // Paid at once, like any other invoice.
            app.click("#pay-one-off").await;
            let main = harness::switch_to_checkout(&app).await;
            app.wait_for("#card_number").await;
            harness::fill_card(&app, demo_portal::TEST_CARD_OK).await;
            app.click_in_checkout_then_return("#pay-button", main).await;
            app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            app.click("#nav-quotes").await;
            app.wait_text("#quotes-summary", "one answered", |t| {
                t == "4 quotes; 1 awaits your answer."
            })
            .await;
            assert_eq!(portal_stage(port, 7).await, "accepted");
            app.close().await;
        },
    )
    .await;
}

/// Quote `id`'s stage as the demo portal holds it (its `/demo/quotes.php` control).
async fn portal_stage(port: u16, id: u64) -> String {
    let text = demo_get(
        port,
        &format!("/demo/quotes.php?email={}", demo_portal::DEMO_EMAIL),
    )
    .await
    .text()
    .await
    .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{id} ")).map(str::to_owned))
        .unwrap_or_else(|| panic!("quote {id} in {text:?}"))
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_accountants_statement_is_prepared_and_saved_as_csv_and_pdf() {
    harness::scenario(
        "the_accountants_statement_is_prepared_and_saved_as_csv_and_pdf",
        || async {
            let app = App::signed_in(demo_portal::ACCOUNTANT_EMAIL).await;
            app.click("#nav-invoices").await;
            app.wait_for("#invoice-table[data-complete='true']").await;
            app.click("#statement").await;
            app.wait_screen("statement").await;
            assert_eq!(
                app.js("return document.activeElement.id").await,
                serde_json::json!("statement-from"),
                "the first date is the first thing to give"
            );
            // Two months up to a month ago (the demo's invoices are one a day).
            let today = chrono::Local::now().date_naive();
            let (from, to) = (
                today - chrono::Duration::days(90),
                today - chrono::Duration::days(30),
            );
            for (id, day) in [("statement-from", from), ("statement-to", to)] {
                app.js(&format!(
                    "const f = document.getElementById('{id}'); f.value = '{day}'; f.dispatchEvent(new Event('change'));"
                ))
                .await;
            }
            app.click("#statement-prepare").await;
            let heading = app
                .wait_text("#statement-heading", "the statement", |t| !t.is_empty())
                .await;
            assert_eq!(
                heading,
                format!(
                    "{} – {}",
                    l10n::format_date(l10n::Lang::En, from),
                    l10n::format_date(l10n::Lang::En, to)
                )
            );
            assert!(app.absent("#statement-gaps").await, "nothing left out");
            let books = demo_portal::people::accountant(today).books(from, to);
            let currencies = app
                .js("return [...document.querySelectorAll('#statement-table tbody tr')].map((r) => r.dataset.currency)")
                .await;
            assert_eq!(
                currencies,
                serde_json::json!(books.keys().collect::<Vec<_>>())
            );
            audit_both(&app, "statement").await;

            // CSV: each currency opened and closed by the balance the portal's records give.
            let folder = app.home.join("statements");
            std::fs::create_dir_all(&folder).unwrap();
            let csv_path = folder.join("statement.csv");
            app.click("#statement-csv").await;
            app.answer_file_dialog("Save the statement as CSV", &csv_path);
            app.wait_text("#statement-saved", "the CSV saved", |t| {
                t.starts_with("The statement was saved as")
            })
            .await;
            let rows = harness::read_csv(&csv_path);
            assert_eq!(
                rows[0].join("|"),
                "Account|Currency|Date|Entry|Invoice|Invoice ID|Reference|Amount|Balance"
            );
            for (currency, b) in &books {
                let mine: Vec<&Vec<String>> =
                    rows[1..].iter().filter(|r| &r[1] == currency).collect();
                assert_eq!(mine[0][8], format!("{:.2}", b.opening), "{currency}");
                assert_eq!(mine.last().unwrap()[8], format!("{:.2}", b.closing), "{currency}");
                assert_eq!(mine.len() - 2, b.entries, "{currency}");
            }

            // PDF, in Albanian after a switch (the statement drawn again, not read again).
            app.click("#lang-sq").await;
            app.wait_text("#statement-prepare", "in Albanian", |t| t == "Përgatit")
                .await;
            assert!(app.text("#statement-table").await.contains("Saldo përfundimtare"));
            let pdf_path = folder.join("pasqyra.pdf");
            app.click("#statement-pdf").await;
            app.answer_file_dialog("Ruaj pasqyrën si PDF", &pdf_path);
            app.wait_text("#statement-saved", "the PDF saved", |t| {
                t.starts_with("Pasqyra u ruajt si")
            })
            .await;
            assert!(std::fs::read(&pdf_path).unwrap().starts_with(b"%PDF-"));
            app.click("#lang-en").await;
            app.wait_for("#lang-en[aria-pressed='true']").await;
            app.close().await;
        },
    )
    .await;
}
