"""The plotly map the atlas drew before its SVG map (``atlas.ui.mapview``), kept so that ``make bench``
measures the choice of renderer side by side (``bench/browser.py``, ``bench/fixtures/plotly_map.py``).

The same spec (``atlas.charts.maps.spec``) as a ``choroplethmap`` with ``map_style="white-bg"`` (no
tiles): its boundaries are a GeoJSON file written once per build and level,
``static/geo/<level>-<build>.geo.json``, that plotly fetches by URL.
"""

from __future__ import annotations

import json
import math
import os

import plotly.graph_objects as go

from atlas.charts.geometry import shapes, static_geo
from atlas.charts.maps import BORDER
from atlas.charts.trend import HOVERLABEL

VALIDATE = os.environ.get("CIVIC_ATLAS_VALIDATE_FIGURES") == "1"  # see atlas.charts.figure


def geometry_url(level: str) -> str:
    """Relative URL of the level's boundaries as a static GeoJSON file (written once per build).

    Every feature's ``id`` is its area code, which the figures' ``locations`` refer to."""

    def text() -> str:
        features, _ = shapes(level)
        collected = collection(features, features)
        return json.dumps(collected, separators=(",", ":"), default=lambda a: a.tolist())

    return static_geo(level, "geo", text)


def collection(features: dict, codes) -> dict:
    return {"type": "FeatureCollection", "features": [features[c] for c in codes if c in features]}


def view(boxes: dict, codes, width: int = 760, height: int = 600) -> tuple[dict, float]:
    """Centre and zoom that fit the boxes of ``codes`` in a width x height map (web Mercator)."""
    picked = [boxes[c] for c in codes if c in boxes] or list(boxes.values())
    west, south = min(b[0] for b in picked), min(b[1] for b in picked)
    east, north = max(b[2] for b in picked), max(b[3] for b in picked)

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max(east - west, 0.05) * 1.25
    span_y = max(merc(north) - merc(south), 0.001) * 1.2
    zoom = min(
        math.log2(width * 360 / (512 * span_x)), math.log2(height * 2 * math.pi / (512 * span_y))
    )
    mid = (merc(north) + merc(south)) / 2
    centre = {
        "lon": (west + east) / 2,
        "lat": math.degrees(2 * math.atan(math.exp(mid)) - math.pi / 2),
    }
    return centre, round(max(zoom, 3.5), 2)


HOVER = "%{customdata}<extra></extra>"


def figure(spec: dict) -> go.Figure:
    """The spec as a plotly ``choroplethmap`` (the renderer the atlas used before its SVG map;
    ``make bench`` draws it to keep the comparison true)."""
    _, boxes = shapes(spec["level"])
    palette = [c for _, c in spec["legend"]]
    k = len(palette)
    z = [palette.index(a[1]) for a in spec["areas"]]
    scale = []
    for i, c in enumerate(palette):
        scale += [[i / k, c], [(i + 1) / k, c]]
    traces = [
        {
            "type": "choroplethmap",
            "geojson": geometry_url(spec["level"]),
            "locations": [a[0] for a in spec["areas"]],
            "z": z,
            "customdata": ["<br>".join(t for t in a[3] if t) for a in spec["areas"]],
            "hovertemplate": HOVER,
            "colorscale": scale,
            "zmin": -0.5,
            "zmax": k - 0.5,
            "marker": {
                "opacity": [a[2] for a in spec["areas"]],
                "line": {"color": BORDER, "width": 0.6},
            },
            "colorbar": {
                "tickvals": list(range(k)),
                "ticktext": [lab for lab, _ in spec["legend"]],
            },
            "name": spec["title"],
        }
    ]
    centre, zoom = view(boxes, spec["focus"], height=spec["height"])
    layout = {
        "map": {"style": "white-bg", "center": centre, "zoom": zoom},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "height": spec["height"],
        "hoverlabel": HOVERLABEL,
    }
    return go.Figure({"data": traces, "layout": layout}, _validate=VALIDATE)
