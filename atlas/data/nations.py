"""Areas outside England: which population a map ranks in (England or the UK), which nation a
profile compares with, and each indicator published for a Welsh, Scottish or Northern Irish
council beside its own nation, the UK and England — the published figures, never averages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data.areas import ENGLAND, UK, areas, indicators, profile_values
from atlas.data.db import version
from atlas.text.comparison import compare
from atlas.text.formatting import fmt, shown


def scope(places: pd.DataFrame, focus: str) -> str:
    """The map's population: England (ranks 'in England') when the focus lies in England, else
    the UK (every council of the four nations, ranked across the UK)."""
    return ENGLAND if places.loc[focus, "country_code"] == ENGLAND else UK


def ranked_in_uk(frame: pd.DataFrame, scope: str) -> bool:
    """A UK map of an indicator published outside England ranks across the UK (else in England)."""
    return scope != ENGLAND and not (frame["status"] == "england_only").any()


def benchmark(code: str) -> str:
    """The headline comparison for an area: England, or its own nation outside England; Wales,
    Scotland and Northern Ireland against the UK; the UK and Great Britain against England."""
    row = areas().loc[code]
    if row["level"] == "uk":
        return ENGLAND
    if row["level"] == "nation" and code != ENGLAND:
        return UK
    country = row["country_code"]
    return country if isinstance(country, str) and country != ENGLAND else ENGLAND


def _latest(vals: pd.DataFrame, ind: str, code: str) -> pd.Series | None:
    mine = vals[(vals["indicator_id"] == ind) & (vals["area_code"] == code) & vals["value"].notna()]
    return None if mine.empty else mine.sort_values("year").iloc[-1]


def _text(value: float | None, unit: str, dec: int) -> str:
    return "not published" if value is None or pd.isna(value) else fmt(value, unit, dec)


def nation_table(code: str) -> pd.DataFrame:
    """For an area outside England: every indicator published for it, in its latest period, beside
    its nation, the UK and England (published values, never averages)."""
    return _nation_table(version(), code)


@st.cache_data(max_entries=256, show_spinner=False)
def _nation_table(build: str, code: str) -> pd.DataFrame:
    cat, places = indicators(), areas()
    nation = benchmark(code)
    vals = profile_values([code, nation, UK, ENGLAND])
    rows = []
    for ind, meta in cat.iterrows():
        own = _latest(vals, ind, code)
        if own is None:
            continue
        same = vals[(vals["indicator_id"] == ind) & (vals["period"] == own["period"])]
        by_area = same.set_index("area_code")["value"]
        nat = by_area.get(nation, np.nan)
        unit, dec = meta["unit"], int(meta["decimals"])
        rows.append(
            {
                "indicator_id": ind,
                "Indicator": meta["short_title"],
                "Period": own["period"],
                places.loc[code, "area_name"]: shown(own["value"], own["status"], unit, dec),
                places.loc[nation, "area_name"]: _text(by_area.get(nation), unit, dec),
                "United Kingdom": _text(by_area.get(UK), unit, dec),
                "England": _text(by_area.get(ENGLAND), unit, dec),
                f"Compared with {places.loc[nation, 'area_name']}": compare(
                    own["value"],
                    own["lower_ci"],
                    own["upper_ci"],
                    nat,
                    meta["polarity"],
                ).replace("England", places.loc[nation, "area_name"]),
            }
        )
    return pd.DataFrame(rows)
