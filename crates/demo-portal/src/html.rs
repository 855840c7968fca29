//! Owns the demo portal's pages: the structure of WHMCS's client area in its two stock themes
//! ("twenty-one" and "six"), written from the documented classes, ids, fields and texts.

use crate::data::{money, Account, Invoice, Status};
use chrono::NaiveDate;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    TwentyOne,
    Six,
}

impl std::str::FromStr for Theme {
    type Err = String;
    fn from_str(s: &str) -> Result<Theme, String> {
        match s {
            "twenty-one" | "twentyone" | "21" => Ok(Theme::TwentyOne),
            "six" | "6" => Ok(Theme::Six),
            other => Err(format!("unknown theme {other:?} (twenty-one or six)")),
        }
    }
}

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `<form method="post">` with WHMCS's token right after the opening tag.
pub fn post_form(action: &str, attrs: &str, token: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{}\"{attrs}>\n<input type=\"hidden\" name=\"token\" value=\"{token}\" />\n",
        esc(action)
    )
}

pub struct Chrome<'a> {
    pub theme: Theme,
    pub title: &'a str,
    pub token: &'a str,
    pub account: Option<&'a Account>,
}

pub fn layout(c: &Chrome<'_>, body: &str) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>{} - JitOps Cloud (demo)</title>\n<script>var csrfToken = '{}', whmcsBaseUrl = '';</script>\n</head>\n<body>\n",
        esc(c.title),
        c.token
    );
    match (c.theme, c.account) {
        (Theme::TwentyOne, Some(a)) => {
            let _ = write!(
                page,
                "<header id=\"header\" class=\"header\">\n<div class=\"topbar\"><div class=\"container\"><div class=\"d-flex\">\
                 <span>Logged in as: <a href=\"clientarea.php?action=details\">{} {}</a></span> \
                 <a href=\"logout.php\" class=\"btn btn-active-client\">Logout</a></div></div></div>\n</header>\n",
                esc(&a.first_name),
                esc(&a.last_name)
            );
        }
        (Theme::Six, Some(a)) => {
            let _ = write!(
                page,
                "<section id=\"header\"><div class=\"container\"><ul class=\"top-nav\">\
                 <li><a href=\"clientarea.php?action=details\">Hello, {}!</a></li>\
                 <li><a href=\"logout.php\">Logout</a></li></ul></div></section>\n",
                esc(&a.first_name)
            );
        }
        (_, None) => {
            page.push_str("<header id=\"header\" class=\"header\"><a href=\"index.php?rp=/login\">Login</a></header>\n");
        }
    }
    let _ = write!(
        page,
        "<section id=\"main-body\"><div class=\"container\">\n<h1>{}</h1>\n{body}\n</div></section>\n</body>\n</html>\n",
        esc(c.title)
    );
    page
}

pub fn alert(kind: &str, text: &str) -> String {
    format!(
        "<div class=\"alert alert-{kind} text-center\">{}</div>\n",
        esc(text)
    )
}

pub fn login_body(
    theme: Theme,
    token: &str,
    error: Option<&str>,
    info: Option<&str>,
    captcha: bool,
) -> String {
    let mut b = String::new();
    if let Some(e) = error {
        b.push_str(&alert("danger", e));
    }
    if let Some(i) = info {
        b.push_str(&alert("success", i));
    }
    let class = match theme {
        Theme::TwentyOne => " class=\"login-form\" role=\"form\"",
        Theme::Six => " class=\"login-form\" role=\"form\"",
    };
    b.push_str(&post_form("index.php?rp=/login", class, token));
    b.push_str(
        "<div class=\"form-group\"><label for=\"inputEmail\" class=\"form-control-label\">Email Address</label>\
         <input type=\"email\" class=\"form-control\" name=\"username\" id=\"inputEmail\" placeholder=\"name@example.com\" autofocus></div>\n\
         <div class=\"form-group\"><label for=\"inputPassword\" class=\"form-control-label\">Password</label>\
         <a href=\"index.php?rp=/password/reset\" class=\"small\" tabindex=\"-1\">Forgot Password?</a>\
         <input type=\"password\" class=\"form-control\" name=\"password\" id=\"inputPassword\" placeholder=\"Password\" autocomplete=\"off\"></div>\n",
    );
    if captcha {
        b.push_str("<div class=\"g-recaptcha\" data-sitekey=\"demo-site-key\"></div>\n");
    }
    b.push_str(
        "<label><input type=\"checkbox\" class=\"form-check-input\" name=\"rememberme\" /> Remember Me</label>\n\
         <button id=\"login\" type=\"submit\" class=\"btn btn-primary\">Login</button>\n</form>\n",
    );
    b
}

