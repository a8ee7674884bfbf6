"""The UK map's words for the councils of Wales, Scotland and Northern Ireland: why a council has
no value ('england_only', or 'nation_only' where ONS publishes the nation as a whole, as for the
APS rates in Northern Ireland), and comparisons with each council's own nation or the UK.
Used by ``atlas.data.areas.map_data``; it takes its frames as arguments (no queries here)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from atlas.text.comparison import compare
from atlas.text.formatting import fmt

UK = "K02000001"


def missing_status(
    places: pd.DataFrame, las: pd.DataFrame, outside: pd.Index, missing: pd.DataFrame
) -> pd.Series:
    """Why a council outside England has no row: 'england_only' (the indicator is England's
    only), 'nation_only' (its nation's councils have none: e.g. the APS rates, which ONS publishes
    for Northern Ireland as a whole only), else 'not_available'."""
    if not las["area_code"].isin(outside).any():
        return pd.Series("england_only", index=range(len(missing)))
    with_rows = set(places.loc[places.index.intersection(las["area_code"]), "country_code"])
    return pd.Series(
        np.where(missing["country_code"].isin(with_rows), "not_available", "nation_only")
    )


def nation_only_words(
    frame: pd.DataFrame, places: pd.DataFrame, others: pd.DataFrame, meta: pd.Series
) -> pd.DataFrame:
    """'not published for Northern Ireland's councils (Northern Ireland: 24.7%)' for the
    councils of a nation published only as a whole (the map's hover and table say why)."""
    rows = frame["status"] == "nation_only"
    if not rows.any():
        return frame
    nation = places.loc[frame.loc[rows, "area_code"], "country_code"].to_numpy()
    whole = others.set_index("area_code")["value"]
    unit, dec = meta["unit"], int(meta["decimals"])
    words = [
        f"not published for {places.loc[n, 'area_name']}'s councils"
        + (f" ({places.loc[n, 'area_name']}: {fmt(whole[n], unit, dec)})" if n in whole else "")
        for n in nation
    ]
    frame = frame.copy()
    frame.loc[rows, "value_text"] = words
    frame.loc[rows, "status_text"] = "published for the nation as a whole only"
    return frame


def versus(
    frame: pd.DataFrame, others: dict, meta: pd.Series, benchmark: str, places: pd.DataFrame
) -> pd.DataFrame:
    """Comparisons against each row's own nation or the UK; ``comparison`` keeps the England
    wording as a class (the map's legend renames it), ``comparison_text`` names the benchmark."""
    if benchmark not in ("nation", "uk") or frame.empty or "category" in frame:  # SMC: as published
        return frame.assign(comparison_text=frame.get("comparison"))
    country = frame["area_code"].map(places["country_code"])
    refs = country if benchmark == "nation" else pd.Series(UK, index=frame.index)
    value = {c: r["value"] for c, r in others.items()}
    names = {UK: "the UK", **places.loc[places["level"] == "nation", "area_name"].to_dict()}
    out = frame.copy()
    out["comparison"] = [
        compare(v, lo, hi, value.get(r, np.nan), meta["polarity"])
        for v, lo, hi, r in zip(
            frame["value"], frame["lower_ci"], frame["upper_ci"], refs, strict=True
        )
    ]
    out["comparison_text"] = [
        c.replace("England", names.get(r, "England"))
        for c, r in zip(out["comparison"], refs, strict=True)
    ]
    return out
