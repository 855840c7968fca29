//! Owns the two HTTP servers and their shared state: sessions with WHMCS's cookie and CSRF
//! token, sign-in with bans and a second factor, the client-area routes, the processor's
//! checkout, its return to the portal and its delayed server-to-server notification.

use crate::bank::ThreeDSecure;
use crate::captcha::CaptchaKind;
use crate::data::{self, Account, Status};
use crate::gateways::Gateway;
use crate::html::{self, Chrome, InvoicePage, Theme};
use crate::lang::{Lang, Text};
use crate::processor::{self, CardForm, CheckoutView, Order};
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
                    data::demo_customer(today),
                    data::two_factor_customer(today),
                    data::accountant(today),
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
                            .filter(|i| i.id == data::HOSTILE_TEXT_INVOICE)
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
            .route("/dl.php", get(download))
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
        for s in self.shared.sessions.lock().unwrap().values_mut() {
            s.user = None;
            s.two_factor_for = None;
        }
    }

    pub fn set_notify_delay(&self, delay: Duration) {
        *self.shared.notify_delay.lock().unwrap() = delay;
    }

    /// The second-factor code an authenticator app would show now.
    pub fn totp_code(&self) -> String {
        totp::now_code(data::TOTP_SECRET)
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
            &html::banned_body(
                &ip.to_string(),
                "Login Attempts Exceeded",
                &format!("in {mins} minute(s)"),
            ),
        ),
        None,
    ))
}

