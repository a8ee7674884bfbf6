"""Views that carry over (issue 11, point 8) and tables beside charts (point 9), in AppTest.

The chosen indicator follows the user from the map to the profile to compare even when the
navigation link carries no parameters; Compare draws each area's interval bar with England and
the group's (neighbour) average, and the user can add areas to a statistical-neighbour group.
"""

from __future__ import annotations

import json

NEWCASTLE, BRISTOL = "E08000021", "E06000023"


def specs(at) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


def test_indicator_carried_from_map_to_profile_to_compare(open_page):
    at = open_page("map")
    at.selectbox(key="map_domain").select("he_participation").run()
    at.selectbox(key="map_sub_he19").select("FSM").run()
    assert at.query_params["ind"] == "he19_fsm"
    for page in ("profile", "compare"):
        for key in list(at.query_params):  # a navigation link: no parameters at all
            del at.query_params[key]
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception
        assert at.query_params["ind"] == "he19_fsm", page


def test_compare_neighbours_with_own_area_interval_bars_and_average(open_page):
    at = open_page(
        "compare", ind="inactivity_rate", group="neighbours", area=NEWCASTLE, areas=BRISTOL
    )
    assert not at.exception
    table = at.dataframe[0].value
    assert "Bristol, City of" in set(table["area_name"])  # the area added by hand
    assert len(table) >= 5  # ... beside Newcastle's neighbours
    dots = next(s for s in specs(at) if "95% interval" in s["layout"]["title"]["text"])
    names = [t.get("name", "") for t in dots["data"]]
    assert any(n.startswith("England: ") for n in names)
    assert any(n.startswith("Neighbour average: ") for n in names)
    bars = dots["data"][0]["error_x"]["array"]
    assert sum(b is not None for b in bars) >= 3  # survey estimates carry their intervals
    assert len(dots["layout"]["shapes"]) == 2  # England and the neighbour average
    # the small multiples have their table beside them: one column per area, and England
    trends = next(d.value for d in at.dataframe if "England" in d.value.columns)
    assert {"Newcastle upon Tyne", "Bristol, City of"} <= set(trends.columns)


def test_every_profile_chart_has_a_table_beside_it(open_page):
    at = open_page("profile", area=NEWCASTLE, ind="he19_fsm")
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert labels.count("The chart as a table") == 2  # the trend and the spine chart
    tables = [d.value for d in at.dataframe]
    trend = next(t for t in tables if "period" in t.columns and "England" in t.columns)
    assert trend.loc[trend["period"] == "2023/24", "Newcastle upon Tyne"].iloc[0] == "26.7%"
    spine = next(t for t in tables if "Compared with England" in t.columns)
    assert "Entry to HE by 19 (FSM)" in set(spine["Indicator"])
