"""The browser tab's title for each page and view, e.g. "Newcastle upon Tyne — Area profile —
Civic Atlas", so bookmarks, tabs and history tell views apart (issue 18).

Built from the URL the page has just set (``app.py`` calls ``set_title`` before and after the
page runs); a value the warehouse does not know is left out of the title, never shown raw.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from atlas.data import areas as A
from atlas.data import partnerships as P

APP = "Civic Atlas"


def _area(code: str | None) -> str | None:
    places = A.areas()
    return str(places.loc[code, "area_name"]) if code in places.index else None


def _indicator(ind: str | None) -> str | None:
    cat = A.indicators()
    return str(cat.loc[ind, "short_title"]) if ind in cat.index else None


def _intervention(iv: str | None) -> str | None:
    reg = P.register()
    return str(reg.loc[iv, "name"]) if iv and iv in reg.index else None


def _tab(tab: str | None) -> str | None:
    return tab if tab in ("All indicators", "Partnerships here") else None  # Trends: the default


def _slide(params: Mapping[str, str]) -> list[str | None]:
    from atlas.ui import story as S

    name = params.get("story") or "north_east"
    if name not in S.names():
        return []
    views = S.load(name)
    n = params.get("slide", "1")
    n = int(n) if n.isdigit() and 1 <= int(n) <= len(views) else 1
    return [f"Slide {n}: {views[n - 1].title}", S.title_of(name)]


def parts(page: str, params: Mapping[str, str]) -> list[str]:
    """What the title says before the page's own name, most specific first."""
    get = params.get
    found: list[str | None] = {
        "overview": lambda: [_area(get("focus") or A.NORTH_EAST)],
        "map": lambda: [_indicator(get("ind")), _area(get("focus") or A.NORTH_EAST)],
        "profile": lambda: [_area(get("area") or A.NORTH_EAST), _tab(get("tab"))],
        "compare": lambda: [_indicator(get("ind"))],
        "partnerships": lambda: [_intervention(get("iv"))],
        "before-after": lambda: [_intervention(get("iv")), _indicator(get("ind"))],
        "catalogue": lambda: [_indicator(get("ind"))],
        "present": lambda: _slide(params),
    }.get(page, list)()
    return [p for p in found if p]


def title(page: str, page_title: str, params: Mapping[str, str]) -> str:
    return " — ".join([*parts(page, params), page_title, APP])


def set_title(page) -> None:
    """Set the document title for ``page`` (an ``st.Page``) from the current URL."""
    try:
        text = title(page.url_path or "overview", page.title, st.query_params.to_dict())
    except Exception:  # a title must never break a page
        text = f"{page.title} — {APP}"
    st.set_page_config(page_title=text)
