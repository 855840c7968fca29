//! Owns the files the app writes for the person: CSV tables (the invoice list, the
//! translation review) with RFC 4180 quoting and formulas made inert, and the names of saved
//! invoice PDFs.

/// The file name of an invoice's PDF: `Invoice-<number>.pdf`, the number made safe for any
/// file system (the same name every time, so that "save all" can skip what is there).
pub fn pdf_file_name(number: &str) -> String {
    let safe = file_safe(number, |c| c.is_alphanumeric() || "-_.".contains(c), 100);
    format!("Invoice-{}.pdf", safe.trim_start_matches('.'))
}

/// `text` with every character `keep` refuses made `_`, cut at `max` characters: a part of a
/// file name that is safe on any file system.
pub fn file_safe(text: &str, keep: impl Fn(char) -> bool, max: usize) -> String {
    text.chars()
        .map(|c| if keep(c) { c } else { '_' })
        .take(max)
        .collect()
}

/// A cell as written: text from a portal that starts like a formula (=, +, -, @) would run in
/// a spreadsheet, so a leading apostrophe keeps it text. Plain numbers ("-5.00") stay numbers.
fn inert(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{text}"),
        Some('-') if text[1..].parse::<f64>().is_err() => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// A whole table: the header, then each row; RFC 4180 (the `csv` crate: a cell quoted when it
/// holds a comma, a quote or a line break, quotes doubled, lines ended by CRLF).
pub fn table(header: &[String], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(vec![]);
    // Writing into memory cannot fail; a row of another length is written as it is.
    let _ = out.write_record(header.iter().map(|c| inert(c)));
    for row in rows {
        let _ = out.write_record(row.iter().map(|c| inert(c)));
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    /// Reads a table back with a reader of its own (not the writer's settings).
    pub(crate) fn parse(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_and_round_trip() {
        let rows = vec![
            s(&["INV-1", "Hosting, monthly", "12.50"]),
            s(&["INV-2", "The \"big\" plan", "0.99"]),
            s(&["INV-3", "two\nlines", "7"]),
            s(&["", "plain", "-5.00"]),
        ];
        let text = table(&s(&["Number", "Item", "Total"]), rows.clone());
        assert_eq!(
            text,
            "Number,Item,Total\r\nINV-1,\"Hosting, monthly\",12.50\r\n\
             INV-2,\"The \"\"big\"\" plan\",0.99\r\nINV-3,\"two\nlines\",7\r\n,plain,-5.00\r\n"
        );
        let mut back = parse(&text);
        assert_eq!(back.remove(0), s(&["Number", "Item", "Total"]));
        assert_eq!(back, rows);
    }

    #[test]
    fn pdf_names_are_safe_and_stable() {
        assert_eq!(pdf_file_name("2026-0105"), "Invoice-2026-0105.pdf");
        assert_eq!(
            pdf_file_name("../../etc/passwd"),
            "Invoice-_.._etc_passwd.pdf"
        );
        assert_eq!(pdf_file_name("A/B C"), "Invoice-A_B_C.pdf");
    }

    #[test]
    fn formulas_from_a_portal_stay_text() {
        let text = table(
            &s(&["a"]),
            vec![
                s(&["=HYPERLINK(\"http://x\")"]),
                s(&["+1+2"]),
                s(&["@SUM(A1)"]),
                s(&["-cmd"]),
            ],
        );
        let back = parse(&text);
        assert_eq!(back[1], s(&["'=HYPERLINK(\"http://x\")"]));
        assert_eq!(back[2], s(&["'+1+2"]));
        assert_eq!(back[3], s(&["'@SUM(A1)"]));
        assert_eq!(back[4], s(&["'-cmd"]));
    }
}
