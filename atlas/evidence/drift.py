"""The joint pre-test's second part (method 10): a steady drift of the gap before the start.

The pretend-start test (``inference.pretend_frame``) moves the whole comparison back to a
pretend start two years before the last pre-start value. It sees a bend, but a gap that closes
a little every year for a decade shows there as a year or two's worth of it, within chance,
while the real comparison, from the whole pre period to the whole post period, carries many
years' worth. ``make validate`` found it in the five most deprived boroughs of London, whose
employment rate rose about a point a year more than similar areas' from 2004 to 2021: a pretend
programme there was said to have "changed" things in 41% of the studies holding them, and the
trend of their gap before the start was further out than every placebo group's at every start.

So the joint test also ranks each group's studentised trend in its gap before the start (least
squares over the years before the last pre-start value, which programmes choose on and which
the pretend test leaves out too: both parts run in exactly the same studies). The two parts are
combined by their tail shares among the placebos, the drift part given ``SHARE`` of the test's
level (Bonferroni's weighted split), and the combination is itself ranked among the placebos'
own, so the joint test keeps its level. Measured: with an equal split "moved apart" under no
drift rose to 9–11% in four employment scenarios; with a fifth, every scenario is inside
(docs/evidence.md, "Method 10"). For groups only (``inference.infer``): one area's placebos are
its 99 nearest areas, among which the drift part can fire only at the very edge, and the fifth
of the level it took let more through the pretend part than it caught (on a fresh draw,
employment's worst-decile single area 4.9% -> 5.1%). Pure numpy.
"""

from __future__ import annotations

import numpy as np

from atlas.evidence import calibrate as K

SHARE = 0.2  # of the joint pre-test's level, given to the drift part


def columns(frame) -> np.ndarray:
    """The years the drift is read over: before the start, the last pre-start value (and those
    sharing its years) left out."""
    pre = np.flatnonzero(frame.window & ~frame.post)
    return pre[: -frame.span]


def gaps(frame, g: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Each group's mean less its comparators' mean, year by year (groups x years)."""
    y0, seen = np.nan_to_num(frame.y), (~np.isnan(frame.y)).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (g @ y0) / (g @ seen) - (p @ y0) / (p @ seen)


def drift_stat(frame, g: np.ndarray, p: np.ndarray, se: np.ndarray) -> np.ndarray | None:
    """Each group's studentised trend in its gap over ``columns`` (None with fewer than two)."""
    cols = columns(frame)
    if len(cols) < 2:
        return None
    return K.pre_slopes(gaps(frame, g, p)[:, cols], cols.astype(float), se)


def tails(stat: np.ndarray) -> np.ndarray:
    """Each group's tail share among the placebos on ``stat``: the share of placebos (not itself)
    at least as far out, itself counted, as ``calibrate.joint_pre_test`` counts the programme."""
    pl = stat[1:]
    ok = np.isfinite(pl)
    n = ok.sum()
    above = (np.where(ok, pl, -np.inf)[None, :] >= stat[:, None] - 1e-12).sum(1).astype(float)
    above[1:] -= ok  # a placebo is not among its own others
    out = (1 + above) / (1 + np.r_[n, np.full(len(pl), n - 1)])
    out[~np.isfinite(stat)] = np.nan
    return out


def joint(pretend: np.ndarray | None, drift: np.ndarray | None, share: float = SHARE):
    """The joint statistic (larger: further out) and each part's own placebo p for the
    programme: the smaller of the two tail shares, each over its part of the level; the part
    that could run alone when only one could."""
    if pretend is None or drift is None or not share:
        return (drift if pretend is None and share else pretend), {}
    a, b = tails(pretend), tails(drift)
    parts = {"pretend_p": float(a[0]), "drift_p": float(b[0]), "drift_share": share}
    return -np.fmin(a / (1 - share), b / share), parts


def which(pre_test: dict) -> str:
    """The part that carried the joint test: 'drift' or 'pretend'."""
    d, a, s = pre_test.get("drift_p"), pre_test.get("pretend_p"), pre_test.get("drift_share")
    if d is None or a is None or not s:
        return "pretend"
    return "drift" if d / s < a / (1 - s) else "pretend"


def describe(frame, contr, yrs: np.ndarray) -> dict:
    """The programme's drift for words: its gap's trend a year over the drift years (a study
    whose joint pre-test has a drift part: two years or more)."""
    cols = columns(frame)
    m = np.zeros((2, frame.y.shape[0]))
    m[0, contr.groups[0]], m[1, contr.pools[0]] = 1.0, 1.0
    slope, _, _ = K.gap_trends(gaps(frame, m[:1], m[1:])[:, cols], yrs[cols].astype(float))
    return {"drift_years": [int(yrs[cols[0]]), int(yrs[cols[-1]])], "drift_slope": float(slope[0])}
