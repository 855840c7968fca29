//! The updater as a release meets it, on loopback: a manifest and a package signed by the test
//! with a throwaway key; the app trusting that key is offered the update and installs it with
//! the package manager (a stand-in here, which notes what it was given); a changed file, a
//! package signed by another key and a signature of another version are refused and nothing is
//! handed to the package manager; "no update" (204) and an unreachable server show nothing.

use super::*;
use crate::Shell;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use test_support::update_server::{serve, Key, OFFERED};

const PACKAGE: &[u8] = b"!<arch>\ndebian-binary   the new version's package";

/// The app trusting `trusted`, asking `endpoint`, with a stand-in package manager that copies
/// what it is given to `installed`.
struct TestApp {
    app: tauri::App<MockRuntime>,
    installed: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn app(trusted: &Key, endpoint: url::Url) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let core = test_support::world::core_without_portal(&dir);
    // The checks the app makes by itself would race the test's own.
    core.updates().set_checks(false).unwrap();
    // As `tauri.conf.json` has it: the key and the endpoint come from the build, and a
    // signature must name the version it was made for.
    let mut context = mock_context(noop_assets());
    context.config_mut().plugins.0.insert(
        "updater".into(),
        serde_json::json!({ "pubkey": "", "endpoints": [], "requireSignedVersion": true }),
    );
    let app = mock_builder().build(context).unwrap();
    app.manage(Shell {
        core: Arc::new(core),
        demo: tokio::sync::Mutex::new(None),
        checkout: std::sync::Mutex::new(None),
        started_in_demo: false,
        stop_pdfs: AtomicBool::new(false),
        stop_statement: AtomicBool::new(false),
        timing: false,
    });
    let installed = dir.path().join("installed.deb");
    let dpkg = dir.path().join("dpkg");
    std::fs::write(
        &dpkg,
        format!(
            "#!/bin/sh\n[ \"$1\" = -i ] && cp \"$2\" '{}'\n",
            installed.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dpkg, std::fs::Permissions::from_mode(0o700)).unwrap();
    start(
        app.handle(),
        Some(Source {
            endpoint,
            pubkey: trusted.public.clone(),
        }),
        Some(Installer::stand_in(PackageManager::Dpkg, dpkg)),
    );
    TestApp {
        app,
        installed,
        _dir: dir,
    }
}

impl TestApp {
    fn view(&self) -> app_core::updates::UpdateView {
        self.app.state::<Shell>().core.updates().view()
    }
}

#[tokio::test]
async fn a_signed_update_is_offered_downloaded_verified_and_installed() {
    let key = Key::new();
    let endpoint = serve(key.sign(PACKAGE, OFFERED), PACKAGE).await.manifest;
    let t = app(&key, endpoint);
    check(t.app.handle(), true).await;
    let view = t.view();
    assert_eq!(view.phase, "offered", "{}", view.status);
    assert_eq!(view.offered_version.as_deref(), Some(OFFERED));
    assert_eq!(
        view.notes.as_deref(),
        Some("Payments are confirmed sooner.")
    );
    install(t.app.handle()).await;
    let view = t.view();
    assert_eq!(view.phase, "installed", "{}", view.status);
    assert_eq!(
        std::fs::read(&t.installed).unwrap(),
        PACKAGE,
        "dpkg -i got the package"
    );
}

/// Offered, then refused at download: nothing reaches the package manager.
async fn refused(trusted: &Key, signature: String, served: &'static [u8]) {
    let t = app(trusted, serve(signature, served).await.manifest);
    check(t.app.handle(), true).await;
    assert_eq!(t.view().phase, "offered");
    install(t.app.handle()).await;
    let view = t.view();
    assert_eq!(view.phase, "failed");
    assert!(
        view.status
            .contains("signature is not valid, so nothing was installed"),
        "{}",
        view.status
    );
    assert!(!t.installed.exists(), "nothing was handed to dpkg");
    assert!(view.can_install, "the offer stays");
}

#[tokio::test]
async fn a_changed_file_is_refused_and_nothing_installed() {
    let key = Key::new();
    refused(&key, key.sign(PACKAGE, OFFERED), b"!<arch>\nsomething else").await;
}

#[tokio::test]
async fn a_package_signed_by_another_key_is_refused_and_nothing_installed() {
    let (ours, theirs) = (Key::new(), Key::new());
    refused(&ours, theirs.sign(PACKAGE, OFFERED), PACKAGE).await;
}

#[tokio::test]
async fn an_older_release_announced_as_newer_is_refused() {
    // A genuine signature of 1.0.0's package, announced as 9.9.9 to force a downgrade.
    let key = Key::new();
    refused(&key, key.sign(PACKAGE, "1.0.0"), PACKAGE).await;
}

#[tokio::test]
async fn no_update_and_an_unreachable_server_show_nothing() {
    let key = Key::new();
    let t = app(&key, serve(String::new(), PACKAGE).await.none);
    check(t.app.handle(), false).await;
    let view = t.view();
    assert_eq!((view.phase, view.offered_version), ("idle", None));
    assert!(
        view.status.starts_with("You have the latest version"),
        "{}",
        view.status
    );

    // A port nobody listens on: an automatic check says nothing and stays due.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let t = app(
        &key,
        url::Url::parse(&format!("http://127.0.0.1:{port}/latest.json")).unwrap(),
    );
    check(t.app.handle(), false).await;
    let core = Arc::clone(&t.app.state::<Shell>().core);
    assert_eq!(core.updates().view().phase, "idle");
    core.updates().set_checks(true).unwrap();
    assert!(
        core.updates().check_due(chrono::Utc::now()),
        "tried again later"
    );
    // Asked by the person, it is said.
    check(t.app.handle(), true).await;
    assert!(core
        .updates()
        .view()
        .status
        .contains("could not be reached"));
}
