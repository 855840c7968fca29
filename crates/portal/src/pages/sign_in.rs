//! Owns the sign-in side: which kind of page the portal answered (sign-in, second factor, new
//! backup code, ban, client area), its captcha, the password reset and the profile's e-mail.

use super::*;

/// What kind of page the portal answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Login(LoginPage),
    TwoFactor(TwoFactorPage),
    /// After a backup code: WHMCS used it up and shows the new one, only on this page
    /// (`two-factor-new-backup-code.tpl`). The person is signed in.
    NewBackupCode(String),
    Banned {
        reason: Option<String>,
    },
    ClientArea,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginPage {
    pub form: FormRequest,
    /// The danger alert's text ("Login Details Incorrect…").
    pub error: Option<String>,
    pub captcha: Captcha,
}

/// The captcha a sign-in form carries, in each form WHMCS's `includes/captcha.tpl` renders.
/// Only a person can answer any of them: the app never posts such a form itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Captcha {
    None,
    /// WHMCS's built-in image captcha (`img#inputCaptchaImage` and a `code` field).
    Image,
    /// A box a provider's script fills: reCAPTCHA v2 (`.recaptcha-container`, or the older
    /// `.g-recaptcha` with a site key), hCaptcha, Turnstile.
    Widget,
    /// No box at all: invisible reCAPTCHA or v3 (the button carries `btn-recaptcha`, the
    /// provider's script is in the head).
    Invisible,
}

/// The hosts a captcha provider's scripts and frames come from: the sign-in window allows them
/// beside the portal.
pub const CAPTCHA_PROVIDER_HOSTS: &[&str] = &[
    "www.google.com",
    "www.gstatic.com",
    "www.recaptcha.net",
    "recaptcha.net",
    "hcaptcha.com",
    "js.hcaptcha.com",
    "newassets.hcaptcha.com",
    "challenges.cloudflare.com",
];

/// Which captcha, if any, a sign-in page asks for.
fn captcha_of(doc: &Html, form: ElementRef<'_>) -> Captcha {
    let boxed = ".recaptcha-container, .g-recaptcha, .h-captcha, .cf-turnstile, [data-sitekey], #google-recaptcha-domainchecker";
    if doc.select(&sel(boxed)).next().is_some() {
        return Captcha::Widget;
    }
    let button_says = form
        .select(&sel("button, input[type=submit]"))
        .any(|b| b.value().classes().any(|c| c.starts_with("btn-recaptcha")));
    let provider_script = doc.select(&sel("script[src]")).any(|s| {
        let src = s.value().attr("src").unwrap_or_default();
        [
            "recaptcha/api.js",
            "recaptcha/enterprise.js",
            "hcaptcha.com",
            "turnstile",
        ]
        .iter()
        .any(|p| src.contains(p))
    });
    if button_says || provider_script {
        return Captcha::Invisible;
    }
    if form
        .select(&sel("input[name=code], img#inputCaptchaImage"))
        .next()
        .is_some()
        || doc.select(&sel("img#inputCaptchaImage")).next().is_some()
    {
        return Captcha::Image;
    }
    Captcha::None
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactorPage {
    pub challenge: Option<FormRequest>,
    pub backup: Option<FormRequest>,
    pub incorrect: bool,
}

fn login_form(doc: &Html) -> Option<ElementRef<'_>> {
    doc.select(&sel("form.login-form")).next().or_else(|| {
        doc.select(&sel("form")).find(|f| {
            f.select(&sel("input[name=password]")).next().is_some()
                && f.select(&sel("input[name=username]")).next().is_some()
        })
    })
}

