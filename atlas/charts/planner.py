"""The evaluation planner's chart: the smallest detectable effect by year of data after the start
(``atlas.evidence.planner.plan``), with the effect size asked about as a line."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from atlas.charts.trend import FONT, figure

BLUE, ORANGE = "#1b5e9e", "#b3540b"


def mde_chart(o: dict, effect: float | None = None, height: int = 260) -> go.Figure:
    """One outcome's MDE (at the engine's stated power, ``o["power"]``) for each year of data after
    the lag, as dots and a line."""
    rows = [r for r in o["rows"] if r["mde"] is not None and math.isfinite(r["mde"])]
    unit = o["unit_words"]
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": [r["year"] for r in rows],
            "y": [r["mde"] for r in rows],
            "name": "smallest detectable effect",
            "line": {"color": BLUE},
            "hovertemplate": "%{x}: ±%{y:.2f} " + unit + "<extra></extra>",
        }
    ]
    shapes = []
    if effect and rows:
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": abs(effect),
                "y1": abs(effect),
                "line": {"color": ORANGE, "dash": "dash"},
            }
        )
    layout = {
        "height": height,
        "font": FONT,
        "margin": {"l": 50, "r": 10, "t": 30, "b": 40},
        "showlegend": False,
        "title": {"text": f"{o['title']}: smallest effect it could detect", "font": {"size": 14}},
        "xaxis": {"title": {"text": "year of data"}, "dtick": 1},
        "yaxis": {"title": {"text": f"± {unit}"}, "rangemode": "tozero"},
        "shapes": shapes,
    }
    return figure({"data": traces, "layout": layout})
