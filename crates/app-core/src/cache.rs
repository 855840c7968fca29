//! Owns the offline copy of each account's last synced invoices: one JSON file per account in
//! `<data>/offline/`, holding no secret (no password, no cookie, no session). A copy is written
//! only after a sync succeeded, replaced atomically, and a copy that cannot be read is set aside
//! under another name (never a crash, never silently lost).

use chrono::{DateTime, Local};
use portal::{Dashboard, InvoiceDetail, InvoiceSummary, QuoteDetail, QuoteSummary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bumped when the layout changes: a copy of another version is set aside like a damaged one.
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedAccount {
    pub version: u32,
    /// The account's key (`e-mail@portal host`), checked when read back.
    pub account: String,
    pub email: String,
    pub portal: String,
    pub synced_at: DateTime<Local>,
    pub dashboard: Option<Dashboard>,
    pub invoices: Vec<InvoiceSummary>,
    /// The quotes list and the quotes opened, as last read (copies of an older app have none).
    /// A quote is kept without its acceptance form: that carries the session's token, and
    /// accepting needs the portal anyway.
    #[serde(default)]
    pub quotes: Option<Vec<QuoteSummary>>,
    #[serde(default)]
    pub quote_details: BTreeMap<u64, QuoteDetail>,
    /// Each invoice's transactions as a statement last read them.
    #[serde(default)]
    pub payments: BTreeMap<u64, crate::statement::InvoicePayments>,
    /// The invoices opened, as last read (for reading offline), each without its forms: their
    /// tokens are the session's, and paying, applying credit or changing the method needs the
    /// portal anyway.
    #[serde(default)]
    pub details: BTreeMap<u64, InvoiceDetail>,
}

impl CachedAccount {
    pub fn new(
        account: String,
        email: String,
        portal: String,
        synced_at: DateTime<Local>,
        dashboard: Option<Dashboard>,
        invoices: Vec<InvoiceSummary>,
    ) -> CachedAccount {
        CachedAccount {
            version: VERSION,
            account,
            email,
            portal,
            synced_at,
            dashboard,
            invoices,
            quotes: None,
            quote_details: BTreeMap::new(),
            payments: BTreeMap::new(),
            details: BTreeMap::new(),
        }
    }

    /// The same copy holding the invoices opened, each without its forms.
    pub fn with_details<'a>(
        mut self,
        details: impl IntoIterator<Item = (&'a u64, &'a InvoiceDetail)>,
    ) -> CachedAccount {
        self.details = details
            .into_iter()
            .map(|(id, detail)| {
                let mut kept = detail.clone();
                kept.payment_choices.clear();
                kept.payment_method_form = None;
                kept.payment_methods.clear();
                kept.credit_offer = None;
                (*id, kept)
            })
            .collect();
        self
    }

    /// The same copy holding the transactions read for statements.
    pub fn with_payments<'a>(
        mut self,
        payments: impl IntoIterator<Item = (&'a u64, &'a crate::statement::InvoicePayments)>,
    ) -> CachedAccount {
        self.payments = payments
            .into_iter()
            .map(|(id, p)| (*id, p.clone()))
            .collect();
        self
    }

    /// The same copy holding `quotes` and the quotes opened (each without its acceptance form).
    pub fn with_quotes<'a>(
        mut self,
        quotes: Option<Vec<QuoteSummary>>,
        details: impl IntoIterator<Item = (&'a u64, &'a QuoteDetail)>,
    ) -> CachedAccount {
        self.quotes = quotes;
        self.quote_details = details
            .into_iter()
            .map(|(id, detail)| {
                let mut kept = detail.clone();
                kept.acceptance = None;
                (*id, kept)
            })
            .collect();
        self
    }
}

/// What reading an account's copy found.
#[derive(Debug, PartialEq)]
pub enum Loaded {
    Missing,
    Found(Box<CachedAccount>),
    /// The file could not be read as a copy of this account; it now has this name.
    SetAside(PathBuf),
    /// The file could not be read at all (too many open files, an I/O error): left where it
    /// is, untouched, for a later try.
    Unreadable(std::io::ErrorKind),
}

