//! Owns what happens around a payment in the shell: starting the demo portal on demand,
//! handing the checkout window's return or closing to app-core, running app-core's follower
//! on the async runtime and telling the main window, the OS notification when it is paid, and
//! resuming after a sign-in or a restart.

use crate::Shell;
use app_core::payments::{FollowTiming, PaymentPhase, PaymentUpdate, ReturnOutcome};
use app_core::CoreError;
use portal::PaymentKind;
use serde::Serialize;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager};

pub async fn ensure_demo(shell: &Shell) -> Result<(), CoreError> {
    let mut demo = shell.demo.lock().await;
    if demo.is_none() {
        let portal = demo_portal::DemoPortal::start(demo_portal::Options::from_env()).await?;
        shell
            .core
            .accounts()
            .set_demo_portal(portal.portal_url(), portal.processor_origins());
        *demo = Some(portal);
    }
    Ok(())
}

#[derive(Clone, Serialize)]
pub struct PendingView {
    pub attempt_id: String,
    /// The paying account's e-mail, when it is not the account on screen.
    pub other_account: Option<String>,
    pub invoice_id: u64,
    pub number: String,
    pub kind: PaymentKind,
    pub state: app_core::attempts::AttemptState,
    pub opened_at: String,
    /// What the record says until a tracker speaks of it (decided in app-core).
    pub phase: PaymentPhase,
    pub message_id: &'static str,
    pub over: bool,
}

/// Five minutes and a day, or on the demo portal the usual time its knob asks for.
fn timing(shell: &Shell, account: &str) -> FollowTiming {
    let mut timing = FollowTiming::default();
    if shell.core.accounts().is_demo_account(account) {
        if let Some(usual) = demo_portal::usual_confirmation_from_env() {
            timing.usual = usual;
        }
    }
    timing
}

fn emit(app: &AppHandle, update: &PaymentUpdate) {
    let _ = app.emit_to("main", "payment-progress", update);
}

/// The checkout window came back to the portal with `outcome` in its address: the portal is
/// asked before anything is said.
pub fn after_checkout(app: &AppHandle, attempt: &str, outcome: ReturnOutcome) {
    let shell = app.state::<Shell>();
    if let Err(e) = shell.core.payments().checkout_returned(attempt, outcome) {
        tracing::error!("could not record the payment's return: {e}");
    }
    follow(app, attempt.to_owned());
}

/// The checkout window closed, in whatever way (the person, a newer checkout replacing it),
/// after coming back to the portal or not: the portal is asked too.
pub fn window_closed(app: &AppHandle, attempt: &str) {
    let shell = app.state::<Shell>();
    if let Err(e) = shell.core.payments().checkout_closed(attempt) {
        tracing::error!("could not record the closed payment window: {e}");
    }
    follow(app, attempt.to_owned());
}

/// Follows every payment not over of the accounts signed in (after a sign-in or a restart);
/// one already followed is left to its tracker.
pub fn resume(app: &AppHandle) {
    let shell = app.state::<Shell>();
    for attempt in shell.core.payments().attempts_to_follow() {
        follow(app, attempt);
    }
}

/// The payments not over of the account on screen, and warnings not yet shown (a damaged
/// payment record), for the dashboard.
#[derive(Clone, Serialize)]
pub struct PaymentState {
    pub pending: Vec<PendingView>,
    pub warnings: Vec<String>,
}

pub fn payment_state(shell: &Shell) -> PaymentState {
    PaymentState {
        pending: pending_views(shell),
        warnings: shell.core.payments().take_warnings(),
    }
}

fn pending_views(shell: &Shell) -> Vec<PendingView> {
    let current = shell.core.current_key();
    let accounts = shell.core.accounts().choices();
    shell
        .core
        .payments()
        .open_attempts()
        .into_iter()
        .map(|a| {
            let phase = app_core::payments::before_looking(&a);
            PendingView {
                other_account: (current.as_ref() != Some(&a.account))
                    .then(|| accounts.iter().find(|c| c.key == a.account))
                    .flatten()
                    .map(|c| c.email.clone()),
                attempt_id: a.id,
                invoice_id: a.invoice_id,
                number: a.number,
                kind: a.kind,
                state: a.state,
                opened_at: a.opened_at.to_rfc3339(),
                phase,
                message_id: phase.message_id(),
                over: phase.is_last(),
            }
        })
        .collect()
}

/// Follows the invoice attempt `attempt` pays (one tracker per invoice follows every attempt
/// on it: when one runs already, it is nudged to read the record again and look at once).
pub fn follow(app: &AppHandle, attempt: String) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let core = Arc::clone(&app.state::<Shell>().core);
        let Some(account) = core.payments().attempt(&attempt).map(|a| a.account) else {
            return;
        };
        let timing = timing(&app.state::<Shell>(), &account);
        let reporter = app.clone();
        // One tracker is one invoice: its Paid is noted and notified once, however many
        // attempts on it the portal's Paid settles.
        let mut told = false;
        core.payments()
            .follow_payment(&attempt, timing, move |update| {
                emit(&reporter, update);
                if update.phase == PaymentPhase::Paid && !told {
                    told = true;
                    paid(&reporter, update);
                }
            })
            .await;
    });
}

/// The portal marked a payment's invoice Paid: noted for the tray (whose count follows, told
/// by the core), and notified when the main window is not in front.
fn paid(app: &AppHandle, update: &PaymentUpdate) {
    let shell = app.state::<Shell>();
    shell
        .core
        .reminders()
        .note_paid_notice(&update.account, update.invoice_id, &update.number);
    notify_paid(
        app,
        &shell,
        &update.account,
        update.invoice_id,
        &update.number,
    );
}

fn notify_paid(app: &AppHandle, shell: &Shell, account: &str, invoice_id: u64, number: &str) {
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    if focused {
        return;
    }
    let notice = app_core::Notice {
        title: shell.core.text("app-name", &[]),
        body: shell.core.text(
            "payment-paid-notification",
            &[("number", number.to_owned().into())],
        ),
        about: Some(app_core::NoticeAbout {
            account: account.to_owned(),
            invoice_id,
        }),
    };
    crate::notifications::show(app, notice, shell.core.text("notification-open", &[]));
}
