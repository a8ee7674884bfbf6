"""The Before and after page's deeper sections: the whole programme's pooled estimate and cohort
event study (staggered starts), the Social Mobility Commission's own two-period reading, and the
analysts' terms (interval level, placebos, p-values, pre-start tests, sensitivity by M̄)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import partnerships as P
from atlas.data.db import version
from atlas.evidence.grade import before_after_only
from atlas.evidence.grade import of as grade_of
from atlas.evidence.staggered import pooled_table
from atlas.evidence.verdict import RULES
from atlas.exports import buttons  # through the module: tests spy on the buttons
from atlas.ui import evidence as E
from atlas.ui import evidence_view as BV
from atlas.ui import figures as cached
from atlas.ui import plots


def programme(row: pd.Series, ind: str) -> None:
    """Each pooled (staggered-start) programme this intervention belongs to."""
    for name in E.programmes_for(row["programme_group"]):
        pr = E.pooled(name, ind)
        st.subheader(f"The whole programme: {name}")
        if pr.get("problem"):
            st.caption(P.md(pr["problem"]))
            continue
        st.markdown(f"**{pr['headline']}**")
        if g := pr.get("grade"):
            st.caption(f"Strength of evidence: {g['label']}. {P.md(g['why'])}")
        st.dataframe(pooled_table(pr), hide_index=True, width="stretch", key=f"ba_pooled_{name}")
        d, unit = pr["did"], pr["unit_words"]
        if pr.get("event"):
            fig = cached.pooled_event_chart(name, ind, pr)
            plots.chart(fig, key=f"ba_pooled_es_{name}", config={"displaylogo": False})
            BV.pictures(fig, pr, "", f"{name}: {pr['outcome']}, cohorts' gap by years since start")
        st.caption(
            f"Each place is compared from its own start with its own matched areas, and the "
            f"cohorts are averaged by years since their start. Pooled {d['estimate']:+.2f} {unit}, "
            f"range {d['ci_low']:+.2f} to {d['ci_high']:+.2f} ({d['level']:.1%} with "
            f"{d['n_placebos']} placebo programmes)."
        )


def smc(iv: str, start: int) -> None:
    reading = _smc_reading(version(), iv, start)
    with st.expander("The Social Mobility Commission's own before and after"):
        if reading["usable"]:
            st.markdown("\n".join(f"- {P.md(s)}" for s in reading["readings"]))
            g = before_after_only()
            st.caption(f"{g['label']}: {P.md(g['why'])}")
        else:
            st.caption(P.md(reading["reason"]))
        st.caption(P.md(reading["caveat"]))


@st.cache_resource(max_entries=256, show_spinner=False)
def _smc_reading(build: str, iv: str, start: int) -> dict:
    """The SMC's reading, once per build and intervention (~15 ms of frame work; only read)."""
    return E.smc_reading(iv, start)


def analysts(r: dict, iv: str, ind: str, row: pd.Series) -> None:
    d, unit = r["did"], r["outcome"]["unit_words"]
    with st.expander("For analysts"):
        st.markdown(
            f"Difference-in-differences of mean changes (two-way fixed effects on a complete panel), "
            f"{len(r['treated'])} treated vs {len(r['pool'])} comparators; before "
            f"{', '.join(map(str, r['pre_years']))}, after {', '.join(map(str, r['post_years']))} "
            f"(a {r['lag']}-year lag: {P.md(r['lag_why'])}). Interval by test inversion against "
            f"placebos ({d['placebos']}), order statistics: level achieved {d['level']:.1%} with "
            f"{d['n_placebos']} placebos; p = {d['p_value']:.3f}. Method {r['method_version']}."
        )
        st.dataframe(E.side_by_side(r, analysts=True), hide_index=True, width="stretch")
        if sentence := E.synth_sentence(r):
            s = r["synth"]
            st.markdown(
                f"**Synthetic control:** {P.md(sentence)}; pre-start RMSPE {s['pre_rmspe']:.2f} "
                f"{unit}; rank {s['rank']} of {s['n_placebos'] + 1} on post/pre RMSPE "
                f"(p = {s['p_value']:.2f})."
            )
        pt = r["pre_trend"]
        st.markdown(
            f"**Pre-trend test:** gap trend {pt['slope']:+.2f} {unit} a year over "
            f"{pt['n_years']} years before the start, placebo p = {pt['p_value']:.2f}."
            if pt["slope"] == pt["slope"]
            else f"**Pre-trend test:** not run ({pt['n_years']} years before the start)."
        )
        if (j := r.get("pre_test") or {}).get("drift_p") is not None:  # method 10's two parts
            a, b = j["drift_years"]
            st.markdown(
                f'**Joint pre-period test** (decides "moved apart"): placebo p = '
                f"{j['p_value']:.3f}; its parts: the whole comparison at a pretend start, p = "
                f"{j['pretend_p']:.3f}, and the gap's drift over {a}–{b} "
                f"({j['drift_slope']:+.2f} {unit} a year), p = {j['drift_p']:.3f}, given "
                f"{j['drift_share']:.0%} of the test's level."
            )
        st.markdown("**Pretend start dates** (pre-start years only):")
        pretend = E.pretend_table(r)
        st.dataframe(pretend, hide_index=True, width="stretch", key="ba_placebos")
        buttons.offer_downloads(
            pretend,
            f"placebo-dates-{iv}-{ind}",
            f"Civic Atlas: pretend starts, {row['name']}",
            indicators=[ind],
            key="ba_placebo_dl",
        )
        _sensitivity(r)
        if r["breaks"]:
            st.dataframe(E.breaks_table(r), hide_index=True, width="stretch")
        if r["warnings"]:
            st.markdown("\n".join(f"- {P.md(w)}" for w in r["warnings"]))
        g = grade_of(r)
        st.caption(
            f"Verdict rules, in order: {', '.join(RULES)}; grade: {g['label']} (docs/evidence.md)."
        )


def _sensitivity(r: dict) -> None:
    s = r.get("sensitivity") or {}
    if not s.get("ran"):
        return
    b = s["breakdown"]
    st.markdown(
        "**Sensitivity (Rambachan–Roth, relative magnitudes):** average post-start gap "
        f"{s['theta']:+.2f} against {s['reference_year']}; worst pre-start wobble "
        f"{s['worst_wobble']:.2f} a year; {s['n_draws']} placebo paths as noise; breakdown M̄ = "
        + ("none (the range includes 0 even with parallel trends)." if b is None else f"{b:.2f}.")
    )
    st.dataframe(E.sensitivity_table(r), hide_index=True, width="stretch", key="ba_sens")
