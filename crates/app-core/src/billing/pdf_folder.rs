//! Owns what the app knows of a folder it saves invoice PDFs into: which file it saved for
//! which invoice of which account (a hidden record in the folder, `.jitops-billing-pdfs.json`,
//! naming accounts by a hash, never by e-mail). "Save all PDFs" skips only a file it saved for
//! this very invoice and still as it wrote it; a file of the same name that is another
//! invoice's, another account's or the person's own is left alone, and the PDF is saved beside
//! it under a free name.

use crate::store::{JsonFile, Read};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const RECORD: &str = ".jitops-billing-pdfs.json";

/// One PDF the app saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Saved {
    /// `cache::account_file_name` of the account.
    account: String,
    invoice: u64,
    /// Its size when written: a file changed since is not taken for it.
    bytes: u64,
}

pub(crate) struct PdfFolder {
    dir: PathBuf,
    record: JsonFile,
    saved: BTreeMap<String, Saved>,
}

impl PdfFolder {
    /// The folder's record as it is; a damaged or unreadable one is an empty record (the
    /// worst outcome is a PDF saved again under a free name, never one skipped wrongly).
    pub(crate) fn open(dir: &Path) -> PdfFolder {
        let record = JsonFile::new(dir.join(RECORD));
        let saved = match record.read() {
            Ok(Read::Found(saved)) => saved,
            _ => BTreeMap::new(),
        };
        PdfFolder {
            dir: dir.to_owned(),
            record,
            saved,
        }
    }

    /// Whether the folder holds the PDF the app saved for `invoice` of `account`, unchanged
    /// since (under whichever name it was given).
    pub(crate) fn holds(&self, account: &str, invoice: u64) -> bool {
        let account = crate::cache::account_file_name(account);
        self.saved.iter().any(|(name, saved)| {
            saved.account == account
                && saved.invoice == invoice
                && std::fs::metadata(self.dir.join(name)).is_ok_and(|m| m.len() == saved.bytes)
        })
    }

    /// `name`, or when a file of that name is there (it is not this invoice's: `holds` said
    /// so), the first of "name (2).pdf", "name (3).pdf"… that is free.
    pub(crate) fn free_name(&self, name: &str) -> String {
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "pdf"));
        std::iter::once(name.to_owned())
            .chain((2..).map(|n| format!("{stem} ({n}).{ext}")))
            .find(|candidate| !self.dir.join(candidate).exists())
            .expect("a free name")
    }

    /// Notes that `name` was saved for `invoice` of `account`, `bytes` long, and keeps the
    /// record (a failure only means the PDF is fetched again next time).
    pub(crate) fn note(&mut self, name: &str, account: &str, invoice: u64, bytes: u64) {
        self.saved.insert(
            name.to_owned(),
            Saved {
                account: crate::cache::account_file_name(account),
                invoice,
                bytes,
            },
        );
        if let Err(e) = self.record.write(&self.saved) {
            tracing::warn!("the record of the saved PDFs was not written: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_invoices_own_unchanged_file_is_taken_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let name = "Invoice-2026-0103.pdf";
        std::fs::write(dir.path().join(name), b"%PDF-1.7 one").unwrap();
        let mut folder = PdfFolder::open(dir.path());
        assert!(
            !folder.holds("a@x@portal", 103),
            "the person's own file is not the invoice's"
        );
        let beside = folder.free_name(name);
        assert_eq!(beside, "Invoice-2026-0103 (2).pdf");
        std::fs::write(dir.path().join(&beside), b"%PDF-1.7 103").unwrap();
        folder.note(&beside, "a@x@portal", 103, 12);
        let folder = PdfFolder::open(dir.path());
        assert!(folder.holds("a@x@portal", 103));
        assert!(
            !folder.holds("b@y@portal", 103),
            "another account's invoice 103"
        );
        assert!(!folder.holds("a@x@portal", 104), "another invoice");
        assert_eq!(folder.free_name(name), "Invoice-2026-0103 (3).pdf");
        std::fs::write(dir.path().join(&beside), b"%PDF-1.7 changed since").unwrap();
        assert!(
            !folder.holds("a@x@portal", 103),
            "changed since it was saved"
        );
        let record = std::fs::read_to_string(dir.path().join(RECORD)).unwrap();
        assert!(!record.contains("a@x"), "no e-mail in the record: {record}");
    }
}
