//! Owns the checkout window: a separate webview with no capability that performs the
//! processor request, may only show the processor's hosts, names the host in its title, keeps
//! nothing after it closes, and hands back to the app when the processor returns to the portal.

use crate::{payments, Shell};
use app_core::payments::ReturnOutcome;
use portal::checkout::{
    bank_may_load, place_of, place_while_loading, url_allowed, CheckoutRequest, Place,
};
use portal::HttpMethod;
use serde::Serialize;
use tauri::webview::{NewWindowResponse, PageLoadEvent};
use tauri::{AppHandle, Emitter, Manager, Runtime, UriSchemeContext, UriSchemeResponder};
use tauri::{WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};
use url::Url;

pub const LABEL: &str = "checkout";
pub const HOP_SCHEME: &str = "jitops-checkout";

/// The checkout in progress. It names its payment attempt, which carries the paying account:
/// whatever account is on screen meanwhile, the return is recorded and followed under it.
pub struct Active {
    pub attempt: String,
    request: CheckoutRequest,
    /// The one-time id of the hop page that starts the request (served once).
    hop_id: Option<String>,
    /// Set once the processor sent the window back to the portal.
    returned: bool,
    /// Where the window's page is: a processor's, or the card's bank (3-D Secure).
    place: Place,
    /// The last https page this checkout's window refused: what "Open in browser" opens, gone
    /// with the checkout.
    blocked: Option<Url>,
}

#[derive(Clone, Serialize)]
struct Blocked {
    host: String,
    /// A download the window refused (no way to open it elsewhere is offered).
    download: bool,
    /// An https page this checkout may hand to the browser ("Open in browser" is offered).
    openable: bool,
}

fn hop_url(hop_id: &str) -> Url {
    // WebKitGTK and WebView2 differ in how a custom scheme is addressed; Tauri serves it as
    // `<scheme>://localhost/` on Linux and macOS and `http://<scheme>.localhost/` on Windows.
    let base = if cfg!(windows) {
        format!("http://{HOP_SCHEME}.localhost/")
    } else {
        format!("{HOP_SCHEME}://localhost/")
    };
    Url::parse(&format!("{base}{hop_id}")).expect("static URL")
}

/// 128 random bits from the OS, in hex: the hop id must not be guessable.
fn random_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the OS random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Serves the hop page: a form holding the processor request that submits itself. It is
/// served once, for the checkout in progress, under a one-time random id; anything else gets
/// 404. (On Linux a scheme is registered once per web context, so the label WebKit reports
/// is the first window's: the one-time id, not the label, is what admits the request.)
pub fn serve_hop<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle();
    let wanted = request.uri().path().trim_start_matches('/').to_owned();
    let shell = app.state::<Shell>();
    let found = {
        let mut active = shell.checkout.lock().unwrap_or_else(|e| e.into_inner());
        active.as_mut().and_then(|a| {
            (a.hop_id.as_deref() == Some(wanted.as_str()) && ctx.webview_label() == LABEL).then(
                || {
                    a.hop_id = None;
                    a.request.clone()
                },
            )
        })
    };
    let response = match found {
        Some(req) => {
            let mut inputs = String::new();
            for (name, value) in &req.fields {
                inputs.push_str(&format!(
                    "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                    esc(name),
                    esc(value)
                ));
            }
            let method = match req.method {
                HttpMethod::Post => "post",
                HttpMethod::Get => "get",
            };
            let nonce = random_id();
            // Without scripts the page is a button, in the person's language.
            let continue_to = shell.core.text(
                "checkout-continue",
                &[("host", req.host().to_owned().into())],
            );
            let body = format!(
                "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{host}</title></head>\
                 <body><form id=\"hop\" method=\"{method}\" action=\"{action}\">{inputs}\
                 <noscript><button type=\"submit\">{continue_to}</button></noscript></form>\
                 <script nonce=\"{nonce}\">document.getElementById('hop').submit();</script></body></html>",
                lang = shell.core.lang().code(),
                host = esc(req.host()),
                continue_to = esc(&continue_to),
                action = esc(req.url.as_str()),
            );
            tauri::http::Response::builder()
                .status(200)
                .header("Content-Type", "text/html; charset=utf-8")
                .header(
                    "Content-Security-Policy",
                    format!(
                        "default-src 'none'; script-src 'nonce-{nonce}'; form-action {}",
                        req.url.origin().ascii_serialization()
                    ),
                )
                .body(body.into_bytes())
        }
        None => tauri::http::Response::builder()
            .status(404)
            .header("Content-Type", "text/plain; charset=utf-8")
            .body(b"Not found".to_vec()),
    };
    responder.respond(response.expect("static response parts"));
}

