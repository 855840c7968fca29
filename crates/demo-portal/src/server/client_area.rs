//! The client area as WHMCS serves it once signed in: the dashboard, the invoice list and
//! pages, payment methods, credit, add funds, PDFs, mass payment.

use super::*;

pub(crate) fn signed_in_page(
    shared: &Shared,
    v: &Visit,
    title: Text,
    body: impl FnOnce(&Account) -> String,
) -> Response {
    let user = v.user.clone().unwrap_or_default();
    let accounts = shared.accounts.lock().unwrap();
    let Some(account) = accounts.iter().find(|a| a.email == user) else {
        return redirect("index.php?rp=/login", v.cookie(shared));
    };
    let chrome = Chrome {
        theme: shared.theme,
        title: account.language.text(title),
        token: &v.token,
        account: Some(account),
        lang: account.language,
        head: "",
    };
    page(html::layout(&chrome, &body(account)), v.cookie(shared))
}

pub(crate) async fn clientarea(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = banned(&shared, addr.ip()) {
        return r;
    }
    let v = visit(&shared, &headers);
    if v.user.is_none() {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    }
    let theme = shared.theme;
    let today = shared.today;
    match q.get("action").map(String::as_str) {
        Some("quotes") => quote_list(&shared, &v),
        Some("invoices") => signed_in_page(&shared, &v, Text::MyInvoices, |a| {
            overview_pages::invoice_list_body(theme, a)
        }),
        Some("masspay") => {
            let token = v.token.clone();
            signed_in_page(&shared, &v, Text::MassPayment, |a| {
                funding_pages::masspay_body(a, &token, &shared.gateways, None)
            })
        }
        Some("addfunds") => {
            let token = v.token.clone();
            signed_in_page(&shared, &v, Text::AddFunds, |a| {
                funding_pages::add_funds_body(theme, a, &token, &shared.gateways, None)
            })
        }
        // `clientareadetails.tpl`: the profile form, its e-mail field filled in.
        Some("details") => signed_in_page(&shared, &v, Text::AccountDetails, |a| {
            format!(
                "<form method=\"post\" action=\"clientarea.php?action=details\" role=\"form\">\
                 <input type=\"text\" name=\"firstname\" id=\"inputFirstName\" value=\"{}\" class=\"form-control\">\
                 <input type=\"text\" name=\"lastname\" id=\"inputLastName\" value=\"{}\" class=\"form-control\">\
                 <input type=\"email\" name=\"email\" id=\"inputEmail\" value=\"{}\" class=\"form-control\"></form>",
                html::esc(&a.first_name),
                html::esc(&a.last_name),
                html::esc(&a.email)
            )
        }),
        _ => signed_in_page(&shared, &v, Text::WelcomeBack, |a| {
            overview_pages::dashboard_body(theme, a, today)
        }),
    }
}

pub(crate) async fn clientarea_post(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    // Read by hand: the mass payment repeats `invoiceids[]`, which a map would fold into one.
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let fields: Fields = pairs.iter().cloned().collect();
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    if v.user.is_none() {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    }
    if q.get("action").map(String::as_str) == Some("addfunds") {
        return add_funds_post(&shared, &v, &fields);
    }
    if q.get("action").map(String::as_str) == Some("masspay") {
        // WHMCS's mass payment needs a method: its page checks none.
        let Some(method) = fields
            .get("paymentmethod")
            .and_then(|m| Gateway::from_module(m))
            .filter(|g| shared.gateways.contains(g))
        else {
            let token = v.token.clone();
            let message = match shared.language {
                Lang::En => "Please choose a payment method",
                Lang::Sq => "Ju lutemi zgjidhni një mënyrë pagese",
                Lang::De => "Bitte wählen Sie eine Zahlungsart",
            };
            return signed_in_page(&shared, &v, Text::MassPayment, |a| {
                funding_pages::masspay_body(a, &token, &shared.gateways, Some(message))
            });
        };
        let ids: Vec<u64> = pairs
            .iter()
            .filter(|(k, _)| k == "invoiceids[]")
            .filter_map(|(_, v)| v.parse().ok())
            .collect();
        let email = v.user.clone().unwrap_or_default();
        let mut accounts = shared.accounts.lock().unwrap();
        let next = 90_000
            + accounts
                .iter()
                .flat_map(|a| a.invoices.iter())
                .filter(|i| !i.covers.is_empty())
                .count() as u64;
        let Some(account) = accounts.iter_mut().find(|a| a.email == email) else {
            return redirect("clientarea.php", None);
        };
        return match data::combined_invoice(account, &ids, next, shared.today) {
            Some(combined) => {
                shared
                    .invoice_gateways
                    .lock()
                    .unwrap()
                    .insert(combined.id, method);
                account.invoices.push(combined);
                redirect(&format!("viewinvoice.php?id={next}"), None)
            }
            // Nothing payable together (paid already, or several currencies): the list.
            None => redirect("clientarea.php?action=invoices", None),
        };
    }
    redirect("clientarea.php", None)
}

