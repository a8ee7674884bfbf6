"""Area profile: headline figures, every indicator against England, trends with partnership markers."""

from functools import partial

import streamlit as st

from atlas.data import areas as A
from atlas.data import coverage as CV
from atlas.data import nations
from atlas.data import pickers as PK
from atlas.data import profile as profile_data
from atlas.exports import views as view_exports
from atlas.exports.buttons import offer_downloads, offer_indicator_pictures
from atlas.text.releases import data_as_of
from atlas.ui import figures as cached
from atlas.ui import intervals, native, placesearch, plots, profile_partners, smc, spineview, state

cat, places, pick = A.indicators(), A.areas(), PK.pickers()
pickable = pick.pickable
url = state.Url()
area = url.code("area", set(pickable), A.NORTH_EAST, "a current area of the UK")
ind = url.choice("ind", list(cat.index), state.last("ind", "he19_fsm"), "a known indicator")
url.notice()

placesearch.search_box("profile_find", ind)
area = state.select(
    "Find an area",
    pickable,
    area,
    "profile_area",
    pick.labels.get,
    help="Start typing a district, county, region or combined authority name",
)
row = places.loc[area]
ind = native.profile_indicator(area, ind, url.raw("ind") is not None)
state.put(area=area, ind=ind)

st.title(row["area_name"])
where = [
    w
    for w in (
        row["utla_name"] if row["utla_code"] != area else None,
        f"{row['region_name']} region" if row["level"] in ("lad", "county") else None,
        f"{row['ca_name']} combined authority" if row["level"] == "lad" else None,
        row["country_name"] if row["country_code"] not in (A.ENGLAND, area) else None,
    )
    if isinstance(w, str) and "None" not in w and "nan" not in w
]
st.caption(f"{PK.kind(row).capitalize()} · {area}" + (f" · in {', '.join(where)}" if where else ""))

bench = places.loc[nations.benchmark(area), "area_name"]  # England, or the area's own nation
tiles = profile_data.headlines(area, nations.headline_choices(area, profile_data.PROFILE_HEADLINES))
for start in range(0, len(tiles), 3):
    for col, t in zip(st.columns(3), tiles[start : start + 3], strict=False):
        col.metric(
            f"{t['title']}, {t['period']}",
            t["shown"],
            t["delta"],
            delta_color=t["delta_color"],
            border=True,
            help=f"{t['help']} {t['comparison']}.",
            delta_description=f"vs {bench}" if t["delta"] else None,  # never "vs England" alone
        )
if bench != "England" and row["level"] == "lad":  # councils of Wales, Scotland, NI
    st.subheader(f"Against {bench} and the UK")
    st.dataframe(nations.nation_table(area).drop(columns="indicator_id"), hide_index=True)
    st.caption(
        f"Each indicator published for {row['area_name']}, latest period, beside the published "
        f"figures for {bench}, the UK and England (never averages of areas). Most education and "
        "deprivation indicators are published for England only."
    )

trends, everything, partners = st.tabs(  # the open tab is in the URL (?tab=All+indicators)
    ["Trends", "All indicators", "Partnerships here"], key="tab", bind="query-params"
)
covering = CV.area_interventions(area)
marks = profile_data.markers(area)

with trends:
    ind = state.indicator_picker(cat, ind, "profile", A.DOMAINS)
    state.put(ind=ind)
    meta = cat.loc[ind]
    (frame, figure, rows), note = cached.profile_trend(area, ind)
    keys = [
        k for k in nations.key_indicators(area, A.KEY_INDICATORS) if k != ind and k in cat.index
    ]
    shown = [(k, fig) for k in keys if (fig := cached.key_trend(area, k)) is not None]
    ci = intervals.toggle(frame, "profile_ci", [fig for _, fig in shown])  # ?ci=0: all hidden
    if figure is not None:
        plots.chart(figure := intervals.shown(figure, ci), key="trend_main")
        offer_indicator_pictures(figure, f"profile-{area}-{ind}", meta, row["area_name"])
        with st.expander("The chart as a table"):
            st.dataframe(rows, hide_index=True, width="stretch")
    else:
        st.info(f"{meta['short_title']} is not published for {row['area_name']}.")
    if note:
        st.caption(f"{row['area_name']}: this indicator is {note}.")
    offer_downloads(
        partial(view_exports.series_export, frame, meta),
        f"civic-atlas-profile-{area}-{ind}",
        f"Civic Atlas profile: {meta['title']}, {row['area_name']}",
        description="The trend chart's lines: the area, its region and England, every period.",
        indicators=[ind],
        key="profile_dl_trend",
    )
    st.caption(
        f"Source: {meta['publisher']}, *{meta['source_title']}*. {meta['definition']} {data_as_of(meta)}"
    )
    if marks is not None and len(marks):
        st.caption(
            "Purple dashed lines: programme starts (dotted: ends). Grey lines: breaks in the series."
        )
    smc.profile_panel(places, area)
    st.subheader("Key trends")
    grid = st.columns(2)
    for i, (key, fig) in enumerate(shown):
        with grid[i % 2]:
            plots.chart(fig := intervals.shown(fig, ci), key=f"trend_{key}")
            offer_indicator_pictures(fig, f"profile-{area}-{key}", cat.loc[key], row["area_name"])

with everything:
    st.markdown(
        f"Each row is one indicator in its latest period. The grey bar is the range across "
        f"English local authorities; the black line is England; the dot is **{row['area_name']}** "
        "(blue: better than England, yellow: similar, orange: worse, where a confidence "
        "interval is published; grey: not tested, where none is — its side of the line says "
        "higher or lower)"
        + (
            f"; the diamond is **{row['region_name']}**."
            if row["level"] in ("lad", "county") and bench == "England"
            else f"; the diamond is **{bench}**."
            if bench != "England" and bench != row["area_name"]
            else "."
        )
    )
    region = row["region_name"] if row["level"] in ("lad", "county") else None
    region = bench if bench not in ("England", row["area_name"]) else region
    spine = spineview.show(area, row["area_name"], region)
    st.caption(
        "Better is always to the right, whichever way the numbers run. Where a 95% confidence "
        "interval is published, 'similar' means it includes England's value; otherwise the "
        "dot only says higher or lower than England, not better or worse."
    )
    offer_downloads(
        partial(view_exports.spine_export, spine, region),
        f"civic-atlas-profile-{area}-all-indicators",
        f"Civic Atlas profile: {row['area_name']}, every indicator",
        description="The spine chart: each indicator's latest value with its region's and "
        "England's, and the range across local authorities.",
        key="profile_dl_spine",
    )

with partners:
    profile_partners.show(covering, row)
