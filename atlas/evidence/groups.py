"""Placebo groups for a programme of several areas (parts of ``atlas.evidence.inference``).

* ``region_ranks``: the key group placebos are drawn on, each area's place in its own region on
  the last pre-start value (programmes choose the worst of their region);
* ``pools_for``: each placebo group's comparators, as the programme's are chosen;
* ``hosts`` and ``few_hosts``: the placebo groups live in a few host regions and share their
  shocks, so the band they give is widened to a t(G − 1) critical value (method 6).

Pure numpy (and scipy's t quantile).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import stdtrit  # the t quantile; scipy.stats would add ~1 s of import

from atlas.evidence import placebo as PL
from atlas.evidence.calibrate import ALPHA, tail_cut


def region_ranks(frame: PL.Frame, among: np.ndarray) -> np.ndarray:
    """Each area's place in its own region on the last pre-start value (0 lowest, 1 highest,
    among ``among``), with its standardised features at a tenth of the weight to break ties."""
    last = frame.z[:, -1]
    rank = np.zeros(len(last))
    for r in np.unique(frame.region):
        mine = np.flatnonzero((frame.region == r) & among)
        if len(mine) > 1:
            rank[mine] = np.argsort(np.argsort(last[mine], kind="stable")) / (len(mine) - 1)
    return np.column_stack([rank * 3, frame.z * 0.1])


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


def hosts(members: np.ndarray, regions: np.ndarray) -> np.ndarray:
    """Each placebo group's host: the region holding most of its members (ties: the first in
    order). ``members``: groups x areas (1 a member); ``regions``: areas x regions (1 its own)."""
    return np.argmax(members @ regions, axis=1)


def few_hosts(est: np.ndarray, se: np.ndarray, host: np.ndarray) -> tuple[np.ndarray, dict]:
    """Placebo estimates spread so that their 95% band is at least Student's t with G − 1 degrees
    of freedom on their whole spread, G the number of host regions. Groups drawn in the same
    host region share that region's shocks, so 200 draws in eight regions are nearer eight draws
    than 200, and the order statistics of the draws understate the tails; with few clusters the
    usual rule is a t(G − 1) critical value (Bester, Conley & Hansen 2011; Cameron & Miller
    2015). The spread is the between-host variance of the hosts' means (less what the draws
    within them explain) plus the within-host variance. Returns ``est`` with the placebos'
    studentised values scaled about their centre (the programme's own left as it is), and what
    was done (``host_regions`` G, ``band_scale``: 1 when their order statistics are already as
    wide, or with fewer than three hosts)."""
    ok = np.isfinite(est[1:]) & (se[1:] > 0)
    t, h = est[1:][ok] / se[1:][ok], host[ok]
    names, inv, n_c = np.unique(h, return_inverse=True, return_counts=True)
    g, r = len(names), tail_cut(len(t))
    info = {"host_regions": g, "band_scale": 1.0}
    if g < 3 or r < 1:
        return est, info
    means = np.bincount(inv, weights=t) / n_c
    within = float(((t - means[inv]) ** 2).sum() / max(len(t) - g, 1))
    between = max(float(np.var(means, ddof=1)) - within * float(np.mean(1 / n_c)), 0.0)
    centre = float(means.mean())
    crit = float(stdtrit(g - 1, 1 - ALPHA / 2)) * math.sqrt(between + within)
    ts = np.sort(t)
    half = (float(ts[len(t) - r]) - float(ts[r - 1])) / 2
    if half <= 0 or crit <= half:
        return est, info
    out = est.copy()
    out[1:][ok] = se[1:][ok] * (centre + crit / half * (t - centre))
    return out, info | {"band_scale": round(crit / half, 4)}
