//! Owns reading the invoice list's table token by token, without building the page's tree:
//! each body row of `table#tableInvoicesList` as the tree would hold it (implicit tbody, cells
//! left open, a table in a cell, head and foot rows), read as the row ends, with its cells'
//! buffers reused for the next row (an accountant's list has thousands).

use super::list_cells::{invoice_id_from, iso_date};
use super::*;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use rust_decimal::Decimal;
use std::cell::RefCell;

/// A list row's cells in both stock themes (number, dates, total, status, the button's).
const CELLS_IN_A_ROW: usize = 6;
/// The cells read: number, dates, total, status.
const CELLS_READ: usize = 5;
/// Dates kept, as the portal writes them, to learn its date format from.
const SHOWN_DATES_KEPT: usize = 200;

/// The tokenizer's pass feeding both the scan (sign-in form, depth) and the list reader.
pub(super) struct ListSink {
    scan: crate::depth::ScanSink,
    list: RefCell<ListTokens>,
}

impl ListSink {
    /// A pass that stops once the page nests deeper, or has more elements, than the guard
    /// allows (rows and cells are elements: what the pass keeps is bounded with them).
    pub(super) fn new() -> ListSink {
        ListSink {
            scan: crate::depth::ScanSink::stopping_beyond(
                crate::depth::MAX_DEPTH,
                crate::depth::MAX_ELEMENTS,
            ),
            list: RefCell::new(ListTokens::default()),
        }
    }

    /// What the pass found: the page's scan, and the list's rows.
    pub(super) fn into_parts(self) -> (crate::depth::PageScan, ListTokens) {
        (self.scan.result(), self.list.into_inner())
    }
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
    fn reset(&mut self, data_order: Option<&str>) {
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
pub(super) struct RowRead {
    /// Fewer cells than the ones read: not an invoice's row.
    pub(super) short: bool,
    /// A cell with a sort value (the total) names a currency.
    pub(super) names_a_currency: bool,
    pub(super) id: Option<u64>,
    pub(super) number: String,
    pub(super) date: Option<NaiveDate>,
    pub(super) due_date: Option<NaiveDate>,
    pub(super) currency: Option<String>,
    pub(super) amount: Option<Decimal>,
    /// `None` without a status label; `Some(None)` for one the app does not know.
    pub(super) status: Option<Option<InvoiceStatus>>,
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
pub(super) struct ListTokens {
    /// The table was found.
    pub(super) found: bool,
    in_list: bool,
    /// Tables open inside the list's cells.
    inner_tables: usize,
    section: Section,
    pub(super) rows: Vec<RowRead>,
    /// The first dates as the portal writes them, beside their ISO form.
    pub(super) shown_dates: Vec<(NaiveDate, String)>,
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

    /// The cell open now, if it is one of those read (the first `CELLS_READ`; the others, the
    /// button's, are only counted).
    fn read_cell(&mut self) -> Option<&mut CellTokens> {
        let used = self.row.used;
        if !self.cell_open || used > CELLS_READ {
            return None;
        }
        self.row.cells[..used].last_mut()
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

    /// The end of a text node in the open cell (and in its first span and status label while
    /// they are open, as `text` goes).
    fn gap(&mut self) {
        let (in_first_span, in_status) = (self.first_span_at.is_some(), self.status_at.is_some());
        let Some(cell) = self.read_cell() else {
            return;
        };
        cell.text.push_gap();
        if in_first_span {
            cell.first_span.push_gap();
        }
        if in_status {
            cell.status_label.push_gap();
        }
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
        if row.used == row.cells.len() {
            row.cells.reserve(CELLS_IN_A_ROW);
            row.cells.push(CellTokens::default());
        }
        row.cells[row.used].reset(data_order);
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
