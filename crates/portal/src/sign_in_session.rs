//! Owns signing a session in: the e-mail and password (kept as a secret, for signing in again
//! once when the session expires), the second factor, the password-reset request, signing out,
//! and a session made in the portal's own sign-in page taken over by its cookies.

use crate::error::{PortalError, Result};
use crate::pages::{self, Captcha, PageKind};
use crate::session::{parse_off_thread, scanned, Credentials, Session};
use url::Url;

/// What a sign-in attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    SignedIn,
    /// The portal wants a code; answer with [`Session::second_factor`].
    SecondFactor,
}

impl Session {
    /// Signs in with an e-mail and password, and keeps them for signing in again when the
    /// session expires.
    pub async fn sign_in(&self, credentials: Credentials, remember_me: bool) -> Result<SignIn> {
        let start = self.get_raw(self.address.page("clientarea.php")).await?;
        let login = match pages::classify(&start.html, &start.url)? {
            PageKind::Login(login) => login,
            PageKind::ClientArea => {
                // Already signed in (a cookie from earlier): sign out first so that the
                // account is the one asked for.
                self.get_raw(self.address.page("logout.php")).await?;
                let again = self.get_raw(self.address.page("clientarea.php")).await?;
                match pages::classify(&again.html, &again.url)? {
                    PageKind::Login(login) => login,
                    other => return Err(self.unexpected_kind(&again.url, other)),
                }
            }
            other => return Err(self.unexpected_kind(&start.url, other)),
        };
        // Only a person can answer a captcha: the form is not posted (WHMCS would count a
        // refused sign-in), the person signs in in the portal's own page instead.
        if login.captcha != Captcha::None {
            return Err(PortalError::CaptchaRequired);
        }
        let mut form = login.form;
        form.set("username", &credentials.email);
        form.set(
            "password",
            secrecy::ExposeSecret::expose_secret(&credentials.password),
        );
        if remember_me {
            form.set("rememberme", "on");
        } else {
            form.remove("rememberme");
        }
        let answer = self.submit(&form).await?;
        let kind = pages::classify(&answer.html, &answer.url)?;
        if let PageKind::TwoFactor(tf) = &kind {
            *self.pending_two_factor.lock().await = Some(tf.clone());
        }
        let outcome = self.after_sign_in_kind(kind, &answer.url)?;
        *self.credentials.lock().await = Some(credentials);
        Ok(outcome)
    }

    fn after_sign_in_kind(&self, kind: PageKind, url: &Url) -> Result<SignIn> {
        match kind {
            PageKind::ClientArea => Ok(SignIn::SignedIn),
            PageKind::Login(page) => {
                if page.captcha != Captcha::None {
                    Err(PortalError::CaptchaRequired)
                } else {
                    Err(PortalError::WrongCredentials)
                }
            }
            PageKind::TwoFactor(_) => Ok(SignIn::SecondFactor),
            PageKind::Banned { reason } => Err(PortalError::Banned { reason }),
            PageKind::NewBackupCode(_) | PageKind::Other => Err(PortalError::unexpected(
                url,
                "the client area after sign-in",
            )),
        }
    }

    fn unexpected_kind(&self, url: &Url, kind: PageKind) -> PortalError {
        match kind {
            PageKind::Banned { reason } => PortalError::Banned { reason },
            _ => PortalError::unexpected(url, "the sign-in page"),
        }
    }