/// "Add Funds" sent: an invoice for the amount, paid with the method chosen (its page is where
/// the portal goes next), or the page again with the limit broken.
fn add_funds_post(shared: &Shared, v: &Visit, fields: &Fields) -> Response {
    let method = fields
        .get("paymentmethod")
        .and_then(|m| Gateway::from_module(m))
        .filter(|g| shared.gateways.contains(g))
        .or_else(|| shared.gateways.first().copied());
    let amount = fields
        .get("amount")
        .and_then(|a| a.trim().parse::<rust_decimal::Decimal>().ok())
        .unwrap_or_default();
    let email = v.user.clone().unwrap_or_default();
    let made = {
        let mut accounts = shared.accounts.lock().unwrap();
        let next = 80_000
            + accounts
                .iter()
                .flat_map(|a| a.invoices.iter())
                .filter(|i| i.adds_funds)
                .count() as u64;
        match accounts.iter_mut().find(|a| a.email == email) {
            Some(account) => account.add_funds(amount, next, shared.today),
            None => return redirect("index.php?rp=/login", None),
        }
    };
    match made {
        Ok(id) => {
            if let Some(g) = method {
                shared.invoice_gateways.lock().unwrap().insert(id, g);
            }
            redirect(&format!("viewinvoice.php?id={id}"), None)
        }
        Err(why) => {
            let token = v.token.clone();
            signed_in_page(shared, v, Text::AddFunds, |a| {
                funding_pages::add_funds_body(shared.theme, a, &token, &shared.gateways, Some(&why))
            })
        }
    }
}

pub(crate) fn invoice_id(q: &Fields) -> Option<u64> {
    q.get("id").and_then(|id| id.trim().parse().ok())
}

pub(crate) async fn viewinvoice(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let v = visit(&shared, &headers);
    let Some(user) = v.user.clone() else {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    };
    shared.invoice_views.fetch_add(1, Ordering::SeqCst);
    let notice = ["paymentsuccess", "pendingreview", "paymentfailed"]
        .into_iter()
        .find(|k| q.get(*k).map(String::as_str) == Some("true"));
    let accounts = shared.accounts.lock().unwrap();
    let account = accounts.iter().find(|a| a.email == user);
    let invoice = account.and_then(|a| {
        let id = invoice_id(&q)?;
        a.invoices.iter().find(|i| i.id == id)
    });
    match (account, invoice) {
        (Some(account), Some(invoice)) => page(
            invoice_pages::invoice_page(&InvoicePage {
                theme: shared.theme,
                invoice,
                account,
                today: shared.today,
                token: &v.token,
                portal_url: &shared.portal_url,
                checkout_url: &shared.checkout_url,
                paypal_url: &shared.paypal_url,
                notice,
                gateways: &shared.gateways,
                gateway: gateway_of(&shared, invoice.id),
            }),
            v.cookie(&shared),
        ),
        _ => page(
            invoice_pages::invoice_not_found(shared.language),
            v.cookie(&shared),
        ),
    }
}

