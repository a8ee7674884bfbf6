"""Picture downloads (issue 21): PNG and SVG of the maps and of every chart kind the pages draw, with
title, source line and date burned in, made offline (kaleido + Debian chromium for charts,
cairosvg for the maps).

The pages are run once (AppTest) with ``buttons.offer_pictures`` wrapped, so the tests see exactly
what each button would render: every chart on every page offers a picture (no browser), and one
chromium session renders each offered picture, whose PNG is opened and checked for its size and
that it is not blank (marked ``browser``)."""

from __future__ import annotations

import io
import json
import re

import plotly.graph_objects as go
import pytest
from conftest import ROOT, map_specs, wait_idle
from PIL import Image

from atlas.exports import pictures

WHEN = "4 December 2026"
SOURCE = "Source: Department for Education"
NEWCASTLE = "E08000021"
#: the page views that between them draw every chart kind, each run once
VIEWS = [
    ("map", {"ind": "ks4_att8_all", "mode": "england", "prog": "CNUA"}),
    ("profile", {"area": NEWCASTLE, "ind": "he19_fsm"}),
    ("compare", {"group": "ne_mca", "ind": "he19_fsm"}),
    ("partnerships", {"iv": "CUA-NCL"}),
    ("before_after", {"iv": "LP1-01", "ind": "employment_rate"}),  # + synth and pooled programme
    ("before_after", {"iv": "NE-REP"}),  # not running yet: the evaluation plan is open
]
#: chart kind -> the picture's file stem, as each page names it
KINDS = {
    "map": r"^map-ks4_att8_all-",
    "coverage map": r"^partnership-coverage-map$",
    "trend": rf"^profile-{NEWCASTLE.lower()}-he19_fsm$",
    "key trend": rf"^profile-{NEWCASTLE.lower()}-inactivity_rate$",
    "spine": r"-all-indicators$",
    "interval dots": r"^civic-atlas-compare-he19_fsm-[0-9-]+$",
    "small multiples": r"^civic-atlas-compare-he19_fsm-.*-trends$",
    "timeline": r"^partnership-timeline$",
    "university deciles": r"^newcastle-university-intake-by-decile$",
    "event study": r"^before-after-lp1-01-employment_rate$",
    "synthetic control": r"^before-after-lp1-01-employment_rate-twin$",
    "pooled programme": r"^before-after-leading-places-1-employment_rate$",
    "evaluation plan": r"^before-after-ne-rep-.*-plan$",
}
#: charts drawn twice for two screens; the picture is of the wide one
PHONE_TWINS = {"spine_phone_chart"}


