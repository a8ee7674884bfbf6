"""Before and after: did an intervention's areas move differently from similar areas without it?
One plain verdict first; the figures behind it, and the analyst's terms, below."""

import streamlit as st

from atlas.charts import evidence as charts
from atlas.data import evidence as E
from atlas.data import partnerships as P
from atlas.evidence.staggered import pooled_table
from atlas.evidence.verdict import RULES
from atlas.exports.buttons import offer_downloads, offer_pictures
from atlas.ui import comparators, state

st.title("Before and after")
reg = P.register()
ivs = E.interventions(reg)
outs = E.outcomes()
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
base = E.result(iv, ind)
asked, rejected = E.parse_pool(raw_pool, base)
url.dropped("pool", rejected, "lists areas that are not eligible comparators here (dropped)")
url.notice()
row = ivs.loc[iv]
top = st.container()  # the verdict goes first, above the comparator editor it depends on
if base.get("problem"):
    st.warning(base["problem"], icon=":material/block:")
    state.put(iv=iv, ind=ind, pool=None)
    st.stop()

names = {x["area_code"]: x["area_name"] for x in base["ranking"]}
with st.expander(f"Comparator areas: {len(asked or base['default_pool'])} (edit to add or remove)"):
    cset, start = comparators.before_after_start(base, url.raw("cset"), f"ba_cset_{iv}_{ind}")
    pool = st.multiselect(
        "Comparator areas",
        list(names),
        default=asked or start,
        format_func=lambda c: names.get(c, c),
        key=f"ba_pool_{iv}_{ind}_{cset}",
    )
edited = sorted(pool) != sorted(base["default_pool"]) and len(pool) >= 2
state.put(iv=iv, ind=ind, pool=pool if edited else None)
r = E.result(iv, ind, tuple(pool)) if edited else base
v, d, unit = r["verdict"], r["did"], r["outcome"]["unit_words"]
top.markdown(
    f"**{P.md(row['name'])}** started in **{r['start']}**. "
    f"Outcome: **{P.md(r['outcome']['title'])}**."
)
box = {"moved_apart": top.warning, "changed": top.success, "no_change": top.info}.get(
    v["rule"], top.info
)
box(
    f"**{v['headline']}**" + (f"\n\n{v['second']}" if v.get("second") else ""),
    icon=":material/gavel:",
)
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
    help=f"Interval {d['ci_low']:+.1f} to {d['ci_high']:+.1f} ({d['level']:.1%} with "
    f"{d['n_placebos']} placebos)"
    if d.get("level")
    else "Too few placebos for an interval",
)
m2.metric(f"Smallest change it could see ({unit})", f"±{d['mde']:.1f}" if d.get("mde") else "–")
s = r.get("synth")
m3.metric(
    f"Synthetic control ({unit})",
    f"{s['effect']:+.1f}" if s else ("one area only" if len(r["treated"]) > 1 else "–"),
    help="A weighted blend of comparator areas that tracked the programme area before the start",
)
top.markdown(E.mde_sentence(r))

st.plotly_chart(event := charts.event_chart(r), key="ba_event", config={"displaylogo": False})
offer_pictures(
    event,
    f"before-after-{iv}-{ind}",
    row["name"],
    f"Before/after of {r['outcome']['title']}; sources in the data download",
)
st.caption(
    "The line is the gap between the programme areas and the average of their comparators, "
    f"set to 0 in {r['reference_year']}. The band is what chance produces: the same gap for "
    "areas without the programme. Hollow points cross a series break; shaded years are left out."
)
events = E.event_table(r)
with st.expander("The chart as a table"):
    st.dataframe(events, hide_index=True, width="stretch")

if s:
    st.subheader("Synthetic control")
    st.markdown(
        f"**{P.md(E.synth_sentence(r))}** — pre-start fit: typical miss "
        f"{s['pre_rmspe']:.2f} {unit}; after the start the area ranks {s['rank']} of "
        f"{s['n_placebos'] + 1} on how far it left its twin (p = {s['p_value']:.2f})."
    )
    st.plotly_chart(charts.synth_chart(r), key="ba_synth", config={"displaylogo": False})
    with st.expander("The synthetic control as a table"):
        st.dataframe(E.synth_fit(r), hide_index=True, width="stretch")

