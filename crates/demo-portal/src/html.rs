//! Owns what every demo portal page shares: the two stock themes ("twenty-one" and "six"), the
//! page around a body (`layout`), escaping, forms with their token, alerts and panels. The pages
//! themselves live in `sign_in_pages`, `invoice_pages` and `quote_pages`, written from the
//! stock templates' documented classes, ids, fields and texts.

use crate::data::Account;
use crate::lang::{Lang, Text};
pub use crate::theme::Theme;
use std::fmt::Write;

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
    pub lang: Lang,
    /// Extra markup for the head (a captcha provider's script).
    pub head: &'a str,
}

/// Every stock page's footer includes the password generator's dialog, whose hidden
/// `alert-danger` has text: a client that reads "the first danger alert" is wrong on every page.
const GENERATE_PASSWORD_DIALOG: &str = "<form action=\"#\" id=\"frmGeneratePassword\"><div class=\"modal fade\" id=\"modalGeneratePassword\"><div class=\"modal-dialog\"><div class=\"modal-content\">\
<div class=\"modal-header bg-primary text-white\"><h4 class=\"modal-title\">Generate Password</h4></div>\
<div class=\"modal-body\"><div class=\"alert alert-danger w-hidden\" id=\"generatePwLengthError\">Please enter a number between 8 and 64 for the password length</div>\
<input type=\"number\" min=\"8\" max=\"64\" value=\"12\" id=\"inputGeneratePasswordLength\"><input type=\"text\" id=\"inputGeneratePasswordOutput\"></div></div></div></div></form>\n";

pub fn layout(c: &Chrome<'_>, body: &str) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n<title>{} - JitOps Cloud (demo)</title>\n<script>var csrfToken = '{}', whmcsBaseUrl = '';</script>\n{}</head>\n<body>\n",
        c.lang.code(),
        esc(c.title),
        c.token,
        c.head
    );
    let logout = esc(c.lang.text(Text::Logout));
    match (c.theme, c.account) {
        (Theme::TwentyOne, Some(a)) => {
            let _ = write!(
                page,
                "<header id=\"header\" class=\"header\">\n<div class=\"topbar\"><div class=\"container\"><div class=\"d-flex\">\
                 <span>Logged in as: <a href=\"clientarea.php?action=details\">{} {}</a></span> \
                 <a href=\"logout.php\" class=\"btn btn-active-client\">{logout}</a></div></div></div>\n</header>\n",
                esc(&a.first_name),
                esc(&a.last_name)
            );
        }
        (Theme::Six, Some(a)) => {
            let _ = write!(
                page,
                "<section id=\"header\"><div class=\"container\"><ul class=\"top-nav\">\
                 <li><a href=\"clientarea.php?action=details\">Hello, {}!</a></li>\
                 <li><a href=\"logout.php\">{logout}</a></li></ul></div></section>\n",
                esc(&a.first_name)
            );
        }
        (_, None) => {
            let _ = write!(
                page,
                "<header id=\"header\" class=\"header\"><a href=\"index.php?rp=/login\">{}</a></header>\n",
                esc(c.lang.text(Text::LoginTitle))
            );
        }
    }
    page.push_str(&crate::chrome::navigation(c.theme, c.account.is_some()));
    let _ = write!(
        page,
        "<section id=\"main-body\"><div class=\"container\">\n<h1>{}</h1>\n{body}\n</div></section>\n<section id=\"footer\">{GENERATE_PASSWORD_DIALOG}{}</section>\n</body>\n</html>\n",
        esc(c.title),
        crate::chrome::language_chooser()
    );
    page
}

pub fn alert(kind: &str, text: &str) -> String {
    format!(
        "<div class=\"alert alert-{kind} text-center\">{}</div>\n",
        esc(text)
    )
}

/// The notes' info panel: WHMCS writes them with their line breaks as <br />.
pub(crate) fn notes_panel(theme: Theme, lang: Lang, notes: &str) -> String {
    let body = notes.lines().map(esc).collect::<Vec<_>>().join("<br />\n");
    panel_html(theme, "info", lang.text(Text::Notes), &body, false)
}

/// The stock `includes/panel.tpl` of each theme (a notice's text centred, notes not).
pub(crate) fn panel(theme: Theme, kind: &str, title: &str, text: &str) -> String {
    panel_html(theme, kind, title, &esc(text), true)
}

pub(crate) fn panel_html(
    theme: Theme,
    kind: &str,
    title: &str,
    body: &str,
    center: bool,
) -> String {
    let center = if center { " text-center" } else { "" };
    match theme {
        Theme::TwentyOne => format!(
            "<div class=\"row w-100 mx-auto mb-3\"><div class=\"card w-100\"><div class=\"card-title py-1 px-2 text-white font-weight-bold bg-{kind}\">{}</div><div class=\"card-text{center} mx-2 mb-3\">{body}</div></div></div>\n",
            esc(title),
        ),
        Theme::Six => format!(
            "<div class=\"panel panel-{kind}\"><div class=\"panel-heading\"><h3 class=\"panel-title\"><strong>{}</strong></h3></div><div class=\"panel-body{center}\">{body}</div></div>\n",
            esc(title),
        ),
    }
}
