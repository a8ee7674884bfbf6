"""Data catalogue: what each indicator means, where it comes from, and its data to download."""

import pandas as pd
import streamlit as st

from atlas.data import catalogue as C
from atlas.exports.buttons import export_frame, offer_downloads
from atlas.ui import state, warehouse_downloads
from atlas.ui.universities import catalogue_panel

st.title("Data catalogue")
cat = C.entries()
publishers = cat["publisher"].nunique()
st.markdown(
    f"**{len(cat)} indicators** from {publishers} publishers. Every value in Civic Atlas keeps the "
    "file and the measure it was read from; each download below carries its definition, source, "
    "licence and the warehouse build it came from in a `datapackage.json`. " + C.freshness(cat)
)

url = state.Url()
wanted = url.choice("ind", list(cat["indicator_id"]), "", "a known indicator")
url.notice()
text = st.text_input(
    "Search indicators",
    key="q",
    bind="query-params",
    icon=":material/search:",
    placeholder="e.g. higher education, free school meals, life expectancy",
    width=640,
)
domains = st.pills(
    "Topic", list(C.DOMAINS), format_func=C.DOMAINS.get, selection_mode="multi", key="cat_domains"
)
shown = C.search(cat, text, domains)
if wanted in set(cat["indicator_id"]):  # a link to one indicator shows it first, and open
    linked = cat[cat["indicator_id"] == wanted]
    shown = C.first(pd.concat([linked, shown]).drop_duplicates("indicator_id"), wanted)
st.caption(f"Showing {len(shown)} of {len(cat)} indicators.")
if shown.empty:
    st.info("No indicator matches. Try fewer or shorter words.", icon=":material/search_off:")

for domain, group in shown.groupby("domain", sort=False):
    st.subheader(C.DOMAINS.get(domain, domain))
    for row in group.to_dict("records"):
        ind = row["indicator_id"]
        box = st.expander(
            f"**{row['title']}** · `{ind}` · {row['coverage']}"
            + (" · :orange[a newer release may exist]" if C.is_overdue(row) else ""),
            key=f"cat_open_{ind}",
            expanded=ind == wanted or len(shown) == 1,
            on_change="rerun",
        )
        if not box.open:
            continue  # details are drawn only when opened: the closed list stays instant
        with box:
            st.markdown(row["definition"])
            left, right = st.columns([1, 1], gap="large")
            latest = (
                f"; values for {row['latest_n_areas']} areas in {row['latest_period']}"
                if row["latest_period"]
                else ""
            )
            left.markdown(
                f"- **Topic:** {row['domain_title']} — {row['family_title']} ({row['subgroup']})\n"
                f"- **Unit:** {row['unit']}; **{row['polarity_words'].lower()}**\n"
                f"- **Published for:** {row['geography_words']}\n"
                f"- **Nations:** {row['nations_words']}\n"
                f"- **Periods:** {row['coverage']}{latest}\n"
                f"- {C.data_as_of(row).replace('Data as of', '**Data as of**', 1)}"
            )
            right.markdown(
                f"- **Publisher:** {row['publisher']}\n"
                f"- **Source:** [{row['source_title']}]({row['source_url']})\n"
                f"- **File:** `data/raw/{row['source_file']}`\n"
                f"- **Licence:** {row['licence']}\n"
                f"- **Attribution:** {row['attribution']}"
            )
            if row["caveats"]:
                st.markdown(f"**Caveats.** {row['caveats']}")
            if row["breaks"]:
                st.markdown(
                    "**Series breaks**\n"
                    + "\n".join(f"- **{b['period']}**: {b['note']}" for b in row["breaks"])
                )
            with st.container(horizontal=True, vertical_alignment="center"):
                st.page_link(
                    "pages/map.py",
                    label="Show on the map",
                    icon=":material/map:",
                    query_params={"ind": ind},
                )
                offer_downloads(
                    export_frame([ind]),
                    f"civic-atlas-{ind}",
                    f"Civic Atlas: {row['title']}",
                    indicators=[ind],
                    description=f"{row['title']}, every area and period.",
                )

st.divider()
st.subheader("The catalogue itself")
st.markdown(
    "All the metadata above as one table. For every value of every indicator, run "
    "`python -m pipelines export --out atlas.csv` (or `.parquet`, `.xlsx` for a few indicators); "
    "for every table, see *The whole warehouse* below."
)
offer_downloads(
    C.metadata_table(cat),
    "civic-atlas-catalogue",
    "Civic Atlas indicator catalogue",
    primary_key=["indicator_id"],
    key="dl_catalogue",
)
catalogue_panel()
warehouse_downloads.offer()
