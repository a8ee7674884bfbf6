"""``make validate-sets``: the before/after validation (``atlas.evidence.validate``) with the pool
from a comparator set, for the programme and every placebo (``atlas.evidence.set_pools``).

Each study is one of ``validate``'s: areas chosen by a rule of ``atlas.evidence.scenarios`` at a
random start, no effect unless said, the engine's inference and the same columns. The only change
is the comparators: the programme's pool is the set's areas for the programme areas that may be
comparators (as ``comparator_sets.pool_for`` makes it for a real study), and each placebo group's
pool is the set's areas for its own areas, by the same rule. A draw whose set leaves the programme
fewer than two comparators is refused, as the engine refuses it, and another is drawn.

Every set that can be a placebo pool (``PLACEBO_READY``) at the level its outcome is published:
the three ONS similar-areas sets on a district outcome (employment rate) and the DfE statistical
neighbours on two upper-tier ones (HE entry by 19, Attainment 8). ONS clusters cannot be a
placebo pool (docs/comparators.md). Each outcome is also run with the engine's own pools
(``outcome``) on the same draws, so that a set's row can be read against the engine's.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from atlas.evidence import inference as INF
from atlas.evidence import scenarios as SC
from atlas.evidence import set_pools as SP
from atlas.evidence import validate as V

JOBS = (
    ("employment_rate", "outcome"),  # the engine's own pools on the same draws, to compare with
    ("employment_rate", "ons_global"),
    ("employment_rate", "ons_economic"),
    ("employment_rate", "ons_demographic"),
    ("he19_all", "outcome"),
    ("he19_all", "dfe"),
    ("ks4_att8_all", "outcome"),
    ("ks4_att8_all", "dfe"),
)
SCENARIOS = ("random: one area", "random: 5 in one region", "worst decile: 5 areas")
_CACHE: dict = {}


def contr_from_set(members, method, frame, treated, eligible, placebo_set, seed):
    """The programme's pool and every placebo's from the set (None: fewer than two for the
    programme)."""
    pool = SP.set_pool(members, treated, eligible)
    if len(pool) < SP.MIN_POOL:
        return None
    return SP.contrasts(frame, treated, eligible, placebo_set, pool, seed, ("", members), method)


def _setup(ind: str, key: str):
    if ind not in _CACHE:
        from atlas.data.sql import WAREHOUSE
        from atlas.evidence.engine import duckdb_reader

        read = duckdb_reader(WAREHOUSE)
        out, frames = V.frames_for(read, ind)
        _CACHE[ind] = (read, out, frames, {})
    read, out, frames, mats = _CACHE[ind]
    for s, f in frames.items():
        if (key, s) not in mats and SP.ranked(key):
            mats[key, s] = SP.matrix(read, key, f.frame.codes, out.meta["geography"], mats)
    return out, frames, mats


def _work(task) -> list[dict]:
    ind, key, scen, n, seed, method = task
    out, frames, mats = _setup(ind, key)
    starts = sorted(frames)
    rng = np.random.default_rng(seed)
    rows = []
    while len(rows) < n:
        s = starts[rng.integers(len(starts))]
        use = partial(contr_from_set, mats[key, s], method) if SP.ranked(key) else None
        r = V.one_study(frames[s], out, SC.RULES[scen], rng, method, synth=True, contr_for=use)
        if r is not None:
            rows.append(r | {"start": s})
    return rows


def run(
    studies: int = 1000,
    seed: int = 20261205,
    log=print,
    jobs=JOBS,
    scenarios=SCENARIOS,
    method: INF.Method = INF.FINAL,
    workers: int | None = None,
) -> list[dict]:
    """One row per outcome x set x scenario, in ``validate``'s format (outcome named with its set);
    one seed per outcome and scenario, so that every set is measured on the same draws (bar the
    refused ones)."""
    plan = [(o, k, s) for o, k in jobs for s in scenarios]
    pairs = sorted({(o, s) for o, _, s in plan})
    return V.run_jobs(
        _work,
        plan,
        studies,
        seed_of=lambda j, job: seed + 100_000 * pairs.index((job[0], job[2])),
        row_for=lambda job, rows: (
            V.summarise(f"{job[0]} × {job[1]}", job[2], rows) | {"comparator_set": job[1]}
        ),
        method=method,
        log=log,
        workers=workers,
        what=" (comparator sets)",
    )
