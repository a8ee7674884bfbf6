"""Boundaries for the maps: the warehouse's simplified polygons read once per build (``shapes``),
and the static files Streamlit serves beside the app (``static_geo``), written once per build and
level. Used by the map spec (``maps``) and the SVG paths (``map_paths``)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import streamlit as st

from atlas.data import areas as A
from atlas.data.db import version


def _rings(coords, places: int = 3):
    """Nested coordinate lists with each ring as a rounded (n, 2) numpy array: figures copy the
    geometry (plotly deep-copies on build and on serialising), and arrays copy in one step."""
    if isinstance(coords[0][0], int | float):
        return np.round(np.asarray(coords, dtype=float), places)
    return [_rings(c, places) for c in coords]


def _bbox(coords) -> tuple[float, float, float, float]:
    flat = coords
    while isinstance(flat, list):
        flat = np.concatenate([np.atleast_2d(_flat(c)) for c in flat])
    return (
        float(flat[:, 0].min()),
        float(flat[:, 1].min()),
        float(flat[:, 0].max()),
        float(flat[:, 1].max()),
    )


def _flat(c):
    return c if isinstance(c, np.ndarray) else np.concatenate([_flat(x) for x in c])


@st.cache_resource(max_entries=8, show_spinner=False)
def _shapes(build: str, level: str) -> tuple[dict, dict]:
    features, boxes = {}, {}
    for code, text in A.geometry(level).itertuples(index=False):
        geom = json.loads(text)
        geom = geom.get("geometry", geom)
        geom = {"type": geom["type"], "coordinates": _rings(geom["coordinates"])}
        features[code] = {"type": "Feature", "id": code, "properties": {}, "geometry": geom}
        boxes[code] = _bbox(geom["coordinates"])
    return features, boxes


def shapes(level: str) -> tuple[dict, dict]:
    """({code: GeoJSON Feature}, {code: (west, south, east, north)}) for a level — shared, read-only."""
    return _shapes(version(), level)


STATIC = Path(__file__).resolve().parents[2] / "static"  # Streamlit serves it at app/static/
GEO_DIR = STATIC / "geo"


KEEP_FILES = 4  # per level: older builds' files are removed, a few kept for other warehouses


def static_geo(level: str, kind: str, text: Callable[[], str]) -> str:
    """Relative URL of ``static/geo/<level>-<build>.<kind>.json``, which Streamlit serves at
    ``app/static/geo/…``; written from ``text()`` when missing, atomically (replicas may write the
    same bytes at once: readers never see half), keeping a few older builds' files of the kind."""
    name = f"{level}-{re.sub(r'[^a-z0-9]', '', version().lower())[:16]}.{kind}.json"
    path = GEO_DIR / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text(), encoding="utf-8")
        os.replace(tmp, path)
        older = sorted(GEO_DIR.glob(f"{level}-*.{kind}.json"), key=lambda f: f.stat().st_mtime)
        for old in older[:-KEEP_FILES]:
            old.unlink(missing_ok=True)
    return f"app/static/geo/{name}"


# ---- the map as a spec for the SVG component ----------------------------------------------------
