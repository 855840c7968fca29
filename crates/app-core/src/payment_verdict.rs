//! Owns what may be said about a payment: the phases the customer is told (each backed by what
//! the portal said, or by the fact that it could not be asked), what the processor's return
//! address claims, and the verdict of one look at the portal. Pure: no network, no clock.

use crate::attempts::{Attempt, AttemptState};
use portal::InvoiceStatus;
use serde::Serialize;
use std::time::Duration;

/// What the customer is told about a payment, each backed by what the portal said (or by the
/// fact that it could not be asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentPhase {
    /// The person is still at the processor (its window open); the portal shows no payment yet.
    Window,
    /// The window is gone without a success return: the portal is being asked.
    Checking,
    /// The processor returned; waiting for the portal to mark the invoice paid.
    Waiting,
    /// Past the usual confirmation time, still waiting.
    Slow,
    /// The window closed; the portal shows no payment so far (a processor may still notify).
    NotSeenYet,
    /// The window came back with a failure flag; the portal shows no payment so far.
    FailedUnconfirmed,
    /// The portal could not be reached: nobody knows yet.
    Unknown,
    Paid,
    /// The portal ended the invoice otherwise (cancelled, refunded).
    Ended,
    /// The usual time passed since the person left the processor and the portal has recorded
    /// no payment so far: the guard is lifted, with the advice to check the card or PayPal
    /// before paying again. Never "nothing was paid": the app knows only what the portal says.
    NoneRecorded,
    /// The payment record on this computer cannot be read or written just now: said, the guard
    /// kept, tried again at the next look.
    RecordTrouble,
    /// The portal wants the person (sign-in refused, second factor, captcha, ban, signed out).
    SignInNeeded,
    /// 24 hours without an answer: tracking stopped, the guard stays.
    Stopped,
}

impl PaymentPhase {
    pub fn message_id(self) -> &'static str {
        match self {
            PaymentPhase::Window => "payment-open-window",
            PaymentPhase::Checking => "payment-checking",
            PaymentPhase::Waiting => "payment-waiting",
            PaymentPhase::Slow => "payment-still-confirming",
            PaymentPhase::NotSeenYet => "payment-not-seen-yet",
            PaymentPhase::FailedUnconfirmed => "payment-failed-unconfirmed",
            PaymentPhase::Unknown => "payment-unknown",
            PaymentPhase::Paid => "payment-paid",
            PaymentPhase::Ended => "payment-ended",
            PaymentPhase::NoneRecorded => "payment-none-recorded",
            PaymentPhase::RecordTrouble => "payment-record-trouble",
            PaymentPhase::SignInNeeded => "payment-sign-in-needed",
            PaymentPhase::Stopped => "payment-stopped",
        }
    }

    /// Whether following has ended with this phase.
    pub fn is_last(self) -> bool {
        matches!(
            self,
            PaymentPhase::Paid
                | PaymentPhase::Ended
                | PaymentPhase::NoneRecorded
                | PaymentPhase::SignInNeeded
                | PaymentPhase::Stopped
        )
    }
}

/// What a recorded attempt says before the portal is asked about it (a tracker's first word,
/// and the dashboard's for an attempt no tracker has spoken of yet): at the processor, waiting
/// after a success return, stopped, or being asked.
pub fn before_looking(attempt: &Attempt) -> PaymentPhase {
    match attempt.state {
        AttemptState::Opened if attempt.left_at.is_none() => PaymentPhase::Window,
        AttemptState::Returned => PaymentPhase::Waiting,
        AttemptState::Stopped => PaymentPhase::Stopped,
        _ => PaymentPhase::Checking,
    }
}

/// What the address the processor sent the window back to says (WHMCS's invoice page reads
/// the same flags: `paymentsuccess`, `pendingreview`, `paymentfailed`). Only a claim of the
/// page that sent it: the portal is asked before anything is said about money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnOutcome {
    Success,
    Failed,
    None,
}

