"""The Partnerships page's three views of the filtered register: the coverage map (with the
intervention opened below outlined), the timeline and the list, each with its table and download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import nations
from atlas.data import partnerships as P
from atlas.exports import buttons  # called through the module: tests spy on it
from atlas.text.formatting import plural
from atlas.ui import figures as cached
from atlas.ui import mapview, plots

REGISTER = "interventions/interventions_research.csv"  # the register's raw file (data/sources.csv)


def register_source() -> str:
    """The register's publisher and title, from its manifest row."""
    return buttons.manifest_source(REGISTER)


def coverage(shown: pd.DataFrame, reg: pd.DataFrame, chosen: str | None) -> None:
    """Districts shaded by how many of the matching interventions cover them."""
    cover, spec = cached.coverage_map(shown)
    if chosen in reg.index:  # outline the intervention opened below (and ?iv= links)
        spec = {**spec, "outline": nations.outline(P.coverage(), chosen, reg.loc[chosen, "name"])}
    mapview.show(spec, "pp_map")
    mapview.let_the_map_land()  # a new tab commits the map before the filters and plotly arrive
    buttons.offer_pictures(
        spec, "partnership-coverage-map", spec["title"], register_source(), key="pic_pp_map"
    )
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
        buttons.offer_downloads(
            cover,
            "partnership-coverage",
            "Civic Atlas: districts covered by the matching partnerships",
            key="pp_map_dl",
        )


def timeline(shown: pd.DataFrame) -> None:
    """One bar per dated intervention; the undated ones named under the chart."""
    this_year = pd.Timestamp.now().year
    timeline, chart = cached.partnership_timeline(shown, this_year)
    if chart is None:
        st.info("None of the matching interventions has a recorded start year.")
    else:
        plots.chart(chart, key="pp_timeline", config={"displaylogo": False})
        title = f"Partnerships: {plural(len(timeline), 'intervention')} by the years they ran"
        buttons.offer_pictures(
            chart, "partnership-timeline", title, register_source(), key="pic_pp_time"
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
        buttons.offer_downloads(
            timeline.drop(columns="label"),
            "partnership-timeline",
            "Civic Atlas: timeline of the matching partnerships",
            key="pp_time_dl",
        )


def listing(shown: pd.DataFrame) -> None:
    """The matching rows of the register, as a table and a download."""
    table = P.register_table(shown)
    st.dataframe(table, hide_index=True, width="stretch", key="pp_list")
    buttons.offer_downloads(
        table,
        "partnership-register",
        "Civic Atlas: partnership register (filtered)",
        key="pp_list_dl",
    )
