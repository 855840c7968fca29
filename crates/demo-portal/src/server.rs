//! Owns the two HTTP servers, their routes and shared state, and what every client-area page
//! relies on: sessions with WHMCS's cookie and CSRF token, sign-in bans, page answers. The
//! routes themselves live by job: `sign_in` (login, captchas, 2FA, reset, bans),
//! `client_area` (what WHMCS serves once signed in), `quotes` (its quotes), `callbacks`
//! (gateways into the portal), `checkout` (the processor's own origin), `controls` (the demo's
//! `/demo/*` and faults).

use crate::bank::ThreeDSecure;
use crate::captcha::CaptchaKind;
use crate::data::{self, Account, Status};
use crate::gateways::Gateway;
use crate::html::{self, Chrome, Theme};
use crate::invoice_pages::{self, InvoicePage};
use crate::lang::{Lang, Text};
use crate::people;
use crate::processor::{self, CardForm, CheckoutView, Order};
use crate::sign_in_pages;
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
use rand::Rng;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::task::JoinHandle;

mod callbacks;
mod checkout;
mod client_area;
mod controls;
mod quotes;
mod sign_in;
pub(crate) use callbacks::*;
pub(crate) use checkout::*;
use client_area::*;
use controls::*;
use quotes::*;
use sign_in::*;

pub(crate) type Fields = HashMap<String, String>;

/// An e-mail the portal "sent" (shown in the demo's outbox instead).
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

struct Sess {
    token: String,
    user: Option<String>,
    two_factor_for: Option<String>,
    last_seen: Instant,
}

#[derive(Default)]
struct Failures {
    count: u32,
    banned_until: Option<Instant>,
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
    pub(crate) paypal_checkouts: Mutex<HashMap<String, crate::paypal::PaypalCheckout>>,
    pub(crate) ins_secret: String,
    pub(crate) http: reqwest::Client,
}

pub(crate) fn random_token(len: usize, alphabet: &[u8]) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect()
}

