//! Owns launching the real app for a test: tauri-driver on free ports, a WebDriver session on
//! the debug build, and helpers to wait for what a person would see.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const APP: &str = env!("CARGO_BIN_EXE_jitops-billing");

/// The binary under test: the debug build, or another one named by `JITOPS_E2E_APP` (the
/// packaged binary, unpacked, in `scripts/check-package.sh`).
pub fn app_binary() -> String {
    std::env::var("JITOPS_E2E_APP").unwrap_or_else(|_| APP.to_owned())
}

pub fn free_port() -> u16 {
    // The system may hand the same port out again once it is released: twice in a row, it
    // gave tauri-driver its own port as WebKitWebDriver's, and the driver forwarded the
    // session request to itself until it ran out of connections. No port is handed out twice
    // in this process (the scenarios run side by side in it).
    static GIVEN: std::sync::Mutex<std::collections::BTreeSet<u16>> =
        std::sync::Mutex::new(std::collections::BTreeSet::new());
    let mut given = GIVEN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        if given.insert(port) {
            return port;
        }
    }
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

/// A path of its own for one scenario's files (`kind` says what they are): under the run's
/// folder (`E2E_FILES`: tests/run-e2e.sh removes it when the suite passes and keeps it for a
/// look when it fails; scripts/bench.sh removes it at the end), else under the system's
/// temporary folder.
pub fn scenario_path(kind: &str) -> PathBuf {
    let root = std::env::var_os("E2E_FILES")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    root.join(format!(
        "jitops-test-{kind}-{}-{}",
        std::process::id(),
        free_port()
    ))
}

/// The log of everything the app and the drivers print, opened for appending.
fn output_log(home: &std::path::Path) -> std::fs::File {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(home.join("output.log"))
        .expect("the output log opens")
}

/// The start of every X script below: the display, and `windows()` yielding each window with
/// its title.
const XLIB_PRELUDE_PY: &str = include_str!("x/prelude.py");

