"""The Map explorer's search box and pickers, whose values are known before they are drawn.

Why (issue 19, point 6): a new tab draws the map sooner when the map's element reaches the browser
before any widget's. Streamlit's frontend renders every element through its own lazily loaded
code inside a ``Suspense`` with a skeleton, and React holds a reveal that still leaves a new
skeleton showing until 500 ms after the last skeleton appeared. When the pickers' elements come
first, their skeletons and the map's resolve in the same batch and the map waits for that window;
sent first, the map's code (asked for in the page's head, ``atlas.ui.preload``) resolves and
commits on its own. ``make bench`` measures it (docs/benchmarks.md).

So the page asks ``chosen`` what the pickers will show (the link's values, or the viewer's last
choice kept in each widget's state), keeps an empty container where they go, draws the map, then
fills the container with ``draw``: same widgets, keys, labels and order on the screen as before.

The order alone is not enough: the server sends the page's ~50 messages within a few
milliseconds, and a new tab's main thread, still busy starting Streamlit's shell, renders them in
one batch. So in a new tab's first run (the map page opened by a link, a bookmark or a reload)
the page waits ``PAUSE_S`` after sending the map (``mapview.let_the_map_land``, which the
Partnerships page uses too): the browser commits the map on its own before the widgets arrive.
Measured in paired runs: first message → map drawn 0.75 s against 1.30 s (order alone: 1.37 s)
with a 0.1 s pause; 0.33 s against 0.59 s with 0.4 s (issue 19's fourth round). Later runs of the
tab, the map reached from another page included, do not wait: the shell has started and the
browser is no longer busy with it.
"""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from atlas.data import areas as A
from atlas.data import mobility as smc_words
from atlas.data import nations
from atlas.ui import placesearch, state


class View(NamedTuple):
    """What the map shows: indicator, period, focus area, colouring mode, programmes outlined."""

    ind: str
    period: str
    focus: str
    mode: str
    prog: list[str]


def _focus(geo: str, focus: str, focus_codes) -> tuple[str, bool]:
    """The focus before its picker (the SMC's map is the whole UK), and whether the indicator is
    the Social Mobility Commission's (coloured by its published category)."""
    smc = geo == smc_words.GEOGRAPHY
    if smc and focus == A.ENGLAND and A.UK in focus_codes:
        focus = A.UK
    return focus, smc


def _modes(places, focus: str, mode: str, smc: bool) -> tuple[dict, str]:
    """The colouring modes offered for ``focus`` and the mode before its radio."""
    modes = nations.map_modes(places, focus)  # a UK map: its own nation and the UK first
    mode = mode if mode in modes or smc else "quintiles"
    return modes, "category" if smc else ("quintiles" if mode == "category" else mode)


def chosen(link: View, cat, places, focus_codes, groups) -> View:
    """What ``draw`` will return for the link's values ``link``, without drawing anything."""
    ind = state.indicator_chosen(cat, link.ind, "map", A.DOMAINS)
    meta = cat.loc[ind]
    period = state.chosen(meta["periods"][::-1], link.period, f"map_period_{ind}")
    focus, smc = _focus(meta["geography"], link.focus, focus_codes)
    focus = state.chosen(focus_codes, focus, "map_focus")
    modes, mode = _modes(places, focus, link.mode, smc)
    if not smc:
        mode = state.chosen(list(modes), mode, "map_mode")
    prog = state.chosen_many(groups, link.prog, "map_prog")
    return View(ind, period, focus, mode, prog)


def draw(link: View, cat, places, pick, groups) -> View:
    """The search box and the pickers, starting on the link's values ``link``; their values
    (the page reruns when they differ from ``chosen``'s, so the map never shows another view)."""
    placesearch.search_box("map_find", link.ind)
    cols = st.columns([1.1, 1.5, 1, 0.8])
    ind = state.indicator_picker(cat, link.ind, "map", A.DOMAINS, cols[:3])
    meta = cat.loc[ind]
    with cols[3]:
        period = state.select("Period", meta["periods"][::-1], link.period, f"map_period_{ind}")
    c1, c2, c3 = st.columns([1.2, 1.2, 2])
    focus, smc = _focus(meta["geography"], link.focus, pick.focus)
    with c1:
        focus = state.select("Focus on", pick.focus, focus, "map_focus", pick.labels.get)
    with c2:
        modes, mode = _modes(places, focus, link.mode, smc)
        if smc:
            st.markdown(smc_words.MAP_COLOURS)
        else:
            mode = st.radio(
                "Colour areas by",
                list(modes),
                index=list(modes).index(mode),
                format_func=modes.get,
                key="map_mode",
            )
    with c3:
        prog = st.multiselect(
            "Show partnership areas",
            groups,
            default=link.prog,
            key="map_prog",
            placeholder="Choose programmes to outline their areas",
        )
    return View(ind, period, focus, mode, prog)
