//! Owns a payment from the moment it is asked for until the portal settles it: the attempt
//! recorded before the checkout window loads, what the window's return or closing means, one
//! tracker per (account, invoice) in the whole app, and what the customer is told, which comes
//! from the portal's answers only, never from the window alone.

pub use crate::payment_verdict::{verdict, Observation, PaymentPhase, ReturnOutcome};
pub use crate::trackers::{TrackerSlot, Trackers};

use crate::attempts::{Added, Attempt, AttemptState, Trouble};
use crate::core::Core;
use crate::error::CoreError;
use crate::views::InvoiceView;
use chrono::{DateTime, Utc};
use portal::checkout::{self, CheckoutRequest};
use portal::tracker::pause_given_usual;
use portal::{InvoiceStatus, PaymentKind, PortalError};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

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
    /// Whether following has ended with this step (the screen offers the way on).
    pub over: bool,
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

fn since(moment: DateTime<Utc>) -> Duration {
    (Utc::now() - moment).to_std().unwrap_or_default()
}

/// The checkout window open now: its attempt and when its last page loaded (the person is
/// still at the processor; the tracker's pace counts from their last step there).
#[derive(Debug, Clone)]
pub(crate) struct OpenCheckout {
    attempt: String,
    last_page: DateTime<Utc>,
}

