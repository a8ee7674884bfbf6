"""A programme's pooled before/after when its places started in different years (Leading Places
phases 1 and 2, Opportunity Areas): a stacked difference-in-differences.

Each start year is a cohort with its own window (pre years before its start, post years after its
lag) and its own matched comparators, chosen exactly as for one intervention from areas the
programme never covered, not touching a programme area and not in a related programme running
within three years of that cohort's start. The pooled estimate is the cohorts' estimates weighted
by their number of areas (what a stacked regression with cohort-specific area and year effects
gives on a complete panel). Inference is the same calibrated placebo test: each draw replaces
every cohort by random areas with the same regional pattern, matches them the same way and pools
them the same way; the interval's level is the one the order statistics achieve.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from atlas.evidence import placebo as PL
from atlas.evidence import study as S
from atlas.evidence.engine import METHOD_VERSION
from atlas.evidence.frames import StudyError, build_frame, windows

PROGRAMMES = {
    "Leading Places 1": ["Leading Places 1"],
    "Leading Places 2": ["Leading Places 2"],
    "Leading Places (phases 1 and 2)": ["Leading Places 1", "Leading Places 2"],
    "Opportunity Areas": ["Opportunity Areas"],
}


def pooled(
    read: S.Reader, *, programme: str, outcome: str, seed: int = 0, memo: dict | None = None
) -> dict:
    memo = {} if memo is None else memo
    if programme not in PROGRAMMES:
        raise StudyError(f"unknown programme '{programme}' (one of: {', '.join(PROGRAMMES)})")
    if ("outcome", outcome) not in memo:
        memo["outcome", outcome] = S.load_outcome(read, outcome)
    if "register" not in memo:
        memo["register"] = S.load_register(read)
    out, reg = memo["outcome", outcome], memo["register"]
    geo = out.meta["geography"]
    ivs = reg.interventions
    mine = ivs[
        ivs["programme_group"].isin(PROGRAMMES[programme])
        & ivs["start_year"].notna()
        & (ivs["n_areas"] > 0)
    ]
    first: dict[str, int] = {}
    for iv, row in mine.iterrows():
        for code in S.treated_areas(reg, iv, geo)["area_code"]:
            first[code] = min(first.get(code, 9999), int(row["start_year"]))
    result = {
        "method_version": METHOD_VERSION,
        "programme": programme,
        "outcome": out.meta["title"],
        "indicator_id": outcome,
        "unit_words": out.unit_words,
        "cohorts": [],
        "problem": None,
    }
    years = sorted(out.panel["year"].unique().tolist())
    names = dict(zip(out.areas["area_code"], out.areas["area_name"], strict=False))
    ever = set(first)
    banned: set[str] = set()
    for start in sorted(set(first.values())):
        cohort = [c for c, s in first.items() if s == start]
        excl = S.exclusions(reg, mine.index[mine["start_year"] == start][0], cohort, start, out)
        banned |= set(excl["area_code"])
    plans, weights = [], []
    for start in sorted(set(first.values())):
        cohort = sorted(c for c, s in first.items() if s == start)
        try:
            pre, post, _ = windows(years, start, out.lag, out.cuts)
        except StudyError as exc:
            result["cohorts"].append(
                {"start": start, "areas": [names.get(c, c) for c in cohort], "problem": str(exc)}
            )
            continue
        f = build_frame(out, out.panel, years, pre, post, use_imd=False)
        ok = f.has_feat & f.both
        t_idx = np.array([f.idx[c] for c in cohort if c in f.idx and ok[f.idx[c]]])
        if not len(t_idx):
            continue
        eligible = ok & ~np.isin(f.frame.codes, list(ever | banned))
        delta = f.frame.deltas()
        own = PL.nearest(f.frame, t_idx, eligible, PL.pool_size(len(t_idx)))
        est = PL.estimate(f.frame, t_idx, own, delta)
        plans.append((f.frame, t_idx, eligible, delta))
        weights.append(len(t_idx))
        result["cohorts"].append(
            {
                "start": start,
                "areas": [names[f.frame.codes[i]] for i in t_idx],
                "n_areas": len(t_idx),
                "estimate": est,
                "pre_years": pre,
                "post_years": post,
                "n_comparators": len(own),
            }
        )
    if not plans:
        result["problem"] = (
            f"No cohort of {programme} has years before and after its start for {out.meta['title']}."
        )
        return result
    w = np.array(weights, float) / sum(weights)
    est = float(
        sum(
            wi * c["estimate"]
            for wi, c in zip(w, [c for c in result["cohorts"] if "estimate" in c], strict=True)
        )
    )
    draws = np.zeros(PL.DRAWS)
    for k, (frame, t_idx, eligible, delta) in enumerate(plans):
        groups = PL.placebo_groups(frame, t_idx, eligible, PL.DRAWS, seed + k, always_draw=True)
        for b, g in enumerate(groups):
            pool = PL.nearest(
                frame, g, PL.allowed_for(frame, g, eligible, True), PL.pool_size(len(g))
            )
            draws[b] += w[k] * PL.estimate(frame, g, pool, delta)
    inter = PL.interval(est, draws)
    inter["mde"] = PL.mde(draws, inter["critical"])
    result["did"] = inter
    result["n_areas"] = int(sum(weights))
    result["headline"] = _headline(result)
    return result


def _headline(r: dict) -> str:
    d, unit = r["did"], r["unit_words"]
    n = r["n_areas"]
    starts = ", ".join(str(c["start"]) for c in r["cohorts"] if "estimate" in c)
    if d["significant"]:
        way = "rose" if d["estimate"] > 0 else "fell"
        return (
            f"Across {n} {r['programme']} areas (starts {starts}), {r['outcome'][:1].lower()}{r['outcome'][1:]} "
            f"{way} by about {abs(d['estimate']):.1f} {unit} more than in similar areas — beyond what "
            "chance produces."
        )
    return (
        f"Across {n} {r['programme']} areas (starts {starts}), no clear change: they moved about as much "
        f"as similar areas. This comparison would reliably notice a change of about ±{d['mde']:.1f} {unit}."
    )


def pooled_table(r: dict) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Start": c["start"],
                "Areas": len(c.get("areas", [])),
                "Estimate": round(c["estimate"], 2) if "estimate" in c else None,
                "Before": f"{c['pre_years'][0]}–{c['pre_years'][-1]}" if "pre_years" in c else "",
                "After": f"{c['post_years'][0]}–{c['post_years'][-1]}" if "post_years" in c else "",
                "Note": c.get("problem", ""),
            }
            for c in r["cohorts"]
        ]
    )
