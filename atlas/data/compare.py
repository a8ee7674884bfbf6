"""Compare page data: preset groups of areas, the group's ranked table and small-multiple trends."""

from __future__ import annotations

import pandas as pd

from atlas.data import comparator_sets as CS
from atlas.data.areas import (
    ENGLAND,
    areas,
    compare_values,
    indicators,
    map_data,
    neighbours,
    value_code,
)
from atlas.data.coverage import interventions
from atlas.data.db import query

PRESETS = {
    "lp1": ("Leading Places phase 1 areas", "Leading Places 1"),
    "lp2": ("Leading Places phase 2 areas", "Leading Places 2"),
    "ne_mca": ("North East MCA members", None),
    "oa": ("Opportunity Areas", "Opportunity Areas"),
    "neighbours": ("Statistical neighbours of an area", None),
}
NE_MCA = "E47000014"


def end_year(period: str) -> int:
    """A period label's end year (2023/24 -> 2024, 2021-23 -> 2023, 2023 -> 2023)."""
    text = str(period)
    first = int(text[:4])
    if len(text) > 4 and text[4] in "/-":
        tail = int(text[5:])
        return first - first % 100 + tail + (100 if tail < first % 100 else 0)
    return first


def default_set(geography: str) -> str:
    """The comparator set a neighbours group uses unless the user picks another."""
    return "dfe" if geography == "utla" else "ons_global"


def sets_for(geography: str) -> dict[str, str]:
    """Comparator sets published at an indicator's level: key -> label."""
    return {k: s.label for k, s in CS.SETS.items() if geography in s.geographies}


def preset_codes(
    group: str, anchor: str, geography: str, cset: str = "", ind: str = "", year: int = 0
) -> list[str]:
    """The areas of a preset group at the indicator's level (districts map to their upper tier for
    'utla' indicators). Statistical neighbours: the comparator set ``cset`` (default DfE 2025 for
    upper tiers, ONS global for districts; ``outcome`` = most like the anchor on ``ind`` before
    ``year``); the anchor first, then its 9 nearest. A set not published at this level raises
    ``CS.SetError`` with the reason."""
    places = areas()
    if group == "neighbours":
        own, _ = value_code(places, anchor, geography)
        cset = cset or default_set(geography)
        CS.check(cset, geography)
        if cset in ("dfe", "ons_global"):  # the published sets, cached as before
            found = neighbours(own, CS.SETS[cset].neighbour_set)
        else:
            found = CS.members(query, cset, [own], geography, ind, year)
        if cset == "ons_cluster":  # a cluster has no order: its areas nearest on the indicator
            cluster = set(found)
            near = CS.like_on_outcome(query, [own], geography, ind, year, n=len(places))
            found = [c for c in near if c in cluster]
        return [own, *[c for c in found if c in places.index and c != own]][:10]
    if group == "ne_mca":
        lads = places.index[places["is_lad"] & (places["ca_code"] == NE_MCA)].tolist()
    else:
        frame = interventions()
        lads = sorted(set(frame.loc[frame["programme_group"] == PRESETS[group][1], "area_code"]))
    return at_level(lads, geography)


def at_level(codes: list[str], geography: str) -> list[str]:
    """Codes mapped to the areas that publish values at ``geography``, order kept, duplicates dropped."""
    places = areas()
    out = [value_code(places, c, geography)[0] if c in places.index else c for c in codes]
    return list(dict.fromkeys(out))


def compare_table(ind: str, period: str, codes: list[str]) -> pd.DataFrame:
    """The chosen areas' rows from the map data (value, CI, status, England rank, comparison),
    ranked within the group (1 = best)."""
    frame, others = map_data(ind, period)
    meta = indicators().loc[ind]
    rows = frame[frame["area_code"].isin(codes)].copy()
    missing = [c for c in codes if c not in set(rows["area_code"])]
    if missing:  # regions / CAs the user picked, or areas with no row this period
        extra = [others[c] for c in missing if c in others]
        rows = pd.concat([rows, pd.DataFrame(extra)], ignore_index=True) if extra else rows
    asc = meta["polarity"] == "lower_better"
    rows["group_rank"] = rows["value"].rank(ascending=asc, method="min").astype("Int64")
    return rows.sort_values(["group_rank", "area_name"], na_position="last").reset_index(drop=True)


def compare_trends(ind: str, codes: list[str]) -> pd.DataFrame:
    """Long frame for small multiples: one facet per area, each with its own line and England's."""
    vals = compare_values(ind, codes)
    eng = vals[vals["area_code"] == ENGLAND]
    parts = []
    for code in codes:
        mine = vals[vals["area_code"] == code]
        if mine.empty:
            continue
        name = mine["area_name"].iloc[0]
        parts += [mine.assign(facet=name, series="Area"), eng.assign(facet=name, series="England")]
    if not parts:  # e.g. a combined authority with no published series for this indicator
        return vals.head(0).assign(facet=pd.Series(dtype=str), series=pd.Series(dtype=str))
    return pd.concat(parts, ignore_index=True)
