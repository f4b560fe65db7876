#!/usr/bin/env bash
# Renders images/icon.svg to the 128x128 images/icon.png that package.json
# names as the extension's icon (the marketplace needs a PNG), with the
# headless Chromium that the end-to-end test uses (install-e2e-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
chromium --headless --disable-gpu --no-sandbox --hide-scrollbars \
  --default-background-color=00000000 --window-size=128,128 \
  --screenshot="$out/icon.png" "file://$PWD/images/icon.svg" 2>/dev/null
cp "$out/icon.png" images/icon.png
