//! Owns an account's billing as a service: the sync with the portal, the offline copy it saves
//! and reads, the views built from them (dashboard, list, invoice), the files (PDFs, CSV), the
//! credit applied to an invoice and adding funds.

pub(crate) mod state;

pub mod add_funds;
pub mod credit;
mod files;
mod pdf_folder;
mod sync;

use crate::cache::Loaded;
use crate::core::Core;

/// An account's billing: the sync, the saved copy, the views, the files.
/// Reached through `Core::billing`: a view of the core that carries its own part.
#[derive(Clone, Copy)]
pub struct Billing<'c> {
    core: &'c Core,
    own: &'c state::BillingState,
}

impl<'c> Billing<'c> {
    pub(crate) fn new(core: &'c Core, own: &'c state::BillingState) -> Self {
        Billing { core, own }
    }
}

impl Billing<'_> {
    /// Account `key`'s offline copy, as read from disk now.
    pub(crate) fn saved_copy(self, key: &str) -> Loaded {
        self.own.cache.load(key)
    }

    /// Removes account `key`'s offline copy (signing out with "forget").
    pub(crate) fn forget_copy(self, key: &str) -> std::io::Result<()> {
        self.own.cache.forget(key)
    }
}

impl Core {
    /// The account's billing: sync, saved copy, views, files.
    pub fn billing(&self) -> Billing<'_> {
        Billing::new(self, &self.billing)
    }
}
