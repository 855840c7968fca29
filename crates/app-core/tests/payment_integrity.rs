//! A payment, told only what the portal said: the attempt recorded before the checkout window
//! loads, the guard kept when unsure, one tracker per invoice, one sign-in again at most, all
//! against the demo portal over HTTP (the window's part is played by a browser-like client).

use app_core::attempts::AttemptState;
use app_core::payments::{FollowTiming, PaymentPhase, PaymentUpdate, ReturnOutcome};
use app_core::secrets::MemoryStore;
use app_core::{Core, CoreError, PortalChoice};
use demo_portal::{DemoPortal, Options};
use portal::checkout::CheckoutRequest;
use portal::PaymentKind;
use std::sync::Arc;
use std::time::Duration;

use test_support::world::World;

fn core_in(dir: &tempfile::TempDir, secrets: &Arc<MemoryStore>, demo: &DemoPortal) -> Core {
    test_support::world::core_in(dir, secrets, demo, "en_US.UTF-8")
}

/// The demo with its processor's notification `notify` after Pay (None: never) and its
/// direct return on or off; signed in (remembered) and synced as the demo customer.
async fn world(notify: Option<u64>, direct_return: bool) -> World {
    let mut options = Options {
        notify_delay: Duration::from_secs(notify.unwrap_or(1)),
        direct_return,
        ..Options::default()
    };
    options.faults.never_notify = notify.is_none();
    let w = test_support::world::start(options).await;
    w.core
        .accounts()
        .sign_in(PortalChoice::Demo, demo_portal::DEMO_EMAIL, "demo", true)
        .await
        .unwrap();
    w.core.billing().sync().await.unwrap();
    w
}

fn timing(usual_secs: f64, deadline_secs: u64) -> FollowTiming {
    FollowTiming {
        usual: Duration::from_secs_f64(usual_secs),
        deadline: Duration::from_secs(deadline_secs),
    }
}

/// Follows attempt `id`, answering every phase said and the last step.
async fn follow(core: &Core, id: &str, t: FollowTiming) -> (Vec<PaymentPhase>, PaymentUpdate) {
    let mut phases = vec![];
    let last = tokio::time::timeout(
        Duration::from_secs(60),
        core.payments()
            .follow_payment(id, t, |u| phases.push(u.phase)),
    )
    .await
    .expect("following ends")
    .expect("followed");
    (phases, last)
}

/// What the person does in the checkout window: the request, the card form, Pay. Stops where
/// the processor leaves its own origin (the window would hand back to the app there). Answers
/// the last page: the receipt when direct return is off.
async fn pay_in_window(request: &CheckoutRequest) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().path().starts_with("/checkout/") {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }))
        .build()
        .unwrap();
    let order = browser
        .post(request.url.clone())
        .form(&request.fields)
        .send()
        .await
        .unwrap();
    let order_url = order.url().clone();
    assert!(
        order_url.path().starts_with("/checkout/order/"),
        "{order_url}"
    );
    let answer = browser
        .post(
            order_url
                .join(&format!("{}/pay", order_url.path()))
                .unwrap(),
        )
        .form(&[
            ("method", "card"),
            ("card_name", "Demo Customer"),
            ("card_number", demo_portal::TEST_CARD_OK),
            ("card_expiry", "12/30"),
            ("card_cvv", "123"),
        ])
        .send()
        .await
        .unwrap();
    answer.text().await.unwrap_or_default()
}

/// Presses "Make One Off Payment" on 1003: the attempt's id and the processor request.
async fn open_payment(core: &Core) -> (String, CheckoutRequest) {
    core.payments()
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap()
}

fn guarded(core: &Core, id: u64) -> bool {
    core.billing()
        .invoice_view(id)
        .is_ok_and(|v| v.guard.is_some())
}

