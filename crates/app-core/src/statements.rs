//! Owns statements as a service: preparing one over a period (the invoices, the payments read
//! from the portal, what could not be read), and saving the one last prepared as PDF or CSV.

pub(crate) mod state;

mod files;
pub mod run;

use crate::core::Core;

/// The statements: preparing one and saving it.
/// Reached through `Core::statements`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Statements<'c> {
    core: &'c Core,
    own: &'c state::StatementsState,
}

impl<'c> Statements<'c> {
    pub(crate) fn new(core: &'c Core, own: &'c state::StatementsState) -> Self {
        Statements { core, own }
    }
}

impl Core {
    /// Statements: preparing one and saving it.
    pub fn statements(&self) -> Statements<'_> {
        Statements::new(self, &self.statements)
    }
}
