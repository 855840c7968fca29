//! Updates in a real window: an app trusting the tests' throwaway key finds the newer version
//! at start, Settings shows it with What's new, "Download and install" hands the verified
//! package to the package manager (a stand-in `dpkg` that keeps what it was given) and offers
//! the restart; a changed file is refused there, said, and nothing is handed over.

use crate::harness::{self, App, Launch};
use test_support::update_server::{serve, Key, OFFERED};

const PACKAGE: &[u8] = b"!<arch>\ndebian-binary   the new version's package";

/// The app on the demo portal, trusting `key`, asking `manifest`, installing with a stand-in
/// `dpkg` that copies the package it is given to the file returned.
async fn app_with_updates(key: &Key, manifest: &url::Url) -> (App, std::path::PathBuf) {
    let bin = harness::scenario_path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let installed = bin.join("installed.deb");
    let dpkg = bin.join("dpkg");
    std::fs::write(
        &dpkg,
        format!(
            "#!/bin/sh\n[ \"$1\" = -i ] && cp \"$2\" '{}'\n",
            installed.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&dpkg, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let app = App::launch(Launch {
        args: vec!["--demo".into()],
        env: vec![
            ("JITOPS_UPDATE_ENDPOINT".into(), manifest.to_string()),
            ("JITOPS_UPDATE_PUBKEY".into(), key.public.clone()),
            ("JITOPS_UPDATE_INSTALL_AS".into(), "deb".into()),
            ("PATH".into(), path),
        ],
        ..Launch::default()
    })
    .await;
    app.sign_in_demo(demo_portal::DEMO_EMAIL, "demo", false)
        .await;
    app.wait_screen("dashboard").await;
    app.click("#nav-settings").await;
    app.wait_screen("settings").await;
    (app, installed)
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_signed_update_found_at_start_is_installed_at_the_persons_word() {
    harness::scenario(
        "a_signed_update_found_at_start_is_installed_at_the_persons_word",
        || async {
            let key = Key::new();
            let server = serve(key.sign(PACKAGE, OFFERED), PACKAGE).await;
            let (app, installed) = app_with_updates(&key, &server.manifest).await;
            // Looked for at start, without being asked.
            app.wait_text("#update-status", "the offer", |s| {
                s == "Version 9.9.9 is available."
            })
            .await;
            assert_eq!(
                app.text("#update-notes").await,
                "Payments are confirmed sooner."
            );
            assert_eq!(app.text("#update-notes-title").await, "What’s new in 9.9.9");
            assert!(
                !installed.exists(),
                "nothing installed before the person asks"
            );
            app.audit("settings-update-offered").await;
            app.click("#install-update").await;
            app.wait_text("#update-status", "installed", |s| {
                s.starts_with("Version 9.9.9 is installed")
            })
            .await;
            assert_eq!(
                std::fs::read(&installed).unwrap(),
                PACKAGE,
                "dpkg -i got the verified package"
            );
            app.wait_for("#restart-update:not([hidden])").await;
            assert!(app.absent("#install-update:not([hidden])").await);
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_changed_update_is_refused_said_and_nothing_installed() {
    harness::scenario(
        "a_changed_update_is_refused_said_and_nothing_installed",
        || async {
            let key = Key::new();
            let server = serve(key.sign(PACKAGE, OFFERED), b"!<arch>\nsomething else").await;
            let (app, installed) = app_with_updates(&key, &server.manifest).await;
            app.wait_text("#update-status", "the offer", |s| {
                s.ends_with("is available.")
            })
            .await;
            app.click("#install-update").await;
            let said = app
                .wait_text("#update-status", "the refusal", |s| {
                    s.contains("signature is not valid")
                })
                .await;
            assert!(said.contains("nothing was installed"), "{said}");
            assert!(!installed.exists(), "nothing handed to dpkg");
            // The offer stays, to try again; no restart is offered.
            app.wait_for("#install-update:not([hidden])").await;
            assert!(app.absent("#restart-update:not([hidden])").await);
        },
    )
    .await;
}
