"""Calibrated placebo-in-space inference for a treated-versus-comparators difference-in-differences.

Every estimate here is the same procedure applied to different 'treated' groups:

1. the group's comparator pool is the ``n`` eligible areas nearest to it on standardised pre-start
   features (level and trend of the outcome, plus deprivation where it was published in time),
   never the group itself nor an area touching it;
2. the estimate is the difference-in-differences of the group against its pool: each area's
   mean change from before to after, net of the year effects common to all areas, averaged over
   the group minus averaged over the pool (exactly the two-way fixed-effects estimate when every
   area is observed every year; an area with a missing year is compared on the years it has).

The real programme areas are one such group; the placebos are the same procedure run on areas
without the programme: every eligible area in turn when one area is treated, and random groups
that mirror the programme's regional clustering (k areas in one region stay k areas in one
region) when several are. Under exchangeability the real estimate's rank among the placebos is
uniform, so an interval built from order statistics has an exact, printable level:
with ``n`` placebos and ``r = round(alpha * (n + 1))`` the interval ``est ± c`` (``c`` the r-th
largest |placebo|) covers the true effect with probability ``1 - r / (n + 1)``: the level
nearest 95% that ``n`` placebos can give (95.2% with 62, 95.0% with 199). Pure numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

POOL = 40  # comparators per group (or twice the group size, if larger)
DRAWS = 199  # placebo groups when several areas are treated: exactly 95.0% or 96.0% (r 5 or 4)
POWER = 0.85  # MDEs at 85% power, not 80%: see docs/evidence.md, method 5


@dataclass
class Frame:
    """One outcome on one window, as arrays: ``y`` is areas x years (NaN where missing),
    ``window`` marks the years compared (pre and post; lag years and years across a series break
    are shown but not compared), ``post`` the post-period years, ``z`` the standardised matching
    features, ``touch`` the contiguity matrix and ``region`` each area's region code."""

    codes: np.ndarray
    y: np.ndarray
    post: np.ndarray
    window: np.ndarray
    z: np.ndarray
    touch: np.ndarray
    region: np.ndarray
    sig: np.ndarray | None = None  # each area's year-to-year noise before the start
    span: int = 1  # years each value pools (3 for rolling three-year averages)
    deprivation: np.ndarray | None = None  # IMD 2019 average score (NaN outside England)

    def deltas(self, post: np.ndarray | None = None, use: np.ndarray | None = None) -> np.ndarray:
        """Per area: mean post-period value minus mean pre-period value, each year first taken
        relative to that year's mean over every area (the year effect). On a complete panel a
        difference of these between two groups is exactly the two-way fixed-effects estimate;
        an area missing a year is compared on the years it has, net of the year effects."""
        post = self.post if post is None else post
        use = self.window if use is None else use
        y = self.y[:, use]
        p = post[use]
        with np.errstate(invalid="ignore", divide="ignore"):
            y = y - np.nanmean(y, axis=0)
            seen = ~np.isnan(y)
            pre_mean = np.where(seen[:, ~p], y[:, ~p], 0).sum(1) / seen[:, ~p].sum(1)
            post_mean = np.where(seen[:, p], y[:, p], 0).sum(1) / seen[:, p].sum(1)
        return post_mean - pre_mean


def pool_size(k: int) -> int:
    return max(POOL, 2 * k)


