//! Owns preparing a statement: which accounts it covers (the one on screen, or every account
//! known here), reading the transactions it needs from the portal (only invoices never read or
//! that may have changed, a few at a time, with progress and a stop), keeping them in each
//! account's saved copy (so that a statement can be made again offline), and the summary shown.

use super::Statements;
use crate::core::*;
use crate::error::CoreError;
use crate::statement::{self, Gap, GapKind, InvoicePayments, Ledger, SavedCopy, Statement};
use crate::views::money;
use chrono::{DateTime, Local, NaiveDate};
use l10n::{format_date, format_date_time, Arg};
use portal::{InvoiceSummary, Money, Session};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// How many invoice pages are read at once: a portal is a shared server.
const READ_AT_ONCE: usize = 4;

#[derive(Debug, Clone, Default, Serialize)]
pub struct StatementProgress {
    pub total: usize,
    pub done: usize,
    /// "Reading payments: 120 of 2,000 invoices"
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CurrencySummary {
    pub currency: String,
    pub opening: String,
    pub invoiced: String,
    pub paid: String,
    pub closing: String,
    pub entries: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// "1 Nov 2026 – 30 Nov 2026, all accounts (3)"
    pub heading: String,
    pub currencies: Vec<CurrencySummary>,
    /// "No invoice or payment between these dates." when there is none.
    pub empty: Option<String>,
    /// What could not be counted, or was counted from a saved copy, said plainly (the
    /// statement may then be incomplete). The saved PDF says the same.
    pub gaps: Option<String>,
    pub stopped: bool,
    /// Why reading stopped early (the portal could not be reached), in the person's words.
    pub problem: Option<String>,
}

/// An account the statement covers: its figures, and its session when signed in this run.
struct Source {
    key: String,
    email: String,
    session: Option<Arc<Session>>,
    invoices: Vec<InvoiceSummary>,
    payments: HashMap<u64, InvoicePayments>,
    /// Not signed in: its figures are its saved copy's, synced then.
    saved_at: Option<DateTime<Local>>,
}

/// The statement of `sources` from `from` to `to`, naming the accounts counted from a saved
/// copy and those `left_out`.
fn made_of(
    sources: &[Source],
    from: NaiveDate,
    to: NaiveDate,
    all: bool,
    left_out: Vec<String>,
) -> Statement {
    let ledgers: Vec<Ledger<'_>> = sources
        .iter()
        .map(|s| Ledger {
            account: &s.email,
            invoices: &s.invoices,
            payments: &s.payments,
        })
        .collect();
    let mut made = statement::statement(from, to, &ledgers);
    made.all_accounts = all.then_some(sources.len());
    made.saved_copies = sources
        .iter()
        .filter_map(|s| {
            s.saved_at.map(|synced_at| SavedCopy {
                account: s.email.clone(),
                synced_at,
            })
        })
        .collect();
    made.left_out = left_out;
    made
}

impl Statements<'_> {
    /// Prepares the statement from `from` to `to` for the account on screen, or for every
    /// account known here (`all`), reading what it needs from the portal.
    pub async fn prepare_statement(
        self,
        all: bool,
        from: NaiveDate,
        to: NaiveDate,
        stop: &AtomicBool,
        progress: impl FnMut(&StatementProgress),
    ) -> Result<StatementView> {
        if from > to {
            return Err(CoreError::StatementRange);
        }
        let (mut sources, left_out) = self.statement_sources(all)?;
        let (stopped, unreachable) = self.read_payments(&mut sources, to, stop, progress).await?;
        self.keep_payments(&sources);
        let made = made_of(&sources, from, to, all, left_out);
        let mut view = self.statement_view(&made, stopped);
        view.problem = unreachable.map(|e| self.core.ui_error(&e).message);
        *self
            .own
            .last_statement
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(made);
        Ok(view)
    }

