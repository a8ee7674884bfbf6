"""``st.plotly_chart`` for the shared figures, without copying and re-encoding them on every run.

``st.plotly_chart`` deep-copies a figure (``to_dict``) and writes its JSON on every page run: 1-3 ms
a chart, 11 ms of the profile page's 55 ms of CPU (seven charts). The figures built once per build
and view (``atlas.ui.figures``, ``atlas.charts.cached``) are only read, so their JSON is written once,
kept on the figure, and ``chart`` sends the element ``st.plotly_chart`` sends (the same
``PlotlyChart`` message, element id and layout: ``tests/test_plots.py`` compares them). Only for
figures that are not changed after they are first shown; charts that select are not drawn here.
If Streamlit's internals are not as expected, it falls back to ``st.plotly_chart``.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
import plotly.io
import streamlit as st
from streamlit.logger import get_logger

SELECTION = ("points", "box", "lasso")  # st.plotly_chart's default, part of the element id


def spec(figure: go.Figure) -> tuple[str, int]:
    """(the figure's JSON as ``st.plotly_chart`` writes it, its height in pixels), made once."""
    done = getattr(figure, "_atlas_spec", None)
    if done is None:
        height = figure.layout.height
        height = int(height) if isinstance(height, int | float) and height > 0 else 450
        done = (plotly.io.to_json(figure.to_dict(), validate=False), height)
        figure._atlas_spec = done  # plotly lets a figure keep attributes whose name starts "_"
    return done


def chart(figure: go.Figure, key: str, config: dict[str, Any] | None = None) -> None:
    """Draw ``figure`` (a shared figure that is only read) as ``st.plotly_chart(figure, key=key,
    config=config)`` would."""
    try:
        _send(figure, key, config or {})
    except (ImportError, AttributeError, TypeError) as exc:  # another Streamlit: the plain way
        get_logger(__name__).debug("plots.chart falls back to st.plotly_chart: %s", exc)
        st.plotly_chart(figure, key=key, config=config)


def _send(figure: go.Figure, key: str, config: dict[str, Any]) -> None:
    from streamlit.elements.lib.form_utils import current_form_id
    from streamlit.elements.lib.layout_utils import LayoutConfig
    from streamlit.elements.lib.utils import compute_and_register_element_id
    from streamlit.proto.PlotlyChart_pb2 import PlotlyChart

    dg = st.plotly_chart.__self__  # the main DeltaGenerator; _enqueue writes where `with` points
    text, height = spec(figure)
    proto = PlotlyChart()
    proto.theme = "streamlit"
    proto.form_id = current_form_id(dg)
    proto.spec = text
    proto.config = json.dumps(config)
    proto.id = compute_and_register_element_id(
        "plotly_chart",
        user_key=key,
        key_as_main_identity=False,
        dg=dg,
        plotly_spec=proto.spec,
        plotly_config=proto.config,
        selection_mode=SELECTION,
        is_selection_activated=False,
        theme="streamlit",
        width="stretch",
        height="content",
        alt=None,
    )
    dg._enqueue("plotly_chart", proto, layout_config=LayoutConfig(width="stretch", height=height))
