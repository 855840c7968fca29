//! Soak: the accountant's 2,000-invoice account synced 50 times in one run, through the same
//! `Core` the app uses. Memory and open file descriptors must stay flat: the figures are
//! printed (run with `--nocapture`) and checked against generous bounds.

use app_core::secrets::{MemoryStore, SecretStore};
use app_core::views::Filter;
use app_core::{Core, PortalChoice};
use demo_portal::{DemoPortal, Options};
use std::sync::Arc;

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_syncs_of_two_thousand_invoices_keep_memory_and_descriptors_flat() {
    let demo = DemoPortal::start(Options::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        Arc::new(MemoryStore::default()) as Arc<dyn SecretStore>,
        "en_US.UTF-8",
    )
    .unwrap();
    core.accounts()
        .set_demo_portal(demo.portal_url(), demo.processor_origins());
    core.accounts()
        .sign_in(
            PortalChoice::Demo,
            demo_portal::ACCOUNTANT_EMAIL,
            "demo",
            false,
        )
        .await
        .unwrap();

    let mut figures = vec![];
    for round in 1..=50 {
        let view = core.billing().sync().await.unwrap();
        assert!(view.unpaid_count > 0);
        let list = core.billing().invoice_list(Filter::All).unwrap();
        assert_eq!(list.rows.len(), 2000, "round {round}");
        figures.push((round, resident_kib(), open_fds()));
    }
    let (_, rss_10, fds_10) = figures[9];
    let (_, rss_50, fds_50) = figures[49];
    println!("round  RSS (KiB)  open fds");
    for (round, rss, fds) in figures
        .iter()
        .filter(|(r, ..)| [1, 10, 20, 30, 40, 50].contains(r))
    {
        println!("{round:>5}  {rss:>9}  {fds:>8}");
    }
    assert!(
        fds_50 <= fds_10 + 4,
        "descriptors grew from {fds_10} to {fds_50}"
    );
    // Steady state after warm-up: 40 more syncs of a ~1.5 MB page may not keep memory.
    assert!(
        rss_50 <= rss_10 + 40 * 1024,
        "memory grew from {rss_10} KiB to {rss_50} KiB"
    );
}
