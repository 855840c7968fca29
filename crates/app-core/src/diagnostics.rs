//! Owns the app's log and what a person copies for a support ticket: where the log lives (the
//! XDG state folder), and the diagnostics text (version, system, portal host, language, and
//! the recent warnings and errors read back from the log). What is logged never holds a
//! secret: commands are logged by name and outcome only, never with their arguments.

use std::path::{Path, PathBuf};

/// The log files' name: `jitops-billing.<date>.log`, one per day, the newest three kept.
pub const LOG_PREFIX: &str = "jitops-billing";
pub const LOG_SUFFIX: &str = "log";
pub const LOG_FILES_KEPT: usize = 3;

/// `$XDG_STATE_HOME/jitops-billing`, else `~/.local/state/jitops-billing` (the XDG base
/// directory specification's place for logs).
pub fn log_dir() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(state.join("jitops-billing"))
}

/// Makes the log's folder the owner's only (0700) and every log file already in it 0600: the
/// log names the portal's host and the app's errors, which are nobody else's to read. Files
/// the log rotates into later are made inside that folder.
pub fn private_log_dir(dir: &Path) -> std::io::Result<()> {
    crate::store::private_dir(dir)?;
    #[cfg(unix)]
    for entry in std::fs::read_dir(dir)? {
        use std::os::unix::fs::PermissionsExt;
        let path = entry?.path();
        if path.is_file() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(())
}

/// The last `max` warning or error lines of the log files in `dir`, oldest first.
pub fn recent_problems(dir: &Path, max: usize) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(LOG_PREFIX) && n.ends_with(LOG_SUFFIX))
        })
        .collect();
    // Dated names sort by day.
    files.sort();
    let mut problems: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .flat_map(|text| {
            text.lines()
                .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let cut = problems.len().saturating_sub(max);
    problems.drain(..cut);
    problems
}

/// What "Copy diagnostics" copies: for JitOps support, so in English like the log itself.
pub fn report(version: &str, lang: &str, portal_host: Option<&str>, problems: &[String]) -> String {
    let mut out = format!(
        "JitOps Billing {version} ({} {})\nLanguage: {lang}\nPortal: {}\nRecent problems:\n",
        std::env::consts::OS,
        std::env::consts::ARCH,
        portal_host.unwrap_or("(not signed in)"),
    );
    if problems.is_empty() {
        out.push_str("(none)\n");
    }
    for line in problems {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_log_folder_and_its_files_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("jitops-billing");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let file = dir.join("jitops-billing.2026-12-07.log");
        std::fs::write(&file, "WARN a problem\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        private_log_dir(&dir).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&file), 0o600);
    }

    #[test]
    fn the_recent_problems_are_the_last_warnings_and_errors_across_days() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("jitops-billing.2026-11-30.log"),
            "2026-11-30T10:00:00Z  INFO a: started\n2026-11-30T10:01:00Z  WARN a: old warning\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("jitops-billing.2026-12-01.log"),
            "2026-12-01T10:00:00Z ERROR sign_in: kind: \"unreachable\"\n2026-12-01T10:02:00Z  INFO b: fine\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("other.txt"), " ERROR not ours\n").unwrap();
        let all = recent_problems(dir.path(), 10);
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all[0].contains("old warning") && all[1].contains("unreachable"));
        assert_eq!(recent_problems(dir.path(), 1).len(), 1);
        let text = report("1.2.3", "sq", Some("jitops.com"), &all);
        assert!(text.starts_with("JitOps Billing 1.2.3 ("), "{text}");
        assert!(text.contains("Portal: jitops.com\n") && text.contains("unreachable"));
        assert!(report("1", "en", None, &[]).contains("(none)"));
    }
}
