"""Does the before/after interval deliver what it claims? Simulated studies on real series.

Each study places a pretend programme on real areas chosen at random (one area; or five areas in
one region) with a random start year (2018–2022), injects no effect, and runs exactly the
engine's estimate and placebo inference: matched comparators with the pretend programme's
neighbours excluded, placebos of the same regional pattern, the calibrated order-statistic
interval and the minimum detectable effect. Areas are drawn from every area with data: the real
programmes' own estimates show no detectable effects, and excluding their areas leaves so few
areas in most regions for later starts that the same few groups would be drawn again and again.
With no effect injected, the interval should exclude zero in about 5% of studies (false-positive
rate) and cover the true effect in about 95% (coverage). Power is the share of studies that detect
an injected +1, +3 or +5; at each study's own stated MDE it should be about 80%.

Power and coverage inject the effect for real: X is added to the treated areas' values from the
start and the whole test is run again with the same comparators and placebo groups (a placebo
whose pool holds a treated area moves too, as it would on the page). Coverage is the share of the
+3 studies whose interval holds 3.
"""

from __future__ import annotations

import math
import time

import numpy as np

from atlas.evidence import placebo as PL
from atlas.evidence import study as S
from atlas.evidence.frames import StudyError, build_frame, windows

OUTCOMES = ("he19_all", "ks4_att8_all", "employment_rate")
SCENARIOS = {"one area": 1, "five areas in one region": 5}
EFFECTS = (1.0, 3.0, 5.0)
STARTS = range(2018, 2023)


def one_study(f, out: S.Outcome, k: int, rng: np.random.Generator):
    frame = f.frame
    free = f.has_feat & f.both
    if k == 1:
        treated = np.array([rng.choice(np.flatnonzero(free))])
    else:
        regions = [r for r in np.unique(frame.region[free]) if (frame.region[free] == r).sum() >= k]
        region = regions[rng.integers(len(regions))]
        treated = np.sort(
            rng.choice(np.flatnonzero(free & (frame.region == region)), k, replace=False)
        )
    eligible = free.copy()  # as on the page: the programme's neighbours are never comparators
    eligible[treated] = False
    eligible &= ~frame.touch[treated].any(0)
    placebo_set = free.copy()
    placebo_set[treated] = False
    contr = PL.contrasts(
        frame, treated, eligible, placebo_set=placebo_set, seed=int(rng.integers(1 << 30))
    )

    expo = contr.exposure(frame)

    def test(effect: float) -> dict:
        """Inject ``effect`` into the treated areas' post-start values and test again."""
        y = frame.y.copy()
        y[np.ix_(treated, np.flatnonzero(frame.post))] += effect
        shifted = PL.Frame(
            frame.codes, y, frame.post, frame.window, frame.z, frame.touch, frame.region
        )
        est = contr.estimates(shifted)
        return PL.inverted(est, expo) | {"placebos": est[1:]}

    null = test(0.0)
    m = PL.mde(null["placebos"], null["critical"])
    out = {
        "reject0": null["significant"],
        "level": null["level"],
        "n_placebos": null["n_placebos"],
        "mde": m,
    }
    for x in EFFECTS:
        hit = test(x)
        out[f"power_{x:g}"] = hit["significant"]
        if x == 3.0:
            out["covered_3"] = bool(hit["ci_low"] <= x <= hit["ci_high"])
    out["power_at_mde"] = test(m if rng.random() < 0.5 else -m)["significant"]
    return out


def run(
    read: S.Reader,
    studies: int = 2000,
    seed: int = 20261129,
    log=print,
    outcomes=OUTCOMES,
    scenarios=tuple(SCENARIOS),
) -> list[dict]:
    rows = []
    for ind in outcomes:
        out = S.load_outcome(read, ind)
        years = sorted(out.panel["year"].unique().tolist())
        frames = {}
        for start in STARTS:
            try:
                pre, post, _ = windows(years, start, out.lag, out.cuts)
            except StudyError:
                continue
            f = build_frame(out, out.panel, years, pre, post, use_imd=start > S.IMD_PUBLISHED)
            if (f.has_feat & f.both).sum() > 20:
                frames[start] = f
        for name, k in ((n, SCENARIOS[n]) for n in scenarios):
            t0 = time.perf_counter()
            rng = np.random.default_rng(seed + k + len(rows))
            res = []
            starts = sorted(frames)
            for _ in range(studies):
                s = starts[rng.integers(len(starts))]
                res.append(one_study(frames[s], out, k, rng))
            rows.append(summarise(ind, name, starts, res, time.perf_counter() - t0))
            log(format_row(rows[-1]))
    return rows


def _share(values: list[bool]) -> tuple[float, float]:
    p = float(np.mean(values))
    return p, math.sqrt(p * (1 - p) / len(values))


def summarise(ind: str, scenario: str, starts: list[int], res: list[dict], seconds: float) -> dict:
    fpr, fpr_se = _share([r["reject0"] for r in res])
    row = {
        "outcome": ind,
        "scenario": scenario,
        "studies": len(res),
        "starts": f"{starts[0]}–{starts[-1]}",
        "false_positive_rate": fpr,
        "false_positive_se": fpr_se,
        **dict(
            zip(("coverage", "coverage_se"), _share([r["covered_3"] for r in res]), strict=True)
        ),
        "mean_level": float(np.mean([r["level"] for r in res])),
        "mean_placebos": float(np.mean([r["n_placebos"] for r in res])),
        "median_mde": float(np.median([r["mde"] for r in res])),
        "seconds": seconds,
    }
    for key in ["power_at_mde", *(f"power_{x:g}" for x in EFFECTS)]:
        row[key], row[key + "_se"] = _share([r[key] for r in res])
    row["inside_targets"] = 0.04 <= fpr <= 0.06 and 0.94 <= row["coverage"] <= 0.96
    return row


HEADER = (
    "| outcome | scenario | studies | false-positive rate | coverage | power +1 | power +3 | power +5 "
    "| median MDE | power at MDE | level (mean) |\n|---|---|---|---|---|---|---|---|---|---|---|"
)


def format_row(r: dict) -> str:
    def pc(key: str) -> str:
        return f"{r[key]:.1%} ± {r[key + '_se']:.1%}"

    return (
        f"| {r['outcome']} | {r['scenario']} | {r['studies']:,} | "
        f"{r['false_positive_rate']:.1%} ± {r['false_positive_se']:.1%} | "
        f"{r['coverage']:.1%} ± {r['coverage_se']:.1%} | {pc('power_1')} | {pc('power_3')} | "
        f"{pc('power_5')} | {r['median_mde']:.2f} | {pc('power_at_mde')} | {r['mean_level']:.1%} |"
    )
