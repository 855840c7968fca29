//! The app's behaviour without a window, against the demo portal: remembering the password in
//! the secret store only, restoring a session, views in both languages, and the guard against
//! paying twice.

use app_core::secrets::{MemoryStore, SecretStore};
use app_core::views::Filter;
use app_core::{Core, CoreError, Lang, PortalChoice};
use demo_portal::{DemoPortal, Options};
use portal::PaymentKind;
use secrecy::ExposeSecret;
use std::sync::Arc;

struct World {
    _demo: DemoPortal,
    dir: tempfile::TempDir,
    secrets: Arc<MemoryStore>,
    core: Core,
}

async fn world() -> World {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let core = new_core(&dir, &secrets, &demo, "en_US.UTF-8");
    World {
        _demo: demo,
        dir,
        secrets,
        core,
    }
}

fn new_core(
    dir: &tempfile::TempDir,
    secrets: &Arc<MemoryStore>,
    demo: &DemoPortal,
    locale: &str,
) -> Core {
    let core = Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        secrets.clone() as Arc<dyn SecretStore>,
        locale,
    )
    .unwrap();
    core.set_demo_portal(demo.portal_url(), demo.processor_origins());
    core
}

fn all_files_contain(dir: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(all_files_contain(&path, needle));
        } else if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle)) {
            found.push(path.display().to_string());
        }
    }
    found
}

#[tokio::test]
async fn remembered_password_lives_in_the_secret_store_only_and_restores_the_session() {
    // A password that nothing else in the app's files could contain by chance.
    const PASSWORD: &str = "Pw-unit-3b1e9c";
    let demo = DemoPortal::start(Options {
        password: PASSWORD.into(),
        ..Options::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let w = World {
        core: new_core(&dir, &secrets, &demo, "en_US.UTF-8"),
        _demo: demo,
        dir,
        secrets,
    };
    let outcome = w
        .core
        .sign_in(PortalChoice::Demo, "demo@jitops.example", PASSWORD, true)
        .await
        .unwrap();
    assert!(!outcome.second_factor);
    assert_eq!(outcome.account.unwrap().label, "demo@jitops.example (demo)");
    assert_eq!(
        w.secrets
            .get("demo@jitops.example@demo")
            .unwrap()
            .as_ref()
            .map(|p| p.expose_secret()),
        Some(PASSWORD)
    );
    w.core.sync().await.unwrap();
    assert!(w.dir.path().join("config/settings.json").exists());
    assert!(
        all_files_contain(w.dir.path(), PASSWORD).is_empty(),
        "the password is on disk"
    );

    // A restart: a new core on the same folders and store signs in by itself.
    let again = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    let restored = again.restore().await.unwrap().expect("signed in again");
    assert_eq!(restored.email, "demo@jitops.example");
    assert_eq!(again.sync().await.unwrap().unpaid_count, 4);

    again.sign_out(true).await.unwrap();
    assert!(w.secrets.get("demo@jitops.example@demo").unwrap().is_none());
    let third = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    assert!(third.restore().await.unwrap().is_none());
}

#[tokio::test]
async fn wrong_credentials_remember_nothing() {
    let w = world().await;
    let r = w
        .core
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "wrong", true)
        .await;
    match r {
        Err(e @ CoreError::Portal(_)) => {
            let ui = w.core.ui_error(&e);
            assert_eq!(ui.kind, "wrong-credentials");
            assert!(ui
                .message
                .starts_with("The e-mail or password is not correct"));
        }
        other => panic!("{other:?}"),
    }
    assert!(w.secrets.get("demo@jitops.example@demo").unwrap().is_none());
    w.core.set_language(Lang::Sq).unwrap();
    let e = w
        .core
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "wrong", false)
        .await
        .unwrap_err();
    assert!(w
        .core
        .ui_error(&e)
        .message
        .starts_with("E-maili ose fjalëkalimi"));
}

#[tokio::test]
async fn the_first_start_follows_the_system_locale_and_the_choice_is_remembered() {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let core = new_core(&dir, &secrets, &demo, "sq_AL.UTF-8");
    assert_eq!(core.lang(), Lang::Sq);
    core.set_language(Lang::En).unwrap();
    let again = new_core(&dir, &secrets, &demo, "sq_AL.UTF-8");
    assert_eq!(
        again.lang(),
        Lang::En,
        "the user's choice wins over the system"
    );
}

