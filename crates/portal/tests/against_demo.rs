//! The whole client against the demo portal over real HTTP, in both stock themes.

use demo_portal::{DemoPortal, Faults, Options, Theme};
use portal::checkout::{self, CheckoutRequest};
use portal::tracker::{self, TrackEvent};
use portal::{
    BillingCycle, Credentials, InvoiceStatus, PaymentKind, PaymentNotice, PortalAddress,
    PortalError, Session, SignIn,
};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use test_support::demo::signed_in;

const THEMES: [Theme; 2] = [Theme::TwentyOne, Theme::Six];

async fn demo(theme: Theme) -> DemoPortal {
    DemoPortal::start(Options {
        theme,
        notify_delay: Duration::from_millis(1500),
        ..Options::default()
    })
    .await
    .expect("demo portal starts")
}

fn creds(email: &str, password: &str) -> Credentials {
    Credentials {
        email: email.into(),
        password: password.into(),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[tokio::test]
async fn sign_in_outcomes_in_both_themes() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
        let wrong = session
            .sign_in(creds(demo_portal::DEMO_EMAIL, "nope"), false)
            .await;
        assert!(
            matches!(wrong, Err(PortalError::WrongCredentials)),
            "{theme:?}: {wrong:?}"
        );
        let ok = session
            .sign_in(creds(demo_portal::DEMO_EMAIL, "demo"), true)
            .await;
        assert_eq!(ok.unwrap(), SignIn::SignedIn, "{theme:?}");
        session.sign_out().await.unwrap();
        assert!(matches!(
            session.invoices().await,
            Err(PortalError::SessionExpired)
        ));
    }
}

#[tokio::test]
async fn dashboard_and_invoice_list_in_both_themes() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        let dash = session.dashboard().await.unwrap();
        assert_eq!(dash.unpaid_count, 4, "{theme:?}");
        assert_eq!(dash.overdue_count, Some(2), "{theme:?}");
        assert_eq!(dash.credit_balance.unwrap().amount, d("5.00"));
        assert!(dash.mass_pay_url.unwrap().as_str().contains("masspay"));

        let list = session.invoices().await.unwrap();
        assert_eq!(list.len(), 12, "{theme:?}");
        let today = demo.today();
        assert_eq!(list.iter().filter(|i| i.is_overdue(today)).count(), 2);
        let one = list.iter().find(|i| i.id == 1003).unwrap();
        assert_eq!(one.number, "2026-0103");
        assert_eq!(one.total.currency, "EUR");
        assert_eq!(one.total.amount, d("11.99"));
        let all_ = list.iter().find(|i| i.id == 1005).unwrap();
        assert_eq!(
            (all_.total.amount, all_.total.currency.as_str()),
            (d("1200.00"), "ALL")
        );
        for status in InvoiceStatus::ALL {
            assert!(
                list.iter().any(|i| i.status == status),
                "{theme:?} {status:?}"
            );
        }
    }
}

