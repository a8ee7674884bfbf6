"""The comparator-set picker and its one-line note, for Compare's "statistical neighbours" group."""

from __future__ import annotations

import streamlit as st

from atlas.data import compare as compare_groups
from atlas.ui import state

SETS = compare_groups.CS.SETS


def picker(geography: str, cset: str) -> str:
    """A select box of the sets published at ``geography``, starting on ``cset`` (or the default)."""
    sets = compare_groups.sets_for(geography)
    return state.select(
        "Comparator set",
        list(sets),
        cset or compare_groups.default_set(geography),
        "compare_cset",
        sets.get,
        help="Who decides which areas are 'like' this one (named under the chart)",
    )


def caption(cset: str, anchor_name: str, period: str) -> None:
    chosen = SETS[cset]
    st.caption(
        f"{chosen.label} of {anchor_name}: {chosen.source}"
        + (f" (periods before {period})." if cset in ("outcome", "ons_cluster") else ".")
    )


def codes(group: str, anchor: str, geography: str, cset: str, ind: str, period: str) -> list[str]:
    """The preset group's areas, or a friendly stop when the set is not published at this level."""
    if not group:
        return []
    year = compare_groups.end_year(period)
    try:
        return compare_groups.preset_codes(group, anchor, geography, cset, ind, year)
    except compare_groups.CS.SetError as exc:
        st.info(f"{exc}.", icon=":material/info:")
        st.stop()


def ci_toggle(table, url_value: str) -> bool:
    """'Show confidence intervals' for an indicator that publishes them (remembered in the URL as
    ``ci=0`` when off); True with no toggle drawn when none is published."""
    if not (table["lower_ci"].notna() & table["upper_ci"].notna()).any():
        return True
    on = st.toggle(
        "Show confidence intervals",
        value=url_value != "0",
        key="compare_ci",
        help="The 95% confidence intervals the publisher gives, as bars on the dots",
    )
    state.put(ci=None if on else "0")
    return on


def without_intervals(fig):
    """A copy of the dots chart with its interval bars hidden (the cached figure is shared)."""
    import plotly.graph_objects as go

    out = go.Figure(fig)
    out.update_traces(error_x={"visible": False}, name="Value", selector={"type": "scatter"})
    return out


def export_note(group: str, cset: str) -> str:
    """The comparator set, for the export's description (empty unless the group uses one)."""
    return f" Comparator set: {cset} ({SETS[cset].source})." if group == "neighbours" else ""
