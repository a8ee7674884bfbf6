"""The spine chart reads on every screen it is shown on (issue 18, point 1), measured in chromium
from the rendered text boxes: the "at a glance" slide at 1024×768 and 1280×720, the same slide in
the offline story file, and the profile's All indicators tab on a 390×844 phone. No two pieces of
text overlap, none is cut by the chart's edge, and on the phone the bars get at least 150 px.
Screenshots go to test-artifacts/spine-*.png (described in docs/accessibility.md).
"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, wait_idle

pytestmark = pytest.mark.browser
SLIDE = 5  # "Newcastle upon Tyne at a glance" in the North East story
SIZES = [(1024, 768), (1280, 720)]

#: every visible text box of the visible spine chart: (text, left, top, right, bottom)
BOXES = """(sel) => {
  const chart = [...document.querySelectorAll(sel)].find(c => c.getBoundingClientRect().width > 0
      && c.querySelector('.barlayer'));
  if (!chart) return null;
  const svg = chart.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...chart.querySelectorAll('.textpoint text, .xtick text, .legendtext, .gtitle')]
    .filter(t => t.textContent.trim());
  const box = t => { const r = t.getBoundingClientRect();
    return [t.textContent, r.left, r.top, r.right, r.bottom]; };
  const drag = chart.querySelector('.nsewdrag').getBoundingClientRect();
  return {svg: [svg.left, svg.top, svg.right, svg.bottom], boxes: texts.map(box),
          plot: drag.width};
}"""
SPINE_DRAWN = """(sel) => [...document.querySelectorAll(sel)].some(c =>
    c.getBoundingClientRect().width > 0 && c.querySelector('.barlayer .point'))"""


def _overlaps(boxes: list) -> list[tuple[str, str]]:
    """Pairs of text boxes that overlap by more than a pixel each way."""
    out = []
    for i, (a, al, at, ar, ab) in enumerate(boxes):
        for b, bl, bt, br, bb in boxes[i + 1 :]:
            if min(ar, br) - max(al, bl) > 1 and min(ab, bb) - max(at, bt) > 1:
                out.append((a, b))
    return out


def _clipped(found: dict) -> list[str]:
    left, top, right, bottom = found["svg"]
    return [t for t, bl, bt, br, bb in found["boxes"] if bl < left - 1 or br > right + 1]


def _measure(tab, sel: str, shot: str) -> dict:
    tab.wait_for_function(SPINE_DRAWN, arg=sel, timeout=90_000)
    tab.locator(sel).locator("visible=true").first.scroll_into_view_if_needed()
    tab.wait_for_timeout(700)
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / shot))
    found = tab.evaluate(BOXES, sel)
    assert found and len(found["boxes"]) > 60  # labels, values, ticks, legend: all measured
    return found


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_spine_slide_has_no_overlapping_or_clipped_text(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    try:
        tab.goto(f"{server}/present?story=north_east&slide={SLIDE}")
        wait_idle(tab, 120_000)
        found = _measure(tab, '[data-testid="stPlotlyChart"]', f"spine-slide-{width}.png")
    finally:
        context.close()
    print(
        f"\nslide {width}×{height}: {len(found['boxes'])} text boxes, plot {found['plot']:.0f} px"
    )
    assert _overlaps(found["boxes"]) == []
    assert _clipped(found) == []


def test_spine_on_a_phone_stacks_labels_and_keeps_the_bars_wide(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(f"{server}/profile?area=E08000021&tab=All+indicators")
        wait_idle(tab, 120_000)
        found = _measure(
            tab, ".st-key-spine_phone [data-testid='stPlotlyChart']", "spine-phone.png"
        )
        wide_shown = tab.evaluate(
            "() => document.querySelector('.st-key-spine_wide').getBoundingClientRect().height"
        )
    finally:
        context.close()
    print(f"\nphone 390×844: {len(found['boxes'])} text boxes, plot {found['plot']:.0f} px")
    assert wide_shown == 0  # the two-panel chart is not drawn squeezed on a phone
    assert found["plot"] >= 150
    assert _overlaps(found["boxes"]) == []
    assert _clipped(found) == []


def test_spine_slide_in_the_offline_story(browser, tmp_path_factory):
    from atlas.ui import story_html

    out = tmp_path_factory.mktemp("stories")
    story_html.write_stories(out, ["north_east"])
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    tab = context.new_page()
    try:
        tab.goto(f"file://{out / 'north_east.html'}#{SLIDE}")
        found = _measure(tab, ".slide.on .chart", "spine-offline-1024.png")
    finally:
        context.close()
    print(f"\noffline 1024×768: {len(found['boxes'])} text boxes, plot {found['plot']:.0f} px")
    assert _overlaps(found["boxes"]) == []
    assert _clipped(found) == []
