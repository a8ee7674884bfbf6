"""What the area pickers show: each area's kind in words ("unitary", "principal area"), labels,
the map's focus targets and the codes a user can open, made once per build and shared."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data.areas import ENGLAND, GB, LEVELS, UK, areas
from atlas.data.db import version

COUNCIL_WORDS = {"W": "principal area", "S": "council area", "N": "district"}


def kind(row: pd.Series) -> str:
    """'district', 'unitary', 'borough', 'county', 'region', 'combined authority', 'country', 'UK',
    or outside England 'principal area' (Wales), 'council area' (Scotland), 'district' (NI)."""
    if row["level"] == "lad" and str(row["area_code"])[0] in COUNCIL_WORDS:
        return COUNCIL_WORDS[str(row["area_code"])[0]]
    if row["level"] == "lad" and row["is_utla"]:
        return "unitary" if str(row["area_code"]).startswith("E06") else "borough"
    return LEVELS.get(row["level"], row["level"])


def labels(places: pd.DataFrame) -> dict[str, str]:
    """{code: 'Name (kind)'} for every area, for pickers (vectorised: pickers call it per option)."""
    kind = places["level"].map(LEVELS)
    unitary = places["is_utla"] & (places["level"] == "lad")
    kind = kind.mask(
        unitary, np.where(places["area_code"].str.startswith("E06"), "unitary", "borough")
    )
    first = places["area_code"].str[0]
    kind = kind.mask(
        first.isin(list(COUNCIL_WORDS)) & (places["level"] == "lad"), first.map(COUNCIL_WORDS)
    )
    text = places["area_name"] + " (" + kind + ")"
    return text.mask(places["level"].isin(["nation", "uk"]), places["area_name"]).to_dict()


# England first, then the UK, Great Britain and the other nations, then regions and CAs
FOCUS_FIRST = [ENGLAND, UK, GB, "S92000003", "W92000004", "N92000002"]


def focus_options(places: pd.DataFrame) -> list[str]:
    """England, the UK and the nations, then regions, then combined authorities — the map's zoom
    targets."""
    order = {"region": 1, "ca": 2}
    picked = places[places["level"].isin(order)]
    picked = picked.assign(o=picked["level"].map(order)).sort_values(["o", "area_name"])
    return [c for c in FOCUS_FIRST if c in places.index] + picked["area_code"].tolist()


PICK_ORDER = {"uk": 0, "nation": 0, "region": 1, "ca": 2, "county": 3, "lad": 4}


def pickable(places: pd.DataFrame) -> list[str]:
    """Codes a user can open: the UK, GB and nations, regions, CAs, counties and districts
    (alphabetical in each)."""
    ordered = places.assign(o=places["level"].map(PICK_ORDER)).dropna(subset=["o"])
    return ordered.sort_values(["o", "area_name"])["area_code"].tolist()


class Pickers(NamedTuple):
    """What the area pickers show, for every area of one build."""

    labels: dict[str, str]  # labels(areas())
    names: dict[str, str]  # code -> area name
    pickable: list[str]  # pickable(areas())
    focus: list[str]  # focus_options(areas())


@st.cache_resource(max_entries=2, show_spinner=False)
def _pickers(build: str) -> Pickers:
    places = areas()
    return Pickers(
        labels(places), places["area_name"].to_dict(), pickable(places), focus_options(places)
    )


def pickers() -> Pickers:
    """The pickers' options and labels for the current build, made once (labelling and sorting
    every area took ~10 ms of each page run). Shared between sessions: read them, don't modify
    them."""
    return _pickers(version())
