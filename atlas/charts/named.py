"""An accessible name and a short description for a plotly chart, carried in ``layout.meta`` and
set on the chart by ``atlas/ui/a11y.js`` (role "figure", aria-label, aria-describedby). A chart
without them is named from its title and described by its legend; call ``named`` where the title
alone would not say what the chart shows (e.g. ``named(fig, "Newcastle's change against similar
areas", "Dots: each year's gap; band: the range of chance differences.")``)."""

from __future__ import annotations

import plotly.graph_objects as go


def named(fig: go.Figure, name: str, description: str = "") -> go.Figure:
    """``fig`` with its accessible name and description set (returned for chaining)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "name": name, "description": description})
    return fig
