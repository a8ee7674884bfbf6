"""The profile's, the compare page's and the before/after page's figures, built once per warehouse
build and view and shared by every session.

Building a figure (reshaping its frame, the plotly spec, the Figure, the table beside it) took
5-20 ms a chart (30-40 ms for the before/after gap chart) and a page draws up to six, while every
viewer of the same area and indicator gets the same figure. ``st.cache_resource`` hands each
session the very same objects, without the pickled copy ``st.cache_data`` makes on every read.
That is safe because they are only read: ``st.plotly_chart`` copies a figure (``to_dict``) before
sending it, and the pages only select columns from the frames. Whoever needs a figure to change (the presentation slides) builds its
own with ``atlas.charts.trend``. Every entry is keyed on the build fingerprint, so a rebuilt
warehouse gets new figures, and each cache is bounded.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts import evidence as evidence_charts
from atlas.charts import partnerships as partnership_charts
from atlas.charts import spine as spine_chart
from atlas.charts import trend as charts
from atlas.charts.bars import interval_dots
from atlas.charts.multiples import small_multiples
from atlas.charts.universities import decile_chart
from atlas.data import areas as A
from atlas.data import compare as compare_groups
from atlas.data import partnerships, universities
from atlas.data import profile as profile_data
from atlas.data import spine as spine_data
from atlas.data.db import version
from atlas.exports.views import chart_rows, spine_rows

ENTRIES = 256  # views of each kind kept (a figure and its frames: ~50-100 KB)


class Chart(NamedTuple):
    """A chart with the frame it draws and the same figures as a table to read beside it."""

    frame: pd.DataFrame
    figure: go.Figure | None  # None when there is nothing to draw
    rows: pd.DataFrame | None  # the chart as a table (None with no figure)


class Ranked(NamedTuple):
    """The compare page's ranked areas, England's row and the dot chart of them."""

    table: pd.DataFrame
    england: pd.Series | None  # England's row (value, value_text) where published
    figure: go.Figure | None  # None when no area has a value


# ---- profile ------------------------------------------------------------------------------------


def profile_trend(area: str, ind: str) -> tuple[Chart, str | None]:
    """The profile's main trend chart for ``area`` and ``ind``, and the note when the area's
    line is its upper-tier authority's."""
    return _profile_trend(version(), area, ind)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _profile_trend(build: str, area: str, ind: str) -> tuple[Chart, str | None]:
    frame, note = profile_data.trend_frame(area, ind)
    meta = A.indicators().loc[ind]
    if not frame["value"].notna().any():
        return Chart(frame, None, None), note
    figure = charts.trend(frame, meta, profile_data.markers(area), _breaks(meta["family"]))
    return Chart(frame, figure, chart_rows(frame, meta)), note


def key_trend(area: str, ind: str) -> go.Figure | None:
    """A small chart of the profile's key trends (no labels; the title names the upper-tier
    authority whose line stands for the area), or None where ``area`` has no value."""
    return _key_trend(version(), area, ind)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _key_trend(build: str, area: str, ind: str) -> go.Figure | None:
    frame, note = profile_data.trend_frame(area, ind)
    if not frame["value"].notna().any():
        return None
    meta = A.indicators().loc[ind]
    stands_for = frame.loc[frame["role"] == "area", "series"].iloc[0] if note else None
    return charts.trend(
        frame,
        meta,
        profile_data.markers(area),
        _breaks(meta["family"]),
        title=meta["short_title"] + (f" ({stands_for})" if stands_for else ""),
        height=320,
        labels=False,
    )


def profile_spine(area: str, area_name: str, region: str | None) -> Chart:
    """The spine chart of every indicator for ``area``, its frame and its table."""
    return _profile_spine(version(), area, area_name, region)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _profile_spine(build: str, area: str, area_name: str, region: str | None) -> Chart:
    frame = spine_data.spine_frame(area)
    return Chart(frame, spine_chart.spine(frame, area_name, region), spine_rows(frame))


def profile_spine_phone(area: str, area_name: str, region: str | None):
    """The same spine chart laid out for a phone: each label above its bar."""
    return _profile_spine_phone(version(), area, area_name, region)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _profile_spine_phone(build: str, area: str, area_name: str, region: str | None):
    frame = spine_data.spine_frame(area)
    return spine_chart.spine(frame, area_name, region, layout="phone")


