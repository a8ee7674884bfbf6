"""The Before and after page's "Plan an evaluation" section: for a partnership not yet running
or just started (or any areas), the smallest effect each outcome could show year by year after
the start, the earliest year an effect of a chosen size becomes detectable, and the design fixed
now as a downloadable pre-registration. The figures come from ``atlas.evidence.planner``; the
sentences from ``atlas.text.planner``."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from atlas.charts.planner import mde_chart
from atlas.data.db import query, version
from atlas.evidence import planner, prereg
from atlas.evidence.engine import METHOD_VERSION, StudyError
from atlas.text import planner as words
from atlas.ui import evidence_view as BA

FIRST_PLANNED = 2023  # partnerships starting from this year are offered as "just started"
FALLBACK = ["he19_all", "employment_rate"]


def plannable() -> pd.DataFrame:
    """Register interventions with areas that are proposed or started recently (one frame per
    build, shared by every session: only read)."""
    return _plannable(version())


@st.cache_resource(max_entries=2, show_spinner=False)
def _plannable(build: str) -> pd.DataFrame:
    reg = query("partnerships_register").set_index("intervention_id", drop=False)
    keep = (reg["n_areas"] > 0) & (
        (reg["status"] == "proposed") | (reg["start_year"].fillna(0) >= FIRST_PLANNED)
    )
    return reg[keep & reg["start_year"].notna()].sort_values(["start_year", "name"])


@st.cache_data(
    max_entries=32, show_spinner="Reading what past comparisons of this shape could see…"
)
def _plan(build: str, iv: str | None, areas: tuple, outcomes: tuple, start: int) -> dict:
    del build  # the cache key: a new warehouse plans again
    memo: dict = {}
    try:
        plan = planner.plan(
            query, outcomes=list(outcomes), iv=iv, areas=list(areas) or None, start=start, memo=memo
        )
    except StudyError as exc:
        return {"problem": str(exc)}
    cands = query("ba_outcomes")["indicator_id"].tolist()
    for o in plan["outcomes"]:
        if o["refused"]:
            o["alternatives"] = planner.alternatives(query, iv, list(areas) or None, memo, cands)
    return plan


def _choose(iv_page: str) -> tuple[str | None, tuple, int | None, list[str]]:
    """The section's own choices: a partnership or areas, and the start year."""
    ivs = plannable()
    how = st.radio(
        "Plan for",
        ["A partnership in the register", "Areas I choose"],
        horizontal=True,
        key="pl_how",
    )
    if how.startswith("A partnership"):
        options = list(ivs.index)
        iv = st.selectbox(
            "Partnership",
            options,
            index=options.index(iv_page if iv_page in options else "NE-REP"),
            format_func=lambda i: f"{ivs.loc[i, 'name']} ({int(ivs.loc[i, 'start_year'])})",
            key="pl_iv",
        )
        fam = query("evidence_families").set_index("programme_group")["outcomes"]
        group = ivs.loc[iv, "programme_group"]
        default = list(fam.get(group)) if group in fam.index and fam.get(group) is not None else []
        return iv, (), int(ivs.loc[iv, "start_year"]), default or FALLBACK
    areas = query("common_areas")
    areas = areas[areas["is_lad"] | areas["is_utla"]]
    names = dict(zip(areas["area_code"], areas["area_name"], strict=False))
    codes = st.multiselect(
        "Areas", list(names), format_func=lambda c: f"{names[c]} ({c})", key="pl_areas"
    )
    return None, tuple(sorted(codes)), None, FALLBACK


UNREAD = "no past window"  # a year no past window of the published series could be read for


