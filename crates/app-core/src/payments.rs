//! Owns a payment from the moment it is asked for until the portal settles it: the attempt
//! recorded before the checkout window loads, what the window's return or closing means, one
//! tracker per (account, invoice) in the whole app, and what the customer is told, which comes
//! from the portal's answers only, never from the window alone.

pub use crate::payment_verdict::{verdict, Observation, PaymentPhase, ReturnOutcome};
pub use crate::trackers::{TrackerSlot, Trackers};

use crate::attempts::{Attempt, AttemptState, Trouble};
use crate::core::Core;
use crate::error::CoreError;
use chrono::Utc;
use portal::checkout::{self, CheckoutRequest};
use portal::tracker::pause_given_usual;
use portal::{InvoiceStatus, PaymentKind, PortalError};
use serde::Serialize;

use std::time::Duration;

type Result<T> = std::result::Result<T, CoreError>;

/// One step of following a payment, for the window.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentUpdate {
    pub attempt_id: String,
    pub account: String,
    pub invoice_id: u64,
    pub number: String,
    pub kind: PaymentKind,
    pub phase: PaymentPhase,
    /// Since the payment was opened.
    pub elapsed_ms: u64,
    pub checks: u32,
    /// When the payment starts to count as slow: the progress bar's length.
    pub usual_ms: u64,
    /// The message's id, so the window can show it again in the other language.
    pub message_id: &'static str,
    /// Whether the invoice is still guarded against a second payment.
    pub guarded: bool,
}

/// How long things take: five minutes and a day, or shorter on the demo portal's knob.
#[derive(Debug, Clone, Copy)]
pub struct FollowTiming {
    pub usual: Duration,
    pub deadline: Duration,
}

impl Default for FollowTiming {
    fn default() -> Self {
        FollowTiming {
            usual: portal::tracker::USUAL_CONFIRMATION,
            deadline: Duration::from_secs(24 * 3600),
        }
    }
}

fn since(attempt: &Attempt) -> Duration {
    (Utc::now() - attempt.opened_at)
        .to_std()
        .unwrap_or_default()
}

impl Core {
    /// Records a payment attempt on disk (before anything is loaded in the checkout window).
    fn record_attempt(
        &self,
        account: &str,
        invoice: &portal::InvoiceDetail,
        number: String,
        covers: Vec<u64>,
        kind: PaymentKind,
    ) -> Result<String> {
        let id = crate::random_id();
        let now = Utc::now();
        let trouble = self.attempts.add(Attempt {
            id: id.clone(),
            account: account.to_owned(),
            invoice_id: invoice.id,
            number,
            covers,
            kind,
            amount: invoice.balance.clone().or_else(|| invoice.total.clone()),
            transactions_before: invoice.transactions.len(),
            opened_at: now,
            state: AttemptState::Opened,
            updated_at: now,
        })?;
        self.note_trouble(trouble);
        Ok(id)
    }

    /// A damaged payment record was set aside: said once in the UI (the guards then come from
    /// the portal: an invoice in Payment Pending stays guarded).
    pub(crate) fn note_trouble(&self, trouble: Option<Trouble>) {
        if let Some(Trouble::SetAside(kept)) = trouble {
            let text = self.text(
                "payments-record-damaged",
                &[("path", kept.display().to_string().into())],
            );
            self.warnings
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(text);
        }
    }

    /// Warnings not yet shown (each is given once).
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The open attempt guarding `account`'s invoice, reading the record (and noting damage).
    pub(crate) fn guarding(&self, account: &str, invoice: u64) -> Option<Attempt> {
        let (all, trouble) = self.attempts.load();
        self.note_trouble(trouble);
        all.into_iter()
            .rev()
            .find(|a| a.state.guards() && a.covers(account, invoice))
    }

