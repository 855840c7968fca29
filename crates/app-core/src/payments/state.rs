//! Owns what only the payments service reaches inside: its fields are visible to `payments` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use crate::at_processor::AtProcessor;
use crate::attempts::{AttemptFile, Trouble};
use crate::trackers::Trackers;
use std::sync::{Arc, Mutex};

/// What only the payments service touches.
pub(crate) struct PaymentsState {
    /// The payment attempts on disk.
    pub(super) attempts: AttemptFile,
    /// The attempts being followed now, one follower each.
    pub(super) trackers: Arc<Trackers>,
    /// The attempts this run recorded and the checkout window open now.
    pub(super) at_processor: AtProcessor,
    /// Warnings for the window, each shown once (a damaged payment record).
    pub(super) warnings: Mutex<Vec<String>>,
}

impl PaymentsState {
    pub(crate) fn new(data_dir: &std::path::Path) -> Self {
        PaymentsState {
            attempts: AttemptFile::new(data_dir),
            trackers: Arc::new(Trackers::default()),
            at_processor: Default::default(),
            warnings: Mutex::new(vec![]),
        }
    }

    /// The record's trouble found at start (a damaged file set aside), said once there is a window.
    pub(crate) fn trouble_at_start(&self) -> Option<Trouble> {
        self.attempts.load().ok().and_then(|(_, trouble)| trouble)
    }
}
