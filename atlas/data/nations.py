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


def map_modes(places: pd.DataFrame, focus: str) -> dict[str, str]:
    """The map's "Colour areas by" choices: on an England map quintiles or England; on a UK map
    (a focus outside England) quintiles, its own nation ('each council's nation' for the UK or
    GB), the UK, and England last."""
    modes = {"quintiles": "Fifths of areas (quintiles)", "england": "Compared with England"}
    if scope(places, focus) == ENGLAND:
        return modes
    own = places.loc[focus, "area_name"] if focus[1:3] == "92" else "each council's nation"
    return {
        "quintiles": modes["quintiles"],
        "nation": f"Compared with {own}",
        "uk": "Compared with the UK",
        "england": "Compared with England",
    }


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


#: Indicators published comparably across the UK, most telling first: the headline tiles, the
#: default trend and the key trends of an area outside England are the first of these that are
#: published for it (Northern Ireland's districts have no APS rates, only claimant rate, pay,
#: GDHI, healthy life expectancy and child poverty).
UK_HEADLINES = (
    "inactivity_rate",
    "employment_rate",
    "claimant_rate",
    "pay_weekly_median",
    "gdhi_per_head",
    "hle_male",
    "hle_female",
    "child_poverty_ahc",
    "aps_level3_plus",
    "unemployment_modelled",
    "inactive_lts_sick",
)


def outside_england(code: str) -> bool:
    """A council, or a nation, of Wales, Scotland or Northern Ireland."""
    return code[:1] in ("W", "S", "N") and areas().loc[code, "level"] in ("lad", "nation")


def published(code: str) -> list[str]:
    """Indicator ids with a value for the area (any period), in catalogue order."""
    return _published(version(), code)


@st.cache_data(max_entries=512, show_spinner=False)
def _published(build: str, code: str) -> list[str]:
    vals = profile_values([code])
    have = set(vals.loc[vals["value"].notna(), "indicator_id"])
    return [i for i in indicators().index if i in have]


def headline_choices(code: str, choices: tuple, n: int | None = None) -> tuple:
    """The headline tiles' indicators: ``choices`` in England (and for the UK); outside England
    the first ``n`` (default: as many as ``choices``) of ``UK_HEADLINES`` published for the area,
    so no tile reads 'not published'."""
    if not outside_england(code):
        return choices
    have = set(published(code))
    picked = [i for i in UK_HEADLINES if i in have][: n or len(choices)]
    return tuple((i,) for i in picked)


def default_indicator(code: str, wanted: str) -> str:
    """``wanted`` if it is published for the area or the area is in England; outside England
    otherwise the area's first headline indicator (the user can still pick any other)."""
    if not outside_england(code) or wanted in published(code):
        return wanted
    first = headline_choices(code, (("x",),))
    return first[0][0] if first else wanted


def key_indicators(code: str, keys: tuple) -> tuple:
    """The profile's key trends: ``keys`` in England, the area's headline indicators elsewhere."""
    if not outside_england(code):
        return keys
    return tuple(c[0] for c in headline_choices(code, (), len(keys)))


def reading(code: str) -> str | None:
    """For a council or nation outside England, one sentence from the data: its first headline
    indicator against its nation and the UK ('Claimant rate, 2025: Belfast 4.0%, against
    Northern Ireland 3.1% and the UK 3.9%.'); None in England (the Overview's HE sentence)."""
    if not outside_england(code):
        return None
    picked = headline_choices(code, (("x",),))
    if not picked:
        return None
    ind, meta, places = picked[0][0], indicators().loc[picked[0][0]], areas()
    nation = benchmark(code)
    vals = profile_values([code, nation, UK])
    own = _latest(vals, ind, code)
    same = vals[(vals["indicator_id"] == ind) & (vals["period"] == own["period"])]
    by_area = same.set_index("area_code")["value"]
    unit, dec = meta["unit"], int(meta["decimals"])
    parts = [
        f"{'the UK' if c == UK else places.loc[c, 'area_name']} {_text(by_area.get(c), unit, dec)}"
        for c in dict.fromkeys([nation, UK])
    ]
    return (
        f"{meta['short_title']}, {own['period']}: {places.loc[code, 'area_name']} "
        f"{fmt(own['value'], unit, dec)}, against {' and '.join(parts)}."
    )


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


def unpublished_note(frame: pd.DataFrame, meta: pd.Series, period: str) -> str | None:
    """In words, why a nation's councils are grey: 'Economic inactivity rate, 2023, is not
    published for Northern Ireland's councils: … (Northern Ireland: 24.7%).'"""
    rows = frame[frame["status"] == "nation_only"] if "status" in frame else frame.iloc[:0]
    if rows.empty:
        return None
    said = sorted(set(rows["value_text"]))
    return (
        f"{meta['short_title']}, {period}: "
        + "; ".join(s[0].upper() + s[1:] for s in said)
        + ". The source publishes a figure for the nation as a whole, not for its councils, "
        "so they are grey with these words, not a blank."
    )


# ---- the partnerships page ----------------------------------------------------------------------

NATIONS = {"E": "England", "S": "Scotland", "W": "Wales", "N": "Northern Ireland"}
UK_WIDE = "UK-wide (no areas drawn)"


def register_nations(cover: pd.DataFrame) -> dict[str, set[str]]:
    """{intervention id: the nations its areas lie in} from the coverage rows (area_code)."""
    first = cover.assign(nation=cover["area_code"].str[0].map(NATIONS))
    return first.groupby("intervention_id")["nation"].agg(lambda s: set(s.dropna())).to_dict()


def in_nation(reg: pd.DataFrame, cover: pd.DataFrame, nation: str | None) -> pd.DataFrame:
    """Register rows with an area in ``nation`` ('Scotland', …); ``UK_WIDE``: rows with no
    areas (UK-wide or national programmes); None or '': every row."""
    if not nation:
        return reg
    where = register_nations(cover)
    if nation == UK_WIDE:
        return reg[[not where.get(i) for i in reg.index]]
    return reg[[nation in where.get(i, set()) for i in reg.index]]


def outline(cover: pd.DataFrame, iv: str, name: str) -> list:
    """The partnerships map's outline of one intervention's areas: [[code, [area, words]]]."""
    mine = cover[cover["intervention_id"] == iv]
    return [
        [c, [n, f"Chosen: {name}"]]
        for c, n in zip(mine["area_code"], mine["area_name"], strict=True)
    ]
