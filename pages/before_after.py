"""Before and after: did an intervention's areas move differently from similar areas without it?
One plain verdict first; the figures behind it, and the analyst's terms, below."""

import streamlit as st

from atlas.data import partnerships as P
from atlas.exports.buttons import offer_downloads
from atlas.text.formatting import plural
from atlas.ui import comparators, state
from atlas.ui import evidence as E
from atlas.ui import evidence_analysts as BX
from atlas.ui import evidence_offer as offer
from atlas.ui import evidence_view as BA
from atlas.ui.planner_section import render as plan_section

st.title("Before and after")
reg = P.register()
ivs = E.interventions(reg)
outs = E.outcomes()
url = state.Url()
iv = url.choice(
    "iv", list(ivs.index), "CUA-NCL", "an intervention with English areas and a start year"
)
raw_pool = url.raw("pool")
iv_names, out_names = offer.labels(ivs, outs)
c1, c2 = st.columns([1.4, 1])
with c1:
    iv = state.select(
        "Intervention",
        list(ivs.index),
        iv,
        "ba_iv",
        iv_names.get,
    )
reads = offer.readable(iv, list(outs.index))  # outcomes whose comparison for iv is not a refusal
first = "he19_all" if "he19_all" in reads or not reads else reads[0]
ind = url.choice("ind", list(outs.index), first, "an outcome with a yearly series")
with c2:
    ind = state.select(
        "Outcome",
        list(outs.index),
        ind,
        "ba_ind",
        out_names.get,
    )
plan_section(iv)  # "Plan an evaluation": open for partnerships not yet running
if P.refusal(ivs.loc[iv]):  # a proposal (or an unestablished row) has no 'after'
    url.notice()
    st.warning(P.md(P.refusal(ivs.loc[iv])), icon=":material/block:")
    st.stop()
base = E.result(iv, ind)
asked, rejected = E.parse_pool(raw_pool, base)
url.dropped("pool", rejected, "lists areas that are not eligible comparators here (dropped)")
url.notice()
row = ivs.loc[iv]
top = st.container()  # the verdict goes first, above the comparator editor it depends on
if base.get("problem"):
    st.warning(base["problem"], icon=":material/block:")
    others = [i for i in reads if i != ind]
    if others:
        n = plural(len(others), "other outcome")
        st.markdown(f"For this intervention the comparison can be made on {n}:")
    for other in others:  # a button: a link to this same page would keep the picker's choice
        st.button(
            out_names[other],
            icon=":material/timeline:",
            key=f"ba_try_{other}",
            on_click=lambda o=other: st.session_state.update(ba_ind=o),
        )
    state.put(iv=iv, ind=ind, pool=None)
    st.stop()

names = {x["area_code"]: x["area_name"] for x in base["ranking"]}
with st.expander("Comparator areas (edit to add or remove)"):  # the count is said inside:
    cset, start = comparators.before_after_start(base, url.raw("cset"), f"ba_cset_{iv}_{ind}")
    pool = st.multiselect(  # a set chosen here can change it after the label is drawn
        "Comparator areas",
        list(names),
        default=asked or start,
        format_func=lambda c: names.get(c, c),
        key=f"ba_pool_{iv}_{ind}_{cset}",
    )
    st.caption(f"{plural(len(pool), 'comparator area')} in this comparison.")
edited = sorted(pool) != sorted(base["default_pool"]) and len(pool) >= 2
state.put(iv=iv, ind=ind, pool=pool if edited else None)
r = E.result(iv, ind, tuple(pool), cset) if edited else base
BA.headline(top, r, row)
events = BA.gap_chart(r, row["name"])
BA.twin_section(r)
BA.comparators(r, iv, ind, row)
BX.programme(row, ind)
BX.smc(iv, int(r["start"]))
BX.analysts(r, iv, ind, row)
offer_downloads(
    events,
    f"event-study-{iv}-{ind}",
    f"Civic Atlas: before and after, {row['name']}",
    indicators=[ind],
    key="ba_event_dl",
)
