//! The processes of a run and their memory (PSS) and CPU: the app's family, Chromium's.

use super::*;

/// Every process as (pid, parent, argv[0]).
pub(crate) fn processes() -> Vec<(u32, u32, String)> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // The command name is in parentheses and may hold spaces: the fields after ")".
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
            continue;
        };
        let parent = rest
            .split(' ')
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let argv0 = std::fs::read(entry.path().join("cmdline"))
            .ok()
            .and_then(|c| c.split(|b| *b == 0).next().map(|a| a.to_vec()))
            .map(|a| String::from_utf8_lossy(&a).into_owned())
            .unwrap_or_default();
        all.push((pid, parent, argv0));
    }
    all
}

/// A process and all its descendants.
pub(crate) fn family(root: u32, all: &[(u32, u32, String)]) -> Vec<u32> {
    let mut members = vec![root];
    let mut i = 0;
    while i < members.len() {
        let parent = members[i];
        members.extend(all.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    members
}

/// Proportional set size of a process in KiB (its share of shared pages).
pub(crate) fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// The app's process (the one running `app`) and its WebKit processes (web, network).
pub(crate) fn app_family(app: &Path) -> Vec<u32> {
    let all = processes();
    let app = app.to_string_lossy();
    let root = all
        .iter()
        .find(|p| p.2 == app)
        .map(|p| p.0)
        .expect("the app's process");
    family(root, &all)
}

/// PSS of the app with its WebKit processes, in MiB, and how many processes.
pub(crate) fn app_pss_mib(app: &Path) -> (f64, usize) {
    let members = app_family(app);
    let kib: u64 = members.iter().map(|p| pss_kib(*p)).sum();
    (kib as f64 / 1024.0, members.len())
}

/// CPU time (user and system) the app and its WebKit processes have used so far, in seconds.
pub(crate) fn app_cpu_s(app: &Path) -> f64 {
    // /proc/<pid>/stat counts in clock ticks: 100 per second on Linux (USER_HZ).
    let ticks: u64 = app_family(app)
        .iter()
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let rest = &stat[stat.rfind(')')? + 2..];
            let fields: Vec<&str> = rest.split(' ').collect();
            // utime and stime: fields 14 and 15 of stat, 11 and 12 after the command name.
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .sum();
    ticks as f64 / 100.0
}

/// PSS of every Chromium process chromedriver started, in MiB, and how many processes.
pub(crate) fn chromium_pss_mib(chromedriver: u32) -> (f64, usize) {
    let all = processes();
    let members: Vec<u32> = family(chromedriver, &all)
        .into_iter()
        .filter(|p| *p != chromedriver)
        .collect();
    let kib: u64 = members.iter().map(|p| pss_kib(*p)).sum();
    (kib as f64 / 1024.0, members.len())
}
