#!/usr/bin/env bash
# Refreshes the portal's third-party browser assets in Sentinel.Web/wwwroot/lib from the npm registry.
# They are committed (not fetched at build) so that `dotnet run` works with nothing installed; see docs/decisions/001.
set -euo pipefail
cd "$(dirname "$0")/.."
target=Sentinel.Web/wwwroot/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @picocss/pico@2.1.1 htmx.org@2.0.11 htmx-ext-sse@2.2.4 >/dev/null && for f in *.tgz; do mkdir "${f%.tgz}" && tar -xzf "$f" -C "${f%.tgz}"; done)
mkdir -p "$target/pico" "$target/htmx"
cp "$work"/picocss-pico-2.1.1/package/css/pico.min.css "$target/pico/"
cp "$work"/picocss-pico-2.1.1/package/LICENSE.md "$target/pico/LICENSE.md"
cp "$work"/htmx.org-2.0.11/package/dist/htmx.min.js "$target/htmx/"
cp "$work"/htmx.org-2.0.11/package/LICENSE "$target/htmx/LICENSE"
cp "$work"/htmx-ext-sse-2.2.4/package/dist/sse.min.js "$target/htmx/sse.min.js" 2>/dev/null || cp "$work"/htmx-ext-sse-2.2.4/package/sse.js "$target/htmx/sse.js"
echo "vendored into $target:"; find "$target" -type f | sort
