"""Accessible names the page's own markup lacks, added in the browser by ``a11y.js`` (installed
once per tab from ``app.py``): every plotly chart a named figure with a short description, and
icon ligatures out of link and button names. See docs/accessibility.md."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

JS = Path(__file__).with_name("a11y.js").read_text(encoding="utf-8")


def install() -> None:
    """Add the script to this run's page (it acts once per browser tab, then watches the page)."""
    st.html(f"<script>{JS}</script>", unsafe_allow_javascript=True)
