//! Owns how amounts and dates are written in each language.
//!
//! English: `€1,234.50`, `$19.95`, `1,200.00 ALL`, `5 Mar 2026`.
//! Albanian: `1 234,50 €`, `19,95 $`, `1 200,00 ALL`, `5 mars 2026`.

use crate::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_decimal::{Decimal, RoundingStrategy};

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SQ_MONTHS: [&str; 12] = [
    "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator", "tetor",
    "nëntor", "dhjetor",
];

pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    let month = date.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", date.day(), EN_MONTHS[month], date.year()),
        Lang::Sq => format!("{} {} {}", date.day(), SQ_MONTHS[month], date.year()),
    }
}

/// A moment to the minute, as the app writes when something was synced: the date as
/// [`format_date`] writes it, then the 24-hour time (`5 Mar 2026 09:07`), in both languages.
pub fn format_date_time(lang: Lang, at: NaiveDateTime) -> String {
    format!("{} {}", format_date(lang, at.date()), at.format("%H:%M"))
}

fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// Writes an exact amount with two decimals, grouped, with the currency where each language
/// puts it. Rounding is half away from zero, as invoices are.
pub fn format_money(lang: Lang, amount: Decimal, currency: &str) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let plain = format!("{:.2}", rounded.abs());
    let (int_part, frac_part) = plain.split_once('.').unwrap_or((&plain, "00"));
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        // A narrow no-break space would be more correct typographically, but a plain no-break
        // space renders the same everywhere and does not wrap.
        Lang::Sq => ('\u{a0}', ','),
    };
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    let number = format!("{grouped}{decimal}{frac_part}");
    let sign = if negative { "-" } else { "" };
    // ISO 4217's "no currency": the portal showed a bare amount and named no currency
    // anywhere, so none is made up.
    if currency == "XXX" {
        return format!("{sign}{number}");
    }
    match (lang, symbol(currency)) {
        (Lang::En, Some(sym)) => format!("{sign}{sym}{number}"),
        (Lang::En, None) => format!("{sign}{number} {currency}"),
        (Lang::Sq, Some(sym)) => format!("{sign}{number}\u{a0}{sym}"),
        (Lang::Sq, None) => format!("{sign}{number}\u{a0}{currency}"),
    }
}

/// Groups the digits of a whole number: `1234567` -> `1,234,567` (English) or `1 234 567`
/// (Albanian, with a no-break space as in amounts).
pub fn group_count(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let group = match lang {
        Lang::En => ',',
        Lang::Sq => '\u{a0}',
    };
    let mut grouped = String::new();
    if n < 0 {
        grouped.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(ch);
    }
    grouped
}

fn fluent_count(lang: Lang, value: &fluent_bundle::FluentValue) -> Option<String> {
    match value {
        fluent_bundle::FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(group_count(lang, n.value as i64))
        }
        _ => None,
    }
}

/// The English bundle's number formatter (Fluent calls it for every number it writes).
pub fn fluent_number_en<M>(value: &fluent_bundle::FluentValue, _: &M) -> Option<String> {
    fluent_count(Lang::En, value)
}

/// The Albanian bundle's number formatter.
pub fn fluent_number_sq<M>(value: &fluent_bundle::FluentValue, _: &M) -> Option<String> {
    fluent_count(Lang::Sq, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_in_english() {
        assert_eq!(format_money(Lang::En, d("1234.5"), "EUR"), "€1,234.50");
        assert_eq!(format_money(Lang::En, d("19.95"), "USD"), "$19.95");
        assert_eq!(format_money(Lang::En, d("1200"), "ALL"), "1,200.00 ALL");
        assert_eq!(format_money(Lang::En, d("-5.005"), "EUR"), "-€5.01");
        assert_eq!(
            format_money(Lang::En, d("1234567.891"), "USD"),
            "$1,234,567.89"
        );
    }

    #[test]
    fn money_in_albanian() {
        assert_eq!(
            format_money(Lang::Sq, d("1234.5"), "EUR"),
            "1\u{a0}234,50\u{a0}€"
        );
        assert_eq!(format_money(Lang::Sq, d("0.1"), "ALL"), "0,10\u{a0}ALL");
        assert_eq!(format_money(Lang::Sq, d("999"), "USD"), "999,00\u{a0}$");
    }

    #[test]
    fn counts_are_grouped_per_language() {
        assert_eq!(group_count(Lang::En, 1234), "1,234");
        assert_eq!(group_count(Lang::Sq, 1234), "1\u{a0}234");
        assert_eq!(group_count(Lang::En, 999), "999");
        assert_eq!(group_count(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(group_count(Lang::En, 0), "0");
    }

    #[test]
    fn dates_per_language() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(format_date(Lang::Sq, date), "5 mars 2026");
        assert_eq!(format_date(Lang::En, date), "5 Mar 2026");
        let nov = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(format_date(Lang::Sq, nov), "26 nëntor 2026");
    }

    #[test]
    fn moments_to_the_minute_per_language() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 5)
            .unwrap()
            .and_hms_opt(9, 7, 59)
            .unwrap();
        assert_eq!(format_date_time(Lang::En, at), "5 Mar 2026 09:07");
        assert_eq!(format_date_time(Lang::Sq, at), "5 mars 2026 09:07");
    }
}
