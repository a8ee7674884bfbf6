"""Comparison with England, ranks and quintile classes for local-authority rows.

Comparisons follow the Fingertips convention: with a 95% CI, an area is *significantly* better or
worse than England when its interval excludes England's value, and similar when it includes it.
Without an interval nothing can be said about significance, so the words only say which way the
value lies — higher, lower or the same as England — never better or worse, whatever the polarity.
One function decides this for the map, the spine chart, the tables and the partnership pages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from atlas.text.formatting import STATUS_WORDS, fmt, ordinal, shown

BETTER, SIMILAR, WORSE, HIGHER, LOWER, SAME, NONE = (
    "Better than England",
    "Similar to England",
    "Worse than England",
    "Higher than England",
    "Lower than England",
    "Same as England",
    "No comparison",
)
#: the words used when no confidence interval is published: direction only, no judgement
BY_VALUE = (HIGHER, SAME, LOWER)
NOT_TESTED = "no confidence interval is published, so this is not a significance test"


def worded(label: str, has_ci: bool) -> str:
    """A comparison as a tooltip says it: by value only, it says that no test was made."""
    return f"{label} ({NOT_TESTED})" if label in BY_VALUE and not has_ci else label


def compare(value: float, lower: float, upper: float, england: float, polarity: str) -> str:
    """Compared with England.

    With a 95% CI: 'Better/Similar/Worse than England' (Higher/Similar/Lower for a neutral
    indicator). Without one: 'Higher/Same as/Lower than England' for every indicator, since a
    0.1-point gap without an interval may be noise."""
    if pd.isna(value) or pd.isna(england):
        return NONE
    if pd.isna(lower) or pd.isna(upper):
        side = int(np.sign(value - england))
        return HIGHER if side > 0 else LOWER if side < 0 else SAME
    side = 1 if lower > england else -1 if upper < england else 0
    if side == 0:
        return SIMILAR
    if polarity == "neutral":
        return HIGHER if side > 0 else LOWER
    good = side > 0 if polarity == "higher_better" else side < 0
    return BETTER if good else WORSE


def ranked(frame: pd.DataFrame, meta: pd.Series, england: float | None) -> pd.DataFrame:
    """Add rank (1 = best), rank text, quintile (1 = best / highest) and comparison to LA rows."""
    out = frame.copy()
    ok = out["value"].notna()
    ascending = meta["polarity"] == "lower_better"
    out["rank"] = out.loc[ok, "value"].rank(ascending=ascending, method="min").astype("Int64")
    n = int(ok.sum())
    word = "highest" if meta["polarity"] == "neutral" else "best"
    out["rank_text"] = [
        f"{ordinal(int(r))} {word} of {n}" if pd.notna(r) else "not ranked" for r in out["rank"]
    ]
    pct = out.loc[ok, "value"].rank(ascending=ascending, method="average", pct=True)
    out["quintile"] = np.ceil(pct * 5).clip(1, 5).astype("Int64")
    out["comparison"] = [
        compare(v, lo, hi, england if england is not None else np.nan, meta["polarity"])
        for v, lo, hi in zip(out["value"], out["lower_ci"], out["upper_ci"], strict=True)
    ]
    out["has_ci"] = out["lower_ci"].notna() & out["upper_ci"].notna()
    return out


def describe(frame: pd.DataFrame, meta: pd.Series) -> pd.DataFrame:
    """Human text columns: value, CI, status."""
    unit, dec = meta["unit"], int(meta["decimals"])
    out = frame.copy()
    out["value_text"] = [
        shown(v, s, unit, dec) for v, s in zip(out["value"], out["status"], strict=True)
    ]
    out["ci_text"] = [
        f"{fmt(lo, unit, dec)} to {fmt(hi, unit, dec)}" if pd.notna(lo) and pd.notna(hi) else ""
        for lo, hi in zip(out["lower_ci"], out["upper_ci"], strict=True)
    ]
    out["status_text"] = out["status"].map(
        lambda s: "published" if s == "ok" else STATUS_WORDS.get(s, str(s))
    )
    return out
