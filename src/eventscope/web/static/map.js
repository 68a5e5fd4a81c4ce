// The map: Natural Earth country outlines shipped with the package (works offline), an optional online
// tile layer, and every matching event drawn on one canvas.
//
// Why a custom canvas layer and not one Leaflet marker per event: 50,000 markers are 50,000 objects and
// DOM/path updates on every pan; here a redraw is one loop over typed arrays, and a click is a nearest-point
// search over the same arrays.
"use strict";

// world-atlas outlines are in [-180, 180]; a ring that crosses the antimeridian (Russia, Fiji) jumps from
// +179 to -179 and would be drawn as a band across the whole map.  Unwrapping each ring's longitudes so
// consecutive points never jump by more than 180 degrees keeps the polygon whole (it extends past 180).
ES.unwrapRing = function (ring) {
  let offset = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const prev = ring[i - 1][0];
      if (lon - prev > 180) offset -= 360;
      else if (prev - lon > 180) offset += 360;
    }
    return [lon + offset, lat];
  });
};

ES.fixAntimeridian = function (geometry) {
  if (!geometry) return geometry;
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(ES.unwrapRing) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((poly) => poly.map(ES.unwrapRing)) };
  }
  return geometry;
};

ES.PointsLayer = L.Layer.extend({
  initialize(options) {
    L.setOptions(this, options);
    this._data = { lat: [], lon: [], type: [], fatalities: [], id: [] };
    this._selected = null;
  },
  onAdd(map) {
    this._canvas = L.DomUtil.create("canvas", "points-layer leaflet-zoom-hide");
    map.getPanes().overlayPane.appendChild(this._canvas);
    map.on("moveend zoomend resize", this._redraw, this);
    map.on("click", this._onClick, this);
    this._redraw();
  },
  onRemove(map) {
    L.DomUtil.remove(this._canvas);
    map.off("moveend zoomend resize", this._redraw, this);
    map.off("click", this._onClick, this);
  },
  setData(data) {
    this._data = data;
    this._redraw();
  },
  select(id) {
    this._selected = id;
    this._redraw();
  },
  radius(fatalities) {
    return fatalities ? Math.min(4 + 2.5 * Math.sqrt(fatalities), 22) : 4;
  },
  _redraw() {
    const map = this._map;
    if (!map) return;
    const size = map.getSize();
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    const ratio = window.devicePixelRatio || 1;
    const canvas = this._canvas;
    L.DomUtil.setPosition(canvas, topLeft);
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const { lat, lon, type, fatalities, id } = this._data;
    const xs = new Float32Array(lat.length);
    const ys = new Float32Array(lat.length);
    const order = [...lat.keys()].sort((a, b) => (fatalities[a] || 0) - (fatalities[b] || 0)); // big on top
    ctx.globalAlpha = 0.75;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 0.8;
    let selected = -1;
    for (const i of order) {
      const p = map.latLngToContainerPoint([lat[i], lon[i]]);
      xs[i] = p.x;
      ys[i] = p.y;
      if (p.x < -30 || p.y < -30 || p.x > size.x + 30 || p.y > size.y + 30) continue;
      if (id[i] === this._selected) selected = i;
      ctx.beginPath();
      ctx.arc(p.x, p.y, this.radius(fatalities[i]), 0, 2 * Math.PI);
      ctx.fillStyle = ES.typeColor(type[i]);
      ctx.fill();
      if (lat.length < 5000) ctx.stroke();
    }
    if (selected >= 0) {
      ctx.globalAlpha = 1;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "#111";
      ctx.beginPath();
      ctx.arc(xs[selected], ys[selected], this.radius(fatalities[selected]) + 3, 0, 2 * Math.PI);
      ctx.stroke();
    }
    this._xs = xs;
    this._ys = ys;
  },
  _onClick(e) {
    if (!this._xs) return;
    const { x, y } = e.containerPoint;
    let best = -1;
    let bestDist = Infinity;
    for (let i = 0; i < this._xs.length; i++) {
      const d = (this._xs[i] - x) ** 2 + (this._ys[i] - y) ** 2;
      const r = this.radius(this._data.fatalities[i]) + 3;
      if (d <= r * r && d < bestDist) {
        best = i;
        bestDist = d;
      }
    }
    if (best >= 0 && this.options.onSelect) this.options.onSelect(this._data.id[best]);
  },
});

ES.createMap = async function (element, onSelect) {
  const map = L.map(element, { preferCanvas: true, worldCopyJump: true, zoomControl: true, minZoom: 1 })
    .setView([30, 30], 3);
  map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas)");
  const outlines = await fetch("/static/vendor/world-atlas/countries-110m.json").then((r) => r.json());
  const countries = topojson.feature(outlines, outlines.objects.countries);
  countries.features = countries.features.map((f) => ({ ...f, geometry: ES.fixAntimeridian(f.geometry) }));
  const basemap = L.geoJSON(countries, {
    interactive: false,
    style: { color: "#ffffff", weight: 0.8, fillColor: "#d9dde2", fillOpacity: 1 },
  }).addTo(map);
  map.getContainer().style.background = "#aecbe0";
  const tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "© OpenStreetMap contributors",
  });
  const points = new ES.PointsLayer({ onSelect }).addTo(map);
  return {
    map,
    points,
    setOnlineTiles(on) {
      if (on) { tiles.addTo(map); basemap.remove(); } else { tiles.remove(); basemap.addTo(map); }
      points.bringToFront && points.bringToFront();
    },
  };
};
