"""A university's intake by socio-economic decile against the qualified pool, drawn as the Social
Mobility Commission draws it: cumulative percentage of students (y) by decile (x, 1 = most
deprived), the actual intake in blue, the equal scenario in yellow, the qualified pool in red
(dashed: with location weighting). A function of the decile rows; no data access."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from atlas.charts.trend import FONT, figure

#: the Commission's colour scheme (its explorer's ``colourScheme``), one line style each
CURVES = {
    "Enrolment": ("Actual intake (enrolment)", "#5694ca", "solid"),
    "Equal": ("Equal: all 18–19 year olds in England", "#ba8e23", "dot"),
    "Required (without location weighting)": ("Qualified pool (required)", "#d4351c", "solid"),
    "Required (with location weighting)": (
        "Qualified pool, location-weighted",
        "#d4351c",
        "dash",
    ),
}


def decile_chart(rows: pd.DataFrame, university: str, height: int = 380) -> go.Figure:
    """Cumulative % of students by decile, one line per curve in ``CURVES`` present in ``rows``."""
    traces = []
    for curve, (name, colour, dash) in CURVES.items():
        part = rows[rows["curve"] == curve].sort_values("decile")
        if part.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": part["decile"].tolist(),
                "y": part["cumulative_percentage"].tolist(),
                "name": name,
                "line": {
                    "color": colour,
                    "dash": dash,
                    "width": 2.5 if curve == "Enrolment" else 2,
                },
                "marker": {"size": 4},
                "hovertemplate": f"Decile %{{x}}, {name}: %{{y:.0f}}%<extra></extra>",
            }
        )
    return figure(
        {
            "data": traces,
            "layout": {
                "title": {
                    "text": "Intake by socio-economic decile, 2018 to 2020",
                    "font": {"size": 14},
                },
                "height": height,
                "margin": {"l": 50, "r": 10, "t": 40, "b": 120},
                "font": FONT,
                "xaxis": {
                    "title": {"text": "Socio-economic decile (1 = most deprived)", "standoff": 6},
                    "tickmode": "linear",
                    "dtick": 1,
                    "range": [-0.2, 10.2],
                },
                "yaxis": {
                    "title": {"text": "Cumulative % of students"},
                    "range": [0, 100],
                    "ticksuffix": "%",
                },
                "legend": {
                    "orientation": "h",
                    "x": 0,
                    "y": -0.28,
                    "yanchor": "top",
                    "font": {"size": 11},
                },
                "plot_bgcolor": "white",
            },
        }
    )