    /// Reads, a few at a time, the transactions of every invoice of the live accounts that a
    /// statement to `to` needs read again, until all are read, the person stops, or the portal
    /// cannot be reached. Answers whether it was stopped, and that portal error.
    async fn read_payments(
        self,
        sources: &mut [Source],
        to: NaiveDate,
        stop: &AtomicBool,
        mut progress: impl FnMut(&StatementProgress),
    ) -> Result<(bool, Option<CoreError>)> {
        let wanted: Vec<(usize, u64)> = sources
            .iter()
            .enumerate()
            .filter(|(_, s)| s.session.is_some())
            .flat_map(|(i, s)| {
                s.invoices
                    .iter()
                    .filter(|inv| statement::needs_reading(inv, to, s.payments.get(&inv.id)))
                    .map(move |inv| (i, inv.id))
            })
            .collect();
        let mut state = StatementProgress {
            total: wanted.len(),
            ..StatementProgress::default()
        };
        let mut stopped = false;
        let mut unreachable = None;
        let mut queue = wanted.into_iter();
        let mut reading = tokio::task::JoinSet::new();
        loop {
            while reading.len() < READ_AT_ONCE && !stopped && unreachable.is_none() {
                let Some((i, id)) = queue.next() else { break };
                let session = sources[i].session.clone().expect("only live accounts");
                let status = sources[i]
                    .invoices
                    .iter()
                    .find(|inv| inv.id == id)
                    .map(|inv| inv.status)
                    .expect("listed");
                reading
                    .spawn(async move { (i, id, status, session.invoice_transactions(id).await) });
            }
            let Some(done) = reading.join_next().await else {
                break;
            };
            let (i, id, status, read) = done.map_err(|e| CoreError::Internal(e.to_string()))?;
            match read {
                Ok((transactions, credit)) => {
                    let credit = credit.map(|c| c.amount).unwrap_or_default();
                    let read = InvoicePayments {
                        status,
                        transactions,
                        credit,
                    };
                    sources[i].payments.insert(id, read);
                }
                Err(e) => {
                    let e = CoreError::from(e);
                    if e.is_unreachable() {
                        unreachable = Some(e);
                    }
                    // Otherwise this invoice is named as unread; the others go on.
                }
            }
            state.done += 1;
            let counts = [
                ("done", Arg::from(state.done)),
                ("total", Arg::from(state.total)),
            ];
            state.message = self.core.text("statement-reading", &counts);
            progress(&state);
            if stop.load(Ordering::SeqCst) {
                stopped = true;
            }
        }
        Ok((stopped, unreachable))
    }

    /// [`Core::prepare_statement`] for the dates as a date field gives them (`YYYY-MM-DD`).
    pub async fn prepare_statement_between(
        self,
        all: bool,
        from: &str,
        to: &str,
        stop: &AtomicBool,
        progress: impl FnMut(&StatementProgress),
    ) -> Result<StatementView> {
        let day = |s: &str| {
            s.trim()
                .parse::<NaiveDate>()
                .map_err(|_| CoreError::StatementRange)
        };
        self.prepare_statement(all, day(from)?, day(to)?, stop, progress)
            .await
    }

    /// The accounts covered, taken under the lock; the saved copies of accounts not signed in
    /// this run are read after it is let go (no disk under the lock). Also the accounts known
    /// here that nothing is saved of (they are named, not counted).
    fn statement_sources(self, all: bool) -> Result<(Vec<Source>, Vec<String>)> {
        let known = self.core.preferences.known_accounts();
        let (mut sources, others) = {
            let live = self.core.signed_in.lock();
            let current = live.current().ok_or(CoreError::NotSignedIn)?;
            let covered = std::iter::once(current).chain(live.parked().filter(|_| all));
            let sources: Vec<Source> = covered
                .map(|a| Source {
                    key: a.record.key(),
                    email: a.record.email.clone(),
                    session: a.session.clone(),
                    invoices: a.invoices.clone(),
                    payments: a.payments.clone(),
                    // Shown offline: what is held is the saved copy, of its last sync.
                    saved_at: a.session.is_none().then_some(a.last_sync).flatten(),
                })
                .collect();
            let others: Vec<(String, String)> = if all {
                known
                    .iter()
                    .filter(|r| !sources.iter().any(|s| s.key == r.key()))
                    .map(|r| (r.key(), r.email.clone()))
                    .collect()
            } else {
                vec![]
            };
            (sources, others)
        };
        let mut left_out = vec![];
        for (key, email) in others {
            match self.core.billing().saved_copy(&key) {
                crate::cache::Loaded::Found(copy) => sources.push(Source {
                    key,
                    email,
                    session: None,
                    invoices: copy.invoices,
                    payments: copy.payments.into_iter().collect(),
                    saved_at: Some(copy.synced_at),
                }),
                // Never synced here, or its copy could not be read (set aside).
                crate::cache::Loaded::Missing
                | crate::cache::Loaded::SetAside(_)
                | crate::cache::Loaded::Unreadable(_) => left_out.push(email),
            }
        }
        Ok((sources, left_out))
    }