def _breaks(family: str) -> pd.DataFrame:
    breaks = A.series_breaks()
    return breaks[breaks["indicator_family"] == family]


# ---- compare ------------------------------------------------------------------------------------


def compare_ranked(ind: str, period: str, codes: list[str], average: str) -> Ranked:
    """The chosen areas ranked on ``ind`` in ``period``, England's row, and their dot chart with
    England's and the ``average`` line."""
    return _compare_ranked(version(), ind, period, tuple(codes), average)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _compare_ranked(build: str, ind: str, period: str, codes: tuple, average: str) -> Ranked:
    table = compare_groups.compare_table(ind, period, list(codes))
    if table.empty:
        return Ranked(table, None, None)
    england = A.map_data(ind, period)[1].get(A.ENGLAND)
    value = england["value"] if england is not None else None
    meta = A.indicators().loc[ind]
    return Ranked(table, england, interval_dots(table, meta, value, average))


def compare_trends(ind: str, codes: list[str]) -> Chart:
    """Small multiples of ``ind`` for ``codes`` (each with England), with their table."""
    return _compare_trends(version(), ind, tuple(codes))


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _compare_trends(build: str, ind: str, codes: tuple) -> Chart:
    trends = compare_groups.compare_trends(ind, list(codes))
    if trends.empty:
        return Chart(trends, None, None)
    meta = A.indicators().loc[ind]
    return Chart(trends, small_multiples(trends, meta), chart_rows(trends, meta))


# ---- before and after ---------------------------------------------------------------------------


def _study_key(r: dict) -> tuple:
    """What fixes a study's result within a build: who was treated, the outcome, the pool used and
    how its placebos chose theirs (the notes say: the engine's rule, or a comparator set's, whose
    placebo band differs for the very same pool)."""
    who = (r.get("intervention") or {}).get("id") or tuple(t["area_code"] for t in r["treated"])
    how = tuple(r.get("notes", ()))
    return who, r["outcome"]["indicator_id"], tuple(r["pool"]), r["start"], r["method_version"], how


def event_chart(r: dict) -> go.Figure:
    """The before/after page's year-by-year gap chart of study ``r`` (built once per study)."""
    return _event_chart(version(), _study_key(r), r)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _event_chart(build: str, key: tuple, _r: dict) -> go.Figure:
    return evidence_charts.event_chart(_r)


def synth_chart(r: dict) -> go.Figure:
    """The synthetic twin chart of study ``r`` (built once per study)."""
    return _synth_chart(version(), _study_key(r), r)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _synth_chart(build: str, key: tuple, _r: dict) -> go.Figure:
    return evidence_charts.synth_chart(_r)


def pooled_event_chart(programme: str, ind: str, pr: dict) -> go.Figure:
    """A staggered programme's pooled event study on ``ind`` (built once per programme)."""
    return _pooled_event_chart(version(), programme, ind, pr)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _pooled_event_chart(build: str, programme: str, ind: str, _pr: dict) -> go.Figure:
    return evidence_charts.pooled_event_chart(_pr)


# ---- partnerships -------------------------------------------------------------------------------


def university_deciles(provider: str, shown: str) -> go.Figure:
    """A university's intake by socio-economic decile (built once per university and name)."""
    return _university_deciles(version(), provider, shown)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _university_deciles(build: str, provider: str, shown: str) -> go.Figure:
    return decile_chart(universities.deciles(provider), shown)


def partnership_timeline(
    shown: pd.DataFrame, this_year: int
) -> tuple[pd.DataFrame, go.Figure | None]:
    """The timeline table of the register rows ``shown`` and its chart (None when no row has a
    start year), once per set of rows."""
    return _partnership_timeline(version(), tuple(shown.index), this_year, shown)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _partnership_timeline(build: str, ids: tuple, this_year: int, _shown: pd.DataFrame):
    table = partnerships.timeline_table(_shown, this_year)
    return table, (None if table.empty else partnership_charts.timeline_chart(table))


def coverage_map(shown: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """How many of the register rows ``shown`` cover each district, and its map spec, once per
    set of rows. The spec is shared: add to a copy (``{**spec, ...}``)."""
    return _coverage_map(version(), tuple(shown.index), shown)


@st.cache_resource(max_entries=ENTRIES, show_spinner=False)
def _coverage_map(build: str, ids: tuple, _shown: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    cover = partnerships.coverage_table(_shown)
    return cover, partnership_charts.coverage_map(cover)
