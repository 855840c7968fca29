//! Owns the record of payments sent to the processor and not yet confirmed, kept on disk so
//! that after a restart tracking goes on and the invoice's Pay buttons stay guarded.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingPayment {
    /// The account key (`e-mail@host`).
    pub account: String,
    pub invoice_id: u64,
    pub number: String,
    pub kind: portal::PaymentKind,
    /// RFC 3339.
    pub started_at: String,
}

pub struct PendingFile {
    path: PathBuf,
}

impl PendingFile {
    pub fn new(data_dir: &Path) -> PendingFile {
        PendingFile {
            path: data_dir.join("pending-payments.json"),
        }
    }

    pub fn load(&self) -> Vec<PendingPayment> {
        std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    fn save(&self, all: &[PendingPayment]) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(all)?)?;
        std::fs::rename(tmp, &self.path)
    }

    pub fn add(&self, payment: PendingPayment) -> std::io::Result<()> {
        let mut all = self.load();
        all.retain(|p| !(p.account == payment.account && p.invoice_id == payment.invoice_id));
        all.push(payment);
        self.save(&all)
    }

    pub fn remove(&self, account: &str, invoice_id: u64) -> std::io::Result<()> {
        let mut all = self.load();
        all.retain(|p| !(p.account == account && p.invoice_id == invoice_id));
        self.save(&all)
    }

    pub fn contains(&self, account: &str, invoice_id: u64) -> bool {
        self.load()
            .iter()
            .any(|p| p.account == account && p.invoice_id == invoice_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survives_a_restart_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let p = PendingPayment {
            account: "a@h".into(),
            invoice_id: 7,
            number: "7".into(),
            kind: portal::PaymentKind::OneOff,
            started_at: "2026-01-01T00:00:00Z".into(),
        };
        PendingFile::new(dir.path()).add(p.clone()).unwrap();
        let again = PendingFile::new(dir.path());
        assert!(again.contains("a@h", 7));
        assert!(!again.contains("a@h", 8));
        again.remove("a@h", 7).unwrap();
        assert!(!PendingFile::new(dir.path()).contains("a@h", 7));
    }
}
