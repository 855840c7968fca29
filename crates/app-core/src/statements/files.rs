//! Owns the statement's two files as the person saves them: a CSV for a spreadsheet (ISO dates
//! and plain decimals, one row per entry, each currency opened and closed by its balance) and
//! the PDF laid out by `statement_pdf`, both in the person's language.

use super::Statements;
use crate::core::*;
use crate::error::CoreError;
use crate::statement::Statement;
use crate::statement_pdf::statement_pdf;
use l10n::{Arg, Catalogues, Lang};

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
                c.text(lang, e.kind.message_id(), &[]),
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

impl Statements<'_> {
    fn last_statement(self) -> Result<Statement> {
        self.own
            .last_statement
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or(CoreError::NoStatement)
    }

    /// The statement last prepared, as CSV in the language of the moment, and its file name.
    pub fn statement_csv(self) -> Result<(String, String)> {
        let s = self.last_statement()?;
        let csv = statement_csv(&self.core.catalogues, self.core.lang(), &s);
        Ok((csv, self.statement_file_name(&s, "csv")))
    }

    /// The statement last prepared, as a PDF in the language of the moment, and its file name.
    pub fn statement_pdf(self) -> Result<(Vec<u8>, String)> {
        let s = self.last_statement()?;
        let pdf = statement_pdf(
            &self.core.catalogues,
            self.core.lang(),
            &s,
            &self.statement_heading(&s),
            &self.statement_notes(&s),
            chrono::Local::now().date_naive(),
        )?;
        Ok((pdf, self.statement_file_name(&s, "pdf")))
    }

    fn statement_file_name(self, s: &Statement, extension: &str) -> String {
        let base = self.core.text(
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
