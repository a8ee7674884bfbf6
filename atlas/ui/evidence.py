"""The before/after page's data: precomputed results from ``evidence.results`` for the default
pool, the engine run live (and cached per build) when the pool is edited or a pair was not
precomputed, and the result's tables shaped for display. The estimation is ``atlas.evidence``."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data.db import query, version
from atlas.evidence.engine import METHOD_VERSION, StudyError, evaluate
from atlas.evidence.grade import of as grade_of
from atlas.evidence.jsonable import to_json
from atlas.evidence.study import outcomes as _outcomes
from atlas.ui.state import CODE


def outcomes() -> pd.DataFrame:
    return _outcomes(query)


def interventions(reg: pd.DataFrame) -> pd.DataFrame:
    """Interventions a before/after can be asked for: a start year and at least one English district."""
    return reg[reg["start_year"].notna() & (reg["n_areas"] > 0)]


def result(iv: str, ind: str, pool: tuple[str, ...] | None = None, cset: str | None = None) -> dict:
    """The study: precomputed when the pool is the default; ``cset``: the set the pool is from."""
    if pool is None:
        stored = query("evidence_result", iv=iv, ind=ind)
        if len(stored) and stored["method_version"].iloc[0] == METHOD_VERSION:
            return json.loads(stored["result_json"].iloc[0])
    return _live(version(), iv, ind, pool, cset)


@st.cache_data(max_entries=64, show_spinner="Comparing before and after…")
def _live(build: str, iv: str, ind: str, pool: tuple[str, ...] | None, cset=None) -> dict:
    try:
        r = evaluate(query, outcome=ind, iv=iv, pool=list(pool) if pool else None, cset=cset)
    except StudyError as exc:
        return {"problem": f"No comparison is possible: {exc}."}
    r.setdefault("grade", grade_of(r))
    return json.loads(to_json(r))


def parse_pool(raw: str | None, r: dict) -> tuple[list[str] | None, list[str]]:
    """A pool from the URL: eligible codes kept in order, anything else reported."""
    if not raw:
        return None, []
    eligible = {x["area_code"] for x in r.get("ranking", [])}
    asked = [p.strip() for p in raw.split(",") if p.strip()]
    kept = list(dict.fromkeys(c for c in asked if CODE.match(c) and c in eligible))
    return (kept or None), [c for c in asked if c not in eligible]


def pool_table(r: dict) -> pd.DataFrame:
    ranking = pd.DataFrame(r["ranking"])
    shown = ranking[ranking["area_code"].isin(r["pool"])]
    cols = {
        "rank": "Rank",
        "area_name": "Area",
        "area_code": "Code",
        "reason": "Why chosen",
        "pre_mean": "Mean before",
        "pre_slope": "Trend before (per year)",
        "imd": "IMD 2019 score",
        "distance": "Distance",
    }
    return (
        shown[[c for c in cols if c in shown]].rename(columns=cols).round(2).reset_index(drop=True)
    )


def treated_table(r: dict) -> pd.DataFrame:
    return pd.DataFrame(r["treated"], columns=["area_code", "area_name", "districts"])


def excluded_table(r: dict) -> pd.DataFrame:
    frame = pd.DataFrame(
        r.get("excluded", []), columns=["area_name", "area_code", "kind", "reason"]
    )
    return frame.rename(
        columns={
            "area_name": "Area",
            "area_code": "Code",
            "kind": "Excluded as",
            "reason": "Reason",
        }
    )


def side_by_side(r: dict, analysts: bool = False) -> pd.DataFrame:
    """The estimate with neighbours excluded (the default) and with them kept; the interval's
    level, placebo count and p-value only in the analysts' version."""
    rows = []
    for label, d in (
        ("Neighbours excluded (default)", r["did"]),
        ("Neighbours kept (touching areas added back)", r["did_with_neighbours"]),
    ):
        row = {
            "Comparison": label,
            "Estimate": round(d["estimate"], 2),
            "Range low": _r(d["ci_low"]),
            "Range high": _r(d["ci_high"]),
        }
        if analysts:
            row |= {
                "Level achieved": f"{d['level']:.1%}" if d.get("level") else "–",
                "Placebos": d["n_placebos"],
                "p-value": _r(d["p_value"], 3),
            }
        rows.append(row)
    return pd.DataFrame(rows)


def _r(x: float | None, d: int = 2) -> float | None:
    return None if x is None else round(float(x), d)


def event_table(r: dict) -> pd.DataFrame:
    cols = {
        "year": "Year",
        "period": "Before/after",
        "diff": "Gap",
        "diff_norm": "Gap vs reference year",
        "band_low": "Chance band low",
        "band_high": "Chance band high",
        "comparable": "Comparable",
        "note": "Note",
    }
    frame = pd.DataFrame(r["event"])
    return frame[list(cols)].rename(columns=cols).round(2)


