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
}

impl CheckoutRequest {
    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
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
            return Ok(CheckoutRequest {
                method: form.method,
                url: form.url,
                fields: form.fields,
                allowed_domains: allowed,
                return_origin,
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
