#!/usr/bin/env bash
# Screenshots an HTML report with headless Chromium (Debian's `chromium` package), to look at what a person sees.
#   scripts/html-screenshot.sh report.html [out.png] [width] [height]
# Prints the PNG's path. Nothing is fetched: the report is self-contained, and background networking is off.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 report.html [out.png] [width] [height]" >&2
  exit 2
fi
report="$(realpath "$1")"
out="${2:-${report%.html}.png}"
width="${3:-1280}"
height="${4:-2400}"

browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
  echo "no chromium binary: install Debian's package (apt-get install -y chromium) or set CHROMIUM" >&2
  exit 3
fi

# A throwaway profile, so runs never share state or leave a profile in $HOME.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
  --disable-component-update --disable-default-apps --disable-extensions --disable-sync --no-first-run \
  --hide-scrollbars --user-data-dir="$profile" --window-size="${width},${height}" \
  --screenshot="$(realpath -m "$out")" "file://${report}" >/dev/null 2>&1

test -s "$out"
echo "$out"
