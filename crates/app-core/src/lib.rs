//! app-core owns what the desktop app does, with no window: the signed-in account and its
//! session, settings, the remembered password, payments awaiting confirmation, and the views
//! the UI shows, already in the user's language. The Tauri shell only forwards to it.

mod accounts;
pub mod add_funds;
pub mod at_processor;
pub mod attempts;
pub mod autostart;
pub mod cache;
pub mod changes;
pub mod core;
pub mod credit;
pub mod diagnostics;
pub mod error;
pub mod export;
mod files;
mod mass_payment;
pub mod payment_follow;
pub mod payment_verdict;
pub mod payments;
pub mod pdf_cache;
mod pdf_text;
mod portals;
mod preferences;
pub mod quotes;
pub mod reminder_notices;
pub mod reminders;
pub mod review;
pub mod secrets;
pub mod settings;
mod signed_in;
pub mod statement;
pub mod statement_files;
mod statement_pdf;
pub mod statement_run;
pub mod store;
mod sync;
pub mod trackers;
pub mod tray;
pub mod views;

pub use crate::core::{
    AccountChoice, Core, MassPaymentSummary, Notice, NoticeAbout, PdfProgress, PortalChoice,
    SignInOutcome,
};
pub use error::{CoreError, UiError};
pub use l10n::Lang;

/// 128 random bits from the OS, in hex: ids that must not be guessable (payment attempts).
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