async fn faults_layer(
    State(shared): State<Arc<Shared>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let faults = shared.faults.lock().unwrap().clone();
    let is_notification = request.method() == axum::http::Method::POST
        && request.uri().path().ends_with("/callback/2checkout.php");
    // The demo's own control page must answer even while the portal plays dead.
    if is_notification || request.uri().path() == "/demo/faults.php" {
        return next.run(request).await;
    }
    if faults.down {
        // The closest a running server gets to "unreachable": drop the answer.
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if faults.error_rate > 0.0 && rand::thread_rng().gen_bool(faults.error_rate.min(1.0)) {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
    }
    let response = next.run(request).await;
    if faults.malformed {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let half = bytes.slice(..bytes.len() / 2);
        return Response::from_parts(parts, Body::from(half));
    }
    response
}

// ---- client area -------------------------------------------------------------------------

fn login_page(shared: &Shared, v: &Visit, error: Option<&str>, info: Option<&str>) -> Response {
    let chrome = Chrome {
        theme: shared.theme,
        title: shared.language.text(Text::LoginTitle),
        token: &v.token,
        account: None,
        lang: shared.language,
        head: shared.captcha.head(),
    };
    page(
        html::layout(
            &chrome,
            &html::login_body(&html::LoginBody {
                token: &v.token,
                lang: shared.language,
                error,
                info,
                captcha: shared.captcha,
            }),
        ),
        v.cookie(shared),
    )
}

fn signed_in_page(
    shared: &Shared,
    v: &Visit,
    title: Text,
    body: impl FnOnce(&Account) -> String,
) -> Response {
    let user = v.user.clone().unwrap_or_default();
    let accounts = shared.accounts.lock().unwrap();
    let Some(account) = accounts.iter().find(|a| a.email == user) else {
        return redirect("index.php?rp=/login", v.cookie(shared));
    };
    let chrome = Chrome {
        theme: shared.theme,
        title: account.language.text(title),
        token: &v.token,
        account: Some(account),
        lang: account.language,
        head: "",
    };
    page(html::layout(&chrome, &body(account)), v.cookie(shared))
}

async fn clientarea(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = banned(&shared, addr.ip()) {
        return r;
    }
    let v = visit(&shared, &headers);
    if v.user.is_none() {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    }
    let theme = shared.theme;
    let today = shared.today;
    match q.get("action").map(String::as_str) {
        Some("invoices") => signed_in_page(&shared, &v, Text::MyInvoices, |a| {
            html::invoice_list_body(theme, a)
        }),
        Some("masspay") => {
            let token = v.token.clone();
            signed_in_page(&shared, &v, Text::MassPayment, |a| {
                html::masspay_body(a, &token, &shared.gateways, None)
            })
        }
        // `clientareadetails.tpl`: the profile form, its e-mail field filled in.
        Some("details") => signed_in_page(&shared, &v, Text::AccountDetails, |a| {
            format!(
                "<form method=\"post\" action=\"clientarea.php?action=details\" role=\"form\">\
                 <input type=\"text\" name=\"firstname\" id=\"inputFirstName\" value=\"{}\" class=\"form-control\">\
                 <input type=\"text\" name=\"lastname\" id=\"inputLastName\" value=\"{}\" class=\"form-control\">\
                 <input type=\"email\" name=\"email\" id=\"inputEmail\" value=\"{}\" class=\"form-control\"></form>",
                html::esc(&a.first_name),
                html::esc(&a.last_name),
                html::esc(&a.email)
            )
        }),
        _ => signed_in_page(&shared, &v, Text::WelcomeBack, |a| {
            html::dashboard_body(theme, a, today)
        }),
    }
}

async fn clientarea_post(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    // Read by hand: the mass payment repeats `invoiceids[]`, which a map would fold into one.
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let fields: Fields = pairs.iter().cloned().collect();
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    if v.user.is_none() {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    }
    if q.get("action").map(String::as_str) == Some("masspay") {
        // WHMCS's mass payment needs a method: its page checks none.
        let Some(method) = fields
            .get("paymentmethod")
            .and_then(|m| Gateway::from_module(m))
            .filter(|g| shared.gateways.contains(g))
        else {
            let token = v.token.clone();
            let message = match shared.language {
                Lang::En => "Please choose a payment method",
                Lang::Sq => "Ju lutemi zgjidhni një mënyrë pagese",
                Lang::De => "Bitte wählen Sie eine Zahlungsart",
            };
            return signed_in_page(&shared, &v, Text::MassPayment, |a| {
                html::masspay_body(a, &token, &shared.gateways, Some(message))
            });
        };
        let ids: Vec<u64> = pairs
            .iter()
            .filter(|(k, _)| k == "invoiceids[]")
            .filter_map(|(_, v)| v.parse().ok())
            .collect();
        let email = v.user.clone().unwrap_or_default();
        let mut accounts = shared.accounts.lock().unwrap();
        let next = 90_000
            + accounts
                .iter()
                .flat_map(|a| a.invoices.iter())
                .filter(|i| !i.covers.is_empty())
                .count() as u64;
        let Some(account) = accounts.iter_mut().find(|a| a.email == email) else {
            return redirect("clientarea.php", None);
        };
        return match data::combined_invoice(account, &ids, next, shared.today) {
            Some(combined) => {
                shared
                    .invoice_gateways
                    .lock()
                    .unwrap()
                    .insert(combined.id, method);
                account.invoices.push(combined);
                redirect(&format!("viewinvoice.php?id={next}"), None)
            }
            // Nothing payable together (paid already, or several currencies): the list.
            None => redirect("clientarea.php?action=invoices", None),
        };
    }
    redirect("clientarea.php", None)
}

async fn index_get(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = banned(&shared, addr.ip()) {
        return r;
    }
    let v = visit(&shared, &headers);
    match q.get("rp").map(String::as_str).unwrap_or("/") {
        "/login" => {
            if v.user.is_some() {
                redirect("../clientarea.php", v.cookie(&shared))
            } else {
                login_page(&shared, &v, None, None)
            }
        }
        "/password/reset" => {
            let chrome = Chrome {
                theme: shared.theme,
                title: shared.language.text(Text::ResetTitle),
                token: &v.token,
                account: None,
                lang: shared.language,
                head: "",
            };
            page(
                html::layout(&chrome, &html::reset_body(&v.token, shared.language, None)),
                v.cookie(&shared),
            )
        }
        "/login/two-factor/challenge" => two_factor_page(&shared, &v, false),
        _ => redirect("clientarea.php", v.cookie(&shared)),
    }
}

fn two_factor_page(shared: &Shared, v: &Visit, incorrect: bool) -> Response {
    let pending = shared
        .sessions
        .lock()
        .unwrap()
        .get(&v.sid)
        .and_then(|s| s.two_factor_for.clone());
    if pending.is_none() {
        return redirect("index.php?rp=/login", v.cookie(shared));
    }
    two_factor_step_page(shared, v, |token| {
        html::two_factor_body(token, shared.language, incorrect)
    })
}

/// A page of the second-factor step, with the session's current token (signing in makes a
/// new one).
fn two_factor_step_page(shared: &Shared, v: &Visit, body: impl FnOnce(&str) -> String) -> Response {
    let token = shared
        .sessions
        .lock()
        .unwrap()
        .get(&v.sid)
        .map(|s| s.token.clone())
        .unwrap_or_default();
    let chrome = Chrome {
        theme: shared.theme,
        title: shared.language.text(Text::TwoFactorTitle),
        token: &token,
        account: None,
        lang: shared.language,
        head: "",
    };
    page(html::layout(&chrome, &body(&token)), v.cookie(shared))
}

async fn index_post(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    if let Some(r) = banned(&shared, addr.ip()) {
        return r;
    }
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    match q.get("rp").map(String::as_str).unwrap_or("") {
        "/login" => {
            shared.sign_in_posts.fetch_add(1, Ordering::SeqCst);
            // WHMCS checks the captcha first: a sign-in without its answer comes back as a
            // refused one, whatever the password.
            if !shared.answers.check(shared.captcha, &v.sid, &fields) {
                return login_page(
                    &shared,
                    &v,
                    Some(shared.language.text(Text::CaptchaIncorrect)),
                    None,
                );
            }
            let email = get("username").trim().to_ascii_lowercase();
            let password = get("password");
            let account = shared
                .accounts
                .lock()
                .unwrap()
                .iter()
                .find(|a| a.email == email && a.password == password)
                .map(|a| a.totp_secret.is_some());
            match account {
                Some(two_factor) => {
                    shared.failures.lock().unwrap().remove(&addr.ip());
                    if two_factor {
                        set_user(&shared, &v.sid, None, Some(email));
                        redirect(
                            "index.php?rp=/login/two-factor/challenge",
                            v.cookie(&shared),
                        )
                    } else {
                        set_user(&shared, &v.sid, Some(email), None);
                        redirect("clientarea.php", v.cookie(&shared))
                    }
                }
                None => {
                    shared.sign_in_refusals.fetch_add(1, Ordering::SeqCst);
                    {
                        let mut failures = shared.failures.lock().unwrap();
                        let f = failures.entry(addr.ip()).or_default();
                        f.count += 1;
                        if f.count >= shared.ban_after {
                            f.banned_until = Some(Instant::now() + shared.ban_for);
                            f.count = 0;
                        }
                    }
                    if let Some(r) = banned(&shared, addr.ip()) {
                        return r;
                    }
                    login_page(
                        &shared,
                        &v,
                        Some(shared.language.text(Text::LoginIncorrect)),
                        None,
                    )
                }
            }
        }
        route @ ("/login/two-factor/challenge/verify"
        | "/login/two-factor/challenge/backup/verify") => {
            let pending = shared
                .sessions
                .lock()
                .unwrap()
                .get(&v.sid)
                .and_then(|s| s.two_factor_for.clone());
            let Some(email) = pending else {
                return redirect("index.php?rp=/login", v.cookie(&shared));
            };
            let backup = route.ends_with("backup/verify");
            // A backup code works once: WHMCS replaces it and shows the new one this once.
            let outcome = with_account(&shared, &email, |a| {
                if backup {
                    let given: String = get("twofabackupcode")
                        .chars()
                        .filter(|c| c.is_ascii_digit())
                        .collect();
                    let wanted: Option<String> = a
                        .backup_code
                        .as_ref()
                        .map(|c| c.chars().filter(|c| c.is_ascii_digit()).collect());
                    if wanted.is_some_and(|w| !given.is_empty() && w == given) {
                        let fresh = format!(
                            "{} {}",
                            random_token(4, b"0123456789"),
                            random_token(4, b"0123456789")
                        );
                        a.backup_code = Some(fresh.clone());
                        Some(Some(fresh))
                    } else {
                        None
                    }
                } else {
                    a.totp_secret
                        .as_deref()
                        .is_some_and(|s| totp::verify(s, get("key")))
                        .then_some(None)
                }
            })
            .flatten();
            match outcome {
                Some(new_code) => {
                    set_user(&shared, &v.sid, Some(email.clone()), None);
                    match new_code {
                        Some(code) => two_factor_step_page(&shared, &v, |_| {
                            html::new_backup_code_body(shared.language, &code)
                        }),
                        None => redirect("clientarea.php", v.cookie(&shared)),
                    }
                }
                None => two_factor_page(&shared, &v, true),
            }
        }
        "/password/reset" => {
            let email = get("email").trim().to_ascii_lowercase();
            let known = shared
                .accounts
                .lock()
                .unwrap()
                .iter()
                .any(|a| a.email == email);
            let chrome = Chrome {
                theme: shared.theme,
                title: shared.language.text(Text::ResetTitle),
                token: &v.token,
                account: None,
                lang: shared.language,
                head: "",
            };
            let result = if known {
                shared.outbox.lock().unwrap().push(Email {
                    to: email.clone(),
                    subject: "Password Reset Confirmation".into(),
                    body: format!(
                        "Someone requested a password reset for {email}. To choose a new password, open {}index.php?rp=/password/reset/redeem/{}",
                        shared.portal_url,
                        hex40()
                    ),
                });
                Ok(())
            } else if email.is_empty() {
                Err(shared.language.text(Text::ResetNoEmail))
            } else {
                Err(shared.language.text(Text::ResetUnknown))
            };
            page(
                html::layout(
                    &chrome,
                    &html::reset_body(&v.token, shared.language, Some(result)),
                ),
                v.cookie(&shared),
            )
        }
        _ => redirect("clientarea.php", v.cookie(&shared)),
    }
}

async fn logout(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let v = visit(&shared, &headers);
    set_user(&shared, &v.sid, None, None);
    let v = visit(&shared, &headers);
    login_page(
        &shared,
        &v,
        None,
        Some("You have been successfully logged out."),
    )
}

fn invoice_id(q: &Fields) -> Option<u64> {
    q.get("id").and_then(|id| id.trim().parse().ok())
}

async fn viewinvoice(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let v = visit(&shared, &headers);
    let Some(user) = v.user.clone() else {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    };
    shared.invoice_views.fetch_add(1, Ordering::SeqCst);
    let notice = ["paymentsuccess", "pendingreview", "paymentfailed"]
        .into_iter()
        .find(|k| q.get(*k).map(String::as_str) == Some("true"));
    let accounts = shared.accounts.lock().unwrap();
    let account = accounts.iter().find(|a| a.email == user);
    let invoice = account.and_then(|a| {
        let id = invoice_id(&q)?;
        a.invoices.iter().find(|i| i.id == id)
    });
    match (account, invoice) {
        (Some(account), Some(invoice)) => page(
            html::invoice_page(&InvoicePage {
                theme: shared.theme,
                invoice,
                account,
                today: shared.today,
                token: &v.token,
                portal_url: &shared.portal_url,
                checkout_url: &shared.checkout_url,
                paypal_url: &shared.paypal_url,
                notice,
                gateways: &shared.gateways,
                gateway: gateway_of(&shared, invoice.id),
            }),
            v.cookie(&shared),
        ),
        _ => page(html::invoice_not_found(shared.language), v.cookie(&shared)),
    }
}

async fn viewinvoice_post(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    let id = invoice_id(&q).unwrap_or(0);
    // The payment method choice ("allow change gateway"): only an active one, only while the
    // client's invoice is unpaid.
    if let Some(g) = fields
        .get("gateway")
        .and_then(|m| Gateway::from_module(m))
        .filter(|g| shared.gateways.contains(g))
    {
        let user = v.user.clone().unwrap_or_default();
        let unpaid = shared
            .accounts
            .lock()
            .unwrap()
            .iter()
            .find(|a| a.email == user)
            .and_then(|a| a.invoices.iter().find(|i| i.id == id))
            .is_some_and(|i| i.status == Status::Unpaid);
        if unpaid {
            shared.invoice_gateways.lock().unwrap().insert(id, g);
        }
    }
    redirect(&format!("viewinvoice.php?id={id}"), None)
}

/// The payment method an invoice is set to: the client's choice, else the first active one.
fn gateway_of(shared: &Shared, id: u64) -> Gateway {
    shared
        .invoice_gateways
        .lock()
        .unwrap()
        .get(&id)
        .copied()
        .unwrap_or(shared.gateways[0])
}

async fn download(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let v = visit(&shared, &headers);
    let Some(user) = v.user.clone() else {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    };
    let accounts = shared.accounts.lock().unwrap();
    let found = accounts.iter().find(|a| a.email == user).and_then(|a| {
        let id = invoice_id(&q)?;
        a.invoices.iter().find(|i| i.id == id).map(|i| (a, i))
    });
    let Some((account, inv)) = found else {
        return page(html::invoice_not_found(shared.language), None);
    };
    let mut lines = vec![
        format!("Invoiced to: {} {}", account.first_name, account.last_name),
        format!("Invoice date: {}", inv.date.format("%d/%m/%Y")),
        format!("Due date: {}", inv.due.format("%d/%m/%Y")),
        format!("Status: {}", inv.status.label()),
        String::new(),
    ];
    for item in &inv.items {
        lines.push(format!(
            "{}  {}",
            item.description,
            data::money(item.amount, inv.currency)
        ));
    }
    lines.push(String::new());
    lines.push(format!("Total: {}", data::money(inv.total(), inv.currency)));
    lines.push(format!(
        "Balance: {}",
        data::money(inv.balance(), inv.currency)
    ));
    let pdf = crate::pdf::document(&format!("JitOps Cloud - Invoice #{}", inv.number), &lines);
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"Invoice-{}.pdf\"", inv.number),
            ),
        ],
        pdf,
    )
        .into_response()
}

