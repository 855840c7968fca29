// The build: the one list of commands made into permissions and the UI's bindings
// (`build/commands.rs`), the link order of WebKitGTK's libraries (`build/link_order.rs`), and
// where updates come from (`build/update_source.rs`).

#[path = "build/commands.rs"]
mod commands;
#[path = "build/link_order.rs"]
mod link_order;
#[path = "build/update_source.rs"]
mod update_source;

fn main() {
    link_order::name_slow_library_early();
    update_source::check();
    // From the one list of commands: their permissions, the set the capability grants, and the
    // UI's bindings. The set is written before tauri-build reads `permissions/`.
    let commands = commands::read_list(std::path::Path::new("src-tauri/command_list.rs"));
    commands::write_permission_set(
        &commands,
        std::path::Path::new("permissions/app-commands.toml"),
    );
    commands::write_js_bindings(
        &commands,
        std::path::Path::new("src-tauri/commands"),
        std::path::Path::new("ui/gen/commands.js"),
    );
    // tauri-build keeps the names for the whole build.
    let names: &'static [&'static str] = Vec::leak(
        commands
            .iter()
            .map(|c| &*String::leak(c.name.clone()))
            .collect(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri-build failed");
}