/// Whether `url` is one of the app's own bundled pages (what the main window may show):
/// `tauri://localhost/...` on Linux and macOS, `http(s)://tauri.localhost/...` on Windows.
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost") && url.port().is_none(),
        "http" | "https" if cfg!(windows) => {
            url.host_str() == Some("tauri.localhost") && url.port().is_none()
        }
        _ => url.as_str() == "about:blank",
    }
}

/// What a navigation of the checkout window is.
enum Navigation {
    Allow,
    /// The processor sent the window back to the portal: the payment's outcome is in the URL.
    Returned(Url),
    Block(Url),
}

/// `hop` is the one hop page this window was made for: exactly it (scheme, host, port, path),
/// not any address on the hop scheme's host (a processor page could otherwise send the window
/// to a plain-http service on `jitops-checkout.localhost:<port>`). It is served once.
fn judge(request: &CheckoutRequest, hop: &Url, url: &Url, place: &Place) -> Navigation {
    if url == hop || url.as_str() == "about:blank" {
        return Navigation::Allow;
    }
    let portal = &request.return_origin;
    let same_origin = url.scheme() == portal.scheme()
        && url.host_str() == portal.host_str()
        && url.port_or_known_default() == portal.port_or_known_default();
    if same_origin {
        // The processor's return goes through the gateway's callback on the portal, which
        // records it and forwards to the invoice: let the callback load (exactly it, no other
        // portal page), stop at the invoice.
        if request.is_gateway_callback(url) {
            return Navigation::Allow;
        }
        return Navigation::Returned(url.clone());
    }
    // WebKitGTK asks about frames too, without saying which: the card's bank may load as a
    // frame of the processor's page or as the whole window (told apart when a page load starts,
    // which only the whole window reports: `on_page_load`).
    if url_allowed(url, &request.allowed_domains) || bank_may_load(request, place, url) {
        Navigation::Allow
    } else {
        Navigation::Block(url.clone())
    }
}

/// The window's place now (the processor's page until a page load says otherwise).
fn current_place(app: &AppHandle) -> Place {
    app.state::<Shell>()
        .checkout
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .map(|a| a.place.clone())
        .unwrap_or(Place::Starting)
}

fn title_for(shell: &Shell, url: &Url) -> String {
    let host = url
        .host_str()
        .map(|h| match url.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_owned(),
        })
        .unwrap_or_else(|| url.scheme().to_owned());
    shell
        .core
        .text("checkout-window-title", &[("host", host.into())])
}

fn on_blocked(app: &AppHandle, url: Url) {
    let host = url.host_str().unwrap_or(url.scheme()).to_owned();
    let openable = portal::checkout::may_open_in_browser(&url);
    let shell = app.state::<Shell>();
    if let Some(active) = shell
        .checkout
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_mut()
    {
        active.blocked = openable.then_some(url);
    }
    let _ = app.emit_to(
        "main",
        "checkout-blocked",
        Blocked {
            host,
            download: false,
            openable,
        },
    );
}

/// A page in the checkout window started a download: refused (nothing a payment needs is a
/// file, and a pushed file would land on the disk), and said in the main window.
fn on_download(app: &AppHandle, url: &Url) -> bool {
    let host = url.host_str().unwrap_or(url.scheme()).to_owned();
    let _ = app.emit_to(
        "main",
        "checkout-blocked",
        Blocked {
            host,
            download: true,
            openable: false,
        },
    );
    false
}

