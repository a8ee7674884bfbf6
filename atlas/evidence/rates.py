"""A validation rate and its 95% interval, counted over distinct programmes (``make validate``).

A scenario that picks its areas by a fixed rule ("the worst five of a region") has only so many
programmes to pick: nine regions times the start years, some 35–70 distinct programmes for HE
entry, Attainment 8 and healthy life expectancy. A thousand studies of such a scenario are those
few programmes again and again, with other placebo draws. Counting each study as independent
evidence made the interval far narrower than the evidence: 0 "changed" out of 1,000 studies of 35
programmes says no more than 0 out of 35.

So each rate's interval is Wilson's over the distinct programmes (a programme: its areas and
its start): a rate of 0.1% over 1,000 studies of 36 programmes has the interval of 0.036 hits in
36. Within a programme the studies differ only in their placebo draws; the data, which is what
could have come out otherwise, is drawn once per programme.

Distinct programmes are not independent either when they share areas: "five of the most
deprived decile" draws 922 different fives from the same 13 areas, and one area's real change
(Blackpool's, east London's) is in a third of them. The data is drawn once per *area*. So when
each study's areas are given, the interval is over the areas (``clustered``): the rate's
delete-one-area jackknife variance (every study holding the area left out in turn: the usual
variance for a statistic of overlapping groups, Arvesen 1969; for one area a study, the cluster
jackknife over areas and starts), read as an effective number of programmes for Wilson's
interval, never more than the distinct programmes. The programmes' interval is kept beside it
(``programme_low``, ``programme_high``) and the studies' (``study_low``, ``study_high``).
Wider intervals let a rate reach a target range more easily, and keep a rate over 5% from
claiming an upper bound of 7%: ``make validate`` says which scenarios are inside only on their
areas' evidence.

A rate over its target is traced to the places it comes from (``hangs_on``, ``hang_words``): the
studies of "five of the most deprived decile" are fives of the same 13 areas, so a miss can be one
place's real change, and the reader is told which.
"""

from __future__ import annotations

import math

import numpy as np


def wilson(k: float, n: float) -> tuple[float, float]:
    """Wilson's 95% interval for ``k`` successes in ``n`` trials (``n`` need not be whole)."""
    if not n:
        return math.nan, math.nan
    z, p = 1.96, k / n
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return c - h, c + h


def rate(values: list[bool], keys: list | None = None, members: list | None = None) -> dict:
    """The share of ``values`` that are true, its interval and the counts behind it: ``n``
    studies, ``programmes`` distinct ones (``keys``, one per study), the interval over the areas
    (``low``, ``high``; ``members``: each study's areas, see ``clustered``; without them, over the
    programmes), over the programmes (``programme_low``, ``programme_high``) and over the studies
    (``study_low``, ``study_high``)."""
    n = len(values)
    k = int(sum(values))
    g = len(set(keys)) if keys is not None else n  # one independent study a distinct programme
    lo, hi = wilson(k / n * g, g) if n else (math.nan, math.nan)
    by_study = wilson(k, n) if n else (math.nan, math.nan)
    out = {
        "rate": k / n if n else math.nan,
        "low": lo,
        "high": hi,
        "programme_low": lo,
        "programme_high": hi,
        "study_low": by_study[0],  # as if every study were its own programme
        "study_high": by_study[1],
        "n": n,
        "programmes": g,
    }
    if members is None or not n:
        return out
    eff, areas = clustered(values, members, g)
    lo, hi = wilson(k / n * eff, eff)
    return out | {"low": lo, "high": hi, "effective": eff, "areas": areas}


def holding(members: list) -> tuple[list, np.ndarray]:
    """Every area the studies draw on (sorted), and which study holds which (studies x areas)."""
    names = sorted({a for m in members for a in m})
    index = {a: j for j, a in enumerate(names)}
    held = np.zeros((len(members), len(names)), bool)
    for i, m in enumerate(members):
        held[i, [index[a] for a in m]] = True
    return names, held


