//! Owns the answer to "does `system-ui` give this desktop a font of its own?", so the UI asks
//! WebKitGTK for `system-ui` only where it draws something other than `sans-serif`.
//!
//! Why: fontconfig's `system-ui` prefers Cantarell, Noto Sans UI and the Segoe UI family. Where
//! none of them is installed (most desktops other than GNOME, and the bench machine), WebKitGTK
//! gets another family back for `system-ui`, rejects it (the page, not fontconfig, decides the
//! fallback) and then asks for `sans-serif`, for each weight and size on the screen, before
//! the first paint. On the sign-in screen that was about 45 ms of a 0.38 s start
//! (bench/START-UP.md). Where both names give the same faces, `sans-serif` alone draws
//! exactly what `system-ui, sans-serif` draws, so nothing visible changes.

use fontconfig::{Fontconfig, Pattern};
use serde::Serialize;
use std::ffi::CStr;
use std::sync::OnceLock;

/// The answer, once the thread `start_deciding` starts has it.
static DECIDED: OnceLock<SystemUi> = OnceLock::new();

/// Starts asking, on a thread of its own, so nothing waits for it: the app calls this first
/// thing, and the first screen asks (`known`) about 0.3 s later.
pub fn start_deciding() {
    let _ = std::thread::Builder::new()
        .name("ui-font".into())
        .spawn(|| DECIDED.get_or_init(decide));
}

/// The answer if it is in, `Unknown` until then: a screen never waits for it, and `Unknown`
/// keeps the stack that is right everywhere.
pub fn known() -> SystemUi {
    DECIDED.get().copied().unwrap_or(SystemUi::Unknown)
}

/// The answer, waiting for the thread that is deciding (or deciding here if no thread is):
/// for a first screen that was drawn with `Unknown`, so it can still drop `system-ui` where it
/// misses. Never called on the main thread.
pub fn decided() -> SystemUi {
    *DECIDED.get_or_init(decide)
}

/// What `system-ui` gives on this desktop, against `sans-serif`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SystemUi {
    /// At least one weight draws another face than `sans-serif` does: the UI asks for it.
    OwnFont,
    /// Every weight the stylesheet uses draws the same face either way: the UI asks for
    /// `sans-serif` alone.
    SameAsSansSerif,
    /// Not known (fontconfig would not start, or the answer is not ready yet): the UI keeps
    /// `system-ui, sans-serif`, which is right everywhere, only slower where it misses.
    Unknown,
}

/// The CSS weights `ui/style.css` uses (400, 500, 600, 700), as fontconfig weights: the face
/// can differ by weight (a desktop font with a regular cut and no bold).
const WEIGHTS: [i32; 4] = [
    fontconfig::FC_WEIGHT_REGULAR,
    fontconfig::FC_WEIGHT_MEDIUM,
    fontconfig::FC_WEIGHT_DEMIBOLD,
    fontconfig::FC_WEIGHT_BOLD,
];

/// A font file and the face inside it: what is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Face {
    pub file: String,
    pub index: i32,
}

/// Asks this process's fontconfig (the same configuration and fonts WebKitGTK's web process
/// reads: same environment, same files). Takes a few milliseconds once fontconfig's caches
/// exist; the app asks from a thread of its own at start.
pub fn decide() -> SystemUi {
    let Some(fc) = Fontconfig::new() else {
        return SystemUi::Unknown;
    };
    let faces = |family: &CStr| -> Option<Vec<Face>> {
        WEIGHTS
            .iter()
            .map(|&weight| best_face(&fc, family, weight))
            .collect()
    };
    match (faces(c"system-ui"), faces(c"sans-serif")) {
        (Some(system_ui), Some(sans_serif)) => compare(&system_ui, &sans_serif),
        _ => SystemUi::Unknown,
    }
}

/// The decision from the faces each name gives, weight for weight.
pub fn compare(system_ui: &[Face], sans_serif: &[Face]) -> SystemUi {
    if system_ui.is_empty() || system_ui.len() != sans_serif.len() {
        SystemUi::Unknown
    } else if system_ui == sans_serif {
        SystemUi::SameAsSansSerif
    } else {
        SystemUi::OwnFont
    }
}

