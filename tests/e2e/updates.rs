//! Updates in a real window: an app trusting the tests' throwaway key finds the newer version
//! at start, Settings shows it with What's new, "Download and install" hands the verified
//! package to dpkg (the real one, installing into a private root with its own database, so the
//! machine's packages are untouched), which installs it: `dpkg-query` then shows the new
//! version. "Restart" then starts the installed program, and it is the new version: this very
//! app built as 9.9.9 (tests/run-e2e.sh builds it). A changed file is refused, said, and
//! nothing reaches dpkg.

use crate::harness::{self, App, Launch};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::Duration;
use test_support::update_server::{serve, Key, OFFERED};

/// A package `jitops-billing` `version` whose program (`/usr/bin/jitops-billing`) is
/// `program`. Not compressed: the apps in it are large, and packing is not what is tested.
fn package(version: &str, program: &[u8]) -> Vec<u8> {
    let dir = harness::scenario_path("package");
    let bin = dir.join("tree/usr/bin");
    std::fs::create_dir_all(dir.join("tree/DEBIAN")).unwrap();
    std::fs::create_dir_all(&bin).unwrap();
    let control = format!(
        "Package: jitops-billing\nVersion: {version}\nArchitecture: amd64\n\
         Maintainer: JitOps tests <tests@jitops.invalid>\nDescription: the app of the tests\n"
    );
    std::fs::write(dir.join("tree/DEBIAN/control"), control).unwrap();
    let installed = bin.join("jitops-billing");
    std::fs::write(&installed, program).unwrap();
    std::fs::set_permissions(&installed, std::fs::Permissions::from_mode(0o755)).unwrap();
    let deb = dir.join("package.deb");
    let built = std::process::Command::new("dpkg-deb")
        .args(["-Znone", "--root-owner-group", "--build"])
        .arg(dir.join("tree"))
        .arg(&deb)
        .output()
        .expect("dpkg-deb");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let bytes = std::fs::read(&deb).unwrap();
    let _ = std::fs::remove_dir_all(dir);
    bytes
}

/// A private root for the real `dpkg` (its own database in `var/lib/dpkg`), and the `dpkg` the
/// app finds on its PATH, which installs there.
struct PrivateRoot {
    path: PathBuf,
    /// The PATH to start the app with.
    search_path: String,
}

impl PrivateRoot {
    fn new() -> PrivateRoot {
        let bin = harness::scenario_path("bin");
        let path = harness::scenario_path("root");
        for dir in ["info", "updates", "triggers"] {
            std::fs::create_dir_all(path.join("var/lib/dpkg").join(dir)).unwrap();
        }
        std::fs::write(path.join("var/lib/dpkg/status"), "").unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        let dpkg = bin.join("dpkg");
        let wrapper = format!(
            "#!/bin/sh\nexec /usr/bin/dpkg --force-not-root --root='{}' \"$@\"\n",
            path.display()
        );
        std::fs::write(&dpkg, wrapper).unwrap();
        std::fs::set_permissions(&dpkg, std::fs::Permissions::from_mode(0o755)).unwrap();
        let search_path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        PrivateRoot { path, search_path }
    }

    /// Installs `deb` as a person installs the app's package.
    fn install(&self, deb: &[u8]) {
        let file = self.path.join("first.deb");
        std::fs::write(&file, deb).unwrap();
        let out = std::process::Command::new("/usr/bin/dpkg")
            .arg("--force-not-root")
            .arg(format!("--root={}", self.path.display()))
            .arg("-i")
            .arg(&file)
            .output()
            .expect("dpkg");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::remove_file(file).unwrap();
    }

