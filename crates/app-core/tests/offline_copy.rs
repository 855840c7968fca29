//! The saved copy: what a restart shows while the portal cannot be reached, a failed sync that
//! keeps it, a damaged one set aside, one forgotten with its account, quotes and invoices read
//! offline without their forms.

use app_core::views::Filter;
use app_core::{CoreError, PortalChoice};
use portal::PaymentKind;
use test_support::world::{
    all_files_contain, all_rows, core_in as new_core, offline_copies, portal_down, synced, world,
};

#[tokio::test]
async fn the_last_synced_invoices_show_offline_after_a_restart_and_a_failed_sync_keeps_them() {
    let w = world().await;
    w.core
        .accounts()
        .sign_in(PortalChoice::Demo, demo_portal::DEMO_EMAIL, "demo", true)
        .await
        .unwrap();
    let online = w.core.billing().sync().await.unwrap();
    assert!(online.offline_text.is_none());
    let all = all_rows(&w.core);
    assert!(all > 0);

    // A restart while the portal is down.
    w.demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    let saved = core
        .accounts()
        .open_last_offline()
        .unwrap()
        .expect("the saved copy opens at once");
    assert!(saved.offline);
    let view = core.billing().dashboard_view().unwrap();
    assert_eq!(view.unpaid_count, online.unpaid_count);
    let banner = view.offline_text.expect("the offline banner");
    assert!(banner.contains("saved on this computer"), "{banner}");
    assert_eq!(
        core.billing().invoice_list(Filter::All).unwrap().rows.len(),
        all
    );
    let restored = core
        .accounts()
        .restore()
        .await
        .unwrap()
        .expect("an account");
    assert!(restored.offline, "the portal is down: still the saved copy");
    assert!(restored.was_on_screen, "the window draws nothing again");

    // Refreshing while down fails, and what is shown stays.
    let err = core.billing().sync().await.unwrap_err();
    assert!(err.is_unreachable(), "{err:?}");
    assert_eq!(
        core.billing().invoice_list(Filter::All).unwrap().rows.len(),
        all
    );
    assert!(matches!(
        core.payments()
            .prepare_payment(1003, PaymentKind::OneOff, false)
            .await
            .unwrap_err(),
        CoreError::Offline
    ));

    // Back up: a refresh signs in again with the remembered password.
    w.demo.set_faults(demo_portal::Faults::default());
    let view = core.billing().sync().await.unwrap();
    assert!(view.offline_text.is_none());
    assert!(!view.account.offline);

    // A restart over a damaged copy says so (and sets it aside) instead of showing nothing.
    let copy = offline_copies(&w.dir).remove(0);
    std::fs::write(&copy, b"{\"version\": 1, \"acc").unwrap();
    let core = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    let err = core.accounts().open_last_offline().unwrap_err();
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
    w.demo.set_faults(demo_portal::Faults {
        malformed: true,
        ..demo_portal::Faults::default()
    });
    assert!(w.core.billing().sync().await.is_err());
    assert_eq!(std::fs::read(&copies[0]).unwrap(), before);
    assert_eq!(offline_copies(&w.dir).len(), 1);
}

#[tokio::test]
async fn a_damaged_saved_copy_is_set_aside_with_a_warning_and_made_again() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let copy = offline_copies(&w.dir).remove(0);
    std::fs::write(&copy, b"\x00\x01 not json").unwrap();

    let core = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    let outcome = core
        .accounts()
        .sign_in(PortalChoice::Demo, demo_portal::DEMO_EMAIL, "demo", false)
        .await
        .unwrap();
    let warning = outcome
        .warnings
        .first()
        .expect("a warning about the copy")
        .message
        .clone();
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
    core.billing().sync().await.unwrap();
    assert!(copy.exists(), "the next sync makes the copy again");
}

#[tokio::test]
async fn forgetting_an_account_removes_its_saved_copy() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    assert_eq!(offline_copies(&w.dir).len(), 1);
    w.core.accounts().sign_out(true).await.unwrap();
    assert!(offline_copies(&w.dir).is_empty());
    assert!(matches!(
        w.core
            .accounts()
            .open_offline(PortalChoice::Demo, demo_portal::DEMO_EMAIL)
            .unwrap_err(),
        CoreError::NoOfflineCopy
    ));
}

#[tokio::test]
async fn quotes_read_once_show_offline_after_a_restart_without_their_acceptance() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    let online = w.core.quotes().list().await.unwrap();
    assert_eq!(online.rows.len(), 4);
    let quote = w.core.quotes().quote(7).await.unwrap();
    assert!(
        quote.acceptance.is_some(),
        "offered while the portal answers"
    );
    // Not agreed: refused before the portal is asked.
    assert!(matches!(
        w.core.quotes().accept_quote(7, false).await.unwrap_err(),
        CoreError::TermsNotTicked
    ));

    // A restart while the portal is down: the list and the quote opened, from the saved copy.
    w.demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w.demo, "sq_AL.UTF-8");
    core.accounts()
        .open_last_offline()
        .unwrap()
        .expect("the saved copy");
    assert!(core.quotes().list().await.is_err(), "the portal is down");
    let saved = core.quotes().quotes_view().unwrap();
    assert_eq!(saved.rows.len(), 4);
    assert_eq!(saved.summary, "4 oferta; 2 presin përgjigjen tuaj.");
    let offline = core.quotes().quote_view(7).unwrap();
    assert_eq!(offline.totals.last().unwrap().amount, "230,40\u{a0}€");
    assert!(offline.acceptance.is_none(), "accepting needs the portal");
    assert!(matches!(
        core.quotes().quote_view(6),
        Err(CoreError::Portal(portal::PortalError::NotFound))
    ));
    // The copy holds no session token (the acceptance form carried one).
    assert!(all_files_contain(&w.dir.path().join("data/offline"), "token").is_empty());
}

#[tokio::test]
async fn an_invoice_opened_once_reads_offline_after_a_restart_without_its_forms() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, true).await;
    let online = w.core.billing().invoice(1003).await.unwrap();
    assert!(online.payable && online.notes.is_some() && online.saved.is_none());

    w.demo.set_faults(portal_down());
    let core = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    core.accounts()
        .open_last_offline()
        .unwrap()
        .expect("the saved copy");
    assert!(
        core.billing().invoice(1003).await.is_err(),
        "the portal is down"
    );
    let offline = core.billing().invoice_view(1003).unwrap();
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
    w.demo.set_faults(demo_portal::Faults::default());
    synced(&core, demo_portal::DEMO_EMAIL, true).await;
    let again = core.billing().invoice(1003).await.unwrap();
    assert!(again.payable && again.saved.is_none());
}
