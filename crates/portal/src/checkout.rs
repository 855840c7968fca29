//! Owns turning a payment button of an invoice page into the request the checkout window makes:
//! the portal's own hops are followed with the session, and the first request that leaves the
//! portal is handed over, with the hosts the payment may visit.

use crate::error::{PortalError, Result};
use crate::model::{FormRequest, HttpMethod, InvoiceDetail, PaymentKind};
use crate::pages;
use crate::session::Session;
use serde::{Deserialize, Serialize};
use url::Url;

/// The processor hosts a payment may visit by default: 2Checkout's (Verifone's) and PayPal's.
pub const DEFAULT_PROCESSOR_DOMAINS: &[&str] = &[
    "2checkout.com",
    "2co.com",
    "verifone.cloud",
    "paypal.com",
    "paypalobjects.com",
];

/// The request the checkout window performs, and where it may go afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutRequest {
    pub method: HttpMethod,
    pub url: Url,
    pub fields: Vec<(String, String)>,
    /// Domains whose hosts (and subdomains) the window may show.
    pub allowed_domains: Vec<String>,
    /// The portal's origin: reaching it again means the processor sent the user back.
    pub return_origin: Url,
    /// The paths of the portal's gateway callbacks (`<portal>/modules/gateways/callback/…`),
    /// exactly: the processor's return passes through one of them on its way to the invoice.
    #[serde(default)]
    pub callback_paths: Vec<String>,
}

/// The gateway callbacks a processor's return passes through, by file (WHMCS's 2Checkout and
/// PayPal modules).
const GATEWAY_CALLBACKS: &[&str] = &["2checkout.php", "paypal.php"];

impl CheckoutRequest {
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// Whether `url` (on the portal's origin) is one of the portal's gateway callbacks, exactly:
    /// not any path that merely holds the callbacks' folder name.
    pub fn is_gateway_callback(&self, url: &Url) -> bool {
        self.callback_paths.iter().any(|p| p == url.path())
    }
}

/// Whether the checkout window may show `url`: HTTPS on an allowed domain, or a loopback
/// origin named exactly (`127.0.0.1:PORT`, the demo processor).
pub fn url_allowed(url: &Url, domains: &[String]) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    if crate::session::is_loopback(host) {
        let origin = format!("{host}:{}", url.port_or_known_default().unwrap_or(0));
        return url.scheme() == "http" && domains.iter().any(|d| d == &origin)
            || url.scheme() == "https" && domains.iter().any(|d| d == &origin);
    }
    url.scheme() == "https" && host_allowed(host, domains)
}

/// Whether `host` is one of `domains` or below one of them.
pub fn host_allowed(host: &str, domains: &[String]) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    domains.iter().any(|d| {
        let d = d.trim_start_matches('.').to_ascii_lowercase();
        host == d || host.ends_with(&format!(".{d}"))
    })
}

const MAX_HOPS: usize = 5;

/// Prepares the payment of `invoice` with the chosen button.
pub async fn prepare(
    session: &Session,
    invoice: &InvoiceDetail,
    kind: PaymentKind,
    processor_domains: &[String],
) -> Result<CheckoutRequest> {
    let choice = invoice.choice(kind).ok_or(PortalError::PaymentNotOffered)?;
    follow(session, choice.form.clone(), processor_domains).await
}

