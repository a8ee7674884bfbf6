"""Charts as functions of DataFrames: spine chart, trend chart, small multiples. No data access here.

Colours match the map: blue better than England, pale yellow similar, orange worse; purple shades
for neutral indicators; grey for the England range.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas import areas as A
from atlas.maps import BLUE, NEUTRAL, ORANGE, PALE

CMP_COLOURS = {
    A.BETTER: BLUE,
    A.SIMILAR: PALE,
    A.WORSE: ORANGE,
    A.HIGHER: NEUTRAL[1],
    A.LOWER: NEUTRAL[3],
    A.NONE: "#ffffff",
}
FONT = {"family": "Source Sans Pro, sans-serif", "size": 13}
AREA, REGION, ENGLAND = "#1b5e9e", "#6b6b6b", "#111111"
# Building a Figure with validation costs ~30 ms per small chart; pages skip it, tests switch it on.
VALIDATE = os.environ.get("CIVIC_ATLAS_VALIDATE_FIGURES") == "1"


def figure(spec: dict) -> go.Figure:
    """A Figure from a plain dict spec (validated only when CIVIC_ATLAS_VALIDATE_FIGURES=1)."""
    return go.Figure(spec, _validate=VALIDATE)


def _pos(v: float, centre: float, ext: float, flip: bool) -> float:
    p = 0.5 + 0.5 * (v - centre) / ext
    return 1 - p if flip else p


def spine(frame: pd.DataFrame, area_name: str, region_name: str | None) -> go.Figure:
    """Fingertips-style spine: one row per indicator, England in the middle, better to the right.

    ``frame`` comes from ``areas.spine_frame``. Grey bars: the England range of LA values (lightest:
    min–max, darker: 25th–75th percentile). Dot: the area, coloured by comparison with England.
    Diamond: the region."""
    rows, heads = [], []
    for domain, part in frame.groupby("domain", sort=False):
        heads.append(len(rows))
        rows.append({"label": f"<b>{A.DOMAINS.get(domain, domain)}</b>", "head": True})
        for r in part.itertuples():
            # England in the middle, unless it is not on the LA scale (a total such as population)
            usable = pd.notna(r.england) and r.min <= r.england <= r.max and r.unit != "count"
            centre = r.england if usable else r.median
            ext = max(abs(r.max - centre), abs(centre - r.min), 1e-9)
            flip = r.polarity == "lower_better"
            p = {
                k: _pos(getattr(r, k), centre, ext, flip) if pd.notna(getattr(r, k)) else np.nan
                for k in ("min", "q25", "q75", "max", "value", "region")
            }
            eng = A.fmt(r.england, r.unit, r.decimals)
            rows.append(
                {
                    "label": f"{r.title} <span style='color:#6b6b6b'>{r.period}</span>",
                    "head": False,
                    "lo": min(p["min"], p["max"]),
                    "hi": max(p["min"], p["max"]),
                    "q_lo": min(p["q25"], p["q75"]),
                    "q_hi": max(p["q25"], p["q75"]),
                    "area": p["value"],
                    "region": p["region"],
                    "colour": CMP_COLOURS.get(r.comparison, "#fff"),
                    "text": f"{r.shown}" + (f"  (England {eng})" if pd.notna(r.england) else ""),
                    "hover": (
                        f"<b>{r.title}</b> ({r.period})<br>{area_name}: {r.shown}"
                        + (f" ({r.note})" if r.note else "")
                        + f"<br>England: {eng}"
                        + (
                            f"<br>{region_name}: {A.fmt(r.region, r.unit, r.decimals)}"
                            if pd.notna(r.region)
                            else ""
                        )
                        + f"<br>{r.comparison}<br>England range of {r.n} areas: "
                        f"{A.fmt(r.min, r.unit, r.decimals)} to {A.fmt(r.max, r.unit, r.decimals)}"
                    ),
                }
            )
    df = pd.DataFrame(rows)
    y = list(range(len(df)))[::-1]
    body = df[~df["head"]]
    yb = [y[i] for i in body.index]

    def bar(lo: str, hi: str, colour: str, name: str) -> dict:
        return {
            "type": "bar",
            "orientation": "h",
            "y": yb,
            "x": (body[hi] - body[lo]).tolist(),
            "base": body[lo].tolist(),
            "width": 0.62,
            "marker": {"color": colour},
            "hoverinfo": "skip",
            "name": name,
        }

    traces = [
        bar("lo", "hi", "#e4e4e4", "England range (lowest to highest)"),
        bar("q_lo", "q_hi", "#b9b9b9", "Middle half of areas (25th–75th)"),
    ]
    if region_name:
        traces.append(
            {
                "type": "scatter",
                "y": yb,
                "x": body["region"].tolist(),
                "mode": "markers",
                "name": region_name,
                "hoverinfo": "skip",
                "marker": {
                    "symbol": "diamond-open",
                    "size": 10,
                    "color": "#222",
                    "line": {"width": 2},
                },
            }
        )
    traces.append(
        {
            "type": "scatter",
            "y": yb,
            "x": body["area"].tolist(),
            "mode": "markers",
            "name": area_name,
            "hovertext": body["hover"].tolist(),
            "hoverinfo": "text",
            "marker": {
                "size": 13,
                "color": body["colour"].tolist(),
                "line": {"color": "#222", "width": 1},
            },
        }
    )
    traces.append(
        {
            "type": "scatter",
            "y": yb,
            "x": [1.04] * len(body),
            "mode": "text",
            "text": body["text"].tolist(),
            "textposition": "middle right",
            "hoverinfo": "skip",
            "showlegend": False,
            "textfont": {"size": 12},
        }
    )
    layout = {
        "barmode": "overlay",
        "height": max(300, 24 * len(df) + 110),
        "font": FONT,
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 40, "b": 70},
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        "shapes": [
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": 0.5,
                "x1": 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#c00000", "width": 2},
            }
        ],
        "xaxis": {
            "range": [-0.02, 1.62],
            "showgrid": False,
            "zeroline": False,
            "side": "top",
            "tickvals": [0.02, 0.5, 0.98],
            "ticktext": ["◀ worse", "England", "better ▶"],
            "fixedrange": True,
        },
        "yaxis": {
            "tickvals": y,
            "ticktext": df["label"].tolist(),
            "showgrid": False,
            "fixedrange": True,
        },
    }
    return figure({"data": traces, "layout": layout})


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
    }
    if "role" not in frame:
        frame = frame.assign(
            role=frame["series"].map(lambda s: "england" if s == "England" else "area")
        )
    for series, part in frame.groupby("series", sort=False):
        part = part.sort_values("year")
        role = part["role"].iloc[0]
        text = [
            A.shown(v, s, meta["unit"], int(meta["decimals"]))
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
            "title": {
                "text": meta["unit"] if meta["unit"] not in ("score", "rank", "count") else ""
            },
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
            "domain": [x0, x0 + width],
            "anchor": f"y{ax}",
            "tickvals": ends,
            "ticktext": [periods[y] for y in ends],
            "showgrid": False,
            "tickfont": {"size": 10},
            "range": [ends[0] - 0.5, ends[-1] + 0.5] if ends else None,
        }
        layout[f"yaxis{ax}"] = {
            "domain": [y1 - height, y1],
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
                A.shown(v, st_, unit, dec)
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
            "margin": {"l": 10, "r": 10, "t": 70, "b": 10},
            "hovermode": "closest",
        }
    )
    return figure({"data": traces, "layout": layout})
