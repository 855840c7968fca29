//! Owns the record of payment attempts (`payments.json` in the data folder): each payment is
//! written here, durably, before the checkout window loads anything, and every later step (the
//! window returning or closing, the portal's answers, a restart) reads and updates it. An
//! attempt that is not over guards every invoice it covers against a second payment.

use crate::store::{JsonFile, Read};
use chrono::{DateTime, Utc};
use portal::{Money, PaymentKind};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Where a payment attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttemptState {
    /// Recorded; the checkout window was opened for it.
    Opened,
    /// The processor sent the window back to the portal saying it took the payment
    /// (`paymentsuccess` or `pendingreview`): the portal awaits its notification.
    Returned,
    /// The window came back with the portal's failure flag. The flag is only a claim of the
    /// page that sent it: the portal is asked before anything is said.
    FailedAtProcessor,
    /// The processor sent the window back to the portal with no outcome in the address (the
    /// buyer's "cancel and return", or a processor returning straight to the invoice): only
    /// the portal can tell.
    ReturnedWithoutOutcome,
    /// The window was closed before it came back to the portal.
    WindowClosed,
    /// The portal ended it: the invoice is Paid (or cancelled, refunded).
    Settled,
    /// Over without a payment: the portal showed the invoice unpaid, with no new transaction,
    /// after the usual confirmation time (or after tracking had stopped).
    Cancelled,
    /// Tracking stopped (24 h) without an answer. Still guarded until the portal shows the
    /// invoice unpaid.
    Stopped,
}

impl AttemptState {
    /// Whether the attempt still guards its invoices.
    pub fn guards(self) -> bool {
        !matches!(self, AttemptState::Settled | AttemptState::Cancelled)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Random, unique: the checkout window and the tracker name the attempt by it.
    pub id: String,
    /// The paying account's key (`e-mail@host`): followed with its session whatever account
    /// is on screen later.
    pub account: String,
    /// The invoice paid at the processor (for a mass payment, the combined invoice).
    pub invoice_id: u64,
    pub number: String,
    /// Every invoice this payment settles: the paid one and, for a mass payment, each it covers.
    pub covers: Vec<u64>,
    pub kind: PaymentKind,
    /// The amount the invoice showed when the payment started.
    pub amount: Option<Money>,
    /// How many transactions the invoice had then: a new one means the portal recorded money.
    pub transactions_before: usize,
    pub opened_at: DateTime<Utc>,
    /// When the person left the processor: the window came back to the portal or was closed
    /// (whichever came last), or the app found the window gone after a restart. The usual
    /// confirmation time counts from here, never from the opening: a person may spend any
    /// time at the processor. None while the window is open.
    #[serde(default)]
    pub left_at: Option<DateTime<Utc>>,
    pub state: AttemptState,
    pub updated_at: DateTime<Utc>,
}

impl Attempt {
    pub fn covers(&self, account: &str, invoice_id: u64) -> bool {
        self.account == account
            && (self.invoice_id == invoice_id || self.covers.contains(&invoice_id))
    }

    /// Whether this attempt, not over, guards an invoice `other` would pay.
    fn guards_any_of(&self, other: &Attempt) -> bool {
        self.state.guards()
            && std::iter::once(other.invoice_id)
                .chain(other.covers.iter().copied())
                .any(|id| self.covers(&other.account, id))
    }
}

/// What [`AttemptFile::add_unless_guarded`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    Recorded,
    /// An attempt not over guards one of its invoices, and the person did not confirm: nothing
    /// was written.
    Guarded,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Record {
    version: u32,
    attempts: Vec<Attempt>,
}

/// Attempts over for this long leave the record.
const KEEP_ENDED_DAYS: i64 = 30;

/// What loading the record said beside its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// The file was damaged and set aside here: the guards now come from the portal.
    SetAside(PathBuf),
}

pub struct AttemptFile {
    file: JsonFile,
    /// The attempts as last read or written: what a tracker names when the file cannot be read
    /// just now (it says so, and keeps the guard). Never used to decide a guard.
    last_seen: std::sync::Mutex<Vec<Attempt>>,
}

impl AttemptFile {
    pub fn new(data_dir: &Path) -> AttemptFile {
        AttemptFile {
            file: JsonFile::new(data_dir.join("payments.json")),
            last_seen: Default::default(),
        }
    }

    fn seen(&self, all: &[Attempt]) {
        *self.last_seen.lock().unwrap_or_else(|e| e.into_inner()) = all.to_vec();
    }

