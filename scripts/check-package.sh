#!/usr/bin/env bash
# Checks the .deb and the .rpm `make package` built: their file lists and declared dependencies
# (the .rpm's by library and by either distribution's font package, for Fedora and openSUSE
# alike) and their desktop entries, then unpacks the .deb into a temporary folder and runs the
# packaged binary under the end-to-end harness (Xvfb, tauri-driver) until the sign-in screen
# shows.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(ls -t "$root"/target/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
[ -n "$deb" ] || { echo "no .deb: run make package first" >&2; exit 1; }
echo "package: $deb ($(du -h "$deb" | cut -f1))"

files=$(dpkg-deb -c "$deb" | awk '{sub(/^\.\//, "", $6); print $6}')
for expected in usr/bin/jitops-billing usr/share/applications/jitops-billing.desktop \
                usr/share/icons/hicolor/128x128/apps/jitops-billing.png; do
  grep -qx "$expected" <<<"$files" || { echo "missing from the package: $expected" >&2; exit 1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
grep -q "libwebkit2gtk-4.1-0" <<<"$depends" || { echo "Depends lacks WebKitGTK: $depends" >&2; exit 1; }
# The tray icon's library is loaded at run time: without it there is no tray.
grep -q "libayatana-appindicator3-1" <<<"$depends" || { echo "Depends lacks the tray's library: $depends" >&2; exit 1; }
# The statement's PDF embeds the system's DejaVu fonts.
grep -q "fonts-dejavu-core" <<<"$depends" || { echo "Depends lacks the statement's fonts: $depends" >&2; exit 1; }
echo "files and Depends ($depends): ok"
# Packed with xz, as Debian packs its own (scripts/repack-deb.sh), every file owned by root.
members=$(ar t "$deb")
grep -qx data.tar.xz <<<"$members" || { echo "the package is not packed with xz: $members" >&2; exit 1; }
owners=$(dpkg-deb -c "$deb" | awk '{print $2}' | sort -u)
[ "$owners" = "root/root" ] || { echo "files not owned by root: $owners" >&2; exit 1; }


unpacked=$(mktemp -d /tmp/jitops-deb.XXXXXX)
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"

# The desktop entry: the product's name (not the package's), Albanian too, and valid.
entry="$unpacked/usr/share/applications/jitops-billing.desktop"
desktop-file-validate "$entry"
for line in "Name=JitOps Billing" "Name[sq]=" "Comment[sq]=" "Keywords=" "Keywords[sq]=" "Exec=jitops-billing"; do
  grep -qF -- "$line" "$entry" || { echo "the desktop entry lacks $line:" >&2; cat "$entry" >&2; exit 1; }
done
echo "desktop entry (validated, EN and SQ): ok"
# Start-up: where WebKitGTK needs the flite voice that binds 31,000 of its own symbols, the
# binary names it itself, so that the loader finds them early (src-tauri/build.rs).
slow=libflite_cmu_time_awb.so.1
webkit=$(pkg-config --variable=libdir webkit2gtk-4.1)/libwebkit2gtk-4.1.so.0
if readelf -d "$webkit" | grep -qF "[$slow]"; then
  readelf -d "$unpacked/usr/bin/jitops-billing" | grep -qF "[$slow]" \
    || { echo "the binary does not name $slow, which WebKitGTK needs: a slower start" >&2; exit 1; }
  echo "the binary names $slow (start-up): ok"
fi
# The .rpm: the same files, the same desktop entry, and what Fedora and openSUSE must install.
rpm_file=$(ls -t "$root"/target/release/bundle/rpm/*.rpm 2>/dev/null | head -n1 || true)
[ -n "$rpm_file" ] || { echo "no .rpm: run make package first" >&2; exit 1; }
echo "package: $rpm_file ($(du -h "$rpm_file" | cut -f1))"
rpm_files=$(rpm -qpl "$rpm_file")
for expected in usr/bin/jitops-billing usr/share/applications/jitops-billing.desktop \
                usr/share/icons/hicolor/128x128/apps/jitops-billing.png; do
  grep -qx "/$expected" <<<"$rpm_files" || { echo "missing from the .rpm: /$expected" >&2; exit 1; }
done
# Required by library (the bundler adds WebKitGTK, GTK and the tray's library, as the .deb's
# Depends), and the fonts by either distribution's package name.
requires=$(rpm -qpR "$rpm_file" | sort -u)
for needed in "libwebkit2gtk-4.1.so.0()(64bit)" "libgtk-3.so.0()(64bit)" \
              "libayatana-appindicator3.so.1()(64bit)" "(dejavu-sans-fonts or dejavu-fonts)"; do
  grep -qF -- "$needed" <<<"$requires" || { echo "the .rpm does not require $needed: $requires" >&2; exit 1; }
done
rpm_unpacked="$unpacked/rpm"
mkdir -p "$rpm_unpacked"
# rpm2archive (rpm2cpio answers 1 on the bundler's payload, whose digests `rpm -K` finds right).
rpm -K "$rpm_file" >/dev/null || { echo "the .rpm's digests are wrong" >&2; exit 1; }
rpm2archive - <"$rpm_file" | tar -xz -C "$rpm_unpacked"
cmp "$entry" "$rpm_unpacked/usr/share/applications/jitops-billing.desktop" \
  || { echo "the .rpm's desktop entry is not the .deb's" >&2; exit 1; }
echo "the .rpm's files, requirements ($(tr '\n' ' ' <<<"$requires")) and desktop entry: ok"

JITOPS_E2E_APP="$unpacked/usr/bin/jitops-billing" "$root/tests/run-e2e.sh" starts_on_the_sign_in_screen_in_english
echo "the packaged binary shows the sign-in screen: ok"