/// Follows a form through the portal's hops until a request leaves the portal.
pub async fn follow(
    session: &Session,
    mut form: FormRequest,
    processor_domains: &[String],
) -> Result<CheckoutRequest> {
    let address = session.address();
    let mut allowed: Vec<String> = processor_domains.to_vec();
    for _ in 0..MAX_HOPS {
        if !address.owns(&form.url) {
            let host = form.url.host_str().unwrap_or_default().to_owned();
            let loopback = crate::session::is_loopback(&host);
            // The first hop out of the portal must already be a processor (or, for the demo
            // portal, its loopback checkout).
            let scheme_ok = form.url.scheme() == "https" || (loopback && address.is_loopback());
            if !scheme_ok || !(host_allowed(&host, &allowed) || (loopback && address.is_loopback()))
            {
                return Err(PortalError::unexpected(
                    &form.url,
                    format!("a payment processor host (got {host})"),
                ));
            }
            if loopback {
                let origin = format!("{host}:{}", form.url.port_or_known_default().unwrap_or(0));
                if !allowed.contains(&origin) {
                    allowed.push(origin);
                }
            }
            let mut return_origin = address.base().clone();
            return_origin.set_path("/");
            let callback_paths = GATEWAY_CALLBACKS
                .iter()
                .map(|file| address.page(&format!("modules/gateways/callback/{file}")))
                .map(|url| url.path().to_owned())
                .collect();
            return Ok(CheckoutRequest {
                method: form.method,
                url: form.url,
                fields: form.fields,
                allowed_domains: allowed,
                return_origin,
                callback_paths,
            });
        }
        // A hop inside the portal (the recurring button posts to the gateway module first).
        let request = match form.method {
            HttpMethod::Post => session.http().post(form.url.clone()).form(&form.fields),
            HttpMethod::Get => session.http().get(form.url.clone()).query(&form.fields),
        };
        let response = request.send().await?;
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| response.url().join(l).ok())
                .ok_or_else(|| PortalError::unexpected(response.url(), "a redirect target"))?;
            form = FormRequest {
                method: HttpMethod::Get,
                url: location,
                fields: vec![],
            };
            continue;
        }
        let url = response.url().clone();
        // Capped like every page: a hop page is no larger than a billing page.
        let body = crate::session::read_capped(response, crate::session::MAX_PAGE_BYTES)
            .await?
            .ok_or_else(|| PortalError::PageTooLarge { url: url.clone() })?;
        let html = String::from_utf8_lossy(&body).into_owned();
        if pages::is_login_page(&html) {
            return Err(PortalError::SessionExpired);
        }
        form = pages::first_form(&html, &url)?
            .ok_or_else(|| PortalError::unexpected(&url, "the hop to the payment processor"))?;
    }
    Err(PortalError::unexpected(
        &form.url,
        "a payment processor within a few hops",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_hosts_match_domains_and_subdomains_only() {
        let d: Vec<String> = DEFAULT_PROCESSOR_DOMAINS
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(host_allowed("www.2checkout.com", &d));
        assert!(host_allowed("2checkout.com", &d));
        assert!(host_allowed("www.paypal.com", &d));
        assert!(!host_allowed("evil2checkout.com", &d));
        assert!(!host_allowed("2checkout.com.evil.net", &d));
        assert!(!host_allowed("example.com", &d));
    }

    #[test]
    fn urls_need_https_or_an_exact_loopback_origin() {
        let d = vec!["2checkout.com".to_string(), "127.0.0.1:4000".to_string()];
        let ok = |s: &str| url_allowed(&Url::parse(s).unwrap(), &d);
        assert!(ok("https://www.2checkout.com/checkout/purchase"));
        assert!(!ok("http://www.2checkout.com/checkout/purchase"));
        assert!(ok("http://127.0.0.1:4000/pay"));
        assert!(!ok("http://127.0.0.1:4001/pay"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("data:text/html,hi"));
        assert!(!ok("javascript:alert(1)"));
    }
}

/// Where the checkout window's page is, for the card's bank (3-D Secure).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The hop page, or a processor's page still loading from it: no processor has shown a
    /// page yet.
    Starting,
    /// A processor's page (2Checkout, PayPal), shown in the whole window.
    Processor,
    /// The card's bank, which the processor handed the whole window to: its host.
    Bank(String),
}

/// The place a page shown in the whole window (not a frame) puts it in: the page whose
/// document the window now holds (after any redirect).
pub fn place_of(request: &CheckoutRequest, url: &Url) -> Place {
    let portal = &request.return_origin;
    let at_portal = url.scheme() == portal.scheme()
        && url.host_str() == portal.host_str()
        && url.port_or_known_default() == portal.port_or_known_default();
    if url_allowed(url, &request.allowed_domains) {
        Place::Processor
    } else if at_portal {
        // The gateway's callback on the portal, on the way back: neither processor nor bank.
        Place::Starting
    } else if matches!(url.scheme(), "https" | "http") && url.host_str().is_some() {
        Place::Bank(match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            _ => String::new(),
        })
    } else {
        Place::Starting
    }
}

/// The place while a page loads in the whole window, from `current` to `url` (before any
/// redirect). A processor's page counts as the processor's only once shown ([`place_of`] at
/// its commit): a request the app itself sends (the hop's form, aimed by the portal's page)
/// that a processor host redirects elsewhere (an open redirect) is not a processor handing the
/// window over, and that elsewhere is refused. From a processor's page shown, its next page
/// is still the processor's while it loads (its form may hand over to the bank by redirect).
pub fn place_while_loading(current: &Place, request: &CheckoutRequest, url: &Url) -> Place {
    match place_of(request, url) {
        Place::Processor if *current == Place::Processor => Place::Processor,
        Place::Processor => Place::Starting,
        other => other,
    }
}

/// Whether a page the checkout window refused may be offered to the system browser: an https
/// address only (never a script, a file, data or plain http).
pub fn may_open_in_browser(url: &Url) -> bool {
    url.scheme() == "https" && url.host_str().is_some()
}

