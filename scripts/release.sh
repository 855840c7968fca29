#!/usr/bin/env bash
# Cuts a release (`make release`): the .deb and the .rpm built in release knowing where updates
# come from, each signed after its last change (the .deb after its xz repack: a signature made
# before would not match the file published), and the update manifest, all in
# target/release/publish/. From the environment:
#   JITOPS_UPDATE_ENDPOINT   the https address of latest.json, which the app asks
#   JITOPS_UPDATE_PUBKEY     the public key of `tauri signer generate`, which the app trusts
#   JITOPS_RELEASE_URL       the https folder the packages are served from
#   TAURI_SIGNING_PRIVATE_KEY (or TAURI_SIGNING_PRIVATE_KEY_PATH) and
#   TAURI_SIGNING_PRIVATE_KEY_PASSWORD: the private key; it never enters the repository.
# What's new comes from packaging/release-notes/<version>/en.txt and sq.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
fail() { echo "make release: $*" >&2; exit 1; }
[ -n "${JITOPS_UPDATE_ENDPOINT:-}" ] || fail "set JITOPS_UPDATE_ENDPOINT (the https address of latest.json)"
[ -n "${JITOPS_UPDATE_PUBKEY:-}" ] || fail "set JITOPS_UPDATE_PUBKEY (the public key the app trusts)"
[ -n "${JITOPS_RELEASE_URL:-}" ] || fail "set JITOPS_RELEASE_URL (the https folder the packages are served from)"
[ -n "${TAURI_SIGNING_PRIVATE_KEY:-}${TAURI_SIGNING_PRIVATE_KEY_PATH:-}" ] \
  || fail "set TAURI_SIGNING_PRIVATE_KEY or TAURI_SIGNING_PRIVATE_KEY_PATH (the signing key)"
case "$JITOPS_UPDATE_ENDPOINT $JITOPS_RELEASE_URL" in
  https://*" "https://*) ;;
  *) fail "the endpoint and the release folder are https addresses" ;;
esac
version=$(cargo metadata --no-deps --format-version 1 --locked \
  | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "jitops-billing"))')
notes="packaging/release-notes/$version"
[ -s "$notes/en.txt" ] && [ -s "$notes/sq.txt" ] \
  || fail "write What's new for $version in $notes/en.txt and $notes/sq.txt"

# The packages, with the endpoint and the key built in (the build refuses a plain-http one).
rm -rf target/release/bundle/deb target/release/bundle/rpm
make package
deb=$(ls target/release/bundle/deb/*.deb)
rpm=$(ls target/release/bundle/rpm/*.rpm)

publish=target/release/publish
rm -rf "$publish"
mkdir -p "$publish"
cp "$deb" "$rpm" "$publish/"
for file in "$publish"/*.deb "$publish"/*.rpm; do
  npm exec --yes --package=@tauri-apps/cli@2 -- tauri signer sign --app-version "$version" "$file" >/dev/null
done
cargo run --quiet --locked -p update-manifest -- "$version" "$notes/en.txt" "$notes/sq.txt" \
  "$JITOPS_RELEASE_URL" "$publish/$(basename "$deb")" "$publish/$(basename "$rpm")" > "$publish/latest.json"
echo "release $version in $publish:"
ls -l "$publish"
echo "publish the packages under $JITOPS_RELEASE_URL and latest.json at $JITOPS_UPDATE_ENDPOINT"