def nearest(frame: Frame, group: np.ndarray, allowed: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` allowed areas nearest the group's mean features (ties by code)."""
    target = frame.z[group].mean(0)
    dist = np.sqrt(((frame.z - target) ** 2).sum(1))
    cand = np.flatnonzero(allowed)  # areas are in code order, so a stable sort breaks ties by code
    return cand[np.argsort(dist[cand], kind="stable")[:n]]


def allowed_for(frame: Frame, group: np.ndarray, eligible: np.ndarray, spill: bool) -> np.ndarray:
    ok = eligible.copy()
    ok[group] = False
    if spill:
        ok &= ~frame.touch[group].any(0)
    return ok


def estimate(frame: Frame, group: np.ndarray, pool: np.ndarray, delta: np.ndarray) -> float:
    """Group minus pool, in mean change (``delta`` from ``Frame.deltas``); areas without a value
    both before and after carry no information and are left out."""
    g, p = delta[group], delta[pool]
    g, p = g[np.isfinite(g)], p[np.isfinite(p)]
    return float(g.mean() - p.mean()) if len(g) and len(p) else math.nan


def placebo_groups(
    frame: Frame,
    treated: np.ndarray,
    eligible: np.ndarray,
    draws: int = DRAWS,
    seed: int = 0,
    always_draw: bool = False,
) -> list[np.ndarray]:
    """Groups of areas without the programme that play 'treated'.

    One treated area: every eligible area once (unless ``always_draw``). Several: ``draws`` random
    groups with the same regional pattern (as many regions, as many areas in each)."""
    pool = np.flatnonzero(eligible)
    if len(treated) == 1 and not always_draw:
        return [np.array([j]) for j in pool]
    _, counts = np.unique(frame.region[treated], return_counts=True)
    pattern = sorted(counts.tolist(), reverse=True)
    by_region: dict[str, np.ndarray] = {}
    for j in pool:
        by_region.setdefault(str(frame.region[j]), []).append(j)
    by_region = {r: np.array(v) for r, v in by_region.items()}
    rng = np.random.default_rng(seed)
    groups = []
    for _ in range(draws):
        used: set[str] = set()
        members: list[int] = []
        for size in pattern:
            fits = [r for r, v in by_region.items() if r not in used and len(v) >= size]
            if not fits:  # no region large enough: draw from all eligible areas instead
                rest = np.setdiff1d(pool, members)
                members += rng.choice(rest, size=min(size, len(rest)), replace=False).tolist()
                continue
            r = fits[rng.integers(len(fits))]
            used.add(r)
            members += rng.choice(by_region[r], size=size, replace=False).tolist()
        groups.append(np.array(sorted(members)))
    return groups


@dataclass
class Contrasts:
    """The treated group and every placebo group, each with its own comparator pool."""

    groups: list[np.ndarray]  # [treated, placebo 1, ...]
    pools: list[np.ndarray]
    mats: tuple | None = None  # membership matrices, filled by atlas.evidence.inference

    def estimates(self, frame: Frame, post=None, use=None) -> np.ndarray:
        delta = frame.deltas(post, use)
        return np.array(
            [estimate(frame, g, p, delta) for g, p in zip(self.groups, self.pools, strict=True)]
        )

    def exposure(self, frame: Frame, post=None, use=None) -> np.ndarray:
        """How much of an effect on the treated areas each estimate would carry: 1 for the
        programme's own; for a placebo, the share of treated areas in its group minus the share in
        its pool (areas without a before and an after value left out, as in the estimate)."""
        ok = np.isfinite(frame.deltas(post, use))
        hit = np.zeros(len(frame.codes))
        hit[self.groups[0]] = 1.0
        out = []
        for g, p in zip(self.groups, self.pools, strict=True):
            g, p = g[ok[g]], p[ok[p]]
            out.append(hit[g].mean() - hit[p].mean() if len(g) and len(p) else 0.0)
        return np.array(out)

    def gaps(self, frame: Frame) -> np.ndarray:
        """Group mean minus pool mean, every group (rows) and year (columns)."""
        y0, seen = np.nan_to_num(frame.y), (~np.isnan(frame.y)).astype(float)
        out = np.empty((len(self.groups), frame.y.shape[1]))
        for i, (g, p) in enumerate(zip(self.groups, self.pools, strict=True)):
            with np.errstate(invalid="ignore", divide="ignore"):
                out[i] = y0[g].sum(0) / seen[g].sum(0) - y0[p].sum(0) / seen[p].sum(0)
        return out


def contrasts(
    frame: Frame,
    treated: np.ndarray,
    eligible: np.ndarray,
    *,
    pool: np.ndarray | None = None,
    placebo_set: np.ndarray | None = None,
    spill: bool = True,
    draws: int = DRAWS,
    seed: int = 0,
) -> Contrasts:
    """The treated group (with ``pool`` or its nearest eligible areas) and its placebos.

    ``eligible`` are the treated group's possible comparators: it must already exclude the
    treated areas, their neighbours and areas of related programmes. Placebo groups are drawn
    from ``placebo_set`` (default ``eligible``; the engine adds the treated areas' neighbours back)
    and each chooses its pool by the same rule from the same population: ``placebo_set`` plus the
    treated areas, less the placebo group and (with ``spill``) its own neighbours. The real group
    and the placebos are then exchangeable when there is no effect; with an effect, a placebo
    whose pool holds a treated area is moved by a fortieth of it, and a random group (several
    treated areas) that shares some of the programme's areas carries part of it: both widen the
    chance band a little and never narrow it."""
    n = pool_size(len(treated))
    own = pool if pool is not None else nearest(frame, treated, eligible, n)
    groups, pools = [treated], [own]
    chosen_from = eligible if placebo_set is None else placebo_set
    pool_from = chosen_from.copy()
    pool_from[treated] = True
    if len(treated) > 1:
        # random groups are drawn exactly as the programme's could have been, its own areas
        # included: drawing a region's groups from the areas the programme left over would pair
        # them against it (their area-level luck runs the other way) and make chance look small
        chosen_from = pool_from
    for g in placebo_groups(frame, treated, chosen_from, draws, seed):
        groups.append(g)
        pools.append(nearest(frame, g, allowed_for(frame, g, pool_from, spill), n))
    return Contrasts(groups, pools)


def interval(est: float, placebos: np.ndarray, level: float = 0.95) -> dict:
    """Order-statistic interval and permutation p-value, with the level actually achieved."""
    pl = np.abs(placebos[np.isfinite(placebos)])
    n = len(pl)
    r = _order(n, level)  # the achievable level nearest the one asked for, unless well below it
    out = {"estimate": est, "n_placebos": n, "ci_low": math.nan, "ci_high": math.nan}
    out["p_value"] = float((1 + np.sum(pl >= abs(est) - 1e-12)) / (n + 1)) if n else math.nan
    if r < 1 or not math.isfinite(est):
        return out | {"level": math.nan, "critical": math.nan, "significant": False}
    c = float(np.sort(pl)[n - r])
    return out | {
        "ci_low": est - c,
        "ci_high": est + c,
        "critical": c,
        "level": 1 - r / (n + 1),
        "significant": abs(est) > c,
    }


def accepts(est: np.ndarray, exposure: np.ndarray, tau: float, level: float = 0.95) -> bool:
    """Is an effect of ``tau`` consistent with the data? The programme's estimate less tau must
    not be among the r most extreme of the placebos less tau times their exposure."""
    ok = np.isfinite(est[1:])
    pl, w = est[1:][ok], exposure[1:][ok]
    n = len(pl)
    r = _order(n, level)
    if r < 1 or not math.isfinite(float(est[0])):
        return True
    crit = np.partition(np.abs(pl - tau * w), n - r)[n - r]
    return bool(abs(float(est[0]) - tau) <= crit)


def _order(n: int, level: float) -> int:
    r = round((1 - level) * (n + 1))
    if 1 - r / (n + 1) < level - 0.01:
        r = math.floor((1 - level) * (n + 1) + 1e-9)
    return r


def inverted(est: np.ndarray, exposure: np.ndarray, level: float = 0.95) -> dict:
    """``interval`` with the range found by test inversion (``accepts``): a placebo sharing treated
    areas, or holding one in its pool, carries that share of any effect. With no shared areas
    this is exactly ``est ± critical``."""
    out = interval(float(est[0]), est[1:], level)
    if not math.isfinite(out["critical"]) or not np.any(exposure[1:][np.isfinite(est[1:])]):
        return out
    e0 = float(est[0])
    span = 3 * (out["critical"] + float(np.nanmax(np.abs(est[1:]))) + abs(e0)) + 1
    grid = e0 + np.linspace(-span, span, 801)
    kept = np.array([accepts(est, exposure, g, level) for g in grid])
    if not kept.any():
        return out
    idx = np.flatnonzero(kept)

    def edge(inside: float, outside: float) -> float:
        for _ in range(40):
            mid = (inside + outside) / 2
            inside, outside = (
                (mid, outside) if accepts(est, exposure, mid, level) else (inside, mid)
            )
        return inside

    step = grid[1] - grid[0]
    out["ci_low"] = edge(grid[idx[0]], grid[idx[0]] - step)
    out["ci_high"] = edge(grid[idx[-1]], grid[idx[-1]] + step)
    out["significant"] = not (out["ci_low"] <= 0 <= out["ci_high"])
    return out


def power(placebos: np.ndarray, critical: float, effect: float) -> float:
    """Share of studies like this one that would call an effect of this size significant."""
    pl = placebos[np.isfinite(placebos)]
    return float(np.mean(np.abs(pl + effect) > critical)) if len(pl) else math.nan


def mde(placebos: np.ndarray, critical: float, target: float = POWER) -> float:
    """The effect size, either sign equally likely, detected with ``target`` power, reading the
    placebo estimates as what this design produces without an effect."""
    pl = placebos[np.isfinite(placebos)]
    if not len(pl) or not math.isfinite(critical):
        return math.nan
    lo, hi = 0.0, 2 * (critical + float(np.abs(pl).max()))
    for _ in range(40):  # bisection: power rises with the effect's size
        mid = (lo + hi) / 2
        hit = (np.mean(np.abs(pl + mid) > critical) + np.mean(np.abs(pl - mid) > critical)) / 2
        lo, hi = (lo, mid) if hit >= target else (mid, hi)
    return float(hi)
