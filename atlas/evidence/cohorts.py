"""A staggered programme's cohort-by-cohort event study (Callaway & Sant'Anna 2021, group-time
effects) with this engine's matched comparators and calibrated placebo inference.

Each start year is a cohort ``g`` with its own matched comparators (areas the programme never
covered). Its group-time effect ``ATT(g, t)`` is the cohort's mean minus its comparators' mean in
year ``t``, less the same gap in the year before its start (Callaway & Sant'Anna's universal base
period with never-treated comparators). The programme's event study averages the cohorts at each
year since their start ``e = t − g``, weighting cohorts by their number of areas (their "dynamic"
aggregation). Placebo draws replace every cohort by random areas with its regional pattern,
matched and aggregated the same way, so every event-time point has a chance band, the pre-start
path has a trend test, and "moved apart" can fire for pooled results. The pooled estimate is the
cohorts' difference-in-differences weighted by areas, as in ``atlas.evidence.staggered``.

``csdid`` 0.4.3 (PyPI) was installed and read, and not used: its ``ATTgt`` takes a long panel with
``control_group`` "nevertreated" or "notyettreated" over all units and estimates by doubly-robust
regression with a multiplier bootstrap, with no way to bring this engine's per-cohort matched
comparators, exclusions or placebo groups; it also pulls in plotnine, statsmodels, drdid and twine.
Pure numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from atlas.evidence import placebo as PL
from atlas.evidence import sensitivity as SENS


@dataclass
class Cohort:
    start: int
    frame: PL.Frame
    years: np.ndarray
    treated: np.ndarray
    eligible: np.ndarray
    pre: list[int]
    post: list[int]


def contrasts(c: Cohort, draws: int, seed: int) -> PL.Contrasts:
    own = PL.nearest(c.frame, c.treated, c.eligible, PL.pool_size(len(c.treated)))
    groups = PL.placebo_groups(c.frame, c.treated, c.eligible, draws, seed, always_draw=True)
    pools = [
        PL.nearest(c.frame, g, PL.allowed_for(c.frame, g, c.eligible, True), PL.pool_size(len(g)))
        for g in groups
    ]
    return PL.Contrasts([c.treated, *groups], [own, *pools])


def paths(c: Cohort, contr: PL.Contrasts) -> dict[int, np.ndarray]:
    """Years since the start -> ATT(g, t) for the cohort (row 0) and every placebo draw."""
    gaps = contr.gaps(c.frame)
    years = list(c.years)
    ref = c.start - 1 if c.start - 1 in c.pre else c.pre[-1]
    norm = gaps - gaps[:, [years.index(ref)]]
    return {int(y - c.start): norm[:, i] for i, y in enumerate(years) if np.isfinite(norm[0, i])}


def _slope(e: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Least-squares slope of each row of ``path`` (groups x event times) on ``e``."""
    x = e - e.mean()
    return (path - path.mean(1, keepdims=True)) @ x / (x @ x)


def _pre_checks(es: np.ndarray, agg: np.ndarray, base: int) -> tuple[dict, list[dict]]:
    pre = (es < 0) & (es != base)
    band = [PL.interval(float(agg[0, i]), agg[1:, i]) for i in range(len(es))]
    outside = [int(es[i]) for i in np.flatnonzero(pre) if band[i]["significant"]]
    use = es < 0
    if use.sum() >= 3:
        s = _slope(es[use].astype(float), agg[:, use])
        test = PL.interval(float(s[0]), s[1:])
        trend = {"slope": float(s[0]), "p_value": test["p_value"], "differ": test["significant"]}
    else:
        trend = {"slope": math.nan, "p_value": math.nan, "differ": False}
    checks = [
        {
            "name": "pre-trend test",
            "ran": bool(use.sum() >= 3),
            "reason": f"only {int(use.sum())} years before the starts: the trend could not be checked",
            "flag": trend["differ"],
            "finding": f"the pooled gap was already trending by {trend['slope']:+.2f} a year "
            "before the starts",
        },
        {
            "name": "event study before the start",
            "ran": bool(pre.any()),
            "reason": "no year before the starts could be compared with the year before them",
            "flag": bool(outside),
            "finding": "the pooled gap "
            + ", ".join(f"{-e} years before the start" for e in outside)
            + " was outside what chance produces",
        },
    ]
    rows = [
        {
            "event_time": int(e),
            "diff_norm": float(agg[0, i]),
            "band_low": band[i]["ci_low"],
            "band_high": band[i]["ci_high"],
            "outside_band": int(e) in outside,
        }
        for i, e in enumerate(es)
    ]
    return {"trend": trend, "rows": rows}, checks


def study(cohorts: list[Cohort], lag: int, draws: int = PL.DRAWS, seed: int = 0) -> dict:
    """Pooled estimate with its calibrated interval, the event study by years since the start
    (with chance bands and pre-start checks), each cohort's own path, and the sensitivity range."""
    sizes = np.array([len(c.treated) for c in cohorts], float)
    w = sizes / sizes.sum()
    contrs = [contrasts(c, draws, seed + k) for k, c in enumerate(cohorts)]
    est = sum(wk * ct.estimates(c.frame) for wk, ct, c in zip(w, contrs, cohorts, strict=True))
    did = PL.interval(float(est[0]), est[1:])
    did["mde"] = PL.mde(est[1:], did["critical"])
    did["mde_power"] = PL.POWER
    each = [paths(c, ct) for c, ct in zip(cohorts, contrs, strict=True)]
    es = np.array(sorted(set().union(*each)))
    agg = np.zeros((draws + 1, len(es)))
    for i, e in enumerate(es):
        have = [k for k, p in enumerate(each) if e in p]
        ww = sizes[have] / sizes[have].sum()
        agg[:, i] = sum(wk * each[k][e] for wk, k in zip(ww, have, strict=True))
    event, checks = _pre_checks(es, agg, -1)
    pre, post = es < 0, es >= lag
    sens = SENS.analyse(es[pre], agg[:, pre], es[post], agg[:, post], -1) | {"ran": True}
    flag = any(c["flag"] for c in checks if c["ran"])
    return {
        "did": did,
        "event": event["rows"],
        "pre_trend": event["trend"],
        "pre_test": {"flag": flag, "checks": checks},
        "sensitivity": sens if pre.sum() >= 2 and post.any() else {"ran": False},
        "cohort_paths": [
            {"start": c.start, "path": {int(e): float(v[0]) for e, v in p.items()}}
            for c, p in zip(cohorts, each, strict=True)
        ],
        "cohort_estimates": [
            float(ct.estimates(c.frame)[0]) for c, ct in zip(cohorts, contrs, strict=True)
        ],
        "cohort_comparators": [len(ct.pools[0]) for ct in contrs],
    }