fn hex40() -> String {
    random_token(40, b"0123456789abcdef")
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
                random_token(
                    10,
                    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                )
            ),
            accounts: Mutex::new(
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
                .collect(),
            ),
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
        let portal = Router::new()
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
            .with_state(shared.clone());
        let checkout = Router::new()
            .route("/checkout/purchase", post(purchase))
            .route("/checkout/order/{id}", get(order_page))
            .route("/checkout/order/{id}/pay", post(order_pay))
            .route("/checkout/order/{id}/cancel", get(order_cancel))
            .route("/checkout/order/{id}/receipt.pdf", get(order_receipt))
            .route("/checkout/order/{id}/3ds-done", post(order_three_ds_done))
            .route("/checkout/order/{id}/paypal-done", get(order_paypal_done))
            .route("/checkout/order/{id}/finished", get(order_finished))
            .with_state(shared.clone());
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
                let paypal = crate::paypal::router(shared.clone());
                tokio::spawn(async move {
                    let _ = axum::serve(paypal_listener, paypal).await;
                })
            },
            {
                let bank = crate::bank::router(shared.clone());
                tokio::spawn(async move {
                    let _ = axum::serve(bank_listener, bank).await;
                })
            },
        ];
        Ok(DemoPortal { shared, tasks })
    }

    /// `http://127.0.0.1:N/`
    pub fn portal_url(&self) -> &str {
        &self.shared.portal_url
    }

    pub fn checkout_url(&self) -> &str {
        &self.shared.checkout_url
    }

    /// The PayPal-like site's origin.
    pub fn paypal_url(&self) -> &str {
        &self.shared.paypal_url
    }

    /// The card-issuing bank's origin (3-D Secure).
    pub fn bank_url(&self) -> &str {
        &self.shared.bank_url
    }

    /// The origins a payment visits as processors (`127.0.0.1:PORT`): 2Checkout's and
    /// PayPal's. The bank is not one: the app lets the processor hand the window to it.
    pub fn processor_origins(&self) -> Vec<String> {
        [&self.shared.checkout_url, &self.shared.paypal_url]
            .iter()
            .filter_map(|u| url::Url::parse(u).ok())
            .map(|u| format!("{}:{}", u.host_str().unwrap_or(""), u.port().unwrap_or(0)))
            .collect()
    }

    /// The payment method an invoice is set to.
    pub fn invoice_gateway(&self, id: u64) -> Gateway {
        gateway_of(&self.shared, id)
    }

    pub fn today(&self) -> NaiveDate {
        self.shared.today
    }

    pub fn cookie_name(&self) -> &str {
        &self.shared.cookie_name
    }

    pub fn outbox(&self) -> Vec<Email> {
        self.shared.outbox.lock().unwrap().clone()
    }

    pub fn set_faults(&self, faults: Faults) {
        *self.shared.faults.lock().unwrap() = faults;
    }

    /// How many payment notifications the processor has scheduled so far: a declined card
    /// schedules none.
    pub fn notifications_scheduled(&self) -> u64 {
        self.shared.notifications_scheduled.load(Ordering::SeqCst)
    }

    /// Every session idles out now, as after `session_idle` without a visit.
    pub fn expire_sessions(&self) {
        self.shared.expire_sessions();
    }

    pub fn set_notify_delay(&self, delay: Duration) {
        *self.shared.notify_delay.lock().unwrap() = delay;
    }

    /// The second-factor code an authenticator app would show now.
    pub fn totp_code(&self) -> String {
        totp::now_code(people::TOTP_SECRET)
    }

    pub fn invoice_status(&self, email: &str, id: u64) -> Option<&'static str> {
        let accounts = self.shared.accounts.lock().unwrap();
        let account = accounts.iter().find(|a| a.email == email)?;
        account
            .invoices
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.status.label())
    }

    /// The subscription recorded for an invoice's service ("1 Month", "1 Year").
    pub fn subscription(&self, email: &str, id: u64) -> Option<&'static str> {
        let accounts = self.shared.accounts.lock().unwrap();
        let account = accounts.iter().find(|a| a.email == email)?;
        account
            .invoices
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.subscription)
            .map(|c| c.recurrence())
    }

    /// When the portal recorded the invoice as paid.
    pub fn paid_at(&self, id: u64) -> Option<Instant> {
        self.shared.paid_at.lock().unwrap().get(&id).map(|p| p.0)
    }

    /// How many invoice pages the portal served.
    /// Sign-in forms posted so far, and how many of them were refused.
    pub fn sign_in_posts(&self) -> (u64, u64) {
        (
            self.shared.sign_in_posts.load(Ordering::SeqCst),
            self.shared.sign_in_refusals.load(Ordering::SeqCst),
        )
    }

    /// Changes an account's password and ends its sessions (the website's "change password").
    pub fn set_password(&self, email: &str, password: &str) {
        self.shared.set_password(email, password);
    }

    pub fn invoice_views(&self) -> u64 {
        self.shared.invoice_views.load(Ordering::SeqCst)
    }

    /// What the processor kept of each order's card: the last four digits, no more.
    pub fn orders_paid_with(&self) -> Vec<String> {
        self.shared
            .orders
            .lock()
            .unwrap()
            .values()
            .filter_map(|o| o.paid_with.clone())
            .collect()
    }
}

// ---- responses ---------------------------------------------------------------------------

fn cookie_header(shared: &Shared, sid: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{}={sid}; path=/; HttpOnly; SameSite=Lax",
        shared.cookie_name
    ))
    .expect("cookie is ASCII")
}

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

// ---- sessions ----------------------------------------------------------------------------

/// The visitor's session: found by cookie, or new. Returns its id, whether it is new (so the
/// cookie must be set), and the signed-in e-mail if the session has not idled out.
struct Visit {
    sid: String,
    new: bool,
    user: Option<String>,
    token: String,
}

