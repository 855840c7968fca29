//! Owns the pages that pay or fund outside one invoice's page, as WHMCS writes them: the gateway's
//! hop to the processor (its fields and the self-submitting form), add funds
//! (`clientareaaddfunds.tpl`) and the mass payment (`masspay.tpl`).

use crate::data::{Account, Invoice, Status};
use crate::html::*;
use crate::lang::Text;
use std::fmt::Write;

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
