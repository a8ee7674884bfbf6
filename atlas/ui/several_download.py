"""A download of several indicators over a range of years for the areas on the page (Compare),
labelled with what it holds; built from ``atlas.exports.several`` only when a button is clicked."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from atlas.data import areas as A
from atlas.data.db import version
from atlas.exports import buttons  # through the module: tests spy on the buttons
from atlas.exports.several import several, years_of


def show(codes: Sequence[str], ind: str, key: str = "several") -> None:
    """An expander: pick indicators and years; the areas are ``codes`` (with England)."""
    cat = A.indicators()
    labels = _labels(version())
    with st.expander("Download several indicators and years for these areas"):
        picked = st.multiselect(
            "Indicators",
            list(labels),
            default=[ind],
            format_func=labels.get,
            key=f"{key}_inds",
        )
        years = years_of([p for i in picked for p in cat.loc[i, "periods"]]) or [2024]
        first, last = (
            st.select_slider("Years", years, value=(years[0], years[-1]), key=f"{key}_years")
            if len(years) > 1
            else (years[0], years[0])
        )
        names = A.areas().loc[[c for c in codes if c in A.areas().index], "area_name"]
        st.markdown(
            f"**Download {len(picked)} indicator{'s' if len(picked) != 1 else ''}, {first}–{last}**,"
            f" for {len(names)} area{'s' if len(names) != 1 else ''} and England "
            "(one row per indicator, area and period):"
        )
        if picked:
            buttons.offer_downloads(
                several(picked, [*codes, A.ENGLAND], first, last),
                f"civic-atlas-{len(picked)}-indicators-{first}-{last}",
                f"Civic Atlas: {len(picked)} indicators, {first} to {last}, {', '.join(names)}",
                description="Every published value of the chosen indicators for the chosen "
                "areas and England, in the chosen years, each with its source file and measure.",
                key=f"{key}_dl",
            )


@st.cache_resource(max_entries=2, show_spinner=False)
def _labels(build: str) -> dict[str, str]:
    """'Attainment 8 (Attainment)' for each indicator, in catalogue order, once per build (two
    ``.loc`` lookups an option took ~3 ms a run)."""
    cat = A.indicators()
    return {
        i: f"{title} ({A.DOMAINS.get(domain, '')})"
        for i, title, domain in zip(cat.index, cat["short_title"], cat["domain"], strict=True)
    }