    /// The attempts of `account`'s invoice `invoice_id` not over, as last read: for saying that
    /// the record cannot be read now.
    pub fn last_seen_of(&self, account: &str, invoice_id: u64) -> Vec<Attempt> {
        self.last_seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|a| a.account == account && a.invoice_id == invoice_id && a.state.guards())
            .cloned()
            .collect()
    }

    /// Attempt `id` as last read.
    pub fn last_seen(&self, id: &str) -> Option<Attempt> {
        self.last_seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find(|a| a.id == id)
            .cloned()
    }

    /// Every attempt on record. A damaged file is set aside (and said once, in the answer); a
    /// file that cannot be read is an error, and nothing is set aside for it.
    pub fn load(&self) -> std::io::Result<(Vec<Attempt>, Option<Trouble>)> {
        let (all, trouble) = match self.file.read::<Record>()? {
            Read::Found(r) => (r.attempts, None),
            Read::Missing => (vec![], None),
            Read::SetAside(kept) => (vec![], Some(Trouble::SetAside(kept))),
        };
        self.seen(&all);
        Ok((all, trouble))
    }

    fn update<R>(
        &self,
        change: impl FnOnce(&mut Vec<Attempt>) -> (R, bool),
    ) -> std::io::Result<(R, Option<Trouble>)> {
        let (answer, kept) = self.file.update_if(|r: &mut Record| {
            r.version = 1;
            let now = Utc::now();
            let before = r.attempts.len();
            r.attempts.retain(|a| {
                a.state.guards() || now - a.updated_at < chrono::Duration::days(KEEP_ENDED_DAYS)
            });
            let (answer, changed) = change(&mut r.attempts);
            self.seen(&r.attempts);
            (answer, changed || r.attempts.len() != before)
        })?;
        Ok((answer, kept.map(Trouble::SetAside)))
    }

    /// Records a new attempt (synced to disk before this returns).
    pub fn add(&self, attempt: Attempt) -> std::io::Result<Option<Trouble>> {
        Ok(self
            .update(|all| {
                all.push(attempt);
                ((), true)
            })?
            .1)
    }

    /// Records `attempt` unless an attempt not over guards one of its invoices and the person
    /// did not confirm: the check and the record are one step under the file's lock, so two
    /// quick clicks make one attempt.
    pub fn add_unless_guarded(
        &self,
        attempt: Attempt,
        confirmed: bool,
    ) -> std::io::Result<(Added, Option<Trouble>)> {
        self.update(|all| {
            if !confirmed && all.iter().any(|a| a.guards_any_of(&attempt)) {
                return (Added::Guarded, false);
            }
            all.push(attempt);
            (Added::Recorded, true)
        })
    }

    /// Removes attempt `id`, recorded for a request that never reached a window (preparing it
    /// failed): nothing could have been paid through it.
    pub fn discard(&self, id: &str) -> std::io::Result<()> {
        self.update(|all| {
            let before = all.len();
            all.retain(|a| !(a.id == id && a.state == AttemptState::Opened));
            ((), all.len() != before)
        })?;
        Ok(())
    }

    /// Moves attempt `id` to `state`, unless it is over already (an ended attempt never
    /// comes back). Answers the attempt as it is now.
    pub fn set_state(&self, id: &str, state: AttemptState) -> std::io::Result<Option<Attempt>> {
        self.change(id, |a| a.state = state)
    }

    /// The person left the processor (the window came back to the portal, or closed): the
    /// attempt moves to `state` when it is still `opened` (a return is not undone by the
    /// window's close that follows it), and the time is kept as when they left.
    pub fn left(&self, id: &str, state: AttemptState) -> std::io::Result<Option<Attempt>> {
        self.change(id, |a| {
            if a.state == AttemptState::Opened {
                a.state = state;
            }
            a.left_at = Some(Utc::now());
        })
    }

    fn change(
        &self,
        id: &str,
        change: impl FnOnce(&mut Attempt),
    ) -> std::io::Result<Option<Attempt>> {
        Ok(self
            .update(|all| {
                let Some(a) = all.iter_mut().find(|a| a.id == id) else {
                    return (None, false);
                };
                if !a.state.guards() {
                    return (Some(a.clone()), false);
                }
                change(a);
                a.updated_at = Utc::now();
                (Some(a.clone()), true)
            })?
            .0)
    }

    /// The attempt `id`.
    pub fn get(&self, id: &str) -> std::io::Result<Option<Attempt>> {
        Ok(self.load()?.0.into_iter().find(|a| a.id == id))
    }

    /// The attempts still guarding something.
    pub fn open(&self) -> std::io::Result<Vec<Attempt>> {
        Ok(self
            .load()?
            .0
            .into_iter()
            .filter(|a| a.state.guards())
            .collect())
    }

    /// The open attempt guarding `account`'s invoice `invoice_id`, if any.
    pub fn guarding(&self, account: &str, invoice_id: u64) -> std::io::Result<Option<Attempt>> {
        Ok(self
            .open()?
            .into_iter()
            .rev()
            .find(|a| a.covers(account, invoice_id)))
    }

    /// Removes every attempt of an account the app forgets.
    pub fn forget_account(&self, account: &str) -> std::io::Result<()> {
        self.update(|all| {
            let before = all.len();
            all.retain(|a| a.account != account);
            ((), all.len() != before)
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    pub(crate) fn attempt(id: &str, invoice: u64) -> Attempt {
        Attempt {
            id: id.into(),
            account: "a@h".into(),
            invoice_id: invoice,
            number: invoice.to_string(),
            covers: vec![invoice],
            kind: PaymentKind::OneOff,
            amount: None,
            transactions_before: 0,
            opened_at: Utc::now(),
            left_at: None,
            state: AttemptState::Opened,
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn an_attempt_guards_until_it_ends_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let file = AttemptFile::new(dir.path());
        let mut mass = attempt("m", 90);
        mass.covers = vec![90, 3, 4];
        file.add(attempt("x", 7)).unwrap();
        file.add(mass).unwrap();
        let again = AttemptFile::new(dir.path());
        assert!(again.guarding("a@h", 7).unwrap().is_some());
        assert!(
            again.guarding("a@h", 4).unwrap().is_some(),
            "a covered invoice"
        );
        assert!(
            again.guarding("b@h", 7).unwrap().is_none(),
            "another account"
        );
        again.set_state("x", AttemptState::Stopped).unwrap();
        assert!(
            again.guarding("a@h", 7).unwrap().is_some(),
            "stopped still guards"
        );
        again.set_state("x", AttemptState::Settled).unwrap();
        assert!(again.guarding("a@h", 7).unwrap().is_none());
        // Over is over.
        let back = again
            .set_state("x", AttemptState::Returned)
            .unwrap()
            .unwrap();
        assert_eq!(back.state, AttemptState::Settled);
    }

    #[test]
    fn two_threads_writing_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let file = Arc::new(AttemptFile::new(dir.path()));
        let writers: Vec<_> = (0..2u64)
            .map(|t| {
                let file = Arc::clone(&file);
                std::thread::spawn(move || {
                    for i in 0..40 {
                        let id = format!("{t}-{i}");
                        file.add(attempt(&id, t * 1000 + i)).unwrap();
                        if i % 2 == 0 {
                            file.set_state(&id, AttemptState::Returned).unwrap();
                        }
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let all = file.open().unwrap();
        assert_eq!(all.len(), 80);
        assert_eq!(
            all.iter()
                .filter(|a| a.state == AttemptState::Returned)
                .count(),
            40
        );
    }

    #[test]
    fn two_quick_clicks_make_one_attempt() {
        let dir = tempfile::tempdir().unwrap();
        let file = Arc::new(AttemptFile::new(dir.path()));
        // One-off and recurring pressed at once on invoice 7: one passes the guard.
        let clicks: Vec<_> = ["one-off", "recurring"]
            .into_iter()
            .map(|id| {
                let file = Arc::clone(&file);
                std::thread::spawn(move || {
                    file.add_unless_guarded(attempt(id, 7), false).unwrap().0
                })
            })
            .collect();
        let added: Vec<Added> = clicks.into_iter().map(|c| c.join().unwrap()).collect();
        assert_eq!(
            added.iter().filter(|a| **a == Added::Recorded).count(),
            1,
            "{added:?}"
        );
        assert_eq!(file.open().unwrap().len(), 1);
        // A mass payment covering 7 is guarded too; confirmed, it is recorded.
        let mut mass = attempt("m", 90);
        mass.covers = vec![90, 7];
        assert_eq!(
            file.add_unless_guarded(mass.clone(), false).unwrap().0,
            Added::Guarded
        );
        assert_eq!(
            file.add_unless_guarded(mass, true).unwrap().0,
            Added::Recorded
        );
        assert_eq!(file.open().unwrap().len(), 2);
    }

    #[test]
    fn leaving_keeps_the_moment_and_a_return_is_not_undone_by_the_close() {
        let dir = tempfile::tempdir().unwrap();
        let file = AttemptFile::new(dir.path());
        file.add(attempt("x", 7)).unwrap();
        let back = file.left("x", AttemptState::Returned).unwrap().unwrap();
        assert_eq!(back.state, AttemptState::Returned);
        let returned_at = back.left_at.expect("the return is when they left");
        let closed = file.left("x", AttemptState::WindowClosed).unwrap().unwrap();
        assert_eq!(closed.state, AttemptState::Returned);
        assert!(
            closed.left_at.unwrap() >= returned_at,
            "the later of the two"
        );
        // An older record without the field reads as "not left".
        let old = r#"{"version":1,"attempts":[{"id":"o","account":"a@h","invoice_id":1,"number":"1","covers":[1],"kind":"one-off","amount":null,"transactions_before":0,"opened_at":"2026-01-01T00:00:00Z","state":"opened","updated_at":"2026-01-01T00:00:00Z"}]}"#;
        std::fs::write(dir.path().join("payments.json"), old).unwrap();
        assert_eq!(file.get("o").unwrap().unwrap().left_at, None);
    }

    #[test]
    fn a_damaged_record_is_set_aside_and_said() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("payments.json"), b"{\"version\":1,\"att").unwrap();
        let file = AttemptFile::new(dir.path());
        let (all, trouble) = file.load().unwrap();
        assert!(all.is_empty());
        let Some(Trouble::SetAside(kept)) = trouble else {
            panic!("said");
        };
        assert!(kept.exists());
        assert!(!dir.path().join("payments.json").exists());
    }
}