#[tokio::test]
async fn paying_then_closing_the_window_on_the_receipt_keeps_the_guard_and_follows_to_paid() {
    let w = world(Some(2), false).await;
    let (id, request) = open_payment(&w.core).await;
    // Recorded before anything is loaded in the window.
    let attempt = w.core.payments().attempt(&id).unwrap();
    assert_eq!(attempt.state, AttemptState::Opened);
    assert_eq!(attempt.covers, vec![1003]);
    assert!(attempt.amount.is_some());
    w.core.billing().invoice(1003).await.unwrap();
    assert!(guarded(&w.core, 1003));
    let receipt = pay_in_window(&request).await;
    assert!(receipt.contains("receipt-title"), "the processor's receipt");
    // The person closes the window on the receipt.
    w.core.payments().checkout_closed(&id).unwrap();
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::WindowClosed
    );
    let (phases, last) = follow(&w.core, &id, timing(60.0, 600)).await;
    assert_eq!(phases[0], PaymentPhase::Checking, "{phases:?}");
    assert!(!phases.contains(&PaymentPhase::NoneRecorded), "{phases:?}");
    assert_eq!(last.phase, PaymentPhase::Paid);
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Settled
    );
    w.core.billing().invoice(1003).await.unwrap();
    assert!(!guarded(&w.core, 1003));
}

#[tokio::test]
async fn a_restart_right_after_pay_keeps_the_guard_and_follows_to_paid() {
    let w = world(Some(2), false).await;
    let (id, request) = open_payment(&w.core).await;
    pay_in_window(&request).await;
    // The app dies here: nothing came back from the window.
    drop(w.core);
    let again = core_in(&w.dir, &w.secrets, &w.demo);
    again
        .accounts()
        .restore()
        .await
        .unwrap()
        .expect("signed in again");
    assert_eq!(again.payments().attempts_to_follow(), vec![id.clone()]);
    again.billing().invoice(1003).await.unwrap();
    assert!(guarded(&again, 1003));
    assert!(matches!(
        again
            .payments()
            .prepare_payment(1003, PaymentKind::OneOff, false)
            .await,
        Err(CoreError::PaymentGuarded)
    ));
    let (phases, last) = follow(&again, &id, timing(60.0, 600)).await;
    assert!(!phases.contains(&PaymentPhase::NoneRecorded), "{phases:?}");
    assert_eq!(last.phase, PaymentPhase::Paid);
    assert!(again.payments().attempts_to_follow().is_empty());
}

#[tokio::test]
async fn an_invoice_read_from_the_saved_copy_after_pay_still_says_its_guard() {
    let w = world(None, false).await;
    w.core.billing().invoice(1003).await.unwrap();
    let (_, request) = open_payment(&w.core).await;
    pay_in_window(&request).await;
    drop(w.core);
    // Restarted with the portal out of reach: the invoice as the copy holds it, not payable,
    // and the payment being confirmed is still said.
    w.demo.set_faults(demo_portal::Faults {
        down: true,
        ..demo_portal::Faults::default()
    });
    let again = core_in(&w.dir, &w.secrets, &w.demo);
    again
        .accounts()
        .open_last_offline()
        .unwrap()
        .expect("the saved copy");
    let view = again.billing().invoice_view(1003).unwrap();
    assert!(view.saved.is_some() && !view.payable);
    assert!(view.guard.is_some(), "the guard, offline");
}

#[tokio::test]
async fn a_forged_failure_flag_after_a_charge_is_checked_at_the_portal() {
    let w = world(Some(3), true).await;
    let (id, request) = open_payment(&w.core).await;
    pay_in_window(&request).await;
    // A page sends the window to the portal with paymentfailed=true.
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::Failed)
        .unwrap();
    let (phases, last) = follow(&w.core, &id, timing(60.0, 600)).await;
    assert_eq!(
        &phases[..2],
        &[PaymentPhase::Checking, PaymentPhase::FailedUnconfirmed]
    );
    assert!(!phases.contains(&PaymentPhase::NoneRecorded), "{phases:?}");
    assert_eq!(last.phase, PaymentPhase::Paid);
    // What the person read meanwhile never says that nothing was charged.
    for lang in [app_core::Lang::En, app_core::Lang::Sq] {
        for phase in &phases {
            let text = w.core.catalogues().text(lang, phase.message_id(), &[]);
            assert!(!text.contains("Nothing was charged"), "{text}");
            assert!(!text.contains("Nuk u tarifua"), "{text}");
        }
    }
}

