"""Before/after charts as functions of a study result (``atlas.evidence.engine.evaluate``):
the year-by-year gap with its chance band, and the synthetic control's fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas.charts.trend import FONT

BLUE, ORANGE, GREY = "#1b5e9e", "#b3540b", "#595959"


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def band(x: pd.Series, rows: pd.DataFrame, name: str, **extra) -> go.Scatter:
    """The shaded band chance produces between ``rows``' band_low and band_high at ``x``."""
    return go.Scatter(
        x=[*x, *x[::-1]],
        y=[*rows["band_high"], *rows["band_low"][::-1]],
        fill="toself",
        fillcolor="rgba(27,94,158,0.15)",
        line={"width": 0},
        mode="lines",
        name=name,
        hoverinfo="skip",
        **extra,
    )


def _frame(r: dict) -> tuple[pd.DataFrame, range]:
    es = pd.DataFrame(r["event"])
    years = range(int(es["year"].min()), int(es["year"].max()) + 1)
    return es.set_index("year").reindex(years).reset_index(), years


def event_chart(r: dict, height: int = 400) -> go.Figure:
    """Programme areas minus comparators by year, relative to the reference year, with the band
    chance produces (placebo areas); start, lag, left-out years and series breaks marked."""
    full, years = _frame(r)
    unit = r["outcome"]["unit_words"]
    fig = go.Figure()
    ok = full.dropna(subset=["band_low", "band_high"])
    name = f"What chance produces ({r['did']['level']:.0%} of placebo areas)"
    for i, (_, run) in enumerate(ok.groupby((ok["year"].diff() != 1).cumsum())):
        fig.add_trace(band(run["year"], run, name, legendgroup="band", showlegend=i == 0))
    fig.add_trace(
        go.Scatter(
            x=full["year"],
            y=full["diff_norm"],
            mode="lines+markers",
            connectgaps=False,
            name="Gap: programme areas minus comparators",
            line={"color": BLUE, "width": 2.5},
            marker={
                "size": 9,
                "color": ["white" if c is False else BLUE for c in full["comparable"]],
                "line": {"color": BLUE, "width": 2},
            },
            customdata=np.column_stack([full["note"].astype(object).fillna("")]),
            hovertemplate="%{x}: gap %{y:.2f} " + unit + "<br>%{customdata[0]}<extra></extra>",
        )
    )
    _marks(fig, r, years)
    fig.update_layout(
        title={
            "text": f"Gap between the programme areas and their comparators, {r['outcome']['title']}",
            "font": {"size": 14},
        },
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis={
            "dtick": 1,
            "tickformat": "d",
            "title": "Year",
            "range": [years.start - 0.6, years.stop - 0.4],
        },
        yaxis={
            "title": f"Gap vs {r['reference_year']} ({unit})",
            "zeroline": False,
            "gridcolor": "#eeeeee",
        },
        legend={"orientation": "h", "y": -0.18},
    )
    return fig


def _marks(fig: go.Figure, r: dict, years: range) -> None:
    """Zero line, the start, the lag and the years left out (COVID disruption)."""
    start, lag = r["start"], r["lag"]
    fig.add_hline(y=0, line={"color": GREY, "width": 1})
    fig.add_vline(
        x=start - 0.5,
        line={"color": "#111", "width": 2},
        annotation_text=f"start {start}",
        annotation_position="top left",
    )
    if lag:
        fig.add_vrect(
            x0=start - 0.5,
            x1=start + lag - 0.5,
            fillcolor="#999",
            opacity=0.12,
            line_width=0,
            annotation_text=f"{lag}-year lag",
            annotation_position="bottom right",
        )
    dropped = pd.Series(
        [y for y in r.get("dropped_years", []) if years.start <= y < years.stop], dtype=int
    )
    for _, run in dropped.groupby((dropped.diff() != 1).cumsum()):
        first, last = int(run.min()), int(run.max())
        fig.add_vrect(
            x0=first - 0.45,
            x1=last + 0.45,
            fillcolor=ORANGE,
            opacity=0.08,
            line_width=0,
            annotation_text=f"{_span(first, last)} left out",
            annotation_position="top",
            annotation_font={"size": 11, "color": ORANGE},
        )


def _short_unit(r: dict) -> str:
    """A y-axis title short enough never to run into the chart's heading."""
    unit = r["outcome"].get("unit") or ""
    return {"%": "Per cent", "score": "Score", "years": "Years"}.get(unit, unit or "Value")


def synth_chart(r: dict, height: int = 360) -> go.Figure:
    """The programme area and its synthetic twin, before and after the start."""
    fit = pd.DataFrame(r["synth"]["fit"])
    name = r["treated"][0]["area_name"]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=fit["year"],
            y=fit["actual"],
            mode="lines+markers",
            name=name,
            line={"color": BLUE, "width": 2.5},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=fit["year"],
            y=fit["synthetic"],
            mode="lines+markers",
            name=f"Synthetic {name}",
            line={"color": ORANGE, "width": 2, "dash": "dash"},
        )
    )
    fig.add_vline(
        x=r["start"] - 0.5,
        line={"color": "#111", "width": 2},
        annotation_text=f"start {r['start']}",
        annotation_position="top left",
    )
    fig.update_layout(
        title={
            "text": f"{name} and its synthetic twin, {r['outcome']['title']}",
            "font": {"size": 14},
        },
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis={"dtick": 1, "tickformat": "d", "title": "Year"},
        yaxis={"title": _short_unit(r), "gridcolor": "#eeeeee", "automargin": True},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def pooled_event_chart(pr: dict, height: int = 340) -> go.Figure:
    """A staggered programme's event study: the cohorts' gaps averaged by years since their
    start (0 in the year before it), with the band chance produces."""
    es = pd.DataFrame(pr["event"]).dropna(subset=["band_low", "band_high"])
    unit = pr["unit_words"]
    fig = go.Figure()
    name = f"What chance produces ({pr['did']['level']:.0%} of placebo programmes)"
    fig.add_trace(band(es["event_time"], es, name))
    fig.add_trace(
        go.Scatter(
            x=es["event_time"],
            y=es["diff_norm"],
            mode="lines+markers",
            name="Gap: programme areas minus comparators",
            line={"color": BLUE, "width": 2.5},
            hovertemplate="%{x} years from the start: gap %{y:.2f} " + unit + "<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": GREY, "width": 1})
    fig.add_vline(x=-0.5, line={"color": "#111", "width": 2})
    fig.update_layout(
        title={"text": f"{pr['programme']}: gap by years since each start", "font": {"size": 14}},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="white",
        font=FONT,
        xaxis={"dtick": 1, "title": "Years since the start (0 = first year)"},
        yaxis={"title": f"Gap ({unit})", "gridcolor": "#eeeeee", "automargin": True},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig
