//! Owns running a test of the current test binary again as a child process: for what changes
//! the whole process (its open files, its mounts), or what must be killed without warning, away
//! from the test runner.

/// Whether this process is the child running test `name`.
pub fn is_child(name: &str) -> bool {
    std::env::var("JITOPS_TEST_CHILD").as_deref() == Ok(name)
}

/// The command that runs test `name` of this binary as a child (`is_child(name)` true there).
pub fn command(name: &str) -> std::process::Command {
    let mut command = std::process::Command::new(std::env::current_exe().expect("this test"));
    command
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env("JITOPS_TEST_CHILD", name);
    command
}

/// Whether the tests run as root (whom a folder's permissions do not stop).
pub fn running_as_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

/// Runs test `name` as a child in a mount namespace of its own and fails unless it passed.
/// Root makes one directly; another user as root of a user namespace of its own, unless
/// `only_as_root` (then the child runs as it is, in the tree's own mounts).
pub fn run_in_own_mounts(name: &str, only_as_root: bool) {
    let exe = std::env::current_exe().expect("this test");
    let namespaces: &[&str] = if running_as_root() {
        &["--mount", "--propagation", "private"]
    } else if only_as_root {
        &[]
    } else {
        &["--map-root-user", "--mount", "--propagation", "private"]
    };
    let mut child = if namespaces.is_empty() {
        command(name)
    } else {
        let mut c = std::process::Command::new("unshare");
        c.args(namespaces)
            .arg(exe)
            .args([name, "--exact", "--nocapture", "--test-threads=1"])
            .env("JITOPS_TEST_CHILD", name);
        c
    };
    let output = child.output().expect("the child runs");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && said.contains("1 passed"),
        "{said}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
