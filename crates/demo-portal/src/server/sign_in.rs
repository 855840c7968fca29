//! Signing in as WHMCS serves it: the login page (its captcha kinds and the provider's stand-in),
//! `index.php`'s routes (sign in, two-factor, backup codes, password reset), bans, sign out.

use super::*;

pub(crate) fn login_page(
    shared: &Shared,
    v: &Visit,
    error: Option<&str>,
    info: Option<&str>,
) -> Response {
    let chrome = Chrome {
        theme: shared.theme,
        title: shared.language.text(Text::LoginTitle),
        token: &v.token,
        account: None,
        lang: shared.language,
        head: shared.captcha.head(),
    };
    page(
        html::layout(
            &chrome,
            &sign_in_pages::login_body(&sign_in_pages::LoginBody {
                token: &v.token,
                lang: shared.language,
                error,
                info,
                captcha: shared.captcha,
            }),
        ),
        v.cookie(shared),
    )
}

pub(crate) async fn index_get(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = banned(&shared, addr.ip()) {
        return r;
    }
    let v = visit(&shared, &headers);
    match q.get("rp").map(String::as_str).unwrap_or("/") {
        "/login" => {
            if v.user.is_some() {
                redirect("../clientarea.php", v.cookie(&shared))
            } else {
                login_page(&shared, &v, None, None)
            }
        }
        "/password/reset" => {
            let chrome = reset_chrome(&shared, &v);
            page(
                html::layout(
                    &chrome,
                    &sign_in_pages::reset_body(&v.token, shared.language, None),
                ),
                v.cookie(&shared),
            )
        }
        "/login/two-factor/challenge" => two_factor_page(&shared, &v, false),
        _ => redirect("clientarea.php", v.cookie(&shared)),
    }
}

pub(crate) fn two_factor_page(shared: &Shared, v: &Visit, incorrect: bool) -> Response {
    if pending_two_factor(shared, v).is_none() {
        return redirect("index.php?rp=/login", v.cookie(shared));
    }
    two_factor_step_page(shared, v, |token| {
        sign_in_pages::two_factor_body(token, shared.language, incorrect)
    })
}

/// A page of the second-factor step, with the session's current token (signing in makes a
/// new one).
pub(crate) fn two_factor_step_page(
    shared: &Shared,
    v: &Visit,
    body: impl FnOnce(&str) -> String,
) -> Response {
    let token = shared
        .sessions
        .lock()
        .unwrap()
        .get(&v.sid)
        .map(|s| s.token.clone())
        .unwrap_or_default();
    let chrome = Chrome {
        theme: shared.theme,
        title: shared.language.text(Text::TwoFactorTitle),
        token: &token,
        account: None,
        lang: shared.language,
        head: "",
    };
    page(html::layout(&chrome, &body(&token)), v.cookie(shared))
}

pub(crate) async fn index_post(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    Query(q): Query<Fields>,
    headers: HeaderMap,
    Form(fields): Form<Fields>,
) -> Response {
    if let Some(r) = banned(&shared, addr.ip()) {
        return r;
    }
    let v = visit(&shared, &headers);
    if !token_ok(&shared, &v, &fields) {
        return csrf_error(&shared, &v);
    }
    match q.get("rp").map(String::as_str).unwrap_or("") {
        "/login" => login_post(&shared, &v, addr, &fields),
        route @ ("/login/two-factor/challenge/verify"
        | "/login/two-factor/challenge/backup/verify") => {
            two_factor_post(&shared, &v, route.ends_with("backup/verify"), &fields)
        }
        "/password/reset" => reset_post(&shared, &v, &fields),
        _ => redirect("clientarea.php", v.cookie(&shared)),
    }
}

/// The sign-in form posted: the captcha first, then the e-mail and password (a second factor
/// asked when the account has one); refusals counted towards a ban.
fn login_post(shared: &Arc<Shared>, v: &Visit, addr: SocketAddr, fields: &Fields) -> Response {
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    shared.sign_in_posts.fetch_add(1, Ordering::SeqCst);
    // WHMCS checks the captcha first: a sign-in without its answer comes back as a
    // refused one, whatever the password.
    if !shared.answers.check(shared.captcha, &v.sid, fields) {
        return login_page(
            shared,
            v,
            Some(shared.language.text(Text::CaptchaIncorrect)),
            None,
        );
    }
    let email = get("username").trim().to_ascii_lowercase();
    let password = get("password");
    let account = shared
        .accounts
        .lock()
        .unwrap()
        .iter()
        .find(|a| a.email == email && a.password == password)
        .map(|a| a.totp_secret.is_some());
    match account {
        Some(two_factor) => {
            shared.failures.lock().unwrap().remove(&addr.ip());
            if two_factor {
                set_user(shared, &v.sid, None, Some(email));
                redirect("index.php?rp=/login/two-factor/challenge", v.cookie(shared))
            } else {
                set_user(shared, &v.sid, Some(email), None);
                let mut r = redirect("clientarea.php", v.cookie(shared));
                // "Remember me": as WHMCS does, a cookie that lasts (a browser keeps it in a
                // file), which signs the person in again later.
                if get("rememberme") == "on" {
                    let lasting = format!("WHMCSUser={}; path=/; Max-Age=7776000; HttpOnly", v.sid);
                    if let Ok(c) = HeaderValue::from_str(&lasting) {
                        r.headers_mut().append(header::SET_COOKIE, c);
                    }
                }
                r
            }
        }
        None => {
            shared.sign_in_refusals.fetch_add(1, Ordering::SeqCst);
            {
                let mut failures = shared.failures.lock().unwrap();
                let f = failures.entry(addr.ip()).or_default();
                f.count += 1;
                if f.count >= shared.ban_after {
                    f.banned_until = Some(Instant::now() + shared.ban_for);
                    f.count = 0;
                }
            }
            if let Some(r) = banned(shared, addr.ip()) {
                return r;
            }
            login_page(
                shared,
                v,
                Some(shared.language.text(Text::LoginIncorrect)),
                None,
            )
        }
    }
}

