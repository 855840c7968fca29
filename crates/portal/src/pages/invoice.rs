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
    // The due date is the line right after the status ("<label>: <date>"), shown while the
    // invoice is unpaid.
    let due_date = status_el
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
        .filter(|d| !d.is_empty());
    // The invoice date is the one column with a plain `.small-text` value: not an address
    // (pay to, invoiced to), not the payment method, not the status.
    let date = container
        .select(&sel(".invoice-col"))
        .find(|c| {
            c.select(&sel("address, [data-role=paymethod-info], .invoice-status"))
                .next()
                .is_none()
                && c.select(&sel(".small-text")).next().is_some()
        })
        .and_then(|c| c.select(&sel(".small-text")).next())
        .map(text_of)
        .filter(|d| !d.is_empty());

    // The currency comes from the Total row, which WHMCS always writes with it.
    let mut items = vec![];
    let mut totals = vec![];
    let mut total = None;
    let items_table = container
        .select(&sel("table"))
        .find(|t| t.select(&sel(".total-row")).next().is_some());
    let mut currency: Option<String> = None;
    if let Some(table) = items_table {
        let total_rows: Vec<Vec<ElementRef<'_>>> = table
            .select(&sel("tr"))
            .map(|row| row.select(&sel("td")).collect::<Vec<_>>())
            .filter(|cells| {
                cells.len() == 2 && cells[0].value().classes().any(|c| c == "total-row")
            })
            .collect();
        // Every amount of an invoice is in one currency; a currency shown bare (no prefix or
        // suffix) is named nowhere, and none is made up.
        currency = Some(
            total_rows
                .iter()
                .find_map(|cells| currency_in(&text_of(cells[1])))
                .unwrap_or_else(|| UNKNOWN_CURRENCY.to_owned()),
        );
        let last = total_rows.len().saturating_sub(1);
        for (index, cells) in total_rows.iter().enumerate() {
            let label = text_of(cells[0]);
            if let Some(m) = Money::parse(&text_of(cells[1]), currency.as_deref()) {
                // Both themes end the totals with the invoice's total.
                if index == last {
                    total = Some(m.clone());
                }
                totals.push(TotalRow { label, amount: m });
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
            let amount = Money::parse(&shown, currency.as_deref()).ok_or_else(|| {
                PortalError::unexpected(url, format!("the amount of item {description:?}"))
            })?;
            items.push(LineItem {
                description,
                amount,
                taxed,
            });
        }
    }
    let mut transactions = vec![];
    let mut balance = None;
    if let Some(table) = container
        .select(&sel(".transactions-container table"))
        .next()
    {
        for row in table.select(&sel("tbody tr")) {
            let cells: Vec<_> = row.select(&sel("td")).collect();
            if cells.len() == 4 {
                if let Some(amount) = Money::parse(&text_of(cells[3]), currency.as_deref()) {
                    transactions.push(Transaction {
                        date: text_of(cells[0]),
                        paid_on: None,
                        gateway: text_of(cells[1]),
                        transaction_id: text_of(cells[2]),
                        amount,
                    });
                }
            } else if cells.len() == 2 {
                balance = Money::parse(&text_of(cells[1]), currency.as_deref());
            }
        }
    }
    let mut payment_choices = vec![];
    let mut payment_instructions = None;
    if let Some(area) = container.select(&sel(".payment-btn-container")).next() {
        // An offline method (a bank transfer) writes text instead of a form.
        if area.select(&sel("form")).next().is_none() {
            payment_instructions = Some(text_of(area)).filter(|t| !t.is_empty());
        }
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
            let kind = payment_kind(&request);
            payment_choices.push(PaymentChoice {
                kind,
                label,
                form: request,
            });
        }
    }
    let cycle = items
        .iter()
        .find_map(|i| period_days(&i.description))
        .and_then(BillingCycle::from_period_days);
    let notice = url.query_pairs().find_map(|(k, v)| {
        (v == "true").then_some(())?;
        match k.as_ref() {
            "paymentsuccess" => Some(PaymentNotice::Success),
            "pendingreview" => Some(PaymentNotice::PendingReview),
            "paymentfailed" => Some(PaymentNotice::Failed),
            _ => None,
        }
    });
    let pdf_url = container
        .select(&sel("a[href*='dl.php']"))
        .next()
        .and_then(|a| url.join(a.value().attr("href")?).ok());
    // The payment method: its name, or the choice the portal lets the client make (a form
    // with a `gateway` select that submits on change).
    let method_info = container.select(&sel("[data-role=paymethod-info]")).next();
    let mut payment_methods = vec![];
    let mut payment_method_value = None;
    let mut payment_method_form = None;
    let mut payment_method = method_info.map(text_of).filter(|t| !t.is_empty());
    if let Some(select) = method_info.and_then(|m| m.select(&sel("select[name=gateway]")).next()) {
        for option in select.select(&sel("option")) {
            let value = option.value().attr("value").unwrap_or_default().to_owned();
            let name = text_of(option);
            if option.value().attr("selected").is_some() {
                payment_method_value = Some(value.clone());
                payment_method = Some(name.clone());
            }
            payment_methods.push(PaymentMethod { value, name });
        }
        if payment_method_value.is_none() {
            payment_method_value = payment_methods.first().map(|m| m.value.clone());
            payment_method = payment_methods.first().map(|m| m.name.clone());
        }
        payment_method_form = select
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "form")
            .map(|f| read_form(f, url))
            .transpose()?;
    }
    let credit_offer = credit_offer(&doc, url, total.as_ref().map(|t| t.currency.as_str()))?;
    let notes = invoice_notes(&doc);
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
        date,
        due_date,
        items,
        totals,
        total,
        transactions,
        balance,
        payment_choices,
        cycle,
        notice,
        pdf_url,
        payment_method,
        payment_methods,
        payment_method_value,
        payment_method_form,
        payment_instructions,
        credit_offer,
        notes,
    };
    Ok(InvoicePageRead {
        detail,
        paid_or_pending,
    })
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
