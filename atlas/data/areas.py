"""Data access for the atlas pages: areas and indicators, the map's rows and thin query wrappers.

Pages call these; nothing here builds SQL (queries live in ``sql/queries``) or draws anything.
Shaping for one page lives beside it: ``profile_data`` (spine, trends, headlines),
``compare_groups`` (preset groups, group ranks) and ``view_exports`` (download frames).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data import map_nations as M
from atlas.data import mobility
from atlas.data.db import query, version
from atlas.text.comparison import compare, describe, ranked

ENGLAND = "E92000001"
UK = "K02000001"
GB = "K03000001"
NORTH_EAST = "E12000001"
DEFAULT_IND = "ks4_att8_all"
KEY_INDICATORS = ("ks4_att8_all", "he19_fsm", "inactivity_rate", "le_female")
DOMAINS = {
    "attainment": "Attainment",
    "he_participation": "HE participation",
    "skills": "Skills and qualifications",
    "labour": "Economic inactivity and labour",
    "health": "Health inequality",
    "deprivation": "Deprivation",
    "context": "Context",
    "mobility": "Social mobility (SMC)",
}
LEVELS = {
    "lad": "district",
    "county": "county",
    "region": "region",
    "ca": "combined authority",
    "nation": "country",
    "smc": "Social Mobility Commission area",
    "uk": "UK",
}


# ---- catalogue and areas ------------------------------------------------------------------------


@st.cache_resource(max_entries=2, show_spinner=False)
def _indicators(build: str) -> pd.DataFrame:
    frame = query("common_indicators").set_index("indicator_id", drop=False)
    frame["periods"] = frame["periods"].map(list)
    return frame


def indicators() -> pd.DataFrame:
    """The indicator catalogue indexed by indicator_id, with ``periods`` and ``latest_period``.
    Shared between sessions: read it, don't modify it."""
    return _indicators(version())


@st.cache_resource(max_entries=2, show_spinner=False)
def _areas(build: str) -> pd.DataFrame:
    return query("common_areas").set_index("area_code", drop=False)


def areas() -> pd.DataFrame:
    """Current areas indexed by code. Shared between sessions: read it, don't modify it."""
    return _areas(version())


# what a council is called outside England, by the first letter of its code
def members(places: pd.DataFrame, focus: str, geography: str) -> list[str]:
    """Codes of the areas at ``geography`` ('lad'/'utla'/'smc') inside a region, CA, nation, GB, UK or England.
    SMC areas cover the whole UK: England (or a UK/GB code) keeps all 205 of them, a Welsh,
    Scottish or Northern Irish country code (W92/S92/N92) that nation's."""
    if places is areas():  # the shared frame: once per build, focus and level (~1 ms a run)
        return list(_members(version(), focus, geography))
    return _members_of(places, focus, geography)


@st.cache_resource(max_entries=200, show_spinner=False)
def _members(build: str, focus: str, geography: str) -> tuple[str, ...]:
    return tuple(_members_of(areas(), focus, geography))


def _members_of(places: pd.DataFrame, focus: str, geography: str) -> list[str]:
    if geography == mobility.GEOGRAPHY:
        smc = places[places["level"] == mobility.GEOGRAPHY]
        if focus[1:3] == "92" and focus != ENGLAND:
            smc = smc[smc["area_code"].str[0] == focus[0]]
        elif focus != ENGLAND and not focus.startswith("K"):
            smc = smc[(smc["region_code"] == focus) | (smc["ca_code"] == focus)]
        return smc["area_code"].tolist()
    lads = places[places["is_lad"]]
    if focus == GB:
        lads = lads[lads["country_code"] != "N92000002"]
    elif places.loc[focus, "level"] == "nation":
        lads = lads[lads["country_code"] == focus]
    elif focus != UK:
        lads = lads[(lads["region_code"] == focus) | (lads["ca_code"] == focus)]
    if geography == "utla":
        return sorted(set(lads["utla_code"].dropna()))
    return lads["area_code"].tolist()