#[tokio::test]
async fn invoice_pages_in_both_themes() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        let monthly = session.invoice(1003).await.unwrap();
        assert_eq!(monthly.status, InvoiceStatus::Unpaid);
        assert_eq!(monthly.items.len(), 1);
        assert!(monthly.items[0].taxed);
        assert_eq!(monthly.total.as_ref().unwrap().amount, d("11.99"));
        assert_eq!(monthly.balance.as_ref().unwrap().amount, d("11.99"));
        assert_eq!(monthly.cycle, Some(BillingCycle::Monthly));
        assert!(monthly.choice(PaymentKind::OneOff).is_some(), "{theme:?}");
        assert!(
            monthly.choice(PaymentKind::Recurring).is_some(),
            "{theme:?}"
        );
        assert!(monthly.pdf_url.is_some());

        let annual = session.invoice(1004).await.unwrap();
        assert_eq!(annual.cycle, Some(BillingCycle::Annually));
        assert_eq!(annual.currency(), Some("USD"));

        let overdue = session.invoice(1006).await.unwrap();
        assert!(overdue.choice(PaymentKind::OneOff).is_some());
        assert!(
            overdue.choice(PaymentKind::Recurring).is_none(),
            "withheld when overdue"
        );

        let one_off_only = session.invoice(1005).await.unwrap();
        assert_eq!(one_off_only.cycle, None);
        assert!(one_off_only.choice(PaymentKind::Recurring).is_none());

        let pending = session.invoice(1010).await.unwrap();
        assert_eq!(
            pending.status,
            InvoiceStatus::PaymentPending,
            "read from the text"
        );
        assert!(pending.payment_choices.is_empty());

        let paid = session.invoice(1001).await.unwrap();
        assert_eq!(paid.status, InvoiceStatus::Paid);
        assert_eq!(paid.transactions.len(), 1);
        assert_eq!(paid.balance.unwrap().amount, Decimal::ZERO);

        assert!(matches!(
            session.invoice(999_999).await,
            Err(PortalError::NotFound)
        ));
        // Another customer's invoice is not shown either.
        assert!(matches!(
            session.invoice(2001).await,
            Err(PortalError::NotFound)
        ));

        let pdf = session.invoice_pdf(1003).await.unwrap();
        assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF\n"));
        let (form, ids) = session.mass_pay_form().await.unwrap();
        assert_eq!(ids.len(), 4);
        assert!(form.get("token").is_some());
    }
}

#[tokio::test]
async fn second_factor_with_a_code_and_with_a_backup_code() {
    let demo = demo(Theme::TwentyOne).await;
    let address = PortalAddress::parse(demo.portal_url()).unwrap();
    let session = Session::new(address.clone()).unwrap();
    let step = session
        .sign_in(creds(demo_portal::TWO_FACTOR_EMAIL, "demo"), false)
        .await
        .unwrap();
    assert_eq!(step, SignIn::SecondFactor);
    assert!(matches!(
        session.second_factor("000000", false).await,
        Err(PortalError::WrongSecondFactor)
    ));
    session
        .second_factor(&demo.totp_code(), false)
        .await
        .unwrap();
    assert_eq!(session.dashboard().await.unwrap().unpaid_count, 1);

    let backup = Session::new(address).unwrap();
    backup
        .sign_in(creds(demo_portal::TWO_FACTOR_EMAIL, "demo"), false)
        .await
        .unwrap();
    // WHMCS uses a backup code up and shows the new one, once: it is handed back.
    let new_code = backup
        .second_factor(demo_portal::BACKUP_CODE, true)
        .await
        .unwrap()
        .expect("the new backup code");
    assert_ne!(new_code, demo_portal::BACKUP_CODE);
    assert_eq!(new_code.len(), 9, "{new_code:?}");
    assert_eq!(backup.invoices().await.unwrap().len(), 1);

    let old = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
    old.sign_in(creds(demo_portal::TWO_FACTOR_EMAIL, "demo"), false)
        .await
        .unwrap();
    assert!(matches!(
        old.second_factor(demo_portal::BACKUP_CODE, true).await,
        Err(PortalError::WrongSecondFactor)
    ));
    assert!(old.second_factor(&new_code, true).await.unwrap().is_some());
}

#[tokio::test]
async fn five_failures_ban_and_the_ban_is_reported() {
    let demo = demo(Theme::TwentyOne).await;
    let session = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
    for _ in 0..4 {
        let r = session
            .sign_in(creds(demo_portal::DEMO_EMAIL, "bad"), false)
            .await;
        assert!(matches!(r, Err(PortalError::WrongCredentials)));
    }
    let fifth = session
        .sign_in(creds(demo_portal::DEMO_EMAIL, "bad"), false)
        .await;
    assert!(
        matches!(fifth, Err(PortalError::Banned { .. })),
        "{fifth:?}"
    );
    let after = session
        .sign_in(creds(demo_portal::DEMO_EMAIL, "demo"), false)
        .await;
    match after {
        Err(PortalError::Banned { reason }) => {
            assert_eq!(reason.as_deref(), Some("Login Attempts Exceeded"))
        }
        other => panic!("still banned expected, got {other:?}"),
    }
}

