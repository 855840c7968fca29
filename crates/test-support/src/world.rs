//! Owns an app core as the app makes it, over a private folder and a secret store in memory,
//! beside a running demo portal.

use app_core::secrets::{MemoryStore, SecretStore};
use app_core::{Core, PortalChoice};
use demo_portal::{DemoPortal, Options};
use std::sync::Arc;

pub struct World {
    pub demo: DemoPortal,
    pub dir: tempfile::TempDir,
    pub secrets: Arc<MemoryStore>,
    pub core: Core,
}

/// A core over `dir`'s `config` and `data` folders, in English, knowing no portal (for what
/// needs none: settings, updates).
pub fn core_without_portal(dir: &tempfile::TempDir) -> Core {
    Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        Arc::new(MemoryStore::default()) as Arc<dyn SecretStore>,
        "en_US.UTF-8",
    )
    .unwrap()
}

/// A core over `dir`'s `config` and `data` folders, its first language from `locale`, that
/// knows where `demo` listens.
pub fn core_in(
    dir: &tempfile::TempDir,
    secrets: &Arc<MemoryStore>,
    demo: &DemoPortal,
    locale: &str,
) -> Core {
    let core = Core::new(
        &dir.path().join("config"),
        &dir.path().join("data"),
        secrets.clone() as Arc<dyn SecretStore>,
        locale,
    )
    .unwrap();
    core.accounts()
        .set_demo_portal(demo.portal_url(), demo.processor_origins());
    core
}

/// A demo portal started with `options`, and a core beside it in English, nobody signed in.
pub async fn start(options: Options) -> World {
    let demo = DemoPortal::start(options).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemoryStore::default());
    let core = core_in(&dir, &secrets, &demo, "en_US.UTF-8");
    World {
        demo,
        dir,
        secrets,
        core,
    }
}

/// A demo portal as it starts by default, and a core beside it, nobody signed in.
pub async fn world() -> World {
    start(Options::default()).await
}

/// Signs in to the demo portal and syncs once; the dashboard it shows.
pub async fn synced(core: &Core, email: &str, remember: bool) -> app_core::views::DashboardView {
    core.accounts()
        .sign_in(PortalChoice::Demo, email, "demo", remember)
        .await
        .unwrap();
    core.billing().sync().await.unwrap()
}

/// The saved copies in the data folder (the store's lock files left out).
pub fn offline_copies(dir: &tempfile::TempDir) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.path().join("data/offline"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| !p.to_string_lossy().ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default()
}

/// The demo's faults for a portal that cannot be reached.
pub fn portal_down() -> demo_portal::Faults {
    demo_portal::Faults {
        down: true,
        ..demo_portal::Faults::default()
    }
}

/// The files under `dir` whose text holds `needle`.
pub fn all_files_contain(dir: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(all_files_contain(&path, needle));
        } else if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(needle)) {
            found.push(path.display().to_string());
        }
    }
    found
}

/// How many invoices the list of the account on screen holds, all statuses.
pub fn all_rows(core: &Core) -> usize {
    core.billing()
        .invoice_list(app_core::views::Filter::All)
        .unwrap()
        .rows
        .len()
}
