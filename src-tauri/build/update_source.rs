// Where updates come from, checked when the app is built: `JITOPS_UPDATE_ENDPOINT` and
// `JITOPS_UPDATE_PUBKEY` (set by `make release`) both or neither, and a release build only
// with an https endpoint. A build with neither has no updater (Settings says so).

pub fn check() {
    println!("cargo:rerun-if-env-changed=JITOPS_UPDATE_ENDPOINT");
    println!("cargo:rerun-if-env-changed=JITOPS_UPDATE_PUBKEY");
    let endpoint = std::env::var("JITOPS_UPDATE_ENDPOINT").unwrap_or_default();
    let pubkey = std::env::var("JITOPS_UPDATE_PUBKEY").unwrap_or_default();
    let (endpoint, pubkey) = (endpoint.trim(), pubkey.trim());
    if endpoint.is_empty() != pubkey.is_empty() {
        panic!(
            "JITOPS_UPDATE_ENDPOINT and JITOPS_UPDATE_PUBKEY are set both or neither: an update \
             server without its key (or a key without a server) would be a copy that cannot update"
        );
    }
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    if release && !endpoint.is_empty() && !endpoint.starts_with("https://") {
        panic!(
            "a release build takes its updates from an https address only, not {endpoint:?}: \
             the manifest says which file to install"
        );
    }
}
