//! Owns an invoice page (`viewinvoice.php?id=N`): status, dates, items and totals, transactions,
//! the payment area and method, the credit offer and the notes.

use super::*;

/// A service period written in an item description, "(05/03/2026 - 04/04/2026)", in days.
fn period_days(description: &str) -> Option<i64> {
    let open = description.rfind('(')?;
    let close = description[open..].find(')')? + open;
    let (from, to) = description[open + 1..close].split_once(" - ")?;
    for fmt in ["%d/%m/%Y", "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y"] {
        if let (Ok(a), Ok(b)) = (
            NaiveDate::parse_from_str(from.trim(), fmt),
            NaiveDate::parse_from_str(to.trim(), fmt),
        ) {
            if b > a {
                return Some((b - a).num_days() + 1);
            }
        }
    }
    None
}

/// Which payment a form makes, from where it posts and what it sends (its button's words are
/// in the portal's language).
fn payment_kind(form: &FormRequest) -> PaymentKind {
    if form.url.query().is_some_and(|q| q.contains("recurring"))
        || form.get("recurring").is_some()
        // PayPal's own gateway: its subscription form.
        || form.get("cmd") == Some("_xclick-subscriptions")
    {
        PaymentKind::Recurring
    } else {
        PaymentKind::OneOff
    }
}

/// Everything on an invoice page (`viewinvoice.php?id=N`). A status drawn with the class
/// `paid` is Paid or Payment Pending (both themes draw both so; only the words differ): see
/// [`parse_invoice_page`].
pub fn parse_invoice(html: &str, url: &Url, id: u64) -> Result<InvoiceDetail> {
    Ok(parse_invoice_page(html, url, id)?.detail)
}

/// An invoice page as read, and whether its status still needs the invoice list to tell Paid
/// from Payment Pending.
pub struct InvoicePageRead {
    pub detail: InvoiceDetail,
    /// The status was drawn with the class `paid`. `detail.status` is then Paid when the page
    /// shows nothing left to pay and Payment Pending otherwise, until the list page (whose
    /// status classes differ) says which.
    pub paid_or_pending: bool,
}

/// The status an invoice page draws, from its class alone.
fn status_of(el: ElementRef<'_>) -> Option<InvoiceStatus> {
    el.value().classes().find_map(InvoiceStatus::parse)
}

