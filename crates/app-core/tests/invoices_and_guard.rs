//! An account's invoices as the views show them in both languages, and the guard against
//! paying twice across restarts.

use app_core::views::Filter;
use app_core::{CoreError, Lang, PortalChoice};
use portal::PaymentKind;
use test_support::world::{core_in as new_core, synced, world};

#[tokio::test]
async fn views_in_both_languages_from_the_same_sync() {
    let w = world().await;
    w.core
        .accounts()
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "demo", false)
        .await
        .unwrap();
    let en = w.core.billing().sync().await.unwrap();
    assert_eq!(en.unpaid_text, "4 unpaid invoices");
    assert_eq!(en.overdue_text, "2 overdue");
    assert_eq!(en.credit.as_deref(), Some("Credit balance: €5.00"));
    w.core.settings().set_language(Lang::Sq).unwrap();
    let sq = w.core.billing().dashboard_view().unwrap();
    assert_eq!(sq.unpaid_text, "4 fatura të papaguara");
    assert_eq!(sq.overdue_text, "2 të prapambetura");
    assert_eq!(sq.credit.as_deref(), Some("Krediti: 5,00\u{a0}€"));
    let list = w.core.billing().invoice_list(Filter::All).unwrap();
    assert_eq!(list.rows.len(), 12);
    let row = list.rows.iter().find(|r| r.id == 1005).unwrap();
    assert_eq!(row.total, "1\u{a0}200,00\u{a0}ALL");
    assert_eq!(row.status_text, "E prapambetur");
    let invoice = w.core.billing().invoice(1003).await.unwrap();
    assert_eq!(invoice.title, "Fatura 2026-0103");
    // The totals rows are named by the app in Albanian, whatever the portal's words are.
    let labels: Vec<&str> = invoice.totals.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels.first(), Some(&"Nëntotali"));
    assert_eq!(labels.last(), Some(&"Totali"));
    assert_eq!(labels[labels.len() - 2], "Krediti i përdorur");
    assert!(!labels
        .iter()
        .any(|l| ["Sub Total", "Credit", "Total"].contains(l)));
    assert_eq!(invoice.choices.len(), 2);
    assert!(invoice.choices[1].help.contains("mujore"));
    let overdue = w.core.billing().invoice(1006).await.unwrap();
    assert_eq!(overdue.choices.len(), 1);
    assert!(overdue.recurring_withheld.is_some());
}

#[tokio::test]
async fn a_payment_attempt_guards_the_pay_buttons_across_restarts() {
    let w = world().await;
    synced(&w.core, "demo@jitops.example", true).await;
    let (_, request) = w
        .core
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await
        .unwrap();
    assert!(request.url.as_str().contains("/checkout/purchase"));
    let again = new_core(&w.dir, &w.secrets, &w.demo, "en_US.UTF-8");
    again.accounts().restore().await.unwrap().unwrap();
    again.billing().sync().await.unwrap();
    assert_eq!(again.payments().open_attempts().len(), 1);
    let view = again.billing().invoice(1003).await.unwrap();
    assert!(view.guard.as_deref().unwrap().contains("charge you twice"));
    let refused = again
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, false)
        .await;
    assert!(matches!(refused, Err(CoreError::PaymentGuarded)));
    assert!(again
        .payments()
        .prepare_payment(1003, PaymentKind::OneOff, true)
        .await
        .is_ok());
    assert_eq!(
        again.payments().open_attempts().len(),
        2,
        "each attempt is recorded"
    );
}

#[tokio::test]
async fn a_paid_invoice_cannot_be_paid() {
    let w = world().await;
    w.core
        .accounts()
        .sign_in(PortalChoice::Demo, "demo@jitops.example", "demo", false)
        .await
        .unwrap();
    let r = w
        .core
        .payments()
        .prepare_payment(1001, PaymentKind::OneOff, false)
        .await;
    assert!(matches!(
        r,
        Err(CoreError::Portal(portal::PortalError::PaymentNotOffered))
    ));
}
