//! A corpus of malformed and hostile portal answers, served over real HTTP to the real client.
//! Each states what it ends in (`expected`): a clear error of a given kind (which the UI
//! translates, with a short message), or so many plain texts; never a panic, never an endless
//! read.
//!
//! The corpus is built from the demo portal's own pages (both themes), cut, mixed, bloated or
//! poisoned, plus pages written from nothing.

use axum::body::Body;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::Uri;
use axum::response::Response;
use demo_portal::{DemoPortal, Options, Theme};
use portal::{Credentials, PortalAddress, PortalError, Session, SessionOptions};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the hostile portal answers, by path and query ("/clientarea.php?action=invoices").
type Answers = Arc<Mutex<HashMap<String, (StatusCode, Vec<u8>)>>>;

async fn answer(State(answers): State<Answers>, uri: Uri) -> Response {
    let key = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let (status, body) = answers
        .lock()
        .unwrap()
        .get(key)
        .cloned()
        .unwrap_or((StatusCode::NOT_FOUND, b"not here".to_vec()));
    Response::builder()
        .status(status)
        .header("content-type", "text/html; charset=utf-8")
        .body(Body::from(body))
        .unwrap()
}

async fn hostile_portal() -> (String, Answers) {
    let answers: Answers = Arc::default();
    let app = axum::Router::new()
        .fallback(answer)
        .with_state(answers.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, answers)
}

/// The demo portal's real pages, signed in, in one theme.
struct Originals {
    login: String,
    dashboard: String,
    list: String,
    invoice: String,
}

async fn originals(theme: Theme) -> Originals {
    let demo = DemoPortal::start(Options {
        theme,
        ..Options::default()
    })
    .await
    .unwrap();
    let address = PortalAddress::parse(demo.portal_url()).unwrap();
    let fresh = Session::new(address.clone()).unwrap();
    let login = fresh
        .get_raw(address.page("index.php?rp=/login"))
        .await
        .unwrap()
        .html;
    let session = Session::new(address.clone()).unwrap();
    session
        .sign_in(
            Credentials {
                email: demo_portal::DEMO_EMAIL.into(),
                password: "demo".into(),
            },
            false,
        )
        .await
        .unwrap();
    let get = |entry: &str| {
        let url = address.page(entry);
        let session = session.clone();
        async move { session.get_raw(url).await.unwrap().html }
    };
    Originals {
        login,
        dashboard: get("clientarea.php").await,
        list: get("clientarea.php?action=invoices").await,
        invoice: get("viewinvoice.php?id=1003").await,
    }
}

#[derive(Clone, Copy, Debug)]
enum Call {
    SignIn,
    Dashboard,
    Invoices,
    Invoice,
}

impl Call {
    fn path(self) -> &'static str {
        match self {
            Call::SignIn => "/clientarea.php",
            Call::Dashboard => "/clientarea.php",
            Call::Invoices => "/clientarea.php?action=invoices",
            Call::Invoice => "/viewinvoice.php?id=1003",
        }
    }
}

struct Case {
    name: &'static str,
    call: Call,
    body: Vec<u8>,
}

fn case(name: &'static str, call: Call, body: impl Into<Vec<u8>>) -> Case {
    Case {
        name,
        call,
        body: body.into(),
    }
}

fn cut(page: &str, fraction: f64) -> String {
    let mut at = (page.len() as f64 * fraction) as usize;
    while !page.is_char_boundary(at) {
        at -= 1;
    }
    page[..at].to_owned()
}

const INJECTION: &str =
    "<img src=x onerror=\"window.__pwned=1\"></script><script>window.__pwned=2</script>";

