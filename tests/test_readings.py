"""Readings that never overstate (issue 11, points 5, 6 and the colour points of 9).

Without a confidence interval a difference from England is only 'higher' or 'lower', never
'better' or 'worse'; with one, the interval decides. An area equal to England without an interval
is 'Same as England' on the map, never 'No data'. Tooltips are dark on white; England's line stays
distinct from the 'worse' orange under deuteranopia.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import map_classes, map_specs

from atlas.charts import maps, spine
from atlas.charts.trend import HOVERLABEL
from atlas.text import comparison as C

NAN = float("nan")
NORTH_TYNESIDE, NEWCASTLE = "E08000022", "E08000021"


@pytest.mark.parametrize("polarity", ["higher_better", "lower_better", "neutral"])
def test_without_an_interval_only_higher_or_lower(polarity):
    assert C.compare(45.7, NAN, NAN, 45.8, polarity) == "Lower than England"
    assert C.compare(45.9, NAN, NAN, 45.8, polarity) == "Higher than England"
    assert C.compare(45.8, NAN, NAN, 45.8, polarity) == "Same as England"


def test_with_an_interval_the_interval_decides():
    assert C.compare(45.7, 45.0, 46.4, 45.8, "higher_better") == "Similar to England"
    assert C.compare(44.0, 43.0, 45.0, 45.8, "higher_better") == "Worse than England"
    assert C.compare(44.0, 43.0, 45.0, 45.8, "lower_better") == "Better than England"
    assert C.compare(44.0, 43.0, 45.0, 45.8, "neutral") == "Lower than England"


def _frame(values, cis):
    return pd.DataFrame(
        {
            "area_code": [f"E0800000{i}" for i in range(len(values))],
            "value": values,
            "has_ci": cis,
            "quintile": [1] * len(values),
            "comparison": [
                C.compare(v, v - 1 if ci else NAN, v + 1 if ci else NAN, 46.0, "higher_better")
                for v, ci in zip(values, cis, strict=True)
            ],
        }
    )


def test_equal_to_england_without_interval_is_not_no_data():
    meta = pd.Series({"polarity": "higher_better"})
    frame = _frame([46.0, 44.1, 47.0, np.nan], [False] * 4)
    assert list(maps.classify(frame, meta, "england")) == [
        "Same as England",
        "Lower than England",
        "Higher than England",
        maps.NO_DATA[0],
    ]
    labels = [label for label, _ in maps.legend_for(frame, meta, "england")]
    assert "Same as England" in labels and "Worse than England" not in labels


def test_mixed_intervals_never_mix_the_two_languages():
    """Issue 18: an area without an interval on a map where others have one is 'not tested'."""
    meta = pd.Series({"polarity": "higher_better"})
    frame = _frame([40.0, 46.0], [True, False])
    assert list(maps.classify(frame, meta, "england")) == ["Worse than England", maps.UNTESTED]


def test_north_tyneside_attainment_map_is_same_as_england(open_page):
    """The reported case: Attainment 8 46.0 in North Tyneside, equal to England, no CI."""
    at = open_page("map", ind="ks4_att8_all", focus="E12000001", mode="england")
    assert not at.exception
    spec = map_specs(at)[0]
    ticks = [label for label, _ in spec["legend"]]
    assert map_classes(spec)[NORTH_TYNESIDE] == "Same as England"
    assert "Worse than England" not in ticks  # no interval published: no judgement


def test_partnership_tables_never_say_better_or_worse_without_interval():
    from atlas.data import partnerships as P

    table = P.headlines("CUA-NCL")
    words = set(table["Compared with England (by value)"]) - {""}
    assert words and words <= {"Higher than England", "Lower than England", "Same as England"}


def test_spine_explains_every_dot_colour(open_page):
    at = open_page("profile", area=NEWCASTLE)
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    spec = next(s for s in specs if "range of" in s["layout"].get("title", {}).get("text", ""))
    dots = [t for t in spec["data"] if t.get("legendgroup") == "area"]
    # one legend entry per dot colour, each saying what the colour means
    shown = [t for t in dots if t.get("showlegend", True)]
    names = [t["name"] for t in shown]
    assert len({t["marker"]["color"] for t in shown}) == len(shown) >= 3
    assert spec["layout"]["legend"]["title"]["text"].startswith("Dot: Newcastle upon Tyne")
    # one language: better/similar/worse, grey where no interval is published (issue 18)
    assert "No interval published (not tested)" in names
    assert not {"Higher than England", "Lower than England"} & set(names)
    hover = "\n".join(h for t in dots for h in t["hovertext"])
    assert "not a significance test" in hover
    assert "Not compared (a count, or no England value)" in names  # the white dots
    assert "England" in [t.get("name") for t in spec["data"]]


def _rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)])


def _lin(c):
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _contrast(a: str, b: str) -> float:
    la, lb = (float(_lin(_rgb(x)) @ [0.2126, 0.7152, 0.0722]) for x in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _deuteranopia(hex_colour: str) -> np.ndarray:
    """Machado et al. (2009) deuteranopia simulation, severity 1, in linear RGB."""
    m = np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.01182, 0.04294, 0.968881],
        ]
    )
    return np.clip(m @ _lin(_rgb(hex_colour)), 0, 1)


def test_tooltip_text_contrast_is_at_least_4_5():
    assert _contrast(HOVERLABEL["bgcolor"], HOVERLABEL["font"]["color"]) >= 4.5


def test_england_line_distinct_from_worse_under_deuteranopia():
    england, worse = _deuteranopia(spine.ENGLAND_LINE), _deuteranopia(maps.ORANGE)
    assert np.abs(england - worse).sum() > 0.3
    # the old red line turned the same olive as the orange dots
    assert np.abs(_deuteranopia("#c00000") - worse).sum() < np.abs(england - worse).sum()


def test_map_tooltip_and_legend_text_contrast_is_at_least_4_5():
    """The SVG map's own tooltip and legend (CSS in atlas.ui.mapview), as a browser paints them."""
    import re

    from atlas.ui import mapview

    def rule(selector: str) -> str:
        return re.search(re.escape(selector) + r" \{([^}]*)\}", mapview.CSS).group(1)

    tip, legend = rule(".atlas-map-tip"), rule(".atlas-map-legend")
    colour = re.compile(r"(?<![-\w])color: (#[0-9a-f]{6})")
    assert _contrast(re.search(r"background: (#[0-9a-f]{6})", tip)[1], colour.search(tip)[1]) >= 4.5
    assert _contrast("#ffffff", colour.search(legend)[1]) >= 4.5
