#!/usr/bin/env bash
# Runs a command in a private world for the real app: its own X display (Xvfb picks a free one
# via -displayfd), its own session bus (dbus-run-session), an unlocked gnome-keyring, and
# temporary XDG folders. Never touches :99, 4444 or 4445 unless they happen to be free.
# Used by the end-to-end suite (tests/run-e2e.sh) and the benchmarks (scripts/bench.sh).
set -euo pipefail
work=$(mktemp -d /tmp/jitops-world.XXXXXX)
cleanup() {
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  # Daemons started inside the session (keyring, document portal) end with it; a portal's
  # FUSE mount may linger under run/ for a moment.
  fusermount -u "$work/run/doc" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$work/run" "$work/data" "$work/config" "$work/cache" "$work/state"
chmod 700 "$work/run"
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 1 100); do
  [ -s "$work/display" ] && break
  sleep 0.1
done
[ -s "$work/display" ] || { echo "Xvfb did not start"; cat "$work/xvfb.log"; exit 1; }
export DISPLAY=":$(head -n1 "$work/display")"
export XDG_RUNTIME_DIR="$work/run" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 NO_AT_BRIDGE=1 JITOPS_REQUIRE_KEYRING=1
echo "private world: display $DISPLAY, folders under $work"

dbus-run-session -- bash -c '
  set -euo pipefail
  # An unlocked login keyring for the Secret Service (the password is only for this run).
  eval "$(echo -n world-keyring | gnome-keyring-daemon --unlock --components=secrets)"
  eval "$(gnome-keyring-daemon --start --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$@"
' world "$@"
