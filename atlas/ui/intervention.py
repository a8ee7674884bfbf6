"""One intervention of the register as the Partnerships page shows it: name, status, years, funding,
coverage, flags, partners, sources, corrections and its areas' latest headline figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from atlas.data import partnerships as P
from atlas.exports import buttons  # through the module: tests spy on the buttons
from atlas.ui.evidence_offer import refusal
from atlas.ui.universities import partnership_panel


def card(row: pd.Series) -> None:
    """Draw the register row ``row`` (its name is the intervention id)."""
    st.markdown(f"#### {P.md(row['name'])}")
    st.caption(
        f"{P.md(row['programme'])} · {P.md(row['type'])} · {row['status']} · register id {row.name}"
    )
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
    partnership_panel(row.name, row["name"])
    if row["n_areas"]:
        st.markdown(f"**Its areas now: latest published values against {P.against(row.name)}**")
        table = P.headlines(row.name)
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
            buttons.offer_downloads(
                table,
                f"headlines-{row.name}",
                f"Civic Atlas: headline indicators for {row['name']}",
                indicators=list(P.KEY_INDICATORS),
                key="pp_head_dl",
            )
        refused = refusal(row.name)
        if refused:  # no link to a comparison that can only refuse: say why instead
            st.caption(f"No before/after comparison is offered for this intervention: {refused}")
            return
        try:
            st.page_link(
                "pages/before_after.py",
                label="Compare before and after for this intervention",
                icon=":material/timeline:",
                query_params={"iv": row.name},
            )
        except StreamlitPageNotFoundError:  # the page run on its own (tests), outside app.py
            st.markdown(
                f"[Compare before and after for this intervention](/before-after?iv={row.name})"
            )
