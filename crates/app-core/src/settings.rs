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
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                let _ = std::fs::rename(&self.path, self.path.with_extension("json.damaged"));
                Settings::default()
            }),
            Err(_) => Settings::default(),
        }
    }

    /// Writes atomically: a crash mid-write leaves the old file.
    pub fn save(&self, settings: &Settings) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(settings)?)?;
        std::fs::rename(tmp, &self.path)
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
        };
        file.save(&s).unwrap();
        assert_eq!(file.load(), s);
        std::fs::write(dir.path().join("settings.json"), b"{not json").unwrap();
        assert_eq!(file.load(), Settings::default());
        assert!(dir.path().join("settings.json.damaged").exists());
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
