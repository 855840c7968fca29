#!/usr/bin/env bash
# `cargo deny check` offline (deny.toml): the RustSec snapshot in ../shared/advisory-db (or
# $ADVISORY_DB) made into a throwaway git repository where cargo-deny looks for its database,
# then every check, fetching nothing (`--offline`). A vulnerability, an unapproved licence or source fails it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
snapshot=${ADVISORY_DB:-$root/../shared/advisory-db}
command -v cargo-deny >/dev/null || cargo install cargo-deny --locked --version '^0.20'
if [ ! -d "$snapshot/crates" ]; then
  # A machine without the snapshot still checks licences, bans and sources, and says loudly
  # that advisories were not checked.
  echo "deny: NO RUSTSEC SNAPSHOT at $snapshot (set ADVISORY_DB): advisories NOT checked" >&2
  exec cargo deny --offline check bans licenses sources
fi
db=target/advisory-db
rm -rf "$db"
# cargo-deny keeps a database in a folder named after its address: the last part of its path
# and an XxHash64 of it (its src/advisories/helpers/db.rs), here of deny.toml's db-urls.
repo="$db/advisory-db-3157b0e258782691"
mkdir -p "$repo"
cp -r "$snapshot"/. "$repo"/
# Committed with the snapshot's own date: its age is what deny.toml's staleness limit weighs.
date=$(sed -n 's/.*committed \([0-9-]*\)\..*/\1/p' "$snapshot/README.md" | head -n1)
[ -n "$date" ] || { echo "the snapshot's README names no date" >&2; exit 1; }
git -C "$repo" init -q
git -C "$repo" add -A
GIT_COMMITTER_DATE="${date}T00:00:00Z" GIT_AUTHOR_DATE="${date}T00:00:00Z" \
  git -C "$repo" -c user.name=snapshot -c user.email=snapshot@localhost commit -qm "RustSec snapshot of $date"
cargo deny --offline check