pub fn banned_body(ip: &str, reason: &str, expires: &str) -> String {
    format!(
        "<div class=\"alert alert-danger\"><strong><i class=\"fas fa-gavel\"></i> Your IP {} has been banned</strong>\
         <ul><li>Ban Reason: <strong>{}</strong></li><li>Ban Expires: {}</li></ul></div>\n",
        esc(ip),
        esc(reason),
        esc(expires)
    )
}

pub fn two_factor_body(token: &str, incorrect: bool) -> String {
    let mut b = String::from("<div class=\"card mw-540\"><div class=\"card-body\"><h3 class=\"card-title\">Two-Factor Authentication</h3>\n");
    if incorrect {
        b.push_str(&alert(
            "danger",
            "Second Factor Incorrect. Please try again.",
        ));
    } else {
        b.push_str(&alert("warning", "Your account is protected by two-factor authentication. Please provide your second factor to continue."));
    }
    b.push_str(&post_form(
        "index.php?rp=/login/two-factor/challenge/verify",
        " id=\"frmTwoFactorChallenge\"",
        token,
    ));
    b.push_str("<input type=\"text\" name=\"key\" maxlength=\"6\" inputmode=\"numeric\" autocomplete=\"one-time-code\" class=\"form-control\" autofocus>\n<button type=\"submit\" class=\"btn btn-primary\">Login</button>\n</form>\n");
    b.push_str(&post_form(
        "index.php?rp=/login/two-factor/challenge/backup/verify",
        " id=\"frmTwoFactorBackup\" class=\"w-hidden\"",
        token,
    ));
    b.push_str("<input type=\"text\" name=\"twofabackupcode\" class=\"form-control\" placeholder=\"Backup Code\">\n<button type=\"submit\" class=\"btn btn-primary\">Login</button>\n</form>\n</div></div>\n");
    b
}

pub fn reset_body(token: &str, result: Option<Result<(), &str>>) -> String {
    let mut b = String::new();
    match result {
        Some(Ok(())) => {
            b.push_str(&alert("success", "Validation Email Sent"));
            b.push_str("<p>The password reset process has now been started. Please check your email for instructions on what to do next.</p>\n");
            return b;
        }
        Some(Err(e)) => b.push_str(&alert("danger", e)),
        None => {}
    }
    b.push_str("<p>Forgotten your password? Enter your email address below to begin the reset process.</p>\n");
    b.push_str(&post_form(
        "index.php?rp=/password/reset",
        " class=\"using-password-strength\"",
        token,
    ));
    b.push_str("<input type=\"hidden\" name=\"action\" value=\"reset\" />\n<input type=\"email\" name=\"email\" class=\"form-control\" id=\"inputEmail\" placeholder=\"name@example.com\" autofocus>\n<button type=\"submit\" class=\"btn btn-primary\">Submit</button>\n</form>\n");
    b
}

