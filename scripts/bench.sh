#!/usr/bin/env bash
# `make bench` (after `make package`): the portal client's parsing benchmarks, then the app from
# the .deb, unpacked, beside Debian's Chromium in a private world (tests/bench/main.rs), which
# prints the table and writes bench/RESULTS.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
deb=$(ls -t target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[ -n "$deb" ] || { echo "no .deb: run make package first" >&2; exit 1; }
cargo bench --locked -p portal --bench parse
unpacked=$(mktemp -d /tmp/jitops-bench-deb.XXXXXX)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
# The runs' folders (the app's XDG folders, Chromium's profile) go with the unpacked app.
mkdir "$unpacked/runs"
# The floor under the start-up row: a bare WebKitGTK window doing the same steps. It loads the
# flite voice first, as the app does in its processes, where WebKitGTK needs it
# (src-tauri/build/link_order.rs, src-tauri/startup/helper_preload.rs).
# shellcheck disable=SC2046 # pkg-config's flags are separate words
cc -O2 -o "$unpacked/bare-window" tests/bench/bare_window.c $(pkg-config --cflags --libs webkit2gtk-4.1)
slow=libflite_cmu_time_awb.so.1
preload=
readelf -d "$(pkg-config --variable=libdir webkit2gtk-4.1)/libwebkit2gtk-4.1.so.0" | grep -qF "[$slow]" && preload=$slow
JITOPS_E2E_APP="$unpacked/usr/bin/jitops-billing" JITOPS_BENCH_DEB="$root/$deb" E2E_FILES="$unpacked/runs" \
  JITOPS_BENCH_BARE_WINDOW="$unpacked/bare-window" JITOPS_BENCH_BARE_WINDOW_PRELOAD="$preload" \
  tests/private-world.sh cargo test --locked --test bench
