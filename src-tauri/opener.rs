//! Owns handing a file or an address to the system's opener (the PDF viewer, the browser):
//! the `open` crate's commands for this system, started detached with the environment the
//! person had (`startup::helper_preload`), not the app's.

use std::process::{Command, Stdio};

/// Starts the first opener this system has for `target`; the error of the last one tried when
/// none could start.
pub fn open(target: &str) -> std::io::Result<()> {
    let mut last = std::io::Error::new(std::io::ErrorKind::NotFound, "no opener on this system");
    for mut command in open::commands(target) {
        match start_detached(&mut command) {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn start_detached(command: &mut Command) -> std::io::Result<()> {
    crate::startup::helper_preload::as_the_person_had_it(command);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // Reaped when it ends (an opener hands over and exits; a viewer may stay open).
    std::thread::Builder::new()
        .name("opener".into())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}
