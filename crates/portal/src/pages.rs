//! Owns reading the client area's pages: pure functions from HTML (and the URL it came from) to
//! what the page says, for both stock themes ("twenty-one" and "six").
//!
//! Forms and links are always read from the page and resolved against its URL: a portal's routes
//! depend on its "friendly URL" setting, so none is guessed.

use crate::error::{PortalError, Result};
use crate::model::*;
use crate::money::{currency_in, money_in_sentence, Money, UNKNOWN_CURRENCY};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;
use url::Url;

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

// Selectors asked of every row of a long list: parsed once, not per row.
static SPAN: LazyLock<Selector> = LazyLock::new(|| sel("span"));
static STATUS_LABEL: LazyLock<Selector> = LazyLock::new(|| sel("span.status, span.label"));
static INVOICE_LINK: LazyLock<Selector> = LazyLock::new(|| sel("a[href*='viewinvoice.php']"));

fn text_of(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a form as a browser would submit it with its default values: hidden and text
/// inputs, checked boxes, selected options. Submit buttons are left out.
pub fn read_form(form: ElementRef<'_>, page_url: &Url) -> Result<FormRequest> {
    let action = form.value().attr("action").unwrap_or("").trim();
    let url = if action.is_empty() {
        page_url.clone()
    } else {
        page_url
            .join(action)
            .map_err(|_| PortalError::unexpected(page_url, format!("a form action {action:?}")))?
    };
    // A form is only ever sent over the web: `javascript:`, `data:` and the like are refused
    // here, before any window could be asked to open them.
    if !matches!(url.scheme(), "https" | "http") {
        let what: String = action.chars().take(40).collect();
        return Err(PortalError::unexpected(
            page_url,
            format!("a web address as form action, not {what:?}"),
        ));
    }
    let method = match form.value().attr("method").map(str::to_ascii_lowercase) {
        Some(m) if m == "post" => HttpMethod::Post,
        _ => HttpMethod::Get,
    };
    let mut fields = vec![];
    for input in form.select(&sel("input[name]")) {
        let v = input.value();
        let name = v.attr("name").unwrap_or_default().to_owned();
        let kind = v.attr("type").unwrap_or("text").to_ascii_lowercase();
        match kind.as_str() {
            "submit" | "button" | "image" | "reset" | "file" => continue,
            "checkbox" | "radio" if v.attr("checked").is_none() => continue,
            _ => {}
        }
        fields.push((name, v.attr("value").unwrap_or_default().to_owned()));
    }
    for select in form.select(&sel("select[name]")) {
        let name = select.value().attr("name").unwrap_or_default().to_owned();
        let options: Vec<_> = select.select(&sel("option")).collect();
        let chosen = options
            .iter()
            .find(|o| o.value().attr("selected").is_some())
            .or(options.first());
        if let Some(o) = chosen {
            let value = o
                .value()
                .attr("value")
                .map(str::to_owned)
                .unwrap_or_else(|| text_of(*o));
            fields.push((name, value));
        }
    }
    for area in form.select(&sel("textarea[name]")) {
        let name = area.value().attr("name").unwrap_or_default().to_owned();
        fields.push((name, area.text().collect()));
    }
    Ok(FormRequest {
        method,
        url,
        fields,
    })
}

impl FormRequest {
    pub fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value.to_owned(),
            None => self.fields.push((name.to_owned(), value.to_owned())),
        }
    }

    pub fn remove(&mut self, name: &str) {
        self.fields.retain(|(n, _)| n != name);
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What kind of page the portal answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Login(LoginPage),
    TwoFactor(TwoFactorPage),
    /// After a backup code: WHMCS used it up and shows the new one, only on this page
    /// (`two-factor-new-backup-code.tpl`). The person is signed in.
    NewBackupCode(String),
    Banned {
        reason: Option<String>,
    },
    ClientArea,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginPage {
    pub form: FormRequest,
    /// The danger alert's text ("Login Details Incorrect…").
    pub error: Option<String>,
    pub captcha: Captcha,
}

/// The captcha a sign-in form carries, in each form WHMCS's `includes/captcha.tpl` renders.
/// Only a person can answer any of them: the app never posts such a form itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Captcha {
    None,
    /// WHMCS's built-in image captcha (`img#inputCaptchaImage` and a `code` field).
    Image,
    /// A box a provider's script fills: reCAPTCHA v2 (`.recaptcha-container`, or the older
    /// `.g-recaptcha` with a site key), hCaptcha, Turnstile.
    Widget,
    /// No box at all: invisible reCAPTCHA or v3 (the button carries `btn-recaptcha`, the
    /// provider's script is in the head).
    Invisible,
}

/// The hosts a captcha provider's scripts and frames come from: the sign-in window allows them
/// beside the portal.
pub const CAPTCHA_PROVIDER_HOSTS: &[&str] = &[
    "www.google.com",
    "www.gstatic.com",
    "www.recaptcha.net",
    "recaptcha.net",
    "hcaptcha.com",
    "js.hcaptcha.com",
    "newassets.hcaptcha.com",
    "challenges.cloudflare.com",
];

