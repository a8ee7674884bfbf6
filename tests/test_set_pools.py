"""Placebo pools from a comparator set (issue 21): with a ranked set the programme's pool and every
placebo group's pool come from the same set by the same rule (atlas/evidence/set_pools.py), so the
interval is calibrated for that set; without a set nothing changes. SYNTHETIC panels (codes
'SYN0001', fixed seeds) first, then the real warehouse."""

from __future__ import annotations

import math

import numpy as np
import pytest
from test_evidence_units import synthetic_frame

from atlas.evidence import inference as INF
from atlas.evidence import set_pools as SP


def synthetic_set(n: int) -> np.ndarray:
    """SYNTHETIC comparator set: area i's similar areas are i+10 .. i+17 (wrapping round)."""
    m = np.zeros((n, n))
    for i in range(n):
        m[i, [(i + d) % n for d in range(10, 18)]] = 1.0
    return m


def _study(treated, n=80):
    frame = synthetic_frame(n=n, seed=3, treated=tuple(treated))
    t = np.array(treated)
    free = np.ones(n, bool)
    placebo_set = free.copy()
    placebo_set[t] = False
    eligible = placebo_set & ~frame.touch[t].any(0)
    return frame, t, eligible, placebo_set


@pytest.mark.parametrize("treated", [(0,), (0, 21, 42, 63, 44)])
def test_each_placebo_draws_its_own_pool_from_the_set(treated):
    frame, t, eligible, placebo_set = _study(treated)
    m = synthetic_set(len(frame.codes))
    pool = SP.set_pool(m, t, eligible)
    contr = SP.contrasts(frame, t, eligible, placebo_set, pool, 0, ("syn", m))
    assert list(contr.pools[0]) == list(pool) and len(pool) >= 2
    assert set(pool) <= {(i + d) % 80 for i in treated for d in range(10, 18)}
    allowed = placebo_set & ~frame.touch[t].any(0)  # nobody compares with the programme's areas
    assert len(contr.groups) > 20
    for g, p in zip(contr.groups[1:], contr.pools[1:], strict=True):
        want = (m[g].sum(0) > 0) & allowed & ~frame.touch[g].any(0)
        want[g] = False
        assert list(p) == list(np.flatnonzero(want)) and len(p) >= SP.MIN_POOL
    plain = SP.contrasts(frame, t, eligible, placebo_set, pool, 0, None)
    assert [list(p) for p in plain.pools[1:]] != [list(p) for p in contr.pools[1:]]


def test_a_placebo_the_set_leaves_without_comparators_is_dropped():
    frame, t, eligible, placebo_set = _study((0,))
    m = synthetic_set(80)
    pool = SP.set_pool(m, t, eligible)
    before = SP.contrasts(frame, t, eligible, placebo_set, pool, 0, ("syn", m))
    gone = int(before.groups[5][0])
    m[gone] = 0.0  # its set is empty now
    after = SP.contrasts(frame, t, eligible, placebo_set, pool, 0, ("syn", m))
    assert [int(g[0]) for g in after.groups] == [int(g[0]) for g in before.groups if g[0] != gone]


def test_without_a_set_the_engines_own_placebos_are_unchanged():
    frame, t, eligible, placebo_set = _study((0, 21, 42, 63, 44))
    pool = np.flatnonzero(eligible)[:40]
    mine = SP.contrasts(frame, t, eligible, placebo_set, pool, 7, None)
    theirs = INF.contrasts(frame, t, eligible, placebo_set, INF.FINAL, pool=pool, seed=7)
    assert [list(g) for g in mine.groups] == [list(g) for g in theirs.groups]
    assert [list(p) for p in mine.pools] == [list(p) for p in theirs.pools]


def test_evaluate_with_ons_global_is_calibrated_for_the_set(warehouse):
    from atlas.evidence.engine import duckdb_reader, evaluate

    read, memo = duckdb_reader(warehouse), {}
    base = evaluate(read, outcome="he19_all", iv="CUA-NCL", synth=False, memo=memo)
    r = evaluate(read, outcome="he19_all", iv="CUA-NCL", cset="ons_global", synth=False, memo=memo)
    said = "The pool is ONS similar areas (global): each placebo area or group took its comparators"
    assert any(n.startswith(said) for n in r["notes"])
    assert not any("standard rule" in n for n in r["notes"])
    assert not any(n.startswith("The pool is") for n in base["notes"])
    d = r["did"]
    assert math.isfinite(d["ci_low"]) and math.isfinite(d["ci_high"]) and d["ci_low"] < d["ci_high"]
    assert d["n_placebos"] >= 40 and 0.94 <= d["level"] < 1
    published = set(
        read("comparator_set_pairs", neighbour_set="ONS global").query("area_code == 'E08000021'")[
            "neighbour_code"
        ]
    )
    assert set(r["pool"]) <= published and set(r["pool"]) != set(base["pool"])
    edited = evaluate(
        read,
        outcome="he19_all",
        iv="CUA-NCL",
        cset="ons_global",
        pool=r["pool"][:-1],
        synth=False,
        memo=memo,
    )
    assert SP.EDITED in edited["notes"]  # an edited list is no longer the set's: standard placebos


def test_validate_sets_draws_every_pool_from_the_set(warehouse):
    from atlas.evidence import validate as V
    from atlas.evidence import validate_sets as VS

    out, frames, mats = VS._setup("he19_all", "dfe")
    start = max(frames)
    f, m = frames[start], mats["dfe", start]
    free = f.has_feat & f.both
    treated = np.flatnonzero(free)[[3, 40, 77]]
    eligible = free & ~frame_touching(f.frame, treated)
    placebo_set = free.copy()
    placebo_set[treated] = False
    contr = VS.contr_from_set(m, INF.FINAL, f.frame, treated, eligible, placebo_set, 1)
    assert len(contr.groups) > 100  # of 199 drawn
    for g, p in zip(contr.groups, contr.pools, strict=True):
        assert len(p) >= 2 and (m[g][:, p].sum(0) > 0).all()  # every comparator is in g's set
    rows = VS.run(
        studies=3,
        jobs=(("he19_all", "dfe"),),
        scenarios=("worst decile: 5 areas",),
        workers=1,
        log=lambda s: None,
    )
    assert rows[0]["outcome"] == "he19_all × dfe" and rows[0]["studies"] == 3
    assert V.format_row(rows[0]).count("|") == V.HEADER.splitlines()[0].count("|")


def frame_touching(frame, treated) -> np.ndarray:
    out = frame.touch[treated].any(0)
    out[treated] = True
    return out