/// The demo's fault knobs while it runs, for trying the app (and the end-to-end faults
/// scenarios): `/demo/faults.php?down=1`, `?latency_ms=3000`, `?down=0&latency_ms=0`. Only
/// the parameters given change; the page shows the faults in force.
async fn faults_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut faults = shared.faults.lock().unwrap();
    if let Some(down) = query.get("down") {
        faults.down = down == "1";
    }
    if let Some(ms) = query.get("latency_ms").and_then(|v| v.parse().ok()) {
        faults.latency = Duration::from_millis(ms);
    }
    if let Some(never) = query.get("never_notify") {
        faults.never_notify = never == "1";
    }
    format!("{:?}\n", *faults).into_response()
}

/// The session cookie's name and every live session's value, one per line: what the
/// end-to-end secrets scan looks for in the app's files (a real portal has no such page).
async fn sessions_list(State(shared): State<Arc<Shared>>) -> Response {
    let mut text = format!("{}\n", shared.cookie_name);
    for value in shared.sessions.lock().unwrap().keys() {
        text.push_str(value);
        text.push('\n');
    }
    text.into_response()
}

/// How many invoice pages were served, then each paid invoice with the wall-clock time the
/// portal recorded it (ms since the Unix epoch): `make bench` measures the app's confirmation
/// delay and requests with it (a real portal has no such page).
async fn payments_list(State(shared): State<Arc<Shared>>) -> Response {
    let mut text = format!(
        "invoice_views {}\n",
        shared.invoice_views.load(Ordering::SeqCst)
    );
    let mut paid: Vec<_> = shared
        .paid_at
        .lock()
        .unwrap()
        .iter()
        .map(|(id, (_, wall))| (*id, *wall))
        .collect();
    paid.sort();
    for (id, wall) in paid {
        let ms = wall
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        text.push_str(&format!("paid {id} {ms}\n"));
    }
    text.into_response()
}

