//! Owns the environment WebKit's helper processes start with: the flite voice loaded first in
//! them (`app_core::helper_preload` says why), and the person's environment given back once
//! they run, before anything else is started.

use app_core::helper_preload::{given_back, loaded_file, with_library, VARIABLE};
use std::ffi::OsString;
use std::sync::OnceLock;

/// The soname `build.rs` named for the binary, when the WebKitGTK it links needs it.
const SLOW_TO_BIND: Option<&str> = option_env!("JITOPS_SLOW_TO_BIND");

/// The list as the app found it, kept only when the app changed it.
static FOUND: OnceLock<Option<OsString>> = OnceLock::new();

/// Adds the voice to the list. Called first thing in `run`, while the app has one thread: the
/// environment is only ever changed with no other thread to read it, or (below) in place.
pub fn before_any_thread() {
    let Some(soname) = SLOW_TO_BIND else {
        return;
    };
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return;
    };
    let Some(voice) = loaded_file(&maps, soname) else {
        return;
    };
    let found = std::env::var_os(VARIABLE);
    if let Some(list) = with_library(found.as_deref(), &voice) {
        std::env::set_var(VARIABLE, list);
        let _ = FOUND.set(found);
    }
}

/// Gives the person's list back. Called from the app's setup: by then the main window exists,
/// and WebKit has started its network and web processes for it; what the app starts later (the
/// checkout window's web process, the system's opener and the browser it starts) carries
/// nothing of the app's. Glibc replaces an existing value in place, so a thread reading the
/// environment meanwhile sees the old list or the new one, and every other variable where it
/// was.
pub fn give_back() {
    if let Some(found) = FOUND.get() {
        std::env::set_var(VARIABLE, given_back(found.as_deref()));
    }
}
