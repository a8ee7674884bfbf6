"""Partnerships: the register of place-based university–council partnerships and related
programmes — filter it, see where and when they ran, and open one in detail."""

import streamlit as st

from atlas.data import nations
from atlas.data import partnerships as P
from atlas.ui import intervention, native, partnership_tabs, state
from atlas.ui import partnership_filters as PF

st.title("Partnerships")
st.caption(
    "Place-based partnerships between universities and councils, and the national programmes "
    "around them, as recorded in the project's researched register. Every entry links to its "
    "sources; entries the sources do not fully establish are flagged."
)
reg = P.register()
opts = P.filter_options(reg)
url = state.Url()
prog = url.choices("prog", opts["prog"])
types = url.choices("type", opts["type"], "a partnership type in the register")
theme = url.choice("theme", opts["theme"], "", "one of the theme groups")
region = url.choice("region", opts["region"], "", "an English region")
year = url.choice("year", opts["year"], "", f"a year from {opts['year'][0]} to {opts['year'][-1]}")
iv = url.choice("iv", list(reg.index), "", "an intervention id in the register")
nation = url.choice(
    "nation", PF.nation_options(), "", "England, Scotland, Wales or Northern Ireland"
)
url.notice()

# The map is sent before the filters and the plotly charts (a new tab drew it 4-5 s late,
# atlas.ui.partnership_filters); the filters are drawn into this container above it.
controls = st.container(key="pp_filters")
controls.empty()  # a block with no element is not drawn, nor the space kept for the filters
link = PF.Filters(prog, types, theme, region, year, nation)
picked = PF.chosen(link, opts)
prog, types, theme, region, year, nation = picked
shown = P.filter_register(
    reg, prog, types, theme or None, region or None, int(year) if year else None
)
shown = nations.in_nation(shown, P.coverage(), nation)
st.markdown(
    f"**{len(shown)}** of {len(reg)} interventions match. Themes are grouped by keyword from the "
    "register's own wording; 'active in' means started by that year and not yet ended."
)

tab_map, tab_time, tab_list = st.tabs(["Map", "Timeline", "List"])
with tab_map:  # the map, then (in a new tab's first run) a moment for it to land
    partnership_tabs.coverage(shown, reg, iv or st.session_state.get("pp_iv"))
with controls:
    if PF.draw(link, opts) != picked:
        st.rerun()  # a choice the reading above missed: draw what the filters show
with tab_time:
    partnership_tabs.timeline(shown)
with tab_list:
    partnership_tabs.listing(shown)

filters = {"prog": prog, "type": types, "theme": theme, "region": region, "year": year}
filters["nation"] = nation
filters = {key: value or None for key, value in filters.items()}
st.divider()
st.subheader("One intervention", anchor="one-intervention")
native.land_on("one-intervention", url.raw("iv") is not None, "pp_landed")  # ?iv= lands here
options = shown.index.tolist()
if iv and iv not in options:
    options = [iv, *options]
if not options:
    st.info("No intervention matches these filters.")
    state.put(**filters, iv=None)
    st.stop()
iv = state.select(
    "Intervention",
    options,
    iv or ("CUA-NCL" if "CUA-NCL" in options else options[0]),
    "pp_iv",
    lambda i: reg.loc[i, "name"],
)
state.put(**filters, iv=iv)
intervention.card(reg.loc[iv])
