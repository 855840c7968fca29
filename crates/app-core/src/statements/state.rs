//! Owns what only the statements service reaches inside: its fields are visible to `statements` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use crate::statement::Statement;
use std::sync::Mutex;

/// What only the statements service touches.
pub(crate) struct StatementsState {
    /// The statement last prepared: what "Save PDF" and "Save CSV" write, in the language of the
    /// moment.
    pub(super) last_statement: Mutex<Option<Statement>>,
}

impl StatementsState {
    pub(crate) fn new() -> Self {
        StatementsState {
            last_statement: Mutex::new(None),
        }
    }
}
