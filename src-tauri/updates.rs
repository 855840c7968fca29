//! Owns the app's updates on the desktop: where they come from (the endpoint and public key set
//! when a release is built; none, no updater), asking the server at start and every hour while
//! a check is due (`app_core::updates` decides), the download with its progress, the minisign
//! signature checked by the updater plugin before anything is installed, the install through
//! the system's package manager, and the restart at the person's word.

use app_core::updates::{Build, Offer, UpdateFailure};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

/// How often the app asks app-core whether a check is due (it is, at start and a day after the
/// server last answered, or within the hour after a check it did not answer).
const LOOK_EVERY: Duration = Duration::from_secs(60 * 60);

/// Where updates come from: both set when a release is built (`make release`), or neither.
#[derive(Debug, Clone)]
pub struct Source {
    pub endpoint: url::Url,
    pub pubkey: String,
}

/// The endpoint and key this copy was built with. A debug build (the tests') may be given
/// them when it starts instead; a release build reads only what it was built with.
pub fn source() -> Option<Source> {
    let built = (
        option_env!("JITOPS_UPDATE_ENDPOINT"),
        option_env!("JITOPS_UPDATE_PUBKEY"),
    );
    #[cfg(debug_assertions)]
    let given = (
        std::env::var("JITOPS_UPDATE_ENDPOINT").ok(),
        std::env::var("JITOPS_UPDATE_PUBKEY").ok(),
    );
    #[cfg(debug_assertions)]
    let (endpoint, pubkey) = (
        given.0.as_deref().or(built.0),
        given.1.as_deref().or(built.1),
    );
    #[cfg(not(debug_assertions))]
    let (endpoint, pubkey) = built;
    let (endpoint, pubkey) = (endpoint?.trim(), pubkey?.trim());
    if endpoint.is_empty() || pubkey.is_empty() {
        return None;
    }
    Some(Source {
        endpoint: url::Url::parse(endpoint).ok()?,
        pubkey: pubkey.to_owned(),
    })
}

/// Who installs an update: the package manager that installed this copy (the bundler writes
/// which into the binary of the .deb and the .rpm), run directly as root or through `pkexec`.
#[derive(Debug, Clone)]
pub struct Installer {
    manager: PackageManager,
    /// `dpkg` or `rpm` (a stand-in in the tests).
    program: PathBuf,
    /// Through `pkexec`: the app does not run as root.
    elevate: bool,
}

impl Installer {
    /// This copy's: none when it was not installed from a package (it cannot update itself).
    pub fn of_this_copy() -> Option<Installer> {
        let manager = installed_by()?;
        let name = match manager {
            PackageManager::Dpkg => "dpkg",
            PackageManager::Rpm => "rpm",
        };
        Some(Installer {
            manager,
            program: find_program(name).unwrap_or_else(|| PathBuf::from(name)),
            elevate: !running_as_root(),
        })
    }

    #[cfg(test)]
    pub fn stand_in(manager: PackageManager, program: PathBuf) -> Installer {
        Installer {
            manager,
            program,
            elevate: false,
        }
    }
}