#[tokio::test]
async fn closing_without_paying_says_no_payment_recorded_only_after_the_usual_time() {
    let w = world(Some(1), true).await;
    let (id, _request) = open_payment(&w.core).await;
    w.core.payments().checkout_closed(&id).unwrap();
    let started = std::time::Instant::now();
    let (phases, last) = follow(&w.core, &id, timing(2.0, 600)).await;
    assert_eq!(
        phases,
        vec![
            PaymentPhase::Checking,
            PaymentPhase::NotSeenYet,
            PaymentPhase::NoneRecorded
        ]
    );
    assert!(started.elapsed() >= Duration::from_secs(2));
    assert!(!last.guarded);
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Cancelled
    );
    w.core.billing().invoice(1003).await.unwrap();
    assert!(!guarded(&w.core, 1003));
}

#[tokio::test]
async fn cancel_and_return_lifts_the_guard_only_when_the_portal_records_nothing() {
    let w = world(Some(1), true).await;
    let (id, _request) = open_payment(&w.core).await;
    // The processor's "Cancel and return" lands on the invoice with no outcome.
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::None)
        .unwrap();
    let (phases, last) = follow(&w.core, &id, timing(2.0, 600)).await;
    assert_eq!(
        phases,
        vec![
            PaymentPhase::Checking,
            PaymentPhase::NotSeenYet,
            PaymentPhase::NoneRecorded
        ]
    );
    assert!(!last.guarded);
}

#[tokio::test]
async fn a_mass_payment_guards_each_invoice_until_settled() {
    let w = world(Some(1), true).await;
    let (combined, payment) = w
        .core
        .payments()
        .prepare_mass_payment(&[1003, 1006], None, false)
        .await
        .unwrap();
    let (id, request) = payment.expect("an online method: the checkout");
    let attempt = w.core.payments().attempt(&id).unwrap();
    assert_eq!(attempt.invoice_id, combined);
    assert!(attempt.covers.contains(&1003) && attempt.covers.contains(&1006));
    // Each covered invoice is guarded, alone or in another mass payment.
    assert!(matches!(
        w.core
            .payments()
            .prepare_payment(1006, PaymentKind::OneOff, false)
            .await,
        Err(CoreError::PaymentGuarded)
    ));
    let again = w.core.payments().mass_payment_summary(&[1003, 1006]);
    assert!(
        again.problem.is_none() && again.guard.is_some(),
        "{again:?}"
    );
    assert!(matches!(
        w.core
            .payments()
            .prepare_mass_payment(&[1003, 1006], None, false)
            .await,
        Err(CoreError::PaymentGuarded)
    ));
    pay_in_window(&request).await;
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::Success)
        .unwrap();
    let (_, last) = follow(&w.core, &id, timing(60.0, 600)).await;
    assert_eq!(last.phase, PaymentPhase::Paid);
    for invoice in [1003, 1006] {
        assert_eq!(
            w.demo.invoice_status(demo_portal::DEMO_EMAIL, invoice),
            Some("Paid")
        );
        w.core.billing().invoice(invoice).await.unwrap();
        assert!(!guarded(&w.core, invoice));
    }
}

#[tokio::test]
async fn switching_account_while_the_window_is_open_follows_the_paying_account() {
    let w = world(Some(1), true).await;
    let customer = w.core.current_key().unwrap();
    let (id, request) = open_payment(&w.core).await;
    w.core
        .accounts()
        .sign_in(
            PortalChoice::Demo,
            demo_portal::ACCOUNTANT_EMAIL,
            "demo",
            false,
        )
        .await
        .unwrap();
    assert_ne!(w.core.current_key().unwrap(), customer);
    pay_in_window(&request).await;
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::Success)
        .unwrap();
    assert_eq!(w.core.payments().attempt(&id).unwrap().account, customer);
    let (_, last) = follow(&w.core, &id, timing(60.0, 600)).await;
    assert_eq!(last.phase, PaymentPhase::Paid);
    assert_eq!(last.account, customer);
}

