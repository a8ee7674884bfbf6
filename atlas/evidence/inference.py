"""One study's estimate, placebos, interval, joint pre-test and verdict MDE: the code path shared
by the engine (``atlas.evidence.engine``) and the validation (``atlas.evidence.validate``), so that
what is validated is exactly what the page shows.

``Method`` switches the parts measured as candidates (``atlas.evidence.candidates``); ``FINAL``
is the engine's. Pure numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from atlas.evidence import bar as B
from atlas.evidence import calibrate as K
from atlas.evidence import drift as DR
from atlas.evidence import frames as FR
from atlas.evidence import groups as GR
from atlas.evidence import placebo as PL


@dataclass(frozen=True)
class Method:
    band: bool = True  # placebos drawn from the programme areas' pre-start band
    student: bool = True  # each estimate over its own noise
    asym: bool = True  # interval from the placebos' two tails (else symmetric |t|)
    adjust: bool = False  # regression-adjust each area's change on its pre-start features
    region: bool = False  # ... and on its region (every free area in the fit, treated too)
    own_pools: bool = False  # placebos' comparators never include the programme's areas
    pretend: bool = False  # joint pre-test: this same estimator at a pretend start (see below)
    rank_band: bool = False  # group placebos: same rank in their region on the last value
    hosts: bool = False  # group placebos: band at least t(G - 1) over their G host regions
    edge: bool = False  # ... t(G - 1) only at the edge of the regions, else Satterthwaite's df
    level: float = 0.95  # the interval's level (method 8: 96%, one area's band 99 nearest)
    unchecked: float | None = None  # the band "changed" needs when the pre-test cannot run (9)
    edge_bar: float | None = None  # ... and for a group at the edge of its regions (9)
    drift: float = 0.0  # joint pre-test: also a group's gap's drift, this share of it (10)

    @property
    def alpha(self) -> float:
        return round(1 - self.level, 10)


FINAL = Method(
    adjust=True,
    region=True,
    own_pools=True,
    pretend=True,
    rank_band=True,
    hosts=True,
    edge=True,
    level=K.LEVEL,
    unchecked=K.CAUTIOUS,
    edge_bar=K.CAUTIOUS,
    drift=DR.SHARE,
)
MIN_OWN_SHARE = 0.5  # less of its own effect left after the region adjustment: region left out


@dataclass
class Inference:
    contr: PL.Contrasts
    est: np.ndarray  # treated first, then placebos
    se: np.ndarray
    did: dict
    pre_stat: np.ndarray | None
    pre_test: dict
    passes: np.ndarray


def contrasts(frame, treated, eligible, placebo_set, method: Method, pool=None, seed=0, pools=None):
    """The treated group with its pool and the placebo groups, each with its own pool (by
    ``pools``, same arguments as ``groups.pools_for``, when given: ``atlas.evidence.set_pools``)."""
    if not method.band:
        return PL.contrasts(frame, treated, eligible, pool=pool, placebo_set=placebo_set, seed=seed)
    n = PL.pool_size(len(treated))
    own = pool if pool is not None else PL.nearest(frame, treated, eligible, n)
    pool_from = placebo_set.copy()
    if method.own_pools:  # the programme's areas (and their neighbours) are nobody's comparators
        pool_from &= ~frame.touch[treated].any(0)
    else:
        pool_from[treated] = True
    among = placebo_set.copy()
    among[treated] = True
    key = GR.region_ranks(frame, among) if method.rank_band else None
    one = K.one_area_placebos(method.level)
    groups = [treated, *K.band_groups(frame, treated, placebo_set, PL.DRAWS, seed, key, one)]
    return PL.Contrasts(groups, [own, *(pools or GR.pools_for)(frame, groups[1:], pool_from, n)])


def adjusted_deltas(frame: PL.Frame, feats: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """Each area's change less what its pre-start features predict (least squares over ``fit``)."""
    delta = frame.deltas()
    ok = fit & np.isfinite(delta) & np.isfinite(feats).all(1)
    x = np.column_stack([np.ones(len(delta)), np.nan_to_num(feats)])
    beta, *_ = np.linalg.lstsq(x[ok], delta[ok], rcond=None)
    return delta - x @ beta


