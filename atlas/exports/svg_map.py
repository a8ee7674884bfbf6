"""A choropleth map figure redrawn as plain SVG, for files opened with no server.

MapLibre (plotly's ``choroplethmap``) needs a web worker, which browsers refuse to a page opened
from ``file://``; an SVG needs nothing. Same shapes, colours, fading and legend as the live map
(read from the figure), projected with web Mercator and framed on the focus areas; each shape's
tooltip is its hover text.
"""

from __future__ import annotations

import html
import json
import math

import numpy as np


def _merc(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.radians(lon), -np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))


def _rings(geometry: dict) -> list[np.ndarray]:
    polys = geometry["coordinates"]
    polys = [polys] if geometry["type"] == "Polygon" else polys
    return [np.asarray(ring, dtype=float) for poly in polys for ring in poly]


def _colour(z: float, scale: list) -> str:
    for (lo, colour), (hi, _) in zip(scale[::2], scale[1::2], strict=True):
        if lo - 1e-9 <= (z + 0.5) / (len(scale) // 2) <= hi + 1e-9:
            return colour
    return "#ffffff"


def _features(geojson: dict | str) -> dict:
    """The trace's boundaries: inline, or the static file a live map names by URL."""
    if isinstance(geojson, dict):
        return geojson
    from atlas.charts.maps import STATIC

    return json.loads((STATIC / geojson.split("app/static/", 1)[1]).read_text())


def svg_map(fig, width: int = 760, height: int = 520) -> str:
    """SVG of the first choroplethmap trace of ``fig`` (plus outline traces) with a legend."""
    data = fig.to_plotly_json()["data"]
    base = data[0]
    feats = {f["id"]: f for f in _features(base["geojson"])["features"]}
    opacity = base["marker"].get("opacity") or [0.9] * len(base["locations"])
    focus = [c for c, o in zip(base["locations"], opacity, strict=True) if o >= 0.5]
    pts = np.concatenate([r for c in (focus or feats) for r in _rings(feats[c]["geometry"])])
    x, y = _merc(pts[:, 0], pts[:, 1])
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
    pad = 0.05 * max(x1 - x0, y1 - y0)
    s = min(width / (x1 - x0 + 2 * pad), height / (y1 - y0 + 2 * pad))

    def path(geometry: dict) -> str:
        out = []
        for ring in _rings(geometry):
            px, py = _merc(ring[:, 0], ring[:, 1])
            px, py = (px - x0 + pad) * s, (py - y0 + pad) * s
            out.append(
                "M" + "L".join(f"{a:.1f},{b:.1f}" for a, b in zip(px, py, strict=True)) + "Z"
            )
        return "".join(out)

    shapes = []
    for code, z, o, cd in zip(
        base["locations"], base["z"], opacity, base.get("customdata") or [], strict=False
    ):
        if code not in feats:
            continue
        tip = html.escape(" · ".join(str(v) for v in cd[1:] if v))
        shapes.append(
            f'<path d="{path(feats[code]["geometry"])}" fill="{_colour(z, base["colorscale"])}" '
            f'fill-opacity="{o}" stroke="#8c8c8c" stroke-width="0.6"><title>{tip}</title></path>'
        )
    for extra in data[1:]:  # partnership outlines
        for code in extra.get("locations", []):
            if code in feats:
                shapes.append(
                    f'<path d="{path(feats[code]["geometry"])}" fill="none" stroke="#111" '
                    'stroke-width="2.2"/>'
                )
    bar = base.get("colorbar", {})
    labels = bar.get("ticktext", [])
    k = len(labels)
    legend = "".join(
        f'<rect x="8" y="{10 + 22 * i}" width="16" height="16" stroke="#777" '
        f'fill="{_colour(k - 1 - i, base["colorscale"])}"/>'
        f'<text x="30" y="{23 + 22 * i}" font-size="13">{html.escape(labels[k - 1 - i])}</text>'
        for i in range(k)
    )
    w, h = math.ceil((x1 - x0 + 2 * pad) * s), math.ceil((y1 - y0 + 2 * pad) * s)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {w} {h}" width="100%" '
        f'style="max-height:{height}px"><title>Map: {html.escape(base.get("name", ""))}</title>'
        f"<g>{''.join(shapes)}</g><g>{legend}</g></svg>"
    )