async fn outbox_page(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let v = visit(&shared, &headers);
    let mut body = String::from(
        "<h2>Demo outbox</h2><p>E-mails a real portal would have sent.</p><ul id=\"outbox\">",
    );
    for e in shared.outbox.lock().unwrap().iter() {
        body.push_str(&format!(
            "<li><strong>{}</strong> to {}<br>{}</li>",
            html::esc(&e.subject),
            html::esc(&e.to),
            html::esc(&e.body)
        ));
    }
    body.push_str("</ul>");
    let chrome = Chrome {
        theme: shared.theme,
        title: "Outbox",
        token: &v.token,
        account: None,
        lang: shared.language,
        head: "",
    };
    page(html::layout(&chrome, &body), v.cookie(&shared))
}

/// The subscription button's target: checks the invoice, then hands the browser to the
/// processor with a page that submits itself.
async fn tco_recurring(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    let Some(user) = v.user.clone() else {
        return redirect("../../index.php?rp=/login", v.cookie(&shared));
    };
    if q.get("recurring").map(String::as_str) != Some("1") {
        return redirect("../../clientarea.php", None);
    }
    let id: u64 = fields
        .get("invoiceid")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let accounts = shared.accounts.lock().unwrap();
    let inv = accounts
        .iter()
        .find(|a| a.email == user)
        .and_then(|a| a.invoices.iter().find(|i| i.id == id));
    let Some(inv) = inv.filter(|i| i.status == Status::Unpaid && !i.is_overdue(shared.today))
    else {
        return page(html::invoice_not_found(shared.language), None);
    };
    let Some(cycle) = inv.recurring_cycle() else {
        return page(html::invoice_not_found(shared.language), None);
    };
    let mut hop = html::one_off_fields(inv, &shared.portal_url);
    hop.push(("li_0_recurrence".into(), cycle.recurrence().into()));
    hop.push(("li_0_duration".into(), "Forever".into()));
    page(
        html::hop_page(&format!("{}checkout/purchase", shared.checkout_url), &hop),
        None,
    )
}

