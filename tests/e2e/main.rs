//! End-to-end tests: the real debug build in a real window, driven through tauri-driver and
//! WebKitWebDriver. Run them with `make e2e` (they need a display, a session bus and a keyring;
//! plain `cargo test` skips them).

mod accounts;
mod billing;
mod common;
mod desktop;
mod files;
mod harness;
mod offline;
mod payments;
mod screens;
mod security;
mod tray;
mod updates;
