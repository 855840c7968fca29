#!/usr/bin/env bash
# Runs the end-to-end suite (or the scenarios named) in a private world (tests/private-world.sh:
# its own X display, session bus, unlocked keyring and XDG folders), then the keyring unit
# test against that real keyring.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
exec tests/private-world.sh bash -c '
  set -euo pipefail
  cargo test --locked --test e2e -- --include-ignored --test-threads=1 "$@"
  # The real keyring, exercised by the secrets unit test inside this session.
  cargo test --locked -p app-core secrets -- --include-ignored
' e2e "$@"
