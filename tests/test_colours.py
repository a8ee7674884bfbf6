"""One colour language, readable by everyone (issue 18, point 2).

Every legend the app can draw (the map in each mode, polarity and mix of intervals, the SMC
categories, the spine chart) is checked with colorspacious: CIEDE2000 distances between every pair
of its classes, as seen with full deuteranopia, protanopia and tritanopia (Machado et al. 2009)
and on a washed-out projector (every colour 40% of the way to white), and against the faded fill
of the areas outside the focus. A legend never mixes better/worse with higher/lower.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from colorspacious import cspace_convert, deltaE

from atlas.charts import maps, spine
from atlas.text import comparison as C

VIEWS = ("normal", "deuteranomaly", "protanomaly", "tritanomaly", "projector")
#: categories (no order) must differ clearly; ordered scales only from their neighbours
APART, APART_FROM_FADED, APART_IN_ORDER = 14.0, 10.0, 5.0
#: the two classes without a value ('no data' white, 'England only' blue-grey) are quiet on
#: purpose: 10 from every class with a value, 6 from each other (their words tell them apart)
QUIET = {maps.NO_DATA[0], maps.ENGLAND_ONLY[0]}


def _apart(a: str, b: str) -> float:
    return {0: APART, 1: APART_FROM_FADED, 2: 6.0}[len({a, b} & QUIET)]


def _seen(hex_colour: str, view: str) -> np.ndarray:
    rgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    if view == "normal":
        return rgb
    if view == "projector":  # a washed-out projector: every colour 40% of the way to white
        return 0.6 * rgb + 0.4
    cvd = {"name": "sRGB1+CVD", "cvd_type": view, "severity": 100}
    return np.clip(cspace_convert(rgb, cvd, "sRGB1"), 0, 1)


def _faded(hex_colour: str) -> str:
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return "#" + "".join(f"{round(c):02x}" for c in maps.FADED * rgb + (1 - maps.FADED) * 255)


def _distance(a: str, b: str, view: str) -> float:
    return float(deltaE(_seen(a, view), _seen(b, view), input_space="sRGB1"))


def _legends() -> dict[str, list[tuple[str, str]]]:
    out = {}
    for polarity in ("higher_better", "lower_better", "neutral"):
        meta = pd.Series({"polarity": polarity})
        for mode in ("quintiles", "england", "category"):
            for with_ci, by_value, outside in itertools.product((True, False), repeat=3):
                if not (with_ci or by_value):
                    continue
                key = f"{mode} {polarity} ci={with_ci} by_value={by_value} uk={outside}"
                out[key] = maps.legend(meta, mode, with_ci, by_value, outside)
    out["spine"] = list(spine.CMP_COLOURS_LEGEND.items())
    return out


LEGENDS = _legends()
ORDERED = ("quintiles", "category")


@pytest.mark.parametrize("name", list(LEGENDS))
def test_a_legend_never_mixes_judgement_with_direction(name):
    labels = {label for label, _ in LEGENDS[name]}
    judged = labels & {C.BETTER, C.WORSE}
    by_value = labels & {C.HIGHER, C.LOWER, C.SAME}
    assert not (judged and by_value), LEGENDS[name]


@pytest.mark.parametrize("name", [n for n in LEGENDS if not n.startswith(ORDERED)])
def test_classes_stay_apart_for_every_colour_vision_and_on_a_projector(name):
    pairs = LEGENDS[name]
    assert len({c for _, c in pairs}) == len(pairs), "two classes share a colour"
    close = [
        (a, b, view, round(d, 1))
        for (a, ca), (b, cb) in itertools.combinations(pairs, 2)
        for view in VIEWS
        if (d := _distance(ca, cb, view)) < _apart(a, b)
    ]
    assert close == []


@pytest.mark.parametrize("name", [n for n in LEGENDS if n.startswith("england")])
def test_classes_stay_apart_from_the_faded_areas_outside_the_focus(name):
    """A focus area of one class never looks like an out-of-focus area of another."""
    pairs = LEGENDS[name]
    close = [
        (a, f"faded {b}", view, round(d, 1))
        for (a, ca), (b, cb) in itertools.permutations(pairs, 2)
        if a not in QUIET  # drawn flat, with their own pale border
        for view in VIEWS
        if (d := _distance(ca, _faded(cb), view)) < APART_FROM_FADED
    ]
    assert close == []


@pytest.mark.parametrize("name", [n for n in LEGENDS if n.startswith(ORDERED)])
def test_ordered_scales_keep_neighbours_apart(name):
    pairs = [p for p in LEGENDS[name] if p not in (maps.NO_DATA, maps.ENGLAND_ONLY)]
    close = [
        (a, b, view, round(d, 1))
        for (a, ca), (b, cb) in itertools.pairwise(pairs)
        for view in VIEWS
        if (d := _distance(ca, cb, view)) < APART_IN_ORDER
    ]
    assert close == []


def test_the_old_mixed_legend_fails_the_check():
    """The check can fail: the seven-item legend of issue 18 (better blue beside higher purple,
    lower lavender beside the same grey) is caught under deuteranopia and tritanopia."""
    old = {C.BETTER: "#1b5e9e", C.HIGHER: "#6a51a3", C.LOWER: "#cbc9e2", C.SAME: "#d4d4d4"}
    worst = min(
        _distance(old[a], old[b], view) for a, b in itertools.combinations(old, 2) for view in VIEWS
    )
    assert worst < APART


def test_mixed_intervals_use_the_judgement_language_with_untested_grey():
    meta = pd.Series({"polarity": "higher_better"})
    frame = pd.DataFrame(
        {
            "value": [40.0, 46.0],
            "has_ci": [True, False],
            "quintile": [1, 1],
            "comparison": [C.WORSE, C.SAME],
        }
    )
    assert list(maps.classify(frame, meta, "england")) == [C.WORSE, maps.UNTESTED]
    labels = [label for label, _ in maps.legend_for(frame, meta, "england")]
    assert C.SAME not in labels and maps.UNTESTED in labels
