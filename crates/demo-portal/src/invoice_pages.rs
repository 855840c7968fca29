//! Owns the demo portal's billing pages as the stock themes write them: the dashboard, the
//! invoice list, an invoice's page (payment area, credit offer, notes), the gateway's hop, add
//! funds and the mass payment.

use crate::data::{Account, Invoice, Status};
use crate::html::*;
use crate::lang::{Lang, Text};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

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
    let lang = account.language;
    let services = esc(lang.text(Text::Services));
    let invoices = esc(lang.text(Text::Invoices));
    let mut b = String::new();
    match theme {
        Theme::TwentyOne => {
            let _ = write!(
                b,
                "<div class=\"tiles mb-4\"><div class=\"row no-gutters\">\
                 <div class=\"col-6 col-xl-3\"><a href=\"clientarea.php?action=services\" class=\"tile\"><div class=\"stat\">3</div><div class=\"title\">{services}</div></a></div>\
                 <div class=\"col-6 col-xl-3\"><a href=\"clientarea.php?action=invoices\" class=\"tile\"><i class=\"fas fa-credit-card\"></i><div class=\"stat\">{unpaid}</div><div class=\"title\">{invoices}</div><div class=\"highlight bg-color-gold\"></div></a></div>\
                 </div></div>\n"
            );
        }
        Theme::Six => {
            let _ = write!(
                b,
                "<div class=\"tiles clearfix\"><div class=\"col-sm-3 col-xs-6 tile\" onclick=\"window.location='clientarea.php?action=services'\"><a href=\"clientarea.php?action=services\"><div class=\"stat\">3</div><div class=\"title\">{services}</div></a></div>\
                 <div class=\"col-sm-3 col-xs-6 tile\" onclick=\"window.location='clientarea.php?action=invoices'\"><a href=\"clientarea.php?action=invoices\"><div class=\"icon\"><i class=\"fas fa-credit-card\"></i></div><div class=\"stat\">{unpaid}</div><div class=\"title\">{invoices}</div><div class=\"highlight bg-color-gold\"></div></a></div></div>\n"
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
        // WHMCS writes the panel as one plain sentence (no element around the amount); a
        // client in several currencies sees the first one's sum only.
        let _ = same_currency;
        let _ = write!(
            b,
            "<div menuItemName=\"Overdue Invoices\" class=\"{card} {card}-accent-red\"><div class=\"{header}\"><h3 class=\"card-title\">{}</h3></div>\
             <div class=\"{body}\">{}\
             <a href=\"clientarea.php?action=masspay&amp;all=true\" class=\"btn btn-default\">{}</a></div></div>\n",
            esc(lang.text(Text::OverdueInvoices)),
            esc(&lang.overdue_sentence(overdue.len(), &account.money(balance, currency))),
            esc(lang.text(Text::PayNow)),
        );
    }
    if let Some((amount, currency)) = account.credit {
        let _ = write!(
            b,
            "<div menuItemName=\"Credit Balance\" class=\"{card}\"><div class=\"{header}\"><h3 class=\"card-title\">{}</h3></div><div class=\"{body}\">{}</div></div>\n",
            esc(lang.text(Text::AvailableCredit)),
            account.money(amount, currency)
        );
    }
    b
}

/// The invoice list as the stock templates write it, line by line with their indentation (a
/// real page's size and whitespace, which the app's parsing is measured on): a row per
/// invoice, its dates each beside their ISO form, and in "six" the hidden responsive button.
pub fn invoice_list_body(theme: Theme, account: &Account) -> String {
    let lang = account.language;
    let per_row = match theme {
        Theme::TwentyOne => 480,
        Theme::Six => 740,
    };
    let mut b = String::with_capacity(per_row * account.invoices.len() + 2000);
    let (hidden, table_class) = match theme {
        Theme::TwentyOne => ("w-hidden", "table table-list w-hidden"),
        Theme::Six => ("hidden", "table table-list hidden"),
    };
    let _ = write!(
        b,
        "<div class=\"table-container clearfix\">\n    <table id=\"tableInvoicesList\" class=\"{table_class}\">\n        <thead>\n            <tr>\n"
    );
    for t in [
        Text::InvoiceNumber,
        Text::InvoiceDate,
        Text::DueDate,
        Text::TotalColumn,
        Text::StatusColumn,
    ] {
        let _ = writeln!(b, "                <th>{}</th>", esc(lang.text(t)));
    }
    if theme == Theme::Six {
        b.push_str(
            "                <th class=\"responsive-edit-button\" style=\"display: none;\"></th>\n",
        );
    }
    b.push_str("            </tr>\n        </thead>\n        <tbody>\n");
    for inv in account.invoices.iter().rev() {
        let _ = write!(
            b,
            "            \n                <tr onclick=\"clickableSafeRedirect(event, 'viewinvoice.php?id={id}', false)\">\n\
             \x20                   <td>{}</td>\n\
             \x20                   <td><span class=\"{hidden}\">{}</span>{}</td>\n\
             \x20                   <td><span class=\"{hidden}\">{}</span>{}</td>\n\
             \x20                   <td data-order=\"{}\">{}</td>\n\
             \x20                   <td><span class=\"label status status-{}\">{}</span></td>\n",
            esc(&inv.number),
            inv.date.format("%Y-%m-%d"),
            inv.date.format("%d/%m/%Y"),
            inv.due.format("%Y-%m-%d"),
            inv.due.format("%d/%m/%Y"),
            inv.total().round_dp(2),
            account.money(inv.total(), inv.currency),
            inv.status.slug(),
            lang.status(inv.status),
            id = inv.id,
        );
        if theme == Theme::Six {
            let _ = write!(
                b,
                "                    <td class=\"responsive-edit-button\" style=\"display: none;\">\n\
                 \x20                       <a href=\"viewinvoice.php?id={}\" class=\"btn btn-block btn-info\">\n\
                 \x20                           View Details\n\
                 \x20                       </a>\n\
                 \x20                   </td>\n",
                inv.id
            );
        }
        b.push_str("                </tr>\n");
    }
    let _ = write!(
        b,
        "            \n        </tbody>\n    </table>\n    <div class=\"text-center\" id=\"tableLoading\">\n        <p><i class=\"fas fa-spinner fa-spin\"></i> Loading...</p>\n    </div>\n</div>\n"
    );
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
    pub paypal_url: &'a str,
    pub notice: Option<&'a str>,
    /// The active payment methods, and the one this invoice is set to.
    pub gateways: &'a [crate::gateways::Gateway],
    pub gateway: crate::gateways::Gateway,
}

pub fn invoice_not_found(lang: Lang) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n\
         <div class=\"container-fluid invoice-container\">\n<div class=\"card bg-danger\"><div class=\"card-header\"><h3 class=\"card-title\">{}</h3></div>\
         <div class=\"card-body text-center\">{}</div></div>\n</div>\n</body></html>\n",
        lang.code(),
        esc(lang.text(Text::Invoice)),
        esc(lang.text(Text::Error)),
        esc(lang.text(Text::InvoiceNotFound))
    )
}

