"""Compare areas: up to 10 chosen areas (or a preset group) ranked on one indicator, with trends."""

from functools import partial

import streamlit as st

from atlas.data import areas as A
from atlas.data import compare as compare_groups
from atlas.data import pickers as PK
from atlas.exports import views as view_exports
from atlas.exports.buttons import offer_downloads, offer_pictures
from atlas.text.releases import data_as_of
from atlas.ui import comparators, intervals, plots, several_download, state, tables
from atlas.ui import figures as cached

st.title("Compare areas")
cat, places = A.indicators(), A.areas()
pick = PK.pickers()
names, labels = pick.names, pick.labels
choosable = [c for c in pick.pickable if c != A.ENGLAND]
url = state.Url()
ind = url.choice("ind", list(cat.index), state.last("ind", A.DEFAULT_IND), "a known indicator")
period = url.choice(
    "period",
    cat.loc[ind, "periods"],
    cat.loc[ind, "latest_period"],
    f"a period published for {cat.loc[ind, 'short_title']}",
)
groups = {"": "Areas I choose (up to 10)", **{k: v[0] for k, v in compare_groups.PRESETS.items()}}
picked = url.codes("areas", set(choosable), [])
group = url.choice("group", list(groups), "" if picked else "ne_mca", "a preset group")
anchor = url.code("area", set(choosable), "E08000021", "a current area in England")
cset = url.choice("cset", list(compare_groups.CS.SETS), "", "a comparator set")
url.choice("ci", ["1", "0"], "1", "1 or 0 (show confidence intervals)")
url.notice()

cols = st.columns([1.1, 1.5, 1, 0.8])
ind = state.indicator_picker(cat, ind, "compare", A.DOMAINS, cols[:3])
meta = cat.loc[ind]
with cols[3]:
    period = state.select("Period", meta["periods"][::-1], period, f"compare_period_{ind}")

c1, c2 = st.columns([1, 2])
with c1:
    group = state.select("Which areas", list(groups), group, "compare_group", groups.get)
with c2:
    if group == "neighbours":
        a1, a2 = st.columns(2)
        with a1:
            anchor = state.select("Neighbours of", choosable, anchor, "compare_anchor", labels.get)
        with a2:
            cset = comparators.picker(meta["geography"], cset)
    picked = st.multiselect(
        "Areas" if group == "" else "Add your own areas to this group",
        choosable,
        default=picked,
        max_selections=state.MAX_AREAS,
        format_func=labels.get,
        key="compare_areas",
        placeholder="Type to find up to 10 areas",
    )
state.put(
    ind=ind,
    period=period,
    group=group or None,
    areas=picked or None,
    area=anchor if group == "neighbours" else None,
    cset=cset if group == "neighbours" else None,
)

geo = meta["geography"]
preset = comparators.codes(group, anchor, geo, cset, ind, period)
codes = list(dict.fromkeys(preset + compare_groups.at_level(picked, geo)))
if not codes:
    st.info("Choose some areas, or a preset group, to compare.")
    st.stop()
if group == "neighbours":
    comparators.caption(cset, names[codes[0]], period)
if geo == "utla" and any(
    places.loc[c, "level"] == "lad" and not places.loc[c, "is_utla"] for c in picked
):
    st.caption(
        "This indicator is published for upper-tier authorities: districts are shown as their county."
    )

average = "Neighbour average" if group == "neighbours" else "Average of these areas"
table, eng, dots = cached.compare_ranked(ind, period, codes, average)
if table.empty:  # e.g. a combined authority on an indicator published for local authorities
    st.info(
        f"{meta['short_title']} has no value for {', '.join(names.get(c, c) for c in codes)} "
        f"in {period}. Try another indicator, or choose local authorities.",
        icon=":material/info:",
    )
    st.stop()
st.subheader(f"{meta['short_title']}, {period}")
st.markdown(
    f"England: **{eng['value_text'] if eng is not None else 'not published'}**. "
    f"{meta['definition']}"
)
columns = tables.value_columns(
    table,
    meta,
    "Rank in England",
    "Compared with England",
    first={
        "group_rank": st.column_config.NumberColumn("Rank here", help="1 = best of these areas")
    },
)
trends, small, rows = cached.compare_trends(ind, [c for c in table["area_code"] if c in codes])
ci = intervals.toggle(table, "compare_ci", [small] if small is not None else [])  # ?ci=0
plots.chart(dots := intervals.shown(dots, ci), key="compare_dots")
source = f"Source: {meta['publisher']}, {meta['source_title']}"
offer_pictures(dots, stem := f"civic-atlas-compare-{ind}-{period}", meta["title"], source)
st.dataframe(table[list(columns)], hide_index=True, width="stretch", column_config=columns)
stem += f"-{cset}" if group == "neighbours" else ""
st.markdown(f"**Download the ranked table** ({period}, one row per area):")
offer_downloads(
    partial(
        view_exports.map_export, table, meta, period, eng["value"] if eng is not None else None
    ),
    stem,
    f"Civic Atlas compare: {meta['title']}, {period}",
    description="The ranked table: rank among these areas and in England, value, confidence "
    "interval, status and comparison with England, each with its source file and measure."
    + comparators.export_note(group, cset),
    indicators=[ind],
    key="compare_dl_table",
)
if small is not None:
    st.subheader("Trends")
    plots.chart(small := intervals.shown(small, ci), key="compare_trends")
    offer_pictures(small, f"{stem}-trends", f"{meta['title']}: trends", source, key="pic_trends")
    with st.expander("The chart as a table"):
        st.dataframe(rows, hide_index=True, width="stretch")
    st.caption(
        "Blue: the area (shaded: its 95% confidence interval, where published). Black dotted: "
        "England. Each small chart has its own area; the scale is shared."
    )
    st.markdown("**Download the trends** (every published period, each area and England):")
    offer_downloads(
        partial(view_exports.series_export, trends, meta),
        f"{stem}-trends",
        f"Civic Atlas compare: {meta['title']}, every period",
        description="The small charts' lines: each area and England, every published period.",
        indicators=[ind],
        key="compare_dl_trends",
    )
several_download.show(codes, ind)
st.caption(
    f"Source: {meta['publisher']}, *{meta['source_title']}* (file `{meta['source_file']}`). {meta['licence']}. {data_as_of(meta)}"
)
