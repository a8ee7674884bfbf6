"""Presentation slides: each atlas view drawn compactly so its whole point fits one screen.

A slide shows the view's main chart with a short reading and, in a closed expander, the chart as a
table (the same rows a screen reader or a sceptic can check). Pages are for exploring; a slide is
for showing: its few controls and every click (a map area, a period) stay on the slide, and the
full page is one "Open this view" link away. Heights are chosen so that the slide fits at 1024×768
and 1400×900 without scrolling (``tests/test_browser_present.py`` checks it).

Figures are built once per view and build (``st.cache_resource``), so returning to a slide, or
showing it a second time in the day, does not rebuild them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.charts import maps, spine
from atlas.charts import trend as charts
from atlas.data import areas as A
from atlas.data import compare as compare_groups
from atlas.data import partnerships as P
from atlas.data import profile as profile_data
from atlas.data.db import version
from atlas.ui import state

#: chart heights (px) that fit under the presentation bar at 1024×768
MAP_H, CHART_H, SPINE_ROW = 410, 330, 11.5
#: subgroups a spine slide leaves out (their complements stay), so the chart fits one screen
SPINE_SKIP = (
    "Not FSM",
    "Not disadvantaged",
    "Before housing costs",
    "Share of LSOAs in most deprived 10%",
)


def _table(frame: pd.DataFrame, what: str, key: str) -> None:
    with st.expander(f"The {what} as a table", key=f"{key}_tbl"):
        st.dataframe(frame, hide_index=True, width="stretch", height=260)


# ---- map ---------------------------------------------------------------------------------------
@st.cache_resource(max_entries=64, show_spinner=False)
def _map_figure(build: str, ind: str, period: str, focus: str, mode: str, prog: tuple):
    cat, places = A.indicators(), A.areas()
    meta = cat.loc[ind]
    frame, _ = A.map_data(ind, period)
    inside = A.members(places, focus, meta["geography"])
    overlay = A.covered(list(prog), meta["geography"]) if prog else None
    return maps.choropleth(frame, meta["geography"], meta, mode, period, inside, overlay, MAP_H)


def map_slide(key: str) -> None:
    """The map at slide height; a click reads the area out under the map (no page change)."""
    cat, places = A.indicators(), A.areas()
    url = state.Url()
    ind = url.choice("ind", list(cat.index), A.DEFAULT_IND, "a known indicator")
    meta = cat.loc[ind]
    period = url.choice("period", meta["periods"], meta["latest_period"], "a published period")
    focus = url.code("focus", A.focus_options(places), A.NORTH_EAST, "a region")
    mode = url.choice("mode", ["quintiles", "england"], "quintiles", "a colouring")
    prog = url.choices("prog", A.programme_groups())
    url.notice()
    words, pick = st.columns([4, 1], vertical_alignment="bottom")
    with pick:
        period = state.select("Period", meta["periods"][::-1], period, f"{key}_period")
    state.put(period=period)
    frame, others = A.map_data(ind, period)
    eng, here = others.get(A.ENGLAND), others.get(focus)
    reading = f"**{meta['title']}**, {period}. England: **{eng['value_text'] if eng is not None else 'no data'}**"
    if here is not None and focus != A.ENGLAND:
        reading += f"; {places.loc[focus, 'area_name']}: **{here['value_text']}**"
    words.markdown(reading + ".")
    event = st.plotly_chart(
        _map_figure(version(), ind, period, focus, mode, tuple(prog)),
        on_select="rerun",
        selection_mode="points",
        key=f"{key}_map_{ind}_{period}",
        config={"displaylogo": False, "displayModeBar": False},
    )
    picked = [p.get("customdata", [None])[0] for p in (event.selection.points if event else [])]
    rows = frame.set_index("area_code")
    with st.container(key="present_picked"):
        if picked and picked[0] in rows.index:  # a click stays on the slide: read the area out
            r = rows.loc[picked[0]]
            ci = f" (95% CI {r['ci_text']})" if r["ci_text"] else ""
            st.markdown(
                f"**{r['area_name']}**: {r['value_text']}{ci} · {r['comparison']} · {r['rank_text']}"
            )
        else:
            legend = " · ".join(lab.strip() for lab, _ in maps.legend_for(frame, meta, mode))
            st.caption(f"Colours: {legend}. Click an area to read its value here.")
    inside = A.members(places, focus, meta["geography"])
    shown = frame[frame["area_code"].isin(inside)]
    _table(_named(shown), "map", key)


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    cols = {
        "area_name": "Area",
        "value_text": "Value",
        "ci_text": "95% confidence interval",
        "comparison": "Compared with England",
        "rank_text": "Rank in England",
    }
    return frame[[c for c in cols if c in frame]].rename(columns=cols)


# ---- compare -----------------------------------------------------------------------------------
def compare_slide(key: str) -> None:
    """The chosen areas' trends, one small chart each with England, and their latest values."""
    cat, places = A.indicators(), A.areas()
    choosable = [c for c in A.pickable(places) if c != A.ENGLAND]
    url = state.Url()
    ind = url.choice("ind", list(cat.index), A.DEFAULT_IND, "a known indicator")
    meta = cat.loc[ind]
    period = url.choice("period", meta["periods"], meta["latest_period"], "a published period")
    picked = url.codes("areas", set(choosable), [])
    group = url.choice("group", list(compare_groups.PRESETS), "ne_mca", "a preset group")
    anchor = url.code("area", set(choosable), "E08000021", "an area")
    url.notice()
    geo = meta["geography"]
    codes = (
        compare_groups.at_level(picked, geo)
        if picked
        else compare_groups.preset_codes(group, anchor, geo)
    )
    table = compare_groups.compare_table(ind, period, codes)
    eng = A.map_data(ind, period)[1].get(A.ENGLAND)
    st.markdown(
        f"**{meta['title']}**. England, {period}: "
        f"**{eng['value_text'] if eng is not None else 'not published'}**."
    )
    trends = compare_groups.compare_trends(ind, [c for c in table["area_code"] if c in codes])
    fig = charts.small_multiples(trends, meta, wrap=max(min(len(codes), 5), 1))
    fig.update_layout(
        height=CHART_H,
        title={"text": f"{meta['short_title']}: each area (blue) against England (black dotted)"},
        margin={"t": 90},
    )
    st.plotly_chart(fig, key=f"{key}_trends", config={"displaylogo": False})
    _table(_named(table), "latest values", key)


