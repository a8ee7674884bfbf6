"""The before/after engine: one function, ``evaluate``, used by the page, the build (precomputed
results), the command line (``python -m pipelines evaluate``) and notebooks.

    from atlas.evidence.engine import evaluate, duckdb_reader
    r = evaluate(duckdb_reader("data/atlas.duckdb"), outcome="he19_all", iv="CUA-NCL")

It returns a plain dict (JSON-serialisable): the treated areas, every exclusion with its reason,
the ranked comparators, the difference-in-differences estimate with its calibrated interval
(achieved level printed), p-value and minimum detectable effect, the same without excluding
neighbours, the event study with placebo bands, the pre-trend test, pretend start dates, the
synthetic control (one area) and the verdict. No Streamlit.

``evaluate`` runs named steps, each testable alone: resolve the areas (``atlas.evidence.resolve``)
→ the study's arrays (``study_frame``) → exclusions (``eligibility``) → comparators
(``comparators``) → estimate and placebos (``estimate``) → checks (``run_checks``) → verdict.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np

from atlas.data.sql import run
from atlas.evidence import checks as C
from atlas.evidence import groups as GR
from atlas.evidence import inference as INF
from atlas.evidence import placebo as PL
from atlas.evidence import resolve as R
from atlas.evidence import sensitivity as SENS
from atlas.evidence import set_pools as SP
from atlas.evidence import study as S
from atlas.evidence.frames import Built, StudyError, build_frame, windows
from atlas.evidence.grade import grade
from atlas.evidence.verdict import verdict
from atlas.text.formatting import plural

__all__ = ["METHOD_VERSION", "StudyError", "duckdb_reader", "evaluate"]

METHOD_VERSION = "studentised-band/10"


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
    cset: str | None = None,
    add_effect: float = 0.0,
    seed: int = 0,
    synth: bool = True,
    memo: dict | None = None,
) -> dict:
    """One study. ``memo`` (a dict the caller keeps) holds what was read; ``cset``: set_pools."""
    memo = {} if memo is None else memo
    out, reg = R.inputs(read, memo, outcome, iv)
    result = R.header(out, add_effect, METHOD_VERSION)
    names = dict(zip(out.areas["area_code"], out.areas["area_name"], strict=False))
    geo = out.meta["geography"]
    if iv:
        treated, start = R.from_register(reg, iv, geo, start, result)
    else:
        treated = R.from_codes(read, memo, areas, geo, names)
    start = R.check_start(start)
    result |= {"start": start, "treated": treated.to_dict("records")}
    tcodes, problem = treated["area_code"].tolist(), None
    if R.outside_england(tcodes):
        out, problem = R.uk_inputs(read, memo, outcome, tcodes, result)
    if problem or (problem := R.refusal(out, tcodes, start)):
        return _done(result, problem)
    f, problem = study_frame(out, tcodes, start, add_effect, result)
    if f is None:
        return _done(result, problem)
    t_ok = [c for c in tcodes if f.has_feat[f.idx[c]] and f.both[f.idx[c]]]
    if lost := sorted(set(tcodes) - set(t_ok)):
        result["warnings"].append(
            f"{len(lost)} programme area(s) without values both before and after left out: {', '.join(lost)}"
        )
    if not t_ok:
        return _done(
            result,
            "No comparison is possible: no programme area has at least two values before the start and one after.",
        )
    excl = S.exclusions(reg, iv, tcodes, start, out)
    result["excluded"] = excl.to_dict("records")
    eligible, with_nb = eligibility(f, tcodes, excl)
    t_idx = np.array([f.idx[c] for c in t_ok])
    pool, sets = SP.for_study(read, memo, cset, f, tcodes, eligible, pool, geo)
    chosen = comparators(f, t_idx, eligible, names, start, pool, result)
    if chosen is None:
        return _done(
            result, "No comparison is possible: fewer than two eligible comparator areas remain."
        )
    contr = estimate(f, t_idx, eligible, with_nb, chosen, names, seed, result, sets)
    run_checks(f, t_idx, contr, out, start, names, synth, result)
    return _finish(result)


def _done(result: dict, problem: str) -> dict:
    result["problem"] = problem
    return _finish(result)


def _finish(result: dict) -> dict:
    """The verdict read from the result, and its evidence grade (a refused study is graded too)."""
    return result | {"verdict": verdict(result), "grade": grade(result)}


def study_frame(
    out: S.Outcome, tcodes: list[str], start: int, add_effect: float, result: dict
) -> tuple[Built | None, str | None]:
    """The outcome as arrays around the start (an added effect applied for method checks), with
    the window's warnings and the matching note; (None, reason) when the series cannot give a
    window."""
    meta, first = out.meta, int(out.meta["first_year"])
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
        return None, (
            f"No comparison is possible: {meta['title']} is published from {first}, so the "
            f"programme areas have {plural(pre_n, 'year')} before the {start} start (at least two "
            "are needed to match comparators)."
            if pre_n < 2
            else f"No comparison is possible: {exc}."
        )
    result["warnings"] += warns
    use_imd = start > S.IMD_PUBLISHED and all(c in out.imd.index for c in tcodes)
    result["notes"].append(_matching_note(use_imd, start))
    return build_frame(out, panel, years, pre, post, use_imd), None


def _matching_note(use_imd: bool, start: int) -> str:
    return "Areas are matched on the outcome's level and trend before the start" + (
        " and on deprivation (IMD 2019 average score, published before the start)."
        if use_imd
        else (
            "; IMD 2019 was published after the start, so deprivation is not used."
            if start <= S.IMD_PUBLISHED
            else "; no IMD 2019 average score is published for a programme area at this level."
        )
    )


def eligibility(f: Built, tcodes: list[str], excl) -> tuple[np.ndarray, np.ndarray]:
    """Possible comparators (with data, not treated, not excluded) and the same with every area
    touching a programme area added back, whatever else excluded it ("neighbours kept")."""
    codes = f.frame.codes
    base = f.has_feat & f.both
    base[[f.idx[c] for c in tcodes]] = False
    family_out = excl.loc[~excl["kind"].str.contains("neighbour"), "area_code"]
    eligible = base & ~np.isin(codes, excl["area_code"])
    with_nb = base & ~np.isin(codes, family_out)
    return eligible, with_nb


def comparators(
    f: Built,
    t_idx: np.ndarray,
    eligible: np.ndarray,
    names: dict,
    start: int,
    pool: list[str] | None,
    result: dict,
) -> list[str] | None:
    """Every eligible area ranked by distance with its reason; the default pool (the nearest) or
    the user's; None when fewer than two remain."""
    frame, raw, codes, use_imd = f.frame, f.raw, f.frame.codes, f.use_imd
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
    default_pool = [codes[i] for i in order[: PL.pool_size(len(t_idx))]]
    if len(default_pool) < 2:
        return None
    chosen = default_pool
    if pool is not None:
        bad = [c for c in pool if c not in f.idx or not eligible[f.idx[c]]]
        if bad:
            raise StudyError(f"not eligible comparators for this comparison: {', '.join(bad)}")
        if len(pool) < 2:
            raise StudyError("choose at least two comparator areas")
        chosen = sorted(pool, key=lambda c: dist[f.idx[c]])
    result |= {
        "pool": chosen,
        "default_pool": default_pool,
        "pool_edited": chosen != default_pool,
        "pre_years": f.pre,
        "post_years": f.post_years,
    }
    return chosen


