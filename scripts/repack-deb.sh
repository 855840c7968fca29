#!/usr/bin/env bash
# Repacks the .deb `tauri build` made with xz, Debian's own compression for packages (dpkg-deb's
# default), in place: Tauri's bundler writes gzip, which leaves the download a third larger
# (5.0 against 3.6 MiB measured). The files, their modes and the control data are unchanged;
# everything is owned by root, as in any Debian package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls -t "$root"/target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[ -n "$deb" ] || { echo "no .deb: run tauri build first" >&2; exit 1; }
work=$(mktemp -d /tmp/jitops-repack.XXXXXX)
trap 'rm -rf "$work"' EXIT
dpkg-deb --raw-extract "$deb" "$work/package"
dpkg-deb --root-owner-group -Zxz --build "$work/package" "$work/repacked.deb" >/dev/null
mv "$work/repacked.deb" "$deb"
echo "repacked with xz: $deb ($(du -h "$deb" | cut -f1))"