/// Which captcha, if any, a sign-in page asks for.
fn captcha_of(doc: &Html, form: ElementRef<'_>) -> Captcha {
    let boxed = ".recaptcha-container, .g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], #google-recaptcha-domainchecker";
    if doc.select(&sel(boxed)).next().is_some() {
        return Captcha::Widget;
    }
    let button_says = form
        .select(&sel("button, input[type=submit]"))
        .any(|b| b.value().classes().any(|c| c.starts_with("btn-recaptcha")));
    let provider_script = doc.select(&sel("script[src]")).any(|s| {
        let src = s.value().attr("src").unwrap_or_default();
        [
            "recaptcha/api.js",
            "recaptcha/enterprise.js",
            "hcaptcha.com",
            "turnstile",
        ]
        .iter()
        .any(|p| src.contains(p))
    });
    if button_says || provider_script {
        return Captcha::Invisible;
    }
    if form
        .select(&sel("input[name=code], img#inputCaptchaImage"))
        .next()
        .is_some()
        || doc.select(&sel("img#inputCaptchaImage")).next().is_some()
    {
        return Captcha::Image;
    }
    Captcha::None
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactorPage {
    pub challenge: Option<FormRequest>,
    pub backup: Option<FormRequest>,
    pub incorrect: bool,
}

fn login_form(doc: &Html) -> Option<ElementRef<'_>> {
    doc.select(&sel("form.login-form")).next().or_else(|| {
        doc.select(&sel("form")).find(|f| {
            f.select(&sel("input[name=password]")).next().is_some()
                && f.select(&sel("input[name=username]")).next().is_some()
        })
    })
}

/// Whether a person sees the element: neither it nor a parent is hidden (`hidden`, the
/// themes' `w-hidden`/`hidden`/`d-none` classes, `display: none`) or inside a dialog that is
/// closed until a script opens it (`.modal`).
fn is_shown(el: ElementRef<'_>) -> bool {
    let mut node = Some(el);
    while let Some(e) = node {
        let v = e.value();
        if v.attr("hidden").is_some()
            || v.classes()
                .any(|c| matches!(c, "w-hidden" | "hidden" | "d-none" | "modal" | "collapse"))
            || v.attr("style").is_some_and(|s| {
                let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                s.to_ascii_lowercase().contains("display:none")
            })
        {
            return false;
        }
        node = e.parent().and_then(ElementRef::wrap);
    }
    true
}

/// The text of the first alert of `kind` (CSS selector) a person sees within `scope`.
fn shown_alert(scope: ElementRef<'_>, kind: &str) -> Option<String> {
    scope
        .select(&sel(kind))
        .filter(|a| is_shown(*a))
        .map(text_of)
        .find(|t| !t.is_empty())
}

const DANGER: &str = ".alert-danger, .alert-error";

/// The area of the page where a form's messages show: the card or panel holding it, else the
/// main content, else the body. Footers and dialogs outside it are never read.
fn form_area<'a>(doc: &'a Html, form: Option<ElementRef<'a>>) -> ElementRef<'a> {
    if let Some(form) = form {
        let mut node = Some(form);
        while let Some(e) = node {
            if e.value()
                .classes()
                .any(|c| matches!(c, "card" | "panel" | "login-form"))
                && e.select(&sel(".alert")).next().is_some()
            {
                return e;
            }
            node = e.parent().and_then(ElementRef::wrap);
        }
    }
    doc.select(&sel("#main-body, main, .main-content"))
        .next()
        .or_else(|| doc.select(&sel("body")).next())
        .unwrap_or_else(|| doc.root_element())
}

/// The page's tree, or None when it nests deeper than [`depth::MAX_DEPTH`] (building such a
/// tree is what a hostile page would make slow).
fn document(html: &str) -> Option<Html> {
    (crate::depth::deepest_nesting(html) <= crate::depth::MAX_DEPTH)
        .then(|| Html::parse_document(html))
}

/// The page's tree, only when the page arrived whole (it closes its `html` element): half a
/// list would silently leave invoices out, half an invoice its totals.
fn whole_document(html: &str, url: &Url) -> Result<Html> {
    let tail_start = html.len().saturating_sub(4096);
    let tail_start = (tail_start..html.len())
        .find(|i| html.is_char_boundary(*i))
        .unwrap_or(html.len());
    if !html[tail_start..].to_ascii_lowercase().contains("</html") {
        return Err(PortalError::unexpected(url, "a whole page (it ends early)"));
    }
    document(html).ok_or_else(|| too_deep(url))
}

fn too_deep(url: &Url) -> PortalError {
    PortalError::unexpected(
        url,
        format!(
            "a page nested at most {} elements deep",
            crate::depth::MAX_DEPTH
        ),
    )
}

