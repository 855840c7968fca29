//! Owns the demo's HTTP servers: their shared state, their routes and the answers every page
//! is made into. The rest lives by job: `sessions` (WHMCS's cookie, CSRF token, idling out,
//! bans), `sign_in` (login, captchas, 2FA, reset), `client_area` (what WHMCS serves once signed
//! in), `quotes` (its quotes), `callbacks` (gateways into the portal), `checkout` (the
//! processor's own origin), `controls` (the demo's `/demo/*` and faults), `inspect` (what tests
//! read and set on a running portal).

use crate::captcha::CaptchaKind;
use crate::data::{self, Account, Status};
use crate::gateways::Gateway;
use crate::html::{self, Chrome, Theme};
use crate::invoice_pages::{self, InvoicePage};
use crate::lang::{Lang, Text};
use crate::people;
use crate::processor::{self, CardForm, CheckoutView, Order};
use crate::sign_in_pages;
use crate::{funding_pages, overview_pages};
use crate::{totp, Faults, Options};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::task::JoinHandle;

pub(crate) mod bank;
mod callbacks;
mod checkout;
mod client_area;
mod controls;
mod inspect;
pub(crate) mod paypal;
mod quotes;
mod sessions;
mod sign_in;
pub use bank::ThreeDSecure;
pub(crate) use callbacks::*;
pub(crate) use checkout::*;
use client_area::*;
use controls::*;
use quotes::*;
use sessions::*;
use sign_in::*;

pub(crate) type Fields = HashMap<String, String>;

/// An e-mail the portal "sent" (shown in the demo's outbox instead).
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

pub(crate) struct Shared {
    pub(crate) theme: Theme,
    pub(crate) idle: Duration,
    pub(crate) ban_after: u32,
    pub(crate) ban_for: Duration,
    pub(crate) captcha: CaptchaKind,
    /// Answers handed out for the captcha (image codes, provider tokens).
    pub(crate) answers: crate::captcha::Answers,
    /// The language of pages shown before sign-in (the portal's default).
    pub(crate) language: Lang,
    pub(crate) notify_delay: Mutex<Duration>,
    /// Notifications the processor has scheduled to send the portal (sent or not yet).
    pub(crate) notifications_scheduled: AtomicU64,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) today: NaiveDate,
    pub(crate) cookie_name: String,
    pub(crate) accounts: Mutex<Vec<Account>>,
    sessions: Mutex<HashMap<String, Sess>>,
    failures: Mutex<HashMap<IpAddr, Failures>>,
    pub(crate) outbox: Mutex<Vec<Email>>,
    pub(crate) orders: Mutex<HashMap<String, Order>>,
    /// When each invoice was recorded paid: for the tests' clock, and the wall clock for
    /// `/demo/payments.php` (the benchmark compares it with the app's).
    pub(crate) paid_at: Mutex<HashMap<u64, (Instant, SystemTime)>>,
    pub(crate) invoice_views: AtomicU64,
    /// Sign-in forms posted, and those refused (a real portal counts these to ban).
    pub(crate) sign_in_posts: AtomicU64,
    pub(crate) sign_in_refusals: AtomicU64,
    /// After "Pay", send the browser straight back to the portal (2Checkout's "direct return"),
    /// or show the processor's own receipt with a link back.
    pub(crate) direct_return: bool,
    pub(crate) portal_url: String,
    pub(crate) checkout_url: String,
    pub(crate) paypal_url: String,
    pub(crate) bank_url: String,
    pub(crate) gateways: Vec<Gateway>,
    /// Each invoice's payment method, when the client changed it (else the first gateway).
    pub(crate) invoice_gateways: Mutex<HashMap<u64, Gateway>>,
    pub(crate) three_d_secure: ThreeDSecure,
    /// The bank's open checks: challenge -> order.
    pub(crate) challenges: Mutex<HashMap<String, String>>,
    pub(crate) paypal_checkouts: Mutex<HashMap<String, paypal::PaypalCheckout>>,
    pub(crate) ins_secret: String,
    pub(crate) http: reqwest::Client,
}

