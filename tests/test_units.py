"""Units and labels (issue 11, point 7): a gap between percentages is in percentage points; a
2016–17 bar starts on the 2016 grid line; every dashed line of a trend chart is in its legend;
placebo figures share one number of decimals; profile links are not cut."""

from __future__ import annotations

import base64
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from atlas.text.formatting import fmt, signed


def test_a_gap_reads_in_percentage_points():
    assert fmt(8.64, "pp", 1) == "8.6 pp"
    assert fmt(45.7, "%", 1) == "45.7%"


def test_a_difference_reads_in_its_unit():
    assert signed(-6.84, "%", 1) == "-6.8 pp"  # two percentages differ by percentage points
    assert signed(2038.4, "£", 0) == "+£2,038"
    assert signed(2.0, "£ per week", 1) == "+£2.0 a week"
    assert signed(-1.14, "years", 1) == "-1.1 years"
    assert signed(-0.04, "score", 1) == "+0.0"  # rounds to zero: no arrow pointing down
    assert signed(float("nan"), "%", 1) == "no data"


def test_headline_tiles_give_their_difference_in_the_unit(open_page):
    """Stirling against Scotland: GDHI per head in pounds with a thousands separator (was
    "+2038"), a rate's difference in percentage points (was "-5.3")."""
    at = open_page("profile", area="S12000030")
    assert not at.exception
    delta = {m.label.split(",")[0]: m.delta for m in at.metric}
    assert re.fullmatch(r"[+-]£\d{1,3}(,\d{3})+", delta["GDHI per head"]), delta
    assert re.fullmatch(r"[+-]\d+\.\d pp", delta["Economic inactivity"]), delta
    assert re.fullmatch(r"[+-]£\d+\.\d a week", delta["Median weekly pay"]), delta
    home = open_page("home", focus="E12000001")
    assert not home.exception
    rates = [m.delta for m in home.metric if m.value.endswith("%")]  # HE entry, inactivity
    assert len(rates) >= 2 and all(d.endswith(" pp vs England") for d in rates), rates


def test_fsm_gap_indicator_is_in_percentage_points(open_page):
    from atlas.data import areas as A

    cat = A.indicators()
    assert cat.loc["he19_fsm_gap", "unit"] == "pp"
    assert cat.loc["ks2_rwm_disadv_gap", "unit"] == "pp"
    at = open_page("map", ind="he19_fsm_gap")
    assert not at.exception
    shown = at.dataframe[0].value["value_text"].dropna()
    assert shown.str.endswith(" pp").all() and not shown.str.contains("%").any()


def _num(values) -> list:
    """Plain numbers from a plotly array (which may be a base64 typed-array dict)."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_timeline_bars_start_on_their_first_year():
    from atlas.charts.partnerships import _timeline_chart

    table = pd.DataFrame(
        {
            "programme": ["Leading Places 1"],
            "name": ["TakeOFF"],
            "start": [2016],
            "end": [2017],
            "ongoing": [False],
            "label": ["2016–17"],
        }
    )
    fig = go.Figure(_timeline_chart.__wrapped__(table))
    bar = fig.data[0]
    assert _num(bar.base)[0] == 2016 and _num(bar.x)[0] == 2  # 2016 line to the end of 2017
    axis = fig.layout.xaxis
    assert axis.showgrid is False and 2016 in axis.minor.tickvals  # grid on the boundaries
    labels = dict(zip(axis.ticktext, axis.tickvals, strict=True))
    assert labels["2016"] == 2016.5  # the year's label in its middle


def test_every_dashed_line_in_a_small_trend_chart_is_in_the_legend():
    from atlas.charts.trend import trend

    frame = pd.DataFrame(
        {
            "series": ["Newcastle"] * 3,
            "role": ["area"] * 3,
            "year": [2016, 2017, 2018],
            "period": ["2015/16", "2016/17", "2017/18"],
            "value": [1.0, 2.0, 3.0],
            "status": ["ok"] * 3,
            "lower_ci": [np.nan] * 3,
            "upper_ci": [np.nan] * 3,
        }
    )
    meta = pd.Series(
        {"unit": "%", "decimals": 1, "period_type": "academic", "title": "T", "short_title": "T"}
    )
    events = pd.DataFrame(
        {"name": ["LP"], "label": ["LP"], "start_year": [2016], "end_year": [2017]}
    )
    breaks = pd.DataFrame({"year": [2017], "note": ["new method"]})
    fig = trend(frame, meta, events, breaks, labels=False, height=320)
    names = {t.name for t in fig.data}
    assert {"Programme start", "Programme end", "Series break"} <= names


def test_placebo_table_uses_two_decimals(open_page):
    from atlas.ui import evidence as E

    table = E.pretend_table(E.result("LP1-05", "inactivity_rate"))
    figures = table[["Estimate", "Interval low", "Interval high"]].to_numpy().ravel()
    assert all(re.fullmatch(r"[+-]\d+\.\d\d", f) for f in figures if f)


def test_open_profile_link_is_not_cut(open_page):
    import json

    at = open_page("map")
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["profile"]["type_config"]["display_text"] == "Open profile"
    assert columns["profile"]["width"] == "medium"  # wide enough for the words (was cut)
