"""Partnerships: the register of place-based university–council partnerships and related
programmes — filter it, see where and when they ran, and open one in detail."""

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from atlas.charts import partnerships as PC
from atlas.data import partnerships as P
from atlas.exports.buttons import offer_downloads
from atlas.ui import mapview, state

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
url.notice()

c1, c2, c3, c4, c5 = st.columns([1.6, 1.4, 1.2, 1.2, 0.8])
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
st.markdown(
    f"**{len(shown)}** of {len(reg)} interventions match. Themes are grouped by keyword from the "
    "register's own wording; 'active in' means started by that year and not yet ended."
)

tab_map, tab_time, tab_list = st.tabs(["Map", "Timeline", "List"])
with tab_map:
    cover = P.coverage_table(shown)
    mapview.show(PC.coverage_map(cover), "pp_map")
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

st.divider()
st.subheader("One intervention")
options = shown.index.tolist()
if iv and iv not in options:
    options = [iv, *options]
if not options:
    st.info("No intervention matches these filters.")
    state.put(
        prog=prog or None,
        type=types or None,
        theme=theme or None,
        region=region or None,
        year=year or None,
        iv=None,
    )
    st.stop()
iv = state.select(
    "Intervention",
    options,
    iv or ("CUA-NCL" if "CUA-NCL" in options else options[0]),
    "pp_iv",
    lambda i: reg.loc[i, "name"],
)
state.put(
    prog=prog or None,
    type=types or None,
    theme=theme or None,
    region=region or None,
    year=year or None,
    iv=iv,
)
row = reg.loc[iv]
st.markdown(f"#### {P.md(row['name'])}")
st.caption(f"{P.md(row['programme'])} · {P.md(row['type'])} · {row['status']} · register id {iv}")
m1, m2, m3 = st.columns(3)
m1.metric("Years", P.years_text(row))
m2.metric("Funding recorded", P.funding_text(row))
m3.metric("Areas covered", int(row["n_areas"]))
if row["status"] in ("proposed", "not established"):
    st.warning(P.md(P.refusal(row)), icon=":material/pending:")
if isinstance(row["coverage"], str):
    st.info(f"**Coverage:** {P.md(row['coverage'])}", icon=":material/map:")
if row["is_uncertain"]:
    st.warning(
        f"**Not fully established.** {P.md(row['uncertain_note'] or 'See the notes.')}",
        icon=":material/help:",
    )
for flag in row["flags"]:
    st.info(P.md(flag[0].upper() + flag[1:]), icon=":material/flag:")
left, right = st.columns([1.2, 1])
with left:
    st.markdown(
        f"**Partners:** {P.md(row['partners']) or 'not recorded'}  \n"
        f"**Places:** {P.md(row['places']) or 'not recorded'}  \n"
        f"**Funder:** {P.md(row['funder']) or 'not recorded'}  \n"
        f"**Themes:** {P.md('; '.join(row['themes'])) or 'not recorded'}"
    )
    with st.expander("Researcher's notes"):
        st.markdown(P.md(row["notes"]) or "No notes.")
    if row["corrections"]:
        with st.expander(f"Corrections to the register ({len(row['corrections'])})"):
            st.markdown(P.corrections_markdown(row))
with right:
    st.markdown("**Sources**\n\n" + P.sources_markdown(row))
if row["n_areas"]:
    st.markdown("**Its areas now: latest published values against England**")
    table = P.headlines(iv)
    if table.empty:
        st.caption("No headline indicators are published for these areas.")
    else:
        st.dataframe(table, hide_index=True, width="stretch", key="pp_headlines")
        st.caption(
            "GCSE and HE-entry figures are published for counties and unitary authorities, so "
            "they are shown for the authority containing each district. These describe the "
            "areas today; they are not an assessment of the intervention — see Before and "
            "after for that."
        )
        offer_downloads(
            table,
            f"headlines-{iv}",
            f"Civic Atlas: headline indicators for {row['name']}",
            indicators=list(P.KEY_INDICATORS),
            key="pp_head_dl",
        )
    try:
        st.page_link(
            "pages/before_after.py",
            label="Compare before and after for this intervention",
            icon=":material/timeline:",
            query_params={"iv": iv},
        )
    except StreamlitPageNotFoundError:  # the page run on its own (tests), outside app.py
        st.markdown(f"[Compare before and after for this intervention](/before-after?iv={iv})")
