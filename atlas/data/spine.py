"""The spine chart's rows: every indicator's latest value for an area beside its region's (or,
outside England, its nation's) and England's, the range across English councils and the comparison
with England. Nothing here draws anything (the chart is ``atlas.charts.spine``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data.areas import (
    DOMAINS,
    ENGLAND,
    areas,
    comparators,
    indicators,
    profile_values,
    ranges,
    value_code,
)
from atlas.data.db import version
from atlas.data.nations import benchmark
from atlas.text.comparison import NONE, compare
from atlas.text.formatting import shown


def spine_frame(code: str) -> pd.DataFrame:
    return _spine_frame(version(), code)


@st.cache_data(max_entries=400, show_spinner=False)
def _spine_frame(build: str, code: str) -> pd.DataFrame:
    """One row per indicator (latest period): the area's value, its region's and England's, the
    England range of LA values, and the comparison with England."""
    cat, places, rng = indicators(), areas(), ranges()
    row = places.loc[code]
    region = row["region_code"] if row["level"] in ("lad", "county") else None
    if benchmark(code) != ENGLAND:  # outside England the diamond is the area's own nation
        region = benchmark(code)
    vals = profile_values(comparators(code)).set_index(["indicator_id", "area_code", "period"])

    def get(ind: str, area: str | None, period: str) -> pd.Series | None:
        key = (ind, area, period)
        return vals.loc[key] if area and key in vals.index else None

    rows = []
    for ind, meta in cat.iterrows():
        if ind not in rng.index:
            continue
        r = rng.loc[ind]
        vc, note = value_code(places, code, meta["geography"])
        own, eng, reg = (
            get(ind, vc, r["period"]),
            get(ind, ENGLAND, r["period"]),
            get(ind, region, r["period"]),
        )
        rows.append(_spine_row(ind, meta, r, own, eng, reg, places, vc, note, row))
    return _ordered(pd.DataFrame(rows), cat)


def _spine_row(ind, meta, r, own, eng, reg, places, vc, note, row) -> dict:
    """One indicator's row: the area's latest value and interval, its region's (or nation's) and
    England's, the England range of council values and the comparison with England."""
    value = own["value"] if own is not None else np.nan
    lo = own["lower_ci"] if own is not None else np.nan
    hi = own["upper_ci"] if own is not None else np.nan
    status = own["status"] if own is not None else "not_available"
    e = eng["value"] if eng is not None else np.nan
    return {
        "indicator_id": ind,
        "indicator_title": meta["title"],
        "area_code": vc,
        "area_name": places.loc[vc, "area_name"],
        "level": places.loc[vc, "level"],
        "year": own["year"] if own is not None else r["year"],
        "source_file": own["source_file"] if own is not None else None,
        "source_measure": own["source_measure"] if own is not None else None,
        "domain": meta["domain"],
        "title": meta["short_title"],
        "unit": meta["unit"],
        "decimals": int(meta["decimals"]),
        "polarity": meta["polarity"],
        "period": r["period"],
        "value": value,
        "lower_ci": lo,
        "upper_ci": hi,
        "status": status,
        "region": reg["value"] if reg is not None else np.nan,
        "england": e,
        "min": r["min_value"],
        "q25": r["q25"],
        "q75": r["q75"],
        "max": r["max_value"],
        "median": r["median"],
        "n": int(r["n_areas"]),
        "comparison": compare(value, lo, hi, e, meta["polarity"])
        if meta["unit"] != "count"
        else NONE,
        "note": note
        or (
            None if own is not None or row["level"] != "county" else "published for districts only"
        ),
    }


def _ordered(frame: pd.DataFrame, cat: pd.DataFrame) -> pd.DataFrame:
    """The spine's rows with their shown value, by domain and then in catalogue order."""
    if frame.empty:
        return frame
    frame["shown"] = [
        shown(v, s, u, d)
        for v, s, u, d in zip(
            frame["value"], frame["status"], frame["unit"], frame["decimals"], strict=True
        )
    ]
    order = {d: i for i, d in enumerate(DOMAINS)}
    return frame.sort_values(
        ["domain", "indicator_id"],
        key=lambda s: (
            s.map(order) if s.name == "domain" else s.map({k: i for i, k in enumerate(cat.index)})
        ),
    ).reset_index(drop=True)
