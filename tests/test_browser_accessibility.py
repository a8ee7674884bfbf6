"""Accessibility audit (issues 11 and 18): axe-core (bundled by axe-playwright-python, no
network) on every page of the app, every profile tab and every slide of every story: no critical,
serious or moderate violation (heading-order included). Each page also has its own document title
("Newcastle upon Tyne — Area profile — Civic Atlas") and every chart an accessible name.

The counts of every violation found are printed (``-s``) for the record; minor ones are reported
but do not fail the test.
"""

from __future__ import annotations

import pytest
from conftest import wait_idle

from atlas.ui import story

pytestmark = pytest.mark.browser
PAGES = [
    "overview",
    "map",
    "profile",
    "profile?area=E08000021&tab=All+indicators",
    "profile?area=E08000021&tab=Partnerships+here",
    "compare",
    "partnerships",
    "before-after",
    "catalogue",
    *[
        f"present?story={name}&slide={i}"
        for name in story.names()
        for i in range(1, 1 + len(story.load(name)))
    ],
]
TITLES = {
    "overview": "North East — Overview — Civic Atlas",
    "profile?area=E08000021&tab=All+indicators": (
        "Newcastle upon Tyne — All indicators — Area profile — Civic Atlas"
    ),
    "present?story=north_east&slide=1": (
        "Slide 1: GCSE attainment across the North East — North East — Presentation mode — "
        "Civic Atlas"
    ),
}
#: every plotly chart and SVG map with its accessible name, or the unnamed ones
UNNAMED = """() => [...document.querySelectorAll('.js-plotly-plot, .atlas-map-svg')]
    .filter(c => !(c.getAttribute('aria-label') || '').trim()).map(c => c.className.baseVal ?? c.className)"""

PLOTS_DONE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(c => c.querySelector('.main-svg'))
    && [...document.querySelectorAll('.atlas-map')].every(m => m.dataset.drawn === '1')"""


@pytest.mark.parametrize("path", PAGES)
def test_no_critical_serious_or_moderate_violations(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "/")
    wait_idle(page)
    page.goto(f"{server}/{path}")
    wait_idle(page, 120_000)
    page.wait_for_function(PLOTS_DONE, timeout=60_000)
    page.wait_for_function("() => window.__atlasA11y === true", timeout=10_000)
    page.wait_for_timeout(1000)
    found = Axe().run(page).response["violations"]
    counts = {f"{v['id']} ({v['impact']})": len(v["nodes"]) for v in found}
    print(f"\naxe /{path}: {counts or 'no violations'}")
    bad = {
        v["id"]: [n["html"][:120] for n in v["nodes"][:3]]
        for v in found
        if v["impact"] in ("serious", "critical", "moderate")
    }
    assert bad == {}
    assert page.external == []
    wait_idle(page, 120_000)  # a slide may rerun once as it sets its view's URL
    page.wait_for_function("() => document.title.endsWith('— Civic Atlas')", timeout=30_000)
    if path in TITLES:
        assert page.title() == TITLES[path]
    assert page.evaluate(UNNAMED) == []


def test_every_page_has_its_own_title(page, server):
    """... at its own address, "/overview" too (Streamlit serves the default page at "/" only,
    and put a "Page not found" dialog over the page opened by its name)."""
    seen = {}
    for path in PAGES[:9]:
        page.goto(f"{server}/{path}")
        wait_idle(page, 120_000)
        page.wait_for_function("() => document.title.endsWith('— Civic Atlas')", timeout=20_000)
        assert page.get_by_role("dialog").count() == 0, path
        seen[path] = page.title()
    print("\n" + "\n".join(seen.values()))
    assert len(set(seen.values())) == len(seen)


def test_icon_names_are_not_read_into_link_names(page, server):
    """Material icon ligatures ("map", "home") are hidden: a link is named by its words only."""
    import re

    page.goto(f"{server}/overview")
    wait_idle(page)
    page.wait_for_timeout(700)
    names = page.locator("body").aria_snapshot()
    icons = "map|home|location_city|compare_arrows|handshake|timeline|menu_book|slideshow"
    assert 'link "See the map"' in names and 'button "Atlas"' in names  # a tile's link, the nav
    assert not re.search(rf'(link|button) "({icons}|open_in_new|arrow_\w+) ', names)
