//! Owns the invoice list page (`clientarea.php?action=invoices`): every row, and the portal's
//! date format learned from it.

use super::*;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use std::cell::RefCell;

static SPAN: LazyLock<Selector> = LazyLock::new(|| sel("span"));

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
    let sink = crate::depth::tokenize(
        html,
        ListSink {
            scan: crate::depth::ScanSink::stopping_beyond(crate::depth::MAX_DEPTH),
            list: RefCell::new(ListTokens::default()),
        },
    );
    let scan = sink.scan.result();
    let read = if scan.deepest > crate::depth::MAX_DEPTH {
        Err(too_deep(url))
    } else {
        ends_whole(html, url).and_then(|()| rows_of(sink.list.into_inner(), url))
    };
    (scan, read)
}

/// The list's rows as their tokens went by, made into invoices as the tree-reading pages are.
fn rows_of(list: ListTokens, url: &Url) -> Result<ListRead> {
    if !list.found {
        return Err(PortalError::unexpected(url, "the invoice table"));
    }
    let rows = list.rows;
    let mut shown_dates: Vec<(NaiveDate, String)> = vec![];
    // A currency set up with neither prefix nor suffix writes every amount bare: then no row
    // names one, and none is made up. A row without one among rows that have one is a page
    // the app cannot read.
    let all_bare = rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.data_order.is_some())
        .all(|c| currency_in(&c.text).is_none());
    let mut invoices = vec![];
    for (index, row) in rows.iter().enumerate() {
        let cells = &row.cells;
        if cells.len() < 5 {
            // DataTables' "no records" row spans all columns.
            continue;
        }
        let row_no = index + 1;
        let bad = |what: &str| PortalError::unexpected(url, format!("{what} in row {row_no}"));
        let id = row
            .onclick
            .as_deref()
            .and_then(invoice_id_from)
            .or(row.link_id)
            .ok_or_else(|| bad("the invoice link"))?;
        let iso = |cell: &CellTokens| -> Option<NaiveDate> {
            // ISO 8601 (`YYYY-MM-DD`), read without a format string to interpret.
            cell.first_span.as_deref()?.trim().parse().ok()
        };
        let number = cells[0].text.clone();
        let date = iso(&cells[1]).ok_or_else(|| bad("the invoice date"))?;
        if shown_dates.len() < 200 {
            // The cell's text after its hidden ISO span: the date as the portal writes it.
            let span = cells[1].first_span.as_deref().unwrap_or_default();
            if let Some(shown) = cells[1].text.strip_prefix(span) {
                shown_dates.push((date, shown.trim().to_owned()));
            }
        }
        let due_date = iso(&cells[2]).ok_or_else(|| bad("the due date"))?;
        let shown_total = &cells[3].text;
        let currency = currency_in(shown_total)
            .or_else(|| all_bare.then(|| UNKNOWN_CURRENCY.to_owned()))
            .ok_or_else(|| bad("the currency"))?;
        let amount = cells[3]
            .data_order
            .as_deref()
            .and_then(|v| v.trim().parse().ok())
            .or_else(|| crate::money::parse_amount(shown_total))
            .ok_or_else(|| bad("the total"))?;
        let (classes, label) = cells[4].status.as_ref().ok_or_else(|| bad("the status"))?;
        let status = classes
            .split_ascii_whitespace()
            .find_map(|c| c.strip_prefix("status-").and_then(InvoiceStatus::parse))
            .or_else(|| InvoiceStatus::parse(label))
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

/// The tokenizer's pass feeding both the scan (sign-in form, depth) and the list reader.
struct ListSink {
    scan: crate::depth::ScanSink,
    list: RefCell<ListTokens>,
}

impl TokenSink for ListSink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        self.list.borrow_mut().take(&token);
        // The scan decides how the tokenizer goes on (a script's text is text).
        self.scan.process_token(token, line)
    }
}

/// One `td` as the tree would show it: its text (text nodes joined by a space, whitespace
/// collapsed, as `text_of` gives it), its `data-order`, its first span's text and its first
/// `span.status` / `span.label` (classes, text).
#[derive(Default)]
struct CellTokens {
    text: String,
    data_order: Option<String>,
    first_span: Option<String>,
    status: Option<(String, String)>,
}

#[derive(Default)]
struct RowTokens {
    onclick: Option<String>,
    /// The first `a[href*='viewinvoice.php']` whose address names an invoice.
    link_id: Option<u64>,
    cells: Vec<CellTokens>,
}

#[derive(Clone, Copy, PartialEq, Eq, Default)]
enum Section {
    /// Rows straight in the table sit in the tbody the tree builder makes for them.
    #[default]
    Body,
    Head,
    Foot,
}

