#!/usr/bin/env bash
# Runs the end-to-end suite (or the scenarios named) in a private world (tests/private-world.sh:
# its own X display, session bus, unlocked keyring and XDG folders), then the keyring unit
# test against that real keyring. `--repeat N` (first) runs the suite N times in a row and
# stops at the first failure: the suite must be steady, not lucky.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
repeat=1
if [ "${1:-}" = "--repeat" ]; then
  repeat=$2
  shift 2
fi
export E2E_REPEAT=$repeat
# Each scenario's folders (the app's XDG folders and its output log) go under one folder for
# the run: removed when the suite passes, kept for a look when it fails.
E2E_FILES=$(mktemp -d /tmp/jitops-e2e-files.XXXXXX)
export E2E_FILES
# The app's next version, for the update that is installed and started
# (tests/e2e/updates.rs): this very build under the version the tests' update server offers
# (test_support::update_server::OFFERED). Built as the suite builds the app, so only the app's
# own crate is compiled again, twice (here, and back as the suite's below).
TAURI_CONFIG='{"version":"9.9.9"}' cargo test --locked --test e2e --no-run
JITOPS_E2E_NEXT_APP="$E2E_FILES/next/jitops-billing"
mkdir -p "$(dirname "$JITOPS_E2E_NEXT_APP")"
cp "${CARGO_TARGET_DIR:-target}/debug/jitops-billing" "$JITOPS_E2E_NEXT_APP"
export JITOPS_E2E_NEXT_APP
status=0
tests/private-world.sh bash -c '
  set -euo pipefail
  for run in $(seq 1 "$E2E_REPEAT"); do
    [ "$E2E_REPEAT" -gt 1 ] && echo "e2e: run $run of $E2E_REPEAT"
    cargo test --locked --test e2e -- --include-ignored --test-threads=1 "$@"
  done
  # The real keyring, exercised by the secrets unit test inside this session.
  cargo test --locked -p app-core secrets -- --include-ignored
' e2e "$@" || status=$?
if [ "$status" -eq 0 ]; then
  rm -rf "$E2E_FILES"
else
  echo "e2e: the scenarios' folders and logs are kept in $E2E_FILES"
fi
exit "$status"
