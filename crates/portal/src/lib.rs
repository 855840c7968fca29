//! The portal crate owns the WHMCS client area as a program sees it: a session per account,
//! the pages and what they say, the hand-off to the payment processor, and tracking an invoice
//! until it is paid. No Tauri here: everything is tested over real HTTP against the demo portal.

pub mod address;
pub mod billing_session;
pub mod checkout;
pub mod depth;
pub mod error;
pub mod model;
pub mod money;
pub mod pages;
pub mod parse_budget;
pub mod quote_session;
pub mod session;
pub mod sign_in_session;
pub mod sign_in_window;
pub mod tracker;

pub use error::{PortalError, Result};
pub use model::*;
pub use money::Money;
pub use quote_session::QuoteAccepted;
pub use session::{Credentials, PortalAddress, Session, SessionOptions};
pub use sign_in_session::SignIn;
