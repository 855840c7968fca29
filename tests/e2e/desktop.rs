//! The app on the desktop: one instance, the tray icon (its count and menu, in the person's
//! language), closing the window into the tray, and the start at login, hidden, with
//! reminders given while no window is shown.

use crate::common::{demo_get, wait_until};
use crate::harness::{self, wait_window_shown, window_shown, App, Launch};
use crate::tray::Panel;

/// The main window's title.
const MAIN: &str = "JitOps Billing";

/// The processes running the app's binary (by its executable's path).
pub fn app_processes() -> usize {
    let exe = std::fs::canonicalize(harness::app_binary()).expect("the app's binary");
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .filter(|e| std::fs::read_link(e.path().join("exe")).is_ok_and(|p| p == exe))
        .count()
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn a_second_launch_brings_the_running_window_forward_and_exits() {
    harness::scenario(
        "a_second_launch_brings_the_running_window_forward_and_exits",
        || async {
            let app = App::start().await;
            app.wait_screen("signin").await;
            assert_eq!(app_processes(), 1);
            let second = std::process::Command::new(harness::app_binary())
                .arg("--demo")
                .env("XDG_DATA_HOME", app.home.join("data"))
                .env("XDG_CONFIG_HOME", app.home.join("config"))
                .env("XDG_CACHE_HOME", app.home.join("cache"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("a second launch");
            let pid = second.id();
            let status = tokio::task::spawn_blocking(move || {
                let mut second = second;
                second.wait()
            })
            .await
            .unwrap()
            .expect("the second launch ends");
            assert!(status.success(), "the second launch exited with {status}");
            assert_eq!(
                app_processes(),
                1,
                "only the first app runs (the second was {pid})"
            );
            // The running one is there and answers.
            assert_eq!(app.screen().await, "signin");
            app.close().await;
        },
    )
    .await;
}

/// The file named `name` somewhere under `dir`.
fn find_file(dir: &std::path::Path, name: &str) -> Option<std::path::PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, name) {
                return Some(found);
            }
        } else if entry.file_name() == name {
            return Some(path);
        }
    }
    None
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn closing_asks_once_then_the_tray_keeps_the_app_and_speaks_the_persons_language() {
    harness::scenario(
        "closing_asks_once_then_the_tray_keeps_the_app_and_speaks_the_persons_language",
        || async {
            let panel = Panel::start().await;
            let app = App::signed_in(demo_portal::DEMO_EMAIL).await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            // Beside the icon, the unpaid count; in the menu, what it means, the commands, the
            // account and the reminders the first sync gave.
            panel.wait_label("4").await;
            panel
                .wait_entry("the summary", |l| l == "4 unpaid invoices, 2 overdue")
                .await;
            for label in [
                "Open JitOps Billing",
                "Refresh",
                "demo@jitops.example (demo)",
                "Invoice 2026-0105 is overdue",
                "Quit JitOps Billing",
            ] {
                panel.wait_entry(label, |l| l == label).await;
            }
            // The menu follows the language.
            app.click("#lang-sq").await;
            for label in [
                "4 fatura të papaguara, 2 të prapambetura",
                "Hap JitOps Billing",
                "Fatura 2026-0105 është e prapambetur",
                "Mbyll JitOps Billing",
            ] {
                panel.wait_entry(label, |l| l == label).await;
            }
            app.click("#lang-en").await;
            panel
                .wait_entry("the English menu", |l| l == "Open JitOps Billing")
                .await;

            // The first close with reminders on asks, and the window stays until answered.
            app.close_window_like_a_person(MAIN);
            app.wait_for("#close-dialog[open]").await;
            assert_eq!(
                app.js("return document.activeElement.id").await,
                serde_json::json!("close-keep"),
                "the question takes the focus"
            );
            app.audit("close-dialog").await;
            assert!(window_shown(MAIN), "the window waits for the answer");
            // Pressed from a script: the answer hides the window at once, and WebKitWebDriver
            // stalls when the window it is clicking in goes away before the click returns (as
            // after a window it drives is destroyed). A person's click has no such wait.
            app.js("document.getElementById('close-keep').click()")
                .await;
            wait_window_shown(MAIN, false).await;
            let settings = std::fs::read_to_string(
                find_file(&app.home.join("config"), "settings.json").expect("settings.json"),
            )
            .unwrap();
            assert!(
                settings.contains("\"close_to_tray\": true")
                    || settings.contains("\"close_to_tray\":true"),
                "the answer is remembered: {settings}"
            );

            // The tray's Refresh syncs while the window is hidden: the Dashboard's own refresh
            // runs and says the portal's figures to screen readers.
            app.js("document.getElementById('live').textContent = ''")
                .await;
            panel.click("Refresh").await;
            wait_until("the tray's Refresh to sync", || async {
                let live = app
                    .js("return document.getElementById('live').textContent")
                    .await;
                (live == serde_json::json!("4 unpaid invoices")).then_some(())
            })
            .await;
            assert!(!window_shown(MAIN), "a refresh leaves the window hidden");

            // A notification listed in the tray opens its invoice.
            panel.click("Invoice 2026-0105 is overdue").await;
            wait_window_shown(MAIN, true).await;
            app.wait_screen("invoice").await;
            app.wait_text("#invoice-title", "invoice 2026-0105", |t| {
                t.contains("2026-0105")
            })
            .await;

            // Closing again is not asked again; the tray brings the window back.
            app.close_window_like_a_person(MAIN);
            wait_window_shown(MAIN, false).await;
            assert_eq!(
                app.js("return !!document.getElementById('close-dialog')")
                    .await,
                serde_json::json!(false)
            );
            panel.click("Open JitOps Billing").await;
            wait_window_shown(MAIN, true).await;
            assert_eq!(app.screen().await, "invoice", "where the person was");

            // Settings shows the choice, and can change it.
            app.click("#nav-settings").await;
            app.wait_screen("settings").await;
            assert_eq!(
                app.js("return document.getElementById('close-to-tray').checked")
                    .await,
                serde_json::json!(true)
            );

            // Quit from the tray ends the app.
            panel.click("Quit JitOps Billing").await;
            wait_until("the app to end after Quit", || async {
                (app_processes() == 0).then_some(())
            })
            .await;
            // No WebDriver call after the window is gone (the driver stalls on it).
            drop(app);
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn started_at_login_the_app_waits_in_the_tray_and_reminds_while_hidden() {
    harness::scenario(
        "started_at_login_the_app_waits_in_the_tray_and_reminds_while_hidden",
        || async {
            let panel = Panel::start().await;
            let first = App::launch(Launch {
                args: vec!["--demo".into()],
                ..Launch::default()
            })
            .await;
            let home = first.home.clone();
            first.sign_in_remembered().await;
            // Start at login: the XDG autostart entry, in the private config folder.
            first.click("#nav-settings").await;
            first.wait_screen("settings").await;
            first.click("#start-at-login").await;
            let entry = home.join("config/autostart/jitops-billing.desktop");
            wait_until("the autostart entry", || async {
                entry.exists().then_some(())
            })
            .await;
            let text = std::fs::read_to_string(&entry).unwrap();
            let binary = std::fs::canonicalize(harness::app_binary()).unwrap();
            assert!(
                text.lines()
                    .any(|l| l == format!("Exec={} --hidden", binary.display())),
                "the entry starts this app hidden: {text}"
            );
            let valid = std::process::Command::new("desktop-file-validate")
                .arg(&entry)
                .output()
                .expect("desktop-file-validate (desktop-file-utils)");
            assert!(
                valid.status.success() && valid.stdout.is_empty(),
                "the entry is valid: {}{}",
                String::from_utf8_lossy(&valid.stdout),
                String::from_utf8_lossy(&valid.stderr)
            );
            first.close().await;
            panel.forget();
            // A new day: the reminders given so far are forgotten.
            let record = find_file(&home.join("data"), "reminders.json").expect("reminders.json");
            std::fs::remove_file(record).unwrap();

            // Started as the entry starts it: no window, the tray icon, the sign-in restored,
            // the invoices read and the reminders given.
            let app = App::launch(Launch {
                args: vec!["--demo".into(), "--hidden".into()],
                home: Some(home),
                ..Launch::default()
            })
            .await;
            panel.wait_label("4").await;
            let reminders = panel
                .wait_notifications(2, |summary| summary.ends_with("is overdue"))
                .await;
            assert!(!window_shown(MAIN), "the window stayed hidden");
            panel
                .wait_entry("the reminder", |l| l == "Invoice 2026-0106 is overdue")
                .await;

            // A click on a reminder opens its invoice (a notification with a default action).
            let reminder = reminders
                .iter()
                .find(|n| n.summary == "Invoice 2026-0106 is overdue")
                .expect("the reminder of 2026-0106");
            assert!(
                reminder.body.contains("Open JitOps Billing"),
                "{reminder:?}"
            );
            assert_eq!(
                reminder.actions,
                vec!["default".to_owned(), "Open".to_owned()]
            );
            panel.click_notification(reminder.id).await;
            wait_window_shown(MAIN, true).await;
            app.wait_screen("invoice").await;
            app.wait_text("#invoice-title", "invoice 2026-0106", |t| {
                t.contains("2026-0106")
            })
            .await;

            // Settings turns the start at login off again.
            app.click("#nav-settings").await;
            app.wait_screen("settings").await;
            assert_eq!(
                app.js("return document.getElementById('start-at-login').checked")
                    .await,
                serde_json::json!(true)
            );
            app.click("#start-at-login").await;
            wait_until("the autostart entry to go", || async {
                (!entry.exists()).then_some(())
            })
            .await;
            app.close().await;
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn overdue_invoices_are_reminded_once_as_system_notifications() {
    harness::scenario(
        "overdue_invoices_are_reminded_once_as_system_notifications",
        || async {
            // What the app asks the desktop's notification service, seen on the session bus.
            let seen = harness::scenario_path("notify");
            let mut monitor = std::process::Command::new("dbus-monitor")
                .args([
                    "--session",
                    "type='method_call',interface='org.freedesktop.Notifications',member='Notify'",
                ])
                .stdout(std::fs::File::create(&seen).unwrap())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("dbus-monitor");
            let notified = || {
                std::fs::read_to_string(&seen)
                    .unwrap_or_default()
                    .matches("is overdue")
                    .count()
            };
            let port = harness::free_port();
            let app = App::signed_in_with(
                demo_portal::DEMO_EMAIL,
                &[("JITOPS_DEMO_PORTAL_PORT", &port.to_string())],
            )
            .await;
            app.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
                .await;
            test_support::wait::until_or(
                std::time::Duration::from_secs(20),
                || async { (notified() >= 2).then_some(()) },
                || {
                    format!(
                        "no reminder on the bus: {}",
                        std::fs::read_to_string(&seen).unwrap_or_default()
                    )
                },
            )
            .await;
            let text = std::fs::read_to_string(&seen).unwrap();
            for number in ["2026-0105", "2026-0106"] {
                assert!(
                    text.contains(&format!("Invoice {number} is overdue")),
                    "{number}: {text}"
                );
            }
            // A refresh reminds of the invoice the portal's staff raised since, and of nothing
            // given before: once its reminder is on the bus, the earlier ones (asked for first,
            // in the same way) would be there too.
            let raised = demo_get(
                port,
                &format!(
                    "/demo/invoices.php?email={}&amount=12.00&due_in=-3",
                    demo_portal::DEMO_EMAIL
                ),
            )
            .await;
            assert!(raised.status().is_success());
            let raised = raised.text().await.unwrap();
            app.click("#refresh").await;
            app.wait_for("#refresh:not([disabled])").await;
            let about = |number: &str| {
                std::fs::read_to_string(&seen)
                    .unwrap_or_default()
                    .matches(&format!("Invoice {number} is overdue"))
                    .count()
            };
            test_support::wait::until_or(
                std::time::Duration::from_secs(20),
                || async { (about(&raised) > 0).then_some(()) },
                || {
                    format!(
                        "no reminder of {raised}: {}",
                        std::fs::read_to_string(&seen).unwrap_or_default()
                    )
                },
            )
            .await;
            for number in ["2026-0105", "2026-0106", raised.as_str()] {
                assert_eq!(
                    about(number),
                    1,
                    "{number}: {}",
                    std::fs::read_to_string(&seen).unwrap()
                );
            }
            assert_eq!(notified(), 3);
            app.close().await;
            let _ = monitor.kill();
            let _ = monitor.wait();
            let _ = std::fs::remove_file(&seen);
        },
    )
    .await;
}

#[tokio::test]
#[ignore = "needs a display, a session bus and a keyring: run with `make e2e`"]
async fn the_main_window_opens_where_the_person_left_it() {
    harness::scenario("the_main_window_opens_where_the_person_left_it", || async {
        let first = App::start().await;
        let home = first.home.clone();
        let left = (130, 90, 900, 650);
        assert!(
            harness::window_geometry(MAIN, Some(left)).is_some(),
            "the window is on screen"
        );
        // Kept once the window is still: the file says the new size.
        let kept = home.join("config/com.jitops.billing/window.json");
        wait_until("the window's place kept", || async {
            let text = std::fs::read_to_string(&kept).ok()?;
            let place: serde_json::Value = serde_json::from_str(&text).ok()?;
            (place["width"] == 900 && place["height"] == 650).then_some(place)
        })
        .await;
        // Ended with no chance to write anything more: the place was already on disk.
        first.kill();
        let again = App::launch(Launch {
            args: vec!["--demo".into()],
            home: Some(home),
            ..Launch::default()
        })
        .await;
        wait_window_shown(MAIN, true).await;
        // Placed before it was first shown: where it was left from its first frame on.
        assert_eq!(harness::window_geometry(MAIN, None), Some(left));
        drop(again);
    })
    .await;
}
