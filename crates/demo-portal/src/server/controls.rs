//! The demo's own controls (`/demo/*`), for tests and reviewers: faults injected into every
//! answer (down, slow, errors), the sessions and payments seen, the outbox, the password and
//! captcha knobs, credit and invoices raised by staff. A real WHMCS has none of these.

use super::*;

pub(crate) async fn faults_layer(
    State(shared): State<Arc<Shared>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let faults = shared.faults.lock().unwrap().clone();
    let is_notification = request.method() == axum::http::Method::POST
        && request.uri().path().ends_with("/callback/2checkout.php");
    // The demo's own control page must answer even while the portal plays dead.
    if is_notification || request.uri().path() == "/demo/faults.php" {
        return next.run(request).await;
    }
    if faults.down {
        // The closest a running server gets to "unreachable": drop the answer.
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if faults.error_rate > 0.0
        && rand::Rng::gen_bool(&mut rand::thread_rng(), faults.error_rate.min(1.0))
    {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
    }
    let response = next.run(request).await;
    if faults.malformed {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let half = bytes.slice(..bytes.len() / 2);
        return Response::from_parts(parts, Body::from(half));
    }
    response
}

/// The demo's fault knobs while it runs, for trying the app (and the end-to-end faults
/// scenarios): `/demo/faults.php?down=1`, `?latency_ms=3000`, `?down=0&latency_ms=0`, and
/// `?notify_delay_ms=7300` (when the processor's notification reaches the portal after a
/// payment: `make bench` varies it so that Paid lands at any moment between two checks),
/// `?expire_sessions=1` (every session idles out now, as after the portal's idle time). Only
/// the parameters given change; the page shows the faults in force.
pub(crate) async fn faults_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut faults = shared.faults.lock().unwrap();
    if let Some(down) = query.get("down") {
        faults.down = down == "1";
    }
    if let Some(ms) = query.get("latency_ms").and_then(|v| v.parse().ok()) {
        faults.latency = Duration::from_millis(ms);
    }
    if let Some(never) = query.get("never_notify") {
        faults.never_notify = never == "1";
    }
    if let Some(ms) = query.get("notify_delay_ms").and_then(|v| v.parse().ok()) {
        *shared.notify_delay.lock().unwrap() = Duration::from_millis(ms);
    }
    drop(faults);
    if query.get("expire_sessions").is_some_and(|v| v == "1") {
        shared.expire_sessions();
    }
    let faults = shared.faults.lock().unwrap();
    let delay = *shared.notify_delay.lock().unwrap();
    format!("{:?}\nnotify_delay: {delay:?}\n", *faults).into_response()
}

/// The session cookie's name and every live session's value, one per line: what the
/// end-to-end secrets scan looks for in the app's files (a real portal has no such page).
pub(crate) async fn sessions_list(State(shared): State<Arc<Shared>>) -> Response {
    let mut text = format!("{}\n", shared.cookie_name);
    for value in shared.sessions.lock().unwrap().keys() {
        text.push_str(value);
        text.push('\n');
    }
    text.into_response()
}

/// How many invoice pages were served, then each paid invoice with the wall-clock time the
/// portal recorded it (ms since the Unix epoch): `make bench` measures the app's confirmation
/// delay and requests with it (a real portal has no such page).
pub(crate) async fn payments_list(State(shared): State<Arc<Shared>>) -> Response {
    let mut text = format!(
        "invoice_views {}\n",
        shared.invoice_views.load(Ordering::SeqCst)
    );
    let mut paid: Vec<_> = shared
        .paid_at
        .lock()
        .unwrap()
        .iter()
        .map(|(id, (_, wall))| (*id, *wall))
        .collect();
    paid.sort();
    for (id, wall) in paid {
        let ms = wall
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        text.push_str(&format!("paid {id} {ms}\n"));
    }
    text.into_response()
}

