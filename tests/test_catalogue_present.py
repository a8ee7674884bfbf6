"""The data catalogue and presentation mode, run as the app runs them (AppTest through app.py).

A presenter must be able to trust every slide: each story view is opened with its URL and must
draw without an exception and without the page rejecting part of the link. ``warehouse`` comes
from tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from atlas.ui import story

ROOT = Path(__file__).resolve().parent.parent
EVERY_VIEW = story.every_view()


def catalogue(**params: str):
    view = story.View(page="catalogue", title="", caption="", params=params)
    return story.open_view(view)


def shown_ids(at) -> list[str]:
    return [e.label.split("`")[1] for e in at.expander if "`" in e.label]  # indicators, not notes


# ---------------------------------------------------------------------------------- stories
def test_shipped_stories_are_well_formed():
    assert {"north_east", "leading_places"} <= set(story.names())
    for name in story.names():
        views = story.load(name)
        assert len(views) >= 5
        assert len({v.caption for v in views}) == len(views), "captions must differ slide to slide"


def test_stories_name_things_the_warehouse_has(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        inds = {r[0] for r in con.execute("select indicator_id from marts.indicators").fetchall()}
        ivs = {
            r[0] for r in con.execute("select intervention_id from marts.interventions").fetchall()
        }
        codes = {
            r[0]
            for r in con.execute("select area_code from marts.areas where is_current").fetchall()
        }
        groups = {
            r[0]
            for r in con.execute(
                "select distinct programme_group from marts.interventions"
            ).fetchall()
        }
    for name, i, view in EVERY_VIEW:
        p = view.params
        where = f"{name} slide {i}"
        assert p.get("ind", "he19_all") in inds, where
        assert p.get("iv", "CUA-NCL") in ivs, where
        for key in ("area", "focus"):
            assert p.get(key, "E92000001") in codes, where
        assert set(filter(None, p.get("areas", "").split(","))) <= codes, where
        assert set(filter(None, p.get("prog", "").split(","))) <= groups, where


def test_a_broken_story_is_explained():
    assert story.problems(
        [{"page": "maps", "title": "t", "caption": "c", "params": {"indd": "x"}}]
    ) == [
        "view 1: page 'maps' is not one of " + str(sorted(story.PAGES)),
        "view 1: unknown URL keys ['indd'] (use " + ", ".join(story.URL_KEYS) + ")",
    ]
    assert story.problems([]) == ["a story must be a non-empty list of views"]


@pytest.mark.parametrize(
    "name, slide, view", EVERY_VIEW, ids=[f"{n}-{i}" for n, i, _ in EVERY_VIEW]
)
def test_every_story_view_opens(warehouse, name, slide, view):
    at = story.open_view(view)
    assert story.view_problem(at) is None


# ---------------------------------------------------------------------------------- catalogue
def test_catalogue_lists_every_indicator(warehouse):
    at = catalogue()
    assert not at.exception
    with duckdb.connect(str(warehouse), read_only=True) as con:
        total = con.execute("select count(*) from marts.indicators").fetchone()[0]
    assert len(shown_ids(at)) == total
    assert f"Showing {total} of {total} indicators." in [c.value for c in at.caption]


def test_catalogue_search_narrows_the_list(warehouse):
    at = catalogue()
    total = len(at.expander)
    at.text_input(key="q").input("higher education").run()
    ids = shown_ids(at)
    assert {"he19_all", "he19_fsm", "he19_nonfsm", "he19_fsm_gap"} <= set(ids)
    assert len(ids) < total and "ks4_att8_all" not in ids
    at.text_input(key="q").input("life expectancy female").run()
    assert {"le_female", "hle_female"} <= set(shown_ids(at))
    assert all("female" in i for i in shown_ids(at))
    at.text_input(key="q").input("zzzz nothing").run()
    assert shown_ids(at) == [] and any("No indicator matches" in i.value for i in at.info)


def test_catalogue_link_opens_one_indicator_with_its_provenance(warehouse):
    at = catalogue(ind="he19_fsm")
    assert not at.exception
    box = next(e for e in at.expander if "`he19_fsm`" in e.label)
    text = " ".join(m.value for m in box.markdown)
    assert "higher is better" in text and "Department for Education" in text
    assert "data/raw/education/dfe_lait_post16_age19_he_neet_by_la.csv.gz" in text
    assert "Open Government Licence" in text
    labels = [b.proto.label for b in box.get("download_button")]
    assert labels == ["CSV", "Excel", "datapackage.json", "CSV + metadata (zip)"]
    closed = next(e for e in at.expander if "`he19_all`" in e.label)
    assert not closed.markdown  # closed entries are not drawn


def test_catalogue_shows_series_breaks(warehouse):
    at = catalogue(ind="ks4_att8_all")
    box = next(e for e in at.expander if "`ks4_att8_all`" in e.label)
    assert any(
        m.value.startswith("**Series breaks**") and "2015/16" in m.value for m in box.markdown
    )


# ---------------------------------------------------------------------------------- present
def present(**params: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/present.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def caption(at) -> str:
    from atlas.data.db import query
    from atlas.text.captions import fill

    texts = {m.value for m in at.markdown}
    matches = [v.caption for _, _, v in EVERY_VIEW if fill(v.caption, query) in texts]
    assert len(matches) == 1, matches
    return matches[0]


def test_present_moves_between_slides(warehouse):
    views = story.load("north_east")
    at = present(story="north_east")
    assert not at.exception
    assert caption(at) == views[0].caption
    assert at.query_params["slide"] == "1" and at.query_params["ind"] == views[0].params["ind"]
    assert at.button(key="present_prev").disabled
    at.button(key="present_next").click().run()
    assert caption(at) == views[1].caption
    assert at.query_params["slide"] == "2" and at.query_params["ind"] == views[1].params["ind"]
    at.button(key="present_next").click().run()
    assert caption(at) == views[2].caption
    at.button(key="present_prev").click().run()
    assert caption(at) == views[1].caption
    assert not at.exception


def test_present_last_slide_and_odd_links(warehouse):
    views = story.load("leading_places")
    at = present(story="leading_places", slide="99")
    assert caption(at) == views[-1].caption and at.button(key="present_next").disabled
    at = present(story="no_such_story", slide="x")
    assert caption(at) == story.load("north_east")[0].caption


def test_catalogue_downloads_carry_their_metadata(warehouse):
    """What the four buttons of one indicator hand over (their deferred builders, run directly)."""
    import io
    import json
    import zipfile

    import openpyxl
    import pandas as pd

    from atlas.exports import files as exports
    from atlas.exports.buttons import _Pack, export_frame

    pack = _Pack(
        export_frame(["he19_fsm"]), "civic-atlas-he19_fsm", "HE by 19 (FSM)", "", None, ["he19_fsm"]
    )
    csv = pd.read_csv(io.BytesIO(pack.csv()))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        n = con.execute(
            "select count(*) from marts.indicator_values where indicator_id = 'he19_fsm'"
        ).fetchone()[0]
    assert len(csv) == n and set(csv["indicator_id"]) == {"he19_fsm"}
    descriptor = json.loads(pack.json())
    assert exports.validate_datapackage(descriptor) == []
    assert descriptor["resources"][0]["indicators"][0]["source_url"].startswith("https://")
    with zipfile.ZipFile(io.BytesIO(pack.zip())) as zf:
        assert zf.read("civic-atlas-he19_fsm.csv") == pack.csv()
    book = openpyxl.load_workbook(io.BytesIO(pack.xlsx()))
    assert book["data"].max_row == n + 1 and "README" in book.sheetnames