pub(crate) fn notification_key(secret: &str, invoice_id: u64, order: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key");
    mac.update(format!("{invoice_id}:{order}").as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where the processor sends the browser back: forwards to the invoice with the outcome.
async fn processor_return(State(shared): State<Arc<Shared>>, Query(q): Query<Fields>) -> Response {
    let id: u64 = q
        .get("merchant_order_id")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let order = q.get("order_number").cloned().unwrap_or_default();
    let key_ok = q
        .get("key")
        .is_some_and(|k| *k == notification_key(&shared.ins_secret, id, &order));
    let processed = q.get("credit_card_processed").map(String::as_str) == Some("Y");
    let flag = if !processed || !key_ok {
        "paymentfailed"
    } else if shared.paid_at.lock().unwrap().contains_key(&id) {
        "paymentsuccess"
    } else {
        "pendingreview"
    };
    redirect(
        &format!("../../../viewinvoice.php?id={id}&{flag}=true"),
        None,
    )
}

/// The processor's server-to-server notification (INS): records the payment.
async fn processor_notification(
    State(shared): State<Arc<Shared>>,
    Form(fields): Form<Fields>,
) -> Response {
    let id: u64 = fields
        .get("vendor_order_id")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let order = fields.get("sale_id").cloned().unwrap_or_default();
    if fields.get("md5_hash") != Some(&notification_key(&shared.ins_secret, id, &order)) {
        return (StatusCode::FORBIDDEN, "Hash mismatch").into_response();
    }
    let recurring = fields.get("recurring").map(String::as_str) == Some("1");
    if record_payment(&shared, id, "2Checkout", &order, recurring) {
        "OK".into_response()
    } else {
        (StatusCode::NOT_FOUND, "Unknown invoice").into_response()
    }
}

/// PayPal's notification (IPN) for its own gateway.
async fn paypal_notification(
    State(shared): State<Arc<Shared>>,
    Form(fields): Form<Fields>,
) -> Response {
    let id: u64 = fields
        .get("invoice")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let txn = fields.get("txn_id").cloned().unwrap_or_default();
    if fields.get("verify_sign") != Some(&notification_key(&shared.ins_secret, id, &txn))
        || fields.get("payment_status").map(String::as_str) != Some("Completed")
    {
        return (StatusCode::FORBIDDEN, "Not verified").into_response();
    }
    if record_payment(&shared, id, "PayPal", &txn, false) {
        "OK".into_response()
    } else {
        (StatusCode::NOT_FOUND, "Unknown invoice").into_response()
    }
}

/// Records a processor's payment of invoice `id` as WHMCS does: a transaction for its balance,
/// Paid, and each invoice a combined one covers settled. False for an unknown invoice.
fn record_payment(shared: &Shared, id: u64, gateway: &str, txn: &str, recurring: bool) -> bool {
    let mut accounts = shared.accounts.lock().unwrap();
    for account in accounts.iter_mut() {
        if let Some(inv) = account.invoices.iter_mut().find(|i| i.id == id) {
            if inv.status != Status::Paid {
                let amount = inv.balance();
                inv.transactions.push(data::Transaction {
                    date: shared.today,
                    gateway: gateway.into(),
                    id: txn.to_owned(),
                    amount,
                });
                inv.status = Status::Paid;
                if recurring {
                    inv.subscription = inv.recurring_cycle();
                }
                let covers = inv.covers.clone();
                // A combined invoice's payment settles each invoice it covers.
                for covered in account
                    .invoices
                    .iter_mut()
                    .filter(|i| covers.contains(&i.id) && i.status == Status::Unpaid)
                {
                    let amount = covered.balance();
                    covered.transactions.push(data::Transaction {
                        date: shared.today,
                        gateway: "Mass payment".into(),
                        id: format!("MASS-{id}"),
                        amount,
                    });
                    covered.status = Status::Paid;
                }
                let now = (Instant::now(), SystemTime::now());
                let mut paid_at = shared.paid_at.lock().unwrap();
                paid_at.insert(id, now);
                for covered in covers {
                    paid_at.insert(covered, now);
                }
            }
            return true;
        }
    }
    false
}

// ---- processor -----------------------------------------------------------------------------

fn pay_label(amount: &str, currency: &str) -> String {
    let value: rust_decimal::Decimal = amount.parse().unwrap_or_default();
    let shown = data::money(value, currency);
    // "€9.99 EUR" reads "Pay €9.99"; an amount without a symbol keeps its code.
    let shown = match currency {
        "EUR" | "USD" => shown.trim_end_matches(&format!(" {currency}")).to_owned(),
        _ => shown,
    };
    format!("Pay {shown}")
}

async fn purchase(State(shared): State<Arc<Shared>>, Form(fields): Form<Fields>) -> Response {
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let Some(invoice_id) = get("merchant_order_id").parse::<u64>().ok() else {
        return (StatusCode::BAD_REQUEST, "merchant_order_id is missing").into_response();
    };
    let return_url = get("x_receipt_link_url");
    if !return_url.starts_with(&shared.portal_url) {
        return (StatusCode::BAD_REQUEST, "unknown return URL").into_response();
    }
    let id = random_token(12, b"0123456789");
    let order = Order {
        id: id.clone(),
        invoice_id,
        description: get("li_0_name"),
        amount: get("li_0_price"),
        currency: get("currency_code"),
        return_url,
        recurrence: fields.get("li_0_recurrence").cloned(),
        paid_with: None,
        pending_paid_with: None,
    };
    shared.orders.lock().unwrap().insert(id.clone(), order);
    see_other(&format!("/checkout/order/{id}"))
}

fn render_order(
    order: &Order,
    method: &str,
    card: CardForm,
    paypal_email: String,
    errors: Vec<(&'static str, &'static str)>,
    alert: Option<&str>,
) -> Response {
    page(
        processor::checkout_page(&CheckoutView {
            order,
            pay_label: pay_label(&order.amount, &order.currency),
            method,
            card,
            paypal_email,
            errors,
            alert,
            cancel_url: format!("/checkout/order/{}/cancel", order.id),
        }),
        None,
    )
}

async fn order_page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let order = shared.orders.lock().unwrap().get(&id).cloned();
    match order {
        Some(o) => render_order(&o, "card", CardForm::default(), String::new(), vec![], None),
        None => (StatusCode::NOT_FOUND, "No such order").into_response(),
    }
}

fn return_link(shared: &Shared, order: &Order, processed: bool) -> String {
    format!(
        "{}?merchant_order_id={}&order_number={}&credit_card_processed={}&total={}&key={}",
        order.return_url,
        order.invoice_id,
        order.id,
        if processed { "Y" } else { "N" },
        order.amount,
        notification_key(&shared.ins_secret, order.invoice_id, &order.id)
    )
}

/// The buyer's "Cancel and return": back to the invoice, with no outcome in the address (what
/// 2Checkout does; only a processed order goes through the gateway's callback).
async fn order_cancel(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let order = shared.orders.lock().unwrap().get(&id).cloned();
    match order {
        Some(o) => see_other(&format!(
            "{}viewinvoice.php?id={}",
            shared.portal_url, o.invoice_id
        )),
        None => (StatusCode::NOT_FOUND, "No such order").into_response(),
    }
}

async fn order_pay(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let method = if get("method") == "paypal" {
        "paypal"
    } else {
        "card"
    };
    let card = CardForm {
        name: get("card_name"),
        number: get("card_number"),
        expiry: get("card_expiry"),
        cvv: get("card_cvv"),
    };
    if method == "paypal" {
        // PayPal through 2Checkout: the window leaves for PayPal and comes back here.
        let token = crate::paypal::start(
            &shared,
            crate::paypal::PaypalFor::TcoOrder {
                order_id: order.id.clone(),
            },
        );
        return see_other(&format!("{}checkoutnow?token={token}", shared.paypal_url));
    }
    let paid_with = {
        let errors = processor::validate_card(&card, shared.today);
        // The number and CVV are never sent back into the page.
        let kept = CardForm {
            name: card.name.clone(),
            expiry: card.expiry.clone(),
            ..CardForm::default()
        };
        if !errors.is_empty() {
            return render_order(
                &order,
                method,
                kept,
                String::new(),
                errors,
                Some("Please correct the highlighted fields."),
            );
        }
        let digits = processor::card_digits(&card.number);
        if digits == processor::card_digits(processor::TEST_CARD_DECLINED) {
            return render_order(
                &order,
                method,
                kept,
                String::new(),
                vec![],
                Some("Your card was declined by the issuing bank. Nothing was charged. Try another card or PayPal."),
            );
        }
        format!("card ending {}", &digits[digits.len() - 4..])
    };
    // The card's bank checks the payment first (3-D Secure), in a frame or the whole window.
    if shared.three_d_secure != ThreeDSecure::Off {
        let challenge = random_token(20, b"abcdefghijklmnopqrstuvwxyz0123456789");
        shared
            .challenges
            .lock()
            .unwrap()
            .insert(challenge.clone(), order.id.clone());
        if let Some(o) = shared.orders.lock().unwrap().get_mut(&id) {
            o.pending_paid_with = Some(paid_with);
        }
        return match shared.three_d_secure {
            ThreeDSecure::Frame => page(
                crate::bank::frame_page(&order.description, &shared.bank_url, &challenge),
                None,
            ),
            _ => see_other(&format!("{}acs/{challenge}", shared.bank_url)),
        };
    }
    complete_order(&shared, order, paid_with)
}

/// The bank's answer: back at the processor in the whole window.
async fn order_three_ds_done(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> Response {
    let challenge = fields.get("challenge").cloned().unwrap_or_default();
    let for_order = shared.challenges.lock().unwrap().remove(&challenge);
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    if for_order.as_deref() != Some(id.as_str()) {
        return (StatusCode::BAD_REQUEST, "Unknown check").into_response();
    }
    let paid_with = order.pending_paid_with.clone().unwrap_or_default();
    let framed = fields.contains_key("frame");
    if fields.get("result").map(String::as_str) != Some("approved") {
        return render_order(
            &order,
            "card",
            CardForm::default(),
            String::new(),
            vec![],
            Some("Your bank did not approve the payment. Nothing was charged."),
        );
    }
    let answer = complete_order(&shared, order, paid_with);
    if !framed {
        return answer;
    }
    // Answered inside the bank's frame: the processor's own page there (same origin as the
    // window's) moves the window on to where the order now leads.
    let next = format!("/checkout/order/{id}/finished");
    page(
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Verified</title></head><body>\
             <p>Verified. <a href=\"{next}\" target=\"_top\">Continue</a></p>\
             <script>window.top.location.replace('{next}');</script></body></html>\n"
        ),
        None,
    )
}

/// Where a paid order leads: back to the portal, or the processor's receipt.
async fn order_finished(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    if order.paid_with.is_none() {
        return (StatusCode::BAD_REQUEST, "Not paid").into_response();
    }
    finished_answer(&shared, &order)
}

fn finished_answer(shared: &Shared, order: &Order) -> Response {
    if shared.direct_return {
        see_other(&return_link(shared, order, true))
    } else {
        page(
            processor::receipt_page(order, &return_link(shared, order, true)),
            None,
        )
    }
}

/// Back from PayPal, paid there: the order is complete.
async fn order_paypal_done(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    Query(q): Query<Fields>,
) -> Response {
    let token = q.get("token").cloned().unwrap_or_default();
    let paid = shared
        .paypal_checkouts
        .lock()
        .unwrap()
        .get(&token)
        .is_some_and(|c| {
            c.paid
                && matches!(&c.paying, crate::paypal::PaypalFor::TcoOrder { order_id } if *order_id == id)
        });
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    if !paid {
        return (StatusCode::BAD_REQUEST, "Not paid at PayPal").into_response();
    }
    complete_order(&shared, order, "PayPal".to_owned())
}

/// Sends a processor's notification to the portal after the notification delay, retried a few
/// times when it fails (as processors do).
pub(crate) fn notify_later(shared: &Shared, url: String, form: Vec<(String, String)>) {
    let delay = *shared.notify_delay.lock().unwrap();
    let http = shared.http.clone();
    shared
        .notifications_scheduled
        .fetch_add(1, Ordering::SeqCst);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        for attempt in 0..5u64 {
            let sent = http.post(&url).form(&form).send().await;
            if sent.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1 + attempt * 2)).await;
        }
    });
}

