//! app-core owns what the desktop app does, with no window: the signed-in account and its
//! session, settings, the remembered password, payments awaiting confirmation, and the views
//! the UI shows, already in the user's language. The Tauri shell only forwards to it.

pub mod cache;
pub mod core;
pub mod error;
pub mod export;
pub mod pending;
pub mod reminders;
pub mod review;
pub mod secrets;
pub mod settings;
pub mod views;

pub use crate::core::{
    AccountChoice, Core, MassPaymentSummary, Notice, PdfProgress, PortalChoice, SignInOutcome,
};
pub use error::{CoreError, UiError};
pub use l10n::Lang;
