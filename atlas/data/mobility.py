"""The Social Mobility Commission's State of the Nation 2025 indices: which SMC area a district
belongs to, the published categories, and readings for the profile and for before/after.

The SMC areas are the Commission's own 205 UK areas (mostly upper-tier authorities; see
``marts.smc_areas``). A district or county shows its SMC area's value, always named. Nothing here
imports ``atlas.data.areas`` (which imports this module) or draws anything.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data.db import query, version

GEOGRAPHY = "smc"
HEADLINE = "smc_prospects"
#: The outcome index first, then the three drivers, as the Commission presents them.
INDICES = ("smc_prospects", "smc_childhood", "smc_labour_young", "smc_innovation")
#: The Commission's seven categories, least favourable first (category_rank 1..7).
CATEGORIES = (
    "Least Favourable",
    "Unfavourable",
    "Lower Middling",
    "Middling",
    "Upper Middling",
    "Favourable",
    "Most Favourable",
)
ZSCORE = (
    "A z-score places an area against the UK average of the Commission's 205 areas, in standard "
    "deviations: 0 is the UK average, +1 one standard deviation more favourable, -1 one less."
)
NOT_CONTROLLED = (
    "A two-period index is itself a before/after reading of the area against the UK average: it "
    "shows where the area stood in each period, not what any programme did. It is not a controlled "
    "comparison: there are no comparison areas, no trend before the earlier period and no "
    "confidence intervals, and the z-score is relative, so an area can move because others did."
)


@st.cache_resource(max_entries=2, show_spinner=False)
def _lookup(build: str) -> pd.DataFrame:
    return query("smc_area_lads").set_index("lad24_code")


def lookup() -> pd.DataFrame:
    """2024 district code -> smc_code, smc_area, grouping (all 361 UK districts). Read-only."""
    return _lookup(version())


def smc_code(places: pd.DataFrame, code: str) -> str | None:
    """The SMC area standing for ``code``: itself for an SMC area, a district's SMC area, a county's
    when all its districts lie in one SMC area; None for regions, CAs and nations."""
    if code not in places.index:
        return None
    row, table = places.loc[code], lookup()
    if row["level"] == GEOGRAPHY:
        return code
    if row["level"] == "lad":
        return table["smc_code"].get(code)
    if row["level"] == "county":
        lads = places.index[places["is_lad"] & (places["utla_code"] == code)]
        found = set(table["smc_code"].reindex(lads).dropna())
        return found.pop() if len(found) == 1 else None
    return None


def same_place(code: str, smc: str) -> bool:
    """True when the SMC area is exactly this one district (e.g. Newcastle upon Tyne)."""
    table = lookup()
    return table["smc_code"].get(code) == smc and int((table["smc_code"] == smc).sum()) == 1


def note_for(places: pd.DataFrame, code: str, smc: str) -> str | None:
    """Words for a value shown for an SMC area rather than the place itself."""
    if smc == code:
        return None
    name = places.loc[smc, "area_name"] if smc in places.index else smc
    if same_place(code, smc):
        return f"published for the Social Mobility Commission's area {name} (the same place)"
    return f"shown for {name}, the Social Mobility Commission's area it lies in"


def profile_target(places: pd.DataFrame, code: str) -> str | None:
    """The profile an SMC area opens: its lead authority (the one its code is built from: the
    county, the unitary, Camden for 'Camden and City of London'), else its first district with a
    profile (Cumberland for 'Cumbria', whose county was abolished), else None. Any other code is
    returned unchanged."""
    if code not in places.index or places.loc[code, "level"] != GEOGRAPHY:
        return code
    table = lookup()
    mine = table[table["smc_code"] == code]
    options = [mine["lead_code"].iloc[0], *mine.index] if len(mine) else []
    return next((c for c in options if c in places.index), None)  # places: current areas only


MAP_COLOURS = (
    "Coloured by **the Commission's own category** for each area, as published (Least Favourable "
    "to Most Favourable)."
)


def map_reading(meta: pd.Series, period: str, frame: pd.DataFrame, focus: str, uk: bool) -> str:
    """The line above an SMC map, computed from its rows."""
    n = int(frame["value"].notna().sum())
    counts = frame["category"].value_counts()
    extremes = ", ".join(
        f"{int(counts.get(c, 0))} {c}" for c in (CATEGORIES[-1], CATEGORIES[0]) if c in counts
    )
    where = "the whole UK" if uk else f"{focus} highlighted"
    return (
        f"**{meta['title']}**, {period}: {where}. Each shape is one of the Social Mobility "
        f"Commission's {len(frame)} UK areas; {n} have a published value ({extremes}). "
        f"{ZSCORE}"
    )


def profile_table(places: pd.DataFrame, code: str) -> tuple[str | None, pd.DataFrame]:
    """(SMC area name, one row per index x period: index, period, z-score, category) for the SMC
    area standing for ``code``; (None, empty) where there is none (regions, CAs, England)."""
    smc = smc_code(places, code)
    if smc is None:
        return None, pd.DataFrame()
    order = {ind: i for i, ind in enumerate(INDICES)}
    vals = readings([smc])
    vals = vals.assign(o=vals["indicator_id"].map(order)).sort_values(["o", "year"])
    table = vals.rename(
        columns={"short_title": "Index", "period": "Period", "category": "Category (as published)"}
    ).assign(**{"z-score": vals["zscore"].round(3)})
    return str(vals["smc_area"].iloc[0]), table[
        ["Index", "Period", "z-score", "Category (as published)"]
    ]


def categories(ind: str, period: str) -> pd.DataFrame:
    """area_code, category, category_rank for every SMC area (as published)."""
    return query("smc_categories", ind=ind, period=period)


def readings(codes: list[str]) -> pd.DataFrame:
    """Every index and period for the SMC areas ``codes``, with categories."""
    return query("smc_readings", codes=sorted(set(codes)))


def areas_for(lad_codes: list[str]) -> pd.DataFrame:
    """The SMC areas covering a set of districts: smc_code, smc_area, districts (list)."""
    table = lookup()
    known = table.reindex([c for c in lad_codes if c in table.index])
    return (
        known.reset_index()
        .groupby(["smc_code", "smc_area"], sort=True)["lad24_code"]
        .agg(list)
        .rename("districts")
        .reset_index()
    )


# ---- before/after -------------------------------------------------------------------------------


def _span(period: str) -> tuple[int, int]:
    """'2018-20' -> (2018, 2020)."""
    first, last = period.split("-")
    return int(first), int(first[:2] + last) if len(last) == 2 else int(last)


def position(period: str, start_year: int) -> str:
    """'before' (ends before the start year), 'after' (begins in or after it) or 'straddles'."""
    first, last = _span(period)
    if last < start_year:
        return "before"
    return "after" if first >= start_year else "straddles"


def _z(z: float, category: str) -> str:
    return f"{z:+.3f} ({category})"


def before_after(lad_codes: list[str], start_year: int, ind: str = HEADLINE) -> dict:
    """The SMC two-period reading for a programme's districts and start year.

    Returns ``{"indicator_id", "periods" (period, position), "areas" (one row per SMC area covering
    the districts: earlier/later period, z-score, category, change, share of the SMC area's
    districts that are the programme's), "usable", "reason", "readings" (one computed sentence per
    SMC area), "caveat"}``. ``usable`` is False, with the reason, when no period ends before the
    start or none follows the earlier one."""
    covering = areas_for(lad_codes)
    out: dict = {
        "indicator_id": ind,
        "periods": pd.DataFrame(columns=["period", "position"]),
        "areas": pd.DataFrame(),
        "usable": False,
        "reason": "",
        "readings": [],
        "caveat": NOT_CONTROLLED,
    }
    if covering.empty:
        out["reason"] = "None of these districts is in a Social Mobility Commission area."
        return out
    vals = readings(covering["smc_code"].tolist())
    vals = vals[vals["indicator_id"] == ind]
    if vals.empty:
        out["reason"] = f"The Commission publishes no {ind} values for these areas."
        return out
    title = vals["short_title"].iloc[0]
    periods = vals.drop_duplicates("period").sort_values("year")["period"].tolist()
    where = {p: position(p, start_year) for p in periods}
    out["periods"] = pd.DataFrame({"period": periods, "position": [where[p] for p in periods]})
    before = [p for p in periods if where[p] == "before"]
    if not before:
        out["reason"] = (
            f"No {title} period ends before the {start_year} start (first period {periods[0]})."
        )
        return out
    earlier, later = before[-1], periods[-1]
    if later == earlier:
        out["reason"] = f"No {title} period follows the {start_year} start (latest {later})."
        return out
    sizes = lookup().groupby("smc_code").size()
    rows, sentences = [], []
    for r in covering.itertuples():
        mine = vals[vals["smc_code"] == r.smc_code].set_index("period")
        e, la = mine.loc[earlier], mine.loc[later]
        change = float(la["zscore"] - e["zscore"])
        rows.append(
            {
                "smc_code": r.smc_code,
                "smc_area": r.smc_area,
                "districts_in_programme": len(r.districts),
                "districts_in_smc_area": int(sizes[r.smc_code]),
                "earlier_period": earlier,
                "earlier_zscore": float(e["zscore"]),
                "earlier_category": e["category"],
                "later_period": later,
                "later_zscore": float(la["zscore"]),
                "later_category": la["category"],
                "change": round(change, 3),
            }
        )
        later_words = "after it" if where[later] == "after" else "a period that straddles the start"
        part = (
            f" The programme covers {len(r.districts)} of its {int(sizes[r.smc_code])} districts."
            if len(r.districts) < sizes[r.smc_code]
            else ""
        )
        sentences.append(
            f"{r.smc_area} (SMC area): {title} {_z(e['zscore'], e['category'])} in {earlier}, "
            f"before the {start_year} start, and {_z(la['zscore'], la['category'])} in {later}, "
            f"{later_words}: {'up' if change > 0 else 'down' if change < 0 else 'unchanged'}"
            f"{f' {abs(change):.2f} standard deviations' if change else ''} relative to the UK "
            f"average.{part}"
        )
    out.update(areas=pd.DataFrame(rows), usable=True, readings=sentences)
    return out
