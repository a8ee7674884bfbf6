"""Partnerships: the intervention register (filters, coverage map, timeline, detail). The
before/after comparison is ``atlas.evidence`` (estimation) and ``atlas.ui.evidence`` (page data).


Data come through named queries (``sql/queries/partnerships_*.sql``); figures are functions of
DataFrames. No widgets here.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import streamlit as st

from atlas.data.db import query, version
from atlas.text.comparison import compare
from atlas.text.formatting import fmt, link
from atlas.text.formatting import md as md  # the app's one escaping function, also as P.md

ENGLAND = "E92000001"
KEY_INDICATORS = [
    "ks4_att8_all",
    "ks4_att8_disadv",
    "he19_all",
    "he19_fsm",
    "employment_rate",
    "claimant_rate",
    "le_female",
    "le_male",
]
NO_REGION = "No English areas (national, Wales, Scotland or Northern Ireland)"
#: Themes are free text in the register; these keyword groups make them filterable.
THEMES = {
    "Education and attainment": r"educat|school|attainment|early years|teach|literacy|KS2|GCSE|attendance|family hub|learning",
    "Access to higher education": r"higher education|HE access|widening access|IntoUniversity|post-16|universit",
    "Skills and jobs": r"skill|employ|jobs|apprentice|careers|unemployment|inactivity|talent",
    "Health and wellbeing": r"health|wellbeing|obesity|sport|physical activity|care|medicine|disease|ageing",
    "Economy and innovation": r"econom|growth|innovation|business|R&D|enterprise|start-up|scale-up|spin-out|productiv|manufactur|industr|tech|export|fintech",
    "Place, housing and regeneration": r"regenerat|housing|transport|infrastructure|communit|place|coastal|urban|city",
    "Culture and creative": r"cultur|arts|festival|creative|media|heritage",
    "Net zero and environment": r"net zero|carbon|climate|sustainab|environment|energy|retrofit|water|biodiversity|green",
    "Social mobility and inequality": r"social mobility|inequalit|poverty|aspiration|inclusive|fair",
}
# ---- the register --------------------------------------------------------------------------------


def register() -> pd.DataFrame:
    """Every intervention (list columns as Python lists), indexed by id."""
    return _register(version()).copy()


@st.cache_data(max_entries=2, show_spinner=False)
def _register(build: str) -> pd.DataFrame:
    frame = query("partnerships_register")
    for col in ("themes", "source_titles", "source_urls", "listed_codes", "flags", "regions"):
        frame[col] = frame[col].map(lambda v: [] if v is None else list(v))
    frame["theme_groups"] = frame["themes"].map(theme_groups)
    frame["corrections"] = frame["corrections"].map(lambda v: [] if v is None else list(v))
    return frame.set_index("intervention_id", drop=False)


def coverage() -> pd.DataFrame:
    return query("partnerships_areas")


def theme_groups(themes: list[str]) -> list[str]:
    text = "; ".join(themes)
    return [g for g, pattern in THEMES.items() if re.search(pattern, text, re.I)]


def filter_options(reg: pd.DataFrame) -> dict[str, list[str]]:
    firsts = reg.groupby("programme_group")["start_year"].min().sort_values(na_position="last")
    regions = sorted({r for rs in reg["regions"] for r in rs})
    years = reg["start_year"].dropna().astype(int)
    this_year = pd.Timestamp.now().year
    return {
        "prog": firsts.index.tolist(),
        "type": sorted(reg["type"].dropna().unique()),
        "theme": list(THEMES),
        "region": [*regions, NO_REGION],
        "year": [str(y) for y in range(int(years.min()), this_year + 1)],
    }


def filter_register(
    reg: pd.DataFrame,
    prog: list[str] = (),
    types: list[str] = (),
    theme: str | None = None,
    region: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    """Rows matching every filter given. ``year``: active that year (undated rows drop out)."""
    keep = pd.Series(True, index=reg.index)
    if prog:
        keep &= reg["programme_group"].isin(prog)
    if types:
        keep &= reg["type"].isin(types)
    if theme:
        keep &= reg["theme_groups"].map(lambda g: theme in g)
    if region == NO_REGION:
        keep &= reg["regions"].map(len) == 0
    elif region:
        keep &= reg["regions"].map(lambda rs: region in rs)
    if year:
        keep &= (reg["start_year"] <= year) & (reg["end_year"].isna() | (reg["end_year"] >= year))
    return reg[keep]


def register_table(reg: pd.DataFrame) -> pd.DataFrame:
    """The list as a reader sees it (and downloads it)."""
    return pd.DataFrame(
        {
            "id": reg["intervention_id"],
            "name": reg["name"],
            "programme": reg["programme_group"],
            "status": reg["status"],
            "type": reg["type"],
            "start": reg["start_year"].astype("Int64"),
            "end": reg["end_year"]
            .astype("Int64")
            .astype("string")
            .fillna("ongoing")
            .where(reg["start_year"].notna(), ""),
            "places": reg["places"],
            "areas covered": reg["n_areas"],
            "coverage": reg["coverage"].fillna(""),
            "regions": reg["regions"].map("; ".join),
            "themes": reg["themes"].map("; ".join),
            "uncertain": reg["is_uncertain"].map({True: "yes", False: ""}),
            "sources": reg["source_urls"].map(" | ".join),
        }
    ).reset_index(drop=True)


# ---- coverage map and timeline -------------------------------------------------------------------


def coverage_table(shown: pd.DataFrame) -> pd.DataFrame:
    """One row per district covered by the shown interventions: how many, and which."""
    return _coverage_table(version(), tuple(shown.index), tuple(map_names(shown))).copy()


def map_names(shown: pd.DataFrame) -> pd.Series:
    """Names as the maps show them: proposals and programmes covering only part of an area say so."""
    part = shown["coverage"].fillna("").str.match(r"(?i)part|pilot")
    return (
        shown["name"]
        + shown["status"].map({"proposed": " (proposed, not set up)"}).fillna("")
        + part.map({True: " (part of the area only)", False: ""})
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _coverage_table(build: str, ids: tuple[str, ...], names: tuple[str, ...]) -> pd.DataFrame:
    cov = coverage()
    cov = cov[cov["intervention_id"].isin(ids)]
    names = pd.Series(names, index=ids)
    out = (
        cov.assign(name=cov["intervention_id"].map(names))
        .groupby(["area_code", "area_name", "region_name"], dropna=False)
        .agg(
            interventions=("intervention_id", "nunique"),
            names=("name", lambda s: "; ".join(sorted(set(s)))),
        )
        .reset_index()
        .sort_values(["interventions", "area_name"], ascending=[False, True])
    )
    return out.reset_index(drop=True)


def timeline_table(shown: pd.DataFrame, this_year: int) -> pd.DataFrame:
    """Start and end of each dated intervention; open-ended ones run to this year as 'ongoing'."""
    dated = shown[shown["start_year"].notna()].sort_values(["start_year", "name"])
    end = dated["end_year"].fillna(this_year).clip(lower=dated["start_year"])
    return pd.DataFrame(
        {
            "id": dated["intervention_id"],
            "name": dated["name"],
            "programme": dated["programme_group"],
            "start": dated["start_year"].astype(int),
            "end": end.astype(int),
            "ongoing": dated["end_year"].isna(),
            "label": np.where(dated["end_year"].isna(), "ongoing", ""),
        }
    ).reset_index(drop=True)


# ---- one intervention --------------------------------------------------------------------------


def headlines(iv: str) -> pd.DataFrame:
    """Latest value of a few key indicators for each area the intervention covers, next to
    England. Upper-tier indicators are given for the authorities containing the districts."""
    long = query("partnerships_headlines", iv=iv, indicators=KEY_INDICATORS)
    order = {k: i for i, k in enumerate(KEY_INDICATORS)}
    long = long.sort_values(
        ["indicator_id", "area_name"], key=lambda s: s.map(order) if s.name == "indicator_id" else s
    ).reset_index(drop=True)
    shown = [
        fmt(v, u, d) if pd.notna(v) else str(s or "not available").replace("_", " ")
        for v, s, u, d in zip(
            long["value"], long["status"], long["unit"], long["decimals"], strict=True
        )
    ]
    own = long["country_code"].fillna(ENGLAND) != ENGLAND  # outside England: its nation
    bench = long["nation"].where(own, long["england"])
    versus = [
        compare(v, np.nan, np.nan, b, pol).replace("England", n if o else "England")
        if pd.notna(v)
        else ""
        for v, b, pol, n, o in zip(
            long["value"], bench, long["polarity"], long["country_name"], own, strict=True
        )
    ]
    table = {
        "Indicator": long["short_title"],
        "Period": long["period"],
        "Area": long["area_name"],
        "Code": long["area_code"],
        "Value": shown,
    }
    if own.any():  # its own nation and the UK first, England beside them
        table |= {"Its nation": _texts(long, "nation"), "United Kingdom": _texts(long, "uk")}
    table["England"] = _texts(long, "england")
    heading = (
        "Compared with its nation (by value)" if own.any() else "Compared with England (by value)"
    )
    return pd.DataFrame({**table, heading: versus})


def _texts(long: pd.DataFrame, col: str) -> list[str]:
    return [fmt(e, u, d) for e, u, d in zip(long[col], long["unit"], long["decimals"], strict=True)]


def against(iv: str) -> str:
    """'England', or 'their own nation and the UK' when an area lies outside England."""
    codes = query("partnerships_areas")
    mine = codes.loc[codes["intervention_id"] == iv, "area_code"]
    return "England" if mine.str.startswith("E").all() else "their own nation and the UK"


# ---- URL values --------------------------------------------------------------------------------


# ---- words ---------------------------------------------------------------------------------------


def years_text(row: pd.Series) -> str:
    if pd.isna(row["start_year"]):
        return "start year not found"
    start = int(row["start_year"])
    if pd.isna(row["end_year"]):
        return f"{start} – ongoing"
    end = int(row["end_year"])
    return f"{start}" if end == start else f"{start}–{end}"


def funding_text(row: pd.Series) -> str:
    v = row["funding_gbp"]
    if pd.isna(v):
        return "not recorded"
    return f"£{v / 1e9:,.1f}bn" if v >= 1e9 else f"£{v / 1e6:,.1f}m" if v >= 1e6 else f"£{v:,.0f}"


def corrections_markdown(row: pd.Series) -> str:
    """One line per corrected field: the new value, what supports it and why."""
    return "\n".join(
        f"- **{md(c['field'])}** → {md(c['value'])}  \n  *{md(c['reason'])}* Source: {md(c['source'])}"
        for c in row["corrections"]
    )


def refusal(row: pd.Series) -> str | None:
    """Why a register row cannot have a before/after comparison, or None if it can."""
    if row["status"] == "proposed":
        year = row.get("start_year")
        when = f" (proposed in {int(year)})" if pd.notna(year) else ""
        return (
            f"{row['name']} is a proposal, not an intervention: it has not been set up{when}, so "
            "there is no 'after' to compare. It is drawn on the maps over the area it is proposed "
            "for."
        )
    if row["status"] == "not established":
        return f"{row['name']} is not established by any source, so it cannot be compared."
    return None


def sources_markdown(row: pd.Series) -> str:
    """One line per source: the title linked to its address (titles without an address unlinked)."""
    titles, urls = list(row["source_titles"]), list(row["source_urls"])
    lines = []
    for i, title in enumerate(titles or urls):
        url = urls[i] if i < len(urls) and len(titles) == len(urls) else None
        lines.append(f"- {link(title, url)}")
    if urls and len(titles) != len(urls):
        lines += [f"- {link(u, u)}" for u in urls]
    return "\n".join(lines) or "- no source recorded"
