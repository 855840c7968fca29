//! The demo portal owns a WHMCS-compatible client area and a 2Checkout-like processor, each a
//! real HTTP server on its own loopback origin, with sample accounts and fault knobs. The app
//! starts it in-process with `--demo`; tests start one per test; it also runs standalone.

// Pages are written as whole HTML fragments whose last line ends the element; clippy would
// have the final newline moved into `writeln!`, splitting each fragment in two places.
#![allow(clippy::write_with_newline)]

pub mod captcha;
pub mod chrome;
pub mod data;
pub mod funding_pages;
pub mod gateways;
pub mod html;
pub mod invoice_pages;
pub mod lang;
pub mod overview_pages;
pub mod pdf;
pub mod people;
pub mod processor;
pub mod quote_pages;
pub mod quote_records;
pub mod quotes;
mod random;
mod server;
pub mod sign_in_pages;
mod theme;
pub mod totp;

pub use captcha::CaptchaKind;
pub use gateways::Gateway;
pub use html::Theme;
pub use lang::Lang;
pub use people::{
    ACCOUNTANT_EMAIL, BACKUP_CODE, DEMO_EMAIL, DEMO_PASSWORD, TOTP_SECRET, TWO_FACTOR_EMAIL,
};
pub use processor::{TEST_CARD_DECLINED, TEST_CARD_OK};
pub use server::ThreeDSecure;
pub use server::{DemoPortal, Email};

use std::time::Duration;

/// Faults a test can turn on.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Added before every portal answer.
    pub latency: Duration,
    /// Share of portal answers replaced by HTTP 500, from 0.0 to 1.0.
    pub error_rate: f64,
    /// Portal pages are cut in half.
    pub malformed: bool,
    /// The processor never notifies the portal (the invoice stays unpaid).
    pub never_notify: bool,
    /// The portal does not answer at all (connections are refused).
    pub down: bool,
}

#[derive(Debug, Clone)]
pub struct Options {
    /// 0 picks a free port.
    pub portal_port: u16,
    pub checkout_port: u16,
    /// How long after a payment the processor notifies the portal.
    pub notify_delay: Duration,
    pub theme: Theme,
    /// Idle time after which a session is signed out.
    pub session_idle: Duration,
    /// Failed sign-ins in a row before a ban, and its length.
    pub ban_after: u32,
    pub ban_for: Duration,
    /// The captcha the sign-in page shows (off, WHMCS's image, reCAPTCHA v2 or invisible).
    pub captcha: CaptchaKind,
    /// The language the client area's pages are written in (WHMCS serves each client in the
    /// language of their profile).
    pub portal_language: Lang,
    /// The client's currency is set up with neither prefix nor suffix: amounts read `5.00`.
    pub bare_amounts: bool,
    /// The active payment methods; with more than one the client may change an invoice's.
    pub gateways: Vec<Gateway>,
    /// Whether the card's bank checks a 2Checkout card payment, and in which form.
    pub three_d_secure: ThreeDSecure,
    /// The password of every demo account ("demo" unless a test needs one it can search for).
    pub password: String,
    pub faults: Faults,
    /// Replaces the item descriptions of invoice 1001 (markup, script tags...), to check the
    /// app shows them as text (`JITOPS_DEMO_HOSTILE_TEXT`).
    pub hostile_text: Option<String>,
    /// After "Pay" the processor sends the browser straight back to the portal (on, the usual
    /// setting), or shows its own receipt page with a "Return to merchant" link (off).
    pub direct_return: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            portal_port: 0,
            checkout_port: 0,
            notify_delay: Duration::from_secs(20),
            theme: Theme::TwentyOne,
            session_idle: Duration::from_secs(30 * 60),
            ban_after: 5,
            ban_for: Duration::from_secs(15 * 60),
            captcha: CaptchaKind::Off,
            portal_language: Lang::En,
            bare_amounts: false,
            gateways: vec![Gateway::Tco],
            three_d_secure: ThreeDSecure::Off,
            password: people::DEMO_PASSWORD.to_owned(),
            faults: Faults::default(),
            hostile_text: None,
            direct_return: true,
        }
    }
}