#[tokio::test]
async fn a_password_changed_at_the_portal_stops_the_tracker_after_one_sign_in() {
    let w = world(None, true).await;
    let (id, request) = open_payment(&w.core).await;
    pay_in_window(&request).await;
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::Success)
        .unwrap();
    // Changed on the website: the app's session ends with it.
    w.demo
        .set_password(demo_portal::DEMO_EMAIL, "changed-on-the-web");
    let (posts, refusals) = w.demo.sign_in_posts();
    let (_, last) = follow(&w.core, &id, timing(60.0, 600)).await;
    assert_eq!(last.phase, PaymentPhase::SignInNeeded);
    assert!(last.guarded);
    assert_eq!(
        w.demo.sign_in_posts(),
        (posts + 1, refusals + 1),
        "one sign-in again, refused"
    );
    // Started again (a sign-in elsewhere, a restart): no password is posted again.
    let (_, again) = follow(&w.core, &id, timing(60.0, 600)).await;
    assert_eq!(again.phase, PaymentPhase::SignInNeeded);
    assert_eq!(w.demo.sign_in_posts(), (posts + 1, refusals + 1));
    assert!(w.core.payments().attempt(&id).unwrap().state.guards());
}

#[tokio::test]
async fn one_tracker_per_invoice_whatever_starts_it() {
    let w = world(Some(1), true).await;
    let (id, request) = open_payment(&w.core).await;
    pay_in_window(&request).await;
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::Success)
        .unwrap();
    let t = timing(60.0, 600);
    let views = w.demo.invoice_views();
    let (first, second) = tokio::join!(
        w.core.payments().follow_payment(&id, t, |_| {}),
        w.core.payments().follow_payment(&id, t, |_| {})
    );
    // One of the two found it followed already and did nothing.
    assert_eq!(
        [first.is_some(), second.is_some()]
            .iter()
            .filter(|x| **x)
            .count(),
        1
    );
    assert!(
        w.demo.invoice_views() - views <= 2,
        "one tracker's requests"
    );
}

#[tokio::test]
async fn tracking_stops_at_the_deadline_and_the_guard_waits_for_the_portal() {
    let w = world(None, true).await;
    let (id, _request) = open_payment(&w.core).await;
    // Came back as if paid, but the portal never hears of it.
    w.core
        .payments()
        .checkout_returned(&id, ReturnOutcome::Success)
        .unwrap();
    let (_, last) = follow(&w.core, &id, timing(0.5, 1)).await;
    assert_eq!(last.phase, PaymentPhase::Stopped);
    assert!(last.guarded);
    assert!(
        w.core.payments().attempts_to_follow().is_empty(),
        "not followed again by itself"
    );
    // The person opens the invoice: the portal shows it unpaid, with no payment on it. A
    // payment held in the processor's review looks the same: the guard stays, and lifting it
    // is offered with what it means.
    let view = w.core.billing().invoice(1003).await.unwrap();
    assert!(view.guard.is_some(), "still guarded");
    let lift = view.guard_lift.expect("lifting offered");
    assert!(lift.contains("card") && lift.contains("PayPal"), "{lift}");
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Stopped
    );
    // The person confirms.
    let view = w.core.payments().lift_payment_guard(1003).await.unwrap();
    assert!(view.guard.is_none() && view.guard_lift.is_none());
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Cancelled
    );
}