def _regions(frame: PL.Frame) -> np.ndarray:
    """One column per region (its areas 1), for the adjustment: a region's common change."""
    _, inv = np.unique(frame.region.astype(str), return_inverse=True)
    return np.eye(inv.max() + 1)[inv]


def _changes(
    frame: PL.Frame,
    treated: np.ndarray,
    placebo_set: np.ndarray,
    method: Method,
    fit_on=None,
    share: bool = True,
):
    """Each area's change as the method compares it, and (``share``) the same operator on a unit
    effect in the programme's post years (what each group's estimate carries of an effect tau)."""
    if not method.adjust:
        return frame.deltas(), None
    fit = (placebo_set if fit_on is None else fit_on).copy()
    fit[treated] = method.region
    if not method.region:
        return adjusted_deltas(frame, frame.z, fit), None
    feats = np.column_stack([frame.z, _regions(frame)])
    if not share:
        return adjusted_deltas(frame, feats, fit), None
    unit = np.where(np.isnan(frame.y), np.nan, 0.0)
    unit[np.ix_(treated, np.flatnonzero(frame.post))] += 1.0
    return adjusted_deltas(frame, feats, fit), adjusted_deltas(replace(frame, y=unit), feats, fit)


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
    fit_on: np.ndarray | None = None,
    pre_stat: np.ndarray | None = None,
) -> Inference:
    """``fit_on``: the areas the adjustment is fitted on (default ``placebo_set``); the engine
    passes every area with data, as the validation does, so that exclusions do not thin it.
    ``pre_stat``: the joint pre-test's statistics when already known for these groups (the same
    study with an effect added after the start: the years before it are unchanged)."""
    contr = contr or contrasts(frame, treated, eligible, placebo_set, method, pool, seed)
    delta, unit = _changes(frame, treated, placebo_set, method, fit_on)
    g, p = _mats(contr, len(frame.codes))
    ok = np.isfinite(delta)
    est = _avg(g, delta) - _avg(p, delta)
    if unit is None:
        hit = np.zeros(len(delta))
        hit[contr.groups[0]] = 1.0
        hit[~ok] = np.nan
        expo = np.nan_to_num(_avg(g, hit) - _avg(p, hit))
    else:
        expo = np.nan_to_num(_avg(g, unit) - _avg(p, unit))
    if method.student and frame.sig is not None:
        v = frame.sig**2
        se = np.sqrt(_avg(g, v) / g.sum(1) + _avg(p, v) / p.sum(1))
    else:
        se = np.ones(len(est))
    if unit is not None and expo[0] < MIN_OWN_SHARE:  # the programme is most of its region
        return infer(
            frame,
            treated,
            eligible,
            placebo_set,
            method=replace(method, region=False),
            contr=contr,
            fit_on=fit_on,
            pre_stat=pre_stat,
        )
    if unit is not None:  # in units of the programme's effect
        est, se, expo = est / expo[0], se / expo[0], expo / expo[0]
    widened = {}
    if method.hosts and len(treated) > 1:
        edge = GR.at_the_edge(frame, treated, placebo_set) if method.edge else None
        host = GR.hosts(g[1:], _regions(frame))
        est, widened = GR.few_hosts(est, se, host, edge, method.alpha)
    did = interval(est, se, expo, method) | {"region_adjusted": method.region} | widened
    parts = {}
    if pre_stat is None:
        pre_stat = (
            _pretend_stat(frame, treated, placebo_set, contr, method, fit_on)
            if method.pretend
            else _pre_stat(frame, contr, se, g, p)
        )
        if method.drift and len(treated) > 1:  # and a group's gap's drift before it (10)
            pre_stat, parts = DR.joint(pre_stat, DR.drift_stat(frame, g, p, se), method.drift)
    passes = K.placebo_passes(pre_stat)
    level, why = B.needs(method, pre_stat, did)  # what "changed" needs (method 9)
    bar = interval(est, se, expo, replace(method, level=level)) if level else did
    did |= {"verdict_significant": bool(bar["significant"]), "verdict_level": bar["level"]}
    did |= {"verdict_why": why, "mde_power": PL.POWER}
    did["mde"] = K.verdict_mde(bar, est[1:] / se[1:], passes)
    return Inference(contr, est, se, did, pre_stat, K.joint_pre_test(pre_stat) | parts, passes)


