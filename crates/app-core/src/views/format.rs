//! Owns how the views write amounts, statuses and totals in the person's language (and read an
//! amount a person typed).

use l10n::{format_money, Catalogues, Lang};
use portal::{InvoiceStatus, Money};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// An amount as a person types it in `lang`: no grouping, two decimals, the language's decimal
/// mark ("1234.50" / "1234,50").
pub fn typed_amount(lang: Lang, amount: rust_decimal::Decimal) -> String {
    let plain = format!("{:.2}", amount.round_dp(2));
    match lang {
        Lang::En => plain,
        Lang::Sq => plain.replace('.', ","),
    }
}

/// An amount the person typed, in either decimal mark, with spaces or thousands marks
/// ignored only where they cannot be the decimal mark: "5", "5.00", "5,00", "1 234,50",
/// "1,234.50". None when it is not a number with at most two decimals.
pub fn read_typed_amount(text: &str) -> Option<rust_decimal::Decimal> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    // The last mark followed by one or two digits is the decimal mark; every other mark groups.
    let decimal_at = compact
        .rfind(['.', ','])
        .filter(|p| (1..=2).contains(&(compact.len() - p - 1)));
    let mut plain = String::new();
    for (i, ch) in compact.char_indices() {
        match ch {
            '.' | ',' if Some(i) == decimal_at => plain.push('.'),
            '.' | ',' => {}
            d => plain.push(d),
        }
    }
    plain.parse().ok()
}

pub fn money(lang: Lang, m: &Money) -> String {
    format_money(lang, m.amount, &m.currency)
}

/// The status a person sees: Unpaid past its due date reads "Overdue".
pub fn status_slug(status: InvoiceStatus, overdue: bool) -> &'static str {
    if overdue {
        "overdue"
    } else {
        status.slug()
    }
}

pub fn status_text(c: &Catalogues, lang: Lang, slug: &str) -> String {
    c.text(lang, &format!("status-{slug}"), &[])
}

/// Sums per currency, in a stable order.
pub fn totals_per_currency<'a>(amounts: impl Iterator<Item = &'a Money>) -> Vec<Money> {
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    for m in amounts {
        *sums.entry(m.currency.clone()).or_default() += m.amount;
    }
    sums.into_iter()
        .map(|(cur, amt)| Money::new(amt, cur))
        .collect()
}
