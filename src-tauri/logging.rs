//! Owns the app's log: warnings and errors (a command that failed, by its name and the error's
//! kind) go to a small rotating file in the XDG state folder (`app_core::diagnostics`), which
//! "Copy diagnostics" reads back, and to standard error. Commands are logged by name only
//! (`#[instrument(skip_all)]`): their arguments (a password, a code) never reach the log.

use app_core::diagnostics::{log_dir, private_log_dir, LOG_FILES_KEPT, LOG_PREFIX, LOG_SUFFIX};
use tracing_subscriber::fmt::writer::MakeWriterExt;

/// Starts logging; without a usable state folder, to standard error only.
pub fn init() {
    let file = log_dir().and_then(|dir| {
        private_log_dir(&dir).ok()?;
        let appender = tracing_appender::rolling::RollingFileAppender::builder()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix(LOG_PREFIX)
            .filename_suffix(LOG_SUFFIX)
            .max_log_files(LOG_FILES_KEPT)
            .build(&dir)
            .ok()?;
        // The day's file the appender just opened, made the owner's only too.
        private_log_dir(&dir).ok()?;
        Some(appender)
    });
    let builder = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO);
    let result = match file {
        Some(file) => builder
            .with_writer(std::io::stderr.and(file.with_max_level(tracing::Level::WARN)))
            .try_init(),
        None => builder.with_writer(std::io::stderr).try_init(),
    };
    // A second start in one process (tests) keeps the first subscriber.
    let _ = result;
}
