//! The updater as a release meets it, on loopback: a manifest and a package signed by the test
//! with a throwaway key; the app trusting that key is offered the update and installs it with
//! the package manager (a stand-in here, which notes what it was given); a changed file, a
//! package signed by another key and a signature of another version are refused and nothing is
//! handed to the package manager; "no update" (204) and an unreachable server show nothing.

use super::*;
use crate::Shell;
use app_core::secrets::{MemoryStore, SecretStore};
use app_core::Core;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};

const PACKAGE: &[u8] = b"!<arch>\ndebian-binary   the new version's package";

/// A throwaway signing key, as `tauri signer generate` makes one: the public key is the
/// minisign key file, in base64.
struct Key {
    public: String,
    pair: minisign::KeyPair,
}

fn key() -> Key {
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let file = pair.pk.to_box().unwrap().into_string();
    Key {
        public: base64(file.as_bytes()),
        pair,
    }
}

/// The signature of `bytes` for `version`, as the manifest carries it (the minisign
/// signature file, in base64; the trusted comment names the version, as `make release`'s).
fn sign(key: &Key, bytes: &[u8], version: &str) -> String {
    let comment = format!("timestamp:1765000000\tfile:jitops-billing.deb\tversion:{version}");
    let signature = minisign::sign(
        Some(&key.pair.pk),
        &key.pair.sk,
        std::io::Cursor::new(bytes),
        Some(&comment),
        Some("signature from the tests"),
    )
    .unwrap();
    base64(signature.into_string().as_bytes())
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The tests' update server: `/latest.json` offers version 9.9.9 at `/package.deb` with
/// `signature`; `/none` answers 204. The package served is `served`.
async fn server(signature: String, served: &'static [u8]) -> url::Url {
    use axum::routing::get;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let manifest = serde_json::json!({
        "version": "9.9.9",
        "pub_date": "2026-12-01T09:00:00Z",
        "notes": "Payments are confirmed sooner.\n\nPagesat konfirmohen më shpejt.",
        "notes_by_language": {
            "en": "Payments are confirmed sooner.",
            "sq": "Pagesat konfirmohen më shpejt."
        },
        "platforms": {
            "linux-x86_64": { "signature": signature, "url": format!("{base}/package.deb") }
        }
    });
    let app = axum::Router::new()
        .route(
            "/latest.json",
            get(move || async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    manifest.to_string(),
                )
            }),
        )
        .route("/package.deb", get(move || async move { served }))
        .route(
            "/none",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url::Url::parse(&format!("{base}/latest.json")).unwrap()
}

/// The app trusting `trusted`, asking `endpoint`, with a stand-in package manager that copies
/// what it is given to `installed`.
struct TestApp {
    app: tauri::App<MockRuntime>,
    installed: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn app(trusted: &Key, endpoint: url::Url) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let core = Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        Arc::new(MemoryStore::default()) as Arc<dyn SecretStore>,
        "en_US.UTF-8",
    )
    .unwrap();
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
    let key = key();
    let endpoint = server(sign(&key, PACKAGE, "9.9.9"), PACKAGE).await;
    let t = app(&key, endpoint);
    check(t.app.handle(), true).await;
    let view = t.view();
    assert_eq!(view.phase, "offered", "{}", view.status);
    assert_eq!(view.offered_version.as_deref(), Some("9.9.9"));
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
    let t = app(trusted, server(signature, served).await);
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
    let key = key();
    refused(
        &key,
        sign(&key, PACKAGE, "9.9.9"),
        b"!<arch>\nsomething else",
    )
    .await;
}

#[tokio::test]
async fn a_package_signed_by_another_key_is_refused_and_nothing_installed() {
    let (ours, theirs) = (key(), key());
    refused(&ours, sign(&theirs, PACKAGE, "9.9.9"), PACKAGE).await;
}

#[tokio::test]
async fn an_older_release_announced_as_newer_is_refused() {
    // A genuine signature of 1.0.0's package, announced as 9.9.9 to force a downgrade.
    let key = key();
    refused(&key, sign(&key, PACKAGE, "1.0.0"), PACKAGE).await;
}

#[tokio::test]
async fn no_update_and_an_unreachable_server_show_nothing() {
    let key = key();
    let endpoint = server(String::new(), PACKAGE).await;
    let t = app(&key, endpoint.join("/none").unwrap());
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