pub(crate) async fn viewinvoice_post(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    let id = invoice_id(&q).unwrap_or(0);
    // "Apply Credit": the client's own invoice; a refused amount changes nothing.
    if fields.get("applycredit").map(String::as_str) == Some("true") {
        let user = v.user.clone().unwrap_or_default();
        let amount = fields
            .get("creditamount")
            .and_then(|a| a.trim().parse::<rust_decimal::Decimal>().ok());
        if let (Some(account), Some(amount)) = (
            shared
                .accounts
                .lock()
                .unwrap()
                .iter_mut()
                .find(|a| a.email == user),
            amount,
        ) {
            account.apply_credit(id, amount);
        }
    }
    // The payment method choice ("allow change gateway"): only an active one, only while the
    // client's invoice is unpaid.
    if let Some(g) = fields
        .get("gateway")
        .and_then(|m| Gateway::from_module(m))
        .filter(|g| shared.gateways.contains(g))
    {
        let user = v.user.clone().unwrap_or_default();
        let unpaid = shared
            .accounts
            .lock()
            .unwrap()
            .iter()
            .find(|a| a.email == user)
            .and_then(|a| a.invoices.iter().find(|i| i.id == id))
            .is_some_and(|i| i.status == Status::Unpaid);
        if unpaid {
            shared.invoice_gateways.lock().unwrap().insert(id, g);
        }
    }
    redirect(&format!("viewinvoice.php?id={id}"), None)
}

/// The payment method an invoice is set to: the client's choice, else the first active one.
pub(crate) fn gateway_of(shared: &Shared, id: u64) -> Gateway {
    shared
        .invoice_gateways
        .lock()
        .unwrap()
        .get(&id)
        .copied()
        .unwrap_or(shared.gateways[0])
}

pub(crate) async fn download(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    let v = visit(&shared, &headers);
    let Some(user) = v.user.clone() else {
        return redirect("index.php?rp=/login", v.cookie(&shared));
    };
    if q.get("type").map(String::as_str) == Some("q") {
        return quote_pdf(&shared, &user, &q);
    }
    let accounts = shared.accounts.lock().unwrap();
    let found = accounts.iter().find(|a| a.email == user).and_then(|a| {
        let id = invoice_id(&q)?;
        a.invoices.iter().find(|i| i.id == id).map(|i| (a, i))
    });
    let Some((account, inv)) = found else {
        return page(invoice_pages::invoice_not_found(shared.language), None);
    };
    let mut lines = vec![
        format!("Invoiced to: {} {}", account.first_name, account.last_name),
        format!("Invoice date: {}", inv.date.format("%d/%m/%Y")),
        format!("Due date: {}", inv.due.format("%d/%m/%Y")),
        format!("Status: {}", inv.status.label()),
        String::new(),
    ];
    for item in &inv.items {
        lines.push(format!(
            "{}  {}",
            item.description,
            data::money(item.amount, inv.currency)
        ));
    }
    lines.push(String::new());
    lines.push(format!("Total: {}", data::money(inv.total(), inv.currency)));
    lines.push(format!(
        "Balance: {}",
        data::money(inv.balance(), inv.currency)
    ));
    pdf_download(
        &format!("JitOps Cloud - Invoice #{}", inv.number),
        &format!("Invoice-{}.pdf", inv.number),
        &lines,
    )
}

/// `dl.php`'s answer: a PDF of `lines` under `title`, downloaded as `file_name`.
pub(crate) fn pdf_download(title: &str, file_name: &str, lines: &[String]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        crate::pdf::document(title, lines),
    )
        .into_response()
}

/// The quotes list's download button posts its `type` and `id` (twenty-one's form).
pub(crate) async fn download_post(
    state: State<Arc<Shared>>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    download(state, Query(fields), headers).await
}
