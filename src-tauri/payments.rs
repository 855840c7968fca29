//! Owns what happens around a payment in the shell: starting the demo portal on demand,
//! following a submitted payment with the tracker and telling the main window, the OS
//! notification when it is paid, and resuming tracking after a restart.

use crate::Shell;
use app_core::CoreError;
use portal::tracker::{self, TrackEvent};
use portal::{InvoiceStatus, PaymentKind};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// How long the app keeps checking before it stops and says so.
const TRACK_FOR: Duration = Duration::from_secs(24 * 3600);

pub async fn ensure_demo(shell: &Shell) -> Result<(), CoreError> {
    let mut demo = shell.demo.lock().await;
    if demo.is_none() {
        let portal = demo_portal::DemoPortal::start(demo_portal::Options::from_env()).await?;
        shell.core.set_demo_portal(portal.portal_url());
        *demo = Some(portal);
    }
    Ok(())
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub invoice_id: u64,
    pub number: String,
    /// waiting | slow | paid | cancelled | failed | abandoned | gave-up
    pub phase: &'static str,
    pub elapsed_ms: u64,
    pub checks: u32,
    /// When the payment starts to count as slow: the progress bar's length.
    pub usual_ms: u64,
    /// The message's id, so the window can show it again in the other language.
    pub message_id: &'static str,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingView {
    pub invoice_id: u64,
    pub number: String,
    pub started_at: String,
}

/// Five minutes, or on the demo portal the time its knob asks for.
fn usual_confirmation(shell: &Shell) -> Duration {
    shell
        .core
        .signed_in_to_demo()
        .then(demo_portal::usual_confirmation_from_env)
        .flatten()
        .unwrap_or(tracker::USUAL_CONFIRMATION)
}

fn emit(app: &AppHandle, progress: Progress) {
    let _ = app.emit_to("main", "payment-progress", progress);
}

fn progress(shell: &Shell, id: u64, phase: &'static str, elapsed_ms: u64, checks: u32) -> Progress {
    let message_id = match phase {
        "waiting" => "payment-waiting",
        "slow" => "payment-still-confirming",
        "paid" => "payment-paid",
        "failed" => "payment-failed",
        "abandoned" => "payment-abandoned",
        "cancelled" => "status-cancelled",
        _ => "payment-still-confirming",
    };
    Progress {
        invoice_id: id,
        number: shell.core.invoice_number(id),
        phase,
        elapsed_ms,
        checks,
        usual_ms: usual_confirmation(shell).as_millis() as u64,
        message_id,
    }
}

/// The checkout window is back at the portal.
pub fn after_checkout(app: &AppHandle, id: u64, kind: PaymentKind, failed: bool) {
    let shell = app.state::<Shell>();
    if failed {
        emit(app, progress(&shell, id, "failed", 0, 0));
        return;
    }
    if let Err(e) = shell.core.payment_submitted(id, kind) {
        eprintln!("jitops-billing: could not record the pending payment: {e}");
    }
    track(app, id);
}

pub fn abandoned(app: &AppHandle, id: u64) {
    let shell = app.state::<Shell>();
    emit(app, progress(&shell, id, "abandoned", 0, 0));
}

/// Resumes tracking of every payment of the signed-in account still awaiting confirmation.
pub fn resume(app: &AppHandle) {
    let shell = app.state::<Shell>();
    for p in shell.core.pending_payments() {
        track(app, p.invoice_id);
    }
}

pub fn pending_views(shell: &Shell) -> Vec<PendingView> {
    shell
        .core
        .pending_payments()
        .into_iter()
        .map(|p| PendingView {
            invoice_id: p.invoice_id,
            number: p.number,
            started_at: p.started_at,
        })
        .collect()
}

fn track(app: &AppHandle, id: u64) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let core = Arc::clone(&app.state::<Shell>().core);
        // Followed with the paying account's session, whichever account is on screen later.
        let Some(account) = core.current_key() else {
            return;
        };
        emit(&app, progress(&app.state::<Shell>(), id, "waiting", 0, 0));
        let reporter = app.clone();
        let usual = usual_confirmation(&app.state::<Shell>());
        let end = tracker::track_given_usual(
            || {
                let core = Arc::clone(&core);
                let account = account.clone();
                async move { core.invoice_status(&account, id).await }
            },
            TRACK_FOR,
            usual,
            move |event| {
                let shell = reporter.state::<Shell>();
                if let TrackEvent::Checked {
                    elapsed_ms,
                    checks,
                    slow,
                    ..
                } = event
                {
                    let phase = if *slow { "slow" } else { "waiting" };
                    emit(&reporter, progress(&shell, id, phase, *elapsed_ms, *checks));
                }
            },
        )
        .await;
        let shell = app.state::<Shell>();
        match end {
            TrackEvent::Done {
                elapsed_ms,
                checks,
                status,
            } => {
                let _ = shell.core.payment_settled(&account, id);
                let phase = if status == InvoiceStatus::Paid {
                    "paid"
                } else {
                    "cancelled"
                };
                emit(&app, progress(&shell, id, phase, elapsed_ms, checks));
                if status == InvoiceStatus::Paid {
                    notify_paid(&app, &shell, id);
                }
            }
            TrackEvent::GaveUp { elapsed_ms, checks } => {
                emit(&app, progress(&shell, id, "gave-up", elapsed_ms, checks));
            }
            _ => {}
        }
    });
}

fn notify_paid(app: &AppHandle, shell: &Shell, id: u64) {
    use tauri_plugin_notification::NotificationExt;
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    if focused {
        return;
    }
    let number = shell.core.invoice_number(id);
    let _ = app
        .notification()
        .builder()
        .title(shell.core.text("app-name", &[]))
        .body(
            shell
                .core
                .text("payment-paid-notification", &[("number", number.into())]),
        )
        .show();
}
