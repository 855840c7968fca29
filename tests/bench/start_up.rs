//! Row 1, start-up: launch to the sign-in form painted, for the app and for a bare WebKitGTK
//! window doing the same steps (the floor under any WebKitGTK app).

use super::*;

/// The bare WebKitGTK window (`tests/bench/bare_window.c`, built by `scripts/bench.sh`) and the
/// library it is to load first, as the app does in its own processes (`startup/helper_preload.rs`):
/// both from the environment, absent when the bench was run without them.
pub(crate) fn bare_window() -> Option<(PathBuf, String)> {
    let program = std::env::var_os("JITOPS_BENCH_BARE_WINDOW").map(PathBuf::from)?;
    let preload = std::env::var("JITOPS_BENCH_BARE_WINDOW_PRELOAD").unwrap_or_default();
    Some((program, preload))
}

/// Launch to the sign-in form painted: the app (started with `JITOPS_TIMING`) prints a line
/// when the UI reports the frame after the form was built. `home` holds the installation's
/// folders: the same one run after run is an ordinary start; a fresh one is the first start
/// ever (font and WebKit caches built from nothing).
pub(crate) fn start_up_once(app: &Path, home: &Path) -> Duration {
    let mut command = started_in(app, home);
    command.env("JITOPS_TIMING", "1");
    time_to_sign_in_painted(command)
}

/// The same for the bare WebKitGTK window, in the same folders: what any WebKitGTK app needs
/// on this machine for these steps.
pub(crate) fn bare_start_up_once(program: &Path, preload: &str, home: &Path) -> Duration {
    let mut command = started_in(program, home);
    if !preload.is_empty() {
        command.env("LD_PRELOAD", preload);
    }
    time_to_sign_in_painted(command)
}

/// `program` with its folders under `home` and an English locale: both starts see the same.
pub(crate) fn started_in(program: &Path, home: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("LANG", "en_US.UTF-8");
    command
}

/// Starts `command` and times it until it prints `jitops-timing: shown signin`, then ends it
/// and waits for every process it started.
pub(crate) fn time_to_sign_in_painted(mut command: Command) -> Duration {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("the app starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("jitops-timing: shown signin ") {
                let _ = tx.send(started.elapsed());
            }
        }
    });
    let shown = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the sign-in form was shown");
    // Ended like a closed app (SIGTERM), and the next run waits until its WebKit processes
    // are gone: started right after a SIGKILL of the whole group, WebKit takes 0.85 s instead
    // of 0.35 s (measured here), which is not a start a person sees.
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let deadline = Instant::now() + Duration::from_secs(10);
    while group_alive(child.id()) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    shown
}

/// Whether any process of the process group `group` still runs.
pub(crate) fn group_alive(group: u32) -> bool {
    std::fs::read_dir("/proc").unwrap().flatten().any(|entry| {
        std::fs::read_to_string(entry.path().join("stat"))
            .ok()
            .and_then(|stat| {
                let rest = &stat[stat.rfind(')')? + 2..];
                rest.split(' ').nth(2)?.parse::<u32>().ok()
            })
            == Some(group)
    })
}