#[tokio::test]
async fn a_damaged_payment_record_is_set_aside_and_said() {
    let w = world(Some(1), true).await;
    w.core
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap();
    let record = w.dir.path().join("data/payments.json");
    std::fs::write(&record, b"{\"version\":1,\"attempts\":[{\"id\":").unwrap();
    let again = core_in(&w.dir, &w.secrets, &w.demo);
    let warnings = again.payments().take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("payments.json.damaged-"),
        "{warnings:?}"
    );
    assert!(again.payments().take_warnings().is_empty(), "said once");
}

/// Every step a follower reports, shared with the person acting meanwhile.
type Steps = std::sync::Mutex<Vec<PaymentUpdate>>;

/// Waits until `done` holds of the steps so far (60 s at most: then the test fails).
async fn steps_until(steps: &Steps, what: &str, done: impl Fn(&[PaymentUpdate]) -> bool) {
    let done_yet = || async { done(&steps.lock().unwrap()).then_some(()) };
    test_support::wait::until(what, Duration::from_secs(60), done_yet).await;
}

/// Follows attempt `id` while `person` acts, answering every step and the last one.
async fn follow_while(
    core: &Core,
    id: &str,
    t: FollowTiming,
    steps: &Steps,
    person: impl std::future::Future<Output = ()>,
) -> PaymentUpdate {
    let (last, ()) = tokio::join!(
        tokio::time::timeout(
            Duration::from_secs(90),
            core.payments()
                .follow_payment(id, t, |u| steps.lock().unwrap().push(u.clone()))
        ),
        person
    );
    last.expect("following ends").expect("followed")
}

#[tokio::test]
async fn longer_at_the_processor_than_the_usual_time_is_never_said_unpaid() {
    // The portal records the payment 1 s after Pay; the usual time is 3 s.
    let w = world(Some(1), false).await;
    let (id, request) = open_payment(&w.core).await;
    w.core.payments().checkout_opened(&id);
    let steps = Steps::default();
    let person = async {
        // The person reads the processor's page for longer than the usual time.
        steps_until(&steps, "a look past the usual time", |s| {
            s.iter()
                .any(|u| u.phase == PaymentPhase::Window && u.elapsed_ms > 3500)
        })
        .await;
        pay_in_window(&request).await;
        // Closes the receipt the way a person does.
        w.core.payments().checkout_closed(&id).unwrap();
    };
    let last = follow_while(&w.core, &id, timing(3.0, 600), &steps, person).await;
    let phases: Vec<PaymentPhase> = steps.lock().unwrap().iter().map(|u| u.phase).collect();
    assert!(!phases.contains(&PaymentPhase::NoneRecorded), "{phases:?}");
    assert!(phases.contains(&PaymentPhase::Checking), "{phases:?}");
    assert_eq!(last.phase, PaymentPhase::Paid);
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Settled
    );
}

#[tokio::test]
async fn paid_while_the_receipt_is_still_open_is_said_within_one_look() {
    // The processor keeps its receipt; the portal records the payment 3 s after Pay.
    let w = world(Some(3), false).await;
    let (id, request) = open_payment(&w.core).await;
    w.core.payments().checkout_opened(&id);
    let steps = Steps::default();
    let paid_at = std::sync::Mutex::new(None);
    let person = async {
        pay_in_window(&request).await;
        // The receipt page loaded in the window; the person leaves it open.
        w.core.payments().checkout_page_loaded(&id);
        *paid_at.lock().unwrap() = Some(std::time::Instant::now());
    };
    let last = follow_while(&w.core, &id, timing(300.0, 600), &steps, person).await;
    let seen_after = paid_at.lock().unwrap().expect("paid").elapsed();
    assert_eq!(last.phase, PaymentPhase::Paid);
    assert_eq!(
        last.message_id, "payment-paid-close-window",
        "the window can be closed"
    );
    // The portal recorded it 3 s after Pay; the tracker looks every 4.95 s.
    assert!(
        seen_after <= Duration::from_secs_f64(3.0 + 4.95 + 2.0),
        "{seen_after:?}"
    );
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Settled
    );
    assert!(
        w.core.payments().attempt(&id).unwrap().left_at.is_none(),
        "the window is still open"
    );
}

