"""The search box: a postcode or a place name → the area's profile (``atlas.data.places.find``,
the same function as ``python -m pipelines place``). On the Overview, the map, the profile and
the 'Find a place' page of the navigation."""

from __future__ import annotations

import streamlit as st

from atlas.data import areas as A
from atlas.data import nations
from atlas.data.places import find
from atlas.text.formatting import md
from atlas.ui import state

LEVEL_WORDS = {**A.LEVELS, "lad": "council"}
NI_COUNCILS = "N09"


def _params(code: str, ind: str | None) -> dict:
    """The profile's URL: the carried indicator only where it is published for the area (a
    council outside England otherwise opens on its own headline indicator)."""
    keep = ind and nations.default_indicator(code, ind) == ind
    return {"area": code, **({"ind": ind} if keep else {})}


#: a match's label wraps on a narrow screen instead of ending in "…" (Streamlit keeps a page
#: link on one line: "Cumberland (council, England) — former district Allerd…" on a phone)
WRAP = """<style>[class*="st-key-matches_"] [data-testid="stPageLink-NavLink"] span,
[class*="st-key-matches_"] [data-testid="stPageLink-NavLink"] p {
white-space: normal; overflow: visible; text-overflow: clip; }</style>"""


def _links(matches: list, ind: str | None, key: str) -> None:
    with st.container(key=f"matches_{key}"):
        for m in matches:
            params = _params(m.area_code, ind)
            where = f"{LEVEL_WORDS.get(m.level, m.level)}, {m.nation or 'UK'}"
            st.page_link(
                state.PROFILE,
                label=f"{m.area_name} ({where}) — {m.how}",
                icon=":material/location_city:",
                query_params=params,
            )
    st.html(WRAP)


def _ni_councils(ind: str | None) -> None:
    places = A.areas()
    ni = places[places["is_lad"] & places["area_code"].str.startswith(NI_COUNCILS)]
    cols = st.columns(3)
    for i, (code, name) in enumerate(zip(ni["area_code"], ni["area_name"], strict=True)):
        cols[i % 3].page_link(
            state.PROFILE,
            label=name,
            query_params=_params(code, ind),
        )


def search_box(key: str, ind: str | None = None, go: bool = True, in_url: bool = False) -> None:
    """A text box and a Find button. A postcode that resolves opens its council's profile at once
    (``go``); names list their best matches as links; otherwise one sentence says why, with the
    11 Northern Ireland councils for a BT postcode.

    ``in_url`` (the Find a place page): the search is the URL's ``q``, so a link such as
    ``/find?q=Newcastel`` opens on its answer. A search that arrives by link lists its match
    instead of leaving at once, so the browser's Back button does not bounce to the profile."""
    bound = {"key": "q", "bind": "query-params"} if in_url else {"key": f"{key}_text"}
    with st.form(f"{key}_form", border=False, enter_to_submit=True):
        box, button = st.columns([5, 1], vertical_alignment="bottom")
        text = box.text_input(
            "Find a place: postcode or name",
            placeholder="e.g. NE1 7RU, Stirling, Newcastel, Allerdale",
            help="Any UK council, county, region or combined authority, a former district "
            "(Allerdale → Cumberland), a Welsh name, or a full postcode of Great Britain "
            "(postcode directory of November 2022).",
            **bound,
        )
        sent = button.form_submit_button("Find", icon=":material/search:")
    if not (sent or in_url) or not text.strip():
        return
    found = find(text)
    if found.kind == "postcode" and found.matches and go and sent:
        hit = found.matches[0]
        st.switch_page(state.PROFILE, query_params=_params(hit.area_code, ind))
    if found.matches:
        _links(found.matches[:6], ind, key)
        return
    st.info(md(found.message), icon=":material/search_off:")  # it quotes what was typed
    if "Northern Ireland" in (found.message or ""):
        _ni_councils(ind)


def scroll_to(anchor: str) -> None:
    """Scroll the page to the element with id ``anchor`` once it is drawn (a deep link lands on
    what it names). A script-only ``st.html`` (no iframe, no height) that runs in the app's page;
    ``st.components.v1.html``, used before, is deprecated in Streamlit 1.67."""
    import json

    target = json.dumps(anchor)
    st.html(
        "<script>const go = (n) => { const el = document.getElementById("
        + target
        + "); if (el) { el.scrollIntoView({block: 'start'}); } else if (n > 0) "
        "{ setTimeout(() => go(n - 1), 250); } }; go(40);</script>",
        unsafe_allow_javascript=True,
    )
