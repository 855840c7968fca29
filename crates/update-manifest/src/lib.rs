//! Owns the update manifest a release publishes (`latest.json`), in the shape the app's updater
//! reads: the version, the date, the notes (both languages in the plain `notes`, and each one in
//! `notes_by_language`, which the app shows in the person's language), and per platform the
//! package's address and its signature (the `.sig` file `tauri signer sign` wrote). `make
//! release` writes it with the `update-manifest` program; the tests' update server serves one
//! made the same way.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The platforms a release serves: the installer's kind after the OS and architecture, as the
/// updater looks for them (`{os}-{arch}-{installer}`).
pub const DEB: &str = "linux-x86_64-deb";
pub const RPM: &str = "linux-x86_64-rpm";

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{0}: {1}")]
    Read(String, std::io::Error),
    #[error("the notes in {0} are empty: every release says what is new, in both languages")]
    EmptyNotes(&'static str),
    #[error("{0} is not a signature file of `tauri signer sign`")]
    NotASignature(String),
    #[error("the address {0} is not https: the app of a release refuses it")]
    NotHttps(String),
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Package {
    pub signature: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Manifest {
    pub version: String,
    pub pub_date: String,
    /// Both languages, English first: for an updater that knows only this field.
    pub notes: String,
    pub notes_by_language: BTreeMap<String, String>,
    pub platforms: BTreeMap<String, Package>,
}

impl Manifest {
    /// A release of `version` published at `date`, with What's new in English and Albanian.
    pub fn new(
        version: &str,
        date: DateTime<Utc>,
        notes_en: &str,
        notes_sq: &str,
    ) -> Result<Manifest, ManifestError> {
        let (en, sq) = (notes_en.trim(), notes_sq.trim());
        if en.is_empty() {
            return Err(ManifestError::EmptyNotes("English"));
        }
        if sq.is_empty() {
            return Err(ManifestError::EmptyNotes("Albanian"));
        }
        Ok(Manifest {
            version: version.to_owned(),
            pub_date: date.to_rfc3339_opts(SecondsFormat::Secs, true),
            notes: format!("{en}\n\n{sq}"),
            notes_by_language: BTreeMap::from([("en".into(), en.into()), ("sq".into(), sq.into())]),
            platforms: BTreeMap::new(),
        })
    }

    /// The package for `platform` at `url`, with its signature as `tauri signer sign` wrote it.
    pub fn with_package(mut self, platform: &str, url: &str, signature: &str) -> Manifest {
        self.platforms.insert(
            platform.to_owned(),
            Package {
                signature: signature.trim().to_owned(),
                url: url.to_owned(),
            },
        );
        self
    }

    /// The package `file` (signed beside it, `file.sig`) served under `base_url`.
    pub fn with_signed_file(
        self,
        platform: &str,
        base_url: &str,
        file: &Path,
    ) -> Result<Manifest, ManifestError> {
        if !base_url.starts_with("https://") {
            return Err(ManifestError::NotHttps(base_url.to_owned()));
        }
        let sig_path = format!("{}.sig", file.display());
        let signature = std::fs::read_to_string(&sig_path)
            .map_err(|e| ManifestError::Read(sig_path.clone(), e))?;
        if !is_signature(signature.trim()) {
            return Err(ManifestError::NotASignature(sig_path));
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let url = format!("{}/{name}", base_url.trim_end_matches('/'));
        Ok(self.with_package(platform, &url, &signature))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a manifest is always JSON")
    }
}

/// A minisign signature file in base64, as `tauri signer sign` writes it.
fn is_signature(text: &str) -> bool {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .is_ok_and(|file| String::from_utf8_lossy(&file).contains("\ntrusted comment: "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(dir: &Path, name: &str, comment: &str) -> std::path::PathBuf {
        use base64::Engine;
        let file = dir.join(name);
        std::fs::write(&file, b"package").unwrap();
        let sig = format!("untrusted comment: x\nRUQ=\ntrusted comment: {comment}\nAAAA\n");
        std::fs::write(
            format!("{}.sig", file.display()),
            base64::engine::general_purpose::STANDARD.encode(sig),
        )
        .unwrap();
        file
    }

    #[test]
    fn a_release_manifest_has_both_languages_and_each_package_signed() {
        let dir = tempfile::tempdir().unwrap();
        let deb = signed(
            dir.path(),
            "jitops-billing_1.5.0_amd64.deb",
            "version:1.5.0",
        );
        let rpm = signed(
            dir.path(),
            "jitops-billing-1.5.0-1.x86_64.rpm",
            "version:1.5.0",
        );
        let date = DateTime::parse_from_rfc3339("2026-12-07T10:00:00Z")
            .unwrap()
            .to_utc();
        let manifest = Manifest::new("1.5.0", date, "Faster.\n", " Më shpejt. ")
            .unwrap()
            .with_signed_file(DEB, "https://downloads.jitops.com/billing/", &deb)
            .unwrap()
            .with_signed_file(RPM, "https://downloads.jitops.com/billing", &rpm)
            .unwrap();
        let json: serde_json::Value = serde_json::from_str(&manifest.to_json()).unwrap();
        assert_eq!(json["version"], "1.5.0");
        assert_eq!(json["pub_date"], "2026-12-07T10:00:00Z");
        assert_eq!(json["notes"], "Faster.\n\nMë shpejt.");
        assert_eq!(json["notes_by_language"]["sq"], "Më shpejt.");
        assert_eq!(
            json["platforms"][DEB]["url"],
            "https://downloads.jitops.com/billing/jitops-billing_1.5.0_amd64.deb"
        );
        assert_eq!(
            json["platforms"][RPM]["signature"],
            std::fs::read_to_string(format!("{}.sig", rpm.display()))
                .unwrap()
                .trim()
        );
    }

    #[test]
    fn missing_notes_a_plain_http_address_or_no_signature_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let date = Utc::now();
        assert!(matches!(
            Manifest::new("1.5.0", date, "Faster.", "  "),
            Err(ManifestError::EmptyNotes("Albanian"))
        ));
        let deb = signed(dir.path(), "a.deb", "version:1.5.0");
        let manifest = Manifest::new("1.5.0", date, "Faster.", "Më shpejt.").unwrap();
        assert!(matches!(
            manifest
                .clone()
                .with_signed_file(DEB, "http://downloads.jitops.com", &deb),
            Err(ManifestError::NotHttps(_))
        ));
        let unsigned = dir.path().join("b.deb");
        std::fs::write(&unsigned, b"package").unwrap();
        assert!(matches!(
            manifest
                .clone()
                .with_signed_file(DEB, "https://d.jitops.com", &unsigned),
            Err(ManifestError::Read(..))
        ));
        std::fs::write(dir.path().join("b.deb.sig"), "not a signature").unwrap();
        assert!(matches!(
            manifest.with_signed_file(DEB, "https://d.jitops.com", &unsigned),
            Err(ManifestError::NotASignature(_))
        ));
    }
}