/// A second factor posted: the authenticator's code, or a backup code (which works once: WHMCS
/// replaces it and shows the new one this once).
fn two_factor_post(shared: &Arc<Shared>, v: &Visit, backup: bool, fields: &Fields) -> Response {
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    let Some(email) = pending_two_factor(shared, v) else {
        return redirect("index.php?rp=/login", v.cookie(shared));
    };
    // A backup code works once: WHMCS replaces it and shows the new one this once.
    let outcome = with_account(shared, &email, |a| {
        if backup {
            let given: String = get("twofabackupcode")
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            let wanted: Option<String> = a
                .backup_code
                .as_ref()
                .map(|c| c.chars().filter(|c| c.is_ascii_digit()).collect());
            if wanted.is_some_and(|w| !given.is_empty() && w == given) {
                let fresh = format!(
                    "{} {}",
                    crate::random::token(4, b"0123456789"),
                    crate::random::token(4, b"0123456789")
                );
                a.backup_code = Some(fresh.clone());
                Some(Some(fresh))
            } else {
                None
            }
        } else {
            a.totp_secret
                .as_deref()
                .is_some_and(|s| totp::verify(s, get("key")))
                .then_some(None)
        }
    })
    .flatten();
    match outcome {
        Some(new_code) => {
            set_user(shared, &v.sid, Some(email.clone()), None);
            match new_code {
                Some(code) => two_factor_step_page(shared, v, |_| {
                    sign_in_pages::new_backup_code_body(shared.language, &code)
                }),
                None => redirect("clientarea.php", v.cookie(shared)),
            }
        }
        None => two_factor_page(shared, v, true),
    }
}

/// The password reset asked for: an e-mail to a known account, or why not.
fn reset_post(shared: &Arc<Shared>, v: &Visit, fields: &Fields) -> Response {
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    let email = get("email").trim().to_ascii_lowercase();
    let known = shared
        .accounts
        .lock()
        .unwrap()
        .iter()
        .any(|a| a.email == email);
    let chrome = reset_chrome(shared, v);
    let result = if known {
        shared.outbox.lock().unwrap().push(Email {
            to: email.clone(),
            subject: "Password Reset Confirmation".into(),
            body: format!(
                "Someone requested a password reset for {email}. To choose a new password, open {}index.php?rp=/password/reset/redeem/{}",
                shared.portal_url,
                hex40()
            ),
        });
        Ok(())
    } else if email.is_empty() {
        Err(shared.language.text(Text::ResetNoEmail))
    } else {
        Err(shared.language.text(Text::ResetUnknown))
    };
    page(
        html::layout(
            &chrome,
            &sign_in_pages::reset_body(&v.token, shared.language, Some(result)),
        ),
        v.cookie(shared),
    )
}

pub(crate) async fn logout(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let v = visit(&shared, &headers);
    set_user(&shared, &v.sid, None, None);
    let v = visit(&shared, &headers);
    login_page(
        &shared,
        &v,
        None,
        Some("You have been successfully logged out."),
    )
}

/// `includes/verifyimage.php`: draws a new code into the visitor's session.
pub(crate) async fn verify_image(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Response {
    let v = visit(&shared, &headers);
    let svg = shared.answers.new_image(&v.sid);
    let mut r = ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response();
    if let Some(c) = v.cookie(&shared) {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

pub(crate) async fn recaptcha_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript")],
        crate::captcha::PROVIDER_SCRIPT,
    )
        .into_response()
}

pub(crate) async fn recaptcha_token(State(shared): State<Arc<Shared>>) -> Response {
    shared.answers.new_token().into_response()
}

/// The page around the password-reset form, and around what the portal said of a request.
fn reset_chrome<'a>(shared: &'a Shared, v: &'a Visit) -> Chrome<'a> {
    Chrome {
        theme: shared.theme,
        title: shared.language.text(Text::ResetTitle),
        token: &v.token,
        account: None,
        lang: shared.language,
        head: "",
    }
}
