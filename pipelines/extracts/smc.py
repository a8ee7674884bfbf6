"""Social Mobility Commission areas: map polygons dissolved from the 2024 districts, and a check of
the crosswalk against the Commission's own map.

``data/seeds/smc_area_lad.csv`` says which 2024 local authority districts make up each of the 205
SMC areas. Here each area is drawn by dissolving its districts (UK LAD May 2024 BUC, which covers
Scotland, Wales and Northern Ireland too), and the same union, unsimplified, is compared with the
Commission's polygon of that name (``mobility/smc_son_2025_UK205regions.topojson``): the share of
each polygon the districts cover and the intersection over union go to ``raw.smc_shape_check``,
and ``sql/tests/smc_crosswalk_matches_smc_map.sql`` fails the build when they disagree.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from pipelines import SEEDS_DIR
from pipelines.extracts.geo import BNG, LAD_FILE, WGS84, frame, prepare
from pipelines.manifest import BuildError

CROSSWALK = "smc_area_lad.csv"
TOLERANCE = 500.0  # metres: 205 UK areas come to about 0.5 MB of GeoJSON text
SMC_MAP = "mobility/smc_son_2025_UK205regions.topojson"


def crosswalk(seeds_dir: Path = SEEDS_DIR) -> pd.DataFrame:
    with open(seeds_dir / CROSSWALK, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line, row in enumerate(rows, start=2):
        for field in ("smc_area", "smc_code", "lad24_code", "evidence"):
            if not (row.get(field) or "").strip():
                raise BuildError(f"{field} is empty", file=f"../seeds/{CROSSWALK}", row=line)
    return pd.DataFrame(rows)


@lru_cache(maxsize=2)
def _uk_lads(gpkg: Path, mtime: float) -> dict[str, shapely.Geometry]:
    lads = pyogrio.read_dataframe(gpkg).to_crs(BNG)
    return dict(zip(lads["LAD24CD"], shapely.make_valid(lads.geometry.values), strict=True))


def uk_lads(gpkg: Path) -> dict[str, shapely.Geometry]:
    """All 361 UK districts (May 2024 BUC), valid, in British National Grid, by code."""
    return _uk_lads(gpkg.resolve(), gpkg.stat().st_mtime)


@lru_cache(maxsize=2)
def _unions(gpkg: Path, mtime: float, seeds_dir: Path) -> pd.DataFrame:
    """One row per SMC area: code, name and the union of its districts in British National Grid."""
    geoms = uk_lads(gpkg)
    xwalk = crosswalk(seeds_dir)
    unknown = sorted(set(xwalk["lad24_code"]) - geoms.keys())
    if unknown:
        line = int(xwalk.index[xwalk["lad24_code"] == unknown[0]][0]) + 2
        raise BuildError(
            f"district {unknown[0]} is not in {LAD_FILE}", file=f"../seeds/{CROSSWALK}", row=line
        )
    rows = []
    for (code, name), members in xwalk.groupby(["smc_code", "smc_area"], sort=True):
        union = shapely.union_all([geoms[c] for c in members["lad24_code"]])
        rows.append((code, name, union))
    return pd.DataFrame(rows, columns=["code", "name", "geometry"])


def unions(gpkg: Path, seeds_dir: Path = SEEDS_DIR) -> pd.DataFrame:
    return _unions(gpkg.resolve(), gpkg.stat().st_mtime, seeds_dir)


def load_smc_boundaries(gpkg: Path) -> pd.DataFrame:
    """The 205 SMC areas as map-ready GeoJSON (WGS84, valid, coverage-simplified, clockwise)."""
    areas = unions(gpkg)
    geoms = prepare(gpd.GeoSeries(areas["geometry"].values, crs=BNG), TOLERANCE)
    return frame(
        areas["code"],
        areas["name"],
        "smc",
        geoms,
        None,
        None,
        "dissolved from ONS LAD May 2024 BUC by data/seeds/smc_area_lad.csv",
    )


@lru_cache(maxsize=2)
def _published(topojson: Path, mtime: float) -> dict[str, shapely.Geometry]:
    smc = gpd.read_file(topojson).set_crs(WGS84, allow_override=True).to_crs(BNG)
    return dict(zip(smc["Newname"], shapely.make_valid(smc.geometry.values), strict=True))


def published(topojson: Path) -> dict[str, shapely.Geometry]:
    """The Commission's own polygons by area name (British National Grid)."""
    return _published(topojson.resolve(), topojson.stat().st_mtime)


def load_lad_check(topojson: Path) -> pd.DataFrame:
    """For each 2024 district: the SMC polygon that covers most of it, and the share it covers."""
    polys = published(topojson)
    names, shapes = list(polys), np.array(list(polys.values()), dtype=object)
    tree = shapely.STRtree(shapes)
    rows = []
    for code, geom in uk_lads(topojson.parent.parent / "geo" / LAD_FILE).items():
        near = tree.query(geom)
        shares = shapely.area(shapely.intersection(geom, shapes[near])) / geom.area
        best = int(np.argmax(shares))
        rows.append((code, names[near[best]], float(shares[best])))
    return pd.DataFrame(rows, columns=["lad24_code", "best_smc_area", "best_share"]).round(4)


def load_shape_check(topojson: Path) -> pd.DataFrame:
    """For each SMC area: how well the union of its districts matches the Commission's polygon."""
    published_ = published(topojson)
    mine = unions(topojson.parent.parent / "geo" / LAD_FILE)
    rows = []
    for code, name, union in mine.itertuples(index=False):
        theirs = published_.get(name)
        if theirs is None:
            rows.append((code, name, union.area / 1e6, np.nan, np.nan, np.nan))
            continue
        inter = shapely.intersection(union, theirs).area
        rows.append(
            (
                code,
                name,
                union.area / 1e6,
                theirs.area / 1e6,
                inter / theirs.area,
                inter / (union.area + theirs.area - inter),
            )
        )
    out = pd.DataFrame(
        rows,
        columns=["smc_code", "smc_area", "lads_km2", "smc_map_km2", "smc_map_covered", "iou"],
    )
    extra = sorted(set(published_) - set(mine["name"]))
    return pd.concat(
        [out, pd.DataFrame({"smc_area": extra, "smc_code": None})], ignore_index=True
    ).round(4)


EXTRACTS = {
    "smc_boundaries": (f"geo/{LAD_FILE}", load_smc_boundaries),
    "smc_shape_check": (SMC_MAP, load_shape_check),
    "smc_lad_check": (SMC_MAP, load_lad_check),
}