#[tokio::test]
async fn password_reset_sends_an_email_for_known_addresses_only() {
    let demo = demo(Theme::Six).await;
    let session = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
    let message = session
        .request_password_reset(demo_portal::DEMO_EMAIL)
        .await
        .unwrap();
    assert!(message.contains("Validation Email Sent"), "{message}");
    let outbox = demo.outbox();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].to, demo_portal::DEMO_EMAIL);
    let unknown = session.request_password_reset("nobody@example.com").await;
    assert!(matches!(unknown, Err(PortalError::Refused(_))));
    assert_eq!(demo.outbox().len(), 1);
}

#[tokio::test]
async fn an_expired_session_signs_in_again_once() {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
    let posts = demo.sign_in_posts().0;
    demo.expire_sessions();
    assert_eq!(session.invoices().await.unwrap().len(), 12);
    assert_eq!(demo.sign_in_posts().0, posts + 1, "signed in again, once");
}

#[tokio::test]
async fn faults_give_errors_not_panics() {
    let demo = demo(Theme::TwentyOne).await;
    let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
    demo.set_faults(Faults {
        malformed: true,
        ..Faults::default()
    });
    let r = session.invoices().await;
    assert!(
        matches!(r, Err(PortalError::UnexpectedPage { .. }) | Ok(_)),
        "{r:?}"
    );
    demo.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    assert!(matches!(
        session.dashboard().await,
        Err(PortalError::HttpStatus { status: 500, .. })
    ));
    demo.set_faults(Faults::default());
    let slow = Session::with_options(
        PortalAddress::parse(demo.portal_url()).unwrap(),
        portal::SessionOptions {
            timeout: Duration::from_millis(300),
            connect_timeout: Duration::from_millis(300),
            ..Default::default()
        },
    )
    .unwrap();
    demo.set_faults(Faults {
        latency: Duration::from_secs(2),
        ..Faults::default()
    });
    let r = slow
        .sign_in(creds(demo_portal::DEMO_EMAIL, "demo"), false)
        .await;
    assert!(matches!(r, Err(PortalError::Timeout)), "{r:?}");
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let session =
        Session::new(PortalAddress::parse(&format!("http://127.0.0.1:{port}/")).unwrap()).unwrap();
    let r = session.sign_in(creds("a@b.c", "x"), false).await;
    assert!(matches!(r, Err(PortalError::Unreachable(_))), "{r:?}");
}

/// What a browser does in the checkout window: submit the request, fill the card form, press
/// Pay, and follow the processor back to the portal. Returns the final invoice URL.
async fn pay_as_browser(request: &CheckoutRequest, card: &str) -> (reqwest::Url, String) {
    // Like the checkout window, stop where the processor hands back to the invoice page.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().path().ends_with("viewinvoice.php") {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .unwrap();
    let page = browser
        .post(request.url.clone())
        .form(&request.fields)
        .send()
        .await
        .unwrap();
    let order_url = page.url().clone();
    assert!(
        order_url.path().starts_with("/checkout/order/"),
        "{order_url}"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("pay-button"));
    let pay_url = order_url
        .join(&format!("{}/pay", order_url.path()))
        .unwrap();
    let answer = browser
        .post(pay_url)
        .form(&[
            ("method", "card"),
            ("card_name", "Demo Customer"),
            ("card_number", card),
            ("card_expiry", "12/30"),
            ("card_cvv", "123"),
        ])
        .send()
        .await
        .unwrap();
    let url = match answer.headers().get(reqwest::header::LOCATION) {
        Some(location) => answer.url().join(location.to_str().unwrap()).unwrap(),
        None => answer.url().clone(),
    };
    (url, answer.text().await.unwrap_or_default())
}