/// 3-D Secure: while a processor's page is shown, it may hand a frame of it, or the whole
/// window, to the card's bank, whose host no list can know: any https page (for a demo portal
/// on loopback, a loopback page). From the bank's page, or before the processor answers,
/// nothing but the processors and the portal (`url_allowed` and the return) loads.
pub fn bank_may_load(request: &CheckoutRequest, place: &Place, url: &Url) -> bool {
    if *place != Place::Processor || !url.username().is_empty() || url.password().is_some() {
        return false;
    }
    let Some(host) = url.host_str() else {
        return false;
    };
    let demo = crate::session::is_loopback(request.return_origin.host_str().unwrap_or(""));
    url.scheme() == "https" || (demo && url.scheme() == "http" && crate::session::is_loopback(host))
}

#[cfg(test)]
mod bank_tests {
    use super::*;

    #[test]
    fn only_an_https_address_is_offered_to_the_browser() {
        for yes in [
            "https://www.2checkout.com/x",
            "https://bank.example/3ds?x=1",
        ] {
            assert!(may_open_in_browser(&Url::parse(yes).unwrap()), "{yes}");
        }
        for no in [
            "http://www.2checkout.com/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "ftp://example.com/x",
        ] {
            assert!(!may_open_in_browser(&Url::parse(no).unwrap()), "{no}");
        }
    }

    fn request(portal: &str, domains: &[&str]) -> CheckoutRequest {
        CheckoutRequest {
            method: HttpMethod::Post,
            url: Url::parse("https://secure.2checkout.com/order").unwrap(),
            fields: vec![],
            allowed_domains: domains.iter().map(|d| d.to_string()).collect(),
            return_origin: Url::parse(portal).unwrap(),
            callback_paths: vec!["/modules/gateways/callback/2checkout.php".into()],
        }
    }

    #[test]
    fn the_bank_loads_only_from_a_processor_page() {
        let r = request("https://jitops.com/", &["2checkout.com", "paypal.com"]);
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            place_of(&r, &u("https://secure.2checkout.com/x")),
            Place::Processor
        );
        assert_eq!(
            place_of(&r, &u("https://www.paypal.com/x")),
            Place::Processor
        );
        assert_eq!(
            place_of(
                &r,
                &u("https://jitops.com/modules/gateways/callback/2checkout.php")
            ),
            Place::Starting,
            "the portal is never the bank"
        );
        let bank = place_of(&r, &u("https://acs.bank.example/challenge"));
        assert_eq!(bank, Place::Bank("acs.bank.example".into()));
        // From the processor: the bank (frame or window), over https only.
        assert!(bank_may_load(
            &r,
            &Place::Processor,
            &u("https://acs.bank.example/c")
        ));
        assert!(!bank_may_load(
            &r,
            &Place::Processor,
            &u("http://acs.bank.example/c")
        ));
        assert!(!bank_may_load(
            &r,
            &Place::Processor,
            &u("https://u:p@acs.bank.example/")
        ));
        assert!(!bank_may_load(
            &r,
            &Place::Processor,
            &u("http://127.0.0.1:9/")
        ));
        assert!(!bank_may_load(
            &r,
            &Place::Processor,
            &u("file:///etc/passwd")
        ));
        // From the bank's page, or before the processor: nothing new.
        assert!(!bank_may_load(&r, &bank, &u("https://elsewhere.example/")));
        assert!(!bank_may_load(
            &r,
            &Place::Starting,
            &u("https://acs.bank.example/")
        ));
        // A processor host reached from the hop (the portal aimed the form at it) is not yet
        // a processor's page: what it redirects to is not the bank.
        let open_redirect = u("https://secure.2checkout.com/redirect?to=https://evil.example/");
        let loading = place_while_loading(&Place::Starting, &r, &open_redirect);
        assert_eq!(loading, Place::Starting);
        assert!(!bank_may_load(&r, &loading, &u("https://evil.example/")));
        // Once shown, it is; its next page, while loading, still is (3-D Secure by redirect).
        assert_eq!(place_of(&r, &open_redirect), Place::Processor);
        let next = u("https://secure.2checkout.com/pay");
        let loading = place_while_loading(&Place::Processor, &r, &next);
        assert_eq!(loading, Place::Processor);
        assert!(bank_may_load(
            &r,
            &loading,
            &u("https://acs.bank.example/c")
        ));
        // From the bank, the processor's page again: not the processor's until shown.
        assert_eq!(place_while_loading(&bank, &r, &next), Place::Starting);
        // The bank, loading in the whole window (allowed only from a processor's page).
        assert_eq!(
            place_while_loading(&Place::Processor, &r, &u("https://acs.bank.example/c")),
            Place::Bank("acs.bank.example".into())
        );
        // The demo portal's bank is on loopback.
        let demo = request("http://127.0.0.1:4000/", &["127.0.0.1:4001"]);
        assert!(bank_may_load(
            &demo,
            &Place::Processor,
            &u("http://127.0.0.1:4003/acs/x")
        ));
        assert!(!bank_may_load(
            &demo,
            &Place::Processor,
            &u("http://10.0.0.1/acs/x")
        ));
    }
}