#[tokio::test]
async fn two_attempts_on_one_invoice_are_both_followed() {
    let w = world(Some(1), true).await;
    // The person gave up at the processor, then paid again (told of the first, confirmed).
    let (first, _) = open_payment(&w.core).await;
    w.core.payments().checkout_closed(&first).unwrap();
    let (second, request) = w
        .core
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, true)
        .await
        .unwrap();
    w.core.payments().checkout_opened(&second);
    let steps = Steps::default();
    let person = async {
        steps_until(&steps, "the first attempt followed", |s| {
            s.iter().any(|u| u.attempt_id == first)
        })
        .await;
        // A follower started for the second finds the invoice followed: it nudges that one.
        assert!(w
            .core
            .payments()
            .follow_payment(&second, timing(60.0, 600), |_| {})
            .await
            .is_none());
        pay_in_window(&request).await;
        w.core
            .payments()
            .checkout_returned(&second, ReturnOutcome::Success)
            .unwrap();
    };
    let last = follow_while(&w.core, &first, timing(60.0, 600), &steps, person).await;
    assert_eq!(last.phase, PaymentPhase::Paid);
    let steps = steps.lock().unwrap();
    let last_of = |id: &str| {
        steps
            .iter()
            .rev()
            .find(|u| u.attempt_id == id)
            .unwrap()
            .phase
    };
    assert_eq!(last_of(&first), PaymentPhase::Paid);
    assert_eq!(last_of(&second), PaymentPhase::Paid);
    for id in [&first, &second] {
        assert_eq!(
            w.core.payments().attempt(id).unwrap().state,
            AttemptState::Settled
        );
    }
}

#[tokio::test]
async fn two_quick_clicks_make_one_attempt() {
    let w = world(None, true).await;
    let (one_off, again) = tokio::join!(
        w.core
            .payments()
            .prepare_payment(1003, PaymentKind::OneOff, false),
        w.core
            .payments()
            .prepare_payment(1003, PaymentKind::OneOff, false)
    );
    let made = [one_off.is_ok(), again.is_ok()];
    assert_eq!(made.iter().filter(|m| **m).count(), 1, "{made:?}");
    assert!(matches!(
        if made[0] { again } else { one_off },
        Err(CoreError::PaymentGuarded)
    ));
    assert_eq!(w.core.payments().open_attempts().len(), 1);
}

#[tokio::test]
async fn credit_while_a_payment_is_being_confirmed_asks_first() {
    let w = world(None, true).await;
    let view = w.core.billing().invoice(1003).await.unwrap();
    let balance = view.balance.clone();
    assert!(view.credit.is_some(), "the demo offers credit on 1003");
    let (_id, _request) = open_payment(&w.core).await;
    assert!(matches!(
        w.core.billing().apply_credit(1003, "2", false).await,
        Err(CoreError::PaymentGuarded)
    ));
    // Nothing was sent: the invoice still asks for the same amount.
    let view = w.core.billing().invoice(1003).await.unwrap();
    assert_eq!(view.balance, balance);
    assert!(view.guard.is_some());
    // Confirmed after the warning, it is applied.
    w.core
        .billing()
        .apply_credit(1003, "2", true)
        .await
        .unwrap();
}

#[tokio::test]
async fn two_looks_that_find_the_session_expired_sign_in_once() {
    let w = world(None, true).await;
    let key = w.core.current_key().unwrap();
    w.demo.expire_sessions();
    let (posts, refusals) = w.demo.sign_in_posts();
    let (a, b) = tokio::join!(
        w.core.payments().look_at_invoice(&key, 1003, true),
        w.core.payments().look_at_invoice(&key, 1006, true)
    );
    assert_eq!(a.unwrap().0.id, 1003);
    assert_eq!(b.unwrap().0.id, 1006);
    assert_eq!(
        w.demo.sign_in_posts(),
        (posts + 1, refusals),
        "one sign-in post, shared"
    );
    // The session that sign-in made is the one both use afterwards.
    assert!(w
        .core
        .payments()
        .look_at_invoice(&key, 1003, false)
        .await
        .is_ok());
}