/// The titles of the X windows on the display (as the window manager would show them).
pub fn window_titles() -> Vec<String> {
    let out = run_xlib_script("for w, name in windows():\n    if name: print(name)\n", &[]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Whether a window titled `title` is on screen (mapped), as a person would see it.
pub fn window_shown(title: &str) -> bool {
    let out = run_xlib_script(
        "print(any(name == sys.argv[1] and w.get_attributes().map_state == X.IsViewable for w, name in windows()))\n",
        &[std::ffi::OsStr::new(title)],
    );
    String::from_utf8_lossy(&out.stdout).trim() == "True"
}

/// Waits until the window titled `title` is shown (`true`) or hidden (`false`).
pub async fn wait_window_shown(title: &str, shown: bool) {
    let now = if shown { "hidden" } else { "shown" };
    test_support::wait::until_or(
        Duration::from_secs(30),
        || async { (window_shown(title) == shown).then_some(()) },
        || format!("the window {title:?} is still {now}"),
    )
    .await;
}

/// Runs an X script (after the prelude) with python3-xlib; its output.
fn run_xlib_script(body: &str, args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(format!("{XLIB_PRELUDE_PY}{body}"))
        .args(args)
        .output()
        .expect("python3 with python3-xlib")
}

/// The place and size (x, y, width, height) of the window on screen titled `title`; moved and
/// resized first to `to` when given, as a person does.
pub fn window_geometry(
    title: &str,
    to: Option<(i32, i32, u32, u32)>,
) -> Option<(i32, i32, u32, u32)> {
    let to = to.map(|(x, y, w, h)| format!("{x},{y},{w},{h}"));
    let mut args: Vec<&std::ffi::OsStr> = vec![title.as_ref()];
    if let Some(to) = &to {
        args.push(to.as_ref());
    }
    let out = run_xlib_script(include_str!("x/window_geometry.py"), &args);
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Vec<i64> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    (v.len() == 4).then(|| (v[0] as i32, v[1] as i32, v[2] as u32, v[3] as u32))
}

/// Copies the window titled argv[1] (or the whole screen) to the PNG file argv[2].
const SCREENSHOT_PY: &str = include_str!("x/screenshot.py");

/// A CSV file the app wrote, read with the `csv` crate's reader (not the app's own code).
pub fn read_csv(path: &std::path::Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .expect("the CSV file opens")
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

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
    /// Another program than `app_binary()` (an installed copy).
    pub binary: Option<PathBuf>,
}

impl App {
    pub async fn start() -> App {
        App::launch(Launch {
            args: vec!["--demo".into()],
            ..Launch::default()
        })
        .await
    }

    /// The app on the embedded demo portal, signed in as `email` (password "demo", not
    /// remembered), on its dashboard.
    pub async fn signed_in(email: &str) -> App {
        App::signed_in_with(email, &[]).await
    }

    /// The same, with the embedded demo's knobs `env` (`JITOPS_DEMO_*`).
    pub async fn signed_in_with(email: &str, env: &[(&str, &str)]) -> App {
        let app = App::launch(Launch {
            args: vec!["--demo".into()],
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Launch::default()
        })
        .await;
        app.sign_in_demo(email, "demo", false).await;
        app.wait_screen("dashboard").await;
        app
    }

    pub async fn launch(launch: Launch) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the end-to-end suite needs a display: run it with `make e2e`"
        );
        let home = launch.home.clone().unwrap_or_else(|| scenario_path("home"));
        std::fs::create_dir_all(&home).unwrap();
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
        .env("XDG_STATE_HOME", home.join("state"))
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .env("LANG", "en_US.UTF-8")
        // What the app and the drivers print goes to a file next to the app's folders: the
        // secrets scans read it, and a failed scenario can be looked into.
        .stdout(output_log(&home))
        .stderr(output_log(&home));
        for (k, v) in &launch.env {
            cmd.env(k, v);
        }
        let driver = cmd
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver)");
        let listening = || async { std::net::TcpStream::connect(("127.0.0.1", port)).ok() };
        test_support::wait::until("tauri-driver to listen", Duration::from_secs(20), listening)
            .await;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({
                "application": launch
                    .binary
                    .map_or_else(app_binary, |b| b.display().to_string()),
                "args": launch.args,
            }),
        );
        caps.insert("browserName".into(), json!("wry"));
        // The checkout window closes itself in the middle of a navigation (the processor's
        // return): a driver waiting for that page to load would wait forever. Every test waits
        // for what it expects to see instead.
        caps.insert("pageLoadStrategy".into(), json!("none"));
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

    /// Waits for an element. Errors while a page is still replacing another (the checkout
    /// window's hop, with no page-load wait) count as "not yet".
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(el) => return el,
                Err(e) if Instant::now() > deadline => {
                    self.screenshot("failure-waiting-for-element").await;
                    panic!("{css} did not appear: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(150)).await,
            }
        }
    }

    /// The element's text. A screen drawn again between finding the element and reading it
    /// (a sync landing, a language switch) leaves a stale reference: found again.
    /// Whether nothing on the page matches `css` now (asked once: wait for what must come
    /// first).
    pub async fn absent(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_err()
    }

    pub async fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self.wait_for(css).await.text().await {
                Ok(text) => return text,
                Err(e) if is_stale(&e) && Instant::now() < deadline => {
                    eprintln!("e2e: re-found {css}: the screen was drawn anew under the reader");
                    continue;
                }
                Err(e) => panic!("text of {css}: {e:?}"),
            }
        }
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
            if Instant::now() > deadline {
                self.screenshot("failure-waiting-for-text").await;
                panic!("{css}: waited for {what}, last text {last:?}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Clicks an element, found again if the screen was drawn anew meanwhile (see `text`).
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let el = self.wait_for(css).await;
            // WebKitWebDriver scrolls only an element wholly out of view: one half under the
            // footer is "not interactable". A person would scroll it up first.
            self.client
                .execute(
                    "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' })",
                    vec![serde_json::to_value(&el).expect("element reference")],
                )
                .await
                .ok();
            match el.click().await {
                Ok(()) => return,
                Err(e) if is_stale(&e) && Instant::now() < deadline => {
                    eprintln!("e2e: re-found {css}: the screen was drawn anew under the pointer");
                    continue;
                }
                Err(e) => panic!("click {css}: {e:?}"),
            }
        }
    }

    /// Clicks what ends the app's process (a restart): the driver may answer with an error,
    /// its app gone before the answer; what follows is for the test to see from outside.
    pub async fn click_ending_the_app(&self, css: &str) {
        let el = self.wait_for(css).await;
        if let Err(e) = el.click().await {
            eprintln!("e2e: click {css} ended the app: {e:?}");
        }
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        self.wait_for(css).await;
        // The page empties and focuses the field (WebKitWebDriver's clear does not always
        // empty a field that has focus), then the keys are pressed on the keyboard, as a
        // person types: no element reference, which WebKitWebDriver can lose after the page
        // replaced many nodes (a list filtered) and before the keys were sent.
        let focused = self
            .client
            .execute(
                "const e = document.querySelector(arguments[0]); \
                 if (!e) return false; e.value = ''; e.focus(); return document.activeElement === e;",
                vec![serde_json::json!(css)],
            )
            .await
            .unwrap_or_else(|e| panic!("focus {css}: {e}"));
        assert_eq!(focused, serde_json::json!(true), "{css} takes the focus");
        let mut keys = KeyActions::new("keyboard".into());
        for c in text.chars() {
            keys = keys
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Runs axe-core (`AXE_JS`, else `target/axe/node_modules/axe-core/axe.min.js`, installed
    /// by `scripts/install-deps.sh --with-driver`) on the window's current page and fails on any
    /// violation of impact serious or critical, naming the rule, the nodes and `name`.
    pub async fn audit(&self, name: &str) {
        let path = std::env::var_os("AXE_JS")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("target/axe/node_modules/axe-core/axe.min.js")
            });
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core at {} ({e}): run scripts/install-deps.sh --with-driver",
                path.display()
            )
        });
        let loaded = self
            .client
            // The script runs as the driver's own (the window's CSP forbids eval, not it).
            .execute(
                &format!("if (!window.axe) {{\n{source}\n}}\nreturn typeof window.axe;"),
                vec![],
            )
            .await
            .expect("axe-core loads");
        assert_eq!(loaded, serde_json::json!("object"), "axe-core did not load");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];\
                 axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations\
                   .filter((v) => v.impact === 'serious' || v.impact === 'critical')\
                   .map((v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`)),\
                   (e) => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe-core runs");
        let found: Vec<String> = serde_json::from_value(found).unwrap_or_default();
        assert!(
            found.is_empty(),
            "{name}: accessibility violations:\n{}",
            found.join("\n")
        );
    }

    /// Presses keys (WebDriver key codes: `\u{E004}` Tab, `\u{E007}` Enter...) in whatever has
    /// the focus, as a keyboard does.
    pub async fn keys(&self, keys: &str) {
        let focused = self
            .client
            .active_element()
            .await
            .expect("an element with the focus");
        focused
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
    }

    /// Presses Tab until the focus is on `css` (at most 250 times): how a keyboard user gets
    /// there.
    pub async fn tab_to(&self, css: &str) {
        let check = format!(
            "return document.activeElement && document.activeElement.matches({})",
            serde_json::to_string(css).unwrap()
        );
        for _ in 0..250 {
            if self.js(&check).await == serde_json::json!(true) {
                return;
            }
            self.keys("\u{E004}").await;
        }
        self.screenshot("failure-tab-to").await;
        panic!("Tab never reached {css}");
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

    /// Waits until `screen` is drawn and the focus placed on it (`#main[data-ready]`, set
    /// once the screen's content is in: a screen that loads is not ready while it loads).
    pub async fn wait_screen(&self, screen: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let now = self.screen().await;
            let ready = self
                .js("return document.getElementById('main').dataset.ready === 'true'")
                .await
                == serde_json::json!(true);
            if now == screen && ready {
                return;
            }
            if Instant::now() > deadline {
                self.screenshot(&format!("failure-waiting-for-{screen}"))
                    .await;
                let error = self
                    .js("const e = document.querySelector('.alert-error'); return e ? e.textContent : ''")
                    .await;
                panic!("screen {screen} did not show (still {now}; error shown: {error})");
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Saves what the app's main window shows, as the X server has it, to the artifacts.
    /// (WebDriver's own screenshot hangs WebKitWebDriver on some screens, e.g. after a
    /// payment is confirmed; the X server's copy is also what a person sees.)
    pub async fn screenshot(&self, name: &str) {
        let path = artifacts().join(format!("{name}.png"));
        let out = run_xlib_script(
            SCREENSHOT_PY,
            &["JitOps Billing".as_ref(), path.as_os_str()],
        );
        if !out.status.success() {
            eprintln!(
                "e2e: no screenshot {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
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

    /// Signs in to the embedded demo's account with "remember me" and waits for its Dashboard
    /// with the portal's figures (the start of every restart scenario).
    pub async fn sign_in_remembered(&self) {
        self.sign_in_demo(demo_portal::DEMO_EMAIL, "demo", true)
            .await;
        self.wait_screen("dashboard").await;
        self.wait_text("#unpaid-count", "4 unpaid", |t| t == "4")
            .await;
    }

    /// Closes a window of the app the way a person does: the window manager's close, which
    /// the toolkit receives as WM_DELETE_WINDOW. (WebDriver's "close window" only destroys the
    /// web page inside it.)
    pub fn close_window_like_a_person(&self, title_prefix: &str) {
        let script = include_str!("x/close_window.py");
        let out = run_xlib_script(script, &[title_prefix.as_ref()]);
        assert!(
            out.status.success(),
            "could not close the window: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Answers the system's file dialog titled `title_prefix` the way a person does with the
    /// keyboard: select the name, type the whole path `answer`, press Enter. The keys are real
    /// X key events (XTest) sent to the dialog.
    pub fn answer_file_dialog(&self, title_prefix: &str, answer: &std::path::Path) {
        let script = include_str!("x/answer_file_dialog.py");
        let out = run_xlib_script(script, &[title_prefix.as_ref(), answer.as_os_str()]);
        assert!(
            out.status.success(),
            "could not answer the file dialog: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Answers the system's folder dialog titled `title_prefix` as a person does with the
    /// keyboard: the folder's whole path typed (without a closing slash, which would open the
    /// folder instead), then Enter, which chooses that folder.
    pub fn answer_folder_dialog(&self, title_prefix: &str, folder: &std::path::Path) {
        self.answer_file_dialog(title_prefix, folder);
    }

    /// Waits until the checkout window is gone (the processor sent it back to the portal, or
    /// it was closed), then makes `main` the window the driver talks to. Talking to the main
    /// window while WebKit tears the other one down can stall the driver.
    pub async fn back_to_main_after_checkout(&self, main: fantoccini::wd::WindowHandle) {
        let one_window = || async {
            let windows = self.client.windows().await.unwrap_or_default();
            (windows.len() <= 1).then_some(())
        };
        test_support::wait::until(
            "the checkout window to close",
            Duration::from_secs(60),
            one_window,
        )
        .await;
        // The driver talks again once the toolkit has torn the window down: its X window is
        // gone (in either language's title).
        let x_window_gone = || async {
            let checkout = |t: &String| CHECKOUT_TITLE_PREFIXES.iter().any(|p| t.starts_with(p));
            (!window_titles().iter().any(checkout)).then_some(())
        };
        let what = "the checkout's X window to go after its page closed";
        test_support::wait::until(what, Duration::from_secs(30), x_window_gone).await;
        self.client
            .switch_to_window(main)
            .await
            .expect("back to the main window");
    }

    /// Clicks `css` in the checkout window when that click makes the window go away (the
    /// processor sends it back to the portal): the click is scheduled in the page, and the
    /// driver is already back on `main` when the window is destroyed. A driver still talking
    /// to a window the app destroys stalls.
    pub async fn click_in_checkout_then_return(
        &self,
        css: &str,
        main: fantoccini::wd::WindowHandle,
    ) {
        self.wait_for(css).await;
        let script = format!(
            "setTimeout(() => document.querySelector({}).click(), 500);",
            serde_json::to_string(css).unwrap()
        );
        self.client
            .execute(&script, vec![])
            .await
            .expect("schedule the click");
        self.client
            .switch_to_window(main.clone())
            .await
            .expect("back to the main window");
        self.back_to_main_after_checkout(main).await;
    }

    /// The WebKit processes the app runs now (network and web processes), each with its name
    /// and the library list it started with (`LD_PRELOAD`, `None` when unset).
    pub fn webkit_helpers(&self) -> Vec<(String, Option<String>)> {
        descendants(self.driver.id())
            .into_iter()
            .filter(|(_, name)| {
                name.starts_with("WebKitWebProces") || name.starts_with("WebKitNetworkPr")
            })
            .filter_map(|(pid, name)| {
                let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
                let preload = environ
                    .split(|b| *b == 0)
                    .find_map(|entry| entry.strip_prefix(b"LD_PRELOAD="))
                    .map(|value| String::from_utf8_lossy(value).into_owned());
                Some((name, preload))
            })
            .collect()
    }

    /// The file of the flite voice the app's own process has loaded, if it has
    /// (`startup::helper_preload`).
    pub fn loaded_voice(&self) -> Option<String> {
        let app = descendants(self.driver.id())
            .into_iter()
            .find(|(pid, _)| {
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| {
                    std::fs::canonicalize(app_binary()).is_ok_and(|binary| exe == binary)
                })
            })?
            .0;
        let maps = std::fs::read_to_string(format!("/proc/{app}/maps")).ok()?;
        maps.lines()
            .filter_map(|line| line.split_whitespace().nth(5))
            .find(|path| path.contains("/libflite_cmu_time_awb.so"))
            .map(str::to_owned)
    }

    /// Ends the app the way a crash or a power cut does: SIGKILL to every process the driver
    /// started (the app and its WebKit processes start their own process groups, which the
    /// drop's group kill does not reach), with no chance to write anything more.
    pub fn kill(self) {
        kill_descendants(self.driver.id());
        // Drop ends the driver.
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Drop ends the processes.
    }
}

impl Drop for App {
    fn drop(&mut self) {
        kill_descendants(self.driver.id());
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// SIGKILL to `root` and every process below it: an app the driver did not start (one that
/// restarted itself is no longer below the driver).
pub fn kill_tree(root: u32) {
    kill_descendants(root);
    let _ = Command::new("kill")
        .args(["-KILL", &root.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// SIGKILL to every process below `root` (the app and its WebKit processes start their own
/// process groups: a group kill of the driver does not reach them, and a window left behind
/// would be taken for the next scenario's).
fn kill_descendants(root: u32) {
    for (pid, _) in descendants(root) {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .stderr(Stdio::null())
            .status();
    }
}

/// Every process below `root`, with its command's name (`/proc/<pid>/stat`, at most 15 bytes).
fn descendants(root: u32) -> Vec<(u32, String)> {
    let mut children: std::collections::HashMap<u32, Vec<(u32, String)>> = Default::default();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // The name is between the first parenthesis and the last (it may hold either); the
        // parent's pid is the second field after it.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_owned();
        let ppid = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            children.entry(ppid).or_default().push((pid, name));
        }
    }
    let mut stack = vec![root];
    let mut all = vec![];
    while let Some(pid) = stack.pop() {
        for (child, name) in children.get(&pid).into_iter().flatten() {
            all.push((*child, name.clone()));
            stack.push(*child);
        }
    }
    all
}

/// Whether a WebDriver error says the element is no longer in the page.
fn is_stale(e: &fantoccini::error::CmdError) -> bool {
    matches!(
        e,
        fantoccini::error::CmdError::Standard(w)
            if w.error == fantoccini::error::ErrorStatus::StaleElementReference
    )
}

/// A stand-in for the system's opener (`xdg-open`) in `bin`, which notes each thing it is asked
/// to open in a file: the PATH to start the app with, and that file. The library list it was
/// started with goes to another file (`preload_seen_by_opener`).
pub fn stand_in_opener(bin: &std::path::Path) -> (String, PathBuf) {
    std::fs::create_dir_all(bin).unwrap();
    let opened = bin.join("opened.txt");
    let _ = std::fs::remove_file(&opened);
    let _ = std::fs::remove_file(preload_seen_by_opener(&opened));
    let script = bin.join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"${{LD_PRELOAD-}}\" >> '{}'\necho \"$1\" >> '{}'\n",
            preload_seen_by_opener(&opened).display(),
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, opened)
}

/// Where the stand-in opener notes the library list (`LD_PRELOAD`) it was started with, one
/// line per start (empty when unset), written before what it was asked to open.
pub fn preload_seen_by_opener(opened: &std::path::Path) -> PathBuf {
    opened.with_file_name("opened-preload.txt")
}

/// Restarts after a stall in this run of the suite (all scenarios run in one process, one at
/// a time).
static RESTARTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The checkout window's title in English and in Albanian (`checkout-window-title`).
const CHECKOUT_TITLE_PREFIXES: [&str; 2] = ["Secure payment — ", "Pagesë e sigurt — "];

/// Runs a scenario with a time limit. A scenario that does not end in time is a stall (the
/// app or WebKitWebDriver stopped answering): it is printed and the scenario run once more
/// from scratch, but a second stall anywhere in the run fails it. A stall is a defect to
/// understand, never something to retry away. A failed assertion is never retried.
pub async fn scenario<F, Fut>(name: &str, run: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    const LIMIT: Duration = Duration::from_secs(120);
    loop {
        match tokio::time::timeout(LIMIT, run()).await {
            Ok(()) => return,
            Err(_) => {
                let restarts = RESTARTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                eprintln!("e2e: {name}: stalled for {LIMIT:?}; restart {restarts} of this run");
                assert!(
                    restarts <= 1,
                    "{name}: a second stall in this run ({restarts} restarts): a defect, not a retry"
                );
            }
        }
    }
}

/// Waits until the app has a second window (the checkout) and switches to it; returns the
/// main window's handle.
pub async fn switch_to_checkout(app: &App) -> fantoccini::wd::WindowHandle {
    let main = app.client.window().await.expect("main window handle");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let windows = app.client.windows().await.expect("window list");
        if let Some(other) = windows.into_iter().find(|w| *w != main) {
            app.client
                .switch_to_window(other)
                .await
                .expect("switch to checkout");
            return main;
        }
        if std::time::Instant::now() > deadline {
            app.screenshot("failure-no-checkout-window").await;
            let error = app
                .js("const e = document.querySelector('.alert-error'); return e ? e.textContent : ''")
                .await;
            panic!("the checkout window did not open; the main window says {error}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Types the card's details into the processor's form (the checkout window is current).
pub async fn fill_card(app: &App, number: &str) {
    app.type_into("#card_name", "Demo Customer").await;
    app.type_into("#card_number", number).await;
    app.type_into("#card_expiry", "12/30").await;
    app.type_into("#card_cvv", "123").await;
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_port_is_handed_out_twice() {
        let ports: Vec<u16> = (0..3000).map(|_| super::free_port()).collect();
        let distinct: std::collections::BTreeSet<&u16> = ports.iter().collect();
        assert_eq!(distinct.len(), ports.len());
    }
}
