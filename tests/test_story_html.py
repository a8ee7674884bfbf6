"""The fallback that needs nothing (issue 11, point 4): each story as one offline HTML file.

The file must hold every slide (title, caption, chart or table), inline plotly.js, and fetch
nothing when opened: no <script src>, no stylesheet link, no remote address. In a browser with the network
cut it opens from file://, draws its charts and moves with the keys.
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import ARTIFACTS

from atlas.data.db import query
from atlas.text.captions import fill
from atlas.ui import story
from atlas.ui.story_html import write_stories

STORY = "north_east"


@pytest.fixture(scope="module")
def exported(warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("stories")
    [(path, size, _)] = write_stories(out, [STORY])
    return path, path.read_text(encoding="utf-8")


def test_every_slide_is_in_the_file(exported):
    _, text = exported
    views = story.load(STORY)
    assert text.count('<section class="slide"') == len(views)
    for view in views:
        assert html.escape(view.title) in text
        assert html.escape(fill(view.caption, query)) in text  # figures filled in
    # map slides are SVG (no map tiles, no web worker); charts carry their plotly spec
    maps = sum(
        v.page == "map" or (v.page == "partnerships" and "iv" not in v.params) for v in views
    )
    assert text.count('<div class="map"><svg') == maps
    assert text.count('class="chart"') >= 3
    assert "Change beyond similar areas" in text  # the before/after estimate
    assert "Same as England" in text  # North Tyneside's class on slide 1, not 'No data'


def test_nothing_is_fetched_when_it_opens(exported):
    _, text = exported
    assert not re.search(r"<script[^>]*\bsrc=", text, re.I)
    assert not re.search(r"<link\b", text, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text[:200_000], re.I)
    assert not re.search(r"url\(\s*['\"]?https?:", text, re.I)
    after_library = text.split("</script>", 1)[1]
    # no plotly geo or tile map, whose base map plotly.js would fetch: maps are inline SVG
    assert not re.search(
        r'"type":\s*"(choropleth|choroplethmap|scattergeo|scattermap)"', after_library
    )
    assert "Plotly" in text and len(text) > 3_000_000  # plotly.js is inlined


@pytest.mark.browser
def test_opens_offline_and_moves_with_the_keys(exported, browser):
    path, _ = exported
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    external: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(path.as_uri())
    views = story.load(STORY)
    assert tab.locator("#count").inner_text() == f"1 / {len(views)}"
    assert tab.locator(".slide.on svg path").count() > 10  # the map is drawn
    for i in range(2, len(views) + 1):
        tab.keyboard.press("ArrowRight" if i % 2 else "PageDown")
        assert tab.locator("#count").inner_text() == f"{i} / {len(views)}"
        assert tab.locator(".slide.on h2").inner_text() == views[i - 1].title
        if views[i - 1].page in ("compare", "before-after"):
            tab.locator(".slide.on .chart .main-svg").first.wait_for(timeout=15_000)
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "story-html-last.png"))
    tab.keyboard.press("PageUp")
    assert tab.locator("#count").inner_text() == f"{len(views) - 1} / {len(views)}"
    assert errors == [] and external == []
    context.close()
