"""Which districts touch: the spillover table the before/after comparison excludes by default.

Built from the same May 2024 district boundaries as the maps, in British National Grid metres.
The ONS 'BUC' file is clipped to the coastline, so districts facing each other across an estuary
(Newcastle and Gateshead across the Tyne) do not share an edge in it; two districts count as
touching when they come within ``GAP`` metres of each other, which bridges estuaries and rivers
but not open sea between distant coasts. UK-wide: every district in the file, any nation.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely

from pipelines.extracts.geo import BNG, LAD_FILE

GAP = 500.0  # metres


def touching(codes: list[str], geoms: np.ndarray, gap: float = GAP) -> pd.DataFrame:
    """Every ordered pair (a, b), a != b, whose geometries come within ``gap`` metres."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=gap)
    keep = left != right
    left, right = left[keep], right[keep]
    dist = shapely.distance(geoms[left], geoms[right])
    return (
        pd.DataFrame(
            {
                "area_code": np.asarray(codes, dtype=object)[left],
                "neighbour_code": np.asarray(codes, dtype=object)[right],
                "distance_m": np.round(dist, 1),
            }
        )
        .sort_values(["area_code", "neighbour_code"])
        .reset_index(drop=True)
    )


def load_lad_contiguity(path: Path) -> pd.DataFrame:
    gdf = pyogrio.read_dataframe(path).to_crs(BNG)
    geoms = shapely.make_valid(gdf.geometry.values)
    return touching(gdf["LAD24CD"].tolist(), np.asarray(geoms, dtype=object))


EXTRACTS = {"geo_lad_contiguity": (f"geo/{LAD_FILE}", load_lad_contiguity)}