#[tokio::test]
async fn views_in_both_languages_from_the_same_sync() {
    let w = world().await;
    w.core
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "demo", false)
        .await
        .unwrap();
    let en = w.core.sync().await.unwrap();
    assert_eq!(en.unpaid_text, "4 unpaid invoices");
    assert_eq!(en.overdue_text, "2 overdue");
    assert_eq!(en.credit.as_deref(), Some("Credit balance: €5.00"));
    w.core.set_language(Lang::Sq).unwrap();
    let sq = w.core.dashboard_view().unwrap();
    assert_eq!(sq.unpaid_text, "4 fatura të papaguara");
    assert_eq!(sq.overdue_text, "2 të prapambetura");
    assert_eq!(sq.credit.as_deref(), Some("Krediti: 5,00\u{a0}€"));
    let list = w.core.invoice_list(Filter::All).unwrap();
    assert_eq!(list.rows.len(), 12);
    let row = list.rows.iter().find(|r| r.id == 1005).unwrap();
    assert_eq!(row.total, "1\u{a0}200,00\u{a0}ALL");
    assert_eq!(row.status_text, "E prapambetur");
    let invoice = w.core.invoice(1003).await.unwrap();
    assert_eq!(invoice.title, "Fatura 2026-0103");
    // The totals rows are named by the app in Albanian, whatever the portal's words are.
    let labels: Vec<&str> = invoice.totals.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"Nëntotali"));
    assert_eq!(labels.last(), Some(&"Totali"));
    assert_eq!(labels[labels.len() - 2], "Krediti i zbatuar");
    assert!(!labels
        .iter()
        .any(|l| ["Sub Total", "Credit", "Total"].contains(l)));
    assert_eq!(invoice.choices.len(), 2);
    assert!(invoice.choices[1].help.contains("mujore"));
    let overdue = w.core.invoice(1006).await.unwrap();
    assert_eq!(overdue.choices.len(), 1);
    assert!(overdue.recurring_withheld.is_some());
}

#[tokio::test]
async fn a_payment_attempt_guards_the_pay_buttons_across_restarts() {
    let w = world().await;
    synced(&w.core, "demo@jitops.example", true).await;
    let (_, request) = w
        .core
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap();
    assert!(request.url.as_str().contains("/checkout/purchase"));
    let again = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    again.restore().await.unwrap().unwrap();
    again.sync().await.unwrap();
    assert_eq!(again.open_attempts().len(), 1);
    let view = again.invoice(1003).await.unwrap();
    assert!(view.guard.as_deref().unwrap().contains("charge you twice"));
    let refused = again
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await;
    assert!(matches!(refused, Err(CoreError::PaymentGuarded)));
    assert!(again
        .prepare_payment(1003, PaymentKind::OneOff, true)
        .await
        .is_ok());
    assert_eq!(again.open_attempts().len(), 2, "each attempt is recorded");
}

#[tokio::test]
async fn a_paid_invoice_cannot_be_paid() {
    let w = world().await;
    w.core
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "demo", false)
        .await
        .unwrap();
    let r = w
        .core
        .prepare_payment(1001, PaymentKind::OneOff, false)
        .await;
    assert!(matches!(
        r,
        Err(CoreError::Portal(portal::PortalError::PaymentNotOffered))
    ));
}

/// A machine without a usable keyring.
struct NoKeyring;

impl SecretStore for NoKeyring {
    fn get(
        &self,
        _: &str,
    ) -> Result<Option<secrecy::SecretString>, app_core::secrets::SecretError> {
        Err(app_core::secrets::SecretError::Unavailable(
            "no Secret Service".into(),
        ))
    }
    fn set(
        &self,
        _: &str,
        _: &secrecy::SecretString,
    ) -> Result<(), app_core::secrets::SecretError> {
        Err(app_core::secrets::SecretError::Unavailable(
            "no Secret Service".into(),
        ))
    }
    fn delete(&self, _: &str) -> Result<(), app_core::secrets::SecretError> {
        Err(app_core::secrets::SecretError::Unavailable(
            "no Secret Service".into(),
        ))
    }
}

