"""The profile's Social Mobility Commission panel: the four indices for the area's SMC area."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import mobility
from atlas.data.db import version


def profile_panel(places: pd.DataFrame, code: str) -> None:
    """Heading, which SMC area the place is in, and its indices for every published period."""
    name, table, same = _panel(version(), code, places)
    if name is None or table.empty:
        return
    here = places.loc[code, "area_name"]
    st.subheader("Social mobility: the Commission's indices")
    st.markdown(
        f"{here} is in the Social Mobility Commission's area **{name}**"
        + (" (the same place)." if same else "; these are that area's figures.")
        + f" {mobility.ZSCORE}"
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.caption(
        "Source: Social Mobility Commission, State of the Nation 2025 (composite indices). Periods "
        "pool several years of the Labour Force Survey; categories are the Commission's own."
    )


@st.cache_resource(max_entries=512, show_spinner=False)
def _panel(build: str, code: str, _places: pd.DataFrame) -> tuple[str | None, pd.DataFrame, bool]:
    """The SMC area's name and table, and whether it is the same place, once per build and area
    (~10 ms of frame work; shared, only read). ``_places`` is the build's areas frame."""
    name, table = mobility.profile_table(_places, code)
    same = name is not None and mobility.same_place(code, str(mobility.smc_code(_places, code)))
    return name, table, same
