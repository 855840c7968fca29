//! Owns reading the client area's pages: pure functions from HTML (and the URL it came from) to
//! what the page says, for both stock themes ("twenty-one" and "six"). One module per kind of
//! page; this one holds what they share (forms, what a person sees, the whole-page check).
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

mod add_funds;
mod collapsed;
mod dashboard;
mod invoice;
mod invoice_list;
mod list_cells;
mod list_tokens;
mod mass_pay;
mod quotes;
mod sign_in;

pub use add_funds::*;
use collapsed::{text_of, CollapsedText};
pub use dashboard::*;
pub use invoice::*;
pub use invoice_list::*;
pub use mass_pay::*;
pub use quotes::*;
pub use sign_in::*;

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("static selector")
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

/// The `.invoice-container` of an invoice or quote page and the status it draws (both stock
/// pages share the layout). A page showing an error panel instead is `NotFound` (a wrong id,
/// or another client's).
fn document_status<'a>(
    doc: &'a Html,
    url: &Url,
    what: &str,
) -> Result<(ElementRef<'a>, ElementRef<'a>)> {
    let container = doc
        .select(&sel(".invoice-container"))
        .next()
        .ok_or_else(|| PortalError::unexpected(url, format!("the {what} container")))?;
    let Some(status) = container.select(&sel(".invoice-status span")).next() else {
        if container
            .select(&sel(".card, .panel, .alert"))
            .next()
            .is_some()
        {
            return Err(PortalError::NotFound);
        }
        return Err(PortalError::unexpected(url, format!("the {what}'s status")));
    };
    Ok((container, status))
}

/// The number after `marker` in `text` (`viewinvoice.php?id=` in a row's link).
fn id_after(text: &str, marker: &str) -> Option<u64> {
    // A plain look at each place: the text is a short attribute, where building a substring
    // searcher (as `str::find` does) costs more than the search.
    let at = text
        .as_bytes()
        .windows(marker.len())
        .position(|here| here == marker.as_bytes())?;
    let rest = &text[at + marker.len()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest[..digits].parse().ok()
}

/// The stock `includes/panel.tpl` panels of `kind` (`info`, `warning`, `danger`...) within
/// `scope`, each with its body: "six" writes `.panel.panel-{kind}` with a `.panel-body`,
/// "twenty-one" a card whose title has `bg-{kind}` and whose text follows. Known by class, in
/// any language.
fn stock_panels<'a>(scope: ElementRef<'a>, kind: &str) -> Vec<(ElementRef<'a>, ElementRef<'a>)> {
    let mut found = vec![];
    for el in scope.descendants().filter_map(ElementRef::wrap) {
        let v = el.value();
        let has = |class: &str| v.classes().any(|c| c == class);
        let body = if has("panel") && has(&format!("panel-{kind}")) {
            el.select(&sel(".panel-body")).next()
        } else if has("card-title") && has(&format!("bg-{kind}")) {
            el.parent()
                .and_then(ElementRef::wrap)
                .and_then(|card| card.select(&sel(".card-text")).next())
        } else {
            None
        };
        if let Some(body) = body {
            found.push((el, body));
        }
    }
    found
}

/// Whether `a` comes before `b` in the page.
fn precedes(a: ElementRef<'_>, b: ElementRef<'_>) -> bool {
    for node in a.tree().root().descendants() {
        if node.id() == a.id() {
            return true;
        }
        if node.id() == b.id() {
            return false;
        }
    }
    false
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

/// The page's tree, or why it is not built: it nests deeper than [`depth::MAX_DEPTH`]
/// (building such a tree is what a hostile page would make slow), it has more elements than
/// [`depth::MAX_ELEMENTS`] (such a tree would fill the memory), or its reading ran out of time
/// (`parse_budget`).
fn document(html: &str, url: &Url) -> Result<Html> {
    readable(&crate::depth::scan(html), url)?;
    crate::parse_budget::build_tree(html)
        .ok_or_else(|| PortalError::PageTooLarge { url: url.clone() })
}

/// Whether a page's tree may be built or read, by its scan (which stops early on a page too
/// deep, too large, or read past its deadline).
fn readable(scan: &crate::depth::PageScan, url: &Url) -> Result<()> {
    if scan.deepest > crate::depth::MAX_DEPTH {
        Err(too_deep(url))
    } else if scan.elements > crate::depth::MAX_ELEMENTS || crate::parse_budget::overrun() {
        Err(PortalError::PageTooLarge { url: url.clone() })
    } else {
        Ok(())
    }
}

/// The page's tree, only when the page arrived whole (it closes its `html` element): half a
/// list would silently leave invoices out, half an invoice its totals.
fn whole_document(html: &str, url: &Url) -> Result<Html> {
    ends_whole(html, url)?;
    document(html, url)
}

/// A page cut short (a dropped connection, a proxy's limit) would hide what it did not bring:
/// its end (`</html>`) must be there.
fn ends_whole(html: &str, url: &Url) -> Result<()> {
    let tail_start = html.len().saturating_sub(4096);
    let tail_start = (tail_start..html.len())
        .find(|i| html.is_char_boundary(*i))
        .unwrap_or(html.len());
    if html[tail_start..].to_ascii_lowercase().contains("</html") {
        Ok(())
    } else {
        Err(PortalError::unexpected(url, "a whole page (it ends early)"))
    }
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

/// The first form of a hop page (a page that submits itself to the next address).
pub fn first_form(html: &str, url: &Url) -> Result<Option<FormRequest>> {
    let doc = document(html, url)?;
    doc.select(&sel("form"))
        .next()
        .map(|f| read_form(f, url))
        .transpose()
}
