//! `make bench`: the app's figures beside a browser's on the same demo portal, printed as a
//! Markdown table and written to `bench/RESULTS.md` with the machine's description. It asserts
//! no timing (nothing here can fail a build); it runs inside `tests/private-world.sh` on the
//! packaged release binary (`JITOPS_E2E_APP`), with Debian's Chromium driven by chromedriver.

mod chromium;
#[allow(dead_code)]
#[path = "../e2e/harness.rs"]
mod harness;
mod long_list;
mod machine;
mod payments;
mod processes;
mod sign_in_to_list;
mod start_up;
mod waiting;

use chromium::*;
use long_list::*;
use machine::*;
use payments::*;
use processes::*;
use sign_in_to_list::*;
use start_up::*;
use waiting::*;

use fantoccini::{Client, ClientBuilder, Locator};
use harness::{fill_card, switch_to_checkout, App, Launch};
use serde_json::json;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 10;
/// Ten unpaid invoices of the accountant's account, due in the future (ACC-00005 and -00006
/// are cancelled and refunded).
const UNPAID_OF_ACCOUNTANT: [u64; 10] =
    [5000, 5001, 5002, 5003, 5006, 5007, 5008, 5009, 5010, 5011];

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let n = samples.len();
    if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    }
}

/// The `q` quantile (0 to 1), linear between the two nearest samples.
fn percentile(mut samples: Vec<f64>, q: f64) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    let Some(last) = samples.len().checked_sub(1) else {
        return 0.0;
    };
    let at = q * last as f64;
    let (low, high) = (at.floor() as usize, at.ceil() as usize);
    samples[low] + (samples[high] - samples[low]) * (at - low as f64)
}

fn app_binary() -> PathBuf {
    PathBuf::from(std::env::var("JITOPS_E2E_APP").expect("JITOPS_E2E_APP: run with `make bench`"))
}

