"""Boundary files -> map-ready GeoJSON geometry text, one row per area (districts and upper-tier
authorities for the whole UK; regions and combined authorities for England).

Each loader returns ``code, name, geo_level, geojson, lon, lat, boundary`` where ``geojson`` is a
GeoJSON *geometry* object (not a Feature) in WGS84 that is

* valid (``shapely.make_valid`` before simplifying; checked again at the end),
* simplified as a coverage (``shapely.coverage_simplify``): neighbouring areas keep one shared,
  simplified edge, so no gaps or slivers open up between them,
* rounded to 4 decimal places (about 7 m east-west, 11 m north-south: far finer than the
  200 m / 500 m generalisation of the ONS source files),
* oriented with exterior rings clockwise and holes anticlockwise. maplibre (plotly ``choropleth_map``)
  fills either winding as long as it is consistent; d3-geo (plotly ``choropleth``) treats an
  anticlockwise exterior as "everything except this area", so clockwise is the one orientation
  that is safe for both.

Label points (``lon``/``lat``) are the ONS ``LONG``/``LAT`` columns where the file has them, else a
representative point (always inside the polygon).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from pipelines.manifest import BuildError

BNG = 27700  # British National Grid: metres, so tolerances below are in metres
WGS84 = 4326
DECIMALS = 4
ENGLISH_LAD = r"^E0[6-9]"
UK_LAD = r"^(E0[6-9]|W06|S12|N09)"

# Coverage-simplification tolerances in metres, tuned so England's 296 districts come to about
# 270 KB of GeoJSON text and the 153 upper-tier authorities to about 310 KB (budget: 800 KB each).
# Wales, Scotland and Northern Ireland (65 more areas at each level) add about the same again.
TOLERANCE = {"lad": 200.0, "utla": 400.0, "region": 400.0}

LAD_FILE = "LAD_MAY_2024_UK_BUC.gpkg"


def _round_coords(obj: object) -> object:
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], float):
            return [round(v, DECIMALS) for v in obj]
        return [_round_coords(v) for v in obj]
    return obj


def geometry_json(geom: shapely.Geometry) -> str:
    """Compact GeoJSON geometry text with rounded coordinates (Python's shortest float repr)."""
    gj = json.loads(shapely.to_geojson(geom))
    gj["coordinates"] = _round_coords(gj["coordinates"])
    return json.dumps(gj, separators=(",", ":"))


def prepare(geoms: gpd.GeoSeries, tolerance: float) -> np.ndarray:
    """Valid, coverage-simplified, WGS84, grid-snapped, clockwise geometries."""
    bng = geoms.to_crs(BNG).values
    bng = shapely.make_valid(bng)
    bng = shapely.coverage_simplify(bng, tolerance) if tolerance else bng
    wgs = gpd.GeoSeries(bng, crs=BNG).to_crs(WGS84).values
    # snapping every vertex to the same grid keeps shared edges shared; set_precision returns
    # valid output (collapsed slivers are dropped rather than left self-intersecting)
    wgs = shapely.set_precision(wgs, 10.0**-DECIMALS)
    wgs = shapely.make_valid(wgs)
    wgs = shapely.orient_polygons(wgs, exterior_cw=True)
    bad = ~shapely.is_valid(wgs) | shapely.is_empty(wgs)
    if bad.any():
        raise ValueError(f"{int(bad.sum())} geometries invalid or empty after simplification")
    return wgs


def frame(
    codes: pd.Series,
    names: pd.Series,
    level: str,
    geoms: np.ndarray,
    lon: pd.Series | None,
    lat: pd.Series | None,
    boundary: str,
) -> pd.DataFrame:
    if lon is None or lat is None:
        points = shapely.point_on_surface(geoms)
        lon, lat = shapely.get_x(points), shapely.get_y(points)
    return pd.DataFrame(
        {
            "code": np.asarray(codes, dtype=object),
            "name": np.asarray(names, dtype=object),
            "geo_level": level,
            "geojson": [geometry_json(g) for g in geoms],
            "lon": np.round(np.asarray(lon, dtype=float), 5),
            "lat": np.round(np.asarray(lat, dtype=float), 5),
            "boundary": boundary,
        }
    )


@lru_cache(maxsize=2)
def _lads(path: Path, mtime: float) -> tuple[pd.DataFrame, tuple[shapely.Geometry, ...]]:
    gdf = pyogrio.read_dataframe(path)
    gdf = gdf[gdf["LAD24CD"].str.match(UK_LAD)].sort_values("LAD24CD").reset_index(drop=True)
    geoms = prepare(gdf.geometry, TOLERANCE["lad"])
    return pd.DataFrame(gdf.drop(columns="geometry")), tuple(geoms)


def uk_lads(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """The 361 UK districts (May 2024: 296 English, 22 Welsh, 32 Scottish, 11 Northern Irish),
    prepared once per build as one coverage and shared with the CA loader."""
    attrs, geoms = _lads(path.resolve(), path.stat().st_mtime)
    return attrs, np.array(geoms, dtype=object)


def unreadable(exc: Exception) -> str:
    """A boundary file GDAL cannot read, in words (its own message ends with the useful part)."""
    detail = str(exc).split(";")[-1].strip() or type(exc).__name__
    return f"the boundary file cannot be read ({detail}); it looks truncated or damaged"


def english_lads(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """The 296 English districts (May 2024)."""
    attrs, geoms = uk_lads(path)
    keep = attrs["LAD24CD"].str.match(ENGLISH_LAD).to_numpy()
    return attrs[keep].reset_index(drop=True), geoms[keep]


def load_lads(path: Path) -> pd.DataFrame:
    try:
        attrs, geoms = uk_lads(path)
    except Exception as exc:
        raise BuildError(unreadable(exc)) from exc
    return frame(
        attrs["LAD24CD"],
        attrs["LAD24NM"],
        "lad",
        geoms,
        attrs["LONG"],
        attrs["LAT"],
        "ONS LAD May 2024 BUC",
    )


def load_utlas(path: Path) -> pd.DataFrame:
    """Counties and unitary authorities (December 2023, BSC), UK: 153 English and 65 in Wales,
    Scotland and Northern Ireland (their councils are single-tier, coded as their districts)."""
    gdf = pyogrio.read_dataframe(f"/vsigzip/{path.resolve().as_posix()}")
    gdf = (
        gdf[gdf["CTYUA23CD"].str.match(r"^[EWSN]")].sort_values("CTYUA23CD").reset_index(drop=True)
    )
    geoms = prepare(gdf.geometry, TOLERANCE["utla"])
    return frame(
        gdf["CTYUA23CD"],
        gdf["CTYUA23NM"],
        "utla",
        geoms,
        gdf["LONG"],
        gdf["LAT"],
        "ONS CTYUA Dec 2023 BSC",
    )


def load_regions(path: Path) -> pd.DataFrame:
    gdf = pyogrio.read_dataframe(path).sort_values("RGN23CD").reset_index(drop=True)
    geoms = prepare(gdf.geometry, TOLERANCE["region"])
    return frame(
        gdf["RGN23CD"],
        gdf["RGN23NM"],
        "region",
        geoms,
        gdf["LONG"],
        gdf["LAT"],
        "ONS RGN Dec 2023 BUC",
    )


def load_combined_authorities(path: Path) -> pd.DataFrame:
    """Combined authorities (May 2024 membership) dissolved from the prepared district polygons.

    Districts come from the same coverage, so their union has no internal slivers."""
    lookup = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    try:  # the district boundaries are read from the GeoPackage: blame it, not the lookup
        attrs, geoms = english_lads(path.parent / LAD_FILE)
    except Exception as exc:
        raise BuildError(unreadable(exc), file=f"geo/{LAD_FILE}") from exc
    by_code = dict(zip(attrs["LAD24CD"], geoms, strict=True))
    missing = sorted(set(lookup["LAD24CD"]) - by_code.keys())
    if missing:
        raise ValueError(f"combined-authority members without a district boundary: {missing}")
    rows = []
    for (code, name), members in lookup.groupby(["CAUTH24CD", "CAUTH24NM"], sort=True):
        union = shapely.coverage_union_all([by_code[c] for c in members["LAD24CD"]])
        rows.append((code, name, union))
    codes, names, unions = zip(*rows, strict=True)
    unions = shapely.orient_polygons(
        shapely.make_valid(np.array(unions, dtype=object)), exterior_cw=True
    )
    return frame(
        pd.Series(codes),
        pd.Series(names),
        "ca",
        unions,
        None,
        None,
        "dissolved from ONS LAD May 2024 BUC by LAD24_CAUTH24 lookup",
    )


EXTRACTS = {
    "geo_lad_boundaries": (f"geo/{LAD_FILE}", load_lads),
    "geo_utla_boundaries": ("geo/CTYUA_DEC_2023_UK_BSC.geojson.gz", load_utlas),
    "geo_region_boundaries": ("geo/RGN_DEC_2023_EN_BUC.geojson", load_regions),
    "geo_ca_boundaries": ("geo/LAD24_CAUTH24_EN_LU.csv", load_combined_authorities),
}
