//! Owns the user's settings file (language, last account, accounts known): plain JSON in the
//! config folder, holding no secret.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// `en` or `sq`; unset until the user or the first start chooses.
    pub language: Option<String>,
    /// The accounts the user signed in to, most recent first.
    #[serde(default)]
    pub accounts: Vec<AccountRecord>,
    /// Whether closing the window keeps the app in the tray (reminders and payments followed)
    /// or quits; unset until the person has been asked (the first close that would lose
    /// something) or has chosen in Settings.
    #[serde(default)]
    pub close_to_tray: Option<bool>,
    /// Whether the app looks for a newer version at start and once a day; unset means yes.
    #[serde(default)]
    pub update_checks: Option<bool>,
    /// When the update server last answered a check (a check it did not answer is tried again
    /// within the hour, not a day later).
    #[serde(default)]
    pub last_update_check: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub email: String,
    pub portal: String,
    /// Whether a password for it is in the keyring.
    pub remembered: bool,
}

impl AccountRecord {
    /// The keyring's account name: `e-mail at portal host`.
    pub fn key(&self) -> String {
        account_key(&self.email, &self.portal)
    }
}

pub fn account_key(email: &str, portal: &str) -> String {
    let host = url::Url::parse(portal)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| {
                format!(
                    "{h}{}",
                    u.port().map(|p| format!(":{p}")).unwrap_or_default()
                )
            })
        })
        .unwrap_or_else(|| portal.to_owned());
    format!("{email}@{host}")
}

pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn new(config_dir: &Path) -> SettingsFile {
        SettingsFile {
            path: config_dir.join("settings.json"),
        }
    }

    /// Reads the settings; a missing or damaged file gives the defaults (a damaged one is set
    /// aside so that it is not lost).
    pub fn load(&self) -> Settings {
        match crate::store::JsonFile::new(self.path.clone()).read() {
            Ok(crate::store::Read::Found(settings)) => settings,
            _ => Settings::default(),
        }
    }

    /// Writes atomically (see `store`): a crash mid-write leaves the old file.
    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        crate::store::JsonFile::new(self.path.clone()).write(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = SettingsFile::new(dir.path());
        assert_eq!(file.load(), Settings::default());
        let s = Settings {
            language: Some("sq".into()),
            accounts: vec![AccountRecord {
                email: "a@b.c".into(),
                portal: "https://jitops.com/".into(),
                remembered: true,
            }],
            close_to_tray: Some(true),
            update_checks: Some(false),
            last_update_check: Some(chrono::DateTime::UNIX_EPOCH),
        };
        file.save(&s).unwrap();
        assert_eq!(file.load(), s);
        std::fs::write(dir.path().join("settings.json"), b"{not json").unwrap();
        assert_eq!(file.load(), Settings::default());
        let kept = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with("settings.json.damaged-")
            });
        assert!(kept, "the damaged file is kept aside");
    }

    #[test]
    fn keys_name_email_and_host() {
        assert_eq!(
            account_key("a@b.c", "https://jitops.com/"),
            "a@b.c@jitops.com"
        );
        assert_eq!(
            account_key("a@b.c", "http://127.0.0.1:8080/"),
            "a@b.c@127.0.0.1:8080"
        );
    }
}