def clustered(values: list[bool], members: list, most: float) -> tuple[float, int]:
    """The effective number of independent programmes behind a rate whose studies share areas
    (``members``: each study's areas), from its delete-one-area jackknife variance, at most
    ``most``; and the number of areas. A rate of 0 or 1, or one that no area moves, keeps
    ``most``: there is no spread to read."""
    hits = np.asarray(values, float)
    p = float(hits.mean())
    names, held = holding(members)
    left = (~held).sum(0)
    ok = left > 0
    if ok.sum() < 2 or p in (0.0, 1.0):
        return float(most), len(names)
    reps = (hits @ ~held)[ok] / left[ok]  # the rate with each area's studies left out
    a = len(reps)
    var = (a - 1) / a * float(((reps - reps.mean()) ** 2).sum())
    return (float(min(most, p * (1 - p) / var)) if var > 0 else float(most)), len(names)


UPPER = {"verdict_fpr": 0.07}  # issue 16: "changed" with no effect "≤ 5% (upper 95% bound ≤ 7%)"


def misses(row: dict, targets: dict, on: str = "", upper: dict | None = None) -> list[str]:
    """The rates of ``row`` whose interval misses its target range (``targets``: name -> (low,
    high)); ``on``: "" for the interval over the areas (``rate``), "programme" or "study" for the
    one counting every programme or every study as independent.

    A rate with a cap in ``upper`` (default ``UPPER``: the verdict's) also misses when it is over
    its target and its interval's upper end over the cap: 5.8% of 990 programmes (4.5%–7.4%) is
    not "≤ 5%, upper bound ≤ 7%", though its interval reaches 5%."""
    low, high = (f"{on}_low", f"{on}_high") if on else ("low", "high")
    caps = UPPER if upper is None else upper

    def miss(k: str, lo: float, hi: float) -> bool:
        r = row[k]
        if r[high] < lo or r[low] > hi:
            return True
        return k in caps and r["rate"] > hi and r[high] > caps[k]

    return [
        k for k, (lo, hi) in targets.items() if row.get(k) and row[k]["n"] >= 20 and miss(k, lo, hi)
    ]


def hangs_on(
    values: list[bool], members: list[tuple], keys: list | None = None, above: float = 0.0
) -> dict | None:
    """The areas a rate hangs on: the area whose studies lift it most (its rate among the
    studies holding it against among the rest), with the areas always drawn together with it.
    A scenario's 1,000 studies can come from a dozen areas (five of the 13 most deprived), so a
    rate that misses its target may be one place's real change: employment's five most deprived
    of a region said "changed" with no effect in 10.4% of studies (``make validate``, method 8):
    in 59% of those holding the five east London boroughs and 3.9% of the rest. ``members``: each study's areas; ``keys``: each
    study's programme, for the rest's interval (``rate``). None unless the rate is over ``above``."""
    if not values or sum(values) <= above * len(values):
        return None
    hits = np.asarray(values, bool)
    areas, held = holding(members)
    n_with = held.sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate_with = (held & hits[:, None]).sum(0) / n_with
        rate_rest = (~held & hits[:, None]).sum(0) / (len(hits) - n_with)
    lift = np.where(np.isfinite(rate_rest), hits.mean() - rate_rest, -np.inf)
    top = int(np.argmax(lift))
    together = [a for j, a in enumerate(areas) if (held[:, j] == held[:, top]).all()]
    rest = np.flatnonzero(~held[:, top])
    return {
        "areas": together,
        "studies": int(n_with[top]),
        "rate_with": float(rate_with[top]),
        "rest": rate(
            [bool(hits[i]) for i in rest],
            [keys[i] for i in rest] if keys else None,
            [members[i] for i in rest],
        ),
    }


def hang_words(r: dict, names: dict) -> str | None:
    """One line on the places a scenario's "changed" with no effect comes from (``hangs_on``)."""
    h = r.get("hangs_on")
    if not h:
        return None
    who = [names.get(a, a) for a in h["areas"]]
    who = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
    rest = h["rest"]
    if len(h["areas"]) > 1 and h["studies"] > 1:  # one study: together by construction
        who += " (always chosen together)"
    tail = (
        f"{rest['rate']:.1%} ({rest['low']:.1%}–{rest['high']:.1%}) of the other {rest['n']:,}"
        if rest["n"]
        else "no study without them"
    )
    return (
        f"{r['outcome']} / {r['scenario']}: “changed” with no effect in "
        f"{r['verdict_fpr']['rate']:.1%} of {r['studies']:,} studies from {r['areas']} areas: "
        f"{h['rate_with']:.1%} of the {h['studies']:,} with {who}, {tail}"
    )