/// Classifies any page of the portal.
pub fn classify(html: &str, url: &Url) -> Result<PageKind> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    if let Some(form) = login_form(&doc) {
        return Ok(PageKind::Login(LoginPage {
            form: read_form(form, url)?,
            error: shown_alert(form_area(&doc, Some(form)), DANGER),
            captcha: captcha_of(&doc, form),
        }));
    }
    let challenge = doc.select(&sel("form#frmTwoFactorChallenge")).next();
    let backup = doc.select(&sel("form#frmTwoFactorBackup")).next();
    if challenge.is_some() || backup.is_some() {
        let area = form_area(&doc, challenge.or(backup));
        return Ok(PageKind::TwoFactor(TwoFactorPage {
            challenge: challenge.map(|f| read_form(f, url)).transpose()?,
            backup: backup.map(|f| read_form(f, url)).transpose()?,
            incorrect: shown_alert(area, DANGER).is_some(),
        }));
    }
    if let Some(code) = new_backup_code(&doc) {
        return Ok(PageKind::NewBackupCode(code));
    }
    for alert in doc.select(&sel(".alert-danger")).filter(|a| is_shown(*a)) {
        // The ban page's alert carries a gavel icon, in any language.
        if alert.select(&sel(".fa-gavel")).next().is_some() {
            let reason = alert
                .select(&sel("li strong"))
                .next()
                .map(text_of)
                .filter(|r| !r.is_empty());
            return Ok(PageKind::Banned { reason });
        }
    }
    let signed_in = doc.select(&sel("a[href]")).any(|a| {
        a.value()
            .attr("href")
            .is_some_and(|h| h.contains("action=details"))
    }) || doc.select(&sel("div.topbar")).next().is_some()
        || doc.select(&sel("a[href*='logout.php']")).next().is_some();
    Ok(if signed_in {
        PageKind::ClientArea
    } else {
        PageKind::Other
    })
}

/// The new backup code on the page WHMCS shows after one was used: a card with a success
/// alert, then the code alone in a warning alert, and no form. Read by structure, in any
/// language.
fn new_backup_code(doc: &Html) -> Option<String> {
    doc.select(&sel(".card, .panel, .login-container, #main-body"))
        .filter(|area| area.select(&sel("form")).next().is_none())
        .find_map(|area| {
            shown_alert(area, ".alert-success")?;
            let code = shown_alert(area, ".alert-warning")?;
            let plain = code.len() <= 40
                && code.chars().any(|c| c.is_ascii_alphanumeric())
                && code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
            plain.then_some(code)
        })
}

/// Whether the page is the sign-in page (what an expired session is answered with).
///
/// Asked of every page fetched, so it is answered by the tokenizer alone, without a tree (the
/// same question as `login_form` on a built page).
pub fn is_login_page(html: &str) -> bool {
    crate::depth::scan(html).sign_in_form
}

/// The outcome of a password-reset request.
pub fn parse_reset_result(html: &str, url: &Url) -> Result<std::result::Result<String, String>> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    let area = form_area(&doc, None);
    if let Some(ok) = shown_alert(area, ".alert-success") {
        return Ok(Ok(ok));
    }
    if let Some(err) = shown_alert(area, DANGER) {
        return Ok(Err(err));
    }
    Err(PortalError::unexpected(
        url,
        "neither a success nor an error alert",
    ))
}

/// The reset form on the `password-reset-begin` page.
pub fn parse_reset_form(html: &str, url: &Url) -> Result<FormRequest> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    let form = doc
        .select(&sel("form"))
        .find(|f| f.select(&sel("input[name=email]")).next().is_some())
        .ok_or_else(|| PortalError::unexpected(url, "the password reset form"))?;
    read_form(form, url)
}

/// The e-mail of the profile form (`clientareadetails.tpl`'s `email` field).
pub fn profile_email(html: &str, _url: &Url) -> Option<String> {
    let doc = document(html)?;
    doc.select(&sel("form input[name=email]"))
        .find_map(|i| i.value().attr("value"))
        .map(|v| v.trim().to_owned())
        .filter(|v| v.contains('@'))
}

/// The "Forgot Password?" link of the sign-in page.
pub fn forgot_password_link(html: &str, url: &Url) -> Option<Url> {
    let doc = document(html)?;
    doc.select(&sel("a[href]")).find_map(|a| {
        let href = a.value().attr("href")?;
        (href.contains("password/reset") || href.contains("pwreset"))
            .then(|| url.join(href).ok())
            .flatten()
    })
}

