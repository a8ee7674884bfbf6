"""Figures in story captions are filled from the warehouse, never typed: a caption writes
``{ks4_att8_all@E12000001@2024/25}`` and the slide shows the published value with its unit
("44.1"), so a data refresh cannot leave a false sentence behind. A placeholder with no published
value reads "not available" (and the story test fails on it)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from atlas.text.formatting import fmt

PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)@([EWSNK]\d{8})@([^}]+)\}")
MISSING = "not available"


def fill(caption: str, read: Callable[..., pd.DataFrame]) -> str:
    """``caption`` with every placeholder replaced by the value ``read("story_value", ...)`` finds."""

    def value(m: re.Match) -> str:
        rows = read("story_value", ind=m.group(1), area=m.group(2), period=m.group(3))
        if rows.empty or pd.isna(rows["value"].iloc[0]):
            return MISSING
        r = rows.iloc[0]
        return fmt(float(r["value"]), r["unit"], r["decimals"])

    return PLACEHOLDER.sub(value, caption)


def typed_figures(caption: str) -> list[str]:
    """Numbers in a caption that are not years, placeholders or ordinals: figures someone typed."""
    text = PLACEHOLDER.sub("", caption)
    text = re.sub(r"\b(19|20)\d\d(/\d\d|–\d\d(\d\d)?)?\b", "", text)  # years, 2016/17, 2016–17
    text = re.sub(r"95% (confidence )?interval", "", text)  # a confidence level, not a figure
    return re.findall(r"\d+(?:\.\d+)?\s*%|\d+\.\d+|±\s*\d+", text)
