"""The checks beside the estimate: the event study with its chance band, the pre-trend test,
pretend start dates and the synthetic control (one area)."""

from __future__ import annotations

import math

import numpy as np

from atlas.evidence import calibrate as K
from atlas.evidence import drift as DR
from atlas.evidence import inference as INF
from atlas.evidence import placebo as PL
from atlas.evidence import study as S
from atlas.evidence.synth import calibrated_synth

SHIFTS = (-2, -3)


def calibrated(contr: PL.Contrasts, frame: PL.Frame, post=None, use=None) -> dict:
    est = contr.estimates(frame, post, use)
    out = PL.inverted(est, contr.exposure(frame, post, use))
    out["mde"] = PL.mde(est[1:], out["critical"])
    out["mde_power"] = PL.POWER
    out["placebos"] = (
        "every eligible area in turn"
        if len(contr.groups[0]) == 1
        else (
            f"{len(contr.groups) - 1} random groups of {len(contr.groups[0])} with the same regional pattern"
        )
    )
    return out


def event(
    frame: PL.Frame,
    contr: PL.Contrasts,
    yrs: np.ndarray,
    start: int,
    pre: list[int],
    out: S.Outcome,
) -> dict:
    gaps = contr.gaps(frame)
    ref = start - 1 if start - 1 in pre else pre[-1]
    r = list(yrs).index(ref)
    norm = gaps - gaps[:, [r]]
    rows = []
    for i, year in enumerate(yrs):
        pl = norm[1:, i]
        band = PL.interval(float(norm[0, i]), pl)
        crossed = [b for b in out.cuts if min(year, ref) < b <= max(year, ref)]
        notes = ["reference year (gap set to 0)"] if year == ref else []
        notes += [f"series break in {b}: not comparable with {ref}" for b in crossed]
        if start <= year < start + out.lag:
            notes.append(f"within the {out.lag}-year lag: not expected to respond yet")
        rows.append(
            {
                "year": int(year),
                "period": "pre" if year < start else "post",
                "diff": float(gaps[0, i]),
                "diff_norm": float(norm[0, i]),
                "band_low": band["ci_low"],
                "band_high": band["ci_high"],
                "outside_band": bool(
                    year != ref and not crossed and band["significant"] and year in pre
                ),
                "comparable": not crossed,
                "note": "; ".join(notes),
            }
        )
    pre_m = np.isin(yrs, pre)
    x = yrs[pre_m].astype(float)
    slopes, n, _ = K.gap_trends(gaps[:, pre_m], x)
    slopes[n < 3] = np.nan
    test = PL.interval(float(slopes[0]), slopes[1:])
    pre_trend = {
        "slope": float(slopes[0]),
        "p_value": test["p_value"],
        "n_years": int(pre_m.sum()),
        "differ": bool(test["significant"]),
        "level": test["level"],
    }
    return {"event": rows, "reference_year": int(ref), "pre_trend": pre_trend}


def pretend(
    frame: PL.Frame, contr: PL.Contrasts, yrs: np.ndarray, start: int, pre: list[int]
) -> list[dict]:
    out = []
    for s in SHIFTS:
        fake = start + s
        use = np.isin(yrs, pre)
        post = yrs >= fake
        if not (use & ~post).any() or not (use & post).any():
            out.append(
                {
                    "fake_start": fake,
                    "estimate": math.nan,
                    "ci_low": math.nan,
                    "ci_high": math.nan,
                    "significant": False,
                    "level": math.nan,
                    "note": f"no pre-period years on both sides of {fake}",
                }
            )
            continue
        r = calibrated(contr, frame, post, use)
        out.append(
            {"fake_start": fake}
            | {
                k: r[k]
                for k in ("estimate", "ci_low", "ci_high", "p_value", "level", "significant")
            }
            | {"note": ""}
        )
    return out


def pre_test_years(frame: PL.Frame, contr: PL.Contrasts, yrs: np.ndarray, pt: dict) -> dict:
    """The years the joint pre-test ``pt`` read: its pretend post period, the pre-start values it
    left out, and, when it has a drift part (a group's), that part's years with the programme's
    drift a year (``atlas.evidence.drift``)."""
    cols = INF.pretend_windows(frame)
    pretend = [int(yrs[c]) for c in cols[1]] if cols is not None else None
    left_out = INF.left_out_years(frame, yrs)
    drift = DR.describe(frame, contr, yrs) if "drift_p" in pt else {}
    return {"pretend_years": pretend, "left_out": left_out} | drift


