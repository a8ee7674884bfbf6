"""Boundaries as SVG paths, projected once per build and level, for the atlas's own map component.

The map that viewers see (``atlas.ui.mapview``) is an SVG drawn in the page, not plotly: it needs
none of plotly.js's 4.8 MB, which a new tab spends 1.6–2.0 s parsing (issue 10 measured both). Its
boundaries are projected here with web Mercator (as plotly's map) into whole units of about 100 m
at the UK's latitude, written as relative path commands, and saved once as a static file,
``static/geo/<level>-<build>.paths.json``, that Streamlit serves at ``app/static/geo/…``: the browser
fetches it once and every rerun sends only the areas' colours and hover text.
"""

from __future__ import annotations

import json
import math

import numpy as np

from atlas.charts.geometry import shapes, static_geo

#: units per radian of longitude: 1 unit is about 100 m at 54°N (6,371 km x cos 54° / 100 m)
SCALE = 37_450.0


def project(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator in map units: x grows east, y grows south (as SVG's y does)."""
    x = np.radians(lon) * SCALE
    y = -np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * SCALE
    return x, y


def _rings(coords) -> list[np.ndarray]:
    if isinstance(coords, np.ndarray):
        return [coords]
    return [r for c in coords for r in _rings(c)]


def ring_path(ring: np.ndarray) -> str:
    """One closed ring as relative SVG commands in whole units, repeated points dropped."""
    x, y = project(ring[:, 0], ring[:, 1])
    pts = np.column_stack([np.round(x), np.round(y)]).astype(np.int64)
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(np.diff(pts, axis=0) != 0, axis=1)
    pts = pts[keep]
    if len(pts) < 3:
        return ""
    steps = np.diff(pts, axis=0)
    return f"M{pts[0, 0]} {pts[0, 1]}l" + " ".join(f"{a} {b}" for a, b in steps.tolist()) + "z"


def paths(level: str) -> dict[str, dict]:
    """{area code: {"d": SVG path, "b": [x0, y0, x1, y1]}} in map units for a level."""
    features, _ = shapes(level)
    out = {}
    for code, feature in features.items():
        rings = _rings(feature["geometry"]["coordinates"])
        d = "".join(ring_path(r) for r in rings)
        if not d:
            continue
        pts = np.concatenate(rings)
        x, y = project(pts[:, 0], pts[:, 1])
        box = [math.floor(x.min()), math.floor(y.min()), math.ceil(x.max()), math.ceil(y.max())]
        out[code] = {"d": d, "b": box}
    return out


def paths_url(level: str) -> str:
    """Relative URL of the level's path file (written once per build)."""
    return static_geo(
        level,
        "paths",
        lambda: json.dumps({"level": level, "areas": paths(level)}, separators=(",", ":")),
    )
