//! Owns telling the shell what changed in the core, so that it follows up in one place (the
//! tray's count and menu, following the payments of a session just begun) instead of after
//! each command that may have changed something.

use std::sync::OnceLock;

/// What changed. Told after the change is made and every lock is let go: the one listening
/// reads the core again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A portal session began (a sign-in, its second factor, a restore, a switch to an account
    /// not signed in, the portal's own sign-in page, signing in again after being offline):
    /// the account is on screen, and its payments not over can be followed.
    SessionStarted,
    /// The account on screen changed without a new session: a switch to one signed in this
    /// run, a saved copy opened offline, a sign-out.
    Accounts,
    /// The language changed.
    Language,
    /// What the tray counts or lists changed: the invoices after a sync, the reminders checked
    /// (the days pass), a "Paid" notification given.
    Unpaid,
    /// Where an update stands changed: looked for, offered, downloading, installed, refused.
    Update,
}

type Listener = Box<dyn Fn(Change) + Send + Sync>;

/// The one listener, set once at start.
#[derive(Default)]
pub struct Changes {
    listener: OnceLock<Listener>,
}

impl Changes {
    /// Sets the listener; false when one was set already (it stays).
    pub fn subscribe(&self, listener: impl Fn(Change) + Send + Sync + 'static) -> bool {
        self.listener.set(Box::new(listener)).is_ok()
    }

    pub(crate) fn tell(&self, change: Change) {
        if let Some(listener) = self.listener.get() {
            listener(change);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn the_one_listener_hears_every_change_and_a_second_is_refused() {
        let changes = Changes::default();
        changes.tell(Change::Language);
        let heard = Arc::new(Mutex::new(vec![]));
        let ear = Arc::clone(&heard);
        assert!(changes.subscribe(move |c| ear.lock().unwrap().push(c)));
        assert!(!changes.subscribe(|_| panic!("a second listener")));
        changes.tell(Change::SessionStarted);
        changes.tell(Change::Unpaid);
        assert_eq!(
            *heard.lock().unwrap(),
            vec![Change::SessionStarted, Change::Unpaid]
        );
    }
}
