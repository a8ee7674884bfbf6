"""A new tab's map stays where it lands (issue 19): the pickers (``/map``) and the filters
(``/partnerships``) reach the browser after the map and fill a space kept for them at their real
height (``atlas.ui.mapview.LANDING_CSS``), so the map does not move down as they appear."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, MAP_DRAWN, wait_idle

pytestmark = pytest.mark.browser

#: every animation frame, the map's top (page coordinates) while it is on the page
TRACK_TOP = """
window.__mapTops = [];
(function track() {
  const m = document.querySelector('.atlas-map');
  if (m) window.__mapTops.push(m.getBoundingClientRect().top + window.scrollY);
  requestAnimationFrame(track);
})();
"""
SETTLED = """(n) => document.querySelectorAll(
  ['stSelectbox', 'stMultiSelect'].map(t => `[data-testid="${t}"]`).join()
).length >= n && !document.querySelector('[data-testid="stSkeleton"]')"""


@pytest.mark.parametrize(
    ("path", "width", "widgets", "shot"),
    [
        ("/map?ind=inactivity_rate&focus=E92000001", 1400, 5, "landing-map-districts"),
        ("/map", 1400, 5, "landing-map-default"),
        ("/map", 400, 5, "landing-map-phone"),  # the columns stacked
        ("/partnerships", 1400, 6, "landing-partnerships"),
    ],
)
def test_the_map_does_not_move_as_the_widgets_arrive(browser, server, path, width, widgets, shot):
    context = browser.new_context(viewport={"width": width, "height": 1000})  # a new tab
    context.add_init_script(TRACK_TOP)
    tab = context.new_page()
    asked: list[str] = []
    tab.on("request", lambda r: asked.append(r.url))
    tab.goto(server + path)
    tab.wait_for_selector(MAP_DRAWN, timeout=120_000)
    drawn_top = tab.evaluate("document.querySelector('.atlas-map').getBoundingClientRect().top")
    tab.wait_for_function(SETTLED, arg=widgets, timeout=30_000)
    wait_idle(tab)
    tab.wait_for_timeout(500)
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=ARTIFACTS / f"{shot}.png")
    tops = tab.evaluate("window.__mapTops")
    final = tab.evaluate("document.querySelector('.atlas-map').getBoundingClientRect().top")
    context.close()
    assert abs(final - drawn_top) <= 3, (drawn_top, final)  # drawn, then the widgets arrived
    assert max(tops) - min(tops) <= 3, (min(tops), max(tops))  # and at no moment in between
    # the shell knows the app's base (atlas.ui.preload.BASE_SCRIPT): no health check at /map/…
    page = path.split("?")[0]
    assert any(u.endswith("/_stcore/health") for u in asked)
    assert not [u for u in asked if f"{page}/_stcore/" in u]