    /// Prepares the processor request for paying `id` and records the attempt. While an
    /// earlier payment of the invoice is not over this refuses unless `confirmed` (the person
    /// saw the double-charge warning). Answers the attempt's id and the request.
    pub async fn prepare_payment(
        &self,
        id: u64,
        kind: PaymentKind,
        confirmed: bool,
    ) -> Result<(String, CheckoutRequest)> {
        let (session, key) = self.session()?;
        let detail = session.invoice(id).await?;
        let guarded =
            self.guarding(&key, id).is_some() || detail.status == InvoiceStatus::PaymentPending;
        if guarded && !confirmed {
            return Err(CoreError::PaymentGuarded);
        }
        if detail.status != InvoiceStatus::Unpaid {
            return Err(CoreError::Portal(PortalError::PaymentNotOffered));
        }
        let request = checkout::prepare(&session, &detail, kind, &self.processor_domains()).await?;
        let number = self.invoice_number(id);
        let attempt = self.record_attempt(&key, &detail, number, vec![id], kind)?;
        Ok((attempt, request))
    }

    /// The checkout window came back to the portal with `outcome` in its address.
    pub fn checkout_returned(&self, attempt: &str, outcome: ReturnOutcome) -> Result<()> {
        let state = match outcome {
            ReturnOutcome::Success => AttemptState::Returned,
            ReturnOutcome::Failed => AttemptState::FailedAtProcessor,
            ReturnOutcome::None => AttemptState::ReturnedWithoutOutcome,
        };
        self.attempts.set_state(attempt, state)?;
        Ok(())
    }

    /// The checkout window was closed before it came back to the portal.
    pub fn checkout_closed(&self, attempt: &str) -> Result<()> {
        if self
            .attempts
            .get(attempt)
            .is_some_and(|a| a.state == AttemptState::Opened)
        {
            self.attempts
                .set_state(attempt, AttemptState::WindowClosed)?;
        }
        Ok(())
    }

    /// The attempt `id` as recorded.
    pub fn attempt(&self, id: &str) -> Option<Attempt> {
        self.attempts.get(id)
    }

    /// The attempts to follow now: not over, not stopped, of an account signed in this run
    /// and not followed already. After a restart an attempt still "opened" had its window
    /// lost with the app: it counts as closed.
    pub fn attempts_to_follow(&self) -> Vec<String> {
        let (all, trouble) = self.attempts.load();
        self.note_trouble(trouble);
        all.into_iter()
            .filter(|a| a.state.guards() && a.state != AttemptState::Stopped)
            .filter(|a| self.session_of(&a.account).is_ok())
            .filter(|a| !self.trackers.is_running(&a.account, a.invoice_id))
            .filter(|a| !self.checkout_open(&a.id))
            .map(|a| a.id)
            .collect()
    }

    /// Whether the checkout window is open for attempt `id` (the shell says which one is).
    fn checkout_open(&self, id: &str) -> bool {
        self.open_checkout
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_deref()
            == Some(id)
    }

    /// The shell tells which attempt its checkout window is open for (None: no window).
    pub fn set_open_checkout(&self, attempt: Option<String>) {
        *self.open_checkout.lock().unwrap_or_else(|e| e.into_inner()) = attempt;
    }

    /// The open attempts of every account known here (the one on screen first), for the
    /// dashboard: a payment made before switching account stays in sight.
    pub fn open_attempts(&self) -> Vec<Attempt> {
        let key = self.current_key();
        let known: Vec<String> = self.accounts().into_iter().map(|a| a.key).collect();
        let mut open: Vec<Attempt> = self
            .attempts
            .open()
            .into_iter()
            .filter(|a| known.contains(&a.account))
            .collect();
        open.sort_by_key(|a| Some(&a.account) != key.as_ref());
        open
    }

    /// Reads `account`'s invoice `id` with that account's session (whatever account is on
    /// screen), signing in again once if allowed; answers whether it did.
    pub async fn look_at_invoice(
        &self,
        account: &str,
        id: u64,
        may_sign_in: bool,
    ) -> std::result::Result<(portal::InvoiceDetail, bool), PortalError> {
        let session = self
            .session_of(account)
            .map_err(|_| PortalError::SessionExpired)?;
        session.invoice_with(id, may_sign_in).await
    }

    /// One look at the portal for the tracker, with the paying account's session. At most one
    /// sign-in again per tracker (`may_sign_in`), answered in the second place.
    async fn observe(&self, attempt: &Attempt, may_sign_in: bool) -> (Observation, bool) {
        if self.session_of(&attempt.account).is_err() {
            return (Observation::NeedsPerson, false);
        }
        match self
            .look_at_invoice(&attempt.account, attempt.invoice_id, may_sign_in)
            .await
        {
            Ok((detail, signed_in)) => (
                Observation::Seen {
                    status: detail.status,
                    transactions: detail.transactions.len(),
                },
                signed_in,
            ),
            Err(
                PortalError::SessionExpired
                | PortalError::WrongCredentials
                | PortalError::SecondFactorRequired
                | PortalError::CaptchaRequired
                | PortalError::Banned { .. },
            ) => (Observation::NeedsPerson, may_sign_in),
            Err(_) => (Observation::Unreachable, false),
        }
    }

