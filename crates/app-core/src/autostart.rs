//! Owns the start-at-login entry: an XDG autostart desktop entry
//! (`$XDG_CONFIG_HOME/autostart/jitops-billing.desktop`) that starts the app hidden in the tray.
//!
//! Written here rather than through tauri-plugin-autostart: its Linux side (the `auto-launch`
//! crate) writes under `$HOME/.config` whatever `XDG_CONFIG_HOME` says, which the autostart
//! specification does not allow and which would make a test write into the tester's own home.

use std::io;
use std::path::{Path, PathBuf};

/// The entry's file name: the package's name, so that a desktop lists it beside the app.
pub const FILE_NAME: &str = "jitops-billing.desktop";
/// The argument the entry starts the app with: no window, the tray icon only.
pub const HIDDEN_ARG: &str = "--hidden";

/// What the entry says of the app, in both languages (the desktop picks one).
pub struct EntryTexts {
    pub name: String,
    pub comment_en: String,
    pub comment_sq: String,
}

pub struct Autostart {
    path: PathBuf,
}

impl Autostart {
    /// `config_home`: the user's configuration folder (`$XDG_CONFIG_HOME`, else `~/.config`).
    pub fn new(config_home: &Path) -> Autostart {
        Autostart {
            path: config_home.join("autostart").join(FILE_NAME),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the app starts at login: its entry is there and not switched off (`Hidden`, or
    /// a desktop's own `X-GNOME-Autostart-enabled=false`).
    pub fn is_enabled(&self) -> bool {
        let Ok(text) = std::fs::read_to_string(&self.path) else {
            return false;
        };
        !text.lines().any(|l| {
            let l = l.trim();
            l == "Hidden=true" || l == "X-GNOME-Autostart-enabled=false"
        })
    }

    /// Writes the entry starting `exe` hidden (atomically: a half-written entry would start
    /// nothing, or something else).
    pub fn enable(&self, exe: &Path, texts: &EntryTexts) -> io::Result<()> {
        let text = entry(exe, texts)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::store::write_atomically(&self.path, text.as_bytes())
    }

    /// Removes the entry (nothing to do when it is not there).
    pub fn disable(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The desktop entry's text (Desktop Entry Specification; version 1.0, the one every desktop
/// reads).
pub fn entry(exe: &Path, texts: &EntryTexts) -> io::Result<String> {
    let exe = exe
        .to_str()
        .filter(|e| !e.contains(['\n', '\r']))
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "the app's path cannot be written in a desktop entry",
            )
        })?;
    let value = |s: &str| s.replace(['\n', '\r'], " ");
    Ok(format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Version=1.0\n\
         Name={name}\n\
         Name[sq]={name}\n\
         Comment={comment_en}\n\
         Comment[sq]={comment_sq}\n\
         Exec={exec} {HIDDEN_ARG}\n\
         Icon=jitops-billing\n\
         Terminal=false\n\
         X-GNOME-Autostart-enabled=true\n",
        name = value(&texts.name),
        comment_en = value(&texts.comment_en),
        comment_sq = value(&texts.comment_sq),
        exec = exec_argument(exe),
    ))
}

/// One argument of `Exec`: quoted when it holds a reserved character, with `"`, `` ` ``, `$`
/// and `\` escaped inside the quotes, `%` doubled (field codes), and then every `\` doubled
/// again, because `Exec` is a string value whose own escapes are read first.
fn exec_argument(arg: &str) -> String {
    const RESERVED: &[char] = &[
        ' ', '\t', '"', '\'', '\\', '>', '<', '~', '|', '&', ';', '$', '*', '?', '#', '(', ')',
        '`', '=',
    ];
    let arg = arg.replace('%', "%%");
    let quoted = if arg.contains(RESERVED) {
        let mut q = String::from("\"");
        for ch in arg.chars() {
            if matches!(ch, '"' | '`' | '$' | '\\') {
                q.push('\\');
            }
            q.push(ch);
        }
        q.push('"');
        q
    } else {
        arg
    };
    quoted.replace('\\', "\\\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> EntryTexts {
        EntryTexts {
            name: "JitOps Billing".into(),
            comment_en: "Pay your invoices".into(),
            comment_sq: "Paguani faturat".into(),
        }
    }

    #[test]
    fn written_started_hidden_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let autostart = Autostart::new(dir.path());
        assert!(!autostart.is_enabled());
        autostart
            .enable(Path::new("/usr/bin/jitops-billing"), &texts())
            .unwrap();
        assert!(autostart.is_enabled());
        let text = std::fs::read_to_string(dir.path().join("autostart").join(FILE_NAME)).unwrap();
        assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
        assert!(
            text.contains("\nExec=/usr/bin/jitops-billing --hidden\n"),
            "{text}"
        );
        assert!(text.contains("\nComment[sq]=Paguani faturat\n"), "{text}");
        autostart.disable().unwrap();
        assert!(!autostart.is_enabled());
        assert!(!autostart.path().exists());
        // Removing twice is not a failure.
        autostart.disable().unwrap();
    }

    #[test]
    fn an_entry_switched_off_by_the_desktop_counts_as_off() {
        let dir = tempfile::tempdir().unwrap();
        let autostart = Autostart::new(dir.path());
        autostart.enable(Path::new("/opt/app"), &texts()).unwrap();
        let text = std::fs::read_to_string(autostart.path()).unwrap();
        std::fs::write(autostart.path(), format!("{text}Hidden=true\n")).unwrap();
        assert!(!autostart.is_enabled());
    }

    #[test]
    fn paths_with_reserved_characters_are_quoted_and_escaped() {
        assert_eq!(exec_argument("/usr/bin/app"), "/usr/bin/app");
        assert_eq!(
            exec_argument("/home/a b/app"),
            "\"/home/a b/app\"",
            "a space is quoted"
        );
        // `$` escaped inside the quotes; then each backslash doubled for the string value.
        assert_eq!(exec_argument("/x/$HOME/app"), "\"/x/\\\\$HOME/app\"");
        assert_eq!(exec_argument("/x/100%/app"), "/x/100%%/app");
        assert!(entry(Path::new("/a\nb"), &texts()).is_err());
    }
}