fn corpus(tw: &Originals, six: &Originals) -> Vec<Case> {
    let escaped_injection = INJECTION
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let deep = format!(
        "<html><body>{}{}{}</body></html>",
        "<div>".repeat(100_000),
        tw.list,
        "</div>".repeat(100_000)
    );
    let mut invalid_utf8 = tw.list.as_bytes().to_vec();
    invalid_utf8.splice(
        invalid_utf8.len() / 2..invalid_utf8.len() / 2,
        [0xff, 0xfe, 0xc3],
    );
    let mut binary = b"\x89PNG\r\n\x1a\n".to_vec();
    binary.extend((0..=255u8).cycle().take(100_000));
    vec![
        case("empty list page", Call::Invoices, ""),
        case("empty invoice page", Call::Invoice, ""),
        case("empty sign-in page", Call::SignIn, ""),
        case("list cut at a third", Call::Invoices, cut(&tw.list, 0.33)),
        case(
            "list cut at two thirds",
            Call::Invoices,
            cut(&tw.list, 0.66),
        ),
        case("invoice cut in half", Call::Invoice, cut(&tw.invoice, 0.5)),
        case(
            "dashboard cut in half",
            Call::Dashboard,
            cut(&tw.dashboard, 0.5),
        ),
        case(
            "sign-in page cut in half",
            Call::SignIn,
            cut(&tw.login, 0.5),
        ),
        case("the other theme's list", Call::Invoices, six.list.clone()),
        case(
            "the other theme's invoice",
            Call::Invoice,
            six.invoice.clone(),
        ),
        case(
            "an invoice where the list belongs",
            Call::Invoices,
            tw.invoice.clone(),
        ),
        case(
            "the list where an invoice belongs",
            Call::Invoice,
            tw.list.clone(),
        ),
        case(
            "sign-in form without its token",
            Call::SignIn,
            tw.login.replace("name=\"token\"", "name=\"not-a-token\""),
        ),
        case(
            "sign-in form without a password field",
            Call::SignIn,
            tw.login.replace("name=\"password\"", "name=\"secret\""),
        ),
        case("a 50 MB list page", Call::Invoices, {
            let mut big = tw.list.clone();
            big.push_str(&"<!-- padding -->".repeat(50 * 1024 * 1024 / 16));
            big
        }),
        case("invalid UTF-8 in the list", Call::Invoices, invalid_utf8),
        case("binary bytes instead of a page", Call::Invoices, binary),
        case("100,000 nested divs around the list", Call::Invoices, deep),
        case(
            "JSON instead of a page",
            Call::Invoice,
            r#"{"result":"error","message":"<script>alert(1)</script>"}"#,
        ),
        case(
            "escaped markup in an item description",
            Call::Invoice,
            tw.invoice.replacen("Web Hosting", &escaped_injection, 1),
        ),
        case(
            "raw markup and a closing script tag in an item description",
            Call::Invoice,
            tw.invoice.replacen("Web Hosting", INJECTION, 1),
        ),
        case(
            "markup in an invoice number",
            Call::Invoices,
            tw.list
                .replacen("2026-0103", &format!("{escaped_injection}2026-0103"), 1),
        ),
        case(
            "an absurd total",
            Call::Invoices,
            tw.list.replace(
                "data-order=\"11.99\"",
                "data-order=\"999999999999999999999999999999999999.99\"",
            ),
        ),
        case(
            "two amounts in an item's amount cell",
            Call::Invoice,
            tw.invoice.replacen(
                "<td class=\"text-center\">€9.99 EUR</td>",
                "<td class=\"text-center\">$1,234.56 - €9.99 EUR</td>",
                1,
            ),
        ),
        case(
            "a negative total",
            Call::Invoices,
            tw.list
                .replace("data-order=\"11.99\"", "data-order=\"-11.99\""),
        ),
        case(
            "a total that is not a number",
            Call::Invoices,
            tw.list
                .replace("data-order=\"11.99\"", "data-order=\"eleven\""),
        ),
        case("dates that do not exist", Call::Invoices, {
            let year = chrono::Local::now().format("%Y").to_string();
            tw.list.replace(&format!(">{year}-"), ">2026-13-45T")
        }),
        case("dates in the year 99999", Call::Invoices, {
            let year = chrono::Local::now().format("%Y").to_string();
            tw.list.replace(&format!("{year}-"), "99999-")
        }),
        case(
            "an unknown status",
            Call::Invoices,
            tw.list.replace("status-unpaid", "status-hacked"),
        ),
        case(
            "an invoice id of 30 digits",
            Call::Invoices,
            tw.list.replace("1003", "999999999999999999999999999999"),
        ),
        case(
            "an absurd unpaid count on the dashboard",
            Call::Dashboard,
            tw.dashboard.replace(">4<", ">99999999999999999999999<"),
        ),
        case("a payment form posting to javascript:", Call::Invoice, {
            let poisoned = tw
                .invoice
                .replace("action=\"http", "action=\"javascript:alert(1)//http");
            assert_ne!(poisoned, tw.invoice, "the payment forms were poisoned");
            poisoned
        }),
        case("10,000 forms on the sign-in page", Call::SignIn, {
            let mut page = String::from("<html><body>");
            for _ in 0..10_000 {
                page.push_str("<form method=post action=/x><input name=token value=t></form>");
            }
            page.push_str("</body></html>");
            page
        }),
        case(
            "a sign-in form posting to another site",
            Call::SignIn,
            tw.login.replacen(
                "action=\"index.php?rp=/login\"",
                "action=\"https://elsewhere.example/steal\"",
                1,
            ),
        ),
        case(
            "a sign-in form posting to another port of the portal's host",
            Call::SignIn,
            six.login.replacen(
                "action=\"index.php?rp=/login\"",
                "action=\"http://127.0.0.1:9/steal\"",
                1,
            ),
        ),
        case(
            "stray end tags hiding 16,000 levels around the list",
            Call::Invoices,
            format!("{}{}", "<div></x>".repeat(16_000), tw.list),
        ),
        case("900,000 bare cells in the list", Call::Invoices, {
            let at = tw.list.find("</tbody>").expect("the list's body");
            let mut page = tw.list.clone();
            page.insert_str(at, &"<td>".repeat(900_000));
            page
        }),
        case("900,000 bare cells in an invoice", Call::Invoice, {
            let at = tw.invoice.find("</tbody>").expect("the items' body");
            let mut page = tw.invoice.clone();
            page.insert_str(at, &"<td>".repeat(900_000));
            page
        }),
        case(
            "a meta refresh to another site",
            Call::Invoices,
            tw.list.replacen(
                "<head>",
                "<head><meta http-equiv=refresh content=\"0;url=https://evil.example/\">",
                1,
            ),
        ),
    ]
}