def value_code(places: pd.DataFrame, code: str, geography: str) -> tuple[str, str | None]:
    """The area whose published value stands for ``code``: a district takes its county's value for
    indicators published only at upper-tier level. Returns (code, note)."""
    if geography == mobility.GEOGRAPHY:
        smc = mobility.smc_code(places, code)
        return (smc, mobility.note_for(places, code, smc)) if smc else (code, None)
    row = places.loc[code]
    if geography == "utla" and row["level"] == "lad" and not row["is_utla"] and row["utla_code"]:
        return row["utla_code"], f"shown for {row['utla_name']}, the upper-tier authority"
    return code, None


# ---- page-level data ----------------------------------------------------------------------------


def map_table(frame: pd.DataFrame, inside: list[str], ind: str) -> pd.DataFrame:
    """The map's accessible table: the areas in focus, best first, each with a link to its profile.
    Councils outside England on a UK map of an England-only indicator read 'England only'; their
    exported status is the contract's 'not_available' with that note."""
    table = frame[frame["area_code"].isin(inside)].sort_values("rank", na_position="last")
    outside = table["status"] == "england_only"
    whole = table["status"] == "nation_only"  # e.g. Northern Ireland's districts for APS rates
    table = table.assign(
        status=table["status"].mask(outside | whole, "not_available"),
        note=table["note"]
        .mask(outside, "published for England only")
        .mask(whole, "published for the nation as a whole only"),
    )
    places = areas()
    codes = table["area_code"].tolist()
    levels = places["level"].reindex(codes).tolist()  # one lookup, not one .loc per row
    targets = [
        mobility.profile_target(places, c) if lv == mobility.GEOGRAPHY else c
        for c, lv in zip(codes, levels, strict=True)
    ]
    return table.assign(profile=[f"/profile?area={t}&ind={ind}" if t else None for t in targets])


def focus_table(ind: str, period: str, focus: str, scope: str, versus: str) -> pd.DataFrame:
    """``map_table`` of ``map_data(ind, period, scope, versus)`` for the areas in ``focus``, with
    ``comparison`` in words: once per build and view, shared between sessions (read it, don't
    modify it)."""
    return _focus_table(version(), ind, period, focus, scope, versus)


@st.cache_resource(max_entries=300, show_spinner=False)
def _focus_table(
    build: str, ind: str, period: str, focus: str, scope: str, versus: str
) -> pd.DataFrame:
    frame, _ = map_data(ind, period, scope, versus)
    inside = members(areas(), focus, indicators().loc[ind, "geography"])
    table = map_table(frame, inside, ind)
    return table.assign(comparison=table["comparison_text"])  # named for its benchmark


def map_data(
    ind: str, period: str, scope: str = ENGLAND, versus: str = "england"
) -> tuple[pd.DataFrame, dict]:
    """As ``_map_data``; ``versus`` ('england', 'nation' or 'uk'): what each council's
    ``comparison`` (and its words, ``comparison_text``) is against — England, its own nation
    (England for English councils), or the UK. Shared between sessions: read them, don't modify
    them."""
    return _map_view(version(), ind, period, scope, versus)


@st.cache_resource(max_entries=300, show_spinner=False)
def _map_view(
    build: str, ind: str, period: str, scope: str, versus: str
) -> tuple[pd.DataFrame, dict]:
    # once per build and view, shared by every session and only read (st.cache_data unpickled a
    # copy on every read and the comparisons were redone on every run)
    frame, others = _map_data(build, ind, period, scope)
    return M.versus(frame, others, indicators().loc[ind], versus, areas()), others


