//! Owns the statement's PDF (made with krilla, the system's DejaVu fonts embedded as subsets):
//! a heading, then per currency its opening balance, a table of the entries over as many A4
//! pages as it takes, and its closing balance; every page numbered.

use crate::pdf_text::Typeface;
use crate::statement::{CurrencyStatement, Statement};
use crate::views::money;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::Document;
use l10n::{format_date, Arg, Catalogues, Lang};
use portal::Money;
use std::path::PathBuf;

/// Where the DejaVu fonts the packages depend on are: Debian's `fonts-dejavu-core`, Fedora's
/// `dejavu-sans-fonts`, openSUSE's `dejavu-fonts`, and older or other layouts.
const FONT_DIRS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/truetype",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
];

/// A4 in points, its margin, and the table's lines.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 42.0;
const LINE: f32 = 13.0;
const SMALL: f32 = 8.5;
/// Where a page's writing ends and where it starts on a page after the first.
const PAGE_BOTTOM: f32 = HEIGHT - MARGIN - LINE;
const PAGE_TOP: f32 = MARGIN + 10.0;

/// The entries table's columns: the heading's message, where the column starts (or ends, when
/// right-aligned), and whether it is right-aligned (the amounts).
const COLUMNS: [(&str, f32, bool); 6] = [
    ("statement-col-date", MARGIN, false),
    ("statement-col-entry", MARGIN + 76.0, false),
    ("statement-col-invoice", MARGIN + 156.0, false),
    ("statement-col-reference", MARGIN + 236.0, false),
    ("statement-col-amount", WIDTH - MARGIN - 80.0, true),
    ("statement-col-balance", WIDTH - MARGIN, true),
];

fn font(file: &str) -> std::io::Result<Typeface> {
    for dir in FONT_DIRS {
        let path = PathBuf::from(dir).join(file);
        if let Ok(bytes) = std::fs::read(&path) {
            if let Some(font) = Typeface::new(bytes) {
                return Ok(font);
            }
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!("the font {file} (package fonts-dejavu-core, dejavu-sans-fonts or dejavu-fonts)"),
    ))
}

/// Cut to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut kept: String = text.chars().take(max.saturating_sub(1)).collect();
        kept.push('…');
        kept
    }
}

struct Faces {
    regular: Typeface,
    bold: Typeface,
    mono: Typeface,
}

/// One piece of text placed on a page.
struct Run {
    x: f32,
    y: f32,
    face: Typeface,
    size: f32,
    text: String,
    right_aligned: bool,
}

/// The pages laid out so far, and where the next line goes on the last one.
struct Layout {
    pages: Vec<Vec<Run>>,
    y: f32,
}

impl Layout {
    fn put(&mut self, x: f32, face: &Typeface, size: f32, text: String, right_aligned: bool) {
        let run = Run {
            x,
            y: self.y,
            face: face.clone(),
            size,
            text,
            right_aligned,
        };
        self.pages.last_mut().expect("a page").push(run);
    }

    fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = PAGE_TOP;
    }

    /// A new page when the next line would not fit on this one.
    fn new_page_if_full(&mut self) -> bool {
        let full = self.y > PAGE_BOTTOM;
        if full {
            self.new_page();
        }
        full
    }
}

/// What the statement is written with: the messages in `lang` and the faces.
struct Writer<'a> {
    c: &'a Catalogues,
    lang: Lang,
    faces: Faces,
}

