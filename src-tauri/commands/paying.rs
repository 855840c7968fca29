//! Owns the commands that move money: paying one invoice or several in the checkout window, the
//! payment method, paying from credit and adding funds.

use super::*;

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn pay(
    app: AppHandle,
    shell: State<'_, Shell>,
    id: u64,
    kind: PaymentKind,
    confirmed: bool,
) -> Answer<String> {
    let (attempt, request) = shell
        .core
        .prepare_payment(id, kind, confirmed)
        .await
        .map_err(|e| ui(&shell, e))?;
    checkout_window::open(&app, request, attempt.clone())
        .map_err(|e| ui(&shell, ShellError::Window(e)))?;
    Ok(attempt)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn mass_payment_summary(
    shell: State<'_, Shell>,
    ids: Vec<u64>,
) -> Answer<app_core::MassPaymentSummary> {
    off_main(&shell, move |core| Ok(core.mass_payment_summary(&ids))).await
}

/// Pays several invoices together (the portal's mass payment) in the checkout window; the
/// combined invoice's id is answered, and followed like any payment.
/// With an offline method (a bank transfer) nothing opens: the attempt is none and the
/// combined invoice, with the portal's instructions, is the way on.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn pay_many(
    app: AppHandle,
    shell: State<'_, Shell>,
    ids: Vec<u64>,
    method: Option<String>,
    confirmed: bool,
) -> Answer<(u64, Option<String>)> {
    let (id, payment) = shell
        .core
        .prepare_mass_payment(&ids, method.as_deref(), confirmed)
        .await
        .map_err(|e| ui(&shell, e))?;
    let Some((attempt, request)) = payment else {
        return Ok((id, None));
    };
    checkout_window::open(&app, request, attempt.clone())
        .map_err(|e| ui(&shell, ShellError::Window(e)))?;
    Ok((id, Some(attempt)))
}

/// The payment methods the portal's mass payment offers.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn mass_payment_methods(shell: State<'_, Shell>) -> Answer<Vec<portal::PaymentMethod>> {
    shell
        .core
        .mass_payment_methods()
        .await
        .map_err(|e| ui(&shell, e))
}

/// Switches the invoice to another payment method the portal offers.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn change_payment_method(
    shell: State<'_, Shell>,
    id: u64,
    method: String,
) -> Answer<InvoiceView> {
    shell
        .core
        .change_payment_method(id, &method)
        .await
        .map_err(|e| ui(&shell, e))
}

/// Pays the invoice, in part or whole, from the account's credit (the amount as typed).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn apply_credit(
    shell: State<'_, Shell>,
    id: u64,
    amount: String,
) -> Answer<app_core::credit::CreditOutcome> {
    shell
        .core
        .apply_credit(id, &amount)
        .await
        .map_err(|e| ui(&shell, e))
}

/// The portal's "Add Funds" limits and methods.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_funds_view(shell: State<'_, Shell>) -> Answer<app_core::add_funds::AddFundsView> {
    shell.core.add_funds_view().await.map_err(|e| ui(&shell, e))
}

/// Has the portal make an invoice adding `amount` (as typed) to the credit; answers its id.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_funds(shell: State<'_, Shell>, amount: String, method: String) -> Answer<u64> {
    shell
        .core
        .add_funds(&amount, &method)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn payment_state(shell: State<'_, Shell>) -> payments::PaymentState {
    payments::payment_state(&shell)
}
