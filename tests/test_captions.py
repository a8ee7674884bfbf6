"""Story captions carry no typed figures: every number is a placeholder filled from the warehouse."""

from __future__ import annotations

import pandas as pd

from atlas.text import captions
from atlas.ui import story


def test_no_caption_types_a_figure():
    for name in story.names():
        for i, view in enumerate(story.load(name), 1):
            assert captions.typed_figures(view.caption) == [], f"{name} slide {i}: {view.caption}"


def test_typed_figures_are_caught():
    assert captions.typed_figures(
        "The region averages 44.1, against 29% in England, ±4 points"
    ) == ["44.1", "29%", "±4"]
    assert captions.typed_figures("In 2016/17 and 2023 the {a@E12000001@2023} 95% interval") == []


def test_placeholders_are_filled_from_the_warehouse(warehouse):
    from atlas.evidence.engine import duckdb_reader

    read = duckdb_reader(warehouse)
    region = read("story_value", ind="he19_fsm", area="E12000001", period="2023/24")
    text = captions.fill(
        "NE {he19_fsm@E12000001@2023/24}, nowhere {he19_fsm@E12000001@1850/51}", read
    )
    assert text == f"NE {region['value'].iloc[0]:.1f}%, nowhere {captions.MISSING}"
    for name in story.names():  # every shipped placeholder resolves to a published value
        for view in story.load(name):
            assert captions.MISSING not in captions.fill(view.caption, read), view.caption


def test_fill_uses_the_unit_and_decimals():
    def read(name, **p):
        return pd.DataFrame(
            {"value": [46.04], "status": ["ok"], "unit": ["score"], "decimals": [1]}
        )

    assert captions.fill("England {ks4_att8_all@E92000001@2024/25}.", read) == "England 46.0."
