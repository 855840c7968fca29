//! `update-manifest VERSION NOTES_EN NOTES_SQ BASE_URL DEB RPM`: prints the update manifest
//! (`latest.json`) of a release whose two packages were signed beside them (`DEB.sig`,
//! `RPM.sig`) and are served under BASE_URL (https). `make release` runs it.

use std::path::Path;
use update_manifest::{Manifest, DEB, RPM};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [version, notes_en, notes_sq, base_url, deb, rpm] = args.as_slice() else {
        anyhow::bail!("usage: update-manifest VERSION NOTES_EN NOTES_SQ BASE_URL DEB RPM");
    };
    let read = |path: &str| {
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("the notes {path}: {e}"))
    };
    let manifest = Manifest::new(
        version,
        chrono::Utc::now(),
        &read(notes_en)?,
        &read(notes_sq)?,
    )?
    .with_signed_file(DEB, base_url, Path::new(deb))?
    .with_signed_file(RPM, base_url, Path::new(rpm))?;
    println!("{}", manifest.to_json());
    Ok(())
}
