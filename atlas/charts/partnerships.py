"""The partnerships page's charts as functions of its tables: the coverage map (how many
interventions cover each council) and the timeline (one bar per intervention across its years)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts.maps import geometry_url, shapes, view
from atlas.charts.trend import figure

ENGLAND = "E92000001"
KEY_INDICATORS = [
    "ks4_att8_all",
    "ks4_att8_disadv",
    "he19_all",
    "he19_fsm",
    "employment_rate",
    "claimant_rate",
    "le_female",
    "le_male",
]
NO_REGION = "No English areas (national, Wales, Scotland or Northern Ireland)"
#: Themes are free text in the register; these keyword groups make them filterable.
THEMES = {
    "Education and attainment": r"educat|school|attainment|early years|teach|literacy|KS2|GCSE|attendance|family hub|learning",
    "Access to higher education": r"higher education|HE access|widening access|IntoUniversity|post-16|universit",
    "Skills and jobs": r"skill|employ|jobs|apprentice|careers|unemployment|inactivity|talent",
    "Health and wellbeing": r"health|wellbeing|obesity|sport|physical activity|care|medicine|disease|ageing",
    "Economy and innovation": r"econom|growth|innovation|business|R&D|enterprise|start-up|scale-up|spin-out|productiv|manufactur|industr|tech|export|fintech",
    "Place, housing and regeneration": r"regenerat|housing|transport|infrastructure|communit|place|coastal|urban|city",
    "Culture and creative": r"cultur|arts|festival|creative|media|heritage",
    "Net zero and environment": r"net zero|carbon|climate|sustainab|environment|energy|retrofit|water|biodiversity|green",
    "Social mobility and inequality": r"social mobility|inequalit|poverty|aspiration|inclusive|fair",
}
# ---- the register --------------------------------------------------------------------------------


def coverage_map(table: pd.DataFrame, height: int = 620) -> go.Figure:
    """The coverage map (built once per table, then rebuilt from its cached spec without validation)."""
    return figure(_coverage_map(table, height))


@st.cache_data(max_entries=64, show_spinner=False)
def _coverage_map(table: pd.DataFrame, height: int) -> dict:
    """Districts shaded by how many of the shown interventions cover them (grey: none)."""
    features, boxes = shapes("lad")
    codes = list(features)  # the whole UK: English districts and the councils of W, S and NI
    counts = table.set_index("area_code")["interventions"]
    names = dict(zip(table["area_code"], table["names"], strict=True))
    label = dict(zip(table["area_code"], table["area_name"], strict=True))
    z = [int(counts.get(c, 0)) for c in codes]
    top = max([*z, 1])
    scale = [
        [0, "#eeeeee"],
        [1 / (top + 0.5), "#eeeeee"],  # z runs from -0.5: 0 to 0.5 is 'none' (grey)
        [1 / (top + 0.5), "#c6dbef"],
        [1, "#08306b"],
    ]
    hover = [
        f"<b>{label.get(c, c)}</b><br>{n} intervention{'s' * (n != 1)}"
        + (f"<br>{names[c]}" if c in names else "")
        for c, n in zip(codes, z, strict=True)
    ]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geometry_url("lad"),  # a URL: the browser fetches it once
            locations=codes,
            z=z,
            zmin=-0.5,
            zmax=top,
            colorscale=scale,
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            marker={"line": {"color": "#8c8c8c", "width": 0.4}},
            colorbar={
                "title": {"text": "Interventions"},
                "thickness": 14,
                "len": 0.5,
                "x": 0.01,
                "tickvals": list(range(0, top + 1, max(1, top // 8))),
                "xanchor": "left",
                "y": 0.98,
                "yanchor": "top",
            },
        )
    )
    centre, zoom = view(boxes, list(counts.index) or codes, height=height)  # fit the covered areas
    fig.update_layout(
        map={"style": "white-bg", "center": centre, "zoom": min(zoom, 8)},
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode=False,
    )
    return (
        fig.to_plotly_json()
    )  # cached as a plain spec: building and validating it is the slow part


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
    return figure(_timeline_chart(table))


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
    first, last = int(table["start"].min()), int(table["end"].max())
    fig.update_layout(
        barmode="overlay",
        height=max(260, 22 * len(table) + 160),
        bargap=0.3,
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": table["name"],
            "title": None,
            "automargin": True,
            "tickfont": {"size": 11},
        },
        xaxis={  # labels mid-year, grid lines on the year boundaries
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
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "title": {"text": "Programme"}},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"size": 12},
        plot_bgcolor="white",
    )
    return fig.to_plotly_json()
