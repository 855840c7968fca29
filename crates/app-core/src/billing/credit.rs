//! Owns applying the account's credit to an invoice: the amount the person typed checked
//! against what the portal offers, the portal's own form sent, and the outcome read back from
//! the invoice as the portal shows it afterwards (never assumed from the request).

use super::Billing;
use crate::core::*;
use crate::error::CoreError;
use crate::views::{self, InvoiceView};
use l10n::Arg;
use portal::{InvoiceDetail, InvoiceStatus, Money};
use rust_decimal::Decimal;
use serde::Serialize;

/// What applying credit did, as the portal shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CreditOutcome {
    pub view: InvoiceView,
    /// "€2.00 of your credit went to this invoice. Left to pay: €33.87." / "Paid with your
    /// credit."
    pub message: String,
}

/// The amount to send for `typed`, or why not: more than zero, at most what the portal fills
/// in (the credit, or the balance when smaller).
pub fn checked_amount(typed: &str, detail: &InvoiceDetail) -> Result<Decimal> {
    let offer = detail
        .credit_offer
        .as_ref()
        .filter(|_| detail.status == InvoiceStatus::Unpaid)
        .ok_or(CoreError::CreditNotOffered)?;
    let most = Money::new(offer.most, offer.available.currency.clone());
    match views::read_typed_amount(typed) {
        Some(amount) if amount > Decimal::ZERO && amount <= offer.most => Ok(amount),
        _ => Err(CoreError::CreditAmount(most)),
    }
}

/// Whether the page after shows the credit applied: the invoice is Paid, or what is left to pay
/// went down by the amount.
pub fn credit_went_in(before: &InvoiceDetail, after: &InvoiceDetail, amount: Decimal) -> bool {
    if after.status == InvoiceStatus::Paid {
        return true;
    }
    match (&before.balance, &after.balance) {
        (Some(b), Some(a)) => b.amount - a.amount == amount,
        _ => false,
    }
}

impl Billing<'_> {
    /// Applies `typed` of the account's credit to invoice `id`. While a payment of the invoice
    /// is being confirmed this refuses unless `confirmed` (the person saw the same warning as
    /// before paying again): credit on top of a payment on its way would pay twice.
    pub async fn apply_credit(
        self,
        id: u64,
        typed: &str,
        confirmed: bool,
    ) -> Result<CreditOutcome> {
        let (session, key) = self.core.session()?;
        // Checked against the page as it is now (the credit may have changed since it was drawn).
        let before = session.invoice(id).await?;
        if !confirmed && self.core.payments().payment_guarded(&key, &before)? {
            return Err(CoreError::PaymentGuarded);
        }
        let amount = checked_amount(typed, &before)?;
        let after = session.apply_credit(&before, amount).await?;
        let went_in = credit_went_in(&before, &after, amount);
        let (lang, paid, left) = {
            let mut live = self.core.signed_in.lock();
            let lang = self.core.lang();
            if let Some(account) = live.on_screen_mut(&key) {
                account.details.insert(id, after.clone());
            }
            (
                lang,
                after.status == InvoiceStatus::Paid,
                after.balance.as_ref().map(|b| views::money(lang, b)),
            )
        };
        if !went_in {
            return Err(CoreError::CreditNotApplied);
        }
        let amount = Money::new(amount, before.currency().unwrap_or("").to_owned());
        let message = if paid {
            self.core.catalogues.text(lang, "invoice-credit-paid", &[])
        } else {
            self.core.catalogues.text(
                lang,
                "invoice-credit-applied",
                &[
                    ("amount", Arg::from(views::money(lang, &amount))),
                    ("left", Arg::from(left.unwrap_or_default())),
                ],
            )
        };
        Ok(CreditOutcome {
            view: self.invoice_view(id)?,
            message,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal::{CreditOffer, FormRequest};

    fn detail(balance: &str, most: &str) -> InvoiceDetail {
        let mut d: InvoiceDetail = serde_json::from_value(serde_json::json!({
            "id": 7, "title": "Invoice #7", "status": "unpaid", "date": null, "due_date": null,
            "items": [], "totals": [], "total": {"amount": "35.87", "currency": "EUR"},
            "transactions": [], "balance": {"amount": balance, "currency": "EUR"},
            "payment_choices": [], "cycle": null, "notice": null, "pdf_url": null
        }))
        .unwrap();
        d.credit_offer = Some(CreditOffer {
            available: Money::new("5.00".parse().unwrap(), "EUR"),
            most: most.parse().unwrap(),
            form: FormRequest {
                url: url::Url::parse("https://portal.test/viewinvoice.php?id=7").unwrap(),
                method: portal::HttpMethod::Post,
                fields: vec![],
            },
        });
        d
    }

    #[test]
    fn an_amount_is_sent_only_within_what_the_portal_offers() {
        let d = detail("35.87", "5.00");
        assert_eq!(checked_amount("2", &d).unwrap(), Decimal::new(2, 0));
        assert_eq!(checked_amount("2,50", &d).unwrap(), Decimal::new(250, 2));
        assert_eq!(checked_amount(" 5.00 ", &d).unwrap(), Decimal::new(500, 2));
        for wrong in ["0", "5.01", "-1", "abc", "", "2.505"] {
            assert!(
                matches!(checked_amount(wrong, &d), Err(CoreError::CreditAmount(_))),
                "{wrong:?}"
            );
        }
        let mut paid = d.clone();
        paid.status = InvoiceStatus::Paid;
        assert!(matches!(
            checked_amount("1", &paid),
            Err(CoreError::CreditNotOffered)
        ));
    }

    #[test]
    fn the_credit_counts_as_applied_only_when_the_page_shows_it() {
        let before = detail("35.87", "5.00");
        assert!(credit_went_in(
            &before,
            &detail("33.87", "3.00"),
            Decimal::new(2, 0)
        ));
        assert!(!credit_went_in(
            &before,
            &detail("35.87", "5.00"),
            Decimal::new(2, 0)
        ));
        let mut paid = detail("0.00", "0.00");
        paid.status = InvoiceStatus::Paid;
        assert!(credit_went_in(
            &detail("4.00", "4.00"),
            &paid,
            Decimal::new(4, 0)
        ));
    }
}