#[tokio::test]
async fn without_a_keyring_the_app_says_so_and_signs_in_without_remembering() {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        Arc::new(NoKeyring),
        "en_US.UTF-8",
    )
    .unwrap();
    core.set_demo_portal(demo.portal_url(), demo.processor_origins());
    let outcome = core
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "demo", true)
        .await
        .unwrap();
    let warning = outcome.keyring_warning.expect("the user is told");
    assert!(warning.contains("keyring"), "{warning}");
    let account = outcome.account.unwrap();
    assert!(!account.remembered);
    assert_eq!(
        core.sync().await.unwrap().unpaid_count,
        4,
        "it works all the same"
    );
    // Nothing to restore from: a restart shows the sign-in screen again.
    assert!(core.restore().await.unwrap().is_none());
}

#[tokio::test]
async fn the_client_area_of_each_portal_choice() {
    let w = world().await;
    assert_eq!(
        w.core
            .client_area_url(&PortalChoice::Jitops)
            .unwrap()
            .as_str(),
        "https://jitops.com/clientarea.php"
    );
    assert!(w
        .core
        .client_area_url(&PortalChoice::Demo)
        .unwrap()
        .as_str()
        .ends_with("/clientarea.php"));
    assert!(w
        .core
        .client_area_url(&PortalChoice::Other("http://billing.example.com/".into()))
        .is_err());
}

/// Signs in to the demo portal and syncs once; the dashboard it shows.
async fn synced(core: &Core, email: &str, remember: bool) -> app_core::views::DashboardView {
    core.sign_in(PortalChoice::Demo, email, "demo", remember)
        .await
        .unwrap();
    core.sync().await.unwrap()
}

/// The files of the offline folder (the store's lock files left out).
fn offline_copies(dir: &tempfile::TempDir) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.path().join("data/offline"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| !p.to_string_lossy().ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default()
}

fn portal_down() -> demo_portal::Faults {
    demo_portal::Faults {
        down: true,
        ..demo_portal::Faults::default()
    }
}

#[tokio::test]
async fn the_last_synced_invoices_show_offline_after_a_restart_and_a_failed_sync_keeps_them() {
    let w = world().await;
    w.core
        .sign_in(PortalChoice::Demo, demo_portal::DEMO_EMAIL, "demo", true)
        .await
        .unwrap();
    let online = w.core.sync().await.unwrap();
    assert!(online.offline_text.is_none());
    let all = w.core.invoice_list(Filter::All).unwrap().rows.len();
    assert!(all > 0);

    // A restart while the portal is down.
    w._demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    let saved = core
        .open_last_offline()
        .unwrap()
        .expect("the saved copy opens at once");
    assert!(saved.offline);
    let view = core.dashboard_view().unwrap();
    assert_eq!(view.unpaid_count, online.unpaid_count);
    let banner = view.offline_text.expect("the offline banner");
    assert!(banner.contains("saved on this computer"), "{banner}");
    assert_eq!(core.invoice_list(Filter::All).unwrap().rows.len(), all);
    let restored = core.restore().await.unwrap().expect("an account");
    assert!(restored.offline, "the portal is down: still the saved copy");

    // Refreshing while down fails, and what is shown stays.
    let err = core.sync().await.unwrap_err();
    assert!(err.is_unreachable(), "{err:?}");
    assert_eq!(core.invoice_list(Filter::All).unwrap().rows.len(), all);
    assert!(matches!(
        core.prepare_payment(1003, PaymentKind::OneOff, false)
            .await
            .unwrap_err(),
        CoreError::Offline
    ));

    // Back up: a refresh signs in again with the remembered password.
    w._demo.set_faults(demo_portal::Faults::default());
    let view = core.sync().await.unwrap();
    assert!(view.offline_text.is_none());
    assert!(!view.account.offline);

    // A restart over a damaged copy says so (and sets it aside) instead of showing nothing.
    let copy = offline_copies(&w.dir).remove(0);
    std::fs::write(&copy, b"{\"version\": 1, \"acc").unwrap();
    let core = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    let err = core.open_last_offline().unwrap_err();
    assert!(matches!(err, CoreError::OfflineCopyDamaged(_)), "{err:?}");
    assert!(core.ui_error(&err).message.contains("set aside"));
}