def pretend_table(r: dict) -> pd.DataFrame:
    frame = pd.DataFrame(r["placebo_starts"]).rename(
        columns={
            "fake_start": "Pretend start",
            "estimate": "Estimate",
            "ci_low": "Interval low",
            "ci_high": "Interval high",
            "p_value": "p-value",
            "significant": "Beyond chance",
            "note": "Note",
        }
    )
    keep = [
        "Pretend start",
        "Estimate",
        "Interval low",
        "Interval high",
        "p-value",
        "Beyond chance",
        "Note",
    ]
    frame = frame[[c for c in keep if c in frame]].copy()
    for col in ("Estimate", "Interval low", "Interval high"):  # one format: signed, 2 dp
        frame[col] = [f"{v:+.2f}" if v is not None and v == v else "" for v in frame[col]]
    if "p-value" in frame:
        frame["p-value"] = [
            f"{v:.3f}" if v is not None and v == v else "" for v in frame["p-value"]
        ]
    return frame if frame["Note"].astype(bool).any() else frame.drop(columns="Note")


def synth_sentence(r: dict) -> str | None:
    s = r.get("synth")
    if not s:
        return None
    name = r["treated"][0]["area_name"]
    parts = " + ".join(f"{w['weight']:.2f} {w['area_name']}" for w in s["weights"])
    return f"synthetic {name} = {parts}"


def synth_fit(r: dict) -> pd.DataFrame:
    frame = pd.DataFrame(r["synth"]["fit"])
    frame["gap"] = frame["actual"] - frame["synthetic"]
    return frame.round(2)


def mde_sentence(r: dict) -> str | None:
    """The smallest change the comparison could see, unless the verdict already says it."""
    d, unit = r["did"], r["outcome"]["unit_words"]
    if not np.isfinite(d.get("mde") or np.nan):
        return "Too few comparison areas to say how large a change this comparison could see."
    if "would reliably notice" in r["verdict"]["headline"]:
        return None
    return (
        f"This comparison would reliably notice a change of about ±{d['mde']:.1f} {unit}; "
        "smaller effects would go unseen."
    )


def estimate_sentence(r: dict) -> str:
    """The estimate with its range, in one sentence a lay reader can take away."""
    d, unit = r["did"], r["outcome"]["unit_words"]
    who = r["treated"][0]["area_name"] if len(r["treated"]) == 1 else "the programme areas"
    head = f"Best estimate of the change in {who} beyond similar areas: {d['estimate']:+.1f} {unit}"
    if not np.isfinite(d.get("ci_low") or np.nan):
        return head + "."
    return (
        f"{head}; anything from {d['ci_low']:+.1f} to {d['ci_high']:+.1f} fits the data "
        f"(a range like this holds the true change {d['level']:.0%} of the time)."
    )


def twin(r: dict) -> dict | None:
    """The synthetic twin in words, with the regions it is built from and a note when none of
    them is the programme area's own region."""
    s = r.get("synth")
    if not s:
        return None
    from atlas.data.areas import areas

    look = areas()
    t = r["treated"][0]
    home = look["region_name"].get(t["area_code"])
    parts = ", ".join(f"{round(w['weight'] * 100)}% {w['area_name']}" for w in s["weights"])
    regions = list(dict.fromkeys(look["region_name"].get(w["area_code"]) for w in s["weights"]))
    regions = [x for x in regions if isinstance(x, str)]
    far = None
    if home and home not in regions:
        far = (
            f"None of these areas is in the {home}: the twin comes from "
            + " and ".join(f"the {x}" for x in regions)
            + ", so it matches the past figures, not the place, and shares no local events."
        )
    return {
        "sentence": f"Its synthetic twin is the mix of areas whose past best matches "
        f"{t['area_name']}'s: {parts}.",
        "far": far,
        "regions": regions,
    }


def sensitivity_table(r: dict) -> pd.DataFrame:
    s = r.get("sensitivity") or {}
    rows = s.get("ranges") or []
    return pd.DataFrame(
        [
            {
                "M̄ (times the worst pre-start wobble)": x["mbar"],
                "Range low": _r(x["low"]),
                "Range high": _r(x["high"]),
                "Excludes zero": x["excludes_zero"],
            }
            for x in rows
        ]
    )


def programmes_for(group: str) -> list[str]:
    """Pooled (staggered-start) programme estimates that include this programme group."""
    from atlas.evidence.staggered import PROGRAMMES

    return [name for name, groups in PROGRAMMES.items() if group in groups]


def pooled(programme: str, ind: str) -> dict:
    stored = query("evidence_result", iv=f"programme:{programme}", ind=ind)
    if len(stored) and stored["method_version"].iloc[0] == METHOD_VERSION:
        return json.loads(stored["result_json"].iloc[0])
    return _pooled_live(version(), programme, ind)


@st.cache_data(max_entries=16, show_spinner="Pooling the programme's places…")
def _pooled_live(build: str, programme: str, ind: str) -> dict:
    from atlas.evidence.staggered import pooled as run_pooled

    try:
        return json.loads(to_json(run_pooled(query, programme=programme, outcome=ind)))
    except StudyError as exc:
        return {"problem": f"No comparison is possible: {exc}."}


def breaks_table(r: dict) -> pd.DataFrame:
    return pd.DataFrame(r.get("breaks", []))


def smc_reading(iv: str, start: int) -> dict:
    """The Social Mobility Commission's own two-period reading for the intervention's districts."""
    from atlas.data import mobility
    from atlas.data.partnerships import coverage

    cov = coverage()
    return mobility.before_after(cov.loc[cov["intervention_id"] == iv, "area_code"].tolist(), start)