fn on_returned(app: &AppHandle, url: Url) {
    let shell = app.state::<Shell>();
    let attempt = {
        let mut active = shell.checkout.lock().unwrap_or_else(|e| e.into_inner());
        match active.as_mut() {
            Some(a) if !a.returned => {
                a.returned = true;
                a.attempt.clone()
            }
            _ => return,
        }
    };
    if let Some(window) = app.get_webview_window(LABEL) {
        // Closing from inside the navigation callback would re-enter WebKit: defer it.
        let w = window.clone();
        tauri::async_runtime::spawn(async move {
            forget_browsing_data(&w);
            let _ = w.destroy();
        });
    }
    payments::after_checkout(app, &attempt, ReturnOutcome::of(&url));
}

/// Clears the cookies, storage and cache the processor left. The checkout window shares the
/// app's web context (WebKit allows automation, and so the end-to-end suite, on one context
/// only; an ephemeral context would hide the window from it), and the main window keeps
/// nothing in it: all the app's state is in Rust. A clearing WebKit says failed is said in the
/// app too: the processor's cookies may still be on this computer.
pub fn forget_browsing_data<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    let window = window.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = crate::browsing_data::clear(&window).await {
            tracing::warn!("could not clear the checkout window's data: {e}");
            let app = window.app_handle();
            let text = app
                .state::<Shell>()
                .core
                .text("checkout-data-not-cleared", &[]);
            let _ = app.emit_to("main", "app-warning", text);
        }
    });
}

/// Closes the checkout window open now, if any, for a new checkout to replace it: its
/// processor data goes first, and this returns once the toolkit has let go of its label (a
/// new window under the same label is refused until then). Its own `Destroyed` marks its
/// attempt left and follows it.
pub async fn close_for_replacement(app: &AppHandle) -> tauri::Result<()> {
    let Some(old) = app.get_webview_window(LABEL) else {
        return Ok(());
    };
    forget_browsing_data(&old);
    old.destroy()?;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.get_webview_window(LABEL).is_some() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Ok(())
}

/// Opens the checkout window for a prepared request whose attempt is recorded already (an
/// open one is closed first: [`close_for_replacement`]).
pub fn open(app: &AppHandle, request: CheckoutRequest, attempt: String) -> tauri::Result<()> {
    let shell = app.state::<Shell>();
    let hop_id = random_id();
    let title = title_for(&shell, &request.url);
    shell.core.payments().checkout_opened(&attempt);
    *shell.checkout.lock().unwrap_or_else(|e| e.into_inner()) = Some(Active {
        attempt: attempt.clone(),
        request: request.clone(),
        hop_id: Some(hop_id.clone()),
        returned: false,
        place: Place::Starting,
        blocked: None,
    });
    let (nav_app, popup_app, dl_app) = (app.clone(), app.clone(), app.clone());
    let (nav_request, popup_request, load_request) =
        (request.clone(), request.clone(), request.clone());
    let (nav_hop, popup_hop, load_hop) = (hop_url(&hop_id), hop_url(&hop_id), hop_url(&hop_id));
    let window =
        WebviewWindowBuilder::new(app, LABEL, WebviewUrl::CustomProtocol(hop_url(&hop_id)))
            .title(title)
            .inner_size(760.0, 820.0)
            .min_inner_size(480.0, 520.0)
            .on_navigation(move |url| on_navigation(&nav_app, &nav_request, &nav_hop, url))
            .on_new_window(move |url, _features| {
                on_new_window(&popup_app, &popup_request, &popup_hop, url)
            })
            .on_download(move |_webview, event| on_download_event(&dl_app, event))
            .on_page_load(move |window, payload| match payload.event() {
                PageLoadEvent::Started => {
                    on_page_started(&window, payload.url(), &load_request, &load_hop);
                    // WebKitGTK reports a start only once the page is committed (wry): it is
                    // shown, after any redirect. Elsewhere a start comes before the page shows.
                    if cfg!(target_os = "linux") {
                        on_page_shown(&window, payload.url(), &load_request, &load_hop);
                    }
                }
                PageLoadEvent::Finished => {
                    on_page_shown(&window, payload.url(), &load_request, &load_hop)
                }
            })
            .build()?;
    let close_app = app.clone();
    let closing = window.clone();
    window.on_window_event(move |event| on_window_event(&close_app, &closing, &attempt, event));
    Ok(())
}

