//! Owns the order in which the app names the libraries it links: one of WebKitGTK's is named
//! early so that the loader binds its symbols sooner.

/// The library WebKitGTK needs whose symbol lookups slowed the app's start the most.
const SLOW_TO_BIND: &str = "libflite_cmu_time_awb.so.1";

/// Debian's WebKitGTK links the flite voices (speech synthesis). One of them, `SLOW_TO_BIND`,
/// binds 31,000 of its own symbols when the app loads, and the dynamic loader looks each one up
/// through the libraries in load order, where that voice came 79th: about 25 ms of every start
/// went there (`LD_DEBUG=bindings`, `perf`). Named by the binary itself it comes 16th, right
/// after the binary's own libraries (a link argument goes last, and Rust's `as-needed` link
/// modifier is unstable). Only where the WebKitGTK being linked needs it: elsewhere nothing
/// changes, and a WebKitGTK without it is never made to load it.
pub fn name_slow_library_early() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        return;
    }
    let Ok(libdir) = pkg_config::get_variable("webkit2gtk-4.1", "libdir") else {
        return;
    };
    let webkit = std::path::Path::new(&libdir).join("libwebkit2gtk-4.1.so.0");
    println!("cargo:rerun-if-changed={}", webkit.display());
    let Ok(bytes) = std::fs::read(&webkit) else {
        return;
    };
    let needs_it = match goblin::elf::Elf::parse(&bytes) {
        Ok(elf) => elf.libraries.contains(&SLOW_TO_BIND),
        Err(_) => false,
    };
    if needs_it {
        // `--no-as-needed`: the app calls nothing in it, and it must stay in the list all the same.
        println!("cargo:rustc-link-arg-bins=-Wl,--push-state,--no-as-needed,-l:{SLOW_TO_BIND},--pop-state");
        // The app loads it first in WebKit's helper processes too (`helper_preload`).
        println!("cargo:rustc-env=JITOPS_SLOW_TO_BIND={SLOW_TO_BIND}");
    }
}