#[tokio::test]
async fn one_off_payment_is_noticed_within_five_seconds_with_few_requests() {
    let demo = DemoPortal::start(Options {
        notify_delay: Duration::from_secs(7),
        ..Options::default()
    })
    .await
    .unwrap();
    let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
    let invoice = session.invoice(1003).await.unwrap();
    let request = checkout::prepare(&session, &invoice, PaymentKind::OneOff, &[])
        .await
        .unwrap();
    assert!(request.url.as_str().starts_with(demo.checkout_url()));
    assert_eq!(
        request
            .fields
            .iter()
            .find(|(k, _)| k == "merchant_order_id")
            .map(|f| f.1.as_str()),
        Some("1003")
    );
    let (back, _) = pay_as_browser(&request, demo_portal::TEST_CARD_OK).await;
    assert!(
        back.as_str()
            .contains("viewinvoice.php?id=1003&pendingreview=true"),
        "{back}"
    );
    let views_before = demo.invoice_views();
    let checks = Arc::new(AtomicU32::new(0));
    let counter = checks.clone();
    let s = session.clone();
    let end = tracker::track(
        move || {
            counter.fetch_add(1, Ordering::SeqCst);
            let s = s.clone();
            async move { Ok(s.invoice(1003).await?.status) }
        },
        Duration::from_secs(120),
        |_| {},
    )
    .await;
    let noticed = Instant::now();
    assert!(
        matches!(
            end,
            TrackEvent::Done {
                status: InvoiceStatus::Paid,
                ..
            }
        ),
        "{end:?}"
    );
    let recorded = demo.paid_at(1003).expect("the portal recorded the payment");
    let delay = noticed.duration_since(recorded);
    let requests = demo.invoice_views() - views_before;
    println!(
        "payment confirmation: noticed {:.2} s after the portal recorded it, {} requests",
        delay.as_secs_f64(),
        requests
    );
    assert!(delay < Duration::from_secs(5), "noticed after {delay:?}");
    // At most one check per 4.95 s: over the 7 s wait plus the last pause, a handful.
    assert!(requests <= 4, "{requests} requests");
    assert_eq!(requests as u32, checks.load(Ordering::SeqCst));
    let paid = session.invoice(1003).await.unwrap();
    assert_eq!(paid.status, InvoiceStatus::Paid);
    assert_eq!(paid.transactions.len(), 1);
    assert_eq!(
        demo.orders_paid_with(),
        vec!["card ending 1111".to_string()]
    );
}

#[tokio::test]
async fn recurring_payment_goes_through_the_portal_hop_and_records_the_subscription() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        let invoice = session.invoice(1003).await.unwrap();
        let request = checkout::prepare(&session, &invoice, PaymentKind::Recurring, &[])
            .await
            .unwrap();
        assert!(
            request.url.as_str().starts_with(demo.checkout_url()),
            "{theme:?}"
        );
        assert!(request
            .fields
            .iter()
            .any(|(k, v)| k == "li_0_recurrence" && v == "1 Month"));
        let (back, _) = pay_as_browser(&request, demo_portal::TEST_CARD_OK).await;
        assert!(
            back.query()
                .unwrap_or_default()
                .contains("pendingreview=true"),
            "{back}"
        );
        let detail = portal::pages::parse_invoice(
            &reqwest::get(back.clone())
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
            &back,
            1003,
        );
        // The checkout window's browser has no portal session: the page asks to sign in.
        assert!(detail.is_err());
        // The processor notifies the portal 1.5 s after the payment.
        let paid = || async {
            (demo.invoice_status(demo_portal::DEMO_EMAIL, 1003) == Some("Paid")).then_some(())
        };
        test_support::wait::until("the notification", Duration::from_secs(10), paid).await;
        assert_eq!(
            demo.subscription(demo_portal::DEMO_EMAIL, 1003),
            Some("1 Month")
        );
    }
}

