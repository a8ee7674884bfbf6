"""The before/after engine: one function, ``evaluate``, used by the page, the build (precomputed
results), the command line (``python -m pipelines evaluate``) and notebooks.

    from atlas.evidence.engine import evaluate, duckdb_reader
    r = evaluate(duckdb_reader("data/atlas.duckdb"), outcome="he19_all", iv="CUA-NCL")

It returns a plain dict (JSON-serialisable): the treated areas, every exclusion with its reason,
the ranked comparators, the difference-in-differences estimate with its calibrated interval
(achieved level printed), p-value and minimum detectable effect, the same without excluding
neighbours, the event study with placebo bands, the pre-trend test, pretend start dates, the
synthetic control (one area) and the verdict. No Streamlit.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from atlas.data.sql import run
from atlas.evidence import checks as C
from atlas.evidence import placebo as PL
from atlas.evidence import sensitivity as SENS
from atlas.evidence import study as S
from atlas.evidence.frames import StudyError, build_frame, windows
from atlas.evidence.grade import grade
from atlas.evidence.verdict import verdict
from atlas.text.formatting import plural

METHOD_VERSION = "calibrated-placebo/2"


def duckdb_reader(path: str | Path) -> S.Reader:
    con = duckdb.connect(str(path), read_only=True)
    return lambda name, **params: run(name, con, **params)


def evaluate(
    read: S.Reader,
    *,
    outcome: str,
    iv: str | None = None,
    areas: list[str] | None = None,
    start: int | None = None,
    pool: list[str] | None = None,
    add_effect: float = 0.0,
    seed: int = 0,
    synth: bool = True,
    memo: dict | None = None,
) -> dict:
    """One study. ``memo`` (any dict kept by the caller) holds what was read, for many studies."""
    memo = {} if memo is None else memo
    try:
        if ("outcome", outcome) not in memo:
            memo["outcome", outcome] = S.load_outcome(read, outcome)
        out = memo["outcome", outcome]
    except KeyError:
        raise StudyError(f"unknown outcome '{outcome}' (see --list-outcomes)") from None
    if iv and "register" not in memo:
        memo["register"] = S.load_register(read)
    reg = memo.get("register") if iv else None
    geo, meta = out.meta["geography"], out.meta
    result: dict = {
        "method_version": METHOD_VERSION,
        "outcome": {k: meta[k] for k in ("indicator_id", "title", "unit", "geography", "family")}
        | {
            "unit_words": out.unit_words,
            "first_year": int(meta["first_year"]),
            "last_year": int(meta["last_year"]),
        },
        "intervention": None,
        "problem": None,
        "warnings": [],
        "notes": [],
        "add_effect": add_effect,
        "lag": out.lag,
        "lag_why": out.lag_why,
        "breaks": out.breaks.to_dict("records"),
        "dropped_years": out.drops,
    }
    names = dict(zip(out.areas["area_code"], out.areas["area_name"], strict=False))
    if iv:
        if iv not in reg.interventions.index:
            raise StudyError(f"unknown intervention '{iv}'")
        row = reg.interventions.loc[iv]
        result["intervention"] = {
            "id": iv,
            "name": row["name"],
            "programme_group": row["programme_group"],
            "family": S.family_of(reg, row["programme_group"]),
        }
        if start is None:
            if pd.isna(row["start_year"]):
                raise StudyError(f"intervention '{iv}' has no start year in the register")
            start = int(row["start_year"])
        treated = S.treated_areas(reg, iv, geo)
    else:
        if not areas:
            raise StudyError("give an intervention or at least one area code")
        if "areas" not in memo:
            memo["areas"] = read("common_areas")
        lookup = memo["areas"]
        known = lookup.set_index("area_code")
        bad = [a for a in areas if a not in known.index]
        if bad:
            raise StudyError(f"unknown area code(s): {', '.join(bad)}")
        codes = sorted(
            {known.loc[a, "utla_code"] if geo == "utla" and a not in names else a for a in areas}
        )
        if miss := [c for c in codes if c not in names]:
            raise StudyError(
                f"no {geo} value for {', '.join(miss)}: the outcome is published for "
                f"{'upper-tier authorities' if geo == 'utla' else 'districts'}"
            )
        treated = pd.DataFrame(
            {
                "area_code": codes,
                "area_name": [names[c] for c in codes],
                "districts": [names[c] for c in codes],
            }
        )
    if start is None:
        raise StudyError("give a start year")
    first, last = int(meta["first_year"]), int(meta["last_year"])
    if not 1990 <= start <= 2100:
        raise StudyError(f"start year {start} is not a plausible year")
    result |= {"start": int(start), "treated": treated.to_dict("records")}
    tcodes = treated["area_code"].tolist()
    if tcodes and not any(c.startswith("E") for c in tcodes):
        result["problem"] = (
            "No comparison is possible here: the before/after comparison draws its comparators and "
            "placebos from English councils, and this intervention's areas are all in Wales, "
            "Scotland or Northern Ireland."
        )
        return result | {"verdict": verdict(result)}
    if not tcodes:
        result["problem"] = (
            "The intervention has no areas at this outcome's level, so nothing can be compared."
        )
        return result | {"verdict": verdict(result)}
    if start + out.lag > last:
        result["problem"] = (
            f"Nothing to compare yet: {meta['title']} is published up to {last}, and with "
            f"a {out.lag}-year lag the first year that could show a change is {start + out.lag}."
        )
        return result | {"verdict": verdict(result)}
    panel = out.panel
    if add_effect:
        hit = panel["area_code"].isin(tcodes) & (panel["year"] >= start)
        panel = panel.assign(value=panel["value"].where(~hit, panel["value"] + add_effect))
        result["notes"].append(
            f"Checking the method: {add_effect:+g} was added to the programme areas' values from {start}."
        )
    years = sorted(panel["year"].unique().tolist())
    try:
        pre, post, warns = windows(years, start, out.lag, out.cuts)
    except StudyError as exc:
        pre_n = panel[panel["area_code"].isin(tcodes) & (panel["year"] < start)]["year"].nunique()
        result["problem"] = (
            f"No comparison is possible: {meta['title']} is published from {first}, so the "
            f"programme areas have {plural(pre_n, 'year')} before the {start} start (at least two "
            "are needed to match comparators)."
            if pre_n < 2
            else f"No comparison is possible: {exc}."
        )
        return result | {"verdict": verdict(result)}
    result["warnings"] += warns
    use_imd = start > S.IMD_PUBLISHED and all(c in out.imd.index for c in tcodes)
    f = build_frame(out, panel, years, pre, post, use_imd)
    frame, raw, has_feat, both, idx, codes, yrs = (
        f.frame,
        f.raw,
        f.has_feat,
        f.both,
        f.idx,
        f.frame.codes,
        f.years,
    )
    result["notes"].append(
        "Areas are matched on the outcome's level and trend before the start"
        + (
            " and on deprivation (IMD 2019 average score, published before the start)."
            if use_imd
            else (
                "; IMD 2019 was published after the start, so deprivation is not used."
                if start <= S.IMD_PUBLISHED
                else "; no IMD 2019 average score is published for a programme area at this level."
            )
        )
    )
    t_ok = [c for c in tcodes if has_feat[idx[c]] and both[idx[c]]]
    if lost := sorted(set(tcodes) - set(t_ok)):
        result["warnings"].append(
            f"{len(lost)} programme area(s) without values both before and after left out: {', '.join(lost)}"
        )
    if not t_ok:
        result["problem"] = (
            "No comparison is possible: no programme area has at least two values before the start and one after."
        )
        return result | {"verdict": verdict(result)}
    excl = S.exclusions(reg, iv, tcodes, start, out)
    result["excluded"] = excl.to_dict("records")
    base = has_feat & both
    base[[idx[c] for c in tcodes]] = False
    # "neighbours kept" adds back every area touching a programme area, whatever else excluded it
    family_out = excl.loc[~excl["kind"].str.contains("neighbour"), "area_code"]
    eligible = base & ~np.isin(codes, excl["area_code"])
    with_nb = base & ~np.isin(codes, family_out)
    t_idx = np.array([idx[c] for c in t_ok])
    dist = np.sqrt(((frame.z - frame.z[t_idx].mean(0)) ** 2).sum(1))
    order = [i for i in np.lexsort((codes, dist)) if eligible[i]]
    target = raw[t_idx].mean(0)
    result["ranking"] = [
        {
            "rank": r + 1,
            "area_code": codes[i],
            "area_name": names[codes[i]],
            "distance": round(float(dist[i]), 3),
            "pre_mean": float(raw[i, 0]),
            "pre_slope": float(raw[i, 1]),
            **({"imd": float(raw[i, 2])} if use_imd else {}),
            "reason": f"before {start}: mean {raw[i, 0]:.1f} vs {target[0]:.1f}, trend {raw[i, 1]:+.2f}/yr vs {target[1]:+.2f}/yr"
            + (f", IMD {raw[i, 2]:.1f} vs {target[2]:.1f}" if use_imd else ""),
        }
        for r, i in enumerate(order)
    ]
    n_pool = PL.pool_size(len(t_idx))
    default_pool = [codes[i] for i in order[:n_pool]]
    if len(default_pool) < 2:
        result["problem"] = (
            "No comparison is possible: fewer than two eligible comparator areas remain."
        )
        return result | {"verdict": verdict(result)}
    chosen = default_pool
    if pool is not None:
        bad = [c for c in pool if c not in idx or not eligible[idx[c]]]
        if bad:
            raise StudyError(f"not eligible comparators for this comparison: {', '.join(bad)}")
        if len(pool) < 2:
            raise StudyError("choose at least two comparator areas")
        chosen = sorted(pool, key=lambda c: dist[idx[c]])
    result |= {
        "pool": chosen,
        "default_pool": default_pool,
        "pool_edited": chosen != default_pool,
        "pre_years": pre,
        "post_years": post,
    }
    contr = PL.contrasts(
        frame,
        t_idx,
        eligible,
        pool=np.array([idx[c] for c in chosen]),
        placebo_set=with_nb,
        seed=seed,
    )
    result["did"] = C.calibrated(contr, frame)
    if len(t_idx) > 1:
        _, counts = np.unique(frame.region[t_idx], return_counts=True)
        hosts = [
            r
            for r in set(frame.region[with_nb])
            if (frame.region[with_nb] == r).sum() >= counts.max()
        ]
        if len(hosts) < 3:
            result["warnings"].append(
                f"placebo groups with the programme's regional pattern fit in only {plural(len(hosts), 'region')}: "
                "the interval may understate what chance produces"
            )
    if result["pool_edited"]:
        result["notes"].append(
            "The pool was edited: placebo areas still choose their comparators by the standard rule."
        )
    nb = PL.contrasts(frame, t_idx, with_nb, spill=False, seed=seed)
    result["did_with_neighbours"] = C.calibrated(nb, frame) | {
        "added": [names[c] for c in codes[with_nb & ~eligible]]
    }
    result |= C.event(frame, contr, yrs, start, pre, out)
    result["placebo_starts"] = C.pretend(frame, contr, yrs, start, pre)
    result["synth"] = (
        C.synth(frame, t_idx, contr, names, yrs) if synth and len(t_idx) == 1 else None
    )
    result["sensitivity"] = SENS.for_study(frame, contr, yrs, result)  # honest: issue 16.3
    return result | {"verdict": verdict(result), "grade": grade(result)}
