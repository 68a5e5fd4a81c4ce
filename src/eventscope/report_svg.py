"""Static SVG drawings for the situation report: a map of outlines and events, and a timeline.

Why SVG drawn here and not the page's Leaflet map: the report must be one
self-contained file that prints to PDF; an inline SVG needs no script, no
tiles and no network.  The outlines are the same Natural Earth 1:110m
TopoJSON the web page ships (`web/static/vendor/world-atlas`), decoded here
(delta-encoded, quantised arcs) and drawn in an equirectangular projection
cropped to the events.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from eventscope.model import Event

OUTLINES = Path(__file__).resolve().parent / "web" / "static" / "vendor" / "world-atlas" / "countries-110m.json"

# The page's palette (web/static/dom.js), so a report and the page read alike.
TYPE_COLORS = {
    "ASSAULT": "#c0392b", "COERCE": "#8e44ad", "MOBILIZE": "#d35400", "SANCTION": "#a0522d",
    "PROTEST": "#e67e22", "THREATEN": "#f39c12", "ACCUSE": "#e5a50a", "REJECT": "#b7950b",
    "REQUEST": "#7f8c8d", "RETREAT": "#16a085", "AID": "#27ae60", "COOPERATE": "#2e86c1",
    "CONCEDE": "#48c9b0", "SUPPORT": "#5dade2", "CONSULT": "#3498db", "AGREE": "#1f618d",
}

Ring = list[tuple[float, float]]


def type_color(plover: str) -> str:
    return TYPE_COLORS.get(plover, "#555555")


@lru_cache(maxsize=1)
def country_rings(path: Path = OUTLINES) -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """(name, polygon rings) of every country, in lon/lat, longitudes unwrapped at the antimeridian."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return unwrap(out)

    out: list[tuple[str, tuple[Ring, ...]]] = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        out.append((str(geometry.get("properties", {}).get("name", "")), rings))
    return tuple(out)


def unwrap(points: Ring) -> Ring:
    """Shift longitudes by 360 where a ring jumps across the antimeridian, so it stays one shape."""
    out: Ring = []
    offset = 0.0
    for i, (lon, lat) in enumerate(points):
        if i:
            prev = points[i - 1][0]
            if lon - prev > 180:
                offset -= 360
            elif prev - lon > 180:
                offset += 360
        out.append((lon + offset, lat))
    return out


@dataclass(frozen=True)
class Frame:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float
    width: int = 720

    @property
    def scale(self) -> float:
        return self.width / (self.max_lon - self.min_lon)

    @property
    def height(self) -> int:
        return max(int((self.max_lat - self.min_lat) * self.scale), 120)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.min_lon) * self.scale, (self.max_lat - lat) * self.scale


def frame_for(points: Sequence[tuple[float, float]], width: int = 720, min_span: float = 8.0) -> Frame:
    """A lon/lat box around the points, padded, at least `min_span` degrees wide and 3:2."""
    if not points:
        return Frame(-180, -60, 180, 80, width)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    span_lon = max(max(lons) - min(lons), min_span) * 1.3
    span_lat = max(max(lats) - min(lats), span_lon * 2 / 3) * 1.1
    return Frame(cx - span_lon / 2, max(cy - span_lat / 2, -85), cx + span_lon / 2, min(cy + span_lat / 2, 85), width)


