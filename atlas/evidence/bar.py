"""What the verdict's "changed" needs (method 9): the interval's own band, or a wider one where
the verdict has less to stand on. Two such cases, each read off the study itself:

* ``unchecked``: the joint pre-test could not run (too few years before the start), so nothing
  guards the verdict against areas that were already drifting apart; ``make validate`` found
  those studies saying "changed" with no effect about twice as often as the rest;
* ``edge``: a group at the edge of its regions (``groups.at_the_edge``: the worst or most
  deprived of their regions, as programmes choose), whose places often move differently from
  similar areas for reasons of their own: the three scenarios still over 5% with only the first
  case were all such groups (docs/evidence.md, "Method 9").

In either case the estimate must be beyond the placebos' ``calibrate.CAUTIOUS`` (98%) band;
the interval shown stays at its own level. Pure Python.
"""

from __future__ import annotations

import math

WHY_WORDS = {
    "unchecked": "trends before the start could not be checked",
    "edge": (
        "its areas are among the worst or most deprived of their regions, and places chosen that "
        "way often move differently from similar areas for reasons of their own"
    ),
}


def needs(method, pre_stat, did: dict) -> tuple[float | None, list[str]]:
    """The level "changed" needs (None: the interval's own) and why (keys of ``WHY_WORDS``).
    ``method``: an ``inference.Method`` (its ``unchecked`` and ``edge_bar`` levels)."""
    why = []
    if method.unchecked and (pre_stat is None or not math.isfinite(float(pre_stat[0]))):
        why.append("unchecked")
    if method.edge_bar and did.get("at_the_edge"):
        why.append("edge")
    levels = [method.unchecked if w == "unchecked" else method.edge_bar for w in why]
    return (max(levels) if levels else None), why


def why_words(did: dict) -> str:
    """Why the verdict asked for more, in words (a stored method-9 result without ``verdict_why``
    asked because the checks before the start could not run)."""
    return " and ".join(WHY_WORDS[w] for w in did.get("verdict_why") or ["unchecked"])