/// fontconfig's best match for `family` at `weight`, upright, after the desktop's own
/// substitutions: the face WebKitGTK would draw for that name.
fn best_face(fc: &Fontconfig, family: &CStr, weight: i32) -> Option<Face> {
    let mut pattern = Pattern::new(fc).ok()?;
    pattern.add_string(fontconfig::FC_FAMILY, family).ok()?;
    pattern.add_integer(fontconfig::FC_WEIGHT, weight).ok()?;
    pattern
        .add_integer(fontconfig::FC_SLANT, fontconfig::FC_SLANT_ROMAN)
        .ok()?;
    let best = pattern.font_match().ok()?;
    Some(Face {
        file: best.filename().ok()?.to_owned(),
        index: best.face_index().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    fn face(file: &str) -> Face {
        Face {
            file: file.into(),
            index: 0,
        }
    }

    #[test]
    fn the_same_faces_at_every_weight_mean_sans_serif_alone() {
        let dejavu = [face("DejaVuSans.ttf"), face("DejaVuSans-Bold.ttf")];
        assert_eq!(compare(&dejavu, &dejavu), SystemUi::SameAsSansSerif);
    }

    #[test]
    fn one_weight_drawn_otherwise_keeps_system_ui() {
        let sans = [face("DejaVuSans.ttf"), face("DejaVuSans-Bold.ttf")];
        let ui = [face("DejaVuSans.ttf"), face("Cantarell-Bold.otf")];
        assert_eq!(compare(&ui, &sans), SystemUi::OwnFont);
        let other_face_same_file = [
            face("DejaVuSans.ttf"),
            Face {
                file: "DejaVuSans-Bold.ttf".into(),
                index: 1,
            },
        ];
        assert_eq!(compare(&other_face_same_file, &sans), SystemUi::OwnFont);
    }

    #[test]
    fn nothing_to_compare_is_not_known() {
        assert_eq!(compare(&[], &[]), SystemUi::Unknown);
        assert_eq!(
            compare(&[face("a.ttf")], &[face("a.ttf"), face("b.ttf")]),
            SystemUi::Unknown
        );
    }

    /// The DejaVu fonts the package depends on (`fonts-dejavu-core`).
    const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu";

    /// `decide()` in a process of its own, under a fontconfig configuration of the test's: the
    /// configuration is read once per process, from `FONTCONFIG_FILE`.
    fn decide_under(rules: &str) -> String {
        assert!(
            Path::new(DEJAVU).join("DejaVuSans.ttf").exists(),
            "fonts-dejavu-core is installed"
        );
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("fonts.conf");
        std::fs::write(
            &config,
            format!(
                "<?xml version=\"1.0\"?>\n<fontconfig>\n<dir>{DEJAVU}</dir>\n<cachedir>{}</cachedir>\n{rules}\n</fontconfig>\n",
                dir.path().join("cache").display()
            ),
        )
        .unwrap();
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "startup::system_ui_font::tests::decision_in_a_process_of_its_own",
                "--ignored",
                "--nocapture",
            ])
            .env("FONTCONFIG_FILE", &config)
            .env("JITOPS_UI_FONT_CHILD", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        stdout
            .lines()
            .find_map(|l| l.strip_prefix("decision: "))
            .unwrap_or_else(|| panic!("no decision in: {stdout}"))
            .to_owned()
    }

    /// Debian's rules in small: `system-ui` prefers Cantarell, then falls back on `sans-serif`.
    const SYSTEM_UI_PREFERS_CANTARELL: &str = "
<alias><family>system-ui</family><prefer><family>Cantarell</family></prefer><default><family>sans-serif</family></default></alias>
<alias><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>";

    #[test]
    fn a_missing_desktop_font_gives_sans_serif_alone() {
        assert_eq!(
            decide_under(SYSTEM_UI_PREFERS_CANTARELL),
            "same-as-sans-serif"
        );
    }

    #[test]
    fn a_desktop_font_of_its_own_keeps_system_ui() {
        // A desktop whose UI font is installed: here DejaVu Serif stands for it.
        let rules = format!(
            "{SYSTEM_UI_PREFERS_CANTARELL}
<match target=\"pattern\"><test name=\"family\"><string>system-ui</string></test>
<edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>DejaVu Serif</string></edit></match>"
        );
        assert_eq!(decide_under(&rules), "own-font");
    }

    #[test]
    fn the_answer_waited_for_is_the_one_known_after() {
        start_deciding();
        let waited = decided();
        assert_eq!(waited, decide());
        assert_eq!(known(), waited);
    }

    #[test]
    #[ignore = "run by decide_under, in a process with a fontconfig configuration of its own"]
    fn decision_in_a_process_of_its_own() {
        // Run by hand (`--include-ignored`), it has nothing of its own to check.
        if std::env::var_os("JITOPS_UI_FONT_CHILD").is_none() {
            return;
        }
        let decision = serde_json::to_value(decide()).unwrap();
        println!("decision: {}", decision.as_str().unwrap());
    }
}