#[tokio::test]
async fn a_declined_card_leaves_the_invoice_unpaid_with_the_processors_error() {
    let demo = demo(Theme::TwentyOne).await;
    let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
    let invoice = session.invoice(1004).await.unwrap();
    let request = checkout::prepare(&session, &invoice, PaymentKind::OneOff, &[])
        .await
        .unwrap();
    let (url, html) = pay_as_browser(&request, demo_portal::TEST_CARD_DECLINED).await;
    assert!(
        url.as_str().starts_with(demo.checkout_url()),
        "stays at the processor: {url}"
    );
    assert!(html.contains("declined"));
    // The number is not sent back into the form.
    assert!(!html.contains("value=\"4000"), "the card number came back");
    // Declined: the processor schedules no notification, so the portal cannot change.
    assert_eq!(demo.notifications_scheduled(), 0);
    assert_eq!(
        demo.invoice_status(demo_portal::DEMO_EMAIL, 1004),
        Some("Unpaid")
    );
    let detail = session.invoice(1004).await.unwrap();
    assert_eq!(detail.notice, None);
    assert_eq!(detail.status, InvoiceStatus::Unpaid);
}

#[tokio::test]
async fn the_result_panel_is_read_from_the_query() {
    let demo = demo(Theme::TwentyOne).await;
    let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
    let url = PortalAddress::parse(demo.portal_url())
        .unwrap()
        .page("viewinvoice.php?id=1003&paymentfailed=true");
    let page = session.get(url.clone()).await.unwrap();
    let detail = portal::pages::parse_invoice(&page.html, &page.url, 1003).unwrap();
    assert_eq!(detail.notice, Some(PaymentNotice::Failed));
}

#[tokio::test]
async fn a_mass_payment_makes_one_invoice_whose_payment_settles_each() {
    let demo = DemoPortal::start(Options {
        notify_delay: Duration::from_millis(300),
        ..Options::default()
    })
    .await
    .unwrap();
    let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
    // Two unpaid invoices in euros (one overdue); several currencies cannot go together.
    assert!(session.mass_payment(&[1003, 1005], None).await.is_err());
    assert!(matches!(
        session.mass_payment(&[1003, 4242], None).await.unwrap_err(),
        PortalError::PaymentNotOffered
    ));
    let one = session.invoice(1003).await.unwrap();
    let other = session.invoice(1006).await.unwrap();
    let combined = session.mass_payment(&[1003, 1006], None).await.unwrap();
    assert_ne!(combined.id, 1003);
    assert_eq!(combined.status, InvoiceStatus::Unpaid);
    assert_eq!(combined.items.len(), 2);
    assert!(
        combined.items[0].description.contains("2026-0103"),
        "{:?}",
        combined.items
    );
    assert_eq!(
        combined.total.as_ref().unwrap().amount,
        one.balance.as_ref().unwrap().amount + other.balance.as_ref().unwrap().amount
    );
    let request = checkout::prepare(&session, &combined, PaymentKind::OneOff, &[])
        .await
        .unwrap();
    pay_as_browser(&request, demo_portal::TEST_CARD_OK).await;
    let s = session.clone();
    let id = combined.id;
    let end = tracker::track(
        move || {
            let s = s.clone();
            async move { Ok(s.invoice(id).await?.status) }
        },
        Duration::from_secs(60),
        |_| {},
    )
    .await;
    assert!(
        matches!(
            end,
            TrackEvent::Done {
                status: InvoiceStatus::Paid,
                ..
            }
        ),
        "{end:?}"
    );
    for covered in [1003, 1006] {
        assert_eq!(
            session.invoice(covered).await.unwrap().status,
            InvoiceStatus::Paid
        );
    }
}