/// A running demo portal; dropping it stops both servers.
pub struct DemoPortal {
    shared: Arc<Shared>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for DemoPortal {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl DemoPortal {
    /// Starts both servers on loopback (on the current Tokio runtime).
    pub async fn start(options: Options) -> std::io::Result<DemoPortal> {
        let portal_listener =
            tokio::net::TcpListener::bind(("127.0.0.1", options.portal_port)).await?;
        let checkout_listener =
            tokio::net::TcpListener::bind(("127.0.0.1", options.checkout_port)).await?;
        let paypal_listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let bank_listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let portal_url = format!("http://{}/", portal_listener.local_addr()?);
        let checkout_url = format!("http://{}/", checkout_listener.local_addr()?);
        let paypal_url = format!("http://{}/", paypal_listener.local_addr()?);
        let bank_url = format!("http://{}/", bank_listener.local_addr()?);
        let today = chrono::Local::now().date_naive();
        let accounts = demo_accounts(&options, today);
        let shared = Arc::new(Shared {
            theme: options.theme,
            idle: options.session_idle,
            ban_after: options.ban_after,
            ban_for: options.ban_for,
            captcha: options.captcha,
            answers: Default::default(),
            language: options.portal_language,
            notify_delay: Mutex::new(options.notify_delay),
            notifications_scheduled: AtomicU64::new(0),
            faults: Mutex::new(options.faults),
            today,
            cookie_name: format!(
                "WHMCS{}",
                crate::random::token(
                    10,
                    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                )
            ),
            accounts: Mutex::new(accounts),
            sessions: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            outbox: Mutex::new(vec![]),
            orders: Mutex::new(HashMap::new()),
            paid_at: Mutex::new(HashMap::new()),
            invoice_views: AtomicU64::new(0),
            sign_in_posts: AtomicU64::new(0),
            sign_in_refusals: AtomicU64::new(0),
            direct_return: options.direct_return,
            portal_url,
            checkout_url,
            paypal_url,
            bank_url,
            gateways: options.gateways.clone(),
            invoice_gateways: Mutex::new(HashMap::new()),
            three_d_secure: options.three_d_secure,
            challenges: Mutex::new(HashMap::new()),
            paypal_checkouts: Mutex::new(HashMap::new()),
            ins_secret: hex40(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .map_err(std::io::Error::other)?,
        });
        let portal = portal_routes(&shared);
        let checkout = checkout_routes(&shared);
        let tasks = vec![
            tokio::spawn(async move {
                let _ = axum::serve(
                    portal_listener,
                    portal.into_make_service_with_connect_info::<SocketAddr>(),
                )
                .await;
            }),
            tokio::spawn(async move {
                let _ = axum::serve(checkout_listener, checkout).await;
            }),
            {
                let paypal = paypal::router(shared.clone());
                tokio::spawn(async move {
                    let _ = axum::serve(paypal_listener, paypal).await;
                })
            },
            {
                let bank = bank::router(shared.clone());
                tokio::spawn(async move {
                    let _ = axum::serve(bank_listener, bank).await;
                })
            },
        ];
        Ok(DemoPortal { shared, tasks })
    }
}

/// The demo's people, each with the options' password, page language and amounts (and the
/// hostile text in the one invoice that carries it, when asked for).
fn demo_accounts(options: &Options, today: NaiveDate) -> Vec<Account> {
    [
        people::demo_customer(today),
        people::two_factor_customer(today),
        people::accountant(today),
    ]
    .into_iter()
    .map(|mut a| {
        a.password = options.password.clone();
        a.language = options.portal_language;
        a.bare_amounts = options.bare_amounts;
        if let Some(text) = &options.hostile_text {
            for item in a
                .invoices
                .iter_mut()
                .filter(|i| i.id == people::HOSTILE_TEXT_INVOICE)
                .flat_map(|i| i.items.iter_mut())
            {
                item.description = text.clone();
            }
        }
        a
    })
    .collect()
}

/// The portal's pages, its processor callbacks, and the demo's own controls.
fn portal_routes(shared: &Arc<Shared>) -> Router {
    Router::new()
        .route("/clientarea.php", get(clientarea).post(clientarea_post))
        .route("/index.php", get(index_get).post(index_post))
        .route("/viewinvoice.php", get(viewinvoice).post(viewinvoice_post))
        .route("/dl.php", get(download).post(download_post))
        .route("/viewquote.php", get(viewquote).post(viewquote_post))
        .route("/terms-of-service.php", get(terms_of_service))
        .route("/logout.php", get(logout))
        .route("/modules/gateways/tco.php", post(tco_recurring))
        .route(
            "/modules/gateways/callback/2checkout.php",
            get(processor_return).post(processor_notification),
        )
        .route(
            "/modules/gateways/callback/paypal.php",
            post(paypal_notification),
        )
        .route("/demo/outbox.php", get(outbox_page))
        .route("/demo/faults.php", get(faults_control))
        .route("/demo/sessions.php", get(sessions_list))
        .route("/demo/payments.php", get(payments_list))
        .route("/demo/password.php", get(password_control))
        .route("/demo/credit.php", get(credit_control))
        .route("/demo/invoices.php", get(invoices_control))
        .route("/demo/quotes.php", get(quotes_control))
        .route("/demo/captcha.php", get(captcha_control))
        .route("/demo/recaptcha/api.js", get(recaptcha_script))
        .route("/demo/recaptcha/token", post(recaptcha_token))
        .route("/includes/verifyimage.php", get(verify_image))
        .route("/", get(|| async { redirect("clientarea.php", None) }))
        .layer(middleware::from_fn_with_state(shared.clone(), faults_layer))
        .with_state(shared.clone())
}

/// The processor's checkout, on its own origin.
fn checkout_routes(shared: &Arc<Shared>) -> Router {
    Router::new()
        .route("/checkout/purchase", post(purchase))
        .route("/checkout/order/{id}", get(order_page))
        .route("/checkout/order/{id}/pay", post(order_pay))
        .route("/checkout/order/{id}/cancel", get(order_cancel))
        .route("/checkout/order/{id}/receipt.pdf", get(order_receipt))
        .route("/checkout/order/{id}/3ds-done", post(order_three_ds_done))
        .route("/checkout/order/{id}/paypal-done", get(order_paypal_done))
        .route("/checkout/order/{id}/finished", get(order_finished))
        .with_state(shared.clone())
}

// ---- responses ---------------------------------------------------------------------------

pub(crate) fn page(body: String, cookie: Option<HeaderValue>) -> Response {
    let mut r = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    if let Some(c) = cookie {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

fn redirect(location: &str, cookie: Option<HeaderValue>) -> Response {
    let mut r = Response::builder()
        .status(StatusCode::FOUND)
        .header(header::LOCATION, location)
        .body(Body::empty())
        .expect("static response");
    if let Some(c) = cookie {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

pub(crate) fn see_other(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .body(Body::empty())
        .expect("static response")
}

fn with_account<T>(shared: &Shared, email: &str, f: impl FnOnce(&mut Account) -> T) -> Option<T> {
    let mut accounts = shared.accounts.lock().unwrap();
    accounts.iter_mut().find(|a| a.email == email).map(f)
}
