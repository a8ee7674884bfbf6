"""The Fingertips-style spine chart: every indicator for one area against England's range.

Colours match the map: blue better than England, pale yellow similar, orange worse (all three only
where a 95% interval is published); purple shades and grey say higher, lower or the same as England
without judgement; grey bars for the England range. England is a black line, which stays distinct
from orange under red-green colour blindness. Every dot colour has a legend entry. No data access.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts.maps import BLUE, NEUTRAL, ORANGE, PALE, SAME_GREY
from atlas.charts.trend import FONT, figure
from atlas.data.areas import DOMAINS
from atlas.text import comparison as C
from atlas.text.formatting import fmt

CMP_COLOURS = {
    C.BETTER: BLUE,
    C.SIMILAR: PALE,
    C.WORSE: ORANGE,
    C.HIGHER: NEUTRAL[1],
    C.LOWER: NEUTRAL[3],
    C.SAME: SAME_GREY,
    C.NONE: "#ffffff",
}
CMP_NAMES = {C.NONE: "Not compared (a count, or no England value)"}
ENGLAND_LINE = "#000000"


def _pos(v: float, centre: float, ext: float, flip: bool) -> float:
    p = 0.5 + 0.5 * (v - centre) / ext
    return 1 - p if flip else p


def spine(frame: pd.DataFrame, area_name: str, region_name: str | None) -> go.Figure:
    """The spine chart, laid out once per (frame, names) and then rebuilt from its cached spec."""
    return figure(_spine_spec(frame, area_name, region_name))


@st.cache_data(max_entries=256, show_spinner=False)
def _spine_spec(frame: pd.DataFrame, area_name: str, region_name: str | None) -> dict:
    return _spine(frame, area_name, region_name).to_plotly_json()


def _spine(frame: pd.DataFrame, area_name: str, region_name: str | None) -> go.Figure:
    """Fingertips-style spine: one row per indicator, England in the middle, better to the right.

    ``frame`` comes from ``profile_data.spine_frame``. Grey bars: the England range of LA values (lightest:
    min–max, darker: 25th–75th percentile). Dot: the area, coloured by comparison with England.
    Diamond: the region."""
    rows, heads = [], []
    for domain, part in frame.groupby("domain", sort=False):
        heads.append(len(rows))
        rows.append({"label": f"<b>{DOMAINS.get(domain, domain)}</b>", "head": True})
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
            eng = fmt(r.england, r.unit, r.decimals)
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
                    "comparison": r.comparison,
                    "text": f"{r.shown}" + (f"  (England {eng})" if pd.notna(r.england) else ""),
                    "hover": (
                        f"<b>{r.title}</b> ({r.period})<br>{area_name}: {r.shown}"
                        + (f" ({r.note})" if r.note else "")
                        + f"<br>England: {eng}"
                        + (
                            f"<br>{region_name}: {fmt(r.region, r.unit, r.decimals)}"
                            if pd.notna(r.region)
                            else ""
                        )
                        + f"<br>{r.comparison}<br>England range of {r.n} areas: "
                        f"{fmt(r.min, r.unit, r.decimals)} to {fmt(r.max, r.unit, r.decimals)}"
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
    dots = 0
    for label, colour in CMP_COLOURS.items():  # one trace per class: the legend explains each dot
        part = body[body["comparison"] == label]
        if part.empty:
            continue
        dots += 1
        traces.append(
            {
                "type": "scatter",
                "y": [y[i] for i in part.index],
                "x": part["area"].tolist(),
                "mode": "markers",
                "name": CMP_NAMES.get(label, label),
                "legendgroup": "area",
                "legendgrouptitle": {"text": f"{area_name}:" if dots == 1 else ""},
                "hovertext": part["hover"].tolist(),
                "hoverinfo": "text",
                "marker": {"size": 13, "color": colour, "line": {"color": "#222", "width": 1}},
            }
        )
    traces.append(  # England: a legend entry for the black line drawn as a shape below
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "lines",
            "name": "England",
            "line": {"color": ENGLAND_LINE, "width": 2},
            "hoverinfo": "skip",
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
        "height": max(340, 24 * len(df) + 190),
        "title": {
            "text": f"{area_name}: every indicator's latest value against the range of "
            "English local authorities (better to the right)",
            "x": 0,
            "xanchor": "left",
            "font": {"size": 15},
        },
        "font": FONT,
        "plot_bgcolor": "white",
        "margin": {"l": 10, "r": 10, "t": 80, "b": 120},
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
                "line": {"color": ENGLAND_LINE, "width": 2},
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
