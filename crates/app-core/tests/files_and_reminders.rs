//! What the app writes and gives: reminders once per invoice, every PDF of a list saved into a
//! folder, and every file the owner's only.

use app_core::views::Filter;
use app_core::Lang;
use portal::PaymentKind;
use test_support::world::{all_rows, core_in as new_core, synced, world};

#[tokio::test]
async fn reminders_are_given_once_per_invoice_and_summed_up_when_many() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    // The demo customer has two overdue invoices and none due within three days.
    let notices = w.core.reminders().take_reminders();
    let titles: Vec<&str> = notices.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(notices.len(), 2, "{titles:?}");
    assert!(
        titles.iter().all(|t| t.ends_with("is overdue")),
        "{titles:?}"
    );
    assert!(notices[0].body.contains("was due on"), "{:?}", notices[0]);
    assert!(w.core.reminders().take_reminders().is_empty(), "given once");
    w.core.billing().sync().await.unwrap();
    assert!(
        w.core.reminders().take_reminders().is_empty(),
        "a new sync does not repeat them"
    );
    let restarted = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    synced(&restarted, demo_portal::DEMO_EMAIL, false).await;
    assert!(
        restarted.reminders().take_reminders().is_empty(),
        "nor does a restart"
    );

    // The accountant: 3 due within three days and 16 overdue make one summary, in Albanian.
    restarted.settings().set_language(Lang::Sq).unwrap();
    synced(&restarted, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let notices = restarted.reminders().take_reminders();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].title, "19 fatura duhen paguar");
    assert!(
        notices[0]
            .body
            .starts_with("3 me afat brenda 3 ditëve, 16 të prapambetura"),
        "{}",
        notices[0].body
    );
}

#[tokio::test]
async fn save_all_pdfs_skips_what_is_there_reports_progress_and_stops_when_asked() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let all = all_rows(&w.core);
    let dir = w.dir.path().join("pdfs");
    let keep_going = AtomicBool::new(false);
    let mut seen = vec![];
    let first = w
        .core
        .billing()
        .save_pdfs(Filter::All, &dir, &keep_going, |p| seen.push(p.done))
        .await
        .unwrap();
    assert_eq!((first.saved, first.skipped, first.failed), (all, 0, 0));
    assert_eq!(seen, (1..=all).collect::<Vec<_>>(), "progress after each");
    assert!(
        first.message.starts_with(&format!("{all} PDFs saved to ")),
        "{}",
        first.message
    );
    // (Beside them, hidden, the app's record of which file is which invoice.)
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|f| !f.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(files.len(), all, "no partial file left");
    for f in &files {
        assert!(std::fs::read(f.path()).unwrap().starts_with(b"%PDF-"));
    }
    // Again: everything is there. One removed: only it is fetched.
    std::fs::remove_file(dir.join("Invoice-2026-0103.pdf")).unwrap();
    let again = w
        .core
        .billing()
        .save_pdfs(Filter::All, &dir, &keep_going, |_| {})
        .await
        .unwrap();
    assert_eq!((again.saved, again.skipped), (1, all - 1));
    // A file of an invoice's name that is not its PDF (the person's own, or another
    // account's): left as it is, and the invoice's PDF saved beside it.
    std::fs::write(dir.join("Invoice-2026-0104.pdf"), b"my own notes").unwrap();
    std::fs::remove_file(dir.join("Invoice-2026-0103.pdf")).unwrap();
    std::fs::write(dir.join("Invoice-2026-0103.pdf"), b"another account's PDF").unwrap();
    let beside = w
        .core
        .billing()
        .save_pdfs(Filter::All, &dir, &keep_going, |_| {})
        .await
        .unwrap();
    assert_eq!((beside.saved, beside.skipped), (2, all - 2));
    assert_eq!(
        std::fs::read(dir.join("Invoice-2026-0104.pdf")).unwrap(),
        b"my own notes"
    );
    assert!(std::fs::read(dir.join("Invoice-2026-0104 (2).pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(std::fs::read(dir.join("Invoice-2026-0103 (2).pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    // Stopped before the first: nothing done.
    let stop = AtomicBool::new(true);
    let stopped = w
        .core
        .billing()
        .save_pdfs(Filter::Unpaid, &w.dir.path().join("other"), &stop, |_| {})
        .await
        .unwrap();
    assert!(stopped.cancelled);
    assert_eq!(stopped.done, 0);
    stop.store(false, Ordering::SeqCst);
}

/// Every file the app wrote under `dir`, and every folder, with its permission bits.
#[cfg(unix)]
fn modes_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        if path.is_dir() {
            found.extend(modes_under(&path));
        }
        found.push((path, mode));
    }
    found
}

#[cfg(unix)]
#[tokio::test]
async fn every_file_the_app_writes_is_the_owners_only() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    w.core
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap();
    w.core.reminders().take_reminders();
    w.core.settings().set_language(Lang::Sq).unwrap();
    let written = modes_under(w.dir.path());
    let names: Vec<String> = written
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "settings.json",
        "payments.json",
        "reminders.json",
        "offline",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for (path, mode) in written {
        let wanted = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, wanted, "{}", path.display());
    }
}
