#!/usr/bin/env bash
# Fetch the pinned front-end libraries from the npm registry and copy the files the web page
# loads into src/eventscope/web/static/vendor/.  Run once after changing a version; the copied
# files are committed so users need no npm and no build step.
#
#   leaflet@1.9.4          map (BSD-2-Clause)
#   topojson-client@3.1.0  TopoJSON -> GeoJSON in the browser (ISC)
#   world-atlas@2.0.2      Natural Earth 1:110m country outlines as TopoJSON (ISC; data public domain)
#   swagger-ui-dist@5.32.0 the interactive OpenAPI page at /docs, served locally instead of from a CDN (Apache-2.0)
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=src/eventscope/web/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() {  # fetch NAME@VERSION -> unpacked into $WORK/NAME
    local spec=$1 name=${1%@*}
    (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
    mkdir -p "$WORK/$name"
    tar -xzf "$WORK/${name}-${spec##*@}.tgz" -C "$WORK/$name" --strip-components=1
}

fetch leaflet@1.9.4
fetch topojson-client@3.1.0
fetch world-atlas@2.0.2
fetch swagger-ui-dist@5.32.0

rm -rf "$DEST"
mkdir -p "$DEST/leaflet/images" "$DEST/topojson-client" "$DEST/world-atlas" "$DEST/swagger-ui"
cp "$WORK/leaflet/dist/leaflet.js" "$WORK/leaflet/dist/leaflet.css" "$WORK/leaflet/LICENSE" "$DEST/leaflet/"
cp "$WORK/leaflet/dist/images/"*.png "$DEST/leaflet/images/"
cp "$WORK/topojson-client/dist/topojson-client.min.js" "$WORK/topojson-client/LICENSE" "$DEST/topojson-client/"
cp "$WORK/world-atlas/countries-110m.json" "$WORK/world-atlas/LICENSE" "$DEST/world-atlas/"
cp "$WORK/swagger-ui-dist/swagger-ui-bundle.js" "$WORK/swagger-ui-dist/swagger-ui.css" \
   "$WORK/swagger-ui-dist/LICENSE" "$DEST/swagger-ui/"
cat > "$DEST/VERSIONS" <<VERSIONS
# Vendored by scripts/vendor_frontend.sh from the npm registry (npm pack); do not edit by hand.
leaflet 1.9.4
topojson-client 3.1.0
world-atlas 2.0.2
swagger-ui-dist 5.32.0
VERSIONS
echo "vendored into $DEST:"
find "$DEST" -type f | sort
