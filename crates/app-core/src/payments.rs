//! Owns a payment from the moment it is asked for until the person leaves the processor: the
//! guard checked and the attempt recorded as one step before the checkout window loads, what
//! the window's opening, return or closing means, the record's errors said, and the guard a
//! stopped payment keeps lifted only at the person's word. Following it at the portal is
//! `payments::follow`'s.

pub(crate) mod state;

pub mod follow;
mod mass_payment;

pub use crate::payment_verdict::{
    before_looking, verdict, Observation, PaymentPhase, ReturnOutcome,
};
pub use crate::trackers::{TrackerSlot, Trackers};
pub use follow::{FollowTiming, PaymentUpdate};

use crate::attempts::{Added, Attempt, AttemptState, Trouble};
use crate::core::Core;
use crate::error::CoreError;
use crate::views::InvoiceView;
use chrono::Utc;
use portal::checkout::{self, CheckoutRequest};
use portal::{InvoiceStatus, PaymentKind, PortalError};

/// The payments: the guard, the attempts recorded before a checkout loads, the checkout window's
/// steps, and following each attempt at the portal until it is over.
/// Reached through `Core::payments`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Payments<'c> {
    core: &'c Core,
    own: &'c state::PaymentsState,
}

impl<'c> Payments<'c> {
    pub(crate) fn new(core: &'c Core, own: &'c state::PaymentsState) -> Self {
        Payments { core, own }
    }
}
type Result<T> = std::result::Result<T, CoreError>;