/// The order is paid: the portal is notified after the processor's delay, and the buyer sent
/// back to it (or shown the receipt).
fn complete_order(shared: &Shared, order: Order, paid_with: String) -> Response {
    let id = order.id.clone();
    if let Some(o) = shared.orders.lock().unwrap().get_mut(&id) {
        o.paid_with = Some(paid_with);
    }
    let faults = shared.faults.lock().unwrap().clone();
    if !faults.never_notify {
        let notify_url = format!(
            "{}modules/gateways/callback/2checkout.php",
            shared.portal_url
        );
        let key = notification_key(&shared.ins_secret, order.invoice_id, &order.id);
        let form = vec![
            (
                "message_type".to_owned(),
                if order.recurrence.is_some() {
                    "RECURRING_INSTALLMENT_SUCCESS"
                } else {
                    "ORDER_CREATED"
                }
                .to_owned(),
            ),
            ("vendor_order_id".to_owned(), order.invoice_id.to_string()),
            ("sale_id".to_owned(), order.id.clone()),
            ("invoice_list_amount".to_owned(), order.amount.clone()),
            (
                "recurring".to_owned(),
                if order.recurrence.is_some() { "1" } else { "0" }.to_owned(),
            ),
            ("md5_hash".to_owned(), key),
        ];
        notify_later(shared, notify_url, form);
    }
    let order = shared
        .orders
        .lock()
        .unwrap()
        .get(&id)
        .cloned()
        .unwrap_or(order);
    finished_answer(shared, &order)
}