impl ReturnOutcome {
    pub fn of(url: &url::Url) -> ReturnOutcome {
        let flag = |name: &str| url.query_pairs().any(|(k, v)| k == name && v == "true");
        if flag("paymentfailed") {
            ReturnOutcome::Failed
        } else if flag("paymentsuccess") || flag("pendingreview") {
            ReturnOutcome::Success
        } else {
            ReturnOutcome::None
        }
    }
}

/// What one look at the portal found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observation {
    Seen {
        status: InvoiceStatus,
        transactions: usize,
    },
    /// The portal could not be reached (network, timeout, server error, an odd page).
    Unreachable,
    /// The portal wants the person: sign-in refused, second factor, captcha, ban, or the
    /// paying account is not signed in here.
    NeedsPerson,
}

/// What an observation means for an attempt: its new state (if it changes) and what to say.
/// `since_left` is the time since the person left the processor (None: its window is open);
/// the usual confirmation time counts from there, however long they spent paying.
pub fn verdict(
    attempt: &Attempt,
    seen: &Observation,
    since_left: Option<Duration>,
    usual: Duration,
) -> (Option<AttemptState>, PaymentPhase) {
    let waiting = match since_left {
        Some(left) if left >= usual => PaymentPhase::Slow,
        _ => PaymentPhase::Waiting,
    };
    match seen {
        Observation::Seen { status, .. } if *status == InvoiceStatus::Paid => {
            (Some(AttemptState::Settled), PaymentPhase::Paid)
        }
        Observation::Seen { status, .. } if status.is_final() => {
            (Some(AttemptState::Settled), PaymentPhase::Ended)
        }
        // The processor told the portal; or the portal recorded money on the invoice.
        Observation::Seen {
            status: InvoiceStatus::PaymentPending,
            ..
        } => (None, waiting),
        Observation::Seen { transactions, .. } if *transactions > attempt.transactions_before => {
            (None, waiting)
        }
        Observation::Seen { .. } => match (attempt.state, since_left) {
            // Still at the processor: nothing is said until they leave it.
            (_, None) => (None, PaymentPhase::Window),
            (AttemptState::Returned, _) => (None, waiting),
            (_, Some(left)) if left >= usual => {
                (Some(AttemptState::Cancelled), PaymentPhase::NoneRecorded)
            }
            (AttemptState::FailedAtProcessor, _) => (None, PaymentPhase::FailedUnconfirmed),
            _ => (None, PaymentPhase::NotSeenYet),
        },
        Observation::Unreachable => (None, PaymentPhase::Unknown),
        Observation::NeedsPerson => (None, PaymentPhase::SignInNeeded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use portal::PaymentKind;

    fn attempt(state: AttemptState) -> Attempt {
        Attempt {
            id: "a".into(),
            account: "x@h".into(),
            invoice_id: 1,
            number: "1".into(),
            covers: vec![1],
            kind: PaymentKind::OneOff,
            amount: None,
            transactions_before: 1,
            opened_at: Utc::now(),
            left_at: None,
            state,
            updated_at: Utc::now(),
        }
    }

    const USUAL: Duration = Duration::from_secs(300);
    const EARLY: Option<Duration> = Some(Duration::from_secs(10));
    const LATE: Option<Duration> = Some(Duration::from_secs(301));
    /// Still at the processor, however long since the window opened.
    const AT_PROCESSOR: Option<Duration> = None;

    fn seen(status: InvoiceStatus, transactions: usize) -> Observation {
        Observation::Seen {
            status,
            transactions,
        }
    }

    #[test]
    fn nothing_is_said_about_money_that_the_portal_did_not_say() {
        use AttemptState::{Cancelled, FailedAtProcessor, Opened, Returned, Settled, WindowClosed};
        use InvoiceStatus::{Paid, PaymentPending, Unpaid};
        use PaymentPhase as P;
        let cases = [
            // (state, observation, since left) -> (new state, phase)
            (WindowClosed, seen(Paid, 2), EARLY, Some(Settled), P::Paid),
            (WindowClosed, seen(Unpaid, 1), EARLY, None, P::NotSeenYet),
            (
                WindowClosed,
                seen(Unpaid, 1),
                LATE,
                Some(Cancelled),
                P::NoneRecorded,
            ),
            // A new transaction: the portal recorded money; keep following.
            (WindowClosed, seen(Unpaid, 2), LATE, None, P::Slow),
            (
                WindowClosed,
                seen(PaymentPending, 1),
                EARLY,
                None,
                P::Waiting,
            ),
            (
                FailedAtProcessor,
                seen(Unpaid, 1),
                EARLY,
                None,
                P::FailedUnconfirmed,
            ),
            (
                FailedAtProcessor,
                seen(Paid, 2),
                EARLY,
                Some(Settled),
                P::Paid,
            ),
            (
                FailedAtProcessor,
                seen(Unpaid, 1),
                LATE,
                Some(Cancelled),
                P::NoneRecorded,
            ),
            (Returned, seen(Unpaid, 1), EARLY, None, P::Waiting),
            // A success return is never turned into "not paid": the processor may hold it.
            (Returned, seen(Unpaid, 1), LATE, None, P::Slow),
            (Opened, seen(Unpaid, 1), EARLY, None, P::NotSeenYet),
            // At the processor nothing is concluded, however long they stay there; the
            // portal's Paid is said at once.
            (Opened, seen(Unpaid, 1), AT_PROCESSOR, None, P::Window),
            (Opened, seen(Paid, 2), AT_PROCESSOR, Some(Settled), P::Paid),
            (
                Opened,
                seen(PaymentPending, 1),
                AT_PROCESSOR,
                None,
                P::Waiting,
            ),
            (
                Returned,
                seen(InvoiceStatus::Cancelled, 1),
                EARLY,
                Some(Settled),
                P::Ended,
            ),
            (
                WindowClosed,
                Observation::Unreachable,
                LATE,
                None,
                P::Unknown,
            ),
            (
                Returned,
                Observation::NeedsPerson,
                EARLY,
                None,
                P::SignInNeeded,
            ),
        ];
        for (state, obs, since, new, phase) in cases {
            assert_eq!(
                verdict(&attempt(state), &obs, since, USUAL),
                (new, phase),
                "{state:?} {obs:?} {since:?}"
            );
        }
    }

    #[test]
    fn a_record_says_only_where_the_person_is_before_the_portal_is_asked() {
        use AttemptState::{FailedAtProcessor, Opened, Returned, Stopped, WindowClosed};
        let said = |state, left: bool| {
            let mut a = attempt(state);
            a.left_at = left.then(Utc::now);
            before_looking(&a)
        };
        assert_eq!(said(Opened, false), PaymentPhase::Window);
        // Opened, but left (a restart found its window gone): asked, not "at the processor".
        assert_eq!(said(Opened, true), PaymentPhase::Checking);
        assert_eq!(said(Returned, true), PaymentPhase::Waiting);
        assert_eq!(said(WindowClosed, true), PaymentPhase::Checking);
        assert_eq!(said(FailedAtProcessor, true), PaymentPhase::Checking);
        assert_eq!(said(Stopped, true), PaymentPhase::Stopped);
        assert!(said(Stopped, true).is_last() && !said(Opened, false).is_last());
    }

    #[test]
    fn the_return_address_is_read_like_the_invoice_page_reads_it() {
        let of = |q: &str| {
            ReturnOutcome::of(
                &url::Url::parse(&format!("https://p.example/viewinvoice.php?id=3{q}")).unwrap(),
            )
        };
        assert_eq!(of("&paymentsuccess=true"), ReturnOutcome::Success);
        assert_eq!(of("&pendingreview=true"), ReturnOutcome::Success);
        assert_eq!(of("&paymentfailed=true"), ReturnOutcome::Failed);
        assert_eq!(
            of("&paymentsuccess=true&paymentfailed=true"),
            ReturnOutcome::Failed
        );
        assert_eq!(of(""), ReturnOutcome::None);
        assert_eq!(of("&paymentsuccess=false"), ReturnOutcome::None);
    }
}
