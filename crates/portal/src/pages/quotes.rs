//! Owns the quote pages: the list (`clientarea.php?action=quotes`) and a quote's own page
//! (`viewquote.php?id=N`) with its acceptance dialog, read by structure in any language.

use super::list_cells::iso_date_in;
use super::*;

static QUOTE_LINK: LazyLock<Selector> = LazyLock::new(|| sel("a[href*='viewquote.php']"));

fn quote_id_from(text: &str) -> Option<u64> {
    id_after(text, "viewquote.php?id=")
}

/// Every quote of the list page. Its dates come from the hidden ISO spans, its stage from the
/// label's class.
pub fn parse_quote_list(html: &str, url: &Url) -> Result<Vec<QuoteSummary>> {
    let doc = whole_document(html, url)?;
    let table = doc
        .select(&sel("table#tableQuotesList"))
        .next()
        .ok_or_else(|| PortalError::unexpected(url, "the quotes table"))?;
    let td = sel("td");
    let mut quotes = vec![];
    for (index, row) in table.select(&sel("tbody > tr")).enumerate() {
        let cells: Vec<_> = row.select(&td).collect();
        if cells.len() < 5 {
            // DataTables' "no records" row spans all columns.
            continue;
        }
        let row_no = index + 1;
        let bad =
            |what: &str| PortalError::unexpected(url, format!("{what} in quote row {row_no}"));
        let id = row
            .value()
            .attr("onclick")
            .and_then(quote_id_from)
            .or_else(|| {
                row.select(&QUOTE_LINK)
                    .find_map(|a| quote_id_from(a.value().attr("href")?))
            })
            .or_else(|| text_of(cells[0]).parse().ok())
            .ok_or_else(|| bad("the quote's number"))?;
        let stage = cells[4]
            .select(&sel("span.status, span.label"))
            .next()
            .and_then(|label| {
                label.value().classes().find_map(|c| {
                    c.strip_prefix("status-")
                        .and_then(QuoteStage::from_list_class)
                })
            })
            .ok_or_else(|| bad("a known stage"))?;
        quotes.push(QuoteSummary {
            id,
            subject: text_of(cells[1]),
            created: iso_date_in(cells[2]).ok_or_else(|| bad("the date created"))?,
            valid_until: iso_date_in(cells[3]).ok_or_else(|| bad("the valid-until date"))?,
            stage,
        });
    }
    Ok(quotes)
}

/// A quote's page, by its structure only.
pub fn parse_quote_page(html: &str, url: &Url, id: u64) -> Result<QuoteDetail> {
    let doc = whole_document(html, url)?;
    let (container, status_el) = document_status(&doc, url, "quote")?;
    let stage = status_el
        .value()
        .classes()
        .find_map(QuoteStage::from_page_class)
        .ok_or_else(|| PortalError::unexpected(url, "a known quote stage"))?;
    let title = container
        .select(&sel("h3"))
        .next()
        .map(text_of)
        .unwrap_or_default();
    // The two dates are the page's plain `.small-text` spans (the addresses are `address`
    // elements): created, then valid until.
    let small = sel("span.small-text");
    let mut dates = container
        .select(&small)
        .map(text_of)
        .filter(|t| !t.is_empty());
    let created = dates.next();
    let valid_until = dates.next();

    let items_table = container
        .select(&sel("table"))
        .find(|t| t.select(&sel(".total-row")).next().is_some())
        .ok_or_else(|| PortalError::unexpected(url, "the quote's items"))?;
    let (items, totals) = quote_lines(items_table, url)?;
    // Both themes end the totals with the quote's total.
    let total = totals.last().map(|t| t.amount.clone());
    let panel = |kind: &str, before_items: bool| {
        stock_panels(container, kind)
            .into_iter()
            .find(|(_, body)| precedes(*body, items_table) == before_items)
            .map(|(_, body)| lines_of(body).join("\n"))
            .filter(|t| !t.is_empty())
    };
    let proposal = panel("warning", true);
    let notes = panel("info", false);
    let terms_refused = !stock_panels(container, "danger").is_empty();
    let pdf_url = container
        .select(&sel("a[href*='dl.php']"))
        .next()
        .and_then(|a| url.join(a.value().attr("href")?).ok());
    let offered = container
        .select(&sel(
            ".payment-btn-container button, .payment-btn-container a",
        ))
        .next()
        .is_some();
    let acceptance = if offered {
        acceptance_of(&doc, url)?
    } else {
        None
    };
    Ok(QuoteDetail {
        id,
        title,
        stage,
        created,
        valid_until,
        proposal,
        items,
        totals,
        total,
        notes,
        pdf_url,
        acceptance,
        terms_refused,
    })
}

