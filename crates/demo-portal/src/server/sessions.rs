//! Owns the visitor's session as WHMCS keeps it: the session cookie, the CSRF token every form
//! carries (regenerated at sign-in), who is signed in and when that idles out, and the sign-in
//! bans by address.

use super::*;

pub(super) struct Sess {
    pub(super) token: String,
    pub(super) user: Option<String>,
    pub(super) two_factor_for: Option<String>,
    pub(super) last_seen: Instant,
}

#[derive(Default)]
pub(super) struct Failures {
    pub(super) count: u32,
    pub(super) banned_until: Option<Instant>,
}

pub(crate) fn hex40() -> String {
    crate::random::token(40, b"0123456789abcdef")
}

pub(super) fn cookie_header(shared: &Shared, sid: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{}={sid}; path=/; HttpOnly; SameSite=Lax",
        shared.cookie_name
    ))
    .expect("cookie is ASCII")
}

/// The visitor's session: found by cookie, or new. Returns its id, whether it is new (so the
/// cookie must be set), and the signed-in e-mail if the session has not idled out.
pub(super) struct Visit {
    pub(super) sid: String,
    pub(super) new: bool,
    pub(super) user: Option<String>,
    pub(super) token: String,
}

impl Visit {
    pub(super) fn cookie(&self, shared: &Shared) -> Option<HeaderValue> {
        self.new.then(|| cookie_header(shared, &self.sid))
    }
}

pub(super) fn visit(shared: &Shared, headers: &HeaderMap) -> Visit {
    let wanted = format!("{}=", shared.cookie_name);
    let sid = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .map(str::trim)
        .find_map(|c| c.strip_prefix(&wanted).map(str::to_owned));
    let mut sessions = shared.sessions.lock().unwrap();
    let now = Instant::now();
    if let Some(sid) = sid.filter(|s| sessions.contains_key(s)) {
        let s = sessions.get_mut(&sid).expect("checked");
        if now.duration_since(s.last_seen) > shared.idle {
            s.user = None;
            s.two_factor_for = None;
        }
        s.last_seen = now;
        return Visit {
            sid,
            new: false,
            user: s.user.clone(),
            token: s.token.clone(),
        };
    }
    let sid = crate::random::token(26, b"abcdefghijklmnopqrstuvwxyz0123456789");
    let token = hex40();
    sessions.insert(
        sid.clone(),
        Sess {
            token: token.clone(),
            user: None,
            two_factor_for: None,
            last_seen: now,
        },
    );
    Visit {
        sid,
        new: true,
        user: None,
        token,
    }
}

pub(super) fn token_ok(shared: &Shared, v: &Visit, fields: &Fields) -> bool {
    let sessions = shared.sessions.lock().unwrap();
    sessions
        .get(&v.sid)
        .is_some_and(|s| fields.get("token").is_some_and(|t| *t == s.token))
}

pub(super) fn csrf_error(shared: &Shared, v: &Visit) -> Response {
    let chrome = Chrome {
        theme: shared.theme,
        title: "Oops! Something went wrong!",
        token: &v.token,
        account: None,
        lang: shared.language,
        head: "",
    };
    let mut r = page(
        html::layout(
            &chrome,
            &html::alert(
                "danger",
                "Invalid CSRF Protection Token. Please go back and try again.",
            ),
        ),
        v.cookie(shared),
    );
    *r.status_mut() = StatusCode::BAD_REQUEST;
    r
}

/// The account whose password this session gave, while its second factor is still asked for.
pub(super) fn pending_two_factor(shared: &Shared, v: &Visit) -> Option<String> {
    shared
        .sessions
        .lock()
        .unwrap()
        .get(&v.sid)
        .and_then(|s| s.two_factor_for.clone())
}

/// Signs the session in (a new token, as WHMCS regenerates it).
pub(super) fn set_user(
    shared: &Shared,
    sid: &str,
    user: Option<String>,
    two_factor_for: Option<String>,
) {
    let mut sessions = shared.sessions.lock().unwrap();
    if let Some(s) = sessions.get_mut(sid) {
        s.user = user;
        s.two_factor_for = two_factor_for;
        s.token = hex40();
    }
}

pub(super) fn banned(shared: &Shared, ip: IpAddr) -> Option<Response> {
    let failures = shared.failures.lock().unwrap();
    let until = failures.get(&ip)?.banned_until?;
    if until <= Instant::now() {
        return None;
    }
    let mins = (until - Instant::now()).as_secs() / 60 + 1;
    let chrome = Chrome {
        theme: shared.theme,
        title: "Banned",
        token: "",
        account: None,
        lang: shared.language,
        head: "",
    };
    Some(page(
        html::layout(
            &chrome,
            &sign_in_pages::banned_body(
                &ip.to_string(),
                "Login Attempts Exceeded",
                &format!("in {mins} minute(s)"),
            ),
        ),
        None,
    ))
}

impl Shared {
    /// Every session idles out now, as after `session_idle` without a visit: its cookie no
    /// longer signs anyone in.
    pub(crate) fn expire_sessions(&self) {
        for s in self.sessions.lock().unwrap().values_mut() {
            s.user = None;
            s.two_factor_for = None;
        }
    }

    pub(super) fn set_password(&self, email: &str, password: &str) {
        with_account(self, email, |a| a.password = password.to_owned());
        self.sessions
            .lock()
            .unwrap()
            .retain(|_, s| s.user.as_deref() != Some(email));
    }
}