impl Payments<'_> {
    /// Records a payment attempt on disk (before anything is loaded in the checkout window),
    /// unless an attempt not over guards one of its invoices and the person did not confirm:
    /// the check and the record are one step under the record's lock.
    fn record_attempt(
        self,
        account: &str,
        invoice: &portal::InvoiceDetail,
        number: String,
        covers: Vec<u64>,
        kind: PaymentKind,
        confirmed: bool,
    ) -> Result<String> {
        let id = crate::random_id();
        let now = Utc::now();
        let (added, trouble) = self
            .own
            .attempts
            .add_unless_guarded(
                Attempt {
                    id: id.clone(),
                    account: account.to_owned(),
                    invoice_id: invoice.id,
                    number,
                    covers,
                    kind,
                    amount: invoice.balance.clone().or_else(|| invoice.total.clone()),
                    transactions_before: invoice.transactions.len(),
                    opened_at: now,
                    left_at: None,
                    state: AttemptState::Opened,
                    updated_at: now,
                },
                confirmed,
            )
            .map_err(|e| self.record_error(e))?;
        self.note_trouble(trouble);
        if added == Added::Guarded {
            return Err(CoreError::PaymentGuarded);
        }
        self.own.at_processor.recorded(&id);
        Ok(id)
    }

    /// A damaged payment record was set aside: said once in the UI (the guards then come from
    /// the portal: an invoice in Payment Pending stays guarded).
    pub(crate) fn note_trouble(self, trouble: Option<Trouble>) {
        if let Some(Trouble::SetAside(kept)) = trouble {
            let text = self.core.text(
                "payments-record-damaged",
                &[("path", kept.display().to_string().into())],
            );
            self.warn_once(text);
        }
    }

    fn warn_once(self, text: String) {
        let mut warnings = self.own.warnings.lock().unwrap_or_else(|e| e.into_inner());
        if !warnings.contains(&text) {
            warnings.push(text);
        }
    }

    /// The payment record could not be read or written (too many open files, a full disk, a
    /// read-only folder): said in the UI, and the caller's step fails (nothing is lost: the
    /// file on disk is as it was).
    pub(crate) fn record_error(self, e: std::io::Error) -> CoreError {
        tracing::warn!("the payment record could not be used: {e}");
        self.warn_once(self.core.text("payments-record-unreadable", &[]));
        CoreError::PaymentRecord(e.kind())
    }

    /// Warnings not yet shown (each is given once).
    pub fn take_warnings(self) -> Vec<String> {
        std::mem::take(&mut *self.own.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The open attempt guarding `account`'s invoice, reading the record (and noting damage).
    pub(crate) fn guarding(self, account: &str, invoice: u64) -> Result<Option<Attempt>> {
        let (all, trouble) = self.own.attempts.load().map_err(|e| self.record_error(e))?;
        self.note_trouble(trouble);
        Ok(all
            .into_iter()
            .rev()
            .find(|a| a.state.guards() && a.covers(account, invoice)))
    }

    /// Whether paying `account`'s invoice (as just read) needs the person's confirmation
    /// first: an attempt not over covers it, or the portal awaits a payment of it. A record
    /// that cannot be read is an error (said), never "not guarded".
    pub(crate) fn payment_guarded(
        self,
        account: &str,
        detail: &portal::InvoiceDetail,
    ) -> Result<bool> {
        Ok(detail.status == InvoiceStatus::PaymentPending
            || self.guarding(account, detail.id)?.is_some())
    }

    /// Prepares the processor request for paying `id` and records the attempt. While an
    /// earlier payment of the invoice is not over this refuses unless `confirmed` (the person
    /// saw the double-charge warning). Answers the attempt's id and the request.
    pub async fn prepare_payment(
        self,
        id: u64,
        kind: PaymentKind,
        confirmed: bool,
    ) -> Result<(String, CheckoutRequest)> {
        let (session, key) = self.core.session()?;
        let detail = session.invoice(id).await?;
        if detail.status == InvoiceStatus::PaymentPending && !confirmed {
            return Err(CoreError::PaymentGuarded);
        }
        if detail.status != InvoiceStatus::Unpaid {
            return Err(CoreError::Portal(PortalError::PaymentNotOffered));
        }
        let number = self.core.billing().invoice_number(id);
        let attempt = self.record_attempt(&key, &detail, number, vec![id], kind, confirmed)?;
        match checkout::prepare(
            &session,
            &detail,
            kind,
            &self.core.accounts().processor_domains(),
        )
        .await
        {
            Ok(request) => Ok((attempt, request)),
            Err(e) => {
                // No window will load it: nothing can be paid through this attempt.
                self.forget_unopened(&attempt);
                Err(e.into())
            }
        }
    }

    /// The shell opened its checkout window for `attempt`.
    pub fn checkout_opened(self, attempt: &str) {
        self.own.at_processor.opened(attempt);
    }

    /// A page of the processor loaded in the checkout window of `attempt`: the person is there.
    pub fn checkout_page_loaded(self, attempt: &str) {
        self.own.at_processor.page_loaded(attempt);
    }

    /// An attempt recorded whose request never reached a window leaves the record.
    pub fn forget_unopened(self, attempt: &str) {
        if let Err(e) = self.own.attempts.discard(attempt) {
            tracing::warn!("an unopened payment attempt stays recorded: {e}");
        }
    }

    /// The checkout window came back to the portal with `outcome` in its address: the person
    /// left the processor now.
    pub fn checkout_returned(self, attempt: &str, outcome: ReturnOutcome) -> Result<()> {
        let state = match outcome {
            ReturnOutcome::Success => AttemptState::Returned,
            ReturnOutcome::Failed => AttemptState::FailedAtProcessor,
            ReturnOutcome::None => AttemptState::ReturnedWithoutOutcome,
        };
        self.own.at_processor.gone(attempt);
        self.own
            .attempts
            .left(attempt, state)
            .map_err(|e| self.record_error(e))?;
        Ok(())
    }

    /// The checkout window closed, in whatever way (the person, a new checkout replacing it, a
    /// window that could not open): the person left the processor now.
    pub fn checkout_closed(self, attempt: &str) -> Result<()> {
        self.own.at_processor.gone(attempt);
        self.own
            .attempts
            .left(attempt, AttemptState::WindowClosed)
            .map_err(|e| self.record_error(e))?;
        Ok(())
    }

    /// The attempt `id` as recorded (as last read, when the record cannot be read now).
    pub fn attempt(self, id: &str) -> Option<Attempt> {
        match self.own.attempts.get(id) {
            Ok(a) => a,
            Err(e) => {
                self.record_error(e);
                self.own.attempts.last_seen(id)
            }
        }
    }

    /// The open attempts of every account known here (the one on screen first), for the
    /// dashboard: a payment made before switching account stays in sight.
    pub fn open_attempts(self) -> Vec<Attempt> {
        let key = self.core.current_key();
        let known: Vec<String> = self
            .core
            .accounts()
            .choices()
            .into_iter()
            .map(|a| a.key)
            .collect();
        let open = match self.own.attempts.open() {
            Ok(open) => open,
            Err(e) => {
                self.record_error(e);
                return vec![];
            }
        };
        let mut open: Vec<Attempt> = open
            .into_iter()
            .filter(|a| known.contains(&a.account))
            .collect();
        open.sort_by_key(|a| Some(&a.account) != key.as_ref());
        open
    }

    /// The person, told what it means, lifts the guard that a payment whose tracking stopped
    /// (24 hours without an answer) keeps on invoice `id`: only while the portal, read now,
    /// shows the invoice unpaid with no payment recorded since. Answers the invoice as shown.
    pub async fn lift_payment_guard(self, id: u64) -> Result<InvoiceView> {
        let (session, key) = self.core.session()?;
        let detail = session.invoice(id).await?;
        if let Some(a) = self.guarding(&key, id)? {
            if a.state == AttemptState::Stopped && nothing_recorded_since(&a, &detail) {
                self.own
                    .attempts
                    .set_state(&a.id, AttemptState::Cancelled)
                    .map_err(|e| self.record_error(e))?;
            }
        }
        self.core.billing().keep_invoice(&key, detail);
        self.core.billing().invoice_view(id)
    }

    /// Records a mass payment: the combined invoice paid, covering each invoice picked.
    pub(crate) fn record_mass_attempt(
        self,
        account: &str,
        combined: &portal::InvoiceDetail,
        number: String,
        ids: &[u64],
        confirmed: bool,
    ) -> Result<String> {
        let mut covers = vec![combined.id];
        covers.extend_from_slice(ids);
        self.record_attempt(
            account,
            combined,
            number,
            covers,
            PaymentKind::OneOff,
            confirmed,
        )
    }
}

/// Whether the portal, in `detail`, shows the invoice unpaid with no transaction beyond those
/// it had when attempt `a` started.
pub(crate) fn nothing_recorded_since(a: &Attempt, detail: &portal::InvoiceDetail) -> bool {
    detail.status == InvoiceStatus::Unpaid && detail.transactions.len() <= a.transactions_before
}

impl Core {
    /// Payments: the guard, the attempts, the checkout, following them.
    pub fn payments(&self) -> Payments<'_> {
        Payments::new(self, &self.payments)
    }
}