    /// The version of `jitops-billing` dpkg has installed here, if any.
    fn installed_version(&self) -> Option<String> {
        let out = std::process::Command::new("dpkg-query")
            .arg(format!(
                "--admindir={}",
                self.path.join("var/lib/dpkg").display()
            ))
            .args(["-W", "-f=${Version}", "jitops-billing"])
            .output()
            .expect("dpkg-query");
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// The program the package installs.
    fn program(&self) -> PathBuf {
        self.path.join("usr/bin/jitops-billing")
    }
}

/// The app on the demo portal (the program `binary`, else the build under test), trusting
/// `key`, asking `manifest`, installing with the real `dpkg` into `root`; on Settings.
async fn app_with_updates(
    key: &Key,
    manifest: &url::Url,
    root: &PrivateRoot,
    binary: Option<PathBuf>,
) -> App {
    let app = App::launch(Launch {
        args: vec!["--demo".into()],
        env: vec![
            ("JITOPS_UPDATE_ENDPOINT".into(), manifest.to_string()),
            ("JITOPS_UPDATE_PUBKEY".into(), key.public.clone()),
            ("JITOPS_UPDATE_INSTALL_AS".into(), "deb".into()),
            ("PATH".into(), root.search_path.clone()),
        ],
        binary,
        ..Launch::default()
    })
    .await;
    app.sign_in_demo(demo_portal::DEMO_EMAIL, "demo", false)
        .await;
    app.wait_screen("dashboard").await;
    app.click("#nav-settings").await;
    app.wait_screen("settings").await;
    app
}

/// The processes running `program` itself (a program replaced under a process shows as
/// "(deleted)" and is not counted): ended when dropped, whatever the test's outcome, since a
/// restarted app is no longer below the driver that the harness ends.
struct CopiesRunning(PathBuf);

impl CopiesRunning {
    fn pids(&self) -> Vec<u32> {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let pid = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
                let exe = std::fs::read_link(entry.path().join("exe")).ok()?;
                (exe == self.0).then_some(pid)
            })
            .collect()
    }
}

impl Drop for CopiesRunning {
    fn drop(&mut self) {
        for pid in self.pids() {
            harness::kill_tree(pid);
        }
    }
}

/// The next version this suite runs as: this build under version `OFFERED`, made by
/// tests/run-e2e.sh.
fn next_version_program() -> Vec<u8> {
    let next = std::env::var_os("JITOPS_E2E_NEXT_APP")
        .expect("JITOPS_E2E_NEXT_APP: the app's next version, built by tests/run-e2e.sh");
    std::fs::read(next).expect("the app's next version")
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_signed_update_found_at_start_is_installed_and_started_at_the_persons_word() {
    harness::scenario(
        "a_signed_update_found_at_start_is_installed_and_started_at_the_persons_word",
        || async {
            let root = PrivateRoot::new();
            // The version running is this build, installed from its package.
            let this_build = std::fs::read(harness::app_binary()).unwrap();
            root.install(&package(env!("CARGO_PKG_VERSION"), &this_build));
            let key = Key::new();
            let update = package(OFFERED, &next_version_program());
            let server = serve(key.sign(&update, OFFERED), update).await;
            let running = CopiesRunning(root.program());
            let app = app_with_updates(&key, &server.manifest, &root, Some(root.program())).await;
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
                root.installed_version().as_deref(),
                Some(env!("CARGO_PKG_VERSION")),
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
                root.installed_version().as_deref(),
                Some(OFFERED),
                "dpkg-query -W"
            );
            assert!(
                running.pids().is_empty(),
                "the version running is the one the package replaced"
            );
            app.wait_for("#restart-update:not([hidden])").await;
            assert!(app.absent("#install-update:not([hidden])").await);
            app.click_ending_the_app("#restart-update").await;
            // The window the driver spoke to is gone with its process: from here the new
            // version is seen from outside. Its start is written to the output log (the old
            // process's, which it inherits), and it runs the program dpkg installed.
            let log = app.home.join("output.log");
            test_support::wait::until_blocking(
                "the new version to start",
                Duration::from_secs(60),
                || {
                    let said = std::fs::read_to_string(&log).ok()?;
                    said.contains(&format!("the app starts version={OFFERED}"))
                        .then_some(())
                },
            );
            test_support::wait::until_blocking(
                "the installed program to run",
                Duration::from_secs(30),
                || (!running.pids().is_empty()).then_some(()),
            );
            harness::wait_window_shown("JitOps Billing", true).await;
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
            let root = PrivateRoot::new();
            let key = Key::new();
            let program = format!("#!/bin/sh\necho {OFFERED}\n");
            let update = package(OFFERED, program.as_bytes());
            let mut changed = update.clone();
            let last = changed.len() - 1;
            changed[last] ^= 1;
            let server = serve(key.sign(&update, OFFERED), changed).await;
            let app = app_with_updates(&key, &server.manifest, &root, None).await;
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
            assert_eq!(root.installed_version(), None, "nothing reached dpkg");
            // The offer stays, to try again; no restart is offered.
            app.wait_for("#install-update:not([hidden])").await;
            assert!(app.absent("#restart-update:not([hidden])").await);
        },
    )
    .await;
}
