//! Owns the invoice list page (`clientarea.php?action=invoices`): every row, and the portal's
//! date format learned from it.

use super::*;

// Selectors asked of every row of a long list: parsed once, not per row.
static SPAN: LazyLock<Selector> = LazyLock::new(|| sel("span"));
static STATUS_LABEL: LazyLock<Selector> = LazyLock::new(|| sel("span.status, span.label"));
static INVOICE_LINK: LazyLock<Selector> = LazyLock::new(|| sel("a[href*='viewinvoice.php']"));

fn invoice_id_from(text: &str) -> Option<u64> {
    id_after(text, "viewinvoice.php?id=")
}

pub(super) fn iso_date_in(cell: ElementRef<'_>) -> Option<NaiveDate> {
    let hidden = cell.select(&SPAN).next().map(text_of)?;
    // ISO 8601 (`YYYY-MM-DD`), read without a format string to interpret.
    hidden.trim().parse::<NaiveDate>().ok()
}

/// The date formats WHMCS offers its admin (General Settings > Localisation), as chrono
/// formats; day first is WHMCS's default, so it is tried first.
const DATE_FORMATS: &[&str] = &[
    "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m/%d/%Y", "%Y-%m-%d", "%Y/%m/%d",
];

/// The portal's date format, learned from the list's date cells, which show each date as the
/// portal writes it beside its ISO form: the first format that writes every one as shown.
pub fn learn_date_format(shown: &[(NaiveDate, String)]) -> Option<&'static str> {
    if shown.is_empty() {
        return None;
    }
    DATE_FORMATS.iter().copied().find(|f| {
        shown
            .iter()
            .all(|(d, text)| d.format(f).to_string() == *text)
    })
}

/// Every invoice of the list page (`clientarea.php?action=invoices`).
pub fn parse_invoice_list(html: &str, url: &Url) -> Result<Vec<InvoiceSummary>> {
    Ok(parse_invoice_list_and_format(html, url)?.0)
}

/// The list, and the portal's date format learned from it (to read the dates it writes
/// elsewhere, such as a transaction's).
pub fn parse_invoice_list_and_format(
    html: &str,
    url: &Url,
) -> Result<(Vec<InvoiceSummary>, Option<&'static str>)> {
    let doc = whole_document(html, url)?;
    let table = doc
        .select(&sel("table#tableInvoicesList"))
        .next()
        .ok_or_else(|| PortalError::unexpected(url, "the invoice table"))?;
    let td = sel("td");
    let mut shown_dates: Vec<(NaiveDate, String)> = vec![];
    // A currency set up with neither prefix nor suffix writes every amount bare: then no row
    // names one, and none is made up. A row without one among rows that have one is a page
    // the app cannot read.
    let all_bare = table
        .select(&sel("tbody > tr > td[data-order]"))
        .all(|cell| currency_in(&text_of(cell)).is_none());
    let mut invoices = vec![];
    for (index, row) in table.select(&sel("tbody > tr")).enumerate() {
        let cells: Vec<_> = row.select(&td).collect();
        if cells.len() < 5 {
            // DataTables' "no records" row spans all columns.
            continue;
        }
        let row_no = index + 1;
        let bad = |what: &str| PortalError::unexpected(url, format!("{what} in row {row_no}"));
        let id = row
            .value()
            .attr("onclick")
            .and_then(invoice_id_from)
            .or_else(|| {
                row.select(&INVOICE_LINK)
                    .find_map(|a| invoice_id_from(a.value().attr("href")?))
            })
            .ok_or_else(|| bad("the invoice link"))?;
        let number = text_of(cells[0]);
        let date = iso_date_in(cells[1]).ok_or_else(|| bad("the invoice date"))?;
        if shown_dates.len() < 200 {
            // The cell's text after its hidden ISO span: the date as the portal writes it.
            let iso = cells[1]
                .select(&SPAN)
                .next()
                .map(text_of)
                .unwrap_or_default();
            let all = text_of(cells[1]);
            if let Some(shown) = all.strip_prefix(iso.as_str()) {
                shown_dates.push((date, shown.trim().to_owned()));
            }
        }
        let due_date = iso_date_in(cells[2]).ok_or_else(|| bad("the due date"))?;
        let shown_total = text_of(cells[3]);
        let currency = currency_in(&shown_total)
            .or_else(|| all_bare.then(|| UNKNOWN_CURRENCY.to_owned()))
            .ok_or_else(|| bad("the currency"))?;
        let amount = cells[3]
            .value()
            .attr("data-order")
            .and_then(|v| v.trim().parse().ok())
            .or_else(|| crate::money::parse_amount(&shown_total))
            .ok_or_else(|| bad("the total"))?;
        let status_el = cells[4]
            .select(&STATUS_LABEL)
            .next()
            .ok_or_else(|| bad("the status"))?;
        let status = status_el
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("status-").and_then(InvoiceStatus::parse))
            .or_else(|| InvoiceStatus::parse(&text_of(status_el)))
            .ok_or_else(|| bad("a known status"))?;
        invoices.push(InvoiceSummary {
            id,
            number,
            date,
            due_date,
            total: Money::new(amount, currency),
            status,
        });
    }
    Ok((invoices, learn_date_format(&shown_dates)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portals_date_format_is_learned_from_the_list() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let pairs = |v: &[(&str, &str)]| -> Vec<(NaiveDate, String)> {
            v.iter().map(|(i, s)| (d(i), s.to_string())).collect()
        };
        assert_eq!(
            learn_date_format(&pairs(&[("2026-10-04", "04/10/2026")])),
            Some("%d/%m/%Y")
        );
        assert_eq!(
            learn_date_format(&pairs(&[
                ("2026-10-04", "10/04/2026"),
                ("2026-10-24", "10/24/2026")
            ])),
            Some("%m/%d/%Y")
        );
        assert_eq!(
            learn_date_format(&pairs(&[("2026-10-04", "04.10.2026")])),
            Some("%d.%m.%Y")
        );
        assert_eq!(
            learn_date_format(&pairs(&[("2026-10-04", "4th October 2026")])),
            None
        );
        assert_eq!(learn_date_format(&[]), None);
    }

    #[test]
    fn ids_from_onclick() {
        assert_eq!(
            invoice_id_from("clickableSafeRedirect(event, 'viewinvoice.php?id=42', false)"),
            Some(42)
        );
        assert_eq!(invoice_id_from("viewinvoice.php?id="), None);
    }
}
