"""Maps as plain data: each area's class, colour, fading and hover text for one indicator, period
and focus (``spec``), drawn by the atlas's SVG map component (``atlas.ui.mapview``) — nothing fetched
from the network. Colours are polarity-aware: blue always means better and orange worse, whichever
way the numbers run; neutral indicators use a purple sequence that carries no judgement; areas
without a confidence interval are only higher / the same / lower (``atlas.text.comparison``). Both
palettes are colour-blind safe. Geometry comes from ``marts.area_geometry`` once per build and level
(rounded to ~100 m, finer than the simplified boundaries); ``atlas.charts.map_paths`` projects it
into the static file the component fetches once per browser.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.charts.geometry import shapes
from atlas.charts.map_paths import paths_url
from atlas.data import areas as A
from atlas.data import coverage as CV
from atlas.data import mobility
from atlas.data.db import version
from atlas.text import comparison as C

BLUE, LIGHT_BLUE, PALE, LIGHT_ORANGE, ORANGE = "#1b5e9e", "#8fbbdb", "#f3e7b1", "#f5a86a", "#c8510b"
NEUTRAL = ["#3f007d", "#6a51a3", "#9e9ac8", "#cbc9e2", "#f2f0f7"]
#: the map's comparison modes and what their legend names instead of England
VERSUS = {"england": "England", "nation": "its nation", "uk": "the UK"}
NO_DATA = ("No data (suppressed or not published)", "#ffffff")
#: The Social Mobility Commission's seven categories, most favourable first (mode 'category').
SMC_COLOURS = ["#08306b", BLUE, LIGHT_BLUE, PALE, LIGHT_ORANGE, ORANGE, "#7f2704"]
ENGLAND_ONLY = ("England only (not published for Wales, Scotland, NI)", "#d6dde6")
#: a UK indicator that a nation's councils lack (the APS rates for Northern Ireland's districts)
NATION_ONLY = ("Not published for these councils (only for their nation as a whole)", "#d6dde6")
BORDER = "#8c8c8c"
#: fill opacity of areas outside the focus (their class colour, faded towards white)
FADED = 0.2

# Two colour languages, never in one legend (tests/test_colours.py checks them all for CVD and a
# projector). Judgement where a 95% interval is published, grey "not tested" where none is:
YELLOW, UNTESTED_GREY = "#e6c229", "#8f8f8f"
UNTESTED = "No interval published (not tested)"
JUDGEMENT = {C.BETTER: BLUE, C.SIMILAR: YELLOW, C.WORSE: ORANGE, UNTESTED: UNTESTED_GREY}
#: direction, where no area publishes an interval (or the indicator is neutral): no judgement
PURPLE, SAME_GREY, OCHRE = "#542788", "#a6a6a6", "#d8b365"
DIRECTION = {C.HIGHER: PURPLE, C.SAME: SAME_GREY, C.SIMILAR: SAME_GREY, C.LOWER: OCHRE}


def legend(
    meta: pd.Series,
    mode: str,
    with_ci: bool = True,
    by_value: bool | None = None,
    england_only: bool = False,
    nation_only: bool = False,
) -> list[tuple[str, str]]:
    """(label, colour) pairs, top of the legend first.

    In 'Compared with England' mode a legend speaks one language: where any area has a confidence
    interval, better/similar/worse (blue/yellow/orange) with the areas that publish none grey
    "not tested"; where none has one, higher/the same/lower (purple/grey/ochre, no judgement: see
    ``atlas.text.comparison``); a neutral indicator always by direction. ``by_value`` (default:
    ``not with_ci``) says some areas have no interval. ``england_only``: a UK map of an indicator
    published only for England (the other nations' councils get their own class)."""
    neutral = meta["polarity"] == "neutral"
    by_value = (not with_ci) if by_value is None else by_value
    if mode == "category":
        names = [f"{c} (SMC)" for c in reversed(mobility.CATEGORIES)]
        return [*zip(names, SMC_COLOURS, strict=True), NO_DATA]
    if mode in ("nation", "uk"):  # the England classes, named for the benchmark
        words = VERSUS[mode]
        return [
            (x.replace("England", words), c)
            for x, c in legend(meta, "england", with_ci, by_value, england_only, nation_only)
        ]
    if mode == "england":
        pairs = _england_pairs(neutral, with_ci, by_value)
    elif neutral:
        names = ["Highest 20%", "Next 20%", "Middle 20%", "Next 20% ", "Lowest 20%"]
        pairs = list(zip(names, NEUTRAL, strict=True))
    else:
        names = ["Best 20% of areas", "Next best 20%", "Middle 20%", "Next worst 20%", "Worst 20%"]
        pairs = list(zip(names, [BLUE, LIGHT_BLUE, PALE, LIGHT_ORANGE, ORANGE], strict=True))
    extra = [*([ENGLAND_ONLY] if england_only else []), *([NATION_ONLY] if nation_only else [])]
    return [*pairs, NO_DATA, *extra]


def _england_pairs(neutral: bool, with_ci: bool, by_value: bool) -> list[tuple[str, str]]:
    if neutral:  # (no neutral indicator publishes intervals today: 'similar' stands for both)
        return [(n, DIRECTION[n]) for n in (C.HIGHER, C.SIMILAR if with_ci else C.SAME, C.LOWER)]
    if with_ci:
        names = [C.BETTER, C.SIMILAR, C.WORSE, *([UNTESTED] if by_value else [])]
        return [(n, JUDGEMENT[n]) for n in names]
    return [(n, DIRECTION[n]) for n in (C.HIGHER, C.SAME, C.LOWER)]


def legend_for(frame: pd.DataFrame, meta: pd.Series, mode: str) -> list[tuple[str, str]]:
    """The legend a map of ``frame`` needs: interval classes and/or by-value classes."""
    if mode == "category" or "has_ci" not in frame:
        return legend(meta, mode)
    with_ci = bool(frame["has_ci"].any())
    by_value = bool((~frame["has_ci"] & frame["value"].notna()).any())
    outside = "status" in frame and bool((frame["status"] == "england_only").any())
    whole = "status" in frame and bool((frame["status"] == "nation_only").any())
    return legend(meta, mode, with_ci, by_value, outside, whole)


def classify(frame: pd.DataFrame, meta: pd.Series, mode: str) -> pd.Series:
    """The legend label of each row (``frame`` comes from ``areas.map_data``).

    An area equal to England without an interval is 'Same as England', never 'No data'."""
    labels = [label for label, _ in legend_for(frame, meta, mode)]
    outside = (
        frame["status"] == "england_only"
        if "status" in frame
        else pd.Series(False, index=frame.index)
    )
    if mode == "category":  # the published category, never recomputed from the z-score
        ranks = (
            frame["category_rank"] if "category_rank" in frame else pd.Series(pd.NA, frame.index)
        )
        return ranks.map(lambda r: labels[7 - int(r)] if pd.notna(r) else NO_DATA[0])
    if mode in VERSUS:
        grey = (NO_DATA[0], ENGLAND_ONLY[0], NATION_ONLY[0])
        known = [label for label in labels if label not in grey]
        cmp = frame["comparison"]
        if UNTESTED in labels:  # a judgement legend: the areas without an interval are not tested
            cmp = cmp.where(~cmp.isin([C.HIGHER, C.SAME, C.LOWER]) | frame["has_ci"], UNTESTED)
        named = cmp.str.replace("England", VERSUS[mode])
        out = named.where(named.isin(known), NO_DATA[0])
    else:
        out = frame["quintile"].map(lambda q: labels[int(q) - 1] if pd.notna(q) else NO_DATA[0])
    whole = frame["status"] == "nation_only" if "status" in frame else outside & False
    return out.mask(outside, ENGLAND_ONLY[0]).mask(whole, NATION_ONLY[0])


def note(frame: pd.DataFrame, mode: str) -> str | None:
    """Why areas without a confidence interval are only higher or lower (named for the mode's
    benchmark: England, its nation, the UK)."""
    text = None
    if mode in VERSUS and not frame["has_ci"].any():
        text = (
            "This source publishes no confidence intervals, so areas are only said to be higher "
            "or lower than England, not better or worse: small differences may not be meaningful."
        )
    elif mode in VERSUS and not frame["has_ci"].all():
        text = (
            'Where no confidence interval is published, an area is grey, "not tested": its '
            "tooltip says only whether it is higher or lower than England, not better or worse."
        )
    return text.replace("England", VERSUS[mode]) if text else None


# ---- geometry -----------------------------------------------------------------------------------


def spec(
    frame: pd.DataFrame,
    level: str,
    meta: pd.Series,
    mode: str,
    period: str,
    focus_codes: list[str],
    overlay: pd.DataFrame | None = None,
    height: int = 600,
) -> dict:
    """One map as plain data: LA values coloured by class, non-focus areas faded, programme outlines.

    ``frame``: rows from ``areas.map_data`` (area_code, area_name, value_text, ci_text, rank_text,
    comparison, quintile…). ``overlay``: area_code, names of interventions covering it. The SVG
    component (``atlas.ui.mapview``) draws it live, ``atlas.exports.svg_map`` as a static SVG
    (and ``atlas.charts.plotly_map`` as the plotly figure ``make bench`` compares). Boundaries are
    not in it: the component fetches them once from ``map_paths.paths_url``."""
    features, _ = shapes(level)
    pairs = legend_for(frame, meta, mode)
    colour = dict(pairs)
    frame = frame[frame["area_code"].isin(features.keys())]
    labels = classify(frame, meta, mode)
    cmp = (
        "SMC category: " + frame["category"].fillna("not published")
        if "category" in frame
        else pd.Series(
            [
                C.worded(c, ci).replace(str(c), str(t)) if isinstance(c, str) else t
                for c, t, ci in zip(
                    frame["comparison"],
                    frame.get("comparison_text", frame["comparison"]),
                    frame["has_ci"],
                    strict=True,
                )
            ],
            index=frame.index,
        )
    )
    focus = set(focus_codes)
    areas = [
        [
            code,
            colour[label],
            0.9 if code in focus else FADED,
            [n, v + (f" (95% CI {ci})" if ci else ""), r, c, period],
        ]
        for code, label, n, v, ci, r, c in zip(
            frame["area_code"],
            labels,
            frame["area_name"],
            frame["value_text"],
            frame["ci_text"],
            frame["rank_text"],
            cmp,
            strict=True,
        )
    ]
    outline = []
    if overlay is not None and len(overlay):
        names = dict(zip(frame["area_code"], frame["area_name"], strict=True))
        ov = overlay[overlay["area_code"].isin(features.keys())]
        outline = [
            [c, [names.get(c, c), f"Partnership: {n}"]]
            for c, n in zip(ov["area_code"], ov["names"], strict=True)
        ]
    return {
        "level": level,
        "url": paths_url(level),
        "height": height,
        "title": f"{meta['short_title']}, {period}",
        "legend": [[label.strip(), c] for label, c in pairs],
        "areas": areas,
        "outline": outline,
        "focus": [c for c in focus_codes if c in features],
    }


def versus(mode: str, scope: str) -> str:
    """What the map compares with: the mode's benchmark, else (quintiles) England on an England
    map and each council's own nation on a UK map."""
    return mode if mode in VERSUS else ("england" if scope == A.ENGLAND else "nation")


def view_spec(
    ind: str,
    period: str,
    focus: str,
    mode: str,
    prog: tuple = (),
    scope: str = A.ENGLAND,
    height: int = 600,
) -> dict:
    """The spec of one map view, built once per build and view (a rerun re-sends it, never
    rebuilds it): ``scope`` as ``areas.map_data``; ``prog``: programme groups to outline."""
    return _view_spec(version(), ind, period, focus, mode, tuple(prog), scope, height)


@st.cache_resource(max_entries=128, show_spinner=False)
def _view_spec(
    build: str, ind: str, period: str, focus: str, mode: str, prog: tuple, scope: str, height: int
) -> dict:
    meta = A.indicators().loc[ind]
    frame, _ = A.map_data(ind, period, scope, versus(mode, scope))
    inside = A.members(A.areas(), focus, meta["geography"])
    overlay = CV.covered(list(prog), meta["geography"]) if prog else None
    return spec(frame, meta["geography"], meta, mode, period, inside, overlay, height)
