"""How pretend programmes choose their places in ``make validate``: the way real programmes do.

Each rule takes one start year's arrays (``frames.Built``), the areas free to be chosen, the
outcome's polarity and a random generator, and returns the pretend programme's areas (indices).
'Worst' is read on the last value published before the start (what a programme sees when it
chooses), in the outcome's bad direction; deprivation is the IMD 2019 average score. Every rule
keeps some chance in it (a random region, a random draw within the band) so that 1,000 studies
are 1,000 different studies, not the same few repeated.
"""

from __future__ import annotations

import warnings

import numpy as np

K = 5  # areas in a group programme


def _bad(f, free: np.ndarray, higher_better: bool) -> np.ndarray:
    """Badness on the last pre-start value: larger is worse; NaN where not free."""
    last = f.raw[:, -1]
    bad = -last if higher_better else last
    return np.where(free, bad, np.nan)


def _regions(f, free: np.ndarray, k: int) -> list:
    reg = f.frame.region
    return [r for r in np.unique(reg[free]) if (free & (reg == r)).sum() >= 2 * k]


def random_one(f, free, hb, rng, imd):
    return np.array([rng.choice(np.flatnonzero(free))])


def random_region(f, free, hb, rng, imd):
    regs = _regions(f, free, K)
    r = regs[rng.integers(len(regs))]
    return np.sort(rng.choice(np.flatnonzero(free & (f.frame.region == r)), K, replace=False))


def _decile(score: np.ndarray, free: np.ndarray) -> np.ndarray:
    cut = np.nanquantile(np.where(free, score, np.nan), 0.9)
    return np.flatnonzero(free & (np.nan_to_num(score, nan=-np.inf) >= cut))


def worst_decile_one(f, free, hb, rng, imd):
    return np.array([rng.choice(_decile(_bad(f, free, hb), free))])


def worst_decile_group(f, free, hb, rng, imd):
    return np.sort(rng.choice(_decile(_bad(f, free, hb), free), K, replace=False))


def _worst_in_region(score, f, free, rng):
    regs = _regions(f, free, K)
    r = regs[rng.integers(len(regs))]
    mine = np.flatnonzero(free & (f.frame.region == r))
    return np.sort(mine[np.argsort(-score[mine], kind="stable")[:K]])


def worst_k_region(f, free, hb, rng, imd):
    return _worst_in_region(_bad(f, free, hb), f, free, rng)


def deprived_decile_group(f, free, hb, rng, imd):
    return np.sort(rng.choice(_decile(imd, free & np.isfinite(imd)), K, replace=False))


def deprived_k_region(f, free, hb, rng, imd):
    return _worst_in_region(np.nan_to_num(imd, nan=-np.inf), f, free & np.isfinite(imd), rng)


def dip_one(f, free, hb, rng, imd):
    """One of the ten areas whose last pre-start value fell furthest below their earlier mean
    (net of the year's national change): Ashenfelter's dip."""
    y = f.frame.y[:, np.isin(f.years, f.pre)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # areas without an earlier year: NaN
        d = y - np.nanmean(y, axis=0)
        drop = np.nanmean(d[:, :-1], axis=1) - d[:, -1]
    drop = drop if hb else -drop
    cand = np.flatnonzero(free & np.isfinite(drop))
    top = cand[np.argsort(-drop[cand], kind="stable")[:10]]
    return np.array([rng.choice(top)])


def pretend_programme(f, out, rule, rng) -> tuple | None:
    """A pretend programme's areas chosen by ``rule`` (``atlas.evidence.scenarios``), its possible
    comparators (not its areas nor their neighbours) and its placebo areas (not its areas); None
    when the rule finds no areas at this start."""
    free = f.has_feat & f.both
    hb = out.meta.get("polarity") != "lower_better"
    imd = out.imd.reindex(f.frame.codes).to_numpy(float)
    try:
        treated = rule(f, free, hb, rng, imd)
    except (ValueError, IndexError):
        return None
    eligible = free.copy()
    eligible[treated] = False
    eligible &= ~f.frame.touch[treated].any(0)
    placebo_set = free.copy()
    placebo_set[treated] = False
    return treated, eligible, placebo_set


RULES = {
    "random: one area": random_one,
    "random: 5 in one region": random_region,
    "worst decile: one area": worst_decile_one,
    "worst decile: 5 areas": worst_decile_group,
    "worst 5 in a region": worst_k_region,
    "most deprived decile: 5 areas": deprived_decile_group,
    "5 most deprived in a region": deprived_k_region,
    "largest dip: one area": dip_one,
}