/// The receipt as a PDF download (the processor's receipt page links it).
async fn order_receipt(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let Some(order) = shared.orders.lock().unwrap().get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, "No such order").into_response();
    };
    let pdf = crate::pdf::document(
        &format!("Receipt {}", order.id),
        &[
            format!("Invoice {}", order.invoice_id),
            format!("{} {}", order.amount, order.currency),
        ],
    );
    Response::builder()
        .header(header::CONTENT_TYPE, "application/pdf")
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"receipt-{}.pdf\"", order.id),
        )
        .body(Body::from(pdf))
        .unwrap()
}

/// Changes an account's password as the website's "change password" does, which also ends
/// the account's sessions: `/demo/password.php?email=...&password=...` (a real portal has no
/// such page; the tests change the password while a payment is followed).
async fn password_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (Some(email), Some(password)) = (query.get("email"), query.get("password")) else {
        return (StatusCode::BAD_REQUEST, "email and password are needed").into_response();
    };
    shared.set_password(email, password);
    "changed\n".into_response()
}

impl Shared {
    fn set_password(&self, email: &str, password: &str) {
        with_account(self, email, |a| a.password = password.to_owned());
        self.sessions
            .lock()
            .unwrap()
            .retain(|_, s| s.user.as_deref() != Some(email));
    }
}

// ---- captcha -----------------------------------------------------------------------------

/// `includes/verifyimage.php`: draws a new code into the visitor's session.
async fn verify_image(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let v = visit(&shared, &headers);
    let svg = shared.answers.new_image(&v.sid);
    let mut r = ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response();
    if let Some(c) = v.cookie(&shared) {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

async fn recaptcha_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript")],
        crate::captcha::PROVIDER_SCRIPT,
    )
        .into_response()
}

async fn recaptcha_token(State(shared): State<Arc<Shared>>) -> Response {
    shared.answers.new_token().into_response()
}

/// `/demo/captcha.php`: the code of the image drawn last, for a test reading it as a person
/// would from the picture.
async fn captcha_control(State(shared): State<Arc<Shared>>) -> Response {
    shared
        .answers
        .last_image_code()
        .unwrap_or_default()
        .into_response()
}