#[tokio::test]
async fn credit_is_applied_through_the_pages_form_in_both_themes() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        let offer = session.invoice(1003).await.unwrap().credit_offer;
        let offer = offer.unwrap_or_else(|| panic!("{theme:?}: an offer"));
        assert_eq!(offer.available.amount, d("5.00"), "{theme:?}");
        assert_eq!(offer.available.currency, "EUR");
        assert_eq!(offer.most, d("5.00"));
        // No offer where the credit's currency is not the invoice's (1004 is in USD), nor on
        // a paid invoice.
        assert!(session.invoice(1004).await.unwrap().credit_offer.is_none());
        assert!(session.invoice(1001).await.unwrap().credit_offer.is_none());

        let before = session.invoice(1003).await.unwrap();
        let after = session.apply_credit(&before, d("2")).await.unwrap();
        let (b, a) = (before.balance.unwrap(), after.balance.clone().unwrap());
        assert_eq!(b.amount - a.amount, d("2.00"), "{theme:?}");
        assert_eq!(after.credit_offer.clone().unwrap().most, d("3.00"));
        // Beyond what is left of the credit: the portal changes nothing.
        let unchanged = session.apply_credit(&after, d("4")).await.unwrap();
        assert_eq!(unchanged.balance.unwrap().amount, a.amount, "{theme:?}");
    }
}

#[tokio::test]
async fn an_invoices_notes_are_read_line_by_line_in_both_themes() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        assert_eq!(
            session.invoice(1003).await.unwrap().notes.as_deref(),
            Some("Renewal for demo.al hosting.\nPurchase order PO-2026-118 (Demo Shpk accounts)."),
            "{theme:?}"
        );
        assert_eq!(
            session.invoice(1004).await.unwrap().notes,
            None,
            "{theme:?}"
        );
        // A payment notice is an info panel too, but before the payment method: not notes.
        let url = url::Url::parse(demo.portal_url())
            .unwrap()
            .join("viewinvoice.php?id=1004&pendingreview=true")
            .unwrap();
        let page = session.get(url.clone()).await.unwrap();
        assert!(
            page.html.contains("-info"),
            "{theme:?}: the notice is drawn"
        );
        let read = portal::pages::parse_invoice(&page.html, &url, 1004).unwrap();
        assert_eq!(read.notice, Some(PaymentNotice::PendingReview));
        assert_eq!(read.notes, None, "{theme:?}");
    }
}

#[tokio::test]
async fn funds_are_added_through_the_portals_page_in_both_themes() {
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        let page = session.add_funds_page().await.unwrap();
        assert_eq!(page.minimum.amount, d("10.00"), "{theme:?}");
        assert_eq!(page.maximum.amount, d("100.00"));
        assert_eq!(page.maximum_balance.amount, d("300.00"));
        assert_eq!(page.minimum.currency, "EUR");
        let method = page.methods[0].value.clone();
        // Below the minimum: the portal's own words come back.
        match session.add_funds(page.clone(), d("5"), &method).await {
            Err(PortalError::Refused(why)) => assert!(why.contains("10.00"), "{why}"),
            other => panic!("{theme:?}: {other:?}"),
        }
        let id = session
            .add_funds(page.clone(), d("20"), &method)
            .await
            .unwrap();
        let invoice = session.invoice(id).await.unwrap();
        assert_eq!(invoice.status, InvoiceStatus::Unpaid, "{theme:?}");
        assert_eq!(invoice.total.unwrap().amount, d("20.00"));
        assert!(matches!(
            session.add_funds(page, d("20"), "no-such-method").await,
            Err(PortalError::PaymentNotOffered)
        ));
    }
}