def _table(o: dict, effect: float) -> pd.DataFrame:
    """One row a year of data after the start; a year without a past window to read its MDE from
    says so in words (it showed "None" and an unticked box, as if the effect would be missed)."""
    mde, see = f"Smallest detectable effect (± {o['unit_words']})", f"Would see {effect:g}?"
    rows = []
    for r in o["rows"]:
        known = math.isfinite(r["mde"])
        rows.append(
            {
                "Year of data": r["year"],
                "Years after the lag": r["post_years"],
                mde: f"{r['mde']:.2f}" if known else UNREAD,
                see: ("yes" if r["mde"] <= effect else "no") if known else "–",
                "Past windows (pretend starts)": ", ".join(
                    str(w["pretend_start"]) for w in r["windows"]
                )
                or "none",
            }
        )
    return pd.DataFrame(rows)


def _outcome(o: dict, effect: float, iv: str | None, who: str) -> None:
    st.markdown(f"**{o['title']}**")
    if o["refused"]:
        st.warning(words.refusal_sentence(o), icon=":material/block:")
        return
    o = o | {"earliest": planner.earliest(o["rows"], effect)}
    st.markdown(words.mde_sentence(o) + " " + (words.earliest_sentence(o) or ""))
    st.dataframe(
        _table(o, effect), hide_index=True, width="stretch", key=f"pl_t_{o['indicator_id']}"
    )
    fig = mde_chart(o, effect)
    st.plotly_chart(fig, key=f"pl_c_{o['indicator_id']}", config={"displaylogo": False})
    title = f"{who}, {o['title']}: the smallest change each year after the start could show"
    BA.pictures(fig, o | {"programme": iv}, "-plan", title, METHOD_VERSION)


def render(iv_page: str) -> None:
    """The whole section, in an expander (open for a partnership that has not started yet)."""
    row = plannable()
    open_now = iv_page in row.index
    with st.expander("Plan an evaluation", expanded=open_now, icon=":material/event_upcoming:"):
        st.caption(
            "Before a partnership's results exist: how small a change each outcome could show, "
            "year by year, and a pre-registration that fixes the comparison now."
        )
        # planning reads many past comparisons (seconds): on a page opened for a running or
        # ended intervention it waits to be asked
        if not st.toggle("Plan an evaluation", value=open_now, key="pl_on"):
            return
        iv, areas, start, default = _choose(iv_page)
        outs = query("ba_outcomes").set_index("indicator_id")
        c1, c2, c3 = st.columns([2, 1, 1])
        chosen = c1.multiselect(
            "Outcomes",
            list(outs.index),
            default=[d for d in default if d in outs.index],
            format_func=lambda i: outs.loc[i, "title"],
            key=f"pl_outs_{iv}",
        )
        start = c2.number_input(
            "Start year", 2000, 2040, start or 2026, key=f"pl_start_{iv}", step=1
        )
        effect = c3.number_input("An effect of", 0.1, 100.0, 3.0, 0.5, key="pl_effect")
        if not chosen or not (iv or areas):
            st.info("Choose at least one outcome and a partnership or an area.")
            return
        plan = _plan(version(), iv, areas, tuple(chosen), int(start))
        if plan.get("problem"):
            st.warning(f"No plan is possible: {plan['problem']}.", icon=":material/block:")
            return
        for o in plan["outcomes"]:
            _outcome(
                o, float(effect), iv, row.loc[iv, "name"] if iv in row.index else "The chosen areas"
            )
        try:
            doc = prereg.build(plan, fingerprint=version(), method_version=METHOD_VERSION)
        except StudyError as exc:
            st.caption(str(exc).capitalize() + ".")
            return
        n = sum(len(o["pool"]) for o in doc["outcomes"])
        st.download_button(
            "Download the pre-registration (JSON)",
            prereg.dumps(doc),
            file_name=f"preregistration-{iv or 'areas'}-{int(start)}.json",
            mime="application/json",
            key="pl_prereg",
            icon=":material/download:",
        )
        st.caption(
            f"It fixes the areas, start, outcomes, {n} comparator choices, exclusions, placebo "
            f"rule and seed (sha256 {doc['sha256'][:12]}…); `python -m pipelines evaluate "
            "--prereg FILE` later uses it unchanged and refuses a changed file."
        )
