//! Row 2 for the app: from pressing "Sign in" to the invoice list painted, timed in the page.

use super::*;

pub(crate) async fn app_sign_in_form(app: &App, portal_url: &str, email: &str) {
    app.wait_for("#signin-form").await;
    app.click("#portal-other").await;
    app.type_into("#portal-url", portal_url).await;
    app.type_into("#email", email).await;
    app.type_into("#password", demo_portal::DEMO_PASSWORD).await;
}

/// In the app's page: notes when the sign-in form is submitted, follows "Invoices" the moment
/// the dashboard is there, and notes when the list's first rows have been painted (two frames
/// after they are in the page). Wall clock, ms.
pub(crate) const APP_STOPWATCH_JS: &str = r#"
pub(crate) const w = window.__bench = { t0: 0, t1: 0, nav: false, rows: false };
document.getElementById('signin-form').addEventListener('submit', () => { w.t0 = Date.now(); }, true);
w.observer = new MutationObserver(() => {
  if (!w.nav && document.getElementById('main').dataset.screen === 'dashboard') {
    w.nav = true;
    document.getElementById('nav-invoices').click();
  }
  if (!w.rows && document.querySelector('#invoice-table tr[data-id]')) {
    w.rows = true;
    requestAnimationFrame(() => requestAnimationFrame(() => { w.t1 = Date.now(); }));
  }
});
w.observer.observe(document.body, { subtree: true, childList: true, attributes: true });
"#;

/// Polls a page-side stopwatch (a script returning the elapsed ms, or null) until it stops.
pub(crate) async fn stopwatch(client: &Client, read: &str) -> f64 {
    // The figure is the page's own: when it is read changes nothing of it.
    let stopped = || async { client.execute(read, vec![]).await.ok()?.as_f64() };
    test_support::wait::until("the stopwatch to stop", Duration::from_secs(60), stopped).await
        / 1000.0
}

/// From pressing "Sign in" to the invoice list painted, through the dashboard and the rail.
pub(crate) async fn app_sign_in_to_list(portal_url: &str) -> Vec<f64> {
    let app = App::launch(Launch {
        home: Some(temp_home("app-signin")),
        ..Launch::default()
    })
    .await;
    let mut samples = Vec::new();
    for _ in 0..RUNS {
        app_sign_in_form(&app, portal_url, demo_portal::DEMO_EMAIL).await;
        app.js(APP_STOPWATCH_JS).await;
        app.click("#signin-submit").await;
        let read = "const w = window.__bench; return w.t1 ? w.t1 - w.t0 : null;";
        samples.push(stopwatch(&app.client, read).await);
        app.js("window.__bench.observer.disconnect()").await;
        app.click("#nav-settings").await;
        app.click("#signout").await;
    }
    app.close().await;
    samples
}