def map_svg(events: Sequence[Event], labels: dict[str, str] | None = None, width: int = 720) -> str:
    """Outlines + one circle per located event (colour = type, area ~ fatalities); `labels` numbers key events."""
    labels = labels or {}
    located = [e for e in events if e.place and e.place.lat is not None and e.place.lon is not None]
    frame = frame_for([(e.place.lon, e.place.lat) for e in located if e.place and e.place.lon is not None
                       and e.place.lat is not None], width)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {frame.width} {frame.height}" '
             f'width="{frame.width}" height="{frame.height}" role="img" aria-label="map of events">',
             f'<rect width="{frame.width}" height="{frame.height}" fill="#aecbe0"/>']
    path, names = [], []
    for name, rings in country_rings():
        for ring in rings:
            lons = [p[0] for p in ring]
            lats = [p[1] for p in ring]
            if (max(lons) < frame.min_lon or min(lons) > frame.max_lon or max(lats) < frame.min_lat
                    or min(lats) > frame.max_lat):
                continue
            coords = " ".join("{:.1f},{:.1f}".format(*frame.xy(lon, lat)) for lon, lat in ring)
            path.append(f"M{coords}Z")
        names.append(_name_label(frame, name, rings))
    parts.append(f'<path d="{" ".join(path)}" fill="#e4e7eb" stroke="#ffffff" stroke-width="0.8" fill-rule="evenodd"/>')
    parts.extend(n for n in names if n)
    at_point: dict[tuple[float, float], list[str]] = {}
    for event in located:
        if event.id in labels and event.place and event.place.lon is not None and event.place.lat is not None:
            at_point.setdefault((event.place.lon, event.place.lat), []).append(labels[event.id])
    for event in sorted(located, key=lambda e: (e.fatalities.best or 0) if e.fatalities else 0):
        place = event.place
        if place is None or place.lon is None or place.lat is None:
            continue
        x, y = frame.xy(place.lon, place.lat)
        best = event.fatalities.best if event.fatalities and event.fatalities.best else 0
        r = min(5 + 2.5 * math.sqrt(best), 24)
        title = escape(f"{event.date.date or '?'} {event.plover} {place.name}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{type_color(event.plover)}" '
                     f'fill-opacity="0.8" stroke="#fff" stroke-width="1"><title>{title}</title></circle>')
        numbers = at_point.pop((place.lon, place.lat), None)
        if numbers:  # events at one point share one label: "2, 3"
            parts.append(f'<text x="{x + r + 2:.1f}" y="{y + 4:.1f}" font-size="12" font-weight="700" '
                         f'fill="#111">{escape(", ".join(sorted(numbers, key=int)))}</text>')
    parts.append(f'<text x="{frame.width - 4}" y="{frame.height - 4}" font-size="9" text-anchor="end" '
                 'fill="#456">Outlines: Natural Earth 1:110m</text></svg>')
    return "".join(parts)


def _name_label(frame: Frame, name: str, rings: Sequence[Ring]) -> str:
    """The country's name at the middle of its largest ring, when that lies well inside the frame."""
    if not name or not rings:
        return ""
    biggest = max(rings, key=len)
    lon = (min(p[0] for p in biggest) + max(p[0] for p in biggest)) / 2
    lat = (min(p[1] for p in biggest) + max(p[1] for p in biggest)) / 2
    x, y = frame.xy(lon, lat)
    if not (20 < x < frame.width - 20 and 12 < y < frame.height - 12):
        return ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" fill="#8a93a0" text-anchor="middle" '
            f'letter-spacing="1">{escape(name.upper())}</text>')


def timeline_svg(days: Sequence[str], series: dict[str, list[int]], width: int = 720, height: int = 160) -> str:
    """Stacked bars of events per day by PLOVER type, days on a real time axis."""
    import datetime as dt

    pad_l, pad_r, pad_t, pad_b = 32, 8, 8, 22
    if not days:
        return '<p class="muted">No dated events in this period.</p>'
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    span = (last - first).days + 1
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    bar_w = max(plot_w / span, 2.0)
    totals = [sum(s[i] for s in series.values()) for i in range(len(days))]
    top = max(totals) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="events per day by type">',
             f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{width - pad_r}" y2="{pad_t + plot_h}" stroke="#999"/>']
    for i, day in enumerate(days):
        x = pad_l + (dt.date.fromisoformat(day) - first).days * plot_w / span
        y: float = pad_t + plot_h
        for plover, counts in series.items():
            if not counts[i]:
                continue
            h = counts[i] / top * plot_h
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" height="{h:.1f}" '
                         f'fill="{type_color(plover)}"><title>{day} {plover}: {counts[i]}</title></rect>')
    parts += [f'<text x="2" y="{pad_t + 9}" font-size="10">{top}</text>',
              f'<text x="2" y="{pad_t + plot_h}" font-size="10">0</text>',
              f'<text x="{pad_l}" y="{height - 6}" font-size="10">{days[0]}</text>',
              f'<text x="{width - pad_r}" y="{height - 6}" font-size="10" text-anchor="end">{days[-1]}</text>',
              "</svg>"]
    return "".join(parts)
