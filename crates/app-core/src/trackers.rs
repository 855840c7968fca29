//! Owns the rule "one tracker per (account, invoice) in the whole app": a place is claimed
//! before following starts; whoever finds it taken nudges the tracker there instead (a new
//! attempt on the invoice, a window that returned or closed), and the tracker frees its place
//! only when no nudge came since it last read the record, so no attempt is left unfollowed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

struct Running {
    /// Set by a nudge, cleared each time the tracker reads the record again.
    nudged: bool,
    wake: Arc<Notify>,
}

/// The (account, invoice) pairs followed right now: one tracker each, whatever starts it.
#[derive(Default)]
pub struct Trackers {
    running: Mutex<HashMap<(String, u64), Running>>,
}

/// A claimed place in [`Trackers`]; the place is freed when this is dropped.
pub struct TrackerSlot {
    trackers: Arc<Trackers>,
    key: (String, u64),
    wake: Arc<Notify>,
}

impl Drop for TrackerSlot {
    fn drop(&mut self) {
        // Only this tracker's place: after `finish` freed it, a new tracker may hold it.
        let mut running = self.trackers.lock();
        if running
            .get(&self.key)
            .is_some_and(|r| Arc::ptr_eq(&r.wake, &self.wake))
        {
            running.remove(&self.key);
        }
    }
}

impl TrackerSlot {
    /// Called before the tracker reads the record: a nudge that came before this is seen by
    /// that reading.
    pub fn reading(&self) {
        if let Some(r) = self.trackers.lock().get_mut(&self.key) {
            r.nudged = false;
        }
    }

    /// The tracker found nothing left to follow: answers true when the place is freed, false
    /// when a nudge came since its last reading (something new to follow: read again).
    pub fn finish(&self) -> bool {
        let mut running = self.trackers.lock();
        match running.get(&self.key) {
            Some(r) if r.nudged => false,
            _ => {
                running.remove(&self.key);
                true
            }
        }
    }

    /// Resolves when the tracker is nudged (at once if a nudge came since the last wait).
    pub async fn nudged(&self) {
        self.wake.notified().await;
    }
}

impl Trackers {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, u64), Running>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for following `invoice` of `account`, or None when it is followed already: the
    /// tracker there is then nudged to read the record again and look at the portal at once.
    pub fn claim(self: &Arc<Self>, account: &str, invoice: u64) -> Option<TrackerSlot> {
        let key = (account.to_owned(), invoice);
        let mut running = self.lock();
        if let Some(r) = running.get_mut(&key) {
            r.nudged = true;
            r.wake.notify_one();
            return None;
        }
        let wake = Arc::new(Notify::new());
        running.insert(
            key.clone(),
            Running {
                nudged: false,
                wake: Arc::clone(&wake),
            },
        );
        Some(TrackerSlot {
            trackers: Arc::clone(self),
            key,
            wake,
        })
    }

    pub fn is_running(&self, account: &str, invoice: u64) -> bool {
        self.lock().contains_key(&(account.to_owned(), invoice))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_tracker_per_account_and_invoice() {
        let trackers = Arc::new(Trackers::default());
        let slot = trackers.claim("a@h", 1).expect("free");
        assert!(trackers.claim("a@h", 1).is_none());
        assert!(trackers.claim("b@h", 1).is_some(), "another account");
        assert!(trackers.is_running("a@h", 1));
        drop(slot);
        assert!(trackers.claim("a@h", 1).is_some());
    }

    #[test]
    fn a_nudge_after_the_last_reading_keeps_the_tracker() {
        let trackers = Arc::new(Trackers::default());
        let slot = trackers.claim("a@h", 1).expect("free");
        slot.reading();
        // A second attempt is recorded and asks to be followed while the tracker decides.
        assert!(trackers.claim("a@h", 1).is_none());
        assert!(!slot.finish(), "read again: something new");
        slot.reading();
        assert!(slot.finish(), "nothing new since: the place is freed");
        assert!(!trackers.is_running("a@h", 1));
        let next = trackers.claim("a@h", 1).expect("free again");
        drop(slot);
        assert!(
            trackers.is_running("a@h", 1),
            "the old place's end frees no other"
        );
        drop(next);
    }

    #[tokio::test]
    async fn a_nudge_wakes_the_tracker() {
        let trackers = Arc::new(Trackers::default());
        let slot = trackers.claim("a@h", 1).expect("free");
        assert!(trackers.claim("a@h", 1).is_none());
        tokio::time::timeout(std::time::Duration::from_secs(5), slot.nudged())
            .await
            .expect("woken");
    }
}
