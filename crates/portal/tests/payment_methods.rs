//! Paying the ways a real portal and processor offer, against the demo in each variant: the
//! invoice's payment method changed on the portal, a bank transfer's instructions, PayPal's own
//! gateway, PayPal inside 2Checkout, the card's bank (3-D Secure) in a frame and as a full-page
//! hop, and a mass payment with the method chosen. Each is followed to Paid at the portal.

use demo_portal::{DemoPortal, Gateway, Options, ThreeDSecure};
use portal::checkout::{self, CheckoutRequest};
use portal::{InvoiceStatus, PaymentKind, PortalError, Session};
use std::sync::Arc;
use std::time::Duration;

const ALL: [Gateway; 3] = [Gateway::Tco, Gateway::Paypal, Gateway::BankTransfer];

async fn start(gateways: &[Gateway], three_d_secure: ThreeDSecure) -> DemoPortal {
    DemoPortal::start(Options {
        gateways: gateways.to_vec(),
        three_d_secure,
        notify_delay: Duration::from_millis(300),
        ..Options::default()
    })
    .await
    .expect("demo portal starts")
}

/// The demo customer's session.
async fn signed_in(demo: &DemoPortal) -> Arc<Session> {
    test_support::demo::signed_in(demo, demo_portal::DEMO_EMAIL).await
}

/// A browser of its own (as the checkout window is), following every hop and stopping at the
/// portal's invoice page: answers where it stopped and the last page.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().path().ends_with("viewinvoice.php") {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .unwrap()
}

async fn open(b: &reqwest::Client, request: &CheckoutRequest) -> (reqwest::Url, String) {
    let page = b
        .post(request.url.clone())
        .form(&request.fields)
        .send()
        .await
        .unwrap();
    (page.url().clone(), page.text().await.unwrap())
}

async fn post(
    b: &reqwest::Client,
    url: reqwest::Url,
    form: &[(&str, &str)],
) -> (reqwest::Url, String) {
    let page = b.post(url).form(form).send().await.unwrap();
    let at = page
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| page.url().join(l).ok())
        .unwrap_or_else(|| page.url().clone());
    (at, page.text().await.unwrap())
}

async fn paid(demo: &DemoPortal, id: u64) {
    let paid = || async {
        (demo.invoice_status(demo_portal::DEMO_EMAIL, id) == Some("Paid")).then_some(())
    };
    test_support::wait::until(&format!("#{id} Paid"), Duration::from_secs(10), paid).await;
}

fn domains(demo: &DemoPortal) -> Vec<String> {
    demo.processor_origins()
}