pub(crate) async fn outbox_page(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    let v = visit(&shared, &headers);
    let mut body = String::from(
        "<h2>Demo outbox</h2><p>E-mails a real portal would have sent.</p><ul id=\"outbox\">",
    );
    for e in shared.outbox.lock().unwrap().iter() {
        body.push_str(&format!(
            "<li><strong>{}</strong> to {}<br>{}</li>",
            html::esc(&e.subject),
            html::esc(&e.to),
            html::esc(&e.body)
        ));
    }
    body.push_str("</ul>");
    let chrome = Chrome {
        theme: shared.theme,
        title: "Outbox",
        token: &v.token,
        account: None,
        lang: shared.language,
        head: "",
    };
    page(html::layout(&chrome, &body), v.cookie(&shared))
}

/// Changes an account's password as the website's "change password" does, which also ends
/// the account's sessions: `/demo/password.php?email=...&password=...` (a real portal has no
/// such page; the tests change the password while a payment is followed).
pub(crate) async fn password_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (Some(email), Some(password)) = (query.get("email"), query.get("password")) else {
        return (StatusCode::BAD_REQUEST, "email and password are needed").into_response();
    };
    shared.set_password(email, password);
    "changed\n".into_response()
}

/// `/demo/credit.php?email=...&amount=50.00`: sets a client's credit balance (in the currency
/// it has, else EUR), as the portal's staff would add funds or a refund to credit.
pub(crate) async fn credit_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (Some(email), Some(amount)) = (
        query.get("email"),
        query
            .get("amount")
            .and_then(|a| a.parse::<rust_decimal::Decimal>().ok()),
    ) else {
        return (StatusCode::BAD_REQUEST, "email and amount are needed").into_response();
    };
    let mut accounts = shared.accounts.lock().unwrap();
    let Some(account) = accounts.iter_mut().find(|a| &a.email == email) else {
        return (StatusCode::NOT_FOUND, "no such client").into_response();
    };
    let currency = account.credit.map(|(_, c)| c).unwrap_or("EUR");
    account.credit = Some((amount, currency));
    "changed\n".into_response()
}

/// `/demo/invoices.php?email=...&amount=12.00&due_in=-3`: raises an unpaid invoice for a
/// client, due `due_in` days from today (negative: overdue), as the portal's staff would; the
/// answer is its number.
pub(crate) async fn invoices_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let (Some(email), Some(amount), Some(due_in)) = (
        query.get("email"),
        (query.get("amount")).and_then(|a| a.parse::<rust_decimal::Decimal>().ok()),
        (query.get("due_in")).and_then(|d| d.parse::<i64>().ok()),
    ) else {
        return (
            StatusCode::BAD_REQUEST,
            "email, amount and due_in are needed",
        )
            .into_response();
    };
    let mut accounts = shared.accounts.lock().unwrap();
    let Some(account) = accounts.iter_mut().find(|a| &a.email == email) else {
        return (StatusCode::NOT_FOUND, "no such client").into_response();
    };
    account
        .raise_invoice(amount, due_in, shared.today)
        .into_response()
}

/// `/demo/captcha.php`: the code of the image drawn last, for a test reading it as a person
/// would from the picture.
pub(crate) async fn captcha_control(State(shared): State<Arc<Shared>>) -> Response {
    shared
        .answers
        .last_image_code()
        .unwrap_or_default()
        .into_response()
}

/// `/demo/quotes.php?email=`: each of a client's quotes as `<id> <stage class>` per line (what
/// the portal holds, for a test that must know the app did not ask it to accept one).
pub(crate) async fn quotes_control(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(email) = query.get("email") else {
        return (StatusCode::BAD_REQUEST, "email is needed").into_response();
    };
    let accounts = shared.accounts.lock().unwrap();
    let Some(account) = accounts.iter().find(|a| &a.email == email) else {
        return (StatusCode::NOT_FOUND, "no such client").into_response();
    };
    account
        .quotes
        .iter()
        .map(|q| format!("{} {}\n", q.id, q.stage.list_class()))
        .collect::<String>()
        .into_response()
}
