//! Updates in a real window: an app trusting the tests' throwaway key finds the newer version
//! at start, Settings shows it with What's new, "Download and install" hands the verified
//! package to dpkg (the real one, installing into a private root with its own database, so the
//! machine's packages are untouched), which installs it: `dpkg-query` then shows the new
//! version, and the installed program is the new one. A changed file is refused, said, and
//! nothing reaches dpkg.

use crate::harness::{self, App, Launch};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use test_support::update_server::{serve, Key, OFFERED};

/// The new version's package, made by the test: `jitops-billing` 9.9.9, whose program says its
/// version.
fn new_version_package() -> Vec<u8> {
    let dir = harness::scenario_path("package");
    let bin = dir.join("tree/usr/bin");
    std::fs::create_dir_all(dir.join("tree/DEBIAN")).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let control = format!(
        "Package: jitops-billing\nVersion: {OFFERED}\nArchitecture: amd64\n\
         Maintainer: JitOps tests <tests@jitops.invalid>\nDescription: the update of the tests\n"
    );
    std::fs::write(dir.join("tree/DEBIAN/control"), control).unwrap();
    let program = bin.join("jitops-billing");
    std::fs::write(&program, format!("#!/bin/sh\necho {OFFERED}\n")).unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let deb = dir.join("update.deb");
    let built = std::process::Command::new("dpkg-deb")
        .args(["--root-owner-group", "--build"])
        .arg(dir.join("tree"))
        .arg(&deb)
        .output()
        .expect("dpkg-deb");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    std::fs::read(deb).unwrap()
}

/// The app on the demo portal, trusting `key`, asking `manifest`, installing with the real
/// `dpkg` into the private root returned (its own database in `var/lib/dpkg`).
async fn app_with_updates(key: &Key, manifest: &url::Url) -> (App, PathBuf) {
    let bin = harness::scenario_path("bin");
    let root = harness::scenario_path("root");
    for dir in ["info", "updates", "triggers"] {
        std::fs::create_dir_all(root.join("var/lib/dpkg").join(dir)).unwrap();
    }
    std::fs::write(root.join("var/lib/dpkg/status"), "").unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let dpkg = bin.join("dpkg");
    let wrapper = format!(
        "#!/bin/sh\nexec /usr/bin/dpkg --force-not-root --root='{}' \"$@\"\n",
        root.display()
    );
    std::fs::write(&dpkg, wrapper).unwrap();
    std::fs::set_permissions(&dpkg, std::fs::Permissions::from_mode(0o755)).unwrap();
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
    (app, root)
}

/// The version of `jitops-billing` dpkg has installed in `root`, if any.
fn installed_version(root: &Path) -> Option<String> {
    let out = std::process::Command::new("dpkg-query")
        .arg(format!(
            "--admindir={}",
            root.join("var/lib/dpkg").display()
        ))
        .args(["-W", "-f=${Version}", "jitops-billing"])
        .output()
        .expect("dpkg-query");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_signed_update_found_at_start_is_installed_at_the_persons_word() {
    harness::scenario(
        "a_signed_update_found_at_start_is_installed_at_the_persons_word",
        || async {
            let key = Key::new();
            let package = new_version_package();
            let server = serve(key.sign(&package, OFFERED), package).await;
            let (app, root) = app_with_updates(&key, &server.manifest).await;
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
            assert_eq!(
                installed_version(&root),
                None,
                "nothing installed before the person asks"
            );
            app.audit("settings-update-offered").await;
            app.screenshot("settings-update-offered").await;
            app.click("#install-update").await;
            app.wait_text("#update-status", "installed", |s| {
                s.starts_with("Version 9.9.9 is installed")
            })
            .await;
            assert_eq!(
                installed_version(&root).as_deref(),
                Some(OFFERED),
                "dpkg-query -W"
            );
            let program = std::process::Command::new(root.join("usr/bin/jitops-billing"))
                .output()
                .expect("the installed program");
            assert_eq!(String::from_utf8_lossy(&program.stdout).trim(), OFFERED);
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
            let package = new_version_package();
            let mut changed = package.clone();
            let last = changed.len() - 1;
            changed[last] ^= 1;
            let server = serve(key.sign(&package, OFFERED), changed).await;
            let (app, root) = app_with_updates(&key, &server.manifest).await;
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
            assert_eq!(installed_version(&root), None, "nothing reached dpkg");
            // The offer stays, to try again; no restart is offered.
            app.wait_for("#install-update:not([hidden])").await;
            assert!(app.absent("#restart-update:not([hidden])").await);
        },
    )
    .await;
}
