//! Owns exact amounts of money and reading them from the many ways WHMCS writes them
//! (`$1,234.56 USD`, `€1.234,56 EUR`, `1,200.00 ALL`, `1,234`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An exact amount with its ISO 4217 currency code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount: Decimal,
    pub currency: String,
}

impl Money {
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Money {
        Money {
            amount,
            currency: currency.into(),
        }
    }

    /// Reads an amount as a portal shows it. The currency comes from a code in the text, else a
    /// symbol, else `default_currency`; `None` when there is no number or no currency at all.
    pub fn parse(text: &str, default_currency: Option<&str>) -> Option<Money> {
        let currency = currency_in(text).or_else(|| default_currency.map(str::to_owned))?;
        let amount = parse_amount(text)?;
        Some(Money { amount, currency })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount.round_dp(2), self.currency)
    }
}

/// ISO 4217's code for "no currency": what an amount gets when the portal shows it bare (a
/// currency set up with neither prefix nor suffix) and names its currency nowhere else.
pub const UNKNOWN_CURRENCY: &str = "XXX";

/// The amount in a sentence the portal writes as plain text (the dashboard's "You have 1
/// overdue invoice(s) with a total balance due of $19.95 USD…", in any language): the first
/// number written with a currency beside it, else the last one written with two decimals,
/// in `default_currency`.
pub fn money_in_sentence(text: &str, default_currency: Option<&str>) -> Option<Money> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let names_currency = |w: &str| {
        let w = w.trim_matches(|c: char| c.is_ascii_punctuation() && !"$€£".contains(c));
        is_currency_code(w) || w.contains(['$', '€', '£']) || w == "Lekë" || w == "Lek"
    };
    let mut bare = None;
    for (i, word) in words.iter().enumerate() {
        if !word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let before = i.checked_sub(1).map(|j| words[j]);
        let after = words.get(i + 1).copied();
        let with = [before, Some(*word), after];
        if with.iter().flatten().any(|w| names_currency(w)) {
            let phrase: Vec<&str> = with
                .iter()
                .flatten()
                .copied()
                .filter(|w| *w == *word || names_currency(w))
                .collect();
            if let Some(m) = Money::parse(&phrase.join(" "), default_currency) {
                return Some(m);
            }
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
        let two_decimals = digits.rfind(['.', ',']).is_some_and(|p| {
            digits.len() - p == 3 && digits[p + 1..].chars().all(|c| c.is_ascii_digit())
        });
        if two_decimals {
            bare = parse_amount(digits);
        }
    }
    bare.map(|amount| Money::new(amount, default_currency.unwrap_or(UNKNOWN_CURRENCY)))
}

/// Whether `word` is an ISO 4217 currency code ("EUR", "ALL"; not "VAT" or "PDF", which are
/// three capitals too).
pub fn is_currency_code(word: &str) -> bool {
    word.len() == 3 && iso_currency::Currency::from_code(word).is_some()
}

/// The currency a displayed amount names: a three-letter code wins over a symbol.
pub fn currency_in(text: &str) -> Option<String> {
    for word in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if is_currency_code(word) {
            return Some(word.to_owned());
        }
    }
    if text.contains('€') {
        Some("EUR".into())
    } else if text.contains('£') {
        Some("GBP".into())
    } else if text.contains('$') {
        Some("USD".into())
    } else if text.contains("Lekë") || text.contains("Lek") {
        Some("ALL".into())
    } else {
        None
    }
}

