"""The partnerships page's charts as functions of its tables: the coverage map (how many
interventions cover each council) and the timeline (one bar per intervention across its years)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts.geometry import shapes
from atlas.charts.named import named
from atlas.charts.trend import figure

#: the coverage map's classes: no intervention (grey), then counts in sequential blues
COVER_BLUES = ["#c6dbef", "#9ecae1", "#4292c6", "#2171b5", "#08306b"]


def coverage_classes(top: int) -> list[tuple[int, int]]:
    """(low, high) counts of each coloured class: one per count up to 5, else 1, 2, 3–4, 5–7, 8+."""
    if top <= len(COVER_BLUES):
        return [(n, n) for n in range(1, top + 1)]
    wide = [(1, 1), (2, 2), (3, 4), (5, 7), (8, top)]
    return [(lo, min(hi, top)) for lo, hi in wide if lo <= top]  # 6 or 7: no empty '8–7'


@st.cache_data(max_entries=64, show_spinner=False)
def coverage_map(table: pd.DataFrame, height: int = 620) -> dict:
    """Districts and councils of the UK shaded by how many of the shown interventions cover them
    (grey: none), as a map spec for ``atlas.ui.mapview``; fitted to the covered areas."""
    from atlas.charts.map_paths import paths_url

    features, _ = shapes("lad")
    counts = table.set_index("area_code")["interventions"]
    names = dict(zip(table["area_code"], table["names"], strict=True))
    label = dict(zip(table["area_code"], table["area_name"], strict=True))
    classes = coverage_classes(int(max([*counts.tolist(), 1])))

    # few classes take blues spread over the whole range, so 1 and 2 are told apart at a glance
    blues = [COVER_BLUES[round(i)] for i in np.linspace(0, len(COVER_BLUES) - 1, len(classes))]

    def colour(n: int) -> str:
        hit = [i for i, (lo, hi) in enumerate(classes) if lo <= n <= hi]
        return blues[hit[0]] if hit else "#eeeeee"

    areas = []
    for code in features:  # the whole UK: English districts and the councils of W, S and NI
        n = int(counts.get(code, 0))
        tip = [label.get(code, code), f"{n} intervention{'s' * (n != 1)}", names.get(code, "")]
        areas.append([code, colour(n), 0.9, tip])
    legend = [
        [f"{lo}" if lo == hi else f"{lo}–{hi}", blues[i]] for i, (lo, hi) in enumerate(classes)
    ]
    return {
        "level": "lad",
        "url": paths_url("lad"),
        "height": height,
        "title": "Interventions covering each council",
        "legend_title": "Interventions",
        "legend": [*legend[::-1], ["None", "#eeeeee"]],
        "areas": areas,
        "outline": [],
        "focus": [c for c in counts.index if c in features],
    }


PALETTE = [
    "#1b5e9e",
    "#c8510b",
    "#2e7d32",
    "#6a51a3",
    "#8c6d1f",
    "#00838f",
    "#ad1457",
    "#455a64",
    "#ef6c00",
    "#5d4037",
    "#7cb342",
    "#3949ab",
    "#d81b60",
    "#00897b",
    "#f9a825",
    "#8e24aa",
    "#6d4c41",
    "#546e7a",
]


def timeline_chart(table: pd.DataFrame) -> go.Figure:
    fig = figure(_timeline_chart(table))
    return named(
        fig,
        "Timeline of the partnerships shown",
        f"{len(table)} interventions, one bar each across the years it ran, coloured by "
        "programme; hatched bars are ongoing. The same rows are in the register table.",
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _timeline_chart(table: pd.DataFrame) -> dict:
    """One bar per intervention across the years it ran: a year is the unit between two grid
    lines, labelled in its middle, so a 2016–17 bar starts on the 2016 line and ends at the end of
    2017. Open-ended ones are hatched, run to this year and are labelled 'ongoing'."""
    fig = go.Figure()
    for i, (prog, part) in enumerate(table.groupby("programme", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        fig.add_trace(
            go.Bar(
                y=part["name"],
                x=part["end"] - part["start"] + 1,
                base=part["start"],
                orientation="h",
                name=prog,
                showlegend=False,
                legendgroup=prog,
                marker={
                    "color": colour,
                    "pattern": {
                        "shape": ["/" if o else "" for o in part["ongoing"]],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                        "solidity": 0.3,
                    },
                },
                text=part["label"],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 11},
                customdata=np.stack(
                    [part["start"], np.where(part["ongoing"], "ongoing", part["end"])], 1
                ),
                hovertemplate="<b>%{y}</b><br>%{customdata[0]} to %{customdata[1]}<extra>"
                + prog
                + "</extra>",
            )
        )
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=prog,
                legendgroup=prog,
                marker={"color": colour},
                orientation="h",
                showlegend=True,
                hoverinfo="skip",
            )
        )
    fig.update_layout(**_timeline_layout(table))
    return fig.to_plotly_json()


def _timeline_layout(table: pd.DataFrame) -> dict:
    """Years as units between grid lines, labelled mid-year, with room after the last for labels."""
    first, last = int(table["start"].min()), int(table["end"].max())
    return {
        "barmode": "overlay",
        "height": max(260, 22 * len(table) + 160),
        "bargap": 0.3,
        "yaxis": {
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": table["name"],
            "title": None,
            "automargin": True,
            "tickfont": {"size": 11},
        },
        "xaxis": {  # labels mid-year, grid lines on the year boundaries
            "title": None,
            "tickvals": [y + 0.5 for y in range(first, last + 1)],
            "ticktext": [str(y) for y in range(first, last + 1)],
            "ticks": "",
            "side": "top",
            "range": [first - 0.1, last + 2.7],
            "showgrid": False,
            "minor": {
                "tickvals": list(range(first, last + 2)),
                "showgrid": True,
                "gridcolor": "#d9d9d9",
            },
        },
        "legend": {
            "orientation": "h",
            "y": -0.01,
            "yanchor": "top",
            "title": {"text": "Programme"},
        },
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "font": {"size": 12},
        "plot_bgcolor": "white",
    }