/// Where the window may go: the processor's pages and the hop, a return to the portal (handed
/// to the app), or nowhere else (said, with a way to open it in the browser).
fn on_navigation(app: &AppHandle, request: &CheckoutRequest, hop: &Url, url: &Url) -> bool {
    match judge(request, hop, url, &current_place(app)) {
        Navigation::Allow => true,
        Navigation::Returned(url) => {
            on_returned(app, url);
            false
        }
        Navigation::Block(url) => {
            on_blocked(app, url);
            false
        }
    }
}

/// A pop-up of the processor follows the same rules, inside this same window.
fn on_new_window(
    app: &AppHandle,
    request: &CheckoutRequest,
    hop: &Url,
    url: Url,
) -> NewWindowResponse<tauri::Wry> {
    match judge(request, hop, &url, &current_place(app)) {
        Navigation::Allow => {
            if let Some(w) = app.get_webview_window(LABEL) {
                let _ = w.navigate(url);
            }
        }
        Navigation::Returned(url) => on_returned(app, url),
        Navigation::Block(url) => on_blocked(app, url),
    }
    NewWindowResponse::Deny
}

/// A processor has nothing to download; a file it pushed would land on the disk.
fn on_download_event(app: &AppHandle, event: tauri::webview::DownloadEvent<'_>) -> bool {
    match event {
        tauri::webview::DownloadEvent::Requested { url, .. } => on_download(app, &url),
        // WebKit may decide a download's destination itself without asking (it does when
        // driven by WebDriver): what it wrote anyway is removed, and said.
        tauri::webview::DownloadEvent::Finished {
            url,
            path: Some(path),
            success: true,
        } => {
            let _ = std::fs::remove_file(&path);
            on_download(app, &url)
        }
        _ => true,
    }
}

/// A page starts loading in the whole window (only the whole window reports page loads): what
/// may load meanwhile follows from where it goes (`place_while_loading`). The title stays the
/// page's still shown until the new one is (`on_page_shown`).
fn on_page_started(window: &WebviewWindow, url: &Url, request: &CheckoutRequest, hop: &Url) {
    let app = window.app_handle();
    let shell = app.state::<Shell>();
    if let Some(a) = shell
        .checkout
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_mut()
    {
        if url != hop {
            a.place = place_while_loading(&a.place, request, url);
            // The person is at the processor: the tracker's pace counts from here.
            shell.core.payments().checkout_page_loaded(&a.attempt);
        }
    };
}

/// The whole window shows the page at `url` (after any redirect): this is where the person is
/// now, and the title says it, "Your bank" only for the page a processor's page handed the
/// window to. Frames never come here.
fn on_page_shown(window: &WebviewWindow, url: &Url, request: &CheckoutRequest, hop: &Url) {
    if url == hop || url.as_str() == "about:blank" {
        // The app's own hop page: nothing of the processor shown yet, the title stays.
        return;
    }
    let app = window.app_handle();
    let shell = app.state::<Shell>();
    let place = place_of(request, url);
    if let Some(a) = shell
        .checkout
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_mut()
    {
        a.place = place.clone();
    }
    let title = match &place {
        Place::Bank(host) => shell.core.text(
            "checkout-window-bank-title",
            &[("host", host.clone().into())],
        ),
        _ => title_for(&shell, url),
    };
    let _ = window.set_title(&title);
}

/// Closing: the processor's data goes first. Destroyed, in whatever way (by the person, or
/// replaced by a newer checkout), after a return or not: this window's own attempt is marked
/// left and followed, and leaves the shell's slot unless a newer one replaced it.
fn on_window_event(app: &AppHandle, window: &WebviewWindow, attempt: &str, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { .. } = event {
        forget_browsing_data(window);
    }
    if let WindowEvent::Destroyed = event {
        let shell = app.state::<Shell>();
        {
            let mut slot = shell.checkout.lock().unwrap_or_else(|e| e.into_inner());
            if slot.as_ref().is_some_and(|a| a.attempt == attempt) {
                slot.take();
            }
        }
        payments::window_closed(app, attempt);
    }
}

