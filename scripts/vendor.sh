#!/usr/bin/env bash
# Copy the front-end files the templates use from node_modules/ into huunghi/static/vendor/.
#
# Versions are pinned in package.json / package-lock.json. The copied files are committed,
# so running the site never needs npm; run this (make vendor) only after changing a pin.
# Only the files used are copied, with their source maps when the package ships them
# (ManifestStaticFilesStorage rewrites sourceMappingURL and fails on a missing map),
# and each package's licence.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NM=node_modules
DEST=huunghi/static/vendor

if [ ! -d "$NM/htmx.org" ] || [ ! -d "$NM/chart.js" ] || [ ! -d "$NM/leaflet" ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

# copy SRC_DIR DEST_DIR FILE... : copy each file, failing loudly when one is missing.
copy() {
    local src="$1" dst="$2" f
    shift 2
    mkdir -p "$dst"
    for f in "$@"; do
        install -m 0644 "$src/$f" "$dst/$(basename "$f")"
    done
}

version() {
    node -p "require('./$NM/$1/package.json').version"
}

rm -rf "$DEST/htmx" "$DEST/chartjs" "$DEST/leaflet"

copy "$NM/htmx.org" "$DEST/htmx" dist/htmx.min.js LICENSE
copy "$NM/chart.js" "$DEST/chartjs" dist/chart.umd.min.js dist/chart.umd.min.js.map LICENSE.md
# chart.umd.min.js bundles @kurkle/color, so its licence travels with it.
install -m 0644 "$NM/@kurkle/color/LICENSE.md" "$DEST/chartjs/LICENSE-kurkle-color.md"
copy "$NM/leaflet" "$DEST/leaflet" dist/leaflet.js dist/leaflet.js.map dist/leaflet.css LICENSE
copy "$NM/leaflet/dist/images" "$DEST/leaflet/images" \
    layers.png layers-2x.png marker-icon.png marker-icon-2x.png marker-shadow.png

echo "vendored htmx.org $(version htmx.org), chart.js $(version chart.js), leaflet $(version leaflet) into $DEST/"