#[tokio::test]
async fn one_method_is_named_and_not_offered_as_a_choice() {
    let demo = start(&[Gateway::Tco], ThreeDSecure::Off).await;
    let session = signed_in(&demo).await;
    let detail = session.invoice(1003).await.unwrap();
    assert_eq!(detail.payment_method.as_deref(), Some("2Checkout"));
    assert!(detail.payment_methods.is_empty());
    assert!(detail.choice(PaymentKind::OneOff).is_some());
    assert_eq!(session.mass_pay_methods().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_bank_transfer_shows_the_portals_instructions_and_opens_nothing() {
    let demo = start(&ALL, ThreeDSecure::Off).await;
    let session = signed_in(&demo).await;
    let detail = session.invoice(1003).await.unwrap();
    let values: Vec<_> = detail
        .payment_methods
        .iter()
        .map(|m| m.value.as_str())
        .collect();
    assert_eq!(values, ["tco", "paypal", "banktransfer"]);
    assert_eq!(detail.payment_method_value.as_deref(), Some("tco"));
    let bank = session
        .change_payment_method(1003, "banktransfer")
        .await
        .unwrap();
    assert_eq!(demo.invoice_gateway(1003), Gateway::BankTransfer);
    assert_eq!(bank.payment_method_value.as_deref(), Some("banktransfer"));
    assert!(bank.payment_choices.is_empty());
    let text = bank.payment_instructions.expect("the instructions");
    assert!(
        text.contains("IBAN") && text.contains("2026-0103"),
        "{text}"
    );
    assert!(matches!(
        session.change_payment_method(1003, "stripe").await,
        Err(PortalError::PaymentNotOffered)
    ));
}

#[tokio::test]
async fn paypals_own_gateway_goes_to_paypal_and_back_and_is_paid() {
    let demo = start(&ALL, ThreeDSecure::Off).await;
    let session = signed_in(&demo).await;
    let detail = session.change_payment_method(1003, "paypal").await.unwrap();
    let request = checkout::prepare(&session, &detail, PaymentKind::OneOff, &domains(&demo))
        .await
        .unwrap();
    assert!(
        request.url.as_str().starts_with(demo.paypal_url()),
        "{}",
        request.url
    );
    let b = browser();
    let (at, page) = open(&b, &request).await;
    assert!(page.contains("paypal-pay"), "{at}");
    let pay = at
        .join(&format!("/checkoutnow/pay?{}", at.query().unwrap()))
        .unwrap();
    let (back, _) = post(
        &b,
        pay,
        &[("email", "buyer@example.com"), ("password", "x")],
    )
    .await;
    assert!(back.as_str().starts_with(demo.portal_url()), "{back}");
    assert!(
        back.query().unwrap().contains("paymentsuccess=true"),
        "{back}"
    );
    paid(&demo, 1003).await;
    let after = session.invoice(1003).await.unwrap();
    assert_eq!(after.status, InvoiceStatus::Paid);
    assert_eq!(after.transactions.last().unwrap().gateway, "PayPal");
}

#[tokio::test]
async fn paypal_inside_2checkout_leaves_for_paypal_and_comes_back() {
    let demo = start(&[Gateway::Tco], ThreeDSecure::Off).await;
    let session = signed_in(&demo).await;
    let detail = session.invoice(1003).await.unwrap();
    let request = checkout::prepare(&session, &detail, PaymentKind::OneOff, &domains(&demo))
        .await
        .unwrap();
    let b = browser();
    let (order, _) = open(&b, &request).await;
    let (at, page) = post(
        &b,
        order.join(&format!("{}/pay", order.path())).unwrap(),
        &[("method", "paypal")],
    )
    .await;
    assert!(at.as_str().starts_with(demo.paypal_url()), "{at}");
    let _ = page;
    let login = b.get(at.clone()).send().await.unwrap();
    assert!(login.text().await.unwrap().contains("paypal-pay"));
    let pay = at
        .join(&format!("/checkoutnow/pay?{}", at.query().unwrap()))
        .unwrap();
    let page = b
        .post(pay)
        .form(&[("email", "buyer@example.com"), ("password", "x")])
        .send()
        .await
        .unwrap();
    // Back through 2Checkout to the portal.
    assert!(
        page.url().as_str().starts_with(demo.portal_url()),
        "{}",
        page.url()
    );
    paid(&demo, 1003).await;
    assert_eq!(demo.orders_paid_with(), vec!["PayPal".to_owned()]);
}

async fn card_through_the_bank(form: ThreeDSecure) {
    let demo = start(&[Gateway::Tco], form).await;
    let session = signed_in(&demo).await;
    let detail = session.invoice(1003).await.unwrap();
    let request = checkout::prepare(&session, &detail, PaymentKind::OneOff, &domains(&demo))
        .await
        .unwrap();
    let b = browser();
    let (order, _) = open(&b, &request).await;
    let page = b
        .post(order.join(&format!("{}/pay", order.path())).unwrap())
        .form(&[
            ("method", "card"),
            ("card_name", "Demo Customer"),
            ("card_number", demo_portal::TEST_CARD_OK),
            ("card_expiry", "12/30"),
            ("card_cvv", "123"),
        ])
        .send()
        .await
        .unwrap();
    let at = page.url().clone();
    let html = page.text().await.unwrap();
    let challenge_url = match form {
        ThreeDSecure::Redirect => {
            assert!(
                at.as_str().starts_with(demo.bank_url()),
                "the window went to the bank: {at}"
            );
            at
        }
        _ => {
            assert!(at.as_str().starts_with(demo.checkout_url()), "{at}");
            let start = html.find("src=\"").expect("the bank's frame") + 5;
            let src = &html[start..start + html[start..].find('"').unwrap()];
            assert!(src.starts_with(demo.bank_url()), "{src}");
            reqwest::Url::parse(src).unwrap()
        }
    };
    assert_eq!(
        demo.invoice_status(demo_portal::DEMO_EMAIL, 1003),
        Some("Unpaid")
    );
    let bank_page = b
        .get(challenge_url.clone())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(bank_page.contains("bank-approve"));
    let framed = form == ThreeDSecure::Frame;
    assert_eq!(bank_page.contains("name=\"frame\""), framed);
    let challenge = challenge_url.path().rsplit('/').next().unwrap().to_owned();
    let done = reqwest::Url::parse(demo.checkout_url())
        .unwrap()
        .join(&format!("{}/3ds-done", order.path()))
        .unwrap();
    let mut answer = vec![("challenge", challenge.as_str()), ("result", "approved")];
    if framed {
        answer.push(("frame", "1"));
    }
    let back = b.post(done).form(&answer).send().await.unwrap();
    let back = if framed {
        // In the frame: the processor's page there moves the window on.
        let html = back.text().await.unwrap();
        assert!(html.contains("window.top.location.replace"), "{html}");
        let next = reqwest::Url::parse(demo.checkout_url())
            .unwrap()
            .join(&format!("{}/finished", order.path()))
            .unwrap();
        b.get(next).send().await.unwrap()
    } else {
        back
    };
    assert!(
        back.url().as_str().starts_with(demo.portal_url()),
        "{}",
        back.url()
    );
    paid(&demo, 1003).await;
}

#[tokio::test]
async fn three_d_secure_in_a_frame_then_paid() {
    card_through_the_bank(ThreeDSecure::Frame).await;
}

#[tokio::test]
async fn three_d_secure_as_a_full_page_hop_then_paid() {
    card_through_the_bank(ThreeDSecure::Redirect).await;
}

#[tokio::test]
async fn a_mass_payment_posts_the_method_chosen() {
    let demo = start(&ALL, ThreeDSecure::Off).await;
    let session = signed_in(&demo).await;
    let methods = session.mass_pay_methods().await.unwrap();
    assert_eq!(methods.len(), 3);
    assert_eq!(methods[2].name, "Bank Transfer");
    // None chosen among several: not guessed.
    assert!(matches!(
        session.mass_payment(&[1003, 1006], None).await,
        Err(PortalError::PaymentNotOffered)
    ));
    let by_bank = session
        .mass_payment(&[1003, 1006], Some("banktransfer"))
        .await
        .unwrap();
    assert!(by_bank.payment_choices.is_empty());
    assert!(by_bank.payment_instructions.is_some());
    assert_eq!(demo.invoice_gateway(by_bank.id), Gateway::BankTransfer);
    let by_card = session
        .mass_payment(&[1003, 1006], Some("tco"))
        .await
        .unwrap();
    assert!(by_card.choice(PaymentKind::OneOff).is_some());
}
