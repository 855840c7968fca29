//! The updates as the app tells them, without a window: when it looks by itself, what a
//! check the person asked for says, the offer and its notes in the person's language, the
//! download's progress, and an update refused or not installed leaving the offer to try again.

use app_core::updates::{Build, Offer, UpdateFailure};
use app_core::Lang;
use chrono::{Duration, Utc};
use test_support::world::core_without_portal as core;

fn release(from_package: bool) -> Build {
    Build {
        version: "1.4.0".into(),
        has_update_server: true,
        from_package,
    }
}

fn offer() -> Offer {
    let manifest = serde_json::json!({
        "version": "1.5.0",
        "notes": "Payments are confirmed sooner.\n\nPagesat konfirmohen më shpejt.",
        "notes_by_language": {
            "en": "Payments are confirmed sooner.",
            "sq": "Pagesat konfirmohen më shpejt."
        }
    });
    Offer::from_manifest("1.5.0", None, manifest["notes"].as_str(), &manifest)
}

#[test]
fn a_build_without_an_update_server_never_looks_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    core.updates().set_build(Build {
        version: "1.4.0".into(),
        has_update_server: false,
        from_package: true,
    });
    let updates = core.updates();
    assert!(!updates.check_due(Utc::now()));
    assert!(!updates.begin_check(true), "not even when asked");
    let view = updates.view();
    assert!(!view.available && !view.can_check);
    assert_eq!(view.current_version, "1.4.0");
    assert!(
        view.status.contains("without an update server"),
        "{}",
        view.status
    );
}

#[test]
fn the_app_looks_at_start_and_a_day_after_the_server_last_answered() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    let updates = core.updates();
    updates.set_build(release(true));
    let now = Utc::now();
    assert!(updates.check_due(now), "a first start looks");
    assert!(updates.begin_check(false));
    assert!(!updates.check_due(now), "not twice at once");
    updates.check_answered(now, None);
    assert!(!updates.check_due(now + Duration::hours(23)));
    assert!(updates.check_due(now + Duration::hours(24)));
    assert!(updates
        .view()
        .status
        .starts_with("You have the latest version"));
    // The time of the answer survives a restart.
    drop(core);
    let again = self::core(&dir);
    again.updates().set_build(release(true));
    assert!(!again.updates().check_due(now + Duration::hours(1)));
}

#[test]
fn an_unanswered_check_is_quiet_when_automatic_and_said_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    let updates = core.updates();
    updates.set_build(release(true));
    assert!(updates.begin_check(false));
    updates.check_failed(UpdateFailure::Unreachable);
    let view = updates.view();
    assert_eq!(view.phase, "idle", "nothing shown for an automatic check");
    assert!(
        updates.check_due(Utc::now()),
        "tried again later, not a day later"
    );
    assert!(updates.begin_check(true));
    updates.check_failed(UpdateFailure::Unreachable);
    let view = updates.view();
    assert_eq!(view.phase, "failed");
    assert!(
        view.status.contains("could not be reached"),
        "{}",
        view.status
    );
    assert!(view.can_check, "the person can try again");
}

#[test]
fn the_offer_shows_whats_new_in_the_persons_language() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    let updates = core.updates();
    updates.set_build(release(true));
    assert!(updates.begin_check(true));
    updates.check_answered(Utc::now(), Some(offer()));
    let view = updates.view();
    assert_eq!(view.phase, "offered");
    assert_eq!(view.offered_version.as_deref(), Some("1.5.0"));
    assert_eq!(
        view.notes.as_deref(),
        Some("Payments are confirmed sooner.")
    );
    assert_eq!(view.status, "Version 1.5.0 is available.");
    assert!(view.can_install);
    core.settings().set_language(Lang::Sq).unwrap();
    let view = core.updates().view();
    assert_eq!(
        view.notes.as_deref(),
        Some("Pagesat konfirmohen më shpejt.")
    );
    assert!(view.status.starts_with("Versioni 1.5.0"), "{}", view.status);
}

#[test]
fn a_copy_not_installed_from_a_package_is_told_of_the_offer_but_cannot_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    let updates = core.updates();
    updates.set_build(release(false));
    assert!(updates.begin_check(true));
    updates.check_answered(Utc::now(), Some(offer()));
    let view = updates.view();
    assert!(!view.can_install);
    assert!(
        view.status.contains("not installed from the .deb or .rpm"),
        "{}",
        view.status
    );
    assert_eq!(updates.begin_download(), None);
}

#[test]
fn the_download_shows_its_progress_and_a_refused_or_failed_install_keeps_the_offer() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    let updates = core.updates();
    updates.set_build(release(true));
    assert_eq!(updates.begin_download(), None, "nothing offered yet");
    assert!(updates.begin_check(false));
    updates.check_answered(Utc::now(), Some(offer()));
    assert_eq!(updates.begin_download(), Some(offer()));
    assert!(!updates.begin_check(true), "no check during a download");
    updates.downloaded(50, Some(200));
    let view = updates.view();
    assert_eq!((view.phase, view.percent), ("downloading", Some(25)));
    assert_eq!(view.status, "Downloading version 1.5.0: 25%");
    assert!(!view.can_install && !view.can_check);
    updates.install_failed(UpdateFailure::Refused);
    let view = updates.view();
    assert_eq!(view.phase, "failed");
    assert!(view
        .status
        .contains("signature is not valid, so nothing was installed"));
    assert!(view.can_install, "the offer stays, to try again");
    assert_eq!(updates.begin_download(), Some(offer()));
    updates.installing();
    updates.install_failed(UpdateFailure::NotInstalled);
    assert!(updates.view().status.contains("it was not installed"));
    assert_eq!(updates.begin_download(), Some(offer()));
    updates.installing();
    updates.installed();
    let view = updates.view();
    assert_eq!(view.phase, "installed");
    assert_eq!(view.restart_warning, None, "no payment being confirmed");
    assert!(
        !updates.begin_check(true),
        "installed: a restart is what is left"
    );
}

#[test]
fn turning_the_checks_off_is_kept_and_stops_the_app_looking_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let core = core(&dir);
    core.updates().set_build(release(true));
    core.updates().set_checks(false).unwrap();
    assert!(!core.updates().check_due(Utc::now()));
    assert!(core.updates().begin_check(true), "the person may still ask");
    drop(core);
    let again = self::core(&dir);
    again.updates().set_build(release(true));
    assert!(!again.updates().view().checks_on);
}

#[tokio::test]
async fn a_restart_while_a_payment_is_being_confirmed_says_it_will_be_followed_again() {
    let w = test_support::world::world().await;
    test_support::world::synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let updates = w.core.updates();
    updates.set_build(release(true));
    assert!(updates.begin_check(true));
    updates.check_answered(Utc::now(), Some(offer()));
    updates.begin_download().unwrap();
    updates.installing();
    updates.installed();
    assert_eq!(updates.view().restart_warning, None);
    // Pay pressed: the attempt is on disk, the person at the processor.
    w.core
        .payments()
        .prepare_payment(1003, portal::PaymentKind::OneOff, false)
        .await
        .unwrap();
    let warning = w
        .core
        .updates()
        .view()
        .restart_warning
        .expect("said before the restart");
    assert!(warning.contains("follows it again"), "{warning}");
}
