"""Small multiples: one small trend chart per area, England in each, on a shared y scale. Built
as a plain spec (plotly express is ~10x slower); no data access here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas.charts.trend import AREA, ENGLAND, FONT, ci_band, figure
from atlas.text.formatting import shown


def small_multiples(frame: pd.DataFrame, meta: pd.Series, wrap: int = 5) -> go.Figure:
    """One small chart per area (``facet``, in order of appearance) with England (``series`` ==
    'England') in each; a shared y scale."""
    facets = list(dict.fromkeys(frame["facet"]))
    rows = -(-len(facets) // wrap)
    years = sorted(frame["year"].dropna().unique())
    periods = frame.drop_duplicates("year").set_index("year")["period"]
    ends = [int(years[0]), int(years[-1])] if years else []
    lo = frame[[c for c in ("value", "lower_ci") if c in frame]].min().min()  # room for bands
    hi = frame[[c for c in ("value", "upper_ci") if c in frame]].max().max()
    pad = (hi - lo) * 0.08 if pd.notna(hi) and hi > lo else 1
    grid = _Grid(wrap, rows)
    traces, layout, notes = [], {}, []
    for i, facet in enumerate(facets):
        ax, x0, y1 = grid.cell(i)
        layout[f"xaxis{ax}"] = {
            "domain": [max(0.0, x0), min(1.0, x0 + grid.width)],
            "anchor": f"y{ax}",
            "tickvals": ends,
            "ticktext": [periods[y] for y in ends],
            "showgrid": False,
            "tickfont": {"size": 10},
            "range": [ends[0] - 0.5, ends[-1] + 0.5] if ends else None,
        }
        layout[f"yaxis{ax}"] = {
            "domain": [max(round(y1 - grid.height, 9), 0), min(round(y1, 9), 1)],
            "anchor": f"x{ax}",
            "gridcolor": "#eeeeee",
            "range": [lo - pad, hi + pad],
            "showticklabels": i % wrap == 0,
        }
        notes.append(_facet_title(facet, x0 + grid.width / 2, y1))
        traces += _facet_traces(frame[frame["facet"] == facet], facet, ax, meta, first=i == 0)
    layout.update(_layout(meta, rows, notes))
    return figure({"data": traces, "layout": layout})


class _Grid:
    """Where facet ``i`` sits: its axis suffix and its top-left corner in paper coordinates."""

    def __init__(self, wrap: int, rows: int) -> None:
        self.wrap, self.gap_x, self.gap_y = wrap, 0.06, (0.5 / rows if rows > 1 else 0)
        self.width = (1 - self.gap_x * (wrap - 1)) / wrap
        self.height = (1 - self.gap_y * (rows - 1)) / rows

    def cell(self, i: int) -> tuple[str, float, float]:
        r, c = divmod(i, self.wrap)
        ax = "" if i == 0 else str(i + 1)
        return ax, c * (self.width + self.gap_x), 1 - r * (self.height + self.gap_y)


def _facet_title(facet: str, x: float, y: float) -> dict:
    return {
        "text": f"<b>{facet}</b>",
        "x": x,
        "y": y,
        "xref": "paper",
        "yref": "paper",
        "showarrow": False,
        "yanchor": "bottom",
        "xanchor": "center",
        "font": {"size": 12},
    }


def _facet_traces(part: pd.DataFrame, facet: str, ax: str, meta: pd.Series, first: bool) -> list:
    unit, dec = meta["unit"], int(meta["decimals"])
    traces = []
    for series, colour, dash in (("England", ENGLAND, "dot"), ("Area", AREA, "solid")):
        line = part[part["series"] == series].sort_values("year")
        if series == "Area" and "lower_ci" in line and line["lower_ci"].notna().any():
            band = ci_band(line)  # the area's published interval, as on the profile's trend
            band[1]["showlegend"] = first
            traces += [t | {"xaxis": f"x{ax}", "yaxis": f"y{ax}"} for t in band]
        text = [shown(v, s, unit, dec) for v, s in zip(line["value"], line["status"], strict=True)]
        traces.append(
            {
                "type": "scatter",
                "x": line["year"].tolist(),
                "y": line["value"].tolist(),
                "xaxis": f"x{ax}",
                "yaxis": f"y{ax}",
                "mode": "lines+markers",
                "line": {"color": colour, "dash": dash, "width": 2.5 if series == "Area" else 1.5},
                "marker": {"size": 4},
                "name": "England" if series == "England" else "Area",
                "legendgroup": series,
                "showlegend": first,
                "customdata": np.c_[line["period"], text].tolist() if len(line) else [],
                "hovertemplate": f"{facet if series == 'Area' else 'England'}<br>%{{customdata[0]}}: "
                "%{customdata[1]}<extra></extra>",
            }
        )
    return traces


def _layout(meta: pd.Series, rows: int, notes: list[dict]) -> dict:
    return {
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
