"""Profile page data: trend lines, programme markers and headline tiles (the spine's rows are
``atlas.data.spine``). Built from the lookups in ``atlas.areas``; nothing here draws anything."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data.areas import (
    ENGLAND,
    UK,
    areas,
    comparators,
    indicators,
    profile_values,
    value_code,
)
from atlas.data.coverage import area_interventions
from atlas.data.db import version
from atlas.data.nations import benchmark
from atlas.text.comparison import compare
from atlas.text.formatting import fmt, shown, signed


def trend_frame(code: str, ind: str) -> tuple[pd.DataFrame, str | None]:
    return _trend_frame(version(), code, ind)


@st.cache_data(max_entries=2000, show_spinner=False)
def _trend_frame(build: str, code: str, ind: str) -> tuple[pd.DataFrame, str | None]:
    """Long frame (series, period, year, value, lower_ci, upper_ci) for the area, its region and
    England, plus a note when the area's line is its upper-tier authority's."""
    places = areas()
    meta = indicators().loc[ind]
    vc, note = value_code(places, code, meta["geography"])
    codes = comparators(code)
    vals = profile_values(codes)
    vals = vals[vals["indicator_id"] == ind]
    row = places.loc[code]
    wanted = [(vc, row["area_name"] if vc == code else places.loc[vc, "area_name"], "area")]
    if row["level"] in ("lad", "county") and isinstance(row["region_code"], str):
        wanted.append((row["region_code"], row["region_name"], "region"))
    nation = benchmark(code)
    if nation != ENGLAND and nation != code:  # outside England: its nation, then the UK
        wanted.append((nation, places.loc[nation, "area_name"], "region"))
    if nation != ENGLAND and code != UK:
        wanted.append((UK, "United Kingdom", "uk"))
    if code != ENGLAND:
        wanted.append((ENGLAND, "England", "england"))
    frame = pd.concat(
        [
            vals[vals["area_code"] == c].assign(
                series=name, role=role, area_name=name, level=places.loc[c, "level"]
            )
            for c, name, role in wanted
        ],
        ignore_index=True,
    )
    return frame.sort_values("year"), note


# ---- programme markers --------------------------------------------------------------------------

GOVERNANCE = ("Combined authorities",)


def events(frame: pd.DataFrame) -> pd.DataFrame:
    """Programme markers for trend charts: one per intervention, governance bodies and proposals
    (no start to mark) left out, labelled 'Leading Places 1 (2016–17)' / 'CNUA (2021–)'."""
    keep = frame[
        ~frame["programme_group"].isin(GOVERNANCE) & frame["status"].isin(["running", "ended"])
    ].copy()

    def label(r: pd.Series) -> str:
        start = int(r["start_year"]) if pd.notna(r["start_year"]) else None
        end = f"{int(r['end_year']) % 100:02d}" if pd.notna(r["end_year"]) else ""
        if start is None:
            return r["programme_group"]
        return (
            f"{r['programme_group']} ({start}–{end})"
            if end != f"{start % 100:02d}"
            else f"{r['programme_group']} ({start})"
        )

    keep["label"] = keep.apply(label, axis=1) if len(keep) else []
    return keep


def markers(code: str) -> pd.DataFrame | None:
    """The programme markers of a district's or county's trend charts; None for larger areas,
    whose charts carry none. Shared between sessions: read them, don't modify them."""
    if areas().loc[code, "level"] not in ("lad", "county"):
        return None
    return _markers(version(), code)


@st.cache_resource(max_entries=512, show_spinner=False)
def _markers(build: str, code: str) -> pd.DataFrame:
    return events(area_interventions(code))  # once per build and area (it was ~10 ms a run)


# ---- overview -----------------------------------------------------------------------------------

# One tile per entry: the first indicator the place has data for (life expectancy is published for
# districts, healthy life expectancy also for regions and combined authorities).
HEADLINES = (
    ("ks4_att8_all",),
    ("he19_fsm",),
    ("inactivity_rate",),
    ("le_male", "hle_male"),
    ("le_female", "hle_female"),
)
PROFILE_HEADLINES = (*HEADLINES, ("child_poverty_ahc", "imd2025_avg_score"))