#[tokio::test]
async fn a_failed_sync_leaves_the_saved_copy_as_it_was() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let copies = offline_copies(&w.dir);
    assert_eq!(copies.len(), 1, "one copy per account");
    let before = std::fs::read(&copies[0]).unwrap();
    w._demo.set_faults(demo_portal::Faults {
        malformed: true,
        ..demo_portal::Faults::default()
    });
    assert!(w.core.sync().await.is_err());
    assert_eq!(std::fs::read(&copies[0]).unwrap(), before);
    assert_eq!(offline_copies(&w.dir).len(), 1);
}

#[tokio::test]
async fn a_damaged_saved_copy_is_set_aside_with_a_warning_and_made_again() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let copy = offline_copies(&w.dir).remove(0);
    std::fs::write(&copy, b"\x00\x01 not json").unwrap();

    let core = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    let outcome = core
        .sign_in(PortalChoice::Demo, demo_portal::DEMO_EMAIL, "demo", false)
        .await
        .unwrap();
    let warning = outcome.keyring_warning.expect("a warning about the copy");
    assert!(warning.contains("set aside"), "{warning}");
    let set_aside: Vec<_> = offline_copies(&w.dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(set_aside.len(), 1);
    assert!(
        warning.contains(&*set_aside[0].to_string_lossy()),
        "{warning}"
    );
    assert_eq!(std::fs::read(&set_aside[0]).unwrap(), b"\x00\x01 not json");
    core.sync().await.unwrap();
    assert!(copy.exists(), "the next sync makes the copy again");
}

#[tokio::test]
async fn forgetting_an_account_removes_its_saved_copy() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    assert_eq!(offline_copies(&w.dir).len(), 1);
    w.core.sign_out(true).await.unwrap();
    assert!(offline_copies(&w.dir).is_empty());
    assert!(matches!(
        w.core
            .open_offline(PortalChoice::Demo, demo_portal::DEMO_EMAIL)
            .unwrap_err(),
        CoreError::NoOfflineCopy
    ));
}

#[tokio::test]
async fn reminders_are_given_once_per_invoice_and_summed_up_when_many() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    // The demo customer has two overdue invoices and none due within three days.
    let notices = w.core.take_reminders();
    let titles: Vec<&str> = notices.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(notices.len(), 2, "{titles:?}");
    assert!(
        titles.iter().all(|t| t.ends_with("is overdue")),
        "{titles:?}"
    );
    assert!(notices[0].body.contains("was due on"), "{:?}", notices[0]);
    assert!(w.core.take_reminders().is_empty(), "given once");
    w.core.sync().await.unwrap();
    assert!(
        w.core.take_reminders().is_empty(),
        "a new sync does not repeat them"
    );
    let restarted = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    synced(&restarted, demo_portal::DEMO_EMAIL, false).await;
    assert!(restarted.take_reminders().is_empty(), "nor does a restart");

    // The accountant: 3 due within three days and 16 overdue make one summary, in Albanian.
    restarted.set_language(Lang::Sq).unwrap();
    synced(&restarted, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let notices = restarted.take_reminders();
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
async fn several_accounts_stay_signed_in_switch_at_once_and_add_up_in_all_accounts() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let customer = w.core.current_key().unwrap();
    let accountant_view = synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let accountant = w.core.current_key().unwrap();
    assert_ne!(customer, accountant);
    let choices = w.core.accounts();
    assert_eq!(choices.len(), 2);
    assert!(choices.iter().all(|c| c.signed_in));
    assert!(choices.iter().any(|c| c.current && c.key == accountant));

    // Switching back is instant: no page is asked of the portal.
    let views = w._demo.invoice_views();
    let shown = w.core.switch_account(&customer).await.unwrap().unwrap();
    assert_eq!(shown.email, demo_portal::DEMO_EMAIL);
    assert_eq!(w.core.dashboard_view().unwrap().unpaid_count, 4);
    assert_eq!(w._demo.invoice_views(), views);
    // The accountant's session is alive meanwhile (the tracker follows payments with it).
    assert_eq!(
        w.core
            .look_at_invoice(&accountant, 5000, false)
            .await
            .unwrap()
            .0
            .status,
        portal::InvoiceStatus::Unpaid
    );

    // All accounts: every unpaid invoice of both, totals per currency.
    let all = w.core.all_accounts_view();
    assert_eq!(all.accounts, 2);
    assert_eq!(all.rows.len() as u32, 4 + accountant_view.unpaid_count);
    assert!(all
        .rows
        .iter()
        .any(|r| r.account == customer && r.row.id == 1003));
    assert!(all
        .rows
        .iter()
        .any(|r| r.account == accountant && r.row.id == 5000));
    assert_eq!(all.totals.len(), 3, "EUR, USD and ALL: {:?}", all.totals);
    assert!(
        all.totals_label.contains("in 2 accounts"),
        "{}",
        all.totals_label
    );

    // Signing out of one leaves the other on screen.
    let next = w
        .core
        .sign_out(false)
        .await
        .unwrap()
        .expect("the other account");
    assert_eq!(next.email, demo_portal::ACCOUNTANT_EMAIL);

    // After a restart: the customer (not remembered) opens its saved copy; the all-accounts
    // view still counts both from their copies.
    let restarted = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    let offline = restarted.switch_account(&customer).await.unwrap().unwrap();
    assert!(offline.offline);
    assert_eq!(restarted.all_accounts_view().rows.len(), all.rows.len());
}

