//! Owns what this run of the app knows of the person at the processor: the attempts it
//! recorded (one still `opened` is at the processor, or about to be; one from an earlier run
//! had its window lost with that run) and the checkout window open now, with when its last
//! page loaded (the tracker's pace counts from the person's last step there).

use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
struct Known {
    recorded_here: HashSet<String>,
    /// The attempt whose checkout window is open, and when its last page loaded.
    open: Option<(String, DateTime<Utc>)>,
}

#[derive(Default)]
pub struct AtProcessor {
    known: Mutex<Known>,
}

impl AtProcessor {
    fn known(&self) -> MutexGuard<'_, Known> {
        self.known.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Attempt `id` was recorded by this run.
    pub fn recorded(&self, id: &str) {
        self.known().recorded_here.insert(id.to_owned());
    }

    /// The checkout window opened for `id` (it replaces any other: there is one window).
    pub fn opened(&self, id: &str) {
        self.known().open = Some((id.to_owned(), Utc::now()));
    }

    /// A processor page loaded in `id`'s window.
    pub fn page_loaded(&self, id: &str) {
        if let Some((_, last_page)) = self.known().open.as_mut().filter(|(o, _)| o == id) {
            *last_page = Utc::now();
        }
    }

    /// `id`'s window is gone; a newer window that replaced it stays.
    pub fn gone(&self, id: &str) {
        let mut known = self.known();
        if known.open.as_ref().is_some_and(|(o, _)| o == id) {
            known.open = None;
        }
    }

    /// When the person last did something at the processor for `id`: its window's last page
    /// load, while that window is open.
    pub fn last_page(&self, id: &str) -> Option<DateTime<Utc>> {
        self.known()
            .open
            .as_ref()
            .filter(|(o, _)| o == id)
            .map(|(_, at)| *at)
    }

    pub fn is_open(&self, id: &str) -> bool {
        self.last_page(id).is_some()
    }

    /// Whether the person may still be at the processor for `id` (or about to be): its window
    /// is open, or this run recorded it and no return or close has been seen.
    pub fn may_be_there(&self, id: &str) -> bool {
        let known = self.known();
        known.recorded_here.contains(id) || known.open.as_ref().is_some_and(|(o, _)| o == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_window_leaves_the_new_one_open() {
        let at = AtProcessor::default();
        at.opened("old");
        at.opened("new");
        at.gone("old");
        assert!(at.is_open("new") && !at.is_open("old"));
        let first = at.last_page("new").unwrap();
        at.page_loaded("new");
        assert!(at.last_page("new").unwrap() >= first);
        at.gone("new");
        assert!(!at.is_open("new"));
        assert!(!at.may_be_there("earlier-run"));
        at.recorded("this-run");
        assert!(at.may_be_there("this-run"));
    }
}