def _latest_pair(
    vals: pd.DataFrame, ind: str, code: str, bench: str = ENGLAND
) -> tuple[pd.Series | None, pd.Series | None]:
    """The latest period where ``code`` has a value, with the benchmark's (England's) row for the
    same period."""
    mine = vals[(vals["indicator_id"] == ind) & (vals["area_code"] == code) & vals["value"].notna()]
    if mine.empty:
        return None, None
    own = mine.sort_values("year").iloc[-1]
    eng = vals[
        (vals["indicator_id"] == ind)
        & (vals["area_code"] == bench)
        & (vals["period"] == own["period"])
    ]
    return own, (eng.iloc[0] if len(eng) else None)


def reading(code: str) -> str | None:
    """'In 2023/24, 22.1% of FSM pupils in the North East entered higher education by 19, compared
    with 28.9% across England.' — from the data, in the latest period both have."""
    return _reading(version(), code)


@st.cache_resource(max_entries=1000, show_spinner=False)
def _reading(build: str, code: str) -> str | None:  # a sentence: once per build and place
    vals = profile_values([code, ENGLAND])
    own, eng = _latest_pair(vals, "he19_fsm", code)
    if own is None or eng is None:
        return None
    name = areas().loc[code, "area_name"]
    the = "the " if areas().loc[code, "level"] == "region" or name.startswith("North") else ""
    return (
        f"In {own['period']}, {own['value']:.0f}% of pupils on free school meals in {the}{name} "
        f"went on to higher education by age 19, compared with {eng['value']:.0f}% across England."
    )


def headlines(code: str, choices: tuple = HEADLINES) -> list[dict]:
    """Headline tiles for a place: value, difference from England, comparison in words. A district
    shows its county's value for indicators published only for upper-tier authorities."""
    return _headlines(version(), code, tuple(tuple(c) for c in choices))


@st.cache_data(max_entries=512, show_spinner=False)
def _headlines(build: str, code: str, choices: tuple) -> list[dict]:
    cat, places = indicators(), areas()
    bench = benchmark(code)
    bench_name = places.loc[bench, "area_name"]
    out = []
    for options in choices:
        options = [c for c in options if c in cat.index]
        if not options:
            continue
        found = []
        for ind in options:
            vc, note = value_code(places, code, cat.loc[ind, "geography"])
            own, eng = _latest_pair(profile_values([vc, bench]), ind, vc, bench)
            found.append((ind, own, eng, vc))
        ind, own, eng, vc = next((f for f in found if f[1] is not None), found[0])
        meta = cat.loc[ind]
        unit, dec = meta["unit"], int(meta["decimals"])
        tile = {
            "indicator_id": ind,
            "title": meta["short_title"]
            + (f" ({places.loc[vc, 'area_name']})" if vc != code else ""),
            "help": meta["definition"],
            "delta": None,
            "delta_color": "off",
            "description": None,
        }
        if own is None:
            out.append(
                {
                    **tile,
                    "period": meta["latest_period"],
                    "shown": "not published",
                    "comparison": f"Not published for {places.loc[code, 'area_name']}",
                }
            )
            continue
        e = eng["value"] if eng is not None else np.nan
        diff = own["value"] - e
        out.append(
            {
                **tile,
                "period": own["period"],
                "shown": shown(own["value"], own["status"], unit, dec),
                "delta": signed(diff, unit, dec) if pd.notna(diff) else None,
                "description": f"vs {bench_name}, {own['period']}",
                "delta_color": {"higher_better": "normal", "lower_better": "inverse"}.get(
                    meta["polarity"], "off"
                ),
                "comparison": f"{compare(own['value'], own['lower_ci'], own['upper_ci'], e, meta['polarity']).replace('England', bench_name)} "
                f"({bench_name} {fmt(e, unit, dec)})",
            }
        )
    return out
