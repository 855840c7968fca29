//! Owns reading the cells lists share: an invoice's id from its link, and a date from the ISO
//! form the stock templates keep beside the date as the portal writes it.

use super::*;

static SPAN: LazyLock<Selector> = LazyLock::new(|| sel("span"));

pub(super) fn invoice_id_from(text: &str) -> Option<u64> {
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
    fn ids_from_onclick() {
        assert_eq!(
            invoice_id_from("clickableSafeRedirect(event, 'viewinvoice.php?id=42', false)"),
            Some(42)
        );
        assert_eq!(invoice_id_from("viewinvoice.php?id="), None);
    }
}