def estimate(
    f: Built,
    t_idx: np.ndarray,
    eligible: np.ndarray,
    with_nb: np.ndarray,
    chosen: list[str],
    names: dict,
    seed: int,
    result: dict,
    sets: tuple | None = None,
) -> PL.Contrasts:
    """The difference-in-differences with its placebos and calibrated interval, and the same with
    neighbours kept; a warning when placebo groups fit in few regions."""
    frame = f.frame
    pool_idx = np.array([f.idx[c] for c in chosen])
    contr = SP.contrasts(frame, t_idx, eligible, with_nb, pool_idx, seed, sets)
    everyone = f.has_feat & f.both  # the adjustment is fitted on every area with data
    inf = INF.infer(frame, t_idx, eligible, with_nb, contr=contr, fit_on=everyone)
    result["did"] = _did(inf, len(t_idx))
    result["pre_test"] = inf.pre_test
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
    if result["pool_edited"] or sets is not None:  # placebos by the standard rule, or the set's
        result["notes"].append(SP.note(sets))
    nb = INF.infer(frame, t_idx, with_nb, with_nb, seed=seed, fit_on=everyone)
    result["did_with_neighbours"] = _did(nb, len(t_idx)) | {
        "added": [names[c] for c in frame.codes[with_nb & ~eligible]]
    }
    return contr


def _did(inf: INF.Inference, k: int) -> dict:
    n = len(inf.contr.groups) - 1
    return inf.did | {
        "placebos": (
            f"the {n} eligible areas nearest the programme area before the start, each in turn"
            if k == 1
            else f"{n} groups of {k} drawn from the programme areas' own band, same regional "
            f"pattern; {GR.band_words(inf.did)}"
        ),
        "statistic": "estimate over its own noise (studentised), placebo quantiles either side",
    }


def run_checks(
    f: Built,
    t_idx: np.ndarray,
    contr: PL.Contrasts,
    out: S.Outcome,
    start: int,
    names: dict,
    synth: bool,
    result: dict,
) -> None:
    """The event study and pre-trend test, the pretend starts and the synthetic control."""
    frame, yrs = f.frame, f.years
    result |= C.event(frame, contr, yrs, start, f.pre, out)
    result["placebo_starts"] = C.pretend(frame, contr, yrs, start, f.pre)
    result["pre_test"] |= C.pre_test_years(frame, contr, yrs, result["pre_test"])
    result["pre_test"]["checks"] = C.check_list(result, f.pre, start)
    result["synth"] = (
        C.synth(frame, t_idx, contr, names, yrs) if synth and len(t_idx) == 1 else None
    )
    result["sensitivity"] = SENS.for_study(frame, contr, yrs, result)  # Rambachan-Roth
