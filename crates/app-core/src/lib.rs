//! app-core owns what the desktop app does, with no window: the signed-in account and its
//! session, settings, the remembered password, payments awaiting confirmation, and the views
//! the UI shows, already in the user's language. The Tauri shell only forwards to it.

pub mod accounts;
pub mod at_processor;
pub mod attempts;
pub mod autostart;
pub mod billing;
pub mod cache;
pub mod changes;
pub mod core;
pub mod diagnostics;
pub mod error;
pub mod export;
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
mod statement_pdf;
pub mod statements;
pub mod store;
pub mod trackers;
pub mod tray;
pub mod updates;
pub mod user_settings;
pub mod views;
pub mod window_place;

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
