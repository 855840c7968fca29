//! Owns the invoice list page (`clientarea.php?action=invoices`): every row, and the portal's
//! date format learned from it.

use super::*;
use chrono::format::{Item, StrftimeItems};
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::fmt::Write as _;

static SPAN: LazyLock<Selector> = LazyLock::new(|| sel("span"));

fn invoice_id_from(text: &str) -> Option<u64> {
    id_after(text, "viewinvoice.php?id=")
}

pub(super) fn iso_date_in(cell: ElementRef<'_>) -> Option<NaiveDate> {
    iso_date(cell.select(&SPAN).next().map(text_of)?.trim())
}

/// A date written `YYYY-MM-DD` (ISO 8601), as the list's hidden spans hold it: read by its
/// fixed places rather than through chrono's general parser, which costs about as much as the
/// tokenizer's pass over the whole row (an accountant's list has 4,000 of them). Anything else
/// (signs, more digits, spaces) is not this form and is refused.
pub(super) fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&bytes[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&bytes[5..7])?, number(&bytes[8..])?)
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

/// A list row's cells in both stock themes (number, dates, total, status, the button's).
const CELLS_IN_A_ROW: usize = 6;
/// The cells read: number, dates, total, status.
const CELLS_READ: usize = 5;
/// Dates kept, as the portal writes them, to learn its date format from.
const SHOWN_DATES_KEPT: usize = 200;

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
/// `span.status` / `span.label` (classes, text). Its buffers are kept from row to row.
#[derive(Default)]
struct CellTokens {
    /// One of the cells read (the others, the button's, are only counted).
    read: bool,
    text: CollapsedText,
    has_data_order: bool,
    data_order: String,
    has_first_span: bool,
    first_span: CollapsedText,
    has_status: bool,
    status_classes: String,
    status_label: CollapsedText,
}

impl CellTokens {
    /// Empty again for the next row's cell, keeping what it allocated.
    fn reset(&mut self, read: bool, data_order: Option<&str>) {
        self.read = read;
        self.text.clear();
        self.has_data_order = data_order.is_some();
        self.data_order.clear();
        self.data_order.push_str(data_order.unwrap_or_default());
        self.has_first_span = false;
        self.first_span.clear();
        self.has_status = false;
        self.status_classes.clear();
        self.status_label.clear();
    }

    fn data_order(&self) -> Option<&str> {
        self.has_data_order.then_some(self.data_order.as_str())
    }

    fn first_span(&self) -> Option<&str> {
        self.has_first_span.then_some(self.first_span.as_str())
    }

    fn status(&self) -> Option<(&str, &str)> {
        self.has_status
            .then_some((self.status_classes.as_str(), self.status_label.as_str()))
    }
}

/// The row open now: the cells of the row before are reused (`cells[..used]` are this row's).
#[derive(Default)]
struct RowTokens {
    /// The invoice its `onclick` opens (the stock themes' way).
    onclick_id: Option<u64>,
    /// Else the first `a[href*='viewinvoice.php']` whose address names an invoice.
    link_id: Option<u64>,
    cells: Vec<CellTokens>,
    used: usize,
}

impl RowTokens {
    fn cells(&self) -> &[CellTokens] {
        &self.cells[..self.used]
    }
}

/// What one body row said, read as it ended; what is missing stays `None` and is named by
/// [`rows_of`] in row order.
struct RowRead {
    /// Fewer cells than the ones read: not an invoice's row.
    short: bool,
    /// A cell with a sort value (the total) names a currency.
    names_a_currency: bool,
    id: Option<u64>,
    number: String,
    date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    currency: Option<String>,
    amount: Option<Decimal>,
    /// `None` without a status label; `Some(None)` for one the app does not know.
    status: Option<Option<InvoiceStatus>>,
}

