//! Owns the commands for accounts: signing in (and its second factor, the password reset, the
//! portal's own sign-in page), restoring the last sign-in, the saved copies, switching and
//! signing out.

use super::*;

async fn portal_ready(shell: &Shell, portal: &PortalChoice) -> Answer<()> {
    if *portal == PortalChoice::Demo {
        payments::ensure_demo(shell)
            .await
            .map_err(|e| ui(shell, e))?;
    }
    Ok(())
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sign_in(
    shell: State<'_, Shell>,
    portal: PortalChoice,
    email: String,
    password: secrecy::SecretString,
    remember: bool,
) -> Answer<SignInOutcome> {
    portal_ready(&shell, &portal).await?;
    let outcome = shell
        .core
        .accounts()
        .sign_in(portal, &email, password, remember)
        .await
        .map_err(|e| ui(&shell, e))?;
    Ok(outcome)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn second_factor(
    shell: State<'_, Shell>,
    code: String,
    backup: bool,
) -> Answer<SignInOutcome> {
    let outcome = shell
        .core
        .accounts()
        .second_factor(&code, backup)
        .await
        .map_err(|e| ui(&shell, e))?;
    Ok(outcome)
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn request_password_reset(
    shell: State<'_, Shell>,
    portal: PortalChoice,
    email: String,
) -> Answer<String> {
    portal_ready(&shell, &portal).await?;
    shell
        .core
        .accounts()
        .request_password_reset(portal, &email)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn restore_session(
    shell: State<'_, Shell>,
) -> Answer<Option<app_core::views::AccountView>> {
    if shell.started_in_demo {
        payments::ensure_demo(&shell)
            .await
            .map_err(|e| ui(&shell, e))?;
    }
    shell
        .core
        .accounts()
        .restore()
        .await
        .map_err(|e| ui(&shell, e))
}

/// The saved copy of the account a restart signs in to, shown before signing in finishes.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn open_last_offline(
    shell: State<'_, Shell>,
) -> Answer<Option<app_core::views::AccountView>> {
    off_main(&shell, |core| core.accounts().open_last_offline()).await
}

/// The saved copy of an account's invoices, when its portal cannot be reached.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn open_offline(
    shell: State<'_, Shell>,
    portal: PortalChoice,
    email: String,
) -> Answer<app_core::views::AccountView> {
    shell
        .core
        .accounts()
        .open_offline(portal, &email)
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn sign_out(
    app: AppHandle,
    shell: State<'_, Shell>,
    forget: bool,
) -> Answer<Option<app_core::views::AccountView>> {
    let account = shell.core.current_key();
    let next = shell
        .core
        .accounts()
        .sign_out(forget)
        .await
        .map_err(|e| ui(&shell, e))?;
    if let (true, Some(account)) = (forget, account) {
        // The copies of its PDFs handed to the viewer go with the account.
        pdf_cache(&app)
            .and_then(|c| c.forget(&account).map_err(|e| CoreError::Io(e).into()))
            .map_err(|e| ui(&shell, e))?;
    }
    Ok(next)
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub fn accounts(shell: State<'_, Shell>) -> Vec<app_core::AccountChoice> {
    shell.core.accounts().choices()
}

/// Another account on screen; None when it needs its password (the UI asks).
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn switch_account(
    shell: State<'_, Shell>,
    key: String,
) -> Answer<Option<app_core::views::AccountView>> {
    if shell.started_in_demo {
        payments::ensure_demo(&shell)
            .await
            .map_err(|e| ui(&shell, e))?;
    }
    shell
        .core
        .accounts()
        .switch_account(&key)
        .await
        .map_err(|e| ui(&shell, e))
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn all_accounts(shell: State<'_, Shell>) -> Answer<app_core::views::AllAccountsView> {
    off_main(&shell, |core| Ok(core.accounts().all_accounts_view())).await
}

#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub fn open_in_browser(shell: State<'_, Shell>) -> Answer<()> {
    checkout_window::open_blocked_in_browser(&shell).map_err(|e| ui(&shell, ShellError::Opener(e)))
}

/// Opens the portal's client area in the system browser: the way to finish a sign-in that
/// needs a captcha.
/// Opens the portal's own sign-in page in the sign-in window (a portal that asks for a
/// captcha). The outcome comes as the event `browser-signed-in`.
#[tauri::command]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn browser_sign_in(
    app: AppHandle,
    shell: State<'_, Shell>,
    portal: PortalChoice,
) -> Answer<()> {
    portal_ready(&shell, &portal).await?;
    let (address, start) = shell
        .core
        .accounts()
        .browser_sign_in_start(&portal)
        .await
        .map_err(|e| ui(&shell, e))?;
    let title = shell.core.text(
        "signin-window-title",
        &[("host", l10n::Arg::from(address.host().to_owned()))],
    );
    crate::sign_in_window::open(&app, portal, address, start, title)
        .map_err(|e| ui(&shell, ShellError::Window(e)))
}