impl Visit {
    fn cookie(&self, shared: &Shared) -> Option<HeaderValue> {
        self.new.then(|| cookie_header(shared, &self.sid))
    }
}

fn visit(shared: &Shared, headers: &HeaderMap) -> Visit {
    let wanted = format!("{}=", shared.cookie_name);
    let sid = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .find_map(|c| c.strip_prefix(&wanted).map(str::to_owned));
    let mut sessions = shared.sessions.lock().unwrap();
    let now = Instant::now();
    if let Some(sid) = sid.filter(|s| sessions.contains_key(s)) {
        let s = sessions.get_mut(&sid).expect("checked");
        if now.duration_since(s.last_seen) > shared.idle {
            s.user = None;
            s.two_factor_for = None;
        }
        s.last_seen = now;
        return Visit {
            sid,
            new: false,
            user: s.user.clone(),
            token: s.token.clone(),
        };
    }
    let sid = random_token(26, b"abcdefghijklmnopqrstuvwxyz0123456789");
    let token = hex40();
    sessions.insert(
        sid.clone(),
        Sess {
            token: token.clone(),
            user: None,
            two_factor_for: None,
            last_seen: now,
        },
    );
    Visit {
        sid,
        new: true,
        user: None,
        token,
    }
}

fn token_ok(shared: &Shared, v: &Visit, fields: &Fields) -> bool {
    let sessions = shared.sessions.lock().unwrap();
    sessions
        .get(&v.sid)
        .is_some_and(|s| fields.get("token").is_some_and(|t| *t == s.token))
}

fn csrf_error(shared: &Shared, v: &Visit) -> Response {
    let chrome = Chrome {
        theme: shared.theme,
        title: "Oops! Something went wrong!",
        token: &v.token,
        account: None,
        lang: shared.language,
        head: "",
    };
    let mut r = page(
        html::layout(
            &chrome,
            &html::alert(
                "danger",
                "Invalid CSRF Protection Token. Please go back and try again.",
            ),
        ),
        v.cookie(shared),
    );
    *r.status_mut() = StatusCode::BAD_REQUEST;
    r
}

/// Signs the session in (a new token, as WHMCS regenerates it).
fn set_user(shared: &Shared, sid: &str, user: Option<String>, two_factor_for: Option<String>) {
    let mut sessions = shared.sessions.lock().unwrap();
    if let Some(s) = sessions.get_mut(sid) {
        s.user = user;
        s.two_factor_for = two_factor_for;
        s.token = hex40();
    }
}

fn with_account<T>(shared: &Shared, email: &str, f: impl FnOnce(&mut Account) -> T) -> Option<T> {
    let mut accounts = shared.accounts.lock().unwrap();
    accounts.iter_mut().find(|a| a.email == email).map(f)
}

fn banned(shared: &Shared, ip: IpAddr) -> Option<Response> {
    let failures = shared.failures.lock().unwrap();
    let until = failures.get(&ip)?.banned_until?;
    if until <= Instant::now() {
        return None;
    }
    let mins = (until - Instant::now()).as_secs() / 60 + 1;
    let chrome = Chrome {
        theme: shared.theme,
        title: "Banned",
        token: "",
        account: None,
        lang: shared.language,
        head: "",
    };
    Some(page(
        html::layout(
            &chrome,
            &sign_in_pages::banned_body(
                &ip.to_string(),
                "Login Attempts Exceeded",
                &format!("in {mins} minute(s)"),
            ),
        ),
        None,
    ))
}

impl Shared {
    /// Every session idles out now, as after `session_idle` without a visit: its cookie no
    /// longer signs anyone in.
    pub(crate) fn expire_sessions(&self) {
        for s in self.sessions.lock().unwrap().values_mut() {
            s.user = None;
            s.two_factor_for = None;
        }
    }

    fn set_password(&self, email: &str, password: &str) {
        with_account(self, email, |a| a.password = password.to_owned());
        self.sessions
            .lock()
            .unwrap()
            .retain(|_, s| s.user.as_deref() != Some(email));
    }
}