def run(page: str, params: dict):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.switch_page(f"pages/{page}.py")
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def offered_on(page: str, params: dict) -> tuple[object, list[dict]]:
    """Run a page with ``buttons.offer_pictures`` wrapped: the AppTest and every picture offered
    (picture, name, title, source), in page order."""
    from atlas.exports import buttons

    calls, real = [], buttons.offer_pictures

    def spy(picture, name, title, source, **kw):
        calls.append(
            {"picture": picture, "name": buttons.slug(name), "title": title, "src": source}
        )
        return real(picture, name, title, source, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(buttons, "offer_pictures", spy)
        at = run(page, params)
    assert not at.exception, [e.message for e in at.exception]
    return at, calls


@pytest.fixture(scope="module")
def offered(warehouse) -> dict[str, list[dict]]:
    """Per page view: its chart keys, map count and the pictures it offers."""
    out = {}
    for page, params in VIEWS:
        at, calls = offered_on(page, params)
        charts = [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]
        out[f"{page}?{params}"] = {
            "charts": [c for c in charts if c not in PHONE_TWINS],
            "maps": len(map_specs(at)),
            "pictures": calls,
            "buttons": [b.proto.label for b in at.get("download_button")],
        }
    return out


def kind_of(name: str) -> list[str]:
    return [k for k, pattern in KINDS.items() if re.search(pattern, name)]


def test_every_chart_and_map_on_every_page_offers_a_picture(offered):
    for view, seen in offered.items():
        assert len(seen["pictures"]) == len(seen["charts"]) + seen["maps"], view
        assert seen["buttons"].count("Picture (PNG)") == len(seen["pictures"]), view
        assert seen["buttons"].count("Picture (SVG)") == len(seen["pictures"]), view
    names = [p["name"] for seen in offered.values() for p in seen["pictures"]]
    assert {k for n in names for k in kind_of(n)} == set(KINDS), names


def test_each_picture_names_what_it_shows_and_its_source(offered, warehouse):
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        publisher = dict(
            con.execute("select indicator_id, publisher from marts.indicators").fetchall()
        )
        (ne_rep,) = con.execute(
            "select name from marts.interventions where intervention_id = 'NE-REP'"
        ).fetchone()
    pics = {k: p for seen in offered.values() for p in seen["pictures"] for k in kind_of(p["name"])}
    assert pics["trend"]["title"].endswith(", Newcastle upon Tyne")
    assert pics["trend"]["src"].startswith(f"Source: {publisher['he19_fsm']}, ")
    assert pics["key trend"]["src"].startswith(f"Source: {publisher['inactivity_rate']}, ")
    assert (
        pics["spine"]["src"].startswith("Sources: ")
        and publisher["he19_fsm"] in pics["spine"]["src"]
    )
    for kind in ("event study", "synthetic control", "pooled programme"):
        assert pics[kind]["src"].startswith(f"Source: {publisher['employment_rate']}, "), kind
        assert "before/after method " in pics[kind]["src"], kind
    assert "and its synthetic twin: Employment rate" in pics["synthetic control"]["title"]
    assert pics["pooled programme"]["title"].startswith("Leading Places 1: ")
    assert pics["evaluation plan"]["title"].startswith(f"{ne_rep}, ")
    for kind in ("timeline", "coverage map"):
        assert pics[kind]["src"].startswith("Source: Civic Atlas research register"), kind
    n = len(re.findall(r"\d+", pics["timeline"]["title"]))
    assert n == 1 and re.search(
        r"\d+ interventions? by the years they ran", pics["timeline"]["title"]
    )
    assert pics["university deciles"]["src"].startswith("Source: Social Mobility Commission")


def visible_interval(fig: go.Figure) -> bool:
    """Whether ``fig`` shows an interval: a band (legend group 'ci') or visible error bars."""

    def bars(t, axis: str) -> bool:
        e = getattr(t, axis, None)
        return e is not None and e.array is not None and e.visible is not False

    return any(t.legendgroup == "ci" or bars(t, "error_x") or bars(t, "error_y") for t in fig.data)


def test_the_ci_toggle_covers_the_profiles_key_trends_and_their_pictures(warehouse):
    """he19_fsm publishes no interval, but the key trend of economic inactivity does: the toggle is
    drawn, and ci=0 hides the band on the chart and in its picture."""
    at, calls = offered_on("profile", {"area": NEWCASTLE, "ind": "he19_fsm"})
    assert [t.label for t in at.toggle if t.key == "profile_ci"] == ["Show confidence intervals"]
    key = next(p["picture"] for p in calls if p["name"].endswith("-inactivity_rate"))
    assert visible_interval(key)
    at, calls = offered_on("profile", {"area": NEWCASTLE, "ind": "he19_fsm", "ci": "0"})
    assert at.toggle(key="profile_ci").value is False
    key = next(p["picture"] for p in calls if p["name"].endswith("-inactivity_rate"))
    assert not visible_interval(key)
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("trend_inactivity_rate"))
    assert not any(t.get("legendgroup") == "ci" for t in json.loads(chart.proto.spec)["data"])


def test_the_ci_toggle_covers_compares_trends_and_their_pictures(warehouse):
    """Employment publishes intervals: each small chart shades its area's band, and ci=0 hides
    the bands with the dots' bars, on the page and in both pictures."""
    view = {"group": "ne_mca", "ind": "employment_rate"}
    at, calls = offered_on("compare", view)
    assert len(calls) == 2 and all(visible_interval(p["picture"]) for p in calls)
    small = next(p["picture"] for p in calls if p["name"].endswith("-trends"))
    bands = [t for t in small.data if t.legendgroup == "ci"]
    areas = [t for t in small.data if t.legendgroup == "Area"]
    assert len(bands) == 2 * len(areas) and len(areas) >= 5  # two edges per area with a band
    assert {t.xaxis for t in bands} == {t.xaxis for t in areas}  # each band in its own chart
    at, calls = offered_on("compare", view | {"ci": "0"})
    assert at.toggle(key="compare_ci").value is False
    assert not any(visible_interval(p["picture"]) for p in calls)
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("compare_trends"))
    assert not any(t.get("legendgroup") == "ci" for t in json.loads(chart.proto.spec)["data"])


