"""The profile's spine chart on a page: two panels on a wide screen, labels above bars on a phone.

Both layouts are sent and a CSS media query shows the one that fits (a plotly figure cannot know
the width it will get before it is drawn); the table under them is the same for both.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import areas as A
from atlas.exports import buttons  # through the module: tests spy on the buttons
from atlas.ui import figures as cached
from atlas.ui import plots

CSS = """<style>@media (max-width: 640px) { .st-key-spine_wide { display: none; } }
@media (min-width: 641px) { .st-key-spine_phone { display: none; } }</style>"""


def show(area: str, area_name: str, region: str | None) -> pd.DataFrame:
    """Draw the spine chart of ``area`` and its table; return the chart's frame (for downloads)."""
    spine, figure, rows = cached.profile_spine(area, area_name, region)
    with st.container(key="spine_wide"):
        plots.chart(figure, key="spine")
        # the publishers column only: .loc of whole catalogue rows cost ~3 ms a run
        sources = A.indicators()[["publisher"]].reindex(spine["indicator_id"].unique())
        title = f"{area_name}: every indicator against England, latest period"
        buttons.offer_pictures(
            figure, f"profile-{area}-all-indicators", title, buttons.publishers_source(sources)
        )
    with st.container(key="spine_phone"):
        phone = cached.profile_spine_phone(area, area_name, region)
        plots.chart(phone, key="spine_phone_chart")
    st.html(CSS)
    with st.expander("The chart as a table"):
        st.dataframe(rows, hide_index=True, width="stretch")
    return spine
