"""Presentation slides: each atlas view drawn compactly so its whole point fits one screen.

A slide shows the view's main chart with a short reading and, in a closed expander, the chart as a
table (the same rows a screen reader or a sceptic can check). Pages are for exploring; a slide is
for showing: its few controls and every click (a map area, a period) stay on the slide, and the
full page is one "Open this view" link away. Heights are chosen so that the slide fits at 1024×768
and 1400×900 without scrolling (``tests/test_browser_present.py`` checks it).

``parts(page, params)`` gives a slide's (figure, reading, table) without drawing anything: the
live slide and the offline HTML export (``atlas.ui.story_html``) share it. Figures are built
once per view and build (``st.cache_resource``), so returning to a slide does not rebuild them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.charts import maps, spine
from atlas.charts import partnerships as PC
from atlas.charts import trend as charts
from atlas.charts.multiples import small_multiples
from atlas.data import areas as A
from atlas.data import compare as compare_groups
from atlas.data import coverage as CV
from atlas.data import partnerships as P
from atlas.data import pickers as PK
from atlas.data import profile as profile_data
from atlas.data import spine as spine_data
from atlas.exports import views as view_exports
from atlas.text import comparison as C
from atlas.ui import mapview, state

#: chart heights (px) that fit under the presentation bar at 1024×768
MAP_H, CHART_H = 440, 330
#: a slide's map: the wheel scrolls the slide; once drawn, plotly is parsed for the chart slides
SLIDE_MAP = {"wheel": False, "charts_next": True}
#: subgroups a spine slide leaves out (their complements stay), so the chart fits one screen
SPINE_SKIP = (
    "Not FSM",
    "Not disadvantaged",
    "Before housing costs",
    "Share of LSOAs in most deprived 10%",
)


Parts = tuple  # (plotly figure, map spec dict or None; reading markdown; table or None)


def _pick(params: dict, key: str, options, default):
    value = params.get(key)
    return value if value in options else default


def place_name(places: pd.DataFrame, code: str) -> str:
    """An area as a label names it: a combined authority never reads as its region
    ("North East Combined Authority", not "North East")."""
    name = str(places.loc[code, "area_name"])
    is_ca = places.loc[code, "level"] == "ca" and "combined authority" not in name.lower()
    return f"{name} Combined Authority" if is_ca else name


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    cols = {
        "area_name": "Area",
        "value_text": "Value",
        "ci_text": "95% confidence interval",
        "comparison": "Compared with England",
        "rank_text": "Rank in England",
    }
    if "ci_text" in frame and not frame["ci_text"].astype(bool).any():
        cols.pop("ci_text")  # no interval published: no empty column promising one
    return frame[[c for c in cols if c in frame]].rename(columns=cols)


# ---- the parts of each kind of slide ------------------------------------------------------------
def map_parts(p: dict) -> Parts:
    cat, places = A.indicators(), A.areas()
    ind = _pick(p, "ind", cat.index, A.DEFAULT_IND)
    meta = cat.loc[ind]
    period = _pick(p, "period", meta["periods"], meta["latest_period"])
    focus = _pick(p, "focus", PK.pickers().focus, A.NORTH_EAST)
    mode = _pick(p, "mode", ("quintiles", "england"), "quintiles")
    groups = CV.programme_groups()
    prog = tuple(g for g in (p.get("prog") or "").split(",") if g in groups)
    frame, others = A.map_data(ind, period)
    eng, here = others.get(A.ENGLAND), others.get(focus)
    reading = f"**{meta['title']}**, {period}. England: **{eng['value_text'] if eng is not None else 'no data'}**"
    if here is not None and focus != A.ENGLAND:
        reading += f"; {place_name(places, focus)}: **{here['value_text']}**"
    legend = " · ".join(lab.strip() for lab, _ in maps.legend_for(frame, meta, mode))
    inside = A.members(places, focus, meta["geography"])
    spec = maps.view_spec(ind, period, focus, mode, prog, height=MAP_H)
    return spec, f"{reading}. Colours: {legend}.", _named(frame[frame["area_code"].isin(inside)])


def compare_parts(p: dict) -> Parts:
    cat, places = A.indicators(), A.areas()
    ind = _pick(p, "ind", cat.index, A.DEFAULT_IND)
    meta = cat.loc[ind]
    period = _pick(p, "period", meta["periods"], meta["latest_period"])
    picked = [c for c in (p.get("areas") or "").split(",") if c in places.index]
    group = _pick(p, "group", compare_groups.PRESETS, "ne_mca")
    anchor = _pick(p, "area", places.index, "E08000021")
    geo = meta["geography"]
    codes = (
        compare_groups.at_level(picked, geo)
        if picked
        else compare_groups.preset_codes(group, anchor, geo)
    )
    table = compare_groups.compare_table(ind, period, codes)
    eng = A.map_data(ind, period)[1].get(A.ENGLAND)
    trends = compare_groups.compare_trends(ind, [c for c in table["area_code"] if c in codes])
    fig = small_multiples(trends, meta, wrap=max(min(len(codes), 5), 1))
    fig.update_layout(
        height=CHART_H,
        title={"text": f"{meta['short_title']}: each area (blue) against England (black dotted)"},
        margin={"t": 90},
    )
    reading = f"**{meta['title']}**. England, {period}: **{eng['value_text'] if eng is not None else 'not published'}**."
    return fig, reading, _named(table)


def profile_parts(p: dict) -> Parts:
    cat, places = A.indicators(), A.areas()
    area = _pick(p, "area", places.index, A.NORTH_EAST)
    ind = _pick(p, "ind", cat.index, "he19_fsm")
    row = places.loc[area]
    if p.get("tab") == "All indicators":
        frame = spine_data.spine_frame(area)
        frame = frame[~cat.loc[frame["indicator_id"], "subgroup"].isin(SPINE_SKIP).to_numpy()]
        region = row["region_name"] if row["level"] in ("lad", "county") else None
        fig = spine.spine(frame, row["area_name"], region, layout="slide")
        return fig, "", view_exports.spine_rows(frame)
    meta = cat.loc[ind]
    frame, _ = profile_data.trend_frame(area, ind)
    marks = profile_data.markers(area)
    breaks = A.series_breaks()
    fig = charts.trend(
        frame,
        meta,
        marks,
        breaks[breaks["indicator_family"] == meta["family"]],
        height=CHART_H + 60,
    )
    return fig, "", view_exports.chart_rows(frame, meta)


def partnerships_parts(p: dict) -> Parts:
    reg = P.register()
    iv = _pick(p, "iv", reg.index, "")
    if not iv:
        progs = [g for g in (p.get("prog") or "").split(",") if g]
        shown = reg[reg["programme_group"].isin(progs)] if progs else reg
        cover = P.coverage_table(shown)
        return PC.coverage_map(cover, height=MAP_H + 60), "", cover
    row = reg.loc[iv]
    reading = (
        f"**{P.md(row['name'])}** · {P.years_text(row)} · funding {P.funding_text(row)} · "
        f"{int(row['n_areas'])} English districts.  \n**Partners:** {P.md(row['partners']) or 'not recorded'}"
        f"  \n**Themes:** {P.md('; '.join(row['themes'])) or 'not recorded'}"
    )
    table = P.headlines(iv)
    return None, reading, table.drop(columns=["Code"]) if not table.empty else None


def before_after_parts(p: dict) -> Parts:
    """The precomputed study (atlas.evidence): the verdict, the figures and the event study."""
    from atlas.charts import evidence as evidence_charts
    from atlas.evidence.grade import of as grade_of
    from atlas.ui import evidence as E

    ivs, outs = E.interventions(P.register()), E.outcomes()
    iv = _pick(p, "iv", ivs.index, "CUA-NCL")
    if refused := P.refusal(ivs.loc[iv]):
        return None, P.md(refused), None
    r = E.result(iv, _pick(p, "ind", outs.index, "he19_all"))
    if r.get("problem"):
        return None, P.md(r["problem"]), None
    d, unit = r["did"], r["outcome"]["unit_words"]
    fig = evidence_charts.event_chart(r, height=CHART_H)
    fig.update_layout(margin={"t": 70}, legend={"y": 1.02, "yanchor": "bottom"})
    span = (
        f"range {d['ci_low']:+.2f} to {d['ci_high']:+.2f}"
        if d.get("level")
        else "too few comparison areas for a range"
    )
    grade = grade_of(r)
    reading = (
        f"**{P.md(r['verdict'].get('short') or r['verdict']['headline'])}**  \nChange beyond similar areas "
        f"**{d['estimate']:+.2f} {unit}** ({span}) · smallest change it could see "
        f"±{d['mde']:.1f} {unit} · {grade['label']}."
    )
    return fig, reading, E.event_table(r)


def catalogue_parts(p: dict) -> Parts:
    from atlas.data import catalogue

    cat = catalogue.entries()
    ind = _pick(p, "ind", set(cat["indicator_id"]), "he19_fsm")
    row = cat[cat["indicator_id"] == ind].iloc[0]
    reading = (
        f"**{row['title']}**. {row['definition']}  \n**{row['publisher']}**, {row['source_title']}"
        f" · {row['licence']} · {row['coverage']}"
    )
    facts = [
        ("Topic", row["domain_title"]),
        ("Better is", row["polarity_words"]),
        ("Geography", f"{row['geography_words']} ({row['nations_words']})"),
        ("Areas in the latest period", str(row["latest_n_areas"])),
        ("Source file", row["source_file"]),
        ("Caveats", row["caveats"] or "none recorded"),
        *((f"Series break, {b['period']}", b["note"]) for b in (row["breaks"] or [])),
    ]
    if not len(row["breaks"] or []):
        facts.append(("Series breaks", "none recorded"))
    table = pd.DataFrame(facts, columns=["In the catalogue", "What it says"])
    return None, reading, table


PARTS = {
    "map": map_parts,
    "compare": compare_parts,
    "profile": profile_parts,
    "partnerships": partnerships_parts,
    "before-after": before_after_parts,
    "catalogue": catalogue_parts,
}


def parts(page: str, params: dict) -> Parts:
    """(figure, reading, table) of a story view's slide (``page`` from ``atlas.ui.story.PAGES``)."""
    return PARTS[page](params)