impl Core {
    /// Records a payment attempt on disk (before anything is loaded in the checkout window),
    /// unless an attempt not over guards one of its invoices and the person did not confirm:
    /// the check and the record are one step under the record's lock.
    fn record_attempt(
        &self,
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
        self.started_here
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.clone());
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
            self.warn_once(text);
        }
    }

    fn warn_once(&self, text: String) {
        let mut warnings = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
        if !warnings.contains(&text) {
            warnings.push(text);
        }
    }

    /// The payment record could not be read or written (too many open files, a full disk, a
    /// read-only folder): said in the UI, and the caller's step fails (nothing is lost: the
    /// file on disk is as it was).
    pub(crate) fn record_error(&self, e: std::io::Error) -> CoreError {
        tracing::warn!("the payment record could not be used: {e}");
        self.warn_once(self.text("payments-record-unreadable", &[]));
        CoreError::PaymentRecord(e.kind())
    }

    /// Warnings not yet shown (each is given once).
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// The open attempt guarding `account`'s invoice, reading the record (and noting damage).
    pub(crate) fn guarding(&self, account: &str, invoice: u64) -> Result<Option<Attempt>> {
        let (all, trouble) = self.attempts.load().map_err(|e| self.record_error(e))?;
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
        &self,
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
        &self,
        id: u64,
        kind: PaymentKind,
        confirmed: bool,
    ) -> Result<(String, CheckoutRequest)> {
        let (session, key) = self.session()?;
        let detail = session.invoice(id).await?;
        if detail.status == InvoiceStatus::PaymentPending && !confirmed {
            return Err(CoreError::PaymentGuarded);
        }
        if detail.status != InvoiceStatus::Unpaid {
            return Err(CoreError::Portal(PortalError::PaymentNotOffered));
        }
        let number = self.invoice_number(id);
        let attempt = self.record_attempt(&key, &detail, number, vec![id], kind, confirmed)?;
        match checkout::prepare(&session, &detail, kind, &self.processor_domains()).await {
            Ok(request) => Ok((attempt, request)),
            Err(e) => {
                // No window will load it: nothing can be paid through this attempt.
                self.forget_unopened(&attempt);
                Err(e.into())
            }
        }
    }

    /// An attempt recorded whose request never reached a window leaves the record.
    pub fn forget_unopened(&self, attempt: &str) {
        if let Err(e) = self.attempts.discard(attempt) {
            tracing::warn!("an unopened payment attempt stays recorded: {e}");
        }
    }

    /// The checkout window came back to the portal with `outcome` in its address: the person
    /// left the processor now.
    pub fn checkout_returned(&self, attempt: &str, outcome: ReturnOutcome) -> Result<()> {
        let state = match outcome {
            ReturnOutcome::Success => AttemptState::Returned,
            ReturnOutcome::Failed => AttemptState::FailedAtProcessor,
            ReturnOutcome::None => AttemptState::ReturnedWithoutOutcome,
        };
        self.forget_open_checkout(attempt);
        self.attempts
            .left(attempt, state)
            .map_err(|e| self.record_error(e))?;
        Ok(())
    }

    /// The checkout window closed, in whatever way (the person, a new checkout replacing it, a
    /// window that could not open): the person left the processor now.
    pub fn checkout_closed(&self, attempt: &str) -> Result<()> {
        self.forget_open_checkout(attempt);
        self.attempts
            .left(attempt, AttemptState::WindowClosed)
            .map_err(|e| self.record_error(e))?;
        Ok(())
    }

    /// The attempt `id` as recorded (as last read, when the record cannot be read now).
    pub fn attempt(&self, id: &str) -> Option<Attempt> {
        match self.attempts.get(id) {
            Ok(a) => a,
            Err(e) => {
                self.record_error(e);
                self.attempts.last_seen(id)
            }
        }
    }

    /// The attempts to follow now: not over, not stopped, of an account signed in this run
    /// and not followed already (an open checkout window's too: the portal may record its
    /// payment while the window is still open).
    pub fn attempts_to_follow(&self) -> Vec<String> {
        let all = match self.attempts.load() {
            Ok((all, trouble)) => {
                self.note_trouble(trouble);
                all
            }
            Err(e) => {
                self.record_error(e);
                return vec![];
            }
        };
        all.into_iter()
            .filter(|a| a.state.guards() && a.state != AttemptState::Stopped)
            .filter(|a| self.session_of(&a.account).is_ok())
            .filter(|a| !self.trackers.is_running(&a.account, a.invoice_id))
            .map(|a| a.id)
            .collect()
    }

    fn open_checkout(&self) -> std::sync::MutexGuard<'_, Option<OpenCheckout>> {
        self.open_checkout.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the checkout window is open for attempt `id` (the shell says which one is).
    fn checkout_open(&self, id: &str) -> bool {
        self.open_checkout()
            .as_ref()
            .is_some_and(|o| o.attempt == id)
    }

    /// The shell opened its checkout window for `attempt`.
    pub fn checkout_opened(&self, attempt: &str) {
        *self.open_checkout() = Some(OpenCheckout {
            attempt: attempt.to_owned(),
            last_page: Utc::now(),
        });
    }

    /// A page of the processor loaded in the checkout window of `attempt`: the person is there.
    pub fn checkout_page_loaded(&self, attempt: &str) {
        if let Some(o) = self
            .open_checkout()
            .as_mut()
            .filter(|o| o.attempt == attempt)
        {
            o.last_page = Utc::now();
        }
    }

    /// The window of `attempt` is gone (a newer one may have replaced it: that one stays).
    fn forget_open_checkout(&self, attempt: &str) {
        let mut open = self.open_checkout();
        if open.as_ref().is_some_and(|o| o.attempt == attempt) {
            *open = None;
        }
    }

    /// The open attempts of every account known here (the one on screen first), for the
    /// dashboard: a payment made before switching account stays in sight.
    pub fn open_attempts(&self) -> Vec<Attempt> {
        let key = self.current_key();
        let known: Vec<String> = self.accounts().into_iter().map(|a| a.key).collect();
        let open = match self.attempts.open() {
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
    async fn observe(&self, account: &str, invoice: u64, may_sign_in: bool) -> (Observation, bool) {
        if self.session_of(account).is_err() {
            return (Observation::NeedsPerson, false);
        }
        match self.look_at_invoice(account, invoice, may_sign_in).await {
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
        // Paid while the window is still open: said, with the news that it may be closed.
        let message_id = if phase == PaymentPhase::Paid && self.checkout_open(&a.id) {
            "payment-paid-close-window"
        } else {
            phase.message_id()
        };
        PaymentUpdate {
            attempt_id: a.id.clone(),
            account: a.account.clone(),
            invoice_id: a.invoice_id,
            number: a.number.clone(),
            kind: a.kind,
            phase,
            elapsed_ms: since(a.opened_at).as_millis() as u64,
            checks,
            usual_ms: t.usual.as_millis() as u64,
            message_id,
            guarded: a.state.guards(),
            over: phase.is_last(),
        }
    }

    /// How long since the person left the processor for `a` (None: they are still there).
    /// An attempt still `opened` with no window of this run was cut off by a restart: it is
    /// recorded as left now.
    fn since_left(&self, a: &mut Attempt) -> Option<Duration> {
        if let Some(left) = a.left_at {
            return Some(since(left));
        }
        let started_here = self
            .started_here
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&a.id);
        if self.checkout_open(&a.id) || started_here {
            return None;
        }
        if let Ok(Some(now)) = self.attempts.left(&a.id, AttemptState::WindowClosed) {
            *a = now;
        }
        Some(Duration::ZERO)
    }

    /// When the tracker looks again for `a`: counted from the person's last step (their last
    /// processor page while the window is open, else when they left it).
    fn pause_for(&self, a: &Attempt, usual: Duration) -> Duration {
        let last_step = match a.left_at {
            Some(left) => left,
            None => self
                .open_checkout()
                .as_ref()
                .filter(|o| o.attempt == a.id)
                .map(|o| o.last_page)
                .unwrap_or(a.opened_at),
        };
        pause_given_usual(since(last_step), usual)
    }

    /// What is said of `a` before the portal is asked, when its state is new to the tracker.
    fn before_looking(&self, a: &Attempt) -> PaymentPhase {
        match a.state {
            AttemptState::Opened if a.left_at.is_none() => PaymentPhase::Window,
            AttemptState::Returned => PaymentPhase::Waiting,
            _ => PaymentPhase::Checking,
        }
    }

    /// Follows `account`'s invoice that attempt `id` pays, with every attempt on it not over,
    /// until the portal settles them, the usual time since the person left the processor
    /// passes with no payment recorded, the portal wants the person, or the deadline passes;
    /// each step goes to `report`. One tracker per invoice: when one runs already it is nudged
    /// (it reads the record again and looks at once) and this answers None. Otherwise answers
    /// attempt `id`'s last step.
    pub async fn follow_payment(
        &self,
        id: &str,
        timing: FollowTiming,
        mut report: impl FnMut(&PaymentUpdate),
    ) -> Option<PaymentUpdate> {
        let first = self.attempt(id).filter(|a| a.state.guards())?;
        let (account, invoice) = (first.account.clone(), first.invoice_id);
        let slot = self.trackers.claim(&account, invoice)?;
        let mut may_sign_in = true;
        let mut checks = 0u32;
        let mut known: HashMap<String, AttemptState> = HashMap::new();
        // Attempts whose following ended this run without a change of state (the portal wants
        // the person): not looked at again by this tracker.
        let mut ended: HashSet<String> = HashSet::new();
        let mut last_of_id = None;
        let mut next_look = tokio::time::Instant::now();
        loop {
            slot.reading();
            let open = match self.attempts.load() {
                Ok((all, trouble)) => {
                    self.note_trouble(trouble);
                    all.into_iter()
                        .filter(|a| a.account == account && a.invoice_id == invoice)
                        .filter(|a| a.state.guards() && a.state != AttemptState::Stopped)
                        .filter(|a| !ended.contains(&a.id))
                        .collect::<Vec<_>>()
                }
                Err(e) => {
                    // Said for every attempt known, the guard kept; read again at the next look.
                    self.record_error(e);
                    for a in self.attempts.last_seen_of(&account, invoice) {
                        let step = self.update(&a, PaymentPhase::RecordTrouble, checks, timing);
                        report(&step);
                        if a.id == id {
                            last_of_id = Some(step);
                        }
                    }
                    next_look = tokio::time::Instant::now()
                        + pause_given_usual(Duration::ZERO, timing.usual);
                    self.wait_for_look(&slot, next_look).await;
                    continue;
                }
            };
            if open.is_empty() {
                if slot.finish() {
                    return last_of_id;
                }
                continue;
            }
            // A new attempt, or one whose window returned or closed, is said at once and looked
            // at now; a nudge that changed nothing waits for the look already due.
            let mut changed = false;
            for a in &open {
                if known.get(&a.id) != Some(&a.state) {
                    known.insert(a.id.clone(), a.state);
                    changed = true;
                    report(&self.update(a, self.before_looking(a), checks, timing));
                }
            }
            if !changed && tokio::time::Instant::now() < next_look {
                self.wait_for_look(&slot, next_look).await;
                continue;
            }
            let (seen, used_sign_in) = self.observe(&account, invoice, may_sign_in).await;
            if used_sign_in {
                may_sign_in = false;
            }
            checks += 1;
            let mut pause = pause_given_usual(Duration::MAX, timing.usual);
            for mut a in open {
                let since_left = self.since_left(&mut a);
                let (state, phase) = match verdict(&a, &seen, since_left, timing.usual) {
                    (None, p) if !p.is_last() && since(a.opened_at) >= timing.deadline => {
                        (Some(AttemptState::Stopped), PaymentPhase::Stopped)
                    }
                    other => other,
                };
                let (a, phase) = match state {
                    None => (a, phase),
                    Some(s) => match self.attempts.set_state(&a.id, s) {
                        Ok(Some(now)) => (now, phase),
                        Ok(None) => continue,
                        // Not written: the guard stays and nothing is concluded; again later.
                        Err(e) => {
                            self.record_error(e);
                            (a, PaymentPhase::RecordTrouble)
                        }
                    },
                };
                known.insert(a.id.clone(), a.state);
                if phase.is_last() {
                    ended.insert(a.id.clone());
                }
                pause = pause.min(self.pause_for(&a, timing.usual));
                let step = self.update(&a, phase, checks, timing);
                report(&step);
                if a.id == id {
                    last_of_id = Some(step);
                }
            }
            next_look = tokio::time::Instant::now() + pause;
            self.wait_for_look(&slot, next_look).await;
        }
    }

    /// Waits until `next_look`, or until the tracker is nudged (something to read again).
    async fn wait_for_look(&self, slot: &TrackerSlot, next_look: tokio::time::Instant) {
        tokio::select! {
            _ = tokio::time::sleep_until(next_look) => {}
            _ = slot.nudged() => {}
        }
    }

    /// The person, told what it means, lifts the guard that a payment whose tracking stopped
    /// (24 hours without an answer) keeps on invoice `id`: only while the portal, read now,
    /// shows the invoice unpaid with no payment recorded since. Answers the invoice as shown.
    pub async fn lift_payment_guard(&self, id: u64) -> Result<InvoiceView> {
        let (session, key) = self.session()?;
        let detail = session.invoice(id).await?;
        if let Some(a) = self.guarding(&key, id)? {
            if a.state == AttemptState::Stopped && nothing_recorded_since(&a, &detail) {
                self.attempts
                    .set_state(&a.id, AttemptState::Cancelled)
                    .map_err(|e| self.record_error(e))?;
            }
        }
        self.keep_invoice(&key, detail);
        self.invoice_view(id)
    }

    /// Records a mass payment: the combined invoice paid, covering each invoice picked.
    pub(crate) fn record_mass_attempt(
        &self,
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