/// What a case ended in, as the test reports it.
#[derive(Debug)]
enum Outcome {
    Error(PortalError),
    /// Parsed: the texts that would reach the screen.
    Parsed(Vec<String>),
}

async fn run(url: &str, answers: &Answers, case: &Case) -> Outcome {
    {
        let mut map = answers.lock().unwrap();
        map.clear();
        map.insert(
            case.call.path().to_owned(),
            (StatusCode::OK, case.body.clone()),
        );
    }
    let session = Session::with_options(
        PortalAddress::parse(url).unwrap(),
        SessionOptions {
            timeout: Duration::from_secs(20),
            ..Default::default()
        },
    )
    .unwrap();
    let result = match case.call {
        Call::SignIn => session
            .sign_in(
                Credentials {
                    email: "demo@jitops.example".into(),
                    password: "demo".into(),
                },
                false,
            )
            .await
            .map(|s| vec![format!("{s:?}")]),
        Call::Dashboard => session
            .dashboard()
            .await
            .map(|d| vec![d.unpaid_count.to_string()]),
        Call::Invoices => session.invoices().await.map(|list| {
            list.iter()
                .flat_map(|i| {
                    [
                        i.number.clone(),
                        i.total.amount.to_string(),
                        i.due_date.to_string(),
                    ]
                })
                .collect()
        }),
        Call::Invoice => session.invoice(1003).await.map(|inv| {
            let mut texts = vec![inv.title.clone()];
            texts.extend(inv.items.iter().map(|i| i.description.clone()));
            texts.extend(inv.payment_choices.iter().map(|c| c.form.url.to_string()));
            texts
        }),
    };
    match result {
        Ok(texts) => Outcome::Parsed(texts),
        Err(e) => Outcome::Error(e),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_answer_ends_in_a_clear_error_or_plain_text() {
    let tw = originals(Theme::TwentyOne).await;
    let six = originals(Theme::Six).await;
    let cases = corpus(&tw, &six);
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    // A poisoning that did not apply (the page changed shape) would test nothing.
    let originals: Vec<&[u8]> = [&tw, &six]
        .iter()
        .flat_map(|o| [&o.login, &o.dashboard, &o.list, &o.invoice])
        .map(|page| page.as_bytes())
        .collect();
    for case in &cases {
        let moved = [
            "the other theme's list",
            "the other theme's invoice",
            "an invoice where the list belongs",
            "the list where an invoice belongs",
        ];
        if !moved.contains(&case.name) {
            assert!(
                !originals.contains(&case.body.as_slice()),
                "{}: the page was not changed",
                case.name
            );
        }
    }
    let (url, answers) = hostile_portal().await;
    let mut report = vec![];
    for case in &cases {
        // A panic inside the client is caught here and reported with the case's name.
        let outcome = {
            let url = url.clone();
            let answers = answers.clone();
            let case = Case {
                name: case.name,
                call: case.call,
                body: case.body.clone(),
            };
            tokio::spawn(async move { run(&url, &answers, &case).await }).await
        };
        let outcome = match outcome {
            Ok(o) => o,
            Err(e) => panic!("{}: the client panicked: {e}", case.name),
        };
        match &outcome {
            Outcome::Error(e) => {
                assert!(!e.kind().is_empty());
                let message = e.to_string();
                assert!(
                    message.len() < 400,
                    "{}: the error carries too much: {} bytes",
                    case.name,
                    message.len()
                );
            }
            Outcome::Parsed(texts) => {
                for text in texts {
                    assert!(
                        text.len() < 2000,
                        "{}: a huge text reached the UI",
                        case.name
                    );
                }
            }
        }
        report.push(format!("{:<60} {:?}", case.name, summary(&outcome)));
        // Each case states what it ends in: the error the UI will translate, or how many
        // texts reach the screen.
        let wanted = expected(case.name);
        assert_eq!(summary(&outcome), wanted, "{}", case.name);
    }
    println!("{}", report.join("\n"));

    // Specific expectations.
    let by_name = |name: &str| cases.iter().find(|c| c.name == name).unwrap();
    let outcome = run(&url, &answers, by_name("a 50 MB list page")).await;
    assert!(
        matches!(outcome, Outcome::Error(PortalError::PageTooLarge { .. })),
        "{outcome:?}"
    );
    let outcome = run(
        &url,
        &answers,
        by_name("escaped markup in an item description"),
    )
    .await;
    match outcome {
        Outcome::Parsed(texts) => assert!(
            texts.iter().any(|t| t.starts_with(INJECTION)),
            "the description is kept as the text it is: {texts:?}"
        ),
        other => panic!("{other:?}"),
    }
    let outcome = run(&url, &answers, by_name("markup in an invoice number")).await;
    match outcome {
        Outcome::Parsed(texts) => assert!(
            texts.iter().any(|t| t.starts_with(INJECTION)),
            "the number is kept as the text it is: {texts:?}"
        ),
        other => panic!("{other:?}"),
    }
    let outcome = run(
        &url,
        &answers,
        by_name("a payment form posting to javascript:"),
    )
    .await;
    if let Outcome::Parsed(texts) = &outcome {
        assert!(
            !texts.iter().any(|t| t.starts_with("javascript:")),
            "a javascript: form is never a payment choice: {texts:?}"
        );
    }
    let outcome = run(&url, &answers, by_name("sign-in form without its token")).await;
    assert!(
        matches!(outcome, Outcome::Error(PortalError::UnexpectedPage { .. })),
        "{outcome:?}"
    );
}

/// What each case of the corpus ends in.
fn expected(name: &str) -> &'static str {
    const EXPECTED: &[(&str, &str)] = &[
        ("empty list page", "error unexpected-page"),
        ("empty invoice page", "error unexpected-page"),
        ("empty sign-in page", "error unexpected-page"),
        // A cut page is refused whole: half a list would leave unpaid invoices out without a
        // word, half an invoice its totals.
        ("list cut at a third", "error unexpected-page"),
        ("list cut at two thirds", "error unexpected-page"),
        ("invoice cut in half", "error unexpected-page"),
        ("dashboard cut in half", "error unexpected-page"),
        ("sign-in page cut in half", "error unexpected-page"),
        ("the other theme's list", "parsed 36 texts"),
        ("the other theme's invoice", "parsed 4 texts"),
        ("an invoice where the list belongs", "error unexpected-page"),
        ("the list where an invoice belongs", "error unexpected-page"),
        ("sign-in form without its token", "error unexpected-page"),
        (
            "sign-in form without a password field",
            "error unexpected-page",
        ),
        ("a 50 MB list page", "error page-too-large"),
        // The bytes land right after a row's currency code: read as replacement characters
        // beside it, the amount and the currency are whole.
        ("invalid UTF-8 in the list", "parsed 36 texts"),
        ("binary bytes instead of a page", "error unexpected-page"),
        (
            "100,000 nested divs around the list",
            "error unexpected-page",
        ),
        ("JSON instead of a page", "error unexpected-page"),
        ("escaped markup in an item description", "parsed 4 texts"),
        (
            "raw markup and a closing script tag in an item description",
            "parsed 4 texts",
        ),
        ("markup in an invoice number", "parsed 36 texts"),
        ("an absurd total", "parsed 36 texts"),
        // Never run together into one number (123456999): the page is refused.
        (
            "two amounts in an item's amount cell",
            "error unexpected-page",
        ),
        ("a negative total", "parsed 36 texts"),
        ("a total that is not a number", "parsed 36 texts"),
        ("dates that do not exist", "error unexpected-page"),
        ("dates in the year 99999", "error unexpected-page"),
        ("an unknown status", "parsed 36 texts"),
        ("an invoice id of 30 digits", "error unexpected-page"),
        (
            "an absurd unpaid count on the dashboard",
            "error unexpected-page",
        ),
        (
            "a payment form posting to javascript:",
            "error unexpected-page",
        ),
        ("10,000 forms on the sign-in page", "error unexpected-page"),
        (
            "a sign-in form posting to another site",
            "error foreign-form",
        ),
        (
            "a sign-in form posting to another port of the portal's host",
            "error foreign-form",
        ),
        (
            "stray end tags hiding 16,000 levels around the list",
            "error unexpected-page",
        ),
        // Millions of cells would fill the memory: counted as they come, refused past the
        // limit before any tree is built.
        ("900,000 bare cells in the list", "error page-too-large"),
        ("900,000 bare cells in an invoice", "error page-too-large"),
        // Read as the list it is; the refresh is never followed (no browser here).
        ("a meta refresh to another site", "parsed 36 texts"),
    ];
    EXPECTED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, outcome)| *outcome)
        .unwrap_or_else(|| panic!("{name}: the case states no expected outcome"))
}

fn summary(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Error(e) => format!("error {}", e.kind()),
        Outcome::Parsed(texts) => format!("parsed {} texts", texts.len()),
    }
}
