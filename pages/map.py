"""Map explorer: one indicator, one period, every local authority; click an area for its profile."""

import streamlit as st

from atlas.charts import maps
from atlas.data import areas as A
from atlas.data import coverage as CV
from atlas.data import mobility as smc_words
from atlas.data import nations
from atlas.data import pickers as PK
from atlas.exports.buttons import offer_indicator_pictures
from atlas.text.releases import data_as_of
from atlas.ui import map_controls, map_table, mapview, state

st.title("Map explorer")
cat, places, pick = A.indicators(), A.areas(), PK.pickers()
url = state.Url()
ind = url.choice("ind", list(cat.index), state.last("ind", A.DEFAULT_IND), "a known indicator")
period = url.choice(
    "period",
    cat.loc[ind, "periods"],
    cat.loc[ind, "latest_period"],
    f"a period published for {cat.loc[ind, 'short_title']}",
)
focus_codes = pick.focus
focus = url.code("focus", focus_codes, A.NORTH_EAST, "England, a region or a combined authority")
mode = url.choice(
    "mode", ["quintiles", "england", "nation", "uk", "category"], "quintiles", "a colouring mode"
)
groups = CV.programme_groups()
prog = url.choices("prog", groups)
url.notice()
# The map is sent before the search box and the pickers (a new tab draws it ~0.5 s sooner,
# atlas.ui.map_controls); they are drawn into this container above it, with the values read here.
controls = st.container(key="map_controls")
controls.empty()  # a block with no element is not drawn, nor the space kept for the pickers
link = map_controls.View(ind, period, focus, mode, prog)
shown = map_controls.chosen(link, cat, places, focus_codes, groups)
ind, period, focus, mode, prog = shown
meta = cat.loc[ind]
smc = meta["geography"] == smc_words.GEOGRAPHY
state.put(ind=ind, period=period, focus=focus, mode=mode, prog=prog or None)

scope = nations.scope(places, focus)
frame, others = A.map_data(ind, period, scope, maps.versus(mode, scope))
geo = meta["geography"]
eng = others.get(A.ENGLAND)
focus_row = others.get(focus)
level_word = "districts" if geo == "lad" else "upper-tier local authorities"
where = "England's" if scope == A.ENGLAND else "the UK's"
reading = f"**{meta['title']}**, {period}. England: **{eng['value_text'] if eng is not None else 'no data'}**"
if focus != A.ENGLAND and focus_row is not None:
    reading += f"; {places.loc[focus, 'area_name']}: **{focus_row['value_text']}**"
st.markdown(
    smc_words.map_reading(
        meta, period, frame, places.loc[focus, "area_name"], focus in (A.ENGLAND, A.UK)
    )
    if smc
    else reading + f". Each shape is one of {where} {level_word}; "
    f"{int(frame['value'].notna().sum())} have a published value."
)

spec = maps.view_spec(ind, period, focus, mode, prog or (), scope)
picked = mapview.show(
    spec, f"map_{ind}_{period}", hint="Press Enter on an area to open its profile."
)
mapview.let_the_map_land()  # a new tab commits the map before the widgets arrive
with controls:
    if map_controls.draw(link, cat, places, pick, groups) != shown:
        st.rerun()  # a choice the reading above missed: draw the map the pickers show
offer_indicator_pictures(spec, f"map-{ind}-{period}", meta)
picked = smc_words.profile_target(places, picked) if picked else None
if picked in places.index:
    st.switch_page(state.PROFILE, query_params={"area": picked, "ind": ind})
legend_words = " · ".join(label.strip() for label, _ in maps.legend_for(frame, meta, mode))
st.caption(
    f"Colours: {legend_words}. Blue is always better, orange worse, whichever way the numbers "
    "run; purple and grey only say higher, lower or the same, where no confidence interval is "
    "published. Faded areas are outside the focus. Click an area to open its profile."
)
if nations.unpublished_note(frame, meta, period):  # e.g. the NI map of the APS rates
    st.info(nations.unpublished_note(frame, meta, period), icon=":material/info:")
if maps.note(frame, mode):
    st.info(maps.note(frame, mode), icon=":material/info:")

map_table.show(frame, meta, period, focus, mode, scope, eng)
st.caption(
    f"Source: {meta['publisher']}, *{meta['source_title']}* (file `{meta['source_file']}`). "
    f"{meta['licence']}. {(meta['attribution'] or '').rstrip('.')}. {data_as_of(meta)}"
)
