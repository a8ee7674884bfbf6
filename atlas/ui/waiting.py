"""What a page shows while there is no usable warehouse (not built, removed, or damaged while
serving), and how it comes back by itself: the app's own message with what to do, and a small
fragment that looks again every few seconds and reruns the page once a good build has landed."""

from __future__ import annotations

import streamlit as st

from atlas.data.db import WarehouseMissing, version

LOOK_EVERY = 5  # seconds


def until_built(problem: WarehouseMissing) -> None:
    """Show ``problem`` (its text says what to do) and rerun the app once the warehouse is good."""
    st.error(str(problem), icon=":material/database:")
    st.caption("Checking again every few seconds…")

    @st.fragment(run_every=LOOK_EVERY)
    def _look_again() -> None:
        try:
            version()
        except WarehouseMissing:
            return
        st.rerun()

    _look_again()
