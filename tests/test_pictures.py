"""Picture downloads (issue 21): PNG and SVG of the map and of every chart kind the pages draw, with
title, source line and date burned in, made offline (kaleido + Debian chromium for charts,
cairosvg for the map). Each PNG is opened and checked for its size and that it is not blank."""

from __future__ import annotations

import io
import json

import plotly.graph_objects as go
import pytest
from conftest import ROOT, map_specs
from PIL import Image

from atlas.exports import pictures

#: chart pictures drive Debian's chromium (kaleido); the map's PNG uses libcairo, which comes with it
pytestmark = pytest.mark.browser
WHEN = "4 December 2026"
SOURCE = "Source: Department for Education"
#: one page view per chart kind: (page, params, words that pick the chart out of that page)
CHART_KINDS = {
    "trend": ("profile", {"area": "E08000021", "ind": "he19_fsm"}, None),
    "spine": ("profile", {"area": "E08000021", "tab": "All indicators"}, "spine"),
    "interval dots": ("compare", {"group": "ne_mca", "ind": "he19_fsm"}, None),
    "small multiples": ("compare", {"group": "ne_mca", "ind": "he19_fsm"}, "trends"),
    "timeline": ("partnerships", {}, None),
    "university deciles": ("partnerships", {"iv": "CUA-NCL"}, "decile"),
    "before/after": ("before_after", {"iv": "CUA-NCL", "ind": "he19_all"}, None),
}


def not_blank(png: bytes) -> tuple[tuple[int, int], float, int]:
    """(size, share of pixels that are not white, number of distinct colours)."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    small = img.resize((img.width // 4, img.height // 4))
    pixels = list(small.get_flattened_data())
    inked = sum(1 for p in pixels if min(p) < 235) / len(pixels)
    return img.size, inked, len(set(pixels))


def test_map_picture_has_title_source_and_date_and_is_drawn(open_page):
    spec = map_specs(open_page("map", ind="ks4_att8_all", mode="england", prog="CNUA"))[0]
    svg = pictures.map_svg(spec, SOURCE, WHEN)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert f">{spec['title']}</text>" in svg.replace("&amp;", "&") or spec["title"][:20] in svg
    assert f"{SOURCE} · Civic Atlas, {WHEN}" in svg
    assert svg.count("<path") == len(spec["areas"]) + len(spec["outline"])
    png = pictures.map_png(spec, SOURCE, WHEN)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    size, inked, colours = not_blank(png)
    assert size == (2 * (1000 + pictures.LEGEND_ROOM), 2 * (520 + 90))
    assert inked > 0.15 and colours > 5  # coloured areas, not an empty frame


@pytest.fixture(scope="module")
def charts(warehouse) -> dict[str, go.Figure]:
    """One real figure of each chart kind, as the pages send it to the browser."""
    from streamlit.testing.v1 import AppTest

    found = {}
    for kind, (page, params, words) in CHART_KINDS.items():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
        at.switch_page(f"pages/{page}.py")
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        specs = [(c.proto.spec, c.key if hasattr(c, "key") else "") for c in at.get("plotly_chart")]
        pick = [s for s, k in specs if words is None or words in s.lower() or words in str(k)]
        assert pick, f"no {kind} chart on {page}"
        found[kind] = go.Figure(json.loads(pick[0]))
    return found


@pytest.mark.parametrize("kind", list(CHART_KINDS))
def test_every_chart_kind_as_png_is_sized_and_not_blank(charts, kind):
    png = pictures.chart_image(charts[kind], f"Civic Atlas: {kind}", SOURCE, "png", when=WHEN)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    size, inked, colours = not_blank(png)
    assert size[0] == 2 * pictures.WIDTH and size[1] > 400
    assert inked > 0.02 and colours > 3


def test_chart_svg_carries_title_source_and_date(charts):
    svg = pictures.chart_image(charts["trend"], "Entry to HE by 19", SOURCE, "svg", when=WHEN)
    text = svg.decode("utf-8")
    assert "<svg" in text[:200]
    assert "Entry to HE by 19" in text and f"{SOURCE} · Civic Atlas, {WHEN}" in text


def test_an_unknown_picture_format_is_refused():
    with pytest.raises(ValueError, match="unknown picture format"):
        pictures.chart_image(go.Figure(), "t", "s", "gif")
