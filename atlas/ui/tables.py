"""The value table shown under the map and on Compare: one row per area with its value, the value
as published, its 95% interval (a column only when some row has one: no empty column promising
intervals), status, rank and comparison."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def value_columns(
    table: pd.DataFrame,
    meta: pd.Series,
    rank: str,
    comparison: str,
    first: dict | None = None,
    last: dict | None = None,
) -> dict:
    """``st.dataframe`` column config for ``table`` (rows of ``areas.map_table``), labelled for the
    indicator ``meta``; ``first``/``last`` add page-specific columns around the shared ones."""
    columns = {
        **(first or {}),
        "area_name": "Area",
        "value": st.column_config.NumberColumn(
            f"Value ({meta['unit']})", format=f"%.{int(meta['decimals'])}f"
        ),
        "value_text": "As published",
        "ci_text": "95% confidence interval",
        "status_text": "Status",
        "rank_text": rank,
        "comparison": comparison,
        **(last or {}),
    }
    if not table["ci_text"].astype(bool).any():
        del columns["ci_text"]
    return columns