impl RowRead {
    fn of(row: &RowTokens) -> RowRead {
        let cells = row.cells();
        let short = cells.len() < CELLS_READ;
        // The total's currency, read once: it also tells whether the list names currencies.
        let currency = (!short)
            .then(|| currency_in(cells[3].text.as_str()))
            .flatten();
        let names_a_currency = cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.has_data_order)
            .any(|(i, c)| match i {
                3 if !short => currency.is_some(),
                _ => currency_in(c.text.as_str()).is_some(),
            });
        if short {
            return RowRead {
                short: true,
                names_a_currency,
                id: None,
                number: String::new(),
                date: None,
                due_date: None,
                currency: None,
                amount: None,
                status: None,
            };
        }
        let shown_total = cells[3].text.as_str();
        RowRead {
            short: false,
            names_a_currency,
            id: row.onclick_id.or(row.link_id),
            number: cells[0].text.as_str().to_owned(),
            date: cells[1].first_span().and_then(iso_date),
            due_date: cells[2].first_span().and_then(iso_date),
            currency,
            amount: cells[3]
                .data_order()
                .and_then(|v| v.trim().parse().ok())
                .or_else(|| crate::money::parse_amount(shown_total)),
            status: cells[4].status().map(|(classes, label)| {
                classes
                    .split_ascii_whitespace()
                    .find_map(|c| c.strip_prefix("status-").and_then(InvoiceStatus::parse))
                    .or_else(|| InvoiceStatus::parse(label))
            }),
        }
    }
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
    rows: Vec<RowRead>,
    /// The first dates as the portal writes them, beside their ISO form.
    shown_dates: Vec<(NaiveDate, String)>,
    row_open: bool,
    row: RowTokens,
    /// A `td` is open (the row's last cell); a `th` opens none: its text is no cell's.
    cell_open: bool,
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
                self.gap();
                self.tag(tag);
            }
            Token::CommentToken(_) => self.gap(),
            _ => {}
        }
    }

    /// The cell open now, if it is one of those read.
    fn read_cell(&mut self) -> Option<&mut CellTokens> {
        if !self.cell_open {
            return None;
        }
        let used = self.row.used;
        self.row.cells[..used].last_mut().filter(|c| c.read)
    }

    fn text(&mut self, text: &str) {
        let (in_first_span, in_status) = (self.first_span_at.is_some(), self.status_at.is_some());
        let Some(cell) = self.read_cell() else {
            return;
        };
        cell.text.push(text);
        if in_first_span {
            cell.first_span.push(text);
        }
        if in_status {
            cell.status_label.push(text);
        }
    }

    /// The end of a text node in the open cell (and its open spans).
    fn gap(&mut self) {
        let Some(cell) = self.read_cell() else {
            return;
        };
        cell.text.push_gap();
        cell.first_span.push_gap();
        cell.status_label.push_gap();
    }

    fn tag(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if self.row_open
            && start
            && name == "a"
            && self.row.onclick_id.is_none()
            && self.row.link_id.is_none()
        {
            self.row.link_id = attr(tag, "href")
                .filter(|h| h.contains("viewinvoice.php"))
                .and_then(invoice_id_from);
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
            (true, "table") if self.cell_open => self.inner_tables = 1,
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
                self.open_row(attr(tag, "onclick").and_then(invoice_id_from));
            }
            (false, "tr") => self.end_row(),
            (true, "td" | "th") => {
                self.end_cell();
                if !self.row_open {
                    // A cell outside a row sits in the row the tree builder makes for it.
                    self.open_row(None);
                }
                if name == "td" {
                    self.open_cell(attr(tag, "data-order"));
                }
            }
            (false, "td" | "th") => self.end_cell(),
            _ => self.span_tag(tag),
        }
    }

    fn open_row(&mut self, onclick_id: Option<u64>) {
        self.row_open = true;
        self.row.onclick_id = onclick_id;
        self.row.link_id = None;
        self.row.used = 0;
    }

    fn open_cell(&mut self, data_order: Option<&str>) {
        let row = &mut self.row;
        let read = row.used < CELLS_READ;
        if row.used == row.cells.len() {
            row.cells.reserve(CELLS_IN_A_ROW);
            row.cells.push(CellTokens::default());
        }
        row.cells[row.used].reset(read, data_order);
        row.used += 1;
        self.cell_open = true;
    }

    /// A span inside the cell: the first one, and the first status label, are read apart.
    fn span_tag(&mut self, tag: &Tag) {
        if !self.cell_open || &*tag.name != "span" || tag.self_closing {
            return;
        }
        let cell = &mut self.row.cells[self.row.used - 1];
        if tag.kind == TagKind::StartTag {
            self.spans += 1;
            if !cell.has_first_span {
                cell.has_first_span = true;
                self.first_span_at = Some(self.spans);
            }
            let classes = attr(tag, "class").unwrap_or_default();
            if !cell.has_status
                && classes
                    .split_ascii_whitespace()
                    .any(|c| c == "status" || c == "label")
            {
                cell.has_status = true;
                cell.status_classes.push_str(classes);
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
        self.cell_open = false;
    }

    fn end_row(&mut self) {
        self.end_cell();
        if !std::mem::take(&mut self.row_open) || self.section != Section::Body {
            return;
        }
        let read = RowRead::of(&self.row);
        if let (false, Some(date), true) = (
            read.short,
            read.date,
            self.shown_dates.len() < SHOWN_DATES_KEPT,
        ) {
            // The cell's text after its hidden ISO span: the date as the portal writes it.
            let cell = &self.row.cells[1];
            let span = cell.first_span().unwrap_or_default();
            if let Some(shown) = cell.text.as_str().strip_prefix(span) {
                self.shown_dates.push((date, shown.trim().to_owned()));
            }
        }
        self.rows.push(read);
    }
}

fn attr<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_by_their_places_and_nothing_else_is() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(iso_date("2026-10-04"), d(2026, 10, 4));
        assert_eq!(iso_date("0001-01-01"), d(1, 1, 1));
        assert_eq!(iso_date("2024-02-29"), d(2024, 2, 29));
        for not_one in [
            "",
            "2026-10-4",
            "2026-1-04",
            "2026/10/04",
            "2026-10-04 ",
            " 2026-10-04",
            "+2026-10-4",
            "2026-13-01",
            "2026-02-30",
            "2023-02-29",
            "2026-00-10",
            "2026-10-00",
            "20a6-10-04",
            "2026-1a-04",
            "2026-10-0x",
            "2026-10-0\u{661}",
            "-026-10-04",
        ] {
            assert_eq!(iso_date(not_one), None, "{not_one:?}");
        }
        // Every date chrono writes in this form is read back the same.
        for year in [1, 999, 1999, 2000, 2024, 2026, 9999] {
            for (month, day) in [(1, 1), (2, 28), (6, 30), (12, 31)] {
                let date = d(year, month, day).unwrap();
                let text = date.format("%Y-%m-%d").to_string();
                assert_eq!(iso_date(&text), Some(date), "{text}");
                assert_eq!(text.parse::<NaiveDate>().ok(), Some(date));
            }
        }
    }

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
