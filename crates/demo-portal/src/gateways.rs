//! Owns the demo portal's payment methods ("gateways" in WHMCS): which are active, how each
//! fills an invoice's payment area (2Checkout's forms, PayPal's form to its own site, a bank
//! transfer's instructions), the "payment method" choice WHMCS shows when the client may change
//! it, and the mass-payment page's list of methods.

use crate::data::Invoice;
use crate::html::{esc, post_form};
use crate::lang::Lang;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gateway {
    /// 2Checkout: the app's usual processor (cards, and PayPal through 2Checkout).
    Tco,
    /// PayPal's own gateway: a form to PayPal's site, which notifies the portal (IPN).
    Paypal,
    /// Offline: the portal shows the bank's details, nothing is paid online.
    BankTransfer,
}

impl Gateway {
    /// The module name WHMCS posts (`gateway`, `paymentmethod`).
    pub fn module(self) -> &'static str {
        match self {
            Gateway::Tco => "tco",
            Gateway::Paypal => "paypal",
            Gateway::BankTransfer => "banktransfer",
        }
    }

    /// The display name the portal's admin gave it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Gateway::Tco, _) => "2Checkout",
            (Gateway::Paypal, _) => "PayPal",
            (Gateway::BankTransfer, Lang::En) => "Bank Transfer",
            (Gateway::BankTransfer, Lang::Sq) => "Transfertë bankare",
            (Gateway::BankTransfer, Lang::De) => "Banküberweisung",
        }
    }

    pub fn from_module(module: &str) -> Option<Gateway> {
        [Gateway::Tco, Gateway::Paypal, Gateway::BankTransfer]
            .into_iter()
            .find(|g| g.module() == module)
    }
}

/// Parses `tco,paypal,banktransfer`.
pub fn parse_list(text: &str) -> Result<Vec<Gateway>, String> {
    let list: Vec<Gateway> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            Gateway::from_module(s)
                .ok_or_else(|| format!("unknown gateway {s:?} (tco, paypal or banktransfer)"))
        })
        .collect::<Result<_, _>>()?;
    if list.is_empty() {
        return Err("at least one gateway".into());
    }
    Ok(list)
}

/// The bank transfer module's instructions, as the admin wrote them.
pub fn bank_instructions(lang: Lang, invoice: &Invoice) -> String {
    match lang {
        Lang::En => format!(
            "Bank: Banka Kombëtare Tregtare, Tirana. Account holder: JitOps Cloud sh.p.k. IBAN: AL35 2021 1109 0000 0000 0123 4567. Reference: Invoice {}. The invoice is marked paid once the transfer arrives (1 to 3 working days).",
            invoice.number
        ),
        Lang::Sq => format!(
            "Banka: Banka Kombëtare Tregtare, Tiranë. Përfituesi: JitOps Cloud sh.p.k. IBAN: AL35 2021 1109 0000 0000 0123 4567. Përshkrimi: Fatura {}. Fatura shënohet e paguar sapo të mbërrijë transferta (1 deri në 3 ditë pune).",
            invoice.number
        ),
        Lang::De => format!(
            "Bank: Banka Kombëtare Tregtare, Tirana. Kontoinhaber: JitOps Cloud sh.p.k. IBAN: AL35 2021 1109 0000 0000 0123 4567. Verwendungszweck: Rechnung {}. Die Rechnung gilt als bezahlt, sobald die Überweisung eingeht (1 bis 3 Werktage).",
            invoice.number
        ),
    }
}

/// PayPal's own gateway: the form WHMCS's PayPal module writes, posting to PayPal's site, with
/// the addresses PayPal sends the buyer back to and notifies.
pub fn paypal_form(invoice: &Invoice, portal_url: &str, paypal_url: &str, label: &str) -> String {
    let mut b = format!(
        "<form method=\"post\" action=\"{}cgi-bin/webscr\" name=\"paymentfrm\">\n",
        esc(paypal_url)
    );
    let fields = [
        ("cmd", "_xclick".to_owned()),
        ("business", "billing@jitops.example".to_owned()),
        (
            "item_name",
            format!("JitOps Cloud - Invoice #{}", invoice.number),
        ),
        ("amount", format!("{:.2}", invoice.balance())),
        ("currency_code", invoice.currency.to_owned()),
        ("invoice", invoice.id.to_string()),
        ("charset", "utf-8".to_owned()),
        (
            "return",
            format!(
                "{portal_url}viewinvoice.php?id={}&paymentsuccess=true",
                invoice.id
            ),
        ),
        (
            "cancel_return",
            format!(
                "{portal_url}viewinvoice.php?id={}&paymentfailed=true",
                invoice.id
            ),
        ),
        (
            "notify_url",
            format!("{portal_url}modules/gateways/callback/paypal.php"),
        ),
    ];
    for (name, value) in fields {
        let _ = writeln!(
            b,
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\" />",
            esc(&value)
        );
    }
    let _ = write!(
        b,
        "<input type=\"image\" src=\"{}images/btn_paynow.svg\" border=\"0\" name=\"submit\" alt=\"{}\" />\n</form>\n",
        esc(paypal_url),
        esc(label)
    );
    b
}

/// The "payment method" cell of the invoice page: a choice that submits itself when the client
/// may change it (WHMCS's "allow change gateway", on with several gateways), else the name.
pub fn method_cell(
    lang: Lang,
    invoice: &Invoice,
    gateways: &[Gateway],
    chosen: Gateway,
    token: &str,
    unpaid: bool,
) -> String {
    if !unpaid || gateways.len() < 2 {
        return esc(chosen.name(lang));
    }
    let mut b = post_form(
        &format!("viewinvoice.php?id={}", invoice.id),
        " class=\"form-inline\"",
        token,
    );
    b.push_str("<select name=\"gateway\" class=\"custom-select\" onchange=\"submit()\">");
    for g in gateways {
        let _ = write!(
            b,
            "<option value=\"{}\"{}>{}</option>",
            g.module(),
            if *g == chosen {
                " selected=\"selected\""
            } else {
                ""
            },
            esc(g.name(lang))
        );
    }
    b.push_str("</select>\n</form>\n");
    b
}

/// The mass-payment page's methods: every active gateway as a radio button, none checked
/// (`masspay.tpl`).
pub fn masspay_choices(lang: Lang, gateways: &[Gateway]) -> String {
    let mut b = String::from("<div class=\"form-group\" id=\"paymentGatewaysContainer\">\n");
    for g in gateways {
        let _ = writeln!(
            b,
            "<label class=\"radio-inline\"><input type=\"radio\" name=\"paymentmethod\" value=\"{}\" class=\"payment-methods\" /> {}</label>",
            g.module(),
            esc(g.name(lang))
        );
    }
    b.push_str("</div>\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_gateways() {
        assert_eq!(
            parse_list("tco,paypal,banktransfer").unwrap(),
            vec![Gateway::Tco, Gateway::Paypal, Gateway::BankTransfer]
        );
        assert!(parse_list("tco,stripe").is_err());
        assert!(parse_list("").is_err());
    }
}
