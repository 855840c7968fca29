//! Chromium driven by chromedriver doing the same steps on the demo portal's own pages (row 2
//! and row 3 for the browser).

use super::*;

pub(crate) struct Chromium {
    pub(crate) client: Client,
    pub(crate) driver: Child,
    pub(crate) port: u16,
    pub(crate) profile: PathBuf,
}

impl Chromium {
    pub(crate) async fn start() -> Chromium {
        let port = harness::free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (apt install chromium-driver)");
        let profile = temp_home("chromium");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                // Root in a container has no user namespace sandbox; the window is the
                // size of the app's.
                "args": ["--no-sandbox", "--no-first-run", "--disable-dev-shm-usage",
                         format!("--user-data-dir={}", profile.display()),
                         "--window-size=1024,720"],
            }
        });
        let caps = caps.as_object().unwrap().clone();
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("a Chromium session: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Chromium {
            client,
            driver,
            port,
            profile,
        }
    }

    /// The portal's own sign-in page, filled in (not timed: the app's form is filled too).
    pub(crate) async fn sign_in_form(&self, portal_url: &str, email: &str) {
        self.client.delete_all_cookies().await.unwrap();
        self.client
            .goto(&format!("{portal_url}clientarea.php"))
            .await
            .unwrap();
        appears(&self.client, "#inputEmail").await;
        self.client
            .execute(
                "document.getElementById('inputEmail').value = arguments[0];
                 document.getElementById('inputPassword').value = arguments[1];",
                vec![json!(email), json!(demo_portal::DEMO_PASSWORD)],
            )
            .await
            .unwrap();
    }

    /// Signs in and opens the invoice list from the dashboard's Invoices tile, as driven.
    pub(crate) async fn sign_in_to_list(&self) {
        click(&self.client, "#login").await;
        click(
            &self.client,
            "a.tile[href='clientarea.php?action=invoices']",
        )
        .await;
        appears(&self.client, "#tableInvoicesList tbody tr").await;
    }

    /// Has every page this browser loads run `source` first (Chrome DevTools Protocol through
    /// chromedriver's `goog/cdp/execute`).
    pub(crate) async fn on_every_page(&self, source: &str) {
        let session = self.client.session_id().await.unwrap().unwrap();
        let answer = reqwest::Client::new()
            .post(format!(
                "http://127.0.0.1:{}/session/{session}/goog/cdp/execute",
                self.port
            ))
            .header("content-type", "application/json")
            .body(
                json!({
                    "cmd": "Page.addScriptToEvaluateOnNewDocument",
                    "params": { "source": source }
                })
                .to_string(),
            )
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "CDP: {}", answer.status());
    }

    pub(crate) async fn close(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The same stopwatch on the portal's own pages (run on every page the browser loads): the
/// sign-in form's submit is noted, the dashboard's Invoices tile followed the moment the page
/// is parsed, and the list's rows noted two frames after it is parsed. The state lives in
/// localStorage, which outlives the page loads.
pub(crate) const BROWSER_STOPWATCH_JS: &str = r#"
document.addEventListener('DOMContentLoaded', () => {
  const stage = localStorage.getItem('bench-stage');
  const form = document.querySelector('form[action*="login"]');
  if (stage === 'armed' && form) {
    form.addEventListener('submit', () => {
      localStorage.setItem('bench-t0', String(Date.now()));
      localStorage.setItem('bench-stage', 'signing-in');
    }, true);
  }
  const tile = document.querySelector("a.tile[href='clientarea.php?action=invoices']");
  if (stage === 'signing-in' && tile) {
    localStorage.setItem('bench-stage', 'to-list');
    tile.click();
  }
  if (stage === 'to-list' && document.querySelector('#tableInvoicesList tbody tr')) {
    localStorage.setItem('bench-stage', 'done');
    requestAnimationFrame(() => requestAnimationFrame(() => {
      localStorage.setItem('bench-t1', String(Date.now()));
    }));
  }
});
"#;

pub(crate) async fn chromium_sign_in_to_list(portal_url: &str) -> Vec<f64> {
    let browser = Chromium::start().await;
    browser.on_every_page(BROWSER_STOPWATCH_JS).await;
    let mut samples = Vec::new();
    for _ in 0..RUNS {
        // Armed before the sign-in page loads, so that its script watches the form.
        browser
            .client
            .goto(&format!("{portal_url}demo/payments.php"))
            .await
            .unwrap();
        browser
            .client
            .execute(
                "localStorage.clear(); localStorage.setItem('bench-stage', 'armed');",
                vec![],
            )
            .await
            .unwrap();
        browser
            .sign_in_form(portal_url, demo_portal::DEMO_EMAIL)
            .await;
        click(&browser.client, "#login").await;
        let read = "const t1 = localStorage.getItem('bench-t1'); \
                    return t1 ? Number(t1) - Number(localStorage.getItem('bench-t0')) : null;";
        samples.push(stopwatch(&browser.client, read).await);
    }
    browser.close().await;
    samples
}
