//! Owns one conversation with a portal: the HTTP client with its own cookie jar, fetching its
//! pages (capped in size, parsed off the async threads within a budget) and sending its forms
//! (only to the portal's origin), signing in again once when the portal answers with the
//! sign-in page. Signing in lives in `sign_in_session`, the billing pages in `billing_session`,
//! quotes in `quote_session`.

pub use crate::address::{is_loopback, PortalAddress};
use crate::error::{PortalError, Result};
use crate::model::*;
use crate::pages::TwoFactorPage;
use chrono::NaiveDate;
use reqwest::redirect::Policy;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use url::Url;

/// The app's user agent, for its requests and for the sign-in window it opens (a portal may
/// tie a session to the browser that made it).
pub const USER_AGENT: &str = concat!("JitOpsBilling/", env!("CARGO_PKG_VERSION"));

/// A fetched page: its final URL (after redirects) and its text.
#[derive(Debug, Clone)]
pub struct Page {
    pub url: Url,
    pub html: String,
    /// The tokenizer's pass over it made by the sign-in check, reused by the depth guard.
    pub scan: Option<crate::depth::PageScan>,
}

/// The largest portal page the client reads. The 2,000-invoice list is about 1.5 MB; a page
/// beyond this is refused rather than held in memory and parsed.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// The body of `response`, or None when it is longer than `limit` (reading stops there).
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Option<Vec<u8>>> {
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Ok(None);
    }
    let mut body = vec![];
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    /// Held as a secret: never in a log, wiped from memory when dropped.
    pub password: secrecy::SecretString,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password never reaches a log through Debug.
        f.debug_struct("Credentials")
            .field("email", &self.email)
            .field("password", &"<hidden>")
            .finish()
    }
}

pub struct Session {
    pub(crate) address: PortalAddress,
    http: reqwest::Client,
    /// The session's cookies, kept apart so that a session made in the sign-in window can be
    /// handed over.
    pub(crate) cookies: Arc<reqwest::cookie::Jar>,
    pub(crate) credentials: Mutex<Option<Credentials>>,
    pub(crate) pending_two_factor: Mutex<Option<TwoFactorPage>>,
    /// The portal's date format, learned from its invoice list (see `invoices`).
    pub(crate) date_format: std::sync::Mutex<Option<&'static str>>,
    /// One sign-in again at a time, and the last one's refusal (None: it signed in).
    /// Callers that found the session expired wait here; one that finds a sign-in made since
    /// it asked shares that sign-in's outcome instead of making another (a second would end
    /// the session the first just made).
    pub(crate) signing_in: Mutex<Option<PortalError>>,
    /// How many sign-ins again were made: read without waiting by every page fetch (written
    /// only while `signing_in` is held).
    pub(crate) sign_ins_made: AtomicU64,
}

#[derive(Debug, Clone)]
pub struct SessionOptions {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Fixed addresses for host names, like curl's `--resolve` (a portal on split DNS; the
    /// transport tests' loopback server with a real name). Certificates are still checked
    /// against the name.
    pub resolve: Vec<(String, std::net::SocketAddr)>,
    /// Certificates (DER) trusted beside the system's (the transport tests' own authority).
    pub root_certificates: Vec<Vec<u8>>,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            resolve: vec![],
            root_certificates: vec![],
        }
    }
}

/// A client for the portal with `options` (fixed addresses, extra trusted certificates,
/// timeouts), the app's user agent and `redirects`.
fn client_builder(options: &SessionOptions, redirects: Policy) -> Result<reqwest::ClientBuilder> {
    let mut builder = reqwest::Client::builder();
    for (host, addr) in &options.resolve {
        builder = builder.resolve(host, *addr);
    }
    for der in &options.root_certificates {
        let cert = reqwest::Certificate::from_der(der)
            .map_err(|e| PortalError::Unreachable(e.to_string()))?;
        builder = builder.add_root_certificate(cert);
    }
    Ok(builder
        .user_agent(USER_AGENT)
        .redirect(redirects)
        .timeout(options.timeout)
        .connect_timeout(options.connect_timeout))
}

