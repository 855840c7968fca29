//! Owns the demo portal's quote pages in both stock themes: the list (`clientareaquotes.tpl`,
//! inside the client area) and a quote on its own page (`viewquote.tpl`, with the "Accept Quote"
//! dialog and its terms), written from the templates' structure.

use crate::data::Account;
use crate::html::{esc, panel_html, post_form, Theme};
use crate::lang::Text;
use crate::quotes::Quote;
use std::fmt::Write;

/// The quotes table: number, subject, created and valid-until dates (each with its ISO form in a
/// hidden span, as the stock list sorts them), the stage's label and a download form.
pub fn quote_list_body(theme: Theme, account: &Account) -> String {
    let lang = account.language;
    let tr = |t: Text| esc(lang.text(t));
    let (hidden, table_class) = match theme {
        Theme::TwentyOne => ("w-hidden", "table table-list w-hidden"),
        Theme::Six => ("hidden", "table table-list"),
    };
    let mut b = String::new();
    let _ = write!(
        b,
        "<div class=\"table-container clearfix\">\n<table id=\"tableQuotesList\" class=\"{table_class}\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>&nbsp;</th></tr></thead>\n<tbody>\n",
        tr(Text::QuoteNumber),
        tr(Text::QuoteSubject),
        tr(Text::QuoteDateCreated),
        tr(Text::QuoteValidUntil),
        tr(Text::QuoteStage),
    );
    for q in &account.quotes {
        let download_form = match theme {
            Theme::TwentyOne => "<form method=\"post\" action=\"dl.php\">",
            Theme::Six => "<form method=\"submit\" action=\"dl.php\">",
        };
        let _ = write!(
            b,
            "<tr onclick=\"clickableSafeRedirect(event, 'viewquote.php?id={id}', true)\"><td>{id}</td><td>{}</td>\
             <td><span class=\"{hidden}\">{}</span>{}</td><td><span class=\"{hidden}\">{}</span>{}</td>\
             <td><span class=\"label status status-{}\">{}</span></td>\
             <td class=\"text-center\">{download_form}<input type=\"hidden\" name=\"type\" value=\"q\" /><input type=\"hidden\" name=\"id\" value=\"{id}\" />\
             <button type=\"submit\" class=\"btn btn-default btn-sm\"><i class=\"fas fa-download\"></i> {}</button></form></td></tr>\n",
            esc(&q.subject),
            q.created.format("%Y-%m-%d"),
            q.created.format("%d/%m/%Y"),
            q.valid_until.format("%Y-%m-%d"),
            q.valid_until.format("%d/%m/%Y"),
            q.stage.list_class(),
            esc(q.stage.name(lang)),
            tr(Text::QuoteDownload),
            id = q.id,
        );
    }
    b.push_str("</tbody>\n</table>\n</div>\n");
    b
}

pub struct QuotePage<'a> {
    pub theme: Theme,
    pub quote: &'a Quote,
    pub account: &'a Account,
    pub token: &'a str,
    /// "Accept" was sent without the terms agreed: the page says so above the details.
    pub agree_required: bool,
    pub terms_url: &'a str,
}