#[tokio::test]
async fn save_all_pdfs_skips_what_is_there_reports_progress_and_stops_when_asked() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let all = w.core.invoice_list(Filter::All).unwrap().rows.len();
    let dir = w.dir.path().join("pdfs");
    let keep_going = AtomicBool::new(false);
    let mut seen = vec![];
    let first = w
        .core
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
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), all, "no partial file left");
    for f in &files {
        assert!(std::fs::read(f.path()).unwrap().starts_with(b"%PDF-"));
    }
    // Again: everything is there. One removed: only it is fetched.
    std::fs::remove_file(dir.join("Invoice-2026-0103.pdf")).unwrap();
    let again = w
        .core
        .save_pdfs(Filter::All, &dir, &keep_going, |_| {})
        .await
        .unwrap();
    assert_eq!((again.saved, again.skipped), (1, all - 1));
    // Stopped before the first: nothing done.
    let stop = AtomicBool::new(true);
    let stopped = w
        .core
        .save_pdfs(Filter::Unpaid, &w.dir.path().join("other"), &stop, |_| {})
        .await
        .unwrap();
    assert!(stopped.cancelled);
    assert_eq!(stopped.done, 0);
    stop.store(false, Ordering::SeqCst);
}

#[tokio::test]
async fn accounts_on_two_portals_keep_their_own_sessions() {
    let w = world().await;
    let second = DemoPortal::start(Options::default()).await.unwrap();
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let first = w.core.current_key().unwrap();
    w.core
        .sign_in(
            PortalChoice::Other(second.portal_url().to_owned()),
            demo_portal::DEMO_EMAIL,
            "demo",
            false,
        )
        .await
        .unwrap();
    w.core.sync().await.unwrap();
    let other = w.core.current_key().unwrap();
    assert_ne!(
        first, other,
        "the same e-mail on two portals is two accounts"
    );
    // The second account's invoice is read from the second portal, whichever is on screen.
    let views_first = w._demo.invoice_views();
    assert_eq!(
        w.core
            .look_at_invoice(&other, 1003, false)
            .await
            .unwrap()
            .0
            .status,
        portal::InvoiceStatus::Unpaid
    );
    assert_eq!(
        w._demo.invoice_views(),
        views_first,
        "asked of the second portal only"
    );
    assert_eq!(second.invoice_views(), 1);
    w.core.switch_account(&first).await.unwrap().unwrap();
    assert_eq!(w.core.current_key().unwrap(), first);
    assert_eq!(w.core.accounts().len(), 2);
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
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap();
    w.core.take_reminders();
    w.core.set_language(Lang::Sq).unwrap();
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

#[tokio::test]
async fn a_portal_address_with_credentials_is_refused_and_never_stored() {
    let w = world().await;
    let refused = w
        .core
        .sign_in(
            PortalChoice::Other("https://user:Pw-in-url-91@jitops.example/".into()),
            demo_portal::DEMO_EMAIL,
            "demo",
            true,
        )
        .await;
    assert!(
        matches!(
            refused,
            Err(CoreError::Portal(portal::PortalError::InvalidPortalUrl(_)))
        ),
        "{refused:?}"
    );
    assert!(all_files_contain(w.dir.path(), "Pw-in-url-91").is_empty());
}

#[tokio::test]
async fn quotes_read_once_show_offline_after_a_restart_without_their_acceptance() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    let online = w.core.quotes().await.unwrap();
    assert_eq!(online.rows.len(), 4);
    let quote = w.core.quote(7).await.unwrap();
    assert!(
        quote.acceptance.is_some(),
        "offered while the portal answers"
    );
    // Not agreed: refused before the portal is asked.
    assert!(matches!(
        w.core.accept_quote(7, false).await.unwrap_err(),
        CoreError::TermsNotTicked
    ));

    // A restart while the portal is down: the list and the quote opened, from the saved copy.
    w._demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w._demo, "sq_AL.UTF-8");
    core.open_last_offline().unwrap().expect("the saved copy");
    assert!(core.quotes().await.is_err(), "the portal is down");
    let saved = core.quotes_view().unwrap();
    assert_eq!(saved.rows.len(), 4);
    assert_eq!(saved.summary, "4 oferta; 2 presin përgjigjen tuaj.");
    let offline = core.quote_view(7).unwrap();
    assert_eq!(offline.totals.last().unwrap().amount, "230,40\u{a0}€");
    assert!(offline.acceptance.is_none(), "accepting needs the portal");
    assert!(matches!(
        core.quote_view(6),
        Err(CoreError::Portal(portal::PortalError::NotFound))
    ));
    // The copy holds no session token (the acceptance form carried one).
    assert!(all_files_contain(&w.dir.path().join("data/offline"), "token").is_empty());
}

