//! Owns one signed-in conversation with a portal: the HTTP client with its own cookie jar, sign
//! in and its outcomes, second factor, password reset, and fetching pages, signing in again
//! once when the portal answers with the sign-in page.

use crate::error::{PortalError, Result};
use crate::model::*;
use crate::pages::{self, Captcha, PageKind, TwoFactorPage};
use chrono::NaiveDate;
use reqwest::redirect::Policy;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use url::Url;

/// The app's user agent, for its requests and for the sign-in window it opens (a portal may
/// tie a session to the browser that made it).
pub const USER_AGENT: &str = concat!("JitOpsBilling/", env!("CARGO_PKG_VERSION"));

/// Where a portal lives. Only `https`, or `http` on a loopback host (the demo portal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAddress {
    base: Url,
}

impl PortalAddress {
    pub fn parse(text: &str) -> Result<PortalAddress> {
        let mut text = text.trim().to_owned();
        if !text.contains("://") {
            text = format!("https://{text}");
        }
        let mut base =
            Url::parse(&text).map_err(|e| PortalError::InvalidPortalUrl(e.to_string()))?;
        let host = base
            .host_str()
            .ok_or_else(|| PortalError::InvalidPortalUrl("no host".into()))?
            .to_owned();
        // `https://user:pass@host/`: a password in an address would end up in settings, the
        // saved copy and exports. Refused, never stored.
        if !base.username().is_empty() || base.password().is_some() {
            return Err(PortalError::InvalidPortalUrl(
                "an address with a user name or password".into(),
            ));
        }
        match base.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            other => {
                return Err(PortalError::InvalidPortalUrl(format!(
                    "{other}:// is not allowed for {host}"
                )))
            }
        }
        // The client area lives in a folder; a link to a page in it resolves against the folder.
        let path = base.path().to_owned();
        if path.ends_with(".php") {
            let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            base.set_path(folder);
        } else if !path.ends_with('/') {
            base.set_path(&format!("{path}/"));
        }
        base.set_query(None);
        base.set_fragment(None);
        Ok(PortalAddress { base })
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    pub fn host(&self) -> &str {
        self.base.host_str().unwrap_or_default()
    }

    pub fn is_loopback(&self) -> bool {
        is_loopback(self.host())
    }

    /// One of WHMCS's classic entry points, which are stable whatever the URL settings.
    pub fn page(&self, entry: &str) -> Url {
        self.base.join(entry).expect("static entry point")
    }

    /// Whether `url` is this portal's site under its other usual name: `www.` added or taken
    /// away, over https on the same port (`jitops.com` sending to `www.jitops.com`).
    pub fn is_same_site(&self, url: &Url) -> bool {
        let (Some(ours), Some(theirs)) = (self.base.host_str(), url.host_str()) else {
            return false;
        };
        url.scheme() == "https"
            && url.port_or_known_default() == self.base.port_or_known_default()
            && url.username().is_empty()
            && (theirs.strip_prefix("www.") == Some(ours)
                || ours.strip_prefix("www.") == Some(theirs))
    }

    /// This address moved to `url`'s origin (its folder kept).
    fn moved_to(&self, url: &Url) -> PortalAddress {
        let mut base = self.base.clone();
        let _ = base.set_host(url.host_str());
        let _ = base.set_scheme(url.scheme());
        PortalAddress { base }
    }

    /// Whether a URL belongs to this portal (same scheme, host and port).
    pub fn owns(&self, url: &Url) -> bool {
        url.scheme() == self.base.scheme()
            && url.host_str() == self.base.host_str()
            && url.port_or_known_default() == self.base.port_or_known_default()
    }
}

pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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

/// What a sign-in attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    SignedIn,
    /// The portal wants a code; answer with [`Session::second_factor`].
    SecondFactor,
}

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
/// The largest invoice PDF the client reads.
const MAX_PDF_BYTES: usize = 50 * 1024 * 1024;

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