fn first_number(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

pub fn parse_dashboard(html: &str, url: &Url) -> Result<Dashboard> {
    let doc = whole_document(html, url)?;
    let tile = doc
        .select(&sel("a[href*='action=invoices']"))
        .find_map(|a| a.select(&sel(".stat")).next())
        .or_else(|| {
            doc.select(&sel("div.tile")).find_map(|t| {
                t.select(&sel("a[href*='action=invoices']")).next()?;
                t.select(&sel(".stat")).next()
            })
        })
        .ok_or_else(|| PortalError::unexpected(url, "the Invoices tile"))?;
    let unpaid_count = first_number(&text_of(tile))
        .ok_or_else(|| PortalError::unexpected(url, "the number of unpaid invoices"))?;
    let mut dashboard = Dashboard {
        unpaid_count,
        ..Dashboard::default()
    };
    let overdue_panel = doc.select(&sel("[menuItemName='Overdue Invoices']")).next();
    if let Some(panel) = overdue_panel {
        let body = panel
            .select(&sel(".card-body, .panel-body"))
            .next()
            .unwrap_or(panel);
        let body_text = text_of(body);
        dashboard.overdue_count = first_number(&body_text);
        // Stock WHMCS writes the panel as one plain sentence; the amount is read from it.
        dashboard.overdue_balance = money_in_sentence(&body_text, None);
        dashboard.mass_pay_url = panel
            .select(&sel("a[href*='masspay']"))
            .next()
            .and_then(|a| url.join(a.value().attr("href")?).ok());
    }
    dashboard.credit_balance = doc
        .select(&sel("[menuItemName='Credit Balance'], .credit-balance"))
        .next()
        .and_then(|panel| {
            panel
                .select(&sel(".card-body, .panel-body, .amount"))
                .next()
                .map(text_of)
                .and_then(|t| Money::parse(&t, None))
        });
    Ok(dashboard)
}

fn invoice_id_from(text: &str) -> Option<u64> {
    let at = text.find("viewinvoice.php?id=")? + "viewinvoice.php?id=".len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok()
}

fn iso_date_in(cell: ElementRef<'_>) -> Option<NaiveDate> {
    let hidden = cell.select(&SPAN).next().map(text_of)?;
    // ISO 8601 (`YYYY-MM-DD`), read without a format string to interpret.
    hidden.trim().parse::<NaiveDate>().ok()
}

/// The date formats WHMCS offers its admin (General Settings > Localisation), as chrono
/// formats; day first is WHMCS's default, so it is tried first.
const DATE_FORMATS: &[&str] = &[
    "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m/%d/%Y", "%Y-%m-%d", "%Y/%m/%d",
];

/// The portal's date format, learned from the list's date cells, which show each date as the
/// portal writes it beside its ISO form: the first format that writes every one as shown.
pub fn learn_date_format(shown: &[(NaiveDate, String)]) -> Option<&'static str> {
    if shown.is_empty() {
        return None;
    }
    DATE_FORMATS.iter().copied().find(|f| {
        shown
            .iter()
            .all(|(d, text)| d.format(f).to_string() == *text)
    })
}

/// Every invoice of the list page (`clientarea.php?action=invoices`).
pub fn parse_invoice_list(html: &str, url: &Url) -> Result<Vec<InvoiceSummary>> {
    Ok(parse_invoice_list_and_format(html, url)?.0)
}

/// The list, and the portal's date format learned from it (to read the dates it writes
/// elsewhere, such as a transaction's).
pub fn parse_invoice_list_and_format(
    html: &str,
    url: &Url,
) -> Result<(Vec<InvoiceSummary>, Option<&'static str>)> {
    let doc = whole_document(html, url)?;
    let table = doc
        .select(&sel("table#tableInvoicesList"))
        .next()
        .ok_or_else(|| PortalError::unexpected(url, "the invoice table"))?;
    let td = sel("td");
    let mut shown_dates: Vec<(NaiveDate, String)> = vec![];
    // A currency set up with neither prefix nor suffix writes every amount bare: then no row
    // names one, and none is made up. A row without one among rows that have one is a page
    // the app cannot read.
    let all_bare = table
        .select(&sel("tbody > tr > td[data-order]"))
        .all(|cell| currency_in(&text_of(cell)).is_none());
    let mut invoices = vec![];
    for (index, row) in table.select(&sel("tbody > tr")).enumerate() {
        let cells: Vec<_> = row.select(&td).collect();
        if cells.len() < 5 {
            // DataTables' "no records" row spans all columns.
            continue;
        }
        let row_no = index + 1;
        let bad = |what: &str| PortalError::unexpected(url, format!("{what} in row {row_no}"));
        let id = row
            .value()
            .attr("onclick")
            .and_then(invoice_id_from)
            .or_else(|| {
                row.select(&INVOICE_LINK)
                    .find_map(|a| invoice_id_from(a.value().attr("href")?))
            })
            .ok_or_else(|| bad("the invoice link"))?;
        let number = text_of(cells[0]);
        let date = iso_date_in(cells[1]).ok_or_else(|| bad("the invoice date"))?;
        if shown_dates.len() < 200 {
            // The cell's text after its hidden ISO span: the date as the portal writes it.
            let iso = cells[1]
                .select(&SPAN)
                .next()
                .map(text_of)
                .unwrap_or_default();
            let all = text_of(cells[1]);
            if let Some(shown) = all.strip_prefix(iso.as_str()) {
                shown_dates.push((date, shown.trim().to_owned()));
            }
        }
        let due_date = iso_date_in(cells[2]).ok_or_else(|| bad("the due date"))?;
        let shown_total = text_of(cells[3]);
        let currency = currency_in(&shown_total)
            .or_else(|| all_bare.then(|| UNKNOWN_CURRENCY.to_owned()))
            .ok_or_else(|| bad("the currency"))?;
        let amount = cells[3]
            .value()
            .attr("data-order")
            .and_then(|v| v.trim().parse().ok())
            .or_else(|| crate::money::parse_amount(&shown_total))
            .ok_or_else(|| bad("the total"))?;
        let status_el = cells[4]
            .select(&STATUS_LABEL)
            .next()
            .ok_or_else(|| bad("the status"))?;
        let status = status_el
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("status-").and_then(InvoiceStatus::parse))
            .or_else(|| InvoiceStatus::parse(&text_of(status_el)))
            .ok_or_else(|| bad("a known status"))?;
        invoices.push(InvoiceSummary {
            id,
            number,
            date,
            due_date,
            total: Money::new(amount, currency),
            status,
        });
    }
    Ok((invoices, learn_date_format(&shown_dates)))
}