#[tokio::test]
async fn a_statement_of_two_thousand_invoices_matches_the_portals_books_online_and_offline() {
    use app_core::statement_run::StatementProgress;
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, true).await;
    let today = w._demo.today();
    let (from, to) = (
        today - chrono::Duration::days(90),
        today - chrono::Duration::days(30),
    );
    let stop = AtomicBool::new(false);
    let mut seen: Vec<StatementProgress> = vec![];
    let view = w
        .core
        .prepare_statement(false, from, to, &stop, |p| seen.push(p.clone()))
        .await
        .unwrap();
    assert_eq!(view.gaps, None);
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total);
    assert!(
        last.total > 1500,
        "every invoice issued by then: {}",
        last.total
    );
    let grouped = format!("{},{:03}", last.total / 1000, last.total % 1000);
    assert_eq!(
        last.message,
        format!("Reading payments: {grouped} of {grouped} invoices")
    );

    let expected = demo_portal::people::accountant(today).books(from, to);
    let csv = w.core.statement_csv().unwrap().0;
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    for (currency, books) in &expected {
        let demo_portal::data::Books {
            opening,
            invoiced,
            paid,
            closing,
            entries,
        } = books;
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| &r[1] == currency).collect();
        assert_eq!(mine.first().unwrap()[3], "Opening balance");
        assert_eq!(
            mine.first().unwrap()[8],
            format!("{opening:.2}"),
            "{currency} opening"
        );
        assert_eq!(mine.last().unwrap()[3], "Closing balance");
        assert_eq!(
            mine.last().unwrap()[8],
            format!("{closing:.2}"),
            "{currency} closing"
        );
        assert_eq!(mine.len() - 2, *entries, "{currency} entries");
        let summary = view
            .currencies
            .iter()
            .find(|c| &c.currency == currency)
            .unwrap();
        assert_eq!(summary.entries, *entries);
        let shown = |amount: &rust_decimal::Decimal| {
            app_core::views::money(Lang::En, &portal::Money::new(*amount, currency.as_str()))
        };
        assert_eq!(summary.invoiced, shown(invoiced), "{currency} invoiced");
        assert_eq!(summary.paid, shown(paid), "{currency} paid");
    }
    let (pdf, name) = w.core.statement_pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Its text reads back as written (what a viewer searches and copies), amounts included.
    let read = pdf_text(&pdf);
    for said in ["Statement", "Opening balance"] {
        assert!(read.contains(said), "{said:?} not in the PDF: {read}");
    }
    for (currency, books) in &expected {
        let closing = app_core::views::money(
            Lang::En,
            &portal::Money::new(books.closing, currency.as_str()),
        );
        let said = format!("Closing balance: {closing}");
        assert!(read.contains(&said), "{said:?} not in the PDF: {read}");
    }
    assert!(
        name.ends_with(".pdf") && name.contains(&from.to_string()),
        "{name}"
    );

    // Again: only what may have changed is read (the unpaid ones), the rest was kept.
    let mut again = vec![];
    w.core
        .prepare_statement(false, from, to, &stop, |p| again.push(p.clone()))
        .await
        .unwrap();
    let read_again = again.last().map(|p| p.total).unwrap_or(0);
    assert!(read_again < 200, "{read_again} read again");
    assert_eq!(w.core.statement_csv().unwrap().0, csv);

    // Offline after a restart, in Albanian: the same figures from the saved copy.
    w._demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w._demo, "sq_AL.UTF-8");
    core.open_last_offline().unwrap().expect("the saved copy");
    let offline = core
        .prepare_statement(false, from, to, &stop, |_| {})
        .await
        .unwrap();
    // Made from the saved copy: said, with when that copy was synced, on screen and in the PDF.
    let said = offline.gaps.expect("the saved copy is named");
    assert!(
        said.starts_with(&format!(
            "Në llogarinë {} nuk keni hyrë: shifrat e saj merren nga kopja e ruajtur",
            demo_portal::ACCOUNTANT_EMAIL
        )),
        "{said}"
    );
    let sq = core.statement_csv().unwrap().0;
    assert!(
        sq.starts_with("Llogaria,Monedha,Data,Veprimi"),
        "{}",
        &sq[..80]
    );
    assert_eq!(
        sq.lines().count(),
        csv.lines().count(),
        "the same entries, in the other language"
    );
    let read = pdf_text(&core.statement_pdf().unwrap().0);
    for said in ["Pasqyra e llogarisë", "Bilanci në fillim", "Në llogarinë"] {
        assert!(read.contains(said), "{said:?} not in the PDF: {read}");
    }
    // A range the wrong way round is refused.
    assert!(matches!(
        core.prepare_statement(false, to, from, &stop, |_| {}).await,
        Err(CoreError::StatementRange)
    ));
}

