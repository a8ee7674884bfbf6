"""The Map explorer's table under the map: every area in the focus with its value, interval (where
published), status, rank and comparison, the download of those rows, and a picker that opens an
area's profile."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from atlas.charts import maps
from atlas.data import areas as A
from atlas.data import mobility as smc_words
from atlas.data import nations
from atlas.data import pickers as PK
from atlas.exports import buttons  # called through the module: tests spy on it
from atlas.exports import views as view_exports
from atlas.ui import state, tables


def show(
    frame: pd.DataFrame,
    meta: pd.Series,
    period: str,
    focus: str,
    mode: str,
    scope: str,
    eng: pd.Series | None,
) -> None:
    """The table of the areas in ``focus`` (``frame`` from ``areas.map_data``; the table itself is
    built once per build and view, ``areas.focus_table``), its download and the profile picker."""
    places, pick, ind = A.areas(), PK.pickers(), meta.name
    smc = meta["geography"] == smc_words.GEOGRAPHY
    where = "the UK" if smc and focus == A.ENGLAND else places.loc[focus, "area_name"]
    st.subheader(f"{meta['short_title']}, {period}: areas in {where}")
    table = A.focus_table(ind, period, focus, scope, maps.versus(mode, scope))  # shared: read only
    rank = "Rank in the UK" if smc or nations.ranked_in_uk(frame, scope) else "Rank in England"
    rank += " (1 = best)" if meta["polarity"] != "neutral" else " (1 = highest)"
    versus = maps.VERSUS[maps.versus(mode, scope)]
    columns = tables.value_columns(
        table,
        meta,
        rank,
        "Category (SMC, as published)" if smc else f"Compared with {versus}",
        last={
            "profile": st.column_config.LinkColumn(
                "Profile", display_text="Open profile", width="medium"
            )
        },
    )
    st.dataframe(table[list(columns)], hide_index=True, width="stretch", column_config=columns)
    buttons.offer_downloads(
        partial(
            view_exports.map_export,
            table,
            meta,
            period,
            eng["value"] if eng is not None else None,
        ),
        f"civic-atlas-map-{ind}-{period}-{focus}",
        f"Civic Atlas map: {meta['title']}, {period}, areas in {where}",
        description="The rows of the map's table: value, confidence interval, status, rank in "
        f"England, quintile and comparison with {versus}, each with "
        "its source file and measure.",
        indicators=[ind],
        key="map_dl",
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        chosen = st.selectbox(
            "Open the profile of",
            table["area_code"].tolist(),
            index=None,
            key="map_open",
            format_func=pick.names.get,
            width=320,
            placeholder="Choose an area",
        )
        if chosen:
            st.page_link(
                state.PROFILE,
                label=f"Open {pick.names[chosen]}",
                icon=":material/arrow_forward:",
                query_params={"area": chosen, "ind": ind},
            )