pub fn invoice_page(p: &InvoicePage<'_>) -> String {
    let inv = p.invoice;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let money = |amount| p.account.money(amount, inv.currency);
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
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\" />\n<title>JitOps Cloud - {invoice} #{num}</title>\n<script>var csrfToken = '{token}';</script>\n</head>\n<body>\n\
         <div class=\"container-fluid invoice-container\">\n<div class=\"row invoice-header\">\n<div class=\"col-12 col-sm-6 invoice-col\"><h2>JitOps Cloud</h2><h3>{invoice} #{num}</h3></div>\n\
         <div class=\"col-12 col-sm-6 invoice-col text-center\">\n<div class=\"invoice-status\"><span class=\"{cls}\">{label}</span></div>\n",
        num = esc(&inv.number),
        token = p.token,
        cls = inv.status.page_class(),
        label = esc(lang.status(inv.status)),
        code = lang.code(),
        invoice = tr(Text::Invoice),
    );
    if matches!(inv.status, Status::Unpaid | Status::Draft) {
        let _ = write!(b, "<div class=\"small-text\">{}: {}</div>\n<div class=\"payment-btn-container d-print-none\" align=\"center\">\n", tr(Text::DueDate), inv.due.format("%d/%m/%Y"));
        if inv.status == Status::Unpaid {
            use crate::gateways::{self, Gateway};
            match p.gateway {
                Gateway::Tco => b.push_str(&payment_buttons(p)),
                Gateway::Paypal => b.push_str(&gateways::paypal_form(
                    inv,
                    p.portal_url,
                    p.paypal_url,
                    lang.text(Text::MakeOneOffPayment),
                )),
                Gateway::BankTransfer => {
                    let _ = writeln!(b, "<p>{}</p>", esc(&gateways::bank_instructions(lang, inv)));
                }
            }
        }
        b.push_str("</div>\n");
    }
    b.push_str("</div>\n</div>\n<hr>\n");
    match p.notice {
        Some("paymentsuccess") => b.push_str(&panel(
            p.theme,
            "success",
            lang.text(Text::Success),
            lang.text(Text::PaymentSuccess),
        )),
        Some("pendingreview") => b.push_str(&panel(
            p.theme,
            "info",
            lang.text(Text::Success),
            lang.text(Text::PaymentPendingReview),
        )),
        Some("paymentfailed") => b.push_str(&panel(
            p.theme,
            "danger",
            lang.text(Text::Error),
            lang.text(Text::PaymentFailed),
        )),
        _ => {}
    }
    let _ = write!(
        b,
        "<div class=\"row\"><div class=\"col-12 col-sm-6 invoice-col right\"><strong>{}</strong><address class=\"small-text\">JitOps Cloud<br />Tirana, Albania</address></div>\
         <div class=\"col-12 col-sm-6 invoice-col\"><strong>{}</strong><address class=\"small-text\">{}<br />{} {}</address></div></div>\n\
         <div class=\"row\"><div class=\"col-12 col-sm-6 invoice-col right\"><strong>{}</strong><br><span class=\"small-text\" data-role=\"paymethod-info\">{}</span></div>\
         <div class=\"col-12 col-sm-6 invoice-col\"><strong>{}</strong><br><span class=\"small-text\">{}</span></div></div>\n",
        tr(Text::PayTo),
        tr(Text::InvoicedTo),
        esc(&p.account.company),
        esc(&p.account.first_name),
        esc(&p.account.last_name),
        tr(Text::PaymentMethod),
        crate::gateways::method_cell(
            lang,
            inv,
            p.gateways,
            p.gateway,
            p.token,
            inv.status == Status::Unpaid
        ),
        tr(Text::InvoiceDate),
        inv.date.format("%d/%m/%Y")
    );
    if let Some(most) = credit_to_apply(p.account, inv) {
        b.push_str(&apply_credit_form(p, most));
    }
    if let Some(notes) = &inv.notes {
        b.push_str(&notes_panel(p.theme, lang, notes));
    }
    let _ = write!(b, "<div class=\"{card}\"><div class=\"{header}\"><h3 class=\"card-title\"><strong>{}</strong></h3></div>\n<div class=\"table-responsive\"><table class=\"{table_class}\">\n<thead><tr><td><strong>{}</strong></td><td width=\"20%\" class=\"text-center\"><strong>{}</strong></td></tr></thead>\n<tbody>\n", tr(Text::InvoiceItems), tr(Text::Description), tr(Text::Amount));
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
            money(item.amount)
        );
    }
    let total_row = |label: &str, amount| {
        format!(
            "<tr><td class=\"total-row text-right\"><strong>{}</strong></td><td class=\"total-row text-center\">{}</td></tr>\n",
            esc(label),
            money(amount)
        )
    };
    b.push_str(&total_row(lang.text(Text::SubTotal), inv.subtotal()));
    if !inv.tax_rate.is_zero() {
        b.push_str(&total_row(
            &format!("{}% VAT", inv.tax_rate.normalize()),
            inv.tax(),
        ));
    }
    b.push_str(&total_row(lang.text(Text::Credit), inv.credit));
    b.push_str(&total_row(lang.text(Text::Total), inv.total()));
    b.push_str("</tbody>\n</table></div></div>\n");
    if !inv.tax_rate.is_zero() {
        let _ = write!(b, "<p>* {}</p>\n", tr(Text::TaxedItem));
    }
    let _ = write!(b, "<div class=\"transactions-container small-text\"><div class=\"table-responsive\"><table class=\"{table_class}\">\n<thead><tr><td class=\"text-center\"><strong>{}</strong></td><td class=\"text-center\"><strong>{}</strong></td><td class=\"text-center\"><strong>{}</strong></td><td class=\"text-center\"><strong>{}</strong></td></tr></thead>\n<tbody>\n", tr(Text::TransactionDate), tr(Text::Gateway), tr(Text::TransactionId), tr(Text::Amount));
    if inv.transactions.is_empty() {
        let _ = writeln!(
            b,
            "<tr><td class=\"text-center\" colspan=\"4\">{}</td></tr>",
            tr(Text::NoTransactions)
        );
    }
    for t in &inv.transactions {
        let _ = writeln!(
            b,
            "<tr><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td></tr>",
            t.date.format("%d/%m/%Y"),
            esc(&t.gateway),
            esc(&t.id),
            money(t.amount)
        );
    }
    let _ = write!(
        b,
        "<tr><td class=\"text-right\" colspan=\"3\"><strong>{}</strong></td><td class=\"text-center\">{}</td></tr>\n</tbody>\n</table></div></div>\n\
         <div class=\"float-right btn-group btn-group-sm d-print-none\"><a href=\"javascript:window.print()\" class=\"btn btn-default\">{}</a>\
         <a href=\"dl.php?type=i&amp;id={}\" class=\"btn btn-default\">{}</a></div>\n</div>\n\
         <p class=\"text-center d-print-none\"><a href=\"clientarea.php?action=invoices\">{}</a></p>\n\
         <div id=\"fullpage-overlay\" class=\"w-hidden\"><span class=\"msg\"></span></div>\n</body>\n</html>\n",
        tr(Text::Balance),
        money(inv.balance()),
        tr(Text::Print),
        inv.id,
        tr(Text::Download),
        tr(Text::BackToClientArea),
    );
    b
}

