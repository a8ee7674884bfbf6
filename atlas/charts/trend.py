"""Charts as functions of DataFrames: trend chart and small multiples. No data access here.

The spine chart is in ``atlas.spine_chart``; both share ``figure`` and ``FONT`` from here.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas.text.formatting import shown

FONT = {"family": "Source Sans Pro, sans-serif", "size": 13}
AREA, REGION, ENGLAND = "#1b5e9e", "#6b6b6b", "#111111"
#: axis titles for units ('' where the title already says it)
AXIS_UNITS = {"pp": "percentage points", "score": "", "rank": "", "count": ""}
# Building a Figure with validation costs ~30 ms per small chart; pages skip it, tests switch it on.
VALIDATE = os.environ.get("CIVIC_ATLAS_VALIDATE_FIGURES") == "1"


#: tooltips: near-black text on white (about 17:1), whatever the colour of the trace underneath
HOVERLABEL = {"bgcolor": "#ffffff", "bordercolor": "#555555", "font": {"color": "#1a1a1a"}}


def figure(spec: dict) -> go.Figure:
    """A Figure from a plain dict spec (validated only when CIVIC_ATLAS_VALIDATE_FIGURES=1), with
    high-contrast tooltips unless the spec sets its own."""
    layout = spec.get("layout") or {}
    if "hoverlabel" not in layout or "bgcolor" not in layout["hoverlabel"]:
        hover = {**HOVERLABEL, **layout.get("hoverlabel", {})}
        spec = {**spec, "layout": {**layout, "hoverlabel": hover}}
    return go.Figure(spec, _validate=VALIDATE)


def _x(year: int, period_type: str) -> float:
    """Where a calendar year sits on an axis whose ticks are period END years: an academic or
    financial period ending in year Y starts in Y-1, so a programme starting in year S goes halfway
    between the periods ending in S and S+1."""
    return year + 0.5 if period_type in ("academic", "financial") else year


STYLES = {
    "area": {"color": AREA, "width": 3.5},
    "region": {"color": REGION, "width": 2, "dash": "dash"},
    "england": {"color": ENGLAND, "width": 2, "dash": "dot"},
    "uk": {"color": "#6a51a3", "width": 2, "dash": "dashdot"},
}
PROGRAMME, BREAK = "#7a3e9d", "#9a9a9a"
#: every kind of vertical line drawn gets a legend entry, so no dashed line goes unexplained
MARKER_KINDS = (
    (PROGRAMME, "dash", "Programme start"),
    (PROGRAMME, "dot", "Programme end"),
    (BREAK, "longdash", "Series break"),
)


def trend(
    frame: pd.DataFrame,
    meta: pd.Series,
    events: pd.DataFrame | None = None,
    breaks: pd.DataFrame | None = None,
    title: str | None = None,
    height: int = 380,
    labels: bool = True,
) -> go.Figure:
    """Lines for the area, its region and England; dashed markers at programme starts (dotted at
    ends) and grey markers at series breaks. ``events``: name, label, start_year, end_year."""
    if "role" not in frame:
        frame = frame.assign(
            role=frame["series"].map(lambda s: "england" if s == "England" else "area")
        )
    traces = _series_traces(frame, meta)
    years = sorted(frame["year"].dropna().unique())
    shapes, notes = _markers(events, breaks, years, meta["period_type"], labels)
    traces += _marker_legend(shapes)
    layout = _layout(frame, meta, years, title, height) | {"shapes": shapes, "annotations": notes}
    return figure({"data": traces, "layout": layout})


def _series_traces(frame: pd.DataFrame, meta: pd.Series) -> list[dict]:
    """One line per series, the area's 95% CI (where published) as a light band beneath it."""
    traces = []
    for series, part in frame.groupby("series", sort=False):
        part = part.sort_values("year")
        role = part["role"].iloc[0]
        text = [
            shown(v, s, meta["unit"], int(meta["decimals"]))
            for v, s in zip(part["value"], part["status"], strict=True)
        ]
        if role == "area" and part["lower_ci"].notna().any():
            traces += ci_band(part)
        traces.append(
            {
                "type": "scatter",
                "x": part["year"].tolist(),
                "y": part["value"].tolist(),
                "name": series,
                "mode": "lines+markers",
                "line": STYLES[role],
                "customdata": np.c_[part["period"], text].tolist(),
                "hovertemplate": f"{series}<br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
            }
        )
    return traces