pub struct Session {
    address: PortalAddress,
    http: reqwest::Client,
    /// The session's cookies, kept apart so that a session made in the sign-in window can be
    /// handed over.
    cookies: Arc<reqwest::cookie::Jar>,
    credentials: Mutex<Option<Credentials>>,
    pending_two_factor: Mutex<Option<TwoFactorPage>>,
    /// The portal's date format, learned from its invoice list (see `invoices`).
    date_format: std::sync::Mutex<Option<&'static str>>,
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
        let portal_host = address.host().to_owned();
        // Redirects are followed only within the portal: a hop elsewhere (the processor) is the
        // caller's to decide.
        let policy = Policy::custom(move |attempt| {
            if attempt.previous().len() >= 10 {
                attempt.error("too many redirects")
            } else if attempt.url().host_str() == Some(portal_host.as_str()) {
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

    /// Signs in with an e-mail and password, and keeps them for signing in again when the
    /// session expires.
    pub async fn sign_in(&self, credentials: Credentials, remember_me: bool) -> Result<SignIn> {
        let start = self.get_raw(self.address.page("clientarea.php")).await?;
        let login = match pages::classify(&start.html, &start.url)? {
            PageKind::Login(login) => login,
            PageKind::ClientArea => {
                // Already signed in (a cookie from earlier): sign out first so that the
                // account is the one asked for.
                self.get_raw(self.address.page("logout.php")).await?;
                let again = self.get_raw(self.address.page("clientarea.php")).await?;
                match pages::classify(&again.html, &again.url)? {
                    PageKind::Login(login) => login,
                    other => return Err(self.unexpected_kind(&again.url, other)),
                }
            }
            other => return Err(self.unexpected_kind(&start.url, other)),
        };
        // Only a person can answer a captcha: the form is not posted (WHMCS would count a
        // refused sign-in), the person signs in in the portal's own page instead.
        if login.captcha != Captcha::None {
            return Err(PortalError::CaptchaRequired);
        }
        let mut form = login.form;
        form.set("username", &credentials.email);
        form.set(
            "password",
            secrecy::ExposeSecret::expose_secret(&credentials.password),
        );
        if remember_me {
            form.set("rememberme", "on");
        } else {
            form.remove("rememberme");
        }
        let answer = self.submit(&form).await?;
        let kind = pages::classify(&answer.html, &answer.url)?;
        if let PageKind::TwoFactor(tf) = &kind {
            *self.pending_two_factor.lock().await = Some(tf.clone());
        }
        let outcome = self.after_sign_in_kind(kind, &answer.url)?;
        *self.credentials.lock().await = Some(credentials);
        Ok(outcome)
    }

    fn after_sign_in_kind(&self, kind: PageKind, url: &Url) -> Result<SignIn> {
        match kind {
            PageKind::ClientArea => Ok(SignIn::SignedIn),
            PageKind::Login(page) => {
                if page.captcha != Captcha::None {
                    Err(PortalError::CaptchaRequired)
                } else {
                    Err(PortalError::WrongCredentials)
                }
            }
            PageKind::TwoFactor(_) => Ok(SignIn::SecondFactor),
            PageKind::Banned { reason } => Err(PortalError::Banned { reason }),
            PageKind::NewBackupCode(_) | PageKind::Other => Err(PortalError::unexpected(
                url,
                "the client area after sign-in",
            )),
        }
    }

    fn unexpected_kind(&self, url: &Url, kind: PageKind) -> PortalError {
        match kind {
            PageKind::Banned { reason } => PortalError::Banned { reason },
            _ => PortalError::unexpected(url, "the sign-in page"),
        }
    }

    /// Answers the second-factor challenge with a 6-digit code, or a backup code. After a
    /// backup code the portal shows the new one once: it is answered, for the person to keep.
    pub async fn second_factor(&self, code: &str, backup: bool) -> Result<Option<String>> {
        let pending = self
            .pending_two_factor
            .lock()
            .await
            .clone()
            .ok_or(PortalError::SessionExpired)?;
        let form = if backup {
            pending.backup.map(|mut f| {
                f.set("twofabackupcode", code.trim());
                f
            })
        } else {
            pending.challenge.map(|mut f| {
                f.set("key", code.trim());
                f
            })
        }
        .ok_or(PortalError::SecondFactorRequired)?;
        let answer = self.submit(&form).await?;
        match pages::classify(&answer.html, &answer.url)? {
            PageKind::ClientArea => {
                *self.pending_two_factor.lock().await = None;
                Ok(None)
            }
            PageKind::NewBackupCode(new_code) => {
                *self.pending_two_factor.lock().await = None;
                Ok(Some(new_code))
            }
            PageKind::TwoFactor(tf) => {
                *self.pending_two_factor.lock().await = Some(tf);
                Err(PortalError::WrongSecondFactor)
            }
            PageKind::Login(_) => Err(PortalError::SessionExpired),
            PageKind::Banned { reason } => Err(PortalError::Banned { reason }),
            PageKind::Other => Err(PortalError::unexpected(&answer.url, "the client area")),
        }
    }

    /// Asks the portal to e-mail a password-reset link. Ok(message) when it says it sent one.
    pub async fn request_password_reset(&self, email: &str) -> Result<String> {
        let start = self.get_raw(self.address.page("clientarea.php")).await?;
        let link = pages::forgot_password_link(&start.html, &start.url)
            .unwrap_or_else(|| self.address.page("index.php?rp=/password/reset"));
        let page = self.get_raw(link).await?;
        let mut form = pages::parse_reset_form(&page.html, &page.url)?;
        form.set("email", email);
        let answer = self.submit(&form).await?;
        match pages::parse_reset_result(&answer.html, &answer.url)? {
            Ok(message) => Ok(message),
            Err(message) => Err(PortalError::Refused(message)),
        }
    }

    pub async fn sign_out(&self) -> Result<()> {
        *self.credentials.lock().await = None;
        self.get_raw(self.address.page("logout.php")).await?;
        Ok(())
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
        let page = scanned(self.get_raw(url.clone()).await?);
        if !page.scan.is_some_and(|s| s.sign_in_form) {
            return Ok((page, false));
        }
        if !may_sign_in {
            return Err(PortalError::SessionExpired);
        }
        let credentials = self.credentials.lock().await.clone();
        let Some(credentials) = credentials else {
            return Err(PortalError::SessionExpired);
        };
        match self.sign_in(credentials, false).await {
            Ok(SignIn::SignedIn) => {}
            Ok(SignIn::SecondFactor) => {
                *self.credentials.lock().await = None;
                return Err(PortalError::SecondFactorRequired);
            }
            Err(e) => {
                // Kept only when the portal could not be asked (it may accept them later).
                if !matches!(
                    e,
                    PortalError::Unreachable(_)
                        | PortalError::Timeout
                        | PortalError::HttpStatus { .. }
                ) {
                    *self.credentials.lock().await = None;
                }
                return Err(match e {
                    PortalError::WrongCredentials => PortalError::SessionExpired,
                    other => other,
                });
            }
        }
        let page = scanned(self.get_raw(url).await?);
        if page.scan.is_some_and(|s| s.sign_in_form) {
            return Err(PortalError::SessionExpired);
        }
        Ok((page, true))
    }

    pub async fn dashboard(&self) -> Result<Dashboard> {
        let page = self.get(self.address.page("clientarea.php")).await?;
        parse_off_thread(page, pages::parse_dashboard).await
    }

    pub async fn invoices(&self) -> Result<Vec<InvoiceSummary>> {
        let page = self
            .get(self.address.page("clientarea.php?action=invoices"))
            .await?;
        let (list, format) = parse_off_thread(page, pages::parse_invoice_list_and_format).await?;
        if format.is_some() {
            *self.date_format.lock().unwrap_or_else(|e| e.into_inner()) = format;
        }
        Ok(list)
    }

    pub async fn invoice(&self, id: u64) -> Result<InvoiceDetail> {
        Ok(self.invoice_with(id, true).await?.0)
    }

    /// Takes over a session the person made in the portal's own sign-in page (in a window of
    /// the app, for a captcha): its cookies, as that window holds them for the portal.
    pub fn adopt_cookies(&self, cookies: &[(String, String)]) {
        let url = self.address.base();
        for (name, value) in cookies {
            self.cookies
                .add_cookie_str(&format!("{name}={value}; Path=/"), url);
        }
    }

    /// Whether this session is signed in, and as whom: the e-mail of the profile page's
    /// form (`clientarea.php?action=details`, its `email` field). None when signed out.
    pub async fn signed_in_email(&self) -> Result<Option<String>> {
        let page = scanned(
            self.get_raw(self.address.page("clientarea.php?action=details"))
                .await?,
        );
        if page.scan.is_some_and(|s| s.sign_in_form) {
            return Ok(None);
        }
        parse_off_thread(page, |html, url| Ok(pages::profile_email(html, url))).await
    }

    /// [`Session::invoice`] with the sign-in again allowed or not, answering whether it signed
    /// in again (the payment tracker allows itself one).
    pub async fn invoice_with(&self, id: u64, may_sign_in: bool) -> Result<(InvoiceDetail, bool)> {
        let (page, signed_in) = self
            .get_with(
                self.address.page(&format!("viewinvoice.php?id={id}")),
                may_sign_in,
            )
            .await?;
        let read = parse_off_thread(page, move |html, url| {
            pages::parse_invoice_page(html, url, id)
        })
        .await?;
        let mut detail = read.detail;
        self.date_transactions(&mut detail.transactions);
        if read.paid_or_pending {
            // The page draws Paid and Payment Pending alike: the list's status class tells
            // them apart in any language. Not listed (yet): Payment Pending, the side that
            // keeps a person from paying twice without telling them it is paid.
            let list = self
                .get_with(self.address.page("clientarea.php?action=invoices"), false)
                .await?
                .0;
            let listed = parse_off_thread(list, pages::parse_invoice_list).await?;
            detail.status = listed
                .iter()
                .find(|row| row.id == id)
                .map(|row| row.status)
                .filter(|s| matches!(s, InvoiceStatus::Paid | InvoiceStatus::PaymentPending))
                .unwrap_or(InvoiceStatus::PaymentPending);
        }
        Ok((detail, signed_in))
    }

    /// The transactions an invoice's page lists (payments, and refunds as negative amounts),
    /// their dates read with the format the portal's list showed, and the credit applied to it
    /// (a totals row, without a date). Lighter than
    /// [`Session::invoice`]: the status is not asked of the list (a statement reads hundreds).
    pub async fn invoice_transactions(
        &self,
        id: u64,
    ) -> Result<(Vec<Transaction>, Option<crate::Money>)> {
        let page = self
            .get(self.address.page(&format!("viewinvoice.php?id={id}")))
            .await?;
        let read = parse_off_thread(page, move |html, url| {
            pages::parse_invoice_page(html, url, id)
        })
        .await?;
        let credit = read.detail.credit_applied().cloned();
        let mut transactions = read.detail.transactions;
        self.date_transactions(&mut transactions);
        Ok((transactions, credit))
    }

    /// A transaction's date is written in the portal's format: read with the one its list
    /// showed (language-free: learned from dates shown beside their ISO form).
    fn date_transactions(&self, transactions: &mut [Transaction]) {
        let format = *self.date_format.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(format) = format {
            for t in transactions {
                t.paid_on = NaiveDate::parse_from_str(t.date.trim(), format).ok();
            }
        }
    }

    /// The invoice's PDF, checked to be one.
    pub async fn invoice_pdf(&self, id: u64) -> Result<Vec<u8>> {
        self.pdf(self.address.page(&format!("dl.php?type=i&id={id}")))
            .await
    }

    /// A document of the portal's `dl.php` (an invoice's or a quote's), checked to be a PDF.
    pub(crate) async fn pdf(&self, url: Url) -> Result<Vec<u8>> {
        let response = self.http.get(url.clone()).send().await?;
        if !response.status().is_success() {
            return Err(PortalError::HttpStatus {
                status: response.status().as_u16(),
                url,
            });
        }
        let body = read_capped(response, MAX_PDF_BYTES)
            .await?
            .ok_or(PortalError::NotPdf)?;
        if body.starts_with(b"%PDF-") {
            Ok(body)
        } else if pages::is_login_page(&String::from_utf8_lossy(&body)) {
            Err(PortalError::SessionExpired)
        } else {
            Err(PortalError::NotPdf)
        }
    }

    /// The portal's mass-payment form for all unpaid invoices.
    pub async fn mass_pay_form(&self) -> Result<(FormRequest, Vec<u64>)> {
        let page = self
            .get(self.address.page("clientarea.php?action=masspay&all=true"))
            .await?;
        pages::parse_mass_pay(&page.html, &page.url)
    }

    /// The payment methods the portal's mass payment offers.
    pub async fn mass_pay_methods(&self) -> Result<Vec<PaymentMethod>> {
        let page = self
            .get(self.address.page("clientarea.php?action=masspay&all=true"))
            .await?;
        pages::mass_pay_methods(&page.html, &page.url)
    }

    /// Switches the invoice to another of the payment methods its page offers (the portal's
    /// own form), and reads the invoice again: its payment area is the new method's.
    pub async fn change_payment_method(&self, id: u64, value: &str) -> Result<InvoiceDetail> {
        let detail = self.invoice(id).await?;
        if !detail.payment_methods.iter().any(|m| m.value == value) {
            return Err(PortalError::PaymentNotOffered);
        }
        let mut form = detail
            .payment_method_form
            .ok_or(PortalError::PaymentNotOffered)?;
        form.set("gateway", value);
        self.submit(&form).await?;
        self.invoice(id).await
    }

    /// Applies `amount` of the account's credit through the "Apply Credit" form of `invoice` (as
    /// just read), then answers the invoice as the portal shows it afterwards (whether the
    /// credit went in is for the caller to read there: a portal that refuses changes nothing).
    pub async fn apply_credit(
        &self,
        invoice: &InvoiceDetail,
        amount: rust_decimal::Decimal,
    ) -> Result<InvoiceDetail> {
        let mut form = invoice
            .credit_offer
            .as_ref()
            .map(|offer| offer.form.clone())
            .ok_or(PortalError::PaymentNotOffered)?;
        // The portal reads a plain decimal with a point, two places.
        form.set("creditamount", &format!("{:.2}", amount.round_dp(2)));
        self.submit(&form).await?;
        self.invoice(invoice.id).await
    }

    /// The "Add Funds" page: its limits and methods.
    pub async fn add_funds_page(&self) -> Result<AddFundsPage> {
        let page = self
            .get(self.address.page("clientarea.php?action=addfunds"))
            .await?;
        parse_off_thread(page, pages::parse_add_funds)
            .await?
            .map_err(PortalError::Refused)
    }

    /// Adds funds the portal's way, through the form of `page` (as just read): it makes an
    /// invoice for `amount`, paid with `method` (one the page offers); answers that invoice's
    /// id, from the page the portal goes to. A refusal is the portal's own words.
    pub async fn add_funds(
        &self,
        page: AddFundsPage,
        amount: rust_decimal::Decimal,
        method: &str,
    ) -> Result<u64> {
        if !page.methods.iter().any(|m| m.value == method) {
            return Err(PortalError::PaymentNotOffered);
        }
        let mut form = page.form;
        form.set("amount", &format!("{:.2}", amount.round_dp(2)));
        form.set("paymentmethod", method);
        let page = self.submit(&form).await?;
        if let Some(id) = invoice_shown(&page.url) {
            return Ok(id);
        }
        match pages::parse_add_funds(&page.html, &page.url)? {
            Err(refusal) => Err(PortalError::Refused(refusal)),
            Ok(_) => Err(PortalError::unexpected(&page.url, "the new invoice")),
        }
    }

    /// Pays several invoices at once the portal's way: its mass-payment form, with only `ids`
    /// kept, makes one combined invoice, whose page (with its payment buttons) is answered.
    /// Refused unless every id is one the form offers.
    pub async fn mass_payment(&self, ids: &[u64], method: Option<&str>) -> Result<InvoiceDetail> {
        let page = self
            .get(self.address.page("clientarea.php?action=masspay&all=true"))
            .await?;
        let (mut form, offered) = pages::parse_mass_pay(&page.html, &page.url)?;
        let methods = pages::mass_pay_methods(&page.html, &page.url)?;
        if ids.is_empty() || ids.iter().any(|id| !offered.contains(id)) {
            return Err(PortalError::PaymentNotOffered);
        }
        // The stock page checks no method: the one the person chose is posted, and only one
        // the page offers (with one method only, that one).
        let chosen = match method {
            Some(m) => methods.iter().find(|x| x.value == m),
            None if methods.len() == 1 => methods.first(),
            None => None,
        };
        match chosen {
            Some(m) => form.set("paymentmethod", &m.value),
            None if methods.is_empty() => {}
            None => return Err(PortalError::PaymentNotOffered),
        }
        form.fields.retain(|(name, _)| name != "invoiceids[]");
        form.fields.extend(
            ids.iter()
                .map(|id| ("invoiceids[]".to_owned(), id.to_string())),
        );
        let answer = self.submit(&form).await?;
        // The combined invoice's id is in the address the portal sent us to.
        let id = answer
            .url
            .query_pairs()
            .find(|(k, _)| k == "id")
            .and_then(|(_, v)| v.parse().ok())
            .filter(|_| answer.url.path().ends_with("viewinvoice.php"))
            .ok_or_else(|| PortalError::unexpected(&answer.url, "the combined invoice"))?;
        pages::parse_invoice(&answer.html, &answer.url, id)
    }
}

/// How long reading one page may take. Parsing is linear (the nesting guard refuses what the
/// tree builder would take quadratic time over), so a billing page takes milliseconds; past
/// this the page is given up on rather than the app waiting on it.
const PARSE_BUDGET: Duration = Duration::from_secs(5);

/// The page with its one tokenizer pass (whether it is the sign-in page, how deep it nests).
fn scanned(mut page: Page) -> Page {
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
/// tracker and every other request run), within [`PARSE_BUDGET`].
pub(crate) async fn parse_off_thread<T: Send + 'static>(
    page: Page,
    parse: impl FnOnce(&str, &Url) -> Result<T> + Send + 'static,
) -> Result<T> {
    let url = page.url.clone();
    let work = tokio::task::spawn_blocking(move || match page.scan {
        Some(scan) => {
            crate::depth::with_known_scan(&page.html, scan, || parse(&page.html, &page.url))
        }
        None => parse(&page.html, &page.url),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_accept_https_and_loopback_http_only() {
        let a = PortalAddress::parse("https://jitops.com/clientarea.php").unwrap();
        assert_eq!(a.base().as_str(), "https://jitops.com/");
        assert_eq!(
            a.page("viewinvoice.php?id=3").as_str(),
            "https://jitops.com/viewinvoice.php?id=3"
        );
        let b = PortalAddress::parse("jitops.com/billing").unwrap();
        assert_eq!(b.base().as_str(), "https://jitops.com/billing/");
        assert!(PortalAddress::parse("http://127.0.0.1:8080/").is_ok());
        assert!(PortalAddress::parse("http://localhost:8080/").is_ok());
        assert!(matches!(
            PortalAddress::parse("http://jitops.com/"),
            Err(PortalError::InvalidPortalUrl(_))
        ));
        assert!(PortalAddress::parse("ftp://jitops.com/").is_err());
        for with_credentials in [
            "https://user:pass@jitops.com/",
            "https://user@jitops.com/",
            "user:secret@jitops.com",
        ] {
            let refused = PortalAddress::parse(with_credentials);
            assert!(
                matches!(&refused, Err(PortalError::InvalidPortalUrl(why)) if !why.contains("secret")),
                "{with_credentials}: {refused:?}"
            );
        }
        assert!(PortalAddress::parse("https://").is_err());
    }

    #[test]
    fn credentials_debug_hides_the_password() {
        let c = Credentials {
            email: "a@b.c".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn owns_compares_origin() {
        let a = PortalAddress::parse("http://127.0.0.1:8080/").unwrap();
        assert!(a.owns(&Url::parse("http://127.0.0.1:8080/x.php").unwrap()));
        assert!(!a.owns(&Url::parse("http://127.0.0.1:8081/x.php").unwrap()));
    }
}