# ---- rendering: one chromium session for every chart picture -----------------------------------
def not_blank(png: bytes) -> tuple[tuple[int, int], float, int]:
    """(size, share of pixels that are not white, number of distinct colours)."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    small = img.resize((img.width // 4, img.height // 4))
    pixels = list(small.get_flattened_data())
    inked = sum(1 for p in pixels if min(p) < 235) / len(pixels)
    return img.size, inked, len(set(pixels))


@pytest.mark.browser
def test_map_picture_has_title_source_and_date_and_is_drawn(offered):
    spec = next(
        p["picture"]
        for s in offered.values()
        for p in s["pictures"]
        if p["name"].startswith("map-")
    )
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
def rendered(offered) -> dict[str, tuple[bytes, bytes, dict]]:
    """kind -> (PNG, SVG, the offer) of the first picture of each kind, exactly as its buttons make
    them (title, source, today's date), charts in one chromium session."""
    first = {}
    for seen in offered.values():
        for p in seen["pictures"]:
            for kind in kind_of(p["name"]):
                first.setdefault(kind, p)
    out = {}
    with pictures.one_browser():
        for kind, p in first.items():
            if isinstance(p["picture"], dict):  # a map spec: cairo, no browser
                png, svg = (
                    pictures.map_png(p["picture"], p["src"]),
                    pictures.map_svg(p["picture"], p["src"]).encode(),
                )
            else:
                png = pictures.chart_image(p["picture"], p["title"], p["src"], "png")
                svg = pictures.chart_image(p["picture"], p["title"], p["src"], "svg")
            out[kind] = (png, svg, p)
    return out


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_picture_kind_as_png_is_sized_and_not_blank(rendered, kind):
    png, svg, offer = rendered[kind]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    size, inked, colours = not_blank(png)
    if isinstance(offer["picture"], dict):
        assert size == (2 * (1000 + pictures.LEGEND_ROOM), 2 * (520 + 90))
        assert inked > 0.05 and colours > 3
    else:
        fig = offer["picture"]
        assert size == (
            2 * pictures.WIDTH,
            2
            * (
                int(fig.layout.height or pictures.HEIGHT)
                + 120
                + pictures.heading(offer["title"], offer["src"])[2]
            ),
        )
        assert inked > 0.02 and colours > 3


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_picture_kind_as_svg_carries_its_title_source_and_date(rendered, kind):
    png, svg, offer = rendered[kind]
    text = re.sub(r"\s+", " ", svg.decode("utf-8").replace("&amp;", "&").replace("&#x27;", "'"))
    assert "<svg" in text[:300]
    title = offer["picture"]["title"] if isinstance(offer["picture"], dict) else offer["title"]
    for words in (title, offer["src"], pictures.today()):
        assert all(w in text for w in words.split()), (kind, words)


@pytest.mark.browser
def test_a_picture_button_on_the_running_app_downloads_the_png(page, server):
    """The real click: the served page's button runs the deferred render (kaleido in the server)
    and the browser receives the picture; no request leaves the machine."""
    page.goto(server + "/")
    wait_idle(page)
    page.goto(f"{server}/profile?area={NEWCASTLE}&ind=he19_fsm")
    wait_idle(page, 120_000)
    button = page.locator(
        f".st-key-pic_profile-{NEWCASTLE.lower()}-inactivity_rate_png button"
    ).first
    with page.expect_download(timeout=120_000) as download:
        button.click()
    assert download.value.suggested_filename == f"profile-{NEWCASTLE.lower()}-inactivity_rate.png"
    with open(download.value.path(), "rb") as fh:
        png = fh.read()
    size, inked, colours = not_blank(png)
    assert size[0] == 2 * pictures.WIDTH and inked > 0.02 and colours > 3
    assert page.external == []


def test_a_long_source_line_wraps_and_a_long_title_shrinks_to_one_line():
    size, foot, extra = pictures.heading(
        "Short", "Sources: " + "; ".join(["A publisher"] * 30), WHEN
    )
    assert size == 18 and foot.count("<br>") >= 2 and extra == 16 * foot.count("<br>")
    assert pictures.heading("Short", SOURCE, WHEN) == (18, f"{SOURCE} · Civic Atlas, {WHEN}", 0)
    assert 12 <= pictures.heading("A long title " * 10, SOURCE, WHEN)[0] < 18


def test_an_unknown_picture_format_is_refused():
    with pytest.raises(ValueError, match="unknown picture format"):
        pictures.chart_image(go.Figure(), "t", "s", "gif")
