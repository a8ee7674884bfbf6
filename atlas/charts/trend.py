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
    traces = []
    styles = {
        "area": {"color": AREA, "width": 3.5},
        "region": {"color": REGION, "width": 2, "dash": "dash"},
        "england": {"color": ENGLAND, "width": 2, "dash": "dot"},
        "uk": {"color": "#6a51a3", "width": 2, "dash": "dashdot"},
    }
    if "role" not in frame:
        frame = frame.assign(
            role=frame["series"].map(lambda s: "england" if s == "England" else "area")
        )
    for series, part in frame.groupby("series", sort=False):
        part = part.sort_values("year")
        role = part["role"].iloc[0]
        text = [
            shown(v, s, meta["unit"], int(meta["decimals"]))
            for v, s in zip(part["value"], part["status"], strict=True)
        ]
        if role == "area" and part["lower_ci"].notna().any():  # the area's 95% CI as a light band
            band = {
                "type": "scatter",
                "mode": "lines",
                "line": {"width": 0},
                "hoverinfo": "skip",
                "legendgroup": "ci",
            }
            traces += [
                {
                    **band,
                    "x": part["year"].tolist(),
                    "y": part["upper_ci"].tolist(),
                    "showlegend": False,
                },
                {
                    **band,
                    "x": part["year"].tolist(),
                    "y": part["lower_ci"].tolist(),
                    "fill": "tonexty",
                    "fillcolor": "rgba(27,94,158,0.15)",
                    "name": "95% confidence interval",
                },
            ]
        traces.append(
            {
                "type": "scatter",
                "x": part["year"].tolist(),
                "y": part["value"].tolist(),
                "name": series,
                "mode": "lines+markers",
                "line": styles[role],
                "customdata": np.c_[part["period"], text].tolist(),
                "hovertemplate": f"{series}<br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
            }
        )
    years = sorted(frame["year"].dropna().unique())
    periods = frame.drop_duplicates("year").set_index("year")["period"]
    ptype = meta["period_type"]
    step = max(1, -(-len(years) // (7 if height >= 380 else 4)))
    ticks = [int(y) for y in years[::-1][::step][::-1]]  # at most ~7 labels, always the latest
    shapes, notes = [], []

    def vline(x: float, colour: str, dash: str, width: float) -> None:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"color": colour, "width": width, "dash": dash},
            }
        )

    if events is not None and years:
        for ev in events.itertuples():
            for when, dash in ((ev.start_year, "dash"), (ev.end_year, "dot")):
                if pd.isna(when) or not years[0] - 1 <= _x(int(when), ptype) <= years[-1] + 1:
                    continue
                vline(_x(int(when), ptype), "#7a3e9d", dash, 1.5)
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
    if breaks is not None:
        for br in breaks.itertuples():
            vline(br.year - 0.5, "#9a9a9a", "longdash", 1)
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
    # every kind of vertical line drawn gets a legend entry, so no dashed line goes unexplained
    kinds = {(s["line"]["color"], s["line"]["dash"]) for s in shapes}
    for colour, dash, name in (
        ("#7a3e9d", "dash", "Programme start"),
        ("#7a3e9d", "dot", "Programme end"),
        ("#9a9a9a", "longdash", "Series break"),
    ):
        if (colour, dash) in kinds:
            traces.append(
                {
                    "type": "scatter",
                    "x": [None],
                    "y": [None],
                    "mode": "lines",
                    "name": name,
                    "line": {"color": colour, "dash": dash, "width": 1.5},
                    "hoverinfo": "skip",
                }
            )
    layout = {
        "title": {"text": title or meta["title"], "font": {"size": 15}},
        "height": height,
        "font": FONT,
        "shapes": shapes,
        "annotations": notes,
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
    return figure({"data": traces, "layout": layout})


def small_multiples(frame: pd.DataFrame, meta: pd.Series, wrap: int = 5) -> go.Figure:
    """One small chart per area (``facet``, in order of appearance) with England (``series`` ==
    'England') in each; a shared y scale. Built as a plain spec: plotly express is ~10x slower."""
    facets = list(dict.fromkeys(frame["facet"]))
    rows = -(-len(facets) // wrap)
    years = sorted(frame["year"].dropna().unique())
    periods = frame.drop_duplicates("year").set_index("year")["period"]
    ends = [int(years[0]), int(years[-1])] if years else []
    lo, hi = frame["value"].min(), frame["value"].max()
    pad = (hi - lo) * 0.08 if pd.notna(hi) and hi > lo else 1
    gap_x, gap_y = 0.06, (0.5 / rows if rows > 1 else 0)
    width = (1 - gap_x * (wrap - 1)) / wrap
    height = (1 - gap_y * (rows - 1)) / rows
    traces, layout, notes = [], {}, []
    unit, dec = meta["unit"], int(meta["decimals"])
    for i, facet in enumerate(facets):
        r, c = divmod(i, wrap)
        ax = "" if i == 0 else str(i + 1)
        x0 = c * (width + gap_x)
        y1 = 1 - r * (height + gap_y)
        layout[f"xaxis{ax}"] = {
            "domain": [max(0.0, x0), min(1.0, x0 + width)],
            "anchor": f"y{ax}",
            "tickvals": ends,
            "ticktext": [periods[y] for y in ends],
            "showgrid": False,
            "tickfont": {"size": 10},
            "range": [ends[0] - 0.5, ends[-1] + 0.5] if ends else None,
        }
        layout[f"yaxis{ax}"] = {
            "domain": [max(round(y1 - height, 9), 0), min(round(y1, 9), 1)],
            "anchor": f"x{ax}",
            "gridcolor": "#eeeeee",
            "range": [lo - pad, hi + pad],
            "showticklabels": c == 0,
        }
        notes.append(
            {
                "text": f"<b>{facet}</b>",
                "x": x0 + width / 2,
                "y": y1,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "yanchor": "bottom",
                "xanchor": "center",
                "font": {"size": 12},
            }
        )
        part = frame[frame["facet"] == facet]
        for series, colour, dash in (("England", ENGLAND, "dot"), ("Area", AREA, "solid")):
            line = part[part["series"] == series].sort_values("year")
            text = [
                shown(v, st_, unit, dec)
                for v, st_ in zip(line["value"], line["status"], strict=True)
            ]
            traces.append(
                {
                    "type": "scatter",
                    "x": line["year"].tolist(),
                    "y": line["value"].tolist(),
                    "xaxis": f"x{ax}",
                    "yaxis": f"y{ax}",
                    "mode": "lines+markers",
                    "line": {
                        "color": colour,
                        "dash": dash,
                        "width": 2.5 if series == "Area" else 1.5,
                    },
                    "marker": {"size": 4},
                    "name": "England" if series == "England" else "Area",
                    "legendgroup": series,
                    "showlegend": i == 0,
                    "customdata": np.c_[line["period"], text].tolist() if len(line) else [],
                    "hovertemplate": f"{facet if series == 'Area' else 'England'}<br>%{{customdata[0]}}: "
                    "%{customdata[1]}<extra></extra>",
                }
            )
    layout.update(
        {
            "title": {
                "text": f"{meta['short_title']}: each area (blue) and England (black dotted)",
                "x": 0.01,
                "y": 0.99,
                "yanchor": "top",
                "font": {"size": 14},
            },
            "height": 190 * rows + 90,
            "font": FONT,
            "plot_bgcolor": "white",
            "annotations": notes,
            "legend": {
                "orientation": "h",
                "yref": "container",
                "y": 1,
                "yanchor": "top",
                "x": 1,
                "xanchor": "right",
            },
            "margin": {"l": 10, "r": 10, "t": 90, "b": 10},
            "hovermode": "closest",
        }
    )
    return figure({"data": traces, "layout": layout})
