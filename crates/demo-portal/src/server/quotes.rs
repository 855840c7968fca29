//! The client area's quotes as WHMCS serves them: the list, a quote's own page, accepting it
//! (the terms agreed, or the page again saying they must be) and its PDF.

use super::*;
use crate::quote_pages::{self, QuotePage};

pub(crate) fn quote_list(shared: &Shared, v: &Visit) -> Response {
    let theme = shared.theme;
    signed_in_page(shared, v, Text::MyQuotes, |a| {
        quote_pages::quote_list_body(theme, a)
    })
}

fn quote_id(q: &Fields) -> Option<u64> {
    q.get("id").and_then(|id| id.trim().parse().ok())
}

/// The quote's page for the signed-in client, or the stock error page for another's or none.
fn quote_page(shared: &Shared, v: &Visit, id: Option<u64>, agree_required: bool) -> Response {
    let user = v.user.clone().unwrap_or_default();
    let accounts = shared.accounts.lock().unwrap();
    let account = accounts.iter().find(|a| a.email == user);
    let quote = account.and_then(|a| a.quotes.iter().find(|q| Some(q.id) == id));
    match (account, quote) {
        (Some(account), Some(quote)) => page(
            quote_pages::quote_page(&QuotePage {
                theme: shared.theme,
                quote,
                account,
                token: &v.token,
                agree_required,
                terms_url: &format!("{}terms-of-service.php", shared.portal_url),
            }),
            v.cookie(shared),
        ),
        _ => page(
            invoice_pages::invoice_not_found(shared.language),
            v.cookie(shared),
        ),
    }
}

pub(crate) async fn viewquote(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let v = visit(&shared, &headers);
    if v.user.is_none() {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    }
    quote_page(&shared, &v, quote_id(&q), false)
}

/// "Accept Quote": without `agreetos` the page again with the terms' error; with it, the quote
/// Accepted and the invoice it becomes opened (WHMCS redirects there).
pub(crate) async fn viewquote_post(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    let Some(user) = v.user.clone() else {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    };
    let id = quote_id(&q);
    if q.get("action").map(String::as_str) != Some("accept") {
        return quote_page(&shared, &v, id, false);
    }
    if !fields.contains_key("agreetos") {
        return quote_page(&shared, &v, id, true);
    }
    let made = {
        let mut accounts = shared.accounts.lock().unwrap();
        let next = 60_000
            + accounts
                .iter()
                .flat_map(|a| a.quotes.iter())
                .filter(|q| q.invoice.is_some_and(|i| i >= 60_000))
                .count() as u64;
        accounts
            .iter_mut()
            .find(|a| a.email == user)
            .and_then(|a| crate::quotes::accept(a, id?, next, shared.today))
    };
    match made {
        Some(invoice) => redirect(&format!("viewinvoice.php?id={invoice}"), None),
        None => quote_page(&shared, &v, id, false),
    }
}

/// `dl.php?type=q&id=N`: the quote as a PDF.
pub(crate) fn quote_pdf(shared: &Shared, user: &str, q: &Fields) -> Response {
    let accounts = shared.accounts.lock().unwrap();
    let found = accounts.iter().find(|a| a.email == user).and_then(|a| {
        let id = quote_id(q)?;
        a.quotes.iter().find(|x| x.id == id).map(|x| (a, x))
    });
    let Some((account, quote)) = found else {
        return page(invoice_pages::invoice_not_found(shared.language), None);
    };
    let mut lines = vec![
        format!("Recipient: {} {}", account.first_name, account.last_name),
        format!("Subject: {}", quote.subject),
        format!("Date created: {}", quote.created.format("%d/%m/%Y")),
        format!("Valid until: {}", quote.valid_until.format("%d/%m/%Y")),
        String::new(),
    ];
    for item in &quote.items {
        lines.push(format!(
            "{}  {}",
            item.description,
            data::money(item.amount(), quote.currency)
        ));
    }
    lines.push(String::new());
    lines.push(format!(
        "Total: {}",
        data::money(quote.total(), quote.currency)
    ));
    pdf_download(
        &format!("JitOps Cloud - Quote #{}", quote.id),
        &format!("Quote-{}.pdf", quote.id),
        &lines,
    )
}

pub(crate) async fn terms_of_service(State(shared): State<Arc<Shared>>) -> Response {
    page(quote_pages::terms_page(shared.language), None)
}