    fn update(
        &self,
        a: &Attempt,
        phase: PaymentPhase,
        checks: u32,
        t: FollowTiming,
    ) -> PaymentUpdate {
        PaymentUpdate {
            attempt_id: a.id.clone(),
            account: a.account.clone(),
            invoice_id: a.invoice_id,
            number: a.number.clone(),
            kind: a.kind,
            phase,
            elapsed_ms: since(a).as_millis() as u64,
            checks,
            usual_ms: t.usual.as_millis() as u64,
            message_id: phase.message_id(),
            guarded: a.state.guards(),
        }
    }

    /// Follows attempt `id` until the portal settles it, the usual time shows it was not paid,
    /// the portal wants the person, or the deadline passes; each step goes to `report`. Answers
    /// the last step, or None when the attempt is over or followed already (by another tracker).
    pub async fn follow_payment(
        &self,
        id: &str,
        timing: FollowTiming,
        mut report: impl FnMut(&PaymentUpdate),
    ) -> Option<PaymentUpdate> {
        let first = self.attempts.get(id).filter(|a| a.state.guards())?;
        let _slot = self.trackers.claim(&first.account, first.invoice_id)?;
        let start = tokio::time::Instant::now();
        let mut may_sign_in = true;
        let mut checks = 0u32;
        // After a success return the portal needs the processor's notification: look after the
        // usual pause. Otherwise ask at once, so nothing is said before the portal is asked.
        let mut next = match first.state {
            AttemptState::Returned => {
                report(&self.update(&first, PaymentPhase::Waiting, 0, timing));
                start + pause_given_usual(Duration::ZERO, timing.usual)
            }
            _ => {
                report(&self.update(&first, PaymentPhase::Checking, 0, timing));
                start
            }
        };
        loop {
            tokio::time::sleep_until(next).await;
            let attempt = self.attempts.get(id).filter(|a| a.state.guards())?;
            let (seen, used_sign_in) = self.observe(&attempt, may_sign_in).await;
            if used_sign_in {
                may_sign_in = false;
            }
            checks += 1;
            let since_open = since(&attempt);
            let (state, phase) = verdict(&attempt, &seen, since_open, timing.usual);
            let (state, phase) = match (state, phase) {
                (None, p) if !p.is_last() && since_open >= timing.deadline => {
                    (Some(AttemptState::Stopped), PaymentPhase::Stopped)
                }
                other => other,
            };
            let attempt = match state {
                Some(s) => self
                    .attempts
                    .set_state(id, s)
                    .ok()
                    .flatten()
                    .unwrap_or(attempt),
                None => attempt,
            };
            let step = self.update(&attempt, phase, checks, timing);
            report(&step);
            if phase.is_last() {
                return Some(step);
            }
            next += pause_given_usual(start.elapsed(), timing.usual);
        }
    }

    /// After the invoice was read at the portal: an attempt whose tracking stopped is over
    /// when the portal shows the invoice unpaid with no new transaction.
    pub(crate) fn lift_stopped_guard(&self, account: &str, detail: &portal::InvoiceDetail) {
        if let Some(a) = self.guarding(account, detail.id) {
            if a.state == AttemptState::Stopped
                && detail.status == InvoiceStatus::Unpaid
                && detail.transactions.len() <= a.transactions_before
            {
                let _ = self.attempts.set_state(&a.id, AttemptState::Cancelled);
            }
        }
    }

    /// Records a mass payment: the combined invoice paid, covering each invoice picked.
    pub(crate) fn record_mass_attempt(
        &self,
        account: &str,
        combined: &portal::InvoiceDetail,
        number: String,
        ids: &[u64],
    ) -> Result<String> {
        let mut covers = vec![combined.id];
        covers.extend_from_slice(ids);
        self.record_attempt(account, combined, number, covers, PaymentKind::OneOff)
    }
}