/// Reads an invoice page by its structure only: the portal may write it in any language.
pub fn parse_invoice_page(html: &str, url: &Url, id: u64) -> Result<InvoicePageRead> {
    let doc = whole_document(html, url)?;
    let (container, status_el) = document_status(&doc, url, "invoice")?;
    let drawn = status_of(status_el)
        .ok_or_else(|| PortalError::unexpected(url, "a known invoice status"))?;
    let title = container
        .select(&sel(".invoice-header h3, .invoice-header h2 + h3, h3"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    let amounts = amounts_of(container, url)?;
    let (transactions, balance) = transactions_of(container, amounts.currency.as_deref());
    let (payment_choices, payment_instructions) = payment_choices_of(container, url)?;
    let method = payment_method_of(container, url)?;
    let cycle = amounts
        .items
        .iter()
        .find_map(|i| period_days(&i.description))
        .and_then(BillingCycle::from_period_days);
    let total_currency = amounts.total.as_ref().map(|t| t.currency.as_str());
    let credit_offer = credit_offer(&doc, url, total_currency)?;
    // Paid and Payment Pending share the class `paid`: nothing left to pay reads as Paid, a
    // balance still due as Payment Pending, until the list says (see `InvoicePageRead`).
    let paid_or_pending = drawn == InvoiceStatus::Paid;
    let status = if paid_or_pending
        && balance
            .as_ref()
            .is_some_and(|b| b.amount > rust_decimal::Decimal::ZERO)
    {
        InvoiceStatus::PaymentPending
    } else {
        drawn
    };
    let detail = InvoiceDetail {
        id,
        title,
        status,
        date: invoice_date_of(container),
        due_date: due_date_of(status_el),
        items: amounts.items,
        totals: amounts.totals,
        total: amounts.total,
        transactions,
        balance,
        payment_choices,
        cycle,
        notice: return_notice(url),
        pdf_url: container
            .select(&sel("a[href*='dl.php']"))
            .next()
            .and_then(|a| url.join(a.value().attr("href")?).ok()),
        payment_method: method.name,
        payment_methods: method.choices,
        payment_method_value: method.value,
        payment_method_form: method.form,
        payment_instructions,
        credit_offer,
        notes: invoice_notes(&doc),
    };
    Ok(InvoicePageRead {
        detail,
        paid_or_pending,
    })
}

/// The due date: the line right after the status ("<label>: <date>"), shown while the invoice
/// is unpaid.
fn due_date_of(status_el: ElementRef<'_>) -> Option<String> {
    status_el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().classes().any(|c| c == "invoice-status"))
        .and_then(|status_box| {
            status_box
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .next()
                .filter(|e| e.value().classes().any(|c| c == "small-text"))
        })
        .map(text_of)
        .and_then(|t| t.split_once(':').map(|(_, d)| d.trim().to_owned()))
        .filter(|d| !d.is_empty())
}

/// The invoice date: the one column with a plain `.small-text` value (not an address, pay to
/// or invoiced to, not the payment method, not the status).
fn invoice_date_of(container: ElementRef<'_>) -> Option<String> {
    container
        .select(&sel(".invoice-col"))
        .find(|c| {
            c.select(&sel("address, [data-role=paymethod-info], .invoice-status"))
                .next()
                .is_none()
                && c.select(&sel(".small-text")).next().is_some()
        })
        .and_then(|c| c.select(&sel(".small-text")).next())
        .map(text_of)
        .filter(|d| !d.is_empty())
}

/// The items table: its lines, its total rows, the invoice's total and its currency.
#[derive(Default)]
struct Amounts {
    currency: Option<String>,
    items: Vec<LineItem>,
    totals: Vec<TotalRow>,
    total: Option<Money>,
}

/// The items table (the one with total rows). The currency comes from the Total row, which
/// WHMCS always writes with it.
fn amounts_of(container: ElementRef<'_>, url: &Url) -> Result<Amounts> {
    let Some(table) = container
        .select(&sel("table"))
        .find(|t| t.select(&sel(".total-row")).next().is_some())
    else {
        return Ok(Amounts::default());
    };
    let total_rows: Vec<Vec<ElementRef<'_>>> = table
        .select(&sel("tr"))
        .map(|row| row.select(&sel("td")).collect::<Vec<_>>())
        .filter(|cells| cells.len() == 2 && cells[0].value().classes().any(|c| c == "total-row"))
        .collect();
    // Every amount of an invoice is in one currency; a currency shown bare (no prefix or
    // suffix) is named nowhere, and none is made up.
    let currency = total_rows
        .iter()
        .find_map(|cells| currency_in(&text_of(cells[1])))
        .unwrap_or_else(|| UNKNOWN_CURRENCY.to_owned());
    let mut amounts = Amounts {
        currency: Some(currency),
        ..Amounts::default()
    };
    let last = total_rows.len().saturating_sub(1);
    for (index, cells) in total_rows.iter().enumerate() {
        let label = text_of(cells[0]);
        if let Some(m) = Money::parse(&text_of(cells[1]), amounts.currency.as_deref()) {
            // Both themes end the totals with the invoice's total.
            if index == last {
                amounts.total = Some(m.clone());
            }
            amounts.totals.push(TotalRow { label, amount: m });
        }
    }
    for row in table.select(&sel("tbody tr")) {
        let cells: Vec<_> = row.select(&sel("td")).collect();
        if cells.len() != 2 || cells[0].value().classes().any(|c| c == "total-row") {
            continue;
        }
        let mut description = text_of(cells[0]);
        let taxed = description.ends_with(" *");
        if taxed {
            description.truncate(description.len() - 2);
        }
        let shown = text_of(cells[1]);
        let amount = Money::parse(&shown, amounts.currency.as_deref()).ok_or_else(|| {
            PortalError::unexpected(url, format!("the amount of item {description:?}"))
        })?;
        amounts.items.push(LineItem {
            description,
            amount,
            taxed,
        });
    }
    Ok(amounts)
}

/// The transactions table: each payment recorded, and the balance row after them.
fn transactions_of(
    container: ElementRef<'_>,
    currency: Option<&str>,
) -> (Vec<Transaction>, Option<Money>) {
    let mut transactions = vec![];
    let mut balance = None;
    let Some(table) = container
        .select(&sel(".transactions-container table"))
        .next()
    else {
        return (transactions, balance);
    };
    for row in table.select(&sel("tbody tr")) {
        let cells: Vec<_> = row.select(&sel("td")).collect();
        if cells.len() == 4 {
            if let Some(amount) = Money::parse(&text_of(cells[3]), currency) {
                transactions.push(Transaction {
                    date: text_of(cells[0]),
                    paid_on: None,
                    gateway: text_of(cells[1]),
                    transaction_id: text_of(cells[2]),
                    amount,
                });
            }
        } else if cells.len() == 2 {
            balance = Money::parse(&text_of(cells[1]), currency);
        }
    }
    (transactions, balance)
}

/// The ways to pay the page offers (each a form, labelled by its button), or an offline
/// method's instructions (a bank transfer writes text instead of a form).
fn payment_choices_of(
    container: ElementRef<'_>,
    url: &Url,
) -> Result<(Vec<PaymentChoice>, Option<String>)> {
    let mut choices = vec![];
    let Some(area) = container.select(&sel(".payment-btn-container")).next() else {
        return Ok((choices, None));
    };
    let instructions = if area.select(&sel("form")).next().is_none() {
        Some(text_of(area)).filter(|t| !t.is_empty())
    } else {
        None
    };
    for form in area.select(&sel("form")) {
        let request = read_form(form, url)?;
        let label = form
            .select(&sel("input[type=submit], button"))
            .next()
            .map(|b| {
                b.value()
                    .attr("value")
                    .map(str::to_owned)
                    .unwrap_or_else(|| text_of(b))
            })
            .unwrap_or_default();
        choices.push(PaymentChoice {
            kind: payment_kind(&request),
            label,
            form: request,
        });
    }
    Ok((choices, instructions))
}

/// What the portal's return address says of a payment just made (`?paymentsuccess=true`…).
fn return_notice(url: &Url) -> Option<PaymentNotice> {
    url.query_pairs().find_map(|(k, v)| {
        (v == "true").then_some(())?;
        match k.as_ref() {
            "paymentsuccess" => Some(PaymentNotice::Success),
            "pendingreview" => Some(PaymentNotice::PendingReview),
            "paymentfailed" => Some(PaymentNotice::Failed),
            _ => None,
        }
    })
}

/// The invoice's payment method: its name, and the choice the portal lets the client make
/// (a form with a `gateway` select that submits on change).
#[derive(Default)]
struct MethodRead {
    name: Option<String>,
    choices: Vec<PaymentMethod>,
    value: Option<String>,
    form: Option<FormRequest>,
}

fn payment_method_of(container: ElementRef<'_>, url: &Url) -> Result<MethodRead> {
    let info = container.select(&sel("[data-role=paymethod-info]")).next();
    let mut method = MethodRead {
        name: info.map(text_of).filter(|t| !t.is_empty()),
        ..MethodRead::default()
    };
    let Some(select) = info.and_then(|m| m.select(&sel("select[name=gateway]")).next()) else {
        return Ok(method);
    };
    for option in select.select(&sel("option")) {
        let value = option.value().attr("value").unwrap_or_default().to_owned();
        let name = text_of(option);
        if option.value().attr("selected").is_some() {
            method.value = Some(value.clone());
            method.name = Some(name.clone());
        }
        method.choices.push(PaymentMethod { value, name });
    }
    if method.value.is_none() {
        method.value = method.choices.first().map(|m| m.value.clone());
        method.name = method.choices.first().map(|m| m.name.clone());
    }
    method.form = select
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "form")
        .map(|f| read_form(f, url))
        .transpose()?;
    Ok(method)
}

