//! Owns where the main window was left: its size, place and maximized state kept in
//! `window.json` in the config folder, and where it goes at the next start. Never its
//! visibility (a start at login stays hidden), and only the main window's: the checkout and
//! sign-in windows open fresh each time.

use crate::store::{JsonFile, Read};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The main window as the person left it, in physical pixels. When maximized, the size and
/// place are those it had before, the ones it goes back to when unmaximized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowPlace {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

/// A screen's area, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// Where the window goes at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub width: u32,
    pub height: u32,
    /// None: centred on the main screen, because the place it had is on no screen now (a
    /// screen unplugged, a resolution changed).
    pub position: Option<(i32, i32)>,
    pub maximized: bool,
}

/// How much of the window's top edge must be on a screen for the person to reach it (to drag
/// it by its title bar): the place is kept only then.
const REACHABLE: u32 = 64;

impl WindowPlace {
    /// Where the window goes on these screens: its size, at most the largest screen's; its
    /// place, kept only when a strip of its top edge lies on a screen.
    pub fn on(&self, screens: &[Screen]) -> Placement {
        let widest = screens.iter().map(|s| s.width).max().unwrap_or(self.width);
        let tallest = screens
            .iter()
            .map(|s| s.height)
            .max()
            .unwrap_or(self.height);
        let width = self.width.min(widest);
        let height = self.height.min(tallest);
        let strip = Screen {
            x: self.x,
            y: self.y,
            width,
            height: REACHABLE.min(height),
        };
        let reachable = screens.iter().any(|s| {
            overlap(s, &strip) >= u64::from(REACHABLE.min(width)) * u64::from(strip.height)
        });
        Placement {
            width,
            height,
            position: reachable.then_some((self.x, self.y)),
            maximized: self.maximized,
        }
    }
}

/// The area two rectangles share.
fn overlap(a: &Screen, b: &Screen) -> u64 {
    let left = a.x.max(b.x) as i64;
    let right = (a.x as i64 + a.width as i64).min(b.x as i64 + b.width as i64);
    let top = a.y.max(b.y) as i64;
    let bottom = (a.y as i64 + a.height as i64).min(b.y as i64 + b.height as i64);
    if right <= left || bottom <= top {
        return 0;
    }
    ((right - left) * (bottom - top)) as u64
}

/// `window.json` in the config folder.
pub struct WindowPlaceFile(JsonFile);

impl WindowPlaceFile {
    pub fn new(config_dir: &Path) -> WindowPlaceFile {
        WindowPlaceFile(JsonFile::new(config_dir.join("window.json")))
    }

    /// The place last kept; none on a first start, or when the file was damaged (set aside:
    /// the window then opens where a first start opens it).
    pub fn load(&self) -> Option<WindowPlace> {
        match self.0.read() {
            Ok(Read::Found(place)) => Some(place),
            Ok(Read::Missing) => None,
            Ok(Read::SetAside(path)) => {
                tracing::warn!("the window's place was damaged and set aside ({path:?})");
                None
            }
            Err(e) => {
                tracing::warn!("the window's place could not be read: {e}");
                None
            }
        }
    }

    /// Keeps `place`; a failure only loses the place (said in the log).
    pub fn save(&self, place: &WindowPlace) {
        if let Err(e) = self.0.write(place) {
            tracing::warn!("the window's place was not kept: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Screen = Screen {
        x: 0,
        y: 0,
        width: 1920,
        height: 1080,
    };
    const RIGHT: Screen = Screen {
        x: 1920,
        y: 0,
        width: 2560,
        height: 1440,
    };

    fn place(x: i32, y: i32, width: u32, height: u32) -> WindowPlace {
        WindowPlace {
            x,
            y,
            width,
            height,
            maximized: false,
        }
    }

    #[test]
    fn a_place_on_a_screen_is_kept_as_it_was() {
        let p = place(2000, 100, 1200, 900).on(&[LAPTOP, RIGHT]);
        assert_eq!(
            p,
            Placement {
                width: 1200,
                height: 900,
                position: Some((2000, 100)),
                maximized: false
            }
        );
    }

    #[test]
    fn a_place_on_a_screen_unplugged_is_brought_back() {
        // Left on the right-hand screen, started with the laptop alone.
        let p = place(2000, 100, 1200, 900).on(&[LAPTOP]);
        assert_eq!(p.position, None, "centred on the screen there is");
        assert_eq!((p.width, p.height), (1200, 900));
    }

    #[test]
    fn a_window_with_only_a_sliver_or_its_title_bar_off_screen_is_brought_back() {
        // Ten pixels of it on the screen: nothing to grab.
        assert_eq!(place(1910, 100, 1000, 700).on(&[LAPTOP]).position, None);
        // Its title bar above the top of every screen.
        assert_eq!(place(100, -500, 1000, 700).on(&[LAPTOP]).position, None);
        // Half of it beyond the right edge, the title bar reachable: kept.
        assert_eq!(
            place(1420, 100, 1000, 700).on(&[LAPTOP]).position,
            Some((1420, 100))
        );
    }

    #[test]
    fn a_window_larger_than_every_screen_is_made_to_fit_and_maximized_stays() {
        let mut big = place(0, 0, 4000, 3000);
        big.maximized = true;
        let p = big.on(&[LAPTOP, RIGHT]);
        assert_eq!((p.width, p.height), (2560, 1440));
        assert!(p.maximized);
    }

    #[test]
    fn the_file_keeps_the_place_and_a_damaged_one_is_a_first_start() {
        let dir = tempfile::tempdir().unwrap();
        let file = WindowPlaceFile::new(dir.path());
        assert_eq!(file.load(), None);
        let kept = place(10, 20, 900, 700);
        file.save(&kept);
        assert_eq!(WindowPlaceFile::new(dir.path()).load(), Some(kept));
        std::fs::write(dir.path().join("window.json"), b"{\"x\": ").unwrap();
        assert_eq!(file.load(), None);
        assert!(!dir.path().join("window.json").exists(), "set aside");
    }
}
