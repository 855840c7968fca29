//! Owns following an invoice after a payment until the portal marks it paid: when to look
//! again, and what to tell the user meanwhile. It is the guard against paying twice.

use crate::error::PortalError;
use crate::model::InvoiceStatus;
use serde::Serialize;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// When the portal usually has the processor's notification.
pub const USUAL_CONFIRMATION: Duration = Duration::from_secs(5 * 60);

/// The pause before the next check, counted from the previous check's start, given the time
/// since tracking began.
///
/// In the first five minutes a check every 4.95 s: Paid is noticed within 5 s of the portal
/// recording it, with 60 requests at most. After that the pauses grow (processors sometimes
/// hold a payment for review for hours), up to one check a minute.
pub fn pause_before(elapsed: Duration) -> Duration {
    pause_given_usual(elapsed, USUAL_CONFIRMATION)
}

/// [`pause_before`] for a portal whose confirmation usually takes `usual` (the demo portal can
/// be told to confirm sooner so the "still confirming" guidance can be seen without waiting).
pub fn pause_given_usual(elapsed: Duration, usual: Duration) -> Duration {
    if elapsed < usual {
        Duration::from_millis(4950)
    } else {
        let past = (elapsed - usual).as_secs();
        Duration::from_secs((10 + past / 30).min(60))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum TrackEvent {
    /// A check was made; `status` is what the portal said.
    Checked {
        elapsed_ms: u64,
        checks: u32,
        status: Option<InvoiceStatus>,
        /// Past the usual five minutes.
        slow: bool,
    },
    /// A check failed (network); tracking goes on.
    CheckFailed {
        elapsed_ms: u64,
        kind: String,
    },
    Done {
        elapsed_ms: u64,
        checks: u32,
        status: InvoiceStatus,
    },
    GaveUp {
        elapsed_ms: u64,
        checks: u32,
    },
}

/// Checks the invoice with `check` until its status is final or `deadline` passes, sending
/// each step to `report`. The caller's future may be dropped at any time to stop.
pub async fn track<C, F, R>(check: C, deadline: Duration, report: R) -> TrackEvent
where
    C: FnMut() -> F,
    F: Future<Output = Result<InvoiceStatus, PortalError>>,
    R: FnMut(&TrackEvent),
{
    track_given_usual(check, deadline, USUAL_CONFIRMATION, report).await
}

/// [`track`] with the time after which the payment counts as slow (`slow: true` and longer
/// pauses) given by the caller.
pub async fn track_given_usual<C, F, R>(
    mut check: C,
    deadline: Duration,
    usual: Duration,
    mut report: R,
) -> TrackEvent
where
    C: FnMut() -> F,
    F: Future<Output = Result<InvoiceStatus, PortalError>>,
    R: FnMut(&TrackEvent),
{
    let start = Instant::now();
    let mut checks = 0u32;
    let mut next = start + pause_given_usual(Duration::ZERO, usual);
    loop {
        tokio::time::sleep_until(next).await;
        let elapsed = start.elapsed();
        checks += 1;
        let result = check().await;
        let elapsed_ms = start.elapsed().as_millis() as u64;
        match result {
            Ok(status) if status.is_final() => {
                let done = TrackEvent::Done {
                    elapsed_ms,
                    checks,
                    status,
                };
                report(&done);
                return done;
            }
            Ok(status) => report(&TrackEvent::Checked {
                elapsed_ms,
                checks,
                status: Some(status),
                slow: elapsed >= usual,
            }),
            Err(e) => report(&TrackEvent::CheckFailed {
                elapsed_ms,
                kind: e.kind().to_owned(),
            }),
        }
        next += pause_given_usual(elapsed, usual);
        if next - start > deadline {
            let gave_up = TrackEvent::GaveUp {
                elapsed_ms: start.elapsed().as_millis() as u64,
                checks,
            };
            report(&gave_up);
            return gave_up;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    #[test]
    fn at_most_sixty_checks_in_five_minutes_and_never_five_seconds_apart() {
        let mut at = Duration::ZERO;
        let mut count = 0;
        loop {
            let pause = pause_before(at);
            if at < USUAL_CONFIRMATION {
                assert!(pause < Duration::from_secs(5));
            }
            at += pause;
            if at > USUAL_CONFIRMATION {
                break;
            }
            count += 1;
        }
        assert!(count <= 60, "{count} checks in five minutes");
        assert!(count >= 55, "{count} checks is slower than promised");
    }

    #[test]
    fn pauses_grow_after_five_minutes_up_to_a_minute() {
        let early = pause_before(USUAL_CONFIRMATION + Duration::from_secs(1));
        let later = pause_before(USUAL_CONFIRMATION + Duration::from_secs(20 * 60));
        assert!(early >= Duration::from_secs(10));
        assert!(later > early);
        assert!(later <= Duration::from_secs(60));
    }

    #[tokio::test(start_paused = true)]
    async fn stops_at_paid_and_reports_each_check() {
        let calls = Arc::new(AtomicU32::new(0));
        let c = calls.clone();
        let mut events = vec![];
        let end = track(
            move || {
                let n = c.fetch_add(1, Ordering::SeqCst);
                async move {
                    Ok(if n < 3 {
                        InvoiceStatus::Unpaid
                    } else {
                        InvoiceStatus::Paid
                    })
                }
            },
            Duration::from_secs(3600),
            |e| events.push(e.clone()),
        )
        .await;
        assert!(matches!(
            end,
            TrackEvent::Done {
                checks: 4,
                status: InvoiceStatus::Paid,
                ..
            }
        ));
        assert_eq!(calls.load(Ordering::SeqCst), 4);
        assert_eq!(events.len(), 4);
    }

    #[tokio::test(start_paused = true)]
    async fn network_errors_do_not_stop_tracking_and_deadline_does() {
        let mut failures = 0;
        let end = track(
            || async { Err(PortalError::Timeout) },
            Duration::from_secs(60),
            |e| {
                if matches!(e, TrackEvent::CheckFailed { .. }) {
                    failures += 1
                }
            },
        )
        .await;
        assert!(matches!(end, TrackEvent::GaveUp { .. }));
        assert!(failures >= 10, "{failures}");
    }

    /// Collects the `slow` flag of every check of an invoice that never gets paid.
    async fn slow_flags(usual: Duration, deadline: Duration) -> Vec<(u64, bool)> {
        let mut flags = vec![];
        track_given_usual(
            || async { Ok(InvoiceStatus::Unpaid) },
            deadline,
            usual,
            |e| {
                if let TrackEvent::Checked {
                    elapsed_ms, slow, ..
                } = e
                {
                    flags.push((*elapsed_ms, *slow));
                }
            },
        )
        .await;
        flags
    }

    #[tokio::test(start_paused = true)]
    async fn a_payment_turns_slow_after_five_minutes_and_tracking_goes_on() {
        let flags = slow_flags(USUAL_CONFIRMATION, Duration::from_secs(10 * 60)).await;
        let first_slow = flags
            .iter()
            .position(|(_, slow)| *slow)
            .expect("turns slow");
        assert!(flags[..first_slow].iter().all(|(ms, _)| *ms < 300_000));
        assert!(flags[first_slow..]
            .iter()
            .all(|(ms, slow)| *ms >= 300_000 && *slow));
        assert!(
            flags.len() - first_slow >= 5,
            "checks go on after five minutes"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_shorter_usual_time_turns_slow_sooner() {
        let flags = slow_flags(Duration::from_secs(12), Duration::from_secs(60)).await;
        let first_slow = flags
            .iter()
            .position(|(_, slow)| *slow)
            .expect("turns slow");
        assert_eq!(
            first_slow, 2,
            "checks at about 5 s and 10 s, then slow: {flags:?}"
        );
    }
}