/// The text of a PDF, read by a reader other than the one that wrote it.
fn pdf_text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads")
}

#[tokio::test]
async fn a_statement_of_every_account_adds_each_ones_books_a_parked_one_read_with_its_own_session()
{
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let today = w._demo.today();
    let (from, to) = (today - chrono::Duration::days(60), today);
    let stop = AtomicBool::new(false);
    let one = w
        .core
        .prepare_statement(false, from, to, &stop, |_| {})
        .await
        .unwrap();
    let only_accountant = w.core.statement_csv().unwrap().0;
    assert!(!only_accountant.contains(demo_portal::DEMO_EMAIL));
    let all = w
        .core
        .prepare_statement(true, from, to, &stop, |_| {})
        .await
        .unwrap();
    assert_eq!(all.gaps, None);
    assert!(all.heading.ends_with(", 2 accounts"), "{}", all.heading);
    let csv = w.core.statement_csv().unwrap().0;
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    // The customer's invoices are there, read with the customer's (parked) session.
    assert!(rows.iter().any(|r| r[0] == demo_portal::DEMO_EMAIL));
    // Each currency's closing balance is the sum of both accounts' books.
    let customer = demo_portal::people::demo_customer(today).books(from, to);
    let accountant = demo_portal::people::accountant(today).books(from, to);
    for cur in &all.currencies {
        let closing = customer
            .get(&cur.currency)
            .map(|b| b.closing)
            .unwrap_or_default()
            + accountant
                .get(&cur.currency)
                .map(|b| b.closing)
                .unwrap_or_default();
        let shown = app_core::views::money(
            Lang::En,
            &portal::Money::new(closing, cur.currency.as_str()),
        );
        assert_eq!(cur.closing, shown, "{}", cur.currency);
    }
    assert!(
        all.currencies.iter().map(|c| c.entries).sum::<usize>()
            > one.currencies.iter().map(|c| c.entries).sum::<usize>()
    );
}

