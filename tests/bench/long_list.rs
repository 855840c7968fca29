//! Row 3: memory with the 2,000-invoice list, the list drawn, idle CPU.

use super::*;

pub(crate) const SETTLE: Duration = Duration::from_secs(3);

/// In the app's page: from the "All" filter's click to the first rows painted and to the
/// last slice in, and the longest gap between two frames meanwhile (how long a click or a key
/// could wait while the list is drawn).
pub(crate) const LONG_LIST_STOPWATCH_JS: &str = r##"
pub(crate) const w = window.__long = { t0: Date.now(), first: 0, all: 0, gap: 0 };
let last = performance.now();
pub(crate) const frame = () => {
  const now = performance.now();
  w.gap = Math.max(w.gap, now - last);
  last = now;
  if (!w.first && document.querySelector('#invoice-table tr[data-id]')) w.first = Date.now() - w.t0;
  if (document.querySelector("#invoice-table[data-complete='true']")) { w.all = Date.now() - w.t0; return; }
  requestAnimationFrame(frame);
};
document.getElementById('filter-all').click();
requestAnimationFrame(frame);
"##;

pub(crate) struct LongList {
    pub(crate) first_rows_s: f64,
    pub(crate) all_rows_s: f64,
    pub(crate) longest_frame_s: f64,
}

/// What one app run measures: PSS on the sign-in screen, CPU while idle signed in, the long
/// list drawn, and PSS with it shown.
pub(crate) struct AppRun {
    pub(crate) long_list: Vec<LongList>,
    pub(crate) signin_pss: (f64, usize),
    pub(crate) list_pss: (f64, usize),
    pub(crate) idle_cpu_s: f64,
}

/// Signed in and left alone on the dashboard (the first sync over): CPU seconds used meanwhile.
pub(crate) const IDLE: Duration = Duration::from_secs(60);

/// The accountant's account in one app run: PSS on the sign-in screen; signed in, CPU while
/// idle for IDLE; the 2,000 invoices drawn under the "All" filter (median of RUNS, from the
/// Unpaid filter each time); then PSS with the list shown.
pub(crate) async fn app_long_list_and_memory(portal_url: &str) -> AppRun {
    let app = App::launch(Launch {
        home: Some(temp_home("app-memory")),
        ..Launch::default()
    })
    .await;
    app_sign_in_form(&app, portal_url, demo_portal::ACCOUNTANT_EMAIL).await;
    tokio::time::sleep(SETTLE).await;
    let signin_pss = app_pss_mib(&app_binary());
    app.click("#signin-submit").await;
    app.wait_screen("dashboard").await;
    app.wait_for("#refresh:not(.is-busy)").await;
    tokio::time::sleep(SETTLE).await;
    let before = app_cpu_s(&app_binary());
    tokio::time::sleep(IDLE).await;
    let idle_cpu_s = app_cpu_s(&app_binary()) - before;
    app.click("#nav-invoices").await;
    app.wait_for("#invoice-table[data-complete='true']").await;
    let mut runs = vec![];
    for _ in 0..RUNS {
        app.click("#filter-unpaid").await;
        app.wait_for("#filter-unpaid[aria-pressed='true']").await;
        app.wait_for("#invoice-table[data-complete='true']").await;
        app.js(LONG_LIST_STOPWATCH_JS).await;
        let read = "const w = window.__long; return w && w.all ? [w.first, w.all, w.gap] : null;";
        let drawn = || async {
            let figures = app.client.execute(read, vec![]).await.ok()?;
            let figures = figures.as_array()?.iter();
            Some(
                figures
                    .map(|x| x.as_f64().unwrap_or(0.0) / 1000.0)
                    .collect::<Vec<_>>(),
            )
        };
        let figures =
            test_support::wait::until("the long list drawn", Duration::from_secs(60), drawn).await;
        // Rows as screen readers count them: only those in view are drawn.
        let rows = app
            .js("return document.getElementById('invoice-table').getAttribute('aria-rowcount')")
            .await;
        assert_eq!(rows, json!("2001"));
        runs.push(LongList {
            first_rows_s: figures[0],
            all_rows_s: figures[1],
            longest_frame_s: figures[2],
        });
    }
    app.click("#filter-all").await;
    app.wait_for("#filter-all[aria-pressed='true']").await;
    app.wait_for("#invoice-table[data-complete='true']").await;
    tokio::time::sleep(SETTLE).await;
    let list_pss = app_pss_mib(&app_binary());
    app.close().await;
    AppRun {
        long_list: runs,
        signin_pss,
        list_pss,
        idle_cpu_s,
    }
}

pub(crate) async fn chromium_memory_with_long_list(portal_url: &str) -> (f64, usize) {
    let browser = Chromium::start().await;
    browser
        .sign_in_form(portal_url, demo_portal::ACCOUNTANT_EMAIL)
        .await;
    browser.sign_in_to_list().await;
    let rows = browser
        .client
        .execute(
            "return document.querySelectorAll('#tableInvoicesList tbody tr').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(rows, json!(2000), "the browser shows the whole list");
    tokio::time::sleep(SETTLE).await;
    let figures = chromium_pss_mib(browser.driver.id());
    browser.close().await;
    figures
}
