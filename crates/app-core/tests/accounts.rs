//! Accounts without a window, against the demo portal: the password remembered in the secret
//! store only, a first start's language, no keyring, several accounts on one or two portals, a
//! portal address that carries credentials.

use app_core::secrets::{MemoryStore, SecretStore};
use app_core::{Core, CoreError, Lang, PortalChoice};
use demo_portal::{DemoPortal, Options};
use secrecy::ExposeSecret;
use std::sync::Arc;
use test_support::world::{all_files_contain, core_in as new_core, synced, world, World};

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
        demo,
        dir,
        secrets,
    };
    let outcome = w
        .core
        .accounts()
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
    w.core.billing().sync().await.unwrap();
    assert!(w.dir.path().join("config/settings.json").exists());
    assert!(
        all_files_contain(w.dir.path(), PASSWORD).is_empty(),
        "the password is on disk"
    );

    // A restart: a new core on the same folders and store signs in by itself.
    let again = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    let restored = again
        .accounts()
        .restore()
        .await
        .unwrap()
        .expect("signed in again");
    assert_eq!(restored.email, "demo@jitops.example");
    assert!(!restored.was_on_screen, "no saved copy was opened first");
    assert_eq!(again.billing().sync().await.unwrap().unpaid_count, 4);

    again.accounts().sign_out(true).await.unwrap();
    assert!(w.secrets.get("demo@jitops.example@demo").unwrap().is_none());
    let third = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    assert!(third.accounts().restore().await.unwrap().is_none());
}

#[tokio::test]
async fn wrong_credentials_remember_nothing() {
    let w = world().await;
    let r = w
        .core
        .accounts()
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
    w.core.settings().set_language(Lang::Sq).unwrap();
    let e = w
        .core
        .accounts()
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
    core.settings().set_language(Lang::En).unwrap();
    let again = new_core(&dir, &secrets, &demo, "sq_AL.UTF-8");
    assert_eq!(
        again.lang(),
        Lang::En,
        "the user's choice wins over the system"
    );
}

/// A keyring that answers every call with `error`: none on the machine (Unavailable), or one
/// the person has not unlocked (Locked, as the Secret Service answers then).
struct BrokenKeyring(fn() -> app_core::secrets::SecretError);

impl SecretStore for BrokenKeyring {
    fn get(
        &self,
        _: &str,
    ) -> Result<Option<secrecy::SecretString>, app_core::secrets::SecretError> {
        Err((self.0)())
    }
    fn set(
        &self,
        _: &str,
        _: &secrecy::SecretString,
    ) -> Result<(), app_core::secrets::SecretError> {
        Err((self.0)())
    }
    fn delete(&self, _: &str) -> Result<(), app_core::secrets::SecretError> {
        Err((self.0)())
    }
}

fn no_keyring() -> app_core::secrets::SecretError {
    app_core::secrets::SecretError::Unavailable("no Secret Service".into())
}

/// A core on the demo portal whose keyring is `keyring`, signed in with "remember me" asked
/// for; the warning the person is given, and the account as signed in.
async fn signed_in_remembering_with(
    keyring: BrokenKeyring,
) -> (DemoPortal, tempfile::TempDir, Core, String, bool) {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        Arc::new(keyring),
        "en_US.UTF-8",
    )
    .unwrap();
    core.accounts()
        .set_demo_portal(demo.portal_url(), demo.processor_origins());
    let outcome = core
        .accounts()
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "demo", true)
        .await
        .unwrap();
    let warning = outcome
        .warnings
        .first()
        .expect("the person is told")
        .message
        .clone();
    let remembered = outcome.account.unwrap().remembered;
    (demo, dir, core, warning, remembered)
}

#[tokio::test]
async fn without_a_keyring_the_app_says_so_and_signs_in_without_remembering() {
    let (_demo, _dir, core, warning, remembered) =
        signed_in_remembering_with(BrokenKeyring(no_keyring)).await;
    assert!(warning.contains("password manager"), "{warning}");
    assert!(!remembered);
    assert_eq!(
        core.billing().sync().await.unwrap().unpaid_count,
        4,
        "it works all the same"
    );
    // Nothing to restore from: a restart shows the sign-in screen again.
    assert!(core.accounts().restore().await.unwrap().is_none());
}

