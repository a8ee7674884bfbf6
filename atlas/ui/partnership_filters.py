"""The Partnerships page's six filters, whose values are known before they are drawn.

Why (issue 19): a new tab of ``/partnerships`` drew its map 4-5 s after the first websocket
message. The filters' elements came first, then the map, then the timeline's and the universities'
plotly charts. Streamlit loads each element's code lazily inside a ``Suspense``; while any of
them is still loading, React holds every newly resolved element back (its 500 ms reveal
throttle), and the plotly chunk (4.7 MB) arrived in that window: its parse (~1.1 s) and the
charts' first draw (~1.1 s) blocked the main thread, and the map, the filters and the tables were
all revealed together once plotly had run (traces in docs/benchmarks.md).

So the page does what the Map explorer does (``atlas.ui.map_controls``): it asks ``chosen`` what
the filters will show (the link's values, or the viewer's last choice kept in each widget's
state), keeps an empty container where they go, draws the map, waits a moment in a new tab's
first run (``mapview.let_the_map_land``), then fills the container with ``draw`` (same widgets,
keys, labels and order on the screen) and sends the rest of the page, plotly charts included.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from atlas.data import nations
from atlas.ui import state


class Filters(NamedTuple):
    """What the register is filtered by: programmes, types, theme, region, year and nation."""

    prog: list[str]
    types: list[str]
    theme: str
    region: str
    year: str
    nation: str


def nation_options() -> list[str]:
    """The nation filter's options: all nations (""), each nation, then UK-wide."""
    return ["", *nations.NATIONS.values(), nations.UK_WIDE]


def chosen(link: Filters, opts: dict) -> Filters:
    """What ``draw`` will return for the link's values ``link``, without drawing anything."""
    return Filters(
        state.chosen_many(opts["prog"], link.prog, "pp_prog"),
        state.chosen_many(opts["type"], link.types, "pp_type"),
        state.chosen(["", *opts["theme"]], link.theme, "pp_theme"),
        state.chosen(["", *opts["region"]], link.region, "pp_region"),
        state.chosen(["", *opts["year"][::-1]], link.year, "pp_year"),
        state.chosen(nation_options(), link.nation, "pp_nation"),
    )


def draw(link: Filters, opts: dict) -> Filters:
    """The six filters, starting on the link's values ``link``; their values (the page reruns
    when they differ from ``chosen``'s, so the map and tables never show another selection)."""
    c1, c2, c0, c3, c4, c5 = st.columns([1.5, 1.3, 1, 1.1, 1.1, 0.8])
    with c0:
        nation = state.select(
            "Nation", nation_options(), link.nation, "pp_nation", lambda n: n or "All nations"
        )
    with c1:
        prog = st.multiselect(
            "Programme",
            opts["prog"],
            default=link.prog,
            key="pp_prog",
            placeholder="All programmes",
        )
    with c2:
        types = st.multiselect(
            "Type", opts["type"], default=link.types, key="pp_type", placeholder="All types"
        )
    with c3:
        theme = state.select(
            "Theme", ["", *opts["theme"]], link.theme, "pp_theme", lambda t: t or "All themes"
        )
    with c4:
        region = state.select(
            "Region", ["", *opts["region"]], link.region, "pp_region", lambda r: r or "All regions"
        )
    with c5:
        year = state.select(
            "Active in", ["", *opts["year"][::-1]], link.year, "pp_year", lambda y: y or "Any year"
        )
    return Filters(prog, types, theme, region, year, nation)