pub fn dashboard_body(theme: Theme, account: &Account, today: NaiveDate) -> String {
    let unpaid = account
        .invoices
        .iter()
        .filter(|i| i.status == Status::Unpaid)
        .count();
    let overdue: Vec<&Invoice> = account
        .invoices
        .iter()
        .filter(|i| i.is_overdue(today))
        .collect();
    let mut b = String::new();
    match theme {
        Theme::TwentyOne => {
            let _ = write!(
                b,
                "<div class=\"tiles mb-4\"><div class=\"row no-gutters\">\
                 <div class=\"col-6 col-xl-3\"><a href=\"clientarea.php?action=services\" class=\"tile\"><div class=\"stat\">3</div><div class=\"title\">Services</div></a></div>\
                 <div class=\"col-6 col-xl-3\"><a href=\"clientarea.php?action=invoices\" class=\"tile\"><i class=\"fas fa-credit-card\"></i><div class=\"stat\">{unpaid}</div><div class=\"title\">Invoices</div><div class=\"highlight bg-color-gold\"></div></a></div>\
                 </div></div>\n"
            );
        }
        Theme::Six => {
            let _ = write!(
                b,
                "<div class=\"tiles clearfix\"><div class=\"col-sm-3 col-xs-6 tile\" onclick=\"window.location='clientarea.php?action=services'\"><a href=\"clientarea.php?action=services\"><div class=\"stat\">3</div><div class=\"title\">Services</div></a></div>\
                 <div class=\"col-sm-3 col-xs-6 tile\" onclick=\"window.location='clientarea.php?action=invoices'\"><a href=\"clientarea.php?action=invoices\"><div class=\"icon\"><i class=\"fas fa-credit-card\"></i></div><div class=\"stat\">{unpaid}</div><div class=\"title\">Invoices</div><div class=\"highlight bg-color-gold\"></div></a></div></div>\n"
            );
        }
    }
    let (card, header, body) = match theme {
        Theme::TwentyOne => ("card", "card-header", "card-body"),
        Theme::Six => ("panel panel-default", "panel-heading", "panel-body"),
    };
    if !overdue.is_empty() {
        let currency = overdue[0].currency;
        let same_currency = overdue.iter().all(|i| i.currency == currency);
        let balance: rust_decimal::Decimal = overdue
            .iter()
            .filter(|i| i.currency == currency)
            .map(|i| i.balance())
            .sum();
        let _ = write!(
            b,
            "<div menuItemName=\"Overdue Invoices\" class=\"{card} {card}-accent-red\"><div class=\"{header}\"><h3 class=\"card-title\">Overdue Invoices</h3></div>\
             <div class=\"{body}\"><p>You have {} overdue invoice(s) with a total balance due of <strong class=\"balance\">{}</strong>{}. Pay them now to avoid any interruptions in service.</p>\
             <a href=\"clientarea.php?action=masspay&amp;all=true\" class=\"btn btn-default\">Pay Now</a></div></div>\n",
            overdue.len(),
            money(balance, currency),
            if same_currency { "" } else { " (plus amounts in other currencies)" }
        );
    }
    if let Some((amount, currency)) = account.credit {
        let _ = write!(
            b,
            "<div menuItemName=\"Credit Balance\" class=\"{card}\"><div class=\"{header}\"><h3 class=\"card-title\">Available Credit</h3></div><div class=\"{body}\">{}</div></div>\n",
            money(amount, currency)
        );
    }
    b
}