/// The most of the account's credit that can go to `inv` (WHMCS's `$creditamount`): the
/// credit, or the invoice's balance when smaller. None when the stock page shows no form: no
/// credit in the invoice's currency, or nothing left to pay.
pub fn credit_to_apply(account: &Account, inv: &Invoice) -> Option<Decimal> {
    let (credit, currency) = account.credit?;
    (inv.status == Status::Unpaid
        && currency == inv.currency
        && credit > Decimal::ZERO
        && inv.balance() > Decimal::ZERO)
        .then(|| credit.min(inv.balance()))
}

/// The stock page's "Apply Credit" panel (`$manualapplycredit`): the credit in bold, the amount
/// filled in, posted back to the invoice page.
fn apply_credit_form(p: &InvoicePage<'_>, most: Decimal) -> String {
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let (credit, currency) = p.account.credit.unwrap_or((Decimal::ZERO, "EUR"));
    let (card, header, title, body, row, button) = match p.theme {
        Theme::TwentyOne => (
            "card bg-success",
            "card-header",
            "card-title",
            "card-body",
            "col-8 offset-2 col-sm-4 offset-sm-4",
            format!("<div class=\"input-group-append\"><button type=\"submit\" class=\"btn btn-success\" id=\"btnInvoiceAddCreditApply\">{}</button></div>", tr(Text::ApplyCredit)),
        ),
        Theme::Six => (
            "panel panel-success",
            "panel-heading",
            "panel-title",
            "panel-body",
            "col-xs-8 col-xs-offset-2 col-sm-6 col-sm-offset-3",
            format!("<span class=\"input-group-btn\"><input type=\"submit\" value=\"{}\" class=\"btn btn-success\" /></span>", tr(Text::ApplyCredit)),
        ),
    };
    format!(
        "<div class=\"{card}\"><div class=\"{header}\"><h3 class=\"{title}\"><strong>{}</strong></h3></div><div class=\"{body}\">\
         <form method=\"post\" action=\"viewinvoice.php?id={}\"><input type=\"hidden\" name=\"token\" value=\"{}\" /><input type=\"hidden\" name=\"applycredit\" value=\"true\" />\
         {} <strong>{}</strong>. {}. {}:\
         <div class=\"row\"><div class=\"{row}\"><div class=\"input-group\"><input type=\"text\" name=\"creditamount\" value=\"{}\" class=\"form-control\" />{button}</div></div></div>\
         </form></div></div>\n",
        tr(Text::ApplyCredit),
        p.invoice.id,
        esc(p.token),
        tr(Text::CreditBalanceIs),
        p.account.money(credit, currency),
        tr(Text::CreditCanBeApplied),
        tr(Text::CreditAmountToApply),
        most.round_dp(2),
    )
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
    let lang = p.account.language;
    let _ = write!(
        b,
        "<input type=\"submit\" value=\"{}\" class=\"btn btn-success\" />\n</form>\n",
        esc(lang.text(Text::MakeOneOffPayment))
    );
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
        let _ = write!(
            b,
            "<input type=\"submit\" value=\"{}\" class=\"btn btn-primary\" />\n</form>\n",
            esc(lang.text(Text::CreateSubscription))
        );
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

/// `clientareaaddfunds.tpl`: the limits (minimum, maximum, maximum balance), then the form
/// (amount, payment method); a refusal above it.
pub fn add_funds_body(
    theme: Theme,
    account: &Account,
    token: &str,
    gateways: &[crate::gateways::Gateway],
    error: Option<&str>,
) -> String {
    use crate::data::{ADD_FUNDS_MAXIMUM, ADD_FUNDS_MAXIMUM_BALANCE, ADD_FUNDS_MINIMUM};
    let lang = account.language;
    let tr = |t: Text| esc(lang.text(t));
    let money = |amount| account.money(amount, account.currency());
    let (card, body, footer, offset) = match theme {
        Theme::TwentyOne => ("card", "card-body", "card-footer", "col-md-8 offset-md-2"),
        Theme::Six => (
            "panel panel-default",
            "panel-body",
            "panel-footer",
            "col-md-8 col-md-offset-2",
        ),
    };
    let mut b = String::new();
    if let Some(e) = error {
        let _ = writeln!(
            b,
            "<div class=\"alert alert-danger text-center\"><ul><li>{}</li></ul></div>",
            esc(e)
        );
    }
    let _ = write!(
        b,
        "<div class=\"row\"><div class=\"{offset}\"><div class=\"{card}\"><table class=\"table table-striped\"><tbody>\
         <tr><td class=\"textright\"><strong>{}</strong></td><td>{}</td></tr>\
         <tr><td class=\"textright\"><strong>{}</strong></td><td>{}</td></tr>\
         <tr><td class=\"textright\"><strong>{}</strong></td><td>{}</td></tr>\
         </tbody></table></div></div>\n<div class=\"{offset}\"><div class=\"{card}\"><div class=\"{body}\">",
        tr(Text::AddFundsMinimum),
        money(ADD_FUNDS_MINIMUM),
        tr(Text::AddFundsMaximum),
        money(ADD_FUNDS_MAXIMUM),
        tr(Text::AddFundsMaximumBalance),
        money(ADD_FUNDS_MAXIMUM_BALANCE),
    );
    b.push_str(&post_form("clientarea.php?action=addfunds", "", token));
    let _ = write!(
        b,
        "<fieldset><div class=\"form-group\"><label for=\"amount\" class=\"col-form-label\">{}:</label>\
         <input type=\"text\" name=\"amount\" id=\"amount\" value=\"\" class=\"form-control\" required /></div>\
         <div class=\"form-group\"><label for=\"paymentmethod\" class=\"col-form-label\">{}:</label><br/>\
         <select name=\"paymentmethod\" id=\"paymentmethod\" class=\"form-control custom-select\">",
        tr(Text::AddFundsAmount),
        tr(Text::OrderPaymentMethod),
    );
    for g in gateways {
        let _ = write!(
            b,
            "<option value=\"{}\">{}</option>",
            g.module(),
            esc(g.name(lang))
        );
    }
    let _ = write!(
        b,
        "</select></div><button type=\"submit\" class=\"btn btn-primary btn-block\">{}</button></fieldset></form></div>\
         <div class=\"{footer}\"><small>{}</small></div></div></div></div>\n",
        tr(Text::AddFunds),
        tr(Text::AddFundsNonRefundable),
    );
    b
}

pub fn masspay_body(
    account: &Account,
    token: &str,
    gateways: &[crate::gateways::Gateway],
    error: Option<&str>,
) -> String {
    let unpaid: Vec<&Invoice> = account
        .invoices
        .iter()
        .filter(|i| i.status == Status::Unpaid)
        .collect();
    let lang = account.language;
    let mut b = error.map(|e| alert("danger", e)).unwrap_or_default();
    b.push_str(&post_form(
        "clientarea.php?action=masspay",
        " id=\"frmMassPay\"",
        token,
    ));
    let _ = write!(b, "<input type=\"hidden\" name=\"geninvoice\" value=\"true\" />\n<table class=\"table\">\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n", esc(lang.text(Text::Description)), esc(lang.text(Text::Amount)));
    for inv in &unpaid {
        let _ = writeln!(
            b,
            "<input type=\"hidden\" name=\"invoiceids[]\" value=\"{}\" />\n<tr class=\"masspay-invoice-detail\"><td>{} #{}</td><td>{}</td></tr>",
            inv.id,
            esc(lang.text(Text::Invoice)),
            esc(&inv.number),
            account.money(inv.balance(), inv.currency)
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
            "<tr class=\"masspay-total\"><td class=\"text-right\">{}</td><td>{}</td></tr>",
            esc(lang.text(Text::TotalDue)),
            account.money(sum, c)
        );
    }
    b.push_str("</tbody>\n</table>\n");
    b.push_str(&crate::gateways::masspay_choices(lang, gateways));
    let _ = write!(
        b,
        "<input type=\"submit\" value=\"{}\" class=\"btn btn-primary\" />\n</form>\n",
        esc(lang.text(Text::MakePayment))
    );
    b
}