st.subheader("Neighbours: excluded and kept")
st.dataframe(E.side_by_side(r), hide_index=True, width="stretch", key="ba_side")
excluded = E.excluded_table(r)
with st.expander(f"{len(excluded)} areas excluded from the comparators, with the reason for each"):
    st.dataframe(excluded, hide_index=True, width="stretch")
pool_view = E.pool_table(r)
with st.expander(f"The {len(r['treated'])} programme area(s) and {len(pool_view)} comparators"):
    st.dataframe(E.treated_table(r), hide_index=True, width="stretch", key="ba_treated")
    st.dataframe(pool_view, hide_index=True, width="stretch", key="ba_pool_table")
    st.caption(" ".join(r["notes"]))
    offer_downloads(
        pool_view,
        f"comparators-{iv}-{ind}",
        f"Civic Atlas: comparators, {row['name']}",
        indicators=[ind],
        key="ba_pool_dl",
    )

for name in E.programmes_for(row["programme_group"]):
    pr = E.pooled(name, ind)
    st.subheader(f"The whole programme: {name}")
    if pr.get("problem"):
        st.caption(pr["problem"])
        continue
    st.markdown(f"**{pr['headline']}**")
    st.dataframe(pooled_table(pr), hide_index=True, width="stretch", key=f"ba_pooled_{name}")
    pooled_did = pr["did"]
    st.caption(
        f"Each place is compared from its own start (stacked difference-in-differences); pooled "
        f"{pooled_did['estimate']:+.2f} {unit}, interval {pooled_did['ci_low']:+.2f} to "
        f"{pooled_did['ci_high']:+.2f} ({pooled_did['level']:.1%} with "
        f"{pooled_did['n_placebos']} placebo programmes)."
    )

smc = E.smc_reading(iv, int(r["start"]))
with st.expander("The Social Mobility Commission's own before and after"):
    if smc["usable"]:
        st.markdown("\n".join(f"- {P.md(s)}" for s in smc["readings"]))
    else:
        st.caption(P.md(smc["reason"]))
    st.caption(P.md(smc["caveat"]))

with st.expander("For analysts"):
    st.markdown(
        f"Difference-in-differences of mean changes (two-way fixed effects on a complete panel), "
        f"{len(r['treated'])} treated vs {len(r['pool'])} comparators; before "
        f"{', '.join(map(str, r['pre_years']))}, after {', '.join(map(str, r['post_years']))} "
        f"(a {r['lag']}-year lag: {P.md(r['lag_why'])}). Interval by test inversion against "
        f"placebos ({d['placebos']}), order statistics: level achieved {d['level']:.1%} with "
        f"{d['n_placebos']} placebos; p = {d['p_value']:.3f}. Method {r['method_version']}."
    )
    pt = r["pre_trend"]
    st.markdown(
        f"**Pre-trend test:** gap trend {pt['slope']:+.2f} {unit} a year over "
        f"{pt['n_years']} years before the start, placebo p = {pt['p_value']:.2f}."
    )
    st.markdown("**Pretend start dates** (pre-start years only):")
    pretend = E.pretend_table(r)
    st.dataframe(pretend, hide_index=True, width="stretch", key="ba_placebos")
    offer_downloads(
        pretend,
        f"placebo-dates-{iv}-{ind}",
        f"Civic Atlas: pretend starts, {row['name']}",
        indicators=[ind],
        key="ba_placebo_dl",
    )
    if r["breaks"]:
        st.dataframe(E.breaks_table(r), hide_index=True, width="stretch")
    if r["warnings"]:
        st.markdown("\n".join(f"- {P.md(w)}" for w in r["warnings"]))
    st.caption(f"Verdict rules, in order: {', '.join(RULES)} (see the README).")
offer_downloads(
    events,
    f"event-study-{iv}-{ind}",
    f"Civic Atlas: before and after, {row['name']}",
    indicators=[ind],
    key="ba_event_dl",
)
