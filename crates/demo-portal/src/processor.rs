//! Owns the demo payment processor's pages (a 2Checkout-like checkout on its own origin): the
//! order summary, the card and PayPal forms with their validation, and the "Pay" button.
//! Card numbers and CVVs are never stored or logged: an order keeps the last four digits only.

use crate::html::esc;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

/// The card that always succeeds, and the one the demo always declines.
pub const TEST_CARD_OK: &str = "4111 1111 1111 1111";
pub const TEST_CARD_DECLINED: &str = "4000 0000 0000 0002";

#[derive(Debug, Clone)]
pub struct Order {
    pub id: String,
    pub invoice_id: u64,
    pub description: String,
    pub amount: String,
    pub currency: String,
    pub return_url: String,
    /// "1 Month" / "1 Year" for a subscription.
    pub recurrence: Option<String>,
    pub paid_with: Option<String>,
    /// What pays, while the card's bank checks the payment (3-D Secure).
    pub pending_paid_with: Option<String>,
}

pub fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, ch) in digits.chars().rev().enumerate() {
        let Some(mut d) = ch.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

#[derive(Debug, Default, Clone)]
pub struct CardForm {
    pub name: String,
    pub number: String,
    pub expiry: String,
    pub cvv: String,
}

/// Checks a card form; the errors are keyed by field.
pub fn validate_card(form: &CardForm, today: NaiveDate) -> Vec<(&'static str, &'static str)> {
    let mut errors = vec![];
    if form.name.trim().is_empty() {
        errors.push(("card_name", "Enter the name on the card."));
    }
    let digits: String = form
        .number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !(12..=19).contains(&digits.len())
        || !digits.chars().all(|c| c.is_ascii_digit())
        || !luhn(&digits)
    {
        errors.push(("card_number", "The card number is not valid."));
    }
    let expiry_ok = form
        .expiry
        .trim()
        .split_once('/')
        .and_then(|(m, y)| {
            let month: u32 = m.trim().parse().ok()?;
            let mut year: i32 = y.trim().parse().ok()?;
            if year < 100 {
                year += 2000;
            }
            (1..=12).contains(&month).then_some((year, month))
        })
        .is_some_and(|(year, month)| (year, month) >= (today.year(), today.month()));
    if !expiry_ok {
        errors.push(("card_expiry", "Enter a future expiry date as MM/YY."));
    }
    let cvv = form.cvv.trim();
    if !(3..=4).contains(&cvv.len()) || !cvv.chars().all(|c| c.is_ascii_digit()) {
        errors.push(("card_cvv", "The CVV is the 3 or 4 digits on the card."));
    }
    errors
}

pub fn card_digits(number: &str) -> String {
    number.chars().filter(|c| c.is_ascii_digit()).collect()
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f3f5f9;margin:0;color:#1c2333}\
main{max-width:520px;margin:32px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px #0002}\
h1{font-size:20px;margin:0 0 4px}.merchant{color:#555;margin:0 0 16px}.summary{border:1px solid #dde;border-radius:6px;padding:12px;margin-bottom:16px}\
.amount{font-size:22px;font-weight:600}label{display:block;margin:10px 0 4px;font-weight:500}input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #aab;border-radius:4px;font-size:15px}\
.row{display:flex;gap:12px}.row>div{flex:1}.err{color:#b00020;font-size:13px;margin-top:2px}.alert{background:#fde8ea;color:#7a0010;border-radius:4px;padding:10px;margin-bottom:12px}\
button.pay{margin-top:18px;width:100%;padding:12px;font-size:17px;background:#1c4ed8;color:#fff;border:0;border-radius:6px;cursor:pointer}\
fieldset{border:0;padding:0;margin:0 0 8px}.tabs label{display:inline;margin-right:16px}.cancel{display:block;text-align:center;margin-top:14px;color:#555}.secure{font-size:12px;color:#555;margin-top:12px}";

pub struct CheckoutView<'a> {
    pub order: &'a Order,
    pub pay_label: String,
    pub method: &'a str,
    pub card: CardForm,
    pub paypal_email: String,
    pub errors: Vec<(&'static str, &'static str)>,
    pub alert: Option<&'a str>,
    pub cancel_url: String,
}

fn field_error(errors: &[(&str, &str)], name: &str) -> String {
    errors
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, e)| format!("<div class=\"err\" id=\"{name}-error\">{}</div>", esc(e)))
        .unwrap_or_default()
}

pub fn checkout_page(v: &CheckoutView<'_>) -> String {
    let o = v.order;
    let mut b = String::new();
    let _ = write!(
        b,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>2Checkout (demo) - Secure Checkout</title><style>{STYLE}</style></head><body><main>\n\
         <h1>Secure checkout</h1><p class=\"merchant\">Merchant: <strong>JitOps Cloud</strong> (demo processor)</p>\n\
         <div class=\"summary\"><div id=\"order-description\">{}</div><div>Invoice <span id=\"order-invoice\">{}</span></div>{}<div class=\"amount\" id=\"order-amount\">{}</div></div>\n",
        esc(&o.description),
        o.invoice_id,
        o.recurrence
            .as_ref()
            .map(|r| format!("<div id=\"order-recurrence\">Recurring every {}</div>", esc(r)))
            .unwrap_or_default(),
        esc(v.pay_label.trim_start_matches("Pay ")),
    );
    if let Some(a) = v.alert {
        let _ = write!(
            b,
            "<div class=\"alert\" role=\"alert\" id=\"checkout-alert\">{}</div>\n",
            esc(a)
        );
    }
    let card_checked = if v.method == "paypal" { "" } else { " checked" };
    let paypal_checked = if v.method == "paypal" { " checked" } else { "" };
    let _ = write!(
        b,
        "<form method=\"post\" action=\"/checkout/order/{id}/pay\" id=\"checkout-form\" novalidate>\n\
         <fieldset class=\"tabs\"><legend>Pay with</legend><label><input type=\"radio\" name=\"method\" value=\"card\" id=\"method-card\"{card_checked}> Card</label>\
         <label><input type=\"radio\" name=\"method\" value=\"paypal\" id=\"method-paypal\"{paypal_checked}> PayPal</label></fieldset>\n\
         <div id=\"card-fields\"><label for=\"card_name\">Name on card</label><input type=\"text\" id=\"card_name\" name=\"card_name\" autocomplete=\"cc-name\" value=\"{name}\">{e_name}\n\
         <label for=\"card_number\">Card number</label><input type=\"text\" id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\">{e_number}\n\
         <div class=\"row\"><div><label for=\"card_expiry\">Expiry (MM/YY)</label><input type=\"text\" id=\"card_expiry\" name=\"card_expiry\" autocomplete=\"cc-exp\" value=\"{expiry}\">{e_expiry}</div>\
         <div><label for=\"card_cvv\">CVV</label><input type=\"password\" id=\"card_cvv\" name=\"card_cvv\" inputmode=\"numeric\" autocomplete=\"cc-csc\">{e_cvv}</div></div></div>\n\
         <div id=\"paypal-fields\"><p>With PayPal you continue on PayPal's site and come back here.</p>{e_pp}<span hidden>{pp_email}</span></div>\n\
         <button type=\"submit\" class=\"pay\" id=\"pay-button\">{pay}</button>\n</form>\n\
         <a class=\"cancel\" id=\"cancel-link\" href=\"{cancel}\">Cancel and return to JitOps Cloud</a>\n\
         <p class=\"secure\">Demo processor: test card {ok} pays, {declined} is declined. At PayPal any e-mail and password pay.</p>\n</main></body></html>\n",
        id = esc(&o.id),
        name = esc(&v.card.name),
        expiry = esc(&v.card.expiry),
        pp_email = esc(&v.paypal_email),
        e_name = field_error(&v.errors, "card_name"),
        e_number = field_error(&v.errors, "card_number"),
        e_expiry = field_error(&v.errors, "card_expiry"),
        e_cvv = field_error(&v.errors, "card_cvv"),
        e_pp = field_error(&v.errors, "paypal_email"),
        pay = esc(&v.pay_label),
        cancel = esc(&v.cancel_url),
        ok = TEST_CARD_OK,
        declined = TEST_CARD_DECLINED,
    );
    b
}

/// The processor's own receipt after "Pay" when direct return is off: the order is paid, and
/// the buyer may go back to the merchant (or just close the window).
pub fn receipt_page(order: &Order, return_url: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>2Checkout (demo) - Receipt</title><style>{STYLE}</style></head><body><main>\n\
         <h1 id=\"receipt-title\">Thank you for your order</h1><p class=\"merchant\">Merchant: <strong>JitOps Cloud</strong> (demo processor)</p>\n\
         <div class=\"summary\"><div>Order <span id=\"receipt-order\">{}</span></div><div>Invoice {}</div><div class=\"amount\">{} {}</div><div>Paid with {}</div></div>\n\
         <a class=\"cancel\" id=\"receipt-download\" href=\"/checkout/order/{}/receipt.pdf\">Download the receipt (PDF)</a>\n\
         <a class=\"cancel\" id=\"return-link\" href=\"{}\">Return to merchant</a>\n</main></body></html>\n",
        esc(&order.id),
        order.invoice_id,
        esc(&order.amount),
        esc(&order.currency),
        esc(order.paid_with.as_deref().unwrap_or("")),
        esc(&order.id),
        esc(return_url),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_test_cards() {
        assert!(luhn(&card_digits(TEST_CARD_OK)));
        assert!(luhn(&card_digits(TEST_CARD_DECLINED)));
        assert!(!luhn("4111111111111112"));
    }

    #[test]
    fn card_validation() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let good = CardForm {
            name: "A B".into(),
            number: TEST_CARD_OK.into(),
            expiry: "12/27".into(),
            cvv: "123".into(),
        };
        assert!(validate_card(&good, today).is_empty());
        let bad = CardForm {
            name: " ".into(),
            number: "4111 1111 1111 1112".into(),
            expiry: "10/26".into(),
            cvv: "12".into(),
        };
        let fields: Vec<_> = validate_card(&bad, today).iter().map(|e| e.0).collect();
        assert_eq!(
            fields,
            vec!["card_name", "card_number", "card_expiry", "card_cvv"]
        );
        let this_month = CardForm {
            expiry: "11/26".into(),
            ..good
        };
        assert!(validate_card(&this_month, today).is_empty());
    }
}