impl Writer<'_> {
    fn text(&self, id: &str) -> String {
        self.c.text(self.lang, id, &[])
    }

    fn money(&self, amount: rust_decimal::Decimal, currency: &str) -> String {
        money(self.lang, &Money::new(amount, currency))
    }

    /// The title, the period, the day it was made, and the notes on what the figures leave
    /// out or take from a saved copy (said before them, as on screen).
    fn heading(&self, l: &mut Layout, heading: &str, notes: &[String], made_on: chrono::NaiveDate) {
        let f = &self.faces;
        l.put(MARGIN, &f.bold, 16.0, self.text("statement-title"), false);
        l.y += 20.0;
        l.put(MARGIN, &f.regular, 10.0, heading.to_owned(), false);
        l.y += LINE;
        let date = Arg::from(format_date(self.lang, made_on));
        let made = self
            .c
            .text(self.lang, "statement-made-on", &[("date", date)]);
        l.put(MARGIN, &f.regular, SMALL, made, false);
        l.y += LINE * 1.5;
        if notes.is_empty() {
            return;
        }
        for note in notes {
            for line in f.bold.wrap(note, SMALL, WIDTH - 2.0 * MARGIN) {
                l.new_page_if_full();
                l.put(MARGIN, &f.bold, SMALL, line, false);
                l.y += LINE;
            }
            l.y += LINE * 0.3;
        }
        l.y += LINE;
    }

    fn table_header(&self, l: &mut Layout) {
        for (id, x, right) in COLUMNS {
            l.put(x, &self.faces.bold, SMALL, self.text(id), right);
        }
    }

    /// One currency: its name, the opening balance, the entries (the table's header again on
    /// every page it runs over), and what was invoiced, paid and is left.
    fn currency(&self, l: &mut Layout, cur: &CurrencyStatement, several_accounts: bool) {
        let f = &self.faces;
        if l.y + LINE * 5.0 > PAGE_BOTTOM {
            l.new_page();
        }
        l.put(MARGIN, &f.bold, 12.0, cur.currency.clone(), false);
        l.y += LINE * 1.3;
        let opening = self.money(cur.opening, &cur.currency);
        let opening = format!("{}: {opening}", self.text("statement-opening"));
        l.put(MARGIN, &f.regular, 9.5, opening, false);
        l.y += LINE * 1.3;
        self.table_header(l);
        l.y += LINE;
        for e in &cur.entries {
            if l.new_page_if_full() {
                self.table_header(l);
                l.y += LINE;
            }
            let reference = match (several_accounts, &e.reference) {
                (true, Some(r)) => format!("{} · {r}", e.account),
                (true, None) => e.account.clone(),
                (false, r) => r.clone().unwrap_or_default(),
            };
            let cells = [
                format_date(self.lang, e.date),
                cut(&self.text(e.kind.message_id()), 16),
                cut(&e.invoice_number, 16),
                cut(&reference, 22),
                self.money(e.amount, &cur.currency),
                self.money(e.balance, &cur.currency),
            ];
            for ((_, x, right), cell) in COLUMNS.iter().zip(cells) {
                let face = if *right { &f.mono } else { &f.regular };
                l.put(*x, face, SMALL, cell, *right);
            }
            l.y += LINE;
        }
        l.y += LINE * 0.5;
        for (id, amount) in [
            ("statement-invoiced", cur.invoiced),
            ("statement-paid", cur.paid),
            ("statement-closing", cur.closing),
        ] {
            l.new_page_if_full();
            let face = if id == "statement-closing" {
                &f.bold
            } else {
                &f.regular
            };
            let line = format!("{}: {}", self.text(id), self.money(amount, &cur.currency));
            l.put(MARGIN, face, 9.5, line, false);
            l.y += LINE;
        }
        l.y += LINE;
    }

    /// The pages drawn, each with its number.
    fn draw(&self, pages: Vec<Vec<Run>>) -> std::io::Result<Vec<u8>> {
        let regular = &self.faces.regular;
        let count = pages.len();
        let mut document = Document::new();
        for (n, runs) in pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(WIDTH, HEIGHT).expect("A4");
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for run in runs {
                let x = if run.right_aligned {
                    run.x - run.face.width(&run.text, run.size)
                } else {
                    run.x
                };
                let glyphs = run.face.glyphs(&run.text);
                let at = Point::from_xy(x, run.y);
                surface.draw_glyphs(
                    at,
                    &glyphs,
                    run.face.font.clone(),
                    &run.text,
                    run.size,
                    false,
                );
            }
            let args = [("page", Arg::from(n + 1)), ("count", Arg::from(count))];
            let number = self.c.text(self.lang, "statement-page", &args);
            let at = Point::from_xy(
                WIDTH - MARGIN - regular.width(&number, SMALL),
                HEIGHT - MARGIN / 2.0,
            );
            let glyphs = regular.glyphs(&number);
            surface.draw_glyphs(at, &glyphs, regular.font.clone(), &number, SMALL, false);
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| std::io::Error::other(format!("{e:?}")))
    }
}

/// The statement as a PDF in `lang`, headed by `heading` (the period) and `notes`.
pub fn statement_pdf(
    c: &Catalogues,
    lang: Lang,
    s: &Statement,
    heading: &str,
    notes: &[String],
    made_on: chrono::NaiveDate,
) -> std::io::Result<Vec<u8>> {
    let faces = Faces {
        regular: font("DejaVuSans.ttf")?,
        bold: font("DejaVuSans-Bold.ttf")?,
        mono: font("DejaVuSansMono.ttf")?,
    };
    let writer = Writer { c, lang, faces };
    let several_accounts = s
        .currencies
        .iter()
        .flat_map(|cur| cur.entries.iter().map(|e| e.account.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        > 1;
    let mut layout = Layout {
        pages: vec![vec![]],
        y: MARGIN + 16.0,
    };
    writer.heading(&mut layout, heading, notes, made_on);
    if s.currencies.is_empty() {
        let empty = writer.text("statement-empty");
        layout.put(MARGIN, &writer.faces.regular, 10.0, empty, false);
    }
    for cur in &s.currencies {
        writer.currency(&mut layout, cur, several_accounts);
    }
    writer.draw(layout.pages)
}
