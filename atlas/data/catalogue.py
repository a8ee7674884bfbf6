"""The data catalogue: every indicator with its definition, coverage, source, licence and breaks.

One named query each for indicators and series breaks; the rest is wording for people (polarity
and geography in words, periods as a range) and the search the catalogue page offers.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from atlas.data.db import query, version
from atlas.text import releases

DOMAINS = {
    "attainment": "Attainment",
    "he_participation": "Higher education participation",
    "skills": "Skills and qualifications",
    "labour": "Economic inactivity and labour",
    "health": "Health inequality",
    "deprivation": "Deprivation",
    "context": "Context",
    "mobility": "Social mobility (SMC)",
}
POLARITY = {
    "higher_better": "Higher is better",
    "lower_better": "Lower is better",
    "neutral": "Neither direction is better (context measure)",
}
GEOGRAPHY = {
    "lad": "Local authority districts (lower tier), plus England, regions and combined "
    "authorities where the publisher gives them",
    "utla": "Upper-tier local authorities (counties, unitaries, metropolitan and London boroughs), "
    "plus England and regions; a district takes its county's value",
    "smc": "The Social Mobility Commission's 205 UK areas (mostly upper-tier authorities; Northern "
    "Ireland as one area); a district takes its SMC area's value",
}
PERIOD_TYPE = {
    "academic": "academic years",
    "calendar": "calendar years",
    "financial": "financial years",
    "3-year": "rolling 3-year periods",
    "snapshot": "single editions",
    "pooled": "pooled multi-year periods",
}
SEARCHED = (
    "indicator_id",
    "title",
    "short_title",
    "family_title",
    "definition",
    "domain",
    "domain_title",
    "subgroup",
    "publisher",
    "source_title",
)


def entries() -> pd.DataFrame:
    """The catalogue, one row per indicator, with words for codes and the family's series breaks."""
    return _entries(version()).copy()


def data_as_of(row: dict | pd.Series) -> str:
    """The indicator's "data as of" line: period held, release, next release due (today's date
    decides whether "a newer release may exist")."""
    return releases.data_as_of(row)


def is_overdue(row: dict | pd.Series) -> bool:
    return releases.overdue(row.get("next_release"))


def freshness(cat: pd.DataFrame) -> str:
    """One sentence for the top of the catalogue: how many indicators are past their next release."""
    late = int(sum(releases.overdue(d) for d in cat["next_release"]))
    if not late:
        return "Every indicator holds its publisher's latest scheduled release."
    return (
        f"{late} of {len(cat)} indicators are past their publisher's next release date: "
        f"{releases.OVERDUE} (marked below; `make refresh` takes it in)."
    )


def nations_words(councils: list[str], totals: list[str]) -> str:
    """'England only', or which nations' councils publish it and which national totals exist."""
    if set(councils) <= {"England"} and set(totals) <= {"England"}:
        return "England only"
    words = f"councils in {', '.join(councils)}" if councils else "no council figures"
    return words + (f"; published totals for {', '.join(totals)}" if totals else "")


@st.cache_data(max_entries=2, show_spinner=False)
def _entries(build: str) -> pd.DataFrame:
    cat = query("catalogue_indicators")
    breaks = query("catalogue_series_breaks")
    by_family = {
        fam: grp[["period", "note"]].to_dict("records")
        for fam, grp in breaks.groupby("indicator_family", sort=False)
    }
    cat["periods"] = cat["periods"].map(list)
    cat["domain_title"] = cat["domain"].map(DOMAINS).fillna(cat["domain"])
    cat["polarity_words"] = cat["polarity"].map(POLARITY).fillna(cat["polarity"])
    cat["geography_words"] = cat["geography"].map(GEOGRAPHY).fillna(cat["geography"])
    cat["coverage"] = [
        coverage(p, t) for p, t in zip(cat["periods"], cat["period_type"], strict=True)
    ]
    cat["breaks"] = cat["family"].map(lambda f: by_family.get(f, []))
    cat["nations_words"] = [
        nations_words(list(c), list(t))
        for c, t in zip(cat["council_nations"], cat["national_totals"], strict=True)
    ]
    order = {d: i for i, d in enumerate(DOMAINS)}
    cat = cat.assign(_o=cat["domain"].map(order).fillna(len(order)))
    return (
        cat.sort_values(["_o", "family", "indicator_id"]).drop(columns="_o").reset_index(drop=True)
    )


def coverage(periods: list[str], period_type: str) -> str:
    """'2015/16 to 2023/24 (9 academic years)' — or a single period, or 'no published values'."""
    if not periods:
        return "no published values"
    kind = PERIOD_TYPE.get(period_type, "periods")
    if len(periods) == 1:
        one = "edition" if period_type == "snapshot" else kind.removesuffix("s")
        return f"{periods[0]} (one {one})"
    return f"{periods[0]} to {periods[-1]} ({len(periods)} {kind})"


def search(cat: pd.DataFrame, text: str | None, domains: list[str] | None = None) -> pd.DataFrame:
    """Rows whose title, definition, domain, source… contain every word of ``text`` (any case)."""
    out = cat
    if domains:
        out = out[out["domain"].isin(domains)]
    words = [w for w in re.split(r"\s+", (text or "").strip().lower()) if w]
    if not words:
        return out
    haystack = out[list(SEARCHED)].fillna("").astype(str).agg(" ".join, axis=1).str.lower()
    keep = pd.Series(True, index=out.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return out[keep]


def first(cat: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """The same rows with ``indicator_id``'s domain first and the indicator first within it."""
    row = cat[cat["indicator_id"] == indicator_id]
    if row.empty:
        return cat
    domain = row["domain"].iloc[0]
    rank = (cat["domain"] != domain).astype(int) * 2 + (cat["indicator_id"] != indicator_id).astype(
        int
    )
    return cat.assign(_r=rank).sort_values("_r", kind="stable").drop(columns="_r")


def metadata_table(cat: pd.DataFrame) -> pd.DataFrame:
    """The catalogue as a flat table for download (lists joined, words instead of codes)."""
    flat = cat.drop(columns=["breaks", "periods"]).copy()
    flat["periods"] = cat["periods"].map("; ".join)
    flat["series_breaks"] = cat["breaks"].map(
        lambda b: "; ".join(f"{x['period']}: {x['note']}" for x in b)
    )
    return flat
