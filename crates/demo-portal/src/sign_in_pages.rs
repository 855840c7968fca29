//! Owns the demo portal's sign-in pages as the stock themes write them: the login form (with its
//! captcha kinds), the ban page, the second factor and the new backup code, and the password
//! reset.

use crate::captcha::CaptchaKind;
use crate::html::*;
use crate::lang::{Lang, Text};
use std::fmt::Write;

pub struct LoginBody<'a> {
    pub token: &'a str,
    pub lang: Lang,
    /// A refusal, shown in the form's own area as WHMCS's flash message.
    pub error: Option<&'a str>,
    pub info: Option<&'a str>,
    pub captcha: CaptchaKind,
}

/// The sign-in page: the form in a card, the flash message inside it (`login.tpl`).
pub fn login_body(p: &LoginBody<'_>) -> String {
    let lang = p.lang;
    let mut b = post_form(
        "index.php?rp=/login",
        " class=\"login-form\" role=\"form\"",
        p.token,
    );
    b.push_str(
        "<div class=\"card mw-540 mb-md-4 mt-md-4\"><div class=\"card-body px-sm-5 py-5\">\n",
    );
    if let Some(e) = p.error {
        b.push_str(&alert("danger", e));
    }
    if let Some(i) = p.info {
        b.push_str(&alert("success", i));
    }
    let _ = write!(
        b,
        "<div class=\"form-group\"><label for=\"inputEmail\" class=\"form-control-label\">{}</label>\
         <input type=\"email\" class=\"form-control\" name=\"username\" id=\"inputEmail\" placeholder=\"name@example.com\" autofocus></div>\n\
         <div class=\"form-group\"><label for=\"inputPassword\" class=\"form-control-label\">{}</label>\
         <a href=\"index.php?rp=/password/reset\" class=\"small\" tabindex=\"-1\">{}</a>\
         <input type=\"password\" class=\"form-control\" name=\"password\" id=\"inputPassword\" placeholder=\"{}\" autocomplete=\"off\"></div>\n",
        esc(lang.text(Text::EmailAddress)),
        esc(lang.text(Text::Password)),
        esc(lang.text(Text::ForgotPassword)),
        esc(lang.text(Text::Password)),
    );
    b.push_str(&p.captcha.in_form(lang));
    let _ = write!(
        b,
        "<button id=\"login\" type=\"submit\" class=\"btn btn-primary{}\">{}</button>\n\
         <label><input type=\"checkbox\" class=\"form-check-input\" name=\"rememberme\" /> {}</label>\n</div></div>\n</form>\n",
        p.captcha.button_class(),
        esc(lang.text(Text::LoginButton)),
        esc(lang.text(Text::RememberMe)),
    );
    b
}

pub fn banned_body(ip: &str, reason: &str, expires: &str) -> String {
    format!(
        "<div class=\"alert alert-danger\"><strong><i class=\"fas fa-gavel\"></i> Your IP {} has been banned</strong>\
         <ul><li>Ban Reason: <strong>{}</strong></li><li>Ban Expires: {}</li></ul></div>\n",
        esc(ip),
        esc(reason),
        esc(expires)
    )
}

pub fn two_factor_body(token: &str, lang: Lang, incorrect: bool) -> String {
    let mut b = format!(
        "<div class=\"card mw-540\"><div class=\"card-body\"><h3 class=\"card-title\">{}</h3>\n",
        esc(lang.text(Text::TwoFactorTitle))
    );
    if incorrect {
        b.push_str(&alert("danger", lang.text(Text::TwoFactorIncorrect)));
    } else {
        b.push_str(&alert("warning", lang.text(Text::TwoFactorRequired)));
    }
    b.push_str(&post_form(
        "index.php?rp=/login/two-factor/challenge/verify",
        " id=\"frmTwoFactorChallenge\"",
        token,
    ));
    let login = esc(lang.text(Text::LoginButton));
    let _ = write!(b, "<input type=\"text\" name=\"key\" maxlength=\"6\" inputmode=\"numeric\" autocomplete=\"one-time-code\" class=\"form-control\" autofocus>\n<button type=\"submit\" class=\"btn btn-primary\">{login}</button>\n</form>\n");
    b.push_str(&post_form(
        "index.php?rp=/login/two-factor/challenge/backup/verify",
        " id=\"frmTwoFactorBackup\" class=\"w-hidden\"",
        token,
    ));
    let _ = write!(b, "<input type=\"text\" name=\"twofabackupcode\" class=\"form-control\" placeholder=\"{}\">\n<button type=\"submit\" class=\"btn btn-primary\">{login}</button>\n</form>\n</div></div>\n", esc(lang.text(Text::BackupCodePlaceholder)));
    b
}

/// What WHMCS shows once after a backup code was used (`two-factor-new-backup-code.tpl`): the
/// old code is gone and this new one is shown only here.
pub fn new_backup_code_body(lang: Lang, code: &str) -> String {
    format!(
        "<div class=\"card mw-540 mb-md-4 mt-md-4\"><div class=\"card-body px-sm-5 py-5\">\n<h3 class=\"card-title\">{}</h3>\n{}\
         <h5 class=\"text-center\">{}</h5>\n<div class=\"alert alert-warning text-center h4\">\n{}\n</div>\n<p class=\"text-center\">{}</p>\n\
         <p class=\"text-center\"><a href=\"clientarea.php\" class=\"btn btn-default\">{} &raquo;</a></p>\n</div></div>\n",
        esc(lang.text(Text::TwoFactorTitle)),
        alert("success", lang.text(Text::BackupCodeReset)),
        esc(lang.text(Text::NewBackupCodeIs)),
        esc(code),
        esc(lang.text(Text::BackupCodeExplained)),
        esc(lang.text(Text::Continue)),
    )
}

pub fn reset_body(token: &str, lang: Lang, result: Option<Result<(), &str>>) -> String {
    let mut b = String::new();
    match result {
        Some(Ok(())) => {
            b.push_str(&alert("success", lang.text(Text::ResetSent)));
            let _ = write!(b, "<p>{}</p>\n", esc(lang.text(Text::ResetStarted)));
            return b;
        }
        Some(Err(e)) => b.push_str(&alert("danger", e)),
        None => {}
    }
    let _ = write!(b, "<p>{}</p>\n", esc(lang.text(Text::ResetIntro)));
    b.push_str(&post_form(
        "index.php?rp=/password/reset",
        " class=\"using-password-strength\"",
        token,
    ));
    let _ = write!(b, "<input type=\"hidden\" name=\"action\" value=\"reset\" />\n<input type=\"email\" name=\"email\" class=\"form-control\" id=\"inputEmail\" placeholder=\"name@example.com\" autofocus>\n<button type=\"submit\" class=\"btn btn-primary\">{}</button>\n</form>\n", esc(lang.text(Text::Submit)));
    b
}
