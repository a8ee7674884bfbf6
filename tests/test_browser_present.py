"""Presentation mode in a real browser with the network off, on a server started cold (no
warm-up): a presenter walks each story at 1024×768 (and the North East at 1400×900) and every
slide shows its whole point without scrolling; the keys move the deck after a dropdown was used;
a click on a map area stays on the slide; no slide has a serious or critical axe violation.

Times are printed (``-s``), never asserted: ``make bench`` (bench/present.py) reports them.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS, click_area, is_local, start_server, wait_idle
from test_browser import NEWCASTLE

from atlas.ui import story

pytestmark = pytest.mark.browser
CAPTION = ".st-key-present_caption"
PLOTS_DRAWN = """(least) => { const view = '.st-key-present_view ';
    const charts = document.querySelectorAll(view + '[data-testid="stPlotlyChart"], ' + view + '.atlas-map').length;
    const plots = [...document.querySelectorAll(view + '.js-plotly-plot')].filter(g => g.querySelector('.main-svg'));
    const maps = document.querySelectorAll(view + '.atlas-map[data-drawn="1"]');
    const drawn = plots.length + maps.length;
    return drawn === charts && drawn >= least; }"""
#: how far the slide's content overflows the window (0 when it fits)
OVERFLOW = """() => { const m = document.querySelector('[data-testid="stMain"]');
    return Math.max(m.scrollHeight - m.clientHeight, document.documentElement.scrollHeight
                    - window.innerHeight); }"""


@pytest.fixture(scope="module")
def cold_server(warehouse) -> Iterator[str]:
    """A server of our own, started just now: nothing cached, no warm-up."""
    ARTIFACTS.mkdir(exist_ok=True)
    proc, url = start_server(warehouse, ARTIFACTS / "streamlit-present.log")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def offline_tab(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    external: list[str] = []

    def guard(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.external = external
    return context, tab


def charted(view: story.View) -> int:
    """How many charts the slide draws (its chart component loads after the script ends)."""
    return int(
        view.page in ("map", "compare", "profile", "before-after")
        or (view.page == "partnerships" and "iv" not in view.params)
    )


def shows(tab, caption: str, charts: int = 0, timeout: float = 120_000) -> None:
    """Wait until the slide's caption is on screen, the script has finished and charts drew."""
    from atlas.data.db import query
    from atlas.text.captions import fill

    caption = fill(caption, query)  # the figures in it come from the warehouse
    tab.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return !!el && el.innerText.trim() === text; }",
        arg=[CAPTION, caption],
        timeout=timeout,
    )
    wait_idle(tab, timeout)
    tab.wait_for_function(PLOTS_DRAWN, arg=charts, timeout=timeout, polling=100)


def serious(tab) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(tab).response["violations"]
    return [
        f"{v['id']} ({len(v['nodes'])})" for v in found if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "name, size",
    [("north_east", (1024, 768)), ("leading_places", (1024, 768)), ("north_east", (1400, 900))],
)
def test_every_slide_fits_from_a_cold_start(browser, cold_server, name, size):
    views = story.load(name)
    context, tab = offline_tab(browser, *size)
    t0 = time.perf_counter()
    tab.goto(f"{cold_server}/present?story={name}")
    shows(tab, views[0].caption, charted(views[0]))
    times = [time.perf_counter() - t0]
    for i, view in enumerate(views, 1):
        if i > 1:
            t0 = time.perf_counter()
            tab.keyboard.press("PageDown" if i % 2 else "ArrowRight")
            shows(tab, view.caption, charted(view))
            times.append(time.perf_counter() - t0)
        assert f"slide={i}" in tab.url and "/present" in tab.url
        tab.screenshot(path=str(ARTIFACTS / f"present-{name}-{size[0]}-{i}.png"))
        over = tab.evaluate(OVERFLOW)
        assert over <= 2, f"slide {i} ({view.page}) is {over}px taller than {size[0]}x{size[1]}"
        errors = tab.locator('[data-testid="stException"], [data-testid="stAlertContainer"]')
        assert errors.count() == 0, f"slide {i}: {errors.first.inner_text()[:500]}"
        assert serious(tab) == [], f"slide {i}"
    print(
        f"\n{name} {size}: first slide {times[0]:.1f}s, then "
        + ", ".join(f"{t:.1f}" for t in times[1:])
    )
    assert tab.external == []
    context.close()


def test_keys_work_after_a_dropdown_and_a_map_click_stays(browser, cold_server, warehouse):
    views = story.load("north_east")
    context, tab = offline_tab(browser, 1024, 768)
    tab.goto(f"{cold_server}/present?story=north_east&slide=1")
    shows(tab, views[0].caption, 1)
    # a map click reads the area out on the slide and stays in the deck
    click_area(tab, NEWCASTLE)
    tab.locator(".st-key-present_picked").get_by_text("Newcastle upon Tyne").wait_for(
        timeout=30_000
    )
    wait_idle(tab)
    assert "/present" in tab.url and "slide=1" in tab.url and "/profile" not in tab.url
    tab.screenshot(path=str(ARTIFACTS / "present-map-click.png"))
    # touch the Period dropdown, pick another year: the arrow key then moves the deck
    box = tab.locator(".st-key-present_view").get_by_role("combobox", name="Period")
    box.click()
    tab.get_by_role("option").nth(1).click()
    wait_idle(tab)
    assert "period=" in tab.url and "slide=1" in tab.url
    tab.keyboard.press("ArrowRight")
    shows(tab, views[1].caption, 1)
    # focus left on the dropdown itself: a clicker's PageUp still moves back
    tab.locator(".st-key-present_view").get_by_role("combobox", name="Period").focus()
    tab.keyboard.press("PageUp")
    shows(tab, views[0].caption, 1)
    tab.locator(".st-key-present_next button").click()
    shows(tab, views[1].caption, 1)
    assert tab.external == []
    context.close()