#[tokio::test]
async fn an_invoice_opened_once_reads_offline_after_a_restart_without_its_forms() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    let online = w.core.invoice(1003).await.unwrap();
    assert!(online.payable && online.notes.is_some() && online.saved.is_none());

    w._demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    core.open_last_offline().unwrap().expect("the saved copy");
    assert!(core.invoice(1003).await.is_err(), "the portal is down");
    let offline = core.invoice_view(1003).unwrap();
    assert_eq!(offline.notes, online.notes, "the portal's notes, offline");
    assert_eq!(offline.totals.len(), online.totals.len());
    assert_eq!(offline.balance, online.balance);
    assert!(!offline.payable, "paying needs the portal");
    assert!(offline.credit.is_none() && offline.methods.is_empty());
    let said = offline.saved.expect("said to be the saved copy");
    assert!(said.contains("last read"), "{said}");
    // The copy holds none of the page's forms (their tokens are the session's).
    assert!(all_files_contain(&w.dir.path().join("data/offline"), "token").is_empty());
    assert!(all_files_contain(&w.dir.path().join("data/offline"), "purchase").is_empty());

    // The portal back: the invoice is the portal's again, payable.
    w._demo.set_faults(demo_portal::Faults::default());
    synced(&core, demo_portal::DEMO_EMAIL, true).await;
    let again = core.invoice(1003).await.unwrap();
    assert!(again.payable && again.saved.is_none());
}

#[tokio::test]
async fn a_statement_names_an_invoice_paid_in_part_from_credit() {
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    w.core.apply_credit(1003, "2", false).await.unwrap();
    let today = w._demo.today();
    let view = w
        .core
        .prepare_statement(
            false,
            today - chrono::Duration::days(400),
            today,
            &AtomicBool::new(false),
            |_| {},
        )
        .await
        .unwrap();
    let gaps = view.gaps.expect("the credit's missing date is said");
    assert!(
        gaps.starts_with(
            "Credit was applied to 1 invoice (2026-0103), but the portal gives no date"
        ),
        "{gaps}"
    );
    assert!(gaps.contains("2026-0103"), "{gaps}");
    // The saved PDF says it too, before its figures.
    let pdf = pdf_text(&w.core.statement_pdf().unwrap().0);
    assert!(
        pdf.contains("Credit was applied to 1 invoice (2026-0103)"),
        "{pdf}"
    );
}

#[tokio::test]
async fn a_statement_of_every_account_names_one_counted_from_its_saved_copy_or_left_out() {
    use std::sync::atomic::AtomicBool;
    let w = world().await;
    let synced_on = chrono::Local::now().date_naive();
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    // The next day's start: only the accountant signs in.
    let core = new_core(&w.dir, &w.secrets, &w._demo, "en_US.UTF-8");
    synced(&core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let today = w._demo.today();
    let (from, to) = (today - chrono::Duration::days(60), today);
    let stop = AtomicBool::new(false);
    let all = core
        .prepare_statement(true, from, to, &stop, |_| {})
        .await
        .unwrap();
    assert!(all.heading.ends_with(", 2 accounts"), "{}", all.heading);
    let said = all.gaps.expect("the customer's saved copy is named");
    let expected = format!(
        "You are not signed in to {}: its figures come from the copy saved on this computer at its last sync (",
        demo_portal::DEMO_EMAIL
    );
    assert!(said.contains(&expected), "{said}");
    // The copy's date (the day it was synced, or the next if midnight came meanwhile).
    let date = |d| l10n::format_date(Lang::En, d);
    assert!(
        said.contains(&date(synced_on)) || said.contains(&date(chrono::Local::now().date_naive())),
        "the copy's date: {said}"
    );
    assert!(
        !said.contains(&format!("signed in to {}", demo_portal::ACCOUNTANT_EMAIL)),
        "the accountant is read from the portal: {said}"
    );
    let pdf = pdf_text(&core.statement_pdf().unwrap().0);
    assert!(pdf.contains("You are not signed in to"), "{pdf}");

    // Nothing saved of the customer any more: left out, and said so.
    for copy in offline_copies(&w.dir) {
        if copy.to_string_lossy().contains(demo_portal::DEMO_EMAIL) {
            std::fs::remove_file(copy).unwrap();
        }
    }
    let without = core
        .prepare_statement(true, from, to, &stop, |_| {})
        .await
        .unwrap();
    assert!(
        without.heading.ends_with(", 1 account"),
        "{}",
        without.heading
    );
    let said = without.gaps.expect("the customer is named as left out");
    assert!(
        said.contains(&format!(
            "{} is not in this statement: nothing of it is saved on this computer.",
            demo_portal::DEMO_EMAIL
        )),
        "{said}"
    );
}
