"""Partnerships: the intervention register (filters, coverage map, timeline, detail). The
before/after comparison is ``atlas.evidence`` (estimation) and ``atlas.data.evidence`` (page data).


Data come through named queries (``sql/queries/partnerships_*.sql``); figures are functions of
DataFrames. No widgets here.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts.maps import geometry_url, shapes, view
from atlas.charts.trend import figure
from atlas.data.db import query, version
from atlas.ui.comparison import compare
from atlas.ui.formatting import fmt, link
from atlas.ui.formatting import md as md  # the app's one escaping function, also as P.md

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


def coverage_map(table: pd.DataFrame, height: int = 620) -> go.Figure:
    """The coverage map (built once per table, then rebuilt from its cached spec without validation)."""
    return figure(_coverage_map(table, height))


@st.cache_data(max_entries=64, show_spinner=False)
def _coverage_map(table: pd.DataFrame, height: int) -> dict:
    """Districts shaded by how many of the shown interventions cover them (grey: none)."""
    features, boxes = shapes("lad")
    codes = list(features)  # the whole UK: English districts and the councils of W, S and NI
    counts = table.set_index("area_code")["interventions"]
    names = dict(zip(table["area_code"], table["names"], strict=True))
    label = dict(zip(table["area_code"], table["area_name"], strict=True))
    z = [int(counts.get(c, 0)) for c in codes]
    top = max([*z, 1])
    scale = [
        [0, "#eeeeee"],
        [1 / (top + 0.5), "#eeeeee"],  # z runs from -0.5: 0 to 0.5 is 'none' (grey)
        [1 / (top + 0.5), "#c6dbef"],
        [1, "#08306b"],
    ]
    hover = [
        f"<b>{label.get(c, c)}</b><br>{n} intervention{'s' * (n != 1)}"
        + (f"<br>{names[c]}" if c in names else "")
        for c, n in zip(codes, z, strict=True)
    ]
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geometry_url("lad"),  # a URL: the browser fetches it once
            locations=codes,
            z=z,
            zmin=-0.5,
            zmax=top,
            colorscale=scale,
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            marker={"line": {"color": "#8c8c8c", "width": 0.4}},
            colorbar={
                "title": {"text": "Interventions"},
                "thickness": 14,
                "len": 0.5,
                "x": 0.01,
                "tickvals": list(range(0, top + 1, max(1, top // 8))),
                "xanchor": "left",
                "y": 0.98,
                "yanchor": "top",
            },
        )
    )
    centre, zoom = view(boxes, list(counts.index) or codes, height=height)  # fit the covered areas
    fig.update_layout(
        map={"style": "white-bg", "center": centre, "zoom": min(zoom, 8)},
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        dragmode=False,
    )
    return (
        fig.to_plotly_json()
    )  # cached as a plain spec: building and validating it is the slow part


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


PALETTE = [
    "#1b5e9e",
    "#c8510b",
    "#2e7d32",
    "#6a51a3",
    "#8c6d1f",
    "#00838f",
    "#ad1457",
    "#455a64",
    "#ef6c00",
    "#5d4037",
    "#7cb342",
    "#3949ab",
    "#d81b60",
    "#00897b",
    "#f9a825",
    "#8e24aa",
    "#6d4c41",
    "#546e7a",
]


def timeline_chart(table: pd.DataFrame) -> go.Figure:
    return figure(_timeline_chart(table))


@st.cache_data(max_entries=64, show_spinner=False)
def _timeline_chart(table: pd.DataFrame) -> dict:
    """One bar per intervention across the years it ran: a year is the unit between two grid
    lines, labelled in its middle, so a 2016–17 bar starts on the 2016 line and ends at the end of
    2017. Open-ended ones are hatched, run to this year and are labelled 'ongoing'."""
    fig = go.Figure()
    for i, (prog, part) in enumerate(table.groupby("programme", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        fig.add_trace(
            go.Bar(
                y=part["name"],
                x=part["end"] - part["start"] + 1,
                base=part["start"],
                orientation="h",
                name=prog,
                showlegend=False,
                legendgroup=prog,
                marker={
                    "color": colour,
                    "pattern": {
                        "shape": ["/" if o else "" for o in part["ongoing"]],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                        "solidity": 0.3,
                    },
                },
                text=part["label"],
                textposition="outside",
                cliponaxis=False,
                textfont={"size": 11},
                customdata=np.stack(
                    [part["start"], np.where(part["ongoing"], "ongoing", part["end"])], 1
                ),
                hovertemplate="<b>%{y}</b><br>%{customdata[0]} to %{customdata[1]}<extra>"
                + prog
                + "</extra>",
            )
        )
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=prog,
                legendgroup=prog,
                marker={"color": colour},
                orientation="h",
                showlegend=True,
                hoverinfo="skip",
            )
        )
    first, last = int(table["start"].min()), int(table["end"].max())
    fig.update_layout(
        barmode="overlay",
        height=max(260, 22 * len(table) + 160),
        bargap=0.3,
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": table["name"],
            "title": None,
            "automargin": True,
            "tickfont": {"size": 11},
        },
        xaxis={  # labels mid-year, grid lines on the year boundaries
            "title": None,
            "tickvals": [y + 0.5 for y in range(first, last + 1)],
            "ticktext": [str(y) for y in range(first, last + 1)],
            "ticks": "",
            "side": "top",
            "range": [first - 0.1, last + 2.7],
            "showgrid": False,
            "minor": {
                "tickvals": list(range(first, last + 2)),
                "showgrid": True,
                "gridcolor": "#d9d9d9",
            },
        },
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "title": {"text": "Programme"}},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"size": 12},
        plot_bgcolor="white",
    )
    return fig.to_plotly_json()


# ---- one intervention --------------------------------------------------------------------------


def headlines(iv: str) -> pd.DataFrame:
    """Latest value of a few key indicators for each area the intervention covers, next to
    England. Upper-tier indicators are given for the authorities containing the districts."""
    long = query("partnerships_headlines", iv=iv, indicators=KEY_INDICATORS)
    order = {k: i for i, k in enumerate(KEY_INDICATORS)}
    long = long.sort_values(
        ["indicator_id", "area_name"], key=lambda s: s.map(order) if s.name == "indicator_id" else s
    ).reset_index(drop=True)
    rows = zip(
        long["value"],
        long["status"],
        long["unit"],
        long["decimals"],
        long["england"],
        long["polarity"],
        strict=True,
    )
    shown, versus = [], []
    for v, status, unit, dec, eng, pol in rows:
        shown.append(
            fmt(v, unit, dec) if pd.notna(v) else str(status or "not available").replace("_", " ")
        )
        versus.append(compare(v, np.nan, np.nan, eng, pol) if pd.notna(v) else "")
    return pd.DataFrame(
        {
            "Indicator": long["short_title"],
            "Period": long["period"],
            "Area": long["area_name"],
            "Code": long["area_code"],
            "Value": shown,
            "England": [
                fmt(e, u, d)
                for e, u, d in zip(long["england"], long["unit"], long["decimals"], strict=True)
            ],
            "Compared with England (by value)": versus,
        }
    )


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
        return (
            f"{row['name']} is a proposal, not an intervention: it has no start date and has not "
            "been set up, so there is no 'after' to compare. It is drawn on the maps over the "
            "area it is proposed for."
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