/// Reads the number in a displayed amount, whatever its separators. WHMCS's formats are
/// `1234.56`, `1,234.56`, `1.234,56` and `1,234` (no decimals); the last separator that is
/// followed by one or two digits is the decimal one. A text with two amounts (`$1,234.56 -
/// $100.00`) is none: its digits are never run together into one number.
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let mut negative = false;
    let mut body = String::new();
    let mut started = false;
    // A sign or a symbol after the number's first digit: the number ended there, and a digit
    // after it would start a second amount.
    let mut ended = false;
    for ch in text.chars() {
        match ch {
            '0'..='9' if ended => return None,
            '0'..='9' => {
                started = true;
                body.push(ch)
            }
            '.' | ',' if started => body.push(ch),
            '-' | '−' if !started => negative = true,
            '(' if !started => negative = true,
            ' ' | '\u{a0}' | '\u{202f}' | '\'' if started => {}
            // The number ended (a suffix such as " USD" follows).
            _ if started && ch.is_alphabetic() => break,
            _ if started => ended = true,
            _ => {}
        }
    }
    let body = body.trim_end_matches(['.', ',']);
    if body.is_empty() || body.len() > 40 {
        return None;
    }
    let last_sep = body.rfind(['.', ',']);
    let normalized = match last_sep {
        None => body.to_owned(),
        Some(pos) => {
            let sep = body.as_bytes()[pos] as char;
            let decimals = body.len() - pos - 1;
            let same_count = body.matches(sep).count();
            let other = if sep == '.' { ',' } else { '.' };
            let is_decimal = if body.contains(other) {
                true
            } else if same_count > 1 {
                false
            } else if sep == ',' {
                decimals != 3
            } else {
                true
            };
            if is_decimal {
                let (int, frac) = body.split_at(pos);
                let int: String = int.chars().filter(char::is_ascii_digit).collect();
                format!("{}.{}", if int.is_empty() { "0" } else { &int }, &frac[1..])
            } else {
                body.chars().filter(char::is_ascii_digit).collect()
            }
        }
    };
    let value = Decimal::from_str(&normalized).ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse(text, None).unwrap_or_else(|| panic!("no money in {text:?}"))
    }
    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn every_whmcs_number_format() {
        assert_eq!(parse_amount("1234.56"), Some(d("1234.56")));
        assert_eq!(parse_amount("1,234.56"), Some(d("1234.56")));
        assert_eq!(parse_amount("1.234,56"), Some(d("1234.56")));
        assert_eq!(parse_amount("1,234"), Some(d("1234")));
        assert_eq!(parse_amount("1,234,567"), Some(d("1234567")));
        assert_eq!(parse_amount("19,95"), Some(d("19.95")));
        assert_eq!(parse_amount("0.10"), Some(d("0.10")));
        assert_eq!(parse_amount("1 234,50"), Some(d("1234.50")));
        assert_eq!(parse_amount("-5.00"), Some(d("-5.00")));
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(parse_amount(""), None);
    }

    #[test]
    fn only_iso_4217_codes_name_a_currency() {
        assert!(is_currency_code("EUR") && is_currency_code("ALL") && is_currency_code("USD"));
        assert!(!is_currency_code("VAT") && !is_currency_code("PDF") && !is_currency_code("eur"));
        // Three capitals that are no currency are not taken for one; the symbol is.
        assert_eq!(currency_in("VAT €19.95"), Some("EUR".into()));
        assert_eq!(
            money_in_sentence("VAT 20% on 19.95 EUR", None),
            Some(Money::new(d("19.95"), "EUR"))
        );
    }

    #[test]
    fn prefixes_and_suffixes() {
        assert_eq!(m("$19.95 USD"), Money::new(d("19.95"), "USD"));
        assert_eq!(m("€19.95 EUR"), Money::new(d("19.95"), "EUR"));
        assert_eq!(m("1,200.00 ALL"), Money::new(d("1200.00"), "ALL"));
        assert_eq!(m("€1.234,56"), Money::new(d("1234.56"), "EUR"));
        assert_eq!(m("1 234,50 €"), Money::new(d("1234.50"), "EUR"));
        assert_eq!(m("$1,234 USD"), Money::new(d("1234"), "USD"));
        assert_eq!(m("-$5.00 USD"), Money::new(d("-5.00"), "USD"));
    }

    #[test]
    fn default_currency_only_when_none_is_shown() {
        assert_eq!(
            Money::parse("12.00", Some("EUR")),
            Some(Money::new(d("12.00"), "EUR"))
        );
        assert_eq!(Money::parse("12.00", None), None);
        assert_eq!(
            Money::parse("$12.00 USD", Some("EUR")).unwrap().currency,
            "USD"
        );
    }

    #[test]
    fn amounts_in_sentences_in_any_language() {
        let en = "You have 1 overdue invoice(s) with a total balance due of $19.95 USD. Pay them now to avoid any interruptions in service.";
        assert_eq!(
            money_in_sentence(en, None),
            Some(Money::new(d("19.95"), "USD"))
        );
        let sq = "Keni 2 faturë(a) të prapambetur(a) me një balancë totale prej 1.234,50 EUR. Paguajini tani.";
        assert_eq!(
            money_in_sentence(sq, None),
            Some(Money::new(d("1234.50"), "EUR"))
        );
        let de =
            "Sie haben 3 überfällige Rechnung(en) mit einem offenen Gesamtbetrag von €7.00 EUR.";
        assert_eq!(
            money_in_sentence(de, None),
            Some(Money::new(d("7.00"), "EUR"))
        );
        let bare = "You have 1 overdue invoice(s) with a total balance due of 5.00. Pay them now.";
        assert_eq!(
            money_in_sentence(bare, Some("ALL")),
            Some(Money::new(d("5.00"), "ALL"))
        );
        assert_eq!(
            money_in_sentence(bare, None),
            Some(Money::new(d("5.00"), UNKNOWN_CURRENCY))
        );
        assert_eq!(
            money_in_sentence("You have 1 overdue invoice(s).", None),
            None
        );
    }

    #[test]
    fn absurd_input_does_not_panic() {
        assert_eq!(parse_amount(&"9".repeat(100)), None);
        assert!(parse_amount("99999999999999999999999999.99").is_some());
        assert_eq!(parse_amount(".,.,"), None);
    }

    #[test]
    fn two_amounts_in_one_cell_are_refused_not_run_together() {
        for two in [
            "$1,234.56 - $100.00",
            "€19.95 / €5.00",
            "1.234,50 € + 10,00 €",
            "(19.95) 5.00",
        ] {
            assert_eq!(parse_amount(two), None, "{two:?}");
            assert_eq!(Money::parse(two, Some("EUR")), None, "{two:?}");
        }
        // One amount with its sign, symbol, code or brackets still reads.
        for (one, amount) in [
            ("$1,234.56 USD", "1234.56"),
            ("1 234,50 €", "1234.50"),
            ("(19.95)", "-19.95"),
            ("-€5.00", "-5.00"),
            ("19.95 EUR (incl. VAT)", "19.95"),
        ] {
            assert_eq!(parse_amount(one), Some(amount.parse().unwrap()), "{one:?}");
        }
    }
}
