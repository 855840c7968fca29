//! Owns adding funds to the account's credit the portal's way: its limits and methods shown in
//! the person's language, the amount typed checked against them, and the invoice the portal
//! makes for it (paid, and followed, like any other; the credit grows when the portal says Paid).

use super::Billing;
use crate::core::*;
use crate::error::CoreError;
use crate::views::{self, MethodView};
use l10n::Arg;
use portal::{AddFundsPage, PortalError};
use rust_decimal::Decimal;
use serde::Serialize;

/// The "Add funds" screen.
#[derive(Debug, Clone, Serialize)]
pub struct AddFundsView {
    /// "You can add from €10.00 to €100.00 at a time; your credit can reach at most €300.00."
    pub limits: String,
    pub methods: Vec<MethodView>,
}

/// The amount to send for `typed`, or why not: within the portal's minimum and maximum.
pub fn checked_amount(typed: &str, page: &AddFundsPage) -> Result<Decimal> {
    match views::read_typed_amount(typed) {
        Some(amount) if amount >= page.minimum.amount && amount <= page.maximum.amount => {
            Ok(amount)
        }
        _ => Err(CoreError::FundsAmount(
            page.minimum.clone(),
            page.maximum.clone(),
        )),
    }
}

impl Billing<'_> {
    pub async fn add_funds_view(self) -> Result<AddFundsView> {
        let (session, _) = self.core.session()?;
        let page = session.add_funds_page().await.map_err(refusal)?;
        let lang = self.core.lang();
        Ok(AddFundsView {
            limits: self.core.catalogues.text(
                lang,
                "add-funds-limits",
                &[
                    ("min", Arg::from(views::money(lang, &page.minimum))),
                    ("max", Arg::from(views::money(lang, &page.maximum))),
                    ("most", Arg::from(views::money(lang, &page.maximum_balance))),
                ],
            ),
            methods: page
                .methods
                .iter()
                .enumerate()
                .map(|(i, m)| MethodView {
                    value: m.value.clone(),
                    name: m.name.clone(),
                    current: i == 0,
                })
                .collect(),
        })
    }

    /// Has the portal make an invoice for `typed`, to be paid with `method`; answers its id.
    pub async fn add_funds(self, typed: &str, method: &str) -> Result<u64> {
        let (session, _) = self.core.session()?;
        let page = session.add_funds_page().await.map_err(refusal)?;
        let amount = checked_amount(typed, &page)?;
        session
            .add_funds(page, amount, method)
            .await
            .map_err(refusal)
    }
}

/// The portal's refusal, in its own words, as the person reads it.
fn refusal(e: PortalError) -> CoreError {
    match e {
        PortalError::Refused(words) => CoreError::FundsRefused(words),
        other => CoreError::Portal(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal::{FormRequest, Money};

    #[test]
    fn an_amount_is_sent_only_within_the_portals_limits() {
        let eur = |a: &str| Money::new(a.parse().unwrap(), "EUR");
        let page = AddFundsPage {
            minimum: eur("10.00"),
            maximum: eur("100.00"),
            maximum_balance: eur("300.00"),
            methods: vec![],
            form: FormRequest {
                url: url::Url::parse("https://portal.test/clientarea.php?action=addfunds").unwrap(),
                method: portal::HttpMethod::Post,
                fields: vec![],
            },
        };
        assert_eq!(checked_amount("10", &page).unwrap(), Decimal::new(10, 0));
        assert_eq!(
            checked_amount("20,50", &page).unwrap(),
            Decimal::new(2050, 2)
        );
        assert_eq!(
            checked_amount("100.00", &page).unwrap(),
            Decimal::new(10000, 2)
        );
        for wrong in ["9.99", "100.01", "", "ten", "-20"] {
            assert!(
                matches!(
                    checked_amount(wrong, &page),
                    Err(CoreError::FundsAmount(..))
                ),
                "{wrong:?}"
            );
        }
    }
}
