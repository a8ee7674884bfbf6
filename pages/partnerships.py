"""Partnerships: the register of place-based university–council partnerships and related
programmes — filter it, see where and when they ran, and open one in detail."""

import pandas as pd
import streamlit as st

from atlas.charts import partnerships as PC
from atlas.data import nations
from atlas.data import partnerships as P
from atlas.exports.buttons import offer_downloads
from atlas.ui import intervention, mapview, native, state

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
nation_opts = ["", *nations.NATIONS.values(), nations.UK_WIDE]
nation = url.choice("nation", nation_opts, "", "England, Scotland, Wales or Northern Ireland")
url.notice()

c1, c2, c0, c3, c4, c5 = st.columns([1.5, 1.3, 1, 1.1, 1.1, 0.8])
with c0:
    nation = state.select("Nation", nation_opts, nation, "pp_nation", lambda n: n or "All nations")
with c1:
    prog = st.multiselect(
        "Programme", opts["prog"], default=prog, key="pp_prog", placeholder="All programmes"
    )
with c2:
    types = st.multiselect(
        "Type", opts["type"], default=types, key="pp_type", placeholder="All types"
    )
with c3:
    theme = state.select(
        "Theme", ["", *opts["theme"]], theme, "pp_theme", lambda t: t or "All themes"
    )
with c4:
    region = state.select(
        "Region", ["", *opts["region"]], region, "pp_region", lambda r: r or "All regions"
    )
with c5:
    year = state.select(
        "Active in", ["", *opts["year"][::-1]], year, "pp_year", lambda y: y or "Any year"
    )
shown = P.filter_register(
    reg, prog, types, theme or None, region or None, int(year) if year else None
)
shown = nations.in_nation(shown, P.coverage(), nation)
st.markdown(
    f"**{len(shown)}** of {len(reg)} interventions match. Themes are grouped by keyword from the "
    "register's own wording; 'active in' means started by that year and not yet ended."
)

tab_map, tab_time, tab_list = st.tabs(["Map", "Timeline", "List"])
with tab_map:
    cover = P.coverage_table(shown)
    chosen = iv or st.session_state.get("pp_iv")
    spec = PC.coverage_map(cover)
    if chosen in reg.index:  # outline the intervention opened below (and ?iv= links)
        spec["outline"] = nations.outline(P.coverage(), chosen, reg.loc[chosen, "name"])
    mapview.show(spec, "pp_map")
    unmapped = shown[shown["n_areas"] == 0]
    st.caption(
        f"Districts and councils of the UK shaded by how many of the {len(shown)} interventions "
        "cover them (2024 boundaries; counties and combined authorities count for all their "
        "districts). Names marked 'part of the area only' cover less than the area drawn. "
        + (
            f"{len(unmapped)} have no area codes and are not on the map"
            + (
                f" (UK-wide: {', '.join(unmapped.loc[unmapped['coverage'].fillna('').str.startswith('UK-wide'), 'name'])})"
                if unmapped["coverage"].fillna("").str.startswith("UK-wide").any()
                else ""
            )
            + "."
            if len(unmapped)
            else ""
        )
    )
    with st.expander("The map as a table"):
        st.dataframe(
            cover,
            hide_index=True,
            width="stretch",
            column_config={
                "area_code": "Code",
                "area_name": "District",
                "region_name": "Region",
                "interventions": "Interventions",
                "names": "Which",
            },
        )
        offer_downloads(
            cover,
            "partnership-coverage",
            "Civic Atlas: districts covered by the matching partnerships",
            key="pp_map_dl",
        )
with tab_time:
    this_year = pd.Timestamp.now().year
    timeline = P.timeline_table(shown, this_year)
    if timeline.empty:
        st.info("None of the matching interventions has a recorded start year.")
    else:
        st.plotly_chart(
            PC.timeline_chart(timeline), key="pp_timeline", config={"displaylogo": False}
        )
    undated = shown[shown["start_year"].isna()]
    st.caption(
        f"Bars run from the start of the first year to the end of the last. Hatched bars labelled "
        f"'ongoing' have no end year and are drawn to {this_year}. "
        + (
            f"Not shown, start year not found: {', '.join(undated['name'])}."
            if len(undated)
            else ""
        )
    )
    with st.expander("The timeline as a table"):
        st.dataframe(timeline.drop(columns="label"), hide_index=True, width="stretch")
        offer_downloads(
            timeline.drop(columns="label"),
            "partnership-timeline",
            "Civic Atlas: timeline of the matching partnerships",
            key="pp_time_dl",
        )
with tab_list:
    listing = P.register_table(shown)
    st.dataframe(listing, hide_index=True, width="stretch", key="pp_list")
    offer_downloads(
        listing,
        "partnership-register",
        "Civic Atlas: partnership register (filtered)",
        key="pp_list_dl",
    )

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
