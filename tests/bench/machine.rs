//! Rows 4 and 6, and the machine: parsing medians, sizes, the machine's description.

use super::*;

/// The criterion results of the portal client's benchmarks (`cargo bench -p portal`), median
/// per benchmark in ms.
pub(crate) fn parsing_medians(target: &Path) -> Vec<(String, f64)> {
    let mut found = Vec::new();
    let Ok(dirs) = std::fs::read_dir(target.join("criterion")) else {
        return found;
    };
    for dir in dirs.flatten() {
        let new = dir.path().join("new");
        let (Ok(bench), Ok(estimates)) = (
            std::fs::read_to_string(new.join("benchmark.json")),
            std::fs::read_to_string(new.join("estimates.json")),
        ) else {
            continue;
        };
        let bench: serde_json::Value = serde_json::from_str(&bench).unwrap();
        let estimates: serde_json::Value = serde_json::from_str(&estimates).unwrap();
        let name = bench["full_id"].as_str().unwrap_or_default().to_owned();
        let ns = estimates["median"]["point_estimate"]
            .as_f64()
            .unwrap_or(0.0);
        found.push((name, ns / 1e6));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

pub(crate) fn command_line(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

pub(crate) fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("?")
        .trim()
        .to_owned();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_gib = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map(|kib| kib / 1024.0 / 1024.0)
        .unwrap_or(0.0);
    let webkit = command_line(
        "dpkg-query",
        &["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"],
    );
    let chromium = command_line("dpkg-query", &["-W", "-f=${Version}", "chromium"]);
    format!(
        "- CPU: {cpu}, {} cores\n- Memory: {memory_gib:.1} GiB\n- OS: Debian {} (kernel {})\n\
         - WebKitGTK {webkit}, Chromium {chromium}; both on Xvfb (software rendering, \
         `WEBKIT_DISABLE_COMPOSITING_MODE=1` for the app)\n- {}\n",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        std::fs::read_to_string("/etc/debian_version")
            .unwrap_or_default()
            .trim(),
        command_line("uname", &["-r"]),
        command_line("rustc", &["-V"]),
    )
}

pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.1} MiB ({bytes} bytes)", bytes as f64 / 1024.0 / 1024.0)
}

pub(crate) fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}
