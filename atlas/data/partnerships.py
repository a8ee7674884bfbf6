"""Partnerships: the intervention register (filters, coverage map, timeline, detail) and the
before/after comparison laid out by ``pages/before_after.py``.

Data come through named queries (``sql/queries/partnerships_*.sql``, ``ba_*.sql``); estimation is
``atlas.did``; figures are functions of DataFrames. No widgets here. The before/after rules:

* comparators are chosen from data before the start year only (outcome level and trend since the
  last series break, plus IMD 2019 when it was published before the start), never from areas
  covered by the same programme family;
* each outcome has a lag (``LAGS``): the years between the start and the first year the outcome
  could respond are left out of the comparison;
* series breaks either cut the series (a change of definition) or, for years disrupted by COVID-19
  (cancelled exams, no assessments), drop just those years (``break_rules``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from atlas.charts.maps import geometry_url, shapes, view
from atlas.charts.trend import figure
from atlas.data.db import query, version
from atlas.ui.comparison import compare
from atlas.ui.formatting import fmt

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
DEFAULT_POOL = 40  # a 95% placebo range needs at least 40 comparisons when one area is treated
IMD, IMD_PUBLISHED = "imd2019_avg_score", 2019
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
#: Programmes whose areas are not fair comparators for each other (overlapping or successor schemes).
FAMILIES = {
    "Leading Places 1": "Leading Places",
    "Leading Places 2": "Leading Places",
    "Leading Places 3": "Leading Places",
    "CNUA": "Civic university agreements",
    "Civic University Agreements": "Civic university agreements",
}
#: Years from a programme's start to the first year its outcome could move, by indicator family.
LAGS = {
    **dict.fromkeys(
        ["ks4_att8", "ks4_em95", "gcse_em_19"],
        (
            2,
            "GCSE courses run over two school years, so pupils taught after the start sit their exams two years later at the earliest",
        ),
    ),
    **dict.fromkeys(
        ["ks2_rwm", "ks2_rwm_lad", "eyfs_gld"],
        (
            2,
            "Key stage and early-years results reflect several years of schooling; two years is the shortest plausible response",
        ),
    ),
    "he19": (
        2,
        "Entry to HE by age 19 is counted for pupils who were 15 years earlier and published about two years after they enter, so two years is the shortest plausible response",
    ),
    "neet_16_17": (
        1,
        "NEET rates are measured each winter, so a change could show a year after the start",
    ),
    **dict.fromkeys(
        ["le", "le_sii", "hle"],
        (
            3,
            "Life expectancy figures are 3-year averages of deaths and health changes slowly, so three years is the shortest plausible response",
        ),
    ),
}
DEFAULT_LAG = (
    1,
    "Labour-market and income figures are annual; a change could show a year after the start",
)
UNIT_WORDS = {
    "%": "percentage points",
    "score": "points",
    "years": "years",
    "£": "pounds",
    "£ per week": "pounds a week",
    "rank": "places",
    "count": "",
}


def lag_for(family: str) -> tuple[int, str]:
    return LAGS.get(family, DEFAULT_LAG)


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
            "type": reg["type"],
            "start": reg["start_year"].astype("Int64"),
            "end": reg["end_year"]
            .astype("Int64")
            .astype("string")
            .fillna("ongoing")
            .where(reg["start_year"].notna(), ""),
            "places": reg["places"],
            "English districts": reg["n_areas"],
            "regions": reg["regions"].map("; ".join),
            "themes": reg["themes"].map("; ".join),
            "uncertain": reg["is_uncertain"].map({True: "yes", False: ""}),
            "sources": reg["source_urls"].map(" | ".join),
        }
    ).reset_index(drop=True)


# ---- coverage map and timeline -------------------------------------------------------------------


def coverage_table(shown: pd.DataFrame) -> pd.DataFrame:
    """One row per district covered by the shown interventions: how many, and which."""
    return _coverage_table(version(), tuple(shown.index), tuple(shown["name"])).copy()


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
    codes = [c for c in features if c.startswith("E")]
    counts = table.set_index("area_code")["interventions"]
    names = dict(zip(table["area_code"], table["names"], strict=True))
    label = dict(zip(table["area_code"], table["area_name"], strict=True))
    z = [int(counts.get(c, 0)) for c in codes]
    top = max([*z, 1])
    scale = [
        [0, "#eeeeee"],
        [0.5 / (top + 0.5), "#eeeeee"],
        [0.5 / (top + 0.5), "#c6dbef"],
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
    """One bar per intervention across the years it ran (each year a unit wide, centred on its
    tick); open-ended ones are hatched, run to this year and are labelled 'ongoing'."""
    fig = go.Figure()
    for i, (prog, part) in enumerate(table.groupby("programme", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        fig.add_trace(
            go.Bar(
                y=part["name"],
                x=part["end"] - part["start"] + 1,
                base=part["start"] - 0.5,
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
        xaxis={
            "title": None,
            "dtick": 1,
            "tickformat": "d",
            "side": "top",
            "range": [first - 0.6, last + 2.2],
            "showgrid": True,
            "gridcolor": "#eeeeee",
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


# ---- before and after --------------------------------------------------------------------------


def ba_interventions(reg: pd.DataFrame) -> pd.DataFrame:
    """Interventions a before/after can use: a start year and at least one English district."""
    return reg[reg["start_year"].notna() & (reg["n_areas"] > 0)]


def outcomes() -> pd.DataFrame:
    return query("ba_outcomes").set_index("indicator_id", drop=False)


def break_rules(breaks: pd.DataFrame) -> tuple[list[int], list[int], pd.DataFrame]:
    """Split the family's series breaks into years that cut the series and years to drop.

    A COVID-19 disruption (cancelled exams, no assessment, transitional grading) inflates or
    empties just those years, so they are dropped; 'return to pre-pandemic standards' restores
    comparability with earlier years. Any other break changes the measure from its year on
    ('not comparable with 2016/17 onwards' on a 2015/16 row: from 2016/17)."""
    cuts, drops, rows = [], [], []
    for r in breaks.itertuples():
        note = str(r.note)
        onwards = re.search(r"not comparable with (\d{4})/\d{2} onwards", note)
        if re.search(r"COVID|transitional grading", note, re.I):
            drops.append(int(r.year))
            how = "year left out (disrupted, not a lasting change of measure)"
        elif re.search(r"return to pre-pandemic", note, re.I):
            how = "no cut: comparable with the years before the pandemic again"
        else:
            year = int(onwards.group(1)) + 1 if onwards else int(r.year)
            cuts.append(year)
            how = f"series cut: years before {year} are not compared with later ones"
        rows.append({"period": r.period, "year": int(r.year), "note": note, "treatment": how})
    return sorted(set(cuts)), sorted(set(drops)), pd.DataFrame(rows)


def rank_candidates(
    panel: pd.DataFrame,
    treated: list[str],
    start: int,
    cuts: list[int],
    exclude: set[str],
    covariates: pd.DataFrame | None,
) -> pd.DataFrame:
    """Every eligible comparator, nearest first, from pre-start data only (atlas.did)."""
    from atlas.evidence import (
        did,  # statsmodels takes seconds to import; the register page never needs it
    )

    pre = sorted(y for y in panel["year"].unique() if y < start)
    cut = max([c for c in cuts if c <= (pre[-1] if pre else start)], default=None)
    years = [y for y in pre if cut is None or y >= cut]
    n = panel["area_code"].nunique()
    return did.choose_comparators(
        panel,
        treated,
        start,
        covariates=covariates,
        n=n,
        exclude=exclude,
        pre_years=years if len(years) >= 2 else None,
    )


@dataclass
class BeforeAfter:
    iv: pd.Series
    ind: pd.Series
    start: int
    lag: int
    lag_why: str
    treated: pd.DataFrame
    ranking: pd.DataFrame = field(default_factory=pd.DataFrame)
    pool: list[str] = field(default_factory=list)
    default_pool: list[str] = field(default_factory=list)
    excluded: pd.DataFrame = field(default_factory=pd.DataFrame)
    breaks: pd.DataFrame = field(default_factory=pd.DataFrame)
    cuts: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    event: pd.DataFrame | None = None
    result: dict | None = None
    problem: str | None = None


def before_after(iv: str, ind: str, pool: tuple[str, ...] | None = None) -> BeforeAfter:
    return _before_after(version(), iv, ind, pool)


@st.cache_data(max_entries=64, show_spinner="Comparing before and after…")
def _before_after(build: str, iv: str, ind: str, pool: tuple[str, ...] | None) -> BeforeAfter:
    from atlas.evidence import did

    reg, meta = register(), outcomes().loc[ind]
    row = reg.loc[iv]
    start, geo = int(row["start_year"]), meta["geography"]
    lag, why = lag_for(meta["family"])
    cov = coverage()
    cov = cov.assign(
        code=cov["utla_code"] if geo == "utla" else cov["area_code"],
        name=cov["utla_name"] if geo == "utla" else cov["area_name"],
    )
    mine = cov[cov["intervention_id"] == iv]
    treated = (
        mine.groupby(["code", "name"])["area_name"]
        .agg(lambda s: ", ".join(sorted(set(s))))
        .rename("districts")
        .reset_index()
        .rename(columns={"code": "area_code", "name": "area_name"})
    )
    out = BeforeAfter(row, meta, start, lag, why, treated)
    family = FAMILIES.get(row["programme_group"], row["programme_group"])
    related = reg.index[reg["programme_group"].map(lambda g: FAMILIES.get(g, g)) == family]
    others = cov[cov["intervention_id"].isin(related) & ~cov["code"].isin(treated["area_code"])]
    out.excluded = (
        others.assign(programme=others["intervention_id"].map(reg["name"]))
        .groupby(["code", "name"])["programme"]
        .agg(lambda s: "; ".join(sorted(set(s))))
        .reset_index()
        .rename(columns={"code": "area_code", "name": "area_name"})
    )
    raw = query("ba_values", ind=ind, geo=geo)
    names = raw.drop_duplicates("area_code").set_index("area_code")["area_name"]
    cuts, drops, out.breaks = break_rules(query("ba_series_breaks", family=meta["family"]))
    out.cuts, out.dropped = cuts, drops
    panel = raw[~raw["year"].isin(drops)][["area_code", "year", "value"]]
    if drops:
        out.notes.append(
            "Years disrupted by COVID-19 are left out: " + ", ".join(map(str, drops)) + "."
        )
    covariates = None
    imd = (
        query("ba_values", ind=IMD, geo=geo)
        .set_index("area_code")[["value"]]
        .rename(columns={"value": "IMD 2019 score"})
    )
    if start <= IMD_PUBLISHED:
        out.notes.append(
            f"IMD 2019 was published in September 2019, after this programme started "
            f"({start}), so areas are matched on the outcome alone."
        )
    elif not treated["area_code"].isin(imd.index).all():
        out.notes.append(
            "No IMD 2019 average score is published for a treated area at this level "
            "(counties), so areas are matched on the outcome alone."
        )
    else:
        covariates = imd
        out.notes.append(
            "Deprivation is matched on the IMD 2019 average score (published 2019, before "
            "the start); areas without a published score at this level (counties) "
            "cannot be comparators."
        )
    try:
        ranking = rank_candidates(
            panel,
            treated["area_code"].tolist(),
            start,
            cuts,
            set(out.excluded["area_code"]),
            covariates,
        )
    except ValueError as exc:
        pre = panel[panel["area_code"].isin(treated["area_code"]) & (panel["year"] < start)]
        out.problem = (
            f"No comparison is possible: {meta['title']} is published from "
            f"{meta['first_year']}, so the programme areas have fewer than two years "
            f"before the {start} start to match comparators on."
            if pre["year"].nunique() < 2
            else f"No comparison is possible: {exc}."
        )
        return out
    ranking.insert(1, "area_name", ranking["area_code"].map(names))
    out.ranking = ranking
    # placebo groups are as large as the treated group, so the pool must be larger than it
    out.default_pool = ranking["area_code"].head(max(DEFAULT_POOL, 2 * len(treated))).tolist()
    out.pool = [c for c in (pool or out.default_pool) if c in set(ranking["area_code"])]
    if len(out.pool) < 2:
        out.problem = "Choose at least two comparator areas."
        return out
    if start + lag > int(meta["last_year"]):
        out.problem = (
            f"Nothing to compare yet: {meta['title']} is published up to "
            f"{meta['last_year']}, and with a {lag}-year lag the first year that could show "
            f"a change is {start + lag}."
        )
        return out
    try:
        out.event = did.event_study(
            panel, treated["area_code"], out.pool, start, lag=lag, break_years=cuts
        )
        out.result = did.did_estimate(
            panel,
            treated["area_code"],
            out.pool,
            start,
            lag=lag,
            break_years=cuts,
            unit=UNIT_WORDS.get(meta["unit"], "points"),
        )
    except ValueError as exc:
        out.problem = f"No estimate is possible: {exc}."
    return out


def pool_table(ba: BeforeAfter) -> pd.DataFrame:
    shown = ba.ranking[ba.ranking["area_code"].isin(ba.pool)]
    cols = {
        "rank": "Rank",
        "area_name": "Area",
        "reason": "Why chosen",
        "distance": "Distance",
        "area_code": "Code",
        "pre_mean": "Pre-start mean",
        "pre_slope": "Pre-start trend per year",
        "IMD 2019 score": "IMD 2019 score",
    }
    return (
        shown[[c for c in cols if c in shown]].rename(columns=cols).round(2).reset_index(drop=True)
    )


def event_table(ba: BeforeAfter) -> pd.DataFrame:
    cols = {
        "year": "Year",
        "period": "Before/after",
        "treated_mean": "Programme areas",
        "comparator_mean": "Comparators",
        "diff": "Gap",
        "diff_norm": "Gap vs reference year",
        "band_low": "95% range low",
        "band_high": "95% range high",
        "comparable": "Comparable",
        "note": "Note",
    }
    return ba.event[list(cols)].rename(columns=cols).round(3)


def placebo_table(ba: BeforeAfter) -> pd.DataFrame:
    rows = [
        {
            "Pretend start": p["fake_start"],
            "Estimate": p["estimate"],
            "95% range low": p["ci_low"],
            "95% range high": p["ci_high"],
            "Note": p.get("note", ""),
        }
        for p in ba.result["placebo_dates"]
    ]
    frame = pd.DataFrame(rows).round(3)
    return frame if frame["Note"].astype(bool).any() else frame.drop(columns="Note")


def _span_years(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def event_chart(ba: BeforeAfter) -> go.Figure:
    """Programme areas minus comparators by year, relative to the last year before the start,
    with the placebo range; start, lag, series breaks and left-out years marked."""
    es, unit = ba.event, ba.ind["unit"]
    years = range(int(es["year"].min()), int(es["year"].max()) + 1)
    full = es.set_index("year").reindex(years).reset_index()  # gaps stay gaps
    fig = go.Figure()
    ok = full.dropna(subset=["band_low", "band_high"])
    runs = (ok["year"].diff() != 1).cumsum()
    for i, (_, run) in enumerate(ok.groupby(runs)):
        fig.add_trace(
            go.Scatter(
                x=[*run["year"], *run["year"][::-1]],
                y=[*run["band_high"], *run["band_low"][::-1]],
                fill="toself",
                fillcolor="rgba(27,94,158,0.15)",
                line={"width": 0},
                mode="lines",
                name="95% placebo range",
                legendgroup="band",
                showlegend=i == 0,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=full["year"],
            y=full["diff_norm"],
            mode="lines+markers",
            name="Gap vs reference year",
            connectgaps=False,
            line={"color": "#1b5e9e", "width": 2.5},
            marker={
                "size": 9,
                "color": ["white" if c is False else "#1b5e9e" for c in full["comparable"]],
                "line": {"color": "#1b5e9e", "width": 2},
            },
            customdata=np.column_stack(
                [
                    full["treated_mean"],
                    full["comparator_mean"],
                    full["note"].astype(object).fillna(""),
                ]
            ),
            hovertemplate="%{x}: gap %{y:.2f}<br>programme areas %{customdata[0]:.1f}, comparators "
            "%{customdata[1]:.1f}<br>%{customdata[2]}<extra></extra>",
        )
    )
    fig.add_hline(y=0, line={"color": "#6b6b6b", "width": 1})
    fig.add_vline(
        x=ba.start - 0.5,
        line={"color": "#111", "width": 2},
        annotation_text=f"start {ba.start}",
        annotation_position="top left",
        annotation={"textangle": -90, "font": {"size": 11}},
    )
    if ba.lag:
        fig.add_vrect(
            x0=ba.start - 0.5,
            x1=ba.start + ba.lag - 0.5,
            fillcolor="#999",
            opacity=0.12,
            line_width=0,
            annotation_text=f"{ba.lag}-year lag",
            annotation_position="bottom right",
        )
    dropped = pd.Series([y for y in ba.dropped if years.start <= y < years.stop], dtype=int)
    for _, run in dropped.groupby((dropped.diff() != 1).cumsum()):
        first, last = int(run.min()), int(run.max())
        fig.add_vrect(
            x0=first - 0.45,
            x1=last + 0.45,
            fillcolor="#c8510b",
            opacity=0.08,
            line_width=0,
            annotation_text=f"{_span_years(first, last)} left out",
            annotation_position="top",
            annotation_font={"size": 11, "color": "#c8510b"},
        )
    for b in ba.cuts:
        if years.start < b < years.stop:
            fig.add_vline(
                x=b - 0.5,
                line={"color": "#c8510b", "dash": "dot"},
                annotation_text=f"series break {b}",
                annotation_position="top left",
                annotation={"textangle": -90, "font": {"size": 10, "color": "#c8510b"}},
            )
    fig.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        plot_bgcolor="white",
        xaxis={
            "dtick": 1,
            "tickformat": "d",
            "title": "Year (end of period)",
            "range": [years.start - 0.6, years.stop - 0.4],
        },
        yaxis={
            "title": f"Gap ({UNIT_WORDS.get(unit) or unit})",
            "zeroline": False,
            "gridcolor": "#eeeeee",
        },
        legend={"orientation": "h", "y": 1.1},
    )
    return fig


# ---- URL values --------------------------------------------------------------------------------


def parse_pool(raw: str | None, ranking: pd.DataFrame) -> tuple[list[str] | None, list[str]]:
    """Comparator codes from the URL: (eligible codes in order or None, rejected entries)."""
    if not raw:
        return None, []
    eligible = set(ranking["area_code"]) if len(ranking) else set()
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    good = list(dict.fromkeys(p for p in parts if re.fullmatch(r"E\d{8}", p) and p in eligible))
    bad = [p for p in parts if p not in good]
    return (good if len(good) >= 2 else None), bad


# ---- words ---------------------------------------------------------------------------------------


def md(text: object) -> str:
    """Register text made safe for st.markdown (no links, emphasis, HTML or LaTeX from the data)."""
    return re.sub(
        r"([\\`*_{}\[\]<>()#+|!$~])", r"\\\1", "" if text is None or text != text else str(text)
    )


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


def sources_markdown(row: pd.Series) -> str:
    """One line per source: the title linked to its address (titles without an address unlinked)."""
    titles, urls = list(row["source_titles"]), list(row["source_urls"])
    lines = []
    for i, title in enumerate(titles or urls):
        url = urls[i] if i < len(urls) and len(titles) == len(urls) else None
        lines.append(f"- [{md(title)}](<{url}>)" if url else f"- {md(title)}")
    if urls and len(titles) != len(urls):
        lines += [f"- <{u}>" for u in urls]
    return "\n".join(lines) or "- no source recorded"