fn temp_home(name: &str) -> PathBuf {
    let dir = harness::scenario_path(&format!("bench-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::main]
async fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let app = app_binary();
    let deb = std::env::var("JITOPS_BENCH_DEB").map(PathBuf::from).ok();

    eprintln!("bench: start-up, the first ever, then {RUNS} runs of the same installation");
    let home = temp_home("startup");
    let first_start = start_up_once(&app, &home).as_secs_f64();
    // The bare window alternates with the app, so that the machine's moods fall on both rows.
    let bare = bare_window();
    let mut app_starts = Vec::new();
    let mut bare_starts = Vec::new();
    for _ in 0..RUNS {
        app_starts.push(start_up_once(&app, &home).as_secs_f64());
        if let Some((program, preload)) = &bare {
            bare_starts.push(bare_start_up_once(program, preload, &home).as_secs_f64());
        }
    }
    let start_up = median(app_starts);
    let _ = std::fs::remove_dir_all(&home);

    let demo = demo_portal::DemoPortal::start(demo_portal::Options::default())
        .await
        .expect("the demo portal starts");
    let portal_url = demo.portal_url().to_owned();
    eprintln!("bench: sign-in to list, the app then Chromium, {RUNS} runs each");
    let app_list = median(app_sign_in_to_list(&portal_url).await);
    let browser_list = median(chromium_sign_in_to_list(&portal_url).await);

    eprintln!("bench: memory with the 2,000-invoice list");
    let run = app_long_list_and_memory(&portal_url).await;
    let long_list = run.long_list;
    let (app_pss, app_procs) = run.list_pss;
    let (signin_pss, _) = run.signin_pss;
    let (browser_pss, browser_procs) = chromium_memory_with_long_list(&portal_url).await;

    eprintln!("bench: {} payments", UNPAID_OF_ACCOUNTANT.len());
    let confirmations = payment_confirmations().await;
    let delays: Vec<f64> = confirmations.iter().map(|c| c.delay_s).collect();
    let requests: Vec<f64> = confirmations.iter().map(|c| c.requests as f64).collect();
    let max_delay = delays.iter().cloned().fold(0.0, f64::max);
    let max_requests = confirmations.iter().map(|c| c.requests).max().unwrap_or(0);

    let parsing = parsing_medians(&root.join("target"));
    let list_parse = parsing
        .iter()
        .find(|(name, _)| name.contains("2,000"))
        .map(|p| p.1);
    let binary_size = std::fs::metadata(&app).map(|m| m.len()).unwrap_or(0);
    let deb_size = deb
        .as_ref()
        .and_then(|d| std::fs::metadata(d).ok())
        .map(|m| m.len());

    let ratio = app_list / browser_list;
    let mut table =
        String::from("| # | What | JitOps Billing | Chromium | Aim |\n|---|---|---|---|---|\n");
    table += &format!(
        "| 1 | Start-up: launch to the sign-in form painted (median of {RUNS}) | {:.3} s | | at most 0.35 s: {} |\n",
        start_up,
        verdict(start_up <= 0.35)
    );
    table += &format!(
        "| 1 | Start-up the first time ever (no font or WebKit cache yet; once) | {first_start:.3} s | | |\n"
    );
    if !bare_starts.is_empty() {
        let floor = median(bare_starts);
        table += &format!(
            "| 1 | Start-up of a bare WebKitGTK window doing the same steps, no Tauri (`tests/bench/bare_window.c`; median of {RUNS}, alternating with the app's) | {floor:.3} s | | the app: {:.2} x |\n",
            start_up / floor
        );
    }
    table += &format!(
        "| 2 | Sign-in to the invoice list shown, demo portal on loopback (median of {RUNS}) | {:.3} s | {:.3} s | ratio {:.2}, at most 0.5: {} |\n",
        app_list,
        browser_list,
        ratio,
        verdict(ratio <= 0.5)
    );
    table += &format!(
        "| 3 | Memory (PSS) showing the 2,000-invoice list | {:.0} MiB ({app_procs} processes) | {:.0} MiB ({browser_procs} processes) | ratio {:.2}, below 0.6: {} |\n",
        app_pss,
        browser_pss,
        app_pss / browser_pss,
        verdict(app_pss / browser_pss < 0.6)
    );
    let list_to_signin = app_pss / signin_pss;
    table += &format!(
        "| 3 | PSS: 2,000-invoice list / sign-in screen | {list_to_signin:.2} x ({app_pss:.0} / {signin_pss:.0} MiB, the same run) | | at most 1.10 x: {} |\n",
        verdict(list_to_signin <= 1.10)
    );
    table += &format!(
        "| 3 | Idle CPU: signed in, {} s | {:.2} s (the app's processes) | | at most 0.2 s: {} |\n",
        IDLE.as_secs(),
        run.idle_cpu_s,
        verdict(run.idle_cpu_s <= 0.2)
    );
    table += &format!(
        "| 3 | The 2,000-invoice list under \"All\": first rows painted / every row in / longest frame meanwhile (median of {RUNS}) | {:.3} s / {:.3} s / {:.0} ms | | |\n",
        median(long_list.iter().map(|l| l.first_rows_s).collect()),
        median(long_list.iter().map(|l| l.all_rows_s).collect()),
        median(long_list.iter().map(|l| l.longest_frame_s).collect()) * 1000.0,
    );
    for (name, ms) in &parsing {
        let aim = if name.contains("2,000") {
            format!("at most 25 ms: {}", verdict(*ms <= 25.0))
        } else {
            String::new()
        };
        table += &format!("| 4 | Parsing: {name} | {ms:.2} ms (criterion median) | | {aim} |\n");
    }
    if list_parse.is_none() {
        table += "| 4 | Parsing | not measured (run `cargo bench -p portal --bench parse` first) | | |\n";
    }
    let p95 = percentile(delays.clone(), 0.95);
    table += &format!(
        "| 5 | Payment confirmation: portal records Paid -> the app shows it ({} payments, Paid at random moments) | median {:.2} s, 95th percentile {:.2} s, at most {:.2} s | | 95th percentile at most 5 s: {} |\n",
        confirmations.len(),
        median(delays),
        p95,
        max_delay,
        verdict(p95 <= 5.0)
    );
    table += &format!(
        "| 5 | Invoice pages requested from Pay to Paid (per payment) | median {:.0}, at most {max_requests} | | at most 60: {} |\n",
        median(requests),
        verdict(max_requests <= 60)
    );
    const MIB: u64 = 1024 * 1024;
    table += &format!(
        "| 6 | Release binary | {} | | at most 12 MiB: {} |\n",
        mib(binary_size),
        verdict(binary_size <= 12 * MIB)
    );
    table += &format!(
        "| 6 | .deb | {} | | at most 5 MiB: {} |\n",
        deb_size.map(mib).unwrap_or_else(|| "not built".into()),
        verdict(deb_size.is_some_and(|d| d <= 5 * MIB))
    );

    let results = format!(
        "# Benchmarks\n\nWritten by `make bench` on {}. The app is the release build from the \
         .deb; the browser is Debian's Chromium driven by chromedriver doing the same steps on \
         the demo portal's own pages. Sign-in to list is timed inside each page, from the sign-in \
         form's submit to the list's rows painted (two frames after they are in the page), with \
         the link to the list followed by a script the moment the dashboard is there: the \
         WebDriver round trips (slower to WebKitWebDriver than to chromedriver) are left out of \
         both.\n\n\
         ## Machine\n\n{}\n## Results\n\n{}",
        chrono::Local::now().format("%Y-%m-%d %H:%M"),
        machine(),
        table
    );
    println!("{table}");
    std::fs::create_dir_all(root.join("bench")).unwrap();
    std::fs::write(root.join("bench/RESULTS.md"), results).expect("bench/RESULTS.md");
    eprintln!("bench: written to bench/RESULTS.md");
}