/// A service period written in an item description, "(05/03/2026 - 04/04/2026)", in days.
fn period_days(description: &str) -> Option<i64> {
    let open = description.rfind('(')?;
    let close = description[open..].find(')')? + open;
    let (from, to) = description[open + 1..close].split_once(" - ")?;
    for fmt in ["%d/%m/%Y", "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y"] {
        if let (Ok(a), Ok(b)) = (
            NaiveDate::parse_from_str(from.trim(), fmt),
            NaiveDate::parse_from_str(to.trim(), fmt),
        ) {
            if b > a {
                return Some((b - a).num_days() + 1);
            }
        }
    }
    None
}

/// Which payment a form makes, from where it posts and what it sends (its button's words are
/// in the portal's language).
fn payment_kind(form: &FormRequest) -> PaymentKind {
    if form.url.query().is_some_and(|q| q.contains("recurring"))
        || form.get("recurring").is_some()
        // PayPal's own gateway: its subscription form.
        || form.get("cmd") == Some("_xclick-subscriptions")
    {
        PaymentKind::Recurring
    } else {
        PaymentKind::OneOff
    }
}

/// Everything on an invoice page (`viewinvoice.php?id=N`). A status drawn with the class
/// `paid` is Paid or Payment Pending (both themes draw both so; only the words differ): see
/// [`parse_invoice_page`].
pub fn parse_invoice(html: &str, url: &Url, id: u64) -> Result<InvoiceDetail> {
    Ok(parse_invoice_page(html, url, id)?.detail)
}

/// An invoice page as read, and whether its status still needs the invoice list to tell Paid
/// from Payment Pending.
pub struct InvoicePageRead {
    pub detail: InvoiceDetail,
    /// The status was drawn with the class `paid`. `detail.status` is then Paid when the page
    /// shows nothing left to pay and Payment Pending otherwise, until the list page (whose
    /// status classes differ) says which.
    pub paid_or_pending: bool,
}

/// The status an invoice page draws, from its class alone.
fn status_of(el: ElementRef<'_>) -> Option<InvoiceStatus> {
    el.value().classes().find_map(InvoiceStatus::parse)
}