/// Classifies any page of the portal.
pub fn classify(html: &str, url: &Url) -> Result<PageKind> {
    let doc = document(html, url)?;
    if let Some(form) = login_form(&doc) {
        return Ok(PageKind::Login(LoginPage {
            form: read_form(form, url)?,
            error: shown_alert(form_area(&doc, Some(form)), DANGER),
            captcha: captcha_of(&doc, form),
        }));
    }
    let challenge = doc.select(&sel("form#frmTwoFactorChallenge")).next();
    let backup = doc.select(&sel("form#frmTwoFactorBackup")).next();
    if challenge.is_some() || backup.is_some() {
        let area = form_area(&doc, challenge.or(backup));
        return Ok(PageKind::TwoFactor(TwoFactorPage {
            challenge: challenge.map(|f| read_form(f, url)).transpose()?,
            backup: backup.map(|f| read_form(f, url)).transpose()?,
            incorrect: shown_alert(area, DANGER).is_some(),
        }));
    }
    if let Some(code) = new_backup_code(&doc) {
        return Ok(PageKind::NewBackupCode(code));
    }
    for alert in doc.select(&sel(".alert-danger")).filter(|a| is_shown(*a)) {
        // The ban page's alert carries a gavel icon, in any language.
        if alert.select(&sel(".fa-gavel")).next().is_some() {
            let reason = alert
                .select(&sel("li strong"))
                .next()
                .map(text_of)
                .filter(|r| !r.is_empty());
            return Ok(PageKind::Banned { reason });
        }
    }
    let signed_in = doc.select(&sel("a[href]")).any(|a| {
        a.value()
            .attr("href")
            .is_some_and(|h| h.contains("action=details"))
    }) || doc.select(&sel("div.topbar")).next().is_some()
        || doc.select(&sel("a[href*='logout.php']")).next().is_some();
    Ok(if signed_in {
        PageKind::ClientArea
    } else {
        PageKind::Other
    })
}

/// The new backup code on the page WHMCS shows after one was used: a card with a success
/// alert, then the code alone in a warning alert, and no form. Read by structure, in any
/// language.
fn new_backup_code(doc: &Html) -> Option<String> {
    doc.select(&sel(".card, .panel, .login-container, #main-body"))
        .filter(|area| area.select(&sel("form")).next().is_none())
        .find_map(|area| {
            shown_alert(area, ".alert-success")?;
            let code = shown_alert(area, ".alert-warning")?;
            let plain = code.len() <= 40
                && code.chars().any(|c| c.is_ascii_alphanumeric())
                && code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
            plain.then_some(code)
        })
}

/// Whether the page is the sign-in page (what an expired session is answered with).
///
/// Asked of every page fetched, so it is answered by the tokenizer alone, without a tree (the
/// same question as `login_form` on a built page).
pub fn is_login_page(html: &str) -> bool {
    crate::depth::scan(html).sign_in_form
}

/// The outcome of a password-reset request.
pub fn parse_reset_result(html: &str, url: &Url) -> Result<std::result::Result<String, String>> {
    let doc = document(html, url)?;
    let area = form_area(&doc, None);
    if let Some(ok) = shown_alert(area, ".alert-success") {
        return Ok(Ok(ok));
    }
    if let Some(err) = shown_alert(area, DANGER) {
        return Ok(Err(err));
    }
    Err(PortalError::unexpected(
        url,
        "neither a success nor an error alert",
    ))
}

/// The reset form on the `password-reset-begin` page.
pub fn parse_reset_form(html: &str, url: &Url) -> Result<FormRequest> {
    let doc = document(html, url)?;
    let form = doc
        .select(&sel("form"))
        .find(|f| f.select(&sel("input[name=email]")).next().is_some())
        .ok_or_else(|| PortalError::unexpected(url, "the password reset form"))?;
    read_form(form, url)
}

/// The e-mail of the profile form (`clientareadetails.tpl`'s `email` field).
pub fn profile_email(html: &str, url: &Url) -> Option<String> {
    let doc = document(html, url).ok()?;
    doc.select(&sel("form input[name=email]"))
        .find_map(|i| i.value().attr("value"))
        .map(|v| v.trim().to_owned())
        .filter(|v| v.contains('@'))
}

/// The "Forgot Password?" link of the sign-in page.
pub fn forgot_password_link(html: &str, url: &Url) -> Option<Url> {
    let doc = document(html, url).ok()?;
    doc.select(&sel("a[href]")).find_map(|a| {
        let href = a.value().attr("href")?;
        (href.contains("password/reset") || href.contains("pwreset"))
            .then(|| url.join(href).ok())
            .flatten()
    })
}