#[tokio::test]
async fn a_locked_keyring_is_named_and_the_person_signs_in_without_remembering() {
    let (_demo, _dir, core, warning, remembered) =
        signed_in_remembering_with(BrokenKeyring(|| app_core::secrets::SecretError::Locked)).await;
    assert!(warning.contains("password manager is locked"), "{warning}");
    assert!(warning.contains("unlock"), "what to do about it: {warning}");
    assert!(!remembered);
    assert_eq!(core.billing().sync().await.unwrap().unpaid_count, 4);
    // In Albanian too, and never the message for a keyring that is not there.
    core.settings().set_language(app_core::Lang::Sq).unwrap();
    let said = core
        .ui_error(&app_core::CoreError::Keyring(
            app_core::secrets::SecretError::Locked,
        ))
        .message;
    assert!(said.contains("është i kyçur"), "{said}");
    // Nothing remembered: a restart asks for the password.
    assert!(core.accounts().restore().await.unwrap().is_none());
}

#[tokio::test]
async fn the_client_area_of_each_portal_choice() {
    let w = world().await;
    assert_eq!(
        w.core
            .accounts()
            .client_area_url(&PortalChoice::Jitops)
            .unwrap()
            .as_str(),
        "https://jitops.com/clientarea.php"
    );
    assert!(w
        .core
        .accounts()
        .client_area_url(&PortalChoice::Demo)
        .unwrap()
        .as_str()
        .ends_with("/clientarea.php"));
    assert!(w
        .core
        .accounts()
        .client_area_url(&PortalChoice::Other("http://billing.example.com/".into()))
        .is_err());
}

#[tokio::test]
async fn several_accounts_stay_signed_in_switch_at_once_and_add_up_in_all_accounts() {
    let w = world().await;
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let customer = w.core.current_key().unwrap();
    let accountant_view = synced(&w.core, demo_portal::ACCOUNTANT_EMAIL, false).await;
    let accountant = w.core.current_key().unwrap();
    assert_ne!(customer, accountant);
    let choices = w.core.accounts().choices();
    assert_eq!(choices.len(), 2);
    assert!(choices.iter().all(|c| c.signed_in));
    assert!(choices.iter().any(|c| c.current && c.key == accountant));

    // Switching back is instant: no page is asked of the portal.
    let views = w.demo.invoice_views();
    let shown = w
        .core
        .accounts()
        .switch_account(&customer)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(shown.email, demo_portal::DEMO_EMAIL);
    assert_eq!(w.core.billing().dashboard_view().unwrap().unpaid_count, 4);
    assert_eq!(w.demo.invoice_views(), views);
    // The accountant's session is alive meanwhile (the tracker follows payments with it).
    assert_eq!(
        w.core
            .payments()
            .look_at_invoice(&accountant, 5000, false)
            .await
            .unwrap()
            .0
            .status,
        portal::InvoiceStatus::Unpaid
    );

    // All accounts: every unpaid invoice of both, totals per currency.
    let all = w.core.accounts().all_accounts_view();
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
        .accounts()
        .sign_out(false)
        .await
        .unwrap()
        .expect("the other account");
    assert_eq!(next.email, demo_portal::ACCOUNTANT_EMAIL);

    // After a restart: the customer (not remembered) opens its saved copy; the all-accounts
    // view still counts both from their copies.
    let restarted = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    let offline = restarted
        .accounts()
        .switch_account(&customer)
        .await
        .unwrap()
        .unwrap();
    assert!(offline.offline);
    assert_eq!(
        restarted.accounts().all_accounts_view().rows.len(),
        all.rows.len()
    );
}

#[tokio::test]
async fn accounts_on_two_portals_keep_their_own_sessions() {
    let w = world().await;
    let second = DemoPortal::start(Options::default()).await.unwrap();
    synced(&w.core, demo_portal::DEMO_EMAIL, false).await;
    let first = w.core.current_key().unwrap();
    w.core
        .accounts()
        .sign_in(
            PortalChoice::Other(second.portal_url().to_owned()),
            demo_portal::DEMO_EMAIL,
            "demo",
            false,
        )
        .await
        .unwrap();
    w.core.billing().sync().await.unwrap();
    let other = w.core.current_key().unwrap();
    assert_ne!(
        first, other,
        "the same e-mail on two portals is two accounts"
    );
    // The second account's invoice is read from the second portal, whichever is on screen.
    let views_first = w.demo.invoice_views();
    assert_eq!(
        w.core
            .payments()
            .look_at_invoice(&other, 1003, false)
            .await
            .unwrap()
            .0
            .status,
        portal::InvoiceStatus::Unpaid
    );
    assert_eq!(
        w.demo.invoice_views(),
        views_first,
        "asked of the second portal only"
    );
    assert_eq!(second.invoice_views(), 1);
    w.core
        .accounts()
        .switch_account(&first)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(w.core.current_key().unwrap(), first);
    assert_eq!(w.core.accounts().choices().len(), 2);
}

#[tokio::test]
async fn a_portal_address_with_credentials_is_refused_and_never_stored() {
    let w = world().await;
    let refused = w
        .core
        .accounts()
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
