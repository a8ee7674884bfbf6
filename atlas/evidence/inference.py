"""One study's estimate, placebos, interval, joint pre-test and verdict MDE: the code path shared
by the engine (``atlas.evidence.engine``) and the validation (``atlas.evidence.validate``), so that
what is validated is exactly what the page shows.

``Method`` switches the parts measured as candidates (docs/evidence.md, "Validation"); ``FINAL``
is the engine's. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from atlas.evidence import calibrate as K
from atlas.evidence import placebo as PL


@dataclass(frozen=True)
class Method:
    band: bool = True  # placebos drawn from the programme areas' pre-start band
    student: bool = True  # each estimate over its own noise
    asym: bool = True  # interval from the placebos' two tails (else symmetric |t|)
    adjust: bool = False  # regression-adjust each area's change on its pre-start features


FINAL = Method(adjust=True)
CANDIDATES = {
    "B: random placebos, one joint pre-test": Method(band=False, student=False, asym=False),
    "C: + placebos from the programme's band": Method(student=False, asym=False),
    "D: + studentised, non-symmetric": Method(),
    "E: D + regression adjustment": Method(adjust=True),
}


@dataclass
class Inference:
    contr: PL.Contrasts
    est: np.ndarray  # treated first, then placebos
    se: np.ndarray
    did: dict
    pre_stat: np.ndarray | None
    pre_test: dict
    passes: np.ndarray


def contrasts(frame, treated, eligible, placebo_set, method: Method, pool=None, seed=0):
    """The treated group with its pool and the placebo groups, each with its own pool."""
    if not method.band:
        return PL.contrasts(frame, treated, eligible, pool=pool, placebo_set=placebo_set, seed=seed)
    n = PL.pool_size(len(treated))
    own = pool if pool is not None else PL.nearest(frame, treated, eligible, n)
    pool_from = placebo_set.copy()
    pool_from[treated] = True
    groups = [treated, *K.band_groups(frame, treated, placebo_set, PL.DRAWS, seed)]
    return PL.Contrasts(groups, [own, *pools_for(frame, groups[1:], pool_from, n)])


def pools_for(frame: PL.Frame, groups: list[np.ndarray], pool_from: np.ndarray, n: int):
    """``PL.nearest`` for many groups at once: each group's n nearest areas of ``pool_from`` on
    its mean features, never itself nor an area touching it (ties by code)."""
    m = np.zeros((len(groups), len(frame.codes)))
    for i, g in enumerate(groups):
        m[i, g] = 1.0
    centre = (m @ frame.z) / m.sum(1, keepdims=True)
    dist = np.sqrt(((frame.z[None, :, :] - centre[:, None, :]) ** 2).sum(2))
    banned = (m > 0) | ((m @ frame.touch.astype(float)) > 0) | ~pool_from[None, :]
    dist[banned] = np.inf
    k = min(n, dist.shape[1] - 1)
    near = np.argpartition(dist, k, axis=1)[:, : k + 1]  # then sorted, ties by code as nearest()
    order = np.take_along_axis(near, np.lexsort((near, np.take_along_axis(dist, near, 1))), 1)
    order = order[:, :n]
    return [row[np.isfinite(dist[i, row])] for i, row in enumerate(order)]


def adjusted_deltas(frame: PL.Frame, feats: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """Each area's change less what its pre-start features predict (least squares over ``fit``)."""
    delta = frame.deltas()
    ok = fit & np.isfinite(delta) & np.isfinite(feats).all(1)
    x = np.column_stack([np.ones(len(delta)), np.nan_to_num(feats)])
    beta, *_ = np.linalg.lstsq(x[ok], delta[ok], rcond=None)
    return delta - x @ beta


def infer(
    frame: PL.Frame,
    treated: np.ndarray,
    eligible: np.ndarray,
    placebo_set: np.ndarray,
    *,
    method: Method = FINAL,
    pool: np.ndarray | None = None,
    seed: int = 0,
    contr: PL.Contrasts | None = None,
) -> Inference:
    contr = contr or contrasts(frame, treated, eligible, placebo_set, method, pool, seed)
    if method.adjust:
        fit = placebo_set.copy()
        fit[treated] = False
        delta = adjusted_deltas(frame, frame.z, fit)
    else:
        delta = frame.deltas()
    g, p = _mats(contr, len(frame.codes))
    ok = np.isfinite(delta)
    est = _avg(g, delta) - _avg(p, delta)
    hit = np.zeros(len(delta))
    hit[contr.groups[0]] = 1.0
    hit[~ok] = np.nan
    expo = np.nan_to_num(_avg(g, hit) - _avg(p, hit))
    if method.student and frame.sig is not None:
        v = frame.sig**2
        se = np.sqrt(_avg(g, v) / g.sum(1) + _avg(p, v) / p.sum(1))
    else:
        se = np.ones(len(est))
    did = interval(est, se, expo, method)
    pre_stat = _pre_stat(frame, contr, se, g, p)
    passes = K.placebo_passes(pre_stat)
    did["mde"] = K.verdict_mde(did, est[1:] / se[1:], passes)
    return Inference(contr, est, se, did, pre_stat, K.joint_pre_test(pre_stat), passes)


def interval(est: np.ndarray, se: np.ndarray, expo: np.ndarray, method: Method) -> dict:
    if method.asym:
        return K.studentised_interval(est, se, expo)
    t = est / se
    out = PL.inverted(t, expo * se[0] / se)
    s0 = float(se[0])
    c = out["critical"]
    return out | {
        "estimate": float(est[0]),
        "ci_low": out["ci_low"] * s0,
        "ci_high": out["ci_high"] * s0,
        "critical": c * s0,
        "se": s0,
        "q_low": -c,
        "q_high": c,
    }


def _mats(contr: PL.Contrasts, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Membership of every group and pool as 0/1 matrices (groups x areas), kept on ``contr``."""
    if getattr(contr, "mats", None) is None:
        g = np.zeros((len(contr.groups), n))
        p = np.zeros((len(contr.groups), n))
        for i, (a, b) in enumerate(zip(contr.groups, contr.pools, strict=True)):
            g[i, a], p[i, b] = 1.0, 1.0
        contr.mats = (g, p)
    return contr.mats


def _avg(m: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Each row's mean of ``v`` over its members, areas where ``v`` is missing left out."""
    ok = np.isfinite(v)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (m @ np.where(ok, v, 0.0)) / (m @ ok)


def _pre_stat(frame, contr, se, g, p) -> np.ndarray | None:
    pre_cols = frame.window & ~frame.post
    cols = np.flatnonzero(pre_cols)
    if len(cols) < 2:
        return None
    y0, seen = np.nan_to_num(frame.y), (~np.isnan(frame.y)).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        gaps = (g @ y0) / (g @ seen) - (p @ y0) / (p @ seen)
    return K.pre_slopes(gaps[:, cols], frame_years(frame)[cols], se)


def frame_years(frame: PL.Frame) -> np.ndarray:
    return np.arange(frame.y.shape[1], dtype=float)