# ---- profile -----------------------------------------------------------------------------------
def profile_slide(key: str) -> None:
    """One area: every indicator on the spine chart (``tab=All indicators``) or one trend."""
    cat, places = A.indicators(), A.areas()
    url = state.Url()
    area = url.code("area", set(A.pickable(places)), A.NORTH_EAST, "a current area")
    ind = url.choice("ind", list(cat.index), "he19_fsm", "a known indicator")
    tab = url.raw("tab") or "Trends"
    url.notice()
    row = places.loc[area]
    if tab == "All indicators":
        frame = profile_data.spine_frame(area)
        frame = frame[~cat.loc[frame["indicator_id"], "subgroup"].isin(SPINE_SKIP).to_numpy()]
        region = row["region_name"] if row["level"] in ("lad", "county") else None
        fig = spine.spine(frame, row["area_name"], region)
        rows = len(frame) + frame["domain"].nunique()
        fig.update_layout(
            height=int(SPINE_ROW * rows) + 150,
            font={"size": 10},
            margin={"t": 50, "b": 70},
            title={"font": {"size": 12}},
            legend={"font": {"size": 10}, "entrywidth": 0, "itemwidth": 30},
        )
        fig.update_traces(marker={"size": 7}, selector={"mode": "markers"})
        fig.update_traces(textfont={"size": 10}, selector={"mode": "text"})
        st.plotly_chart(fig, key=f"{key}_spine", config={"displayModeBar": False})
        cols = ["title", "period", "shown", "england", "comparison"]
        _table(
            frame[cols].rename(
                columns={
                    "title": "Indicator",
                    "period": "Period",
                    "shown": "Value",
                    "england": "England",
                    "comparison": "Compared with England",
                }
            ),
            "chart",
            key,
        )
        return
    meta = cat.loc[ind]
    frame, _ = profile_data.trend_frame(area, ind)
    marks = (
        profile_data.events(A.area_interventions(area))
        if row["level"] in ("lad", "county")
        else None
    )
    breaks = A.series_breaks()
    fig = charts.trend(
        frame,
        meta,
        marks,
        breaks[breaks["indicator_family"] == meta["family"]],
        height=CHART_H + 60,
    )
    st.plotly_chart(fig, key=f"{key}_trend", config={"displayModeBar": False})
    _table(frame[["series", "period", "value"]], "chart", key)


