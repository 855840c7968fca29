//! Owns the statement's two files: a CSV for a spreadsheet (ISO dates and plain decimals, one
//! row per entry, each currency opened and closed by its balance) and a PDF to keep or send
//! (made with krilla, in the person's language, the system's DejaVu fonts embedded as subsets).

use crate::core::*;
use crate::error::CoreError;
use crate::pdf_text::Typeface;
use crate::statement::{EntryKind, Statement};
use crate::views::money;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::Document;
use l10n::{format_date, Arg, Catalogues, Lang};
use portal::Money;
use std::path::PathBuf;

/// Where Debian's `fonts-dejavu-core` (a dependency of the package) puts its fonts.
const FONT_DIRS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
];

fn kind_id(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Invoice => "statement-kind-invoice",
        EntryKind::Payment => "statement-kind-payment",
        EntryKind::Refund => "statement-kind-refund",
        EntryKind::Reversal => "statement-kind-reversal",
    }
}

/// The statement as CSV: headers in `lang`, dates ISO 8601, amounts plain decimals with a point
/// (what a spreadsheet reads in any locale).
pub fn statement_csv(c: &Catalogues, lang: Lang, s: &Statement) -> String {
    let header: Vec<String> = [
        "statement-col-account",
        "statement-col-currency",
        "statement-col-date",
        "statement-col-entry",
        "statement-col-invoice",
        "statement-col-invoice-id",
        "statement-col-reference",
        "statement-col-amount",
        "statement-col-balance",
    ]
    .iter()
    .map(|id| c.text(lang, id, &[]))
    .collect();
    let plain = |d: rust_decimal::Decimal| format!("{:.2}", d.round_dp(2));
    let mut rows = vec![];
    for cur in &s.currencies {
        let edge = |id: &str, date: chrono::NaiveDate, balance| {
            vec![
                String::new(),
                cur.currency.clone(),
                date.to_string(),
                c.text(lang, id, &[]),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                plain(balance),
            ]
        };
        rows.push(edge("statement-opening", s.from, cur.opening));
        for e in &cur.entries {
            rows.push(vec![
                e.account.clone(),
                cur.currency.clone(),
                e.date.to_string(),
                c.text(lang, kind_id(e.kind), &[]),
                e.invoice_number.clone(),
                e.invoice_id.to_string(),
                e.reference.clone().unwrap_or_default(),
                plain(e.amount),
                plain(e.balance),
            ]);
        }
        rows.push(edge("statement-closing", s.to, cur.closing));
    }
    crate::export::table(&header, rows)
}

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
        format!("the font {file} (package fonts-dejavu-core)"),
    ))
}

/// A4 in points, its margin, and the table's lines.
const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 42.0;
const LINE: f32 = 13.0;
const SMALL: f32 = 8.5;

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

