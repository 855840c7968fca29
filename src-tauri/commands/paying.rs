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
        .payments()
        .prepare_payment(id, kind, confirmed)
        .await
        .map_err(|e| ui(&shell, e))?;
    open_checkout(&app, &shell, request, &attempt).await?;
    Ok(attempt)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn mass_payment_summary(
    shell: State<'_, Shell>,
    ids: Vec<u64>,
) -> Answer<app_core::MassPaymentSummary> {
    off_main(&shell, move |core| {
        Ok(core.payments().mass_payment_summary(&ids))
    })
    .await
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
        .payments()
        .prepare_mass_payment(&ids, method.as_deref(), confirmed)
        .await
        .map_err(|e| ui(&shell, e))?;
    let Some((attempt, request)) = payment else {
        return Ok((id, None));
    };
    open_checkout(&app, &shell, request, &attempt).await?;
    Ok((id, Some(attempt)))
}

/// Opens the checkout window for a recorded attempt and follows the invoice from now on (the
/// portal may record the payment while the window is still open). A window that could not
/// open loaded nothing: its attempt leaves the record.
async fn open_checkout(
    app: &AppHandle,
    shell: &Shell,
    request: portal::checkout::CheckoutRequest,
    attempt: &str,
) -> Result<(), UiError> {
    let opened = match checkout_window::close_for_replacement(app).await {
        Ok(()) => checkout_window::open(app, request, attempt.to_owned()),
        Err(e) => Err(e),
    };
    if let Err(e) = opened {
        shell.core.payments().forget_unopened(attempt);
        return Err(ui(shell, ShellError::Window(e)));
    }
    payments::follow(app, attempt.to_owned());
    Ok(())
}

/// The payment methods the portal's mass payment offers.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn mass_payment_methods(shell: State<'_, Shell>) -> Answer<Vec<portal::PaymentMethod>> {
    shell
        .core
        .payments()
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
        .payments()
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
    confirmed: bool,
) -> Answer<app_core::billing::credit::CreditOutcome> {
    shell
        .core
        .billing()
        .apply_credit(id, &amount, confirmed)
        .await
        .map_err(|e| ui(&shell, e))
}

/// The portal's "Add Funds" limits and methods.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_funds_view(
    shell: State<'_, Shell>,
) -> Answer<app_core::billing::add_funds::AddFundsView> {
    shell
        .core
        .billing()
        .add_funds_view()
        .await
        .map_err(|e| ui(&shell, e))
}

/// Has the portal make an invoice adding `amount` (as typed) to the credit; answers its id.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn add_funds(shell: State<'_, Shell>, amount: String, method: String) -> Answer<u64> {
    shell
        .core
        .billing()
        .add_funds(&amount, &method)
        .await
        .map_err(|e| ui(&shell, e))
}

/// Lifts the guard a payment whose tracking stopped keeps on the invoice: the person was told
/// what it means and confirmed; the portal is read first.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn lift_payment_guard(shell: State<'_, Shell>, id: u64) -> Answer<InvoiceView> {
    shell
        .core
        .payments()
        .lift_payment_guard(id)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn payment_state(shell: State<'_, Shell>) -> payments::PaymentState {
    payments::payment_state(&shell)
}
