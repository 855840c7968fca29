//! Owns what only the updates service reaches inside: its fields are visible to `updates` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use super::{Build, Phase};
use std::sync::Mutex;

/// What only the updates service touches.
pub(crate) struct UpdatesState {
    /// This copy's version and whether it was built with an update server.
    pub(super) build: Mutex<Build>,
    /// Where the update under way is.
    pub(super) phase: Mutex<Phase>,
}

impl UpdatesState {
    pub(crate) fn new() -> Self {
        UpdatesState {
            build: Mutex::new(Build::default()),
            phase: Mutex::new(Phase::Idle),
        }
    }
}
