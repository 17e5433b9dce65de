"""A static map for the Markdown and PDF profiles: an SVG drawn from the vendored world-atlas
TopoJSON (the countries the web map draws; no network, no tile server). Countries among the
places are shaded, places with coordinates are marked, and the view frames them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

ATLAS = Path(__file__).resolve().parent.parent / "web" / "static" / "vendor" / "world-atlas" / "countries-110m.json"
WIDTH, HEIGHT = 720, 400  # pixels; the view keeps this 9:5 ratio
PAD_DEGREES = 6.0
MIN_SPAN = 36.0  # degrees of longitude: a single city still shows its region
Ring = list[tuple[float, float]]


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, list[Ring]]]:
    """(name, rings as (lon, lat) points) for every country of the atlas."""
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        return out

    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type"), [])
        rings = [ring(r) for polygon in polygons for r in polygon]
        countries.append((geometry.get("properties", {}).get("name", ""), rings))
    return countries


def _norm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def map_svg(places: list[dict[str, Any]]) -> str | None:
    """The SVG (a string) of these places ({name, names, type, coords}), or None when none can be drawn."""
    shaded_names = {_norm(n) for p in places if p.get("type") == "country" for n in p.get("names", [])}
    shaded = [(name, rings) for name, rings in _countries() if _norm(name) in shaded_names]
    points = [(p["coords"][1], p["coords"][0], p["name"]) for p in places if p.get("coords")]
    lons = [x for _, rings in shaded for r in rings for x, _ in r] + [x for x, _, _ in points]
    lats = [y for _, rings in shaded for r in rings for _, y in r] + [y for _, y, _ in points]
    if not lons:
        return None
    west, east = min(lons) - PAD_DEGREES, max(lons) + PAD_DEGREES
    south, north = min(lats) - PAD_DEGREES, max(lats) + PAD_DEGREES
    span = max(east - west, (north - south) * WIDTH / HEIGHT, MIN_SPAN)
    cx, cy = (west + east) / 2, (south + north) / 2
    west, east = cx - span / 2, cx + span / 2
    south, north = cy - span * HEIGHT / WIDTH / 2, cy + span * HEIGHT / WIDTH / 2
    k = WIDTH / span

    def xy(lon: float, lat: float) -> str:
        return f"{(lon - west) * k:.1f},{(north - lat) * k:.1f}"

    def visible(rings: list[Ring]) -> bool:
        return any(west <= x <= east and south <= y <= north for r in rings for x, y in r[::4])

    shaded_set = {name for name, _ in shaded}
    paths = []
    for name, rings in _countries():
        if not visible(rings):
            continue
        d = " ".join("M" + " L".join(xy(x, y) for x, y in r) + " Z" for r in rings if len(r) > 2)
        style = 'fill="#e67e22" fill-opacity="0.6" stroke="#a04000"' if name in shaded_set else \
            'fill="#eef1f4" stroke="#b0bac4"'
        paths.append(f'<path d="{d}" {style} stroke-width="0.6"><title>{escape(name)}</title></path>')
    marks = []
    for lon, lat, name in points:
        x, y = xy(lon, lat).split(",")
        marks.append(f'<circle cx="{x}" cy="{y}" r="5" fill="#c0392b" stroke="#1d2733" stroke-width="1.5"/>'
                     f'<text x="{float(x) + 8:.1f}" y="{float(y) + 4:.1f}" font-size="13" font-family="sans-serif" '
                     f'fill="#1d2733">{escape(name)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
            f'height="{HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" fill="#dbe9f4"/>'
            + "".join(paths) + "".join(marks) + "</svg>")