/// The invoice's notes: the stock page's info panel (`includes/panel.tpl`, `bg-info` or
/// `panel-info`) after the payment method and before the items. Known by where it is, not by
/// its heading's words; the payment notices, info panels too, come before the payment method.
/// Each line as the portal broke it.
fn invoice_notes(doc: &Html) -> Option<String> {
    let method = doc.select(&sel("[data-role=paymethod-info]")).next()?;
    let items = doc.select(&sel("table")).find(|t| precedes(method, *t));
    let (panel, body) = stock_panels(doc.root_element(), "info")
        .into_iter()
        .find(|(panel, _)| precedes(method, *panel))?;
    if items.is_some_and(|table| precedes(table, panel)) {
        // The items come first: no notes before them.
        return None;
    }
    let lines = lines_of(body);
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The "Apply Credit" form of an invoice page, known by its `applycredit` field (its words are
/// the portal's language): the credit stated in its bold text and the amount it fills in.
/// None when the page has no such form, or one the app cannot read whole (no offer is better
/// than a guessed one).
fn credit_offer(doc: &Html, url: &Url, currency: Option<&str>) -> Result<Option<CreditOffer>> {
    let Some(form) = doc
        .select(&sel("form"))
        .find(|f| f.select(&sel("input[name=applycredit]")).next().is_some())
    else {
        return Ok(None);
    };
    let available = form
        .select(&sel("strong, b"))
        .find_map(|b| Money::parse(&text_of(b), currency));
    let most = form
        .select(&sel("input[name=creditamount]"))
        .next()
        .and_then(|i| crate::money::parse_amount(i.value().attr("value")?));
    let (Some(available), Some(most)) = (available, most) else {
        return Ok(None);
    };
    Ok(Some(CreditOffer {
        available,
        most,
        form: read_form(form, url)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_descriptions() {
        assert_eq!(
            period_days("Web Hosting - a.com (05/03/2026 - 04/04/2026)"),
            Some(31)
        );
        assert_eq!(period_days("VPS (2026-01-01 - 2026-12-31)"), Some(365));
        assert_eq!(period_days("Domain renewal"), None);
        assert_eq!(period_days("odd ( - )"), None);
    }
}