/// Reads an invoice page by its structure only: the portal may write it in any language.
pub fn parse_invoice_page(html: &str, url: &Url, id: u64) -> Result<InvoicePageRead> {
    let doc = whole_document(html, url)?;
    let container = doc
        .select(&sel(".invoice-container"))
        .next()
        .ok_or_else(|| PortalError::unexpected(url, "the invoice container"))?;
    let status_el = container.select(&sel(".invoice-status span")).next();
    let Some(status_el) = status_el else {
        // The template shows an error panel instead of the invoice for a wrong id.
        if container
            .select(&sel(".card, .panel, .alert"))
            .next()
            .is_some()
        {
            return Err(PortalError::NotFound);
        }
        return Err(PortalError::unexpected(url, "the invoice status"));
    };
    let drawn = status_of(status_el)
        .ok_or_else(|| PortalError::unexpected(url, "a known invoice status"))?;
    let title = container
        .select(&sel(".invoice-header h3, .invoice-header h2 + h3, h3"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    // The due date is the line right after the status ("<label>: <date>"), shown while the
    // invoice is unpaid.
    let due_date = status_el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().classes().any(|c| c == "invoice-status"))
        .and_then(|status_box| {
            status_box
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .next()
                .filter(|e| e.value().classes().any(|c| c == "small-text"))
        })
        .map(text_of)
        .and_then(|t| t.split_once(':').map(|(_, d)| d.trim().to_owned()))
        .filter(|d| !d.is_empty());
    // The invoice date is the one column with a plain `.small-text` value: not an address
    // (pay to, invoiced to), not the payment method, not the status.
    let date = container
        .select(&sel(".invoice-col"))
        .find(|c| {
            c.select(&sel("address, [data-role=paymethod-info], .invoice-status"))
                .next()
                .is_none()
                && c.select(&sel(".small-text")).next().is_some()
        })
        .and_then(|c| c.select(&sel(".small-text")).next())
        .map(text_of)
        .filter(|d| !d.is_empty());

    // The currency comes from the Total row, which WHMCS always writes with it.
    let mut items = vec![];
    let mut totals = vec![];
    let mut total = None;
    let items_table = container
        .select(&sel("table"))
        .find(|t| t.select(&sel(".total-row")).next().is_some());
    let mut currency: Option<String> = None;
    if let Some(table) = items_table {
        let total_rows: Vec<Vec<ElementRef<'_>>> = table
            .select(&sel("tr"))
            .map(|row| row.select(&sel("td")).collect::<Vec<_>>())
            .filter(|cells| {
                cells.len() == 2 && cells[0].value().classes().any(|c| c == "total-row")
            })
            .collect();
        // Every amount of an invoice is in one currency; a currency shown bare (no prefix or
        // suffix) is named nowhere, and none is made up.
        currency = Some(
            total_rows
                .iter()
                .find_map(|cells| currency_in(&text_of(cells[1])))
                .unwrap_or_else(|| UNKNOWN_CURRENCY.to_owned()),
        );
        let last = total_rows.len().saturating_sub(1);
        for (index, cells) in total_rows.iter().enumerate() {
            let label = text_of(cells[0]);
            if let Some(m) = Money::parse(&text_of(cells[1]), currency.as_deref()) {
                // Both themes end the totals with the invoice's total.
                if index == last {
                    total = Some(m.clone());
                }
                totals.push(TotalRow { label, amount: m });
            }
        }
        for row in table.select(&sel("tbody tr")) {
            let cells: Vec<_> = row.select(&sel("td")).collect();
            if cells.len() != 2 || cells[0].value().classes().any(|c| c == "total-row") {
                continue;
            }
            let mut description = text_of(cells[0]);
            let taxed = description.ends_with(" *");
            if taxed {
                description.truncate(description.len() - 2);
            }
            let shown = text_of(cells[1]);
            let amount = Money::parse(&shown, currency.as_deref()).ok_or_else(|| {
                PortalError::unexpected(url, format!("the amount of item {description:?}"))
            })?;
            items.push(LineItem {
                description,
                amount,
                taxed,
            });
        }
    }
    let mut transactions = vec![];
    let mut balance = None;
    if let Some(table) = container
        .select(&sel(".transactions-container table"))
        .next()
    {
        for row in table.select(&sel("tbody tr")) {
            let cells: Vec<_> = row.select(&sel("td")).collect();
            if cells.len() == 4 {
                if let Some(amount) = Money::parse(&text_of(cells[3]), currency.as_deref()) {
                    transactions.push(Transaction {
                        date: text_of(cells[0]),
                        paid_on: None,
                        gateway: text_of(cells[1]),
                        transaction_id: text_of(cells[2]),
                        amount,
                    });
                }
            } else if cells.len() == 2 {
                balance = Money::parse(&text_of(cells[1]), currency.as_deref());
            }
        }
    }
    let mut payment_choices = vec![];
    let mut payment_instructions = None;
    if let Some(area) = container.select(&sel(".payment-btn-container")).next() {
        // An offline method (a bank transfer) writes text instead of a form.
        if area.select(&sel("form")).next().is_none() {
            payment_instructions = Some(text_of(area)).filter(|t| !t.is_empty());
        }
        for form in area.select(&sel("form")) {
            let request = read_form(form, url)?;
            let label = form
                .select(&sel("input[type=submit], button"))
                .next()
                .map(|b| {
                    b.value()
                        .attr("value")
                        .map(str::to_owned)
                        .unwrap_or_else(|| text_of(b))
                })
                .unwrap_or_default();
            let kind = payment_kind(&request);
            payment_choices.push(PaymentChoice {
                kind,
                label,
                form: request,
            });
        }
    }
    let cycle = items
        .iter()
        .find_map(|i| period_days(&i.description))
        .and_then(BillingCycle::from_period_days);
    let notice = url.query_pairs().find_map(|(k, v)| {
        (v == "true").then_some(())?;
        match k.as_ref() {
            "paymentsuccess" => Some(PaymentNotice::Success),
            "pendingreview" => Some(PaymentNotice::PendingReview),
            "paymentfailed" => Some(PaymentNotice::Failed),
            _ => None,
        }
    });
    let pdf_url = container
        .select(&sel("a[href*='dl.php']"))
        .next()
        .and_then(|a| url.join(a.value().attr("href")?).ok());
    // The payment method: its name, or the choice the portal lets the client make (a form
    // with a `gateway` select that submits on change).
    let method_info = container.select(&sel("[data-role=paymethod-info]")).next();
    let mut payment_methods = vec![];
    let mut payment_method_value = None;
    let mut payment_method_form = None;
    let mut payment_method = method_info.map(text_of).filter(|t| !t.is_empty());
    if let Some(select) = method_info.and_then(|m| m.select(&sel("select[name=gateway]")).next()) {
        for option in select.select(&sel("option")) {
            let value = option.value().attr("value").unwrap_or_default().to_owned();
            let name = text_of(option);
            if option.value().attr("selected").is_some() {
                payment_method_value = Some(value.clone());
                payment_method = Some(name.clone());
            }
            payment_methods.push(PaymentMethod { value, name });
        }
        if payment_method_value.is_none() {
            payment_method_value = payment_methods.first().map(|m| m.value.clone());
            payment_method = payment_methods.first().map(|m| m.name.clone());
        }
        payment_method_form = select
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "form")
            .map(|f| read_form(f, url))
            .transpose()?;
    }
    let credit_offer = credit_offer(&doc, url, total.as_ref().map(|t| t.currency.as_str()))?;
    let notes = invoice_notes(&doc);
    // Paid and Payment Pending share the class `paid`: nothing left to pay reads as Paid, a
    // balance still due as Payment Pending, until the list says (see `InvoicePageRead`).
    let paid_or_pending = drawn == InvoiceStatus::Paid;
    let status = if paid_or_pending
        && balance
            .as_ref()
            .is_some_and(|b| b.amount > rust_decimal::Decimal::ZERO)
    {
        InvoiceStatus::PaymentPending
    } else {
        drawn
    };
    let detail = InvoiceDetail {
        id,
        title,
        status,
        date,
        due_date,
        items,
        totals,
        total,
        transactions,
        balance,
        payment_choices,
        cycle,
        notice,
        pdf_url,
        payment_method,
        payment_methods,
        payment_method_value,
        payment_method_form,
        payment_instructions,
        credit_offer,
        notes,
    };
    Ok(InvoicePageRead {
        detail,
        paid_or_pending,
    })
}

