//! Faults, measured: the app killed (SIGKILL, no chance to finish anything) at random moments
//! while it syncs, records a payment, saves its settings and gives reminders, a hundred times
//! over the same folders: every file still reads (none set aside as damaged) and no payment
//! recorded before the kill is lost. A full data folder (a small tmpfs) is said, and the files
//! written before stay as they were.

use app_core::secrets::{MemoryStore, SecretStore};
use app_core::{Core, CoreError, Lang, PortalChoice};
use demo_portal::{DemoPortal, Options};
use portal::PaymentKind;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const KILLS: usize = 100;

fn core_over(dir: &Path, portal: &str, origins: Vec<String>) -> Core {
    let core = Core::new(
        &dir.join("config"),
        &dir.join("data"),
        Arc::new(MemoryStore::default()) as Arc<dyn SecretStore>,
        "en_US.UTF-8",
    )
    .expect("every file the app keeps reads");
    core.accounts().set_demo_portal(portal, origins);
    core
}

/// The child's work, until it is killed: signed in, then sync, a payment recorded (its id
/// printed once the record is written), the window closed on it (recorded too), the
/// language switched, reminders given, over and over.
async fn work_until_killed() {
    let dir = PathBuf::from(std::env::var("JITOPS_FAULT_DIR").unwrap());
    let portal = std::env::var("JITOPS_FAULT_PORTAL").unwrap();
    let origins = std::env::var("JITOPS_FAULT_ORIGINS").unwrap();
    let core = core_over(
        &dir,
        &portal,
        origins.split(' ').map(str::to_owned).collect(),
    );
    core.accounts()
        .sign_in(PortalChoice::Demo, demo_portal::DEMO_EMAIL, "demo", false)
        .await
        .unwrap();
    println!("working");
    for round in 0u64.. {
        core.billing().sync().await.unwrap();
        core.reminders().take_reminders();
        let (id, _) = core
            .payments()
            .prepare_payment(1003, PaymentKind::OneOff, true)
            .await
            .unwrap();
        println!("recorded {id}");
        core.payments().checkout_closed(&id).unwrap();
        println!("closed {id}");
        let lang = if round % 2 == 0 { Lang::Sq } else { Lang::En };
        core.settings().set_language(lang).unwrap();
        core.reminders()
            .note_paid_notice(demo_portal::DEMO_EMAIL, 1000 + round % 7, "2026-0103");
    }
}

/// Every file under `dir`, by path.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// Every string in `value`, however deep.
fn strings_in(value: &serde_json::Value, found: &mut std::collections::HashSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            found.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, found)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, found)),
        _ => {}
    }
}

