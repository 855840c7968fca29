//! Owns what only the billing service reaches inside: its fields are visible to `billing` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use crate::cache::InvoiceCache;

/// What only the billing service touches: the offline copies on disk.
pub(crate) struct BillingState {
    /// One offline copy per account.
    pub(super) cache: InvoiceCache,
    /// The accounts whose copy the last sync could not write (a full disk): said on the
    /// dashboard until a copy is written again.
    pub(super) copy_not_saved: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl BillingState {
    pub(crate) fn new(data_dir: &std::path::Path) -> Self {
        BillingState {
            cache: InvoiceCache::new(data_dir),
            copy_not_saved: Default::default(),
        }
    }
}
