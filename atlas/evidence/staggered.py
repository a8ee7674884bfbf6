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

from atlas.evidence import cohorts as CH
from atlas.evidence import study as S
from atlas.evidence.engine import METHOD_VERSION
from atlas.evidence.frames import StudyError, build_frame, windows
from atlas.evidence.grade import grade

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
    plans = _plan(out, reg, mine, first, result["cohorts"])
    if not plans:
        result["problem"] = (
            f"No cohort of {programme} has years before and after its start for {out.meta['title']}."
        )
        return result
    found = CH.study(plans, out.lag, seed=seed)
    done = [c for c in result["cohorts"] if "n_areas" in c]
    each = zip(
        found.pop("cohort_estimates"),
        found.pop("cohort_paths"),
        found.pop("cohort_comparators"),
        strict=True,
    )
    for c, (e, p, k) in zip(done, each, strict=True):
        c["estimate"], c["event_path"], c["n_comparators"] = e, p["path"], k
    result |= found
    result["n_areas"] = sum(c["n_areas"] for c in done)
    result["headline"] = _headline(result)
    result["grade"] = grade(result)
    return result


def _plan(out: S.Outcome, reg, mine, first: dict[str, int], rows: list) -> list[CH.Cohort]:
    """One cohort per start year: its window, frame, areas and eligible comparators (never a
    programme area, a neighbour of one, or an area of a related programme near that start).
    Appends each cohort's row (or the reason it was left out) to ``rows``."""
    years = sorted(out.panel["year"].unique().tolist())
    names = dict(zip(out.areas["area_code"], out.areas["area_name"], strict=False))
    ever = set(first)
    banned: set[str] = set()
    for start in sorted(set(first.values())):
        cohort = [c for c, s in first.items() if s == start]
        excl = S.exclusions(reg, mine.index[mine["start_year"] == start][0], cohort, start, out)
        banned |= set(excl["area_code"])
    plans: list[CH.Cohort] = []
    for start in sorted(set(first.values())):
        cohort = sorted(c for c, s in first.items() if s == start)
        try:
            pre, post, _ = windows(years, start, out.lag, out.cuts)
        except StudyError as exc:
            rows.append(
                {"start": start, "areas": [names.get(c, c) for c in cohort], "problem": str(exc)}
            )
            continue
        f = build_frame(out, out.panel, years, pre, post, use_imd=False)
        ok = f.has_feat & f.both
        t_idx = np.array([f.idx[c] for c in cohort if c in f.idx and ok[f.idx[c]]])
        if not len(t_idx):
            continue
        eligible = ok & ~np.isin(f.frame.codes, list(ever | banned))
        plans.append(CH.Cohort(start, f.frame, f.years, t_idx, eligible, pre, post))
        rows.append(
            {
                "start": start,
                "areas": [names[f.frame.codes[i]] for i in t_idx],
                "n_areas": len(t_idx),
                "pre_years": pre,
                "post_years": post,
            }
        )
    return plans


def _headline(r: dict) -> str:
    d, unit = r["did"], r["unit_words"]
    n = r["n_areas"]
    starts = ", ".join(str(c["start"]) for c in r["cohorts"] if "estimate" in c)
    title = f"{r['outcome'][:1].lower()}{r['outcome'][1:]}"
    where = f"Across {n} {r['programme']} areas (starts {starts})"
    way = "rose" if d["estimate"] > 0 else "fell"
    if r["pre_test"]["flag"]:
        found = [c["finding"] for c in r["pre_test"]["checks"] if c["ran"] and c["flag"]]
        return (
            f"{where}, areas moved apart before their programme began, so read this with caution: "
            + "; ".join(found)
            + f". Taken at face value, {title} {way} by about {abs(d['estimate']):.1f} {unit} more "
            f"than in similar areas (range {d['ci_low']:+.1f} to {d['ci_high']:+.1f}), "
            + ("beyond" if d["significant"] else "within")
            + " what chance produces."
            + _sensitivity(r)
        )
    if d["significant"]:
        return (
            f"{where}, {title} {way} by about {abs(d['estimate']):.1f} {unit} more than in similar "
            "areas — beyond what chance produces."
        )
    return (
        f"{where}, no clear change: they moved about as much as similar areas. This comparison "
        f"would reliably notice a change of about ±{d['mde']:.1f} {unit}."
    )


def _sensitivity(r: dict) -> str:
    s = r.get("sensitivity") or {}
    b = s.get("breakdown")
    if not s.get("ran"):
        return ""
    way = "rise" if s["theta"] > 0 else "fall"
    if b is None:
        return (
            " Even if trends had stayed parallel from the year before each start, the "
            f"{way} after it ({s['theta']:+.1f} {r['unit_words']} on average) is within chance."
        )
    return (
        f" The {way} ({s['theta']:+.1f} {r['unit_words']} on average) holds unless trends bent "
        f"more than {b:.2f} times their worst wobble before the starts."
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