/// The list's table as its tokens go by. Only what `tbody > tr > td` of
/// `table#tableInvoicesList` holds is kept; a table inside a cell is the cell's text.
#[derive(Default)]
struct ListTokens {
    found: bool,
    in_list: bool,
    /// Tables open inside the list's cells.
    inner_tables: usize,
    section: Section,
    rows: Vec<RowTokens>,
    row: Option<RowTokens>,
    /// The `td` open now (a `th` opens none: its text is no cell's).
    cell: Option<CellTokens>,
    /// Spans open inside the cell; at which of them the first span and the status label
    /// opened (while they are open).
    spans: usize,
    first_span_at: Option<usize>,
    status_at: Option<usize>,
}

impl ListTokens {
    fn take(&mut self, token: &Token) {
        if !self.in_list {
            if let Token::TagToken(tag) = token {
                if tag.kind == TagKind::StartTag
                    && &*tag.name == "table"
                    && attr(tag, "id") == Some("tableInvoicesList")
                    && !self.found
                {
                    self.found = true;
                    self.in_list = true;
                }
            }
            return;
        }
        match token {
            Token::CharacterTokens(text) => self.text(text),
            Token::TagToken(tag) => {
                // Any tag ends a text node: the tree's text nodes are joined by a space.
                self.text(" ");
                self.tag(tag);
            }
            Token::CommentToken(_) => self.text(" "),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let Some(cell) = self.cell.as_mut() else {
            return;
        };
        cell.text.push_str(text);
        if self.first_span_at.is_some() {
            if let Some(span) = cell.first_span.as_mut() {
                span.push_str(text);
            }
        }
        if self.status_at.is_some() {
            if let Some((_, label)) = cell.status.as_mut() {
                label.push_str(text);
            }
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if self.row.is_some() && start && name == "a" {
            if let Some(row) = self.row.as_mut().filter(|r| r.link_id.is_none()) {
                row.link_id = attr(tag, "href")
                    .filter(|h| h.contains("viewinvoice.php"))
                    .and_then(invoice_id_from);
            }
        }
        if self.inner_tables > 0 {
            match (start, name) {
                (true, "table") => self.inner_tables += 1,
                (false, "table") => self.inner_tables -= 1,
                _ => {}
            }
            self.span_tag(tag);
            return;
        }
        match (start, name) {
            (true, "table") if self.cell.is_some() => self.inner_tables = 1,
            (false, "table") => {
                self.end_row();
                self.in_list = false;
            }
            (true, "thead") => self.open_section(Section::Head),
            (true, "tbody") => self.open_section(Section::Body),
            (true, "tfoot") => self.open_section(Section::Foot),
            (false, "thead" | "tbody" | "tfoot") => self.open_section(Section::Body),
            (true, "tr") => {
                self.end_row();
                self.row = Some(RowTokens {
                    onclick: attr(tag, "onclick").map(str::to_owned),
                    ..RowTokens::default()
                });
            }
            (false, "tr") => self.end_row(),
            (true, "td" | "th") => {
                self.end_cell();
                if self.row.is_none() {
                    // A cell outside a row sits in the row the tree builder makes for it.
                    self.row = Some(RowTokens::default());
                }
                if name == "td" {
                    self.cell = Some(CellTokens {
                        data_order: attr(tag, "data-order").map(str::to_owned),
                        ..CellTokens::default()
                    });
                }
            }
            (false, "td" | "th") => self.end_cell(),
            _ => self.span_tag(tag),
        }
    }

    /// A span inside the cell: the first one, and the first status label, are read apart.
    fn span_tag(&mut self, tag: &Tag) {
        let Some(cell) = self.cell.as_mut() else {
            return;
        };
        if &*tag.name != "span" || tag.self_closing {
            return;
        }
        if tag.kind == TagKind::StartTag {
            self.spans += 1;
            if cell.first_span.is_none() {
                cell.first_span = Some(String::new());
                self.first_span_at = Some(self.spans);
            }
            let classes = attr(tag, "class").unwrap_or_default();
            if cell.status.is_none()
                && classes
                    .split_ascii_whitespace()
                    .any(|c| c == "status" || c == "label")
            {
                cell.status = Some((classes.to_owned(), String::new()));
                self.status_at = Some(self.spans);
            }
        } else if self.spans > 0 {
            if self.first_span_at == Some(self.spans) {
                self.first_span_at = None;
            }
            if self.status_at == Some(self.spans) {
                self.status_at = None;
            }
            self.spans -= 1;
        }
    }

    fn open_section(&mut self, section: Section) {
        self.end_row();
        self.section = section;
    }

    fn end_cell(&mut self) {
        self.spans = 0;
        self.first_span_at = None;
        self.status_at = None;
        if let Some(mut cell) = self.cell.take() {
            cell.text = collapsed(&cell.text);
            cell.first_span = cell.first_span.map(|s| collapsed(&s));
            cell.status = cell.status.map(|(c, l)| (c, collapsed(&l)));
            if let Some(row) = self.row.as_mut() {
                row.cells.push(cell);
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take() {
            if self.section == Section::Body {
                self.rows.push(row);
            }
        }
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

/// Whitespace collapsed, as [`text_of`] leaves a text.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
