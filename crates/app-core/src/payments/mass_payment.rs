//! Owns paying several invoices together through the portal's mass payment: what the "Pay
//! selected" bar says (or why not), the combined invoice made and paid like any other, and the
//! payment methods the mass payment offers; changing an invoice's payment method.

use super::Payments;
use crate::core::*;
use crate::error::CoreError;
use crate::views::{self, InvoiceView};
use l10n::Arg;
use portal::checkout::{self, CheckoutRequest};
use portal::{InvoiceStatus, InvoiceSummary, PaymentKind};

impl Payments<'_> {
    /// What paying `ids` together would be: how many and the total, or why not (already
    /// being confirmed, not unpaid, several currencies). For the list's "Pay selected" bar.
    pub fn mass_payment_summary(self, ids: &[u64]) -> MassPaymentSummary {
        // An invoice whose payment is not over may be paid twice: said, and confirmed. The
        // record is read once for all the invoices picked (this runs at every tick of a box in
        // the list), before the lock is taken (no disk under it).
        // A record that cannot be read counts as guarding (said), never as not guarding.
        let open = self.own.attempts.open().map_err(|e| self.record_error(e));
        let live = self.core.signed_in.lock();
        let lang = self.core.lang();
        let c = &self.core.catalogues;
        let Some(account) = live.current() else {
            return MassPaymentSummary::default();
        };
        let chosen: Vec<&InvoiceSummary> = account
            .invoices
            .iter()
            .filter(|i| ids.contains(&i.id))
            .collect();
        let problem = if chosen.len() < 2 {
            Some("mass-pay-pick-two")
        } else if chosen.iter().any(|i| i.status != InvoiceStatus::Unpaid) {
            Some("mass-pay-unpaid-only")
        } else if chosen
            .iter()
            .any(|i| i.total.currency != chosen[0].total.currency)
        {
            Some("mass-pay-one-currency")
        } else {
            None
        };
        let key = account.record.key();
        let guarded = match &open {
            Ok(open) => chosen
                .iter()
                .any(|i| open.iter().any(|a| a.covers(&key, i.id))),
            Err(_) => true,
        };
        let total = views::totals_per_currency(chosen.iter().map(|i| &i.total))
            .iter()
            .map(|m| views::money(lang, m))
            .collect::<Vec<_>>()
            .join(" + ");
        MassPaymentSummary {
            count: chosen.len(),
            label: c.text(
                lang,
                "mass-pay-button",
                &[
                    ("count", Arg::from(chosen.len())),
                    ("total", Arg::from(total)),
                ],
            ),
            problem: problem.map(|id| c.text(lang, id, &[])),
            problem_id: problem,
            guard: guarded.then(|| c.text(lang, "mass-pay-guard", &[])),
        }
    }

    /// Pays several invoices of the account on screen at once through the portal's mass
    /// payment: the portal makes one combined invoice; answered with its id and the processor
    /// request for it (paid, then followed, like any invoice).
    pub async fn prepare_mass_payment(
        self,
        ids: &[u64],
        method: Option<&str>,
        confirmed: bool,
    ) -> Result<(u64, Option<(String, CheckoutRequest)>)> {
        let summary = self.mass_payment_summary(ids);
        if let Some(problem) = summary.problem_id {
            return Err(CoreError::MassPaymentRefused(problem));
        }
        if summary.guard.is_some() && !confirmed {
            return Err(CoreError::PaymentGuarded);
        }
        let (session, key) = self.core.session()?;
        let combined = session.mass_payment(ids, method).await?;
        // An offline method (a bank transfer) has no button: the combined invoice is made and
        // shown with the portal's instructions; nothing opens, no attempt is recorded.
        let request = if combined.choice(PaymentKind::OneOff).is_some() {
            Some(
                checkout::prepare(
                    &session,
                    &combined,
                    PaymentKind::OneOff,
                    &self.core.accounts().processor_domains(),
                )
                .await?,
            )
        } else {
            None
        };
        let id = combined.id;
        let mut live = self.core.signed_in.lock();
        if let Some(account) = live.on_screen_mut(&key) {
            // The combined invoice is the one followed: known by its number meanwhile.
            if !account.invoices.iter().any(|i| i.id == id) {
                if let (Some(total), Some(due)) = (
                    combined.total.clone(),
                    combined
                        .due_date
                        .as_deref()
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .or_else(|| Some(portal::session::today())),
                ) {
                    account.invoices.push(InvoiceSummary {
                        id,
                        // The page's title reads "Invoice #<number>".
                        number: combined
                            .title
                            .rsplit('#')
                            .next()
                            .unwrap_or(&combined.title)
                            .trim()
                            .to_owned(),
                        date: due,
                        due_date: due,
                        total,
                        status: InvoiceStatus::Unpaid,
                    });
                }
            }
            account.details.insert(id, combined.clone());
        }
        drop(live);
        let Some(request) = request else {
            return Ok((id, None));
        };
        // The guard is checked again with the record, as one step: a payment started
        // meanwhile (another click) stops this one unless confirmed.
        let attempt = self.record_mass_attempt(
            &key,
            &combined,
            self.core.billing().invoice_number(id),
            ids,
            confirmed,
        )?;
        Ok((id, Some((attempt, request))))
    }

    /// The payment methods the portal's mass payment offers (empty when it names none).
    pub async fn mass_payment_methods(self) -> Result<Vec<portal::PaymentMethod>> {
        let (session, _) = self.core.session()?;
        Ok(session.mass_pay_methods().await?)
    }

    /// Switches an invoice to another payment method the portal offers, and answers its page
    /// as the portal now shows it (the new method's button or instructions).
    pub async fn change_payment_method(self, id: u64, value: &str) -> Result<InvoiceView> {
        let (session, key) = self.core.session()?;
        let detail = session.change_payment_method(id, value).await?;
        {
            let mut live = self.core.signed_in.lock();
            if let Some(account) = live.on_screen_mut(&key) {
                account.details.insert(id, detail);
            }
        }
        self.core.billing().invoice_view(id)
    }
}
