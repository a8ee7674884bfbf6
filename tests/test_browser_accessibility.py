"""Accessibility audit (issue 11, point 9): axe-core (bundled by axe-playwright-python, no
network) on every page of the app, and on a presentation slide: no serious or critical violation.

The counts of every violation found are printed (``-s``) for the record; moderate and minor ones
(e.g. heading-order) are reported but do not fail the test.
"""

from __future__ import annotations

import pytest
from conftest import wait_idle

pytestmark = pytest.mark.browser
PAGES = [
    "overview",
    "map",
    "profile",
    "profile?area=E08000021&tab=All+indicators",
    "compare",
    "partnerships",
    "before-after",
    "catalogue",
    "present?story=north_east&slide=1",
]
PLOTS_DONE = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(c => c.querySelector('.main-svg'))
    && [...document.querySelectorAll('.atlas-map')].every(m => m.dataset.drawn === '1')"""


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "/")
    wait_idle(page)
    page.goto(f"{server}/{path}")
    wait_idle(page, 120_000)
    page.wait_for_function(PLOTS_DONE, timeout=60_000)
    page.wait_for_timeout(500)
    found = Axe().run(page).response["violations"]
    counts = {f"{v['id']} ({v['impact']})": len(v["nodes"]) for v in found}
    print(f"\naxe /{path}: {counts or 'no violations'}")
    bad = {
        v["id"]: [n["html"][:120] for n in v["nodes"][:3]]
        for v in found
        if v["impact"] in ("serious", "critical")
    }
    assert bad == {}
    assert page.external == []