/// A quote's page: its stage, the accept button while it may be accepted, the recipient, the
/// two dates, the proposal, the items with their discounts and the totals, the notes, the PDF
/// link, and the acceptance dialog (a form with the terms' checkbox).
pub fn quote_page(p: &QuotePage<'_>) -> String {
    let q = p.quote;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let Look {
        right,
        print_hidden,
        ..
    } = look(p.theme);
    let mut b = String::new();
    let _ = write!(
        b,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\" />\n<title>JitOps Cloud - {quote}{id}</title>\n</head>\n<body>\n\
         <div class=\"container-fluid invoice-container\">\n<div class=\"row\">\n<div class=\"col-sm-7\"><h2>JitOps Cloud</h2><h3>{quote}{id}</h3></div>\n\
         <div class=\"col-sm-5 text-center\">\n<div class=\"invoice-status\"><span class=\"{cls}\">{label}</span></div>\n",
        code = lang.code(),
        quote = tr(Text::QuoteNumber),
        id = q.id,
        cls = q.stage.page_class(),
        label = esc(q.stage.name(lang)),
    );
    if q.stage.may_accept() {
        let _ = writeln!(
            b,
            "<div class=\"payment-btn-container\" align=\"center\"><button type=\"button\" class=\"btn btn-success\" data-toggle=\"modal\" data-target=\"#acceptQuoteModal\"><i class=\"fas fa-check-circle\"></i> {}</button></div>",
            tr(Text::QuoteAcceptButton)
        );
    }
    b.push_str("</div>\n</div>\n<hr>\n");
    if p.agree_required {
        b.push_str(&panel_html(
            p.theme,
            "danger",
            lang.text(Text::Error),
            &tr(Text::OrderErrorAcceptTos),
            true,
        ));
    }
    b.push_str(&parties(p));
    if let Some(proposal) = &q.proposal {
        b.push_str(&panel_html(
            p.theme,
            "warning",
            lang.text(Text::QuoteProposal),
            &esc(proposal),
            false,
        ));
    }
    b.push_str(&lines_table(p));
    if let Some(notes) = &q.notes {
        b.push_str(&crate::html::notes_panel(p.theme, lang, notes));
    }
    if !q.tax_rate.is_zero() {
        let _ = writeln!(b, "<p>* {}</p>", tr(Text::TaxedItem));
    }
    let _ = write!(
        b,
        "<div class=\"{right} btn-group btn-group-sm {print_hidden}\"><a href=\"javascript:window.print()\" class=\"btn btn-default\"><i class=\"fas fa-print\"></i> {}</a>\
         <a href=\"dl.php?type=q&amp;id={}\" class=\"btn btn-default\"><i class=\"fas fa-download\"></i> {}</a></div>\n</div>\n\
         <p class=\"text-center {print_hidden}\"><a href=\"clientarea.php\">{}</a></p>\n",
        tr(Text::Print),
        q.id,
        tr(Text::Download),
        tr(Text::BackToClientArea),
    );
    b.push_str(&accept_dialog(p));
    b
}

/// Who the quote is for and from, and its dates.
fn parties(p: &QuotePage<'_>) -> String {
    let q = p.quote;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let Look { col, .. } = look(p.theme);
    let mut b = String::new();
    let a = p.account;
    let _ = write!(
        b,
        "<div class=\"row\"><div class=\"{col}\"><strong>{}:</strong><address class=\"small-text\">{}<br />{} {}</address></div>\
         <div class=\"{col} text-right\"><strong>{}:</strong><address class=\"small-text\">JitOps Cloud<br />Tirana, Albania</address></div></div>\n\
         <div class=\"row\"><div class=\"{col}\"><strong>{}:</strong><br><span class=\"small-text\">{}<br /><br /></span></div>\
         <div class=\"{col} text-right\"><strong>{}:</strong><br><span class=\"small-text\">{}<br /><br /></span></div></div>\n<br />\n",
        tr(Text::QuoteRecipient),
        esc(&a.company),
        esc(&a.first_name),
        esc(&a.last_name),
        tr(Text::PayTo),
        tr(Text::QuoteDateCreated),
        q.created.format("%d/%m/%Y"),
        tr(Text::QuoteValidUntil),
        q.valid_until.format("%d/%m/%Y"),
    );
    b
}

/// The items table: each line with its discount, then the total rows.
fn lines_table(p: &QuotePage<'_>) -> String {
    let q = p.quote;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let money = |amount| p.account.money(amount, q.currency);
    let Look {
        card,
        header,
        body,
        table_class,
        ..
    } = look(p.theme);
    let mut b = String::new();
    let _ = write!(
        b,
        "<div class=\"{card}\"><div class=\"{header}\"><h3 class=\"card-title\"><strong>{}</strong></h3></div><div class=\"{body}\"><div class=\"table-responsive\"><table class=\"{table_class}\">\n\
         <thead><tr><td><strong>{}</strong></td><td class=\"text-center\"><strong>{}</strong></td><td width=\"20%\" class=\"text-center\"><strong>{}</strong></td></tr></thead>\n<tbody>\n",
        tr(Text::QuoteLineItems),
        tr(Text::Description),
        tr(Text::QuoteDiscount),
        tr(Text::Amount),
    );
    for item in &q.items {
        let discount = if item.discount_pc > rust_decimal::Decimal::ZERO {
            format!(
                "{} ({}%)",
                money(item.discount()),
                item.discount_pc.normalize()
            )
        } else {
            " - ".to_owned()
        };
        let _ = writeln!(
            b,
            "<tr><td>{}{}</td><td class=\"text-center\">{}</td><td class=\"text-center\">{}</td></tr>",
            esc(&item.description),
            if item.taxed && !q.tax_rate.is_zero() { " *" } else { "" },
            discount,
            money(item.amount()),
        );
    }
    let total_row = |label: &str, amount| {
        format!(
            "<tr><td colspan=\"2\" class=\"total-row text-right\"><strong>{label}</strong></td><td class=\"total-row text-center\">{}</td></tr>\n",
            money(amount)
        )
    };
    b.push_str(&total_row(&tr(Text::SubTotal), q.subtotal()));
    if !q.tax_rate.is_zero() {
        b.push_str(&total_row(
            &format!("{}% VAT", q.tax_rate.normalize()),
            q.tax(),
        ));
    }
    b.push_str(&total_row(&tr(Text::Total), q.total()));
    b.push_str("</tbody>\n</table></div></div></div>\n");
    b
}

