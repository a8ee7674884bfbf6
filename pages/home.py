"""Overview: one place against England in plain words, with headline tiles leading to the map."""

import streamlit as st

from atlas.data import areas as A
from atlas.data import nations
from atlas.data import pickers as PK
from atlas.data import profile as profile_data
from atlas.ui import placesearch, state

places, pick = A.areas(), PK.pickers()
url = state.Url()
options = pick.pickable  # the UK, nations, regions, CAs, counties and councils of all four nations
focus = url.code("focus", set(options), A.NORTH_EAST, "a current area of the UK")
url.notice()

st.title("Civic Atlas")
st.markdown(
    "Where social mobility is stuck across the UK's regions and nations — and which "
    "university–council "
    "partnerships are working there."
)
placesearch.search_box("home_find")
focus = state.select("Place", options, focus, "home_focus", pick.labels.get, width=360)
state.put(focus=focus)
name = places.loc[focus, "area_name"]
bench = places.loc[nations.benchmark(focus), "area_name"]  # England, or the area's own nation
row = places.loc[focus]  # the map zooms to a region, CA or nation: a council's own
on_map = focus if focus in pick.focus else row["region_code"] or row["country_code"] or A.UK
on_map = on_map if isinstance(on_map, str) else row["country_code"]

reading = profile_data.reading(focus) or nations.reading(focus)
if reading:
    st.subheader(reading)

tiles = profile_data.headlines(focus, nations.headline_choices(focus, profile_data.HEADLINES))
for start in range(0, len(tiles), 3):
    for col, t in zip(st.columns(3), tiles[start : start + 3], strict=False):
        with col.container(border=True):
            st.metric(
                t["title"],
                t["shown"],
                f"{t['delta']} vs {bench}" if t["delta"] else None,
                delta_color=t["delta_color"],
                help=t["help"],
            )
            st.caption(f"{t['period']} · {t['comparison']}")
            st.page_link(
                state.MAP,
                label="See the map",
                icon=":material/map:",
                query_params={"ind": t["indicator_id"], "period": t["period"], "focus": on_map},
            )
            st.page_link(
                state.PROFILE,
                label=f"{name} profile",
                icon=":material/location_city:",
                query_params={"area": focus, "ind": t["indicator_id"]},
            )

st.divider()
st.markdown(
    "**How to read this atlas.** Values come straight from the official publishers (DfE, ONS, OHID, "
    "DWP, MHCLG); each chart names its source. *Better* and *worse* follow the indicator: a higher "
    "inactivity rate is worse, a higher attainment score is better. Where a source publishes a 95% "
    "confidence interval, *similar to England* means the interval includes England's value."
)
c1, c2, c3 = st.columns(3)
c1.page_link(
    state.MAP, label="Explore the map", icon=":material/map:", query_params={"focus": on_map}
)
c2.page_link(state.COMPARE, label="Compare areas", icon=":material/compare_arrows:")
c3.page_link("pages/partnerships.py", label="Partnerships", icon=":material/handshake:")
