"""Figures built once per build and view and shared by every session (atlas/ui/figures.py): the
same study gives the very same figure, a different pool a different one (issue 19, point 6)."""

from __future__ import annotations

from atlas.ui import evidence as E
from atlas.ui import figures


def test_the_before_after_charts_are_shared_per_study_and_follow_the_pool(warehouse):
    base = E.result("CUA-NCL", "he19_all")
    again = E.result("CUA-NCL", "he19_all")  # another session: a fresh copy of the same study
    assert again is not base
    event = figures.event_chart(base)
    assert figures.event_chart(again) is event
    assert figures.synth_chart(again) is figures.synth_chart(base)
    pool = tuple(sorted(base["default_pool"])[:-1])  # one comparator fewer
    edited = E.result("CUA-NCL", "he19_all", pool)
    other = figures.event_chart(edited)
    assert other is not event
    gap = [t for t in other.data if t.name.startswith("Gap")][0]
    assert list(gap.y) != list([t for t in event.data if t.name.startswith("Gap")][0].y)


def test_the_same_pool_from_a_set_or_typed_in_keeps_its_own_chance_band(warehouse):
    """DfE neighbours as a set give the placebos their own set-drawn pools; the same areas typed
    in as an edited list keep the engine's rule for the placebos: another band, another figure."""
    from atlas.data.db import query
    from atlas.evidence.comparator_sets import pool_for

    pool = tuple(pool_for(E.result("CUA-NCL", "he19_all"), query, "dfe"))
    from_set = E.result("CUA-NCL", "he19_all", pool, "dfe")
    typed = E.result("CUA-NCL", "he19_all", pool)
    assert from_set["pool"] == typed["pool"] and from_set["notes"] != typed["notes"]
    band = [e["band_high"] for e in from_set["event"]]
    assert band != [e["band_high"] for e in typed["event"]]  # the placebos differ
    assert figures.event_chart(from_set) is not figures.event_chart(typed)
