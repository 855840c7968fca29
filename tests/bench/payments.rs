//! Row 5: payment confirmation, from the portal recording Paid to the app showing it.

use super::*;

/// The demo's `/demo/payments.php`: invoice pages served, and when each invoice was recorded
/// paid (ms since the Unix epoch).
pub(crate) async fn demo_payments(portal_url: &str) -> (u64, HashMap<u64, u128>) {
    let text = reqwest::get(format!("{portal_url}demo/payments.php"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut views = 0;
    let mut paid = HashMap::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split(' ').collect();
        match words.as_slice() {
            ["invoice_views", n] => views = n.parse().unwrap(),
            ["paid", id, ms] => {
                paid.insert(id.parse().unwrap(), ms.parse().unwrap());
            }
            _ => {}
        }
    }
    (views, paid)
}

/// When the app painted its "Paid" views (ms since the Unix epoch), from its output.
pub(crate) fn paid_shown_at(app: &App) -> Vec<u128> {
    std::fs::read_to_string(app.home.join("output.log"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split("jitops-timing: shown payment-paid at ").nth(1))
        .filter_map(|ms| ms.trim().parse().ok())
        .collect()
}

pub(crate) struct Confirmation {
    pub(crate) delay_s: f64,
    pub(crate) requests: u64,
}

/// Ten one-off payments through the checkout window on the embedded demo portal (the
/// processor notifies the portal at a random moment after each): the delay between the portal
/// recording Paid and the app painting it, and the invoice pages the app asked for from "Pay"
/// to "Paid".
pub(crate) async fn payment_confirmations() -> Vec<Confirmation> {
    let port = harness::free_port();
    let portal_url = format!("http://127.0.0.1:{port}/");
    let app = App::launch(Launch {
        args: vec!["--demo".into()],
        env: vec![
            ("JITOPS_DEMO_NOTIFY_DELAY".into(), "3".into()),
            ("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string()),
            ("JITOPS_TIMING".into(), "1".into()),
        ],
        home: Some(temp_home("app-payments")),
        ..Launch::default()
    })
    .await;
    app.sign_in_demo(
        demo_portal::ACCOUNTANT_EMAIL,
        demo_portal::DEMO_PASSWORD,
        false,
    )
    .await;
    app.wait_screen("dashboard").await;
    let mut figures = Vec::new();
    for id in UNPAID_OF_ACCOUNTANT {
        app.click("#nav-invoices").await;
        app.wait_screen("invoices").await;
        app.wait_for("#invoice-table[data-complete='true']").await;
        // Found with the list's own search (only the rows in view are drawn): ids from 5000
        // are ACC-00001 on.
        app.type_into("#list-search", &format!("ACC-{:05}", id - 4999))
            .await;
        app.click(&format!("tr[data-id='{id}'] td")).await;
        app.wait_screen("invoice").await;
        // The processor's notification reaches the portal at a random moment (1.5 to 20 s after
        // the payment), so Paid lands anywhere between two of the app's checks.
        let notify_ms = 1500
            + std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos() as u64
                % 18_500;
        reqwest::get(format!(
            "{portal_url}demo/faults.php?notify_delay_ms={notify_ms}"
        ))
        .await
        .expect("the demo's notification delay");
        let shown_before = paid_shown_at(&app).len();
        let (views_before, _) = demo_payments(&portal_url).await;
        app.click("#pay-one-off").await;
        let main = switch_to_checkout(&app).await;
        app.wait_for("#card_number").await;
        fill_card(&app, demo_portal::TEST_CARD_OK).await;
        app.click_in_checkout_then_return("#pay-button", main).await;
        app.wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
            .await;
        let shown = loop {
            if let Some(ms) = paid_shown_at(&app).get(shown_before) {
                break *ms;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let (views_after, paid) = demo_payments(&portal_url).await;
        let recorded = paid[&id];
        figures.push(Confirmation {
            delay_s: (shown.saturating_sub(recorded)) as f64 / 1000.0,
            requests: views_after - views_before,
        });
        eprintln!(
            "bench: payment {id}: shown {:.2} s after the portal recorded it",
            figures.last().unwrap().delay_s
        );
    }
    app.close().await;
    figures
}
