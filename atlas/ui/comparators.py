"""The comparator-set picker and its one-line note, for Compare's "statistical neighbours" group."""

from __future__ import annotations

import streamlit as st

from atlas.data import compare as compare_groups
from atlas.evidence import comparator_sets as evidence_sets
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


def export_note(group: str, cset: str) -> str:
    """The comparator set, for the export's description (empty unless the group uses one)."""
    return f" Comparator set: {cset} ({SETS[cset].source})." if group == "neighbours" else ""


def before_after_start(base: dict, raw: str | None, key: str) -> tuple[str, list[str]]:
    """Before/after: a 'Start from' picker of the comparator sets published at the outcome's level
    (URL ``cset``); returns the set and its pool (the set's eligible areas in the engine's order,
    or the engine's own pool for ``outcome``). A set with fewer than two eligible areas falls back
    to the engine's pool with a note."""
    from atlas.data.db import query

    geography = base["outcome"]["geography"]
    sets = compare_groups.sets_for(geography)
    cset = state.select("Start from", list(sets), raw or compare_groups.CS.DEFAULT, key, sets.get)
    state.put(cset=None if cset == compare_groups.CS.DEFAULT else cset)
    try:
        pool = evidence_sets.pool_for(base, query, cset)
    except evidence_sets.SetError as exc:
        st.caption(f"{exc}.")
        pool = None
    if cset != compare_groups.CS.DEFAULT and pool:
        st.caption(
            f"{SETS[cset].source}: its areas that are eligible comparators here. "
            + evidence_sets.calibration(cset)
        )
    return cset, pool or base["default_pool"]
