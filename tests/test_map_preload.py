"""A new tab of a map page: its HTML asks for the map's code and its boundaries up front, and no
page asks for plotly's 4.7 MB chunk unless it shows a plotly chart (issue 19, point 6). A map on a
presentation slide does, once drawn and the browser idle, for the chart slides after it."""

from __future__ import annotations

import re
import urllib.request

import pytest

from atlas.ui import mapview, preload


def links(html: str) -> tuple[list[str], list[str]]:
    """(modulepreload hrefs, fetch-preload hrefs) in the page's head."""
    head = html.split("</head>", 1)[0]
    modules = re.findall(r'<link rel="modulepreload" crossorigin href="\./([^"]+)"', head)
    fetches = re.findall(
        r'<link rel="preload" as="fetch" crossorigin="anonymous" href="\./([^"]+)"', head
    )
    return modules, fetches


def test_the_map_component_asks_for_plotly_only_on_a_slide(monkeypatch):
    assert "Plotly" not in mapview.JS  # the chunk's URL comes from show(), for a slide only
    assert mapview.JS.count("import(") == 1 and "chartsNext(data.charts_next)" in mapview.JS
    sent = []
    monkeypatch.setattr(mapview, "_component", lambda data, **kw: sent.append(data))
    spec = {"height": 300, "areas": [("E06000001", "Hartlepool")]}
    mapview.show(spec, "m")  # the map pages, the partnerships page
    mapview.show(spec, "s", wheel=False, charts_next=True)  # atlas.ui.slides
    assert "charts_next" not in sent[0]
    assert re.fullmatch(r"static/js/PlotlyChart\.[\w-]+\.js", sent[1]["charts_next"])
    assert (preload.STATIC / sent[1]["charts_next"]).exists()  # the chunk Streamlit imports


def test_the_chunks_are_read_from_this_streamlit_build():
    chunks = preload.component_chunks()
    names = [c.split("/")[-1].split(".")[0] for c in chunks]
    assert names[0] == "BidiComponent"
    # the pickers' code is left to load on demand, after the map (atlas.ui.map_controls)
    assert not {"Selectbox", "Radio", "Multiselect", "TextInput"} & set(names)
    assert all((preload.STATIC / c).is_file() for c in chunks)  # every one is served
    assert not any(n.startswith(("PlotlyChart", "DataFrame", "arrowFormatUtils")) for n in names)


@pytest.mark.parametrize(
    ("page", "ind", "level"),
    [("map", None, "utla"), ("map", "inactivity_rate", "lad"), ("map", "nope", "utla")],
)
def test_a_map_page_preloads_the_boundaries_it_will_draw(warehouse, page, ind, level):
    modules, fetches = links(preload.page_html(page, ind))
    assert len(fetches) == 1 and re.fullmatch(
        rf"app/static/geo/{level}-\w+\.paths\.json", fetches[0]
    )
    assert any("BidiComponent" in m for m in modules)
    assert not any("PlotlyChart" in m for m in modules)


def test_the_partnerships_page_preloads_the_districts(warehouse):
    assert links(preload.page_html("partnerships", None))[1][0].startswith("app/static/geo/lad-")


def test_a_map_page_names_the_apps_base_and_keeps_the_pickers_space(warehouse):
    head = preload.page_html("map", "inactivity_rate").split("</head>", 1)[0]
    assert preload.BASE_SCRIPT in head and "window.__streamlit={BACKEND_BASE_URL:" in head
    assert f"<style>{preload.LANDING_CSS}</style>" in head
    assert ".st-key-map_controls { min-height:" in head and ".st-key-pp_filters" in head


def test_the_served_map_page_asks_for_its_boundaries_first(server):
    with urllib.request.urlopen(f"{server}/map?ind=inactivity_rate", timeout=30) as r:
        html = r.read().decode()
    modules, fetches = links(html)
    assert fetches and fetches[0].startswith("app/static/geo/lad-")
    with urllib.request.urlopen(f"{server}/{fetches[0]}", timeout=30) as r:  # the file is there
        assert r.status == 200 and b'"areas"' in r.read(2000)
    assert "PlotlyChart" not in html
    with urllib.request.urlopen(f"{server}/compare", timeout=30) as r:  # other pages: as before
        other = links(r.read().decode())
    assert other[1] == [] and not any("BidiComponent" in m for m in other[0])


#: elements whose code a new tab loads lazily, each holding the map back while it loads (React's
#: reveal throttle): the pickers and filters, tables, download buttons and plotly's 4.7 MB chunk
LAZY = {"selectbox", "multiselect", "radio", "text_input", "plotly_chart", "arrow_data_frame"}


@pytest.mark.parametrize(
    ("page", "params"),
    [("map", {"ind": "inactivity_rate", "focus": "E92000001"}), ("partnerships", {})],
)
def test_a_new_tab_is_sent_its_map_first_then_a_pause_then_the_rest(
    open_page, monkeypatch, page, params
):
    """What made ``/partnerships`` draw its map 4-5 s late: its filters came before the map and
    its plotly charts in the same instant, so the map waited for plotly's chunk to load and run.
    In a new tab's first run the map's element must be sent before any widget, table or plotly
    chart, and the page must pause after it (``mapview.let_the_map_land``) before sending them."""
    from streamlit.delta_generator import DeltaGenerator

    from atlas.ui import state

    sent: list[str] = []
    enqueue, land = DeltaGenerator._enqueue, mapview.let_the_map_land

    def spy_enqueue(self, delta_type, *args, **kwargs):
        sent.append(delta_type)
        return enqueue(self, delta_type, *args, **kwargs)

    def spy_land():
        sent.append("pause" if state.new_tab() else "no pause")
        land()

    monkeypatch.setattr(DeltaGenerator, "_enqueue", spy_enqueue)
    monkeypatch.setattr(mapview, "let_the_map_land", spy_land)
    at = open_page(page, **params)
    assert not at.exception
    pause = sent.index("pause")
    assert sent[pause - 1] == "bidi_component" and sent.count("bidi_component") == 1
    assert not LAZY & set(sent[:pause]), sent[:pause]
    after = set(sent[pause:])
    assert {"selectbox", "multiselect"} <= after  # the widgets still come, after the map
    if page == "partnerships":
        assert "plotly_chart" in after  # the timeline and the universities' charts

    sent.clear()
    at.run()  # a later run of the same tab sends everything at once
    assert "pause" not in sent and "bidi_component" in sent
