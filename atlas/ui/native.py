"""Nation-native choices that need the session: which indicator a profile opens on, and landing
a deep link on what it names (``?iv=``)."""

from __future__ import annotations

import streamlit as st

from atlas.data import nations
from atlas.ui.placesearch import scroll_to

PICKERS = ("profile_domain", "profile_family", "profile_sub")


def profile_indicator(area: str, ind: str, given: bool) -> str:
    """The indicator a profile shows: outside England, when the area is new this session (or
    the page was opened without ``ind``), one published for it (``nations.default_indicator``);
    an indicator the user picks afterwards, or gave in the URL, is kept."""
    moved = st.session_state.get("profile_ind_area", area) != area
    first = "profile_ind_area" not in st.session_state and not given
    st.session_state["profile_ind_area"] = area
    native = nations.default_indicator(area, ind) if moved or first else ind
    if native != ind:  # the pickers keep their own state: let them start on the new indicator
        for key in [k for k in st.session_state if str(k).startswith(PICKERS)]:
            del st.session_state[key]
    return native


def land_on(anchor: str, given: bool, key: str) -> None:
    """Scroll to ``anchor`` on the first run of a page opened with a deep link (``given``)."""
    if given and not st.session_state.get(key):
        st.session_state[key] = True
        scroll_to(anchor)
