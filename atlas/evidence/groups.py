"""Placebo groups for a programme of several areas (parts of ``atlas.evidence.inference``).

* ``region_ranks``: the key group placebos are drawn on, each area's place in its own region on
  the last pre-start value (programmes choose the worst of their region);
* ``pools_for``: each placebo group's comparators, as the programme's are chosen;
* ``hosts`` and ``few_hosts``: the placebo groups live in a few host regions and share their
  shocks, so the band they give is widened to a Student's t critical value (method 6), with
  G − 1 degrees of freedom only for a programme ``at_the_edge`` of its regions (method 7).

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
    rank = ranks_in_region(frame.z[:, -1], frame.region, among, fill=0.0)
    return np.column_stack([rank * 3, frame.z * 0.1])


def ranks_in_region(
    score: np.ndarray, region: np.ndarray, among: np.ndarray, fill: float = 0.5
) -> np.ndarray:
    """Each area's place in its own region on ``score`` (0 lowest, 1 highest, among ``among``
    and areas with a score; ``fill`` for the rest)."""
    rank = np.full(len(score), fill)
    for r in np.unique(region):
        mine = np.flatnonzero((region == r) & among & np.isfinite(score))
        if len(mine) > 1:
            rank[mine] = np.argsort(np.argsort(score[mine], kind="stable")) / (len(mine) - 1)
    return rank


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


def at_the_edge(frame: PL.Frame, treated: np.ndarray, placebo_set: np.ndarray) -> bool:
    """Whether the programme's areas sit, on average, in the outer ``EDGE`` of their regions on
    the last pre-start value or on deprivation: as a programme that chose the worst, or the most
    deprived, of its region."""
    among = placebo_set.copy()
    among[treated] = True
    scores = [frame.z[:, -1]]
    if frame.deprivation is not None and np.isfinite(frame.deprivation[treated]).all():
        scores.append(frame.deprivation)
    means = [float(ranks_in_region(s, frame.region, among)[treated].mean()) for s in scores]
    return any(m <= EDGE or m >= 1 - EDGE for m in means)


EDGE = 0.2  # a group of five drawn at random in a region is this far out ~2% of the time


def few_hosts(
    est: np.ndarray, se: np.ndarray, host: np.ndarray, edge: bool | None = None, alpha=ALPHA
) -> tuple[np.ndarray, dict]:
    """Placebo estimates spread so that their band (at 1 − ``alpha``) is at least Student's t
    with G − 1 degrees of freedom on their whole spread, G the number of host regions. Groups
    drawn in the same host region share that region's shocks, so 200 draws in eight regions are
    nearer eight draws than 200, and the order statistics of the draws understate the tails;
    with few clusters the usual rule is a t(G − 1) critical value (Bester, Conley & Hansen 2011;
    Cameron & Miller 2015). The spread is the between-host variance of the hosts' means (less
    what the draws within them explain) plus the within-host variance. Returns ``est`` with the
    placebos' studentised values scaled about their centre (the programme's own left as it is),
    and what was done (``host_regions`` G, ``at_the_edge``, ``band_df``, ``band_scale``: 1 when
    their order statistics are already as wide, or with fewer than three hosts).

    ``edge`` False (method 7: the programme is not at the edge of its regions): the degrees of
    freedom are Satterthwaite's for the two parts of the spread, between G − 1 and n − G by how
    much of it lies between hosts. Measured: groups drawn at random in a region are then inside
    4–6% instead of 2.3–4.2%, while the worst and most deprived groups, whose distance from
    their placebos is wider than the placebos' spread, keep t(G − 1) (docs/evidence.md)."""
    ok = np.isfinite(est[1:]) & (se[1:] > 0)
    t, h = est[1:][ok] / se[1:][ok], host[ok]
    names, inv, n_c = np.unique(h, return_inverse=True, return_counts=True)
    g, r = len(names), tail_cut(len(t), alpha)
    info = {"host_regions": g, "band_scale": 1.0} | ({} if edge is None else {"at_the_edge": edge})
    if g < 3 or r < 1:
        return est, info
    means = np.bincount(inv, weights=t) / n_c
    within = float(((t - means[inv]) ** 2).sum() / max(len(t) - g, 1))
    between = max(float(np.var(means, ddof=1)) - within * float(np.mean(1 / n_c)), 0.0)
    centre = float(means.mean())
    df = float(g - 1)
    if edge is False and between + within > 0:  # Satterthwaite's, for the spread's two parts
        df = (between + within) ** 2 / (between**2 / (g - 1) + within**2 / max(len(t) - g, 1))
    info["band_df"] = round(df, 1)
    crit = float(stdtrit(df, 1 - alpha / 2)) * math.sqrt(between + within)
    ts = np.sort(t)
    half = (float(ts[len(t) - r]) - float(ts[r - 1])) / 2
    if half <= 0 or crit <= half:
        return est, info
    out = est.copy()
    out[1:][ok] = se[1:][ok] * (centre + crit / half * (t - centre))
    return out, info | {"band_scale": round(crit / half, 4)}


def band_words(did: dict) -> str:
    """How wide the groups' band was made over the regions they are drawn in (method 7)."""
    g, df = did.get("host_regions"), did.get("band_df")
    if not g or df is None:
        return "their own band (too few regions to widen it)"
    why = (
        "the programme's areas are among the worst or most deprived of their regions"
        if did.get("at_the_edge")
        else "from how much of their spread lies between those regions"
    )
    return (
        f"their band at least Student's t with {df:.3g} degrees of freedom over the {g} regions "
        f"they are drawn in ({why})"
    )
