//! Owns what only the reminders service reaches inside: its fields are visible to
//! `reminder_notices` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use crate::reminders::ReminderFile;
use crate::tray::RecentNotices;

/// What only the reminders service touches.
pub(crate) struct RemindersState {
    /// Which reminders were given, on disk.
    pub(super) reminders: ReminderFile,
    /// The latest notifications given, for the tray menu.
    pub(super) recent_notices: RecentNotices,
}

impl RemindersState {
    pub(crate) fn new(data_dir: &std::path::Path) -> Self {
        RemindersState {
            reminders: ReminderFile::new(data_dir),
            recent_notices: Default::default(),
        }
    }
}
