//! Owns the invoice list page (`clientarea.php?action=invoices`): every row, and the portal's
//! date format learned from it.

use super::list_tokens::{ListSink, ListTokens};
use super::*;
use chrono::format::{Item, StrftimeItems};
use std::fmt::Write as _;

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
    let mut written = String::new();
    DATE_FORMATS.iter().copied().find(|f| {
        // The format read once, not once a date (up to 200 of them).
        let items: Vec<Item<'_>> = StrftimeItems::new(f).collect();
        shown.iter().all(|(d, text)| {
            written.clear();
            write!(written, "{}", d.format_with_items(items.iter())).is_ok() && written == *text
        })
    })
}

/// Every invoice of the list page (`clientarea.php?action=invoices`).
pub fn parse_invoice_list(html: &str, url: &Url) -> Result<Vec<InvoiceSummary>> {
    Ok(parse_invoice_list_and_format(html, url)?.0)
}

/// The list, and the portal's date format learned from it (to read the dates it writes
/// elsewhere, such as a transaction's).
pub fn parse_invoice_list_and_format(html: &str, url: &Url) -> Result<ListRead> {
    scan_invoice_list(html, url).1
}

/// The invoices of a list page and the date format learned from it.
pub type ListRead = (Vec<InvoiceSummary>, Option<&'static str>);

/// One tokenizer pass over a fetched list page, without building its tree (an accountant's
/// list is 1.5 MB): the sign-in check and the depth guard's scan, and the list itself. The
/// list is read as the tree would hold it (`table#tableInvoicesList`'s `tbody > tr`, each
/// row's `td`s, their text as [`text_of`] gives it), so both stock themes read alike.
pub fn scan_invoice_list(html: &str, url: &Url) -> (crate::depth::PageScan, Result<ListRead>) {
    let (scan, list) = crate::depth::tokenize(html, ListSink::new()).into_parts();
    // Past the element limit the pass stopped: the rows read are not the whole list.
    let read = readable(&scan, url)
        .and_then(|()| ends_whole(html, url))
        .and_then(|()| rows_of(list, url));
    (scan, read)
}

/// The list's rows as they were read, made into invoices as the tree-reading pages are: the
/// first row the app cannot read is named.
fn rows_of(list: ListTokens, url: &Url) -> Result<ListRead> {
    if !list.found {
        return Err(PortalError::unexpected(url, "the invoice table"));
    }
    // A currency set up with neither prefix nor suffix writes every amount bare: then no row
    // names one, and none is made up. A row without one among rows that have one is a page
    // the app cannot read.
    let all_bare = !list.rows.iter().any(|r| r.names_a_currency);
    let mut invoices = Vec::with_capacity(list.rows.len());
    for (index, row) in list.rows.into_iter().enumerate() {
        if row.short {
            // DataTables' "no records" row spans all columns.
            continue;
        }
        let row_no = index + 1;
        let bad = |what: &str| PortalError::unexpected(url, format!("{what} in row {row_no}"));
        let id = row.id.ok_or_else(|| bad("the invoice link"))?;
        let date = row.date.ok_or_else(|| bad("the invoice date"))?;
        let due_date = row.due_date.ok_or_else(|| bad("the due date"))?;
        let currency = row
            .currency
            .or_else(|| all_bare.then(|| UNKNOWN_CURRENCY.to_owned()))
            .ok_or_else(|| bad("the currency"))?;
        let amount = row.amount.ok_or_else(|| bad("the total"))?;
        let status = row
            .status
            .ok_or_else(|| bad("the status"))?
            .ok_or_else(|| bad("a known status"))?;
        invoices.push(InvoiceSummary {
            id,
            number: row.number,
            date,
            due_date,
            total: Money::new(amount, currency),
            status,
        });
    }
    Ok((invoices, learn_date_format(&list.shown_dates)))
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

    fn read(body: &str) -> Result<ListRead> {
        let html = format!("<!DOCTYPE html><html><body>{body}</body></html>");
        let url = Url::parse("https://p.example/clientarea.php?action=invoices").unwrap();
        parse_invoice_list_and_format(&html, &url)
    }

    /// A row as the stock themes write it, its id in `onclick` (`link`: in a link instead).
    fn row(id: u64, link: bool) -> String {
        let (onclick, number) = if link {
            (
                String::new(),
                format!("<a href=\"viewinvoice.php?id={id}\">A&amp;B-{id}</a>"),
            )
        } else {
            (
                format!(
                    " onclick=\"clickableSafeRedirect(event, 'viewinvoice.php?id={id}', false)\""
                ),
                format!("A&amp;B-{id}"),
            )
        };
        format!(
            "<tr{onclick}>\n  <td>{number}</td>\n  <td><span class=\"hidden\">2026-10-04</span>\n 04/10/2026</td>\
             <td><span class=hidden>2026-10-18</span>18/10/2026\
             <td data-order=\"12.50\">€12<!-- x -->.50 EUR</td>\
             <td><span class=\"label status status-unpaid\"><b>Unpaid</b></span></td></tr>\n"
        )
    }

    #[test]
    fn the_list_is_read_as_the_tree_holds_it() {
        let page = format!(
            "<table id=\"tableInvoicesList\"><thead><tr><th>N</th><th>D</th><th>D</th><th>T</th><th>S</th></tr></thead>\
             {}{}<tfoot>{}</tfoot></table>",
            row(1, false),
            row(2, true),
            row(3, false)
        );
        let (list, format) = read(&page).unwrap();
        // Rows straight in the table sit in the tbody the tree builder makes; the head's and
        // the foot's are not invoices.
        assert_eq!(list.iter().map(|i| i.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(list[1].number, "A&B-2", "entities decoded, the link's text");
        assert_eq!(list[0].date, NaiveDate::from_ymd_opt(2026, 10, 4).unwrap());
        assert_eq!(
            list[0].due_date,
            NaiveDate::from_ymd_opt(2026, 10, 18).unwrap(),
            "a cell left open is closed by the next"
        );
        assert_eq!(
            list[0].total.to_string(),
            Money::new("12.50".parse().unwrap(), "EUR").to_string()
        );
        assert_eq!(list[0].status, InvoiceStatus::Unpaid);
        assert_eq!(format, Some("%d/%m/%Y"));
    }

    #[test]
    fn nothing_of_a_row_carries_over_to_the_next() {
        // Each cell's buffers are reused for the next row: what the second row lacks is
        // named, not taken from the first.
        let table = |second: String| {
            format!(
                "<table id=\"tableInvoicesList\"><tbody>{}{second}</tbody></table>",
                row(1, false)
            )
        };
        let what_is_missing = |second: String| match read(&table(second)) {
            Err(PortalError::UnexpectedPage { what, .. }) => what,
            other => panic!("{other:?}"),
        };
        let second = row(2, false);
        assert_eq!(
            what_is_missing(second.replace(
                "<span class=\"label status status-unpaid\"><b>Unpaid</b></span>",
                "Unpaid"
            )),
            "the status in row 2"
        );
        assert_eq!(
            what_is_missing(second.replace("<span class=\"hidden\">2026-10-04</span>", "")),
            "the invoice date in row 2"
        );
        assert_eq!(
            what_is_missing(second.replace("viewinvoice.php?id=2", "clientarea.php")),
            "the invoice link in row 2"
        );
        assert_eq!(
            what_is_missing(second.replace("€12<!-- x -->.50 EUR", "12.50")),
            "the currency in row 2"
        );
        // Without a sort value the total is read from the text; a short row is no invoice.
        let (list, _) = read(&table(format!(
            "{}<tr><td colspan=5>none</td></tr>",
            second
                .replace(" data-order=\"12.50\"", "")
                .replace("€12<!-- x -->.50", "€7.25")
        )))
        .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].total.amount, "7.25".parse().unwrap());
        assert_eq!(list[1].status, InvoiceStatus::Unpaid);
    }

    #[test]
    fn a_table_in_a_cell_makes_no_rows_and_a_missing_table_is_said() {
        let inner = "<table><tr><td>x</td><td>x</td><td>x</td><td>x</td><td>x</td></tr></table>";
        let page = format!(
            "<table id=\"tableInvoicesList\"><tbody>{}</tbody></table>",
            row(5, false).replace("<b>Unpaid</b>", &format!("Unpaid{inner}"))
        );
        let (list, _) = read(&page).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].status, InvoiceStatus::Unpaid);
        assert!(read("<table id=\"other\"></table>").is_err());
    }

    #[test]
    fn one_pass_answers_the_sign_in_check_and_a_cut_page_is_refused() {
        let url = Url::parse("https://p.example/clientarea.php?action=invoices").unwrap();
        let sign_in = "<html><body><form class=\"login-form\" method=post></form></body></html>";
        let (scan, read_list) = scan_invoice_list(sign_in, &url);
        assert!(scan.sign_in_form);
        assert!(read_list.is_err());
        let cut = format!(
            "<html><body><table id=\"tableInvoicesList\">{}",
            row(1, false)
        );
        assert!(
            scan_invoice_list(&cut, &url).1.is_err(),
            "no end: a page cut short"
        );
        let deep = format!("<html><body>{}</body></html>", "<div>".repeat(600));
        assert!(scan_invoice_list(&deep, &url).1.is_err(), "too deep");
    }
}
