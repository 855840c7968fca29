//! Owns the copies of invoice PDFs handed to the system viewer: `<cache>/pdfs/<account>/`,
//! each file 0600 in 0700 folders (they are a customer's invoices), removed with the account
//! when the app forgets it, and cleared when older than a day (at start).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How long a copy handed to the viewer is kept: the viewer has long read it by then.
pub const KEEP_FOR: Duration = Duration::from_secs(24 * 3600);

pub struct PdfCache {
    dir: PathBuf,
}

impl PdfCache {
    pub fn new(cache_dir: &Path) -> PdfCache {
        PdfCache {
            dir: cache_dir.join("pdfs"),
        }
    }

    fn account_dir(&self, account: &str) -> PathBuf {
        self.dir.join(crate::cache::account_file_name(account))
    }

    /// Keeps `bytes` as `file_name` for `account`; answers the file's path.
    pub fn keep(&self, account: &str, file_name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
        crate::store::private_dir(&self.dir)?;
        crate::store::private_dir(&self.account_dir(account))?;
        let path = self.account_dir(account).join(file_name);
        crate::store::write_atomically(&path, bytes)?;
        Ok(path)
    }

    /// Removes every copy of `account`'s PDFs.
    pub fn forget(&self, account: &str) -> std::io::Result<()> {
        match std::fs::remove_dir_all(self.account_dir(account)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Removes the copies last written more than `age` ago (and folders left empty); answers
    /// how many files went.
    pub fn clear_older_than(&self, age: Duration) -> std::io::Result<usize> {
        let Ok(accounts) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        let now = SystemTime::now();
        let mut removed = 0;
        for account in accounts.flatten() {
            let Ok(files) = std::fs::read_dir(account.path()) else {
                continue;
            };
            for file in files.flatten() {
                let old = file
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|at| now.duration_since(at).unwrap_or_default() > age);
                if old {
                    std::fs::remove_file(file.path())?;
                    removed += 1;
                }
            }
            // Only an empty folder goes.
            let _ = std::fs::remove_dir(account.path());
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_private_forgotten_with_the_account_and_cleared_when_old() {
        let dir = tempfile::tempdir().unwrap();
        let cache = PdfCache::new(dir.path());
        let a = cache.keep("a@x", "Invoice-1.pdf", b"%PDF-1").unwrap();
        let b = cache.keep("b@x", "Invoice-1.pdf", b"%PDF-2").unwrap();
        assert_ne!(a, b, "accounts keep their own copies");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&a), 0o600);
            assert_eq!(mode(a.parent().unwrap()), 0o700);
            assert_eq!(mode(&dir.path().join("pdfs")), 0o700);
        }
        cache.forget("a@x").unwrap();
        assert!(!a.exists());
        assert!(b.exists());
        assert_eq!(
            cache.clear_older_than(KEEP_FOR).unwrap(),
            0,
            "a new copy stays"
        );
        assert_eq!(cache.clear_older_than(Duration::ZERO).unwrap(), 1);
        assert!(!b.exists());
        assert!(!b.parent().unwrap().exists(), "the emptied folder went too");
    }
}
