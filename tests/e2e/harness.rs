//! Owns launching the real app for a test: tauri-driver on free ports, a WebDriver session on
//! the debug build, and helpers to wait for what a person would see.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const APP: &str = env!("CARGO_BIN_EXE_jitops-billing");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .expect("HOME or CARGO_HOME");
    home.join("bin/tauri-driver")
}

/// Where test artifacts (screenshots) go.
pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("artifact folder");
    dir
}

pub struct App {
    pub client: Client,
    driver: Child,
    /// The app's own data, config and cache folders (XDG), fresh per test unless shared.
    #[allow(dead_code)]
    pub home: PathBuf,
}

#[derive(Default, Clone)]
pub struct Launch {
    pub env: Vec<(String, String)>,
    /// Reuse these XDG folders (to restart "the same installation").
    pub home: Option<PathBuf>,
    pub args: Vec<String>,
}

impl App {
    pub async fn start() -> App {
        App::launch(Launch {
            args: vec!["--demo".into()],
            ..Launch::default()
        })
        .await
    }

    pub async fn launch(launch: Launch) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the end-to-end suite needs a display: run it with `make e2e`"
        );
        let home = launch.home.clone().unwrap_or_else(|| {
            let dir = std::env::temp_dir().join(format!(
                "jitops-e2e-{}-{}",
                std::process::id(),
                free_port()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            dir
        });
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(tauri_driver());
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        for (k, v) in &launch.env {
            cmd.env(k, v);
        }
        let driver = cmd
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": APP, "args": launch.args }),
        );
        caps.insert("browserName".into(), json!("wry"));
        let mut client = None;
        for _ in 0..30 {
            // Plain HTTP to tauri-driver on loopback: no TLS stack needed.
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(300)).await,
            }
        }
        let client = client.expect("a WebDriver session on the app");
        let app = App {
            client,
            driver,
            home,
        };
        app.wait_for("#main[data-screen]").await;
        app
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("text")
    }

    /// Waits until `css`'s text satisfies `pred`, and returns it.
    pub async fn wait_text(&self, css: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut last = String::new();
        loop {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(t) = el.text().await {
                    if pred(&t) {
                        return t;
                    }
                    last = t;
                }
            }
            assert!(
                Instant::now() < deadline,
                "{css}: waited for {what}, last text {last:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        self.wait_for(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e:?}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_for(css).await;
        el.clear().await.ok();
        el.send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    pub async fn screen(&self) -> String {
        self.js("return document.getElementById('main').dataset.screen")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub async fn wait_screen(&self, screen: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let now = self.screen().await;
            if now == screen {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "screen {screen} did not show (still {now})"
            );
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(artifacts().join(format!("{name}.png")), png);
        }
    }

    /// Signs in to the embedded demo portal.
    pub async fn sign_in_demo(&self, email: &str, password: &str, remember: bool) {
        self.wait_for("#signin-form").await;
        self.click("#portal-demo").await;
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        if remember {
            self.click("#remember").await;
        }
        self.click("#signin-submit").await;
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