/// How long the app should treat as the usual confirmation time on the demo portal
/// (`JITOPS_DEMO_USUAL_CONFIRMATION`, seconds), so the "still confirming" guidance can be seen
/// without waiting five minutes. Only the demo honours it.
pub fn usual_confirmation_from_env() -> Option<Duration> {
    std::env::var("JITOPS_DEMO_USUAL_CONFIRMATION")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .map(Duration::from_secs_f64)
}

impl Options {
    /// Reads the knobs the app and the end-to-end tests pass through the environment
    /// (`JITOPS_DEMO_NOTIFY_DELAY`, `JITOPS_DEMO_THEME`, `JITOPS_DEMO_SESSION_IDLE`,
    /// `JITOPS_DEMO_LATENCY_MS`, `JITOPS_DEMO_NEVER_NOTIFY`,
    /// `JITOPS_DEMO_CAPTCHA=off|image|recaptcha|invisible`, `JITOPS_DEMO_PORTAL_LANGUAGE=en|sq|de`,
    /// `JITOPS_DEMO_BARE_AMOUNTS=on`, `JITOPS_DEMO_GATEWAYS=tco,paypal,banktransfer`,
    /// `JITOPS_DEMO_THREE_D_SECURE=off|frame|redirect`,
    /// `JITOPS_DEMO_PASSWORD`, `JITOPS_DEMO_PORTAL_PORT`, `JITOPS_DEMO_HOSTILE_TEXT`,
    /// `JITOPS_DEMO_DOWN`: the portal starts down, as if unreachable;
    /// `JITOPS_DEMO_DIRECT_RETURN=off`: the processor keeps its receipt page after Pay).
    pub fn from_env() -> Options {
        let mut o = Options::default();
        let secs = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse::<f64>().ok())
                .map(Duration::from_secs_f64)
        };
        if let Some(d) = secs("JITOPS_DEMO_NOTIFY_DELAY") {
            o.notify_delay = d;
        }
        if let Some(port) = std::env::var("JITOPS_DEMO_PORTAL_PORT")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            o.portal_port = port;
        }
        if let Some(d) = secs("JITOPS_DEMO_SESSION_IDLE") {
            o.session_idle = d;
        }
        if let Some(t) = std::env::var("JITOPS_DEMO_THEME")
            .ok()
            .and_then(|t| t.parse().ok())
        {
            o.theme = t;
        }
        if let Some(ms) = std::env::var("JITOPS_DEMO_LATENCY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            o.faults.latency = Duration::from_millis(ms);
        }
        o.faults.never_notify = std::env::var_os("JITOPS_DEMO_NEVER_NOTIFY").is_some();
        o.faults.down = std::env::var_os("JITOPS_DEMO_DOWN").is_some();
        if let Some(kind) = std::env::var("JITOPS_DEMO_CAPTCHA")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            o.captcha = kind;
        }
        if let Some(lang) = std::env::var("JITOPS_DEMO_PORTAL_LANGUAGE")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            o.portal_language = lang;
        }
        o.bare_amounts = std::env::var("JITOPS_DEMO_BARE_AMOUNTS").is_ok_and(|v| v == "on");
        if let Some(list) = std::env::var("JITOPS_DEMO_GATEWAYS")
            .ok()
            .and_then(|v| gateways::parse_list(&v).ok())
        {
            o.gateways = list;
        }
        if let Some(form) = std::env::var("JITOPS_DEMO_THREE_D_SECURE")
            .ok()
            .and_then(|v| v.parse().ok())
        {
            o.three_d_secure = form;
        }
        o.hostile_text = std::env::var("JITOPS_DEMO_HOSTILE_TEXT").ok();
        if let Ok(p) = std::env::var("JITOPS_DEMO_PASSWORD") {
            o.password = p;
        }
        if let Ok(v) = std::env::var("JITOPS_DEMO_DIRECT_RETURN") {
            o.direct_return = v != "off";
        }
        o
    }
}
