"""Drift checks: what must hold before a new release may replace the file in data/raw.

Each problem is one line naming the file, the column or code, and the reason. A series the
publisher no longer sends is not a problem: it is kept from the last good release and flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from pipelines.refresh.kinds import Kind

SCALE = 20.0  # a median new/old ratio beyond this (or below its inverse) is a change of unit
PERCENT = {"%", "percentage", "per cent"}
MAX_SHOWN = 5


@dataclass
class Drift:
    problems: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)  # series kept from the last good release


def period_key(period: str) -> tuple:
    """Order periods by their first year, then as text ('2015 - 17' < '2016 - 18')."""
    m = re.search(r"(\d{4})", str(period))
    return (int(m.group(1)) if m else 0, str(period))


def columns(file: str, kind: Kind, cols: list[str]) -> list[str]:
    """Columns missing (renamed?) or new: the stored layout must stay as staging reads it."""
    missing = [c for c in kind.columns if c not in cols]
    extra = [c for c in cols if c not in kind.columns]
    out = []
    for col in missing:
        hint = f" (renamed? the new file has {extra})" if extra else ""
        out.append(f"{file}: column '{col}' is missing{hint}")
    if extra and not missing:
        out.append(f"{file}: new column(s) {extra}: the publisher changed the file's layout")
    return out


def check(file: str, old: pd.DataFrame, new: pd.DataFrame, known: set[str]) -> Drift:
    """Compare two tidy frames (``kinds.tidy``); ``known`` are the atlas's area codes."""
    drift = Drift()
    old_s, new_s = set(old["series"]), set(new.loc[new["value"].notna(), "series"])
    if not new_s:
        drift.problems.append(
            f"{file}: the new file holds no values (a blank release); the last good release is kept"
        )
        return drift
    drift.withdrawn = sorted(old_s - new_s)
    common = old_s & new_s
    o, n = old[old["series"].isin(common)], new[new["series"].isin(common)]
    drift.problems += _codes(file, o, n, known)
    drift.problems += _periods(file, o, n)
    drift.problems += _units(file, o, n)
    drift.problems += _range(file, o, n)
    return drift


def _codes(file: str, o: pd.DataFrame, n: pd.DataFrame, known: set[str]) -> list[str]:
    out = []
    prefixes = {c[:3] for c in o["area_code"]}
    names = dict(zip(n["area_code"], n["area_name"], strict=False))
    added = sorted(set(n["area_code"]) - set(o["area_code"]))
    for code in [c for c in added if c[:3] not in prefixes][:MAX_SHOWN]:
        out.append(
            f"{file}: area code {code} ({names.get(code, '')}): a new geography code scheme "
            f"(no {code[:3]} codes in the current file)"
        )
    for code in [c for c in added if c[:3] in prefixes and c not in known][:MAX_SHOWN]:
        out.append(
            f"{file}: area code {code} ({names.get(code, '')}) is not in the atlas's geography: "
            "a new boundary vintage? (update the geography lookups first)"
        )
    old_names = dict(zip(o["area_code"], o["area_name"], strict=False))
    for code in sorted(set(o["area_code"]) - set(n["area_code"]))[:MAX_SHOWN]:
        out.append(f"{file}: area {code} ({old_names.get(code, '')}) disappeared from the new file")
    return out


def _periods(file: str, o: pd.DataFrame, n: pd.DataFrame) -> list[str]:
    """Every period held must still be there, and the latest must not go back in time."""
    out = []
    for series, grp in o.groupby("series"):
        old_p = set(grp["period"])
        new_p = set(n.loc[n["series"] == series, "period"])
        was, now = max(old_p, key=period_key), max(new_p, key=period_key, default="")
        gone = sorted(old_p - new_p, key=period_key)
        if gone:
            out.append(
                f"{file}: series '{series}': period(s) {gone} vanished from the new file "
                f"(latest now {now or 'none'}, was {was})"
            )
        elif period_key(now) < period_key(was):
            out.append(f"{file}: series '{series}': periods go backwards (latest {now}, was {was})")
    return out


def _units(file: str, o: pd.DataFrame, n: pd.DataFrame) -> list[str]:
    out = []
    for series, grp in o.groupby("series"):
        new = n[n["series"] == series]
        was, now = set(grp["unit"]) - {""}, set(new["unit"]) - {""}
        if was and now and was != now:
            out.append(
                f"{file}: series '{series}': unit changed from {sorted(was)} to {sorted(now)}"
            )
            continue
        both = grp.merge(new, on=["area_code", "period"], suffixes=("_old", "_new")).dropna(
            subset=["value_old", "value_new"]
        )
        both = both[both["value_old"] != 0]
        if len(both):
            ratio = (both["value_new"] / both["value_old"]).abs().median()
            if ratio > SCALE or ratio < 1 / SCALE:
                out.append(
                    f"{file}: series '{series}': values are about ×{ratio:.3g} the current "
                    "file's for the same areas and periods (a change of unit or scale)"
                )
    return out


def _range(file: str, o: pd.DataFrame, n: pd.DataFrame) -> list[str]:
    """Percentages within 0–100; every value within the current file's range widened by its span."""
    out = []
    for series, grp in o.groupby("series"):
        vals = grp["value"].dropna()
        new = n[(n["series"] == series) & n["value"].notna()]
        if vals.empty or new.empty:
            continue
        span = max(vals.max() - vals.min(), abs(vals.max()) * 0.1, 1e-9)
        lo, hi = vals.min() - span, vals.max() + span
        if set(grp["unit"]).pop().strip().lower() in PERCENT:
            lo, hi = max(lo, 0.0), min(hi, 100.0)
        bad = new[(new["value"] < lo) | (new["value"] > hi)]
        for r in bad.head(2).itertuples():
            out.append(
                f"{file}: series '{series}', area {r.area_code}, {r.period}: value {r.value:g} is "
                f"outside the plausible range {lo:.4g} to {hi:.4g}"
            )
    return out