/// A number from the system's randomness, below `below`.
fn random_below(below: u64) -> u64 {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    u64::from_le_bytes(bytes) % below
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_a_hundred_times_at_random_no_file_is_damaged_and_no_payment_lost() {
    const NAME: &str = "killed_a_hundred_times_at_random_no_file_is_damaged_and_no_payment_lost";
    if test_support::child::is_child(NAME) {
        work_until_killed().await;
        return;
    }
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut recorded: Vec<String> = vec![];
    let mut closed: Vec<String> = vec![];
    let mut kill_points = vec![];
    for kill in 0..KILLS {
        let mut child = test_support::child::command(NAME)
            .env("JITOPS_FAULT_DIR", dir.path())
            .env("JITOPS_FAULT_PORTAL", demo.portal_url())
            .env("JITOPS_FAULT_ORIGINS", demo.processor_origins().join(" "))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Signed in and at work: from here, any moment is as good as another.
        loop {
            let line = lines
                .next()
                .expect("the child works (it ended before)")
                .unwrap();
            // libtest writes the test's name on the same line first.
            if line.ends_with("working") {
                break;
            }
        }
        // The moment is the test's randomness, not a wait for something: a round of the
        // work takes about 100 ms, so kills land in every part of it.
        let after = random_below(250);
        kill_points.push(after);
        tokio::time::sleep(Duration::from_millis(after)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        // What it printed before the kill: each line was printed once its record was written.
        for line in lines.map_while(Result::ok) {
            if let Some(id) = line.strip_prefix("recorded ") {
                recorded.push(id.to_owned());
            } else if let Some(id) = line.strip_prefix("closed ") {
                closed.push(id.to_owned());
            }
        }
        // Every file reads; none was set aside as damaged; every payment recorded is there,
        // in the state it was last recorded in.
        let core = core_over(dir.path(), demo.portal_url(), demo.processor_origins());
        let damaged: Vec<_> = files_under(dir.path())
            .into_iter()
            .filter(|p| p.to_string_lossy().contains("damaged"))
            .collect();
        assert!(damaged.is_empty(), "kill {kill}: set aside {damaged:?}");
        for path in files_under(dir.path()) {
            if path.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&path).unwrap();
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
                    "kill {kill}: {} does not read",
                    path.display()
                );
            }
        }
        // The record read once (asking the core for each attempt reads it each time). A kill
        // before the first payment leaves none.
        let record: serde_json::Value = match std::fs::read(dir.path().join("data/payments.json")) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => serde_json::Value::Null,
            Err(e) => panic!("kill {kill}: the payment record: {e}"),
        };
        let mut kept = std::collections::HashSet::new();
        strings_in(&record, &mut kept);
        for id in &recorded {
            assert!(kept.contains(id), "kill {kill}: payment {id} lost");
        }
        // The last ones, through the core: there, and closed when their closing was recorded.
        for id in recorded.iter().rev().take(3) {
            let attempt = core.payments().attempt(id);
            assert!(attempt.is_some(), "kill {kill}: payment {id} lost");
        }
        for id in closed.iter().rev().take(3) {
            assert_eq!(
                core.payments().attempt(id).unwrap().state,
                app_core::attempts::AttemptState::WindowClosed,
                "kill {kill}: payment {id} lost its closing"
            );
        }
        drop(core);
        // Reminders given are recorded once each: the record goes, so the next run gives
        // (and writes) them again.
        let _ = std::fs::remove_file(dir.path().join("data/reminders.json"));
    }
    println!(
        "{KILLS} kills at {kill_points:?} ms after the work began; {} payments recorded, {} closed, none lost",
        recorded.len(),
        closed.len()
    );
    assert!(
        recorded.len() >= KILLS / 2,
        "the kills landed while payments were being recorded ({} recorded)",
        recorded.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_data_folder_is_said_and_the_files_before_stay_intact() {
    const NAME: &str = "a_full_data_folder_is_said_and_the_files_before_stay_intact";
    if !test_support::child::is_child(NAME) {
        test_support::child::run_in_own_mounts(NAME, false);
        return;
    }
    let w = test_support::world::start(Options::default()).await;
    test_support::world::synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let (id, _) = w
        .core
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap();
    let data = w.dir.path().join("data");
    let config = w.dir.path().join("config");
    let before: Vec<(PathBuf, Vec<u8>)> = files_under(&data)
        .into_iter()
        .chain(files_under(&config))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    assert!(before.iter().any(|(p, _)| p.ends_with("payments.json")));
    // Both folders on a small tmpfs holding the same files, then filled to the last byte.
    for folder in [&data, &config] {
        let saved = tempfile::tempdir().unwrap();
        let copy = |from: &Path, to: &Path| {
            let status = std::process::Command::new("cp")
                .arg("-a")
                .arg(format!("{}/.", from.display()))
                .arg(to)
                .status()
                .unwrap();
            assert!(status.success());
        };
        copy(folder, saved.path());
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs"])
            .arg(folder)
            .status()
            .unwrap();
        assert!(status.success(), "mount a tmpfs on {}", folder.display());
        copy(saved.path(), folder);
        let mut filler = std::fs::File::create(folder.join("filler")).unwrap();
        let block = vec![0u8; 64 * 1024];
        while std::io::Write::write_all(&mut filler, &block).is_ok() {}
        let _ = std::io::Write::write_all(&mut filler, &[0u8; 1]);
        let probe = folder.join("probe");
        assert!(std::fs::write(&probe, b"x").is_err(), "full");
        std::fs::remove_file(probe).unwrap();
    }
    // A payment cannot be recorded: nothing starts, and the message says why.
    let refused = w
        .core
        .payments()
        .prepare_payment(1006, PaymentKind::OneOff, false)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, CoreError::PaymentRecord(_)),
        "{refused:?}"
    );
    let said = w.core.ui_error(&refused).message;
    assert!(said.contains("disk space"), "{said}");
    assert!(matches!(
        w.core.payments().checkout_closed(&id),
        Err(CoreError::PaymentRecord(_))
    ));
    // A sync still shows the portal's figures; that its copy for use offline was not saved
    // is said on the dashboard.
    let dashboard = w.core.billing().sync().await.unwrap();
    let said = dashboard.copy_not_saved.expect("said");
    assert!(said.contains("disk may be full"), "{said}");
    // A setting that cannot be saved is said.
    let setting = w.core.settings().set_language(Lang::Sq).unwrap_err();
    let said = w.core.ui_error(&setting).message;
    assert!(said.contains("the disk is full"), "{said}");
    // Everything written before is as it was, and still reads.
    for (path, bytes) in &before {
        assert_eq!(
            &std::fs::read(path).unwrap(),
            bytes,
            "{} changed",
            path.display()
        );
    }
    let temporary: Vec<_> = files_under(&data)
        .into_iter()
        .chain(files_under(&config))
        .filter(|p| !before.iter().any(|(b, _)| b == p))
        .filter(|p| !p.ends_with("filler"))
        .collect();
    assert!(temporary.is_empty(), "left behind: {temporary:?}");
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        app_core::attempts::AttemptState::Opened
    );
    // Room again: the next sync writes the copy, and the warning goes.
    for folder in [&data, &config] {
        std::fs::remove_file(folder.join("filler")).unwrap();
    }
    let dashboard = w.core.billing().sync().await.unwrap();
    assert_eq!(dashboard.copy_not_saved, None);
}