def joint_row(r: dict, pre: list[int]) -> dict:
    """The joint test itself as a check: the whole comparison (same areas, comparators,
    adjustment and placebos) moved back to a pretend start before the real one, and for a group
    its gap's drift before the start (method 10); its finding names the part that carried it."""
    n, pt = len(pre), r["pre_test"]
    pretend = pt.get("pretend_years")
    if not pretend:
        out = pt.get("left_out") or [pre[-1]]
        why = f"{out[-1]}, the year programmes choose on, is left out of it"
        if len(out) > 1:
            why = (
                f"{out[-1]}, the value programmes choose on, and {' and '.join(map(str, out[:-1]))}, "
                f"the {len(out)}-year averages that share years with it, are left out of it"
            )
        return {
            "name": "the whole comparison at a pretend start",
            "ran": False,
            "reason": f"only {n} year{'s' if n != 1 else ''} before the start: the combined check "
            f"before it could not be run (it needs {INF.PRETEND_MIN_PRE + len(out) - 1}: {why})",
            "flag": False,
        }
    span = str(pretend[0]) if len(pretend) == 1 else f"{pretend[0]}–{pretend[-1]}"
    name = f"the whole comparison at a pretend start in {pretend[0]}"
    finding = (
        f"moved back to a pretend start in {pretend[0]}, the same comparison already "
        f"shows a change in {span} beyond what chance produces"
    )
    if "drift_p" in pt:
        a, b = pt["drift_years"]
        name += f", and the gap's drift over {a}–{b}"
        if DR.which(pt) == "drift":
            finding = drift_words(pt, r["outcome"]["unit_words"])
    return {
        "name": name,
        "ran": bool(pt.get("ran")),
        "reason": None,
        "flag": bool(pt.get("flag")),
        "finding": finding,
    }


def drift_words(pt: dict, unit: str) -> str:
    """The drift part's finding, in a lay reader's words (its p is the analysts'): "from 2004 to
    2010 the programme's areas rose about 1.05 percentage points a year against their comparators,
    more drift than chance produces"."""
    (a, b), x = pt["drift_years"], abs(pt["drift_slope"])
    way = "rose" if pt["drift_slope"] > 0 else "fell"
    return (
        f"from {a} to {b} the programme's areas {way} about {x:.{2 if x < 10 else 0}f} {unit} a "
        "year against their comparators, more drift than chance produces"
    )


def check_list(r: dict, pre: list[int], start: int) -> list[dict]:
    """The pre-period checks shown on the page, each ran / could not run (with a plain reason) /
    flagged: first the joint test (``pre_test``, which the verdict reads), then the separate
    checks one by one."""
    n = len(pre)
    few = f"only {n} year{'s' if n != 1 else ''} before the start"
    pt = r["pre_trend"]
    rows = [
        joint_row(r, pre),
        {
            "name": "trend of the gap before the start",
            "ran": pt["n_years"] >= 3 and math.isfinite(pt["slope"]),
            "reason": None
            if pt["n_years"] >= 3
            else f"{few}: trends before it could not be checked",
            "flag": bool(pt["differ"]),
        },
    ]
    for p in r["placebo_starts"]:
        ok = math.isfinite(p["estimate"])
        rows.append(
            {
                "name": f"pretend start in {p['fake_start']}",
                "ran": ok,
                "reason": None
                if ok
                else f"{few}: a pretend start in {p['fake_start']} could not be tried",
                "flag": bool(p["significant"]),
            }
        )
    years = [e for e in r["event"] if e["period"] == "pre" and e["year"] != r["reference_year"]]
    rows.append(
        {
            "name": "each year before the start (event study)",
            "ran": bool(years),
            "reason": None if years else f"{few}: no earlier year to compare with {start - 1}",
            "flag": any(e["outside_band"] for e in years),
        }
    )
    return rows


def synth(
    frame: PL.Frame, t_idx: np.ndarray, contr: PL.Contrasts, names: dict, yrs: np.ndarray
) -> dict | None:
    win = frame.window
    y = frame.y[:, win]
    post = frame.post[win]
    sc = calibrated_synth(frame, contr)
    if sc is None:
        return None
    donors = sc.pop("donors")
    w = sc.pop("weights")
    keep = np.argsort(-w)
    sc["weights"] = [
        {
            "area_code": frame.codes[donors[i]],
            "area_name": names[frame.codes[donors[i]]],
            "weight": round(float(w[i]), 3),
        }
        for i in keep
        if w[i] >= 0.005
    ]
    path = sc.pop("path")
    years = yrs[win]
    sc["fit"] = [
        {
            "year": int(j),
            "actual": float(y[t_idx[0], k]),
            "synthetic": float(path[k]),
            "period": "post" if post[k] else "pre",
        }
        for k, j in enumerate(years)
    ]
    return sc
