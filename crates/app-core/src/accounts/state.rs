//! Owns what only the accounts service reaches inside: its fields are visible to `accounts` and
//! its submodules alone; `Core` holds it and hands it to the service's view.

use crate::secrets::SecretStore;
use std::sync::Arc;

/// What only the accounts service touches: the remembered passwords.
pub(crate) struct AccountsState {
    /// The OS keyring (or a store of the tests).
    pub(super) secrets: Arc<dyn SecretStore>,
}

impl AccountsState {
    pub(crate) fn new(secrets: Arc<dyn SecretStore>) -> Self {
        AccountsState { secrets }
    }
}