/// The invoice's notes: the stock page's info panel (`includes/panel.tpl`, `bg-info` or
/// `panel-info`) after the payment method and before the items. Known by where it is, not by
/// its heading's words; the payment notices, info panels too, come before the payment method.
/// Each line as the portal broke it.
fn invoice_notes(doc: &Html) -> Option<String> {
    let mut past_method = false;
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let v = el.value();
        if v.attr("data-role") == Some("paymethod-info") {
            past_method = true;
            continue;
        }
        if !past_method {
            continue;
        }
        if v.name() == "table" {
            // The items: no notes before them.
            return None;
        }
        let has = |class: &str| v.classes().any(|c| c == class);
        let body = if has("panel") && has("panel-info") {
            el.select(&sel(".panel-body")).next()
        } else if has("card-title") && has("bg-info") {
            el.parent()
                .and_then(ElementRef::wrap)
                .and_then(|card| card.select(&sel(".card-text")).next())
        } else {
            continue;
        };
        let lines = lines_of(body?);
        return (!lines.is_empty()).then(|| lines.join("\n"));
    }
    None
}

/// The text of `el` line by line, as `<br>` breaks it, each line's spaces collapsed.
fn lines_of(el: ElementRef<'_>) -> Vec<String> {
    let mut lines = vec![String::new()];
    for node in el.descendants() {
        if let Some(text) = node.value().as_text() {
            lines.last_mut().unwrap().push_str(text);
            lines.last_mut().unwrap().push(' ');
        } else if node.value().as_element().is_some_and(|e| e.name() == "br") {
            lines.push(String::new());
        }
    }
    lines
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// The "Add Funds" page (`clientarea.php?action=addfunds`): the form with an `amount` field and
/// a `paymentmethod` choice, and the limits above it (the stock table's three amounts, in its
/// order: minimum, maximum, maximum balance). A refusal is the page again with its error alert:
/// `Err(Some(text))` then carries the portal's words.
pub fn parse_add_funds(html: &str, url: &Url) -> Result<std::result::Result<AddFundsPage, String>> {
    let doc = whole_document(html, url)?;
    if let Some(refusal) = shown_alert(form_area(&doc, None), DANGER) {
        return Ok(Err(refusal));
    }
    let form = doc
        .select(&sel("form"))
        .find(|f| {
            f.select(&sel("input[name=amount]")).next().is_some()
                && f.select(&sel("select[name=paymentmethod]"))
                    .next()
                    .is_some()
        })
        .ok_or_else(|| PortalError::unexpected(url, "the add-funds form"))?;
    let limits: Vec<Money> = doc
        .select(&sel("table tr"))
        .filter_map(|row| row.select(&sel("td")).nth(1))
        .filter_map(|cell| Money::parse(&text_of(cell), None))
        .collect();
    let [minimum, maximum, maximum_balance] = <[Money; 3]>::try_from(limits)
        .map_err(|_| PortalError::unexpected(url, "the three add-funds limits"))?;
    let methods = form
        .select(&sel("select[name=paymentmethod] option"))
        .map(|o| PaymentMethod {
            value: o.value().attr("value").unwrap_or_default().to_owned(),
            name: text_of(o),
        })
        .collect();
    Ok(Ok(AddFundsPage {
        minimum,
        maximum,
        maximum_balance,
        methods,
        form: read_form(form, url)?,
    }))
}

/// The "Apply Credit" form of an invoice page, known by its `applycredit` field (its words are
/// the portal's language): the credit stated in its bold text and the amount it fills in.
/// None when the page has no such form, or one the app cannot read whole (no offer is better
/// than a guessed one).
fn credit_offer(doc: &Html, url: &Url, currency: Option<&str>) -> Result<Option<CreditOffer>> {
    let Some(form) = doc
        .select(&sel("form"))
        .find(|f| f.select(&sel("input[name=applycredit]")).next().is_some())
    else {
        return Ok(None);
    };
    let available = form
        .select(&sel("strong, b"))
        .find_map(|b| Money::parse(&text_of(b), currency));
    let most = form
        .select(&sel("input[name=creditamount]"))
        .next()
        .and_then(|i| crate::money::parse_amount(i.value().attr("value")?));
    let (Some(available), Some(most)) = (available, most) else {
        return Ok(None);
    };
    Ok(Some(CreditOffer {
        available,
        most,
        form: read_form(form, url)?,
    }))
}

/// The payment methods the mass-payment page offers (`paymentmethod` radio buttons, none
/// checked in the stock template; or a select).
pub fn mass_pay_methods(html: &str, url: &Url) -> Result<Vec<PaymentMethod>> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    let mut methods = vec![];
    for input in doc.select(&sel("input[name=paymentmethod][type=radio]")) {
        let value = input.value().attr("value").unwrap_or_default().to_owned();
        // Its name: the text of the `label` around it.
        let name = input
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "label")
            .map(text_of)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| value.clone());
        methods.push(PaymentMethod { value, name });
    }
    for option in doc.select(&sel("select[name=paymentmethod] option")) {
        methods.push(PaymentMethod {
            value: option.value().attr("value").unwrap_or_default().to_owned(),
            name: text_of(option),
        });
    }
    Ok(methods)
}