/// The statement as a PDF: a heading, then per currency its opening balance, a table of the
/// entries (date, entry, invoice, account and reference, amount, balance) over as many pages
/// as it takes, and its closing balance; every page numbered.
pub fn statement_pdf(
    c: &Catalogues,
    lang: Lang,
    s: &Statement,
    heading: &str,
    notes: &[String],
    made_on: chrono::NaiveDate,
) -> std::io::Result<Vec<u8>> {
    let regular = font("DejaVuSans.ttf")?;
    let bold = font("DejaVuSans-Bold.ttf")?;
    let mono = font("DejaVuSansMono.ttf")?;
    let text = |id: &str| c.text(lang, id, &[]);
    let m = |amount, currency: &str| money(lang, &Money::new(amount, currency));
    let several = s
        .currencies
        .iter()
        .flat_map(|cur| cur.entries.iter().map(|e| e.account.as_str()))
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        > 1;

    // Each page as a list of (x, y, font, size, text, right-aligned).
    type Run = (f32, f32, Typeface, f32, String, bool);
    let mut pages: Vec<Vec<Run>> = vec![vec![]];
    let mut y = MARGIN + 16.0;
    let page_bottom = HEIGHT - MARGIN - LINE;
    let put = |pages: &mut Vec<Vec<Run>>, x, y, f: &Typeface, size, t: String, right| {
        pages
            .last_mut()
            .unwrap()
            .push((x, y, f.clone(), size, t, right));
    };
    put(
        &mut pages,
        MARGIN,
        y,
        &bold,
        16.0,
        text("statement-title"),
        false,
    );
    y += 20.0;
    put(
        &mut pages,
        MARGIN,
        y,
        &regular,
        10.0,
        heading.to_owned(),
        false,
    );
    y += LINE;
    put(
        &mut pages,
        MARGIN,
        y,
        &regular,
        SMALL,
        c.text(
            lang,
            "statement-made-on",
            &[("date", Arg::from(format_date(lang, made_on)))],
        ),
        false,
    );
    y += LINE * 1.5;
    // What the figures leave out or take from a saved copy: said before them, as on screen.
    if !notes.is_empty() {
        for note in notes {
            for line in bold.wrap(note, SMALL, WIDTH - 2.0 * MARGIN) {
                if y > page_bottom {
                    pages.push(vec![]);
                    y = MARGIN + 10.0;
                }
                put(&mut pages, MARGIN, y, &bold, SMALL, line, false);
                y += LINE;
            }
            y += LINE * 0.3;
        }
        y += LINE;
    }
    let columns: [(&str, f32, bool); 6] = [
        ("statement-col-date", MARGIN, false),
        ("statement-col-entry", MARGIN + 76.0, false),
        ("statement-col-invoice", MARGIN + 156.0, false),
        ("statement-col-reference", MARGIN + 236.0, false),
        ("statement-col-amount", WIDTH - MARGIN - 80.0, true),
        ("statement-col-balance", WIDTH - MARGIN, true),
    ];
    let header = |pages: &mut Vec<Vec<Run>>, y: f32| {
        for (id, x, right) in columns {
            put(pages, x, y, &bold, SMALL, text(id), right);
        }
    };
    if s.currencies.is_empty() {
        put(
            &mut pages,
            MARGIN,
            y,
            &regular,
            10.0,
            text("statement-empty"),
            false,
        );
    }
    for cur in &s.currencies {
        if y + LINE * 5.0 > page_bottom {
            pages.push(vec![]);
            y = MARGIN + 10.0;
        }
        put(
            &mut pages,
            MARGIN,
            y,
            &bold,
            12.0,
            cur.currency.clone(),
            false,
        );
        y += LINE * 1.3;
        put(
            &mut pages,
            MARGIN,
            y,
            &regular,
            9.5,
            format!(
                "{}: {}",
                text("statement-opening"),
                m(cur.opening, &cur.currency)
            ),
            false,
        );
        y += LINE * 1.3;
        header(&mut pages, y);
        y += LINE;
        for e in &cur.entries {
            if y > page_bottom {
                pages.push(vec![]);
                y = MARGIN + 10.0;
                header(&mut pages, y);
                y += LINE;
            }
            let reference = match (several, &e.reference) {
                (true, Some(r)) => format!("{} · {r}", e.account),
                (true, None) => e.account.clone(),
                (false, r) => r.clone().unwrap_or_default(),
            };
            let cells = [
                format_date(lang, e.date),
                cut(&text(kind_id(e.kind)), 16),
                cut(&e.invoice_number, 16),
                cut(&reference, 22),
                m(e.amount, &cur.currency),
                m(e.balance, &cur.currency),
            ];
            for ((_, x, right), cell) in columns.iter().zip(cells) {
                let f = if *right { &mono } else { &regular };
                put(&mut pages, *x, y, f, SMALL, cell, *right);
            }
            y += LINE;
        }
        y += LINE * 0.5;
        for (id, amount) in [
            ("statement-invoiced", cur.invoiced),
            ("statement-paid", cur.paid),
            ("statement-closing", cur.closing),
        ] {
            if y > page_bottom {
                pages.push(vec![]);
                y = MARGIN + 10.0;
            }
            let f = if id == "statement-closing" {
                &bold
            } else {
                &regular
            };
            put(
                &mut pages,
                MARGIN,
                y,
                f,
                9.5,
                format!("{}: {}", text(id), m(amount, &cur.currency)),
                false,
            );
            y += LINE;
        }
        y += LINE;
    }

    let count = pages.len();
    let mut document = Document::new();
    for (n, runs) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(WIDTH, HEIGHT).expect("A4");
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (x, y, f, size, t, right) in runs {
            let x = if right { x - f.width(&t, size) } else { x };
            surface.draw_glyphs(
                Point::from_xy(x, y),
                &f.glyphs(&t),
                f.font.clone(),
                &t,
                size,
                false,
            );
        }
        let number = c.text(
            lang,
            "statement-page",
            &[("page", Arg::from(n + 1)), ("count", Arg::from(count))],
        );
        surface.draw_glyphs(
            Point::from_xy(
                WIDTH - MARGIN - regular.width(&number, SMALL),
                HEIGHT - MARGIN / 2.0,
            ),
            &regular.glyphs(&number),
            regular.font.clone(),
            &number,
            SMALL,
            false,
        );
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| std::io::Error::other(format!("{e:?}")))
}

impl Core {
    fn last_statement(&self) -> Result<Statement> {
        self.last_statement
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or(CoreError::NoStatement)
    }

    /// The statement last prepared, as CSV in the language of the moment, and its file name.
    pub fn statement_csv(&self) -> Result<(String, String)> {
        let s = self.last_statement()?;
        let csv = statement_csv(&self.catalogues, self.lang(), &s);
        Ok((csv, self.statement_file_name(&s, "csv")))
    }

    /// The statement last prepared, as a PDF in the language of the moment, and its file name.
    pub fn statement_pdf(&self) -> Result<(Vec<u8>, String)> {
        let s = self.last_statement()?;
        let pdf = statement_pdf(
            &self.catalogues,
            self.lang(),
            &s,
            &self.statement_heading(&s),
            &self.statement_notes(&s),
            chrono::Local::now().date_naive(),
        )?;
        Ok((pdf, self.statement_file_name(&s, "pdf")))
    }

    fn statement_file_name(&self, s: &Statement, extension: &str) -> String {
        let base = self.text(
            "statement-file-name",
            &[
                ("from", Arg::from(s.from.to_string())),
                ("to", Arg::from(s.to.to_string())),
            ],
        );
        format!(
            "{}.{extension}",
            crate::export::file_safe(&base, |c| c.is_alphanumeric() || "-_.".contains(c), 80)
        )
    }
}
