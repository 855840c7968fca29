//! Owns the platform's start-up tuning, each piece with its reason: what the app changes before
//! any thread exists (`helper_preload`), and what it asks the desktop on a thread of its own
//! while the window is made (`system_ui_font`). The measurements behind them are in
//! `bench/START-UP.md`. Nothing here changes the environment once threads exist.

pub mod helper_preload;
pub mod system_ui_font;

/// First thing in `run`, while the app has one thread.
pub fn before_any_thread() {
    helper_preload::before_any_thread();
    system_ui_font::start_deciding();
}
