//! Owns one invoice's page as the stock themes write it (`viewinvoice.tpl`): its status, items
//! and totals, the payment area with the gateway's buttons, the offer to apply credit, notes.

use crate::data::{Account, Invoice, Status};
use crate::funding_pages::one_off_fields;
use crate::html::*;
use crate::lang::{Lang, Text};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt::Write;

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
    let mut b = String::new();
    let _ = write!(
        b,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\" />\n<title>JitOps Cloud - {invoice} #{num}</title>\n<script>var csrfToken = '{token}';</script>\n</head>\n<body>\n\
         <div class=\"container-fluid invoice-container\">\n<div class=\"row invoice-header\">\n<div class=\"col-12 col-sm-6 invoice-col\"><h2>JitOps Cloud</h2><h3>{invoice} #{num}</h3></div>\n\
         <div class=\"col-12 col-sm-6 invoice-col text-center\">\n<div class=\"invoice-status\"><span class=\"{cls}\">{label}</span></div>\n",
        num = esc(&inv.number),
        token = p.token,
        cls = inv.status.page_class(),
        label = esc(inv.status.name(lang)),
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
    if let Some(most) = crate::data::credit_to_apply(p.account, inv) {
        b.push_str(&apply_credit_form(p, most));
    }
    if let Some(notes) = &inv.notes {
        b.push_str(&notes_panel(p.theme, lang, notes));
    }
    b.push_str(&items_table(p));
    b.push_str(&transactions_and_actions(p));
    b
}

/// The classes of a card and of its table, in each theme.
fn look(theme: Theme) -> (&'static str, &'static str, &'static str) {
    match theme {
        Theme::TwentyOne => ("card bg-default", "card-header", "table table-sm"),
        Theme::Six => (
            "panel panel-default",
            "panel-heading",
            "table table-condensed",
        ),
    }
}

/// The items (a taxed one marked), then the total rows ending in the total.
fn items_table(p: &InvoicePage<'_>) -> String {
    let inv = p.invoice;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let money = |amount| p.account.money(amount, inv.currency);
    let (card, header, table_class) = look(p.theme);
    let mut b = String::new();
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
    b
}

/// The transactions ending in the balance, then print and download.
fn transactions_and_actions(p: &InvoicePage<'_>) -> String {
    let inv = p.invoice;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let money = |amount| p.account.money(amount, inv.currency);
    let (_, _, table_class) = look(p.theme);
    let mut b = String::new();
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
