"""Civic Atlas — table of contents. Each page lays out; data comes through atlas.db."""

from pathlib import Path

import streamlit as st

from atlas.data.db import WarehouseMissing, version
from atlas.ui import a11y, state, titles
from atlas.ui.waiting import until_built

st.set_page_config(
    page_title="Civic Atlas",
    page_icon=str(Path(__file__).parent / "assets" / "civic-atlas.png"),
    layout="wide",
)

HOME = st.Page("pages/home.py", title="Overview", icon=":material/home:", default=True)


def overview_by_name() -> None:
    """``/overview``: the Overview page by its own name. Streamlit serves the default page at the
    app's root only and answered its name with a "Page not found" dialog over the page."""
    st.switch_page(HOME, query_params=st.query_params.to_dict())


PAGES = {
    "Atlas": [
        HOME,
        st.Page(overview_by_name, title="Overview", url_path="overview", visibility="hidden"),
        st.Page("pages/map.py", title="Map explorer", icon=":material/map:", url_path="map"),
        st.Page(
            "pages/profile.py",
            title="Area profile",
            icon=":material/location_city:",
            url_path="profile",
        ),
        st.Page("pages/find.py", title="Find a place", icon=":material/search:", url_path="find"),
        st.Page(
            "pages/compare.py",
            title="Compare areas",
            icon=":material/compare_arrows:",
            url_path="compare",
        ),
    ],
    "Partnerships": [
        st.Page(
            "pages/partnerships.py",
            title="Partnerships",
            icon=":material/handshake:",
            url_path="partnerships",
        ),
        st.Page(
            "pages/before_after.py",
            title="Before and after",
            icon=":material/timeline:",
            url_path="before-after",
        ),
    ],
    "Data": [
        st.Page(
            "pages/catalogue.py",
            title="Data catalogue",
            icon=":material/menu_book:",
            url_path="catalogue",
        ),
        st.Page(
            "pages/present.py",
            title="Presentation mode",
            icon=":material/slideshow:",
            url_path="present",
        ),
    ],
}

# top navigation: the sidebar navigation's own list markup fails axe's list/listitem rules
page = st.navigation(PAGES, position="top")
try:
    version()
except WarehouseMissing as exc:  # not built yet, or removed or damaged while serving
    until_built(exc)
    st.stop()
titles.set_title(page)  # from the URL as it arrives, then as the page has left it
page.run()
titles.set_title(page)
state.mark_run()  # later runs of this tab are not a new tab's first (atlas.ui.map_controls)
a11y.install()