/// An account's file name: a hash of its key (FNV-1a, stable across builds), so that no e-mail
/// shows in a folder's listing or in a path the log names.
pub(crate) fn account_file_name(key: &str) -> String {
    format!("account-{:016x}", key_hash(key))
}

fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The name copies had before e-mails were kept out of file names: the key made safe (its
/// e-mail readable), then the hash. Such a copy takes the new name when first read.
fn file_name_with_email(key: &str) -> String {
    let safe =
        crate::export::file_safe(key, |c| c.is_ascii_alphanumeric() || "@.-".contains(c), 80);
    format!("{safe}-{:016x}", key_hash(key))
}

pub struct InvoiceCache {
    dir: PathBuf,
}

impl InvoiceCache {
    pub fn new(data_dir: &Path) -> InvoiceCache {
        InvoiceCache {
            dir: data_dir.join("offline"),
        }
    }

    /// The file of an account, named by a hash of its key (a copy of another key that shares
    /// the name is never read as this one: `load` checks the key inside).
    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{}.json", account_file_name(key)))
    }

    /// A copy still under the name with the e-mail takes the new name (its lock file goes).
    fn rename_copy_named_by_email(&self, key: &str) {
        let old = self.dir.join(format!("{}.json", file_name_with_email(key)));
        let new = self.path(key);
        if old.exists() && !new.exists() {
            if let Err(e) = std::fs::rename(&old, &new) {
                tracing::warn!("an offline copy kept its old name: {e}");
                return;
            }
        }
        let _ = std::fs::remove_file(old.with_extension("json.lock"));
    }
    /// Replaces the account's copy: written beside, then renamed over, so a crash midway
    /// leaves the previous copy whole.
    pub fn save(&self, copy: &CachedAccount) -> std::io::Result<()> {
        crate::store::JsonFile::new(self.path(&copy.account)).write(copy)
    }

    pub fn load(&self, key: &str) -> Loaded {
        self.rename_copy_named_by_email(key);
        let file = crate::store::JsonFile::new(self.path(key));
        let read = match file.read::<CachedAccount>() {
            Ok(read) => read,
            Err(e) => return Loaded::Unreadable(e.kind()),
        };
        match read {
            crate::store::Read::Found(copy) if copy.version == VERSION && copy.account == key => {
                Loaded::Found(Box::new(copy))
            }
            // Another version's copy, or another account's: kept aside, never read as this one.
            crate::store::Read::Found(_) => match file.set_aside() {
                Ok(kept) => Loaded::SetAside(kept),
                Err(e) => Loaded::Unreadable(e.kind()),
            },
            crate::store::Read::Missing => Loaded::Missing,
            crate::store::Read::SetAside(kept) => Loaded::SetAside(kept),
        }
    }

    /// Removes an account's copy (the user asked the app to forget the account).
    pub fn forget(&self, key: &str) -> std::io::Result<()> {
        crate::store::JsonFile::new(self.path(key)).remove()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal::{InvoiceStatus, Money};

    #[test]
    fn no_email_in_a_copys_name_and_a_copy_named_by_email_takes_the_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        let key = "anna.hoxha@example.al@portal.example";
        assert!(
            !account_file_name(key).contains("anna"),
            "{}",
            account_file_name(key)
        );
        cache.save(&copy(key)).unwrap();
        // As an earlier version left it: named by the e-mail, with its lock file.
        let offline = dir.path().join("offline");
        let old = offline.join(format!("{}.json", file_name_with_email(key)));
        std::fs::rename(cache.path(key), &old).unwrap();
        std::fs::write(
            offline.join(format!("{}.json.lock", file_name_with_email(key))),
            "",
        )
        .unwrap();
        assert!(
            matches!(cache.load(key), Loaded::Found(_)),
            "read under its new name"
        );
        let names: Vec<String> = std::fs::read_dir(&offline)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.contains("anna")), "{names:?}");
    }

    fn copy(key: &str) -> CachedAccount {
        CachedAccount::new(
            key.into(),
            "a@b.example".into(),
            "https://portal.example/".into(),
            Local::now(),
            Some(Dashboard {
                unpaid_count: 1,
                ..Dashboard::default()
            }),
            vec![InvoiceSummary {
                id: 7,
                number: "INV-7".into(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap(),
                due_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 9).unwrap(),
                total: Money::new(rust_decimal::Decimal::new(1250, 2), "EUR"),
                status: InvoiceStatus::Unpaid,
            }],
        )
    }

    #[test]
    fn a_saved_copy_reads_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        assert_eq!(cache.load("a@b.example@portal.example"), Loaded::Missing);
        let saved = copy("a@b.example@portal.example");
        cache.save(&saved).unwrap();
        assert_eq!(
            cache.load("a@b.example@portal.example"),
            Loaded::Found(Box::new(saved))
        );
    }

    #[test]
    fn accounts_alike_once_made_safe_keep_their_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        cache.save(&copy("a/b@x")).unwrap();
        cache.save(&copy("a_b@x")).unwrap();
        assert!(matches!(cache.load("a/b@x"), Loaded::Found(c) if c.account == "a/b@x"));
        assert!(matches!(cache.load("a_b@x"), Loaded::Found(c) if c.account == "a_b@x"));
    }

    #[test]
    fn a_damaged_copy_is_set_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        let key = "a@b.example@portal.example";
        cache.save(&copy(key)).unwrap();
        let path = cache.path(key);
        std::fs::write(&path, b"{\"version\": 1, \"account\": \"a@b\", \"invoi").unwrap();
        let Loaded::SetAside(kept) = cache.load(key) else {
            panic!("a damaged copy must be set aside");
        };
        assert!(
            !path.exists(),
            "the damaged file no longer has the copy's name"
        );
        assert_eq!(
            std::fs::read(&kept).unwrap(),
            b"{\"version\": 1, \"account\": \"a@b\", \"invoi"
        );
        // The next sync writes a fresh copy beside the one set aside.
        cache.save(&copy(key)).unwrap();
        assert!(matches!(cache.load(key), Loaded::Found(_)));
        assert!(kept.exists());
    }

    #[test]
    fn a_copy_of_another_account_under_this_name_is_not_shown() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        cache.save(&copy("one@x")).unwrap();
        std::fs::rename(cache.path("one@x"), cache.path("two@x")).unwrap();
        assert!(matches!(cache.load("two@x"), Loaded::SetAside(_)));
    }

    #[test]
    fn a_quote_is_kept_without_its_acceptance_form() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        let url =
            url::Url::parse("https://portal.example/viewquote.php?id=7&action=accept").unwrap();
        let detail = QuoteDetail {
            id: 7,
            title: "Quote #7".into(),
            stage: portal::QuoteStage::Delivered,
            created: None,
            valid_until: None,
            proposal: None,
            items: vec![],
            totals: vec![],
            total: None,
            notes: None,
            pdf_url: None,
            acceptance: Some(portal::QuoteAcceptance {
                agreement: None,
                terms_label: "I agree".into(),
                terms_url: None,
                warning: None,
                form: portal::FormRequest {
                    method: portal::HttpMethod::Post,
                    url,
                    fields: vec![("token".into(), "f00dcafe".into())],
                },
            }),
            terms_refused: false,
        };
        let key = "a@b.example@portal.example";
        let details = std::collections::HashMap::from([(7u64, detail)]);
        cache
            .save(&copy(key).with_quotes(Some(vec![]), &details))
            .unwrap();
        let text = std::fs::read_to_string(cache.path(key)).unwrap();
        assert!(
            !text.contains("f00dcafe") && !text.contains("token"),
            "{text}"
        );
        let Loaded::Found(read) = cache.load(key) else {
            panic!("the copy reads back");
        };
        assert_eq!(read.quote_details[&7].acceptance, None);
        assert_eq!(read.quote_details[&7].title, "Quote #7");
        assert_eq!(read.quotes, Some(vec![]));
    }

    #[test]
    fn the_copy_holds_no_secret() {
        let dir = tempfile::tempdir().unwrap();
        let cache = InvoiceCache::new(dir.path());
        cache.save(&copy("a@b.example@portal.example")).unwrap();
        let text = std::fs::read_to_string(cache.path("a@b.example@portal.example")).unwrap();
        for word in ["password", "cookie", "session", "token"] {
            assert!(!text.to_lowercase().contains(word), "{word} in {text}");
        }
    }
}