pub fn invoice_list_body(theme: Theme, account: &Account) -> String {
    let mut b = String::with_capacity(300 * account.invoices.len() + 1000);
    b.push_str("<div class=\"table-container clearfix\">\n<table id=\"tableInvoicesList\" class=\"table table-list w-hidden\">\n<thead><tr><th>Invoice #</th><th>Invoice Date</th><th>Due Date</th><th>Total</th><th>Status</th>");
    if theme == Theme::Six {
        b.push_str("<th class=\"responsive-edit-button\" style=\"display: none;\"></th>");
    }
    b.push_str("</tr></thead>\n<tbody>\n");
    let hidden = match theme {
        Theme::TwentyOne => "w-hidden",
        Theme::Six => "hidden",
    };
    for inv in account.invoices.iter().rev() {
        if inv.status == Status::Draft && theme == Theme::Six {
            // "six" lists drafts too; nothing differs but the row is kept for coverage.
        }
        let _ = write!(
            b,
            "<tr onclick=\"clickableSafeRedirect(event, 'viewinvoice.php?id={}', false)\">\
             <td>{}</td><td><span class=\"{hidden}\">{}</span>{}</td><td><span class=\"{hidden}\">{}</span>{}</td>\
             <td data-order=\"{}\">{}</td><td><span class=\"label status status-{}\">{}</span></td>",
            inv.id,
            esc(&inv.number),
            inv.date.format("%Y-%m-%d"),
            inv.date.format("%d/%m/%Y"),
            inv.due.format("%Y-%m-%d"),
            inv.due.format("%d/%m/%Y"),
            inv.total().round_dp(2),
            money(inv.total(), inv.currency),
            inv.status.slug(),
            inv.status.label(),
        );
        if theme == Theme::Six {
            let _ = write!(b, "<td class=\"responsive-edit-button\" style=\"display: none;\"><a href=\"viewinvoice.php?id={}\" class=\"btn btn-block btn-info\">View</a></td>", inv.id);
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody>\n</table>\n</div>\n");
    b
}

pub struct InvoicePage<'a> {
    pub theme: Theme,
    pub invoice: &'a Invoice,
    pub account: &'a Account,
    pub today: NaiveDate,
    pub token: &'a str,
    pub portal_url: &'a str,
    pub checkout_url: &'a str,
    pub notice: Option<&'a str>,
}

pub fn invoice_not_found() -> String {
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invoice</title></head><body>\n\
     <div class=\"container-fluid invoice-container\">\n<div class=\"card bg-danger\"><div class=\"card-header\"><h3 class=\"card-title\">Error</h3></div>\
     <div class=\"card-body text-center\">Invoice ID Not Found or Access Denied</div></div>\n</div>\n</body></html>\n"
        .to_owned()
}

pub fn invoice_page(p: &InvoicePage<'_>) -> String {
    let inv = p.invoice;
    let (card, header, table_class) = match p.theme {
        Theme::TwentyOne => ("card bg-default", "card-header", "table table-sm"),
        Theme::Six => (
            "panel panel-default",
            "panel-heading",
            "table table-condensed",
        ),
    };
    let mut b = String::new();
    let _ = write!(
        b,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>JitOps Cloud - Invoice #{num}</title>\n<script>var csrfToken = '{token}';</script>\n</head>\n<body>\n\
         <div class=\"container-fluid invoice-container\">\n<div class=\"row invoice-header\">\n<div class=\"col-12 col-sm-6 invoice-col\"><h2>JitOps Cloud</h2><h3>Invoice #{num}</h3></div>\n\
         <div class=\"col-12 col-sm-6 invoice-col text-center\">\n<div class=\"invoice-status\"><span class=\"{cls}\">{label}</span></div>\n",
        num = esc(&inv.number),
        token = p.token,
        cls = inv.status.page_class(),
        label = inv.status.label()
    );
    if matches!(inv.status, Status::Unpaid | Status::Draft) {
        let _ = write!(b, "<div class=\"small-text\">Due Date: {}</div>\n<div class=\"payment-btn-container d-print-none\" align=\"center\">\n", inv.due.format("%d/%m/%Y"));
        if inv.status == Status::Unpaid {
            b.push_str(&payment_buttons(p));
        }
        b.push_str("</div>\n");
    }
    b.push_str("</div>\n</div>\n<hr>\n");
    match p.notice {
        Some("paymentsuccess") => b.push_str(&panel(p.theme, "success", "Success", "Thank you! Your payment was successful.")),
        Some("pendingreview") => b.push_str(&panel(p.theme, "info", "Success", "Thank you! Your payment was successful and will be applied to your invoice as soon as 2Checkout's review completes.")),
        Some("paymentfailed") => b.push_str(&panel(p.theme, "danger", "Error", "Unfortunately your payment attempt was not successful. Please try again or contact support.")),
        _ => {}
    }
    let _ = write!(
        b,
        "<div class=\"row\"><div class=\"col-12 col-sm-6 invoice-col right\"><strong>Pay To</strong><address class=\"small-text\">JitOps Cloud<br />Tirana, Albania</address></div>\
         <div class=\"col-12 col-sm-6 invoice-col\"><strong>Invoiced To</strong><address class=\"small-text\">{}<br />{} {}</address></div></div>\n\
         <div class=\"row\"><div class=\"col-12 col-sm-6 invoice-col right\"><strong>Payment Method</strong><br><span class=\"small-text\" data-role=\"paymethod-info\">2Checkout</span></div>\
         <div class=\"col-12 col-sm-6 invoice-col\"><strong>Invoice Date</strong><br><span class=\"small-text\">{}</span></div></div>\n",
        esc(&p.account.company),
        esc(&p.account.first_name),
        esc(&p.account.last_name),
        inv.date.format("%d/%m/%Y")
    );
    let _ = write!(b, "<div class=\"{card}\"><div class=\"{header}\"><h3 class=\"card-title\"><strong>Invoice Items</strong></h3></div>\n<div class=\"table-responsive\"><table class=\"{table_class}\">\n<thead><tr><td><strong>Description</strong></td><td width=\"20%\" class=\"text-center\"><strong>Amount</strong></td></tr></thead>\n<tbody>\n");
    for item in &inv.items {
        let _ = writeln!(
            b,
            "<tr><td>{}{}</td><td class=\"text-center\">{}</td></tr>",
            esc(&item.description),
            if item.taxed && !inv.tax_rate.is_zero() {
                " *"
            } else {
                ""
            },
            money(item.amount, inv.currency)
        );
    }
    let total_row = |label: &str, amount| {
        format!(
            "<tr><td class=\"total-row text-right\"><strong>{}</strong></td><td class=\"total-row text-center\">{}</td></tr>\n",
            esc(label),
            money(amount, inv.currency)
        )
    };
    b.push_str(&total_row("Sub Total", inv.subtotal()));
    if !inv.tax_rate.is_zero() {
        b.push_str(&total_row(
            &format!("{}% VAT", inv.tax_rate.normalize()),
            inv.tax(),
        ));
    }
    b.push_str(&total_row("Credit", inv.credit));
    b.push_str(&total_row("Total", inv.total()));
    b.push_str("</tbody>\n</table></div></div>\n");
    if !inv.tax_rate.is_zero() {
        b.push_str("<p>* Indicates a taxed item.</p>\n");
    }
    let _ = write!(b, "<div class=\"transactions-container small-text\"><div class=\"table-responsive\"><table class=\"{table_class}\">\n<thead><tr><td class=\"text-center\"><strong>Transaction Date</strong></td><td class=\"text-center\"><strong>Gateway</strong></td><td class=\"text-center\"><strong>Transaction ID</strong></td><td class=\"text-center\"><strong>Amount</strong></td></tr></thead>\n<tbody>\n");
    if inv.transactions.is_empty() {
        b.push_str(
            "<tr><td class=\"text-center\" colspan=\"4\">No Related Transactions Found</td></tr>\n",
        );
    }
    for t in &inv.transactions {
        let _ = writeln!(
            b,
            "<tr><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td></tr>",
            t.date.format("%d/%m/%Y"),
            esc(&t.gateway),
            esc(&t.id),
            money(t.amount, inv.currency)
        );
    }
    let _ = write!(
        b,
        "<tr><td class=\"text-right\" colspan=\"3\"><strong>Balance</strong></td><td class=\"text-center\">{}</td></tr>\n</tbody>\n</table></div></div>\n\
         <div class=\"float-right btn-group btn-group-sm d-print-none\"><a href=\"javascript:window.print()\" class=\"btn btn-default\">Print</a>\
         <a href=\"dl.php?type=i&amp;id={}\" class=\"btn btn-default\">Download</a></div>\n</div>\n\
         <p class=\"text-center d-print-none\"><a href=\"clientarea.php?action=invoices\">&laquo; Back to Client Area</a></p>\n</body>\n</html>\n",
        money(inv.balance(), inv.currency),
        inv.id
    );
    b
}

fn panel(theme: Theme, kind: &str, title: &str, text: &str) -> String {
    match theme {
        Theme::TwentyOne => format!(
            "<div class=\"card bg-{kind}\"><div class=\"card-header\"><h3 class=\"card-title\">{}</h3></div><div class=\"card-body text-center\">{}</div></div>\n",
            esc(title),
            esc(text)
        ),
        Theme::Six => format!(
            "<div class=\"panel panel-{kind}\"><div class=\"panel-heading\"><h3 class=\"panel-title\">{}</h3></div><div class=\"panel-body text-center\">{}</div></div>\n",
            esc(title),
            esc(text)
        ),
    }
}

/// What the 2Checkout module writes into the payment area: the one-off form posting straight
/// to the processor and, for a recurring invoice that is not overdue, the subscription form
/// posting to the portal first.
fn payment_buttons(p: &InvoicePage<'_>) -> String {
    let inv = p.invoice;
    let mut b = String::new();
    let fields = one_off_fields(inv, p.portal_url);
    b.push_str(&post_form(
        &format!("{}checkout/purchase", p.checkout_url),
        " name=\"tco\"",
        p.token,
    ));
    for (name, value) in &fields {
        let _ = writeln!(
            b,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\" />",
            esc(name),
            esc(value)
        );
    }
    b.push_str("<input type=\"submit\" value=\"Make One Off Payment\" class=\"btn btn-success\" />\n</form>\n");
    if inv.recurring_cycle().is_some() && !inv.is_overdue(p.today) {
        b.push_str(&post_form(
            &format!("{}modules/gateways/tco.php?recurring=1", p.portal_url),
            "",
            p.token,
        ));
        let _ = writeln!(
            b,
            "<input type=\"hidden\" name=\"invoiceid\" value=\"{}\" />",
            inv.id
        );
        b.push_str("<input type=\"submit\" value=\"Create Automated Recurring Subscription\" class=\"btn btn-primary\" />\n</form>\n");
    }
    b
}

pub fn one_off_fields(inv: &Invoice, portal_url: &str) -> Vec<(String, String)> {
    let return_url = format!("{portal_url}modules/gateways/callback/2checkout.php");
    vec![
        ("sid".into(), "901234567".into()),
        ("mode".into(), "2CO".into()),
        ("li_0_type".into(), "product".into()),
        (
            "li_0_name".into(),
            format!("JitOps Cloud Invoice #{}", inv.number),
        ),
        ("li_0_price".into(), format!("{:.2}", inv.balance())),
        ("li_0_quantity".into(), "1".into()),
        ("li_0_tangible".into(), "N".into()),
        ("currency_code".into(), inv.currency.into()),
        ("merchant_order_id".into(), inv.id.to_string()),
        ("x_receipt_link_url".into(), return_url.clone()),
        ("return_url".into(), return_url),
    ]
}

/// The portal's answer to the subscription button: a page that submits itself to the processor.
pub fn hop_page(action: &str, fields: &[(String, String)]) -> String {
    let mut b = String::from("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Redirecting to 2Checkout</title></head>\n<body onload=\"document.forms[0].submit()\">\n<p>Please wait while you are redirected to the payment gateway...</p>\n");
    let _ = writeln!(b, "<form method=\"post\" action=\"{}\">", esc(action));
    for (name, value) in fields {
        let _ = writeln!(
            b,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\" />",
            esc(name),
            esc(value)
        );
    }
    b.push_str("<noscript><input type=\"submit\" value=\"Continue\" /></noscript>\n</form>\n</body></html>\n");
    b
}

pub fn masspay_body(account: &Account, token: &str) -> String {
    let unpaid: Vec<&Invoice> = account
        .invoices
        .iter()
        .filter(|i| i.status == Status::Unpaid)
        .collect();
    let mut b = post_form("clientarea.php?action=masspay", " id=\"frmMassPay\"", token);
    b.push_str("<input type=\"hidden\" name=\"geninvoice\" value=\"true\" />\n<table class=\"table\">\n<thead><tr><th>Description</th><th>Amount</th></tr></thead>\n<tbody>\n");
    for inv in &unpaid {
        let _ = writeln!(
            b,
            "<input type=\"hidden\" name=\"invoiceids[]\" value=\"{}\" />\n<tr class=\"masspay-invoice-detail\"><td>Invoice #{}</td><td>{}</td></tr>",
            inv.id,
            esc(&inv.number),
            money(inv.balance(), inv.currency)
        );
    }
    let mut currencies: Vec<&str> = unpaid.iter().map(|i| i.currency).collect();
    currencies.sort();
    currencies.dedup();
    for c in currencies {
        let sum: rust_decimal::Decimal = unpaid
            .iter()
            .filter(|i| i.currency == c)
            .map(|i| i.balance())
            .sum();
        let _ = writeln!(
            b,
            "<tr class=\"masspay-total\"><td class=\"text-right\">Total Due:</td><td>{}</td></tr>",
            money(sum, c)
        );
    }
    b.push_str("</tbody>\n</table>\n<select name=\"paymentmethod\" id=\"paymentmethod\" class=\"form-control\"><option value=\"tco\" selected>2Checkout</option></select>\n<input type=\"submit\" value=\"Make Payment\" class=\"btn btn-primary\" />\n</form>\n");
    b
}
