//! Owns the signed-in overview pages as the stock themes write them: the client area's dashboard
//! (its unpaid and overdue counts) and the invoice list (`clientareainvoices.tpl`).

use crate::data::{Account, Invoice, Status};
use crate::html::*;
use crate::lang::Text;
use chrono::NaiveDate;
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

/// The accountant's 2,000-invoice list, whole, as the portal serves it in `theme` on `today`
/// (read without a server by the parsing benchmark and tests).
pub fn accountants_list_page(theme: Theme, today: NaiveDate) -> String {
    let account = crate::people::accountant(today);
    let chrome = Chrome {
        theme,
        title: "My Invoices",
        token: "0123456789abcdef0123456789abcdef01234567",
        account: Some(&account),
        lang: crate::Lang::En,
        head: "",
    };
    layout(&chrome, &invoice_list_body(theme, &account))
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
            inv.status.name(lang),
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
