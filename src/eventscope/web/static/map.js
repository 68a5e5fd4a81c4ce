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
    this._order = new Uint32Array(0);
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
    // Draw order once per data set: the deadliest last, so they stay on top.
    this._order = Uint32Array.from([...data.lat.keys()].sort((a, b) => (data.fatalities[a] || 0) - (data.fatalities[b] || 0)));
    this._projectedZoom = null;
    this._redraw();
  },
  select(id) {
    this._selected = id;
    this._redraw();
  },
  radius(fatalities) {
    return fatalities ? Math.min(4 + 2.5 * Math.sqrt(fatalities), 22) : 4;
  },
  // World pixel coordinates of every point at the current zoom: computed once per zoom level, so a pan
  // only shifts them (one subtraction per point) instead of re-projecting 50,000 lat/lons.
  _project() {
    const map = this._map;
    const zoom = map.getZoom();
    if (this._projectedZoom === zoom && this._px) return;
    const { lat, lon } = this._data;
    this._px = new Float64Array(lat.length);
    this._py = new Float64Array(lat.length);
    for (let i = 0; i < lat.length; i++) {
      const p = map.project([lat[i], lon[i]], zoom);
      this._px[i] = p.x;
      this._py[i] = p.y;
    }
    this._projectedZoom = zoom;
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
    const { type, fatalities, id } = this._data;
    const n = type.length;
    if (!this._order || this._order.length !== n) this.setData(this._data);
    this._project();
    const origin = map.getPixelOrigin();
    const dx = origin.x + topLeft.x;
    const dy = origin.y + topLeft.y;
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    // One path per type (one fill call each) instead of one per point: 50,000 fills take ~10x longer.
    const paths = new Map();
    let selected = -1;
    for (const i of this._order) {
      const x = this._px[i] - dx;
      const y = this._py[i] - dy;
      xs[i] = x;
      ys[i] = y;
      if (x < -30 || y < -30 || x > size.x + 30 || y > size.y + 30) continue;
      if (id[i] === this._selected) selected = i;
      let path = paths.get(type[i]);
      if (!path) { path = new Path2D(); paths.set(type[i], path); }
      const r = this.radius(fatalities[i]);
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.globalAlpha = 0.75;
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 0.8;
    for (const [t, path] of paths) {
      ctx.fillStyle = ES.typeColor(t);
      ctx.fill(path);
      if (n < 5000) ctx.stroke(path);
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
