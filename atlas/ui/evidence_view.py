"""The Before and after page's sections for every reader: the verdict with the estimate and its
range in one sentence, how far trends could bend, the evidence grade, the year-by-year gap, the
synthetic twin in words and the comparison areas. The analysts' terms are in
``atlas.ui.evidence_analysts``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import areas as A
from atlas.data import partnerships as P
from atlas.evidence.grade import of as grade_of
from atlas.exports import buttons  # through the module: tests spy on the buttons
from atlas.text.formatting import plural
from atlas.ui import evidence as E
from atlas.ui import figures as cached
from atlas.ui import plots

BOXES = {"moved_apart": "warning", "changed": "success", "no_change": "info"}


def headline(top, r: dict, row: pd.Series) -> None:
    """Verdict, estimate sentence, sensitivity, grade and the three figures, in ``top``."""
    v, d, unit = r["verdict"], r["did"], r["outcome"]["unit_words"]
    top.markdown(
        f"**{P.md(row['name'])}** started in **{r['start']}**. "
        f"Outcome: **{P.md(r['outcome']['title'])}**."
    )
    box = getattr(top, BOXES.get(v["rule"], "info"))
    box(
        f"**{P.md(v['headline'])}**" + (f"\n\n{P.md(v['second'])}" if v.get("second") else ""),
        icon=":material/gavel:",
    )
    top.markdown(P.md(E.estimate_sentence(r)))
    if v.get("sensitivity"):
        top.markdown(f"**If trends were not parallel.** {P.md(v['sensitivity'])}")
    g = grade_of(r)
    top.markdown(f"**Strength of evidence: {g['label']}.** {P.md(g['why'])}")
    top.caption(f"What would raise it: {P.md(g['raise'])}")
    top.caption("This is descriptive evidence, not proof that the programme caused the difference.")
    if row["is_uncertain"]:
        top.warning(
            f"The register flags this intervention: {P.md(row['uncertain_note'])}",
            icon=":material/help:",
        )
    m1, m2, m3 = top.columns(3)
    m1.metric(
        f"Change beyond similar areas ({unit})",
        f"{d['estimate']:+.1f}",
        help=f"Range {d['ci_low']:+.1f} to {d['ci_high']:+.1f}"
        if d.get("level")
        else "Too few comparison areas for a range",
    )
    m2.metric(
        f"Smallest change it could see ({unit})",
        f"±{d['mde']:.1f}" if d.get("mde") else "–",
        help=f"A change of this size, up or down, would be called beyond chance "
        f"{d['mde_power']:.0%} of the time; smaller ones could go unseen."
        if d.get("mde_power")
        else None,
    )
    s, group = r.get("synth"), len(r["treated"]) > 1
    m3.metric(
        f"Synthetic twin ({unit})",
        f"{s['effect']:+.1f}" if s else ("not for groups" if group else "–"),
        help="The mix of comparison areas whose past best matches the programme area's"
        + (" (built for a programme of one area only)" if group else ""),
    )
    if sentence := E.mde_sentence(r):
        top.markdown(sentence)


def gap_chart(r: dict, name: str) -> pd.DataFrame:
    plots.chart(event := cached.event_chart(r), key="ba_event", config={"displaylogo": False})
    pictures(event, r, "", f"{name}: {r['outcome']['title']}, gap with similar areas")
    st.caption(
        "The line is the gap between the programme areas and the average of their comparators, "
        f"set to 0 in {r['reference_year']}. The band is what chance produces: the same gap for "
        "areas without the programme. Hollow points cross a series break; shaded years are left out."
    )
    events = E.event_table(r)
    with st.expander("The chart as a table"):
        st.dataframe(events, hide_index=True, width="stretch")
    return events


def twin_section(r: dict) -> None:
    s, tw = r.get("synth"), E.twin(r)
    if not s:
        return
    unit = r["outcome"]["unit_words"]
    st.subheader("A synthetic twin")
    st.markdown(
        f"{P.md(tw['sentence'])} Before the start it missed by {s['pre_rmspe']:.2f} {unit} in a "
        f"typical year; after the start it was on average {abs(s['effect']):.1f} {unit} "
        f"{'above' if s['effect'] > 0 else 'below'} its twin, "
        + ("beyond" if s["significant"] else "within")
        + " what chance produces."
    )
    if tw["far"]:
        st.info(P.md(tw["far"]), icon=":material/travel_explore:")
    plots.chart(fig := cached.synth_chart(r), key="ba_synth", config={"displaylogo": False})
    pictures(
        fig,
        r,
        "-twin",
        f"{r['treated'][0]['area_name']} and its synthetic twin: {r['outcome']['title']}",
    )
    with st.expander("The synthetic twin as a table"):
        st.dataframe(E.synth_fit(r), hide_index=True, width="stretch")


def pictures(fig, r: dict, what: str, title: str, method: str = "") -> None:
    """Picture buttons for a before/after chart of ``r`` (a study, a pooled programme or a plan):
    the outcome's publisher and the comparison's method version on the source line."""
    ind = r["outcome"]["indicator_id"] if isinstance(r.get("outcome"), dict) else r["indicator_id"]
    iv = (r.get("intervention") or {}).get("id") or r.get("programme") or "areas"
    buttons.offer_indicator_pictures(
        fig,
        f"before-after-{iv}-{ind}{what}",
        A.indicators().loc[ind],
        title=title,
        note=f"before/after method {method or r['method_version']}",
        key=f"pic_ba_{buttons.slug(iv)}_{ind}{what}",
    )


def comparators(r: dict, iv: str, ind: str, row: pd.Series) -> None:
    st.subheader("Neighbours: excluded and kept")
    st.dataframe(E.side_by_side(r), hide_index=True, width="stretch", key="ba_side")
    excluded = E.excluded_table(r)
    with st.expander(
        f"{plural(len(excluded), 'area')} excluded from the comparators, with the reason for each"
    ):
        st.dataframe(excluded, hide_index=True, width="stretch")
    pool_view = E.pool_table(r)
    n = len(r["treated"])
    who = "The programme area" if n == 1 else f"The {n} programme areas"
    with st.expander(f"{who} and {plural(len(pool_view), 'comparator')}"):
        st.dataframe(E.treated_table(r), hide_index=True, width="stretch", key="ba_treated")
        st.dataframe(pool_view, hide_index=True, width="stretch", key="ba_pool_table")
        st.caption(" ".join(r["notes"]))
        buttons.offer_downloads(
            pool_view,
            f"comparators-{iv}-{ind}",
            f"Civic Atlas: comparators, {row['name']}",
            indicators=[ind],
            key="ba_pool_dl",
        )