    /// The transactions read kept with each live account, and in its saved copy.
    fn keep_payments(self, sources: &[Source]) {
        let live: Vec<&Source> = sources.iter().filter(|s| s.session.is_some()).collect();
        {
            let mut accounts = self.core.signed_in.lock();
            for account in accounts.all_mut() {
                if let Some(s) = live.iter().find(|s| s.key == account.record.key()) {
                    account.payments = s.payments.clone();
                }
            }
        }
        for s in live {
            self.core.billing().save_copy(&s.key);
        }
    }

    /// The statement last prepared, drawn again in the language of the moment (no network).
    pub fn last_statement_view(self) -> Result<StatementView> {
        let made = self
            .own
            .last_statement
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or(CoreError::NoStatement)?;
        Ok(self.statement_view(&made, false))
    }

    /// What the statement covers, in the language of the moment: "1 Nov 2026 – 30 Nov 2026,
    /// all accounts (3)".
    pub fn statement_heading(self, made: &Statement) -> String {
        let lang = self.core.lang();
        let range = [
            ("from", Arg::from(format_date(lang, made.from))),
            ("to", Arg::from(format_date(lang, made.to))),
        ];
        match made.all_accounts {
            Some(n) => self.core.text(
                "statement-heading-all",
                &[range[0].clone(), range[1].clone(), ("count", Arg::from(n))],
            ),
            None => self.core.text("statement-heading", &range),
        }
    }

    /// The summary on screen, in the language of the moment.
    pub fn statement_view(self, made: &Statement, stopped: bool) -> StatementView {
        let lang = self.core.lang();
        let heading = self.statement_heading(made);
        let m = |amount, currency: &str| money(lang, &Money::new(amount, currency));
        let currencies: Vec<CurrencySummary> = made
            .currencies
            .iter()
            .map(|c| CurrencySummary {
                currency: c.currency.clone(),
                opening: m(c.opening, &c.currency),
                invoiced: m(c.invoiced, &c.currency),
                paid: m(c.paid, &c.currency),
                closing: m(c.closing, &c.currency),
                entries: c.entries.len(),
            })
            .collect();
        let empty = made
            .currencies
            .iter()
            .all(|c| c.entries.is_empty() && c.opening.is_zero())
            .then(|| self.core.text("statement-empty", &[]));
        let notes = self.statement_notes(made);
        let gaps = (!notes.is_empty()).then(|| notes.join(" "));
        StatementView {
            heading,
            currencies,
            empty,
            gaps,
            stopped,
            problem: None,
        }
    }

    /// What the statement must say beside its figures, in the language of the moment, one
    /// sentence each: invoices not read or dated, credit applied without a date, each account
    /// counted from its saved copy (and when that was synced), each account left out.
    pub fn statement_notes(self, made: &Statement) -> Vec<String> {
        let lang = self.core.lang();
        let mut notes = self.gaps_text(&made.gaps);
        for copy in &made.saved_copies {
            let when = format_date_time(lang, copy.synced_at.naive_local());
            notes.push(self.core.text(
                "statement-saved-copy",
                &[
                    ("account", Arg::from(copy.account.clone())),
                    ("time", Arg::from(when)),
                ],
            ));
        }
        for account in &made.left_out {
            notes.push(self.core.text(
                "statement-account-left-out",
                &[("account", Arg::from(account.clone()))],
            ));
        }
        notes
    }

    /// What the balances could not count, said apart for invoices not read or dated and for
    /// credit the portal applied without a date (those invoices stay counted as owed).
    fn gaps_text(self, gaps: &[Gap]) -> Vec<String> {
        let (credit, unread): (Vec<&Gap>, Vec<&Gap>) =
            gaps.iter().partition(|g| g.why == GapKind::CreditUndated);
        let sentence = |key: &str, some: &[&Gap]| {
            (!some.is_empty()).then(|| {
                let first = some
                    .iter()
                    .take(3)
                    .map(|g| g.invoice_number.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.core.text(
                    key,
                    &[
                        ("count", Arg::from(some.len())),
                        ("first", Arg::from(first)),
                    ],
                )
            })
        };
        [
            sentence("statement-gaps", &unread),
            sentence("statement-credit-undated", &credit),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