/// The portal's address as it answers: a portal that sends its visitors to the same site under
/// its other name (`jitops.com` to `www.jitops.com`) is followed there, and that origin is the
/// portal's from then on. A redirect anywhere else is not followed.
pub async fn settle(address: PortalAddress, options: &SessionOptions) -> Result<PortalAddress> {
    if address.is_loopback() {
        return Ok(address);
    }
    let start = address.clone();
    let policy = Policy::custom(move |attempt| {
        if attempt.previous().len() >= 10 {
            attempt.error("too many redirects")
        } else if start.owns(attempt.url()) || start.is_same_site(attempt.url()) {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    let probe = client_builder(options, policy)?
        .https_only(true)
        .build()
        .map_err(|e| PortalError::Unreachable(e.to_string()))?;
    let response = probe.get(address.page("clientarea.php")).send().await?;
    let landed = response.url().clone();
    Ok(if address.is_same_site(&landed) {
        address.moved_to(&landed)
    } else {
        address
    })
}

impl Session {
    pub fn new(address: PortalAddress) -> Result<Arc<Session>> {
        Session::with_options(address, SessionOptions::default())
    }

    pub fn with_options(address: PortalAddress, options: SessionOptions) -> Result<Arc<Session>> {
        let portal = address.clone();
        // Redirects are followed only within the portal's origin (scheme, host and port): a
        // hop elsewhere (the processor) is the caller's to decide, and a 307 or 308 never posts
        // a body (a password) again to another origin, not even another port of its host.
        let policy = Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                attempt.error("too many redirects")
            } else if portal.owns(attempt.url()) {
                attempt.follow()
            } else {
                attempt.stop()
            }
        });
        let cookies = Arc::new(reqwest::cookie::Jar::default());
        let http = client_builder(&options, policy)?
            .cookie_provider(cookies.clone())
            .https_only(!address.is_loopback())
            .build()
            .map_err(|e| PortalError::Unreachable(e.to_string()))?;
        Ok(Arc::new(Session {
            address,
            http,
            cookies,
            credentials: Mutex::new(None),
            pending_two_factor: Mutex::new(None),
            date_format: std::sync::Mutex::new(None),
            signing_in: Mutex::new(None),
            sign_ins_made: AtomicU64::new(0),
        }))
    }

    pub fn address(&self) -> &PortalAddress {
        &self.address
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    async fn read(&self, response: reqwest::Response) -> Result<Page> {
        let url = response.url().clone();
        let status = response.status();
        if status.is_server_error() || status == reqwest::StatusCode::FORBIDDEN {
            return Err(PortalError::HttpStatus {
                status: status.as_u16(),
                url,
            });
        }
        let body = read_capped(response, MAX_PAGE_BYTES)
            .await?
            .ok_or_else(|| PortalError::PageTooLarge { url: url.clone() })?;
        // WHMCS serves UTF-8; a page with broken bytes is read with replacement characters
        // rather than refused, so the parsers decide whether it still makes sense.
        let html = String::from_utf8_lossy(&body).into_owned();
        Ok(Page {
            url,
            html,
            scan: None,
        })
    }

    /// GET a URL of this portal as it is, without any sign-in retry.
    pub async fn get_raw(&self, url: Url) -> Result<Page> {
        if !self.address.owns(&url) {
            return Err(PortalError::unexpected(&url, "a page of the portal"));
        }
        let response = self.http.get(url).send().await?;
        self.read(response).await
    }

    /// Sends a form of a portal page: only to the portal's own origin. A page whose sign-in,
    /// second-factor, reset or mass-payment form names another site (or plain http on a
    /// loopback portal's other port) would have the e-mail, password or code sent there.
    pub async fn submit(&self, form: &FormRequest) -> Result<Page> {
        if !self.address.owns(&form.url) {
            return Err(PortalError::ForeignForm {
                host: form
                    .url
                    .host_str()
                    .map(|h| match form.url.port() {
                        Some(p) => format!("{h}:{p}"),
                        None => h.to_owned(),
                    })
                    .unwrap_or_else(|| form.url.scheme().to_owned()),
            });
        }
        let request = match form.method {
            HttpMethod::Post => self.http.post(form.url.clone()).form(&form.fields),
            HttpMethod::Get => self.http.get(form.url.clone()).query(&form.fields),
        };
        let response = request.send().await?;
        self.read(response).await
    }

    /// GET a portal page; when the portal answers with the sign-in page the session has
    /// expired: sign in again once with the kept credentials, then retry.
    pub async fn get(&self, url: Url) -> Result<Page> {
        Ok(self.get_with(url, true).await?.0)
    }

    /// [`Session::get`], with the sign-in again allowed or not (a caller that already used its
    /// one sign-in says no); answers whether it signed in again. A sign-in the portal refuses
    /// (password changed on the website, a second factor, a captcha, a ban) forgets the kept
    /// credentials: nothing posts them again without the person, or WHMCS would ban the address.
    pub async fn get_with(&self, url: Url, may_sign_in: bool) -> Result<(Page, bool)> {
        let made_before = self.sign_ins_made.load(Ordering::Acquire);
        let page = scanned(self.get_raw(url.clone()).await?);
        if !page.scan.is_some_and(|s| s.sign_in_form) {
            return Ok((page, false));
        }
        if !may_sign_in {
            return Err(PortalError::SessionExpired);
        }
        {
            let mut refused = self.signing_in.lock().await;
            if self.sign_ins_made.load(Ordering::Acquire) == made_before {
                *refused = self.sign_in_again().await.err();
                self.sign_ins_made.fetch_add(1, Ordering::AcqRel);
            }
            // Made by this caller or by another meanwhile: its outcome is shared.
            if let Some(refused) = refused.as_ref() {
                return Err(refused.clone());
            }
        }
        let page = scanned(self.get_raw(url).await?);
        if page.scan.is_some_and(|s| s.sign_in_form) {
            return Err(PortalError::SessionExpired);
        }
        Ok((page, true))
    }
}

const PARSE_BUDGET: Duration = Duration::from_secs(5);

/// The page with its one tokenizer pass (whether it is the sign-in page, how deep it nests).
pub(crate) fn scanned(mut page: Page) -> Page {
    page.scan = Some(crate::depth::scan(&page.html));
    page
}

/// The invoice a page is, when the portal went to one (`viewinvoice.php?id=N`) after a form.
pub(crate) fn invoice_shown(url: &Url) -> Option<u64> {
    if !url.path().ends_with("viewinvoice.php") {
        return None;
    }
    url.query_pairs()
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| v.parse().ok())
}

