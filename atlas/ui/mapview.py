"""The atlas's map on a page: a small Streamlit component (``st.components.v2``) that draws SVG.

Why not plotly here: a new browser tab spends 1.6–2.0 s parsing plotly.js (4.8 MB) before a plotly
map can draw, and a maplibre map needs a web worker and a WebGL context on top. This component is
about 9 KB of JavaScript (``mapview.js``) running in the page itself (no iframe), and its
boundaries are a static file fetched once per browser (``atlas.charts.map_paths``). ``make bench``
measures it against plotly side by side. plotly stays for the trend, spine and event-study charts,
and its 4.7 MB chunk is fetched only by a page that shows one (the map no longer asks the browser
to parse it ahead: that cost every new tab ~5 MB and a core for a second, issue 19). The map pages'
HTML asks for the component's code and the boundaries up front (``atlas.ui.preload``). A map on a
presentation slide (``charts_next``) does ask, once drawn and the browser idle: the chart slides
that follow then draw without that parse (``bench/present.py``).

``show(spec, key)`` draws a spec from ``atlas.charts.maps.spec`` (or any dict of the same shape) and
returns the code of the area the viewer clicked, or pressed Enter on, in this run (else None).
"""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from atlas.ui import preload, state
from atlas.ui.preload import LANDING_CSS

JS = (Path(__file__).with_name("mapview.js")).read_text(encoding="utf-8")

CSS = """
.atlas-map { position: relative; width: 100%; user-select: none; touch-action: pan-y;
  font-family: inherit; }
.atlas-map-svg { display: block; cursor: grab; background: #ffffff; }
.atlas-map-svg:active { cursor: grabbing; }
.atlas-area { stroke: #8c8c8c; stroke-width: 0.6; }
.atlas-area[role="button"] { cursor: pointer; }
.atlas-area:hover { stroke: #111111; stroke-width: 1.6; }
.atlas-area:focus { outline: none; stroke: #000000; stroke-width: 3; }
.atlas-empty { stroke: #d0d0d0; }
.atlas-outline { fill: none; stroke: #111111; stroke-width: 2.4; pointer-events: none; }
.atlas-map-tip { position: absolute; z-index: 3; pointer-events: none; max-width: 320px;
  background: #1f1f1f; color: #ffffff; font-size: 14px; line-height: 1.35; padding: 6px 9px;
  border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.3); }
.atlas-map-legend { position: absolute; z-index: 2; left: 8px; top: 8px; background: rgba(255,255,255,.94);
  color: #222222; font-size: 13px; line-height: 1.25; padding: 6px 8px; border: 1px solid #cccccc;
  border-radius: 4px; max-width: 46%; pointer-events: none; }
.atlas-map-key { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.atlas-map-swatch { flex: none; width: 14px; height: 14px; border: 1px solid #777777; }
.atlas-map-tools { position: absolute; z-index: 2; right: 8px; top: 8px; display: flex; gap: 4px; }
.atlas-map-btn { min-width: 32px; height: 32px; padding: 0 8px; font-size: 15px; color: #222222;
  background: #ffffff; border: 1px solid #8c8c8c; border-radius: 4px; cursor: pointer; }
.atlas-map-btn:focus-visible { outline: 3px solid #1b5e9e; outline-offset: 1px; }
.atlas-map-error { color: #8a1c1c; padding: 1rem; }
"""


#: long enough for a busy new tab to commit the map: 0.1 s until issue 19's fourth round; in paired
#: traces 0.4 s drew it ~0.25 s sooner (first message -> map drawn 0.33 s against 0.59 s;
#: docs/benchmarks.md). The widgets arrive that much later, their space kept (preload.LANDING_CSS).
PAUSE_S = 0.4


def let_the_map_land() -> None:
    """In a new tab's first run, wait ``PAUSE_S`` after the map's element before the page's other
    elements are sent, so a busy new tab commits the map on its own (the Map explorer's pickers,
    ``atlas.ui.map_controls``; the Partnerships page's filters and plotly charts,
    ``atlas.ui.partnership_filters``). The run is marked here too, not only by app.py after the
    page: a page run on its own (AppTest, ``bench/pages.py``) must not wait on every rerun."""
    if state.new_tab():
        time.sleep(PAUSE_S)
        state.mark_run()


_component = st.components.v2.component(
    "civic_atlas_map",
    js=JS,
    css=CSS + LANDING_CSS,  # the pickers' space (atlas.ui.preload), for a map reached in-app
    isolate_styles=False,
)


def plotly_chunk() -> str | None:
    """This Streamlit's plotly chunk (``static/js/PlotlyChart.<hash>.js``, read from its bundle
    as the map pages' preloads are: ``atlas.ui.preload``), or None."""
    return next(iter(preload.component_chunks(wanted=("PlotlyChart",))), None)


def _ignore() -> None:  # a click is read from the result; the callback only registers the event
    return None


def show(
    spec: dict,
    key: str,
    *,
    hint: str = "",
    wheel: bool = True,
    keyboard: bool = True,
    charts_next: bool = False,
) -> str | None:
    """Draw ``spec``; return the area code clicked in this run, if any.

    ``hint`` is read to screen readers with the map's title (what a click does); ``wheel``: zoom
    with the mouse wheel (off on slides, where the wheel scrolls); ``keyboard``: put the focus areas
    in the tab order; ``charts_next``: a slide, whose next slides may be charts: once drawn, the
    browser parses plotly's chunk in its next idle moment."""
    data = {**spec, "hint": hint, "wheel": wheel, "keyboard": keyboard}
    if charts_next:
        data["charts_next"] = plotly_chunk()
    result = _component(data=data, key=key, height=spec["height"], on_clicked_change=_ignore)
    clicked = getattr(result, "clicked", None)
    known = {a[0] for a in spec["areas"]}
    return clicked if clicked in known else None
