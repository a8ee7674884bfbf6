"""Compare areas: each area's latest value as a dot with its 95% interval bar, against England
and the average of the areas shown (the neighbour average when the group is statistical
neighbours). No data access here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from atlas.charts.trend import AREA, AXIS_UNITS, FONT, figure

ENGLAND_LINE, AVERAGE_LINE = "#000000", "#7a3e9d"


def interval_dots(
    table: pd.DataFrame, meta: pd.Series, england: float | None, average_label: str
) -> go.Figure:
    """Dots (value) with error bars (95% CI, where published), one row per area, best on top;
    a black line at England's value and a dashed purple line at the areas' mean."""
    rows = table[table["value"].notna()].iloc[::-1]
    has_ci = rows["lower_ci"].notna() & rows["upper_ci"].notna()
    unit = AXIS_UNITS.get(meta["unit"], meta["unit"])
    average = float(rows["value"].mean()) if len(rows) else None
    # say only what is drawn: a bar where an interval is published, none promised where none is
    value_name = (
        "Value (bar: 95% confidence interval)"
        if has_ci.all()
        else "Value (bar: 95% confidence interval, where published)"
        if has_ci.any()
        else "Value (no confidence interval is published)"
    )
    interval = "95% interval" if has_ci.any() else "value"
    hover = "<br>95% CI %{customdata[1]}" if has_ci.any() else ""
    traces = [
        {
            "type": "scatter",
            "x": rows["value"].tolist(),
            "y": rows["area_name"].tolist(),
            "mode": "markers",
            "name": value_name,
            "marker": {"size": 11, "color": AREA},
            "error_x": {
                "type": "data",
                "symmetric": False,
                "array": (rows["upper_ci"] - rows["value"]).where(has_ci).tolist(),
                "arrayminus": (rows["value"] - rows["lower_ci"]).where(has_ci).tolist(),
                "color": "#444444",
                "thickness": 1.5,
                "width": 5,
            },
            "customdata": rows[["value_text", "ci_text"]].fillna("").to_numpy().tolist(),
            "hovertemplate": "<b>%{y}</b>: %{customdata[0]}" + hover + "<extra></extra>",
        }
    ]
    lines, entries = _reference_lines(
        (
            (england, ENGLAND_LINE, "solid", "England"),
            (average, AVERAGE_LINE, "dash", average_label),
        ),
        int(meta["decimals"]),
    )
    traces += entries
    layout = {
        "title": {
            "text": f"{meta['short_title']}: each area's {interval}, "
            f"with England and the {average_label.lower()}",
            "x": 0,
            "font": {"size": 14},
        },
        "height": max(260, 34 * len(rows) + 150),
        "font": FONT,
        "plot_bgcolor": "white",
        "shapes": lines,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 40},
        "legend": {"orientation": "h", "y": -0.12, "yanchor": "top"},
        "xaxis": {"title": {"text": unit}, "gridcolor": "#eeeeee", "zeroline": False},
        "yaxis": {"automargin": True},
    }
    return figure({"data": traces, "layout": layout})


def _reference_lines(lines, decimals: int) -> tuple[list[dict], list[dict]]:
    """Vertical lines (England, the group's average) and a legend entry for each."""
    shapes, entries = [], []
    for x, colour, dash, name in lines:
        if x is None or pd.isna(x):
            continue
        style = {"color": colour, "width": 2, "dash": dash}
        shapes.append(
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1}
            | {"line": style}
        )
        entries.append(
            {"type": "scatter", "x": [None], "y": [None], "mode": "lines"}
            | {"name": f"{name}: {x:.{decimals}f}", "line": style}
        )
    return shapes, entries