def ci_band(part: pd.DataFrame) -> list[dict]:
    """The 95% interval as a shaded band (two edge traces in legend group 'ci', which
    ``atlas.ui.intervals.hidden`` drops when intervals are switched off)."""
    band = {
        "type": "scatter",
        "mode": "lines",
        "line": {"width": 0},
        "hoverinfo": "skip",
        "legendgroup": "ci",
    }
    x = part["year"].tolist()
    return [
        {**band, "x": x, "y": part["upper_ci"].tolist(), "showlegend": False},
        {
            **band,
            "x": x,
            "y": part["lower_ci"].tolist(),
            "fill": "tonexty",
            "fillcolor": "rgba(27,94,158,0.15)",
            "name": "95% confidence interval",
        },
    ]


def _vline(x: float, colour: str, dash: str, width: float) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": colour, "width": width, "dash": dash},
    }


def _markers(events, breaks, years: list, ptype: str, labels: bool) -> tuple[list, list]:
    """Vertical lines (and their labels) at programme starts and ends and at series breaks."""
    shapes, notes = [], []
    for ev in events.itertuples() if events is not None and years else ():
        for when, dash in ((ev.start_year, "dash"), (ev.end_year, "dot")):
            if pd.isna(when) or not years[0] - 1 <= _x(int(when), ptype) <= years[-1] + 1:
                continue
            shapes.append(_vline(_x(int(when), ptype), PROGRAMME, dash, 1.5))
            if dash == "dash" and labels:
                notes.append(
                    {
                        "x": _x(int(when), ptype),
                        "y": 1 - 0.09 * (len(notes) % 4),
                        "yref": "paper",
                        "text": ev.label,
                        "showarrow": False,
                        "xanchor": "left",
                        "font": {"size": 11, "color": "#5a2d75"},
                        "hovertext": ev.name,
                        "bgcolor": "rgba(255,255,255,0.85)",
                    }
                )
    for br in breaks.itertuples() if breaks is not None else ():
        shapes.append(_vline(br.year - 0.5, BREAK, "longdash", 1))
        if labels:
            notes.append(
                {
                    "x": br.year - 0.5,
                    "y": 0.02,
                    "yref": "paper",
                    "text": "series break",
                    "hovertext": br.note,
                    "showarrow": False,
                    "xanchor": "right",
                    "yanchor": "bottom",
                    "textangle": -90,
                    "font": {"size": 10, "color": "#6b6b6b"},
                }
            )
    return shapes, notes


def _marker_legend(shapes: list[dict]) -> list[dict]:
    kinds = {(s["line"]["color"], s["line"]["dash"]) for s in shapes}
    return [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "lines",
            "name": name,
            "line": {"color": colour, "dash": dash, "width": 1.5},
            "hoverinfo": "skip",
        }
        for colour, dash, name in MARKER_KINDS
        if (colour, dash) in kinds
    ]


def _layout(frame: pd.DataFrame, meta: pd.Series, years: list, title, height: int) -> dict:
    periods = frame.drop_duplicates("year").set_index("year")["period"]
    step = max(1, -(-len(years) // (7 if height >= 380 else 4)))
    ticks = [int(y) for y in years[::-1][::step][::-1]]  # at most ~7 labels, always the latest
    return {
        "title": {"text": title or meta["title"], "font": {"size": 15}},
        "height": height,
        "font": FONT,
        "hovermode": "x unified",
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 50, "b": 64},
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        "xaxis": {
            "tickvals": ticks,
            "ticktext": [periods.get(y, str(y)) for y in ticks],
            "showgrid": False,
            "tickangle": 0,
            "automargin": True,
        },
        "yaxis": {
            "title": {"text": AXIS_UNITS.get(meta["unit"], meta["unit"])},
            "gridcolor": "#eeeeee",
            "zeroline": False,
        },
    }