#[tokio::test]
async fn quotes_are_listed_read_and_accepted_into_an_invoice_in_both_themes_and_languages() {
    use demo_portal::lang::Lang;
    use portal::{QuoteAccepted, QuoteStage};
    for lang in [Lang::En, Lang::Sq, Lang::De] {
        for theme in THEMES {
            let demo = DemoPortal::start(Options {
                theme,
                portal_language: lang,
                ..Options::default()
            })
            .await
            .unwrap();
            let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
            let case = format!("{lang:?} {theme:?}");
            let list = session.quotes().await.unwrap();
            let stages: Vec<(u64, QuoteStage)> = list.iter().map(|q| (q.id, q.stage)).collect();
            assert_eq!(
                stages,
                vec![
                    (7, QuoteStage::Delivered),
                    (6, QuoteStage::OnHold),
                    (4, QuoteStage::Accepted),
                    (2, QuoteStage::Dead)
                ],
                "{case}"
            );
            assert_eq!(
                list[0].valid_until,
                demo.today() + chrono::Duration::days(27)
            );
            assert_eq!(list[0].subject, "Managed migration to a dedicated server");

            let quote = session.quote(7).await.unwrap();
            assert_eq!(quote.stage, QuoteStage::Delivered, "{case}");
            assert_eq!(quote.items.len(), 2);
            assert_eq!(quote.items[0].amount.amount, d("72.00"));
            assert!(quote.items[0].taxed);
            let discount = quote.items[0].discount.clone().expect("a discount");
            assert_eq!(discount.amount.amount, d("8.00"), "{case}");
            assert_eq!(discount.percent, Some(d("10")), "{case}");
            assert_eq!(quote.items[1].discount, None);
            let totals: Vec<Decimal> = quote.totals.iter().map(|t| t.amount.amount).collect();
            assert_eq!(totals, vec![d("192.00"), d("38.40"), d("230.40")], "{case}");
            assert_eq!(quote.total.as_ref().unwrap().currency, "EUR");
            assert_eq!(
                quote.created.as_deref(),
                Some(
                    &*(demo.today() - chrono::Duration::days(3))
                        .format("%d/%m/%Y")
                        .to_string()
                )
            );
            assert!(
                quote.proposal.as_deref().unwrap().contains("weekend"),
                "{case}"
            );
            assert_eq!(
                quote.notes.as_deref().unwrap().lines().count(),
                2,
                "the notes are not the proposal: {case}"
            );
            assert!(!quote.terms_refused);
            let acceptance = quote.acceptance.clone().expect("offered");
            assert!(acceptance
                .terms_url
                .unwrap()
                .path()
                .ends_with("terms-of-service.php"));
            assert!(!acceptance.terms_label.is_empty() && acceptance.agreement.is_some());
            assert_eq!(
                acceptance.form.get("agreetos"),
                None,
                "never agreed for the person"
            );
            let pdf = session.quote_pdf(&quote).await.unwrap();
            assert!(pdf.starts_with(b"%PDF-"));

            // An accepted or dead quote offers nothing to accept.
            assert!(
                session.quote(4).await.unwrap().acceptance.is_none(),
                "{case}"
            );
            assert!(session.quote(2).await.unwrap().acceptance.is_none());
            assert!(matches!(
                session.quote(999).await,
                Err(PortalError::NotFound)
            ));

            // Sent without the agreement (as a careless client would), the portal says so.
            session
                .submit(&quote.acceptance.as_ref().unwrap().form)
                .await
                .unwrap();
            let refused = session.quote(7).await.unwrap();
            assert_eq!(refused.stage, QuoteStage::Delivered);

            let accepted = session.accept_quote(&quote).await.unwrap();
            let QuoteAccepted::Invoice(id) = accepted else {
                panic!("{case}: {accepted:?}");
            };
            let invoice = session.invoice(id).await.unwrap();
            assert_eq!(invoice.status, InvoiceStatus::Unpaid, "{case}");
            assert_eq!(invoice.total.unwrap().amount, d("230.40"));
            assert!(session.invoices().await.unwrap().iter().any(|i| i.id == id));
            assert_eq!(session.quote(7).await.unwrap().stage, QuoteStage::Accepted);
            assert!(matches!(
                session.accept_quote(&session.quote(7).await.unwrap()).await,
                Err(PortalError::AcceptNotOffered)
            ));
        }
    }
}

#[tokio::test]
async fn a_quote_sent_without_the_terms_is_answered_with_the_portals_refusal() {
    use portal::pages;
    for theme in THEMES {
        let demo = demo(theme).await;
        let session = signed_in(&demo, demo_portal::DEMO_EMAIL).await;
        let quote = session.quote(6).await.unwrap();
        let page = session
            .submit(&quote.acceptance.unwrap().form)
            .await
            .unwrap();
        let read = pages::parse_quote_page(&page.html, &page.url, 6).unwrap();
        assert!(read.terms_refused, "{theme:?}");
        assert_eq!(read.stage, portal::QuoteStage::OnHold);
    }
}
