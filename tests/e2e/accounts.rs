//! Signing in: remember me and the keyring, captchas in the portal's own page, backup codes,
//! a ban, several accounts, a restore at start.

use crate::common::*;
use crate::harness::{self, fill_card, switch_to_checkout, App};

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn remember_me_keeps_the_password_in_the_keyring_only() {
    harness::scenario(
        "remember_me_keeps_the_password_in_the_keyring_only",
        || async {
            // A password that cannot be confused with anything else in the app's files.
            const PASSWORD: &str = "Pw-7f3c9e1d-remember";
            let launch = |port: u16, home: Option<std::path::PathBuf>| harness::Launch {
                args: vec!["--demo".into()],
                env: vec![
                    ("JITOPS_DEMO_PASSWORD".to_owned(), PASSWORD.to_owned()),
                    ("JITOPS_DEMO_NOTIFY_DELAY".to_owned(), "2".to_owned()),
                    ("JITOPS_DEMO_PORTAL_PORT".to_owned(), port.to_string()),
                ],
                home,
                ..harness::Launch::default()
            };
            let mut secrets = vec![
                PASSWORD.to_owned(),
                demo_portal::TEST_CARD_OK.replace(' ', ""),
                demo_portal::TEST_CARD_OK.to_owned(),
            ];

            // Sign in with "remember me" and pay with the test card.
            let port = harness::free_port();
            let first = App::launch(launch(port, None)).await;
            let home = first.home.clone();
            first
                .sign_in_demo("demo@jitops.example", "not-the-password", true)
                .await;
            first.wait_for("#error").await;
            first.type_into("#password", PASSWORD).await;
            first.click("#signin-submit").await;
            first.wait_screen("dashboard").await;
            open_invoice(&first, 1003).await;
            first.click("#pay-one-off").await;
            let main = switch_to_checkout(&first).await;
            fill_card(&first, demo_portal::TEST_CARD_OK).await;
            first
                .click_in_checkout_then_return("#pay-button", main)
                .await;
            first
                .wait_text("#payment-message", "Paid", |t| t.starts_with("Paid."))
                .await;
            secrets.extend(demo_sessions(port).await);
            first.close().await;

            // A restart signs in by itself; then sign out.
            let port = harness::free_port();
            let second = App::launch(launch(port, Some(home.clone()))).await;
            second.wait_screen("dashboard").await;
            second
                .wait_text(
                    "#unpaid-count",
                    "signed in again by itself (a fresh embedded demo: its invoices as at the start)",
                    |t| t == "4",
                )
                .await;
            assert_eq!(
                second.text("#account-label").await,
                "demo@jitops.example (demo)"
            );
            secrets.extend(demo_sessions(port).await);
            second.click("#nav-settings").await;
            second.wait_screen("settings").await;
            // The diagnostics for a support ticket name the problem met (the wrong password),
            // read from the log, and nothing secret (checked with the files below).
            second.click("#copy-diagnostics").await;
            second
                .wait_text("#diagnostics-status", "the copy said", |t| !t.is_empty())
                .await;
            let diagnostics = second
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\
                     window.__TAURI__.core.invoke('diagnostics').then(done, (e) => done('error: ' + JSON.stringify(e)));",
                    vec![],
                )
                .await
                .expect("the diagnostics");
            let diagnostics = diagnostics.as_str().unwrap_or_default().to_owned();
            assert!(
                diagnostics.starts_with("JitOps Billing ") && diagnostics.contains("wrong-credentials"),
                "{diagnostics}"
            );
            for secret in &secrets {
                assert!(!diagnostics.contains(secret.as_str()), "{secret} in {diagnostics}");
            }
            second.click("#signout").await;
            second.wait_screen("signin").await;
            second.close().await;

            // None of it is in the app's data, config, cache or output.
            assert!(
                secrets.len() >= 5,
                "the cookie name and sessions were read: {secrets:?}"
            );
            assert!(home.join("config").exists() && home.join("output.log").exists());
            // The app's own log is among the files read.
            let logs: Vec<_> = std::fs::read_dir(home.join("state/jitops-billing"))
                .expect("the log folder")
                .flatten()
                .collect();
            assert!(!logs.is_empty(), "a log file in the XDG state folder");
            let found = files_holding(&home, &secrets);
            assert!(found.is_empty(), "{found:?}");
        },
    )
    .await;
}

