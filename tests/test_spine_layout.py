"""The spine chart's layout without a browser (issue 18, point 1): labels cut to their column with
their qualifier kept, every layout's columns sized so labels, bars and values never share pixels,
and the scripts that name charts survive Streamlit's sanitiser."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.charts import spine as T

UI = Path(__file__).resolve().parents[1] / "atlas" / "ui"


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Attainment 8", "Attainment 8"),
        ("Good level of development (FSM)", "Good level of… (FSM)"),
        ("No qualifications (16-64)", "No qualificatio… (16-64)"),
    ],
)
def test_labels_are_cut_to_their_column_keeping_the_qualifier(text, cut):
    assert T._short(text, 24) == cut
    assert len(T._short(text, 24)) <= 24


def test_two_rows_never_read_alike_once_cut():
    a, b = (
        T._short("Healthy life expectancy (female)", 20),
        T._short("Healthy life expectancy (male)", 20),
    )
    assert a != b


@pytest.mark.parametrize("script", ["a11y.js", "present_history.js", "present_keys.js"])
def test_scripts_have_no_markup_for_the_sanitiser_to_drop(script):
    """DOMPurify removes a <script> whose text contains '<' before a letter or '/' (it looks like
    markup), and then the chart names and the Back button silently stop working."""
    import re

    assert not re.search(r"<[/\w]", (UI / script).read_text(encoding="utf-8"))
