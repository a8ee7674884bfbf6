"""The profile's "Partnerships here" tab: every register intervention covering the area (its own
district, or the districts inside it), with partners, years, how it covers the area and its
sources, then the universities among the partners with the Social Mobility Commission's ranks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.text import formatting
from atlas.ui.universities import area_panel


def show(covering: pd.DataFrame, row: pd.Series) -> None:
    if covering.empty:
        st.info(f"No programme in the register covers {row['area_name']}.")
    for r in covering.itertuples():
        years = formatting.years(r.start_year, r.end_year)
        links = " · ".join(
            formatting.link(t, u)
            for t, u in zip(
                list(r.source_titles) + [None] * len(r.source_urls), r.source_urls, strict=False
            )
        )
        via = ("" if r.via == "listed" else f" (as a {r.via})") + (
            " · details uncertain" if r.is_uncertain else ""
        )
        via += " · proposed, not set up" if r.status == "proposed" else ""
        via += f" · {r.coverage}" if isinstance(r.coverage, str) else ""
        st.markdown(
            f"**{formatting.md(r.name)}** — {formatting.md(r.programme_group)}, {years}{via}  \n"
            f"{formatting.md(r.partners)}  \n" + (f"Sources: {links}" if links else "")
        )
    area_panel(covering["intervention_id"].tolist() if len(covering) else [], row["area_name"])