/// Signs in on a demo portal whose sign-in page carries the captcha `kind`: the app says why it
/// cannot sign in itself, opens the portal's own page in its sign-in window, the person answers
/// there, and the app carries on with that session (without a password to remember).
async fn signs_in_through_the_portals_own_page(kind: &'static str) {
    let port = harness::free_port();
    let app = App::launch(harness::Launch {
        args: vec!["--demo".into()],
        env: vec![
            ("JITOPS_DEMO_CAPTCHA".into(), kind.into()),
            ("JITOPS_DEMO_PORTAL_PORT".into(), port.to_string()),
        ],
        ..Default::default()
    })
    .await;
    app.sign_in_demo("demo@jitops.example", "demo", false).await;
    app.wait_text("#error", "the captcha explanation", |t| {
        t.contains("captcha")
    })
    .await;
    if kind == "image" {
        app.screenshot("signin-captcha-en").await;
    }
    app.click("#open-portal-signin").await;
    let main = switch_to_checkout(&app).await;
    app.type_into("#inputEmail", "demo@jitops.example").await;
    app.type_into("#inputPassword", "demo").await;
    match kind {
        "image" => {
            app.wait_for("#inputCaptchaImage").await;
            // The person reads the picture; the test asks the demo what it drew.
            let code = wait_until("the captcha's code", || async {
                let code = reqwest::get(format!("http://127.0.0.1:{port}/demo/captcha.php"))
                    .await
                    .ok()?
                    .text()
                    .await
                    .ok()?;
                (!code.is_empty()).then_some(code)
            })
            .await;
            app.type_into("#inputCaptcha", &code).await;
        }
        "recaptcha" => {
            app.click("#demo-recaptcha-check").await;
            wait_until("the reCAPTCHA's answer", || async {
                let v = app
                    .js("const f = document.querySelector('[name=\"g-recaptcha-response\"]'); return f ? f.value : ''")
                    .await;
                v.as_str().filter(|t| !t.is_empty()).map(str::to_owned)
            })
            .await;
        }
        _ => {}
    }
    // "Remember me" there: the portal sets a cookie that lasts, which WebKit keeps in a file.
    app.click("input[name='rememberme']").await;
    // Signed in there, the window closes by itself and the app goes on.
    app.click_in_checkout_then_return("#login", main).await;
    app.wait_screen("dashboard").await;
    // The session is the app's now: no cookie of the portal is left in any file.
    let found = crate::common::files_holding(&app.home, &["WHMCSUser".to_owned()]);
    assert!(found.is_empty(), "{found:?}");
    app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
        .await;
    app.wait_text("#notice", "no password kept", |t| {
        t.contains("no password to remember")
    })
    .await;
    // Said as a message, it follows a switch of language.
    app.click("#lang-sq").await;
    app.wait_text("#notice", "no password kept, in Albanian", |t| {
        t.contains("nuk ka fjalëkalim për të mbajtur mend")
    })
    .await;
    app.close().await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_image_captcha_is_answered_in_the_portals_own_sign_in_page() {
    harness::scenario(
        "an_image_captcha_is_answered_in_the_portals_own_sign_in_page",
        || signs_in_through_the_portals_own_page("image"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_recaptcha_is_answered_in_the_portals_own_sign_in_page() {
    harness::scenario(
        "a_recaptcha_is_answered_in_the_portals_own_sign_in_page",
        || signs_in_through_the_portals_own_page("recaptcha"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn an_invisible_recaptcha_signs_in_through_the_portals_own_sign_in_page() {
    harness::scenario(
        "an_invisible_recaptcha_signs_in_through_the_portals_own_sign_in_page",
        || signs_in_through_the_portals_own_page("invisible"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_used_backup_code_shows_the_new_one_to_keep() {
    harness::scenario("a_used_backup_code_shows_the_new_one_to_keep", || async {
        let app = App::start().await;
        app.sign_in_demo(demo_portal::TWO_FACTOR_EMAIL, "demo", false)
            .await;
        app.wait_screen("twofa").await;
        app.click("#twofa-backup").await;
        app.type_into("#twofa-code", demo_portal::BACKUP_CODE).await;
        app.click("#twofa-submit").await;
        let code = app
            .wait_text("#new-backup-code", "the new backup code", |t| !t.is_empty())
            .await;
        assert_ne!(code, demo_portal::BACKUP_CODE);
        assert_eq!(
            app.screen().await,
            "twofa",
            "not signed in past the code unseen"
        );
        // Neither the language switch nor Escape loses the code the portal shows only once.
        both_languages(&app, "screen-backup-code").await;
        app.js("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })); return 1")
            .await;
        assert_eq!(app.text("#new-backup-code").await, code);
        app.click("#copy-backup-code").await;
        app.wait_text("#backup-copied", "copied", |t| t.contains("copied"))
            .await;
        app.click("#backup-continue").await;
        app.wait_screen("dashboard").await;
        app.wait_text("#unpaid-count", "one unpaid", |t| t == "1")
            .await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn five_wrong_passwords_and_the_ban_is_explained() {
    harness::scenario("five_wrong_passwords_and_the_ban_is_explained", || async {
        let app = App::start().await;
        app.sign_in_demo("demo@jitops.example", "wrong-1", false)
            .await;
        app.wait_text("#error", "wrong credentials", |t| {
            t.starts_with("The e-mail or password is not correct")
        })
        .await;
        let mut last = String::new();
        for attempt in 2..=6 {
            app.type_into("#password", &format!("wrong-{attempt}"))
                .await;
            app.click("#signin-submit").await;
            app.wait_for("#signin-submit:not([disabled])").await;
            last = app.text("#error").await;
            if last.contains("blocked") {
                break;
            }
        }
        assert!(
            last.starts_with("The portal has blocked sign-ins from your internet address"),
            "{last}"
        );
        both_languages(&app, "screen-signin-banned").await;
        app.close().await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn two_accounts_switch_in_one_click_and_add_up_in_all_accounts() {
    harness::scenario(
        "two_accounts_switch_in_one_click_and_add_up_in_all_accounts",
        || async {
            let app = App::signed_in("demo@jitops.example").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            // A second account, beside the first.
            app.click("#add-account").await;
            app.wait_screen("signin").await;
            app.sign_in_demo("accountant@jitops.example", "demo", false)
                .await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "34 unpaid", |t| t == "34")
                .await;
            app.wait_for("#account-1").await;
            let accounts = app
                .js("return [...document.querySelectorAll('.rail-account')].map((b) => [b.dataset.key, b.getAttribute('aria-current')])")
                .await;
            assert_eq!(
                accounts,
                serde_json::json!([
                    ["accountant@jitops.example@demo", "true"],
                    ["demo@jitops.example@demo", null]
                ])
            );
            // One click back to the customer: its figures at once.
            app.click("#rail-accounts [data-key='demo@jitops.example@demo']")
                .await;
            app.wait_text("#account-label", "the customer", |t| {
                t.starts_with("demo@")
            })
            .await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            app.screenshot("accounts-switched-en").await;
            // All accounts: the unpaid invoices of both.
            app.click("#nav-all-accounts").await;
            app.wait_screen("all-accounts").await;
            let rows = app
                .js("return document.querySelectorAll('#all-accounts-table tbody tr').length")
                .await;
            assert_eq!(rows, serde_json::json!(38));
            let label = app.text("#all-accounts-totals span").await;
            assert_eq!(label, "38 unpaid invoices in 2 accounts:");
            app.screenshot("all-accounts-en").await;
            app.click("#lang-sq").await;
            app.wait_text("#all-accounts-totals span", "Albanian", |t| {
                t == "38 fatura të papaguara në 2 llogari:"
            })
            .await;
            app.screenshot("all-accounts-sq").await;
            app.click("#lang-en").await;
            app.wait_text("#all-accounts-totals span", "English", |t| {
                t == "38 unpaid invoices in 2 accounts:"
            })
            .await;
            // A row of the other account opens its invoice, on that account.
            app.click("#all-accounts-table tr[data-id='5000'] td").await;
            app.wait_screen("invoice").await;
            app.wait_text("#account-label", "the accountant", |t| {
                t.starts_with("accountant@")
            })
            .await;
            app.wait_for("#invoice-status").await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_sign_in_restored_at_start_leaves_the_person_where_they_are() {
    harness::scenario(
        "a_sign_in_restored_at_start_leaves_the_person_where_they_are",
        || async {
            let launch = |home: Option<std::path::PathBuf>| harness::Launch {
                args: vec!["--demo".into()],
                // A slow portal: the restore lands while the person is already busy.
                env: vec![("JITOPS_DEMO_LATENCY_MS".into(), "1200".into())],
                home,
                ..harness::Launch::default()
            };
            let first = App::launch(launch(None)).await;
            let home = first.home.clone();
            first.sign_in_remembered().await;
            first.close().await;
            // No saved copy to show first: the start stays on sign-in until the restore lands.
            let copies = saved_copies(&home.join("data"));
            assert!(!copies.is_empty(), "a saved copy under {}", home.display());
            for copy in copies {
                std::fs::remove_file(copy).unwrap();
            }

            let app = App::launch(launch(Some(home))).await;
            app.wait_screen("signin").await;
            app.click("#open-review").await;
            app.wait_screen("review").await;
            app.type_into("#review-filter", "pay").await;
            // The restore lands: the rail shows the account, the person is still on the review
            // with their text and their focus.
            app.wait_for("#account-0").await;
            assert_eq!(app.screen().await, "review");
            let kept = app
                .js("const f = document.getElementById('review-filter'); return [f.value, document.activeElement === f]")
                .await;
            assert_eq!(kept, serde_json::json!(["pay", true]));
            app.click("#nav-dashboard").await;
            app.wait_screen("dashboard").await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4").await;
            app.close().await;
        },
    )
    .await;
}
