"""Before and after: did an intervention's areas move differently from similar areas without it?
An honest difference-in-differences with comparators chosen from pre-start data only."""

import pandas as pd
import streamlit as st

from atlas.data import partnerships as P
from atlas.evidence import did
from atlas.exports.buttons import offer_downloads
from atlas.ui import state

st.title("Before and after")
st.info(
    f"**{did.CAVEAT}** Many things change in a place at once; this page shows whether the "
    "programme's areas moved differently from similar areas, and how sure we can be that the "
    "difference is more than chance.",
    icon=":material/info:",
)
reg = P.register()
ivs = P.ba_interventions(reg)
outs = P.outcomes()
url = state.Url()
iv = url.choice(
    "iv", list(ivs.index), "CUA-NCL", "an intervention with English areas and a start year"
)
ind = url.choice("ind", list(outs.index), "he19_all", "an outcome with a yearly series")
raw_pool = url.raw("pool")

c1, c2 = st.columns([1.4, 1])
with c1:
    iv = state.select(
        "Intervention",
        list(ivs.index),
        iv,
        "ba_iv",
        lambda i: f"{ivs.loc[i, 'name']} ({int(ivs.loc[i, 'start_year'])})",
    )
with c2:
    ind = state.select(
        "Outcome",
        list(outs.index),
        ind,
        "ba_ind",
        lambda i: (
            f"{outs.loc[i, 'title']} ({outs.loc[i, 'first_year']}–{outs.loc[i, 'last_year']})"
        ),
    )
if P.refusal(ivs.loc[iv]):  # a proposal (or an unestablished row) has no 'after'
    url.notice()
    st.warning(P.md(P.refusal(ivs.loc[iv])), icon=":material/block:")
    st.stop()
base = P.before_after(iv, ind)
asked, rejected = P.parse_pool(raw_pool, base.ranking)
if rejected:
    url.problems.append(
        f"`pool` lists areas that are not eligible comparators for this comparison "
        f"(dropped): {', '.join(p[:12] for p in rejected[:8])}"
    )
url.notice()
meta, row = base.ind, base.iv
level = "upper-tier local authorities" if meta["geography"] == "utla" else "districts"
st.markdown(
    f"**{P.md(row['name'])}** started in **{base.start}**. Outcome: **{P.md(meta['title'])}**, "
    f"published for {level}. Post period starts **{base.start + base.lag}** "
    f"(a {base.lag}-year lag)."
)
if row["is_uncertain"]:
    st.warning(
        f"The register flags this intervention: {P.md(row['uncertain_note'])}",
        icon=":material/help:",
    )
with st.expander(f"Why a {base.lag}-year lag, and how series breaks are handled"):
    st.markdown(
        P.md(base.lag_why) + ". Years between the start and the end of the lag are shown but "
        "left out of the estimate."
    )
    if len(base.breaks):
        st.dataframe(base.breaks, hide_index=True, width="stretch")
    else:
        st.caption("No series breaks are recorded for this outcome.")

st.subheader("Programme areas")
st.dataframe(
    base.treated,
    hide_index=True,
    width="stretch",
    column_config={
        "area_code": "Code",
        "area_name": "Area",
        "districts": "Districts of the intervention in it",
    },
)
if base.problem and base.ranking.empty:
    st.warning(
        base.problem + " Try an outcome with a longer series (employment rate, claimant rate, "
        "disposable income) or a later intervention.",
        icon=":material/block:",
    )
    state.put(iv=iv, ind=ind, pool=None)
    st.stop()