/// `dir` can no longer be written: its permissions, or (root, in the child's own mount
/// namespace) a read-only bind mount of it.
fn make_read_only(dir: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    if std::fs::write(dir.join(".probe"), b"x").is_ok() {
        std::fs::remove_file(dir.join(".probe")).unwrap();
        let d = dir.to_str().unwrap();
        for args in [vec!["--bind", d, d], vec!["-o", "remount,bind,ro", d]] {
            let status = std::process::Command::new("mount")
                .args(&args)
                .status()
                .unwrap();
            assert!(status.success(), "mount {args:?}");
        }
    }
    assert!(
        std::fs::write(dir.join(".probe"), b"x").is_err(),
        "read-only now"
    );
}

/// In the child running test `name` (None in the parent, which has run the child): the
/// customer signed in, 1003 read, a payment of it opened; the attempt's id and the record's
/// bytes on disk then.
async fn paying_in_child(name: &str) -> Option<(World, String, Vec<u8>)> {
    if !test_support::child::is_child(name) {
        // A child may change what the whole process has (its open files, its mounts): in a
        // mount namespace of its own when root, whom a folder's permissions do not stop.
        test_support::child::run_in_own_mounts(name, true);
        return None;
    }
    let w = world(None, true).await;
    w.core.billing().invoice(1003).await.unwrap();
    let (id, _request) = open_payment(&w.core).await;
    let before = std::fs::read(w.dir.path().join("data/payments.json")).unwrap();
    Some((w, id, before))
}

fn saying_the_record(core: &Core) -> bool {
    core.payments()
        .take_warnings()
        .iter()
        .any(|w| w.contains("cannot be read or saved"))
}

#[tokio::test]
async fn a_read_only_data_folder_loses_no_payment_and_says_so() {
    let Some((w, id, before)) =
        paying_in_child("a_read_only_data_folder_loses_no_payment_and_says_so").await
    else {
        return;
    };
    let record = w.dir.path().join("data/payments.json");
    make_read_only(&w.dir.path().join("data"));
    // The window closes: not recorded, and said.
    assert!(matches!(
        w.core.payments().checkout_closed(&id),
        Err(CoreError::PaymentRecord(_))
    ));
    assert!(matches!(
        w.core
            .payments()
            .prepare_payment(1006, PaymentKind::OneOff, false)
            .await,
        Err(CoreError::PaymentRecord(_))
    ));
    assert!(saying_the_record(&w.core));
    // The record is as it was, and still guards.
    assert_eq!(std::fs::read(&record).unwrap(), before);
    assert!(guarded(&w.core, 1003));
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::Opened
    );
}

#[tokio::test]
async fn too_many_open_files_lose_no_payment_and_say_so() {
    let Some((w, id, before)) =
        paying_in_child("too_many_open_files_lose_no_payment_and_say_so").await
    else {
        return;
    };
    let data = w.dir.path().join("data");
    // Every file descriptor the process may have, taken.
    let mut held = vec![];
    while let Ok(f) = std::fs::File::open("/dev/null") {
        held.push(f);
    }
    assert!(
        w.core.payments().attempts_to_follow().is_empty(),
        "nothing read"
    );
    assert!(matches!(
        w.core.payments().checkout_closed(&id),
        Err(CoreError::PaymentRecord(_))
    ));
    assert!(guarded(&w.core, 1003), "unreadable still guards");
    drop(held);
    assert!(saying_the_record(&w.core));
    // Nothing was set aside or lost: the attempt is there, and closes now.
    assert_eq!(std::fs::read(data.join("payments.json")).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("damaged")), "{names:?}");
    w.core.payments().checkout_closed(&id).unwrap();
    assert_eq!(
        w.core.payments().attempt(&id).unwrap().state,
        AttemptState::WindowClosed
    );
}
