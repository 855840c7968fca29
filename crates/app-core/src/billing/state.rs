//! Owns what only the billing service reaches inside: its fields are visible to `billing` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use crate::cache::InvoiceCache;

/// What only the billing service touches: the offline copies on disk.
pub(crate) struct BillingState {
    /// One offline copy per account.
    pub(super) cache: InvoiceCache,
}

impl BillingState {
    pub(crate) fn new(data_dir: &std::path::Path) -> Self {
        BillingState {
            cache: InvoiceCache::new(data_dir),
        }
    }
}
