//! Owns putting the main window back where the person left it (`app_core::window_place`): its
//! size, place and maximized state applied in setup, before it is first shown (never its
//! visibility: a start at login stays hidden), and kept as the person moves, resizes,
//! maximizes or unmaximizes it. The checkout and sign-in windows are never kept.

use app_core::window_place::{Screen, WindowPlace, WindowPlaceFile};
use std::path::Path;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Manager, PhysicalPosition, PhysicalSize, Window, WindowEvent};

/// A drag or a resize reports many places a second: the file is written once the window has
/// been still this long, with the last one.
const STILL_FOR: Duration = Duration::from_millis(400);

/// What the shell keeps between a window's events.
struct Keeper {
    /// The size and place the window had last while neither maximized nor minimized: where it
    /// goes back to when unmaximized.
    normal: Mutex<Option<WindowPlace>>,
    /// To the writer thread.
    writes: Mutex<Sender<WindowPlace>>,
}

/// Puts the main window where it was left, and starts keeping its place.
pub fn restore(app: &AppHandle, config_dir: &Path) {
    let file = WindowPlaceFile::new(config_dir);
    let kept = file.load();
    if let (Some(place), Some(window)) = (kept, app.get_webview_window("main")) {
        let screens: Vec<Screen> = window
            .available_monitors()
            .unwrap_or_default()
            .iter()
            .map(|m| Screen {
                x: m.position().x,
                y: m.position().y,
                width: m.size().width,
                height: m.size().height,
            })
            .collect();
        let placement = place.on(&screens);
        let _ = window.set_size(PhysicalSize::new(placement.width, placement.height));
        match placement.position {
            Some((x, y)) => {
                let _ = window.set_position(PhysicalPosition::new(x, y));
            }
            None => {
                let _ = window.center();
            }
        }
        if placement.maximized {
            let _ = window.maximize();
        }
    }
    let (writes, written) = channel::<WindowPlace>();
    std::thread::Builder::new()
        .name("window-place".into())
        .spawn(move || {
            while let Ok(mut last) = written.recv() {
                // The latest of a burst, once the window is still.
                loop {
                    match written.recv_timeout(STILL_FOR) {
                        Ok(newer) => last = newer,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => {
                            file.save(&last);
                            return;
                        }
                    }
                }
                file.save(&last);
            }
        })
        .expect("a thread for the window's place");
    app.manage(Keeper {
        normal: Mutex::new(kept.filter(|p| !p.maximized)),
        writes: Mutex::new(writes),
    });
}

/// The main window moved or changed size (or was maximized, which is a change of size).
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if window.label() != "main" || !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_))
    {
        return;
    }
    let Some(keeper) = window.try_state::<Keeper>() else {
        return;
    };
    // A hidden or minimized window has no place the person chose.
    if !window.is_visible().unwrap_or(false) || window.is_minimized().unwrap_or(false) {
        return;
    }
    let maximized = window.is_maximized().unwrap_or(false);
    let (Ok(position), Ok(size)) = (window.outer_position(), window.inner_size()) else {
        return;
    };
    let mut normal = keeper.normal.lock().unwrap_or_else(|e| e.into_inner());
    let now = WindowPlace {
        x: position.x,
        y: position.y,
        width: size.width,
        height: size.height,
        maximized,
    };
    if !maximized {
        *normal = Some(now);
    }
    let place = match *normal {
        Some(before) => WindowPlace {
            maximized,
            ..before
        },
        None => now,
    };
    let _ = keeper
        .writes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send(place);
}
