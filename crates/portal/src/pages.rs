//! Owns reading the client area's pages: pure functions from HTML (and the URL it came from) to
//! what the page says, for both stock themes ("twenty-one" and "six").
//!
//! Forms and links are always read from the page and resolved against its URL: a portal's routes
//! depend on its "friendly URL" setting, so none is guessed.

use crate::error::{PortalError, Result};
use crate::model::*;
use crate::money::{currency_in, Money};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use url::Url;

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
}

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
    Banned { reason: Option<String> },
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Captcha {
    None,
    /// WHMCS's built-in image captcha (a `code` field): a program cannot read it either.
    Image,
    /// reCAPTCHA or hCaptcha: only a browser can solve it.
    Widget,
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

fn danger_alert(doc: &Html) -> Option<String> {
    doc.select(&sel(".alert-danger, .alert-error"))
        .map(text_of)
        .find(|t| !t.is_empty())
}

/// The page's tree, or None when it nests deeper than [`depth::MAX_DEPTH`] (building such a
/// tree is what a hostile page would make slow).
fn document(html: &str) -> Option<Html> {
    (crate::depth::deepest_nesting(html) <= crate::depth::MAX_DEPTH)
        .then(|| Html::parse_document(html))
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
        let captcha = if doc
            .select(&sel(
                ".g-recaptcha, .h-captcha, [data-sitekey], #google-recaptcha-domain",
            ))
            .next()
            .is_some()
        {
            Captcha::Widget
        } else if form.select(&sel("input[name=code]")).next().is_some() {
            Captcha::Image
        } else {
            Captcha::None
        };
        return Ok(PageKind::Login(LoginPage {
            form: read_form(form, url)?,
            error: danger_alert(&doc),
            captcha,
        }));
    }
    let challenge = doc.select(&sel("form#frmTwoFactorChallenge")).next();
    let backup = doc.select(&sel("form#frmTwoFactorBackup")).next();
    if challenge.is_some() || backup.is_some() {
        return Ok(PageKind::TwoFactor(TwoFactorPage {
            challenge: challenge.map(|f| read_form(f, url)).transpose()?,
            backup: backup.map(|f| read_form(f, url)).transpose()?,
            incorrect: danger_alert(&doc).is_some(),
        }));
    }
    for alert in doc.select(&sel(".alert-danger")) {
        let text = text_of(alert);
        if alert.select(&sel(".fa-gavel")).next().is_some()
            || text.to_ascii_lowercase().contains("banned")
        {
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
    if let Some(ok) = doc.select(&sel(".alert-success")).next() {
        return Ok(Ok(text_of(ok)));
    }
    if let Some(err) = danger_alert(&doc) {
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
    let doc = document(html).ok_or_else(|| too_deep(url))?;
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
        dashboard.overdue_balance = panel.select(&sel(".balance, strong")).find_map(|el| {
            let t = text_of(el);
            currency_in(&t).and_then(|_| Money::parse(&t, None))
        });
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
    let hidden = cell.select(&sel("span")).next().map(text_of)?;
    NaiveDate::parse_from_str(hidden.trim(), "%Y-%m-%d").ok()
}

/// Every invoice of the list page (`clientarea.php?action=invoices`).
pub fn parse_invoice_list(html: &str, url: &Url) -> Result<Vec<InvoiceSummary>> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
    let table = doc
        .select(&sel("table#tableInvoicesList"))
        .next()
        .ok_or_else(|| PortalError::unexpected(url, "the invoice table"))?;
    let td = sel("td");
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
                row.select(&sel("a[href*='viewinvoice.php']"))
                    .find_map(|a| invoice_id_from(a.value().attr("href")?))
            })
            .ok_or_else(|| bad("the invoice link"))?;
        let number = text_of(cells[0]);
        let date = iso_date_in(cells[1]).ok_or_else(|| bad("the invoice date"))?;
        let due_date = iso_date_in(cells[2]).ok_or_else(|| bad("the due date"))?;
        let shown_total = text_of(cells[3]);
        let currency = currency_in(&shown_total).ok_or_else(|| bad("the currency"))?;
        let amount = cells[3]
            .value()
            .attr("data-order")
            .and_then(|v| v.trim().parse().ok())
            .or_else(|| crate::money::parse_amount(&shown_total))
            .ok_or_else(|| bad("the total"))?;
        let status_el = cells[4]
            .select(&sel("span.status, span.label"))
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
    Ok(invoices)
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

fn payment_kind(label: &str, form: &FormRequest) -> PaymentKind {
    let lower = label.to_ascii_lowercase();
    if lower.contains("recurring")
        || lower.contains("subscription")
        || form.url.query().is_some_and(|q| q.contains("recurring"))
        || form.get("recurring").is_some()
    {
        PaymentKind::Recurring
    } else {
        PaymentKind::OneOff
    }
}

/// Everything on an invoice page (`viewinvoice.php?id=N`).
pub fn parse_invoice(html: &str, url: &Url, id: u64) -> Result<InvoiceDetail> {
    let doc = document(html).ok_or_else(|| too_deep(url))?;
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
    // "Payment Pending" is drawn with the class `paid`: the text decides.
    let status = InvoiceStatus::parse(&text_of(status_el))
        .or_else(|| status_el.value().classes().find_map(InvoiceStatus::parse))
        .ok_or_else(|| PortalError::unexpected(url, "a known invoice status"))?;
    let title = container
        .select(&sel(".invoice-header h3, .invoice-header h2 + h3, h3"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    let due_date = container
        .select(&sel(".invoice-status + .small-text, .small-text"))
        .map(text_of)
        .find(|t| t.contains(':') && t.to_ascii_lowercase().contains("due"))
        .and_then(|t| t.split_once(':').map(|(_, d)| d.trim().to_owned()));
    let date = container
        .select(&sel(".invoice-col"))
        .find(|c| {
            c.select(&sel("strong"))
                .next()
                .is_some_and(|s| text_of(s).to_ascii_lowercase().contains("date"))
        })
        .and_then(|c| c.select(&sel(".small-text")).next())
        .map(text_of);

    // The currency comes from the Total row, which WHMCS always writes with it.
    let mut items = vec![];
    let mut totals = vec![];
    let mut total = None;
    let items_table = container
        .select(&sel("table"))
        .find(|t| t.select(&sel(".total-row")).next().is_some());
    let mut currency: Option<String> = None;
    if let Some(table) = items_table {
        for row in table.select(&sel("tr")) {
            let cells: Vec<_> = row.select(&sel("td")).collect();
            if cells.len() == 2 && cells[0].value().classes().any(|c| c == "total-row") {
                let label = text_of(cells[0]);
                let shown = text_of(cells[1]);
                if currency.is_none() {
                    currency = currency_in(&shown);
                }
                if let Some(m) = Money::parse(&shown, currency.as_deref()) {
                    if label.eq_ignore_ascii_case("total") {
                        total = Some(m.clone());
                    }
                    totals.push(TotalRow { label, amount: m });
                }
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
    if let Some(area) = container.select(&sel(".payment-btn-container")).next() {
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
            let kind = payment_kind(&label, &request);
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
    Ok(InvoiceDetail {
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
    })
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
    fn ids_from_onclick() {
        assert_eq!(
            invoice_id_from("clickableSafeRedirect(event, 'viewinvoice.php?id=42', false)"),
            Some(42)
        );
        assert_eq!(invoice_id_from("viewinvoice.php?id="), None);
    }
}
