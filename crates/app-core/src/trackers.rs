//! Owns the rule "one tracker per (account, invoice) in the whole app": a place is claimed
//! before following starts, and freed when the follower ends, whatever started it.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The (account, invoice) pairs followed right now: one tracker each, whatever starts it.
#[derive(Default)]
pub struct Trackers {
    running: Mutex<HashSet<(String, u64)>>,
}

/// A claimed place in [`Trackers`]; the place is freed when this is dropped.
pub struct TrackerSlot {
    trackers: Arc<Trackers>,
    key: (String, u64),
}

impl Drop for TrackerSlot {
    fn drop(&mut self) {
        self.trackers
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.key);
    }
}

impl Trackers {
    /// A place for following `invoice` of `account`, or None when it is followed already.
    pub fn claim(self: &Arc<Self>, account: &str, invoice: u64) -> Option<TrackerSlot> {
        let key = (account.to_owned(), invoice);
        let fresh = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.clone());
        fresh.then(|| TrackerSlot {
            trackers: Arc::clone(self),
            key,
        })
    }

    pub fn is_running(&self, account: &str, invoice: u64) -> bool {
        self.running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&(account.to_owned(), invoice))
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
}