# ---- partnerships ------------------------------------------------------------------------------
def partnerships_slide(key: str) -> None:
    """One intervention's card (``iv``), or where the chosen programmes worked (``prog``)."""
    reg = P.register()
    url = state.Url()
    iv = url.choice("iv", list(reg.index), "", "an intervention id in the register")
    url.notice()
    if not iv:
        progs = [p for p in (st.query_params.get("prog") or "").split(",") if p]
        shown = reg[reg["programme_group"].isin(progs)] if progs else reg
        cover = P.coverage_table(shown)
        st.plotly_chart(
            P.coverage_map(cover, height=MAP_H + 60),
            key=f"{key}_cover",
            config={"displaylogo": False, "displayModeBar": False},
        )
        _table(cover, "map", key)
        return
    row = reg.loc[iv]
    st.markdown(f"#### {P.md(row['name'])}")
    m1, m2, m3 = st.columns(3)
    m1.metric("Years", P.years_text(row))
    m2.metric("Funding recorded", P.funding_text(row))
    m3.metric("English districts covered", int(row["n_areas"]))
    st.markdown(
        f"**Partners:** {P.md(row['partners']) or 'not recorded'}  \n"
        f"**Themes:** {P.md('; '.join(row['themes'])) or 'not recorded'}"
    )
    table = P.headlines(iv)
    if not table.empty:
        st.dataframe(
            table.drop(columns=["Code"]),
            hide_index=True,
            width="stretch",
            height=320,
            key=f"{key}_heads",
        )


# ---- before and after --------------------------------------------------------------------------
def before_after_slide(key: str) -> None:
    """The year-by-year gap chart and the estimate with its placebo range, nothing else."""
    ivs, outs = P.ba_interventions(P.register()), P.outcomes()
    url = state.Url()
    iv = url.choice("iv", list(ivs.index), "CUA-NCL", "an intervention with a start year")
    ind = url.choice("ind", list(outs.index), "he19_all", "an outcome with a yearly series")
    url.notice()
    ba = P.before_after(iv, ind)
    if ba.problem or ba.result is None:
        st.warning(ba.problem or "No comparison is possible.", icon=":material/block:")
        return
    r, unit = ba.result, P.UNIT_WORDS.get(ba.ind["unit"]) or ba.ind["unit"]
    fig = P.event_chart(ba)
    fig.update_layout(
        height=CHART_H,
        title={"text": f"{ba.ind['title']}: programme areas minus comparators, by year"},
        margin={"t": 70},
        legend={"y": 1.02, "yanchor": "bottom"},
    )
    st.plotly_chart(fig, key=f"{key}_event", config={"displayModeBar": False})
    m1, m2, m3 = st.columns(3)
    m1.metric(f"Difference-in-differences ({unit})", f"{r['estimate']:+.2f}")
    m2.metric(
        "95% range (placebo areas)",
        f"{r['ci_low']:+.2f} to {r['ci_high']:+.2f}" if pd.notna(r["ci_low"]) else "not available",
    )
    m3.metric("Placebo p-value", f"{r['p_value']:.2f}" if pd.notna(r["p_value"]) else "–")
    st.markdown(P.md(r["summary"]))
    _table(P.event_table(ba), "chart", key)


# ---- catalogue ---------------------------------------------------------------------------------
def catalogue_slide(key: str) -> None:
    """One indicator's catalogue entry: definition, source, licence, caveats."""
    from atlas.data import catalogue as C

    cat = C.entries()
    url = state.Url()
    ind = url.choice("ind", list(cat["indicator_id"]), "he19_fsm", "a known indicator")
    url.notice()
    row = cat[cat["indicator_id"] == ind].iloc[0]
    st.markdown(f"#### {row['title']}")
    st.markdown(row["definition"])
    st.markdown(
        f"**{row['publisher']}**, {row['source_title']} · {row['licence']} · {row['coverage']}"
    )
    if row["breaks"]:
        st.markdown(
            "**Series breaks**\n"
            + "\n".join(f"- **{b['period']}**: {b['note']}" for b in row["breaks"])
        )
    if row["caveats"]:
        with st.expander("Caveats", key=f"{key}_caveats"):
            st.markdown(row["caveats"])


SLIDES = {
    "map": map_slide,
    "compare": compare_slide,
    "profile": profile_slide,
    "partnerships": partnerships_slide,
    "before-after": before_after_slide,
    "catalogue": catalogue_slide,
}


def draw(page: str, key: str) -> None:
    """Draw the compact slide for a story view's ``page`` (see ``atlas.ui.story.PAGES``)."""
    SLIDES[page](key)
