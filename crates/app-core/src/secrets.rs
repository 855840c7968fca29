//! Owns where a remembered password lives: the OS keyring (Secret Service on Linux), behind a
//! trait so that tests can use memory. Nothing else in the app ever holds a password on disk.

use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;
use std::sync::Mutex;

pub const KEYRING_SERVICE: &str = "com.jitops.billing";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("no keyring is available: {0}")]
    Unavailable(String),
    #[error("the keyring is locked")]
    Locked,
    #[error("the keyring failed: {0}")]
    Failed(String),
}

pub trait SecretStore: Send + Sync {
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError>;
    fn set(&self, account: &str, password: &SecretString) -> Result<(), SecretError>;
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// The OS keyring.
pub struct KeyringStore;

fn map_keyring(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
        keyring::Error::NoStorageAccess(_) => SecretError::Locked,
        other => SecretError::Failed(other.to_string()),
    }
}

impl SecretStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError> {
        let entry = keyring::Entry::new(KEYRING_SERVICE, account).map_err(map_keyring)?;
        match entry.get_password() {
            Ok(p) => Ok(Some(SecretString::from(p))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn set(&self, account: &str, password: &SecretString) -> Result<(), SecretError> {
        keyring::Entry::new(KEYRING_SERVICE, account)
            .and_then(|e| e.set_password(password.expose_secret()))
            .map_err(map_keyring)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        let entry = keyring::Entry::new(KEYRING_SERVICE, account).map_err(map_keyring)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}

/// Secrets in memory only: for tests, and the fallback when no keyring exists.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, SecretString>>,
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<SecretString>, SecretError> {
        Ok(self.entries.lock().unwrap().get(account).cloned())
    }
    fn set(&self, account: &str, password: &SecretString) -> Result<(), SecretError> {
        self.entries
            .lock()
            .unwrap()
            .insert(account.to_owned(), password.clone());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.entries.lock().unwrap().remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trip() {
        let s = MemoryStore::default();
        assert!(s.get("a@b").unwrap().is_none());
        s.set("a@b", &"pw".into()).unwrap();
        assert_eq!(
            s.get("a@b").unwrap().as_ref().map(|p| p.expose_secret()),
            Some("pw")
        );
        s.delete("a@b").unwrap();
        s.delete("a@b").unwrap();
        assert!(s.get("a@b").unwrap().is_none());
    }

    /// The real keyring, when the test runs inside a session bus with an unlocked keyring
    /// (`make test` provides one). Outside it, the error must be a clean "unavailable".
    #[test]
    fn os_keyring_round_trip_or_clean_unavailable() {
        let store = KeyringStore;
        let account = format!("test-{}@127.0.0.1", std::process::id());
        match store.set(&account, &"s3cret".into()) {
            Ok(()) => {
                assert_eq!(
                    store
                        .get(&account)
                        .unwrap()
                        .as_ref()
                        .map(|p| p.expose_secret()),
                    Some("s3cret")
                );
                store.delete(&account).unwrap();
                assert!(store.get(&account).unwrap().is_none());
            }
            Err(SecretError::Unavailable(_)) | Err(SecretError::Locked) => {
                assert!(
                    std::env::var_os("JITOPS_REQUIRE_KEYRING").is_none(),
                    "the keyring is required in this run but is not usable"
                );
            }
            Err(e) => panic!("unexpected keyring error: {e}"),
        }
    }
}
