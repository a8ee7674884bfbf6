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
from atlas.ui import map_table, mapview, placesearch, state

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
placesearch.search_box("map_find", ind)

cols = st.columns([1.1, 1.5, 1, 0.8])
new_ind = state.indicator_picker(cat, ind, "map", A.DOMAINS, cols[:3])
meta = cat.loc[new_ind]
periods = meta["periods"][::-1]
with cols[3]:
    period = state.select("Period", periods, period, f"map_period_{new_ind}")
ind = new_ind
geo = meta["geography"]
smc = geo == smc_words.GEOGRAPHY

c1, c2, c3 = st.columns([1.2, 1.2, 2])
if smc and focus == A.ENGLAND and A.UK in focus_codes:  # the SMC's map is the whole UK
    focus = A.UK
with c1:
    focus = state.select("Focus on", focus_codes, focus, "map_focus", pick.labels.get)
with c2:
    modes = nations.map_modes(places, focus)  # a UK map: its own nation and the UK first
    mode = mode if mode in modes or smc else "quintiles"
    mode = "category" if smc else ("quintiles" if mode == "category" else mode)
    if smc:
        st.markdown(smc_words.MAP_COLOURS)
    else:
        mode = st.radio(
            "Colour areas by",
            list(modes),
            index=list(modes).index(mode),
            format_func=modes.get,
            key="map_mode",
        )
with c3:
    prog = st.multiselect(
        "Show partnership areas",
        groups,
        default=prog,
        key="map_prog",
        placeholder="Choose programmes to outline their areas",
    )
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