/// Parses `page` on a blocking thread (never on the async runtime's threads, where the
/// tracker and every other request run), within [`PARSE_BUDGET`]: a reading past it is
/// answered as a page too large, and stops.
pub(crate) async fn parse_off_thread<T: Send + 'static>(
    page: Page,
    parse: impl FnOnce(&str, &Url) -> Result<T> + Send + 'static,
) -> Result<T> {
    let url = page.url.clone();
    // The reading itself stops at the budget (a tree is built in steps that look at it), so a
    // page given up on does not keep the thread and its memory.
    let deadline = std::time::Instant::now() + PARSE_BUDGET;
    let work = tokio::task::spawn_blocking(move || {
        crate::parse_budget::with_deadline(deadline, || match page.scan {
            Some(scan) => {
                crate::depth::with_known_scan(&page.html, scan, || parse(&page.html, &page.url))
            }
            None => parse(&page.html, &page.url),
        })
    });
    match tokio::time::timeout(PARSE_BUDGET, work).await {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(_)) => Err(PortalError::unexpected(&url, "a page the app can read")),
        Err(_) => Err(PortalError::PageTooLarge { url }),
    }
}

/// Today's date at the portal, for deriving "overdue". The local date is used: WHMCS compares
/// due dates with its own date, which for a customer's portal is at most a day away.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