@st.cache_data(max_entries=500, show_spinner=False)
def _map_data(build: str, ind: str, period: str, scope: str) -> tuple[pd.DataFrame, dict]:
    """LA rows for a map (ranked within ``scope``: England or the UK, described) and the headline
    comparators {code: row}. On a UK map every council outside England is drawn: with no row for
    an indicator published only for England, its status is 'england_only' (shown as 'England
    only', not 'no data'); with no row for a UK indicator, 'not_available' (e.g. Northern Ireland's
    districts where only a national figure is published)."""
    meta = indicators().loc[ind]
    places = areas()
    values = query("map_values", ind=ind, period=period)
    level = {"lad": places["is_lad"], "utla": places["is_utla"]}.get(
        meta["geography"], places["level"] == meta["geography"]
    )
    if scope == ENGLAND and meta["geography"] in ("lad", "utla"):
        level = level & (places["country_code"] == ENGLAND)
    las = values[values["area_code"].isin(places.index[level])]
    others = values[~values["area_code"].isin(las["area_code"])]  # incl. councils outside scope
    outside = places.index[level & (places["country_code"] != ENGLAND)]
    missing = places.loc[outside.difference(las["area_code"])] if scope != ENGLAND else []
    if len(missing):
        status = M.missing_status(places, las, outside, missing).to_numpy()
        filler = pd.DataFrame({"area_code": missing.index, "area_name": missing["area_name"]})
        las = pd.concat([las, filler.assign(level="lad", status=status)], ignore_index=True)
        las[["value", "lower_ci", "upper_ci"]] = las[["value", "lower_ci", "upper_ci"]].astype(
            float
        )
    england = others.loc[others["area_code"] == ENGLAND, "value"]
    eng = float(england.iloc[0]) if len(england) and pd.notna(england.iloc[0]) else None
    frame = M.nation_only_words(describe(ranked(las, meta, eng), meta), places, others, meta)
    if meta["geography"] == mobility.GEOGRAPHY:  # the Commission's category, as published
        frame = frame.merge(mobility.categories(ind, period), on="area_code", how="left")
        frame["comparison"] = frame["category"].fillna("not published")  # no England value
    return frame.reset_index(drop=True), {
        r["area_code"]: r for _, r in _with_comparison(describe(others, meta), meta, eng).iterrows()
    }


def _with_comparison(frame: pd.DataFrame, meta: pd.Series, eng: float | None) -> pd.DataFrame:
    """Comparison with England for rows that are not ranked (regions, nations, councils outside the
    map's scope), so a compare table can still say how each stands against England."""
    england = np.nan if eng is None else eng
    return frame.assign(
        comparison=[
            compare(v, lo, hi, england, meta["polarity"])
            for v, lo, hi in zip(frame["value"], frame["lower_ci"], frame["upper_ci"], strict=True)
        ]
    )


def geometry(level: str) -> pd.DataFrame:
    return query("map_geometry", level=level)


def series_breaks() -> pd.DataFrame:
    return query("common_series_breaks")


def profile_values(codes: list[str]) -> pd.DataFrame:
    return query("profile_values", codes=sorted(set(codes)))


def ranges() -> pd.DataFrame:
    return query("profile_ranges").set_index("indicator_id")


def compare_values(ind: str, codes: list[str]) -> pd.DataFrame:
    return query("compare_values", ind=ind, codes=sorted(set(codes)))


def neighbours(code: str, neighbour_set: str) -> list[str]:
    return query("compare_neighbours", area=code, neighbour_set=neighbour_set)["area_code"].tolist()


def comparators(code: str) -> list[str]:
    """An area, then its upper-tier authority, region and England (as far as they apply); outside
    England its own nation, then the UK, then England."""
    row = areas().loc[code]
    out = [code]
    if row["level"] == "lad" and isinstance(row["utla_code"], str):
        out.append(row["utla_code"])
    if row["level"] in ("lad", "county") and isinstance(row["region_code"], str):
        out.append(row["region_code"])
    if isinstance(row["country_code"], str) and row["country_code"] != ENGLAND:
        out += [row["country_code"], UK]
    smc = mobility.smc_code(areas(), code)  # for the SMC indices
    return list(dict.fromkeys([*out, ENGLAND, *([smc] if smc else [])]))


# ---- pickers ------------------------------------------------------------------------------------
