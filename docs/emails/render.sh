#!/usr/bin/env bash
# Renders one example of each email template into this folder (English) and into de/ (German): HTML and text from
# the test project's samples, then PNGs of each HTML file with headless Chromium (apt-get install -y chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
MENTORING_EMAIL_DOCS_DIR="$here" dotnet test "$root/tests/Mentoring.Application.Tests" \
  --filter "FullyQualifiedName~RenderedExamplesTests" --nologo -v q
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# Each template at 700 px (desktop) and 375 px (phone), in the light and in the dark colour scheme.
shoot() { # html png width height [extra flags]
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" "${@:5}" \
    --screenshot="$2" --window-size="$3,$4" "file://$1" 2>/dev/null
}
for html in "$here"/*.html; do
  base="${html%.html}"
  shoot "$html" "$base.png" 700 1100
  shoot "$html" "$base-dark.png" 700 1100 --force-dark-mode
  shoot "$html" "$base-375.png" 375 1500
  shoot "$html" "$base-375-dark.png" 375 1500 --force-dark-mode
done
# German: the desktop light view and the phone, the same markup as the English in other words.
for html in "$here"/de/*.html; do
  base="${html%.html}"
  shoot "$html" "$base.png" 700 1100
  shoot "$html" "$base-375.png" 375 1500
done
