"""'Show confidence intervals': a toggle on charts whose indicator publishes 95% intervals,
remembered in the URL as ``ci=0`` when off (on is the default and leaves the URL alone)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.ui import state


def toggle(rows: pd.DataFrame, key: str, figures: Sequence[go.Figure] = ()) -> bool:
    """The toggle, drawn only when ``rows`` hold a published interval or one of ``figures`` (the
    page's other charts) draws one; True when none does."""
    published = (rows["lower_ci"].notna() & rows["upper_ci"].notna()).any()
    if not published and not any(drawn(fig) for fig in figures):
        return True
    on = st.toggle(
        "Show confidence intervals",
        value=st.query_params.get("ci") != "0",
        key=key,
        help="The 95% confidence intervals the publisher gives",
    )
    state.put(ci=None if on else "0")
    return on


def drawn(fig: go.Figure) -> bool:
    """Whether ``fig`` draws an interval band (legend group 'ci'). Error bars are not looked
    for: reading them builds plotly objects (~0.3 ms a trace), and the one chart that has them
    (Compare's dots) is drawn from the ``rows`` ``toggle`` already reads."""
    return any(t.legendgroup == "ci" for t in fig.data)


def shown(fig: go.Figure, on: bool) -> go.Figure:
    """``fig`` itself when intervals are on, else its copy without them."""
    return fig if on else hidden(fig)


def hidden(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` without intervals: error bars hidden, interval bands (legend group 'ci')
    dropped. The cached figure is shared, so it is never changed in place."""
    out = go.Figure(fig)
    out.data = [t for t in out.data if getattr(t, "legendgroup", None) != "ci"]
    out.update_traces(error_x={"visible": False}, selector={"type": "scatter"})
    out.update_traces(error_y={"visible": False}, selector={"type": "scatter"})
    return out
