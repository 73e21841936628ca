#!/usr/bin/env bash
# Renders one example of each email template into this folder: HTML and text from the test project's samples,
# then a PNG of each HTML file with headless Chromium (apt-get install -y chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
MENTORING_EMAIL_DOCS_DIR="$here" dotnet test "$root/tests/Mentoring.Application.Tests" \
  --filter "FullyQualifiedName~RenderedExamplesTests" --nologo -v q
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for html in "$here"/*.html; do
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="${html%.html}.png" --window-size=700,1100 "file://$html" 2>/dev/null
done
