//! Every form the client submits goes to the portal's own origin: a page naming another site
//! (another host, or another port of a loopback portal) is refused with its own error, and
//! nothing at all reaches that site, which a second server here records.

use axum::http::Uri;
use portal::{Credentials, FormRequest, HttpMethod, PortalAddress, PortalError, Session, SignIn};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// A server that counts every request it receives; answers its address.
async fn recorder() -> (String, Arc<AtomicU64>) {
    let seen = Arc::new(AtomicU64::new(0));
    let counter = seen.clone();
    let app = axum::Router::new().fallback(move |_uri: Uri| {
        let counter = counter.clone();
        async move {
            counter.fetch_add(1, Ordering::SeqCst);
            "got it"
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

/// A sign-in page whose form posts to `action`.
fn sign_in_page(action: &str) -> String {
    format!(
        "<!DOCTYPE html><html><body><form class=\"login-form\" method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"token\" value=\"abc\">\
         <input type=\"email\" name=\"username\"><input type=\"password\" name=\"password\">\
         <button type=\"submit\">Login</button></form></body></html>"
    )
}

/// Serves `app` on a free loopback port; its address.
async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// A portal whose sign-in page posts its form to `action`.
async fn portal_posting_to(action: String) -> String {
    let page = sign_in_page(&action);
    serve(axum::Router::new().fallback(move || {
        let page = page.clone();
        async move { axum::response::Html(page) }
    }))
    .await
}

/// Signs in with the password the hostile portals try to steal.
async fn sign_in_with_a_test_password(session: &Session) -> Result<SignIn, PortalError> {
    session
        .sign_in(
            Credentials {
                email: "a@b.c".into(),
                password: "secret".into(),
            },
            false,
        )
        .await
}

#[tokio::test]
async fn a_sign_in_form_posting_elsewhere_sends_nothing() {
    let (elsewhere, seen) = recorder().await;
    for action in [
        format!("{elsewhere}steal"),
        "https://elsewhere.example/x".to_owned(),
    ] {
        let portal = portal_posting_to(action).await;
        let session = Session::new(PortalAddress::parse(&portal).unwrap()).unwrap();
        let outcome = sign_in_with_a_test_password(&session).await;
        assert!(
            matches!(outcome, Err(PortalError::ForeignForm { .. })),
            "{outcome:?}"
        );
        assert_eq!(outcome.unwrap_err().kind(), "foreign-form");
    }
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "nothing reached the other site"
    );
}

#[tokio::test]
async fn the_second_factor_reset_and_mass_payment_forms_are_held_to_the_portal_too() {
    // They all leave through `Session::submit`: a form of any of them naming another origin.
    let (elsewhere, seen) = recorder().await;
    let portal = portal_posting_to("clientarea.php".into()).await;
    let session = Session::new(PortalAddress::parse(&portal).unwrap()).unwrap();
    for (name, value) in [
        ("key", "123456"),
        ("email", "a@b.c"),
        ("invoiceids[]", "1003"),
    ] {
        let form = FormRequest {
            method: HttpMethod::Post,
            url: url::Url::parse(&format!("{elsewhere}x")).unwrap(),
            fields: vec![(name.into(), value.into())],
        };
        let outcome = session.submit(&form).await;
        assert!(
            matches!(outcome, Err(PortalError::ForeignForm { ref host }) if elsewhere.contains(host.as_str())),
            "{outcome:?}"
        );
    }
    assert_eq!(seen.load(Ordering::SeqCst), 0);
    // The portal's own address is submitted as before.
    let own = FormRequest {
        method: HttpMethod::Get,
        url: url::Url::parse(&format!("{portal}clientarea.php")).unwrap(),
        fields: vec![],
    };
    assert!(session.submit(&own).await.is_ok());
}

/// A portal whose sign-in page posts to its own `dologin.php`, which answers with a redirect to
/// `to` that keeps the method and the body (307).
async fn portal_redirecting_the_post_to(to: String) -> String {
    let page = sign_in_page("dologin.php");
    let redirect = move || {
        let to = to.clone();
        async move {
            axum::response::Response::builder()
                .status(307)
                .header("location", to)
                .body(axum::body::Body::empty())
                .unwrap()
        }
    };
    let app = axum::Router::new()
        .route("/dologin.php", axum::routing::post(redirect))
        .fallback(move || {
            let page = page.clone();
            async move { axum::response::Html(page) }
        });
    serve(app).await
}

#[tokio::test]
async fn a_redirect_of_the_sign_in_post_to_another_port_or_scheme_is_not_followed() {
    // The same host on another port (and so another origin): the password would be posted again
    // there by a 307. Nothing reaches it.
    let (elsewhere, seen) = recorder().await;
    let portal = portal_redirecting_the_post_to(format!("{elsewhere}steal")).await;
    let session = Session::new(PortalAddress::parse(&portal).unwrap()).unwrap();
    let outcome = sign_in_with_a_test_password(&session).await;
    assert!(outcome.is_err(), "{outcome:?}");
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "nothing reached the other origin"
    );
}
