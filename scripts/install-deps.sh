#!/usr/bin/env bash
# Installs what building, running and testing JitOps Billing needs on Debian 12, and only what
# is missing: safe to run again. Uses sudo only when not root.
#   --with-driver   tauri-driver and axe-core (the end-to-end suite and its accessibility audit),
#                   and rpm (`make check-package` reads the .rpm)
#   --with-node     nodejs and npm (the Tauri bundler, `make package`)
#   --with-browser  Debian's Chromium and chromedriver (`make bench` compares with them)
set -euo pipefail
with=" $* "

packages=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libsecret-1-dev libfontconfig-dev
  xvfb webkit2gtk-driver
  dbus dbus-x11 gnome-keyring
  python3-xlib desktop-file-utils
  libayatana-appindicator3-dev
  fonts-dejavu-core
)
# The Tauri bundler (`make package`) and axe-core (the e2e audit) come from npm.
# A machine with node and npm from elsewhere (NodeSource) keeps them.
if [[ "$with" == *" --with-node "* || "$with" == *" --with-driver "* ]] && ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
[[ "$with" == *" --with-browser "* ]] && packages+=(chromium chromium-driver)
# `make check-package` reads the .rpm (rpm -qp, rpm2archive) as it reads the .deb.
[[ "$with" == *" --with-driver "* ]] && packages+=(rpm)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust from your distribution or rustup first" >&2
  exit 1
fi
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    rustup component add "$component"
  fi
done

if [[ "$with" == *" --with-driver "* ]]; then
  cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  if [ ! -x "$cargo_bin/tauri-driver" ]; then
    cargo install tauri-driver --locked --version '^2'
  fi
  # The accessibility engine the e2e harness injects into each screen (AXE_JS).
  axe_dir="$(cd "$(dirname "$0")/.." && pwd)/target/axe"
  if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
    npm install --silent --no-audit --no-fund --prefix "$axe_dir" axe-core@4.11.0
  fi
fi