/// The mass-payment form (`clientarea.php?action=masspay&all=true`).
pub fn parse_mass_pay(html: &str, url: &Url) -> Result<(FormRequest, Vec<u64>)> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    let form = doc
        .select(&sel("form"))
        .find(|f| {
            f.select(&sel("input[name='invoiceids[]']"))
                .next()
                .is_some()
        })
        .ok_or_else(|| PortalError::unexpected(url, "the mass payment form"))?;
    let request = read_form(form, url)?;
    let ids = request
        .fields
        .iter()
        .filter(|(n, _)| n == "invoiceids[]")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    Ok((request, ids))
}

/// The first form of a hop page (a page that submits itself to the next address).
pub fn first_form(html: &str, url: &Url) -> Result<Option<FormRequest>> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    doc.select(&sel("form"))
        .next()
        .map(|f| read_form(f, url))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_descriptions() {
        assert_eq!(
            period_days("Web Hosting - a.com (05/03/2026 - 04/04/2026)"),
            Some(31)
        );
        assert_eq!(period_days("VPS (2026-01-01 - 2026-12-31)"), Some(365));
        assert_eq!(period_days("Domain renewal"), None);
        assert_eq!(period_days("odd ( - )"), None);
    }

    #[test]
    fn the_portals_date_format_is_learned_from_the_list() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let pairs = |v: &[(&str, &str)]| -> Vec<(NaiveDate, String)> {
            v.iter().map(|(i, s)| (d(i), s.to_string())).collect()
        };
        assert_eq!(
            learn_date_format(&pairs(&[("2026-10-04", "04/10/2026")])),
            Some("%d/%m/%Y")
        );
        assert_eq!(
            learn_date_format(&pairs(&[
                ("2026-10-04", "10/04/2026"),
                ("2026-10-24", "10/24/2026")
            ])),
            Some("%m/%d/%Y")
        );
        assert_eq!(
            learn_date_format(&pairs(&[("2026-10-04", "04.10.2026")])),
            Some("%d.%m.%Y")
        );
        assert_eq!(
            learn_date_format(&pairs(&[("2026-10-04", "4th October 2026")])),
            None
        );
        assert_eq!(learn_date_format(&[]), None);
    }

    #[test]
    fn ids_from_onclick() {
        assert_eq!(
            invoice_id_from("clickableSafeRedirect(event, 'viewinvoice.php?id=42', false)"),
            Some(42)
        );
        assert_eq!(invoice_id_from("viewinvoice.php?id="), None);
    }
}
