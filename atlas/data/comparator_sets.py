"""Comparator sets: which areas count as "like" a place, as a choice the user makes.

Four families, each named by a short key that goes in the URL, the exports and the CLI
(``--comparators SET``):

- ``outcome``: areas like this on the outcome itself before the start (the before/after engine's
  own rule: level and trend, plus deprivation where published in time). The default.
- ``dfe``: DfE children's services statistical neighbours, May 2025 set (upper-tier authorities).
- ``ons_global``, ``ons_economic``, ``ons_demographic``: ONS Explore Local Statistics "similar
  areas" in its three variants (districts, plus counties and combined authorities).
- ``ons_cluster``: the districts in the same ONS global cluster (four clusters of England's
  districts; a large, loose set).

``members`` returns a set's areas for some areas at an indicator's level; the before/after pool
from a set is ``atlas.evidence.comparator_sets.pool_for`` (the engine's room, above this one).
No Streamlit: ``read`` is any ``read(query_name, **params) -> DataFrame``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import pandas as pd

Reader = Callable[..., pd.DataFrame]


class ComparatorSet(NamedTuple):
    label: str  # what the picker shows
    source: str  # one line: who publishes it
    geographies: tuple[str, ...]  # indicator levels the set is published for
    neighbour_set: str | None = None  # marts.statistical_neighbours.neighbour_set
    cluster_set: str | None = None  # marts.area_clusters.cluster_set


SETS: dict[str, ComparatorSet] = {
    "outcome": ComparatorSet(
        "Areas like this on the outcome before the start",
        "Civic Atlas: nearest on the indicator's level and trend before the start",
        ("lad", "utla"),
    ),
    "dfe": ComparatorSet(
        "DfE statistical neighbours",
        "Department for Education, children's services statistical neighbours (May 2025)",
        ("utla",),
        neighbour_set="DfE 2025",
    ),
    "ons_global": ComparatorSet(
        "ONS similar areas (global)",
        "ONS Explore Local Statistics, similar areas: global (March 2026)",
        ("lad", "utla"),
        neighbour_set="ONS global",
    ),
    "ons_economic": ComparatorSet(
        "ONS similar areas (economic)",
        "ONS Explore Local Statistics, similar areas: economic (March 2026)",
        ("lad", "utla"),
        neighbour_set="ONS economic",
    ),
    "ons_demographic": ComparatorSet(
        "ONS similar areas (demographic)",
        "ONS Explore Local Statistics, similar areas: demographic (March 2026)",
        ("lad", "utla"),
        neighbour_set="ONS demographic",
    ),
    "ons_cluster": ComparatorSet(
        "ONS cluster (global)",
        "ONS Explore Local Statistics, clusters: global (March 2026)",
        ("lad",),
        cluster_set="ONS global",
    ),
}
DEFAULT = "outcome"
#: Sets whose every area has its own set, so a placebo area could draw its own comparators by the
#: same rule (see docs/evidence.md, "Comparator sets"); ``ons_cluster`` has no ranking inside a
#: cluster and leaves out 2 of England's districts, ``dfe`` covers upper tiers only.
PLACEBO_READY = ("outcome", "ons_global", "ons_economic", "ons_demographic", "dfe")


class SetError(ValueError):
    """A comparator set that does not apply (unknown key, or not published at this level)."""


def check(key: str, geography: str) -> ComparatorSet:
    """The set ``key``, or a one-line reason it cannot be used for an indicator at ``geography``."""
    if key not in SETS:
        raise SetError(f"unknown comparator set '{key}'; choose one of: {', '.join(SETS)}")
    chosen = SETS[key]
    if geography not in chosen.geographies:
        level = {"lad": "districts", "utla": "upper-tier authorities"}.get(geography, geography)
        raise SetError(
            f"{chosen.label} are not published for {level}: choose "
            + ", ".join(k for k, s in SETS.items() if geography in s.geographies)
        )
    return chosen


def members(
    read: Reader, key: str, codes: list[str], geography: str, ind: str, before: int
) -> list[str]:
    """The set's areas for ``codes`` (areas at the indicator's level), nearest first, the codes
    themselves left out. ``ind``/``before`` are used by ``outcome`` only (values before that year)."""
    chosen = check(key, geography)
    if chosen.neighbour_set:
        found = read("comparator_neighbours", codes=list(codes), neighbour_set=chosen.neighbour_set)
        return found["area_code"].tolist()
    if chosen.cluster_set:
        found = read("comparator_cluster", codes=list(codes), cluster_set=chosen.cluster_set)
        return found["area_code"].tolist()
    return like_on_outcome(read, codes, geography, ind, before)


def like_on_outcome(
    read: Reader, codes: list[str], geography: str, ind: str, before: int, n: int = 20
) -> list[str]:
    """Areas nearest ``codes`` on the indicator's mean and yearly trend over the last five
    published years before ``before`` (both standardised), nearest first."""
    hist = read("comparator_outcome_history", ind=ind, before=int(before), geography=geography)
    if hist.empty:
        return []
    last = hist.groupby("area_code")["year"].transform("max")
    hist = hist[hist["year"] > last - 5]
    feats = hist.groupby("area_code").apply(_features, include_groups=False).dropna()
    if feats.empty or not set(codes) & set(feats.index):
        return []
    z = (feats - feats.mean()) / feats.std(ddof=0).replace(0, 1)
    target = z.loc[[c for c in codes if c in z.index]].mean()
    dist = np.sqrt(((z - target) ** 2).sum(axis=1)).drop([c for c in codes if c in z.index])
    return dist.sort_values(kind="stable").index[:n].tolist()


def _features(g: pd.DataFrame) -> pd.Series:
    slope = np.polyfit(g["year"], g["value"], 1)[0] if g["year"].nunique() > 1 else 0.0
    return pd.Series({"mean": g["value"].mean(), "slope": slope})