/// Opens the page the checkout window refused in the system browser (the way out for a
/// processor page the window cannot show). Only a page the window itself blocked qualifies.
pub fn open_blocked_in_browser(shell: &Shell) -> Result<(), String> {
    let url = shell
        .checkout
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ref()
        .and_then(|active| active.blocked.clone())
        .ok_or_else(|| "nothing to open".to_owned())?;
    crate::opener::open(url.as_str()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> CheckoutRequest {
        CheckoutRequest {
            method: HttpMethod::Post,
            url: Url::parse("https://www.2checkout.com/checkout/purchase").unwrap(),
            fields: vec![],
            allowed_domains: vec!["2checkout.com".into(), "paypal.com".into()],
            return_origin: Url::parse("https://jitops.com/").unwrap(),
            callback_paths: vec![
                "/modules/gateways/callback/2checkout.php".into(),
                "/modules/gateways/callback/paypal.php".into(),
            ],
        }
    }

    fn kind(url: &str) -> &'static str {
        kind_at(url, &Place::Starting)
    }

    fn kind_at(url: &str, place: &Place) -> &'static str {
        let hop = hop_url("abc");
        match judge(&request(), &hop, &Url::parse(url).unwrap(), place) {
            Navigation::Allow => "allow",
            Navigation::Returned(_) => "returned",
            Navigation::Block(_) => "block",
        }
    }

    #[test]
    fn the_main_window_shows_the_apps_pages_only() {
        let page = |u: &str| is_app_page(&Url::parse(u).unwrap());
        assert!(page("tauri://localhost/index.html"));
        assert!(page("tauri://localhost/"));
        assert!(!page("tauri://evil.example/"));
        assert!(!page("https://jitops.com/clientarea.php"));
        assert!(!page("http://127.0.0.1:8080/"));
        assert!(!page("file:///etc/passwd"));
        assert!(!page("jitops-checkout://localhost/abc"));
        assert!(!page("data:text/html,x"));
    }

    #[test]
    fn navigation_rules() {
        assert_eq!(kind("https://www.2checkout.com/pay"), "allow");
        assert_eq!(kind("https://www.paypal.com/signin"), "allow");
        assert_eq!(kind("http://www.2checkout.com/pay"), "block");
        assert_eq!(kind("https://evil.example/"), "block");
        assert_eq!(kind("file:///etc/passwd"), "block");
        assert_eq!(kind("data:text/html,x"), "block");
        assert_eq!(kind("javascript:alert(1)"), "block");
        assert_eq!(
            kind("https://jitops.com/modules/gateways/callback/2checkout.php?x=1"),
            "allow"
        );
        // Only the callbacks themselves: a path that merely holds their folder's name is the
        // portal's, and ends the checkout like any other portal page.
        for other in [
            "https://jitops.com/clientarea.php/modules/gateways/callback/",
            "https://jitops.com/modules/gateways/callback/../../dl.php?x=1",
            "https://jitops.com/x/modules/gateways/callback/2checkout.php",
            "https://jitops.com/modules/gateways/callback/other.php",
        ] {
            assert_eq!(kind(other), "returned", "{other}");
        }
        assert_eq!(
            kind("https://jitops.com/viewinvoice.php?id=3&paymentsuccess=true"),
            "returned"
        );
        assert_eq!(kind(hop_url("abc").as_str()), "allow");
        // Only the hop page made for this window: not another id, scheme, port or path.
        assert_eq!(kind("jitops-checkout://localhost/abd"), "block");
        assert_eq!(kind("http://jitops-checkout.localhost:8080/"), "block");
        if !cfg!(windows) {
            assert_eq!(kind("http://jitops-checkout.localhost/abc"), "block");
        }
        assert_eq!(kind("https://jitops-checkout.localhost/abc"), "block");
        // The card's bank: from a processor's page only (a frame of it, or the whole window),
        // https only; from the bank's page nothing else.
        let bank = "https://acs.bank.example/challenge";
        assert_eq!(kind_at(bank, &Place::Processor), "allow");
        assert_eq!(kind(bank), "block");
        assert_eq!(
            kind_at("http://acs.bank.example/", &Place::Processor),
            "block"
        );
        let at_bank = Place::Bank("acs.bank.example".into());
        assert_eq!(kind_at("https://evil.example/", &at_bank), "block");
        assert_eq!(
            kind_at("https://www.2checkout.com/3ds-done", &at_bank),
            "allow"
        );
        assert_eq!(
            kind_at("https://jitops.com/viewinvoice.php?id=3", &at_bank),
            "returned"
        );
    }
}
