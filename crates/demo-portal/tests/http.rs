//! The demo portal as a browser meets it: the session cookie, the CSRF token, and the
//! processor's validation, over real HTTP.

use demo_portal::{DemoPortal, Options};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

fn token_in(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("form.login-form input[name=token]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|i| i.value().attr("value"))
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_session_cookie_and_the_csrf_token_are_required() {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let browser = client();
    let login = browser
        .get(format!("{}clientarea.php", demo.portal_url()))
        .send()
        .await
        .unwrap();
    assert!(login.url().as_str().ends_with("index.php?rp=/login"));
    let name = demo.cookie_name();
    assert!(name.starts_with("WHMCS") && name.len() > 5);
    let html = login.text().await.unwrap();
    let token = token_in(&html);
    assert_eq!(token.len(), 40);
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(html.contains(&format!("var csrfToken = '{token}'")));

    let post = |token: Option<&str>| {
        let mut form = vec![("username", "demo@jitops.example"), ("password", "demo")];
        if let Some(t) = token {
            form.push(("token", t));
        }
        browser
            .post(format!("{}index.php?rp=/login", demo.portal_url()))
            .form(&form)
            .send()
    };
    let missing = post(None).await.unwrap();
    assert_eq!(missing.status(), 400);
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains("Invalid CSRF Protection Token"));
    let wrong = post(Some("0000000000000000000000000000000000000000"))
        .await
        .unwrap();
    assert_eq!(wrong.status(), 400);
    let ok = post(Some(&token)).await.unwrap();
    assert!(
        ok.url().as_str().ends_with("/clientarea.php"),
        "{}",
        ok.url()
    );
    let dashboard = ok.text().await.unwrap();
    assert!(dashboard.contains("class=\"topbar\""));
    // A new token after signing in, as WHMCS regenerates it.
    assert!(!dashboard.contains(&token));
}

#[tokio::test]
async fn the_processor_validates_the_card_and_keeps_nothing_but_the_last_digits() {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let browser = client();
    let order = browser
        .post(format!("{}checkout/purchase", demo.checkout_url()))
        .form(&[
            ("merchant_order_id", "1003"),
            ("li_0_name", "JitOps Cloud Invoice #2026-0103"),
            ("li_0_price", "11.99"),
            ("currency_code", "EUR"),
            (
                "x_receipt_link_url",
                &format!(
                    "{}modules/gateways/callback/2checkout.php",
                    demo.portal_url()
                ),
            ),
        ])
        .send()
        .await
        .unwrap();
    let order_url = order.url().clone();
    let page = order.text().await.unwrap();
    assert!(page.contains("Pay €11.99"), "the button names the amount");
    assert!(page.contains("JitOps Cloud"));
    let invalid = browser
        .post(format!("{order_url}/pay"))
        .form(&[
            ("method", "card"),
            ("card_name", ""),
            ("card_number", "4111 1111 1111 1112"),
            ("card_expiry", "01/20"),
            ("card_cvv", "1"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for id in [
        "card_name-error",
        "card_number-error",
        "card_expiry-error",
        "card_cvv-error",
    ] {
        assert!(invalid.contains(id), "{id} missing");
    }
    assert!(!invalid.contains("4111 1111 1111 1112"));
    // PayPal: the window leaves for PayPal's site, the buyer pays there, and comes back
    // through 2Checkout to the portal.
    let paypal = browser
        .post(format!("{order_url}/pay"))
        .form(&[("method", "paypal")])
        .send()
        .await
        .unwrap();
    let at = paypal.url().clone();
    assert!(at.as_str().starts_with(demo.paypal_url()), "{at}");
    let paid = browser
        .post(
            at.join(&format!("/checkoutnow/pay?{}", at.query().unwrap()))
                .unwrap(),
        )
        .form(&[("email", "buyer@example.com"), ("password", "secret-pp")])
        .send()
        .await
        .unwrap();
    assert!(
        paid.url().as_str().contains("pendingreview=true")
            || paid.url().as_str().contains("index.php?rp=/login"),
        "{}",
        paid.url()
    );
    assert_eq!(demo.orders_paid_with(), vec!["PayPal".to_string()]);
}