# ---- drawing ------------------------------------------------------------------------------------
def _table(frame: pd.DataFrame | None, what: str, key: str) -> None:
    if frame is not None and len(frame):
        with st.expander(f"The {what} as a table", key=f"{key}_tbl"):
            st.dataframe(frame, hide_index=True, width="stretch", height=260)


def map_slide(key: str) -> None:
    """The map with a Period choice; a click reads the area out under the map (no page change)."""
    cat = A.indicators()
    url = state.Url()
    ind = url.choice("ind", list(cat.index), A.DEFAULT_IND, "a known indicator")
    meta = cat.loc[ind]
    period = url.choice("period", meta["periods"], meta["latest_period"], "a published period")
    url.notice()
    words, pick = st.columns([4, 1], vertical_alignment="bottom")
    with pick:
        period = state.select("Period", meta["periods"][::-1], period, f"{key}_period")
    state.put(period=period)
    spec, reading, table = map_parts({**st.query_params.to_dict(), "period": period})
    words.markdown(reading.split(" Colours: ")[0])
    hint = "Press Enter on an area to read its value."
    clicked = mapview.show(spec, f"{key}_map_{ind}_{period}", hint=hint, **SLIDE_MAP)
    if clicked:  # kept for the slide's later reruns (a period change) until another click
        st.session_state[f"{key}_picked"] = clicked
    picked = [st.session_state.get(f"{key}_picked")]
    rows = A.map_data(ind, period)[0].set_index("area_code")
    with st.container(key="present_picked"):
        if picked and picked[0] in rows.index:  # a click stays on the slide: read the area out
            r = rows.loc[picked[0]]
            ci = f" (95% CI {r['ci_text']})" if r["ci_text"] else ""
            st.markdown(
                f"**{r['area_name']}**: {r['value_text']}{ci} · "
                f"{C.worded(r['comparison'], bool(r['ci_text']))} · {r['rank_text']}"
            )
        else:
            st.caption(reading.split(" Colours: ")[1] + " Click an area to read its value here.")
    _table(table, "map", key)


def draw(page: str, key: str) -> None:
    """Draw the slide for a story view's ``page`` from the URL the slide has set."""
    if page == "map":
        return map_slide(key)
    fig, reading, table = parts(page, st.query_params.to_dict())
    if page == "catalogue":
        title, _, rest = reading.partition(". ")
        st.markdown(f"#### {title.strip('*')}")
        st.markdown(rest)
        if table is not None and len(table):  # the entry and its series breaks are the slide
            st.dataframe(table, hide_index=True, width="stretch", key=f"{key}_breaks")
        return
    if reading:
        st.markdown(reading)
    if isinstance(fig, dict):  # a map spec (the partnerships coverage map)
        mapview.show(fig, f"{key}_map", **SLIDE_MAP)
        _table(table, "map", key)
    elif fig is not None:
        st.plotly_chart(fig, key=f"{key}_chart", config={"displayModeBar": False})
        _table(table, "chart", key)
    elif table is not None and len(table):  # the table is the slide
        st.dataframe(table, hide_index=True, width="stretch", height=320, key=f"{key}_rows")