/// The acceptance dialog: closed until the button opens it, with the terms' agreement.
fn accept_dialog(p: &QuotePage<'_>) -> String {
    let q = p.quote;
    let lang = p.account.language;
    let tr = |t: Text| esc(lang.text(t));
    let mut b = String::new();
    // The dialog: closed until the button opens it; the checkbox is the terms' agreement.
    let (check_label, check_input) = match p.theme {
        Theme::TwentyOne => (
            "form-check form-check-inline",
            "<input type=\"checkbox\" class=\"form-check-input\" name=\"agreetos\" />",
        ),
        Theme::Six => (
            "checkbox-inline",
            "<input type=\"checkbox\" name=\"agreetos\" />",
        ),
    };
    let _ = write!(
        b,
        "{}<div class=\"modal fade\" id=\"acceptQuoteModal\"><div class=\"modal-dialog\"><div class=\"modal-content\">\
         <div class=\"modal-header\"><h4 class=\"modal-title\">{}</h4></div>\
         <div class=\"modal-body\"><p>{}</p><p class=\"text-center\"><label class=\"{check_label}\" id=\"quoteAcceptAgreeTos\">{check_input} {} <a href=\"{}\" target=\"_blank\">{}</a></label></p>\
         <small>{}</small></div>\
         <div class=\"modal-footer\"><button type=\"button\" class=\"btn btn-default\" data-dismiss=\"modal\">{}</button><button type=\"submit\" class=\"btn btn-primary\">{}</button></div>\
         </div></div></div>\n</form>\n</body>\n</html>\n",
        post_form(
            &format!("viewquote.php?id={}&action=accept", q.id),
            "",
            p.token
        ),
        tr(Text::QuoteAcceptButton),
        tr(Text::QuoteAcceptAgreeTos),
        tr(Text::OrderTosAgreement),
        esc(p.terms_url),
        tr(Text::OrderTos),
        tr(Text::QuoteAcceptContractWarning),
        tr(Text::Cancel),
        tr(Text::QuoteAcceptButton),
    );
    b
}

/// The classes the two themes give the same parts of a quote's page.
struct Look {
    col: &'static str,
    card: &'static str,
    header: &'static str,
    body: &'static str,
    table_class: &'static str,
    right: &'static str,
    print_hidden: &'static str,
}

fn look(theme: Theme) -> Look {
    let (col, card, header, body, table_class, right, print_hidden) = match theme {
        Theme::TwentyOne => (
            "col-6",
            "card bg-default mb-3",
            "card-header",
            "card-body",
            "table table-sm",
            "float-right",
            "d-print-none",
        ),
        Theme::Six => (
            "col-xs-6",
            "panel panel-default",
            "panel-heading",
            "panel-body",
            "table table-condensed",
            "pull-right",
            "hidden-print",
        ),
    };
    Look {
        col,
        card,
        header,
        body,
        table_class,
        right,
        print_hidden,
    }
}

/// The terms of service page a quote's dialog links to (a portal's admin sets its address).
pub fn terms_page(lang: crate::lang::Lang) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><h1>{}</h1>\
         <p>JitOps Cloud (demo). Services are billed in advance; quotes are valid until the date they show.</p></body></html>\n",
        lang.code(),
        esc(lang.text(Text::TermsOfService)),
        esc(lang.text(Text::TermsOfService)),
    )
}
