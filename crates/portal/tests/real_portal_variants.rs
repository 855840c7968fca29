//! The client against the demo portal in each variant a real WHMCS has and our first demo did
//! not: every captcha kind (never posted by the app; a session made by a person taken over),
//! pages in Albanian and German, bare amounts, the hidden alert of every stock footer.

use demo_portal::{CaptchaKind, DemoPortal, Lang, Options, Theme};
use portal::pages::{self, Captcha, PageKind};
use portal::{Credentials, InvoiceStatus, PortalAddress, PortalError, Session, SignIn};
use std::sync::Arc;

const THEMES: [Theme; 2] = [Theme::TwentyOne, Theme::Six];

fn creds() -> Credentials {
    Credentials {
        email: demo_portal::DEMO_EMAIL.into(),
        password: "demo".into(),
    }
}

async fn start(options: Options) -> DemoPortal {
    DemoPortal::start(options)
        .await
        .expect("demo portal starts")
}

/// A person at a browser: their own cookies, answering the captcha as they would (reading the
/// image, ticking the box), then signing in.
async fn person_signs_in(demo: &DemoPortal, kind: CaptchaKind) -> Vec<(String, String)> {
    let base = url::Url::parse(demo.portal_url()).unwrap();
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let browser = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    let login = browser
        .get(base.join("index.php?rp=/login").unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = pages::classify(&login, &base.join("index.php?rp=/login").unwrap()).unwrap();
    let PageKind::Login(login) = page else {
        panic!("the sign-in page")
    };
    let mut form = login.form;
    form.set("username", demo_portal::DEMO_EMAIL);
    form.set("password", "demo");
    match kind {
        CaptchaKind::Image => {
            browser
                .get(base.join("includes/verifyimage.php").unwrap())
                .send()
                .await
                .unwrap();
            let code = reqwest::get(base.join("demo/captcha.php").unwrap())
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            form.set("code", &code);
        }
        CaptchaKind::Recaptcha | CaptchaKind::Invisible => {
            let token = browser
                .post(base.join("demo/recaptcha/token").unwrap())
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            form.set("g-recaptcha-response", &token);
        }
        CaptchaKind::Off => {}
    }
    let answer = browser
        .post(form.url.clone())
        .form(&form.fields)
        .send()
        .await
        .unwrap();
    assert!(!pages::is_login_page(&answer.text().await.unwrap()));
    use reqwest::cookie::CookieStore;
    let header = jar.cookies(&base).expect("a session cookie");
    header
        .to_str()
        .unwrap()
        .split("; ")
        .filter_map(|c| c.split_once('='))
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect()
}

#[tokio::test]
async fn every_captcha_kind_is_seen_never_posted_and_a_persons_session_is_taken_over() {
    for (kind, expected) in [
        (CaptchaKind::Image, Captcha::Image),
        (CaptchaKind::Recaptcha, Captcha::Widget),
        (CaptchaKind::Invisible, Captcha::Invisible),
    ] {
        for theme in THEMES {
            let demo = start(Options {
                captcha: kind,
                theme,
                ..Options::default()
            })
            .await;
            let address = PortalAddress::parse(demo.portal_url()).unwrap();
            let page = reqwest::get(address.page("index.php?rp=/login"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            match pages::classify(&page, address.base()).unwrap() {
                PageKind::Login(login) => {
                    assert_eq!(login.captcha, expected, "{kind:?}");
                    assert_eq!(login.error, None, "a fresh sign-in page shows no error");
                }
                other => panic!("{kind:?}: {other:?}"),
            }
            let session = Session::new(address.clone()).unwrap();
            let r = session.sign_in(creds(), false).await;
            assert!(
                matches!(r, Err(PortalError::CaptchaRequired)),
                "{kind:?}: {r:?}"
            );
            assert_eq!(demo.sign_in_posts().0, 0, "{kind:?}: nothing posted");

            // The demo refuses a sign-in without the answer, as WHMCS does.
            let cookies = person_signs_in(&demo, kind).await;
            let taken_over = Session::new(address).unwrap();
            assert_eq!(taken_over.signed_in_email().await.unwrap(), None);
            taken_over.adopt_cookies(&cookies);
            assert_eq!(
                taken_over.signed_in_email().await.unwrap().as_deref(),
                Some(demo_portal::DEMO_EMAIL),
                "{kind:?}"
            );
            assert_eq!(taken_over.invoices().await.unwrap().len(), 12);
        }
    }
}

#[tokio::test]
async fn a_sign_in_without_the_captcha_answer_is_refused_by_the_demo() {
    let demo = start(Options {
        captcha: CaptchaKind::Recaptcha,
        ..Options::default()
    })
    .await;
    let base = url::Url::parse(demo.portal_url()).unwrap();
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let login = browser
        .get(base.join("index.php?rp=/login").unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let PageKind::Login(login) = pages::classify(&login, &base).unwrap() else {
        panic!("the sign-in page")
    };
    let mut form = login.form;
    form.set("username", demo_portal::DEMO_EMAIL);
    form.set("password", "demo");
    form.set("g-recaptcha-response", "made-up");
    let answer = browser
        .post(form.url.clone())
        .form(&form.fields)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    match pages::classify(&answer, &base).unwrap() {
        PageKind::Login(again) => assert!(again.error.is_some()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_first_second_factor_page_is_not_read_as_incorrect() {
    for theme in THEMES {
        let demo = start(Options {
            theme,
            ..Options::default()
        })
        .await;
        let session = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
        let step = session
            .sign_in(
                Credentials {
                    email: demo_portal::TWO_FACTOR_EMAIL.into(),
                    password: "demo".into(),
                },
                false,
            )
            .await
            .unwrap();
        assert_eq!(step, SignIn::SecondFactor);
        // The page as the demo draws it, footer included, is not "incorrect" at first.
        let chrome = demo_portal::html::Chrome {
            theme,
            title: "2FA",
            token: "t",
            account: None,
            lang: Lang::En,
            head: "",
        };
        let html = demo_portal::html::layout(
            &chrome,
            &demo_portal::sign_in_pages::two_factor_body("t", Lang::En, false),
        );
        match pages::classify(&html, &url::Url::parse(demo.portal_url()).unwrap()).unwrap() {
            PageKind::TwoFactor(tf) => assert!(!tf.incorrect),
            other => panic!("{other:?}"),
        }
        let wrong = demo_portal::html::layout(
            &chrome,
            &demo_portal::sign_in_pages::two_factor_body("t", Lang::En, true),
        );
        match pages::classify(&wrong, &url::Url::parse(demo.portal_url()).unwrap()).unwrap() {
            PageKind::TwoFactor(tf) => assert!(tf.incorrect),
            other => panic!("{other:?}"),
        }
        session
            .second_factor(&demo.totp_code(), false)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn pages_in_albanian_and_german_read_like_english_ones() {
    let english = {
        let demo = start(Options::default()).await;
        let s = signed_in(&demo).await;
        let mut dashboard = s.dashboard().await.unwrap();
        dashboard.mass_pay_url = None;
        (dashboard, s.invoices().await.unwrap())
    };
    for lang in [Lang::Sq, Lang::De] {
        for theme in THEMES {
            let demo = start(Options {
                portal_language: lang,
                theme,
                ..Options::default()
            })
            .await;
            let session = signed_in(&demo).await;
            let mut dashboard = session.dashboard().await.unwrap();
            assert!(dashboard.mass_pay_url.take().is_some());
            assert_eq!(dashboard, english.0, "{lang:?} {theme:?}");
            assert!(dashboard.overdue_balance.is_some());
            let list = session.invoices().await.unwrap();
            assert_eq!(list, english.1, "{lang:?} {theme:?}");
            for row in &list {
                let detail = session.invoice(row.id).await.unwrap();
                assert_eq!(detail.status, row.status, "{lang:?} {theme:?} #{}", row.id);
                assert_eq!(detail.total.as_ref(), Some(&row.total), "#{}", row.id);
                assert!(detail.date.is_some(), "#{} date", row.id);
                // Transaction dates, in the portal's format, read with the format its list
                // showed.
                for t in &detail.transactions {
                    assert!(t.paid_on.is_some(), "#{}: {:?}", row.id, t.date);
                }
                if row.status == InvoiceStatus::Unpaid {
                    assert!(detail.due_date.is_some(), "#{} due date", row.id);
                    assert!(!detail.payment_choices.is_empty());
                }
            }
            let pending = list
                .iter()
                .find(|r| r.status == InvoiceStatus::PaymentPending)
                .expect("a Payment Pending invoice");
            assert_eq!(
                session.invoice(pending.id).await.unwrap().status,
                InvoiceStatus::PaymentPending,
                "drawn with the class `paid`, read as Payment Pending"
            );
        }
    }
}

#[tokio::test]
async fn bare_amounts_never_fail_the_list() {
    let demo = start(Options {
        bare_amounts: true,
        ..Options::default()
    })
    .await;
    let session = signed_in(&demo).await;
    let list = session.invoices().await.unwrap();
    assert_eq!(list.len(), 12);
    assert!(list
        .iter()
        .all(|r| r.total.currency == portal::money::UNKNOWN_CURRENCY));
    let dashboard = session.dashboard().await.unwrap();
    assert_eq!(
        dashboard.overdue_balance.map(|m| m.currency).as_deref(),
        Some(portal::money::UNKNOWN_CURRENCY)
    );
    let first = session.invoice(list[0].id).await.unwrap();
    assert_eq!(first.total.as_ref(), Some(&list[0].total));
}

#[tokio::test]
async fn a_reset_answer_reads_its_own_alert_not_the_footers() {
    let demo = start(Options {
        portal_language: Lang::De,
        ..Options::default()
    })
    .await;
    let session = Session::new(PortalAddress::parse(demo.portal_url()).unwrap()).unwrap();
    let sent = session
        .request_password_reset(demo_portal::DEMO_EMAIL)
        .await
        .unwrap();
    assert_eq!(sent, "Bestätigungs-E-Mail gesendet");
    let refused = session.request_password_reset("nobody@example.com").await;
    match refused {
        Err(PortalError::Refused(m)) => assert!(!m.contains("8 and 64"), "{m}"),
        other => panic!("{other:?}"),
    }
}

/// The demo customer's session.
async fn signed_in(demo: &DemoPortal) -> Arc<Session> {
    test_support::demo::signed_in(demo, demo_portal::DEMO_EMAIL).await
}
