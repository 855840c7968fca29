//! Owns the list of libraries WebKit's helper processes load first (`LD_PRELOAD`): which file
//! to add, where it goes in a list the person may have set, and the list to give back.
//!
//! Why: Debian's WebKitGTK links a flite voice that binds 31,000 of its own symbols, and the
//! dynamic loader looks each one up through the libraries in load order, where the voice comes
//! 57th in WebKit's helpers. Loaded first, each lookup ends at once. Started without a display
//! (the dynamic loader's work, then GTK's refusal), WebKit's network process took 56 ms instead
//! of 89 and its web process 67 instead of 89 (medians of 25 starts). Both run while the app
//! makes its window, on the same cores.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The variable the dynamic loader reads.
pub const VARIABLE: &str = "LD_PRELOAD";

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

/// What the variable is set back to once the helpers run, so that nothing the app starts
/// later (the system's opener, a browser) carries the library: the person's own list, or an
/// empty one where there was none. Empty rather than removed, because replacing a value keeps
/// the environment's other entries where they are for threads that read it meanwhile, and an
/// empty list loads nothing.
pub fn given_back(existing: Option<&OsStr>) -> OsString {
    existing.map(OsStr::to_os_string).unwrap_or_default()
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
    fn what_is_given_back_is_the_persons_list_or_an_empty_one() {
        assert_eq!(given_back(None), OsString::new());
        assert_eq!(
            given_back(Some(OsStr::new("libmine.so"))),
            OsString::from("libmine.so")
        );
    }
}