/// The items table's lines (with their discounts) and its total rows.
fn quote_lines(table: ElementRef<'_>, url: &Url) -> Result<(Vec<QuoteItem>, Vec<TotalRow>)> {
    let rows: Vec<Vec<ElementRef<'_>>> = table
        .select(&sel("tbody tr"))
        .map(|row| row.select(&sel("td")).collect())
        .collect();
    let is_total = |cells: &Vec<ElementRef<'_>>| {
        cells.len() == 2 && cells[0].value().classes().any(|c| c == "total-row")
    };
    // Every amount of a quote is in one currency; one written bare is named nowhere.
    let currency = rows
        .iter()
        .filter(|c| is_total(c))
        .find_map(|cells| currency_in(&text_of(cells[1])))
        .unwrap_or_else(|| UNKNOWN_CURRENCY.to_owned());
    let mut items = vec![];
    let mut totals = vec![];
    for cells in &rows {
        if is_total(cells) {
            if let Some(amount) = Money::parse(&text_of(cells[1]), Some(&currency)) {
                totals.push(TotalRow {
                    label: text_of(cells[0]),
                    amount,
                });
            }
        } else if cells.len() == 3 {
            items.push(quote_item(cells, &currency, url)?);
        }
    }
    Ok((items, totals))
}

/// One line of a quote: its description (a taxed one ends in ` *`), its discount ("€8.00 EUR
/// (10%)", or "-" where it has none) and its amount.
fn quote_item(cells: &[ElementRef<'_>], currency: &str, url: &Url) -> Result<QuoteItem> {
    let mut description = text_of(cells[0]);
    let taxed = description.ends_with(" *");
    if taxed {
        description.truncate(description.len() - 2);
    }
    let shown = text_of(cells[1]);
    let (money_part, rate) = match shown.split_once('(') {
        Some((m, r)) => (m, Some(r)),
        None => (shown.as_str(), None),
    };
    let discount = Money::parse(money_part, Some(currency)).map(|amount| QuoteDiscount {
        amount,
        percent: rate
            .and_then(|r| crate::money::parse_amount(r.trim_end_matches([')', '%', ' ']).trim())),
    });
    let amount = Money::parse(&text_of(cells[2]), Some(currency)).ok_or_else(|| {
        PortalError::unexpected(url, format!("the amount of item {description:?}"))
    })?;
    Ok(QuoteItem {
        description,
        discount,
        amount,
        taxed,
    })
}

/// The acceptance dialog's form (known by its `agreetos` checkbox) and its words.
fn acceptance_of(doc: &Html, url: &Url) -> Result<Option<QuoteAcceptance>> {
    let Some(form) = doc
        .select(&sel("form"))
        .find(|f| f.select(&sel("input[name=agreetos]")).next().is_some())
    else {
        return Ok(None);
    };
    let checkbox = form.select(&sel("input[name=agreetos]")).next();
    let label = checkbox.and_then(|c| {
        c.ancestors()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "label")
    });
    let terms_label = label.map(text_of).unwrap_or_default();
    let terms_url = label
        .and_then(|l| l.select(&sel("a[href]")).next())
        .and_then(|a| url.join(a.value().attr("href")?).ok())
        .filter(|u| matches!(u.scheme(), "https" | "http"));
    let agreement = form
        .select(&sel(".modal-body p"))
        .map(text_of)
        .find(|t| !t.is_empty() && !t.contains(&terms_label));
    let warning = form
        .select(&sel(".modal-body small"))
        .next()
        .map(text_of)
        .filter(|t| !t.is_empty());
    let mut request = read_form(form, url)?;
    request.remove("agreetos");
    Ok(Some(QuoteAcceptance {
        agreement,
        terms_label,
        terms_url,
        warning,
        form: request,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_the_rows_link() {
        assert_eq!(
            quote_id_from("clickableSafeRedirect(event, 'viewquote.php?id=7', true)"),
            Some(7)
        );
        assert_eq!(quote_id_from("viewquote.php?id="), None);
    }
}
