"""The university panels: the Commission's rankings of the universities in a partnership (Partnerships
page) and of the partner universities of an area's partnerships (profile, "Universities here")."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas.data import universities as U
from atlas.data.db import version
from atlas.exports import buttons  # through the module: tests spy on the buttons
from atlas.text.formatting import md
from atlas.ui import figures as cached


def partnership_panel(iv: str, name: str) -> None:
    """Ranks in words and the decile chart for each ranked university among ``iv``'s partners;
    the unranked ones with the reason. Nothing when no university is named."""
    ranked, unranked = U.for_intervention(iv)
    if ranked.empty and unranked.empty:
        return
    st.markdown("**Its universities on the Social Mobility Commission's rankings**")
    st.caption(U.CAVEAT)
    for provider, g in ranked.groupby("provider_name", sort=False):
        shown = g["register_name"].iloc[0]
        with st.container(border=True):
            st.markdown(f"**{md(shown)}** (the Commission's name: {md(provider)})")
            left, right = st.columns([1, 1.2])
            with left:
                for r in g.itertuples():
                    st.markdown(f"*{r.measure_title}:* {U.rank_sentence(g.loc[r.Index])}")
            with right:
                fig = cached.university_deciles(provider, shown)
                st.plotly_chart(fig, key=f"uni_deciles_{iv}_{provider}")
                buttons.offer_pictures(
                    fig,
                    f"{shown}-intake-by-decile",
                    f"{shown}: intake by socio-economic decile, 2018 to 2020",
                    U.ATTRIBUTION,
                    key=f"uni_pic_{iv}_{provider}",
                )
            st.caption(
                "Blue above red: the university recruits more disadvantaged students than the pool "
                f"who met its entry grades. {U.ATTRIBUTION} (`{g['source_file'].iloc[0]}`, "
                f"line {int(g['line'].iloc[0])})."
            )
    if not unranked.empty:
        st.caption(
            "Not on the rankings: "
            + "; ".join(f"{md(r.register_name)} ({md(r.why)})" for r in unranked.itertuples())
            + "."
        )
    if not ranked.empty:
        buttons.offer_downloads(
            ranked.drop(columns=["is_ranked", "why"]),
            f"universities-{iv}",
            f"Civic Atlas: university rankings for {name}",
            description="The Social Mobility Commission's ranks and coefficients for the "
            "universities named among the partners, with file and line.",
            key=f"uni_dl_{iv}",
        )


def area_panel(ivs: list[str], area_name: str) -> None:
    """'Universities here': the ranked partner universities of the partnerships ``ivs`` (those
    covering the area)."""
    table = _area_table(version(), tuple(ivs))
    st.subheader("Universities here")
    if table is None:
        st.caption(
            f"No university named in a partnership covering {md(area_name)} is on the Social "
            "Mobility Commission's rankings (which cover England's universities only)."
        )
        return
    st.markdown(
        f"Universities named in the partnerships covering {md(area_name)}, on the Commission's "
        "rankings (1 = most disadvantaged intake relative to the pool)."
    )
    st.dataframe(table, hide_index=True, width="stretch", key="profile_universities")
    st.caption(U.CAVEAT + " " + U.ATTRIBUTION + ".")


@st.cache_resource(max_entries=512, show_spinner=False)
def _area_table(build: str, ivs: tuple[str, ...]) -> pd.DataFrame | None:
    """The ranked partner universities of ``ivs`` as a table, once per build and set of
    partnerships (~20 ms of frame work; shared, only read); None when none is ranked."""
    rows = U.for_partnerships(list(ivs))
    if rows.empty:
        return None
    table = U.summary(rows)
    parts = rows.drop_duplicates("provider_name").set_index("provider_name")["partnerships"]
    table.insert(1, "Partnerships", table["Commission's name"].map(parts))
    return table


def catalogue_panel() -> None:
    """Every university the Commission ranks, with its three ranks, and the table to download."""
    table = U.catalogue()
    st.subheader("University social-mobility rankings")
    st.markdown(
        f"The Social Mobility Commission ranks **{len(table)} English universities** on their "
        "intake: *equal access* (against all 18–19 year olds in England), the *social mobility "
        "coefficient* (against those who met the university's entry grades) and the same with "
        "*location weighting*. 1 = the most disadvantaged intake relative to the pool. " + U.CAVEAT
    )
    with st.expander(f"All {len(table)} universities"):
        st.dataframe(table, hide_index=True, width="stretch", key="cat_universities")
    buttons.offer_downloads(
        table,
        "civic-atlas-university-rankings",
        "Social Mobility Commission university rankings (State of the Nation 2026)",
        primary_key=["provider_name"],
        description=U.ATTRIBUTION + ". " + U.CAVEAT.replace("**", ""),
        key="dl_universities",
    )
