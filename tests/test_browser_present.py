"""Presentation mode in a real browser with the network off: a presenter opens a story, moves with
the buttons, the arrow keys and a clicker's PageDown/PageUp, and each slide shows its caption and
its live view. Any request to a non-local address fails the test (``page`` in tests/conftest.py
aborts and records it). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, wait_idle

from atlas.ui import story

pytestmark = pytest.mark.browser
CAPTION = ".st-key-present_caption"
MAP_DRAWN = """() => { const g = document.querySelector('.st-key-present_view .js-plotly-plot');
    const m = g && g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot.map;
    return !!(m && m.loaded() && m.getStyle().layers.some(l => l.type === 'fill')); }"""


def shows(tab, caption: str, timeout: float = 60_000) -> None:
    """Wait until the slide's caption is on screen and the script has finished."""
    tab.wait_for_function(
        "([sel, text]) => { const el = document.querySelector(sel);"
        " return !!el && el.innerText.trim() === text; }",
        arg=[CAPTION, caption],
        timeout=timeout,
    )
    wait_idle(tab)


def test_present_moves_with_buttons_and_keys(page, server):
    views = story.load("north_east")
    captions = [v.caption for v in views]
    page.goto(f"{server}/present?story=north_east")
    shows(page, captions[0])
    page.wait_for_function(MAP_DRAWN, timeout=60_000)  # slide 1 is a live map
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "present_slide1.png"))
    assert "slide=1" in page.url and "ind=ks4_att8_all" in page.url

    page.locator(".st-key-present_next button").click()
    shows(page, captions[1])
    assert "slide=2" in page.url and "ind=he19_fsm" in page.url
    page.keyboard.press("ArrowRight")
    shows(page, captions[2])
    page.keyboard.press("ArrowLeft")
    shows(page, captions[1])
    page.keyboard.press("PageDown")  # what a presentation clicker sends
    shows(page, captions[2])
    page.keyboard.press("PageUp")
    shows(page, captions[1])
    page.locator(".st-key-present_prev button").click()
    shows(page, captions[0])
    errors = page.locator('[data-testid="stException"]')
    assert errors.count() == 0, errors.first.inner_text()[:2000]
    assert page.external == []


def test_present_jumps_to_a_slide_and_keeps_the_view_live(page, server):
    views = story.load("leading_places")
    last = len(views)
    page.goto(f"{server}/present?story=leading_places&slide={last}")
    shows(page, views[-1].caption)
    assert page.locator(".st-key-present_next button").is_disabled()
    # the view is the real page: its own widgets work inside the slide
    page.locator(".st-key-present_view").get_by_placeholder("e.g. higher education").fill(
        "life expectancy"
    )
    page.keyboard.press("Enter")
    view = page.locator(".st-key-present_view")
    view.get_by_text("le_female", exact=True).wait_for(timeout=30_000)
    wait_idle(page)
    assert "q=life+expectancy" in page.url and "slide=7" in page.url
    page.screenshot(path=str(ARTIFACTS / "present_catalogue.png"))
    page.keyboard.press("ArrowLeft")  # typing in the search box does not change the slide
    page.wait_for_timeout(500)
    wait_idle(page)
    assert page.locator(CAPTION).inner_text().strip() == views[-1].caption
    page.locator(CAPTION).click()  # focus outside the box: the arrow keys move again
    page.keyboard.press("ArrowLeft")
    shows(page, views[-2].caption)
    assert page.external == []
