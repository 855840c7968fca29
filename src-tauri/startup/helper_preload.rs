//! Owns the list of libraries WebKit's helper processes load first (`LD_PRELOAD`): the flite
//! voice added before any thread exists, and the person's own list for what the app starts
//! for them.
//!
//! Why: Debian's WebKitGTK links a flite voice that binds 31,000 of its own symbols, and the
//! dynamic loader looks each one up through the libraries in load order, where the voice comes
//! 57th in WebKit's helpers. Loaded first, each lookup ends at once. Started without a display
//! (the dynamic loader's work, then GTK's refusal), WebKit's network process took 56 ms instead
//! of 89 and its web process 67 instead of 89 (medians of 25 starts). Both run while the app
//! makes its window, on the same cores (bench/START-UP.md).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The variable the dynamic loader reads.
const VARIABLE: &str = "LD_PRELOAD";

/// The soname `build.rs` named for the binary, when the WebKitGTK it links needs it.
const SLOW_TO_BIND: Option<&str> = option_env!("JITOPS_SLOW_TO_BIND");

/// The person's list as the app found it, kept only when the app changed it.
static FOUND: OnceLock<Option<OsString>> = OnceLock::new();

/// Adds the voice to the list. Called first thing in `run`, while the app has one thread: the
/// environment is changed only then, never once other threads may read it.
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

/// Gives a program the app starts for the person (the system's opener, and what it opens) the
/// list the person had, or none. WebKit's own processes started later (the checkout and
/// sign-in windows') keep the voice: it is their library, and it speeds them the same way.
pub fn as_the_person_had_it(command: &mut Command) {
    give_the_persons_list(FOUND.get(), command);
}

/// `found`: None when the app left the list alone (the command inherits it as it is), else
/// the person's own list, if they had one.
fn give_the_persons_list(found: Option<&Option<OsString>>, command: &mut Command) {
    match found {
        None => {}
        Some(None) => {
            command.env_remove(VARIABLE);
        }
        Some(Some(list)) => {
            command.env(VARIABLE, list);
        }
    }
}

/// The file of the library `soname` (`libfoo.so.1`) as this process has it mapped, read from
/// the text of `/proc/self/maps`. The file's own version may differ from the soname's (Debian's
/// `libflite_cmu_time_awb.so.1` is the file `libflite_cmu_time_awb.so.2.2`), so the name is
/// matched up to `.so`: the loader keeps one file under a soname, the one its dependants asked
/// for. `None` when the library is not loaded, so a system whose WebKitGTK does not need it is
/// never made to load it.
pub fn loaded_file(maps: &str, soname: &str) -> Option<PathBuf> {
    let base = soname
        .find(".so")
        .map_or(soname, |at| &soname[..at + ".so".len()]);
    let versioned = format!("{base}.");
    maps.lines()
        // The path is the sixth field and the last; it may hold spaces, so it is all that
        // follows the fifth.
        .filter_map(|line| line.splitn(6, char::is_whitespace).nth(5))
        .map(str::trim_start)
        .filter(|path| path.starts_with('/'))
        .map(Path::new)
        .find(|path| {
            path.file_name()
                .and_then(OsStr::to_str)
                .is_some_and(|name| name == base || name.starts_with(&versioned))
        })
        .map(Path::to_path_buf)
}

/// The list with `library` added after what the person set (their libraries keep their
/// place), or `None` when it is there already. The dynamic loader splits the list at colons
/// and spaces.
pub fn with_library(existing: Option<&OsStr>, library: &Path) -> Option<OsString> {
    let existing = existing.unwrap_or_default();
    let listed = existing
        .as_encoded_bytes()
        .split(|b| *b == b':' || *b == b' ')
        .any(|entry| entry == library.as_os_str().as_encoded_bytes());
    if listed {
        return None;
    }
    let mut list = OsString::from(existing);
    if !list.is_empty() {
        list.push(":");
    }
    list.push(library);
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPS: &str = "\
55d0c0a00000-55d0c0a3c000 r--p 00000000 fd:01 1311 /opt/jitops/jitops-billing
7f149b800000-7f149b83a000 r--p 00000000 fd:01 2204 /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7f149b83a000-7f149b83b000 r-xp 0003a000 fd:01 2204 /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7f149c000000-7f149c021000 rw-p 00000000 00:00 0
7f149c114000-7f149c115000 r--p 00000000 fd:01 2190 /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb_extra.so.1
7ffd1e1f3000-7ffd1e214000 rw-p 00000000 00:00 0                          [stack]
7f149d000000-7f149d001000 r--p 00000000 fd:01 3000 /home/a person/lib/libspaced.so.1
";

    #[test]
    fn the_loaded_file_is_found_by_its_soname_whatever_the_files_version() {
        let voice = Some(PathBuf::from(
            "/usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2",
        ));
        assert_eq!(loaded_file(MAPS, "libflite_cmu_time_awb.so.1"), voice);
        assert_eq!(loaded_file(MAPS, "libflite_cmu_time_awb.so"), voice);
        assert_eq!(
            loaded_file(MAPS, "libspaced.so.1"),
            Some(PathBuf::from("/home/a person/lib/libspaced.so.1"))
        );
        assert_eq!(
            loaded_file(MAPS, "libflite_cmu_time_awb_extra.so.1"),
            Some(PathBuf::from(
                "/usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb_extra.so.1"
            ))
        );
        assert_eq!(loaded_file(MAPS, "libflite_cmu_time.so.1"), None);
        assert_eq!(loaded_file(MAPS, "[stack]"), None);
        assert_eq!(loaded_file("", "libflite_cmu_time_awb.so.1"), None);
    }

    #[test]
    fn the_library_goes_after_the_persons_own_and_never_twice() {
        let voice = Path::new("/usr/lib/libvoice.so.2");
        assert_eq!(
            with_library(None, voice),
            Some("/usr/lib/libvoice.so.2".into())
        );
        assert_eq!(
            with_library(Some(OsStr::new("")), voice),
            Some("/usr/lib/libvoice.so.2".into())
        );
        assert_eq!(
            with_library(Some(OsStr::new("libmine.so")), voice),
            Some("libmine.so:/usr/lib/libvoice.so.2".into())
        );
        assert_eq!(
            with_library(Some(OsStr::new("libmine.so /usr/lib/libvoice.so.2")), voice),
            None
        );
        assert_eq!(
            with_library(Some(OsStr::new("/usr/lib/libvoice.so.2:x.so")), voice),
            None
        );
        assert_eq!(
            with_library(Some(OsStr::new("/usr/lib/libvoice.so.20")), voice),
            Some("/usr/lib/libvoice.so.20:/usr/lib/libvoice.so.2".into())
        );
    }

    #[test]
    fn what_the_app_starts_gets_the_persons_list_or_none() {
        let variable = |command: &Command| {
            command
                .get_envs()
                .find(|(name, _)| *name == OsStr::new(VARIABLE))
                .map(|(_, value)| value.map(OsStr::to_os_string))
        };
        let mut untouched = Command::new("true");
        give_the_persons_list(None, &mut untouched);
        assert_eq!(variable(&untouched), None, "inherited as it is");
        let mut none = Command::new("true");
        give_the_persons_list(Some(&None), &mut none);
        assert_eq!(variable(&none), Some(None), "removed");
        let mut theirs = Command::new("true");
        give_the_persons_list(Some(&Some(OsString::from("libmine.so"))), &mut theirs);
        assert_eq!(variable(&theirs), Some(Some(OsString::from("libmine.so"))));
    }
}