def interval(est: np.ndarray, se: np.ndarray, expo: np.ndarray, method: Method) -> dict:
    if method.asym:
        return K.studentised_interval(est, se, expo, method.alpha)
    t = est / se
    out = PL.inverted(t, expo * se[0] / se)
    c, s0 = out["critical"], float(se[0])
    scaled = {k: out[k] * s0 for k in ("ci_low", "ci_high", "critical")}
    return out | scaled | {"estimate": float(est[0]), "se": s0, "q_low": -c, "q_high": c}


def _mats(contr: PL.Contrasts, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Membership of every group and pool as 0/1 matrices (groups x areas), kept on ``contr``."""
    if getattr(contr, "mats", None) is None:
        g, p = np.zeros((2, len(contr.groups), n))
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
    cols = np.flatnonzero(frame.window & ~frame.post)
    if len(cols) < 2:
        return None
    return K.pre_slopes(DR.gaps(frame, g, p)[:, cols], frame_years(frame)[cols], se)


def frame_years(frame: PL.Frame) -> np.ndarray:
    return np.arange(frame.y.shape[1], dtype=float)


PRETEND_MIN_PRE = 3  # years before the start the pretend-start test needs (one-year values)


def pretend_runs(n_pre: int, span: int) -> bool:
    """Can a study with ``n_pre`` values before its start, each pooling ``span`` years, run the
    joint pre-test (the planner asks it of a study whose years are not published yet)?"""
    return n_pre - span >= PRETEND_MIN_PRE - 1


def pretend_windows(frame: PL.Frame) -> tuple[np.ndarray, np.ndarray] | None:
    """Columns of the pretend pre and post periods: inside the years before the start, the last
    pre-start value (the one programmes choose on, whose bounce-back the adjustment handles) left
    out — with the values that share years with it when each pools several (``left_out``) —,
    the two years before it as a pretend post period (one when fewer than four remain) and the
    years before those as its pre period. None with fewer than ``PRETEND_MIN_PRE`` years
    (two more for three-year averages)."""
    pre = np.flatnonzero(frame.window & ~frame.post)
    if not pretend_runs(len(pre), frame.span):
        return None
    cols = DR.columns(frame)  # the years the drift part reads too: both run in the same studies
    m = 2 if len(cols) >= 4 else 1
    return cols[:-m], cols[-m:]


def left_out_years(frame: PL.Frame, years: np.ndarray) -> list[int]:
    """The pre-start years the pretend-start test leaves out: the last, the one programmes choose
    on, and the values before it that share its years."""
    return [int(y) for y in years[np.flatnonzero(frame.window & ~frame.post)][-frame.span :]]


def pretend_frame(frame: PL.Frame) -> PL.Frame | None:
    """The study moved back to its pretend start (``pretend_windows``), with the matching
    features and each area's noise recomputed from the years before it (from the changes within
    the real post period when the pretend periods hold none: one year each)."""
    cols = pretend_windows(frame)
    if cols is None:
        return None
    pre, post = np.zeros_like(frame.post), np.zeros_like(frame.post)
    pre[cols[0]], post[cols[1]] = True, True
    cov = frame.z[:, 2] if frame.z.shape[1] == 4 else None
    z = np.nan_to_num(FR.features(frame.y, np.arange(len(pre)), pre, cov, one_year=True)[1])
    return replace(
        frame,
        post=post,
        window=pre | post,
        z=z,
        sig=K.noise(frame.y, pre, post, fallback=frame.post),
    )


def _pretend_stat(frame, treated, placebo_set, contr, method, fit_on) -> np.ndarray | None:
    """Each group's studentised estimate at the pretend start, same groups and comparators."""
    early = pretend_frame(frame)
    if early is None:
        return None
    delta, _ = _changes(early, treated, placebo_set, method, fit_on, share=False)  # |t|: no scale
    g, p = _mats(contr, len(frame.codes))
    est = _avg(g, delta) - _avg(p, delta)
    v = early.sig**2
    se = np.sqrt(_avg(g, v) / g.sum(1) + _avg(p, v) / p.sum(1))
    return np.abs(est / se)