st.subheader("Comparator pool")
names = dict(zip(base.ranking["area_code"], base.ranking["area_name"], strict=True))
pool = st.multiselect(
    "Comparator areas (edit to add or remove)",
    list(base.ranking["area_code"]),
    default=asked or base.default_pool,
    format_func=lambda c: names.get(c, c),
    key=f"ba_pool_{iv}_{ind}",
)
state.put(iv=iv, ind=ind, pool=None if pool == base.default_pool else pool)
ba = base if pool == base.default_pool else P.before_after(iv, ind, tuple(pool))
st.caption(
    f"Suggested: the {len(ba.default_pool)} areas closest to the programme areas before {ba.start} on "
    "the outcome's level and trend (since its last series break)"
    + (" and deprivation" if "IMD 2019 score" in ba.ranking else "")
    + ". Each measure is "
    "standardised; areas covered by the same programme family are never candidates. Neighbours "
    "may share some of the programme's effect (spillover), which would shrink the estimate: "
    "remove them to check. " + " ".join(ba.notes)
)
pool_view = P.pool_table(ba)
st.dataframe(pool_view, hide_index=True, width="stretch", key="ba_pool_table")
offer_downloads(
    pool_view,
    f"comparators-{iv}-{ind}",
    f"Civic Atlas: comparator pool, {row['name']}",
    indicators=[ind],
    key="ba_pool_dl",
)
if len(ba.excluded):
    with st.expander(f"{len(ba.excluded)} areas excluded: covered by the same programme family"):
        st.dataframe(ba.excluded, hide_index=True, width="stretch")
if ba.problem:
    st.warning(ba.problem, icon=":material/block:")
    st.stop()

st.subheader("Year by year")
st.plotly_chart(P.event_chart(ba), key="ba_event", config={"displaylogo": False})
st.caption(
    "The line is the gap between the programme areas and the comparator average, set to 0 in "
    "the last year before the start. The band is what chance alone produces: the same gap "
    "measured with comparator areas pretending to be the programme. Hollow points are not "
    "comparable with the reference year (a series break); the grey strip is the lag; shaded years "
    "are left out (disrupted by COVID-19)."
)
events = P.event_table(ba)
with st.expander("The chart as a table"):
    st.dataframe(events, hide_index=True, width="stretch")
offer_downloads(
    events,
    f"event-study-{iv}-{ind}",
    f"Civic Atlas: year-by-year gap, {row['name']}, {meta['title']}",
    indicators=[ind],
    key="ba_event_dl",
)

st.subheader("The estimate")
r = ba.result
unit = P.UNIT_WORDS.get(meta["unit"]) or meta["unit"]
m1, m2, m3 = st.columns(3)
m1.metric(f"Difference-in-differences ({unit})", f"{r['estimate']:+.2f}")
m2.metric(
    "95% range (placebo areas)",
    f"{r['ci_low']:+.2f} to {r['ci_high']:+.2f}" if pd.notna(r["ci_low"]) else "not available",
)
m3.metric(
    "Placebo p-value",
    f"{r['p_value']:.2f}" if pd.notna(r["p_value"]) else "–",
    help="Share of placebo comparisons with a gap at least this far from zero",
)
st.markdown(P.md(r["summary"]))
st.caption(
    P.md(r["method"]) + f" Compared years: before {', '.join(map(str, r['pre_years']))}; "
    f"after {', '.join(map(str, r['post_years']))}."
)
pt = r["pre_trend"]
st.markdown(
    f"**Pre-trend check:** {P.md(pt['verdict'])}"
    + (
        f" (gap trend {pt['slope']:+.2f} per year over {pt['n_years']} years, p = {pt['p_value']:.2f})."
        if pd.notna(pt["slope"])
        else "."
    )
)
st.markdown(
    "**Placebo start dates** — pretending the programme started earlier, using pre-start years "
    "only. A clear 'effect' here means the groups were already drifting apart."
)
placebos = P.placebo_table(ba)
st.dataframe(placebos, hide_index=True, width="stretch", key="ba_placebos")
offer_downloads(
    placebos,
    f"placebo-dates-{iv}-{ind}",
    f"Civic Atlas: placebo start dates, {row['name']}, {meta['title']}",
    indicators=[ind],
    key="ba_placebo_dl",
)
if r["warnings"]:
    st.warning(
        "**Cautions**\n\n" + "\n".join(f"- {P.md(w)}" for w in r["warnings"]),
        icon=":material/warning:",
    )
st.caption(did.CAVEAT)