    /// Answers the second-factor challenge with a 6-digit code, or a backup code. After a
    /// backup code the portal shows the new one once: it is answered, for the person to keep.
    pub async fn second_factor(&self, code: &str, backup: bool) -> Result<Option<String>> {
        let pending = self
            .pending_two_factor
            .lock()
            .await
            .clone()
            .ok_or(PortalError::SessionExpired)?;
        let form = if backup {
            pending.backup.map(|mut f| {
                f.set("twofabackupcode", code.trim());
                f
            })
        } else {
            pending.challenge.map(|mut f| {
                f.set("key", code.trim());
                f
            })
        }
        .ok_or(PortalError::SecondFactorRequired)?;
        let answer = self.submit(&form).await?;
        match pages::classify(&answer.html, &answer.url)? {
            PageKind::ClientArea => {
                *self.pending_two_factor.lock().await = None;
                Ok(None)
            }
            PageKind::NewBackupCode(new_code) => {
                *self.pending_two_factor.lock().await = None;
                Ok(Some(new_code))
            }
            PageKind::TwoFactor(tf) => {
                *self.pending_two_factor.lock().await = Some(tf);
                Err(PortalError::WrongSecondFactor)
            }
            PageKind::Login(_) => Err(PortalError::SessionExpired),
            PageKind::Banned { reason } => Err(PortalError::Banned { reason }),
            PageKind::Other => Err(PortalError::unexpected(&answer.url, "the client area")),
        }
    }

    /// Asks the portal to e-mail a password-reset link. Ok(message) when it says it sent one.
    pub async fn request_password_reset(&self, email: &str) -> Result<String> {
        let start = self.get_raw(self.address.page("clientarea.php")).await?;
        let link = pages::forgot_password_link(&start.html, &start.url)
            .unwrap_or_else(|| self.address.page("index.php?rp=/password/reset"));
        let page = self.get_raw(link).await?;
        let mut form = pages::parse_reset_form(&page.html, &page.url)?;
        form.set("email", email);
        let answer = self.submit(&form).await?;
        match pages::parse_reset_result(&answer.html, &answer.url)? {
            Ok(message) => Ok(message),
            Err(message) => Err(PortalError::Refused(message)),
        }
    }

    pub async fn sign_out(&self) -> Result<()> {
        *self.credentials.lock().await = None;
        self.get_raw(self.address.page("logout.php")).await?;
        Ok(())
    }

    /// Takes over a session the person made in the portal's own sign-in page (in a window of
    /// the app, for a captcha): its cookies, as that window holds them for the portal.
    pub fn adopt_cookies(&self, cookies: &[(String, String)]) {
        let url = self.address.base();
        for (name, value) in cookies {
            self.cookies
                .add_cookie_str(&format!("{name}={value}; Path=/"), url);
        }
    }

    /// Whether this session is signed in, and as whom: the e-mail of the profile page's
    /// form (`clientarea.php?action=details`, its `email` field). None when signed out.
    pub async fn signed_in_email(&self) -> Result<Option<String>> {
        let page = scanned(
            self.get_raw(self.address.page("clientarea.php?action=details"))
                .await?,
        );
        if page.scan.is_some_and(|s| s.sign_in_form) {
            return Ok(None);
        }
        parse_off_thread(page, |html, url| Ok(pages::profile_email(html, url))).await
    }

    /// Signs in again with the credentials kept; refused ones are forgotten (nothing posts
    /// them again without the person).
    pub(crate) async fn sign_in_again(&self) -> Result<()> {
        let credentials = self.credentials.lock().await.clone();
        let Some(credentials) = credentials else {
            return Err(PortalError::SessionExpired);
        };
        match self.sign_in(credentials, false).await {
            Ok(SignIn::SignedIn) => Ok(()),
            Ok(SignIn::SecondFactor) => {
                *self.credentials.lock().await = None;
                Err(PortalError::SecondFactorRequired)
            }
            Err(e) => {
                if !matches!(
                    e,
                    PortalError::Unreachable(_)
                        | PortalError::Timeout
                        | PortalError::HttpStatus { .. }
                ) {
                    *self.credentials.lock().await = None;
                }
                Err(match e {
                    PortalError::WrongCredentials => PortalError::SessionExpired,
                    other => other,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_hides_the_password() {
        let c = Credentials {
            email: "a@b.c".into(),
            password: "hunter2".into(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