/// Which package manager installed this copy. A debug build (the tests') may be told when it
/// starts.
fn installed_by() -> Option<PackageManager> {
    #[cfg(debug_assertions)]
    if let Ok(kind) = std::env::var("JITOPS_UPDATE_INSTALL_AS") {
        return match kind.as_str() {
            "deb" => Some(PackageManager::Dpkg),
            "rpm" => Some(PackageManager::Rpm),
            _ => None,
        };
    }
    match tauri::utils::platform::bundle_type() {
        Some(tauri::utils::config::BundleType::Deb) => Some(PackageManager::Dpkg),
        Some(tauri::utils::config::BundleType::Rpm) => Some(PackageManager::Rpm),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageManager {
    Dpkg,
    Rpm,
}

/// The update offered, kept for its download.
#[derive(Default)]
struct Offered(Mutex<Option<Update>>);

/// The updater plugin, with the key this copy trusts.
fn plugin<R: Runtime>(
    source: &Source,
) -> tauri::plugin::TauriPlugin<R, tauri_plugin_updater::Config> {
    tauri_plugin_updater::Builder::new()
        .pubkey(source.pubkey.clone())
        .build()
}

/// Tells app-core what this copy is and, when it has a source, looks at start and every hour
/// whether a check is due.
pub fn start<R: Runtime>(app: &AppHandle<R>, source: Option<Source>, installer: Option<Installer>) {
    let core = std::sync::Arc::clone(&app.state::<crate::Shell>().core);
    core.updates().set_build(Build {
        version: app.package_info().version.to_string(),
        has_update_server: source.is_some(),
        from_package: installer.is_some(),
    });
    app.manage(Offered::default());
    if let Some(installer) = installer {
        app.manage(installer);
    }
    let Some(source) = source else {
        tracing::info!("built without an update server: no update checks");
        return;
    };
    if let Err(e) = app.plugin(plugin(&source)) {
        tracing::warn!("the updater did not start: {e}");
        return;
    }
    app.manage(source);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            if core.updates().check_due(chrono::Utc::now()) {
                check(&app, false).await;
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

/// Asks the server for a newer version (`asked`: the person pressed "Check for updates").
pub async fn check<R: Runtime>(app: &AppHandle<R>, asked: bool) {
    let core = std::sync::Arc::clone(&app.state::<crate::Shell>().core);
    let Some(source) = app.try_state::<Source>().map(|s| s.inner().clone()) else {
        return;
    };
    if !core.updates().begin_check(asked) {
        return;
    }
    let answer = async {
        app.updater_builder()
            .endpoints(vec![source.endpoint.clone()])?
            .timeout(Duration::from_secs(30))
            .build()?
            .check()
            .await
    }
    .await;
    match answer {
        Ok(Some(update)) => {
            let offer = Offer::from_manifest(
                &update.version,
                update.date.and_then(|d| {
                    chrono::DateTime::from_timestamp(d.unix_timestamp(), d.nanosecond())
                }),
                update.body.as_deref(),
                &update.raw_json,
            );
            *app.state::<Offered>()
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner()) = Some(update);
            core.updates()
                .check_answered(chrono::Utc::now(), Some(offer));
        }
        Ok(None) => core.updates().check_answered(chrono::Utc::now(), None),
        Err(e) => {
            tracing::warn!("the update check failed: {e}");
            core.updates().check_failed(failure(&e));
        }
    }
}

/// Downloads the offered update, has its signature checked and installs it. Nothing is
/// installed unless the signature matches the key this copy trusts.
pub async fn install<R: Runtime>(app: &AppHandle<R>) {
    let core = std::sync::Arc::clone(&app.state::<crate::Shell>().core);
    let Some(installer) = app.try_state::<Installer>().map(|i| i.inner().clone()) else {
        return;
    };
    let update = app
        .state::<Offered>()
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let Some(update) = update else {
        return;
    };
    if core.updates().begin_download().is_none() {
        return;
    }
    let mut got: u64 = 0;
    // `download` checks the signature once every byte has come, before it answers.
    let bytes = update
        .download(
            |chunk, total| {
                got += chunk as u64;
                core.updates().downloaded(got, total);
            },
            || {},
        )
        .await;
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!("the update was not downloaded or not verified: {e}");
            core.updates().install_failed(failure(&e));
            return;
        }
    };
    core.updates().installing();
    let installed =
        tauri::async_runtime::spawn_blocking(move || install_package(&installer, &bytes)).await;
    match installed {
        Ok(Ok(())) => core.updates().installed(),
        Ok(Err(e)) => {
            tracing::warn!("the update was not installed: {e}");
            core.updates().install_failed(UpdateFailure::NotInstalled);
        }
        Err(e) => {
            tracing::warn!("the update's install did not run: {e}");
            core.updates().install_failed(UpdateFailure::NotInstalled);
        }
    }
}

/// Hands the verified package to the system's package manager: directly when the app runs as
/// root, through `pkexec` (the desktop's own password prompt) otherwise.
fn install_package(installer: &Installer, bytes: &[u8]) -> std::io::Result<()> {
    let dir = tempfile::Builder::new().prefix("jitops-update").tempdir()?;
    let (name, arg) = match installer.manager {
        PackageManager::Dpkg => ("update.deb", "-i"),
        PackageManager::Rpm => ("update.rpm", "-U"),
    };
    let file = dir.path().join(name);
    std::fs::write(&file, bytes)?;
    let mut command = if installer.elevate {
        let mut pkexec = std::process::Command::new("pkexec");
        pkexec.arg(&installer.program);
        pkexec
    } else {
        std::process::Command::new(&installer.program)
    };
    let status = command.arg(arg).arg(&file).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "{} ended with {status}",
            installer.program.display()
        )))
    }
}

/// pkexec wants the program's whole path.
fn find_program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's effective user.
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// What a failure of the updater means to the person.
fn failure(e: &tauri_plugin_updater::Error) -> UpdateFailure {
    use tauri_plugin_updater::Error as E;
    match e {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::MissingSignedVersion
        | E::SignedVersionMismatch { .. } => UpdateFailure::Refused,
        _ => UpdateFailure::Unreachable,
    }
}

/// Restarts into the installed version.
pub fn restart<R: Runtime>(app: &AppHandle<R>) {
    app.restart();
}

#[cfg(test)]
#[path = "updates_tests.rs"]
mod tests;
