//! Owns following a payment at the portal until it settles: one tracker per (account,
//! invoice) for every attempt on it not over, from the window's opening on, at a pace counted
//! from the person's last step at the processor; each look judged by `verdict` and reported as
//! a `PaymentUpdate`, which comes from the portal's answers only, never from the window alone.

use super::Payments;
use crate::attempts::{Attempt, AttemptState};
use crate::payment_verdict::{before_looking, verdict, Observation, PaymentPhase};
use crate::trackers::TrackerSlot;
use chrono::{DateTime, Utc};
use portal::tracker::pause_given_usual;
use portal::{PaymentKind, PortalError};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// One step of following a payment, for the window.
#[derive(Debug, Clone, Serialize)]
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

impl Payments<'_> {
    /// The attempts to follow now: not over, not stopped, of an account signed in this run
    /// and not followed already (an open checkout window's too: the portal may record its
    /// payment while the window is still open).
    pub fn attempts_to_follow(self) -> Vec<String> {
        let all = match self.own.attempts.load() {
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
            .filter(|a| self.core.session_of(&a.account).is_ok())
            .filter(|a| !self.own.trackers.is_running(&a.account, a.invoice_id))
            .map(|a| a.id)
            .collect()
    }

    /// Reads `account`'s invoice `id` with that account's session (whatever account is on
    /// screen), signing in again once if allowed; answers whether it did.
    pub async fn look_at_invoice(
        self,
        account: &str,
        id: u64,
        may_sign_in: bool,
    ) -> std::result::Result<(portal::InvoiceDetail, bool), PortalError> {
        let session = self
            .core
            .session_of(account)
            .map_err(|_| PortalError::SessionExpired)?;
        session.invoice_with(id, may_sign_in).await
    }

    /// One look at the portal for the tracker, with the paying account's session. At most one
    /// sign-in again per tracker (`may_sign_in`), answered in the second place.
    async fn observe(self, account: &str, invoice: u64, may_sign_in: bool) -> (Observation, bool) {
        if self.core.session_of(account).is_err() {
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
        self,
        a: &Attempt,
        phase: PaymentPhase,
        checks: u32,
        t: FollowTiming,
    ) -> PaymentUpdate {
        // Paid while the window is still open: said, with the news that it may be closed.
        let message_id = if phase == PaymentPhase::Paid && self.own.at_processor.is_open(&a.id) {
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
    fn since_left(self, a: &mut Attempt) -> Option<Duration> {
        if let Some(left) = a.left_at {
            return Some(since(left));
        }
        if self.own.at_processor.may_be_there(&a.id) {
            return None;
        }
        if let Ok(Some(now)) = self.own.attempts.left(&a.id, AttemptState::WindowClosed) {
            *a = now;
        }
        Some(Duration::ZERO)
    }

    /// When the tracker looks again for `a`: counted from the person's last step (their last
    /// processor page while the window is open, else when they left it).
    fn pause_for(self, a: &Attempt, usual: Duration) -> Duration {
        let last_step = match a.left_at {
            Some(left) => left,
            None => self
                .own
                .at_processor
                .last_page(&a.id)
                .unwrap_or(a.opened_at),
        };
        pause_given_usual(since(last_step), usual)
    }

    /// Follows `account`'s invoice that attempt `id` pays, with every attempt on it not over,
    /// until the portal settles them, the usual time since the person left the processor
    /// passes with no payment recorded, the portal wants the person, or the deadline passes;
    /// each step goes to `report`. One tracker per invoice: when one runs already it is nudged
    /// (it reads the record again and looks at once) and this answers None. Otherwise answers
    /// attempt `id`'s last step.
    pub async fn follow_payment(
        self,
        id: &str,
        timing: FollowTiming,
        mut report: impl FnMut(&PaymentUpdate),
    ) -> Option<PaymentUpdate> {
        let first = self.attempt(id).filter(|a| a.state.guards())?;
        let (account, invoice) = (first.account.clone(), first.invoice_id);
        let slot = self.own.trackers.claim(&account, invoice)?;
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
            let open = match self.own.attempts.load() {
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
                    for a in self.own.attempts.last_seen_of(&account, invoice) {
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
                    report(&self.update(a, before_looking(a), checks, timing));
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
            for a in open {
                let Some((a, phase)) = self.judge(a, &seen, timing) else {
                    continue;
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

    /// What one look at the portal means for attempt `a`, recorded: its state as now written
    /// and what to say (None: the attempt left the record meanwhile). Past the deadline a look
    /// that settles nothing stops following; a state that cannot be written keeps the guard and
    /// says so.
    fn judge(
        self,
        mut a: Attempt,
        seen: &Observation,
        timing: FollowTiming,
    ) -> Option<(Attempt, PaymentPhase)> {
        let since_left = self.since_left(&mut a);
        let (state, phase) = match verdict(&a, seen, since_left, timing.usual) {
            (None, p) if !p.is_last() && since(a.opened_at) >= timing.deadline => {
                (Some(AttemptState::Stopped), PaymentPhase::Stopped)
            }
            other => other,
        };
        let Some(state) = state else {
            return Some((a, phase));
        };
        match self.own.attempts.set_state(&a.id, state) {
            Ok(now) => now.map(|now| (now, phase)),
            Err(e) => {
                self.record_error(e);
                Some((a, PaymentPhase::RecordTrouble))
            }
        }
    }

    /// Waits until `next_look`, or until the tracker is nudged (something to read again).
    async fn wait_for_look(self, slot: &TrackerSlot, next_look: tokio::time::Instant) {
        tokio::select! {
            _ = tokio::time::sleep_until(next_look) => {}
            _ = slot.nudged() => {}
        }
    }
}
